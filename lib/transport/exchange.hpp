// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_TRANSPORT_EXCHANGE_HPP
#define OPENROUTER_LIB_TRANSPORT_EXCHANGE_HPP

// One HTTP/1.1 request/response on an open connection, with size limits and deadlines.

#include "transport/connection.hpp"

#include <openrouter/client_options.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <string>

namespace openrouter::detail {

struct response_head {
    int status = 0;
    std::string content_type;
    std::string retry_after;
    std::string retry_after_ms;
    bool keep_alive = false;
};

// What went wrong and how far the exchange got (for the stale-connection rule).
struct exchange_progress {
    bool request_written = false;
    bool any_response_byte = false;
};

// Writes `req` and reads the whole response into `head` and `body`.
// Deadlines: the write and the header read share `headers_dl`; the body read runs under the
// total deadline. Errors are SDK conditions (connection_closed, response_timeout, total_timeout,
// header_too_large, body_too_large, response_truncated, malformed_http) with diag.detail set, or
// operation_aborted.
boost::asio::awaitable<error_code> exchange(connection& c,
                                            const boost::beast::http::request<boost::beast::http::string_body>& req,
                                            const limits& lim, phase_deadline headers_dl,
                                            clock::time_point total_deadline, response_head& head, std::string& body,
                                            exchange_progress& progress, diagnostics& diag);

// Maps an error of a read or write on the connection to an SDK condition.
error_code map_io_error(const boost::system::error_code& ec, const phase_deadline& dl, errc timeout_condition,
                        diagnostics& diag);

}  // namespace openrouter::detail

#endif
