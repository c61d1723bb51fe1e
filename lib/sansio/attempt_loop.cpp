// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include "sansio/attempt_loop.hpp"

#include <boost/asio/error.hpp>

#include <algorithm>
#include <utility>

namespace openrouter::detail {

using std::chrono::milliseconds;

namespace {

const std::string empty_string;

// The longest wait the loop schedules: a policy asking for more is clamped (no time overflow).
constexpr milliseconds max_delay = std::chrono::hours(24 * 366);

attempt_loop::action make(attempt_loop::action::kind k)
{
    attempt_loop::action a;
    a.what = k;
    return a;
}

}  // namespace

attempt_loop::attempt_loop(const request_policies& policies, std::vector<std::string> models,
                           circuit_breakers* breakers, std::string host, clock::time_point start, std::uint64_t seed,
                           clock::time_point deadline)
    : retry_(policies.retry),
      rule_(policies.fallback.decide ? policies.fallback.decide : fallback::rule(fallback::default_rule)),
      hedge_(policies.hedge), recovery_(policies.on_stream_failure), breaker_settings_(policies.circuit_breaker),
      hook_(policies.on_attempt), models_(std::move(models)), breakers_(breakers),
      host_key_(circuit_breakers::host_key(host)), start_(start), deadline_(deadline), rng_(seed)
{
    if (models_.empty())
        models_.emplace_back();
    if (hedge_)
        max_hedges_ = std::clamp(hedge_->max_hedges, 0, hedge::max_hedges_limit);
    tries_.assign(models_.size(), 0);
    last_delay_.assign(models_.size(), milliseconds(0));
}

bool attempt_loop::breakers_on() const noexcept
{
    return breakers_ != nullptr && breaker_settings_.enabled;
}

int attempt_loop::in_flight() const noexcept
{
    return static_cast<int>(
        std::count_if(attempts_.begin(), attempts_.end(), [](const attempt& a) { return a.st == state::in_flight; }));
}

const std::string& attempt_loop::model_of(int attempt_id) const
{
    if (attempt_id < 1 || static_cast<std::size_t>(attempt_id) > attempts_.size())
        return empty_string;
    return models_[attempts_[static_cast<std::size_t>(attempt_id) - 1].model];
}

attempt_loop::attempt* attempt_loop::find(int attempt_id)
{
    if (attempt_id < 1 || static_cast<std::size_t>(attempt_id) > attempts_.size())
        return nullptr;
    return &attempts_[static_cast<std::size_t>(attempt_id) - 1];
}

void attempt_loop::settle(int attempt_id, std::string decision, std::string reason, milliseconds delay)
{
    attempt_record& r = log_[static_cast<std::size_t>(attempt_id) - 1];
    r.decision = std::move(decision);
    r.reason = std::move(reason);
    r.delay_before_next = delay;
    if (hook_)
        hook_(r);
}

void attempt_loop::release_permits(attempt& a)
{
    if (!breakers_on())
        return;
    if (a.model_permit == circuit_permit::trial)
        breakers_->release_trial(circuit_breakers::model_key(models_[a.model]));
    if (a.host_permit == circuit_permit::trial)
        breakers_->release_trial(host_key_);
    a.model_permit = a.host_permit = circuit_permit::allowed;
}

void attempt_loop::record_outcome(attempt& a, const error_code& ec, int status, bool transient, clock::time_point now)
{
    if (!breakers_on())
        return;
    const bool model_on = breaker_settings_.per_model && !models_[a.model].empty();
    const bool host_on = breaker_settings_.per_host;
    const std::string mkey = model_on ? circuit_breakers::model_key(models_[a.model]) : std::string();
    if (!ec || (status != 0 && !transient)) {
        if (model_on)
            breakers_->record_success(mkey, now);
        if (host_on)
            breakers_->record_success(host_key_, now);
    } else if (transient && status != 0) {
        if (model_on)
            breakers_->record_failure(mkey, now);
        if (host_on)
            breakers_->record_success(host_key_, now);
    } else if (transient) {
        if (host_on)
            breakers_->record_failure(host_key_, now);
        if (model_on && a.model_permit == circuit_permit::trial)
            breakers_->release_trial(mkey);
    } else {
        release_permits(a);
    }
    a.model_permit = a.host_permit = circuit_permit::allowed;
}

attempt_loop::action_list attempt_loop::finish_error(const error_code& ec)
{
    finished_ = true;
    timer_ = timer_purpose::none;
    action_list out;
    action a = make(action::kind::complete_error);
    a.error = ec;
    out.push(a);
    return out;
}

void attempt_loop::cancel_others(int keep_id, action_list& out, clock::time_point)
{
    for (attempt& o : attempts_) {
        if (o.id == keep_id || o.st != state::in_flight)
            continue;
        o.st = state::cancelled;
        release_permits(o);
        settle(o.id, "cancelled", "lost to attempt " + std::to_string(keep_id));
        action c = make(action::kind::cancel_attempt);
        c.attempt_id = o.id;
        out.push(c);
    }
}

attempt_loop::action_list attempt_loop::launch(std::size_t model_index, resume_mode mode, clock::time_point now,
                                               bool hedge)
{
    for (std::size_t m = model_index; m < models_.size(); ++m) {
        circuit_permit mp = circuit_permit::allowed;
        circuit_permit hp = circuit_permit::allowed;
        if (breakers_on()) {
            if (breaker_settings_.per_model && !models_[m].empty())
                mp = breakers_->acquire(circuit_breakers::model_key(models_[m]), now);
            if (mp != circuit_permit::refused && breaker_settings_.per_host) {
                hp = breakers_->acquire(host_key_, now);
                if (hp == circuit_permit::refused && mp == circuit_permit::trial)
                    breakers_->release_trial(circuit_breakers::model_key(models_[m]));
            }
        }
        const int id = static_cast<int>(attempts_.size()) + 1;
        attempt a;
        a.id = id;
        a.model = m;
        a.hedge = hedge;
        attempt_record rec;
        rec.number = id;
        rec.model = models_[m];
        rec.hedge = hedge;
        if (mp == circuit_permit::refused || hp == circuit_permit::refused) {
            a.st = state::skipped;
            rec.error = make_error_code(errc::circuit_open);
            attempts_.push_back(a);
            log_.push_back(std::move(rec));
            settle(id, "skipped", hp == circuit_permit::refused ? "circuit open: host" : "circuit open: model");
            if (hp == circuit_permit::refused || hedge)
                break;  // the host is refused for every model; a hedge only tries its own model
            continue;
        }
        a.ordinal = ++started_;
        a.model_attempt = ++tries_[m];
        a.previous_delay = last_delay_[m];
        a.started = now;
        a.model_permit = mp;
        a.host_permit = hp;
        attempts_.push_back(a);
        log_.push_back(std::move(rec));
        highest_model_ = std::max(highest_model_, m);

        action_list out;
        action s = make(action::kind::start_attempt);
        s.attempt_id = id;
        s.model_index = m;
        s.resume = mode;
        out.push(s);
        if (hedge_ && hedges_started_ < max_hedges_ && committed_ == 0) {
            const milliseconds after = std::max(hedge_->after, milliseconds(0));
            timer_ = timer_purpose::hedge;
            timer_due_ = now + after;
            action t = make(action::kind::set_timer);
            t.delay = after;
            out.push(t);
        }
        return out;
    }
    if (hedge)
        return {};  // no hedge this time; the attempts in flight go on
    return finish_error(last_error_ ? last_error_ : make_error_code(errc::circuit_open));
}

attempt_loop::action_list attempt_loop::start(clock::time_point now)
{
    if (finished_ || !attempts_.empty())
        return {};
    return launch(0, resume_mode::fresh, now, false);
}

attempt_loop::action_list attempt_loop::on_timer(clock::time_point now)
{
    if (finished_ || timer_ == timer_purpose::none || now < timer_due_)
        return {};
    const timer_purpose purpose = std::exchange(timer_, timer_purpose::none);
    if (purpose == timer_purpose::backoff) {
        last_delay_[pending_model_] = pending_delay_;
        return launch(pending_model_, pending_resume_, now, false);
    }
    // Hedge: only while nothing was delivered and something is still in flight.
    if (committed_ != 0 || hedges_started_ >= max_hedges_ || in_flight() == 0)
        return {};
    std::size_t model = 0;
    for (const attempt& a : attempts_)
        if (a.st == state::in_flight)
            model = a.model;  // the latest attempt in flight
    if (hedge_->target == hedge::target_model::next && highest_model_ + 1 < models_.size())
        model = highest_model_ + 1;
    ++hedges_started_;
    return launch(model, resume_mode::fresh, now, true);
}

attempt_loop::action_list attempt_loop::on_first_delta(int attempt_id, clock::time_point now)
{
    attempt* a = find(attempt_id);
    if (finished_ || a == nullptr || a->st != state::in_flight || committed_ != 0)
        return {};
    committed_ = attempt_id;
    if (timer_ == timer_purpose::hedge)
        timer_ = timer_purpose::none;
    action_list out;
    cancel_others(attempt_id, out, now);
    return out;
}

attempt_loop::action_list attempt_loop::on_success(int attempt_id, clock::time_point now, int http_status)
{
    attempt* a = find(attempt_id);
    if (finished_ || a == nullptr || a->st != state::in_flight)
        return {};
    a->st = state::succeeded;
    log_[static_cast<std::size_t>(attempt_id) - 1].http_status = http_status;
    record_outcome(*a, {}, 200, false, now);
    settle(attempt_id, "success", "completed");
    action_list out;
    cancel_others(attempt_id, out, now);
    finished_ = true;
    timer_ = timer_purpose::none;
    action c = make(action::kind::complete_success);
    c.attempt_id = attempt_id;
    out.push(c);
    return out;
}

attempt_loop::action_list attempt_loop::on_failure(int attempt_id, const error_code& ec, const diagnostics& diag,
                                                   clock::time_point now)
{
    attempt* a = find(attempt_id);
    if (finished_ || a == nullptr || a->st != state::in_flight)
        return {};
    const error_code err = ec ? ec : make_error_code(errc::invalid_response);  // a failure needs a code
    a->st = state::failed;
    attempt_record& rec = log_[static_cast<std::size_t>(attempt_id) - 1];
    rec.http_status = diag.http_status;
    rec.error = err;
    last_error_ = err;

    const bool after_delta = committed_ == attempt_id;
    if (after_delta)
        committed_ = 0;
    if (!after_delta && in_flight() > 0) {
        // A hedge race goes on: the survivor decides when it ends.
        record_outcome(*a, err, diag.http_status, retry::is_transient(outcome_of(*a, err, diag, now, false)), now);
        settle(attempt_id, "superseded", "another attempt in flight");
        return {};
    }
    return decide(*a, err, diag, now, after_delta);
}

retry::attempt_outcome attempt_loop::outcome_of(const attempt& a, const error_code& ec, const diagnostics& diag,
                                                clock::time_point now, bool after_delta) const
{
    retry::attempt_outcome o;
    o.attempt = a.ordinal;
    o.model_attempt = a.model_attempt;
    o.elapsed = std::chrono::duration_cast<milliseconds>(now - start_);
    o.now = now;
    o.model = models_[a.model];
    o.error = ec;
    o.http_status = diag.http_status;
    o.retry_after = diag.retry_after;
    o.api_code = diag.api_code;
    o.error_type = diag.error_type;
    o.delta_delivered = after_delta;
    o.previous_delay = a.previous_delay;
    return o;
}

attempt_loop::action_list attempt_loop::decide(attempt& a, const error_code& ec, const diagnostics& diag,
                                               clock::time_point now, bool after_delta)
{
    const retry::attempt_outcome o = outcome_of(a, ec, diag, now, after_delta);
    record_outcome(a, ec, diag.http_status, retry::is_transient(o), now);

    if (after_delta && recovery_ == stream_recovery::fail) {
        settle(a.id, "stop", "failed after a delta");
        return finish_error(ec);
    }
    fallback::action rule = rule_(o);
    if (rate_limit_waits_ && ec == errc::rate_limited && rule == fallback::action::next_model)
        rule = fallback::action::retry_same;
    if (rule == fallback::action::stop) {
        settle(a.id, "stop", "fallback rule: stop");
        return finish_error(ec);
    }
    const bool has_next = highest_model_ + 1 < models_.size();
    const resume_mode mode = !after_delta                            ? resume_mode::fresh
                             : recovery_ == stream_recovery::restart ? resume_mode::restart
                                                                     : resume_mode::continue_with_prefill;
    // fresh: "fallback"/"retry"; after a delta: the recovery's keyword whatever the model.
    const char* keyword = mode == resume_mode::fresh ? nullptr : mode == resume_mode::restart ? "restart" : "prefill";

    // Move on at once: the rule says so, or a prefill continuation prefers the next model.
    if (has_next && (rule == fallback::action::next_model || mode == resume_mode::continue_with_prefill)) {
        if (keyword == nullptr)
            settle(a.id, "fallback", "fallback rule: next model");
        else
            settle(a.id, keyword, "failed after a delta: next model");
        return launch(highest_model_ + 1, mode, now, false);
    }
    // Same model, as the retry policy says.
    const retry::decision d = retry_(o, rng_);
    if (d)
        return schedule_retry(a, *d, mode, now, keyword, ec);
    if (has_next) {
        if (keyword == nullptr)
            settle(a.id, "fallback", "retries exhausted");
        else
            settle(a.id, keyword, "failed after a delta: next model");
        return launch(highest_model_ + 1, mode, now, false);
    }
    settle(a.id, "stop", "retries exhausted");
    return finish_error(ec);
}

attempt_loop::action_list attempt_loop::schedule_retry(attempt& a, milliseconds delay, resume_mode mode,
                                                       clock::time_point now, const char* keyword, const error_code& ec)
{
    delay = std::clamp(delay, milliseconds(0), max_delay);
    if (deadline_ != clock::time_point::max() &&
        (now > deadline_ || delay > std::chrono::duration_cast<milliseconds>(deadline_ - now))) {
        settle(a.id, "stop", "total deadline");
        return finish_error(ec);
    }
    if (keyword == nullptr)
        settle(a.id, "retry", "retry policy: same model again", delay);
    else
        settle(a.id, keyword, "failed after a delta: same model", delay);
    if (delay == milliseconds(0)) {
        last_delay_[a.model] = delay;
        return launch(a.model, mode, now, false);
    }
    timer_ = timer_purpose::backoff;
    timer_due_ = now + delay;
    pending_model_ = a.model;
    pending_resume_ = mode;
    pending_delay_ = delay;
    action_list out;
    action t = make(action::kind::set_timer);
    t.delay = delay;
    out.push(t);
    return out;
}

void attempt_loop::on_cancel(clock::time_point)
{
    if (finished_)
        return;
    finished_ = true;
    timer_ = timer_purpose::none;
    for (attempt& a : attempts_) {
        if (a.st != state::in_flight)
            continue;
        a.st = state::cancelled;
        release_permits(a);
        log_[static_cast<std::size_t>(a.id) - 1].error = boost::asio::error::operation_aborted;
        settle(a.id, "cancelled", "operation cancelled");
    }
}

}  // namespace openrouter::detail
