// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include "attempts.hpp"

#include "sansio/attempt_loop.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <deque>
#include <map>

namespace openrouter::detail {

namespace asio = boost::asio;

namespace {

constexpr int timer_event = 0;
constexpr int cancel_event = -1;

// State shared by the driver and the attempts it started (which may outlive the driver).
struct driver_state {
    explicit driver_state(const asio::any_io_executor& ex) : wake(ex), policy_timer(ex) {}

    struct entry {
        std::shared_ptr<attempt_io> io;
        attempt_result result;
        bool done = false;
    };

    std::deque<int> events;      // attempt ids that finished, timer_event, cancel_event
    asio::steady_timer wake;     // the driver waits on it; cancel() wakes it
    asio::steady_timer policy_timer;
    std::map<int, entry> attempts;

    void post_event(int e)
    {
        events.push_back(e);
        wake.cancel();
    }
};

}  // namespace

asio::awaitable<std::pair<error_code, int>> run_attempts(std::shared_ptr<op_state> op, std::vector<std::string> models,
                                                         attempt_fn fn)
{
    client_impl& impl = *op->impl;
    auto st = std::make_shared<driver_state>(impl.strand);
    const request_policies& pol = *op->policies;
    circuit_breakers* breakers = pol.circuit_breaker.enabled ? impl.breakers.get() : nullptr;
    attempt_loop loop(pol, std::move(models), breakers, impl.ep.host, op->start, impl.next_seed(),
                      op->total_deadline);

    op->wake = [st] { st->post_event(cancel_event); };
    error_code result = asio::error::operation_aborted;
    int winner = 0;
    int last_failed = 0;
    bool done = false;

    auto perform = [&](const attempt_loop::action_list& acts) {
        for (const auto& a : acts) {
            switch (a.what) {
            case attempt_loop::action::kind::start_attempt: {
                auto io = std::make_shared<attempt_io>();
                op->ios.push_back(io);
                st->attempts[a.attempt_id].io = io;
                asio::co_spawn(impl.strand, fn(io, a.model_index, a.attempt_id),
                               [st, id = a.attempt_id](std::exception_ptr ex, attempt_result r) {
                                   if (ex)
                                       std::rethrow_exception(ex);  // a bug: surface it from run()
                                   auto& e = st->attempts[id];
                                   e.result = r;
                                   e.done = true;
                                   st->post_event(id);
                               });
                break;
            }
            case attempt_loop::action::kind::cancel_attempt:
                if (auto it = st->attempts.find(a.attempt_id); it != st->attempts.end() && it->second.io)
                    it->second.io->cancel(impl);
                break;
            case attempt_loop::action::kind::set_timer:
                st->policy_timer.expires_after(a.delay);
                st->policy_timer.async_wait([st](boost::system::error_code ec) {
                    if (!ec)
                        st->post_event(timer_event);
                });
                break;
            case attempt_loop::action::kind::complete_success:
                result = {};
                winner = a.attempt_id;
                done = true;
                break;
            case attempt_loop::action::kind::complete_error:
                result = a.error;
                done = true;
                break;
            }
        }
    };

    if (!op->cancelled)
        perform(loop.start(clock::now()));
    while (!done && !op->cancelled) {
        while (st->events.empty() && !op->cancelled) {
            st->wake.expires_at(clock::time_point::max());
            co_await st->wake.async_wait(asio::as_tuple(asio::use_awaitable));
        }
        if (op->cancelled)
            break;
        const int ev = st->events.front();
        st->events.pop_front();
        const auto now = clock::now();
        if (ev == timer_event) {
            perform(loop.on_timer(now));
        } else if (ev > 0) {
            auto& e = st->attempts[ev];
            if (e.result.ec) {
                last_failed = ev;
                perform(loop.on_failure(ev, e.result.ec, e.io->diag, now));
            } else {
                perform(loop.on_success(ev, now, e.result.status));
            }
        }
    }
    if (op->cancelled && !done) {
        loop.on_cancel(clock::now());
        for (auto& [id, e] : st->attempts)
            if (e.io && !e.done)
                e.io->cancel(impl);
        result = asio::error::operation_aborted;
        winner = 0;
    }
    st->policy_timer.cancel();
    op->wake = nullptr;
    op->ios.clear();

    // The operation's diagnostics: those of the winner, else of the last failed attempt.
    const int source = winner != 0 ? winner : last_failed;
    if (auto it = st->attempts.find(source); it != st->attempts.end() && it->second.io)
        *op->diag = std::move(it->second.io->diag);
    op->diag->attempts = loop.log();
    if (result == asio::error::operation_aborted && op->diag->detail.empty())
        op->diag->detail = "cancelled";
    co_return std::pair{result, winner};
}

namespace {

struct json_output {
    boost::json::value body;
    std::string content_type;
    int status = 0;
};
using json_outputs = std::map<int, json_output>;

// One attempt of perform_json, storing its body under its id. (A named coroutine: GCC 12
// mishandles coroutine lambdas defined inside coroutines.)
asio::awaitable<attempt_result> json_attempt_into(std::shared_ptr<op_state> op, std::shared_ptr<attempt_io> io,
                                                  std::shared_ptr<const http::request<http::string_body>> req,
                                                  std::shared_ptr<json_outputs> outputs, int id, body_check_fn check)
{
    json_output& o = (*outputs)[id];
    attempt_result r = co_await json_attempt(*op, *io, *req, o.body, o.content_type, check);
    o.status = r.status;
    co_return r;
}

}  // namespace

asio::awaitable<error_code> perform_json(std::shared_ptr<op_state> op, http::request<http::string_body> req,
                                         boost::json::value& out, int& status, std::string& content_type,
                                         body_check_fn check)
{
    auto outputs = std::make_shared<json_outputs>();
    auto shared_req = std::make_shared<const http::request<http::string_body>>(std::move(req));
    std::vector<std::string> models(1);  // the request's own model
    attempt_fn fn = [op, outputs, shared_req, check](std::shared_ptr<attempt_io> io, std::size_t, int id) {
        return json_attempt_into(op, std::move(io), shared_req, outputs, id, check);
    };
    const std::pair<error_code, int> outcome = co_await run_attempts(op, std::move(models), std::move(fn));
    if (!outcome.first) {
        json_output& o = (*outputs)[outcome.second];
        out = std::move(o.body);
        status = o.status;
        content_type = std::move(o.content_type);
    } else if (!outputs->empty()) {
        status = outputs->rbegin()->second.status;
    }
    co_return outcome.first;
}

}  // namespace openrouter::detail
