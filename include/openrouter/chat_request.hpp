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
    std::string type = "function";  ///< "function" or a server tool type
    /// The `function` object of a function tool.
    struct function_def {
        std::string name;                               ///< always written for function tools
        std::optional<std::string> description;         ///< what the function does, for the model
        std::optional<boost::json::object> parameters;  ///< JSON Schema of the arguments
        std::optional<bool> strict;                     ///< true: the arguments must follow the schema exactly
        boost::json::object extra;                      ///< merged last into the `function` object
        /// Member-wise equality.
        friend bool operator==(const function_def&, const function_def&) = default;
    } function;  ///< function tools: the function (not written for server tools)
    std::optional<openrouter::cache_control> cache_control;  ///< prompt-cache breakpoint on this tool
    boost::json::object parameters;                          ///< server tools: their configuration
    boost::json::object extra;                               ///< merged last into the tool object

    /// A function tool.
    static tool make_function(std::string name, std::string description, boost::json::object json_schema_parameters);
    /// A server tool by type, with its configuration.
    static tool server(std::string type, boost::json::object parameters = {});

    /// Member-wise equality.
    friend bool operator==(const tool&, const tool&) = default;
};

/// `tool_choice`: "none", "auto", "required", a named function
/// `{"type":"function","function":{"name":...}}` or a server tool `{"type":...}`.
struct tool_choice {
    /// The forms of `tool_choice`: "none", "auto", "required", a named function, a server tool.
    enum class kind { none, automatic, required, function, server_tool };
    kind mode = kind::automatic;  ///< which form is written
    std::string name;             ///< function: the function name; server_tool: the tool type

    /// "none": the model calls no tool.
    static tool_choice none() { return {kind::none, {}}; }
    /// "auto": the model decides whether to call a tool.
    static tool_choice automatic() { return {kind::automatic, {}}; }
    /// "required": the model must call at least one tool.
    static tool_choice required() { return {kind::required, {}}; }
    /// The model must call the function named `fn`.
    static tool_choice function(std::string fn) { return {kind::function, std::move(fn)}; }
    /// The model must use the server tool of type `type`.
    static tool_choice server_tool(std::string type) { return {kind::server_tool, std::move(type)}; }

    /// Member-wise equality.
    friend bool operator==(const tool_choice&, const tool_choice&) = default;
};

/// `response_format`: {"type":"text"}, {"type":"json_object"},
/// {"type":"json_schema","json_schema":{name, schema?, strict?, description?}},
/// {"type":"grammar","grammar":...}, {"type":"python"}.
struct response_format {
    std::string type = "text";  ///< "text", "json_object", "json_schema", "grammar", "python"
    /// The `json_schema` object of type "json_schema".
    struct json_schema_spec {
        std::string name;                           ///< always written (max 64 characters)
        std::optional<std::string> description;     ///< what the output is, for the model
        std::optional<boost::json::object> schema;  ///< the JSON Schema
        std::optional<bool> strict;                 ///< true: the output must follow the schema exactly
        boost::json::object extra;                  ///< merged last into the `json_schema` object
        /// Member-wise equality.
        friend bool operator==(const json_schema_spec&, const json_schema_spec&) = default;
    };
    std::optional<json_schema_spec> json_schema;  ///< type "json_schema"
    std::optional<std::string> grammar;           ///< type "grammar"
    boost::json::object extra;                    ///< merged last into the `response_format` object

    /// {"type":"text"}: free text (the default).
    static response_format text() { return {}; }
    /// {"type":"json_object"}: any valid JSON object.
    static response_format json_object();
    /// {"type":"json_schema"}: JSON following `schema`, named `name`.
    static response_format json_schema_format(std::string name, boost::json::object schema,
                                              std::optional<bool> strict = true,
                                              std::optional<std::string> description = {});
    /// {"type":"grammar"}: output following `grammar`.
    static response_format grammar_format(std::string grammar);
    /// {"type":"python"}: Python code.
    static response_format python();

    /// Member-wise equality.
    friend bool operator==(const response_format&, const response_format&) = default;
};

