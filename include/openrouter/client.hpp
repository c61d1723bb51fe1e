// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_CLIENT_HPP
#define OPENROUTER_CLIENT_HPP

/// @file
/// `openrouter::client`: the entry point. One client holds the configuration, a TLS context
/// and a keep-alive connection cache; every API call is an asynchronous operation on it.
///
/// ## Completion tokens
/// Every `async_*` member accepts any Asio completion token: the default
/// (`openrouter::default_token`, i.e. `with_diagnostics(asio::use_awaitable)`: in a coroutine
/// `co_await cli.async_chat(req)` returns the result or throws `api_error`), `asio::use_awaitable`,
/// `asio::as_tuple(asio::use_awaitable)` (no exceptions), `asio::deferred`, `asio::use_future`,
/// or a plain callback `void(error_code, T)`.
///
/// ## Diagnostics
/// Each operation has an overload taking a `diagnostics&` that the operation clears when it
/// starts and fills when it fails (HTTP status, API error body, Retry-After, attempt log).
/// It must stay alive until the operation completes. Without it, only the default token
/// (and `with_diagnostics(token)`) surface diagnostics, inside the thrown `api_error`.
///
/// ## Executor
/// Handlers are invoked through their associated executor, by default the client's executor;
/// never from inside the initiating call. All internal work of one client runs on one strand
/// of the client's executor, so a client may be used from a multi-threaded `io_context`.
///
/// ## Cancellation
/// Every operation supports per-operation cancellation (`asio::cancellation_signal`,
/// `asio::cancel_after` style tokens, `parallel_group`, `awaitable_operators`). Any
/// cancellation type is treated as terminal: the connection in use is closed (for a streamed
/// generation this is also how OpenRouter stops generating and billing), and the operation
/// completes with `asio::error::operation_aborted`.
///
/// ## Thread safety
/// Distinct objects: safe. Shared `client`: starting operations concurrently from several
/// threads is safe; moving, assigning or destroying it concurrently with another call is not.
///
/// ## Lifetimes
/// Operations keep the client's internals alive: the `client` object may be destroyed (or moved
/// from) while operations are in flight; they run to completion. Arguments are copied or moved
/// into the operation, except `diagnostics&`, which must outlive it.

#include <openrouter/chat.hpp>
#include <openrouter/chat_stream.hpp>
#include <openrouter/client_options.hpp>
#include <openrouter/completion.hpp>
#include <openrouter/detail/typed_initiation.hpp>
#include <openrouter/diagnostics.hpp>
#include <openrouter/error.hpp>
#include <openrouter/request.hpp>
#include <openrouter/with_diagnostics.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/execution_context.hpp>

#include <memory>
#include <type_traits>
#include <utility>

namespace openrouter {

class client;

namespace detail {
struct client_impl;
struct client_access;

void initiate_request(std::shared_ptr<client_impl> impl, api_request req, diagnostics* diag,
                      boost::asio::any_completion_handler<void(error_code, api_response)> handler);
void initiate_chat(std::shared_ptr<client_impl> impl, chat_request req, diagnostics* diag,
                   boost::asio::any_completion_handler<void(error_code, chat_completion)> handler);

void initiate_chat_stream(std::shared_ptr<client_impl> impl, chat_request req, diagnostics* diag,
                          boost::asio::any_completion_handler<void(error_code, chat_stream)> handler);

void initiate_completion(std::shared_ptr<client_impl> impl, completion_request req, diagnostics* diag,
                         boost::asio::any_completion_handler<void(error_code, text_completion)> handler);
void initiate_completion_stream(std::shared_ptr<client_impl> impl, completion_request req, diagnostics* diag,
                                boost::asio::any_completion_handler<void(error_code, chat_stream)> handler);

// The initiation objects of the members below (detail/typed_initiation.hpp).
using request_initiation = typed_initiation<api_response, api_request>;
using chat_initiation = typed_initiation<chat_completion, chat_request>;
using chat_stream_initiation = typed_initiation<chat_stream, chat_request>;
using completion_initiation = typed_initiation<text_completion, completion_request>;
using completion_stream_initiation = typed_initiation<chat_stream, completion_request>;
}  // namespace detail

/// An OpenRouter API client: configuration, TLS context and keep-alive connection cache, shared
/// by every operation started on it. See the file comment for tokens, diagnostics, executors,
/// cancellation, thread safety and lifetimes. Move-only.
class client {
public:
    using executor_type = boost::asio::any_io_executor;  ///< the type of executor operations run on

    /// Makes a client whose operations run on `ex`.
    ///
    /// The API key and base URL are resolved here (options, then `OPENROUTER_API_KEY` /
    /// `OPENROUTER_BASE_URL`, then the default URL). A configuration problem (no key, a bad
    /// URL, a key over plain http to a non-loopback host) does not throw: every operation then
    /// fails with it (`errc::missing_api_key`, `errc::invalid_base_url`,
    /// `errc::insecure_transport`); `config_error()` tells it up front.
    explicit client(executor_type ex, client_options opts = {});

