// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_SANSIO_ATTEMPT_LOOP_HPP
#define OPENROUTER_LIB_SANSIO_ATTEMPT_LOOP_HPP

// The attempt loop: the sans-io state machine behind every operation's retries, model fallback,
// hedging and circuit breaking, shared by non-streaming and streaming operations.
//
// The driver (lib/operation.cpp) owns the I/O: attempts (HTTP exchanges), ONE timer, and the
// completion. It feeds events to the loop and performs the actions it returns, in order:
//
//   events (driver -> loop)                 actions (loop -> driver)
//   start(now)                              start_attempt{id, model_index, resume}: begin attempt
//   on_timer(now)      the timer fired        `id` on model `model_index` now (build the request
//   on_first_delta(id) a stream attempt's     with fallback::config::apply(model_index, req); for
//                      first delta is about   resume != fresh also tell the stream's caller: a
//                      to reach the caller    restart, or a continuation with prefill)
//   on_success(id)     complete response or   cancel_attempt{id}: cancel that attempt and close
//                      stream finished        its connection; ignore its later events
//   on_failure(id, ec, diag)                  set_timer{delay}: (re)arm the timer, replacing any
//   on_cancel(now)     the caller cancelled   pending wait; call on_timer(now) when it fires
//                                             complete_success{id}: the operation's result is
//                                             attempt id's; cancel the timer
//                                             complete_error{error}: fail the operation; cancel
//                                             the timer
//
// A driver loop in outline:
//
//     for (const auto& a : loop.start(now)) perform(a);
//     // on each event: for (const auto& a : loop.on_xxx(..., clock::now())) perform(a);
//
// Events that no longer matter (an attempt already cancelled or finished, a timer that fired
// after it was replaced, anything after completion) return an empty list, so the driver needs
// no bookkeeping of its own beyond a map from attempt id to its I/O. A timer that fires early
// (its wait was replaced but its handler was already queued) is recognised by `now` being
// before the due time and ignored.
//
// Streams: the driver calls on_first_delta(id) before handing the first delta of attempt id
// to the caller; from then on that attempt is committed (hedges are cancelled). If a committed
// attempt fails, `request_policies::on_stream_failure` decides: fail (complete_error), restart
// (start_attempt with resume == restart), or continue with prefill (start_attempt with
// resume == continue_with_prefill on the next model, or the same one when there is none; the
// driver sends the partial answer as an assistant prefill).
//
// Cancellation by the caller is the driver's job (cancel the timer and every attempt, complete
// with operation_aborted); it calls on_cancel(now) so that the log and breakers are settled.
//
// The attempt log (log()) has one attempt_record per attempt id, in id order; ids are 1, 2, 3...
// A model skipped because its circuit breaker is open gets a record too (decision "skipped")
// but is never started. Each record has a decision keyword and a reason (the table of
// attempt_record in include/openrouter/diagnostics.hpp):
//   retry       retry policy: same model again          (after delay_before_next)
//   fallback    fallback rule: next model | retries exhausted (the rule said retry_same but the
//                                                        retry policy stopped)
//   restart     failed after a delta: same model | ...: next model   (from scratch)
//   prefill     failed after a delta: next model | ...: same model   (continue with prefill)
//   stop        fallback rule: stop | retries exhausted | total deadline | failed after a delta
//   success     completed
//   superseded  another attempt in flight               (failed while a hedge/original runs)
//   cancelled   lost to attempt N | operation cancelled
//   skipped     circuit open: model | circuit open: host
// A hedge attempt's record has `hedge` set.
//
// Retry delays are clamped to [0, 366 days] (no time-point overflow however large a policy's
// answer).
//
// Circuit breakers (when enabled): before an attempt, the model's breaker ("model:<name>",
// unless the name is empty) and the host's ("host:<host>") are asked. A refused model is
// skipped (next model); a refused host, or no model left, completes with the last attempt's
// error, or errc::circuit_open when nothing was attempted. Outcomes: a transient failure with
// an HTTP response counts against the model (the host answered: success for it); a transient
// failure without a response counts against the host; a success, or a non-transient failure
// with a response, is a success for both; a cancelled attempt releases its trial permits.
//
// Not thread-safe: one loop per operation, driven on the client's strand. Never throws except
// std::bad_alloc (and what the user's hook or rule throw).

#include <openrouter/circuit_breaker.hpp>
#include <openrouter/diagnostics.hpp>
#include <openrouter/policies.hpp>
#include <openrouter/retry.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace openrouter::detail {

class attempt_loop {
public:
    using clock = std::chrono::steady_clock;

    // How a started attempt relates to what the caller already saw (streams).
    enum class resume_mode {
        fresh,                  // nothing reached the caller yet: invisible to it
        restart,                // a delta reached the caller: tell it the answer starts over
        continue_with_prefill,  // a delta reached the caller: send it as an assistant prefill
    };

    struct action {
        enum class kind { start_attempt, cancel_attempt, set_timer, complete_success, complete_error };
        kind what = kind::complete_error;
        int attempt_id = 0;                       // start_attempt, cancel_attempt, complete_success
        std::size_t model_index = 0;              // start_attempt
        resume_mode resume = resume_mode::fresh;  // start_attempt
        std::chrono::milliseconds delay{0};       // set_timer
        error_code error;                         // complete_error
    };

