// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_CHAT_REQUEST_HPP
#define OPENROUTER_CHAT_REQUEST_HPP

/// @file
/// `chat_request`: the body of `POST /chat/completions` (OpenAPI `ChatRequest`), with tools,
/// tool choice, response format, provider preferences, reasoning, plugins and every other
/// documented field; `to_json` encodes it.
///
/// Encoding rules: an unset member (`std::nullopt`, an empty vector/map documented "written when
/// non-empty", an absent `nullable`) is not written, so the API applies its defaults. `extra` is
/// merged last into the top-level object: its keys are added or replace the SDK's, which is how
/// to send a field this SDK does not know yet (or an explicit `null`). Nested structs have an
/// `extra` of their own, merged the same way.
///
/// The encoder does not validate values (ranges, enum spellings): the API does, and answers
/// 400 with a message. `to_json` never throws except `std::bad_alloc`.
/// Plain value types; thread-compatible.

#include <openrouter/content_part.hpp>
#include <openrouter/message.hpp>
#include <openrouter/nullable.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace openrouter {

/// A tool the model may call. A function tool (`type == "function"`) has `function`; an
/// OpenRouter server tool (`type` such as "openrouter:web_search", "openrouter:datetime",
/// "openrouter:bash", "web_search") has `parameters` (its configuration object, written when
/// non-empty) instead.
struct tool {
    std::string type = "function";
    struct function_def {
        std::string name;                        ///< always written for function tools
        std::optional<std::string> description;
        std::optional<boost::json::object> parameters;  ///< JSON Schema of the arguments
        std::optional<bool> strict;
        boost::json::object extra;
        friend bool operator==(const function_def&, const function_def&) = default;
    } function;
    std::optional<openrouter::cache_control> cache_control;
    boost::json::object parameters;  ///< server tools: their configuration
    boost::json::object extra;

    /// A function tool.
    static tool make_function(std::string name, std::string description,
                              boost::json::object json_schema_parameters);
    /// A server tool by type, with its configuration.
    static tool server(std::string type, boost::json::object parameters = {});

    friend bool operator==(const tool&, const tool&) = default;
};

/// `tool_choice`: "none", "auto", "required", a named function
/// `{"type":"function","function":{"name":...}}` or a server tool `{"type":...}`.
struct tool_choice {
    enum class kind { none, automatic, required, function, server_tool };
    kind mode = kind::automatic;
    std::string name;  ///< function: the function name; server_tool: the tool type

    static tool_choice none() { return {kind::none, {}}; }
    static tool_choice automatic() { return {kind::automatic, {}}; }
    static tool_choice required() { return {kind::required, {}}; }
    static tool_choice function(std::string fn) { return {kind::function, std::move(fn)}; }
    static tool_choice server_tool(std::string type) { return {kind::server_tool, std::move(type)}; }

    friend bool operator==(const tool_choice&, const tool_choice&) = default;
};

/// `response_format`: {"type":"text"}, {"type":"json_object"},
/// {"type":"json_schema","json_schema":{name, schema?, strict?, description?}},
/// {"type":"grammar","grammar":...}, {"type":"python"}.
struct response_format {
    std::string type = "text";
    struct json_schema_spec {
        std::string name;                           ///< always written (max 64 characters)
        std::optional<std::string> description;
        std::optional<boost::json::object> schema;  ///< the JSON Schema
        std::optional<bool> strict;
        boost::json::object extra;
        friend bool operator==(const json_schema_spec&, const json_schema_spec&) = default;
    };
    std::optional<json_schema_spec> json_schema;  ///< type "json_schema"
    std::optional<std::string> grammar;           ///< type "grammar"
    boost::json::object extra;

    static response_format text() { return {}; }
    static response_format json_object();
    static response_format json_schema_format(std::string name, boost::json::object schema,
                                              std::optional<bool> strict = true,
                                              std::optional<std::string> description = {});
    static response_format grammar_format(std::string grammar);
    static response_format python();

    friend bool operator==(const response_format&, const response_format&) = default;
};

/// Price caps in USD (OpenAPI: decimal strings, e.g. "1.5"): prompt and completion per
/// million tokens, image per image, audio per audio unit, request per request.
struct max_price {
    std::optional<std::string> prompt;
    std::optional<std::string> completion;
    std::optional<std::string> image;
    std::optional<std::string> audio;
    std::optional<std::string> request;
    boost::json::object extra;

    friend bool operator==(const max_price&, const max_price&) = default;
};

/// Per-percentile cutoffs (latency in seconds, throughput in tokens/second).
struct percentile_cutoffs {
    std::optional<double> p50;
    std::optional<double> p75;
    std::optional<double> p90;
    std::optional<double> p99;
    friend bool operator==(const percentile_cutoffs&, const percentile_cutoffs&) = default;
};

