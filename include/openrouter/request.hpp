// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_REQUEST_HPP
#define OPENROUTER_REQUEST_HPP

/// @file
/// The generic call: any operation of the OpenRouter API as (method, path, query, JSON body).
///
/// `client::async_request` sends an `api_request` with the same authentication, headers,
/// limits, timeouts and error mapping as the typed operations, so nothing in the API is out of
/// reach before the SDK has a typed call for it.

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace openrouter {

/// HTTP methods used by the API.
enum class http_method { get, post, put, patch, delete_ };

/// The method's name ("GET", "POST", ...).
std::string_view to_string(http_method m) noexcept;

/// A request of the generic call.
struct api_request {
    http_method method = http_method::get;  ///< the HTTP method
    /// Path relative to the base URL, starting with '/': "/models", "/keys/abc123".
    /// Path segments taken from user data must be percent-encoded by the caller
    /// (see `encode_path_segment`).
    std::string path;
    /// Query parameters, percent-encoded by the SDK.
    std::vector<std::pair<std::string, std::string>> query;
    /// JSON body (sent with `Content-Type: application/json`); none for GET/DELETE usually.
    std::optional<boost::json::value> body;
    /// Extra headers for this request only (replacing same-named default headers).
    std::vector<std::pair<std::string, std::string>> headers;
    /// When set, sent as `Authorization: Bearer <bearer_override>` instead of the client's API key
    /// (e.g. a provisioning key for the /keys endpoints). An `Authorization` entry in `headers`
    /// is always ignored; this member is the only way to change the credential of one request.
    /// The SDK never logs it nor puts it in diagnostics.
    std::optional<std::string> bearer_override;
};

/// The successful (2xx) response of the generic call.
struct api_response {
    int status = 0;            ///< 2xx status
    boost::json::value body;   ///< the parsed JSON body (null for an empty body, e.g. 204)
    std::string content_type;  ///< the response's Content-Type
};

/// Percent-encodes one path segment ("a/b c" -> "a%2Fb%20c").
std::string encode_path_segment(std::string_view segment);

}  // namespace openrouter

#endif  // OPENROUTER_REQUEST_HPP
