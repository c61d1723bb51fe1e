// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Opening event streams: chat and legacy completion streams under the request's policies
// (retries, fallback, hedging on the first delta) and the Responses API's single-request stream.
#include "stream/open_stream.hpp"

#include "core/attempts.hpp"
#include "core/chat_ops.hpp"
#include "core/http_attempt.hpp"
#include "sansio/classify.hpp"
#include "json/chat_codec.hpp"

#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/json/serialize.hpp>

#include <map>
#include <vector>

namespace openrouter::detail {

namespace asio = boost::asio;
namespace http = boost::beast::http;

namespace {

// One attempt of opening a stream: sends the request and, once the response header says 2xx
// text/event-stream, leaves a stream_impl owning the connection in `out`. The connection rounds
// (reuse, stale-connection retry) are the shared HTTP attempt loop (core/http_attempt.hpp); its
// step here reads the header only, into a new SSE parser each round.
asio::awaitable<attempt_result> stream_attempt(std::shared_ptr<op_state> op, attempt_io& io,
                                               const http::request<http::string_body>& req,
                                               std::shared_ptr<stream_impl>& out)
{
    client_impl& impl = *op->impl;
    diagnostics& diag = io.diag;
    const auto& o = impl.options;
    std::unique_ptr<sse_parser> parser;
    const exchange_step step = [&](connection& c, response_head& h, exchange_progress& p) {
        const auto make_parser = [&parser]() -> sse_parser& {
            parser = std::make_unique<sse_parser>();
            parser->body_limit(boost::none);  // the SSE event limit bounds memory instead
            return *parser;
        };
        return send_and_read_header(c, req, make_parser, o.limits,
                                    phase_deadline::make(o.timeouts.response_headers, op->total_deadline), h, p, diag);
    };
    response_head head;
    std::unique_ptr<connection> c;
    if (error_code ec = co_await http_attempt(*op, io, req, step, head, c))
        co_return attempt_result{ec, 0};

    const response_info info = make_response_info(head);
    diag.http_status = head.status;
    const bool ok_status = head.status >= 200 && head.status <= 299;
    if (!ok_status || !media_type_is(head.content_type, "text/event-stream")) {
        // Not a stream: read the (bounded) body to say why.
        http::response_parser<http::string_body> sp(std::move(*parser));
        sp.body_limit(o.limits.max_body_bytes);
        std::string text;
        io.active = c.get();
        error_code ec = co_await read_rest(*c, sp, o.timeouts.response_body, op->total_deadline, head, text, diag);
        io.active = nullptr;
        if (io.cancelled || op->cancelled)
            ec = asio::error::operation_aborted;
        impl.pool.release(impl.pool_key, std::move(c), !ec && head.keep_alive);
        if (!ec) {
            if (!ok_status) {
                ec = classify_error_response(info, text, impl.api_key, diag);
            } else if (!media_type_is(head.content_type, "application/json")) {
                // Neither a stream nor a JSON error body (e.g. an HTML page from a proxy).
                diag.detail =
                    "expected text/event-stream, got '" + safe_excerpt(head.content_type, impl.api_key, 80) + "'";
                diag.body_excerpt = safe_excerpt(text, impl.api_key);
                ec = errc::unexpected_content_type;
            } else {
                boost::json::value v;
                ec = parse_json_response(info, text, impl.api_key, v, diag);
                const boost::json::object* obj = v.if_object();
                const boost::json::value* e = obj != nullptr ? obj->if_contains("error") : nullptr;
                if (!ec && e != nullptr && e->is_object()) {
                    ec = read_api_error(e->get_object(), status_of_error(e->get_object(), 500), impl.api_key, diag);
                } else if (!ec) {
                    diag.detail = "expected text/event-stream, got '" + head.content_type + "'";
                    diag.body_excerpt = safe_excerpt(text, impl.api_key);
                    ec = errc::unexpected_content_type;
                }
            }
        }
        co_return attempt_result{ec, head.status};
    }

    auto s = std::make_shared<stream_impl>(op->impl, o.limits.max_event_bytes);
    const auto now = clock::now();
    s->conn = std::move(c);
    s->permit = std::move(io.permit);
    s->parser = std::move(parser);
    s->parser->get().body() = s.get();
    s->total_deadline = op->total_deadline;
    if (o.timeouts.first_delta.count() > 0)
        s->first_delta_deadline = now + o.timeouts.first_delta;
    s->idle = o.timeouts.idle;
    s->comments_reset_idle = o.timeouts.comments_reset_idle;
    s->last_activity = now;
    out = std::move(s);
    co_return attempt_result{error_code{}, head.status};
}

// stream_attempt with the request and the attempt's I/O kept alive by the coroutine.
asio::awaitable<attempt_result> stream_attempt_owned(std::shared_ptr<op_state> op, std::shared_ptr<attempt_io> io,
                                                     std::shared_ptr<const http::request<http::string_body>> req,
                                                     std::shared_ptr<stream_impl>& out)
{
    co_return co_await stream_attempt(op, *io, *req, out);
}

// A continue-with-prefill attempt sends the partial answer so far as an assistant prefill.
void apply_prefill(chat_request& r, const std::string& text)
{
    r.messages.push_back(message::assistant(text));
}
void apply_prefill(completion_request& r, const std::string& text)
{
    r.prompt += text;
}

// What every attempt of a chat or legacy completion stream starts from: the operation, the
// request as the caller made it, its path and encoder, and the partial answer so far (for a
// continue-with-prefill attempt). Shared by the attempts of one open_stream.
template <class Request, class Encode>
struct stream_source {
    std::shared_ptr<op_state> op;
    std::shared_ptr<const Request> request;
    std::string path;
    Encode encode;
    std::shared_ptr<const std::string> prefill;
};

// The HTTP request of one attempt on model `model_index`: the fallback's model, the prefill of
// a continue-with-prefill attempt, the encoded body and `Accept: text/event-stream`.
template <class Request, class Encode>
http::request<http::string_body> prepare_stream_request(const stream_source<Request, Encode>& src,
                                                        std::size_t model_index, attempt_loop::resume_mode resume)
{
    Request attempt_req = *src.request;
    src.op->policies->fallback.apply(model_index, chat_of(attempt_req));
    if (resume == attempt_loop::resume_mode::continue_with_prefill && src.prefill && !src.prefill->empty())
        apply_prefill(attempt_req, *src.prefill);
    auto req = make_http_request(*src.op->impl, http::verb::post, make_target(src.op->impl->ep, src.path, {}),
                                 src.encode(attempt_req), {});
    req.set(http::field::accept, "text/event-stream");
    return req;
}

// One attempt of opening a stream on model `model_index` (named coroutine, see model_attempt).
template <class Request, class Encode>
asio::awaitable<attempt_result>
stream_model_attempt(std::shared_ptr<const stream_source<Request, Encode>> src, std::shared_ptr<attempt_io> io,
                     std::size_t model_index, attempt_loop::resume_mode resume, std::shared_ptr<stream_impl>& out)
{
    auto req = prepare_stream_request(*src, model_index, resume);
    co_return co_await stream_attempt(src->op, *io, req, out);
}

using stream_map = std::map<int, std::shared_ptr<stream_impl>>;

// One attempt of a hedged stream (named coroutine, see model_attempt): opens like
// stream_model_attempt, then reads up to the first delta (read_first_delta); only then does the
// attempt succeed, with its stream in (*streams)[id]. Attempts race, and a loser may still run
// after the race is decided: it holds no reference into the map and stores nothing once
// cancelled.
template <class Request, class Encode>
asio::awaitable<attempt_result> hedged_stream_attempt(std::shared_ptr<const stream_source<Request, Encode>> src,
                                                      std::shared_ptr<attempt_io> io, std::size_t model_index,
                                                      attempt_loop::resume_mode resume,
                                                      std::shared_ptr<stream_map> streams, int id)
{
    const std::shared_ptr<op_state>& op = src->op;
    std::shared_ptr<stream_impl> s;
    attempt_result r = co_await stream_model_attempt(src, io, model_index, resume, s);
    if (r.ec)
        co_return r;
    r.ec = co_await read_first_delta(*op, *io, *s);
    if (!r.ec && (io->cancelled || op->cancelled))
        r.ec = asio::error::operation_aborted;
    if (r.ec) {
        s->close();
        co_return r;
    }
    (*streams)[id] = std::move(s);
    co_return r;
}

// Opens a stream under the operation's policies: retries and fallback until an attempt's
// response header is in (with a hedge policy: until an attempt has decoded its first delta, the
// attempts racing for it); the stream keeps the attempt driver for what happens after (invisible
// retries before the first delta, `on_stream_failure` after it). Shared by chat and legacy
// completions.
template <class Request, class Encode>
asio::awaitable<std::pair<error_code, chat_stream>> open_stream(std::shared_ptr<op_state> op, Request r,
                                                                std::string path, Encode encode)
{
    if (auto ec = check_config_and_budget(*op))
        co_return std::pair{ec, chat_stream{}};
    std::vector<std::string> models = op->policies->fallback.attempt_models(chat_of(r));
    auto shared = std::make_shared<const Request>(std::move(r));
    auto streams = std::make_shared<stream_map>();
    auto prefill = std::make_shared<std::string>();
    const bool hedged = op->policies->hedge && op->policies->hedge->max_hedges > 0;
    auto src = std::make_shared<const stream_source<Request, Encode>>(
        stream_source<Request, Encode>{op, std::move(shared), std::move(path), std::move(encode), prefill});
    attempt_fn fn;
    if (hedged) {
        fn = [src, streams](std::shared_ptr<attempt_io> io, std::size_t model_index, int id,
                            attempt_loop::resume_mode resume) {
            return hedged_stream_attempt(src, std::move(io), model_index, resume, streams, id);
        };
    } else {
        fn = [src, streams](std::shared_ptr<attempt_io> io, std::size_t model_index, int id,
                            attempt_loop::resume_mode resume) {
            return stream_model_attempt(src, std::move(io), model_index, resume, (*streams)[id]);
        };
    }
    auto driver = std::make_shared<attempt_driver>(op, std::move(models), std::move(fn), true, hedged);
    if (hedged) {
        // A loser that had its first delta too: close its connection now.
        driver->set_discard([streams](int id) { streams->erase(id); });
    }
    const std::pair<error_code, int> outcome = co_await driver->run();
    if (hedged) {
        // Everything but the winner is a loser (finished attempts store nothing once cancelled).
        std::erase_if(*streams, [&](const auto& kv) { return kv.first != outcome.second; });
    }
    if (outcome.first)
        co_return std::pair{outcome.first, chat_stream{}};
    std::shared_ptr<stream_impl> s = std::move((*streams)[outcome.second]);
    streams->erase(outcome.second);
    s->driver = std::move(driver);
    s->attempt_id = outcome.second;
    s->opened = std::move(streams);
    s->prefill = std::move(prefill);
    co_return std::pair{error_code{}, chat_stream(std::move(s))};
}

}  // namespace

// A single-request SSE stream with a decoder of named events (the Responses API): opened under
// the operation's retry policy (no model fallback: the body is fixed); no recovery after the
// response header.
asio::awaitable<std::pair<error_code, std::shared_ptr<stream_impl>>>
open_sse_stream(std::shared_ptr<op_state> op, std::string_view path, std::string body, std::string model,
                std::unique_ptr<stream_event_decoder> decoder)
{
    using result = std::pair<error_code, std::shared_ptr<stream_impl>>;
    if (auto ec = check_config(*op))
        co_return result{ec, nullptr};
    auto req = std::make_shared<http::request<http::string_body>>(
        make_http_request(*op->impl, http::verb::post, make_target(op->impl->ep, path, {}), std::move(body), {}));
    req->set(http::field::accept, "text/event-stream");
    auto streams = std::make_shared<std::map<int, std::shared_ptr<stream_impl>>>();
    attempt_fn fn = [op, req, streams](std::shared_ptr<attempt_io> io, std::size_t, int id, attempt_loop::resume_mode) {
        return stream_attempt_owned(op, std::move(io), req, (*streams)[id]);
    };
    std::vector<std::string> models{std::move(model)};
    auto driver = std::make_shared<attempt_driver>(op, std::move(models), std::move(fn), true);
    const std::pair<error_code, int> outcome = co_await driver->run();
    if (outcome.first)
        co_return result{outcome.first, nullptr};
    std::shared_ptr<stream_impl> s = std::move((*streams)[outcome.second]);
    s->event_decoder = std::move(decoder);
    co_return result{error_code{}, std::move(s)};
}

asio::awaitable<std::pair<error_code, chat_stream>> open_chat_stream(std::shared_ptr<op_state> op, chat_request r)
{
    if (std::string why; !check_config(*op) && !validate(r, why)) {
        op->diag->detail = "invalid request: " + why;
        co_return std::pair{error_code(errc::invalid_request), chat_stream{}};
    }
    co_return co_await open_stream(op, std::move(r), "/chat/completions", [](const chat_request& q) {
        std::string body;
        write_chat_request(q, true, body);
        return body;
    });
}

asio::awaitable<std::pair<error_code, chat_stream>> open_completion_stream(std::shared_ptr<op_state> op,
                                                                           completion_request r)
{
    co_return co_await open_stream(op, std::move(r), "/completions", [](const completion_request& q) {
        return boost::json::serialize(to_json(q, true));
    });
}

}  // namespace openrouter::detail
