// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The attempt loop under a mock clock: retries, fallback, streams after a delta, circuit
// breakers, deadlines, the attempt log and the decision hook. Hedging is in hedge.cpp.
#include "unit/sansio/attempt_loop_harness.hpp"

#include <boost/asio/error.hpp>
#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using namespace loop_test;
using openrouter::errc;
using openrouter::request_policies;
using openrouter::stream_recovery;
namespace retry = openrouter::retry;
using strings = std::vector<std::string>;

TEST_CASE("attempt loop: 429 twice then success honours Retry-After")
{
    // [doc:loop-429]
    request_policies p;  // retry::default_policy(): Retry-After honoured up to 20 s
    attempt_loop loop(p, {"openai/gpt-4o"}, nullptr, "openrouter.ai", t0, /*seed*/ 7);

    CHECK(str(loop.start(t0)) == "start 1 m0");
    CHECK(str(loop.on_failure(1, ec(errc::rate_limited), diag(429, 1500ms), t0 + 100ms)) == "timer 1500");
    CHECK(str(loop.on_timer(t0 + 1600ms)) == "start 2 m0");
    CHECK(str(loop.on_failure(2, ec(errc::rate_limited), diag(429, 2500ms), t0 + 1700ms)) == "timer 2500");
    CHECK(str(loop.on_timer(t0 + 4200ms)) == "start 3 m0");
    CHECK(str(loop.on_success(3, t0 + 5s)) == "success 3");

    CHECK(lines(loop.log()) == strings{"1 openai/gpt-4o 429 rate_limited 1500 retry: retry policy: same model again",
                                       "2 openai/gpt-4o 429 rate_limited 2500 retry: retry policy: same model again",
                                       "3 openai/gpt-4o 200 ok 0 success: completed"});
    // [doc:loop-429-end]
    CHECK(loop.finished());
}

TEST_CASE("attempt loop: a timer that fires early or twice is ignored")
{
    request_policies p;
    attempt_loop loop(p, {"m"}, nullptr, "h", t0, 7);
    loop.start(t0);
    CHECK(str(loop.on_failure(1, ec(errc::rate_limited), diag(429, 1500ms), t0)) == "timer 1500");
    CHECK(str(loop.on_timer(t0 + 1499ms)).empty());  // a replaced wait whose handler was queued
    CHECK(str(loop.on_timer(t0 + 1500ms)) == "start 2 m0");
    CHECK(str(loop.on_timer(t0 + 1501ms)).empty());  // nothing pending
    CHECK(str(loop.start(t0 + 2s)).empty());         // start twice: ignored
}

TEST_CASE("attempt loop: 502 on model A then B succeeds")
{
    request_policies p;
    attempt_loop loop(p, {"vendor/a", "vendor/b"}, nullptr, "h", t0, 1);
    CHECK(str(loop.start(t0)) == "start 1 m0");
    CHECK(str(loop.on_failure(1, ec(errc::provider_error), diag(502), t0 + 1s)) == "start 2 m1");
    CHECK(loop.model_of(2) == "vendor/b");
    CHECK(str(loop.on_success(2, t0 + 2s)) == "success 2");
    CHECK(lines(loop.log()) == strings{"1 vendor/a 502 provider_error 0 fallback: fallback rule: next model",
                                       "2 vendor/b 200 ok 0 success: completed"});
}

TEST_CASE("attempt loop: a context-length 400 falls back and a moderation 403 too")
{
    request_policies p;
    attempt_loop loop(p, {"small", "large", "other"}, nullptr, "h", t0, 1);
    loop.start(t0);
    CHECK(str(loop.on_failure(1, ec(errc::context_length_exceeded), diag(400), t0)) == "start 2 m1");
    CHECK(str(loop.on_failure(2, ec(errc::moderation_flagged), diag(403), t0)) == "start 3 m2");
    // The last model: a context-length error is not transient, the retry policy stops.
    CHECK(str(loop.on_failure(3, ec(errc::context_length_exceeded), diag(400), t0)) == "error context_length_exceeded");
    CHECK(lines(loop.log()) == strings{"1 small 400 context_length_exceeded 0 fallback: fallback rule: next model",
                                       "2 large 403 moderation_flagged 0 fallback: fallback rule: next model",
                                       "3 other 400 context_length_exceeded 0 stop: retries exhausted"});
}

