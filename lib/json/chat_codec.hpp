// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_JSON_CHAT_CODEC_HPP
#define OPENROUTER_LIB_JSON_CHAT_CODEC_HPP

// The chat JSON codecs (internal API used by the client and the streaming decoder).
//
//  - write_chat_request: request body text, with "stream": true when `stream`.
//  - read_chat_completion: decodes a parsed response body; false + `why` on a wrong shape.
//  - the per-piece readers/writers below let the streaming code decode `delta` objects (a delta
//    is a partial assistant `message`; tool call fragments are `tool_call`s with an index),
//    `usage`, `logprobs` and choice errors with the same rules.
//
// Readers: `bool read_val(const json::value&, T&, std::string& why)`, declared below for every
// type of the model; on failure `why` is "expected <what>" or "<path>: expected
// <what>". They reset `out` first.
// Writers: `json::value to_value(const T&, const json::storage_ptr&)`.
// None throws on bad input (only std::bad_alloc).

#include <openrouter/chat_completion.hpp>
#include <openrouter/chat_delta.hpp>
#include <openrouter/chat_request.hpp>
#include <openrouter/content_part.hpp>
#include <openrouter/message.hpp>

#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>

#include <string>

// Element readers of the chat model, declared BEFORE json_util.hpp so that its
// vector/optional/nullable templates find them (ordinary lookup at the template definition).
namespace openrouter::detail {
bool read_val(const boost::json::value& v, cache_control& out, std::string& why);
bool read_val(const boost::json::value& v, content_part& out, std::string& why);
bool read_val(const boost::json::value& v, tool_call& out, std::string& why);
bool read_val(const boost::json::value& v, url_citation& out, std::string& why);
bool read_val(const boost::json::value& v, annotation& out, std::string& why);
bool read_val(const boost::json::value& v, reasoning_detail& out, std::string& why);
bool read_val(const boost::json::value& v, generated_image& out, std::string& why);
bool read_val(const boost::json::value& v, audio_output& out, std::string& why);
bool read_val(const boost::json::value& v, message_content& out, std::string& why);
bool read_val(const boost::json::value& v, message& out, std::string& why);
bool read_val(const boost::json::value& v, top_logprob& out, std::string& why);
bool read_val(const boost::json::value& v, token_logprob& out, std::string& why);
bool read_val(const boost::json::value& v, choice_logprobs& out, std::string& why);
bool read_val(const boost::json::value& v, choice_error& out, std::string& why);
bool read_val(const boost::json::value& v, choice& out, std::string& why);
bool read_val(const boost::json::value& v, prompt_tokens_details& out, std::string& why);
bool read_val(const boost::json::value& v, completion_tokens_details& out, std::string& why);
bool read_val(const boost::json::value& v, cost_details& out, std::string& why);
bool read_val(const boost::json::value& v, server_tool_use_details& out, std::string& why);
bool read_val(const boost::json::value& v, usage& out, std::string& why);
bool read_val(const boost::json::value& v, router_attempt& out, std::string& why);
bool read_val(const boost::json::value& v, endpoint_info& out, std::string& why);
bool read_val(const boost::json::value& v, openrouter_metadata& out, std::string& why);
bool read_val(const boost::json::value& v, chat_completion& out, std::string& why);
}  // namespace openrouter::detail

#include "json/json_util.hpp"

namespace openrouter::detail {

/// Appends the JSON text of the request body to `out`. `stream` sets "stream": true (and
/// nothing else changes). Keys of `req.extra` are merged last (added or replaced), except
/// "stream", which only the argument controls (absent when false).
void write_chat_request(const chat_request& req, bool stream, std::string& out);

/// Reads a decoded JSON body into `out`. Returns false on a wrong shape, with a short reason in
/// `why` (e.g. "choices[0].message.content: expected string, array or null"); never throws on
/// bad input.
bool read_chat_completion(const boost::json::value& body, chat_completion& out, std::string& why);

// ---- request encoding ----
json::value to_value(const chat_request& req, const json::storage_ptr& sp);

// ---- writers of the message pieces (both directions) ----
json::value to_value(const content_part& p, const json::storage_ptr& sp);
json::value to_value(const tool_call& c, const json::storage_ptr& sp);
json::value to_value(const annotation& a, const json::storage_ptr& sp);
json::value to_value(const reasoning_detail& d, const json::storage_ptr& sp);
json::value to_value(const generated_image& i, const json::storage_ptr& sp);
json::value to_value(const audio_output& a, const json::storage_ptr& sp);
json::value to_value(const message_content& c, const json::storage_ptr& sp);
json::value to_value(const message& m, const json::storage_ptr& sp);
json::value to_value(const cache_control& c, const json::storage_ptr& sp);

// ---- streaming ----
/// One element of a delta's `tool_calls`. Members may be absent or null; present ones must have
/// their documented type (index integer, id/type/name/arguments strings, function object).
bool read_val(const json::value& item, tool_call_delta& tc, std::string& why);

// ---- writers of the response pieces ----
json::value to_value(const choice_logprobs& l, const json::storage_ptr& sp);
json::value to_value(const choice_error& e, const json::storage_ptr& sp);
json::value to_value(const choice& c, const json::storage_ptr& sp);
json::value to_value(const usage& u, const json::storage_ptr& sp);
json::value to_value(const openrouter_metadata& m, const json::storage_ptr& sp);
json::value to_value(const chat_completion& c, const json::storage_ptr& sp);

}  // namespace openrouter::detail

#endif  // OPENROUTER_LIB_JSON_CHAT_CODEC_HPP
