// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include "transport/exchange.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <optional>

namespace openrouter::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

error_code map_io_error(const boost::system::error_code& ec, const phase_deadline& dl, errc timeout_condition,
                        diagnostics& diag)
{
    if (ec == beast::error::timeout) {
        const errc e = dl.total_is_binding ? errc::total_timeout : timeout_condition;
        diag.detail = std::string("timed out (") + std::string(to_string(e)) + ")";
        return e;
    }
    if (ec == asio::error::operation_aborted)
        return ec;
    if (ec == http::error::body_limit) {
        diag.detail = "the response body exceeds limits.max_body_bytes";
        return errc::body_too_large;
    }
    if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
        diag.detail = "the response header exceeds limits.max_header_bytes";
        return errc::header_too_large;
    }
    if (ec == http::error::partial_message || ec == http::error::short_read ||
        ec == asio::ssl::error::stream_truncated) {
        diag.detail = "the connection closed in the middle of the response";
        return errc::response_truncated;
    }
    if (ec == http::error::end_of_stream || ec == asio::error::eof || ec == asio::error::connection_reset ||
        ec == asio::error::broken_pipe || ec == asio::error::connection_aborted || ec == asio::error::bad_descriptor) {
        diag.detail = "connection closed: " + ec.message();
        return errc::connection_closed;
    }
    if (ec.category() == http::make_error_code(http::error::body_limit).category()) {
        diag.detail = "invalid HTTP: " + ec.message();
        return errc::malformed_http;
    }
    diag.detail = "I/O error: " + ec.message();
    return errc::connection_closed;
}

void fill_head(const http::response_header<>& h, response_head& head)
{
    head.status = static_cast<int>(h.result_int());
    head.content_type = std::string(h[http::field::content_type]);
    head.retry_after = std::string(h[http::field::retry_after]);
    head.retry_after_ms = std::string(h["retry-after-ms"]);
    head.content_encoding = std::string(h[http::field::content_encoding]);
    if (head.capture_fields) {
        head.fields.clear();
        for (const auto& f : h)
            head.fields.emplace_back(std::string(f.name_string()), std::string(f.value()));
    }
}

error_code check_content_encoding(const response_head& head, diagnostics& diag)
{
    std::string_view v = head.content_encoding;
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
        v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t'))
        v.remove_suffix(1);
    if (v.empty() || beast::iequals(v, "identity"))
        return {};
    diag.http_status = head.status;
    diag.detail = "the response has Content-Encoding '" + std::string(v.substr(0, 64)) +
                  "'; the SDK sends Accept-Encoding: identity and decodes no compression";
    return errc::unsupported_content_encoding;
}

asio::awaitable<error_code> exchange(connection& c, const http::request<http::string_body>& req, const limits& lim,
                                     phase_deadline headers_dl, std::chrono::milliseconds body_timeout,
                                     clock::time_point total_deadline, response_head& head, std::string& body,
                                     exchange_progress& progress, diagnostics& diag)
{
    std::optional<http::response_parser<http::string_body>> parser;
    const auto make_parser = [&]() -> http::response_parser<http::string_body>& {
        parser.emplace();
        parser->body_limit(lim.max_body_bytes);
        return *parser;
    };
    if (error_code ec = co_await send_and_read_header(c, req, make_parser, lim, headers_dl, head, progress, diag))
        co_return ec;
    co_return co_await read_rest(c, *parser, body_timeout, total_deadline, head, body, diag);
}

asio::awaitable<error_code> read_rest(connection& c, http::response_parser<http::string_body>& parser,
                                      std::chrono::milliseconds body_timeout, clock::time_point total_deadline,
                                      response_head& head, std::string& body, diagnostics& diag)
{
    const phase_deadline body_dl = phase_deadline::make(body_timeout, total_deadline);
    c.tcp().expires_at(body_dl.at);
    auto [bec, bn] = co_await c.visit(
        [&](auto& s) { return http::async_read(s, c.buffer, parser, asio::as_tuple(asio::use_awaitable)); });
    (void)bn;
    if (bec) {
        error_code ec = map_io_error(bec, body_dl, errc::response_timeout, diag);
        if (ec == errc::response_timeout)
            diag.detail = "timed out reading the response body (timeouts.response_body)";
        co_return ec;
    }
    c.tcp().expires_never();
    // Bytes after the end of the response are not the start of another one (HTTP/1.1 has no
    // unsolicited responses): a connection with such bytes is not reused.
    head.keep_alive = parser.get().keep_alive() && c.buffer.size() == 0;
    body = std::move(parser.get().body());
    ++c.requests;
    co_return error_code{};
}

}  // namespace openrouter::detail
