// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_KEYS_HPP
#define OPENROUTER_KEYS_HPP

/// @file
/// API keys: the current key (GET /key and the older GET /auth/key) and key management with a
/// provisioning (management) key: list, create, get, update, delete (/keys, /keys/{hash}).
///
/// ## Which key is sent
/// `async_get_current_key` / `async_get_auth_key` use the client's key. The management
/// operations take the provisioning key per call (`provisioning_key` in their argument): it is
/// sent as `Authorization: Bearer <provisioning_key>` for that request only (see
/// `api_request::bearer_override`), never logged nor put in diagnostics. An empty
/// `provisioning_key` sends the client's own key (for a client configured with a provisioning key).
///
/// ## Errors
/// 401 (`errc::unauthorized`: missing or wrong key, or not a provisioning key), 403
/// (`errc::forbidden`), 404 (`errc::not_found`: unknown hash), 429 (`errc::rate_limited`), 5xx;
/// `errc::invalid_request` without I/O when a required argument is empty (hash, name);
/// `errc::invalid_response` with the path of the offending field in `diagnostics::detail` when a
/// 2xx body has the wrong shape. Completion signature of every operation:
/// `void(error_code, T)` with `T` as documented; see client.hpp for tokens, cancellation,
/// executors and lifetimes (arguments are moved into the operation; `diagnostics&` must outlive it).
///
/// Numbers are read leniently (an integer where a number is documented is fine); a JSON `null`
/// in a non-nullable member reads as its default. Unknown keys are kept in `extra`.
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

/// The deprecated `rate_limit` object of GET /key.
struct key_rate_limit {
    std::int64_t requests = 0;
    std::string interval;
    std::string note;
    boost::json::object extra;
};

/// The key of the request (GET /key, GET /auth/key): `data` of the response.
struct key_info {
    std::string label;
    nullable<double> limit;  ///< credit limit in USD, null = unlimited
    nullable<double> limit_remaining;
    nullable<std::string> limit_reset;  ///< "daily", "weekly", "monthly" or null
    double usage = 0, usage_daily = 0, usage_weekly = 0, usage_monthly = 0;
    double byok_usage = 0, byok_usage_daily = 0, byok_usage_weekly = 0, byok_usage_monthly = 0;
    bool is_free_tier = false;
    bool is_management_key = false;
    bool is_provisioning_key = false;
    bool include_byok_in_limit = false;
    nullable<std::string> creator_user_id;
    nullable<std::string> expires_at;  ///< ISO 8601, null = never
    std::optional<key_rate_limit> rate_limit;
    boost::json::object extra;
};

/// A managed API key (items of GET /keys, `data` of GET/PATCH /keys/{hash}, POST /keys).
struct managed_key {
    std::string hash;  ///< identifies the key in /keys/{hash}
    std::string name;
    std::string label;
    bool disabled = false;
    nullable<double> limit;
    nullable<double> limit_remaining;
    nullable<std::string> limit_reset;
    bool include_byok_in_limit = false;
    double usage = 0, usage_daily = 0, usage_weekly = 0, usage_monthly = 0;
    double byok_usage = 0, byok_usage_daily = 0, byok_usage_weekly = 0, byok_usage_monthly = 0;
    std::string created_at;
    nullable<std::string> updated_at;
    nullable<std::string> expires_at;
    nullable<std::string> creator_user_id;
    std::string workspace_id;
    boost::json::object extra;
};

/// GET /keys response.
struct key_list {
    std::vector<managed_key> data;
    boost::json::object extra;
};

/// POST /keys response (201). `key` is the secret of the new key: the API returns it ONCE, in
/// this response only; store it now (it cannot be read again, not even with the hash).
struct created_key {
    managed_key data;
    std::string key;
    boost::json::object extra;
};

/// DELETE /keys/{hash} response.
struct key_deleted {
    bool deleted = false;
    boost::json::object extra;
};

/// Argument of the current-key operations (nothing to choose).
struct current_key_query {};

/// GET /keys arguments. Paging is by offset: ask again with offset += data.size() until a page
/// comes back empty.
struct key_list_query {
    std::string provisioning_key;          ///< see the file comment
    std::optional<std::int64_t> offset;    ///< keys to skip (>= 0)
    std::optional<bool> include_disabled;  ///< also list disabled keys
    std::optional<std::string> workspace_id;
};

/// POST /keys body.
struct key_create_request {
    std::string provisioning_key;  ///< not sent in the body
    std::string name;              ///< required, non-empty
    nullable<double> limit;
    nullable<std::string> limit_reset;  ///< "daily", "weekly", "monthly" or null
    std::optional<bool> include_byok_in_limit;
    nullable<std::string> expires_at;  ///< ISO 8601
    nullable<std::string> creator_user_id;
    std::optional<std::string> workspace_id;
    boost::json::object extra;  ///< merged into the body
};

/// PATCH /keys/{hash} body (only the members set are sent).
struct key_update_request {
    std::string provisioning_key;  ///< not sent in the body
    std::string hash;              ///< required, non-empty; path segment (encoded by the SDK)
    std::optional<std::string> name;
    std::optional<bool> disabled;
    nullable<double> limit;
    nullable<std::string> limit_reset;
    std::optional<bool> include_byok_in_limit;
    boost::json::object extra;
};

/// GET or DELETE /keys/{hash} argument.
struct key_ref {
    std::string provisioning_key;
    std::string hash;  ///< required, non-empty
};

