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
///
/// ## Contract of every async_* function below
/// Each comes in two overloads: without and with a `diagnostics&`, which the operation clears
/// when it starts and fills when it fails.
///  - Completion signature: `void(error_code, T)`, `T` as named on the function; with the
///    default token (`default_token`) `co_await` returns the `T` or throws `api_error`.
///  - Lifetimes: the argument struct (query, request or `key_ref`) is moved into the operation,
///    so the caller need not keep it; the operation keeps the client's internals alive, so the
///    `client` may be destroyed or moved from while it runs. Only `diagnostics&` must outlive
///    the operation.
///  - Executor: the handler runs through its associated executor (default: the client's
///    executor), never inside the initiating call; the I/O runs on the client's strand.
///  - Cancellation: the handler's per-operation cancellation slot is supported; any cancellation
///    type is terminal: the connection in use is closed (or the wait for one stopped) and the
///    operation completes with `asio::error::operation_aborted`.
///  - Thread safety: as for every client operation (see client.hpp): operations may be started
///    concurrently from several threads on one client.
///  - Errors: those of "Errors" above, plus the client's transport, timeout and configuration
///    conditions (e.g. `errc::missing_api_key`). The argument checks that complete with
///    `errc::invalid_request` (no I/O; `diagnostics::detail` names the member) are: an empty
///    `key_create_request::name`, an empty `key_ref::hash` or `key_update_request::hash`, and a
///    negative `key_list_query::offset`. Those completions are posted like any other, never
///    invoked inline.

#include <openrouter/detail/typed_op.hpp>
#include <openrouter/nullable.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace openrouter {

/// The deprecated `rate_limit` object of GET /key (legacy; the API documents it as always -1).
struct key_rate_limit {
    std::int64_t requests = 0;  ///< number of requests allowed per interval
    std::string interval;       ///< rate limit interval
    std::string note;           ///< note about the rate limit
    boost::json::object extra;  ///< members this SDK does not know, as received
};

/// The key of the request (GET /key, GET /auth/key): `data` of the response.
struct key_info {
    std::string label;                  ///< human-readable label of the key
    nullable<double> limit;             ///< credit limit in USD, null = unlimited
    nullable<double> limit_remaining;   ///< remaining spending limit in USD, or null
    nullable<std::string> limit_reset;  ///< "daily", "weekly", "monthly" or null
    /// OpenRouter credit usage of the key in USD: in total, in the current UTC day, week
    /// (Monday-Sunday) and month.
    ///@{
    double usage = 0, usage_daily = 0, usage_weekly = 0, usage_monthly = 0;
    ///@}
    /// External BYOK (bring your own key) usage in USD: in total, in the current UTC day, week
    /// (Monday-Sunday) and month.
    ///@{
    double byok_usage = 0, byok_usage_daily = 0, byok_usage_weekly = 0, byok_usage_monthly = 0;
    ///@}
    bool is_free_tier = false;           ///< whether this is a free-tier key
    bool is_management_key = false;      ///< whether this is a management (provisioning) key
    bool is_provisioning_key = false;    ///< deprecated name of `is_management_key` (same meaning)
    bool include_byok_in_limit = false;  ///< whether BYOK usage counts against `limit`
    /// User ID of the key's creator (for an organization key, the member who created it), or null.
    nullable<std::string> creator_user_id;
    nullable<std::string> expires_at;          ///< ISO 8601 UTC, null = never
    std::optional<key_rate_limit> rate_limit;  ///< the legacy `rate_limit` object, when sent
    boost::json::object extra;                 ///< members this SDK does not know, as received
};

/// A managed API key (items of GET /keys, `data` of GET/PATCH /keys/{hash}, POST /keys).
struct managed_key {
    std::string hash;                    ///< identifies the key in /keys/{hash}
    std::string name;                    ///< name of the key
    std::string label;                   ///< human-readable label of the key
    bool disabled = false;               ///< whether the key is disabled
    nullable<double> limit;              ///< spending limit in USD, null = unlimited
    nullable<double> limit_remaining;    ///< remaining spending limit in USD, or null
    nullable<std::string> limit_reset;   ///< "daily", "weekly", "monthly" or null
    bool include_byok_in_limit = false;  ///< whether BYOK usage counts against `limit`
    /// OpenRouter credit usage of the key in USD: in total, in the current UTC day, week
    /// (Monday-Sunday) and month.
    ///@{
    double usage = 0, usage_daily = 0, usage_weekly = 0, usage_monthly = 0;
    ///@}
    /// External BYOK (bring your own key) usage in USD: in total, in the current UTC day, week
    /// (Monday-Sunday) and month.
    ///@{
    double byok_usage = 0, byok_usage_daily = 0, byok_usage_weekly = 0, byok_usage_monthly = 0;
    ///@}
    std::string created_at;            ///< ISO 8601 time of creation
    nullable<std::string> updated_at;  ///< ISO 8601 time of the last update, or null
    nullable<std::string> expires_at;  ///< ISO 8601 UTC, null = never
    /// User ID of the key's creator (for an organization key, the member who created it), or null.
    nullable<std::string> creator_user_id;
    std::string workspace_id;   ///< the workspace the key belongs to
    boost::json::object extra;  ///< members this SDK does not know, as received
};

