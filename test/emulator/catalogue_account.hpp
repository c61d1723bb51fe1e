// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The catalogue and account endpoints: models, providers, endpoints, generations, credits,
// activity, keys (router.cpp calls route_catalogue_account once per authenticated /api/v1 request).
#pragma once

#include "router.hpp"

#include <boost/json/object.hpp>
#include <boost/url/url_view.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace openrouter::emulator::detail {

/// One authenticated API request, as the routes below see it.
struct api_call {
    shared_state& st;
    http_request const& req;
    boost::urls::url_view url;
    std::string_view api;  // the path after /api/v1
    scenario const& sc;
    std::string const& key;           // the bearer key
    bool management;                  // the key is a provisioning key
    boost::json::object const* body;  // the parsed JSON body, or null (then parse_error says why)
    std::string const& parse_error;
};

/// The answer for the endpoints of this group, or nullopt when `c.api` is not one of them.
std::optional<response_plan> route_catalogue_account(api_call const& c);

// The groups (api_models.cpp, api_keys.cpp, api_account.cpp).
std::optional<response_plan> route_models(api_call const& c);
std::optional<response_plan> route_keys(api_call const& c);
std::optional<response_plan> route_account(api_call const& c);

// Shared helpers (api_models.cpp).
response_plan json_reply(api_call const& c, int status, boost::json::value const& v);
response_plan error_reply(api_call const& c, int status, std::string const& message);
/// 405 unless the request's method is `allowed` (HEAD counts as GET).
std::optional<response_plan> require_method(api_call const& c, http::verb allowed);
/// The value of query parameter `name`, if present.
std::optional<std::string> query_param(api_call const& c, std::string_view name);
/// "2025-01-01T00:00:00.000Z"-style UTC timestamp of Unix seconds `t`.
std::string iso_time(std::int64_t t);

}  // namespace openrouter::emulator::detail