TEST_CASE("attempt loop: connection errors retry the same model then move on")
{
    request_policies p;
    p.retry = retry::limit(1, retry::only_if(retry::transient, retry::fixed_delay{100ms}));
    attempt_loop loop(p, {"a", "b"}, nullptr, "h", t0, 1);
    loop.start(t0);
    CHECK(str(loop.on_failure(1, ec(errc::connect_failed), diag(0), t0)) == "timer 100");
    CHECK(str(loop.on_timer(t0 + 100ms)) == "start 2 m0");
    CHECK(str(loop.on_failure(2, ec(errc::connection_closed), diag(0), t0 + 200ms)) == "start 3 m1");
    CHECK(str(loop.on_failure(3, ec(errc::response_timeout), diag(0), t0 + 300ms)) == "timer 100");
    CHECK(str(loop.on_timer(t0 + 400ms)) == "start 4 m1");
    CHECK(str(loop.on_failure(4, ec(errc::response_timeout), diag(0), t0 + 500ms)) == "error response_timeout");
    CHECK(lines(loop.log()) == strings{"1 a 0 connect_failed 100 retry: retry policy: same model again",
                                       "2 a 0 connection_closed 0 fallback: retries exhausted",
                                       "3 b 0 response_timeout 100 retry: retry policy: same model again",
                                       "4 b 0 response_timeout 0 stop: retries exhausted"});
}

TEST_CASE("attempt loop: a non-retryable error stops at once even with models left")
{
    request_policies p;
    attempt_loop loop(p, {"a", "b"}, nullptr, "h", t0, 1);
    loop.start(t0);
    CHECK(str(loop.on_failure(1, ec(errc::unauthorized), diag(401), t0)) == "error unauthorized");
    CHECK(lines(loop.log()) == strings{"1 a 401 unauthorized 0 stop: fallback rule: stop"});
    // Anything after completion is ignored.
    CHECK(str(loop.on_success(1, t0)).empty());
    CHECK(str(loop.on_timer(t0 + 1h)).empty());
}

TEST_CASE("attempt loop: the policies see what happened")
{
    std::vector<retry::attempt_outcome> seen;
    std::vector<std::string> models_seen;
    request_policies p;
    auto recorder = [&seen, &models_seen](const retry::attempt_outcome& o, retry::random_source&) -> retry::decision {
        seen.push_back(o);
        models_seen.emplace_back(o.model);  // the view is valid during the call only
        return 250ms;
    };
    p.retry = retry::limit(2, std::ref(recorder));
    p.fallback.decide = [](const retry::attempt_outcome&) { return openrouter::fallback::action::retry_same; };
    attempt_loop loop(p, {"a", "b"}, nullptr, "h", t0, 1);
    loop.start(t0);
    auto d = diag(503, 4s, "provider_unavailable");
    d.api_code = "503";
    loop.on_failure(1, ec(errc::no_provider_available), d, t0 + 1s);
    loop.on_timer(t0 + 1250ms);
    loop.on_failure(2, ec(errc::no_provider_available), d, t0 + 2s);
    loop.on_timer(t0 + 2250ms);
    loop.on_failure(3, ec(errc::no_provider_available), d, t0 + 3s);  // limit(2): next model
    loop.on_failure(4, ec(errc::no_provider_available), d, t0 + 4s);

    REQUIRE(seen.size() == 3);  // limit(2) does not call its inner policy for the third attempt
    CHECK(seen[0].attempt == 1);
    CHECK(seen[0].model_attempt == 1);
    CHECK(seen[0].elapsed == 1s);
    CHECK(seen[0].now == t0 + 1s);
    CHECK(seen[0].http_status == 503);
    CHECK(seen[0].retry_after == 4s);
    CHECK(seen[0].previous_delay == 0ms);
    CHECK_FALSE(seen[0].delta_delivered);
    CHECK(seen[1].attempt == 2);
    CHECK(seen[1].model_attempt == 2);
    CHECK(seen[1].previous_delay == 250ms);
    CHECK(seen[2].attempt == 4);  // first attempt on b
    CHECK(seen[2].model_attempt == 1);
    CHECK(seen[2].previous_delay == 0ms);  // a new model starts a new backoff
    CHECK(models_seen == strings{"a", "a", "b"});
}

