// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Hedged streams against the emulator: the race is for the first decoded delta; the loser is
// cancelled and its connection closed (the emulator counts client closes). Also the attempt
// log's decision / reason / hedge fields as an operation reports them.

#include "loopback/common.hpp"

#include <openrouter/policies.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/steady_timer.hpp>

using namespace test;
using openrouter::errc;
using openrouter::error_code;
namespace fallback = openrouter::fallback;
namespace hedge = openrouter::hedge;
namespace retry = openrouter::retry;

namespace {

using ms = std::chrono::milliseconds;

fallback::overrides script(std::string_view json)
{
    fallback::overrides o;
    o.extra["emulator"] = boost::json::parse(json);
    return o;
}

// Options racing two chain entries: a hedge on the next entry `after` the first started.
openrouter::client_options race(emu_fixture& f, fallback::model_chain chain, ms after)
{
    auto o = f.options();
    o.policies.fallback.chain = std::move(chain);
    o.policies.hedge = hedge::policy{after, 1, hedge::target_model::next};
    return o;
}

struct hedged_run {
    error_code open_ec;                 // of async_chat_stream
    error_code end_ec;                  // of the last async_next
    std::string text;                   // the deltas' content
    std::string model;                  // accumulated().model
    openrouter::diagnostics open_diag;  // of async_chat_stream: the attempt log so far
    ms to_first_delta{};                // from the call to the first delta
    ms took{};
    std::size_t closed_by_client = 0;  // seen while the client (and its pool) still lives
    bool settled = false;              // exactly `open_after` connections left open in time
};

// Streams `req` to the end; then waits until `open_after` connections are open (the winner's is
// back in the pool) and counts the connections the client closed.
hedged_run stream_hedged(emu_fixture& f, openrouter::client_options o, openrouter::chat_request req,
                         std::size_t open_after = 1)
{
    return f.run([&]() -> asio::awaitable<hedged_run> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, o);
        hedged_run r;
        const auto t0 = std::chrono::steady_clock::now();
        auto [oec, s] =
            co_await cli.async_chat_stream(std::move(req), r.open_diag, asio::as_tuple(asio::use_awaitable));
        r.open_ec = oec;
        if (!oec) {
            bool first = true;
            for (;;) {
                auto [e, d] = co_await s.async_next(asio::as_tuple(asio::use_awaitable));
                if (e || !d) {
                    r.end_ec = e;
                    break;
                }
                if (first) {
                    r.to_first_delta = std::chrono::duration_cast<ms>(std::chrono::steady_clock::now() - t0);
                    first = false;
                }
                r.text += d->content;
            }
            r.model = s.accumulated().model;
        }
        r.took = std::chrono::duration_cast<ms>(std::chrono::steady_clock::now() - t0);
        r.settled = f.emu.wait_for_connections_open(open_after, std::chrono::seconds(3));
        r.closed_by_client = f.emu.connections_closed_by_client();
        co_return r;
    }());
}

std::string model_of_request(const openrouter::emulator::recorded_request& r)
{
    return std::string(boost::json::parse(r.body).as_object().at("model").as_string());
}

}  // namespace

TEST_CASE("stream hedge: the hedge delivers first and wins")
{
    emu_fixture f;
    // [doc:stream-hedge-wins]
    // The first attempt sends its head and a comment, then stalls; the hedge (same model) streams.
    auto o =
        race(f, fallback::model_chain{{"emulator/echo", script(R"({"stall_ms":5000})")}, {"emulator/echo"}}, ms(150));
    auto r = stream_hedged(f, o, echo_request("the hedge answers"));
    REQUIRE_FALSE(r.open_ec);
    CHECK_FALSE(r.end_ec);
    CHECK(r.text == "the hedge answers");
    CHECK(r.to_first_delta >= ms(150));
    CHECK(r.took < std::chrono::seconds(3));
    CHECK(f.emu.requests().size() == 2);
    // The stalled attempt's connection was closed by the client; the winner's went to the pool.
    CHECK(r.settled);
    CHECK(r.closed_by_client == 1);
    // The attempt log when the stream opened: 1 lost to the hedge, 2 (the hedge) runs on.
    const auto& log = r.open_diag.attempts;
    REQUIRE(log.size() == 2);
    CHECK(log[0].decision == "cancelled");
    CHECK(log[0].reason == "lost to attempt 2");
    CHECK_FALSE(log[0].hedge);
    CHECK(log[1].hedge);
    CHECK(log[1].model == "emulator/echo");
    CHECK(log[1].decision.empty());  // still streaming
    // [doc:stream-hedge-wins-end]
    check_no_key(r.open_diag);
}

