// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_ACTIVITY_HPP
#define OPENROUTER_ACTIVITY_HPP

/// @file
/// GET /activity: usage per day, model and provider endpoint over the last 30 completed UTC
/// days. The API requires a management (provisioning) key: pass it in
/// `activity_query::provisioning_key` (sent as the Authorization bearer of this request only,
/// never logged) or leave it empty to send the client's own key.
///
/// Completion signature `void(error_code, activity)`; see client.hpp for tokens, cancellation,
/// executors and lifetimes. Errors: 400 (`errc::bad_request`, e.g. a malformed date), 401, 403
/// (`errc::forbidden`: not a management key), 404, 5xx; `errc::invalid_response` when a 2xx
/// body has the wrong shape. Numbers are read leniently; unknown keys go to `extra`.
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
    std::optional<std::string> user_id;
    std::optional<std::string> group_by;  ///< "workspace"
    std::optional<std::string> workspace_id;
};

struct activity_item {
    std::string date;
    std::string model;
    std::string model_permaslug;
    std::string endpoint_id;
    std::string provider_name;
    double usage = 0;  ///< USD
    double byok_usage_inference = 0;
    std::int64_t requests = 0;
    std::int64_t prompt_tokens = 0;
    std::int64_t completion_tokens = 0;
    std::int64_t reasoning_tokens = 0;
    std::optional<std::string> workspace_id;  ///< with group_by=workspace
    boost::json::object extra;
};

/// GET /activity response.
struct activity {
    std::vector<activity_item> data;
    boost::json::object extra;
};

bool from_json(const boost::json::value& v, activity& out, std::string& why);

namespace detail {
void initiate_get_activity(std::shared_ptr<client_impl>, activity_query, diagnostics*,
                           boost::asio::any_completion_handler<void(error_code, activity)>);
}  // namespace detail

/// GET /activity. `void(error_code, activity)`.
template <class CompletionToken = default_token>
auto async_get_activity(client& c, activity_query q = {}, CompletionToken&& token = {})
{
    return detail::async_typed<activity>(c, &detail::initiate_get_activity, std::move(q), nullptr, token);
}
template <class CompletionToken = default_token>
auto async_get_activity(client& c, activity_query q, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<activity>(c, &detail::initiate_get_activity, std::move(q), &diag, token);
}

}  // namespace openrouter

#endif  // OPENROUTER_ACTIVITY_HPP