TEST_CASE("attempt loop: seeded decorrelated jitter chains the previous delay")
{
    request_policies p;
    p.retry = retry::limit(5, retry::exponential_backoff{.jitter = retry::jitter_kind::decorrelated});
    attempt_loop loop(p, {"m"}, nullptr, "h", t0, 42);
    loop.start(t0);
    auto now = t0;
    std::vector<std::string> timers;
    for (int id = 1; id <= 6; ++id) {
        const auto acts = loop.on_failure(id, ec(errc::server_error), diag(500), now);
        timers.push_back(str(acts));
        if (acts.empty() || acts[0].what != attempt_loop::action::kind::set_timer)
            break;
        now += acts[0].delay;
        loop.on_timer(now);
    }
    // The same numbers as retry.cpp's decorrelated test: the loop feeds back previous_delay.
    CHECK(timers == strings{"timer 1437", "timer 652", "timer 1309", "timer 2970", "timer 7968", "error server_error"});
}

TEST_CASE("attempt loop: a retry past the deadline stops with the last error")
{
    request_policies p;
    p.retry = retry::fixed_delay{5s};
    attempt_loop loop(p, {"m"}, nullptr, "h", t0, 1, t0 + 8s);
    loop.start(t0);
    CHECK(str(loop.on_failure(1, ec(errc::server_error), diag(500), t0 + 1s)) == "timer 5000");
    CHECK(str(loop.on_timer(t0 + 6s)) == "start 2 m0");
    CHECK(str(loop.on_failure(2, ec(errc::provider_error), diag(502), t0 + 7s)) == "error provider_error");
    CHECK(loop.log().back().decision == "stop");
    CHECK(loop.log().back().reason == "total deadline");
}

TEST_CASE("attempt loop: a huge delay is clamped and still meets the deadline")
{
    request_policies p;
    p.retry = retry::fixed_delay{std::chrono::milliseconds::max()};
    attempt_loop forever(p, {"m"}, nullptr, "h", t0, 1);
    forever.start(t0);
    CHECK(str(forever.on_failure(1, ec(errc::server_error), diag(500), t0)) == "timer 31622400000");  // 366 days
    attempt_loop bounded(p, {"m"}, nullptr, "h", t0, 1, t0 + 1h);
    bounded.start(t0);
    CHECK(str(bounded.on_failure(1, ec(errc::server_error), diag(500), t0)) == "error server_error");
    CHECK(bounded.log().back().decision == "stop");
    CHECK(bounded.log().back().reason == "total deadline");
}

TEST_CASE("attempt loop: a stream failing after a delta fails by default")
{
    request_policies p;  // on_stream_failure = fail
    attempt_loop loop(p, {"a", "b"}, nullptr, "h", t0, 1);
    loop.start(t0);
    CHECK(str(loop.on_first_delta(1, t0 + 1s)).empty());
    CHECK(loop.committed() == 1);
    CHECK(str(loop.on_failure(1, ec(errc::stream_truncated), diag(200), t0 + 2s)) == "error stream_truncated");
    CHECK(lines(loop.log()) == strings{"1 a 200 stream_truncated 0 stop: failed after a delta"});
}

