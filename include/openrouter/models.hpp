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

struct model_architecture {
    nullable<std::string> modality;  ///< e.g. "text+image->text"
    std::vector<std::string> input_modalities;
    std::vector<std::string> output_modalities;
    nullable<std::string> tokenizer;      ///< model group ("GPT", "Claude", "Other", ...)
    nullable<std::string> instruct_type;  ///< "chatml", ... or null
    boost::json::object extra;
};

/// A time- or size-dependent price override.
struct pricing_override {
    std::optional<std::string> prompt, completion, input_cache_read, input_cache_write, input_cache_write_1h,
        input_audio_cache, audio;
    std::optional<double> min_prompt_tokens, utc_start, utc_end;
    boost::json::object extra;
};

/// Prices in USD per token (or per request/image/search), as decimal strings.
struct model_pricing {
    std::string prompt;
    std::string completion;
    std::optional<std::string> request, image, image_token, image_output, audio, audio_output, input_audio_cache,
        web_search, internal_reasoning, input_cache_read, input_cache_write, input_cache_write_1h;
    std::optional<double> discount;
    std::vector<pricing_override> overrides;
    boost::json::object extra;
};

struct top_provider_info {
    nullable<std::int64_t> context_length;
    nullable<std::int64_t> max_completion_tokens;
    bool is_moderated = false;
    boost::json::object extra;
};

struct request_limits {
    double prompt_tokens = 0;
    double completion_tokens = 0;
    boost::json::object extra;
};

/// The model's default sampling parameters (each may be null).
struct model_default_parameters {
    nullable<double> temperature, top_p, frequency_penalty, presence_penalty, repetition_penalty;
    nullable<std::int64_t> top_k;
    boost::json::object extra;
};

struct model_reasoning {
    bool mandatory = false;
    std::optional<bool> default_enabled;
    std::optional<bool> supports_max_tokens;
    nullable<std::string> default_effort;  ///< "low", "medium", "high", ...
    nullable<std::vector<std::string>> supported_efforts;
    boost::json::object extra;
};

/// Artificial Analysis indexes.
struct benchmark_indexes {
    nullable<double> intelligence_index, coding_index, agentic_index;
    boost::json::object extra;
};

struct design_arena_entry {
    std::string arena;
    std::string category;
    double elo = 0;
    double win_rate = 0;
    std::int64_t rank = 0;
    boost::json::object extra;
};

struct model_benchmarks {
    std::optional<benchmark_indexes> artificial_analysis;
    std::vector<design_arena_entry> design_arena;
    boost::json::object extra;
};

struct model_alias_target {
    std::string slug;
    std::string name;
    boost::json::object extra;
};

struct model_links {
    std::string details;  ///< path of the model's endpoints listing
    boost::json::object extra;
};

/// One model (`Model` schema).
struct model_info {
    std::string id;  ///< "author/slug", the value for chat_request::model
    std::string canonical_slug;
    std::string name;
    std::int64_t created = 0;  ///< Unix seconds
    std::optional<std::string> description;
    nullable<std::int64_t> context_length;
    model_architecture architecture;
    model_pricing pricing;
    top_provider_info top_provider;
    nullable<request_limits> per_request_limits;
    std::vector<std::string> supported_parameters;
    nullable<model_default_parameters> default_parameters;
    nullable<std::vector<std::string>> supported_voices;
    nullable<std::string> hugging_face_id;
    nullable<std::string> expiration_date;
    nullable<std::string> knowledge_cutoff;
    model_links links;
    std::optional<model_reasoning> reasoning;
    std::optional<model_benchmarks> benchmarks;
    std::optional<model_alias_target> alias_target;
    boost::json::object extra;
};

struct list_links {
    nullable<std::string> next;  ///< the next page, null on the last one
    boost::json::object extra;
};

