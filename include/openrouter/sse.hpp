// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_SSE_HPP
#define OPENROUTER_SSE_HPP

/// @file
/// A sans-io decoder for `text/event-stream` (server-sent events).
///
/// `openrouter::sse::decoder` turns bytes, delivered in pieces of any size, into the events and
/// comments of the stream. It does no I/O, owns no socket and no executor: the caller reads bytes
/// however it likes (Beast, a file, a test vector) and hands them to `next()`. The SDK's streaming
/// chat uses it on its per-delta hot path; it is public so that users can consume their own SSE
/// endpoints with it (see docs/sse.md).
///
/// Conformance. The decoder follows the WHATWG HTML "interpreting an event stream" rules:
///  * lines end with CRLF, LF or CR; a CRLF split between two pieces is one line ending;
///  * one leading UTF-8 byte order mark (EF BB BF) is stripped, also when split between pieces;
///    a second one is an ordinary part of the first line;
///  * a line starting with ':' is a comment; it is reported (never dispatched as an event);
///  * otherwise the field name is everything before the first ':' (the whole line when there is
///    none, with an empty value); one space after the colon is stripped, and only one;
///  * `data` appends its value to the data buffer, several lines joined with LF;
///    `event` sets the event type buffer; `id` sets the last event ID buffer unless the value
///    contains NUL; `retry` sets the reconnection time when the value is ASCII digits only;
///    every other field name (names are case-sensitive) is ignored;
///  * a blank line dispatches: the last event ID is set from its buffer; if the data buffer is
///    empty nothing is dispatched (the event type buffer is still reset), otherwise an event is
///    reported with the type "message" when the event type buffer is empty;
///  * the last event ID is not reset between events;
///  * at the end of the input a pending event (no blank line yet) is discarded, never dispatched:
///    `finish()` says whether that happened.
/// Deliberate differences, all for byte transparency and speed:
///  * bytes are passed through as they are. Multi-byte UTF-8 split between pieces arrives
///    intact, but invalid UTF-8 is not replaced by U+FFFD as a browser would do: validate it in
///    the consumer (Boost.JSON rejects invalid UTF-8 in JSON strings by default);
///  * a `retry` value too large for 64 bits is ignored (a browser would take the huge number);
///  * the comment text is reported with one leading space stripped, like a field value.
///
/// Limits. `decoder_options::max_event_bytes` bounds the bytes the decoder holds for the pending
/// event: for every line, the data of the event so far (lines joined with LF) plus the length of
/// that line (without its terminator) must not exceed it. A longer line or event fails with
/// `errc::event_too_large`, an error code (no exception), detected as soon as the bytes that
/// exceed it arrive. The decoder never buffers more than the limit, whatever the input.
///
/// Allocation. The decoder owns one byte buffer for the pending event (data and a partial line),
/// allocated on first need and grown geometrically, never past the limit, and reused for every
/// event: a stream of events of similar size allocates nothing in steady state. The event type
/// and the last event ID are kept in strings whose capacity is reused too.
///
/// Thread safety: a decoder is a plain value with no shared state. Distinct decoders may be used
/// concurrently; one decoder must not be used by two threads at once.

#include <boost/system/error_code.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace openrouter::sse {

/// One dispatched event. Every view is valid until the next call of `next()`, `finish()` or
/// `reset()` on the decoder that produced it, or until the decoder is moved or destroyed; a view
/// into the caller's input (see `decoder::next`) is also invalidated by changing that input.
struct event {
    /// The event type: the value of the last `event` field of the event, or "message" when there
    /// was none or it was empty. This is what an `EventSource` dispatches on.
    std::string_view type;
    /// The event type buffer as the stream set it: empty when the stream sent no `event` field or
    /// an empty one (`type` is then "message").
    std::string_view raw_type;
    /// The values of the event's `data` lines joined with LF (no trailing LF). May be empty: a
    /// `data` line with an empty value still makes an event.
    std::string_view data;
    /// The last event ID at dispatch: the value of the latest `id` field of the stream so far
    /// (not only of this event), empty when there was none or the latest was empty.
    std::string_view id;
    /// The reconnection time (milliseconds) set by a valid `retry` field of this event's lines,
    /// if any. The value in effect for the stream is `decoder::reconnection_time()`, which also
    /// sees `retry` fields in blocks that dispatch no event.
    std::optional<std::uint64_t> retry;
};