/// GET /keys response.
struct key_list {
    std::vector<managed_key> data;  ///< the keys of this page
    boost::json::object extra;      ///< members this SDK does not know, as received
};

/// POST /keys response (201). `key` is the secret of the new key: the API returns it ONCE, in
/// this response only; store it now (it cannot be read again, not even with the hash).
struct created_key {
    managed_key data;           ///< the new key's information
    std::string key;            ///< the secret of the new key (returned only here)
    boost::json::object extra;  ///< members this SDK does not know, as received
};

/// DELETE /keys/{hash} response.
struct key_deleted {
    bool deleted = false;       ///< true when the key was deleted
    boost::json::object extra;  ///< members this SDK does not know, as received
};

/// Argument of the current-key operations (nothing to choose).
struct current_key_query {};

/// GET /keys arguments. Paging is by offset: ask again with offset += data.size() until a page
/// comes back empty.
struct key_list_query {
    std::string provisioning_key;          ///< see the file comment
    std::optional<std::int64_t> offset;    ///< keys to skip (>= 0)
    std::optional<bool> include_disabled;  ///< also list disabled keys
    /// Lists the keys of this workspace (the API's default: the default workspace).
    std::optional<std::string> workspace_id;
};

/// POST /keys body.
struct key_create_request {
    std::string provisioning_key;  ///< not sent in the body
    std::string name;              ///< name of the new key; required, non-empty
    nullable<double> limit;        ///< spending limit in USD (null: none)
    /// "daily", "weekly", "monthly" or null (no reset). Resets happen at midnight UTC; weeks are
    /// Monday through Sunday.
    nullable<std::string> limit_reset;
    std::optional<bool> include_byok_in_limit;  ///< whether BYOK usage counts against `limit`
    nullable<std::string> expires_at;           ///< ISO 8601 UTC time the key expires (other time zones are rejected)
    /// User ID of the creator; only meaningful for an organization key created by one member.
    nullable<std::string> creator_user_id;
    /// Workspace to create the key in (the API's default: the default workspace).
    std::optional<std::string> workspace_id;
    boost::json::object extra;  ///< merged into the body
};

/// PATCH /keys/{hash} body (only the members set are sent).
struct key_update_request {
    std::string provisioning_key;               ///< not sent in the body
    std::string hash;                           ///< required, non-empty; path segment (encoded by the SDK)
    std::optional<std::string> name;            ///< new name
    std::optional<bool> disabled;               ///< disables (true) or enables (false) the key
    nullable<double> limit;                     ///< new spending limit in USD (null: none)
    nullable<std::string> limit_reset;          ///< "daily", "weekly", "monthly" or null (no reset)
    std::optional<bool> include_byok_in_limit;  ///< whether BYOK usage counts against `limit`
    boost::json::object extra;                  ///< merged into the body
};

/// GET or DELETE /keys/{hash} argument.
struct key_ref {
    std::string provisioning_key;  ///< see the file comment
    std::string hash;              ///< required, non-empty; path segment (encoded by the SDK)
};

/// Decoders of stored JSON (the whole response body, `{"data": ...}` where the API wraps it).
/// They return false with the path of the offending member in `why` on a wrong shape.
///@{
bool from_json(const boost::json::value& v, key_info& out, std::string& why);
bool from_json(const boost::json::value& v, key_list& out, std::string& why);
bool from_json(const boost::json::value& v, created_key& out, std::string& why);
bool from_json(const boost::json::value& v, managed_key& out, std::string& why);
bool from_json(const boost::json::value& v, key_deleted& out, std::string& why);
///@}

