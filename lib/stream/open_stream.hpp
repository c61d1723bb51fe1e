// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_STREAM_OPEN_STREAM_HPP
#define OPENROUTER_LIB_STREAM_OPEN_STREAM_HPP

// Opening an SSE response: shared by chat, legacy completion and Responses API streams
// (lib/stream/open_stream.cpp). Each attempt of an open is the shared HTTP attempt loop of
// lib/core/http_attempt.hpp with a step that reads the response header only; the stream then
// keeps the connection.

#include "core/operation.hpp"
#include "stream/stream_impl.hpp"

#include <openrouter/chat.hpp>
#include <openrouter/chat_stream.hpp>
#include <openrouter/completion.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace openrouter::detail {

// Opens a chat / legacy completion stream (the bodies of async_chat_stream and
// async_completion_stream) under the operation's policies: retries and fallback until an
// attempt's response header is in (with a hedge policy: until an attempt has decoded its first
// delta, the attempts racing for it); the stream keeps the attempt driver for what happens
// after (invisible retries before the first delta, `on_stream_failure` after it).
boost::asio::awaitable<std::pair<error_code, chat_stream>> open_chat_stream(std::shared_ptr<op_state> op,
                                                                            chat_request r);
boost::asio::awaitable<std::pair<error_code, chat_stream>> open_completion_stream(std::shared_ptr<op_state> op,
                                                                                  completion_request r);

// Sends a POST with `body` to `path` (Accept: text/event-stream) and, once the response header
// says 2xx text/event-stream, returns the stream state owning the connection, with `decoder` as
// its event decoder (null: chat chunks). Otherwise the error, classified as for JSON operations.
boost::asio::awaitable<std::pair<error_code, std::shared_ptr<stream_impl>>>
open_sse_stream(std::shared_ptr<op_state> op, std::string_view path, std::string body, std::string model,
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