    /// Same, on the executor of an execution context (e.g. an `io_context`).
    template <class ExecutionContext,
              class = std::enable_if_t<std::is_convertible_v<ExecutionContext&, boost::asio::execution_context&>>>
    explicit client(ExecutionContext& ctx, client_options opts = {})
        : client(executor_type(ctx.get_executor()), std::move(opts))
    {}

    /// Moves the client's internals (operations in flight are not affected). A moved-from client
    /// may only be destroyed or assigned to.
    ///@{
    client(client&&) noexcept = default;
    client& operator=(client&&) noexcept = default;
    ///@}
    client(const client&) = delete;
    client& operator=(const client&) = delete;
    ~client();

    /// The executor given at construction: operations run on a strand of it, and it is the
    /// default executor of their handlers.
    executor_type get_executor() const noexcept;

    /// The configuration problem every operation will fail with, if any.
    error_code config_error() const noexcept;

    /// The effective base URL (after environment and defaults).
    const std::string& base_url() const noexcept;

    /// Number of idle keep-alive connections currently cached (for tests and metrics).
    std::size_t idle_connections() const;

    /// A snapshot of the traffic limits' state (client_options::traffic, traffic.hpp): attempts
    /// in flight and waiting, the adaptive rate, the pause after a 429, the cost spent. All zero
    /// (and `budget_usd` empty) when the client has no traffic limit. Safe from any thread.
    traffic_state traffic() const;

    /// Sends a chat completion request (`POST /chat/completions`, not streamed).
    ///
    /// Completion signature: `void(error_code, chat_completion)`.
    /// Errors: see `errc`: transport and timeout conditions, every API status mapped to its
    /// condition with diagnostics (a 200 body that carries an `error` object instead of choices
    /// fails like the status in its `error.code`, 500 when it has none), `invalid_response` for a
    /// body of the wrong shape, `body_too_large`, ...; without I/O, the configuration error
    /// (`missing_api_key`, `invalid_base_url`, `insecure_transport`, see `config_error()`) and
    /// `invalid_request` when `validate(req)` fails (`diagnostics::detail` says why).
    ///
    /// Contract shared by every `async_*` member (the others refer to it):
    ///  - Lifetimes: `req` is moved into the operation; the operation keeps the client's
    ///    internals alive, so the `client` may be destroyed or moved from while it runs. Only a
    ///    `diagnostics&` passed to an overload must outlive the operation.
    ///  - Executor: the handler is invoked through its associated executor (default: the
    ///    client's executor), never from inside the initiating call, also for the errors found
    ///    without I/O; the operation's own work runs on the client's strand.
    ///  - Cancellation: per-operation cancellation through the handler's cancellation slot is
    ///    supported; any cancellation type is terminal: the connection in use is closed (or the
    ///    wait for one stopped) and the operation completes with `asio::error::operation_aborted`.
    ///  - Thread safety: operations may be started concurrently from several threads on one
    ///    client; not concurrently with moving, assigning or destroying it.
    template <class CompletionToken = default_token>
    auto async_chat(chat_request req, CompletionToken&& token = {})
    {
        return boost::asio::async_initiate<CompletionToken, void(error_code, chat_completion)>(
            detail::chat_initiation{impl_, &detail::initiate_chat}, token, static_cast<diagnostics*>(nullptr),
            std::move(req));
    }

    /// Same, filling `diag` on failure (`diag` must outlive the operation).
    template <class CompletionToken = default_token>
    auto async_chat(chat_request req, diagnostics& diag, CompletionToken&& token = {})
    {
        return boost::asio::async_initiate<CompletionToken, void(error_code, chat_completion)>(
            detail::chat_initiation{impl_, &detail::initiate_chat}, token, &diag, std::move(req));
    }

    /// Starts a streamed chat completion (`POST /chat/completions` with `"stream": true`).
    ///
    /// Completion signature: `void(error_code, chat_stream)`. Completes once the response
    /// header is in and its status checked: a non-2xx status fails here, with the same
    /// conditions and diagnostics as `async_chat`; a 2xx that is not `text/event-stream` is
    /// `errc::unexpected_content_type`. Then pull deltas with `chat_stream::async_next`.
    /// Timeouts: `response_headers` and `total` here; `first_delta`, `idle` and `total` while
    /// streaming. Without I/O: the configuration error, or `invalid_request` when
    /// `validate(req)` fails.
    ///
    /// Lifetimes, executor, thread safety: as for `async_chat`. Cancellation: as for
    /// `async_chat`, for this opening operation only; once it completed, the stream is
    /// cancelled through `chat_stream::async_next`'s slot or `chat_stream::cancel()`, and
    /// destroying an unfinished `chat_stream` closes the connection.
    template <class CompletionToken = default_token>
    auto async_chat_stream(chat_request req, CompletionToken&& token = {})
    {
        return boost::asio::async_initiate<CompletionToken, void(error_code, chat_stream)>(
            detail::chat_stream_initiation{impl_, &detail::initiate_chat_stream}, token,
            static_cast<diagnostics*>(nullptr), std::move(req));
    }