TEST_CASE("stream hedge: the first attempt delivers first and the hedge loses")
{
    emu_fixture f;
    auto o = race(f,
                  fallback::model_chain{{"emulator/echo", script(R"({"stall_ms":400})")},
                                        {"emulator/lorem", script(R"({"stall_ms":5000})")}},
                  ms(100));
    o.timeouts.first_delta = std::chrono::seconds(2);  // generous: the winner honours it
    auto r = stream_hedged(f, o, echo_request("first one wins"));
    REQUIRE_FALSE(r.open_ec);
    CHECK_FALSE(r.end_ec);
    CHECK(r.text == "first one wins");
    CHECK(r.model == "emulator/echo");
    CHECK(r.to_first_delta >= ms(400));
    CHECK(r.took < std::chrono::seconds(3));
    auto recorded = f.emu.requests();
    REQUIRE(recorded.size() == 2);
    CHECK(model_of_request(recorded[1]) == "emulator/lorem");  // the hedge was sent
    CHECK(r.settled);
    CHECK(r.closed_by_client == 1);  // the hedge's connection
    const auto& log = r.open_diag.attempts;
    REQUIRE(log.size() == 2);
    CHECK(log[0].decision.empty());
    CHECK_FALSE(log[0].hedge);
    CHECK(log[1].hedge);
    CHECK(log[1].decision == "cancelled");
    CHECK(log[1].reason == "lost to attempt 1");
}

TEST_CASE("stream hedge: the hedge runs on the next model of the fallback chain")
{
    emu_fixture f;
    auto o =
        race(f, fallback::model_chain{{"emulator/echo", script(R"({"stall_ms":5000})")}, {"emulator/lorem"}}, ms(100));
    auto r = stream_hedged(f, o, echo_request("unused by lorem"));
    REQUIRE_FALSE(r.open_ec);
    CHECK_FALSE(r.end_ec);
    CHECK(r.model == "emulator/lorem");
    CHECK_FALSE(r.text.empty());
    auto recorded = f.emu.requests();
    REQUIRE(recorded.size() == 2);
    CHECK(model_of_request(recorded[0]) == "emulator/echo");
    CHECK(model_of_request(recorded[1]) == "emulator/lorem");
    CHECK(r.settled);
    CHECK(r.closed_by_client == 1);
    REQUIRE(r.open_diag.attempts.size() == 2);
    CHECK(r.open_diag.attempts[1].model == "emulator/lorem");
    CHECK(r.open_diag.attempts[1].hedge);
}

TEST_CASE("stream hedge: a hedge that fails is superseded and the first attempt goes on")
{
    emu_fixture f;
    auto o = race(f,
                  fallback::model_chain{{"emulator/echo", script(R"({"stall_ms":400})")},
                                        {"emulator/echo", script(R"({"status":503})")}},
                  ms(100));
    auto r = stream_hedged(f, o, echo_request("still here"));
    REQUIRE_FALSE(r.open_ec);
    CHECK_FALSE(r.end_ec);
    CHECK(r.text == "still here");
    CHECK(f.emu.requests().size() == 2);
    const auto& log = r.open_diag.attempts;
    REQUIRE(log.size() == 2);
    CHECK(log[1].hedge);
    CHECK(log[1].http_status == 503);
    CHECK(log[1].decision == "superseded");
    CHECK(log[1].reason == "another attempt in flight");
}

