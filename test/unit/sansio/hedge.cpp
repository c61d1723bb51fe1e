// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Hedging in the attempt loop, under a mock clock: a hedge that wins, one that loses, hedges on
// the next model, several hedges, failures during the race, and stale timers.
#include "unit/sansio/attempt_loop_harness.hpp"

#include <openrouter/hedge.hpp>

#include <boost/asio/error.hpp>

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using namespace loop_test;
using openrouter::errc;
using openrouter::request_policies;
namespace hedge = openrouter::hedge;
namespace retry = openrouter::retry;
using strings = std::vector<std::string>;

namespace {

request_policies hedged(hedge::policy h)
{
    request_policies p;
    p.hedge = h;
    return p;
}

}  // namespace

TEST_CASE("hedge: the hedge delivers first and wins")
{
    // [doc:hedge-wins]
    request_policies p;
    p.hedge = hedge::policy{.after = 2s, .max_hedges = 1};
    attempt_loop loop(p, {"m"}, nullptr, "h", t0, 1);

    CHECK(str(loop.start(t0)) == "start 1 m0; timer 2000");         // arm the hedge timer
    CHECK(str(loop.on_timer(t0 + 2s)) == "start 2 m0");             // no delta after 2 s: hedge
    CHECK(str(loop.on_first_delta(2, t0 + 2500ms)) == "cancel 1");  // the hedge wins
    CHECK(str(loop.on_success(2, t0 + 4s)) == "success 2");
    CHECK(lines(loop.log()) ==
          strings{"1 m 0 ok 0 cancelled: lost to attempt 2", "2 m 200 ok 0 success: completed (hedge)"});
    // [doc:hedge-wins-end]
    // The loser's late events are ignored.
    CHECK(str(loop.on_failure(1, boost::asio::error::operation_aborted, diag(0), t0 + 4s)).empty());
}

TEST_CASE("hedge: the original delivers first and the hedge loses")
{
    attempt_loop loop(hedged({.after = 2s, .max_hedges = 1}), {"m"}, nullptr, "h", t0, 1);
    loop.start(t0);
    CHECK(str(loop.on_timer(t0 + 2s)) == "start 2 m0");
    CHECK(str(loop.on_first_delta(1, t0 + 2100ms)) == "cancel 2");
    CHECK(str(loop.on_first_delta(2, t0 + 2200ms)).empty());  // too late: already cancelled
    CHECK(str(loop.on_success(1, t0 + 3s)) == "success 1");
    CHECK(lines(loop.log()) ==
          strings{"1 m 200 ok 0 success: completed", "2 m 0 ok 0 cancelled: lost to attempt 1 (hedge)"});
}

TEST_CASE("hedge: a non-stream response wins and cancels the other")
{
    attempt_loop loop(hedged({.after = 1s, .max_hedges = 1}), {"m"}, nullptr, "h", t0, 1);
    loop.start(t0);
    loop.on_timer(t0 + 1s);
    CHECK(str(loop.on_success(1, t0 + 1500ms)) == "cancel 2; success 1");
}

TEST_CASE("hedge: no hedge when the first delta comes in time")
{
    attempt_loop loop(hedged({.after = 2s, .max_hedges = 1}), {"m"}, nullptr, "h", t0, 1);
    loop.start(t0);
    CHECK(str(loop.on_first_delta(1, t0 + 1s)).empty());
    CHECK(str(loop.on_timer(t0 + 2s)).empty());  // the timer still fires: ignored
    CHECK(loop.in_flight() == 1);
}

TEST_CASE("hedge: a hedge on the next model")
{
    attempt_loop loop(hedged({.after = 3s, .max_hedges = 1, .target = hedge::target_model::next}), {"a", "b"}, nullptr,
                      "h", t0, 1);
    loop.start(t0);
    CHECK(str(loop.on_timer(t0 + 3s)) == "start 2 m1");
    CHECK(loop.model_of(2) == "b");
    CHECK(str(loop.on_first_delta(2, t0 + 4s)) == "cancel 1");
    CHECK(str(loop.on_success(2, t0 + 5s)) == "success 2");

    // With no next model, the same one.
    attempt_loop single(hedged({.after = 3s, .max_hedges = 1, .target = hedge::target_model::next}), {"a"}, nullptr,
                        "h", t0, 1);
    single.start(t0);
    CHECK(str(single.on_timer(t0 + 3s)) == "start 2 m0");
}

TEST_CASE("hedge: several hedges re-arm the timer until the limit")
{
    attempt_loop loop(hedged({.after = 1s, .max_hedges = 2}), {"m"}, nullptr, "h", t0, 1);
    CHECK(str(loop.start(t0)) == "start 1 m0; timer 1000");
    CHECK(str(loop.on_timer(t0 + 1s)) == "start 2 m0; timer 1000");
    CHECK(str(loop.on_timer(t0 + 2s)) == "start 3 m0");  // the last hedge: no more timer
    CHECK(str(loop.on_timer(t0 + 3s)).empty());
    CHECK(loop.in_flight() == 3);
    CHECK(str(loop.on_first_delta(3, t0 + 3500ms)) == "cancel 1; cancel 2");
}

