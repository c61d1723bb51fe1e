// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Circuit breakers under a mock clock: transitions, trials, and a multi-threaded hammer.
#include <openrouter/circuit_breaker.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <latch>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using openrouter::circuit_breakers;
using openrouter::circuit_permit;
using openrouter::circuit_state;

namespace {

const circuit_breakers::clock::time_point t0 = circuit_breakers::clock::time_point(std::chrono::hours(1000));

openrouter::circuit_breaker_settings three_then_10s()
{
    return {.enabled = true, .failure_threshold = 3, .cool_down = 10s};
}

}  // namespace

TEST_CASE("circuit breaker: opens after N consecutive failures and refuses while open")
{
    // [doc:breaker-cycle]
    circuit_breakers cb(three_then_10s());
    const std::string key = circuit_breakers::model_key("openai/gpt-4o");  // "model:openai/gpt-4o"

    CHECK(cb.acquire(key, t0) == circuit_permit::allowed);
    cb.record_failure(key, t0);
    cb.record_failure(key, t0 + 1s);
    CHECK(cb.state(key, t0 + 1s).state == circuit_state::closed);
    cb.record_failure(key, t0 + 2s);  // third consecutive failure: open
    CHECK(cb.state(key, t0 + 2s).state == circuit_state::open);
    CHECK(cb.acquire(key, t0 + 5s) == circuit_permit::refused);  // fail fast

    // After the cool-down: half-open, one trial call.
    CHECK(cb.state(key, t0 + 12s).state == circuit_state::half_open);
    CHECK(cb.acquire(key, t0 + 12s) == circuit_permit::trial);
    CHECK(cb.acquire(key, t0 + 12s) == circuit_permit::refused);  // the trial is in flight
    cb.record_success(key, t0 + 13s);                             // it worked: closed
    CHECK(cb.state(key, t0 + 13s).state == circuit_state::closed);
    CHECK(cb.acquire(key, t0 + 13s) == circuit_permit::allowed);
    // [doc:breaker-cycle-end]

    const auto s = cb.state(key, t0 + 13s);
    CHECK(s.times_opened == 1);
    CHECK(s.calls_refused == 2);
    CHECK(s.consecutive_failures == 0);
}

TEST_CASE("circuit breaker: a success resets the consecutive count")
{
    circuit_breakers cb(three_then_10s());
    cb.record_failure("k", t0);
    cb.record_failure("k", t0);
    cb.record_success("k", t0);
    cb.record_failure("k", t0);
    cb.record_failure("k", t0);
    CHECK(cb.state("k", t0).state == circuit_state::closed);
    CHECK(cb.state("k", t0).consecutive_failures == 2);
    cb.record_failure("k", t0);
    CHECK(cb.state("k", t0).state == circuit_state::open);
}

TEST_CASE("circuit breaker: a failed trial re-opens for a new cool-down")
{
    circuit_breakers cb(three_then_10s());
    for (int i = 0; i < 3; ++i)
        cb.record_failure("k", t0);
    CHECK(cb.acquire("k", t0 + 10s) == circuit_permit::trial);
    cb.record_failure("k", t0 + 11s);
    auto s = cb.state("k", t0 + 11s);
    CHECK(s.state == circuit_state::open);
    CHECK(s.opened_at == t0 + 11s);
    CHECK(s.times_opened == 2);
    CHECK(cb.acquire("k", t0 + 20s) == circuit_permit::refused);  // 9 s into the new cool-down
    CHECK(cb.acquire("k", t0 + 21s) == circuit_permit::trial);
}

TEST_CASE("circuit breaker: an abandoned trial frees the slot and a lost one expires")
{
    circuit_breakers cb(three_then_10s());
    for (int i = 0; i < 3; ++i)
        cb.record_failure("k", t0);
    CHECK(cb.acquire("k", t0 + 10s) == circuit_permit::trial);
    cb.release_trial("k");  // cancelled: nothing learnt
    CHECK(cb.state("k", t0 + 10s).state == circuit_state::half_open);
    CHECK(cb.acquire("k", t0 + 10s) == circuit_permit::trial);
    // Never reported: after another cool-down a new trial may go.
    CHECK(cb.acquire("k", t0 + 19s) == circuit_permit::refused);
    CHECK(cb.acquire("k", t0 + 20s) == circuit_permit::trial);
}

TEST_CASE("circuit breaker: keys are independent and observable")
{
    circuit_breakers cb(three_then_10s());
    for (int i = 0; i < 3; ++i)
        cb.record_failure(circuit_breakers::host_key("openrouter.ai"), t0);
    cb.record_failure(circuit_breakers::model_key("a/b"), t0);
    CHECK(cb.acquire(circuit_breakers::model_key("a/b"), t0) == circuit_permit::allowed);
    CHECK(cb.acquire(circuit_breakers::host_key("openrouter.ai"), t0) == circuit_permit::refused);
    CHECK(cb.acquire("never-seen", t0) == circuit_permit::allowed);
    CHECK(cb.state("never-seen", t0).state == circuit_state::closed);

    const auto all = cb.all(t0);
    REQUIRE(all.size() == 2);
    CHECK(all[0].first == "host:openrouter.ai");
    CHECK(all[0].second.state == circuit_state::open);
    CHECK(all[1].first == "model:a/b");
    CHECK(all[1].second.consecutive_failures == 1);
    CHECK(to_string(circuit_state::half_open) == "half_open");
    cb.reset();
    CHECK(cb.all(t0).empty());
}

