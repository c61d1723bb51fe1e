// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Every completion-token style works with the client's operations.

#include "loopback/common.hpp"

#include <boost/asio/deferred.hpp>

#include <thread>

using namespace test;
using openrouter::errc;
using openrouter::error_code;

TEST_CASE("tokens: use_awaitable")
{
    emu_fixture f;
    auto text = f.run([&]() -> asio::awaitable<std::string> {
        openrouter::client cli(co_await asio::this_coro::executor, f.options());
        auto c = co_await cli.async_chat(echo_request("awaitable"), asio::use_awaitable);
        co_return c.choices.at(0).message.text();
    }());
    CHECK(text == "awaitable");
}

TEST_CASE("tokens: the default token throws api_error with diagnostics when awaited")
{
    emu_fixture f;
    auto text = f.run([&]() -> asio::awaitable<std::string> {
        openrouter::client cli(co_await asio::this_coro::executor, f.options());
        auto c = co_await cli.async_chat(echo_request("default"));
        // [snippet: default-throws]
        try {
            co_await cli.async_chat(scripted(echo_request("x"), R"({"status":429,"retry_after":"2"})"));
            FAIL("expected api_error");
        } catch (const openrouter::api_error& e) {
            CHECK(e.code() == errc::rate_limited);
            CHECK(e.diag().http_status == 429);
            CHECK(e.diag().retry_after == std::chrono::milliseconds(2000));
            CHECK(std::string(e.what()).find("429") != std::string::npos);
        }
        // [/snippet]
        co_return c.choices.at(0).message.text();
    }());
    CHECK(text == "default");
}

TEST_CASE("tokens: as_tuple is the no-throw path")
{
    emu_fixture f;
    f.run([&]() -> asio::awaitable<void> {
        openrouter::client cli(co_await asio::this_coro::executor, f.options());
        auto [ec, c] = co_await cli.async_chat(scripted(echo_request("x"), R"({"status":503})"),
                                               asio::as_tuple(asio::use_awaitable));
        CHECK(ec == errc::no_provider_available);
        CHECK(c.choices.empty());
    }());
}

TEST_CASE("tokens: deferred, composed later")
{
    emu_fixture f;
    // [snippet: deferred]
    openrouter::client cli(f.ioc, f.options());
    auto op = cli.async_chat(echo_request("deferred"), asio::deferred);
    std::string got;
    std::move(op)([&](error_code ec, openrouter::chat_completion c) {
        CHECK_FALSE(ec);
        got = c.choices.at(0).message.text();
    });
    f.ioc.run();
    CHECK(got == "deferred");
    // [/snippet]
}

TEST_CASE("tokens: use_future with the io_context on another thread")
{
    emu_fixture f;
    // [snippet: use-future]
    auto guard = asio::make_work_guard(f.ioc);
    std::thread runner([&] { f.ioc.run(); });
    openrouter::client cli(f.ioc, f.options());
    auto fut = cli.async_chat(echo_request("future"), asio::use_future);
    CHECK(fut.get().choices.at(0).message.text() == "future");

    auto bad = cli.async_chat(scripted(echo_request("x"), R"({"status":401})"), asio::use_future);
    CHECK_THROWS_AS(bad.get(), boost::system::system_error);

    auto bad2 = cli.async_chat(scripted(echo_request("x"), R"({"status":402})"),
                               openrouter::with_diagnostics(asio::use_future));
    try {
        bad2.get();
        FAIL("expected api_error");
    } catch (const openrouter::api_error& e) {
        CHECK(e.code() == errc::insufficient_credits);
        CHECK(e.diag().http_status == 402);
    }
    guard.reset();
    runner.join();
    // [/snippet]
}

TEST_CASE("tokens: a plain callback, invoked through the client's executor, never inline")
{
    emu_fixture f;
    // [snippet: callback]
    openrouter::client cli(f.ioc, f.options());
    bool called = false;
    openrouter::diagnostics diag;
    cli.async_chat(scripted(echo_request("x"), R"({"status":400})"), diag,
                   [&](error_code ec, openrouter::chat_completion) {
                       called = true;
                       CHECK(ec == errc::bad_request);
                   });
    CHECK_FALSE(called);  // not from inside the initiating call
    f.ioc.run();
    CHECK(called);
    CHECK(diag.http_status == 400);
    // [/snippet]
}

TEST_CASE("tokens: the generic call reaches any endpoint")
{
    emu_fixture f;
    f.run([&]() -> asio::awaitable<void> {
        openrouter::client cli(co_await asio::this_coro::executor, f.options());
        // [snippet: generic-call]
        openrouter::api_request r;
        r.path = "/models";
        auto res = co_await cli.async_request(r, asio::use_awaitable);
        CHECK(res.status == 200);
        CHECK(res.body.as_object().at("data").as_array().size() >= 4);

        openrouter::api_request g;
        g.path = "/generation";
        g.query = {{"id", "gen-does-not-exist"}};
        openrouter::diagnostics d;
        auto [ec, r2] = co_await cli.async_request(g, d, asio::as_tuple(asio::use_awaitable));
        CHECK(ec == errc::not_found);
        CHECK(d.http_status == 404);
        // [/snippet]
    }());
    auto recorded = f.emu.requests();
    REQUIRE(recorded.size() == 2);
    CHECK(recorded[1].target == "/api/v1/generation?id=gen-does-not-exist");
}