/// `provider.sort` object form.
struct provider_sort_config {
    std::optional<std::string> by;         ///< "price", "throughput", "latency", "exacto"
    std::optional<std::string> partition;  ///< "model" or "none"
    friend bool operator==(const provider_sort_config&, const provider_sort_config&) = default;
};

/// `provider`: provider routing preferences (OpenAPI `ProviderPreferences`).
struct provider_preferences {
    std::optional<std::vector<std::string>> order;  ///< provider names/slugs to try in order
    std::optional<bool> allow_fallbacks;
    std::optional<bool> require_parameters;
    std::optional<std::string> data_collection;  ///< "allow" or "deny"
    std::optional<bool> zdr;
    std::optional<bool> enforce_distillable_text;
    std::optional<std::vector<std::string>> only;
    std::optional<std::vector<std::string>> ignore;
    std::optional<std::vector<std::string>> quantizations;  ///< "int4", "fp8", ...
    /// "price", "throughput", "latency", "exacto", or the object form.
    std::optional<std::variant<std::string, provider_sort_config>> sort;
    std::optional<openrouter::max_price> max_price;
    /// A number (tokens/second) or per-percentile cutoffs.
    std::optional<std::variant<double, percentile_cutoffs>> preferred_min_throughput;
    /// A number (seconds) or per-percentile cutoffs.
    std::optional<std::variant<double, percentile_cutoffs>> preferred_max_latency;
    boost::json::object extra;

    friend bool operator==(const provider_preferences&, const provider_preferences&) = default;
};

/// `reasoning`: reasoning-token configuration.
struct reasoning_config {
    /// "max", "xhigh", "high", "medium", "low", "minimal", "none".
    std::optional<std::string> effort;
    std::optional<std::int64_t> max_tokens;  ///< token budget (Anthropic/Gemini style)
    std::optional<bool> exclude;             ///< reason, but leave it out of the response
    std::optional<bool> enabled;
    std::optional<std::string> summary;      ///< "auto", "concise", "detailed"
    boost::json::object extra;

    friend bool operator==(const reasoning_config&, const reasoning_config&) = default;
};

/// A plugin entry (`plugins[]`), typed by `id`: "web", "web-fetch", "file-parser",
/// "moderation", "response-healing", "context-compression", "auto-router", "pareto-router",
/// "fusion", ... The common settings are typed; any other setting goes in `extra`.
struct plugin {
    std::string id;
    std::optional<bool> enabled;
    // web
    std::optional<std::int64_t> max_results;
    std::optional<std::string> search_prompt;
    /// web: "native", "exa", "firecrawl", "parallel", "perplexity";
    /// context-compression: "middle-out".
    std::optional<std::string> engine;
    std::optional<std::vector<std::string>> include_domains;
    std::optional<std::vector<std::string>> exclude_domains;
    std::optional<std::int64_t> max_uses;  ///< web, web-fetch
    std::optional<std::string> mode;       ///< web search mode
    // file-parser
    std::optional<std::string> pdf_engine;  ///< `pdf.engine`: "mistral-ocr", "pdf-text", "native", ...
    boost::json::object extra;

    static plugin web(std::optional<std::int64_t> max_results = {},
                      std::optional<std::string> search_prompt = {},
                      std::optional<std::string> engine = {});
    static plugin file_parser(std::string pdf_engine);
    static plugin moderation();
    static plugin response_healing();
    static plugin context_compression(std::string engine = "middle-out");

    friend bool operator==(const plugin&, const plugin&) = default;
};

/// `prediction`: predicted output (`{"type":"content","content":...}`).
struct prediction {
    std::string type = "content";
    message_content content;  ///< a string or text parts
    friend bool operator==(const prediction&, const prediction&) = default;
};

/// `trace`: observability trace settings (any further key goes in `extra`).
struct trace_config {
    std::optional<std::string> trace_id;
    std::optional<std::string> trace_name;
    std::optional<std::string> span_name;
    std::optional<std::string> generation_name;
    std::optional<std::string> parent_span_id;
    boost::json::object extra;
    friend bool operator==(const trace_config&, const trace_config&) = default;
};

/// `prompt_cache_options`.
struct prompt_cache_options {
    std::string mode = "explicit";
    nullable<std::string> ttl;
    friend bool operator==(const prompt_cache_options&, const prompt_cache_options&) = default;
};

