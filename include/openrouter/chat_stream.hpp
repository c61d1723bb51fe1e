// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_CHAT_STREAM_HPP
#define OPENROUTER_CHAT_STREAM_HPP

/// @file
/// `chat_stream`: a streamed chat completion as a pull object, an async generator of deltas.
///
/// ```
/// auto s = co_await cli.async_chat_stream(req);   // headers in, status checked
/// while (auto d = co_await s.async_next())         // empty optional: clean end ([DONE])
///     std::cout << d->content;
/// const chat_completion& whole = s.accumulated();  // what async_chat would have returned
/// ```
///
/// ## async_next
/// Completion signature `void(error_code, std::optional<chat_delta>)`. An engaged optional is
/// the next delta; an empty one (with no error) means the stream ended with `data: [DONE]`.
/// Errors, each delivered only after every delta received before it:
///  - `errc::stream_error`-class conditions for an in-band error chunk (HTTP 200 with a
///    top-level `error` object): the code maps like an HTTP status (a 502 in the chunk is
///    `errc::provider_error`), diagnostics carry code, message, metadata.error_type and
///    metadata.provider_code;
///  - `errc::stream_truncated`: the body ended (or the connection closed) before `[DONE]`;
///  - `errc::malformed_http`: the body's chunk framing is invalid (as on a JSON call);
///  - `errc::invalid_response`: a data line that is not a valid chunk (a short, key-scrubbed
///    excerpt is in diagnostics.body_excerpt);
///  - `errc::event_too_large`: an event over `limits.max_event_bytes` (memory stays bounded);
///  - `errc::first_delta_timeout`, `errc::idle_timeout`, `errc::total_timeout`;
///  - `asio::error::operation_aborted` after `cancel()` or per-operation cancellation.
/// Errors are sticky: every later call completes with the same error.
///
/// After `data: [DONE]` the answer is complete: the stream ends cleanly (an empty optional)
/// even if the rest of the body then fails (a body shorter than its Content-Length, a reset,
/// bad framing after [DONE], or no end within 2 s); the connection is then closed instead of
/// returned to the keep-alive cache. Nothing after [DONE] can change the answer, so failing it
/// (and retrying a billed generation) would be worse than finishing it.
///
/// ## Executor, threading, lifetimes
/// At most one `async_next` may be outstanding at a time (like a socket read). The handler is
/// invoked through its associated executor (default: the client's), never inline. With the
/// default token, a delta that is already decoded resumes the awaiting coroutine directly
/// (the coroutine simply goes on, as after any `co_await` of a coroutine that did not
/// suspend), and no handler is involved; otherwise it resumes through the client's executor.
///
/// Two completions need no I/O and are still posted, never invoked inline (also with the
/// default token):
///  - a second `async_next` while one is pending completes with `errc::operation_in_progress`
///    (diagnostics.detail says why) and leaves the pending one and the stream's state alone:
///    posted to the client's executor, run through the handler's associated executor (default:
///    the client's);
///  - `async_next` on an empty stream (default-constructed or moved from) completes with
///    `errc::invalid_request` and an empty optional: there is no client behind it, so it is
///    posted to the system executor (`asio::system_executor`) and run through the handler's
///    associated executor (default: the system executor).
/// A stream is used from one thread at a time: the coroutine (or handlers) reading it. A stream is
/// a movable handle; it keeps the client's internals alive. Destroying it (or `cancel()`) while
/// the response is still arriving closes the connection: for OpenRouter that stops the
/// generation and its billing. A stream that ended cleanly returns its connection to the
/// client's keep-alive cache.
///
/// ## Cancellation
/// Per-operation cancellation of `async_next` (any type) is terminal, as is `cancel()`: the
/// connection is closed and the pending and every later `async_next` complete with
/// `operation_aborted`.
///
/// ## Comments
/// SSE comments (": OPENROUTER PROCESSING") are never deltas; `comments()` counts them and
/// `set_comment_handler` observes them (e.g. for a "still thinking" indicator).

#include <openrouter/chat_delta.hpp>
#include <openrouter/diagnostics.hpp>
#include <openrouter/with_diagnostics.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <type_traits>

