// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_STREAM_STREAM_IMPL_HPP
#define OPENROUTER_LIB_STREAM_STREAM_IMPL_HPP

// The state behind a `chat_stream`: the connection whose body is the event stream, the SSE and
// chunk decoders, the queue of decoded deltas, the accumulator and the stream's timeouts.
//
// Reading is pull-driven: bytes are read only while an async_next is waiting and the queue is
// empty. One read may decode many events (up to `max_queued` deltas; the rest waits in the read
// buffer); later async_next calls are served from the queue, and then from the bytes still in
// the read buffer (parsed on the caller's thread, refill_from_buffer), without I/O. Socket I/O
// runs on the client's strand; it is the socket that is read, the HTTP parser is fed by hand
// (see read_more for why not http::async_read_some).

#include "core/attempts.hpp"
#include "core/client_impl.hpp"
#include "transport/connection.hpp"
#include "json/chunk_decoder.hpp"

#include <openrouter/chat_delta.hpp>
#include <openrouter/responses.hpp>
#include <openrouter/sse.hpp>

#include <boost/asio/any_completion_executor.hpp>
#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/system_executor.hpp>
#include <boost/beast/core/buffers_range.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/optional/optional.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace openrouter::detail {

struct stream_impl;

// The pluggable decoder of streams of named JSON events (the Responses API). Chat and legacy
// completion streams have none: their data events go to the chunk decoder (the hot path).
struct stream_event_decoder {
    virtual ~stream_event_decoder() = default;
    // Decodes one SSE event, appending to `out`. A fatal problem returns false after setting
    // the stream's error (s.fail) and s.error_diag. May set s.done_seen on a terminal event.
    virtual bool decode(stream_impl& s, const sse::event& ev, std::vector<responses_event>& out) = 0;
};

// A Beast body whose reader hands every body byte (de-chunked, not copied) to the stream.
struct sse_body {
    using value_type = stream_impl*;

    class reader {
    public:
        template <bool isRequest, class Fields>
        reader(boost::beast::http::header<isRequest, Fields>&, value_type& v) : sink_(v)
        {}
        void init(const boost::optional<std::uint64_t>&, boost::system::error_code& ec) { ec = {}; }
        template <class ConstBufferSequence>
        std::size_t put(const ConstBufferSequence& buffers, boost::system::error_code& ec);
        void finish(boost::system::error_code& ec) { ec = {}; }

    private:
        value_type& sink_;
    };
};

using sse_parser = boost::beast::http::response_parser<sse_body>;

struct stream_impl : std::enable_shared_from_this<stream_impl> {
    using handler_type = boost::asio::any_completion_handler<void(error_code, std::optional<chat_delta>)>;
    using event_handler_type = boost::asio::any_completion_handler<void(error_code, std::optional<responses_event>)>;
    // The default-token path (next_awaitable): the delta is left in `handoff`, the handler
    // only hears whether there is one, so that the awaiting coroutine frame holds no delta.
    using handoff_handler_type = boost::asio::any_completion_handler<void(error_code, bool)>;
    using any_handler = std::variant<handler_type, event_handler_type, handoff_handler_type>;

    stream_impl(std::shared_ptr<client_impl> c, std::size_t max_event_bytes)
        : client(std::move(c)), client_executor(client->executor), sse(sse::decoder_options{max_event_bytes})
    {}

    ~stream_impl()
    {
        if (conn)
            client->pool.release(client->pool_key, std::move(conn), false);
    }
    stream_impl(const stream_impl&) = delete;
    stream_impl& operator=(const stream_impl&) = delete;

    // Called by the body reader with body bytes; decodes events into the queue and returns the
    // bytes it used: all of them, or fewer once `max_queued` deltas wait (it then clears the
    // parser's `eager` flag so that the parse stops there). Sets `ec` to stop the parser on a
    // fatal stream error (which is then in `error`).
    std::size_t on_body(std::string_view bytes, boost::system::error_code& ec);

    // Starts the next async_next (on any thread; see chat_stream.hpp for the rules). A call
    // while another is pending completes (posted) with errc::operation_in_progress and leaves
    // the pending one and the stream's state alone.
    void next(diagnostics* d, any_handler h);

