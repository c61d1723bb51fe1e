// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The traffic limits' decisions under a mock clock: concurrency (client-wide and per model, FIFO),
// the GCRA spacing of the adaptive rate, AIMD on 429 and success, the pause after a 429, the
// budget, and cancellation of waiters.
#include "sansio/traffic.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace std::chrono_literals;
using openrouter::adaptive_rate;
using openrouter::errc;
using openrouter::error_code;
using openrouter::traffic_limits;
using openrouter::detail::traffic_control;
using tickets = std::vector<traffic_control::ticket>;

namespace {

const traffic_control::clock::time_point t0{std::chrono::hours(1)};

tickets poll(traffic_control& tc, traffic_control::clock::time_point now,
             std::optional<traffic_control::clock::time_point>* wake = nullptr)
{
    tickets granted;
    std::optional<traffic_control::clock::time_point> w;
    tc.poll(now, granted, w);
    if (wake != nullptr)
        *wake = w;
    return granted;
}

traffic_limits with_rate(adaptive_rate r)
{
    traffic_limits l;
    l.rate = r;
    return l;
}

}  // namespace

TEST_CASE("traffic: without limits nothing gates attempts")
{
    traffic_control tc(traffic_limits{}, t0);
    CHECK_FALSE(tc.gates_attempts());
    traffic_limits budget_only;
    budget_only.budget_usd = 1.0;
    CHECK_FALSE(traffic_control(budget_only, t0).gates_attempts());
}

TEST_CASE("traffic: the client-wide limit admits in arrival order")
{
    traffic_limits l;
    l.max_in_flight = 2;
    traffic_control tc(l, t0);
    REQUIRE(tc.gates_attempts());
    const auto a = tc.enqueue("m");
    const auto b = tc.enqueue("m");
    const auto c = tc.enqueue("other");
    CHECK(poll(tc, t0) == tickets{a, b});
    CHECK(tc.snapshot(t0).in_flight == 2);
    CHECK(tc.snapshot(t0).waiting == 1);
    CHECK(poll(tc, t0).empty());  // full
    tc.release("m");
    CHECK(poll(tc, t0) == tickets{c});
    const auto s = tc.snapshot(t0);
    CHECK(s.in_flight == 2);
    CHECK(s.waiting == 0);
    CHECK(s.peak_in_flight == 2);
    CHECK(s.admitted == 3);
}

TEST_CASE("traffic: a model at its limit does not hold up other models")
{
    traffic_limits l;
    l.max_in_flight_per_model = 1;
    traffic_control tc(l, t0);
    const auto a1 = tc.enqueue("a");
    const auto a2 = tc.enqueue("a");
    const auto b1 = tc.enqueue("b");
    CHECK(poll(tc, t0) == tickets{a1, b1});
    tc.release("b");
    CHECK(poll(tc, t0).empty());  // a2 still waits for a's slot
    tc.release("a");
    CHECK(poll(tc, t0) == tickets{a2});
}

TEST_CASE("traffic: releasing what was never granted does not underflow")
{
    traffic_limits l;
    l.max_in_flight = 1;
    traffic_control tc(l, t0);
    tc.release("nobody");
    const auto a = tc.enqueue("m");
    CHECK(poll(tc, t0) == tickets{a});
    tc.release("m");
    tc.release("m");
    CHECK(tc.snapshot(t0).in_flight == 0);
    const auto b = tc.enqueue("m");
    const auto c = tc.enqueue("m");
    CHECK(poll(tc, t0) == tickets{b});  // still at most one
    (void)c;
}

TEST_CASE("traffic: a cancelled waiter leaves the queue; a granted one cannot be cancelled")
{
    traffic_limits l;
    l.max_in_flight = 1;
    traffic_control tc(l, t0);
    const auto a = tc.enqueue("m");
    const auto b = tc.enqueue("m");
    const auto c = tc.enqueue("m");
    CHECK(poll(tc, t0) == tickets{a});
    CHECK_FALSE(tc.cancel("m", a));  // granted: the caller releases it
    CHECK(tc.cancel("m", b));
    CHECK_FALSE(tc.cancel("m", b));
    CHECK_FALSE(tc.cancel("unknown-model", c));
    CHECK(tc.snapshot(t0).waiting == 1);
    tc.release("m");
    CHECK(poll(tc, t0) == tickets{c});
}

TEST_CASE("traffic: the rate spaces attempts (GCRA) and says when to poll again")
{
    adaptive_rate r;
    r.initial = 10;  // one every 100 ms
    traffic_control tc(with_rate(r), t0);
    const auto a = tc.enqueue("m");
    const auto b = tc.enqueue("m");
    const auto c = tc.enqueue("m");
    std::optional<traffic_control::clock::time_point> wake;
    CHECK(poll(tc, t0, &wake) == tickets{a});
    REQUIRE(wake);
    CHECK(*wake == t0 + 100ms);
    CHECK(poll(tc, t0 + 99ms, &wake).empty());
    CHECK(poll(tc, t0 + 100ms, &wake) == tickets{b});
    CHECK(*wake == t0 + 200ms);
    // Late polls do not bank credit beyond the burst: after a long quiet spell one goes at once.
    CHECK(poll(tc, t0 + 5s, &wake) == tickets{c});
    CHECK_FALSE(wake);
    CHECK(tc.snapshot(t0).rate == Approx(10.0));
}

TEST_CASE("traffic: a burst lets that many start back to back")
{
    adaptive_rate r;
    r.initial = 10;
    r.burst = 3;
    traffic_control tc(with_rate(r), t0);
    for (int i = 0; i < 5; ++i)
        tc.enqueue("m");
    std::optional<traffic_control::clock::time_point> wake;
    CHECK(poll(tc, t0, &wake).size() == 3);
    REQUIRE(wake);
    CHECK(*wake == t0 + 100ms);
}