/// GET /models and GET /models/user response.
struct model_list {
    std::vector<model_info> data;
    std::int64_t total_count = 0;  ///< models matching the filters (all pages)
    list_links links;
    boost::json::object extra;
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
    std::optional<std::string> use_rss_chat_links;
    std::optional<std::string> q;                 ///< free-text search
    std::optional<std::string> input_modalities;  ///< comma-separated
    std::optional<std::int64_t> context;          ///< minimum context length
    std::optional<double> min_price, max_price;   ///< prompt price, $/M tokens
    std::optional<std::string> arch;
    std::optional<std::string> model_authors;  ///< comma-separated author slugs
    std::optional<std::string> providers;      ///< comma-separated provider names
    std::optional<std::string> distillable;    ///< "true" or "false"
    std::optional<std::string> zdr;            ///< "true"
    std::optional<std::string> region;         ///< "eu" or "us"
    std::optional<double> min_output_price, max_output_price;
    std::optional<std::int64_t> min_age_days, max_age_days;
    std::optional<double> min_intelligence_index, max_intelligence_index;
    std::optional<double> min_coding_index, max_coding_index;
    std::optional<double> min_agentic_index, max_agentic_index;
    std::optional<double> min_tool_success_rate, max_tool_success_rate;  ///< fractions in [0, 1]
};

/// GET /models/count argument.
struct models_count_query {
    std::optional<std::string> output_modalities;
};

/// GET /models/count response (`data.count`).
struct model_count {
    std::int64_t count = 0;
    boost::json::object extra;  ///< unknown members of `data`
};

/// Offset paging of GET /models/user.
struct page_query {
    std::optional<std::int64_t> offset;
    std::optional<std::int64_t> limit;
};

/// A model by author and slug (path segments, encoded by the SDK; both required).
struct model_ref {
    std::string author;
    std::string slug;  ///< may carry a variant suffix ("gpt-4:free") for GET /model/...
};

struct percentile_stats {
    double p50 = 0, p75 = 0, p90 = 0, p99 = 0;
    boost::json::object extra;
};

/// One provider endpoint of a model (`PublicEndpoint`).
struct model_endpoint {
    std::string name;
    std::string model_id;
    std::string model_name;
    std::int64_t context_length = 0;
    model_pricing pricing;
    std::string provider_name;
    std::string tag;
    nullable<std::string> quantization;
    nullable<std::int64_t> max_completion_tokens;
    nullable<std::int64_t> max_prompt_tokens;
    std::vector<std::string> supported_parameters;
    nullable<double> uptime_last_30m, uptime_last_5m, uptime_last_1d;
    bool supports_implicit_caching = false;
    std::optional<bool> supports_voice_cloning;
    std::optional<std::int64_t> status;  ///< 0 ok; negative values are degraded states
    nullable<percentile_stats> latency_last_30m;
    nullable<percentile_stats> throughput_last_30m;
    boost::json::object extra;
};

/// GET /models/{author}/{slug}/endpoints response (`data`).
struct model_endpoints {
    std::string id;
    std::string name;
    std::int64_t created = 0;
    std::string description;
    nullable<model_architecture> architecture;
    std::vector<model_endpoint> endpoints;
    boost::json::object extra;
};

/// GET /endpoints/zdr response.
struct endpoint_list {
    std::vector<model_endpoint> data;
    boost::json::object extra;
};

struct provider_info {
    std::string name;
    std::string slug;
    nullable<std::string> privacy_policy_url;
    nullable<std::string> terms_of_service_url;
    nullable<std::string> status_page_url;
    nullable<std::string> headquarters;  ///< ISO 3166 country code
    nullable<std::vector<std::string>> datacenters;
    boost::json::object extra;
};

/// GET /providers response.
struct provider_list {
    std::vector<provider_info> data;
    boost::json::object extra;
};

/// Argument of the operations without parameters.
struct no_query {};

/// Decoders of stored JSON (whole response bodies; `model_info` accepts a GET /model body
/// `{"data": {...}}` or one element of a list, `model_endpoint` one element). False with the path of the offending
/// member in `why` on a wrong shape.
bool from_json(const boost::json::value& v, model_list& out, std::string& why);
bool from_json(const boost::json::value& v, model_info& out, std::string& why);
bool from_json(const boost::json::value& v, model_count& out, std::string& why);
bool from_json(const boost::json::value& v, model_endpoints& out, std::string& why);
bool from_json(const boost::json::value& v, model_endpoint& out, std::string& why);
bool from_json(const boost::json::value& v, endpoint_list& out, std::string& why);
bool from_json(const boost::json::value& v, provider_list& out, std::string& why);

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
template <class CompletionToken = default_token>
auto async_list_zdr_endpoints(client& c, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<endpoint_list>(c, &detail::initiate_list_zdr_endpoints, no_query{}, &diag, token);
}

}  // namespace openrouter

#endif  // OPENROUTER_MODELS_HPP
