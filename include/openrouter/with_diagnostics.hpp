// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_WITH_DIAGNOSTICS_HPP
#define OPENROUTER_WITH_DIAGNOSTICS_HPP

/// @file
/// `with_diagnostics(token)`: a completion-token adapter that turns an operation's
/// `void(error_code, T)` into `void(std::exception_ptr, T)`, where the exception is an
/// `openrouter::api_error` carrying the operation's `diagnostics`.
///
/// It is the default completion token of every `client` operation (wrapping
/// `asio::use_awaitable`), so that in a coroutine `co_await cli.async_chat(req)` throws
/// `api_error` on failure.
///
/// Why not `asio::deferred` (the default of newer Asio): in Boost 1.81, `co_await` on a deferred
/// operation whose signature starts with `std::exception_ptr` does not compile
/// (`awaitable_async_op_handler::resume` dereferences the result struct instead of its
/// exception pointer). `with_diagnostics(asio::use_awaitable)` takes the working path. Do not
/// `co_await` a `with_diagnostics(asio::deferred)` operation on Boost 1.81.
/// Any token can be wrapped: `with_diagnostics(asio::use_future)` gives futures whose
/// exception is an `api_error`.
///
/// For the no-throw path use `asio::as_tuple(token)` (or a plain callback) instead, and the
/// operation overload that takes a `diagnostics&` to read the why.
///
/// Protocol (for operations of this SDK only): the initiation receives a `diagnostics*` as its
/// first argument after the handler. When it is null, the adapter allocates the storage and
/// owns it in the handler; otherwise the caller's storage is used.

#include <openrouter/diagnostics.hpp>

#include <boost/asio/associator.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <exception>
#include <memory>
#include <type_traits>
#include <utility>

namespace openrouter {

/// The adapter token. Holds the wrapped token.
template <class CompletionToken>
struct with_diagnostics_t {
    CompletionToken token;  ///< the wrapped token, which receives `void(std::exception_ptr, T)`
};

/// Wraps `token`.
template <class CompletionToken>
constexpr with_diagnostics_t<std::decay_t<CompletionToken>> with_diagnostics(CompletionToken&& token)
{
    return {std::forward<CompletionToken>(token)};
}

/// The default completion token of the SDK's operations: `with_diagnostics(asio::use_awaitable)`.
using default_token = with_diagnostics_t<boost::asio::use_awaitable_t<>>;

namespace detail {

// The handler the adapter gives to the operation: translates (ec, T) into (exception_ptr, T).
template <class Handler, class T>
class diag_handler {
public:
    diag_handler(Handler h, std::unique_ptr<diagnostics> owned, diagnostics* d)
        : handler_(std::move(h)), owned_(std::move(owned)), diag_(d)
    {}

    void operator()(error_code ec, T value)
    {
        std::exception_ptr ex;
        if (ec)
            ex = std::make_exception_ptr(api_error(ec, *diag_));
        std::move(handler_)(std::move(ex), std::move(value));
    }

    const Handler& inner() const noexcept { return handler_; }

private:
    Handler handler_;
    std::unique_ptr<diagnostics> owned_;
    diagnostics* diag_;
};

}  // namespace detail
}  // namespace openrouter

namespace boost::asio {

/// Makes `with_diagnostics(token)` a completion token for operations of this SDK whose
/// signature is `void(error_code, T)`: the wrapped token receives `void(std::exception_ptr, T)`.
template <class CompletionToken, class T>
struct async_result<openrouter::with_diagnostics_t<CompletionToken>, void(openrouter::error_code, T)> {
    /// Starts the operation with the wrapped token. `user` is the caller's `diagnostics`
    /// storage, or null: then the adapter allocates one and owns it in the handler, so that it
    /// lives until the completion. The handler passed to the operation keeps the wrapped
    /// handler's associated executor, allocator and cancellation slot (see the `associator`
    /// specialisation below), so the operation's executor and cancellation contract is
    /// unchanged. On completion it calls the wrapped handler with a null exception pointer on
    /// success, or an `api_error` (code and diagnostics) on failure, and the value.
    template <class Initiation, class RawToken, class... Args>
    static auto initiate(Initiation&& init, RawToken&& token, openrouter::diagnostics* user, Args&&... args)
    {
        return async_initiate<std::conditional_t<std::is_const_v<std::remove_reference_t<RawToken>>,
                                                 const CompletionToken, CompletionToken>,
                              void(std::exception_ptr, T)>(
            [init = std::forward<Initiation>(init)](auto handler, openrouter::diagnostics* u, auto&&... a) mutable {
                std::unique_ptr<openrouter::diagnostics> owned;
                if (u == nullptr)
                    owned = std::make_unique<openrouter::diagnostics>();
                openrouter::diagnostics* d = u != nullptr ? u : owned.get();
                std::move(init)(
                    openrouter::detail::diag_handler<decltype(handler), T>(std::move(handler), std::move(owned), d), d,
                    std::forward<decltype(a)>(a)...);
            },
            token.token, user, std::forward<Args>(args)...);
    }
};

template <template <class, class> class Associator, class Handler, class T, class DefaultCandidate>
struct associator<Associator, openrouter::detail::diag_handler<Handler, T>, DefaultCandidate>
    : Associator<Handler, DefaultCandidate> {
    static typename Associator<Handler, DefaultCandidate>::type
    get(const openrouter::detail::diag_handler<Handler, T>& h) noexcept
    {
        return Associator<Handler, DefaultCandidate>::get(h.inner());
    }
    static auto get(const openrouter::detail::diag_handler<Handler, T>& h, const DefaultCandidate& c) noexcept
        -> decltype(Associator<Handler, DefaultCandidate>::get(h.inner(), c))
    {
        return Associator<Handler, DefaultCandidate>::get(h.inner(), c);
    }
};

}  // namespace boost::asio

#endif  // OPENROUTER_WITH_DIAGNOSTICS_HPP
