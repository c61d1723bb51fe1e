// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// GET /key, GET /auth/key and key management (/keys): codecs and operations.
#include "json/api_codec.hpp"

#include "core/api_op.hpp"

namespace openrouter {
namespace detail {

bool read_val(const json::value& v, key_rate_limit& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why,
                        [&](member& m) { m("requests", out.requests)("interval", out.interval)("note", out.note); });
}

bool read_val(const json::value& v, key_info& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why, [&](member& m) {
        m("label", out.label)("limit", out.limit)("limit_remaining", out.limit_remaining)("limit_reset",
                                                                                          out.limit_reset);
        m("usage", out.usage)("usage_daily", out.usage_daily)("usage_weekly", out.usage_weekly);
        m("usage_monthly", out.usage_monthly)("byok_usage", out.byok_usage)("byok_usage_daily", out.byok_usage_daily);
        m("byok_usage_weekly", out.byok_usage_weekly)("byok_usage_monthly", out.byok_usage_monthly);
        m("is_free_tier", out.is_free_tier)("is_management_key", out.is_management_key);
        m("is_provisioning_key", out.is_provisioning_key)("include_byok_in_limit", out.include_byok_in_limit);
        m("creator_user_id", out.creator_user_id)("expires_at", out.expires_at)("rate_limit", out.rate_limit);
    });
}

bool read_val(const json::value& v, managed_key& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why, [&](member& m) {
        m("hash", out.hash)("name", out.name)("label", out.label)("disabled", out.disabled)("limit", out.limit);
        m("limit_remaining", out.limit_remaining)("limit_reset", out.limit_reset);
        m("include_byok_in_limit", out.include_byok_in_limit)("usage", out.usage)("usage_daily", out.usage_daily);
        m("usage_weekly", out.usage_weekly)("usage_monthly", out.usage_monthly)("byok_usage", out.byok_usage);
        m("byok_usage_daily", out.byok_usage_daily)("byok_usage_weekly", out.byok_usage_weekly);
        m("byok_usage_monthly", out.byok_usage_monthly)("created_at", out.created_at)("updated_at", out.updated_at);
        m("expires_at", out.expires_at)("creator_user_id", out.creator_user_id)("workspace_id", out.workspace_id);
    });
}

namespace {

bool parse_key_info(const json::value& v, key_info& out, std::string& why)
{
    return read_data(v, out, why);
}

bool parse_managed_key(const json::value& v, managed_key& out, std::string& why)
{
    return read_data(v, out, why);
}

bool parse_key_list(const json::value& v, key_list& out, std::string& why)
{
    return read_wrapped(v, out, &key_list::data, why);
}

bool parse_created_key(const json::value& v, created_key& out, std::string& why)
{
    out = {};
    bool has_data = false;
    bool has_key = false;
    if (!read_members(v, out.extra, why, [&](member& m) {
            m("data", out.data)("key", out.key);
            (void)m;
        }))
        return false;
    if (const json::object* o = v.if_object()) {
        has_data = o->contains("data");
        has_key = o->contains("key");
    }
    if (!has_data) {
        why = "data: missing";
        return false;
    }
    if (!has_key) {
        why = "key: missing";
        return false;
    }
    return true;
}

bool parse_key_deleted(const json::value& v, key_deleted& out, std::string& why)
{
    out = {};
    return read_members(v, out.extra, why, [&](member& m) { m("deleted", out.deleted); });
}

std::string key_path(const std::string& hash)
{
    return "/keys/" + encode_path_segment(hash);
}

}  // namespace

void initiate_get_current_key(std::shared_ptr<client_impl> impl, current_key_query, diagnostics* diag,
                              boost::asio::any_completion_handler<void(error_code, key_info)> h)
{
    start_json_op<key_info>(std::move(impl), diag, std::move(h), make_request(http_method::get, "/key"),
                            &parse_key_info);
}

void initiate_get_auth_key(std::shared_ptr<client_impl> impl, current_key_query, diagnostics* diag,
                           boost::asio::any_completion_handler<void(error_code, key_info)> h)
{
    start_json_op<key_info>(std::move(impl), diag, std::move(h), make_request(http_method::get, "/auth/key"),
                            &parse_key_info);
}