TEST_CASE("stream hedge: no delta from any attempt fails with first_delta_timeout")
{
    emu_fixture f;
    auto o = race(f,
                  fallback::model_chain{{"emulator/echo", script(R"({"stall_ms":5000})")},
                                        {"emulator/echo", script(R"({"stall_ms":5000})")}},
                  ms(100));
    o.timeouts.first_delta = ms(300);
    auto r = stream_hedged(f, o, echo_request("never"), 0);
    CHECK(r.open_ec == errc::first_delta_timeout);
    CHECK(r.took < std::chrono::seconds(2));
    CHECK(r.settled);  // both connections closed
    const auto& log = r.open_diag.attempts;
    REQUIRE(log.size() == 2);
    CHECK(log[0].error == errc::first_delta_timeout);
    CHECK(log[0].decision == "superseded");
    CHECK(log[1].error == errc::first_delta_timeout);
    CHECK(log[1].hedge);
    CHECK(log[1].decision == "stop");
    CHECK(log[1].reason == "retries exhausted");
    check_no_key(r.open_diag);
}

namespace {

struct cancelled_run {
    error_code ec;
    openrouter::diagnostics diag;
    ms open_took{};
    ms took{};
    bool all_closed = false;
    std::size_t closed_by_client = 0;
};

}  // namespace

TEST_CASE("stream hedge: caller cancellation during the race closes every attempt")
{
    emu_fixture f;
    auto o = race(f,
                  fallback::model_chain{{"emulator/echo", script(R"({"stall_ms":5000})")},
                                        {"emulator/echo", script(R"({"stall_ms":5000})")}},
                  ms(100));
    auto r = f.run([&]() -> asio::awaitable<cancelled_run> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, o);
        cancelled_run out;
        asio::cancellation_signal sig;
        asio::steady_timer t(ex);
        t.expires_after(ms(400));  // both attempts are in flight by then
        t.async_wait([&](error_code te) {
            if (!te)
                sig.emit(asio::cancellation_type::terminal);
        });
        const auto t0 = std::chrono::steady_clock::now();
        auto req = echo_request("x");
        auto [e, s] = co_await cli.async_chat_stream(
            std::move(req), out.diag, asio::bind_cancellation_slot(sig.slot(), asio::as_tuple(asio::use_awaitable)));
        out.ec = e;
        out.took = std::chrono::duration_cast<ms>(std::chrono::steady_clock::now() - t0);
        out.all_closed = f.emu.wait_for_connections_open(0, std::chrono::seconds(3));
        out.closed_by_client = f.emu.connections_closed_by_client();
        co_return out;
    }());
    CHECK(r.ec == asio::error::operation_aborted);
    CHECK(r.took < std::chrono::seconds(2));
    CHECK(f.emu.requests().size() == 2);
    CHECK(r.all_closed);
    CHECK(r.closed_by_client == 2);
    REQUIRE(r.diag.attempts.size() == 2);
    for (const auto& a : r.diag.attempts) {
        CHECK(a.decision == "cancelled");
        CHECK(a.reason == "operation cancelled");
    }
    CHECK(r.diag.attempts[1].hedge);
}

