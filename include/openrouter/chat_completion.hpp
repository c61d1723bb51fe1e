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
    std::string token;                          ///< the alternative token
    double logprob = 0.0;                       ///< its log probability
    nullable<std::vector<std::int64_t>> bytes;  ///< UTF-8 bytes of the token, or null
    boost::json::object extra;                  ///< members this SDK does not know, as received
    /// Member-wise equality (`extra` included).
    friend bool operator==(const top_logprob&, const top_logprob&) = default;
};

/// The log probability of one generated token (OpenAPI `ChatTokenLogprob`).
struct token_logprob {
    std::string token;                          ///< the generated token
    double logprob = 0.0;                       ///< its log probability
    nullable<std::vector<std::int64_t>> bytes;  ///< UTF-8 bytes of the token, or null
    std::vector<top_logprob> top_logprobs;      ///< the most likely alternatives at this position
    boost::json::object extra;                  ///< members this SDK does not know, as received
    /// Member-wise equality (`extra` included).
    friend bool operator==(const token_logprob&, const token_logprob&) = default;
};

/// `choices[].logprobs` (OpenAPI `ChatTokenLogprobs`).
struct choice_logprobs {
    nullable<std::vector<token_logprob>> content;  ///< log probabilities of the content tokens, or null
    nullable<std::vector<token_logprob>> refusal;  ///< log probabilities of the refusal tokens, or null
    boost::json::object extra;                     ///< members this SDK does not know, as received
    /// Member-wise equality (`extra` included).
    friend bool operator==(const choice_logprobs&, const choice_logprobs&) = default;
};

/// An error attached to one choice (the provider failed mid-generation).
struct choice_error {
    std::int64_t code = 0;         ///< usually an HTTP-like status
    std::string message;           ///< human-readable description of the error
    boost::json::object metadata;  ///< provider details, raw error, ...
    boost::json::object extra;     ///< members this SDK does not know, as received
    /// Member-wise equality (`extra` included).
    friend bool operator==(const choice_error&, const choice_error&) = default;
};

/// One completion choice (OpenAPI `ChatChoice`).
struct choice {
    std::int64_t index = 0;       ///< position of the choice in `choices`
    openrouter::message message;  ///< role "assistant"
    /// Normalized reason: "stop", "length", "tool_calls", "content_filter", "error"; null while
    /// unfinished.
    nullable<std::string> finish_reason;
    nullable<std::string> native_finish_reason;  ///< the provider's raw reason
    nullable<choice_logprobs> logprobs;          ///< token log probabilities (when requested), or null
    std::optional<choice_error> error;           ///< set when the provider failed during this choice
    boost::json::object extra;                   ///< members this SDK does not know, as received
    /// Member-wise equality (`extra` included).
    friend bool operator==(const choice&, const choice&) = default;
};

/// `usage.prompt_tokens_details`. Integers read `null` as `nullopt`.
struct prompt_tokens_details {
    std::optional<std::int64_t> cached_tokens;  ///< prompt tokens read from the cache
    /// Prompt tokens written to the cache (only for models with explicit caching and cache write
    /// pricing).
    std::optional<std::int64_t> cache_write_tokens;
    std::optional<std::int64_t> audio_tokens;  ///< audio input tokens
    std::optional<std::int64_t> video_tokens;  ///< video input tokens
    boost::json::object extra;                 ///< members this SDK does not know, as received
    /// Member-wise equality (`extra` included).
    friend bool operator==(const prompt_tokens_details&, const prompt_tokens_details&) = default;
};

/// `usage.completion_tokens_details`.
struct completion_tokens_details {
    std::optional<std::int64_t> reasoning_tokens;            ///< tokens used for reasoning
    std::optional<std::int64_t> image_tokens;                ///< tokens generated for image output
    std::optional<std::int64_t> audio_tokens;                ///< tokens of audio output
    std::optional<std::int64_t> accepted_prediction_tokens;  ///< accepted prediction tokens
    std::optional<std::int64_t> rejected_prediction_tokens;  ///< rejected prediction tokens
    boost::json::object extra;                               ///< members this SDK does not know, as received
    /// Member-wise equality (`extra` included).
    friend bool operator==(const completion_tokens_details&, const completion_tokens_details&) = default;
};

/// `usage.cost_details` (USD).
struct cost_details {
    nullable<double> upstream_inference_cost;              ///< what the upstream provider charged in total, or null
    std::optional<double> upstream_inference_prompt_cost;  ///< upstream cost of the prompt
    std::optional<double> upstream_inference_completions_cost;  ///< upstream cost of the completion
    boost::json::object extra;                                  ///< members this SDK does not know, as received
    /// Member-wise equality (`extra` included).
    friend bool operator==(const cost_details&, const cost_details&) = default;
};

/// `usage.server_tool_use_details`.
struct server_tool_use_details {
    /// OpenRouter server tool calls that executed and produced a result.
    std::optional<std::int64_t> tool_calls_executed;
    /// OpenRouter server-orchestrated tool calls the model requested, all tool types
    /// (provider-native tools are not counted).
    std::optional<std::int64_t> tool_calls_requested;
    /// Web searches performed by server-side tools (a server-orchestrated search is also counted
    /// in `tool_calls_requested`; do not sum the two).
    std::optional<std::int64_t> web_search_requests;
    boost::json::object extra;  ///< members this SDK does not know, as received
    /// Member-wise equality (`extra` included).
    friend bool operator==(const server_tool_use_details&, const server_tool_use_details&) = default;
};

