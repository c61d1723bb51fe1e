// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_TRANSPORT_EXCHANGE_HPP
#define OPENROUTER_LIB_TRANSPORT_EXCHANGE_HPP

// One HTTP/1.1 request/response on an open connection, with size limits and deadlines.

#include "transport/connection.hpp"

#include <openrouter/client_options.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>
#include <cstdint>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace openrouter::detail {

struct response_head {
    int status = 0;
    std::string content_type;
    std::string retry_after;
    std::string retry_after_ms;
    std::string content_encoding;  // empty when absent
    bool keep_alive = false;
    bool capture_fields = false;  // in: copy every header field into `fields` (response observer)
    std::vector<std::pair<std::string, std::string>> fields;
};

// What went wrong and how far the exchange got (for the stale-connection rule).
struct exchange_progress {
    bool request_written = false;
    bool any_response_byte = false;
};

// Writes `req` and reads the whole response into `head` and `body`.
// Deadlines: the write and the header read share `headers_dl`; the body read runs under
// `body_timeout` (timeouts.response_body, 0 = none) bounded by the total deadline. Errors are SDK conditions
// (connection_closed, response_timeout, total_timeout, header_too_large, body_too_large, response_truncated,
// malformed_http) with diag.detail set, or operation_aborted.
boost::asio::awaitable<error_code>
exchange(connection& c, const boost::beast::http::request<boost::beast::http::string_body>& req, const limits& lim,
         phase_deadline headers_dl, std::chrono::milliseconds body_timeout, clock::time_point total_deadline,
         response_head& head, std::string& body, exchange_progress& progress, diagnostics& diag);

// Reads the rest of a response whose header `parser` has read, within `body_timeout` from now
// (errc::response_timeout; 0 = no such limit) and the total deadline (errc::total_timeout).
boost::asio::awaitable<error_code>
read_rest(connection& c, boost::beast::http::response_parser<boost::beast::http::string_body>& parser,
          std::chrono::milliseconds body_timeout, clock::time_point total_deadline, response_head& head,
          std::string& body, diagnostics& diag);

// Maps an error of a read or write on the connection to an SDK condition.
error_code map_io_error(const boost::system::error_code& ec, const phase_deadline& dl, errc timeout_condition,
                        diagnostics& diag);

// Copies what the SDK needs from a response header.
void fill_head(const boost::beast::http::response_header<>& h, response_head& head);

// errc::unsupported_content_encoding (with diag.detail) when the response has a Content-Encoding
// other than identity: the SDK asks for identity and decodes nothing.
error_code check_content_encoding(const response_head& head, diagnostics& diag);

// At most this many interim (1xx) responses are skipped before the answer.
inline constexpr int max_interim_responses = 8;

// Writes `req` and reads the response header into a parser that `make_parser()` builds (and
// returns a reference to; this sets its header limit). Interim responses (1xx other than 101:
// 100 Continue, 102, 103 Early Hints) are skipped, each into a new parser, as RFC 9110 15.2 asks
// of a client; a 101 (no upgrade was asked for) or more than max_interim_responses of them is
// errc::malformed_http. Runs under `headers_dl`. The body is left for the caller, in the parser
// `make_parser` built last.
template <class MakeParser>
boost::asio::awaitable<error_code>
send_and_read_header(connection& c, const boost::beast::http::request<boost::beast::http::string_body>& req,
                     MakeParser make_parser, const limits& lim, phase_deadline headers_dl, response_head& head,
                     exchange_progress& progress, diagnostics& diag)
{
    namespace asio = boost::asio;
    namespace http = boost::beast::http;
    c.tcp().expires_at(headers_dl.at);
    auto [wec, written] =
        co_await c.visit([&](auto& s) { return http::async_write(s, req, asio::as_tuple(asio::use_awaitable)); });
    (void)written;
    if (wec)
        co_return map_io_error(wec, headers_dl, errc::response_timeout, diag);
    progress.request_written = true;

    for (int interim = 0;; ++interim) {
        auto& parser = make_parser();
        parser.header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(lim.max_header_bytes, UINT32_MAX)));
        const std::size_t buffered_before = c.buffer.size();
        auto [hec, hn] = co_await c.visit(
            [&](auto& s) { return http::async_read_header(s, c.buffer, parser, asio::as_tuple(asio::use_awaitable)); });
        progress.any_response_byte = progress.any_response_byte || hn > 0 || buffered_before > 0 || c.buffer.size() > 0;
        if (hec)
            co_return map_io_error(hec, headers_dl, errc::response_timeout, diag);
        const unsigned status = parser.get().result_int();
        if (status >= 100 && status <= 199) {
            if (status == 101) {
                diag.detail = "invalid HTTP: 101 Switching Protocols, but the SDK asked for no upgrade";
                co_return errc::malformed_http;
            }
            if (interim == max_interim_responses) {
                diag.detail = "invalid HTTP: more than " + std::to_string(max_interim_responses) +
                              " interim (1xx) responses before the answer";
                co_return errc::malformed_http;
            }
            continue;  // an interim response has no body: the answer follows
        }
        fill_head(parser.get().base(), head);
        head.keep_alive = parser.get().keep_alive();
        if (error_code ec = check_content_encoding(head, diag))
            co_return ec;  // the body is never read: the connection is closed, not reused
        co_return error_code{};
    }
}

}  // namespace openrouter::detail

#endif
