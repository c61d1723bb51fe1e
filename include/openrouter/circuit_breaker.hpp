// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_CIRCUIT_BREAKER_HPP
#define OPENROUTER_CIRCUIT_BREAKER_HPP

/// @file
/// Circuit breakers: stop calling a model (or a host) that keeps failing, and try it again
/// after a cool-down.
///
/// A `circuit_breakers` registry holds one breaker per key. The attempt loop uses the keys
/// "model:<model id>" (failures that came with an HTTP response: 429, 5xx, in-band errors) and
/// "host:<host>" (failures without a response: connection errors, timeouts). Each breaker:
///
///   closed    calls pass; `failure_threshold` consecutive failures open it;
///   open      calls are refused at once (the operation fails with `errc::circuit_open`, or
///             moves to the next model of its chain) until `cool_down` has passed since it
///             opened, then it half-opens;
///   half_open one trial call passes, others are refused; the trial's success closes the
///             breaker, its failure re-opens it (a new cool-down). A trial that is abandoned
///             (cancelled) frees the slot; one that is never reported is forgotten after
///             another `cool_down`.
///
/// Time is a parameter (`steady_clock::time_point now`): tests drive breakers with a mock
/// clock. Thread safety: every member function is thread-safe (one mutex); one registry is
/// shared by all operations of a client, whichever thread runs them. Errors: none (a registry
/// with `enabled == false` or a threshold below 1 is inert: every call passes, nothing is
/// recorded).
///
/// Example:
/// @code
///   openrouter::circuit_breakers cb({.enabled = true, .failure_threshold = 3, .cool_down = std::chrono::seconds(10)});
///   auto now = std::chrono::steady_clock::now();
///   if (cb.acquire("model:openai/gpt-4o", now) != openrouter::circuit_permit::refused) { ... }
/// @endcode

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace openrouter {

/// Configuration of every breaker of a registry.
struct circuit_breaker_settings {
    /// Whether breakers are used at all. Off by default: a breaker changes what a caller sees
    /// (fast failures), so it is opt-in.
    bool enabled = false;
    /// Consecutive failures that open a breaker (< 1: never opens).
    int failure_threshold = 5;
    /// How long an open breaker refuses calls before half-opening.
    std::chrono::milliseconds cool_down{std::chrono::seconds(30)};
    /// Which breakers the attempt loop consults: the "model:" ones and the "host:" ones.
    ///@{
    bool per_model = true;
    bool per_host = true;
    ///@}
};

/// The state of one breaker.
enum class circuit_state { closed, open, half_open };

/// "closed", "open", "half_open".
std::string_view to_string(circuit_state s) noexcept;

/// The answer of `circuit_breakers::acquire`.
enum class circuit_permit {
    allowed,  ///< closed: go ahead
    trial,    ///< half-open: go ahead as the one trial call (report its outcome!)
    refused,  ///< open, or half-open with a trial in flight: fail fast
};

/// A registry of breakers keyed by string. See the file comment.
class circuit_breakers {
public:
    using clock = std::chrono::steady_clock;  ///< the clock of every `now` argument

    /// What a breaker looks like now (for tests and metrics).
    struct snapshot {
        circuit_state state = circuit_state::closed;  ///< the state at the time asked
        int consecutive_failures = 0;                 ///< failures since the last success
        bool trial_in_flight = false;                 ///< a half-open trial call is granted
        clock::time_point opened_at{};                ///< when it last opened
        std::uint64_t times_opened = 0;               ///< how often it opened (re-opens included)
        std::uint64_t calls_refused = 0;              ///< calls refused so far
    };

    /// A registry whose every breaker follows `s` (none exists before its first use).
    explicit circuit_breakers(circuit_breaker_settings s = {}) : settings_(s) {}

    circuit_breakers(const circuit_breakers&) = delete;
    circuit_breakers& operator=(const circuit_breakers&) = delete;

    /// The settings given at construction.
    const circuit_breaker_settings& settings() const noexcept { return settings_; }

    /// Asks to make a call under `key` at `now`. An open breaker whose cool-down has passed
    /// half-opens and grants a trial.
    circuit_permit acquire(std::string_view key, clock::time_point now);

    /// Reports the outcome of a call that was granted. A success closes the breaker and resets
    /// its failure count; a failure counts, opens a closed breaker at `failure_threshold` and
    /// re-opens a half-open one (a failure reported while open is only counted).
    ///@{
    void record_success(std::string_view key, clock::time_point now);
    void record_failure(std::string_view key, clock::time_point now);
    ///@}

    /// A granted trial call ended without an outcome (cancelled): another trial may go.
    void release_trial(std::string_view key);

    /// The state of `key` at `now` (an unknown key is closed). An open breaker whose cool-down
    /// has passed reads `half_open`.
    snapshot state(std::string_view key, clock::time_point now) const;

    /// Every known key with its state at `now`, sorted by key.
    std::vector<std::pair<std::string, snapshot>> all(clock::time_point now) const;

    /// Forgets every breaker.
    void reset();

    /// The registry keys of a model and of a host.
    ///@{
    static std::string model_key(std::string_view model) { return "model:" + std::string(model); }
    static std::string host_key(std::string_view host) { return "host:" + std::string(host); }
    ///@}

private:
    struct entry {
        snapshot s;
        clock::time_point trial_started{};
    };
    bool active() const noexcept { return settings_.enabled && settings_.failure_threshold >= 1; }
    snapshot view(const entry& e, clock::time_point now) const;

    circuit_breaker_settings settings_;
    mutable std::mutex mutex_;
    std::map<std::string, entry, std::less<>> breakers_;
};

}  // namespace openrouter

#endif  // OPENROUTER_CIRCUIT_BREAKER_HPP
