// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_TEST_THREADS_RUNNER_HPP
#define OPENROUTER_TEST_THREADS_RUNNER_HPP

// What the multi-threaded tests share: an io_context run by N threads (with a watchdog, so a
// hang fails the case instead of the whole run), a thread-safe tally of outcomes that the test's
// own thread asserts on afterwards (Catch2 v2 assertions are not thread-safe), and an emulator.

#include "common/harness.hpp"

#include <emulator/emulator.hpp>

#include <boost/asio/executor_work_guard.hpp>

#include <atomic>
#include <chrono>
#include <initializer_list>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace threads {

namespace asio = boost::asio;

inline const std::string test_key = "sk-or-v1-threads-test-key-do-not-print";

// An io_context run by `n` threads until wait().
class runner {
public:
    explicit runner(int n) : ioc(n), guard_(asio::make_work_guard(ioc))
    {
        for (int i = 0; i < n; ++i)
            threads_.emplace_back([this] { ioc.run(); });
    }
    runner(const runner&) = delete;
    runner& operator=(const runner&) = delete;
    ~runner() { stop_and_join(); }

    // Starts `aw` on `ex`; its end (or exception) is counted, with the thread it ended on.
    template <class Executor>
    void spawn(const Executor& ex, asio::awaitable<void> aw)
    {
        pending_.fetch_add(1);
        asio::co_spawn(ex, std::move(aw), [this](const std::exception_ptr& e) {
            {
                const std::lock_guard<std::mutex> lock(m_);
                ids_.insert(std::this_thread::get_id());
                if (e) {
                    try {
                        std::rethrow_exception(e);
                    } catch (const std::exception& x) {
                        exceptions_.push_back(x.what());
                    } catch (...) {
                        exceptions_.push_back("unknown exception");
                    }
                }
            }
            pending_.fetch_sub(1);
        });
    }

    // Lets the io_context run out of work and joins its threads. Asserts (on the test's thread)
    // that it did so within `limit` and that no coroutine threw.
    void wait(std::chrono::seconds limit = std::chrono::seconds(120))
    {
        guard_.reset();
        const auto give_up = std::chrono::steady_clock::now() + limit;
        while (!ioc.stopped() && std::chrono::steady_clock::now() < give_up)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        const bool hung = !ioc.stopped();
        const int left = pending_.load();
        stop_and_join();
        CHECK_FALSE(hung);
        CHECK(left == 0);
        const std::lock_guard<std::mutex> lock(m_);
        for (const auto& x : exceptions_)
            FAIL_CHECK("a coroutine threw: " << x);
    }

    // How many distinct threads ended a spawned coroutine.
    std::size_t threads_used()
    {
        const std::lock_guard<std::mutex> lock(m_);
        return ids_.size();
    }

    asio::io_context ioc;

private:
    void stop_and_join()
    {
        guard_.reset();
        ioc.stop();
        for (auto& t : threads_)
            if (t.joinable())
                t.join();
    }

    asio::executor_work_guard<asio::io_context::executor_type> guard_;
    std::vector<std::thread> threads_;
    std::atomic<int> pending_{0};
    std::mutex m_;
    std::set<std::thread::id> ids_;
    std::vector<std::string> exceptions_;
};

// Outcomes recorded from any thread, read after the runner stopped.
struct tally {
    // `good`: the operation did what it should. Otherwise an error in `allowed` counts as
    // expected, any other error as unexpected, and no error at all as a wrong answer.
    void record(openrouter::error_code ec, bool good, std::initializer_list<openrouter::errc> allowed = {})
    {
        const std::lock_guard<std::mutex> lock(m);
        if (good) {
            ++ok;
            return;
        }
        if (!ec) {
            ++wrong;
            return;
        }
        bool expected = false;
        for (auto a : allowed)
            expected = expected || ec == a;
        ++(expected ? allowed_errors : unexpected);
        errs[(expected ? "" : "unexpected ") + ec.message()]++;
    }
    // A failure that is not an error code (`why` says what went wrong).
    void fail(const std::string& why)
    {
        const std::lock_guard<std::mutex> lock(m);
        ++wrong;
        errs[why]++;
    }
    int total() const { return ok + wrong + allowed_errors + unexpected; }
    // Every error seen, with its count ("" when there was none).
    std::string errors() const { return join(false); }
    // The errors outside `allowed`.
    std::string errors_unexpected() const { return join(true); }

    std::mutex m;
    int ok = 0, wrong = 0, allowed_errors = 0, unexpected = 0;
    std::map<std::string, int> errs;

private:
    std::string join(bool only_unexpected) const
    {
        std::string out;
        for (const auto& [what, n] : errs)
            if (!only_unexpected || what.rfind("unexpected ", 0) == 0)
                out += what + " x" + std::to_string(n) + "; ";
        return out;
    }
};

// An emulator on 127.0.0.1 served by two threads.
struct emulator {
    emulator() : emu(make_options()) { emu.start(); }
    openrouter::client_options options() const { return harness::client_options_for(emu.base_url(), test_key); }
    static openrouter::emulator::server_options make_options()
    {
        openrouter::emulator::server_options o;
        o.threads = 2;
        return o;
    }
    openrouter::emulator::server emu;
};

using harness::echo_request;
using harness::scripted;

// `words` words of lorem ipsum.
inline openrouter::chat_request lorem(int words)
{
    openrouter::chat_request r;
    r.model = "emulator/lorem";
    r.max_completion_tokens = words;
    r.messages.push_back(openrouter::message::user("go"));
    return r;
}

}  // namespace threads

#endif
