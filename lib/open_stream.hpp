// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_OPEN_STREAM_HPP
#define OPENROUTER_LIB_OPEN_STREAM_HPP

// Opening an SSE response: shared by chat, legacy completion and Responses API streams.

#include "operation.hpp"
#include "stream_impl.hpp"

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

}  // namespace openrouter::detail

#endif