    // Who may touch the stream's state (docs/design/threads.md). An async_next owns it from its
    // start until its completion is posted: on the reader's thread while it hands out what is
    // queued (reader), on the client's strand while it reads or recovers (strand). The fast
    // path owns it while it takes one delta (reader). A cancellation from another thread owns
    // it, on the strand, while it closes the connection (cancelling). Nothing else touches it.
    enum : int { owner_none = 0, owner_reader = 1, owner_strand = 2, owner_cancelling = 3 };
    std::atomic<int> owner{owner_none};
    // Takes the state for the reader's thread; false when it is owned (`*seen`: by whom).
    bool own(int* seen = nullptr) noexcept
    {
        int expected = owner_none;
        const bool got = owner.compare_exchange_strong(expected, owner_reader, std::memory_order_seq_cst);
        if (seen != nullptr)
            *seen = expected;
        return got;
    }
    // Gives the state up; a cancellation that found it owned by the reader runs now (posted).
    void release();
    // cancel(), a cancellation slot's handler, the handle's destructor: from any thread.
    // Every later async_next completes with operation_aborted; the connection is closed on the
    // strand as soon as the state can be had (at once, unless the reader is taking a delta).
    void request_cancel();
    // The handle's destructor: cancels a stream that has not ended (see request_cancel).
    void handle_gone();
    // done() of a handle: the stream has ended and nothing queued is left (or it was cancelled).
    bool ended();
    void cancel_on_strand();
    void close();
    // Adds the usage.cost of the chunk whose deltas start at queue[first] to the client's budget.
    void account_chunk_cost(std::size_t first);

    std::shared_ptr<client_impl> client;
    // The client's executor, in the type a handler's associated executor has (see deliver).
    boost::asio::any_completion_executor client_executor;
    std::unique_ptr<connection> conn;
    traffic_permit permit;  // the attempt's traffic slot: dropped when the stream ends
    std::unique_ptr<sse_parser> parser;
    sse::decoder sse;
    chunk_decoder chunks;
    std::vector<chat_delta> queue;
    std::size_t head = 0;
    chat_accumulator acc;

    // Named-event streams (event_decoder set): the decoded events and what they add up to.
    std::unique_ptr<stream_event_decoder> event_decoder;
    std::vector<responses_event> events;
    std::size_t event_head = 0;
    std::string text;
    std::optional<responses_result> final_response;

    bool has_queued() const noexcept { return head < queue.size() || event_head < events.size(); }

    // Sticky failure, delivered after the queue drains.
    error_code error;
    diagnostics error_diag;

    bool done_seen = false;  // data: [DONE] arrived
    bool finished = false;   // no more bytes will be read (body complete or connection gone)
    bool cancelled = false;
    // Set by request_cancel() at once, on the caller's thread, before the strand learns of it:
    // an async_next that follows cancel() never hands out a queued delta.
    std::atomic<bool> cancel_requested{false};
    // A cancellation requested and not yet carried out on the strand.
    std::atomic<bool> cancel_pending{false};
    bool got_delta = false;
    std::size_t comment_count = 0;
    std::size_t events_in_read = 0;
    // Whether the last socket read filled the space it was given (more is likely waiting).
    bool last_read_full = false;
    std::size_t last_read_size = 0;
    // The buffer stays at most 16 KiB (thousands of streams at once each hold one) until the
    // stream has brought 1 MiB: a long, fast stream then reads up to 64 KiB at a time, a
    // quarter of the reads and of their per-read cost.
    static constexpr std::size_t max_read_buffer = std::size_t{16} * 1024;
    static constexpr std::size_t max_read_buffer_long = std::size_t{64} * 1024;
    static constexpr std::uint64_t long_stream_bytes = std::uint64_t{1024} * 1024;
    std::uint64_t body_bytes = 0;
    // Deltas decoded ahead of the consumer per parse: bounds the queue (a chat_delta is ~500 bytes)
    // while keeping the per-read work amortized over many deltas.
    static constexpr std::size_t max_queued = 16;
    std::function<void(std::string_view)> on_comment;

    // Policies after the response header: the operation's attempt driver (stream mode), the
    // attempt this stream reads, where new attempts leave their opened streams, and the partial
    // answer a continue-with-prefill attempt sends.
    std::shared_ptr<attempt_driver> driver;
    int attempt_id = 0;
    std::shared_ptr<std::map<int, std::shared_ptr<stream_impl>>> opened;
    std::shared_ptr<std::string> prefill;
    bool delivered_any = false;  // a delta of the current attempt reached the caller
    bool reported_end = false;   // the driver was told the stream ended
    std::optional<stream_event> pending_notice;

    // Timeouts.
    clock::time_point total_deadline = clock::time_point::max();
    clock::time_point first_delta_deadline = clock::time_point::max();
    std::chrono::milliseconds idle{0};
    bool comments_reset_idle = true;
    clock::time_point last_activity{};