/// Price caps in USD (OpenAPI: decimal strings, e.g. "1.5"): prompt and completion per
/// million tokens, image per image, audio per audio unit, request per request.
struct max_price {
    std::optional<std::string> prompt;      ///< per million prompt tokens
    std::optional<std::string> completion;  ///< per million completion tokens
    std::optional<std::string> image;       ///< per image
    std::optional<std::string> audio;       ///< per audio unit
    std::optional<std::string> request;     ///< per request
    boost::json::object extra;              ///< merged last into the `max_price` object

    /// Member-wise equality.
    friend bool operator==(const max_price&, const max_price&) = default;
};

/// Per-percentile cutoffs (latency in seconds, throughput in tokens/second).
struct percentile_cutoffs {
    std::optional<double> p50;  ///< cutoff of the median
    std::optional<double> p75;  ///< cutoff of the 75th percentile
    std::optional<double> p90;  ///< cutoff of the 90th percentile
    std::optional<double> p99;  ///< cutoff of the 99th percentile
    /// Member-wise equality.
    friend bool operator==(const percentile_cutoffs&, const percentile_cutoffs&) = default;
};

/// `provider.sort` object form.
struct provider_sort_config {
    std::optional<std::string> by;         ///< "price", "throughput", "latency", "exacto"
    std::optional<std::string> partition;  ///< "model" or "none"
    /// Member-wise equality.
    friend bool operator==(const provider_sort_config&, const provider_sort_config&) = default;
};

/// `provider`: provider routing preferences (OpenAPI `ProviderPreferences`).
struct provider_preferences {
    std::optional<std::vector<std::string>> order;  ///< provider names/slugs to try in order
    std::optional<bool> allow_fallbacks;            ///< false: use only the first provider (or those in `order`)
    /// true: only providers that support every parameter of the request.
    std::optional<bool> require_parameters;
    std::optional<std::string> data_collection;  ///< "allow" or "deny"
    std::optional<bool> zdr;                     ///< true: only Zero Data Retention endpoints
    /// true: only models whose author allows text distillation.
    std::optional<bool> enforce_distillable_text;
    std::optional<std::vector<std::string>> only;           ///< provider slugs to allow (merged with the account's)
    std::optional<std::vector<std::string>> ignore;         ///< provider slugs to skip (merged with the account's)
    std::optional<std::vector<std::string>> quantizations;  ///< "int4", "fp8", ...
    /// "price", "throughput", "latency", "exacto", or the object form.
    std::optional<std::variant<std::string, provider_sort_config>> sort;
    std::optional<openrouter::max_price> max_price;  ///< highest price to pay for this request
    /// A number (tokens/second) or per-percentile cutoffs.
    std::optional<std::variant<double, percentile_cutoffs>> preferred_min_throughput;
    /// A number (seconds) or per-percentile cutoffs.
    std::optional<std::variant<double, percentile_cutoffs>> preferred_max_latency;
    boost::json::object extra;  ///< merged last into the `provider` object

    /// Member-wise equality.
    friend bool operator==(const provider_preferences&, const provider_preferences&) = default;
};

/// `reasoning`: reasoning-token configuration.
struct reasoning_config {
    /// "max", "xhigh", "high", "medium", "low", "minimal", "none".
    std::optional<std::string> effort;
    std::optional<std::int64_t> max_tokens;  ///< token budget (Anthropic/Gemini style)
    std::optional<bool> exclude;             ///< reason, but leave it out of the response
    std::optional<bool> enabled;             ///< turn reasoning on or off (default effort when on)
    std::optional<std::string> summary;      ///< "auto", "concise", "detailed"
    boost::json::object extra;               ///< merged last into the `reasoning` object

    /// Member-wise equality.
    friend bool operator==(const reasoning_config&, const reasoning_config&) = default;
};