/// Options of a decoder.
struct decoder_options {
    /// Upper bound of a pending event: its data so far plus the line being read (see the file
    /// comment). Larger input fails with `errc::event_too_large`. 0 admits only empty lines.
    std::size_t max_event_bytes = std::size_t{1} << 20;
};

/// What `decoder::next` reports.
enum class result_kind : unsigned char {
    need_more,  ///< the input is exhausted (all of it consumed); call again with the next bytes
    event,      ///< `item::ev` holds a dispatched event
    comment,    ///< `item::comment` holds the text of a comment line (":..." )
    error,      ///< `item::error` holds the failure; the decoder stays failed (see `next`)
};

/// The incremental decoder of one event stream at a time (reusable for the next one).
///
/// Usage: feed each piece of bytes, repeatedly, until it is used up:
///
///     for (;;) {
///         auto it = dec.next(input);
///         input.remove_prefix(it.consumed);
///         if (it.kind == result_kind::need_more) break;   // input is now empty
///         ... handle *it.ev / it.comment / it.error ...
///     }
///
/// and call `finish()` when the stream ends (EOF) to learn whether it was cut mid-event.
class decoder {
public:
    /// One result of `next()`. Small on purpose (64 bytes): it is made once per event on the hot
    /// path, and the event itself lives in the decoder.
    struct item {
        result_kind kind = result_kind::need_more;  ///< what this result is; says which member below is set
        /// Bytes of the input consumed, from its start. The caller passes the rest (and then the
        /// next piece) to the following call; consumed bytes are never needed again, so the caller
        /// may discard or overwrite them once it is done with this item's views.
        std::size_t consumed = 0;
        /// When kind == event: the event, owned by the decoder; otherwise null.
        const sse::event* ev = nullptr;
        /// When kind == comment: the text after ':' (one leading space stripped).
        std::string_view comment;
        /// When kind == error: the failure.
        boost::system::error_code error;
    };

    /// A decoder with the given limits. Allocates nothing until it needs to buffer bytes.
    explicit decoder(decoder_options options = {}) noexcept;

    /// Moves the state (assignment replaces this decoder's own); `other` is left as if
    /// `reset()` (with no buffer). Views from `other` are invalidated.
    ///@{
    decoder(decoder&& other) noexcept;
    decoder& operator=(decoder&& other) noexcept;
    ///@}
    decoder(const decoder&) = delete;
    decoder& operator=(const decoder&) = delete;
    ~decoder() = default;

    /// Consumes a prefix of `input` and reports the first item found in it.
    ///
    /// * `event` / `comment`: `consumed` ends just after the line that completed the item. Call
    ///   again with the rest of the input: more items may be in it.
    /// * `need_more`: all of `input` was consumed (`consumed == input.size()`); a partial line or
    ///   a pending event was copied into the decoder. Call again with the next bytes.
    /// * `error`: `errc::event_too_large`. The decoder is failed: every further `next()` returns
    ///   the same error and consumes nothing, until `finish()` or `reset()`. Its `consumed`
    ///   counts the bytes before the line that exceeded the limit.
    ///
    /// The event `ev` points to, and every view, is valid until the next call on this decoder
    /// (`next`, `finish`, `reset`, assignment).
    ///
    /// Zero copy: when an event's data is a single `data` line and that line and the blank line
    /// dispatching it are both inside `input`, `ev->data` points into `input`; a comment inside
    /// `input` points into `input` too. Otherwise the views point into the decoder. Either way
    /// they are valid until the next call on this decoder and, when into `input`, while the
    /// caller keeps those input bytes unchanged. Copy what you need to keep.
    ///
    /// Allocates only while the pending event's buffer grows (bounded by the limit) and when the
    /// event type or last event ID outgrows its previous capacity. Throws nothing but the
    /// `std::bad_alloc` of a failed allocation; errors of the stream are reported as items.
    ///
    /// Cost: one pass over the bytes looking for CR and LF (AVX2 or SSE2 when the CPU has them),
    /// plus a copy only for the parts of an event that straddle two inputs.
    [[nodiscard]] item next(std::string_view input);

