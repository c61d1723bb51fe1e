// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Hedged streams: reading an attempt's event stream up to its first delta (open_stream.hpp).

#include "stream/open_stream.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/read.hpp>

#include <algorithm>
#include <chrono>

namespace openrouter::detail {

namespace asio = boost::asio;
namespace http = boost::beast::http;

asio::awaitable<error_code> read_first_delta(op_state& op, attempt_io& io, stream_impl& s)
{
    while (!s.has_queued() && !s.error && !s.finished) {
        if (io.cancelled || op.cancelled || !s.conn) {
            s.fail(asio::error::operation_aborted);
            break;
        }
        // Nothing was delivered yet: the first-delta deadline holds (set when the header came).
        clock::time_point dl = std::min(s.total_deadline, s.first_delta_deadline);
        if (s.idle.count() > 0)
            dl = std::min(dl, s.last_activity + s.idle);
        if (s.done_seen)
            dl = std::min(dl, clock::now() + std::chrono::seconds(2));
        s.conn->tcp().expires_at(dl);
        // Not eager: an eager parse goes on past a chunk body (its trailing CRLF starts the next
        // chunk header, so put() reports need_more) and Beast's read_some then waits for the next
        // chunk, holding a decoded first delta back until the server sends more. Here each read
        // completes after one chunk element, so a delta is seen as soon as its chunk is in.
        s.parser->eager(false);
        connection& c = *s.conn;
        io.active = &c;
        auto [ec, n] = co_await c.visit([&](auto& st) {
            return http::async_read_some(st, c.buffer, *s.parser, asio::as_tuple(asio::use_awaitable));
        });
        io.active = nullptr;
        (void)n;
        const auto now = clock::now();
        if (s.events_in_read > 0) {
            s.last_activity = now;
            s.events_in_read = 0;
        }
        if (io.cancelled || op.cancelled) {
            s.fail(asio::error::operation_aborted);
            s.close();
        } else if (ec) {
            s.read_failed(ec, now);
        } else if (s.parser->is_done()) {
            s.body_complete();
        }
    }
    if (s.has_queued()) {
        s.got_delta = true;
        co_return error_code{};  // a failure after it is the caller's, after the delta
    }
    if (s.error) {
        s.close();
        const int status = io.diag.http_status;
        io.diag = s.error_diag;
        if (io.diag.http_status == 0)
            io.diag.http_status = status;
        co_return s.error;
    }
    co_return error_code{};  // ended cleanly without a delta: nothing to race for
}

}  // namespace openrouter::detail
