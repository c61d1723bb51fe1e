// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include "transport/pool.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>

namespace openrouter::detail {

namespace asio = boost::asio;

asio::awaitable<error_code> connection_pool::acquire(const std::string& key, lease& out, std::shared_ptr<waiter>& w_out)
{
    std::shared_ptr<waiter> w;
    {
        std::lock_guard lock(mutex_);
        host& h = hosts_[key];
        const auto now = clock::now();
        // Newest first; drop connections idle for too long or closed meanwhile.
        while (!h.idle.empty()) {
            std::unique_ptr<connection> c = std::move(h.idle.back());
            h.idle.pop_back();
            if (now - c->last_used <= idle_ttl_ && c->is_open()) {
                out.conn = std::move(c);
                out.reused = true;
                co_return error_code{};
            }
            c->close();
            --h.live;
        }
        if (h.live < max_per_host_) {
            ++h.live;
            out.conn = nullptr;
            out.reused = false;
            co_return error_code{};
        }
        w = std::make_shared<waiter>(co_await asio::this_coro::executor);
        h.waiters.push_back(w);
    }
    w_out = w;
    co_await w->timer.async_wait(asio::as_tuple(asio::use_awaitable));
    w_out.reset();
    std::lock_guard lock(mutex_);
    host& h = hosts_[key];
    if (w->handed) {
        out.conn = std::move(w->handed);
        out.reused = true;
        co_return error_code{};
    }
    if (w->may_create) {
        out.conn = nullptr;
        out.reused = false;
        co_return error_code{};
    }
    h.waiters.erase(std::remove(h.waiters.begin(), h.waiters.end(), w), h.waiters.end());
    co_return error_code(asio::error::operation_aborted);
}

void connection_pool::release(const std::string& key, std::unique_ptr<connection> c, bool reusable)
{
    std::unique_lock lock(mutex_);
    host& h = hosts_[key];
    if (c && reusable && c->is_open()) {
        c->last_used = clock::now();
        // Hand it to the oldest waiter that is still waiting.
        while (!h.waiters.empty()) {
            auto w = std::move(h.waiters.front());
            h.waiters.pop_front();
            if (w->cancelled)
                continue;
            w->handed = std::move(c);
            asio::post(w->timer.get_executor(), [w] { w->timer.cancel(); });
            return;
        }
        h.idle.push_back(std::move(c));
        return;
    }
    if (c)
        c->close();
    while (!h.waiters.empty()) {
        auto w = std::move(h.waiters.front());
        h.waiters.pop_front();
        if (w->cancelled)
            continue;
        w->may_create = true;  // the slot passes to the waiter
        asio::post(w->timer.get_executor(), [w] { w->timer.cancel(); });
        return;
    }
    --h.live;
}

void connection_pool::cancel_waiter(const std::shared_ptr<waiter>& w)
{
    // Called on the waiter's own executor; the pool may hand it a slot concurrently, in which case
    // acquire() sees `handed`/`may_create` and the operation releases it again.
    {
        std::lock_guard lock(mutex_);
        w->cancelled = true;
    }
    w->timer.cancel();
}

std::size_t connection_pool::idle_count(const std::string& key)
{
    std::lock_guard lock(mutex_);
    return hosts_[key].idle.size();
}

}  // namespace openrouter::detail
