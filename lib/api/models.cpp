// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The model catalogue (/models, /models/count, /models/user, /model/..., /models/.../endpoints,
// /providers, /endpoints/zdr): codecs and operations.
#include "json/api_codec.hpp"

#include "core/api_op.hpp"

namespace openrouter {
namespace detail {

bool read_val(const json::value& v, model_architecture& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why, [&](member& m) {
        m("modality", out.modality)("input_modalities", out.input_modalities);
        m("output_modalities", out.output_modalities)("tokenizer", out.tokenizer)("instruct_type", out.instruct_type);
    });
}

bool read_val(const json::value& v, pricing_override& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why, [&](member& m) {
        m("prompt", out.prompt)("completion", out.completion)("input_cache_read", out.input_cache_read);
        m("input_cache_write", out.input_cache_write)("input_cache_write_1h", out.input_cache_write_1h);
        m("input_audio_cache", out.input_audio_cache)("audio", out.audio)("min_prompt_tokens", out.min_prompt_tokens);
        m("utc_start", out.utc_start)("utc_end", out.utc_end);
    });
}

bool read_val(const json::value& v, model_pricing& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why, [&](member& m) {
        m("prompt", out.prompt)("completion", out.completion)("request", out.request)("image", out.image);
        m("image_token", out.image_token)("image_output", out.image_output)("audio", out.audio);
        m("audio_output", out.audio_output)("input_audio_cache", out.input_audio_cache)("web_search", out.web_search);
        m("internal_reasoning", out.internal_reasoning)("input_cache_read", out.input_cache_read);
        m("input_cache_write", out.input_cache_write)("input_cache_write_1h", out.input_cache_write_1h);
        m("discount", out.discount)("overrides", out.overrides);
    });
}

bool read_val(const json::value& v, top_provider_info& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why, [&](member& m) {
        m("context_length", out.context_length)("max_completion_tokens", out.max_completion_tokens);
        m("is_moderated", out.is_moderated);
    });
}

bool read_val(const json::value& v, request_limits& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why, [&](member& m) {
        m("prompt_tokens", out.prompt_tokens)("completion_tokens", out.completion_tokens);
    });
}

bool read_val(const json::value& v, model_default_parameters& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why, [&](member& m) {
        m("temperature", out.temperature)("top_p", out.top_p)("top_k", out.top_k);
        m("frequency_penalty", out.frequency_penalty)("presence_penalty", out.presence_penalty);
        m("repetition_penalty", out.repetition_penalty);
    });
}

bool read_val(const json::value& v, model_reasoning& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why, [&](member& m) {
        m("mandatory", out.mandatory)("default_enabled", out.default_enabled);
        m("supports_max_tokens", out.supports_max_tokens)("default_effort", out.default_effort);
        m("supported_efforts", out.supported_efforts);
    });
}

bool read_val(const json::value& v, benchmark_indexes& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why, [&](member& m) {
        m("intelligence_index", out.intelligence_index)("coding_index", out.coding_index);
        m("agentic_index", out.agentic_index);
    });
}

bool read_val(const json::value& v, design_arena_entry& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why, [&](member& m) {
        m("arena", out.arena)("category", out.category)("elo", out.elo)("win_rate", out.win_rate)("rank", out.rank);
    });
}

bool read_val(const json::value& v, model_benchmarks& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why, [&](member& m) {
        m("artificial_analysis", out.artificial_analysis)("design_arena", out.design_arena);
    });
}

bool read_val(const json::value& v, model_alias_target& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why, [&](member& m) { m("slug", out.slug)("name", out.name); });
}

bool read_val(const json::value& v, model_links& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why, [&](member& m) { m("details", out.details); });
}

bool read_val(const json::value& v, model_info& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why, [&](member& m) {
        m("id", out.id)("canonical_slug", out.canonical_slug)("name", out.name)("created", out.created);
        m("description", out.description)("context_length", out.context_length)("architecture", out.architecture);
        m("pricing", out.pricing)("top_provider", out.top_provider)("per_request_limits", out.per_request_limits);
        m("supported_parameters", out.supported_parameters)("default_parameters", out.default_parameters);
        m("supported_voices", out.supported_voices)("hugging_face_id", out.hugging_face_id);
        m("expiration_date", out.expiration_date)("knowledge_cutoff", out.knowledge_cutoff)("links", out.links);
        m("reasoning", out.reasoning)("benchmarks", out.benchmarks)("alias_target", out.alias_target);
    });
}

bool read_val(const json::value& v, list_links& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why, [&](member& m) { m("next", out.next); });
}

bool read_val(const json::value& v, percentile_stats& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why,
                        [&](member& m) { m("p50", out.p50)("p75", out.p75)("p90", out.p90)("p99", out.p99); });
}