TEST_CASE("stream hedge: cancelling the winner stream after the race")
{
    emu_fixture f;
    auto o = race(f,
                  fallback::model_chain{{"emulator/echo", script(R"({"stall_ms":5000})")},
                                        {"emulator/echo", script(R"({"stall_ms":5000,"stall_after_events":1})")}},
                  ms(100));
    auto r = f.run([&]() -> asio::awaitable<cancelled_run> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, o);
        cancelled_run out;
        auto req = echo_request("one two three");
        const auto topen = std::chrono::steady_clock::now();
        auto s = co_await cli.async_chat_stream(std::move(req));
        // The hedge's first delta is in at once: the open does not wait for its stall.
        out.open_took = std::chrono::duration_cast<ms>(std::chrono::steady_clock::now() - topen);
        auto d = co_await s.async_next();  // the hedge's first delta, then it stalls
        CHECK(d.has_value());
        asio::cancellation_signal sig;
        asio::steady_timer t(ex);
        t.expires_after(ms(200));
        t.async_wait([&](error_code te) {
            if (!te)
                sig.emit(asio::cancellation_type::terminal);
        });
        const auto t0 = std::chrono::steady_clock::now();
        for (;;) {
            auto [e, next] =
                co_await s.async_next(asio::bind_cancellation_slot(sig.slot(), asio::as_tuple(asio::use_awaitable)));
            if (e || !next) {
                out.ec = e;
                break;
            }
        }
        out.took = std::chrono::duration_cast<ms>(std::chrono::steady_clock::now() - t0);
        out.all_closed = f.emu.wait_for_connections_open(0, std::chrono::seconds(3));
        out.closed_by_client = f.emu.connections_closed_by_client();
        co_return out;
    }());
    CHECK(r.open_took < std::chrono::seconds(2));
    CHECK(r.ec == asio::error::operation_aborted);
    CHECK(r.took < std::chrono::seconds(2));
    CHECK(r.all_closed);
    CHECK(r.closed_by_client == 2);
}

TEST_CASE("stream hedge: without a hedge policy a stalled stream opens at its header")
{
    emu_fixture f;
    auto o = f.options();
    o.policies.fallback.chain = fallback::model_chain{{"emulator/echo", script(R"({"stall_ms":600})")}};
    auto r = stream_hedged(f, o, echo_request("plain"));
    REQUIRE_FALSE(r.open_ec);
    CHECK(r.text == "plain");
    CHECK(f.emu.requests().size() == 1);
    CHECK(r.closed_by_client == 0);
    REQUIRE(r.open_diag.attempts.size() == 1);
    CHECK(r.open_diag.attempts[0].decision.empty());  // in flight when the header came
}

TEST_CASE("policies: the attempt log carries model status error delay decision and reason")
{
    emu_fixture f;
    auto o = f.options();
    o.policies.retry = retry::limit(1, retry::fixed_delay{ms(5)});
    o.policies.fallback.chain =
        fallback::model_chain{{"emulator/echo", script(R"({"status":503})")}, {"emulator/lorem"}};
    // Same model first (the default rule would move on at once on a 503).
    o.policies.fallback.decide = [](const retry::attempt_outcome&) { return fallback::action::retry_same; };
    auto r = f.run([&]() -> asio::awaitable<std::pair<error_code, openrouter::diagnostics>> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, o);
        openrouter::diagnostics d;
        auto req = echo_request("log me");
        auto [e, c] = co_await cli.async_chat(std::move(req), d, asio::as_tuple(asio::use_awaitable));
        co_return std::pair{e, d};
    }());
    REQUIRE_FALSE(r.first);
    const auto& log = r.second.attempts;
    REQUIRE(log.size() == 3);
    CHECK(log[0].model == "emulator/echo");
    CHECK(log[0].http_status == 503);
    CHECK(log[0].error == errc::no_provider_available);
    CHECK(log[0].delay_before_next == ms(5));
    CHECK(log[0].decision == "retry");
    CHECK(log[0].reason == "retry policy: same model again");
    CHECK(log[1].decision == "fallback");
    CHECK(log[1].reason == "retries exhausted");
    CHECK(log[2].model == "emulator/lorem");
    CHECK(log[2].http_status == 200);
    CHECK_FALSE(log[2].error);
    CHECK(log[2].decision == "success");
    CHECK(log[2].reason == "completed");
    for (const auto& a : log)
        CHECK_FALSE(a.hedge);
    check_no_key(r.second);
}