namespace openrouter {

namespace detail {
struct stream_impl;
void initiate_next(std::shared_ptr<stream_impl> impl, diagnostics* diag,
                   boost::asio::any_completion_handler<void(error_code, std::optional<chat_delta>)> handler);
// The default-token path of async_next: a coroutine that hands out a delta already decoded
// without leaving the caller's coroutine, and otherwise awaits the general operation.
boost::asio::awaitable<std::optional<chat_delta>> next_awaitable(std::shared_ptr<stream_impl> impl, diagnostics* diag);
struct next_initiation {
    std::shared_ptr<stream_impl> impl;
    template <class Handler>
    void operator()(Handler&& h, diagnostics* d) const
    {
        initiate_next(impl, d, std::forward<Handler>(h));
    }
};
}  // namespace detail

/// A streamed chat (or legacy text) completion, as returned by `client::async_chat_stream` and
/// `client::async_completion_stream`: a move-only handle from which deltas are pulled with
/// `async_next`. See the file comment for errors, executors, threading, lifetimes and
/// cancellation.
class chat_stream {
public:
    /// An empty stream: `async_next` completes with `errc::invalid_request`, posted (never inline;
    /// see "Executor, threading, lifetimes" above).
    chat_stream() noexcept = default;
    /// Wraps the SDK's internal stream state (used by the client; not for applications).
    explicit chat_stream(std::shared_ptr<detail::stream_impl> impl) noexcept : impl_(std::move(impl)) {}
    /// Takes over the stream; the moved-from object is empty.
    chat_stream(chat_stream&&) noexcept = default;
    /// Takes over `other`'s stream (leaving `other` empty) after releasing this one's as the
    /// destructor does: a stream that has not ended is cancelled (its connection closed).
    chat_stream& operator=(chat_stream&& other) noexcept;
    chat_stream(const chat_stream&) = delete;
    chat_stream& operator=(const chat_stream&) = delete;
    /// Closes the connection if the stream has not ended.
    ~chat_stream();

    /// Waits for the next delta. See the file comment for the errors.
    ///
    /// Contract (details in the file comment):
    ///  - Completion signature: `void(error_code, std::optional<chat_delta>)`; an empty optional
    ///    without error is the clean end.
    ///  - Lifetimes: the stream object need not outlive the operation (the operation keeps the
    ///    stream's state alive), but destroying an unfinished stream cancels it; the overload
    ///    taking `diagnostics&` needs it to outlive the operation.
    ///  - Executor: the handler runs through its associated executor (default: the client's),
    ///    never inline; with the default token an already decoded delta resumes the coroutine
    ///    directly.
    ///  - Cancellation: the handler's per-operation cancellation slot is supported; any type is
    ///    terminal (connection closed, this and every later call complete with
    ///    `asio::error::operation_aborted`).
    ///  - Thread safety: one `async_next` outstanding at a time (a second one completes with
    ///    `errc::operation_in_progress`); the stream is used from one thread at a time, except
    ///    `cancel()`.
    ///
    /// With the default token the result is an `asio::awaitable<std::optional<chat_delta>>`, as
    /// for any `use_awaitable` operation, that throws `api_error`. When the delta is already
    /// decoded (a read usually brings many), it is handed over without leaving the caller's
    /// coroutine: no post, no allocation of a handler or of diagnostics. Only when nothing is
    /// queued does it wait through the general operation.
    template <class CompletionToken = default_token>
    auto async_next(CompletionToken&& token = {})
    {
        if constexpr (std::is_same_v<std::decay_t<CompletionToken>, default_token>)
            return detail::next_awaitable(impl_, nullptr);
        else
            return boost::asio::async_initiate<CompletionToken, void(error_code, std::optional<chat_delta>)>(
                detail::next_initiation{impl_}, token, static_cast<diagnostics*>(nullptr));
    }

    /// Same, filling `diag` (which must outlive the operation) on failure. Contract as above.
    template <class CompletionToken = default_token>
    auto async_next(diagnostics& diag, CompletionToken&& token = {})
    {
        if constexpr (std::is_same_v<std::decay_t<CompletionToken>, default_token>)
            return detail::next_awaitable(impl_, &diag);
        else
            return boost::asio::async_initiate<CompletionToken, void(error_code, std::optional<chat_delta>)>(
                detail::next_initiation{impl_}, token, &diag);
    }

    /// Everything delivered so far, folded into a completion (see `chat_accumulator`).
    const chat_completion& accumulated() const noexcept;

    /// True once the stream ended (cleanly or not) and every delta was delivered, or once it was
    /// cancelled. Used by the reader (reads the state on the calling thread).
    bool done() const noexcept;

    /// Stops the stream: closes the connection; pending and later `async_next` calls complete
    /// with `operation_aborted`.
    /// Thread-safe: may be called from any thread at any time, also while another thread reads
    /// the stream (pending `async_next` or not). A delta the reader is taking at that moment is
    /// still handed out; every `async_next` that starts after `cancel()` returns completes with
    /// `operation_aborted`, and the connection is closed on the client's strand as soon as the
    /// reader lets go of the stream's state (docs/design/threads.md). No effect on an empty stream.
    void cancel();

    /// Number of SSE comments received so far.
    std::size_t comments() const noexcept;

    /// Called (on the client's strand) with the text of every SSE comment, e.g.
    /// "OPENROUTER PROCESSING". Set it before the first `async_next`.
    void set_comment_handler(std::function<void(std::string_view)> handler);

private:
    std::shared_ptr<detail::stream_impl> impl_;
};

}  // namespace openrouter

#endif  // OPENROUTER_CHAT_STREAM_HPP
