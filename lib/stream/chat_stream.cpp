// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include <openrouter/chat_stream.hpp>

#include "stream/stream_impl.hpp"

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/system_executor.hpp>

#include <utility>

namespace openrouter {

namespace asio = boost::asio;

namespace detail {

namespace {
void initiate_handoff(std::shared_ptr<stream_impl> impl, diagnostics* diag,
                      asio::any_completion_handler<void(error_code, bool)> handler)
{
    if (!impl) {
        reject_empty_next(diag, "chat_stream", std::move(handler));
        return;
    }
    impl->next(diag, stream_impl::any_handler(std::in_place_index<2>, std::move(handler)));
}

struct handoff_initiation {
    std::shared_ptr<stream_impl> impl;
    template <class Handler>
    void operator()(Handler&& h, diagnostics* d) const
    {
        initiate_handoff(impl, d, std::forward<Handler>(h));
    }
};

// The general path of next_awaitable: completes with whether a delta waits in impl->handoff.
asio::awaitable<bool> general_next(std::shared_ptr<stream_impl> impl, diagnostics* diag)
{
    const default_token token;
    return asio::async_initiate<const default_token, void(error_code, bool)>(handoff_initiation{std::move(impl)}, token,
                                                                             diag);
}
}  // namespace

// Gives the stream's state up when it leaves scope.
struct owner_guard {
    explicit owner_guard(stream_impl* i) noexcept : impl(i) {}
    stream_impl* impl;
    owner_guard(const owner_guard&) = delete;
    owner_guard& operator=(const owner_guard&) = delete;
    ~owner_guard() { impl->release(); }
};

// A coroutine frame over 1,020 bytes misses Asio's frame cache and costs a malloc per call:
// this frame holds no chat_delta besides its result (the delta is moved straight from the
// queue, or from impl->handoff, into the result).
asio::awaitable<std::optional<chat_delta>> next_awaitable(std::shared_ptr<stream_impl> impl, diagnostics* diag)
{
    // (GCC 12: no temporaries in the co_await full-expression; see docs/design/architecture.md.)
    // The fast path owns the stream's state while it takes the delta (stream_impl::owner): a
    // cancel() from another thread then waits for it instead of touching the state at once.
    if (impl && impl->own()) {
        if (impl->ready()) {
            if (diag != nullptr)
                diag->clear();
            const owner_guard release_after_move{impl.get()};  // runs after co_return moved the delta
            co_return std::move(impl->take());
        }
        impl->release();
    }
    auto op = general_next(impl, diag);
    const bool has = co_await std::move(op);
    if (!has)
        co_return std::nullopt;
    co_return std::move(*impl->handoff);
}

void initiate_next(std::shared_ptr<stream_impl> impl, diagnostics* diag,
                   asio::any_completion_handler<void(error_code, std::optional<chat_delta>)> handler)
{
    if (!impl) {
        reject_empty_next(diag, "chat_stream", std::move(handler));  // posted, never inline
        return;
    }
    impl->next(diag, stream_impl::any_handler(std::in_place_index<0>, std::move(handler)));
}

}  // namespace detail

chat_stream& chat_stream::operator=(chat_stream&& other) noexcept
{
    if (this != &other) {
        chat_stream old(std::move(*this));
        impl_ = std::move(other.impl_);
    }
    return *this;
}

chat_stream::~chat_stream()
{
    if (impl_)
        impl_->handle_gone();
}

const chat_completion& chat_stream::accumulated() const noexcept
{
    static const chat_completion empty;
    return impl_ ? impl_->acc.result() : empty;
}

bool chat_stream::done() const noexcept
{
    return !impl_ || impl_->ended();
}

void chat_stream::cancel()
{
    if (!impl_)
        return;
    impl_->request_cancel();
}

std::size_t chat_stream::comments() const noexcept
{
    return impl_ ? impl_->comment_count : 0;
}

void chat_stream::set_comment_handler(std::function<void(std::string_view)> handler)
{
    if (impl_)
        impl_->on_comment = std::move(handler);
}

}  // namespace openrouter
