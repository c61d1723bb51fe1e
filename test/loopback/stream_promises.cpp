// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// What chat_stream.hpp and responses.hpp promise about async_next, against the emulator: a
// handler is never invoked from inside async_next (plain callbacks on ended and empty streams
// included), and a second async_next started while one is pending completes with
// errc::operation_in_progress without disturbing the pending one or the stream.

#include "loopback/run_op.hpp"

#include <openrouter/responses.hpp>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <future>
#include <optional>
#include <string>
#include <thread>

using namespace test;
using openrouter::errc;
using openrouter::error_code;

namespace {

// A plain callback on a default-constructed (empty) `Stream` yielding `Item`: it completes with
// invalid_request and is never invoked inline. The system executor runs it on one of its own
// threads, possibly before async_next returns on this one: "never inline" means not on the
// calling thread inside the call.
template <class Stream, class Item>
void check_plain_callback_not_inline()
{
    Stream s;
    std::atomic<bool> returned{false};
    const auto caller = std::this_thread::get_id();
    std::promise<bool> p;  // whether it ran inline (on the caller's thread, inside the call)
    s.async_next([&](error_code e, std::optional<Item>) {
        CHECK(e == errc::invalid_request);
        p.set_value(std::this_thread::get_id() == caller && !returned.load());
    });
    returned = true;
    auto fut = p.get_future();
    REQUIRE(fut.wait_for(10s) == std::future_status::ready);
    CHECK_FALSE(fut.get());
}

// Waits (in a coroutine) until `done` is true, a few milliseconds at a time, at most `limit`.
asio::awaitable<bool> wait_until(const bool& done, std::chrono::milliseconds limit = 10s)
{
    auto ex = co_await asio::this_coro::executor;
    asio::steady_timer t(ex);
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!done && std::chrono::steady_clock::now() < until) {
        t.expires_after(2ms);
        co_await t.async_wait(asio::use_awaitable);
    }
    co_return done;
}

openrouter::responses_request responses_echo(std::string text)
{
    openrouter::responses_request r;
    r.model = "emulator/echo";
    r.input = std::move(text);
    return r;
}

// The server pauses for a second after the first data event.
constexpr const char* stall_script = R"({"stall_after_events":1,"stall_ms":1000})";

}  // namespace

TEST_CASE("stream promises: a plain callback on an ended chat stream is not invoked inside async_next")
{
    emu_fixture f;
    f.run([&]() -> asio::awaitable<void> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, f.options());
        auto s = co_await cli.async_chat_stream(echo_request("one two"));
        while (co_await s.async_next()) {
        }
        REQUIRE(s.done());
        for (int i = 0; i < 2; ++i) {  // the end, then the same end again
            bool called = false;
            error_code got = errc::http_error;
            bool engaged = true;
            s.async_next([&](error_code e, std::optional<openrouter::chat_delta> d) {
                called = true;
                got = e;
                engaged = d.has_value();
            });
            CHECK_FALSE(called);
            CHECK(co_await wait_until(called));
            CHECK_FALSE(got);
            CHECK_FALSE(engaged);
        }
    }());
}

TEST_CASE("stream promises: a plain callback on an ended responses stream is not invoked inside async_next")
{
    emu_fixture f;
    f.run([&]() -> asio::awaitable<void> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, f.options());
        auto s = co_await openrouter::async_responses_stream(cli, responses_echo("one two"));
        while (co_await s.async_next()) {
        }
        REQUIRE(s.done());
        bool called = false;
        error_code got = errc::http_error;
        s.async_next([&](error_code e, std::optional<openrouter::responses_event> ev) {
            called = true;
            got = e;
            CHECK_FALSE(ev);
        });
        CHECK_FALSE(called);
        CHECK(co_await wait_until(called));
        CHECK_FALSE(got);
    }());
}

TEST_CASE("stream promises: async_next on an empty stream never invokes the handler inside the call")
{
    SECTION("chat_stream, a plain callback (its executor is the system executor)")
    {
        check_plain_callback_not_inline<openrouter::chat_stream, openrouter::chat_delta>();
    }
    SECTION("responses_stream, a plain callback")
    {
        check_plain_callback_not_inline<openrouter::responses_stream, openrouter::responses_event>();
    }
    SECTION("chat_stream, a callback bound to an io_context")
    {
        asio::io_context ioc;
        openrouter::chat_stream s;
        bool called = false;
        error_code got;
        s.async_next(asio::bind_executor(ioc, [&](error_code e, std::optional<openrouter::chat_delta>) {
            called = true;
            got = e;
        }));
        CHECK_FALSE(called);
        ioc.run();
        CHECK(called);
        CHECK(got == errc::invalid_request);
    }
    SECTION("chat_stream, a coroutine")
    {
        asio::io_context ioc;
        auto fut = asio::co_spawn(
            ioc,
            []() -> asio::awaitable<error_code> {
                openrouter::chat_stream s;
                auto [e, d] = co_await s.async_next(asio::as_tuple(asio::use_awaitable));
                CHECK_FALSE(d);
                co_return e;
            }(),
            asio::use_future);
        ioc.run();
        CHECK(fut.get() == errc::invalid_request);
    }
}