bool read_val(const json::value& v, model_endpoint& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why, [&](member& m) {
        m("name", out.name)("model_id", out.model_id)("model_name", out.model_name);
        m("context_length", out.context_length)("pricing", out.pricing)("provider_name", out.provider_name);
        m("tag", out.tag)("quantization", out.quantization)("max_completion_tokens", out.max_completion_tokens);
        m("max_prompt_tokens", out.max_prompt_tokens)("supported_parameters", out.supported_parameters);
        m("uptime_last_30m", out.uptime_last_30m)("uptime_last_5m", out.uptime_last_5m);
        m("uptime_last_1d", out.uptime_last_1d)("supports_implicit_caching", out.supports_implicit_caching);
        m("supports_voice_cloning", out.supports_voice_cloning)("status", out.status);
        m("latency_last_30m", out.latency_last_30m)("throughput_last_30m", out.throughput_last_30m);
    });
}

bool read_val(const json::value& v, model_endpoints& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why, [&](member& m) {
        m("id", out.id)("name", out.name)("created", out.created)("description", out.description);
        m("architecture", out.architecture)("endpoints", out.endpoints);
    });
}

bool read_val(const json::value& v, provider_info& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why, [&](member& m) {
        m("name", out.name)("slug", out.slug)("privacy_policy_url", out.privacy_policy_url);
        m("terms_of_service_url", out.terms_of_service_url)("status_page_url", out.status_page_url);
        m("headquarters", out.headquarters)("datacenters", out.datacenters);
    });
}

namespace {

bool parse_model_list(const json::value& v, model_list& out, std::string& why)
{
    out = {};
    if (!read_members(v, out.extra, why,
                      [&](member& m) { m("data", out.data)("total_count", out.total_count)("links", out.links); }))
        return false;
    if (!v.get_object().contains("data")) {
        why = "data: missing";
        return false;
    }
    return true;
}

bool parse_model(const json::value& v, model_info& out, std::string& why)
{
    return read_data(v, out, why);
}

bool parse_model_count(const json::value& v, model_count& out, std::string& why)
{
    out = {};
    const json::object* o = v.if_object();
    if (!o)
        return expected(why, "object");
    const json::value* d = o->if_contains("data");
    if (!d) {
        why = "data: missing";
        return false;
    }
    if (!read_members(*d, out.extra, why, [&](member& m) { m("count", out.count); }))
        return prefix(why, "data");
    return true;
}

bool parse_model_endpoints(const json::value& v, model_endpoints& out, std::string& why)
{
    return read_data(v, out, why);
}

bool parse_endpoint_list(const json::value& v, endpoint_list& out, std::string& why)
{
    return read_wrapped(v, out, &endpoint_list::data, why);
}

bool parse_provider_list(const json::value& v, provider_list& out, std::string& why)
{
    return read_wrapped(v, out, &provider_list::data, why);
}

// Checks and encodes the path of a model: "/<prefix>/<author>/<slug><suffix>".
bool model_path(const model_ref& m, std::string_view prefix, std::string_view suffix, std::string& path,
                std::string& why)
{
    if (m.author.empty() || m.slug.empty()) {
        why = m.author.empty() ? "model_ref.author is empty" : "model_ref.slug is empty";
        return false;
    }
    path.assign(prefix);
    path += '/';
    path += encode_path_segment(m.author);
    path += '/';
    path += encode_path_segment(m.slug);
    path += suffix;
    return true;
}

}  // namespace

void initiate_list_models(std::shared_ptr<client_impl> impl, models_query q, diagnostics* diag,
                          boost::asio::any_completion_handler<void(error_code, model_list)> h)
{
    api_request r = make_request(http_method::get, "/models");
    r.query = to_query(q);
    start_json_op<model_list>(std::move(impl), diag, std::move(h), std::move(r), &parse_model_list);
}

void initiate_count_models(std::shared_ptr<client_impl> impl, models_count_query q, diagnostics* diag,
                           boost::asio::any_completion_handler<void(error_code, model_count)> h)
{
    api_request r = make_request(http_method::get, "/models/count");
    add_query(r.query, "output_modalities", q.output_modalities);
    start_json_op<model_count>(std::move(impl), diag, std::move(h), std::move(r), &parse_model_count);
}

void initiate_list_user_models(std::shared_ptr<client_impl> impl, page_query q, diagnostics* diag,
                               boost::asio::any_completion_handler<void(error_code, model_list)> h)
{
    api_request r = make_request(http_method::get, "/models/user");
    add_query(r.query, "offset", q.offset);
    add_query(r.query, "limit", q.limit);
    start_json_op<model_list>(std::move(impl), diag, std::move(h), std::move(r), &parse_model_list);
}