    /// Same, filling `diag` on failure (`diag` must outlive the operation).
    template <class CompletionToken = default_token>
    auto async_chat_stream(chat_request req, diagnostics& diag, CompletionToken&& token = {})
    {
        return boost::asio::async_initiate<CompletionToken, void(error_code, chat_stream)>(
            detail::chat_stream_initiation{impl_, &detail::initiate_chat_stream}, token, &diag, std::move(req));
    }

    /// Legacy text completion (`POST /completions`, not streamed).
    /// Completion signature: `void(error_code, text_completion)`; errors as for `async_chat`
    /// (there is no `validate` step for a `completion_request`). Lifetimes, executor,
    /// cancellation, thread safety: as for `async_chat`.
    template <class CompletionToken = default_token>
    auto async_completion(completion_request req, CompletionToken&& token = {})
    {
        return boost::asio::async_initiate<CompletionToken, void(error_code, text_completion)>(
            detail::completion_initiation{impl_, &detail::initiate_completion}, token,
            static_cast<diagnostics*>(nullptr), std::move(req));
    }
    /// Same, filling `diag` on failure (`diag` must outlive the operation).
    template <class CompletionToken = default_token>
    auto async_completion(completion_request req, diagnostics& diag, CompletionToken&& token = {})
    {
        return boost::asio::async_initiate<CompletionToken, void(error_code, text_completion)>(
            detail::completion_initiation{impl_, &detail::initiate_completion}, token, &diag, std::move(req));
    }

    /// Legacy text completion, streamed: like `async_chat_stream`; each delta's `content` is the
    /// new text of its choice, and `to_text_completion(stream.accumulated())` gives the whole.
    /// Completion signature: `void(error_code, chat_stream)`; errors, lifetimes, executor,
    /// cancellation and thread safety as for `async_chat_stream` (no `validate` step).
    template <class CompletionToken = default_token>
    auto async_completion_stream(completion_request req, CompletionToken&& token = {})
    {
        return boost::asio::async_initiate<CompletionToken, void(error_code, chat_stream)>(
            detail::completion_stream_initiation{impl_, &detail::initiate_completion_stream}, token,
            static_cast<diagnostics*>(nullptr), std::move(req));
    }
    /// Same, filling `diag` on failure (`diag` must outlive the operation).
    template <class CompletionToken = default_token>
    auto async_completion_stream(completion_request req, diagnostics& diag, CompletionToken&& token = {})
    {
        return boost::asio::async_initiate<CompletionToken, void(error_code, chat_stream)>(
            detail::completion_stream_initiation{impl_, &detail::initiate_completion_stream}, token, &diag,
            std::move(req));
    }

    /// The generic call: any API operation as method + path + query + JSON body.
    ///
    /// Completion signature: `void(error_code, api_response)`. A 2xx response must be JSON (or
    /// empty); any other status fails with its condition and diagnostics, exactly as for the
    /// typed operations; without I/O, the configuration error. Lifetimes, executor,
    /// cancellation, thread safety: as for `async_chat`.
    template <class CompletionToken = default_token>
    auto async_request(api_request req, CompletionToken&& token = {})
    {
        return boost::asio::async_initiate<CompletionToken, void(error_code, api_response)>(
            detail::request_initiation{impl_, &detail::initiate_request}, token, static_cast<diagnostics*>(nullptr),
            std::move(req));
    }

    /// Same, filling `diag` on failure (`diag` must outlive the operation).
    template <class CompletionToken = default_token>
    auto async_request(api_request req, diagnostics& diag, CompletionToken&& token = {})
    {
        return boost::asio::async_initiate<CompletionToken, void(error_code, api_response)>(
            detail::request_initiation{impl_, &detail::initiate_request}, token, &diag, std::move(req));
    }

private:
    friend struct detail::client_access;
    std::shared_ptr<detail::client_impl> impl_;
};

namespace detail {
// Lets the typed operations of other headers (detail/typed_op.hpp) reach the client's state.
struct client_access {
    static const std::shared_ptr<client_impl>& impl(const client& c) noexcept { return c.impl_; }
};
}  // namespace detail

}  // namespace openrouter

#endif  // OPENROUTER_CLIENT_HPP
