// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_MODELS_HPP
#define OPENROUTER_MODELS_HPP

/// @file
/// The model catalogue: GET /models (with every filter of the API), /models/count, /models/user,
/// /model/{author}/{slug}, /models/{author}/{slug}/endpoints, /providers and /endpoints/zdr.
///
/// Every operation sends the client's key and completes with `void(error_code, T)`; see
/// client.hpp for tokens, cancellation, executors and lifetimes (arguments are moved into the
/// operation; `diagnostics&` must outlive it).
///
/// Errors: 400 (`errc::bad_request`, e.g. an invalid filter), 401, 403, 404 (`errc::not_found`:
/// unknown model), 5xx; `errc::invalid_request` without I/O when an author or slug is empty;
/// `errc::invalid_response` (path of the offending member in `diagnostics::detail`) when a 2xx
/// body has the wrong shape.
///
/// Decoding: numbers are read leniently; unknown keys are kept in `extra`. Real responses may
/// carry `null` where the API document says number (e.g. `top_provider.context_length`,
/// `default_parameters.*`): those members are `nullable<T>`. A `null` in a plain member reads as
/// its default value.
///
/// Thread safety: the structs are plain values (concurrent reads are safe, writes need exclusive
/// access); operations may be started concurrently on one client, as documented in client.hpp.

#include <openrouter/detail/typed_op.hpp>
#include <openrouter/nullable.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace openrouter {

/// What a model takes and produces (`ModelArchitecture`).
struct model_architecture {
    nullable<std::string> modality;              ///< e.g. "text+image->text"
    std::vector<std::string> input_modalities;   ///< "text", "image", "audio", "file", ...
    std::vector<std::string> output_modalities;  ///< "text", "image", "audio", "embeddings", ...
    nullable<std::string> tokenizer;             ///< model group ("GPT", "Claude", "Other", ...)
    nullable<std::string> instruct_type;         ///< "chatml", ... or null
    boost::json::object extra;                   ///< members this SDK does not know, as received
};

/// A time- or size-dependent price override (`PricingOverride`). It applies when all of its
/// conditions match the request; its engaged prices then replace the base ones.
struct pricing_override {
    /// Overridden prices in USD per token, as decimal strings: `prompt` (input), `completion`
    /// (output), `input_cache_read`, `input_cache_write`, `input_cache_write_1h` (1-hour cache
    /// write), `input_audio_cache` (cached audio input) and `audio` (audio input).
    ///@{
    std::optional<std::string> prompt, completion, input_cache_read, input_cache_write, input_cache_write_1h,
        input_audio_cache, audio;
    ///@}
    /// Conditions: `min_prompt_tokens`, the entry applies when the request's prompt tokens are
    /// strictly more; `utc_start` (inclusive) and `utc_end` (exclusive), a daily UTC time window
    /// as HHMM clock numbers (e.g. 1030 = 10:30).
    ///@{
    std::optional<double> min_prompt_tokens, utc_start, utc_end;
    ///@}
    boost::json::object extra;  ///< members this SDK does not know, as received
};

/// Prices in USD per token (or per request/image/search), as decimal strings.
struct model_pricing {
    std::string prompt;      ///< per input token
    std::string completion;  ///< per output token
    /// Optional prices, engaged when the API sends them: `request` (per request), `image` (per
    /// input image), `image_token` (per image input token), `image_output` (per output image),
    /// `audio` and `audio_output` (per audio input and output token),
    /// `input_audio_cache` (per cached audio input token), `web_search` (per search),
    /// `internal_reasoning` (per reasoning token), `input_cache_read`, `input_cache_write` and
    /// `input_cache_write_1h` (per cached input token read, written, written with a 1-hour TTL).
    ///@{
    std::optional<std::string> request, image, image_token, image_output, audio, audio_output, input_audio_cache,
        web_search, internal_reasoning, input_cache_read, input_cache_write, input_cache_write_1h;
    ///@}
    std::optional<double> discount;           ///< fraction off: prices are multiplied by (1 - discount)
    std::vector<pricing_override> overrides;  ///< conditional overrides of the prices above
    boost::json::object extra;                ///< members this SDK does not know, as received
};

/// The limits of the model's top provider (`top_provider`).
struct top_provider_info {
    nullable<std::int64_t> context_length;         ///< context length in tokens (null seen in practice)
    nullable<std::int64_t> max_completion_tokens;  ///< output token limit
    bool is_moderated = false;                     ///< whether the provider moderates content
    boost::json::object extra;                     ///< members this SDK does not know, as received
};

