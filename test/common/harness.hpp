// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_TEST_COMMON_HARNESS_HPP
#define OPENROUTER_TEST_COMMON_HARNESS_HPP

// What the loopback tests (loopback/common.hpp) and the conformance tests (conformance/harness.hpp)
// share: client options for one exchange per call, the emulator's fault script (header X-Emulator),
// running a coroutine to completion, and running one typed operation on a fresh client.

#include <openrouter/client.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>
#include <utility>

namespace harness {

namespace asio = boost::asio;

// Options for `base_url` with `api_key`. Retries are off: one response per call, so that each
// exchange is judged alone; tests of the policies set the ones they exercise.
inline openrouter::client_options client_options_for(std::string base_url, std::string api_key)
{
    openrouter::client_options o;
    o.base_url = std::move(base_url);
    o.api_key = std::move(api_key);
    o.policies.retry = openrouter::retry::none();
    return o;
}

// `o` with a fault script for the emulator sent on every request (header X-Emulator).
inline openrouter::client_options with_script(openrouter::client_options o, std::string script)
{
    o.default_headers.emplace_back("X-Emulator", std::move(script));
    return o;
}

// A chat request to the emulator's echo model (it answers with `text`).
inline openrouter::chat_request echo_request(std::string text)
{
    openrouter::chat_request r;
    r.model = "emulator/echo";
    r.messages.push_back(openrouter::message::user(std::move(text)));
    return r;
}

// `r` with the emulator's fault script in its body (member "emulator").
inline openrouter::chat_request scripted(openrouter::chat_request r, std::string_view script_json)
{
    r.extra["emulator"] = boost::json::parse(script_json);
    return r;
}

// Runs `aw` on `ioc` until it and everything it started is done; returns its result.
template <class T>
T run_on(asio::io_context& ioc, asio::awaitable<T> aw)
{
    auto fut = asio::co_spawn(ioc, std::move(aw), asio::use_future);
    ioc.restart();
    ioc.run();
    return fut.get();
}

// The same on a fresh io_context.
template <class T>
T run(asio::awaitable<T> aw)
{
    asio::io_context ioc;
    return run_on(ioc, std::move(aw));
}

// What one typed operation completed with.
template <class T>
struct outcome {
    openrouter::error_code ec;
    T value{};
    openrouter::diagnostics diag;
};

// `op(client&, diagnostics&)` returns the typed operation's awaitable (token
// `asio::as_tuple(asio::use_awaitable)`); it runs once on a client built from `o`.
template <class T, class Op>
asio::awaitable<outcome<T>> drive_on(openrouter::client_options o, Op op)
{
    openrouter::client cli(co_await asio::this_coro::executor, std::move(o));
    outcome<T> out;
    auto [ec, v] = co_await op(cli, out.diag);
    out.ec = ec;
    out.value = std::move(v);
    co_return out;
}

// drive_on to completion on a fresh io_context.
template <class T, class Op>
outcome<T> drive(openrouter::client_options o, Op op)
{
    return run(drive_on<T>(std::move(o), std::move(op)));
}

}  // namespace harness

#endif
