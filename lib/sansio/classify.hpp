// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_SANSIO_CLASSIFY_HPP
#define OPENROUTER_LIB_SANSIO_CLASSIFY_HPP

// Response classification: status + headers + body -> error code and diagnostics.
// Pure functions (time is a parameter); the transport driver calls them.

#include <openrouter/diagnostics.hpp>

#include <boost/json/value.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace openrouter::detail {

struct response_info {
    int status = 0;
    std::string_view content_type;
    std::string_view retry_after;                 // Retry-After header value, if any
    std::string_view retry_after_ms;              // retry-after-ms header value, if any
    std::chrono::system_clock::time_point now{};  // for Retry-After given as an HTTP date
};

// Retry-After: delta-seconds or an HTTP date (IMF-fixdate, RFC 850 or asctime form).
// Garbage, negative values and dates in the past give nullopt / zero respectively; delays over
// a year (delta-seconds or a date) are capped at a year.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now);
// retry-after-ms: a non-negative decimal number of milliseconds.
std::optional<std::chrono::milliseconds> parse_retry_after_ms(std::string_view value);

// Replaces every occurrence of `secret` (if non-empty) in `text` with "[redacted]".
void scrub(std::string& text, std::string_view secret);

// A short excerpt of a body, safe for diagnostics: at most `max` bytes, control characters
// escaped, the secret scrubbed.
std::string safe_excerpt(std::string_view body, std::string_view secret, std::size_t max = 200);

// True when the media type of `content_type` is `type` (case-insensitive, parameters ignored).
bool media_type_is(std::string_view content_type, std::string_view type);

// Fills `diag` from an API error object {"code":..,"message":..,"metadata":{..}} and returns the
// refined condition for `status` (moderation_flagged, context_length_exceeded, ...).
// The HTTP status an error object names in its "code" (an integer 400-599), else `fallback`:
// for an error carried in a 200 body or in-band in a stream.
int status_of_error(const boost::json::object& error, int fallback) noexcept;

errc read_api_error(const boost::json::object& error, int status, std::string_view secret, diagnostics& diag);

// A non-2xx response: maps the status (refined by the body) and fills diagnostics.
error_code classify_error_response(const response_info& info, std::string_view body, std::string_view secret,
                                   diagnostics& diag);

// A 2xx response expected to be JSON: checks the content type and parses. An empty body
// (e.g. 204) gives a null value.
error_code parse_json_response(const response_info& info, std::string_view body, std::string_view secret,
                               boost::json::value& out, diagnostics& diag);

}  // namespace openrouter::detail

#endif
