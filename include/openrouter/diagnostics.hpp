// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_DIAGNOSTICS_HPP
#define OPENROUTER_DIAGNOSTICS_HPP

/// @file
/// `diagnostics`: the why behind an error code, and `api_error`, the exception the default
/// completion token throws.
///
/// A `diagnostics` value is filled by an operation that fails (and cleared when it starts).
/// It never contains the API key: request headers are never copied into it, and every text
/// taken from a response is scrubbed of the key before it is stored.

#include <openrouter/error.hpp>

#include <boost/json/object.hpp>
#include <boost/system/system_error.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace openrouter {

/// One attempt of an operation, as the attempt loop saw it (the retry/fallback/hedge log).
///
/// `decision` is what the loop did after this attempt, as one keyword; `reason` says why:
///
/// | decision     | reason                                                               |
/// |--------------|----------------------------------------------------------------------|
/// | `retry`      | `retry policy: same model again` (after `delay_before_next`)         |
/// | `fallback`   | `fallback rule: next model`, `retries exhausted`                     |
/// | `restart`    | `failed after a delta: same model`, `... : next model` (streams)     |
/// | `prefill`    | `failed after a delta: next model`, `... : same model` (streams)     |
/// | `stop`       | `fallback rule: stop`, `retries exhausted`, `total deadline`,        |
/// |              | `failed after a delta`                                               |
/// | `success`    | `completed` (a stream: ended cleanly)                                |
/// | `superseded` | `another attempt in flight` (failed during a hedge race)             |
/// | `cancelled`  | `lost to attempt N` (hedging), `operation cancelled`                 |
/// | `skipped`    | `circuit open: model`, `circuit open: host` (never started)          |
///
/// Keywords and reasons are stable texts (tests and dashboards may compare them).
struct attempt_record {
    int number = 0;                                  ///< 1-based attempt number
    std::string model;                               ///< model requested by this attempt
    int http_status = 0;                             ///< 0 when no response was received
    error_code error;                                ///< outcome of the attempt (empty: success)
    std::chrono::milliseconds delay_before_next{0};  ///< wait chosen after it, if any
    std::string decision;                            ///< "retry", "fallback", "stop", "success", ... (above)
    std::string reason;                              ///< why that decision (above)
    bool hedge = false;                              ///< started by the hedge policy (hedge.hpp)
};

/// Everything known about a failure, beyond its error code.
struct diagnostics {
    int http_status = 0;           ///< HTTP status of the response, 0 if none was received
    std::string api_code;          ///< `error.code` of the API error body (as text), if any
    std::string message;           ///< `error.message` of the API error body, or the SDK's own text
    boost::json::object metadata;  ///< `error.metadata` as sent by the API (raw)

    std::string provider_name;                    ///< metadata.provider_name or the response's provider
    std::string provider_error;                   ///< metadata.raw: the upstream provider's own error text
    std::vector<std::string> moderation_reasons;  ///< metadata.reasons (403 moderation)
    std::string flagged_input;                    ///< metadata.flagged_input (403 moderation)
    std::string error_type;                       ///< metadata.error_type (in-band stream errors)
    std::string provider_code;                    ///< metadata.provider_code (in-band stream errors)

    std::string generation_id;                             ///< the generation id (response body/header), if known
    std::optional<std::chrono::milliseconds> retry_after;  ///< Retry-After / retry-after-ms

    std::string body_excerpt;  ///< a short, key-scrubbed excerpt of an unusable body
    std::string detail;        ///< the SDK's explanation (e.g. "certificate verify failed")

    std::vector<attempt_record> attempts;  ///< every attempt of the operation, in order

    /// Clears every field.
    void clear() { *this = diagnostics{}; }

    /// One line for logs: "HTTP 429 rate_limited: <message> (provider X; retry after 2000 ms)".
    /// Never contains the API key.
    std::string summary() const;
};

/// The exception thrown by the default completion token (and by `with_diagnostics`) when an
/// operation fails: a `system_error` whose `code()` is the operation's error code and which
/// carries the operation's `diagnostics`. `what()` is `diagnostics::summary()` based.
class api_error : public boost::system::system_error {
public:
    /// An error with code `ec` and the diagnostics `diag` (moved in); `what()` includes
    /// `diag.summary()`.
    api_error(error_code ec, diagnostics diag);

    /// The diagnostics of the failed operation.
    const diagnostics& diag() const noexcept { return diag_; }

private:
    diagnostics diag_;
};

}  // namespace openrouter

#endif  // OPENROUTER_DIAGNOSTICS_HPP