TEST_CASE("traffic: AIMD: a 429 halves the rate once per interval, successes add back")
{
    adaptive_rate r;
    r.initial = 100;
    r.floor = 20;
    r.ceiling = 102;
    r.increase_per_success = 1;
    r.decrease_interval = 1s;
    r.pause_without_retry_after = 0ms;
    traffic_control tc(with_rate(r), t0);
    tc.on_outcome(t0, errc::rate_limited, std::nullopt);
    CHECK(tc.snapshot(t0).rate == Approx(50));
    tc.on_outcome(t0 + 500ms, errc::rate_limited, std::nullopt);  // the same wave
    CHECK(tc.snapshot(t0).rate == Approx(50));
    tc.on_outcome(t0 + 1s, errc::rate_limited, std::nullopt);
    CHECK(tc.snapshot(t0).rate == Approx(25));
    tc.on_outcome(t0 + 2s, errc::rate_limited, std::nullopt);
    CHECK(tc.snapshot(t0).rate == Approx(20));  // the floor
    const auto s = tc.snapshot(t0 + 2s);
    CHECK(s.rate_limited == 4);
    CHECK(s.decreases == 3);
    for (int i = 0; i < 10; ++i)
        tc.on_outcome(t0 + 3s, error_code{}, std::nullopt);
    CHECK(tc.snapshot(t0).rate == Approx(30));
    tc.on_outcome(t0 + 3s, errc::provider_error, std::nullopt);  // not about the pace
    CHECK(tc.snapshot(t0).rate == Approx(30));
    for (int i = 0; i < 100; ++i)
        tc.on_outcome(t0 + 3s, error_code{}, std::nullopt);
    CHECK(tc.snapshot(t0).rate == Approx(102));  // the ceiling
}

TEST_CASE("traffic: a Retry-After pauses every new attempt of the client")
{
    adaptive_rate r;
    r.initial = 1000;
    r.max_pause = 10s;
    traffic_control tc(with_rate(r), t0);
    tc.on_outcome(t0, errc::rate_limited, 300ms);
    CHECK(tc.snapshot(t0).paused_for == 300ms);
    CHECK(tc.snapshot(t0 + 100ms).paused_for == 200ms);
    const auto a = tc.enqueue("x");
    const auto b = tc.enqueue("y");
    std::optional<traffic_control::clock::time_point> wake;
    CHECK(poll(tc, t0 + 100ms, &wake).empty());
    REQUIRE(wake);
    CHECK(*wake == t0 + 300ms);
    CHECK(poll(tc, t0 + 300ms, &wake) == tickets{a});
    CHECK(poll(tc, t0 + 400ms, &wake) == tickets{b});
    // A huge Retry-After is capped; a shorter one never shortens a pause.
    tc.on_outcome(t0 + 1s, errc::rate_limited, std::chrono::hours(1));
    CHECK(tc.snapshot(t0 + 1s).paused_for == 10s);
    tc.on_outcome(t0 + 1s, errc::rate_limited, 1ms);
    CHECK(tc.snapshot(t0 + 1s).paused_for == 10s);
}

TEST_CASE("traffic: without a Retry-After a 429 pauses for the configured default")
{
    adaptive_rate r;
    r.pause_without_retry_after = 250ms;
    traffic_control tc(with_rate(r), t0);
    tc.on_outcome(t0, errc::rate_limited, std::nullopt);
    CHECK(tc.snapshot(t0).paused_for == 250ms);
    traffic_control counted(traffic_limits{}, t0);  // no rate: counted, nothing paused
    counted.on_outcome(t0, errc::rate_limited, 5s);
    CHECK(counted.snapshot(t0).rate_limited == 1);
    CHECK(counted.snapshot(t0).paused_for == 0ms);
    CHECK(counted.snapshot(t0).rate == 0);
}

TEST_CASE("traffic: nonsense rate settings are made sane")
{
    adaptive_rate r;
    r.initial = std::numeric_limits<double>::quiet_NaN();
    r.floor = -1;
    r.ceiling = 0;
    r.decrease_factor = 3;
    r.burst = 0;
    traffic_control tc(with_rate(r), t0);
    const double rate = tc.snapshot(t0).rate;
    CHECK(std::isfinite(rate));
    CHECK(rate >= 1.0);
    tc.on_outcome(t0, errc::rate_limited, std::nullopt);
    CHECK(tc.snapshot(t0).rate <= rate);
    CHECK(tc.snapshot(t0).rate > 0);
    const auto a = tc.enqueue("m");
    CHECK(poll(tc, t0 + 10s) == tickets{a});
}

TEST_CASE("traffic: the budget is spent by the costs that arrive")
{
    traffic_limits l;
    l.budget_usd = 0.001;
    traffic_control tc(l, t0);
    CHECK_FALSE(tc.budget_exhausted());
    tc.add_cost(0.0004);
    tc.add_cost(-5);  // ignored
    tc.add_cost(std::numeric_limits<double>::quiet_NaN());
    tc.add_cost(std::numeric_limits<double>::infinity());
    CHECK(tc.snapshot(t0).spent_usd == Approx(0.0004));
    CHECK_FALSE(tc.budget_exhausted());
    tc.add_cost(0.0006);
    CHECK(tc.budget_exhausted());
    const auto s = tc.snapshot(t0);
    CHECK(s.budget_exhausted);
    REQUIRE(s.budget_usd);
    CHECK(*s.budget_usd == Approx(0.001));
    traffic_control none(traffic_limits{}, t0);
    none.add_cost(100);
    CHECK_FALSE(none.budget_exhausted());
}
