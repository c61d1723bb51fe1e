// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include "hostile/cases.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json/serialize.hpp>

namespace hostile {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using openrouter::chat_request;
using openrouter::message;

namespace {

constexpr auto tok = asio::as_tuple(asio::use_awaitable);

chat_request request()
{
    chat_request r;
    r.model = "m/x";
    r.messages.push_back(message::user("hello"));
    return r;
}

template <class F>
result run(const openrouter::client_options& o, F f)
{
    asio::io_context ioc;
    const auto t0 = std::chrono::steady_clock::now();
    auto fut = asio::co_spawn(
        ioc,
        [&]() -> asio::awaitable<result> {
            openrouter::client cli(co_await asio::this_coro::executor, o);
            result r;
            co_await f(cli, r);
            co_return r;
        },
        asio::use_future);
    ioc.run();
    result r = fut.get();
    r.took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
    return r;
}

}  // namespace

openrouter::client_options default_options(const server& s)
{
    openrouter::client_options o;
    o.base_url = s.base_url();
    o.api_key = fake_key;
    return o;
}

openrouter::client_options fast_options(const server& s)
{
    openrouter::client_options o = default_options(s);
    o.policies.retry = openrouter::retry::none();
    o.timeouts.connect = 2s;
    o.timeouts.response_headers = 1s;
    o.timeouts.response_body = 1s;
    o.timeouts.first_delta = 1s;
    o.timeouts.idle = 700ms;
    o.timeouts.total = 5s;
    o.limits.max_header_bytes = 16 * 1024;
    o.limits.max_body_bytes = 1024 * 1024;
    o.limits.max_event_bytes = 256 * 1024;
    return o;
}

result chat(const openrouter::client_options& o)
{
    return run(o, [](openrouter::client& cli, result& r) -> asio::awaitable<void> {
        auto [ec, c] = co_await cli.async_chat(request(), r.diag, tok);
        r.ec = ec;
        if (!ec && !c.choices.empty())
            r.text = c.choices[0].message.text();
    });
}

std::pair<result, result> chat_twice(const openrouter::client_options& o)
{
    std::pair<result, result> out;
    run(o, [&out](openrouter::client& cli, result&) -> asio::awaitable<void> {
        for (result* r : {&out.first, &out.second}) {
            auto [ec, c] = co_await cli.async_chat(request(), r->diag, tok);
            r->ec = ec;
            if (!ec && !c.choices.empty())
                r->text = c.choices[0].message.text();
        }
    });
    return out;
}

result models(const openrouter::client_options& o)
{
    return run(o, [](openrouter::client& cli, result& r) -> asio::awaitable<void> {
        auto [ec, m] = co_await openrouter::async_list_models(cli, {}, r.diag, tok);
        (void)m;
        r.ec = ec;
    });
}

result stream(const openrouter::client_options& o)
{
    return run(o, [](openrouter::client& cli, result& r) -> asio::awaitable<void> {
        auto [ec, s] = co_await cli.async_chat_stream(request(), r.diag, tok);
        r.ec = ec;
        if (ec)
            co_return;
        for (;;) {
            auto [nec, d] = co_await s.async_next(r.diag, tok);
            if (nec) {
                r.ec = nec;
                co_return;
            }
            if (!d)
                co_return;
            ++r.deltas;
            r.text += d->content;
        }
    });
}

std::string all_text(const openrouter::diagnostics& d)
{
    std::string s = d.summary() + "\n" + d.detail + "\n" + d.message + "\n" + d.body_excerpt + "\n" +
                    boost::json::serialize(d.metadata) + "\n" + d.api_code + "\n" + d.provider_error + "\n" +
                    d.flagged_input;
    for (const auto& a : d.attempts)
        s += "\n" + a.reason + " " + a.decision + " " + a.model;
    return s;
}

}  // namespace hostile
