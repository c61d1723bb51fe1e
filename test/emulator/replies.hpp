// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Reply plans: one description of an answer from which both the JSON reply and the SSE stream are rendered,
// so that a client accumulating the stream obtains exactly the non-streaming result.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace openrouter::emulator::detail {

/// The fixed `created` timestamp of every reply (2025-01-01T00:00:00Z).
inline constexpr std::int64_t fixed_created = 1735689600;
/// The provider of every reply: "FakeProvider" is a member of the OpenAPI document's closed
/// ProviderName enum (/models/.../endpoints, /endpoints/zdr), so the conformance oracle accepts it.
inline constexpr std::string_view provider_name = "FakeProvider";
inline constexpr std::string_view provider_slug = "fake-provider";
inline constexpr std::string_view system_fingerprint = "fp_emulator";
/// Prices in USD per token, as published by GET /models.
inline constexpr double prompt_price = 0.000001;
inline constexpr double completion_price = 0.000002;

struct model_info {
    std::string_view id;
    std::string_view name;
    std::string_view description;
    bool reasoning = false;
    bool tools = false;
};

/// The emulator's model catalogue.
std::span<model_info const> models();
model_info const* find_model(std::string_view id);

struct tool_call_plan {
    std::string id, name, arguments;
};

struct choice_plan {
    std::string content;
    std::string reasoning;  // empty: no reasoning
    std::vector<tool_call_plan> tool_calls;
    std::string finish_reason;  // also the native_finish_reason
    std::size_t completion_tokens = 0;
    std::size_t reasoning_tokens = 0;
};

struct reply_plan {
    std::string id;  // "gen-emu-<n>"
    std::string model;
    bool legacy = false;  // /completions (text_completion) instead of chat
    bool stream = false;
    bool show_reasoning = true;  // false when the request asked to exclude reasoning
    std::vector<choice_plan> choices;
    std::size_t prompt_tokens = 0;
    std::size_t completion_tokens = 0;
    std::size_t reasoning_tokens = 0;

    std::size_t total_tokens() const { return prompt_tokens + completion_tokens; }
    double cost() const;
};

/// A request the emulator refuses (HTTP status + message for the error body).
struct plan_error {
    int status = 0;  // 0: no error
    std::string message;
};

/// Builds the plan of a POST /chat/completions body (ids are assigned later by number_plan).
plan_error make_chat_plan(boost::json::object const& body, reply_plan& out);
/// Builds the plan of a legacy POST /completions body.
plan_error make_completion_plan(boost::json::object const& body, reply_plan& out);
/// Numbers a valid plan: id "gen-emu-<seq>", tool call ids "call_emu_<seq>_<choice index>".
void number_plan(reply_plan& p, std::uint64_t seq);

/// Words: maximal runs of non-whitespace characters (the emulator's token count).
std::size_t count_words(std::string_view text);
/// Splits text into one piece per word; each piece carries the whitespace before its word, the last one
/// also any trailing whitespace, so that concatenating the pieces restores the text exactly.
std::vector<std::string> split_words(std::string_view text);

/// Non-streaming bodies.
boost::json::object render_result(reply_plan const& p);
boost::json::object render_usage(reply_plan const& p);

/// One SSE data payload of a stream, in order.
struct stream_event {
    std::string data;
    bool is_delta = false;  // a content, reasoning or tool-call fragment (counted by fault scripts)
};
/// The deltas and the final (finish_reason) chunk of every choice, then the usage chunk (choices: []).
std::vector<stream_event> render_stream(reply_plan const& p);
/// An in-band error chunk (sent with HTTP 200, ends the stream).
std::string render_error_chunk(reply_plan const& p, boost::json::value code, std::string_view message,
                               boost::json::object metadata);

/// GET /models, GET /key and GET /generation bodies.
boost::json::object render_models_list();
struct generation_record {
    std::string id, model, finish_reason, api_type;
    bool streamed = false;
    std::size_t prompt_tokens = 0, completion_tokens = 0, reasoning_tokens = 0;
    double cost = 0;
    std::string user_agent, http_referer;
    std::string prompt;             // legacy /completions input (else `messages` is kept)
    boost::json::array messages;    // chat input
    std::string output, reasoning;  // first choice's text and reasoning
    std::string key;                // the API key that made it
};
boost::json::object render_generation(generation_record const& g);
boost::json::object render_key(std::string_view label, bool management, double usage);

}  // namespace openrouter::emulator::detail