/// A plugin entry (`plugins[]`), typed by `id`: "web", "web-fetch", "file-parser",
/// "moderation", "response-healing", "context-compression", "auto-router", "pareto-router",
/// "fusion", ... The common settings are typed; any other setting goes in `extra`.
struct plugin {
    std::string id;               ///< the plugin ("web", "file-parser", ...)
    std::optional<bool> enabled;  ///< false: disable the plugin for this request
    // web
    std::optional<std::int64_t> max_results;   ///< web: search results per search (API default 5)
    std::optional<std::string> search_prompt;  ///< web: text put before the results, e.g. "Some relevant web results:"
    /// web: "native", "exa", "firecrawl", "parallel", "perplexity";
    /// context-compression: "middle-out".
    std::optional<std::string> engine;
    /// web: domains to restrict results to (wildcards "*.example.com" and paths allowed).
    std::optional<std::vector<std::string>> include_domains;
    /// web: domains to leave out of results (same syntax).
    std::optional<std::vector<std::string>> exclude_domains;
    std::optional<std::int64_t> max_uses;  ///< web, web-fetch
    std::optional<std::string> mode;       ///< web search mode
    // file-parser
    std::optional<std::string> pdf_engine;  ///< `pdf.engine`: "mistral-ocr", "pdf-text", "native", ...
    boost::json::object extra;              ///< merged last into the plugin object (other settings)

    /// The "web" plugin (web search results added to the prompt).
    static plugin web(std::optional<std::int64_t> max_results = {}, std::optional<std::string> search_prompt = {},
                      std::optional<std::string> engine = {});
    /// The "file-parser" plugin (PDF parsing) with `pdf.engine`.
    static plugin file_parser(std::string pdf_engine);
    /// The "moderation" plugin.
    static plugin moderation();
    /// The "response-healing" plugin.
    static plugin response_healing();
    /// The "context-compression" plugin with its engine.
    static plugin context_compression(std::string engine = "middle-out");

    /// Member-wise equality.
    friend bool operator==(const plugin&, const plugin&) = default;
};

/// `prediction`: predicted output (`{"type":"content","content":...}`).
struct prediction {
    std::string type = "content";  ///< always "content"
    message_content content;       ///< a string or text parts
    /// Member-wise equality.
    friend bool operator==(const prediction&, const prediction&) = default;
};

/// `trace`: observability trace settings (any further key goes in `extra`).
struct trace_config {
    std::optional<std::string> trace_id;         ///< id of the trace this request belongs to
    std::optional<std::string> trace_name;       ///< name of the trace
    std::optional<std::string> span_name;        ///< name of the span
    std::optional<std::string> generation_name;  ///< name of the generation
    std::optional<std::string> parent_span_id;   ///< id of the parent span
    boost::json::object extra;                   ///< further keys, passed through as custom metadata
    /// Member-wise equality.
    friend bool operator==(const trace_config&, const trace_config&) = default;
};

/// `prompt_cache_options`.
struct prompt_cache_options {
    std::string mode = "explicit";  ///< "explicit": only blocks with a cache breakpoint are cached
    nullable<std::string> ttl;      ///< cache lifetime, e.g. "30m"
    /// Member-wise equality.
    friend bool operator==(const prompt_cache_options&, const prompt_cache_options&) = default;
};

/// One `stop_server_tools_when` condition, typed by `type`:
/// "step_count_is" (step_count), "has_tool_call" (tool_name), "max_tokens_used" (max_tokens),
/// "max_cost" (max_cost_in_dollars), "finish_reason_is" (reason).
struct stop_condition {
    std::string type;                           ///< the condition, one of those above
    std::optional<std::int64_t> step_count;     ///< "step_count_is": stop after this many steps
    std::optional<std::string> tool_name;       ///< "has_tool_call": stop after this tool was called
    std::optional<std::int64_t> max_tokens;     ///< "max_tokens_used": stop once total tokens exceed this
    std::optional<double> max_cost_in_dollars;  ///< "max_cost": stop once total cost exceeds this (USD)
    std::optional<std::string> reason;          ///< "finish_reason_is": stop on this finish reason
    boost::json::object extra;                  ///< merged last into the condition object
    /// Member-wise equality.
    friend bool operator==(const stop_condition&, const stop_condition&) = default;
};

struct request_policies;  // policies.hpp

/// The chat completion request. `messages` is always written (the API requires at least one).
/// `stream` is not a member: the client sets it (`write_chat_request(req, stream, out)`).
struct chat_request {
    // ---- what to ask ----
    std::vector<message> messages;                   ///< the conversation, oldest first
    std::optional<std::string> model;                ///< default: the account's default model
    std::optional<std::vector<std::string>> models;  ///< fallback models, in order

