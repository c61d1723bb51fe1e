// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// GET /generation, GET /generation/content, POST /generation/feedback: codecs and operations.
#include "json/api_codec.hpp"

#include "core/api_op.hpp"

namespace openrouter {
namespace detail {

bool read_val(const json::value& v, provider_response& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why, [&](member& m) {
        m("id", out.id)("endpoint_id", out.endpoint_id)("model_permaslug", out.model_permaslug);
        m("provider_name", out.provider_name)("status", out.status)("latency", out.latency)("is_byok", out.is_byok);
    });
}

bool read_val(const json::value& v, generation_info& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why, [&](member& m) {
        m("id", out.id)("upstream_id", out.upstream_id)("total_cost", out.total_cost);
        m("cache_discount", out.cache_discount)("upstream_inference_cost", out.upstream_inference_cost);
        m("created_at", out.created_at)("model", out.model)("app_id", out.app_id)("streamed", out.streamed);
        m("cancelled", out.cancelled)("provider_name", out.provider_name)("latency", out.latency);
        m("moderation_latency", out.moderation_latency)("generation_time", out.generation_time);
        m("finish_reason", out.finish_reason)("native_finish_reason", out.native_finish_reason);
        m("service_tier", out.service_tier)("tokens_prompt", out.tokens_prompt);
        m("tokens_completion", out.tokens_completion)("native_tokens_prompt", out.native_tokens_prompt);
        m("native_tokens_completion", out.native_tokens_completion);
        m("native_tokens_completion_images", out.native_tokens_completion_images);
        m("native_tokens_reasoning", out.native_tokens_reasoning)("native_tokens_cached", out.native_tokens_cached);
        m("num_media_prompt", out.num_media_prompt)("num_input_audio_prompt", out.num_input_audio_prompt);
        m("num_media_completion", out.num_media_completion)("num_search_results", out.num_search_results);
        m("num_fetches", out.num_fetches)("web_search_engine", out.web_search_engine)("origin", out.origin);
        m("usage", out.usage)("is_byok", out.is_byok)("external_user", out.external_user)("api_type", out.api_type);
        m("preset_id", out.preset_id)("router", out.router)("provider_responses", out.provider_responses);
        m("user_agent", out.user_agent)("http_referer", out.http_referer)("data_region", out.data_region);
        m("workspace_id", out.workspace_id)("request_id", out.request_id)("session_id", out.session_id);
        m("response_cache_source_id", out.response_cache_source_id);
    });
}

bool read_val(const json::value& v, generation_input& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why, [&](member& m) { m("prompt", out.prompt)("messages", out.messages); });
}

bool read_val(const json::value& v, generation_output& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why,
                        [&](member& m) { m("completion", out.completion)("reasoning", out.reasoning); });
}

bool read_val(const json::value& v, generation_error_attempt& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why, [&](member& m) {
        m("status", out.status)("message", out.message)("provider_name", out.provider_name)("raw", out.raw);
    });
}

bool read_val(const json::value& v, generation_error& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why, [&](member& m) {
        m("status", out.status)("message", out.message)("provider_name", out.provider_name)("raw", out.raw);
        m("previous_errors", out.previous_errors);
    });
}

bool read_val(const json::value& v, generation_content& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why,
                        [&](member& m) { m("input", out.input)("output", out.output)("error", out.error); });
}

namespace {

bool parse_generation(const json::value& v, generation_info& out, std::string& why)
{
    return read_data(v, out, why);
}

bool parse_generation_content(const json::value& v, generation_content& out, std::string& why)
{
    return read_data(v, out, why);
}

bool parse_feedback(const json::value& v, feedback_result& out, std::string& why)
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
    if (!read_members(*d, out.extra, why, [&](member& m) { m("success", out.success); }))
        return prefix(why, "data");
    return true;
}

api_request generation_request(std::string path, std::string id)
{
    api_request r = make_request(http_method::get, std::move(path));
    r.query.emplace_back("id", std::move(id));
    return r;
}

}  // namespace

void initiate_get_generation(std::shared_ptr<client_impl> impl, generation_query q, diagnostics* diag,
                             boost::asio::any_completion_handler<void(error_code, generation_info)> h)
{
    if (q.id.empty())
        return fail_invalid(std::move(impl), diag, std::move(h), "generation_query.id is empty");
    start_json_op<generation_info>(std::move(impl), diag, std::move(h), generation_request("/generation", q.id),
                                   &parse_generation);
}

void initiate_get_generation_content(std::shared_ptr<client_impl> impl, generation_query q, diagnostics* diag,
                                     boost::asio::any_completion_handler<void(error_code, generation_content)> h)
{
    if (q.id.empty())
        return fail_invalid(std::move(impl), diag, std::move(h), "generation_query.id is empty");
    start_json_op<generation_content>(std::move(impl), diag, std::move(h),
                                      generation_request("/generation/content", q.id), &parse_generation_content);
}

void initiate_send_generation_feedback(std::shared_ptr<client_impl> impl, generation_feedback f, diagnostics* diag,
                                       boost::asio::any_completion_handler<void(error_code, feedback_result)> h)
{
    if (f.generation_id.empty() || f.category.empty())
        return fail_invalid(std::move(impl), diag, std::move(h),
                            f.generation_id.empty() ? "generation_feedback.generation_id is empty"
                                                    : "generation_feedback.category is empty");
    api_request r = make_request(http_method::post, "/generation/feedback", json::value(to_json(f)));
    start_json_op<feedback_result>(std::move(impl), diag, std::move(h), std::move(r), &parse_feedback);
}

}  // namespace detail

bool from_json(const boost::json::value& v, generation_info& out, std::string& why)
{
    return detail::parse_generation(v, out, why);
}
bool from_json(const boost::json::value& v, generation_content& out, std::string& why)
{
    return detail::parse_generation_content(v, out, why);
}
bool from_json(const boost::json::value& v, feedback_result& out, std::string& why)
{
    return detail::parse_feedback(v, out, why);
}

boost::json::object to_json(const generation_feedback& f)
{
    boost::json::object o;
    detail::put(o, "generation_id", f.generation_id);
    detail::put(o, "category", f.category);
    detail::put(o, "comment", f.comment);
    detail::merge_extra(o, f.extra);
    return o;
}

}  // namespace openrouter
