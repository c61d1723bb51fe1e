// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The model catalogue (/models, /models/count, /models/user, /model/..., /models/.../endpoints,
// /providers, /endpoints/zdr): codecs and operations.
#include "json/api_codec.hpp"

#include "core/api_op.hpp"

namespace openrouter {
namespace detail {

namespace {

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
    start_json_op<model_list>(std::move(impl), diag, std::move(h), std::move(r), &read_listing<model_list>);
}

void initiate_count_models(std::shared_ptr<client_impl> impl, models_count_query q, diagnostics* diag,
                           boost::asio::any_completion_handler<void(error_code, model_count)> h)
{
    api_request r = make_request(http_method::get, "/models/count");
    add_query(r.query, "output_modalities", q.output_modalities);
    start_json_op<model_count>(std::move(impl), diag, std::move(h), std::move(r), &read_data<model_count>);
}

void initiate_list_user_models(std::shared_ptr<client_impl> impl, page_query q, diagnostics* diag,
                               boost::asio::any_completion_handler<void(error_code, model_list)> h)
{
    api_request r = make_request(http_method::get, "/models/user");
    add_query(r.query, "offset", q.offset);
    add_query(r.query, "limit", q.limit);
    start_json_op<model_list>(std::move(impl), diag, std::move(h), std::move(r), &read_listing<model_list>);
}

void initiate_get_model(std::shared_ptr<client_impl> impl, model_ref m, diagnostics* diag,
                        boost::asio::any_completion_handler<void(error_code, model_info)> h)
{
    api_request r;
    std::string why;
    if (!model_path(m, "/model", "", r.path, why))
        return reject_op(std::move(impl), diag, std::move(h), errc::invalid_request, std::move(why));
    start_json_op<model_info>(std::move(impl), diag, std::move(h), std::move(r), &read_data<model_info>);
}

void initiate_list_model_endpoints(std::shared_ptr<client_impl> impl, model_ref m, diagnostics* diag,
                                   boost::asio::any_completion_handler<void(error_code, model_endpoints)> h)
{
    api_request r;
    std::string why;
    if (!model_path(m, "/models", "/endpoints", r.path, why))
        return reject_op(std::move(impl), diag, std::move(h), errc::invalid_request, std::move(why));
    start_json_op<model_endpoints>(std::move(impl), diag, std::move(h), std::move(r), &read_data<model_endpoints>);
}

void initiate_list_providers(std::shared_ptr<client_impl> impl, no_query, diagnostics* diag,
                             boost::asio::any_completion_handler<void(error_code, provider_list)> h)
{
    start_json_op<provider_list>(std::move(impl), diag, std::move(h), make_request(http_method::get, "/providers"),
                                 &read_listing<provider_list>);
}

void initiate_list_zdr_endpoints(std::shared_ptr<client_impl> impl, no_query, diagnostics* diag,
                                 boost::asio::any_completion_handler<void(error_code, endpoint_list)> h)
{
    start_json_op<endpoint_list>(std::move(impl), diag, std::move(h), make_request(http_method::get, "/endpoints/zdr"),
                                 &read_listing<endpoint_list>);
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

OPENROUTER_LIB_FROM_JSON(model_list, read_listing)
bool from_json(const boost::json::value& v, model_info& out, std::string& why)
{
    if (const auto* o = v.if_object(); o && o->contains("data") && !o->contains("id"))
        return detail::read_data(v, out, why);
    return detail::read_val(v, out, why);
}
OPENROUTER_LIB_FROM_JSON(model_count, read_data)
OPENROUTER_LIB_FROM_JSON(model_endpoints, read_data)
OPENROUTER_LIB_FROM_JSON(model_endpoint, read_val)
OPENROUTER_LIB_FROM_JSON(endpoint_list, read_listing)
OPENROUTER_LIB_FROM_JSON(provider_list, read_listing)

}  // namespace openrouter