TEST_CASE("stream promises: a second async_next while one is pending fails with operation_in_progress (callbacks)")
{
    emu_fixture f;
    f.run([&]() -> asio::awaitable<void> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, f.options());
        auto s = co_await cli.async_chat_stream(scripted(echo_request("a b c"), stall_script));
        std::string text;
        {  // the one event before the stall
            auto d = co_await s.async_next();
            REQUIRE(d);
            text += d->content;
        }

        // The first waits for the stalled server; the second is refused at once.
        bool first_called = false, second_called = false, second_first = false;
        error_code first_ec = errc::http_error, second_ec;
        std::optional<openrouter::chat_delta> first_delta, second_delta;
        openrouter::diagnostics d2;
        s.async_next([&](error_code e, std::optional<openrouter::chat_delta> d) {
            first_called = true;
            first_ec = e;
            first_delta = std::move(d);
        });
        s.async_next(d2, [&](error_code e, std::optional<openrouter::chat_delta> d) {
            second_called = true;
            second_first = !first_called;
            second_ec = e;
            second_delta = std::move(d);
        });
        CHECK_FALSE(first_called);
        CHECK_FALSE(second_called);
        CHECK(co_await wait_until(second_called));
        CHECK(second_ec == errc::operation_in_progress);
        CHECK(second_first);  // refused at once, not after the stall
        CHECK_FALSE(second_delta);
        CHECK_FALSE(d2.detail.empty());

        // The pending one is not disturbed, and the stream goes on to its clean end.
        REQUIRE(co_await wait_until(first_called));
        REQUIRE_FALSE(first_ec);
        REQUIRE(first_delta);
        text += first_delta->content;
        while (auto d = co_await s.async_next())
            text += d->content;
        CHECK(text == "a b c");
        CHECK(s.accumulated().choices.at(0).message.text() == "a b c");
    }());
}

namespace {

struct next_result {
    bool done = false;
    error_code ec = errc::http_error;
    std::optional<openrouter::chat_delta> delta;
};

// The pending async_next of the coroutine test (a named coroutine, see architecture.md 6).
asio::awaitable<void> pending_next(openrouter::chat_stream& s, next_result& out)
{
    auto d = co_await s.async_next();  // the default token: throws on error
    out.ec = {};
    out.delta = std::move(d);
    out.done = true;
}

}  // namespace

TEST_CASE("stream promises: a second async_next while one is pending fails with operation_in_progress (coroutines)")
{
    emu_fixture f;
    f.run([&]() -> asio::awaitable<void> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, f.options());
        auto s = co_await cli.async_chat_stream(scripted(echo_request("a b c"), stall_script));
        std::string text;
        {  // the one event before the stall
            auto d = co_await s.async_next();
            REQUIRE(d);
            text += d->content;
        }
        next_result first;
        asio::co_spawn(ex, pending_next(s, first), [&](std::exception_ptr e) {
            if (e) {
                first.ec = errc::http_error;
                first.done = true;
            }
        });
        asio::steady_timer t(ex);
        t.expires_after(100ms);  // the spawned coroutine is now waiting for the stalled server
        co_await t.async_wait(asio::use_awaitable);
        REQUIRE_FALSE(first.done);

        {  // as_tuple
            auto [e, d] = co_await s.async_next(asio::as_tuple(asio::use_awaitable));
            CHECK(e == errc::operation_in_progress);
            CHECK_FALSE(d);
        }
        {  // the default token throws api_error
            error_code thrown;
            try {
                auto d = co_await s.async_next();
                CHECK_FALSE(d);
            } catch (const openrouter::api_error& e) {
                thrown = e.code();
            }
            CHECK(thrown == errc::operation_in_progress);
        }
        {  // the default token with diagnostics
            openrouter::diagnostics diag;
            error_code thrown;
            try {
                auto d = co_await s.async_next(diag);
                CHECK_FALSE(d);
            } catch (const openrouter::api_error& e) {
                thrown = e.code();
            }
            CHECK(thrown == errc::operation_in_progress);
            CHECK_FALSE(diag.detail.empty());
        }
        CHECK_FALSE(first.done);
        CHECK_FALSE(openrouter::is_retryable(errc::operation_in_progress));

        REQUIRE(co_await wait_until(first.done));
        REQUIRE_FALSE(first.ec);
        REQUIRE(first.delta);
        text += first.delta->content;
        while (auto d = co_await s.async_next())
            text += d->content;
        CHECK(text == "a b c");
    }());
}

TEST_CASE("stream promises: a second async_next on a Responses stream while one is pending fails with "
          "operation_in_progress")
{
    emu_fixture f;
    f.run([&]() -> asio::awaitable<void> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, with_script(f.options(), stall_script));
        auto s = co_await openrouter::async_responses_stream(cli, responses_echo("a b c"));
        auto ev = co_await s.async_next();  // the event before the stall
        REQUIRE(ev);

        bool first_called = false, second_called = false, second_first = false;
        error_code first_ec = errc::http_error, second_ec;
        std::optional<openrouter::responses_event> first_event;
        s.async_next([&](error_code e, std::optional<openrouter::responses_event> x) {
            first_called = true;
            first_ec = e;
            first_event = std::move(x);
        });
        s.async_next([&](error_code e, std::optional<openrouter::responses_event> x) {
            second_called = true;
            second_first = !first_called;
            second_ec = e;
            CHECK_FALSE(x);
        });
        CHECK_FALSE(second_called);
        CHECK(co_await wait_until(second_called));
        CHECK(second_ec == errc::operation_in_progress);
        CHECK(second_first);

        {  // a coroutine's second async_next is refused the same way
            auto [e, x] = co_await s.async_next(asio::as_tuple(asio::use_awaitable));
            CHECK(e == errc::operation_in_progress);
            CHECK_FALSE(x);
        }

        REQUIRE(co_await wait_until(first_called));
        REQUIRE_FALSE(first_ec);
        REQUIRE(first_event);
        while (co_await s.async_next()) {
        }
        CHECK(s.text() == "a b c");
        CHECK(s.final_response().has_value());
    }());
}
