// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include "core/http_attempt.hpp"

#include "sansio/classify.hpp"

#include <boost/asio/use_awaitable.hpp>

namespace openrouter::detail {

namespace asio = boost::asio;

asio::awaitable<error_code> acquire_connection(op_state& op, attempt_io& io, connection_pool::lease& lease)
{
    client_impl& impl = *op.impl;
    const auto& o = impl.options;
    error_code ec = co_await impl.pool.acquire(impl.pool_key, lease, io.waiting);
    io.waiting.reset();
    if (ec || io.cancelled || op.cancelled) {
        if (!ec)  // a slot was granted concurrently with the cancellation: give it back
            impl.pool.release(impl.pool_key, std::move(lease.conn), false);
        co_return asio::error::operation_aborted;
    }
    if (!lease.conn) {
        lease.conn = std::make_unique<connection>(impl.strand, impl.tls_ctx.get());
        io.active = lease.conn.get();
        ec = co_await open_connection(*lease.conn, impl.ep, phase_deadline::make(o.timeouts.connect, op.total_deadline),
                                      o.timeouts.tls_handshake, op.total_deadline, io.diag);
        io.active = nullptr;
        if (!ec && (io.cancelled || op.cancelled))
            ec = asio::error::operation_aborted;
        if (ec) {
            impl.pool.release(impl.pool_key, std::move(lease.conn), false);
            co_return ec;
        }
    }
    co_return error_code{};
}

bool is_stale_connection(const connection_pool::lease& lease, int round, error_code ec,
                         const exchange_progress& progress)
{
    // A keep-alive connection the server closed while it sat idle: nothing was processed, so
    // the request goes once more on a new connection.
    return lease.reused && round == 0 && ec == errc::connection_closed && !progress.any_response_byte;
}

asio::awaitable<error_code> http_attempt(op_state& op, attempt_io& io, const http::request<http::string_body>& req,
                                         const exchange_step& step, response_head& head,
                                         std::unique_ptr<connection>& conn)
{
    client_impl& impl = *op.impl;
    for (int round = 0;; ++round) {
        connection_pool::lease lease;
        if (error_code ec = co_await acquire_connection(op, io, lease))
            co_return ec;
        std::unique_ptr<connection> c = std::move(lease.conn);
        head = response_head{};
        head.capture_fields = static_cast<bool>(impl.options.on_response);
        exchange_progress progress;
        io.active = c.get();
        error_code ec = co_await step(*c, head, progress);
        io.active = nullptr;
        observe_response(impl, req, head);  // nothing without a status (a failure before the header)
        if (io.cancelled || op.cancelled)
            ec = asio::error::operation_aborted;
        if (ec) {
            impl.pool.release(impl.pool_key, std::move(c), false);
            if (is_stale_connection(lease, round, ec, progress)) {
                io.diag.detail.clear();
                continue;
            }
            co_return ec;
        }
        conn = std::move(c);
        co_return error_code{};
    }
}

response_info make_response_info(const response_head& head)
{
    response_info info;
    info.status = head.status;
    info.content_type = head.content_type;
    info.retry_after = head.retry_after;
    info.retry_after_ms = head.retry_after_ms;
    info.now = std::chrono::system_clock::now();
    return info;
}

asio::awaitable<attempt_result> json_attempt(op_state& op, attempt_io& io, const http::request<http::string_body>& req,
                                             boost::json::value& out, std::string& content_type, body_check_fn check)
{
    client_impl& impl = *op.impl;
    const auto& o = impl.options;
    diagnostics& diag = io.diag;
    std::string body;
    const exchange_step step = [&](connection& c, response_head& h, exchange_progress& p) {
        return exchange(c, req, o.limits, phase_deadline::make(o.timeouts.response_headers, op.total_deadline),
                        o.timeouts.response_body, op.total_deadline, h, body, p, diag);
    };
    response_head head;
    std::unique_ptr<connection> c;
    attempt_result r;
    r.ec = co_await http_attempt(op, io, req, step, head, c);
    if (!r.ec)
        impl.pool.release(impl.pool_key, std::move(c), head.keep_alive);
    r.status = head.status;
    content_type = head.content_type;
    if (!r.ec) {
        const response_info info = make_response_info(head);
        if (info.status >= 200 && info.status <= 299) {
            r.ec = parse_json_response(info, body, impl.api_key, out, diag);
            if (!r.ec && check != nullptr)
                r.ec = check(impl, out, diag);
        } else {
            r.ec = classify_error_response(info, body, impl.api_key, diag);
        }
    }
    co_return r;
}

}  // namespace openrouter::detail
