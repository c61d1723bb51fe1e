// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_STREAM_OPEN_STREAM_HPP
#define OPENROUTER_LIB_STREAM_OPEN_STREAM_HPP

// Opening an SSE response: shared by chat, legacy completion and Responses API streams.

#include "core/operation.hpp"
#include "stream/stream_impl.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace openrouter::detail {

// Sends a POST with `body` to `path` (Accept: text/event-stream) and, once the response header
// says 2xx text/event-stream, returns the stream state owning the connection, with `decoder` as
// its event decoder (null: chat chunks). Otherwise the error, classified as for JSON operations.
boost::asio::awaitable<std::pair<error_code, std::shared_ptr<stream_impl>>> open_sse_stream(
    std::shared_ptr<op_state> op, std::string_view path, std::string body, std::string model,
    std::unique_ptr<stream_event_decoder> decoder);

// Hedged streams (request_policies::hedge set): an attempt's "open" goes on after the response
// header until the attempt has decoded its first delta, so that attempts race on the first delta
// (see docs/design/architecture.md, "Hedged streams"). Reads `s` (opened by attempt `io`) until a
// delta is queued, the stream failed, or it ended; honours the first-delta, idle and total
// timeouts; `io.cancel()` (the attempt lost) closes the connection. Returns the attempt's error
// (with io.diag filled), or success when a delta is queued or the stream ended cleanly; the
// queued deltas are then delivered by async_next as usual.
boost::asio::awaitable<error_code> read_first_delta(op_state& op, attempt_io& io, stream_impl& s);

}  // namespace openrouter::detail

#endif
