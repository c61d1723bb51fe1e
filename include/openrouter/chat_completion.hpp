// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_CHAT_COMPLETION_HPP
#define OPENROUTER_CHAT_COMPLETION_HPP

/// @file
/// `chat_completion`: the response of `POST /chat/completions` (OpenAPI `ChatResult`), with its
/// choices, usage, log probabilities and routing metadata; `from_json` decodes it without
/// throwing.
///
/// Decoding rules:
///  - Unknown keys of every typed object are kept, as raw JSON, in that object's `extra`.
///  - Numbers are read leniently: an integer member accepts 12, 12.0 or 1.2e1 (a double with no
///    fractional part within range); a double member accepts any JSON number.
///  - `nullable<T>` members tell absent from null (`finish_reason`, `content`, ...);
///    `std::optional<T>` members read `null` as `nullopt`; plain members read a missing key (or
///    `null`) as their default value (0, "", empty).
///  - A wrong shape (an array where an object belongs, a string for a number, ...) makes the
///    decode fail with a reason naming the path, e.g.
///    "choices[0].message.content: expected string, array or null". Nothing throws on bad input
///    (`std::bad_alloc` aside).
/// Plain value types; thread-compatible.

#include <openrouter/message.hpp>
#include <openrouter/nullable.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace openrouter {

/// One alternative of a token's log probability.
struct top_logprob {
    std::string token;
    double logprob = 0.0;
    nullable<std::vector<std::int64_t>> bytes;  ///< UTF-8 bytes of the token, or null
    boost::json::object extra;
    friend bool operator==(const top_logprob&, const top_logprob&) = default;
};

/// The log probability of one generated token (OpenAPI `ChatTokenLogprob`).
struct token_logprob {
    std::string token;
    double logprob = 0.0;
    nullable<std::vector<std::int64_t>> bytes;
    std::vector<top_logprob> top_logprobs;
    boost::json::object extra;
    friend bool operator==(const token_logprob&, const token_logprob&) = default;
};

/// `choices[].logprobs` (OpenAPI `ChatTokenLogprobs`).
struct choice_logprobs {
    nullable<std::vector<token_logprob>> content;
    nullable<std::vector<token_logprob>> refusal;
    boost::json::object extra;
    friend bool operator==(const choice_logprobs&, const choice_logprobs&) = default;
};

/// An error attached to one choice (the provider failed mid-generation).
struct choice_error {
    std::int64_t code = 0;  ///< usually an HTTP-like status
    std::string message;
    boost::json::object metadata;  ///< provider details, raw error, ...
    boost::json::object extra;
    friend bool operator==(const choice_error&, const choice_error&) = default;
};

/// One completion choice (OpenAPI `ChatChoice`).
struct choice {
    std::int64_t index = 0;
    openrouter::message message;  ///< role "assistant"
    /// Normalized reason: "stop", "length", "tool_calls", "content_filter", "error"; null while
    /// unfinished.
    nullable<std::string> finish_reason;
    nullable<std::string> native_finish_reason;  ///< the provider's raw reason
    nullable<choice_logprobs> logprobs;
    std::optional<choice_error> error;
    boost::json::object extra;
    friend bool operator==(const choice&, const choice&) = default;
};

/// `usage.prompt_tokens_details`. Integers read `null` as `nullopt`.
struct prompt_tokens_details {
    std::optional<std::int64_t> cached_tokens;
    std::optional<std::int64_t> cache_write_tokens;
    std::optional<std::int64_t> audio_tokens;
    std::optional<std::int64_t> video_tokens;
    boost::json::object extra;
    friend bool operator==(const prompt_tokens_details&, const prompt_tokens_details&) = default;
};

/// `usage.completion_tokens_details`.
struct completion_tokens_details {
    std::optional<std::int64_t> reasoning_tokens;
    std::optional<std::int64_t> image_tokens;
    std::optional<std::int64_t> audio_tokens;
    std::optional<std::int64_t> accepted_prediction_tokens;
    std::optional<std::int64_t> rejected_prediction_tokens;
    boost::json::object extra;
    friend bool operator==(const completion_tokens_details&, const completion_tokens_details&) = default;
};

