// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_ERROR_HPP
#define OPENROUTER_ERROR_HPP

/// @file
/// Error codes of the SDK.
///
/// Every operation completes with a `boost::system::error_code` as its first argument.
/// Codes produced by the SDK belong to `openrouter::error_category()` and name a
/// *condition* (`errc::rate_limited`), not a transport detail (`HTTP 429`); the detail
/// (status, API error body, provider, Retry-After, attempt log) is in
/// `openrouter::diagnostics`. Cancellation completes with
/// `boost::asio::error::operation_aborted`, as every Asio operation does.
///
/// `is_retryable(ec)` is the one answer to "is this failure transient?" used by the retry
/// policies, the documentation and the tests alike.

#include <boost/system/error_code.hpp>

#include <string_view>
#include <type_traits>

namespace openrouter {

/// The error type of every completion (`errc` values compare equal to it).
using error_code = boost::system::error_code;

/// The conditions an operation of this SDK can fail with.
enum class errc : int {
    // ---- configuration and request building (never retryable) ----
    missing_api_key = 1,  ///< no key in the options nor in OPENROUTER_API_KEY
    invalid_base_url,     ///< base URL is not an absolute http(s) URL
    insecure_transport,   ///< a key would be sent over plain http to a non-loopback host
    invalid_request,      ///< the request cannot be encoded (e.g. no messages, bad file)

    // ---- transport (connection level) ----
    resolve_failed,         ///< host name resolution failed
    connect_failed,         ///< every resolved address refused or was unreachable
    tls_handshake_failed,   ///< TLS handshake failed (not a certificate problem)
    certificate_rejected,   ///< the server certificate did not verify (chain or host name)
    connection_closed,      ///< the peer closed or reset the connection mid-exchange
    connect_timeout,        ///< resolve + connect took longer than timeouts.connect
    tls_handshake_timeout,  ///< TLS handshake took longer than timeouts.tls_handshake
    response_timeout,       ///< no complete response header within timeouts.response_headers
    total_timeout,          ///< the whole operation exceeded timeouts.total

    // ---- response framing and content ----
    header_too_large,         ///< response header exceeded limits.max_header_bytes
    body_too_large,           ///< response body exceeded limits.max_body_bytes
    response_truncated,       ///< the body ended before its declared length / last chunk
    unexpected_content_type,  ///< e.g. text/html where JSON or SSE was expected
    invalid_response,         ///< not JSON, or JSON of the wrong shape
    malformed_http,           ///< the bytes received are not HTTP/1.1

    // ---- API errors (HTTP status with an OpenRouter error body) ----
    bad_request,              ///< 400: invalid or missing parameters, CORS
    context_length_exceeded,  ///< 400 whose message says the prompt is too long for the model
    unauthorized,             ///< 401: invalid credentials (key disabled, expired, wrong)
    insufficient_credits,     ///< 402: the account or key has too few credits
    forbidden,                ///< 403: not allowed (e.g. provisioning key needed)
    moderation_flagged,       ///< 403 with moderation metadata: the input was flagged
    not_found,                ///< 404
    request_timeout,          ///< 408: the request timed out upstream
    conflict,                 ///< 409
    payload_too_large,        ///< 413
    unprocessable_entity,     ///< 422
    rate_limited,             ///< 429: rate limited (see diagnostics.retry_after)
    server_error,             ///< 500 (and other 5xx not listed below)
    provider_error,           ///< 502: the chosen model is down or returned an invalid response
    no_provider_available,    ///< 503: no provider meets the routing requirements
    gateway_timeout,          ///< 504 / 524: the upstream timed out
    provider_overloaded,      ///< 529: the provider is overloaded
    http_error,               ///< any other non-2xx status

    // ---- streaming ----
    stream_truncated,     ///< the event stream ended before `data: [DONE]`
    stream_error,         ///< an in-band error chunk arrived on an HTTP 200 stream
    event_too_large,      ///< one SSE line/event exceeded limits.max_event_bytes
    first_delta_timeout,  ///< no delta within timeouts.first_delta after the headers
    idle_timeout,         ///< no event within timeouts.idle between two events

    // ---- policies ----
    circuit_open,  ///< a circuit breaker refused the call without trying it

    // ---- usage ----
    operation_in_progress,  ///< an async_next was started while another on the same stream is pending

    // ---- response framing, continued (appended to keep the values above stable) ----
    /// The response has a `Content-Encoding` other than `identity` (e.g. gzip, which the SDK
    /// never asks for: every request says `Accept-Encoding: identity`). The body is not read
    /// nor parsed as plain; never retryable (the same request would get the same answer, and a
    /// retried generation may be billed again).
    unsupported_content_encoding,

    // ---- traffic limits (client_options::traffic; appended to keep the values above stable) ----
    /// The client's cost budget (`traffic_limits::budget_usd`) is spent: the operation was refused
    /// without I/O. Operations that were already running when it ran out finish normally. Not
    /// retryable.
    budget_exhausted,
};

/// The category of `errc` values. Its name is "openrouter".
const boost::system::error_category& error_category() noexcept;

/// Makes an `error_code` of `openrouter::error_category()`.
inline error_code make_error_code(errc e) noexcept
{
    return {static_cast<int>(e), error_category()};
}

/// A stable, lowercase name of the enumerator ("rate_limited"), for logs and metrics.
std::string_view to_string(errc e) noexcept;

/// Maps an HTTP status (>= 300) to its condition. 2xx is not an error; callers never pass it.
errc errc_from_status(int http_status) noexcept;

/// True when a failure is transient: trying the same request again may succeed.
///
/// Transient: connection failures and resets, every timeout, truncated responses and
/// streams, 408, 409, 429, 5xx (500, 502, 503, 504/524, 529), in-band stream errors.
/// Not transient: configuration errors, certificate problems, 400, 401, 402, 403, 404, 413,
/// 422, invalid or oversized responses, `unsupported_content_encoding`, `circuit_open`,
/// `operation_in_progress`, `budget_exhausted` and cancellation
/// (`asio::error::operation_aborted`). Codes of other categories: connection-level
/// system errors (reset, refused, broken pipe, EOF) are transient, others are not.
bool is_retryable(const error_code& ec) noexcept;

}  // namespace openrouter

/// @cond INTERNAL
// Makes errc convertible to error_code (boost::system's customisation point).
template <>
struct boost::system::is_error_code_enum<openrouter::errc> : std::true_type {};
/// @endcond

#endif  // OPENROUTER_ERROR_HPP
