// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The reading half of the state behind chat and Responses streams (stream/stream_impl.hpp):
// body decoding, the pull-driven reads on the client's strand, the end of the body, and
// recovery under the request's policies. Handing out what was read is stream_deliver.cpp.
#include "stream/stream_impl.hpp"

#include "sansio/classify.hpp"
#include "transport/exchange.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>

#include <algorithm>
#include <utility>

namespace openrouter::detail {

namespace asio = boost::asio;
namespace http = boost::beast::http;

void stream_impl::fail(error_code ec)
{
    if (!error)
        error = ec;
}

std::size_t stream_impl::on_body(std::string_view bytes, boost::system::error_code& ec)
{
    const std::size_t total = bytes.size();
    recycle_queue();
    while (!bytes.empty()) {
        if ((queue.size() - head) + (events.size() - event_head) >= max_queued) {
            // Enough decoded ahead of the consumer: stop this parse here. The rest stays in the
            // read buffer; parse_buffered (the fast path or the next read_more) parses it first.
            parser->eager(false);
            return total - bytes.size();
        }
        const sse::decoder::item it = sse.next(bytes);
        bytes.remove_prefix(it.consumed);
        switch (it.kind) {
        case sse::result_kind::need_more: return total;
        case sse::result_kind::comment:
            ++comment_count;
            if (comments_reset_idle)
                ++events_in_read;
            if (on_comment)
                on_comment(it.comment);
            break;
        case sse::result_kind::event: {
            ++events_in_read;
            if (done_seen)
                break;  // nothing after [DONE] counts
            const std::string_view data = it.ev->data;
            if (data == "[DONE]") {
                done_seen = true;
                break;
            }
            if (event_decoder) {
                if (!event_decoder->decode(*this, *it.ev, events)) {
                    ec = error;
                    return total - bytes.size();
                }
                break;
            }
            const std::size_t before = queue.size();
            switch (chunks.decode(data, queue)) {
            case chunk_decoder::result::ok:
                if (client->traffic)
                    account_chunk_cost(before);
                break;
            case chunk_decoder::result::invalid:
                error_diag.http_status = 200;
                error_diag.detail = "invalid stream chunk: " + chunks.why();
                error_diag.body_excerpt = safe_excerpt(data, client->api_key);
                fail(errc::invalid_response);
                ec = error;
                return total - bytes.size();
            case chunk_decoder::result::error_chunk: {
                const auto& eo = chunks.error();
                const int code = status_of_error(eo, 0);
                errc e = read_api_error(eo, code != 0 ? code : 500, client->api_key, error_diag);
                if (code == 0)
                    e = errc::stream_error;
                error_diag.http_status = 200;
                if (error_diag.detail.empty())
                    error_diag.detail = "the stream reported an error after it started";
                fail(e);
                ec = error;
                return total - bytes.size();
            }
            }
            break;
        }
        case sse::result_kind::error:
            error_diag.detail = "an SSE event exceeds limits.max_event_bytes";
            fail(it.error);
            ec = error;
            return total - bytes.size();
        }
    }
    return total;
}

void stream_impl::account_chunk_cost(std::size_t first)
{
    // Only the deltas this chunk appended, and its usage once (a chunk with several choices
    // gives several deltas; an event that appends none must not count an earlier delta's usage).
    for (std::size_t i = first; i < queue.size(); ++i) {
        if (queue[i].usage) {
            account_cost(*client, queue[i].usage.operator->());
            return;
        }
    }
}

void stream_impl::close()
{
    if (conn) {
        conn->close();
        client->pool.release(client->pool_key, std::move(conn), false);
    }
    finished = true;
    permit.reset();
}

void stream_impl::cancel_on_strand()
{
    cancelled = true;
    fail(asio::error::operation_aborted);
    if (driver)
        driver->op()->cancel();  // stops a recovery in progress (its timer and attempts)
    if (conn)
        conn->close();  // a pending read completes with operation_aborted
}

void stream_impl::read_more(diagnostics* d, any_handler h)
{
    if (cancelled || !conn) {
        fail(asio::error::operation_aborted);
        deliver(d, std::move(h));
        return;
    }
    // Bytes already buffered (left by the header read, or by a read whose events filled the
    // queue) are parsed before the socket is read.
    parse_buffered();
    if (parse_error || parser->is_done() || has_queued()) {
        on_read(std::exchange(parse_error, {}), 0, d, std::move(h));
        return;
    }
    clock::time_point dl = total_deadline;
    if (!got_delta)
        dl = std::min(dl, first_delta_deadline);
    if (idle.count() > 0)
        dl = std::min(dl, last_activity + idle);
    if (done_seen)  // only the end of the body is missing: do not wait long for it
        dl = std::min(dl, clock::now() + std::chrono::seconds(2));
    conn->tcp().expires_at(dl);

    // The socket is read directly, not through http::async_read_some: that one keeps reading
    // when a read ends inside the chunk framing (need_more), even if the bytes it did parse
    // completed events; those would wait in the queue for the server's next write. Here every
    // read is parsed and whatever it completed is delivered at once.
    // A read that filled the buffer's free space means more is waiting in the socket: the
    // buffer doubles, up to max_read_buffer (max_read_buffer_long for a long stream).
    auto& buf = conn->buffer;
    const std::size_t cap = body_bytes >= long_stream_bytes ? max_read_buffer_long : max_read_buffer;
    if (last_read_full && buf.capacity() < cap)
        buf.reserve(std::min(std::max<std::size_t>(2 * buf.capacity(), 1024), cap));
    const std::size_t want = std::max<std::size_t>(buf.capacity() - buf.size(), 512);
    const boost::asio::mutable_buffer space = buf.prepare(want);  // the buffer has no size limit
    last_read_size = want;
    conn->visit([&](auto& s) {
        s.async_read_some(space, [self = shared_from_this(), d, h = std::move(h)](boost::system::error_code ec,
                                                                                  std::size_t n) mutable {
            self->on_read(ec, n, d, std::move(h));
        });
    });
}

void stream_impl::parse_buffered()
{
    if (!conn || !parser || parse_error || parser->is_done())
        return;
    auto& buf = conn->buffer;
    while (buf.size() > 0 && !parser->is_done()) {
        // on_body clears `eager` to stop the parse once max_queued deltas wait.
        parser->eager(true);
        boost::system::error_code ec;
        const std::size_t n = parser->put(buf.data(), ec);
        buf.consume(n);
        if (ec == http::error::need_more)
            break;
        if (ec) {
            parse_error = ec;
            break;
        }
        if (n == 0)
            break;
    }
}

void stream_impl::on_read(boost::system::error_code ec, std::size_t n, diagnostics* d, any_handler h)
{
    if (n > 0 && conn) {
        last_read_full = n >= last_read_size;
        conn->buffer.commit(n);
        parse_buffered();
        if (!ec)
            ec = std::exchange(parse_error, {});
    } else if (ec == asio::error::eof && conn && parser->got_some() && !parser->is_done()) {
        // The server closed: complete a body delimited by the end of the connection, or fail
        // as truncated.
        boost::system::error_code eof_ec;
        parser->put_eof(eof_ec);
        if (parser->is_done())
            ec = {};
    }
    const auto now = clock::now();
    if (events_in_read > 0) {
        last_activity = now;
        events_in_read = 0;
    }
    if (has_queued())
        got_delta = true;

    if (cancelled) {
        fail(asio::error::operation_aborted);
        close();
    } else if (ec) {
        read_failed(ec, now);
    } else if (parser->is_done()) {
        body_complete();
    }
    if (has_queued() || error || finished) {
        deliver(d, std::move(h));
        return;
    }
    read_more(d, std::move(h));
}

void stream_impl::read_failed(const boost::system::error_code& ec, clock::time_point now)
{
    if (!error && !done_seen) {  // after [DONE] a failing drain is not the caller's problem
        if (ec == boost::beast::error::timeout) {
            if (now >= total_deadline)
                fail(errc::total_timeout);
            else if (!got_delta && now >= first_delta_deadline)
                fail(errc::first_delta_timeout);
            else
                fail(errc::idle_timeout);
            error_diag.detail =
                std::string("stream timed out (") + std::string(to_string(static_cast<errc>(error.value()))) + ")";
        } else if (ec.category() == http::make_error_code(http::error::bad_chunk).category() &&
                   ec != http::error::partial_message && ec != http::error::end_of_stream &&
                   ec != http::error::short_read) {
            // Bad chunk framing or another invalid byte: the same condition as on a JSON call.
            error_diag.detail = "invalid HTTP: " + ec.message();
            fail(errc::malformed_http);
        } else {
            error_diag.detail = "the event stream ended before [DONE]: " + ec.message();
            fail(errc::stream_truncated);
        }
    }
    close();
}

void stream_impl::body_complete()
{
    if (!done_seen && !error) {
        error_diag.detail = sse.finish() ? "the body ended in the middle of an event" : "the body ended before [DONE]";
        fail(errc::stream_truncated);
    }
    finished = true;
    if (conn && done_seen && !error && parser->get().keep_alive()) {
        conn->tcp().expires_never();
        conn->buffer.shrink_to_fit();  // an idle connection keeps no grown read buffer
        ++conn->requests;
        client->pool.release(client->pool_key, std::move(conn), true);
    } else {
        close();
    }
    permit.reset();
}

void stream_impl::adopt(stream_impl& fresh, int id)
{
    conn = std::move(fresh.conn);
    permit = std::move(fresh.permit);
    parser = std::move(fresh.parser);
    parser->get().body() = this;
    // A hedged attempt has read up to its first delta (open_stream.hpp): take what it decoded.
    // Any other fresh attempt has read nothing yet, so this is a reset.
    sse = std::move(fresh.sse);
    queue = std::move(fresh.queue);
    head = fresh.head;
    error = fresh.error;
    error_diag = std::move(fresh.error_diag);
    done_seen = fresh.done_seen;
    finished = fresh.finished;
    got_delta = fresh.got_delta;
    parse_error = fresh.parse_error;
    last_read_full = false;
    delivered_any = false;
    first_delta_deadline = fresh.first_delta_deadline;
    last_activity = clock::now();
    attempt_id = id;
}

asio::awaitable<void> recover(std::shared_ptr<stream_impl> self, diagnostics* d, stream_impl::any_handler h)
{
    // The partial answer, for a continue-with-prefill attempt.
    if (self->prefill && !self->acc.result().choices.empty())
        *self->prefill = self->acc.result().choices.front().message.text();
    // The opening operation's diagnostics belonged to its caller and may be gone by now (a
    // with_diagnostics token frees them once the stream is open): from here on the loop writes
    // into the operation's own.
    self->driver->op()->diag = &self->driver->op()->own_diag;
    const std::pair<error_code, int> r =
        co_await self->driver->fail_and_rerun(self->attempt_id, self->error, self->error_diag);
    if (r.first || self->cancelled) {
        self->error = self->cancelled ? error_code(asio::error::operation_aborted) : r.first;
        self->error_diag = *self->driver->op()->diag;
        self->driver.reset();  // the loop is done: deliver the error
        self->deliver(d, std::move(h));
        co_return;
    }
    std::shared_ptr<stream_impl> fresh = std::move((*self->opened)[r.second]);
    self->opened->erase(r.second);
    self->adopt(*fresh, r.second);
    switch (self->driver->resume_of(r.second)) {
    case attempt_loop::resume_mode::fresh: break;  // nothing was shown: invisible
    case attempt_loop::resume_mode::restart:
        self->acc.clear();
        self->pending_notice = stream_event::restarted;
        break;
    case attempt_loop::resume_mode::continue_with_prefill: self->pending_notice = stream_event::continued; break;
    }
    if (self->pending_notice || self->has_queued() || self->finished)
        self->deliver(d, std::move(h));
    else
        self->read_more(d, std::move(h));
}

void stream_impl::refill_from_buffer()
{
    if (!conn || !parser || finished || done_seen || error || parse_error || event_decoder || parser->is_done())
        return;
    parse_buffered();
    if (events_in_read > 0) {
        last_activity = clock::now();
        events_in_read = 0;
    }
    if (has_queued())
        got_delta = true;
}

}  // namespace openrouter::detail