void initiate_get_model(std::shared_ptr<client_impl> impl, model_ref m, diagnostics* diag,
                        boost::asio::any_completion_handler<void(error_code, model_info)> h)
{
    api_request r;
    std::string why;
    if (!model_path(m, "/model", "", r.path, why))
        return fail_invalid(std::move(impl), diag, std::move(h), std::move(why));
    start_json_op<model_info>(std::move(impl), diag, std::move(h), std::move(r), &parse_model);
}

void initiate_list_model_endpoints(std::shared_ptr<client_impl> impl, model_ref m, diagnostics* diag,
                                   boost::asio::any_completion_handler<void(error_code, model_endpoints)> h)
{
    api_request r;
    std::string why;
    if (!model_path(m, "/models", "/endpoints", r.path, why))
        return fail_invalid(std::move(impl), diag, std::move(h), std::move(why));
    start_json_op<model_endpoints>(std::move(impl), diag, std::move(h), std::move(r), &parse_model_endpoints);
}

void initiate_list_providers(std::shared_ptr<client_impl> impl, no_query, diagnostics* diag,
                             boost::asio::any_completion_handler<void(error_code, provider_list)> h)
{
    start_json_op<provider_list>(std::move(impl), diag, std::move(h), make_request(http_method::get, "/providers"),
                                 &parse_provider_list);
}

void initiate_list_zdr_endpoints(std::shared_ptr<client_impl> impl, no_query, diagnostics* diag,
                                 boost::asio::any_completion_handler<void(error_code, endpoint_list)> h)
{
    start_json_op<endpoint_list>(std::move(impl), diag, std::move(h), make_request(http_method::get, "/endpoints/zdr"),
                                 &parse_endpoint_list);
}

}  // namespace detail

std::vector<std::pair<std::string, std::string>> to_query(const models_query& q)
{
    std::vector<std::pair<std::string, std::string>> r;
    using detail::add_query;
    add_query(r, "offset", q.offset);
    add_query(r, "limit", q.limit);
    add_query(r, "category", q.category);
    add_query(r, "supported_parameters", q.supported_parameters);
    add_query(r, "output_modalities", q.output_modalities);
    add_query(r, "sort", q.sort);
    add_query(r, "use_rss", q.use_rss);
    add_query(r, "use_rss_chat_links", q.use_rss_chat_links);
    add_query(r, "q", q.q);
    add_query(r, "input_modalities", q.input_modalities);
    add_query(r, "context", q.context);
    add_query(r, "min_price", q.min_price);
    add_query(r, "max_price", q.max_price);
    add_query(r, "arch", q.arch);
    add_query(r, "model_authors", q.model_authors);
    add_query(r, "providers", q.providers);
    add_query(r, "distillable", q.distillable);
    add_query(r, "zdr", q.zdr);
    add_query(r, "region", q.region);
    add_query(r, "min_output_price", q.min_output_price);
    add_query(r, "max_output_price", q.max_output_price);
    add_query(r, "min_age_days", q.min_age_days);
    add_query(r, "max_age_days", q.max_age_days);
    add_query(r, "min_intelligence_index", q.min_intelligence_index);
    add_query(r, "max_intelligence_index", q.max_intelligence_index);
    add_query(r, "min_coding_index", q.min_coding_index);
    add_query(r, "max_coding_index", q.max_coding_index);
    add_query(r, "min_agentic_index", q.min_agentic_index);
    add_query(r, "max_agentic_index", q.max_agentic_index);
    add_query(r, "min_tool_success_rate", q.min_tool_success_rate);
    add_query(r, "max_tool_success_rate", q.max_tool_success_rate);
    return r;
}

bool from_json(const boost::json::value& v, model_list& out, std::string& why)
{
    return detail::parse_model_list(v, out, why);
}
bool from_json(const boost::json::value& v, model_info& out, std::string& why)
{
    if (const auto* o = v.if_object(); o && o->contains("data") && !o->contains("id"))
        return detail::parse_model(v, out, why);
    return detail::read_val(v, out, why);
}
bool from_json(const boost::json::value& v, model_count& out, std::string& why)
{
    return detail::parse_model_count(v, out, why);
}
bool from_json(const boost::json::value& v, model_endpoints& out, std::string& why)
{
    return detail::parse_model_endpoints(v, out, why);
}
bool from_json(const boost::json::value& v, model_endpoint& out, std::string& why)
{
    return detail::read_val(v, out, why);
}
bool from_json(const boost::json::value& v, endpoint_list& out, std::string& why)
{
    return detail::parse_endpoint_list(v, out, why);
}
bool from_json(const boost::json::value& v, provider_list& out, std::string& why)
{
    return detail::parse_provider_list(v, out, why);
}

}  // namespace openrouter
