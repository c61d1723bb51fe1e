// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include <openrouter/error.hpp>

#include <boost/asio/error.hpp>
#include <boost/system/errc.hpp>

#include <string>

namespace openrouter {
namespace {

class category_impl final : public boost::system::error_category {
public:
    const char* name() const noexcept override { return "openrouter"; }

    std::string message(int ev) const override
    {
        switch (static_cast<errc>(ev)) {
        case errc::missing_api_key: return "no API key: set client_options::api_key or OPENROUTER_API_KEY";
        case errc::invalid_base_url: return "the base URL is not an absolute http(s) URL";
        case errc::insecure_transport: return "refusing to send the API key over plain http to a non-loopback host";
        case errc::invalid_request: return "the request cannot be encoded";
        case errc::resolve_failed: return "host name resolution failed";
        case errc::connect_failed: return "could not connect to the server";
        case errc::tls_handshake_failed: return "TLS handshake failed";
        case errc::certificate_rejected: return "the server certificate was rejected";
        case errc::connection_closed: return "the connection was closed by the peer";
        case errc::connect_timeout: return "timed out while connecting";
        case errc::tls_handshake_timeout: return "timed out during the TLS handshake";
        case errc::response_timeout: return "timed out waiting for the response headers";
        case errc::total_timeout: return "the operation exceeded its total time limit";
        case errc::header_too_large: return "the response header exceeded the size limit";
        case errc::body_too_large: return "the response body exceeded the size limit";
        case errc::response_truncated: return "the response body was truncated";
        case errc::unexpected_content_type: return "the response has an unexpected content type";
        case errc::invalid_response: return "the response is not valid JSON of the expected shape";
        case errc::malformed_http: return "the server did not answer with valid HTTP/1.1";
        case errc::bad_request: return "bad request (HTTP 400)";
        case errc::context_length_exceeded: return "the prompt exceeds the model's context length";
        case errc::unauthorized: return "invalid credentials (HTTP 401)";
        case errc::insufficient_credits: return "insufficient credits (HTTP 402)";
        case errc::forbidden: return "forbidden (HTTP 403)";
        case errc::moderation_flagged: return "the input was flagged by moderation (HTTP 403)";
        case errc::not_found: return "not found (HTTP 404)";
        case errc::request_timeout: return "request timeout (HTTP 408)";
        case errc::conflict: return "conflict (HTTP 409)";
        case errc::payload_too_large: return "payload too large (HTTP 413)";
        case errc::unprocessable_entity: return "unprocessable entity (HTTP 422)";
        case errc::rate_limited: return "rate limited (HTTP 429)";
        case errc::server_error: return "server error (HTTP 5xx)";
        case errc::provider_error: return "the provider is down or returned an invalid response (HTTP 502)";
        case errc::no_provider_available: return "no provider available for the request (HTTP 503)";
        case errc::gateway_timeout: return "the upstream timed out (HTTP 504/524)";
        case errc::provider_overloaded: return "the provider is overloaded (HTTP 529)";
        case errc::http_error: return "unexpected HTTP status";
        case errc::stream_truncated: return "the event stream ended before [DONE]";
        case errc::stream_error: return "the stream reported an error";
        case errc::event_too_large: return "an event of the stream exceeded the size limit";
        case errc::first_delta_timeout: return "timed out waiting for the first delta";
        case errc::idle_timeout: return "the stream was idle for too long";
        case errc::circuit_open: return "the circuit breaker is open";
        case errc::operation_in_progress: return "another read of this stream is already pending";
        case errc::unsupported_content_encoding:
            return "the response has a Content-Encoding the SDK does not decode (it asks for identity)";
        case errc::budget_exhausted: return "the client's cost budget is spent";
        }
        return "unknown openrouter error";
    }
};

}  // namespace

const boost::system::error_category& error_category() noexcept
{
    static const category_impl instance;
    return instance;
}

std::string_view to_string(errc e) noexcept
{
    switch (e) {
#define OPENROUTER_ERRC_NAME(x)                                                                                        \
    case errc::x: return #x;
        OPENROUTER_ERRC_NAME(missing_api_key)
        OPENROUTER_ERRC_NAME(invalid_base_url)
        OPENROUTER_ERRC_NAME(insecure_transport)
        OPENROUTER_ERRC_NAME(invalid_request)
        OPENROUTER_ERRC_NAME(resolve_failed)
        OPENROUTER_ERRC_NAME(connect_failed)
        OPENROUTER_ERRC_NAME(tls_handshake_failed)
        OPENROUTER_ERRC_NAME(certificate_rejected)
        OPENROUTER_ERRC_NAME(connection_closed)
        OPENROUTER_ERRC_NAME(connect_timeout)
        OPENROUTER_ERRC_NAME(tls_handshake_timeout)
        OPENROUTER_ERRC_NAME(response_timeout)
        OPENROUTER_ERRC_NAME(total_timeout)
        OPENROUTER_ERRC_NAME(header_too_large)
        OPENROUTER_ERRC_NAME(body_too_large)
        OPENROUTER_ERRC_NAME(response_truncated)
        OPENROUTER_ERRC_NAME(unexpected_content_type)
        OPENROUTER_ERRC_NAME(invalid_response)
        OPENROUTER_ERRC_NAME(malformed_http)
        OPENROUTER_ERRC_NAME(bad_request)
        OPENROUTER_ERRC_NAME(context_length_exceeded)
        OPENROUTER_ERRC_NAME(unauthorized)
        OPENROUTER_ERRC_NAME(insufficient_credits)
        OPENROUTER_ERRC_NAME(forbidden)
        OPENROUTER_ERRC_NAME(moderation_flagged)
        OPENROUTER_ERRC_NAME(not_found)
        OPENROUTER_ERRC_NAME(request_timeout)
        OPENROUTER_ERRC_NAME(conflict)
        OPENROUTER_ERRC_NAME(payload_too_large)
        OPENROUTER_ERRC_NAME(unprocessable_entity)
        OPENROUTER_ERRC_NAME(rate_limited)
        OPENROUTER_ERRC_NAME(server_error)
        OPENROUTER_ERRC_NAME(provider_error)
        OPENROUTER_ERRC_NAME(no_provider_available)
        OPENROUTER_ERRC_NAME(gateway_timeout)
        OPENROUTER_ERRC_NAME(provider_overloaded)
        OPENROUTER_ERRC_NAME(http_error)
        OPENROUTER_ERRC_NAME(stream_truncated)
        OPENROUTER_ERRC_NAME(stream_error)
        OPENROUTER_ERRC_NAME(event_too_large)
        OPENROUTER_ERRC_NAME(first_delta_timeout)
        OPENROUTER_ERRC_NAME(idle_timeout)
        OPENROUTER_ERRC_NAME(circuit_open)
        OPENROUTER_ERRC_NAME(operation_in_progress)
        OPENROUTER_ERRC_NAME(unsupported_content_encoding)
        OPENROUTER_ERRC_NAME(budget_exhausted)
#undef OPENROUTER_ERRC_NAME
    }
    return "unknown";
}

errc errc_from_status(int s) noexcept
{
    switch (s) {
    case 400: return errc::bad_request;
    case 401: return errc::unauthorized;
    case 402: return errc::insufficient_credits;
    case 403: return errc::forbidden;
    case 404: return errc::not_found;
    case 408: return errc::request_timeout;
    case 409: return errc::conflict;
    case 413: return errc::payload_too_large;
    case 422: return errc::unprocessable_entity;
    case 429: return errc::rate_limited;
    case 502: return errc::provider_error;
    case 503: return errc::no_provider_available;
    case 504:
    case 524: return errc::gateway_timeout;
    case 529: return errc::provider_overloaded;
    default: return (s >= 500 && s <= 599) ? errc::server_error : errc::http_error;
    }
}

bool is_retryable(const error_code& ec) noexcept
{
    if (!ec)
        return false;
    if (ec.category() == error_category()) {
        switch (static_cast<errc>(ec.value())) {
        case errc::resolve_failed:
        case errc::connect_failed:
        case errc::tls_handshake_failed:
        case errc::connection_closed:
        case errc::connect_timeout:
        case errc::tls_handshake_timeout:
        case errc::response_timeout:
        case errc::total_timeout:
        case errc::response_truncated:
        case errc::request_timeout:
        case errc::conflict:
        case errc::rate_limited:
        case errc::server_error:
        case errc::provider_error:
        case errc::no_provider_available:
        case errc::gateway_timeout:
        case errc::provider_overloaded:
        case errc::stream_truncated:
        case errc::stream_error:
        case errc::first_delta_timeout:
        case errc::idle_timeout: return true;
        default: return false;
        }
    }
    namespace se = boost::system::errc;
    return ec == se::connection_reset || ec == se::connection_refused || ec == se::connection_aborted ||
           ec == se::broken_pipe || ec == se::timed_out || ec == se::network_unreachable ||
           ec == se::host_unreachable || ec == boost::asio::error::eof;
}

}  // namespace openrouter