/// Decoders of stored JSON (the whole response body, `{"data": ...}` where the API wraps it).
/// They return false with the path of the offending member in `why` on a wrong shape.
bool from_json(const boost::json::value& v, key_info& out, std::string& why);
bool from_json(const boost::json::value& v, key_list& out, std::string& why);
bool from_json(const boost::json::value& v, created_key& out, std::string& why);
bool from_json(const boost::json::value& v, managed_key& out, std::string& why);
bool from_json(const boost::json::value& v, key_deleted& out, std::string& why);

/// The JSON bodies the SDK sends for POST /keys and PATCH /keys/{hash} (without the key).
boost::json::object to_json(const key_create_request& r);
boost::json::object to_json(const key_update_request& r);

namespace detail {
void initiate_get_current_key(std::shared_ptr<client_impl>, current_key_query, diagnostics*,
                              boost::asio::any_completion_handler<void(error_code, key_info)>);
void initiate_get_auth_key(std::shared_ptr<client_impl>, current_key_query, diagnostics*,
                           boost::asio::any_completion_handler<void(error_code, key_info)>);
void initiate_list_keys(std::shared_ptr<client_impl>, key_list_query, diagnostics*,
                        boost::asio::any_completion_handler<void(error_code, key_list)>);
void initiate_create_key(std::shared_ptr<client_impl>, key_create_request, diagnostics*,
                         boost::asio::any_completion_handler<void(error_code, created_key)>);
void initiate_get_managed_key(std::shared_ptr<client_impl>, key_ref, diagnostics*,
                              boost::asio::any_completion_handler<void(error_code, managed_key)>);
void initiate_update_key(std::shared_ptr<client_impl>, key_update_request, diagnostics*,
                         boost::asio::any_completion_handler<void(error_code, managed_key)>);
void initiate_delete_key(std::shared_ptr<client_impl>, key_ref, diagnostics*,
                         boost::asio::any_completion_handler<void(error_code, key_deleted)>);
}  // namespace detail

/// GET /key: the client's key (limits, usage, kind). Completes with `void(error_code, key_info)`.
template <class CompletionToken = default_token>
auto async_get_current_key(client& c, CompletionToken&& token = {})
{
    return detail::async_typed<key_info>(c, &detail::initiate_get_current_key, current_key_query{}, nullptr, token);
}
template <class CompletionToken = default_token>
auto async_get_current_key(client& c, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<key_info>(c, &detail::initiate_get_current_key, current_key_query{}, &diag, token);
}

/// GET /auth/key: the older path of GET /key (same answer). `void(error_code, key_info)`.
template <class CompletionToken = default_token>
auto async_get_auth_key(client& c, CompletionToken&& token = {})
{
    return detail::async_typed<key_info>(c, &detail::initiate_get_auth_key, current_key_query{}, nullptr, token);
}
template <class CompletionToken = default_token>
auto async_get_auth_key(client& c, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<key_info>(c, &detail::initiate_get_auth_key, current_key_query{}, &diag, token);
}

/// GET /keys?offset=&include_disabled=&workspace_id= (provisioning key). `void(error_code, key_list)`.
template <class CompletionToken = default_token>
auto async_list_keys(client& c, key_list_query q, CompletionToken&& token = {})
{
    return detail::async_typed<key_list>(c, &detail::initiate_list_keys, std::move(q), nullptr, token);
}
template <class CompletionToken = default_token>
auto async_list_keys(client& c, key_list_query q, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<key_list>(c, &detail::initiate_list_keys, std::move(q), &diag, token);
}

/// POST /keys (provisioning key): creates a key. `void(error_code, created_key)`; the secret
/// `created_key::key` is returned only by this call.
template <class CompletionToken = default_token>
auto async_create_key(client& c, key_create_request r, CompletionToken&& token = {})
{
    return detail::async_typed<created_key>(c, &detail::initiate_create_key, std::move(r), nullptr, token);
}
template <class CompletionToken = default_token>
auto async_create_key(client& c, key_create_request r, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<created_key>(c, &detail::initiate_create_key, std::move(r), &diag, token);
}

/// GET /keys/{hash} (provisioning key). `void(error_code, managed_key)`.
template <class CompletionToken = default_token>
auto async_get_managed_key(client& c, key_ref r, CompletionToken&& token = {})
{
    return detail::async_typed<managed_key>(c, &detail::initiate_get_managed_key, std::move(r), nullptr, token);
}
template <class CompletionToken = default_token>
auto async_get_managed_key(client& c, key_ref r, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<managed_key>(c, &detail::initiate_get_managed_key, std::move(r), &diag, token);
}

/// PATCH /keys/{hash} (provisioning key). `void(error_code, managed_key)` (the updated key).
template <class CompletionToken = default_token>
auto async_update_key(client& c, key_update_request r, CompletionToken&& token = {})
{
    return detail::async_typed<managed_key>(c, &detail::initiate_update_key, std::move(r), nullptr, token);
}
template <class CompletionToken = default_token>
auto async_update_key(client& c, key_update_request r, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<managed_key>(c, &detail::initiate_update_key, std::move(r), &diag, token);
}

/// DELETE /keys/{hash} (provisioning key). `void(error_code, key_deleted)`.
template <class CompletionToken = default_token>
auto async_delete_key(client& c, key_ref r, CompletionToken&& token = {})
{
    return detail::async_typed<key_deleted>(c, &detail::initiate_delete_key, std::move(r), nullptr, token);
}
template <class CompletionToken = default_token>
auto async_delete_key(client& c, key_ref r, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<key_deleted>(c, &detail::initiate_delete_key, std::move(r), &diag, token);
}

}  // namespace openrouter

#endif  // OPENROUTER_KEYS_HPP
