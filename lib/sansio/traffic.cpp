// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include "sansio/traffic.hpp"

#include <algorithm>
#include <cmath>

namespace openrouter::detail {

using std::chrono::duration_cast;
using std::chrono::milliseconds;
using std::chrono::nanoseconds;

namespace {

// The time between two attempts at `rate` attempts/s.
nanoseconds spacing(double rate)
{
    return nanoseconds(static_cast<std::int64_t>(std::llround(1e9 / rate)));
}

adaptive_rate sane(adaptive_rate r)
{
    if (!(r.floor > 0) || !std::isfinite(r.floor))
        r.floor = 1.0;
    if (!(r.ceiling >= r.floor) || !std::isfinite(r.ceiling))
        r.ceiling = std::max(r.floor, 1000.0);
    if (!std::isfinite(r.initial))
        r.initial = r.floor;
    r.initial = std::clamp(r.initial, r.floor, r.ceiling);
    if (!(r.decrease_factor > 0 && r.decrease_factor < 1))
        r.decrease_factor = 0.5;
    if (!(r.increase_per_success >= 0) || !std::isfinite(r.increase_per_success))
        r.increase_per_success = 0;
    if (!(r.burst >= 1) || !std::isfinite(r.burst))
        r.burst = 1;
    r.pause_without_retry_after = std::max(r.pause_without_retry_after, milliseconds(0));
    r.max_pause = std::max(r.max_pause, milliseconds(0));
    return r;
}

}  // namespace

traffic_control::traffic_control(const traffic_limits& limits, clock::time_point now)
    : limits_(limits), budget_(limits.budget_usd)
{
    if (limits_.rate) {
        limits_.rate = sane(*limits_.rate);
        rate_ = limits_.rate->initial;
    }
    gates_ = limits_.max_in_flight > 0 || limits_.max_in_flight_per_model > 0 || limits_.rate.has_value();
    tat_ = now;
    paused_until_ = now;
}

traffic_control::model_state& traffic_control::model(std::string_view name)
{
    auto it = models_.find(name);
    if (it == models_.end())
        it = models_.emplace(std::string(name), model_state{}).first;
    return it->second;
}

bool traffic_control::has_room(const model_state& m) const noexcept
{
    return limits_.max_in_flight_per_model == 0 || m.in_flight < limits_.max_in_flight_per_model;
}

traffic_control::ticket traffic_control::enqueue(std::string_view name)
{
    const ticket t = next_++;
    model(name).queue.push_back(t);
    ++waiting_;
    return t;
}

bool traffic_control::cancel(std::string_view name, ticket t)
{
    auto it = models_.find(name);
    if (it == models_.end())
        return false;
    auto& q = it->second.queue;
    auto pos = std::find(q.begin(), q.end(), t);
    if (pos == q.end())
        return false;
    q.erase(pos);
    --waiting_;
    return true;
}

void traffic_control::poll(clock::time_point now, std::vector<ticket>& granted, std::optional<clock::time_point>& wake)
{
    wake.reset();
    while (waiting_ > 0) {
        if (limits_.max_in_flight > 0 && in_flight_ >= limits_.max_in_flight)
            return;
        // The oldest waiter among the models that have room (models are few: a linear pick).
        model_state* pick = nullptr;
        for (auto& [name, m] : models_) {
            if (!m.queue.empty() && has_room(m) && (pick == nullptr || m.queue.front() < pick->queue.front()))
                pick = &m;
        }
        if (pick == nullptr)
            return;
        if (limits_.rate) {
            const nanoseconds t = spacing(rate_);
            const auto tolerance = duration_cast<nanoseconds>(t * (limits_.rate->burst - 1.0));
            const clock::time_point earliest = std::max(paused_until_, tat_ - tolerance);
            if (earliest > now) {
                wake = earliest;
                return;
            }
            tat_ = std::max(tat_, now) + t;
        }
        granted.push_back(pick->queue.front());
        pick->queue.pop_front();
        --waiting_;
        ++pick->in_flight;
        ++in_flight_;
        ++admitted_;
        peak_ = std::max(peak_, in_flight_);
    }
}

void traffic_control::release(std::string_view name)
{
    auto it = models_.find(name);
    if (it == models_.end() || it->second.in_flight == 0 || in_flight_ == 0)
        return;  // not ours to release (a bug elsewhere must not underflow the counts)
    --it->second.in_flight;
    --in_flight_;
    if (it->second.in_flight == 0 && it->second.queue.empty() && models_.size() > 64)
        models_.erase(it);  // bound the table for clients that see many models
}

void traffic_control::on_outcome(clock::time_point now, const error_code& ec,
                                 std::optional<std::chrono::milliseconds> retry_after)
{
    if (ec == errc::rate_limited) {
        ++rate_limited_;
        if (!limits_.rate)
            return;
        const adaptive_rate& r = *limits_.rate;
        if (!last_decrease_ || now - *last_decrease_ >= r.decrease_interval) {
            rate_ = std::max(r.floor, rate_ * r.decrease_factor);
            last_decrease_ = now;
            ++decreases_;
        }
        milliseconds pause =
            retry_after ? std::clamp(*retry_after, milliseconds(0), r.max_pause) : r.pause_without_retry_after;
        paused_until_ = std::max(paused_until_, now + pause);
        return;
    }
    if (!ec && limits_.rate)
        rate_ = std::min(limits_.rate->ceiling, rate_ + limits_.rate->increase_per_success);
}

void traffic_control::add_cost(double usd) noexcept
{
    if (usd > 0 && std::isfinite(usd))
        spent_ += usd;
}

traffic_state traffic_control::snapshot(clock::time_point now) const
{
    traffic_state s;
    s.in_flight = in_flight_;
    s.waiting = waiting_;
    s.peak_in_flight = peak_;
    s.admitted = admitted_;
    s.rate = limits_.rate ? rate_ : 0.0;
    s.rate_limited = rate_limited_;
    s.decreases = decreases_;
    if (paused_until_ > now)
        s.paused_for = std::chrono::ceil<milliseconds>(paused_until_ - now);
    s.spent_usd = spent_;
    s.budget_usd = budget_;
    s.budget_exhausted = budget_exhausted();
    return s;
}

}  // namespace openrouter::detail
