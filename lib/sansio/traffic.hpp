// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_SANSIO_TRAFFIC_HPP
#define OPENROUTER_LIB_SANSIO_TRAFFIC_HPP

// The decisions of a client's traffic limits (include/openrouter/traffic.hpp), without I/O and
// with time as a parameter: a FIFO of attempts waiting for admission, the concurrency counts
// (client-wide and per model), the AIMD rate as a GCRA schedule (theoretical arrival time), the
// client-wide pause after a 429, and the cost budget. The driver (lib/core/traffic.cpp) keeps it
// under a mutex, wakes the waiters it grants and arms one timer for the next rate wake-up.
//
//   traffic_control tc(limits, now);
//   auto t = tc.enqueue("model");          // an attempt asks for a slot
//   tc.poll(now, granted, wake);           // which waiters may start now; when to poll again
//   ...                                    // the attempt runs
//   tc.on_outcome(now, ec, retry_after);   // 429 slows and pauses, success speeds up
//   tc.release("model");                   // its slot is free: poll again

#include <openrouter/error.hpp>
#include <openrouter/traffic.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openrouter::detail {

class traffic_control {
public:
    using clock = std::chrono::steady_clock;
    using ticket = std::uint64_t;

    traffic_control(const traffic_limits& limits, clock::time_point now);

    // Whether attempts need admission at all (a concurrency limit or a rate). The budget alone
    // needs none: it is checked when an operation starts.
    bool gates_attempts() const noexcept { return gates_; }

    // Queues an attempt for `model`; its ticket is granted by a later poll().
    ticket enqueue(std::string_view model);

    // Removes a waiting ticket (cancelled or timed out). False when it is not waiting (it was
    // granted meanwhile: the caller then owns a slot and must release it).
    bool cancel(std::string_view model, ticket t);

    // Grants, oldest first, what the limits allow at `now`, appending the tickets to `granted`.
    // `wake` is set to when a rate-limited head may start (empty when nothing waits for time).
    void poll(clock::time_point now, std::vector<ticket>& granted, std::optional<clock::time_point>& wake);

    // A granted attempt of `model` ended (its slot is free).
    void release(std::string_view model);

    // What an attempt's answer says about the client's pace: a 429 lowers the rate (at most
    // once per decrease_interval) and pauses admission (Retry-After, capped, or the default
    // pause); a success raises the rate. Other failures change nothing.
    void on_outcome(clock::time_point now, const error_code& ec, std::optional<std::chrono::milliseconds> retry_after);

    // Adds a completion's usage.cost (negative and non-finite values are ignored).
    void add_cost(double usd) noexcept;
    bool budget_exhausted() const noexcept { return budget_ && spent_ >= *budget_; }

    traffic_state snapshot(clock::time_point now) const;

private:
    struct model_state {
        std::size_t in_flight = 0;
        std::deque<ticket> queue;  // tickets are increasing, so each queue is in arrival order
    };

    model_state& model(std::string_view name);
    bool has_room(const model_state& m) const noexcept;

    traffic_limits limits_;
    bool gates_ = false;
    std::map<std::string, model_state, std::less<>> models_;
    ticket next_ = 1;
    std::size_t in_flight_ = 0;
    std::size_t waiting_ = 0;
    std::size_t peak_ = 0;
    std::uint64_t admitted_ = 0;
    // The rate (attempts/s) and its GCRA schedule: an attempt may start at tat_ - tolerance.
    double rate_ = 0;
    clock::time_point tat_{};
    clock::time_point paused_until_{};
    std::optional<clock::time_point> last_decrease_;
    std::uint64_t rate_limited_ = 0;
    std::uint64_t decreases_ = 0;
    std::optional<double> budget_;
    double spent_ = 0;
};

}  // namespace openrouter::detail

#endif