TEST_CASE("attempt loop: a stream failing before a delta retries invisibly")
{
    request_policies p;
    p.retry = retry::limit(1, retry::fixed_delay{0ms});
    attempt_loop loop(p, {"a"}, nullptr, "h", t0, 1);
    loop.start(t0);
    CHECK(str(loop.on_failure(1, ec(errc::stream_truncated), diag(200), t0)) == "start 2 m0");  // fresh
}

TEST_CASE("attempt loop: restart after a delta starts from scratch")
{
    request_policies p;
    p.retry = retry::limit(2, retry::only_if(retry::transient, retry::fixed_delay{300ms}));
    p.on_stream_failure = stream_recovery::restart;
    attempt_loop loop(p, {"a", "b"}, nullptr, "h", t0, 1);
    loop.start(t0);
    loop.on_first_delta(1, t0 + 1s);
    // A truncated stream is retry_same: restart on the same model after the retry delay.
    CHECK(str(loop.on_failure(1, ec(errc::stream_truncated), diag(200), t0 + 2s)) == "timer 300");
    CHECK(str(loop.on_timer(t0 + 2300ms)) == "start 2 m0 restart");
    CHECK(loop.committed() == 0);
    loop.on_first_delta(2, t0 + 3s);
    // An in-band overload moves on: restart on the next model at once.
    CHECK(str(loop.on_failure(2, ec(errc::stream_error), diag(200, {}, "provider_overloaded"), t0 + 4s)) ==
          "start 3 m1 restart");
    loop.on_first_delta(3, t0 + 5s);
    CHECK(str(loop.on_success(3, t0 + 6s)) == "success 3");
    CHECK(lines(loop.log()) == strings{"1 a 200 stream_truncated 300 restart: failed after a delta: same model",
                                       "2 a 200 stream_error 0 restart: failed after a delta: next model",
                                       "3 b 200 ok 0 success: completed"});
}

TEST_CASE("attempt loop: continue with prefill moves to the next model")
{
    request_policies p;
    p.retry = retry::limit(1, retry::only_if(retry::transient, retry::fixed_delay{200ms}));
    p.on_stream_failure = stream_recovery::continue_with_prefill;
    attempt_loop loop(p, {"a", "b"}, nullptr, "h", t0, 1);
    loop.start(t0);
    loop.on_first_delta(1, t0 + 1s);
    CHECK(str(loop.on_failure(1, ec(errc::idle_timeout), diag(200), t0 + 2s)) == "start 2 m1 prefill");
    loop.on_first_delta(2, t0 + 3s);
    // No model left: the same model, after the retry policy's delay.
    CHECK(str(loop.on_failure(2, ec(errc::stream_truncated), diag(200), t0 + 4s)) == "timer 200");
    CHECK(str(loop.on_timer(t0 + 4200ms)) == "start 3 m1 prefill");
    loop.on_first_delta(3, t0 + 5s);
    // Retries exhausted on the last model: fail.
    CHECK(str(loop.on_failure(3, ec(errc::stream_truncated), diag(200), t0 + 6s)) == "error stream_truncated");
    CHECK(lines(loop.log()) == strings{"1 a 200 idle_timeout 0 prefill: failed after a delta: next model",
                                       "2 b 200 stream_truncated 200 prefill: failed after a delta: same model",
                                       "3 b 200 stream_truncated 0 stop: retries exhausted"});
}

TEST_CASE("attempt loop: after a delta a non-retryable error still stops")
{
    request_policies p;
    p.on_stream_failure = stream_recovery::restart;
    attempt_loop loop(p, {"a", "b"}, nullptr, "h", t0, 1);
    loop.start(t0);
    loop.on_first_delta(1, t0);
    CHECK(str(loop.on_failure(1, ec(errc::invalid_response), diag(200), t0)) == "error invalid_response");
}