/// `usage.cost_details` (USD).
struct cost_details {
    nullable<double> upstream_inference_cost;
    std::optional<double> upstream_inference_prompt_cost;
    std::optional<double> upstream_inference_completions_cost;
    boost::json::object extra;
    friend bool operator==(const cost_details&, const cost_details&) = default;
};

/// `usage.server_tool_use_details`.
struct server_tool_use_details {
    std::optional<std::int64_t> tool_calls_executed;
    std::optional<std::int64_t> tool_calls_requested;
    std::optional<std::int64_t> web_search_requests;
    boost::json::object extra;
    friend bool operator==(const server_tool_use_details&, const server_tool_use_details&) = default;
};

/// Token counts and cost (OpenAPI `ChatUsage`).
struct usage {
    std::int64_t prompt_tokens = 0;
    std::int64_t completion_tokens = 0;
    std::int64_t total_tokens = 0;
    nullable<double> cost;  ///< credits (USD) charged
    std::optional<bool> is_byok;
    std::optional<openrouter::cost_details> cost_details;
    std::optional<openrouter::prompt_tokens_details> prompt_tokens_details;
    std::optional<openrouter::completion_tokens_details> completion_tokens_details;
    std::optional<openrouter::server_tool_use_details> server_tool_use_details;
    boost::json::object extra;
    friend bool operator==(const usage&, const usage&) = default;
};

/// One routing attempt (`openrouter_metadata.attempts[]`).
struct router_attempt {
    std::string provider;
    std::string model;
    std::int64_t status = 0;
    boost::json::object extra;
    friend bool operator==(const router_attempt&, const router_attempt&) = default;
};

/// One candidate endpoint (`openrouter_metadata.endpoints.available[]`).
struct endpoint_info {
    std::string provider;
    std::string model;
    bool selected = false;
    boost::json::object extra;
    friend bool operator==(const endpoint_info&, const endpoint_info&) = default;
};

/// `openrouter_metadata`: how OpenRouter routed the request (OpenAPI `OpenRouterMetadata`).
/// `params` and `pipeline` stay raw JSON (open-ended objects).
struct openrouter_metadata {
    std::string requested;  ///< the model requested
    std::string strategy;   ///< "direct", "auto", "fallback", ...
    nullable<std::string> region;
    std::string summary;
    std::int64_t attempt = 0;
    bool is_byok = false;
    std::vector<router_attempt> attempts;
    std::int64_t endpoints_total = 0;                ///< `endpoints.total`
    std::vector<endpoint_info> endpoints_available;  ///< `endpoints.available`
    std::optional<boost::json::object> params;
    std::optional<boost::json::array> pipeline;
    boost::json::object extra;
    friend bool operator==(const openrouter_metadata&, const openrouter_metadata&) = default;
};

/// A chat completion.
struct chat_completion {
    std::string id;            ///< generation id ("gen-..."), usable with GET /generation
    std::string object;        ///< "chat.completion"
    std::int64_t created = 0;  ///< Unix time
    std::string model;         ///< the model that answered
    std::string provider;      ///< the provider that served it (OpenRouter extension)
    nullable<std::string> system_fingerprint;
    nullable<std::string> service_tier;
    std::vector<choice> choices;
    std::optional<openrouter::usage> usage;
    std::optional<openrouter::openrouter_metadata> openrouter_metadata;
    boost::json::object extra;
    friend bool operator==(const chat_completion&, const chat_completion&) = default;
};

/// Decodes a response body. On a wrong shape returns false and sets `why` to a short reason
/// naming the path ("usage.prompt_tokens: expected integer"); `out` is then partly filled and
/// should not be used. Never throws on bad input.
bool from_json(const boost::json::value& body, chat_completion& out, std::string& why);

/// Encodes a completion back to JSON (the inverse of `from_json`, `extra` included): for
/// logging, caching, and servers that emulate the API.
boost::json::value to_json(const chat_completion& c);

void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, const chat_completion& c);

}  // namespace openrouter

#endif  // OPENROUTER_CHAT_COMPLETION_HPP
