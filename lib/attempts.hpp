// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_ATTEMPTS_HPP
#define OPENROUTER_LIB_ATTEMPTS_HPP

// The attempt driver: runs the sans-io attempt loop (lib/sansio/attempt_loop.hpp) of one
// operation. It owns the I/O the loop asks for: attempts (each a coroutine on the client's
// strand with its own attempt_io), one policy timer (backoff and hedge waits), and the wake-up
// of the operation on caller cancellation. The loop decides everything else.

#include "operation.hpp"

#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace openrouter::detail {

// Runs one attempt: `io` is its I/O state (its diag is the attempt's diagnostics), `model_index`
// indexes the models given to run_attempts, `id` is the attempt id (to store per-attempt output).
using attempt_fn = std::function<boost::asio::awaitable<attempt_result>(std::shared_ptr<attempt_io> io,
                                                                        std::size_t model_index, int id)>;

// Runs attempts until the loop completes. Returns (error, winning attempt id). On return
// op.diag holds the diagnostics of the winning attempt (success) or of the last failed one, and
// the attempt log. Caller cancellation (op.cancel()) stops timers and attempts at once.
boost::asio::awaitable<std::pair<error_code, int>> run_attempts(std::shared_ptr<op_state> op,
                                                                std::vector<std::string> models, attempt_fn fn);

}  // namespace openrouter::detail

#endif
