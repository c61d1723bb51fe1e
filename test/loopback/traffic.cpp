// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The client's traffic limits against the emulator: the concurrency limit seen from the server's
// side, a stream holding its slot until it ends, the cost budget, the adaptive rate on 429s, and
// a wait for admission that is cancelled or runs into timeouts.total.
#include "loopback/common.hpp"

#include <openrouter/models.hpp>
#include <openrouter/traffic.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/steady_timer.hpp>

using namespace test;
using openrouter::errc;
using openrouter::error_code;
namespace retry = openrouter::retry;
namespace fallback = openrouter::fallback;

namespace {

// Runs `n` chats of `req` at once on one client; returns their errors.
std::vector<error_code> chats_at_once(emu_fixture& f, openrouter::client& cli, openrouter::chat_request req,
                                      std::size_t n)
{
    std::vector<error_code> out(n);
    std::size_t left = n;
    for (std::size_t i = 0; i < n; ++i) {
        cli.async_chat(req, [&, i](error_code ec, openrouter::chat_completion) {
            out[i] = ec;
            --left;
        });
    }
    f.ioc.restart();
    f.ioc.run();
    CHECK(left == 0);
    return out;
}

}  // namespace

TEST_CASE("traffic: the concurrency limit holds on the wire")
{
    emu_fixture f;
    auto o = f.options();
    o.traffic.max_in_flight = 4;  // the pool would allow 64
    openrouter::client cli(f.ioc, o);
    const auto errors = chats_at_once(f, cli, scripted(echo_request("slowly"), R"({"delay_ms":20})"), 40);
    for (const auto& ec : errors)
        CHECK_FALSE(ec);
    const auto s = cli.traffic();
    CHECK(s.peak_in_flight == 4);
    CHECK(s.admitted == 40);
    CHECK(s.in_flight == 0);
    CHECK(s.waiting == 0);
    CHECK(f.emu.requests().size() == 40);
    CHECK(f.emu.connections_accepted() <= 4);  // a connection is opened only for an admitted attempt
}

TEST_CASE("traffic: the per-model limit holds per model")
{
    emu_fixture f;
    auto o = f.options();
    o.traffic.max_in_flight_per_model = 2;
    openrouter::client cli(f.ioc, o);
    auto slow = scripted(echo_request("slowly"), R"({"delay_ms":20})");
    auto other = slow;
    other.model = "emulator/lorem";
    std::size_t done = 0;
    for (int i = 0; i < 6; ++i) {
        cli.async_chat(slow, [&](error_code ec, openrouter::chat_completion) {
            CHECK_FALSE(ec);
            ++done;
        });
        cli.async_chat(other, [&](error_code ec, openrouter::chat_completion) {
            CHECK_FALSE(ec);
            ++done;
        });
    }
    f.ioc.run();
    CHECK(done == 12);
    CHECK(cli.traffic().peak_in_flight == 4);  // two per model, both models at once
}

TEST_CASE("traffic: a stream holds its slot until it ends")
{
    emu_fixture f;
    auto o = f.options();
    o.traffic.max_in_flight = 1;
    f.run([&]() -> asio::awaitable<void> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, o);
        auto s = co_await cli.async_chat_stream(echo_request("one at a time"));
        CHECK(cli.traffic().in_flight == 1);
        // A chat started now waits for the stream's slot.
        bool chat_done = false;
        cli.async_chat(echo_request("after"), [&](error_code ec, openrouter::chat_completion) {
            CHECK_FALSE(ec);
            chat_done = true;
        });
        asio::steady_timer t(ex, 50ms);
        co_await t.async_wait(asio::use_awaitable);
        CHECK_FALSE(chat_done);
        CHECK(cli.traffic().waiting == 1);
        std::string text;
        while (auto d = co_await s.async_next())
            text += d->content;
        CHECK(text == "one at a time");
        for (int i = 0; i < 100 && !chat_done; ++i) {
            t.expires_after(10ms);
            co_await t.async_wait(asio::use_awaitable);
        }
        CHECK(chat_done);
        CHECK(cli.traffic().in_flight == 0);
    }());
}

