// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_POLICIES_HPP
#define OPENROUTER_POLICIES_HPP

/// @file
/// `request_policies`: every decision policy of an operation in one value: retry, fallback,
/// hedging, circuit breaking, what a stream does when it fails after a delta, and a hook that
/// sees each decision.
///
/// A client holds one in `client_options::policies`; a request may carry its own to override
/// it. Policies decide, never act: the client's driver runs the attempt loop, which consults
/// them after each attempt.
///
/// Example:
/// @code
///   using namespace std::chrono_literals;
///   namespace retry = openrouter::retry;
///   openrouter::request_policies p;
///   p.retry = retry::limit(2, retry::only_if(retry::rate_limited, retry::fixed_delay{1s}));
///   p.fallback.chain = {"anthropic/claude-sonnet-4", "openai/gpt-4o"};
///   p.hedge = openrouter::hedge::policy{.after = 4s};
///   p.on_stream_failure = openrouter::stream_recovery::restart;
///   p.on_attempt = [](const openrouter::attempt_record& r) { std::clog << r.decision << ": " << r.reason << '\n'; };
/// @endcode
///
/// Thread safety: a plain value, copied into each operation (the retry policy is shared, not
/// copied). The `std::function` members are called on the client's strand, one call at a time
/// per operation, but different operations may call them concurrently from different threads
/// when the client's executor runs on several threads. Errors: none.

#include <openrouter/circuit_breaker.hpp>
#include <openrouter/diagnostics.hpp>
#include <openrouter/fallback.hpp>
#include <openrouter/hedge.hpp>
#include <openrouter/retry.hpp>

#include <functional>
#include <optional>
#include <string_view>

namespace openrouter {

/// What a stream does when it fails after a delta already reached the caller.
enum class stream_recovery {
    /// Fail the stream with the error (the default: the caller has seen part of an answer).
    fail,
    /// Start again from scratch (same model per the retry policy, or the next one per the
    /// fallback rule); the stream tells the caller with an explicit restart event.
    restart,
    /// Continue on the next model (the same one when there is none), sending the partial
    /// answer as an assistant prefill; the stream tells the caller with a switch event.
    continue_with_prefill,
};

/// "fail", "restart", "continue_with_prefill".
std::string_view to_string(stream_recovery r) noexcept;

/// Every decision policy of an operation.
struct request_policies {
    /// When and how long to wait before retrying the same model. Default:
    /// `retry::default_policy()` (3 retries of transient failures, exponential full-jitter
    /// backoff 500 ms x2 up to 8 s, Retry-After honoured up to 20 s, a longer one fails at once).
    retry::policy retry = retry::default_policy();

    /// Client-side model chain, server-side `models`/`route`, and the rule choosing between
    /// retrying the same model, moving on, or stopping.
    fallback::config fallback{};

    /// Hedged attempts; none by default.
    std::optional<hedge::policy> hedge{};

    /// Circuit breakers (off by default). The client builds its registry from the settings in
    /// `client_options::policies`; in a per-request override only `enabled` is honoured (a
    /// request may opt out of the client's breakers, not change their thresholds).
    circuit_breaker_settings circuit_breaker{};

    /// Streams: what a failure after the first delta does.
    stream_recovery on_stream_failure = stream_recovery::fail;

    /// Called with each attempt's record once its decision is known (see `attempt_record`:
    /// model, HTTP status, error, chosen delay, decision and reason). Must not throw.
    std::function<void(const attempt_record&)> on_attempt{};
};

}  // namespace openrouter

#endif  // OPENROUTER_POLICIES_HPP