TEST_CASE("hedge: max_hedges is clamped and zero disables")
{
    attempt_loop loop(hedged({.after = 0ms, .max_hedges = 100}), {"m"}, nullptr, "h", t0, 1);
    CHECK(str(loop.start(t0)) == "start 1 m0; timer 0");
    int started = 1;
    while (!str(loop.on_timer(t0)).empty())
        ++started;
    CHECK(started == 1 + hedge::max_hedges_limit);
    CHECK(str(loop.on_success(5, t0)) == "cancel 1; cancel 2; cancel 3; cancel 4; success 5");

    attempt_loop off(hedged({.after = 1s, .max_hedges = 0}), {"m"}, nullptr, "h", t0, 1);
    CHECK(str(off.start(t0)) == "start 1 m0");
}

TEST_CASE("hedge: a failure during the race waits for the survivor")
{
    request_policies p = hedged({.after = 2s, .max_hedges = 1});
    p.retry = retry::limit(3, retry::fixed_delay{500ms});
    attempt_loop loop(p, {"m"}, nullptr, "h", t0, 1);
    loop.start(t0);
    loop.on_timer(t0 + 2s);
    // The hedge fails while the original runs: no decision yet.
    CHECK(str(loop.on_failure(2, ec(errc::connection_closed), diag(0), t0 + 2100ms)).empty());
    // The original fails too: now the retry policy decides (both count on this model).
    CHECK(str(loop.on_failure(1, ec(errc::response_timeout), diag(0), t0 + 3s)) == "timer 500");
    // The retry arms a new hedge timer once it starts (the hedge budget is spent: no timer).
    CHECK(str(loop.on_timer(t0 + 3500ms)) == "start 3 m0");
    CHECK(lines(loop.log()) == strings{"1 m 0 response_timeout 500 retry: retry policy: same model again",
                                       "2 m 0 connection_closed 0 superseded: another attempt in flight (hedge)",
                                       "3 m 0 ok 0 "});
}

TEST_CASE("hedge: a stale hedge timer after a backoff is ignored")
{
    request_policies p = hedged({.after = 2s, .max_hedges = 1});
    p.retry = retry::limit(3, retry::fixed_delay{5s});
    attempt_loop loop(p, {"m"}, nullptr, "h", t0, 1);
    CHECK(str(loop.start(t0)) == "start 1 m0; timer 2000");
    // The attempt fails before the hedge timer: the timer is re-armed for the backoff.
    CHECK(str(loop.on_failure(1, ec(errc::server_error), diag(500), t0 + 1s)) == "timer 5000");
    CHECK(str(loop.on_timer(t0 + 2s)).empty());  // the replaced hedge wait, already queued
    CHECK(str(loop.on_timer(t0 + 6s)) == "start 2 m0; timer 2000");
}

TEST_CASE("hedge: every record has a decision and a reason and hedges are flagged")
{
    openrouter::circuit_breakers cb({.enabled = true, .failure_threshold = 1, .cool_down = 30s});
    request_policies p = hedged({.after = 1s, .max_hedges = 2, .target = hedge::target_model::next});
    p.circuit_breaker = cb.settings();
    p.circuit_breaker.per_host = false;
    cb.record_failure(openrouter::circuit_breakers::model_key("b"), t0);  // b is open
    std::vector<openrouter::attempt_record> seen;
    p.on_attempt = [&seen](const openrouter::attempt_record& r) { seen.push_back(r); };
    attempt_loop loop(p, {"a", "b", "c"}, &cb, "h", t0, 1);
    CHECK(str(loop.start(t0)) == "start 1 m0; timer 1000");
    // The first hedge would go to b: refused by its breaker, recorded, and no hedge runs.
    CHECK(str(loop.on_timer(t0 + 1s)).empty());
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].number == 2);
    CHECK(seen[0].model == "b");
    CHECK(seen[0].hedge);
    CHECK(seen[0].decision == "skipped");
    CHECK(seen[0].reason == "circuit open: model");
    CHECK(seen[0].error == errc::circuit_open);
    // Attempt 1 fails alone: a 502 moves to the next model; b is skipped again (not a hedge).
    CHECK(str(loop.on_failure(1, ec(errc::provider_error), diag(502), t0 + 1500ms)) == "start 4 m2; timer 1000");
    CHECK(str(loop.on_success(4, t0 + 2s)) == "success 4");
    CHECK(seen.size() == 4);
    for (const auto& r : loop.log()) {
        CHECK_FALSE(r.decision.empty());
        CHECK_FALSE(r.reason.empty());
    }
    CHECK(lines(loop.log()) == strings{"1 a 502 provider_error 0 fallback: fallback rule: next model",
                                       "2 b 0 circuit_open 0 skipped: circuit open: model (hedge)",
                                       "3 b 0 circuit_open 0 skipped: circuit open: model",
                                       "4 c 200 ok 0 success: completed"});
}