TEST_CASE("traffic: a stream dropped unfinished gives its slot back")
{
    emu_fixture f;
    auto o = f.options();
    o.traffic.max_in_flight = 1;
    f.run([&]() -> asio::awaitable<void> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, o);
        {
            auto s = co_await cli.async_chat_stream(echo_request("left behind"));
            CHECK(cli.traffic().in_flight == 1);
        }
        // The stream closes on the client's strand after its destruction.
        asio::steady_timer t(ex);
        for (int i = 0; i < 100 && cli.traffic().in_flight != 0; ++i) {
            t.expires_after(5ms);
            co_await t.async_wait(asio::use_awaitable);
        }
        CHECK(cli.traffic().in_flight == 0);
        auto c = co_await cli.async_chat(echo_request("next"));
        CHECK(c.choices.at(0).message.text() == "next");
    }());
}

TEST_CASE("traffic: the budget refuses new generations once spent; running ones finish")
{
    emu_fixture f;
    auto o = f.options();
    o.traffic.budget_usd = 0.0001;  // the emulator charges (prompt + 2 * completion tokens) / 1e6
    f.run([&]() -> asio::awaitable<void> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, o);
        int succeeded = 0;
        double charged = 0;
        error_code last;
        openrouter::diagnostics diag;
        for (int i = 0; i < 1000; ++i) {
            auto [ec, c] = co_await cli.async_chat(echo_request("spend a little of the budget"), diag,
                                                   asio::as_tuple(asio::use_awaitable));
            last = ec;
            if (ec)
                break;
            ++succeeded;
            charged += c.usage ? c.usage->cost.value_or(0) : 0;
        }
        CHECK(last == errc::budget_exhausted);
        CHECK(diag.detail.find("budget") != std::string::npos);
        CHECK(diag.attempts.empty());  // refused without I/O
        CHECK(succeeded > 0);
        CHECK(static_cast<int>(f.emu.requests().size()) == succeeded);
        const auto s = cli.traffic();
        CHECK(s.budget_exhausted);
        CHECK(s.spent_usd == Approx(charged));
        CHECK(s.spent_usd >= 0.0001);
        // Streams and legacy completions are refused too; other calls are not.
        auto [sec, st] = co_await cli.async_chat_stream(echo_request("x"), asio::as_tuple(asio::use_awaitable));
        CHECK(sec == errc::budget_exhausted);
        auto [mec, models] = co_await openrouter::async_list_models(cli, {}, asio::as_tuple(asio::use_awaitable));
        CHECK_FALSE(mec);
    }());
}

TEST_CASE("traffic: a stream's usage chunk counts against the budget")
{
    emu_fixture f;
    auto o = f.options();
    o.traffic.budget_usd = 1.0;
    f.run([&]() -> asio::awaitable<void> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, o);
        auto s = co_await cli.async_chat_stream(echo_request("counted"));
        double cost = 0;
        while (auto d = co_await s.async_next())
            if (d->usage)
                cost += d->usage->cost.value_or(0);
        CHECK(cost > 0);
        CHECK(cli.traffic().spent_usd == Approx(cost));
    }());
}

TEST_CASE("traffic: 429s lower the adaptive rate, pause the client, and retry the same model")
{
    emu_fixture f;
    auto o = f.options();
    o.policies.retry = retry::default_policy();
    o.policies.fallback.chain = fallback::model_chain{{"emulator/echo"}, {"emulator/lorem"}};
    openrouter::adaptive_rate rate;
    rate.initial = 200;
    rate.ceiling = 200;
    rate.increase_per_success = 10;
    o.traffic.rate = rate;
    f.run([&]() -> asio::awaitable<void> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, o);
        openrouter::diagnostics diag;
        auto c = co_await cli.async_chat(
            scripted(echo_request("wait for me"), R"({"key":"aimd","statuses":[429,200],"retry_after_ms":150})"), diag);
        CHECK(c.model == "emulator/echo");  // waited and retried; did not fall back
        REQUIRE(diag.attempts.size() == 2);
        CHECK(diag.attempts[0].http_status == 429);
        CHECK(diag.attempts[0].decision.rfind("retry", 0) == 0);
        auto s = cli.traffic();
        CHECK(s.rate_limited == 1);
        CHECK(s.decreases == 1);
        CHECK(s.rate == Approx(100 + 10));  // halved, then one success
        // Successes bring it back up to where it was.
        for (int i = 0; i < 10; ++i)
            (void)co_await cli.async_chat(echo_request("ok"));
        CHECK(cli.traffic().rate == Approx(200));
    }());
    const auto recorded = f.emu.requests();
    REQUIRE(recorded.size() >= 2);
    CHECK(boost::json::parse(recorded[1].body).at("model").as_string() == "emulator/echo");
}

