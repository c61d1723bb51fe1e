// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_CORE_TRAFFIC_HPP
#define OPENROUTER_LIB_CORE_TRAFFIC_HPP

// The driver of a client's traffic limits: the sans-io decisions (sansio/traffic.hpp) under a
// mutex, the waiters' timers, and one timer on the client's strand that polls again when the
// rate lets the next waiter start. An attempt is admitted by acquire() (core/attempts.cpp) and
// holds a traffic_permit until its response is read; a stream takes the permit over and drops it
// when it ends (stream/stream_impl).

#include "sansio/traffic.hpp"

#include <openrouter/traffic.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace openrouter::detail {

class traffic_gate;

// A granted slot; released when destroyed or reset (from any thread).
class traffic_permit {
public:
    traffic_permit() = default;
    traffic_permit(std::shared_ptr<traffic_gate> g, std::string model) : gate_(std::move(g)), model_(std::move(model))
    {}
    traffic_permit(traffic_permit&&) noexcept = default;
    traffic_permit& operator=(traffic_permit&& o) noexcept
    {
        if (this != &o) {
            reset();
            gate_ = std::move(o.gate_);
            model_ = std::move(o.model_);
        }
        return *this;
    }
    traffic_permit(const traffic_permit&) = delete;
    traffic_permit& operator=(const traffic_permit&) = delete;
    ~traffic_permit() { reset(); }

    void reset() noexcept;
    explicit operator bool() const noexcept { return gate_ != nullptr; }

private:
    std::shared_ptr<traffic_gate> gate_;
    std::string model_;
};

class traffic_gate : public std::enable_shared_from_this<traffic_gate> {
public:
    using clock = traffic_control::clock;

    traffic_gate(const traffic_limits& limits, boost::asio::strand<boost::asio::any_io_executor> strand);

    bool gates_attempts() const noexcept { return gates_; }
    bool has_rate() const noexcept { return has_rate_; }
    bool fall_back_on_429() const noexcept { return fall_back_on_429_; }

    // A waiter of acquire(), cancelled by cancel_waiter (from the attempt's cancel hook).
    struct waiter;

    // Waits (on the calling coroutine's executor) until the limits admit an attempt of `model`.
    // Completes with a permit in `out`, or operation_aborted (cancel_waiter), or
    // errc::total_timeout when `deadline` passes first. `w_out` is set while it waits.
    boost::asio::awaitable<error_code> acquire(const std::string& model, clock::time_point deadline,
                                               traffic_permit& out, std::shared_ptr<waiter>& w_out);
    void cancel_waiter(const std::shared_ptr<waiter>& w);

    void on_outcome(const error_code& ec, std::optional<std::chrono::milliseconds> retry_after);
    void add_cost(double usd);
    bool budget_exhausted() const;
    traffic_state snapshot() const;

private:
    friend class traffic_permit;
    void release(const std::string& model);
    // Grants what the limits allow and wakes those waiters; arms the rate timer. Any thread.
    void poll_locked(std::unique_lock<std::mutex>& lock);
    void arm(clock::time_point at);

    mutable std::mutex mutex_;
    traffic_control ctl_;
    std::unordered_map<traffic_control::ticket, std::shared_ptr<waiter>> waiters_;
    boost::asio::strand<boost::asio::any_io_executor> strand_;
    boost::asio::steady_timer rate_timer_;    // used only on strand_
    std::optional<clock::time_point> armed_;  // under mutex_
    bool gates_;
    bool has_rate_;
    bool fall_back_on_429_;
};

struct traffic_gate::waiter {
    explicit waiter(const boost::asio::any_io_executor& ex) : timer(ex) {}
    boost::asio::steady_timer timer;  // expires at the deadline; cancelled to wake it
    std::string model;
    traffic_control::ticket ticket = 0;
    bool granted = false;    // under the gate's mutex
    bool cancelled = false;  // under the gate's mutex
};

}  // namespace openrouter::detail

#endif
