// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_TRAFFIC_HPP
#define OPENROUTER_TRAFFIC_HPP

/// @file
/// `traffic_limits`: what a client lets through, for jobs with thousands of requests in flight.
/// Three independent limits, each off by default (a client without them behaves exactly as one
/// built before they existed):
///
/// - **concurrency**: at most `max_in_flight` attempts in flight for the whole client, and at
///   most `max_in_flight_per_model` per model. An attempt holds its slot from the moment it is
///   admitted until its response is read (a stream: until the stream ends, fails, is cancelled
///   or destroyed). A request waiting for a retry's backoff holds no slot, so other requests use
///   it meanwhile.
/// - **an adaptive rate** (`adaptive_rate`, AIMD): attempts start no faster than the current
///   rate. A 429 lowers the rate for the whole client (multiplicatively, at most once per
///   `decrease_interval`) and, with a Retry-After, pauses every new attempt of the client until
///   it has passed; each success raises the rate again (additively), between a floor and a
///   ceiling.
/// - **a cost budget** (`budget_usd`): the `usage.cost` of every completion (chat, legacy, and
///   their streams, once the usage chunk arrives) adds up; once the sum reaches the budget, new
///   chat and completion operations fail at once with `errc::budget_exhausted`. Operations that
///   were already running finish (their cost still counts, so the sum may pass the budget by
///   what was in flight).
///
/// Waiting for a slot or for the rate is part of the attempt: it is cancelled like the attempt
/// (per-operation cancellation ends the wait at once) and is bounded by `timeouts.total` (the
/// operation then fails with `errc::total_timeout`). Waiters are served first come, first
/// served, except that a request whose model is at its per-model limit does not hold up
/// requests for other models.
///
/// The 429 default for batch use: with an adaptive rate, a 429 is a signal about the whole
/// client's pace, not about the model, so it waits (the pause and the slower rate) and retries
/// the same model under the retry policy; the fallback chain is used for 429 only once the
/// retries are spent (`adaptive_rate::fall_back_on_429 = true` restores the fallback rule's
/// default of moving on at once). Without an adaptive rate, 429 follows the fallback rule as
/// before.
///
/// Thread safety: the limits are shared by every operation of the client and are safe when the
/// client's executor runs on several threads. `client::traffic()` reads a consistent snapshot.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace openrouter {

/// The adaptive (AIMD) rate of a client's attempts, in attempts per second.
struct adaptive_rate {
    double initial = 50.0;    ///< the rate at start (clamped to [floor, ceiling])
    double floor = 1.0;       ///< never below this (must be > 0)
    double ceiling = 1000.0;  ///< never above this
    /// Added to the rate by each successful attempt (additive increase).
    double increase_per_success = 1.0;
    /// The rate is multiplied by this on a 429 (multiplicative decrease), in (0, 1).
    double decrease_factor = 0.5;
    /// At most one decrease per interval: a wave of 429s answering requests sent at the old rate
    /// halves the rate once, not once per request.
    std::chrono::milliseconds decrease_interval{std::chrono::seconds(1)};
    /// Attempts that may start back to back before the rate spaces them (a burst of at least 1).
    double burst = 1.0;
    /// Without a Retry-After, a 429 pauses the client this long (0: no pause, only the slower rate).
    std::chrono::milliseconds pause_without_retry_after{std::chrono::milliseconds(500)};
    /// A longer Retry-After is capped here (the retry policy's own cap still applies to retries).
    std::chrono::milliseconds max_pause{std::chrono::seconds(60)};
    /// See the file comment: false (the default) retries the same model on 429 while the retry
    /// policy allows; true lets the fallback rule decide, as without an adaptive rate.
    bool fall_back_on_429 = false;
};

/// The traffic limits of a client (`client_options::traffic`). Zero / empty means "no limit".
struct traffic_limits {
    /// Attempts in flight for the whole client (0: no limit but the connection pool's).
    std::size_t max_in_flight = 0;
    /// Attempts in flight per model (0: no per-model limit). Requests without a model (the
    /// account's default) and the non-chat calls count as one model named "".
    std::size_t max_in_flight_per_model = 0;
    /// The adaptive rate; empty: attempts start as fast as slots allow.
    std::optional<adaptive_rate> rate;
    /// Cost budget in USD (credits) for the client's lifetime; empty: none.
    std::optional<double> budget_usd;
};

/// A snapshot of a client's traffic state (`client::traffic()`), for progress displays, metrics
/// and tests.
struct traffic_state {
    std::size_t in_flight = 0;       ///< attempts holding a slot now
    std::size_t waiting = 0;         ///< attempts waiting for a slot or for the rate
    std::size_t peak_in_flight = 0;  ///< the most attempts that ever held a slot at once
    std::uint64_t admitted = 0;      ///< attempts admitted since the client was made
    double rate = 0;                 ///< the current rate (attempts/s); 0 without an adaptive rate
    std::uint64_t rate_limited = 0;  ///< 429 answers seen
    std::uint64_t decreases = 0;     ///< times the rate was lowered
    /// Time left of the client-wide pause after a 429 (zero when not paused).
    std::chrono::milliseconds paused_for{0};
    double spent_usd = 0;              ///< the sum of `usage.cost` so far
    std::optional<double> budget_usd;  ///< the budget, if any
    bool budget_exhausted = false;     ///< new chat/completion operations are refused
};

}  // namespace openrouter

#endif  // OPENROUTER_TRAFFIC_HPP