/// Per-request token limits (`per_request_limits`).
struct request_limits {
    double prompt_tokens = 0;      ///< most prompt tokens in one request
    double completion_tokens = 0;  ///< most completion tokens in one request
    boost::json::object extra;     ///< members this SDK does not know, as received
};

/// The model's default sampling parameters (each may be null).
struct model_default_parameters {
    /// Defaults of the sampling parameters of the same name in `chat_request`.
    ///@{
    nullable<double> temperature, top_p, frequency_penalty, presence_penalty, repetition_penalty;
    ///@}
    nullable<std::int64_t> top_k;  ///< default of `chat_request::top_k`
    boost::json::object extra;     ///< members this SDK does not know, as received
};

/// How the model reasons (`ModelReasoning`); absent for non-reasoning and router models.
struct model_reasoning {
    bool mandatory = false;                   ///< reasoning cannot be disabled; effort "none" is rejected
    std::optional<bool> default_enabled;      ///< reasoning state when `reasoning.enabled` is not sent
    std::optional<bool> supports_max_tokens;  ///< true: accepts `reasoning.max_tokens`
    nullable<std::string> default_effort;     ///< "low", "medium", "high", ...
    /// Accepted `reasoning.effort` values, highest first; null: every value is accepted.
    nullable<std::vector<std::string>> supported_efforts;
    boost::json::object extra;  ///< members this SDK does not know, as received
};

/// Artificial Analysis indexes.
struct benchmark_indexes {
    /// Artificial Analysis Intelligence, Coding and Agentic Index scores (null when unknown).
    ///@{
    nullable<double> intelligence_index, coding_index, agentic_index;
    ///@}
    boost::json::object extra;  ///< members this SDK does not know, as received
};

/// One Design Arena ranking, for one arena and category.
struct design_arena_entry {
    std::string arena;          ///< arena type ("models", "builders", "agents", ...)
    std::string category;       ///< category within the arena ("website", "gamedev", ...)
    double elo = 0;             ///< ELO rating from head-to-head battles
    double win_rate = 0;        ///< win rate in battles, a percentage
    std::int64_t rank = 0;      ///< rank among the models on OpenRouter (1 = highest ELO)
    boost::json::object extra;  ///< members this SDK does not know, as received
};

/// Third-party benchmark results (`ModelBenchmarks`); absent when there are none.
struct model_benchmarks {
    std::optional<benchmark_indexes> artificial_analysis;  ///< Artificial Analysis indexes
    std::vector<design_arena_entry> design_arena;          ///< Design Arena ELO rankings
    boost::json::object extra;                             ///< members this SDK does not know, as received
};

/// The concrete model a "~...-latest" alias routes to (`ModelAliasTarget`).
struct model_alias_target {
    std::string slug;           ///< routable id of the target model (its `model_info::id`)
    std::string name;           ///< display name of the target model
    boost::json::object extra;  ///< members this SDK does not know, as received
};

/// Related API resources of a model (`ModelLinks`).
struct model_links {
    std::string details;        ///< path of the model's endpoints listing
    boost::json::object extra;  ///< members this SDK does not know, as received
};

/// One model (`Model` schema).
struct model_info {
    std::string id;                                         ///< "author/slug", the value for chat_request::model
    std::string canonical_slug;                             ///< canonical slug (permaslug) of the model
    std::string name;                                       ///< display name
    std::int64_t created = 0;                               ///< Unix seconds
    std::optional<std::string> description;                 ///< description of the model
    nullable<std::int64_t> context_length;                  ///< maximum context length in tokens
    model_architecture architecture;                        ///< modalities, tokenizer, instruct type
    model_pricing pricing;                                  ///< prices in USD
    top_provider_info top_provider;                         ///< limits of the top provider
    nullable<request_limits> per_request_limits;            ///< per-request token limits, null when none
    std::vector<std::string> supported_parameters;          ///< request parameters the model accepts ("tools", ...)
    nullable<model_default_parameters> default_parameters;  ///< default sampling parameters
    nullable<std::vector<std::string>> supported_voices;    ///< TTS models: voice ids; null for others
    nullable<std::string> hugging_face_id;                  ///< Hugging Face model id, when there is one
    nullable<std::string> expiration_date;                  ///< "YYYY-MM-DD" after which it may be removed; null: none
    nullable<std::string> knowledge_cutoff;                 ///< "YYYY-MM-DD" of the training data; null: unknown
    model_links links;                                      ///< related API resources
    std::optional<model_reasoning> reasoning;               ///< reasoning settings; absent for non-reasoning models
    std::optional<model_benchmarks> benchmarks;             ///< third-party benchmarks; absent when none
    std::optional<model_alias_target> alias_target;         ///< the target of an alias model
    boost::json::object extra;                              ///< members this SDK does not know, as received
};

