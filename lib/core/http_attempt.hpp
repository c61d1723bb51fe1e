// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_CORE_HTTP_ATTEMPT_HPP
#define OPENROUTER_LIB_CORE_HTTP_ATTEMPT_HPP

// The HTTP part of one attempt, the one loop shared by JSON operations (json_attempt, below)
// and streams (lib/stream/open_stream.cpp): take a connection from the cache or open one, run
// the exchange on it, give the connection back (closed) when the exchange failed, and send the
// request once more on a new connection when the failed one was a stale keep-alive connection.
// What "the exchange" is (the whole response, or the header only) is the caller's step.

#include "core/operation.hpp"
#include "sansio/classify.hpp"
#include "transport/exchange.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/json/value.hpp>

#include <functional>
#include <memory>
#include <string>

namespace openrouter::detail {

// Takes a connection from the cache, or opens a new one (honouring the connect and TLS
// timeouts). `lease.reused` tells which.
boost::asio::awaitable<error_code> acquire_connection(op_state& op, attempt_io& io, connection_pool::lease& lease);

// True when a failed exchange on a reused connection may be sent again on a new one.
bool is_stale_connection(const connection_pool::lease& lease, int round, error_code ec,
                         const exchange_progress& progress);

// One round of an attempt on connection `c`: sends the request and reads at least the response
// header into `head` (whose capture_fields is already set), recording in `progress` how far it
// got. Called once per round (twice when the first connection was stale), so whatever it
// builds (a parser) it builds anew each time.
using exchange_step =
    std::function<boost::asio::awaitable<error_code>(connection& c, response_head& head, exchange_progress& progress)>;

// Runs the rounds of one attempt of `req` as attempt `io`: acquire, `step`, observe the response
// (client_options::on_response), cancellation check; on failure the connection goes back to the
// pool closed and a stale keep-alive connection is replaced once. On success the connection
// is handed to the caller in `conn` (it releases it when the response is read, or a stream
// keeps it); `head` is the response header. Fills io.diag.detail on failure.
boost::asio::awaitable<error_code> http_attempt(op_state& op, attempt_io& io,
                                                const http::request<http::string_body>& req, const exchange_step& step,
                                                response_head& head, std::unique_ptr<connection>& conn);

// What the response classification (sansio/classify.hpp) needs of a response header, with the
// time of the call as `now`. It views `head`'s strings: `head` must outlive it.
response_info make_response_info(const response_head& head);

// One attempt of a JSON request: http_attempt with the whole response read (bounded), the
// connection released for reuse, then classification of the status and the JSON body, as
// attempt `io` (its diag). On success `out` holds the parsed body; a non-2xx status is an error
// with diagnostics.
boost::asio::awaitable<attempt_result> json_attempt(op_state& op, attempt_io& io,
                                                    const http::request<http::string_body>& req,
                                                    boost::json::value& out, std::string& content_type,
                                                    body_check_fn check = nullptr);

}  // namespace openrouter::detail

#endif
