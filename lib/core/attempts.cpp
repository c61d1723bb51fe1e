// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include "core/attempts.hpp"

#include "core/http_attempt.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <deque>
#include <map>

namespace openrouter::detail {

namespace asio = boost::asio;

namespace {
constexpr int timer_event = 0;
constexpr int cancel_event = -1;
}  // namespace

// State shared by the driver and the attempts it started (which may outlive the driver).
struct attempt_driver::state {
    explicit state(const asio::any_io_executor& ex) : wake(ex), policy_timer(ex) {}

    struct entry {
        std::shared_ptr<attempt_io> io;
        attempt_result result;
        attempt_loop::resume_mode resume = attempt_loop::resume_mode::fresh;
        bool done = false;
    };

    std::deque<int> events;   // attempt ids that finished, timer_event, cancel_event
    asio::steady_timer wake;  // the driver waits on it; cancel() wakes it
    asio::steady_timer policy_timer;
    std::map<int, entry> attempts;

    void post_event(int e)
    {
        events.push_back(e);
        wake.cancel();
    }
};

namespace {

// An attempt behind the client's traffic limits (client_options::traffic): waits for admission
// (cancellable through the attempt's cancel hook, bounded by the operation's total deadline),
// runs `inner`, then drops the slot (a stream took it over if it opened). A named coroutine:
// GCC 12 mishandles coroutine lambdas defined inside coroutines.
asio::awaitable<attempt_result> admitted_attempt(std::shared_ptr<op_state> op, std::shared_ptr<attempt_io> io,
                                                 std::string model, asio::awaitable<attempt_result> inner)
{
    traffic_gate& gate = *op->impl->traffic;
    error_code ec = co_await gate.acquire(model, op->total_deadline, io->permit, io->admitting);
    if (!ec && (io->cancelled || op->cancelled)) {
        io->permit.reset();
        ec = asio::error::operation_aborted;
    }
    if (ec) {
        if (ec == errc::total_timeout)
            io->diag.detail = "timed out waiting for the client's traffic limits (timeouts.total)";
        co_return attempt_result{ec, 0};
    }
    attempt_result r = co_await std::move(inner);
    io->permit.reset();
    co_return r;
}

// A stream whose attempts cannot race (see the constructor) commits to the first that opens.
request_policies policies_for(const request_policies& p, bool stream_mode, bool stream_hedging)
{
    request_policies c = p;
    if (stream_mode && !stream_hedging)
        c.hedge.reset();
    return c;
}
}  // namespace

attempt_driver::attempt_driver(std::shared_ptr<op_state> op, std::vector<std::string> models, attempt_fn fn,
                               bool stream_mode, bool stream_hedging)
    : op_(std::move(op)), st_(std::make_shared<state>(op_->impl->strand)),
      loop_(policies_for(*op_->policies, stream_mode, stream_hedging), std::move(models),
            op_->policies->circuit_breaker.enabled ? op_->impl->breakers.get() : nullptr, op_->impl->ep.host,
            op_->start, op_->impl->next_seed(), op_->total_deadline),
      fn_(std::move(fn)), stream_mode_(stream_mode), stream_hedging_(stream_mode && stream_hedging)
{
    const auto& gate = op_->impl->traffic;
    if (gate && gate->has_rate() && !gate->fall_back_on_429())
        loop_.set_rate_limit_waits(true);
}

void attempt_driver::perform(const attempt_loop::action_list& acts)
{
    client_impl& impl = *op_->impl;
    for (const auto& a : acts) {
        switch (a.what) {
        case attempt_loop::action::kind::start_attempt: {
            auto io = std::make_shared<attempt_io>();
            op_->ios.push_back(io);
            auto& e = st_->attempts[a.attempt_id];
            e.io = io;
            e.resume = a.resume;
            auto body = fn_(io, a.model_index, a.attempt_id, a.resume);
            if (impl.traffic && impl.traffic->gates_attempts())
                body = admitted_attempt(
                    op_, io, a.model_index < loop_.models().size() ? loop_.models()[a.model_index] : std::string(),
                    std::move(body));
            asio::co_spawn(impl.strand, std::move(body),
                           [st = st_, id = a.attempt_id](std::exception_ptr ex, attempt_result r) {
                               if (ex)
                                   std::rethrow_exception(ex);  // a bug: surface it from run()
                               auto& en = st->attempts[id];
                               en.result = r;
                               en.done = true;
                               st->post_event(id);
                           });
            break;
        }
        case attempt_loop::action::kind::cancel_attempt:
            if (auto it = st_->attempts.find(a.attempt_id); it != st_->attempts.end() && it->second.io) {
                it->second.io->cancel(impl);
                if (it->second.done && discard_)
                    discard_(a.attempt_id);  // it finished first but its event came too late
            }
            break;
        case attempt_loop::action::kind::set_timer:
            st_->policy_timer.expires_after(a.delay);
            st_->policy_timer.async_wait([st = st_](boost::system::error_code ec) {
                if (!ec)
                    st->post_event(timer_event);
            });
            break;
        case attempt_loop::action::kind::complete_success:
            result_ = {};
            winner_ = a.attempt_id;
            done_ = true;
            break;
        case attempt_loop::action::kind::complete_error:
            result_ = a.error;
            winner_ = 0;
            done_ = true;
            break;
        }
    }
}

asio::awaitable<std::pair<error_code, int>> attempt_driver::run()
{
    auto self = shared_from_this();  // alive until this run returns
    client_impl& impl = *op_->impl;
    op_->wake = [st = st_] { st->post_event(cancel_event); };
    int opened = 0;
    if (!started_) {
        started_ = true;
        if (!op_->cancelled)
            perform(loop_.start(clock::now()));
    }
    while (!done_ && !op_->cancelled && opened == 0) {
        while (st_->events.empty() && !op_->cancelled) {
            st_->wake.expires_at(clock::time_point::max());
            co_await st_->wake.async_wait(asio::as_tuple(asio::use_awaitable));
        }
        if (op_->cancelled)
            break;
        const int ev = st_->events.front();
        st_->events.pop_front();
        const auto now = clock::now();
        if (ev == timer_event) {
            perform(loop_.on_timer(now));
        } else if (ev > 0) {
            auto& e = st_->attempts[ev];
            if (impl.traffic && !e.io->cancelled)
                impl.traffic->on_outcome(e.result.ec, e.io->diag.retry_after);
            if (e.result.ec) {
                last_failed_ = ev;
                perform(loop_.on_failure(ev, e.result.ec, e.io->diag, now));
            } else if (e.io->cancelled) {
                if (discard_)
                    discard_(ev);  // a loser of a hedge race (see perform)
            } else if (stream_mode_) {
                opened = ev;  // the stream takes it from here
                if (stream_hedging_) {
                    // Its first delta is decoded: it wins the race; the others are cancelled.
                    perform(loop_.on_first_delta(ev, now));
                    st_->policy_timer.cancel();
                }
            } else {
                perform(loop_.on_success(ev, now, e.result.status));
            }
        }
    }
    error_code result = result_;
    int winner = winner_;
    if (opened != 0) {
        result = {};
        winner = opened;
    } else if (op_->cancelled && !done_) {
        loop_.on_cancel(clock::now());
        for (auto& [id, e] : st_->attempts)
            if (e.io && !e.done)
                e.io->cancel(impl);
        result = asio::error::operation_aborted;
        winner = 0;
        done_ = true;
    }
    if (done_)
        st_->policy_timer.cancel();
    op_->wake = nullptr;
    std::erase_if(op_->ios, [&](const std::shared_ptr<attempt_io>& io) {
        return std::none_of(st_->attempts.begin(), st_->attempts.end(),
                            [&](const auto& kv) { return kv.second.io == io && !kv.second.done; });
    });

    // The operation's diagnostics: those of the winner, else of the last failed attempt.
    const int source = winner != 0 ? winner : last_failed_;
    if (auto it = st_->attempts.find(source); it != st_->attempts.end() && it->second.io)
        *op_->diag = it->second.io->diag;
    op_->diag->attempts = loop_.log();
    if (result == asio::error::operation_aborted && op_->diag->detail.empty())
        op_->diag->detail = "cancelled";
    co_return std::pair{result, winner};
}

asio::awaitable<std::pair<error_code, int>> attempt_driver::fail_and_rerun(int id, error_code ec, diagnostics diag)
{
    auto self = shared_from_this();
    last_failed_ = id;
    if (auto it = st_->attempts.find(id); it != st_->attempts.end() && it->second.io)
        it->second.io->diag = diag;
    if (op_->impl->traffic)
        op_->impl->traffic->on_outcome(ec, diag.retry_after);
    perform(loop_.on_failure(id, ec, diag, clock::now()));
    if (done_ && result_ && op_->diag != nullptr) {
        *op_->diag = std::move(diag);
        op_->diag->attempts = loop_.log();
        co_return std::pair{result_, 0};
    }
    co_return co_await run();
}

void attempt_driver::first_delta(int id)
{
    perform(loop_.on_first_delta(id, clock::now()));
}

void attempt_driver::finished(int id)
{
    perform(loop_.on_success(id, clock::now(), 200));
    st_->policy_timer.cancel();
}

attempt_loop::resume_mode attempt_driver::resume_of(int id) const
{
    auto it = st_->attempts.find(id);
    return it == st_->attempts.end() ? attempt_loop::resume_mode::fresh : it->second.resume;
}

asio::awaitable<std::pair<error_code, int>> run_attempts(std::shared_ptr<op_state> op, std::vector<std::string> models,
                                                         attempt_fn fn)
{
    auto d = std::make_shared<attempt_driver>(std::move(op), std::move(models), std::move(fn), false);
    co_return co_await d->run();
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
    attempt_fn fn = [op, outputs, shared_req, check](std::shared_ptr<attempt_io> io, std::size_t, int id,
                                                     attempt_loop::resume_mode) {
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