/// Paging links of a list response.
struct list_links {
    nullable<std::string> next;  ///< the next page, null on the last one
    boost::json::object extra;   ///< members this SDK does not know, as received
};

/// GET /models and GET /models/user response.
struct model_list {
    std::vector<model_info> data;  ///< the models of this page
    std::int64_t total_count = 0;  ///< models matching the filters (all pages)
    list_links links;              ///< paging links
    boost::json::object extra;     ///< members this SDK does not know, as received
};

/// Filters of GET /models; each engaged member becomes one query parameter of the same name.
/// Paging: when both `offset` and `limit` are unset the whole list comes back.
struct models_query {
    std::optional<std::int64_t> offset;               ///< >= 0
    std::optional<std::int64_t> limit;                ///< 1..1000
    std::optional<std::string> category;              ///< "programming", "roleplay", ...
    std::optional<std::string> supported_parameters;  ///< comma-separated
    std::optional<std::string> output_modalities;     ///< comma-separated or "all" (default "text")
    std::optional<std::string> sort;                  ///< "newest", "pricing-low-to-high", ...
    std::optional<std::string> use_rss;               ///< "true" asks for RSS (not JSON: do not use here)
    std::optional<std::string> use_rss_chat_links;    ///< "true": chat links in RSS items (RSS only)
    std::optional<std::string> q;                     ///< free-text search
    std::optional<std::string> input_modalities;      ///< comma-separated
    std::optional<std::int64_t> context;              ///< minimum context length
    /// Lowest and highest prompt price, $/M tokens.
    ///@{
    std::optional<double> min_price, max_price;  ///< prompt price, $/M tokens
    ///@}
    std::optional<std::string> arch;           ///< model family ("GPT", "Claude", "Gemini", "Llama", ...)
    std::optional<std::string> model_authors;  ///< comma-separated author slugs
    std::optional<std::string> providers;      ///< comma-separated provider names
    std::optional<std::string> distillable;    ///< "true" or "false"
    std::optional<std::string> zdr;            ///< "true"
    std::optional<std::string> region;         ///< "eu" or "us"
    /// Lowest and highest completion (output) price, $/M tokens.
    ///@{
    std::optional<double> min_output_price, max_output_price;
    ///@}
    /// Lowest and highest model age, in days since its creation.
    ///@{
    std::optional<std::int64_t> min_age_days, max_age_days;
    ///@}
    /// Bounds of the Artificial Analysis Intelligence Index.
    ///@{
    std::optional<double> min_intelligence_index, max_intelligence_index;
    ///@}
    /// Bounds of the Artificial Analysis Coding Index.
    ///@{
    std::optional<double> min_coding_index, max_coding_index;
    ///@}
    /// Bounds of the Artificial Analysis Agentic Index.
    ///@{
    std::optional<double> min_agentic_index, max_agentic_index;
    ///@}
    /// Bounds of the tool-calling success rate (share of requests that finish with tool calls).
    ///@{
    std::optional<double> min_tool_success_rate, max_tool_success_rate;  ///< fractions in [0, 1]
    ///@}
};

/// GET /models/count argument.
struct models_count_query {
    std::optional<std::string> output_modalities;  ///< comma-separated or "all", as in `models_query`
};

/// GET /models/count response (`data.count`).
struct model_count {
    std::int64_t count = 0;     ///< number of models
    boost::json::object extra;  ///< unknown members of `data`
};

/// Offset paging of GET /models/user.
struct page_query {
    std::optional<std::int64_t> offset;  ///< models to skip, >= 0
    std::optional<std::int64_t> limit;   ///< page size
};

/// A model by author and slug (path segments, encoded by the SDK; both required).
struct model_ref {
    std::string author;  ///< the part before '/' of a model id ("openai")
    std::string slug;    ///< may carry a variant suffix ("gpt-4:free") for GET /model/...
};

/// Percentiles of a measure over the last 30 minutes (`PercentileStats`).
struct percentile_stats {
    /// Median, 75th, 90th and 99th percentile (latency: milliseconds to the first token;
    /// throughput: output tokens per second).
    ///@{
    double p50 = 0, p75 = 0, p90 = 0, p99 = 0;
    ///@}
    boost::json::object extra;  ///< members this SDK does not know, as received
};

