// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include "core/traffic.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <vector>

namespace openrouter::detail {

namespace asio = boost::asio;

void traffic_permit::reset() noexcept
{
    if (gate_) {
        auto g = std::move(gate_);
        g->release(model_);
    }
}

traffic_gate::traffic_gate(const traffic_limits& limits, asio::strand<asio::any_io_executor> strand)
    : ctl_(limits, clock::now()), strand_(strand), rate_timer_(strand), gates_(ctl_.gates_attempts()),
      has_rate_(limits.rate.has_value()), fall_back_on_429_(limits.rate && limits.rate->fall_back_on_429)
{}

asio::awaitable<error_code> traffic_gate::acquire(const std::string& model, clock::time_point deadline,
                                                  traffic_permit& out, std::shared_ptr<waiter>& w_out)
{
    auto w = std::make_shared<waiter>(co_await asio::this_coro::executor);
    w->model = model;
    {
        std::unique_lock lock(mutex_);
        w->ticket = ctl_.enqueue(model);
        waiters_.emplace(w->ticket, w);
        poll_locked(lock);  // unlocks
    }
    {
        std::lock_guard lock(mutex_);
        if (w->granted) {
            out = traffic_permit(shared_from_this(), model);
            co_return error_code{};
        }
    }
    // A grant from now on posts the timer's cancellation to this executor, which runs only once
    // this coroutine is suspended in the wait below.
    w_out = w;
    w->timer.expires_at(deadline);
    co_await w->timer.async_wait(asio::as_tuple(asio::use_awaitable));
    w_out.reset();
    std::unique_lock lock(mutex_);
    if (w->granted) {
        // Granted, even if cancelled at the same moment: the caller sees its cancellation and
        // drops the permit, which frees the slot again.
        out = traffic_permit(shared_from_this(), model);
        co_return error_code{};
    }
    ctl_.cancel(model, w->ticket);
    waiters_.erase(w->ticket);
    const bool cancelled = w->cancelled;
    poll_locked(lock);  // a rate-limited head may have left: the next one may go
    if (cancelled)
        co_return error_code(asio::error::operation_aborted);
    co_return error_code(errc::total_timeout);
}

void traffic_gate::cancel_waiter(const std::shared_ptr<waiter>& w)
{
    {
        std::lock_guard lock(mutex_);
        w->cancelled = true;
    }
    w->timer.cancel();  // on the waiter's executor (the attempt's cancel hook runs there)
}

void traffic_gate::release(const std::string& model)
{
    std::unique_lock lock(mutex_);
    ctl_.release(model);
    poll_locked(lock);
}

void traffic_gate::on_outcome(const error_code& ec, std::optional<std::chrono::milliseconds> retry_after)
{
    std::unique_lock lock(mutex_);
    ctl_.on_outcome(clock::now(), ec, retry_after);
    poll_locked(lock);  // a faster rate may let a waiter start earlier
}

void traffic_gate::add_cost(double usd)
{
    std::lock_guard lock(mutex_);
    ctl_.add_cost(usd);
}

bool traffic_gate::budget_exhausted() const
{
    std::lock_guard lock(mutex_);
    return ctl_.budget_exhausted();
}

traffic_state traffic_gate::snapshot() const
{
    std::lock_guard lock(mutex_);
    return ctl_.snapshot(clock::now());
}

void traffic_gate::poll_locked(std::unique_lock<std::mutex>& lock)
{
    std::vector<traffic_control::ticket> granted;
    std::optional<clock::time_point> wake;
    ctl_.poll(clock::now(), granted, wake);
    std::vector<std::shared_ptr<waiter>> wakeups;
    wakeups.reserve(granted.size());
    for (const auto t : granted) {
        auto it = waiters_.find(t);
        if (it == waiters_.end())
            continue;
        it->second->granted = true;
        wakeups.push_back(std::move(it->second));
        waiters_.erase(it);
    }
    const bool rearm = wake && (!armed_ || *wake < *armed_);
    if (rearm)
        armed_ = wake;
    lock.unlock();
    for (auto& w : wakeups) {
        auto ex = w->timer.get_executor();
        asio::post(ex, [w = std::move(w)] { w->timer.cancel(); });
    }
    if (rearm)
        arm(*wake);
}

void traffic_gate::arm(clock::time_point at)
{
    asio::post(strand_, [self = shared_from_this(), at] {
        self->rate_timer_.expires_at(at);  // replaces a later wake-up, if one was armed
        self->rate_timer_.async_wait([self](boost::system::error_code ec) {
            if (ec)
                return;  // replaced by an earlier one
            std::unique_lock lock(self->mutex_);
            self->armed_.reset();
            self->poll_locked(lock);
        });
    });
}

}  // namespace openrouter::detail