    // A few actions at once, in the order the driver performs them.
    class action_list {
    public:
        static constexpr std::size_t capacity = 8;
        void push(const action& a) { items_.at(size_++) = a; }
        std::size_t size() const noexcept { return size_; }
        bool empty() const noexcept { return size_ == 0; }
        const action& operator[](std::size_t i) const { return items_.at(i); }
        const action* begin() const noexcept { return items_.data(); }
        const action* end() const noexcept { return items_.data() + size_; }

    private:
        std::array<action, capacity> items_{};
        std::size_t size_ = 0;
    };

    // `models`: the fallback chain (fallback::config::attempt_models); empty counts as {""}
    // ("" = the request's own model). `breakers` may be null (no breakers). `host` names the
    // host breaker. `deadline`: no retry is scheduled to start after it (the operation's total
    // timeout); the policies see times relative to `start`. `seed` seeds the jitter.
    attempt_loop(const request_policies& policies, std::vector<std::string> models, circuit_breakers* breakers,
                 std::string host, clock::time_point start, std::uint64_t seed,
                 clock::time_point deadline = clock::time_point::max());

    action_list start(clock::time_point now);
    action_list on_timer(clock::time_point now);
    action_list on_first_delta(int attempt_id, clock::time_point now);
    action_list on_success(int attempt_id, clock::time_point now, int http_status = 200);
    action_list on_failure(int attempt_id, const error_code& ec, const diagnostics& diag, clock::time_point now);
    void on_cancel(clock::time_point now);

    // A client with an adaptive rate (traffic.hpp): a 429 the fallback rule would move on from
    // retries the same model instead while the retry policy allows (the client-wide pause and
    // slower rate are the wait); the next model only once the retries are spent.
    void set_rate_limit_waits(bool on) noexcept { rate_limit_waits_ = on; }

    bool finished() const noexcept { return finished_; }
    // The attempt whose delta reached the caller (0: none).
    int committed() const noexcept { return committed_; }
    // Attempts started and not yet finished or cancelled.
    int in_flight() const noexcept;
    const std::vector<std::string>& models() const noexcept { return models_; }
    // The model of attempt `attempt_id` (empty for an unknown id).
    const std::string& model_of(int attempt_id) const;

    const std::vector<attempt_record>& log() const noexcept { return log_; }

private:
    enum class state { in_flight, failed, succeeded, cancelled, skipped };
    enum class timer_purpose { none, backoff, hedge };

    struct attempt {
        int id = 0;
        int ordinal = 0;  // among started attempts (skipped ones excluded)
        std::size_t model = 0;
        int model_attempt = 0;
        std::chrono::milliseconds previous_delay{0};
        clock::time_point started{};
        state st = state::in_flight;
        circuit_permit model_permit = circuit_permit::allowed;
        circuit_permit host_permit = circuit_permit::allowed;
        bool hedge = false;  // started by the hedge timer
    };

    action_list launch(std::size_t model_index, resume_mode mode, clock::time_point now, bool hedge);
    action_list decide(attempt& a, const error_code& ec, const diagnostics& diag, clock::time_point now,
                       bool after_delta);
    action_list schedule_retry(attempt& a, std::chrono::milliseconds delay, resume_mode mode, clock::time_point now,
                               const char* keyword, const error_code& ec);
    retry::attempt_outcome outcome_of(const attempt& a, const error_code& ec, const diagnostics& diag,
                                      clock::time_point now, bool after_delta) const;
    action_list finish_error(const error_code& ec);
    void cancel_others(int keep_id, action_list& out, clock::time_point now);
    void settle(int attempt_id, std::string decision, std::string reason, std::chrono::milliseconds delay = {});
    void record_outcome(attempt& a, const error_code& ec, int status, bool transient, clock::time_point now);
    void release_permits(attempt& a);
    attempt* find(int attempt_id);
    bool breakers_on() const noexcept;

    // policies (copied: the loop outlives nothing it refers to)
    retry::policy retry_;
    fallback::rule rule_;
    bool rate_limit_waits_ = false;
    std::optional<hedge::policy> hedge_;
    int max_hedges_ = 0;
    stream_recovery recovery_;
    circuit_breaker_settings breaker_settings_;
    std::function<void(const attempt_record&)> hook_;

    std::vector<std::string> models_;
    circuit_breakers* breakers_;
    std::string host_key_;
    clock::time_point start_;
    clock::time_point deadline_;
    retry::random_source rng_;

    std::vector<attempt> attempts_;  // index = id - 1
    std::vector<attempt_record> log_;
    std::vector<int> tries_;                             // attempts started per model
    std::vector<std::chrono::milliseconds> last_delay_;  // latest backoff per model
    std::size_t highest_model_ = 0;
    int started_ = 0;
    int hedges_started_ = 0;
    int committed_ = 0;
    bool finished_ = false;
    error_code last_error_;

    timer_purpose timer_ = timer_purpose::none;
    clock::time_point timer_due_{};
    std::size_t pending_model_ = 0;
    resume_mode pending_resume_ = resume_mode::fresh;
    std::chrono::milliseconds pending_delay_{0};
};

}  // namespace openrouter::detail

#endif