/// One provider endpoint of a model (`PublicEndpoint`).
struct model_endpoint {
    std::string name;                               ///< display name, e.g. "OpenAI: GPT-4"
    std::string model_id;                           ///< the model's permaslug, e.g. "openai/gpt-4"
    std::string model_name;                         ///< display name of the model
    std::int64_t context_length = 0;                ///< context length of this endpoint, in tokens
    model_pricing pricing;                          ///< prices of this endpoint, in USD
    std::string provider_name;                      ///< provider name, e.g. "OpenAI"
    std::string tag;                                ///< provider tag of the endpoint, e.g. "openai"
    nullable<std::string> quantization;             ///< "fp16", "fp8", "int4", ... or null when unknown
    nullable<std::int64_t> max_completion_tokens;   ///< output token limit, null when none
    nullable<std::int64_t> max_prompt_tokens;       ///< prompt token limit, null when none
    std::vector<std::string> supported_parameters;  ///< request parameters this endpoint accepts
    /// Uptime in percent over the last 30 minutes, 5 minutes and day (successful requests over
    /// successful plus failed ones, rate-limited ones left out); null with too little data.
    ///@{
    nullable<double> uptime_last_30m, uptime_last_5m, uptime_last_1d;
    ///@}
    bool supports_implicit_caching = false;          ///< caches prompts without `cache_control`
    std::optional<bool> supports_voice_cloning;      ///< TTS: accepts reference audio for voice cloning
    std::optional<std::int64_t> status;              ///< 0 ok; negative values are degraded states
    nullable<percentile_stats> latency_last_30m;     ///< ms to first token; null without an API key
    nullable<percentile_stats> throughput_last_30m;  ///< output tokens/s; null without an API key
    boost::json::object extra;                       ///< members this SDK does not know, as received
};

/// GET /models/{author}/{slug}/endpoints response (`data`).
struct model_endpoints {
    std::string id;                             ///< the model id, "author/slug"
    std::string name;                           ///< display name of the model
    std::int64_t created = 0;                   ///< Unix seconds
    std::string description;                    ///< description of the model
    nullable<model_architecture> architecture;  ///< modalities, tokenizer, instruct type
    std::vector<model_endpoint> endpoints;      ///< one entry per provider endpoint
    boost::json::object extra;                  ///< members this SDK does not know, as received
};

/// GET /endpoints/zdr response.
struct endpoint_list {
    std::vector<model_endpoint> data;  ///< the endpoints
    boost::json::object extra;         ///< members this SDK does not know, as received
};

/// One provider of GET /providers.
struct provider_info {
    std::string name;                                ///< display name
    std::string slug;                                ///< provider slug
    nullable<std::string> privacy_policy_url;        ///< URL of its privacy policy
    nullable<std::string> terms_of_service_url;      ///< URL of its terms of service
    nullable<std::string> status_page_url;           ///< URL of its status page
    nullable<std::string> headquarters;              ///< ISO 3166 country code
    nullable<std::vector<std::string>> datacenters;  ///< ISO 3166-1 alpha-2 codes of its datacenters
    boost::json::object extra;                       ///< members this SDK does not know, as received
};

/// GET /providers response.
struct provider_list {
    std::vector<provider_info> data;  ///< the providers
    boost::json::object extra;        ///< members this SDK does not know, as received
};

/// Argument of the operations without parameters.
struct no_query {};

/// Decoders of stored JSON (whole response bodies; `model_info` accepts a GET /model body
/// `{"data": {...}}` or one element of a list, `model_endpoint` one element). False with the path of the offending
/// member in `why` on a wrong shape.
///@{
bool from_json(const boost::json::value& v, model_list& out, std::string& why);
bool from_json(const boost::json::value& v, model_info& out, std::string& why);
bool from_json(const boost::json::value& v, model_count& out, std::string& why);
bool from_json(const boost::json::value& v, model_endpoints& out, std::string& why);
bool from_json(const boost::json::value& v, model_endpoint& out, std::string& why);
bool from_json(const boost::json::value& v, endpoint_list& out, std::string& why);
bool from_json(const boost::json::value& v, provider_list& out, std::string& why);
///@}

/// The query parameters `models_query` becomes, in declaration order (unencoded).
std::vector<std::pair<std::string, std::string>> to_query(const models_query& q);

namespace detail {
void initiate_list_models(std::shared_ptr<client_impl>, models_query, diagnostics*,
                          boost::asio::any_completion_handler<void(error_code, model_list)>);
void initiate_count_models(std::shared_ptr<client_impl>, models_count_query, diagnostics*,
                           boost::asio::any_completion_handler<void(error_code, model_count)>);
void initiate_list_user_models(std::shared_ptr<client_impl>, page_query, diagnostics*,
                               boost::asio::any_completion_handler<void(error_code, model_list)>);
void initiate_get_model(std::shared_ptr<client_impl>, model_ref, diagnostics*,
                        boost::asio::any_completion_handler<void(error_code, model_info)>);
void initiate_list_model_endpoints(std::shared_ptr<client_impl>, model_ref, diagnostics*,
                                   boost::asio::any_completion_handler<void(error_code, model_endpoints)>);
void initiate_list_providers(std::shared_ptr<client_impl>, no_query, diagnostics*,
                             boost::asio::any_completion_handler<void(error_code, provider_list)>);
void initiate_list_zdr_endpoints(std::shared_ptr<client_impl>, no_query, diagnostics*,
                                 boost::asio::any_completion_handler<void(error_code, endpoint_list)>);
}  // namespace detail