TEST_CASE("circuit breaker: disabled or zero threshold is inert")
{
    for (auto s : {openrouter::circuit_breaker_settings{.enabled = false},
                   openrouter::circuit_breaker_settings{.enabled = true, .failure_threshold = 0}}) {
        circuit_breakers cb(s);
        for (int i = 0; i < 100; ++i)
            cb.record_failure("k", t0);
        CHECK(cb.acquire("k", t0) == circuit_permit::allowed);
        CHECK(cb.all(t0).empty());
    }
}

TEST_CASE("circuit breaker: concurrent callers see one trial and exact refusal counts")
{
    circuit_breakers cb(three_then_10s());
    constexpr int threads = 8;
    constexpr int per_thread = 2000;

    // Runs `body(thread_index)` on every thread at once and waits for them.
    auto hammer = [&](auto body) {
        std::latch go(threads);
        std::vector<std::thread> ts;
        for (int i = 0; i < threads; ++i)
            ts.emplace_back([&, i] {
                go.arrive_and_wait();
                body(i);
            });
        for (auto& t : ts)
            t.join();
    };

    // Closed: failures from every thread open the breaker exactly once.
    hammer([&](int) {
        for (int i = 0; i < per_thread; ++i)
            cb.record_failure("k", t0);
    });
    auto s = cb.state("k", t0);
    CHECK(s.state == circuit_state::open);
    CHECK(s.times_opened == 1);
    CHECK(s.consecutive_failures == threads * per_thread);

    // Open: every call refused, and the registry counted each one.
    std::atomic<int> refused{0};
    hammer([&](int) {
        for (int i = 0; i < per_thread; ++i)
            if (cb.acquire("k", t0 + 5s) == circuit_permit::refused)
                ++refused;
    });
    CHECK(refused == threads * per_thread);
    CHECK(cb.state("k", t0 + 5s).calls_refused == static_cast<std::uint64_t>(threads * per_thread));

    // Half-open: out of all concurrent callers exactly one gets the trial.
    std::atomic<int> trials{0};
    std::atomic<int> winner{-1};
    hammer([&](int t) {
        for (int i = 0; i < per_thread; ++i)
            if (cb.acquire("k", t0 + 10s) == circuit_permit::trial) {
                ++trials;
                winner = t;
            }
    });
    CHECK(trials == 1);
    CHECK(winner >= 0);

    // The trial fails: open again; after the next cool-down one trial succeeds and all pass.
    cb.record_failure("k", t0 + 10s);
    CHECK(cb.state("k", t0 + 10s).times_opened == 2);
    trials = 0;
    std::atomic<int> allowed{0};
    hammer([&](int) {
        for (int i = 0; i < per_thread; ++i) {
            const auto p = cb.acquire("k", t0 + 20s);
            if (p == circuit_permit::trial) {
                ++trials;
                cb.record_success("k", t0 + 20s);
            } else if (p == circuit_permit::allowed) {
                ++allowed;
            }
        }
    });
    CHECK(trials == 1);
    CHECK(allowed > 0);
    CHECK(cb.state("k", t0 + 20s).state == circuit_state::closed);
}

TEST_CASE("circuit breaker: a free-for-all hammer keeps its books straight")
{
    circuit_breakers cb({.enabled = true, .failure_threshold = 2, .cool_down = 5ms});
    std::atomic<long long> clock_ms{0};
    std::atomic<std::uint64_t> refused{0};
    constexpr int threads = 6;
    std::vector<std::thread> ts;
    for (int t = 0; t < threads; ++t)
        ts.emplace_back([&, t] {
            const std::string key = (t % 2 == 0) ? "model:a" : "host:h";
            for (int i = 0; i < 5000; ++i) {
                const auto now = t0 + std::chrono::milliseconds(clock_ms.fetch_add(1) / threads);
                const auto p = cb.acquire(key, now);
                if (p == circuit_permit::refused) {
                    ++refused;
                    continue;
                }
                if ((i + t) % 3 == 0)
                    cb.record_success(key, now);
                else if ((i + t) % 7 == 0)
                    cb.release_trial(key);
                else
                    cb.record_failure(key, now);
            }
        });
    for (auto& t : ts)
        t.join();
    std::uint64_t counted = 0;
    for (const auto& [k, s] : cb.all(t0 + 1h))
        counted += s.calls_refused;
    CHECK(counted == refused);
    CHECK(refused > 0);
}
