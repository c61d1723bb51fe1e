// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_CORE_ATTEMPTS_HPP
#define OPENROUTER_LIB_CORE_ATTEMPTS_HPP

// The attempt driver: runs the sans-io attempt loop (lib/sansio/attempt_loop.hpp) of one
// operation. It owns the I/O the loop asks for: attempts (each a coroutine on the client's
// strand with its own attempt_io), one policy timer (backoff and hedge waits), and the wake-up
// of the operation on caller cancellation. The loop decides everything else.
//
// Non-streaming operations call run() once. Streams use the stream mode: run() returns as soon
// as an attempt has opened (response header in); the stream then reports the first delta, the
// clean end, or a failure (fail_and_rerun()), which lets the loop retry invisibly before the
// first delta and apply `request_policies::on_stream_failure` after it.
//
// Hedged streams (stream mode with `stream_hedging`): an attempt succeeds only once it has
// decoded its first delta (open_stream.hpp), so the first attempt to succeed is the first to
// have a delta: run() commits it at once (attempt_loop::on_first_delta), which cancels the other
// attempts, and returns it. An attempt that already finished when it is cancelled (it lost by a
// hair) is handed to the discard function, which closes what it left behind.

#include "core/operation.hpp"
#include "sansio/attempt_loop.hpp"

#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace openrouter::detail {

// Runs one attempt: `io` is its I/O state (its diag is the attempt's diagnostics), `model_index`
// indexes the loop's models, `id` is the attempt id (to store per-attempt output), `resume` says
// how it relates to what a stream's caller already saw.
using attempt_fn = std::function<boost::asio::awaitable<attempt_result>(
    std::shared_ptr<attempt_io> io, std::size_t model_index, int id, attempt_loop::resume_mode resume)>;

class attempt_driver : public std::enable_shared_from_this<attempt_driver> {
public:
    attempt_driver(std::shared_ptr<op_state> op, std::vector<std::string> models, attempt_fn fn, bool stream_mode,
                   bool stream_hedging = false);

    // Hedged streams: called with the id of a finished attempt that was cancelled (it lost).
    void set_discard(std::function<void(int)> discard) { discard_ = std::move(discard); }

    // Runs until the loop completes, or (stream mode) until an attempt opened. Returns (error,
    // attempt id). op.diag then holds the diagnostics of that attempt (or of the last failed
    // one) and the attempt log.
    boost::asio::awaitable<std::pair<error_code, int>> run();

    // Stream mode: attempt `id` failed after it opened; runs again (see run()).
    boost::asio::awaitable<std::pair<error_code, int>> fail_and_rerun(int id, error_code ec, diagnostics diag);

    // Stream mode: attempt `id` delivered its first delta / ended cleanly.
    void first_delta(int id);
    void finished(int id);

    // How attempt `id` was started (streams: fresh, restart or continue_with_prefill).
    attempt_loop::resume_mode resume_of(int id) const;

    const std::shared_ptr<op_state>& op() const noexcept { return op_; }

private:
    struct state;
    void perform(const attempt_loop::action_list& acts);

    std::shared_ptr<op_state> op_;
    std::shared_ptr<state> st_;
    attempt_loop loop_;
    attempt_fn fn_;
    std::function<void(int)> discard_;
    bool stream_mode_;
    bool stream_hedging_;
    error_code result_ = boost::asio::error::operation_aborted;
    int winner_ = 0;
    int last_failed_ = 0;
    bool done_ = false;
    bool started_ = false;
};

// Runs the attempt loop of a non-streaming operation to completion (attempt_driver::run()).
boost::asio::awaitable<std::pair<error_code, int>> run_attempts(std::shared_ptr<op_state> op,
                                                                std::vector<std::string> models, attempt_fn fn);

}  // namespace openrouter::detail

#endif
