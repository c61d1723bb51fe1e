// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_ACTIVITY_HPP
#define OPENROUTER_ACTIVITY_HPP

/// @file
/// GET /activity: usage per day, model and provider endpoint over the last 30 completed UTC
/// days. The API requires a management (provisioning) key: pass it in
/// `activity_query::provisioning_key` (sent as the Authorization bearer of this request only,
/// never logged) or leave it empty to send the client's own key.
///
/// ## Contract of the operations
/// Completion signature `void(error_code, activity)` (on failure, use only the error: the value is
/// default-constructed, or partly decoded after `errc::invalid_response`).
/// Lifetimes: the query (with its key) is moved into the operation; the `client` may be
/// destroyed while the operation runs (it keeps the client's internals alive); a `diagnostics&`
/// must outlive it. Executor: the handler runs through its associated executor (default: the
/// client's), never inside the initiating call. Cancellation: per-operation cancellation (any
/// type) is terminal: the connection in use is closed and the operation completes with
/// `asio::error::operation_aborted`. See client.hpp for tokens and diagnostics. Errors:
/// transport errors and timeouts as for any operation; 400 (`errc::bad_request`, e.g. a
/// malformed date), 401, 403 (`errc::forbidden`: not a management key), 404, 5xx;
/// `errc::invalid_response` when a 2xx body has the wrong shape. Numbers are read leniently; unknown keys go to
/// `extra`.
///
/// Thread safety: the structs are plain values (concurrent reads are safe, writes need exclusive
/// access); operations may be started concurrently on one client, as documented in client.hpp.

#include <openrouter/detail/typed_op.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace openrouter {

/// Query of GET /activity; each engaged member becomes the query parameter of the same name.
struct activity_query {
    std::string provisioning_key;             ///< not a query parameter (see the file comment)
    std::optional<std::string> date;          ///< one UTC day, "YYYY-MM-DD"
    std::optional<std::string> api_key_hash;  ///< as in managed_key::hash
    std::optional<std::string> user_id;       ///< an organization member's user id
    std::optional<std::string> group_by;      ///< "workspace"
    std::optional<std::string> workspace_id;  ///< only the activity of this workspace (UUID)
};

/// One row of GET /activity: the usage of one day, model and endpoint (and workspace).
struct activity_item {
    std::string date;                         ///< "YYYY-MM-DD"
    std::string model;                        ///< model slug, e.g. "openai/gpt-4.1"
    std::string model_permaslug;              ///< e.g. "openai/gpt-4.1-2025-04-14"
    std::string endpoint_id;                  ///< the provider endpoint's id
    std::string provider_name;                ///< the provider serving the endpoint
    double usage = 0;                         ///< USD
    double byok_usage_inference = 0;          ///< BYOK inference cost, USD (external credits)
    std::int64_t requests = 0;                ///< number of requests
    std::int64_t prompt_tokens = 0;           ///< total prompt tokens
    std::int64_t completion_tokens = 0;       ///< total completion tokens
    std::int64_t reasoning_tokens = 0;        ///< total reasoning tokens
    std::optional<std::string> workspace_id;  ///< with group_by=workspace
    boost::json::object extra;                ///< members this SDK does not know, as received
};

/// GET /activity response.
struct activity {
    std::vector<activity_item> data;  ///< the rows
    boost::json::object extra;        ///< members this SDK does not know, as received
};

/// Decodes a whole GET /activity body; false + path of the offending member in `why`.
bool from_json(const boost::json::value& v, activity& out, std::string& why);

namespace detail {
void initiate_get_activity(std::shared_ptr<client_impl>, activity_query, diagnostics*,
                           boost::asio::any_completion_handler<void(error_code, activity)>);
}  // namespace detail

/// GET /activity. `void(error_code, activity)`. Contract and errors in the file comment.
template <class CompletionToken = default_token>
auto async_get_activity(client& c, activity_query q = {}, CompletionToken&& token = {})
{
    return detail::async_typed<activity>(c, &detail::initiate_get_activity, std::move(q), nullptr, token);
}
/// Same, filling `diag` on failure.
template <class CompletionToken = default_token>
auto async_get_activity(client& c, activity_query q, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<activity>(c, &detail::initiate_get_activity, std::move(q), &diag, token);
}

}  // namespace openrouter

#endif  // OPENROUTER_ACTIVITY_HPP