/// GET /models with filters. `void(error_code, model_list)`.
template <class CompletionToken = default_token>
auto async_list_models(client& c, models_query q = {}, CompletionToken&& token = {})
{
    return detail::async_typed<model_list>(c, &detail::initiate_list_models, std::move(q), nullptr, token);
}
/// Same, filling `diag` on failure.
template <class CompletionToken = default_token>
auto async_list_models(client& c, models_query q, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<model_list>(c, &detail::initiate_list_models, std::move(q), &diag, token);
}

/// GET /models/count. `void(error_code, model_count)`.
template <class CompletionToken = default_token>
auto async_count_models(client& c, models_count_query q = {}, CompletionToken&& token = {})
{
    return detail::async_typed<model_count>(c, &detail::initiate_count_models, std::move(q), nullptr, token);
}
/// Same, filling `diag` on failure.
template <class CompletionToken = default_token>
auto async_count_models(client& c, models_count_query q, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<model_count>(c, &detail::initiate_count_models, std::move(q), &diag, token);
}

/// GET /models/user: the models the key's user may use (provider preferences, privacy
/// settings, guardrails applied). `void(error_code, model_list)`.
template <class CompletionToken = default_token>
auto async_list_user_models(client& c, page_query q = {}, CompletionToken&& token = {})
{
    return detail::async_typed<model_list>(c, &detail::initiate_list_user_models, std::move(q), nullptr, token);
}
/// Same, filling `diag` on failure.
template <class CompletionToken = default_token>
auto async_list_user_models(client& c, page_query q, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<model_list>(c, &detail::initiate_list_user_models, std::move(q), &diag, token);
}

/// GET /model/{author}/{slug}: one model. `void(error_code, model_info)`.
template <class CompletionToken = default_token>
auto async_get_model(client& c, model_ref m, CompletionToken&& token = {})
{
    return detail::async_typed<model_info>(c, &detail::initiate_get_model, std::move(m), nullptr, token);
}
/// Same, filling `diag` on failure.
template <class CompletionToken = default_token>
auto async_get_model(client& c, model_ref m, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<model_info>(c, &detail::initiate_get_model, std::move(m), &diag, token);
}

/// GET /models/{author}/{slug}/endpoints: the provider endpoints serving a model.
/// `void(error_code, model_endpoints)`.
template <class CompletionToken = default_token>
auto async_list_model_endpoints(client& c, model_ref m, CompletionToken&& token = {})
{
    return detail::async_typed<model_endpoints>(c, &detail::initiate_list_model_endpoints, std::move(m), nullptr,
                                                token);
}
/// Same, filling `diag` on failure.
template <class CompletionToken = default_token>
auto async_list_model_endpoints(client& c, model_ref m, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<model_endpoints>(c, &detail::initiate_list_model_endpoints, std::move(m), &diag, token);
}

/// GET /providers. `void(error_code, provider_list)`.
template <class CompletionToken = default_token>
auto async_list_providers(client& c, CompletionToken&& token = {})
{
    return detail::async_typed<provider_list>(c, &detail::initiate_list_providers, no_query{}, nullptr, token);
}
/// Same, filling `diag` on failure.
template <class CompletionToken = default_token>
auto async_list_providers(client& c, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<provider_list>(c, &detail::initiate_list_providers, no_query{}, &diag, token);
}

/// GET /endpoints/zdr: the endpoints with zero data retention. `void(error_code, endpoint_list)`.
template <class CompletionToken = default_token>
auto async_list_zdr_endpoints(client& c, CompletionToken&& token = {})
{
    return detail::async_typed<endpoint_list>(c, &detail::initiate_list_zdr_endpoints, no_query{}, nullptr, token);
}
/// Same, filling `diag` on failure.
template <class CompletionToken = default_token>
auto async_list_zdr_endpoints(client& c, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<endpoint_list>(c, &detail::initiate_list_zdr_endpoints, no_query{}, &diag, token);
}

}  // namespace openrouter

#endif  // OPENROUTER_MODELS_HPP