TEST_CASE("attempt loop: an open breaker fails fast with circuit_open")
{
    openrouter::circuit_breakers cb({.enabled = true, .failure_threshold = 2, .cool_down = 30s});
    request_policies p;
    p.circuit_breaker = cb.settings();
    p.retry = retry::none();

    // Two operations fail on connection errors: the host breaker opens.
    for (int op = 0; op < 2; ++op) {
        attempt_loop loop(p, {"a"}, &cb, "openrouter.ai", t0, 1);
        CHECK(str(loop.start(t0)) == "start 1 m0");
        CHECK(str(loop.on_failure(1, ec(errc::connect_failed), diag(0), t0)) == "error connect_failed");
    }
    CHECK(cb.state("host:openrouter.ai", t0).state == openrouter::circuit_state::open);

    // [doc:loop-breaker]
    attempt_loop loop(p, {"a", "b"}, &cb, "openrouter.ai", t0, 1);
    CHECK(str(loop.start(t0 + 1s)) == "error circuit_open");  // nothing attempted
    CHECK(lines(loop.log()) == strings{"1 a 0 circuit_open 0 skipped: circuit open: host"});
    // [doc:loop-breaker-end]

    // After the cool-down one operation gets the trial, a concurrent one is refused.
    attempt_loop trial(p, {"a"}, &cb, "openrouter.ai", t0, 1);
    attempt_loop other(p, {"a"}, &cb, "openrouter.ai", t0, 1);
    CHECK(str(trial.start(t0 + 31s)) == "start 1 m0");
    CHECK(str(other.start(t0 + 31s)) == "error circuit_open");
    CHECK(str(trial.on_success(1, t0 + 32s)) == "success 1");
    CHECK(cb.state("host:openrouter.ai", t0 + 32s).state == openrouter::circuit_state::closed);
}

TEST_CASE("attempt loop: an open model breaker skips to the next model")
{
    openrouter::circuit_breakers cb({.enabled = true, .failure_threshold = 1, .cool_down = 30s});
    request_policies p;
    p.circuit_breaker = cb.settings();
    {
        attempt_loop loop(p, {"a", "b"}, &cb, "h", t0, 1);
        loop.start(t0);
        // A 502 counts against model a (the host answered).
        CHECK(str(loop.on_failure(1, ec(errc::provider_error), diag(502), t0)) == "start 2 m1");
        CHECK(str(loop.on_success(2, t0)) == "success 2");
    }
    CHECK(cb.state("model:a", t0).state == openrouter::circuit_state::open);
    CHECK(cb.state("host:h", t0).state == openrouter::circuit_state::closed);

    attempt_loop loop(p, {"a", "b"}, &cb, "h", t0, 1);
    CHECK(str(loop.start(t0 + 1s)) == "start 2 m1");
    // The first backoff draw of the default policy is at most 500 ms: Retry-After wins.
    CHECK(str(loop.on_failure(2, ec(errc::rate_limited), diag(429, 1s), t0 + 2s)) == "timer 1000");
    CHECK(str(loop.on_timer(t0 + 3s)) == "error rate_limited");
    // b is open now too (threshold 1): no model left, the last real error is reported.
    CHECK(cb.state("model:b", t0 + 2s).state == openrouter::circuit_state::open);
    CHECK(lines(loop.log()) == strings{"1 a 0 circuit_open 0 skipped: circuit open: model",
                                       "2 b 429 rate_limited 1000 retry: retry policy: same model again",
                                       "3 b 0 circuit_open 0 skipped: circuit open: model"});
    CHECK(loop.finished());
}

TEST_CASE("attempt loop: a model breaker with all models open completes with the last error")
{
    openrouter::circuit_breakers cb({.enabled = true, .failure_threshold = 1, .cool_down = 30s});
    request_policies p;
    p.circuit_breaker = cb.settings();
    attempt_loop loop(p, {"a", "b"}, &cb, "h", t0, 1);
    loop.start(t0);
    cb.record_failure("model:b", t0);  // another operation opened b meanwhile
    CHECK(str(loop.on_failure(1, ec(errc::provider_error), diag(502), t0)) == "error provider_error");
}

