// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_TEST_LOOPBACK_API_B_COMMON_HPP
#define OPENROUTER_TEST_LOOPBACK_API_B_COMMON_HPP

// Runs one typed operation against the emulator and returns (error, value, diagnostics).

#include "loopback/common.hpp"

namespace test {

template <class T>
struct op_result {
    openrouter::error_code ec;
    T value{};
    openrouter::diagnostics diag;
};

// `start(client&, diagnostics&)` returns the awaitable of an `as_tuple(use_awaitable)` operation.
template <class T, class Start>
op_result<T> run_op(emu_fixture& f, openrouter::client_options o, Start start)
{
    return f.run([&]() -> asio::awaitable<op_result<T>> {
        openrouter::client cli(co_await asio::this_coro::executor, o);
        op_result<T> r;
        auto [ec, v] = co_await start(cli, r.diag);
        r.ec = ec;
        r.value = std::move(v);
        co_return r;
    }());
}

inline openrouter::client_options with_script(openrouter::client_options o, std::string script)
{
    o.default_headers.emplace_back("X-Emulator", std::move(script));
    return o;
}

}  // namespace test

#endif