    // ---- sampling ----
    std::optional<std::int64_t> max_tokens;             ///< output token limit (deprecated by the API for the next one)
    std::optional<std::int64_t> max_completion_tokens;  ///< output token limit
    std::optional<double> temperature;                  ///< sampling temperature, 0..2
    std::optional<double> top_p;                        ///< nucleus sampling, 0..1
    std::optional<std::int64_t> top_k;                  ///< sample from the K most likely tokens only (1: greedy)
    std::optional<double> frequency_penalty;            ///< -2..2
    std::optional<double> presence_penalty;             ///< -2..2
    std::optional<double> repetition_penalty;           ///< 1: none; above 1 penalizes repeated tokens more
    std::optional<double> min_p;                        ///< drop tokens below min_p times the top token's probability
    std::optional<double> top_a;       ///< keep tokens with high enough probability relative to the top one
    std::optional<std::int64_t> seed;  ///< random seed, for repeatable outputs where supported
    std::optional<std::map<std::int64_t, double>> logit_bias;  ///< token id -> bias
    std::optional<bool> logprobs;                              ///< return log probabilities of the output tokens
    std::optional<std::int64_t> top_logprobs;                  ///< most likely alternatives per token, 0..20
    /// A single stop sequence or up to four.
    std::optional<std::variant<std::string, std::vector<std::string>>> stop;
    std::optional<openrouter::prediction> prediction;  ///< predicted output, to speed up generation

    // ---- tools and output format ----
    std::optional<std::vector<tool>> tools;                      ///< tools the model may call
    std::optional<openrouter::tool_choice> tool_choice;          ///< whether and which tool must be called
    std::optional<bool> parallel_tool_calls;                     ///< true: several tool calls may come in one response
    std::optional<openrouter::response_format> response_format;  ///< the output's format
    /// Written as `structured_outputs` (not in the API document's ChatRequest; "structured_outputs"
    /// is the `supported_parameters` key of models that enforce a JSON schema).
    std::optional<bool> structured_outputs;
    std::optional<std::vector<std::string>> modalities;  ///< "text", "image", "audio"
    std::optional<boost::json::object> image_config;     ///< e.g. {"aspect_ratio":"16:9"}
    /// Conditions ending the server-tool loop (any one fires).
    std::optional<std::vector<stop_condition>> stop_server_tools_when;

    // ---- reasoning ----
    std::optional<reasoning_config> reasoning;    ///< reasoning-token configuration
    std::optional<std::string> reasoning_effort;  ///< shorthand for reasoning.effort

    // ---- routing ----
    std::optional<provider_preferences> provider;        ///< provider routing preferences
    std::optional<std::string> route;                    ///< deprecated: "fallback" or "sort"
    std::optional<std::vector<std::string>> transforms;  ///< e.g. "middle-out"
    std::optional<std::vector<plugin>> plugins;          ///< plugins to enable, with their settings
    std::optional<openrouter::max_price> max_price;      ///< top-level price cap (docs)
    std::optional<std::string> service_tier;             ///< "auto", "default", "flex", "priority", ...

    // ---- accounting, caching, observability ----
    std::optional<bool> usage_include;                       ///< `usage: {"include": ...}` (legacy usage accounting)
    std::optional<bool> stream_include_usage;                ///< `stream_options: {"include_usage": ...}`
    std::optional<openrouter::cache_control> cache_control;  ///< top-level prompt-cache breakpoint
    std::optional<std::string> prompt_cache_key;             ///< key grouping requests that share a cached prefix
    std::optional<openrouter::prompt_cache_options> prompt_cache_options;  ///< request-level cache controls
    std::optional<std::string> user;  ///< stable id of the end user (abuse isolation)
    /// Groups related requests (a conversation); also the sticky routing key.
    std::optional<std::string> session_id;
    std::optional<std::map<std::string, std::string>> metadata;  ///< up to 16 key-value pairs
    std::optional<bool> debug_echo_upstream_body;                ///< `debug: {"echo_upstream_body": ...}`
    std::optional<trace_config> trace;                           ///< observability trace settings

    /// Merged last into the body's top level (adds or replaces keys).
    boost::json::object extra;

    /// SDK side, never sent: the retry/fallback/hedging/breaker policies of this request,
    /// replacing `client_options::policies` (see policies.hpp). Null: the client's.
    std::shared_ptr<const request_policies> policies;

    /// Member-wise equality (`policies` compares by pointer).
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