TEST_CASE("traffic: with fall_back_on_429 the fallback rule decides again")
{
    emu_fixture f;
    auto o = f.options();
    o.policies.retry = retry::default_policy();
    o.policies.fallback.chain = fallback::model_chain{{"emulator/echo"}, {"emulator/lorem"}};
    openrouter::adaptive_rate rate;
    rate.fall_back_on_429 = true;
    o.traffic.rate = rate;
    f.run([&]() -> asio::awaitable<void> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, o);
        auto req = scripted(echo_request("move on"), R"({"key":"fb","statuses":[429,200],"retry_after_ms":10})");
        req.max_tokens = 3;
        auto c = co_await cli.async_chat(req);
        CHECK(c.model == "emulator/lorem");
    }());
}

TEST_CASE("traffic: a Retry-After holds back the other requests of the client too")
{
    emu_fixture f;
    auto o = f.options();  // no retries: the 429 fails its request at once
    openrouter::adaptive_rate rate;
    rate.initial = 1000;
    o.traffic.rate = rate;
    f.run([&]() -> asio::awaitable<void> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, o);
        auto [ec, c1] =
            co_await cli.async_chat(scripted(echo_request("first"), R"({"status":429,"retry_after_ms":300})"),
                                    asio::as_tuple(asio::use_awaitable));
        CHECK(ec == errc::rate_limited);
        CHECK(cli.traffic().paused_for > 200ms);
        // An unrelated request sent at once waits for the client-wide pause.
        const auto t0 = std::chrono::steady_clock::now();
        auto c = co_await cli.async_chat(echo_request("unrelated"));
        CHECK(c.choices.at(0).message.text() == "unrelated");
        CHECK(std::chrono::steady_clock::now() - t0 >= 200ms);
        CHECK(cli.traffic().paused_for == 0ms);
    }());
}

TEST_CASE("traffic: waiting for admission is cancellable")
{
    emu_fixture f;
    auto o = f.options();
    o.traffic.max_in_flight = 1;
    f.run([&]() -> asio::awaitable<void> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, o);
        bool first_done = false;
        cli.async_chat(scripted(echo_request("hog"), R"({"delay_ms":300})"),
                       [&](error_code ec, openrouter::chat_completion) {
                           CHECK_FALSE(ec);
                           first_done = true;
                       });
        asio::cancellation_signal sig;
        asio::steady_timer t(ex, 50ms);
        t.async_wait([&](error_code) { sig.emit(asio::cancellation_type::terminal); });
        openrouter::diagnostics diag;
        auto [ec, c] =
            co_await cli.async_chat(echo_request("impatient"), diag,
                                    asio::bind_cancellation_slot(sig.slot(), asio::as_tuple(asio::use_awaitable)));
        CHECK(ec == asio::error::operation_aborted);
        CHECK_FALSE(first_done);
        CHECK(cli.traffic().waiting == 0);
        t.expires_after(400ms);
        co_await t.async_wait(asio::use_awaitable);
        CHECK(first_done);
        CHECK(cli.traffic().in_flight == 0);
        CHECK(f.emu.requests().size() == 1);  // the cancelled one never went out
    }());
}

TEST_CASE("traffic: waiting for admission ends at timeouts.total")
{
    emu_fixture f;
    auto o = f.options();
    o.traffic.max_in_flight = 1;
    o.timeouts.total = 200ms;
    f.run([&]() -> asio::awaitable<void> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, o);
        // An open stream that nobody reads holds the only slot.
        auto s = co_await cli.async_chat_stream(echo_request("hog"));
        openrouter::diagnostics diag;
        auto [ec, c] = co_await cli.async_chat(echo_request("late"), diag, asio::as_tuple(asio::use_awaitable));
        CHECK(ec == errc::total_timeout);
        INFO(diag.detail);
        CHECK(diag.detail.find("traffic") != std::string::npos);
        CHECK(cli.traffic().waiting == 0);
        CHECK(cli.traffic().in_flight == 1);
        CHECK(f.emu.requests().size() == 1);
    }());
}
