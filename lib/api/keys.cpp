// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// GET /key, GET /auth/key and key management (/keys): codecs and operations.
#include "json/api_codec.hpp"

#include "core/api_op.hpp"

namespace openrouter {
namespace detail {

namespace {

bool parse_created_key(const json::value& v, created_key& out, std::string& why)
{
    return read_required(v, out, why, {"data", "key"});
}

bool parse_key_deleted(const json::value& v, key_deleted& out, std::string& why)
{
    return read_val(v, out, why);
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
                            &read_data<key_info>);
}

void initiate_get_auth_key(std::shared_ptr<client_impl> impl, current_key_query, diagnostics* diag,
                           boost::asio::any_completion_handler<void(error_code, key_info)> h)
{
    start_json_op<key_info>(std::move(impl), diag, std::move(h), make_request(http_method::get, "/auth/key"),
                            &read_data<key_info>);
}

void initiate_list_keys(std::shared_ptr<client_impl> impl, key_list_query q, diagnostics* diag,
                        boost::asio::any_completion_handler<void(error_code, key_list)> h)
{
    if (q.offset && *q.offset < 0)
        return reject_op(std::move(impl), diag, std::move(h), errc::invalid_request,
                         "key_list_query.offset must be >= 0");
    api_request r = make_request(http_method::get, "/keys");
    add_query(r.query, "include_disabled", q.include_disabled);
    add_query(r.query, "offset", q.offset);
    add_query(r.query, "workspace_id", q.workspace_id);
    use_key(r, q.provisioning_key);
    start_json_op<key_list>(std::move(impl), diag, std::move(h), std::move(r), &read_listing<key_list>);
}

void initiate_create_key(std::shared_ptr<client_impl> impl, key_create_request q, diagnostics* diag,
                         boost::asio::any_completion_handler<void(error_code, created_key)> h)
{
    if (q.name.empty())
        return reject_op(std::move(impl), diag, std::move(h), errc::invalid_request,
                         "key_create_request.name is empty");
    api_request r = make_request(http_method::post, "/keys", json::value(to_json(q)));
    use_key(r, q.provisioning_key);
    start_json_op<created_key>(std::move(impl), diag, std::move(h), std::move(r), &parse_created_key);
}

void initiate_get_managed_key(std::shared_ptr<client_impl> impl, key_ref q, diagnostics* diag,
                              boost::asio::any_completion_handler<void(error_code, managed_key)> h)
{
    if (q.hash.empty())
        return reject_op(std::move(impl), diag, std::move(h), errc::invalid_request, "key_ref.hash is empty");
    api_request r = make_request(http_method::get, key_path(q.hash));
    use_key(r, q.provisioning_key);
    start_json_op<managed_key>(std::move(impl), diag, std::move(h), std::move(r), &read_data<managed_key>);
}

void initiate_update_key(std::shared_ptr<client_impl> impl, key_update_request q, diagnostics* diag,
                         boost::asio::any_completion_handler<void(error_code, managed_key)> h)
{
    if (q.hash.empty())
        return reject_op(std::move(impl), diag, std::move(h), errc::invalid_request,
                         "key_update_request.hash is empty");
    api_request r = make_request(http_method::patch, key_path(q.hash), json::value(to_json(q)));
    use_key(r, q.provisioning_key);
    start_json_op<managed_key>(std::move(impl), diag, std::move(h), std::move(r), &read_data<managed_key>);
}

void initiate_delete_key(std::shared_ptr<client_impl> impl, key_ref q, diagnostics* diag,
                         boost::asio::any_completion_handler<void(error_code, key_deleted)> h)
{
    if (q.hash.empty())
        return reject_op(std::move(impl), diag, std::move(h), errc::invalid_request, "key_ref.hash is empty");
    api_request r = make_request(http_method::delete_, key_path(q.hash));
    use_key(r, q.provisioning_key);
    start_json_op<key_deleted>(std::move(impl), diag, std::move(h), std::move(r), &parse_key_deleted);
}

}  // namespace detail

OPENROUTER_LIB_FROM_JSON(key_info, read_data)
OPENROUTER_LIB_FROM_JSON(key_list, read_listing)
OPENROUTER_LIB_FROM_JSON(created_key, parse_created_key)
OPENROUTER_LIB_FROM_JSON(managed_key, read_data)
OPENROUTER_LIB_FROM_JSON(key_deleted, parse_key_deleted)

OPENROUTER_LIB_TO_JSON(key_create_request)

OPENROUTER_LIB_TO_JSON(key_update_request)

}  // namespace openrouter
