// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_CHAT_HPP
#define OPENROUTER_CHAT_HPP

/// @file
/// The chat data model in one include: messages and content parts (message.hpp,
/// content_part.hpp), the request (chat_request.hpp) and the response (chat_completion.hpp).

#include <openrouter/chat_completion.hpp>
#include <openrouter/chat_request.hpp>
#include <openrouter/content_part.hpp>
#include <openrouter/message.hpp>
#include <openrouter/nullable.hpp>

#endif  // OPENROUTER_CHAT_HPP
