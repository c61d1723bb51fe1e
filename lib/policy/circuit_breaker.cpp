// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include <openrouter/circuit_breaker.hpp>

#include <boost/describe/enum.hpp>
#include <boost/describe/enum_to_string.hpp>

#include <algorithm>

namespace openrouter {

BOOST_DESCRIBE_ENUM(circuit_state, closed, open, half_open)

std::string_view to_string(circuit_state s) noexcept
{
    return boost::describe::enum_to_string(s, "unknown");
}

circuit_breakers::snapshot circuit_breakers::view(const entry& e, clock::time_point now) const
{
    snapshot s = e.s;
    if (s.state == circuit_state::open && now - s.opened_at >= settings_.cool_down)
        s.state = circuit_state::half_open;
    return s;
}

circuit_permit circuit_breakers::acquire(std::string_view key, clock::time_point now)
{
    if (!active())
        return circuit_permit::allowed;
    std::lock_guard lock(mutex_);
    auto it = breakers_.find(key);
    if (it == breakers_.end())
        return circuit_permit::allowed;  // never failed: nothing to store
    entry& e = it->second;
    switch (e.s.state) {
    case circuit_state::closed: return circuit_permit::allowed;
    case circuit_state::open:
        if (now - e.s.opened_at < settings_.cool_down) {
            ++e.s.calls_refused;
            return circuit_permit::refused;
        }
        e.s.state = circuit_state::half_open;
        [[fallthrough]];
    case circuit_state::half_open:
        // A trial that was never reported is forgotten after another cool-down.
        if (e.s.trial_in_flight && now - e.trial_started < settings_.cool_down) {
            ++e.s.calls_refused;
            return circuit_permit::refused;
        }
        e.s.trial_in_flight = true;
        e.trial_started = now;
        return circuit_permit::trial;
    }
    return circuit_permit::allowed;
}

void circuit_breakers::record_success(std::string_view key, clock::time_point)
{
    if (!active())
        return;
    std::lock_guard lock(mutex_);
    auto it = breakers_.find(key);
    if (it == breakers_.end())
        return;
    snapshot& s = it->second.s;
    s.consecutive_failures = 0;
    s.trial_in_flight = false;
    s.state = circuit_state::closed;
}

void circuit_breakers::record_failure(std::string_view key, clock::time_point now)
{
    if (!active())
        return;
    std::lock_guard lock(mutex_);
    auto it = breakers_.find(key);
    if (it == breakers_.end())
        it = breakers_.emplace(std::string(key), entry{}).first;
    snapshot& s = it->second.s;
    ++s.consecutive_failures;
    const bool trial_failed = s.state == circuit_state::half_open ||
                              (s.state == circuit_state::open && now - s.opened_at >= settings_.cool_down);
    if (trial_failed || (s.state == circuit_state::closed && s.consecutive_failures >= settings_.failure_threshold)) {
        s.state = circuit_state::open;
        s.opened_at = now;
        s.trial_in_flight = false;
        ++s.times_opened;
    }
    // A failure reported while open (a call granted before the breaker opened): counted only.
}

void circuit_breakers::release_trial(std::string_view key)
{
    std::lock_guard lock(mutex_);
    auto it = breakers_.find(key);
    if (it != breakers_.end())
        it->second.s.trial_in_flight = false;
}

circuit_breakers::snapshot circuit_breakers::state(std::string_view key, clock::time_point now) const
{
    std::lock_guard lock(mutex_);
    auto it = breakers_.find(key);
    if (it == breakers_.end())
        return {};
    return view(it->second, now);
}

std::vector<std::pair<std::string, circuit_breakers::snapshot>> circuit_breakers::all(clock::time_point now) const
{
    std::lock_guard lock(mutex_);
    std::vector<std::pair<std::string, snapshot>> out;
    out.reserve(breakers_.size());
    for (const auto& [k, e] : breakers_)
        out.emplace_back(k, view(e, now));
    return out;
}

void circuit_breakers::reset()
{
    std::lock_guard lock(mutex_);
    breakers_.clear();
}

}  // namespace openrouter
