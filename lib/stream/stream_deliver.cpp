// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The delivering half of the state behind chat and Responses streams (stream/stream_impl.hpp):
// async_next's entry (next), the fast path (ready/take), and the posted completion of every
// async_next (deliver, reject_in_progress). Reading and recovery are stream_impl.cpp.
#include "stream/stream_impl.hpp"

#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

#include <utility>

namespace openrouter::detail {

namespace asio = boost::asio;

void stream_impl::next(diagnostics* d, any_handler h)
{
    int seen = owner_none;
    if (!own(&seen)) {
        reject_owned(d, std::move(h), seen);
        return;
    }
    if (d != nullptr)
        d->clear();
    bind_slot(h);
    if (cancel_requested.load(std::memory_order_seq_cst) && !cancelled) {
        // cancel() came while the reader held the state: the connection is closed on the strand
        // first, then this async_next completes with operation_aborted.
        owner.store(owner_strand, std::memory_order_seq_cst);
        asio::dispatch(client->strand, [self = shared_from_this(), d, h = std::move(h)]() mutable {
            self->cancel_pending.store(false, std::memory_order_seq_cst);
            if (!self->cancelled)
                self->cancel_on_strand();
            self->deliver(d, std::move(h));
        });
        return;
    }
    if (has_queued() || error || finished || pending_notice) {
        // A delivery that tells the attempt driver something (the attempt's first delta, its end,
        // a failure to recover from) runs on the strand, which owns the driver; a later queued
        // delta is handed out here, on the reader's thread.
        if (driver && (!delivered_any || !has_queued())) {
            owner.store(owner_strand, std::memory_order_seq_cst);
            asio::dispatch(client->strand, [self = shared_from_this(), d, h = std::move(h)]() mutable {
                self->deliver(d, std::move(h));
            });
            return;
        }
        deliver(d, std::move(h));
        return;
    }
    // I/O happens on the client's strand. After [DONE] this reads the end of the body (usually
    // already buffered) so that the connection can be reused.
    owner.store(owner_strand, std::memory_order_seq_cst);
    asio::dispatch(client->strand,
                   [self = shared_from_this(), d, h = std::move(h)]() mutable { self->read_more(d, std::move(h)); });
}

void stream_impl::bind_slot(any_handler& h)
{
    auto slot = std::visit([](auto& x) { return asio::get_associated_cancellation_slot(x); }, h);
    if (slot.is_connected()) {
        std::weak_ptr<stream_impl> weak = shared_from_this();
        slot.assign([weak](asio::cancellation_type_t) {
            if (auto s = weak.lock())
                s->request_cancel();
        });
    }
}

void stream_impl::release()
{
    owner.store(owner_none, std::memory_order_seq_cst);
    if (cancel_pending.load(std::memory_order_seq_cst))
        asio::post(client->strand, [self = shared_from_this()] { self->cancel_task(); });
}

void stream_impl::request_cancel()
{
    cancel_requested.store(true, std::memory_order_seq_cst);
    cancel_pending.store(true, std::memory_order_seq_cst);
    asio::post(client->strand, [self = shared_from_this()] { self->cancel_task(); });
}

void stream_impl::cancel_task()
{
    int seen = owner_none;
    if (owner.compare_exchange_strong(seen, owner_cancelling, std::memory_order_seq_cst)) {
        if (cancel_pending.exchange(false, std::memory_order_seq_cst) && !cancelled)
            cancel_on_strand();
        owner.store(owner_none, std::memory_order_seq_cst);
    } else if (seen == owner_strand) {
        // A pending async_next: its work runs on this strand, so the state is ours to touch; its
        // read completes with operation_aborted.
        if (cancel_pending.exchange(false, std::memory_order_seq_cst) && !cancelled)
            cancel_on_strand();
    }
    // owner_reader: the reader is taking a delta on its thread; its release() posts this again.
}

void stream_impl::handle_gone()
{
    if (!own()) {
        request_cancel();  // an async_next is pending (or a cancellation runs): stop it
        return;
    }
    const bool ended = finished;
    release();
    if (!ended)
        request_cancel();
}

bool stream_impl::ended()
{
    if (cancel_requested.load(std::memory_order_seq_cst))
        return true;
    int seen = owner_none;
    if (!own(&seen))
        return seen == owner_cancelling;
    const bool r = (finished || done_seen || error) && !has_queued();
    release();
    return r;
}

error_code stream_impl::end_result(diagnostics* d) const
{
    if (error) {
        if (d != nullptr)
            *d = error_diag;
        return error;
    }
    if (!done_seen) {  // finished without [DONE] (or a terminal event)
        if (d != nullptr)
            d->detail = "the event stream ended before [DONE]";
        return errc::stream_truncated;
    }
    return {};
}

void stream_impl::pop_delta(std::optional<chat_delta>& out)
{
    out.emplace(std::move(take()));
    recycle_queue();
}

bool stream_impl::ready()
{
    if (pending_notice || (driver && !delivered_any) || cancel_requested.load(std::memory_order_relaxed))
        return false;
    if (head == queue.size())
        refill_from_buffer();
    return head < queue.size();
}

chat_delta& stream_impl::take()
{
    chat_delta& d = queue[head++];
    acc.add(d);
    return d;
}

void stream_impl::reject_owned(diagnostics* d, any_handler any, int seen)
{
    error_code ec = errc::operation_in_progress;
    if (d != nullptr)
        d->clear();
    if (seen == owner_cancelling) {
        ec = asio::error::operation_aborted;
        if (d != nullptr)
            d->detail = "cancelled";
    } else if (d != nullptr) {
        d->detail = "async_next while another async_next on the same stream is pending";
    }
    std::visit([&](auto& h) { post_no_value(std::move(h), client->executor, ec); }, any);
}

void stream_impl::deliver(diagnostics* d, any_handler any)
{
    if (cancel_requested.load(std::memory_order_relaxed) && !error) {
        // cancel() was called: nothing queued is handed out any more.
        queue.clear();
        head = 0;
        events.clear();
        event_head = 0;
        pending_notice.reset();
        fail(asio::error::operation_aborted);
    }
    // Never inline: posted to the client's executor, then run on the handler's own executor.
    if (!std::holds_alternative<event_handler_type>(any)) {
        std::optional<chat_delta> value;
        error_code ec;
        if (pending_notice) {
            value.emplace();
            value->event = *pending_notice;
            pending_notice.reset();
        } else if (head < queue.size()) {
            pop_delta(value);
            if (!delivered_any) {
                delivered_any = true;
                if (driver)
                    driver->first_delta(attempt_id);
            }
        } else {
            // A failure the policies may recover from (never after a cancellation).
            if (error && driver && !cancelled && error != asio::error::operation_aborted) {
                owner.store(owner_strand, std::memory_order_seq_cst);  // the recovery runs on the strand
                asio::co_spawn(client->strand, recover(shared_from_this(), d, std::move(any)), asio::detached);
                return;
            }
            ec = end_result(d);
            if (!ec && driver && !reported_end) {
                reported_end = true;
                driver->finished(attempt_id);
            }
        }
        if (auto* hp = std::get_if<handler_type>(&any)) {
            handler_type h = std::move(*hp);
            auto ex = asio::get_associated_executor(h, client->executor);
            release();
            asio::post(client->executor,
                       asio::bind_executor(ex, [h = std::move(h), ec, value = std::move(value)]() mutable {
                           clear_slot(h);
                           std::move(h)(ec, std::move(value));
                       }));
            return;
        }
        handoff_handler_type h = std::move(std::get<handoff_handler_type>(any));
        const bool has = value.has_value();
        handoff = std::move(value);
        auto ex = asio::get_associated_executor(h, client->executor);
        release();
        asio::post(client->executor, asio::bind_executor(ex, [h = std::move(h), ec, has]() mutable {
                       clear_slot(h);
                       std::move(h)(ec, has);
                   }));
        return;
    }
    event_handler_type h = std::move(std::get<event_handler_type>(any));
    std::optional<responses_event> value;
    error_code ec;
    if (event_head < events.size()) {
        value.emplace(std::move(events[event_head++]));
        if (event_head == events.size()) {
            events.clear();
            event_head = 0;
        }
        if (value->is_text_delta())
            text += value->delta();
        if (value->is_terminal() && value->response)
            final_response = value->response;
    } else {
        ec = end_result(d);
    }
    auto ex = asio::get_associated_executor(h, client->executor);
    auto complete = [h = std::move(h), ec, value = std::move(value)]() mutable {
        clear_slot(h);
        std::move(h)(ec, std::move(value));
    };
    release();
    // The common case, a handler whose executor is the client's (a coroutine on the same
    // io_context): post it there directly, without the hop through a work_dispatcher.
    if (ex == client_executor)
        asio::post(client->executor, std::move(complete));
    else
        asio::post(client->executor, asio::bind_executor(ex, std::move(complete)));
}

}  // namespace openrouter::detail
