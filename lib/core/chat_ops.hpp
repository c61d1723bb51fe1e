// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_CORE_CHAT_OPS_HPP
#define OPENROUTER_LIB_CORE_CHAT_OPS_HPP

// The bodies of the non-streaming operations of client.hpp: the generic call, chat and legacy
// completions. Each runs downward: the attempt driver (core/attempts.hpp) under the request's
// policies, one attempt per (model, try) built here, each attempt the one HTTP attempt loop
// (core/http_attempt.hpp) over the transport. Streams open in lib/stream/open_stream.cpp.

#include "core/operation.hpp"

#include <openrouter/chat.hpp>
#include <openrouter/completion.hpp>
#include <openrouter/request.hpp>

#include <boost/asio/awaitable.hpp>

#include <memory>
#include <utility>

namespace openrouter::detail {

// The chat-shaped part of a request, which the fallback config prepares per attempt.
inline chat_request& chat_of(chat_request& r)
{
    return r;
}
inline chat_request& chat_of(completion_request& r)
{
    return r.options;
}

boost::asio::awaitable<std::pair<error_code, api_response>> run_request(std::shared_ptr<op_state> op, api_request r);
boost::asio::awaitable<std::pair<error_code, chat_completion>> run_chat(std::shared_ptr<op_state> op, chat_request r);
boost::asio::awaitable<std::pair<error_code, text_completion>> run_completion(std::shared_ptr<op_state> op,
                                                                              completion_request r);

}  // namespace openrouter::detail

#endif