    /// Ends the current stream (EOF), discarding whatever is pending, and prepares the decoder
    /// for the next stream (a reconnection): the next input may again start with a byte order
    /// mark. The last event ID and the reconnection time are kept, as an `EventSource` keeps
    /// them across reconnections (send the ID as `Last-Event-ID`). The next stream's last event
    /// ID buffer starts from it, so a blank line without an `id` field after the reconnection
    /// does not clear it. An `id` field read after the last blank line was never committed and is
    /// dropped with the pending event.
    ///
    /// Returns `errc::stream_truncated` when the stream ended in the middle of an event: data
    /// lines without their dispatching blank line, or an unterminated line. Returns the error of
    /// a failed decoder (`errc::event_too_large`). Returns an empty code when the stream ended
    /// cleanly at an event boundary.
    boost::system::error_code finish();

    /// Returns the decoder to its constructed state, forgetting the last event ID and the
    /// reconnection time too. Keeps its buffer's capacity.
    void reset() noexcept;

    /// The last event ID string: set by a blank line from the latest `id` field, kept across
    /// events and across `finish()`. Valid until the next call of a non-const member.
    [[nodiscard]] std::string_view last_event_id() const noexcept { return last_id_; }

    /// The reconnection time in milliseconds from the latest valid `retry` field, if any; kept
    /// across `finish()`. (A `retry` field takes effect as soon as its line is read.)
    [[nodiscard]] std::optional<std::uint64_t> reconnection_time() const noexcept { return reconnection_time_; }

    /// Bytes of memory currently held by the pending-event buffer (its capacity). Never more than
    /// `max_event_bytes`; useful for memory accounting and tests.
    [[nodiscard]] std::size_t buffer_capacity() const noexcept { return cap_; }

    /// The options the decoder was made with.
    [[nodiscard]] const decoder_options& options() const noexcept { return opts_; }

private:
    bool process_line(std::string_view line, bool in_buffer, item& out);
    bool dispatch(item& out);  // the blank line: true when an event is dispatched
    bool append_carry(const char* first, std::size_t n);
    void reserve(std::size_t n);
    void materialize_data();
    void append_data(std::string_view value);
    void start_stream() noexcept;

    decoder_options opts_;
    event event_;  // the event of the latest `event` item

    // Pending-event buffer: [0, data_size_) the data joined with LF (unless `view_` holds it),
    // [data_size_, size_) a partial line carried over from an earlier call.
    std::unique_ptr<char[]> buf_;
    std::size_t cap_ = 0;
    std::size_t size_ = 0;
    std::size_t data_size_ = 0;
    const char* view_ = nullptr;  // data of the only data line so far, inside this call's input

    std::string type_;     // event type buffer
    std::string id_buf_;   // last event ID buffer
    std::string last_id_;  // last event ID string (committed by a blank line)
    std::optional<std::uint64_t> reconnection_time_;
    std::optional<std::uint64_t> event_retry_;
    boost::system::error_code failed_;

    bool has_data_ = false;       // a data line was seen since the last blank line
    bool id_dirty_ = false;       // id_buf_ differs from last_id_
    bool clear_type_ = false;     // type_ is cleared lazily (an event may view it)
    bool cr_pending_ = false;     // the last line ended with CR at the end of a piece
    bool bom_done_ = false;       // the BOM check of this stream is over
    unsigned char bom_seen_ = 0;  // BOM bytes matched so far
};

}  // namespace openrouter::sse

#endif  // OPENROUTER_SSE_HPP
