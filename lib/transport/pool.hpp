// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_TRANSPORT_POOL_HPP
#define OPENROUTER_LIB_TRANSPORT_POOL_HPP

// Keep-alive connection cache, bounded per host. Thread-safe: operations of one client may run
// on several threads (each operation on its own strand).

#include "transport/connection.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace openrouter::detail {

class connection_pool {
public:
    connection_pool(std::size_t max_per_host, std::chrono::milliseconds idle_ttl)
        : max_per_host_(max_per_host == 0 ? 1 : max_per_host), idle_ttl_(idle_ttl)
    {}

    // A ticket to use a connection slot of `key`: `conn` is an idle connection to reuse, or null,
    // which grants the right to open a new one (it counts against the limit until released).
    struct lease {
        std::unique_ptr<connection> conn;
        bool reused = false;
    };

    // Waits for a slot while the host is at its limit. Cancellation: `cancel_waiter` (called on
    // the operation's strand through its cancel hook) makes it complete with operation_aborted.
    struct waiter;
    boost::asio::awaitable<error_code> acquire(const std::string& key, lease& out, std::shared_ptr<waiter>& w_out);

    // Returns a slot. A reusable connection goes to the next waiter or to the idle list; otherwise
    // the connection (if any) is closed and the slot freed.
    void release(const std::string& key, std::unique_ptr<connection> c, bool reusable);

    // Wakes a waiter so that its acquire() completes with operation_aborted.
    void cancel_waiter(const std::shared_ptr<waiter>& w);

    std::size_t idle_count(const std::string& key);

private:
    struct host {
        std::deque<std::unique_ptr<connection>> idle;
        std::size_t live = 0;
        std::deque<std::shared_ptr<waiter>> waiters;
    };

    std::mutex mutex_;
    std::map<std::string, host> hosts_;
    std::size_t max_per_host_;
    std::chrono::milliseconds idle_ttl_;
};

struct connection_pool::waiter {
    explicit waiter(const boost::asio::any_io_executor& ex) : timer(ex) { timer.expires_at(clock::time_point::max()); }
    boost::asio::steady_timer timer;     // waited on by the acquiring operation, on its executor
    std::unique_ptr<connection> handed;  // set under the pool mutex
    bool may_create = false;             // set under the pool mutex
    bool cancelled = false;              // set under the pool mutex
};

}  // namespace openrouter::detail

#endif