    void fail(error_code ec);
    // A read failed (`now`: when it completed): the stream's error unless [DONE] came; closes.
    void read_failed(const boost::system::error_code& ec, clock::time_point now);
    // The parser reached the end of the body: truncated without [DONE]; the connection goes
    // back to the pool after a clean [DONE], else it is closed.
    void body_complete();
    // The fast path of async_next (the caller's thread, no operation outstanding). ready():
    // a decoded delta can be handed out now (parsing what the read buffer already holds if
    // the queue is empty), with nothing that must come before it (a recovery notice, a
    // cancellation, the first delta of an attempt, which the driver hears of on the strand).
    // take(): the delta to hand out, after ready() returned true; the caller moves from it.
    // Its slot in the queue is cleared with the queue, before the next decode.
    bool ready();
    chat_delta& take();
    // Where a handoff_handler_type delivery leaves its delta.
    std::optional<chat_delta> handoff;
    // Takes over the connection of a newly opened attempt (after a recovered failure).
    void adopt(stream_impl& fresh, int id);
    friend boost::asio::awaitable<void> recover(std::shared_ptr<stream_impl> self, diagnostics* d, any_handler h);

private:
    // Moves the front of the queue into `out` and adds it to the accumulator.
    void pop_delta(std::optional<chat_delta>& out);
    // Empties the queue once every delta in it was taken.
    void recycle_queue() noexcept
    {
        if (head == queue.size() && head != 0) {
            queue.clear();
            head = 0;
        }
    }
    // Parses bytes already in the read buffer (no I/O) until a delta is queued or more bytes
    // are needed. What only the strand may do (finishing the body, a parse error) is left to
    // read_more, which finds `parse_error` or a finished parser and handles them as a read.
    void refill_from_buffer();
    // Parses the read buffer until it is empty, the queue is full (max_queued), the body is
    // complete or an error (kept in parse_error).
    void parse_buffered();
    boost::system::error_code parse_error;
    void read_more(diagnostics* d, any_handler h);
    void on_read(boost::system::error_code ec, std::size_t n, diagnostics* d, any_handler h);
    void deliver(diagnostics* d, any_handler h);
    // Completes `h` (posted) with errc::operation_in_progress, or operation_aborted when a
    // cancellation owns the state (`seen`).
    void reject_owned(diagnostics* d, any_handler h, int seen);
    // On the strand: carries out a pending cancellation if the state can be had.
    void cancel_task();
    // Per-operation cancellation of the async_next `h` (assigned by next, on the caller's side).
    void bind_slot(any_handler& h);
    // The end-of-stream / error result of a delivery with nothing queued.
    error_code end_result(diagnostics* d) const;
};

// Completes the handler of an async_next with `ec` and no value (an empty optional, or false
// for a handoff handler), never inline: posted to `post_ex`, run on the handler's associated
// executor (by default `post_ex`).
template <class V, class Executor>
void post_no_value(boost::asio::any_completion_handler<void(error_code, V)> h, const Executor& post_ex, error_code ec)
{
    auto ex = boost::asio::get_associated_executor(h, post_ex);
    boost::asio::post(post_ex,
                      boost::asio::bind_executor(ex, [h = std::move(h), ec]() mutable { std::move(h)(ec, V{}); }));
}

// async_next on an empty stream (`what`: which kind, for diag.detail): errc::invalid_request.
// There is no client, hence no executor of ours: the system executor posts the completion (never
// inline), and the handler's own associated executor runs it.
template <class V>
void reject_empty_next(diagnostics* d, std::string_view what,
                       boost::asio::any_completion_handler<void(error_code, V)> h)
{
    if (d != nullptr)
        d->detail = "async_next on an empty " + std::string(what);
    post_no_value(std::move(h), boost::asio::system_executor(), error_code(errc::invalid_request));
}

template <class ConstBufferSequence>
std::size_t sse_body::reader::put(const ConstBufferSequence& buffers, boost::system::error_code& ec)
{
    std::size_t n = 0;
    for (auto b : boost::beast::buffers_range_ref(buffers)) {
        const std::string_view piece(static_cast<const char*>(b.data()), b.size());
        const std::size_t used = sink_->on_body(piece, ec);
        sink_->body_bytes += used;
        n += used;
        if (ec || used < b.size())
            return n;
    }
    return n;
}

}  // namespace openrouter::detail

#endif