void initiate_list_keys(std::shared_ptr<client_impl> impl, key_list_query q, diagnostics* diag,
                        boost::asio::any_completion_handler<void(error_code, key_list)> h)
{
    if (q.offset && *q.offset < 0)
        return fail_invalid(std::move(impl), diag, std::move(h), "key_list_query.offset must be >= 0");
    api_request r = make_request(http_method::get, "/keys");
    add_query(r.query, "include_disabled", q.include_disabled);
    add_query(r.query, "offset", q.offset);
    add_query(r.query, "workspace_id", q.workspace_id);
    use_key(r, q.provisioning_key);
    start_json_op<key_list>(std::move(impl), diag, std::move(h), std::move(r), &parse_key_list);
}

void initiate_create_key(std::shared_ptr<client_impl> impl, key_create_request q, diagnostics* diag,
                         boost::asio::any_completion_handler<void(error_code, created_key)> h)
{
    if (q.name.empty())
        return fail_invalid(std::move(impl), diag, std::move(h), "key_create_request.name is empty");
    api_request r = make_request(http_method::post, "/keys", json::value(to_json(q)));
    use_key(r, q.provisioning_key);
    start_json_op<created_key>(std::move(impl), diag, std::move(h), std::move(r), &parse_created_key);
}

void initiate_get_managed_key(std::shared_ptr<client_impl> impl, key_ref q, diagnostics* diag,
                              boost::asio::any_completion_handler<void(error_code, managed_key)> h)
{
    if (q.hash.empty())
        return fail_invalid(std::move(impl), diag, std::move(h), "key_ref.hash is empty");
    api_request r = make_request(http_method::get, key_path(q.hash));
    use_key(r, q.provisioning_key);
    start_json_op<managed_key>(std::move(impl), diag, std::move(h), std::move(r), &parse_managed_key);
}

void initiate_update_key(std::shared_ptr<client_impl> impl, key_update_request q, diagnostics* diag,
                         boost::asio::any_completion_handler<void(error_code, managed_key)> h)
{
    if (q.hash.empty())
        return fail_invalid(std::move(impl), diag, std::move(h), "key_update_request.hash is empty");
    api_request r = make_request(http_method::patch, key_path(q.hash), json::value(to_json(q)));
    use_key(r, q.provisioning_key);
    start_json_op<managed_key>(std::move(impl), diag, std::move(h), std::move(r), &parse_managed_key);
}

void initiate_delete_key(std::shared_ptr<client_impl> impl, key_ref q, diagnostics* diag,
                         boost::asio::any_completion_handler<void(error_code, key_deleted)> h)
{
    if (q.hash.empty())
        return fail_invalid(std::move(impl), diag, std::move(h), "key_ref.hash is empty");
    api_request r = make_request(http_method::delete_, key_path(q.hash));
    use_key(r, q.provisioning_key);
    start_json_op<key_deleted>(std::move(impl), diag, std::move(h), std::move(r), &parse_key_deleted);
}

}  // namespace detail

bool from_json(const boost::json::value& v, key_info& out, std::string& why)
{
    return detail::parse_key_info(v, out, why);
}
bool from_json(const boost::json::value& v, key_list& out, std::string& why)
{
    return detail::parse_key_list(v, out, why);
}
bool from_json(const boost::json::value& v, created_key& out, std::string& why)
{
    return detail::parse_created_key(v, out, why);
}
bool from_json(const boost::json::value& v, managed_key& out, std::string& why)
{
    return detail::parse_managed_key(v, out, why);
}
bool from_json(const boost::json::value& v, key_deleted& out, std::string& why)
{
    return detail::parse_key_deleted(v, out, why);
}

boost::json::object to_json(const key_create_request& r)
{
    boost::json::object o;
    detail::put(o, "name", r.name);
    detail::put(o, "limit", r.limit);
    detail::put(o, "limit_reset", r.limit_reset);
    detail::put(o, "include_byok_in_limit", r.include_byok_in_limit);
    detail::put(o, "expires_at", r.expires_at);
    detail::put(o, "creator_user_id", r.creator_user_id);
    detail::put(o, "workspace_id", r.workspace_id);
    detail::merge_extra(o, r.extra);
    return o;
}

boost::json::object to_json(const key_update_request& r)
{
    boost::json::object o;
    detail::put(o, "name", r.name);
    detail::put(o, "disabled", r.disabled);
    detail::put(o, "limit", r.limit);
    detail::put(o, "limit_reset", r.limit_reset);
    detail::put(o, "include_byok_in_limit", r.include_byok_in_limit);
    detail::merge_extra(o, r.extra);
    return o;
}

}  // namespace openrouter