/// One `stop_server_tools_when` condition, typed by `type`:
/// "step_count_is" (step_count), "has_tool_call" (tool_name), "max_tokens_used" (max_tokens),
/// "max_cost" (max_cost_in_dollars), "finish_reason_is" (reason).
struct stop_condition {
    std::string type;
    std::optional<std::int64_t> step_count;
    std::optional<std::string> tool_name;
    std::optional<std::int64_t> max_tokens;
    std::optional<double> max_cost_in_dollars;
    std::optional<std::string> reason;
    boost::json::object extra;
    friend bool operator==(const stop_condition&, const stop_condition&) = default;
};

/// The chat completion request. `messages` is always written (the API requires at least one).
/// `stream` is not a member: the client sets it (`write_chat_request(req, stream, out)`).
struct request_policies;  // policies.hpp

struct chat_request {
    // ---- what to ask ----
    std::vector<message> messages;
    std::optional<std::string> model;                ///< default: the account's default model
    std::optional<std::vector<std::string>> models;  ///< fallback models, in order

    // ---- sampling ----
    std::optional<std::int64_t> max_tokens;
    std::optional<std::int64_t> max_completion_tokens;
    std::optional<double> temperature;
    std::optional<double> top_p;
    std::optional<std::int64_t> top_k;
    std::optional<double> frequency_penalty;
    std::optional<double> presence_penalty;
    std::optional<double> repetition_penalty;
    std::optional<double> min_p;
    std::optional<double> top_a;
    std::optional<std::int64_t> seed;
    std::optional<std::map<std::int64_t, double>> logit_bias;  ///< token id -> bias
    std::optional<bool> logprobs;
    std::optional<std::int64_t> top_logprobs;
    /// A single stop sequence or up to four.
    std::optional<std::variant<std::string, std::vector<std::string>>> stop;
    std::optional<openrouter::prediction> prediction;

    // ---- tools and output format ----
    std::optional<std::vector<tool>> tools;
    std::optional<openrouter::tool_choice> tool_choice;
    std::optional<bool> parallel_tool_calls;
    std::optional<openrouter::response_format> response_format;
    std::optional<bool> structured_outputs;
    std::optional<std::vector<std::string>> modalities;  ///< "text", "image", "audio"
    std::optional<boost::json::object> image_config;     ///< e.g. {"aspect_ratio":"16:9"}
    std::optional<std::vector<stop_condition>> stop_server_tools_when;

    // ---- reasoning ----
    std::optional<reasoning_config> reasoning;
    std::optional<std::string> reasoning_effort;  ///< shorthand for reasoning.effort

    // ---- routing ----
    std::optional<provider_preferences> provider;
    std::optional<std::string> route;  ///< deprecated: "fallback" or "sort"
    std::optional<std::vector<std::string>> transforms;  ///< e.g. "middle-out"
    std::optional<std::vector<plugin>> plugins;
    std::optional<openrouter::max_price> max_price;  ///< top-level price cap (docs)
    std::optional<std::string> service_tier;  ///< "auto", "default", "flex", "priority", ...

    // ---- accounting, caching, observability ----
    std::optional<bool> usage_include;  ///< `usage: {"include": ...}` (legacy usage accounting)
    std::optional<bool> stream_include_usage;  ///< `stream_options: {"include_usage": ...}`
    std::optional<openrouter::cache_control> cache_control;
    std::optional<std::string> prompt_cache_key;
    std::optional<openrouter::prompt_cache_options> prompt_cache_options;
    std::optional<std::string> user;
    std::optional<std::string> session_id;
    std::optional<std::map<std::string, std::string>> metadata;
    std::optional<bool> debug_echo_upstream_body;  ///< `debug: {"echo_upstream_body": ...}`
    std::optional<trace_config> trace;

    /// Merged last into the body's top level (adds or replaces keys).
    boost::json::object extra;

    /// SDK side, never sent: the retry/fallback/hedging/breaker policies of this request,
    /// replacing `client_options::policies` (see policies.hpp). Null: the client's.
    std::shared_ptr<const request_policies> policies;

    friend bool operator==(const chat_request&, const chat_request&) = default;
};

/// Checks what the SDK can know is wrong before sending, so that the client can fail with
/// `errc::invalid_request` instead of a round trip: no messages; a message without a role; a
/// tool message without `tool_call_id`; a function tool or a named `tool_choice` without a
/// name; a "json_schema" response format without `json_schema.name`; a non-finite number
/// (NaN or infinity cannot be written as JSON). Returns false with a reason naming the field
/// ("messages[2].tool_call_id: missing"). Value ranges are left to the API.
bool validate(const chat_request& req, std::string& why);

/// The request body as a JSON object (without "stream").
boost::json::value to_json(const chat_request& req);

/// Boost.JSON conversion: `boost::json::value_from(req)`.
void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, const chat_request& req);

}  // namespace openrouter

#endif  // OPENROUTER_CHAT_REQUEST_HPP
