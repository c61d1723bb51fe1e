// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// GET /credits, POST /credits/coinbase and GET /activity: codecs and operations.
#include "json/api_codec.hpp"

#include "core/api_op.hpp"

namespace openrouter {
namespace detail {

bool read_val(const json::value& v, credits_info& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why,
                        [&](member& m) { m("total_credits", out.total_credits)("total_usage", out.total_usage); });
}

bool read_val(const json::value& v, coinbase_charge& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why, [&](member& m) {
        m("id", out.id)("created_at", out.created_at)("expires_at", out.expires_at)("web3_data", out.web3_data);
    });
}

bool read_val(const json::value& v, activity_item& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why, [&](member& m) {
        m("date", out.date)("model", out.model)("model_permaslug", out.model_permaslug);
        m("endpoint_id", out.endpoint_id)("provider_name", out.provider_name)("usage", out.usage);
        m("byok_usage_inference", out.byok_usage_inference)("requests", out.requests);
        m("prompt_tokens", out.prompt_tokens)("completion_tokens", out.completion_tokens);
        m("reasoning_tokens", out.reasoning_tokens)("workspace_id", out.workspace_id);
    });
}

namespace {

bool parse_credits(const json::value& v, credits_info& out, std::string& why)
{
    return read_data(v, out, why);
}

bool parse_coinbase(const json::value& v, coinbase_charge& out, std::string& why)
{
    return read_data(v, out, why);
}

bool parse_activity(const json::value& v, activity& out, std::string& why)
{
    return read_wrapped(v, out, &activity::data, why);
}

}  // namespace

void initiate_get_credits(std::shared_ptr<client_impl> impl, credits_query, diagnostics* diag,
                          boost::asio::any_completion_handler<void(error_code, credits_info)> h)
{
    start_json_op<credits_info>(std::move(impl), diag, std::move(h), make_request(http_method::get, "/credits"),
                                &parse_credits);
}

void initiate_create_coinbase_charge(std::shared_ptr<client_impl> impl, coinbase_query, diagnostics* diag,
                                     boost::asio::any_completion_handler<void(error_code, coinbase_charge)> h)
{
    // No body: the API document gives createCoinbaseCharge none (a JSON body breaks it).
    start_json_op<coinbase_charge>(std::move(impl), diag, std::move(h),
                                   make_request(http_method::post, "/credits/coinbase"), &parse_coinbase);
}

void initiate_get_activity(std::shared_ptr<client_impl> impl, activity_query q, diagnostics* diag,
                           boost::asio::any_completion_handler<void(error_code, activity)> h)
{
    api_request r = make_request(http_method::get, "/activity");
    add_query(r.query, "date", q.date);
    add_query(r.query, "api_key_hash", q.api_key_hash);
    add_query(r.query, "user_id", q.user_id);
    add_query(r.query, "group_by", q.group_by);
    add_query(r.query, "workspace_id", q.workspace_id);
    use_key(r, q.provisioning_key);
    start_json_op<activity>(std::move(impl), diag, std::move(h), std::move(r), &parse_activity);
}

}  // namespace detail

bool from_json(const boost::json::value& v, credits_info& out, std::string& why)
{
    return detail::parse_credits(v, out, why);
}
bool from_json(const boost::json::value& v, coinbase_charge& out, std::string& why)
{
    return detail::parse_coinbase(v, out, why);
}
bool from_json(const boost::json::value& v, activity& out, std::string& why)
{
    return detail::parse_activity(v, out, why);
}

}  // namespace openrouter
