// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include "core/operation.hpp"

#include "sansio/classify.hpp"

#include <boost/asio/use_awaitable.hpp>

namespace openrouter::detail {

namespace asio = boost::asio;

void attempt_io::cancel(client_impl& impl)
{
    cancelled = true;
    if (active != nullptr)
        active->close();
    if (waiting)
        impl.pool.cancel_waiter(waiting);
}

void op_state::cancel()
{
    cancelled = true;
    for (auto& io : ios)
        io->cancel(*impl);
    if (wake)
        wake();
}

http::request<http::string_body> make_http_request(const client_impl& impl, http::verb method, std::string target,
                                                   std::string body,
                                                   const std::vector<std::pair<std::string, std::string>>& headers,
                                                   const std::string* bearer_override)
{
    http::request<http::string_body> req{method, std::move(target), 11};
    for (const auto& f : impl.default_fields)
        req.set(f.name_string(), f.value());
    {
        const std::string& key = bearer_override != nullptr ? *bearer_override : impl.api_key;
        if (!key.empty())  // only the key-less OAuth exchange gets this far without a key
            req.set(http::field::authorization, "Bearer " + key);
    }
    for (const auto& [k, v] : headers) {
        const auto name = http::string_to_field(k);
        if (name == http::field::authorization || name == http::field::host || name == http::field::content_length)
            continue;
        req.set(k, v);
    }
    if (!body.empty() || method == http::verb::post || method == http::verb::put || method == http::verb::patch) {
        if (req[http::field::content_type].empty())
            req.set(http::field::content_type, "application/json");
        req.body() = std::move(body);
    }
    req.keep_alive(true);
    req.prepare_payload();
    return req;
}

void observe_response(const client_impl& impl, const http::request<http::string_body>& req,
                      const response_head& head)
{
    if (!impl.options.on_response || head.status == 0)
        return;
    response_headers r;
    r.method = std::string(req.method_string());
    r.target = std::string(req.target());
    r.status = head.status;
    r.fields = head.fields;
    impl.options.on_response(r);
}

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

asio::awaitable<error_code> perform(op_state& op, attempt_io& io, const http::request<http::string_body>& req,
                                    http_outcome& out)
{
    client_impl& impl = *op.impl;
    diagnostics& diag = io.diag;
    const auto& o = impl.options;
    for (int round = 0;; ++round) {
        connection_pool::lease lease;
        if (error_code ec = co_await acquire_connection(op, io, lease))
            co_return ec;
        std::unique_ptr<connection> c = std::move(lease.conn);
        io.active = c.get();
        exchange_progress progress;
        out.head = response_head{};
        out.head.capture_fields = static_cast<bool>(o.on_response);
        error_code ec = co_await exchange(*c, req, o.limits,
                                          phase_deadline::make(o.timeouts.response_headers, op.total_deadline),
                                          op.total_deadline, out.head, out.body, progress, diag);
        io.active = nullptr;
        observe_response(impl, req, out.head);
        if (io.cancelled || op.cancelled)
            ec = asio::error::operation_aborted;
        if (ec) {
            impl.pool.release(impl.pool_key, std::move(c), false);
            if (is_stale_connection(lease, round, ec, progress)) {
                diag.detail.clear();
                continue;
            }
            co_return ec;
        }
        impl.pool.release(impl.pool_key, std::move(c), out.head.keep_alive);
        co_return error_code{};
    }
}

asio::awaitable<attempt_result> json_attempt(op_state& op, attempt_io& io, const http::request<http::string_body>& req,
                                             boost::json::value& out, std::string& content_type, body_check_fn check)
{
    diagnostics& diag = io.diag;
    http_outcome res;
    attempt_result r;
    r.ec = co_await perform(op, io, req, res);
    r.status = res.head.status;
    content_type = res.head.content_type;
    if (!r.ec) {
        response_info info;
        info.status = res.head.status;
        info.content_type = res.head.content_type;
        info.retry_after = res.head.retry_after;
        info.retry_after_ms = res.head.retry_after_ms;
        info.now = std::chrono::system_clock::now();
        if (info.status >= 200 && info.status <= 299) {
            r.ec = parse_json_response(info, res.body, op.impl->api_key, out, diag);
            if (!r.ec && check != nullptr)
                r.ec = check(*op.impl, out, diag);
        } else {
            r.ec = classify_error_response(info, res.body, op.impl->api_key, diag);
        }
    }
    co_return r;
}

void scrub_diagnostics(diagnostics& d, std::string_view secret)
{
    for (std::string* s : {&d.api_code, &d.message, &d.provider_name, &d.provider_error, &d.flagged_input,
                           &d.error_type, &d.provider_code, &d.body_excerpt, &d.detail})
        scrub(*s, secret);
    for (auto& reason : d.moderation_reasons)
        scrub(reason, secret);
}

}  // namespace openrouter::detail