/// The JSON bodies the SDK sends for POST /keys and PATCH /keys/{hash} (without the key).
///@{
boost::json::object to_json(const key_create_request& r);
boost::json::object to_json(const key_update_request& r);
///@}

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
/// Contract (lifetimes, executor, cancellation, errors): see the file comment.
template <class CompletionToken = default_token>
auto async_get_current_key(client& c, CompletionToken&& token = {})
{
    return detail::async_typed<key_info>(c, &detail::initiate_get_current_key, current_key_query{}, nullptr, token);
}
/// Same, filling `diag` (which must outlive the operation) on failure.
template <class CompletionToken = default_token>
auto async_get_current_key(client& c, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<key_info>(c, &detail::initiate_get_current_key, current_key_query{}, &diag, token);
}

/// GET /auth/key: the older path of GET /key (same answer). `void(error_code, key_info)`.
/// Contract (lifetimes, executor, cancellation, errors): see the file comment.
template <class CompletionToken = default_token>
auto async_get_auth_key(client& c, CompletionToken&& token = {})
{
    return detail::async_typed<key_info>(c, &detail::initiate_get_auth_key, current_key_query{}, nullptr, token);
}
/// Same, filling `diag` (which must outlive the operation) on failure.
template <class CompletionToken = default_token>
auto async_get_auth_key(client& c, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<key_info>(c, &detail::initiate_get_auth_key, current_key_query{}, &diag, token);
}

/// GET /keys?offset=&include_disabled=&workspace_id= (provisioning key). `void(error_code, key_list)`.
/// Contract (lifetimes, executor, cancellation, errors): see the file comment.
template <class CompletionToken = default_token>
auto async_list_keys(client& c, key_list_query q, CompletionToken&& token = {})
{
    return detail::async_typed<key_list>(c, &detail::initiate_list_keys, std::move(q), nullptr, token);
}
/// Same, filling `diag` (which must outlive the operation) on failure.
template <class CompletionToken = default_token>
auto async_list_keys(client& c, key_list_query q, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<key_list>(c, &detail::initiate_list_keys, std::move(q), &diag, token);
}

/// POST /keys (provisioning key): creates a key. `void(error_code, created_key)`; the secret
/// `created_key::key` is returned only by this call.
/// Contract (lifetimes, executor, cancellation, errors): see the file comment.
template <class CompletionToken = default_token>
auto async_create_key(client& c, key_create_request r, CompletionToken&& token = {})
{
    return detail::async_typed<created_key>(c, &detail::initiate_create_key, std::move(r), nullptr, token);
}
/// Same, filling `diag` (which must outlive the operation) on failure.
template <class CompletionToken = default_token>
auto async_create_key(client& c, key_create_request r, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<created_key>(c, &detail::initiate_create_key, std::move(r), &diag, token);
}

/// GET /keys/{hash} (provisioning key). `void(error_code, managed_key)`.
/// Contract (lifetimes, executor, cancellation, errors): see the file comment.
template <class CompletionToken = default_token>
auto async_get_managed_key(client& c, key_ref r, CompletionToken&& token = {})
{
    return detail::async_typed<managed_key>(c, &detail::initiate_get_managed_key, std::move(r), nullptr, token);
}
/// Same, filling `diag` (which must outlive the operation) on failure.
template <class CompletionToken = default_token>
auto async_get_managed_key(client& c, key_ref r, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<managed_key>(c, &detail::initiate_get_managed_key, std::move(r), &diag, token);
}

/// PATCH /keys/{hash} (provisioning key). `void(error_code, managed_key)` (the updated key).
/// Contract (lifetimes, executor, cancellation, errors): see the file comment.
template <class CompletionToken = default_token>
auto async_update_key(client& c, key_update_request r, CompletionToken&& token = {})
{
    return detail::async_typed<managed_key>(c, &detail::initiate_update_key, std::move(r), nullptr, token);
}
/// Same, filling `diag` (which must outlive the operation) on failure.
template <class CompletionToken = default_token>
auto async_update_key(client& c, key_update_request r, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<managed_key>(c, &detail::initiate_update_key, std::move(r), &diag, token);
}

/// DELETE /keys/{hash} (provisioning key). `void(error_code, key_deleted)`.
/// Contract (lifetimes, executor, cancellation, errors): see the file comment.
template <class CompletionToken = default_token>
auto async_delete_key(client& c, key_ref r, CompletionToken&& token = {})
{
    return detail::async_typed<key_deleted>(c, &detail::initiate_delete_key, std::move(r), nullptr, token);
}
/// Same, filling `diag` (which must outlive the operation) on failure.
template <class CompletionToken = default_token>
auto async_delete_key(client& c, key_ref r, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<key_deleted>(c, &detail::initiate_delete_key, std::move(r), &diag, token);
}

}  // namespace openrouter

#endif  // OPENROUTER_KEYS_HPP