/// Token counts and cost (OpenAPI `ChatUsage`).
struct usage {
    std::int64_t prompt_tokens = 0;      ///< tokens in the prompt
    std::int64_t completion_tokens = 0;  ///< tokens in the completion
    std::int64_t total_tokens = 0;       ///< total tokens
    nullable<double> cost;               ///< credits (USD) charged
    std::optional<bool> is_byok;         ///< whether the request used a Bring Your Own Key configuration
    std::optional<openrouter::cost_details> cost_details;  ///< breakdown of the upstream inference cost
    std::optional<openrouter::prompt_tokens_details> prompt_tokens_details;          ///< prompt token breakdown
    std::optional<openrouter::completion_tokens_details> completion_tokens_details;  ///< completion token breakdown
    /// Usage of server-side tools (e.g. web search).
    std::optional<openrouter::server_tool_use_details> server_tool_use_details;
    boost::json::object extra;  ///< members this SDK does not know, as received
    /// Member-wise equality (`extra` included).
    friend bool operator==(const usage&, const usage&) = default;
};

/// One routing attempt (`openrouter_metadata.attempts[]`).
struct router_attempt {
    std::string provider;       ///< the provider tried
    std::string model;          ///< the model tried
    std::int64_t status = 0;    ///< the HTTP status that attempt ended with
    boost::json::object extra;  ///< members this SDK does not know, as received
    /// Member-wise equality (`extra` included).
    friend bool operator==(const router_attempt&, const router_attempt&) = default;
};

/// One candidate endpoint (`openrouter_metadata.endpoints.available[]`).
struct endpoint_info {
    std::string provider;       ///< the endpoint's provider
    std::string model;          ///< the endpoint's model
    bool selected = false;      ///< whether this endpoint was selected
    boost::json::object extra;  ///< members this SDK does not know, as received
    /// Member-wise equality (`extra` included).
    friend bool operator==(const endpoint_info&, const endpoint_info&) = default;
};

/// `openrouter_metadata`: how OpenRouter routed the request (OpenAPI `OpenRouterMetadata`).
/// `params` and `pipeline` stay raw JSON (open-ended objects).
struct openrouter_metadata {
    std::string requested;                           ///< the model requested
    std::string strategy;                            ///< "direct", "auto", "fallback", ...
    nullable<std::string> region;                    ///< region that served the request (e.g. "iad"), or null
    std::string summary;                             ///< one-line summary, e.g. "available=1, selected=OpenAI"
    std::int64_t attempt = 0;                        ///< `attempt` as sent (1 in the API example)
    bool is_byok = false;                            ///< whether the request used a Bring Your Own Key configuration
    std::vector<router_attempt> attempts;            ///< the routing attempts made, when sent
    std::int64_t endpoints_total = 0;                ///< `endpoints.total`
    std::vector<endpoint_info> endpoints_available;  ///< `endpoints.available`
    std::optional<boost::json::object> params;       ///< routing parameters (`RouterParams`), raw
    std::optional<boost::json::array> pipeline;      ///< pipeline stages (`PipelineStage` items), raw
    boost::json::object extra;                       ///< members this SDK does not know, as received
    /// Member-wise equality (`extra` included).
    friend bool operator==(const openrouter_metadata&, const openrouter_metadata&) = default;
};

/// A chat completion.
struct chat_completion {
    std::string id;                            ///< generation id ("gen-..."), usable with GET /generation
    std::string object;                        ///< "chat.completion"
    std::int64_t created = 0;                  ///< Unix time
    std::string model;                         ///< the model that answered
    std::string provider;                      ///< the provider that served it (OpenRouter extension)
    nullable<std::string> system_fingerprint;  ///< the provider's system fingerprint, or null
    nullable<std::string> service_tier;        ///< service tier the upstream provider used, or null
    std::vector<choice> choices;               ///< the completion choices
    std::optional<openrouter::usage> usage;    ///< token counts and cost, when sent
    /// How OpenRouter routed the request, when sent.
    std::optional<openrouter::openrouter_metadata> openrouter_metadata;
    boost::json::object extra;  ///< members this SDK does not know, as received
    /// Member-wise equality (`extra` included).
    friend bool operator==(const chat_completion&, const chat_completion&) = default;
};

/// Decodes a response body. On a wrong shape returns false and sets `why` to a short reason
/// naming the path ("usage.prompt_tokens: expected integer"); `out` is then partly filled and
/// should not be used. Never throws on bad input.
bool from_json(const boost::json::value& body, chat_completion& out, std::string& why);

/// Encodes a completion back to JSON (the inverse of `from_json`, `extra` included): for
/// logging, caching, and servers that emulate the API.
boost::json::value to_json(const chat_completion& c);

/// Boost.JSON hook: `boost::json::value_from(c)` encodes `c` as `to_json` does (in `jv`'s storage).
void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, const chat_completion& c);

}  // namespace openrouter

#endif  // OPENROUTER_CHAT_COMPLETION_HPP