TEST_CASE("attempt loop: breakers disabled in the policies are not consulted")
{
    openrouter::circuit_breakers cb({.enabled = true, .failure_threshold = 1, .cool_down = 30s});
    cb.record_failure("host:h", t0);
    request_policies p;  // circuit_breaker.enabled == false: the request opts out
    attempt_loop loop(p, {"a"}, &cb, "h", t0, 1);
    CHECK(str(loop.start(t0)) == "start 1 m0");
}

TEST_CASE("attempt loop: cancelling settles the log and releases a trial")
{
    openrouter::circuit_breakers cb({.enabled = true, .failure_threshold = 1, .cool_down = 10s});
    cb.record_failure("model:a", t0);
    request_policies p;
    p.circuit_breaker = cb.settings();
    attempt_loop loop(p, {"a"}, &cb, "h", t0, 1);
    CHECK(str(loop.start(t0 + 10s)) == "start 1 m0");  // the trial
    CHECK(cb.state("model:a", t0 + 10s).trial_in_flight);
    loop.on_cancel(t0 + 11s);
    CHECK_FALSE(cb.state("model:a", t0 + 11s).trial_in_flight);
    CHECK(lines(loop.log()) ==
          strings{"1 a 0 " + boost::asio::error::make_error_code(boost::asio::error::operation_aborted).message() +
                  " 0 cancelled: operation cancelled"});
    CHECK(loop.finished());
    CHECK(str(loop.on_failure(1, boost::asio::error::operation_aborted, diag(0), t0 + 12s)).empty());
}

TEST_CASE("attempt loop: the hook sees each decision and unknown ids are ignored")
{
    // [doc:loop-hook]
    std::vector<std::string> decisions;
    request_policies p;
    p.retry = retry::limit(1, retry::fixed_delay{0ms});
    p.fallback.chain = {"a", "b"};
    p.on_attempt = [&decisions](const openrouter::attempt_record& r) {
        decisions.push_back(std::to_string(r.number) + " " + r.model + ": " + r.decision + " (" + r.reason + ")");
    };
    attempt_loop loop(p, p.fallback.chain.models(), nullptr, "h", t0, 1);
    loop.start(t0);
    loop.on_failure(1, ec(errc::connection_closed), diag(0), t0);  // retry_same: again at once
    loop.on_failure(2, ec(errc::connection_closed), diag(0), t0);  // retries exhausted: next model
    loop.on_success(3, t0);
    CHECK(decisions == strings{"1 a: retry (retry policy: same model again)", "2 a: fallback (retries exhausted)",
                               "3 b: success (completed)"});
    // [doc:loop-hook-end]
    CHECK(str(loop.on_failure(99, ec(errc::server_error), diag(500), t0)).empty());
    CHECK(str(loop.on_first_delta(0, t0)).empty());
    CHECK(loop.model_of(99).empty());
}

TEST_CASE("attempt loop: an empty model list means the request's own model")
{
    request_policies p;
    attempt_loop loop(p, {}, nullptr, "h", t0, 1);
    CHECK(loop.models() == strings{""});
    CHECK(str(loop.start(t0)) == "start 1 m0");
    CHECK(str(loop.on_failure(1, ec(errc::bad_request), diag(400), t0)) == "error bad_request");
    CHECK(lines(loop.log()) == strings{"1 - 400 bad_request 0 stop: fallback rule: stop"});
}

TEST_CASE("attempt loop: a failure without an error code is still a failure")
{
    request_policies p;
    attempt_loop loop(p, {"m"}, nullptr, "h", t0, 1);
    loop.start(t0);
    CHECK(str(loop.on_failure(1, {}, diag(200), t0)) == "error invalid_response");
}
