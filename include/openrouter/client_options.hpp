// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_CLIENT_OPTIONS_HPP
#define OPENROUTER_CLIENT_OPTIONS_HPP

/// @file
/// `client_options`: everything a `client` is configured with. Plain data; copy freely.

#include <openrouter/policies.hpp>
#include <openrouter/traffic.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace boost::asio::ssl {
class context;  // only a pointer is held; include <boost/asio/ssl/context.hpp> to make one
}  // namespace boost::asio::ssl

namespace openrouter {

/// Per-phase time limits of one HTTP exchange. A zero duration disables that limit.
/// Each phase is also bounded by what is left of `total`.
///
/// The defaults are chosen for a server that embeds the SDK: every failure a server can cause
/// (silence, a stall after some bytes, a drip of one byte at a time, a stream of comments
/// without deltas) ends within tens of seconds per attempt, and all attempts together within
/// `total`. Timeouts are retried by the default policy only while `total` leaves room for the
/// backoff, so `total` bounds the worst case. docs/guide.md ("Timeouts and limits") has the
/// table; raise `response_headers` for non-streamed generations that take longer than a
/// minute, and `total` for streams that run longer than five minutes.
struct timeouts {
    /// Name resolution plus TCP connect (all addresses). Fails with `errc::connect_timeout`.
    std::chrono::milliseconds connect{std::chrono::seconds(10)};
    /// TLS handshake. Fails with `errc::tls_handshake_timeout`.
    std::chrono::milliseconds tls_handshake{std::chrono::seconds(10)};
    /// From the first byte of the request written to the last byte of the response header.
    /// A non-streamed generation answers once it is complete; a minute covers most of them
    /// (a stream answers its header at once). Fails with `errc::response_timeout`.
    std::chrono::milliseconds response_headers{std::chrono::seconds(60)};
    /// Non-streamed responses: from the end of the header to the end of the body (a body
    /// arrives at once from a healthy server; this bounds a drip). Fails with
    /// `errc::response_timeout`.
    std::chrono::milliseconds response_body{std::chrono::seconds(30)};
    /// The whole operation, every attempt and every backoff included; for a stream, until its
    /// last event. Fails with `errc::total_timeout`.
    std::chrono::milliseconds total{std::chrono::minutes(5)};
    /// Streams: from the response header to the first delta. SSE comments do not count, so a
    /// stream of ": OPENROUTER PROCESSING" lines alone ends here. Fails with
    /// `errc::first_delta_timeout`.
    std::chrono::milliseconds first_delta{std::chrono::seconds(60)};
    /// Streams: the longest silence between two events (comments included when
    /// `comments_reset_idle`). OpenRouter sends comments while a model thinks, so silence means a
    /// stalled stream. Fails with `errc::idle_timeout`.
    std::chrono::milliseconds idle{std::chrono::seconds(30)};
    /// Streams: whether SSE comments (": OPENROUTER PROCESSING") reset the idle timer.
    bool comments_reset_idle = true;
};

/// Size limits that bound the memory one response can take.
struct limits {
    std::size_t max_header_bytes = 64 * 1024;       ///< response header; `errc::header_too_large`
    std::size_t max_body_bytes = 64 * 1024 * 1024;  ///< non-stream body; `errc::body_too_large`
    std::size_t max_event_bytes = 4 * 1024 * 1024;  ///< one SSE line/event; `errc::event_too_large`
};

/// One HTTP response as a response observer sees it (see `client_options::on_response`).
struct response_headers {
    std::string method;  ///< method of the request it answers ("GET", "POST", ...)
    std::string target;  ///< request target it answers, e.g. "/api/v1/models?category=x"
    int status = 0;      ///< HTTP status
    /// Every header field as received, in order (names as sent by the server).
    std::vector<std::pair<std::string, std::string>> fields;

    /// Value of the first field named `name` (ASCII case-insensitive), empty when absent.
    std::string_view get(std::string_view name) const noexcept
    {
        for (const auto& [k, v] : fields) {
            if (k.size() != name.size())
                continue;
            bool same = true;
            for (std::size_t i = 0; i < k.size() && same; ++i) {
                auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
                same = lower(k[i]) == lower(name[i]);
            }
            if (same)
                return v;
        }
        return {};
    }
};

/// Configuration of a `client`.
struct client_options {
    /// The API key. When empty, the `OPENROUTER_API_KEY` environment variable is read when the
    /// client is constructed. It is only ever written to the `Authorization` header.
    std::string api_key;

    /// Base URL of the API, e.g. "https://openrouter.ai/api/v1". When empty,
    /// `OPENROUTER_BASE_URL` is read, then the default below is used.
    std::string base_url;

    /// App attribution: sent as `HTTP-Referer` and `X-Title` when not empty.
    ///@{
    std::string http_referer;
    std::string x_title;
    ///@}

    /// Headers added to every request (after the SDK's own; a same-named one replaces it,
    /// except `Authorization`, `Host` and `Content-Length`, which the SDK always owns).
    std::vector<std::pair<std::string, std::string>> default_headers;

    /// `User-Agent`. Empty: "openrouter-cpp/<version>".
    std::string user_agent;

    struct timeouts timeouts;  ///< per-phase time limits of every exchange (see `timeouts`)
    struct limits limits;      ///< size limits of every response (see `limits`)

    /// Upper bound of simultaneous connections to one host (idle ones included). Operations
    /// beyond it wait for a connection to be released. Must be >= 1.
    std::size_t max_connections_per_host = 64;

    /// Idle keep-alive connections older than this are not reused.
    std::chrono::milliseconds idle_connection_ttl{std::chrono::seconds(60)};

    /// TLS context for https. Null: the client makes one with the system CA store, peer
    /// verification, SNI and host-name checking on. A user-supplied context is used as is
    /// (the client still sets SNI and host-name verification per connection).
    std::shared_ptr<boost::asio::ssl::context> ssl_context;

    /// Allows sending the API key over plain http to a host that is not loopback. Off by default:
    /// such a client fails every operation with `errc::insecure_transport`.
    bool allow_insecure_http = false;

    /// Response observer: when set, called once for every HTTP response the client receives
    /// (every operation, every attempt, JSON and streamed, 2xx or not), with the response's
    /// status and header fields: e.g. to read rate-limit or tracing headers, or an OpenAPI
    /// validating proxy's `sl-violations` header (test/conformance does that). For a streamed
    /// response it runs once the header is read, before any event; otherwise once the body is
    /// read (or failed to be), before the operation completes. A response whose header never
    /// arrived is not observed. It runs on the client's strand, so it must not block; it must
    /// not throw. It never sees request headers, so never the API key. Empty (the default):
    /// header fields are not copied at all.
    std::function<void(const response_headers&)> on_response;

    /// Concurrency limits, an adaptive (AIMD) rate and a cost budget shared by every operation
    /// of the client (traffic.hpp). Default: none of them; the client then behaves as without.
    traffic_limits traffic;

    /// Retry, model fallback, hedging and circuit-breaker policies of every operation (a
    /// request may override them). See policies.hpp; the defaults retry transient failures
    /// (429 included) up to 3 times with backoff and use no fallback, hedging or breaker.
    request_policies policies;
};

/// The public OpenRouter endpoint.
inline constexpr const char* default_base_url = "https://openrouter.ai/api/v1";

}  // namespace openrouter

#endif  // OPENROUTER_CLIENT_OPTIONS_HPP
