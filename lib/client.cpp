// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include <openrouter/client.hpp>

#include "core/attempts.hpp"
#include "core/client_impl.hpp"
#include "json/chat_codec.hpp"
#include "core/operation.hpp"
#include "sansio/classify.hpp"
#include "stream/open_stream.hpp"
#include "stream/stream_impl.hpp"

#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/json/serialize.hpp>

#include <cstdlib>
#include <random>

namespace openrouter {

namespace asio = boost::asio;
namespace http = boost::beast::http;

namespace detail {
namespace {

std::string env_or(const char* name, std::string fallback)
{
    const char* v = std::getenv(name);
    return (v != nullptr && *v != '\0') ? std::string(v) : std::move(fallback);
}

http::verb to_verb(http_method m)
{
    switch (m) {
    case http_method::get: return http::verb::get;
    case http_method::post: return http::verb::post;
    case http_method::put: return http::verb::put;
    case http_method::patch: return http::verb::patch;
    case http_method::delete_: return http::verb::delete_;
    }
    return http::verb::get;
}

}  // namespace

client_impl::client_impl(asio::any_io_executor ex, client_options opts)
    : executor(std::move(ex)),
      strand(asio::make_strand(executor)),
      options(std::move(opts)),
      pool(options.max_connections_per_host, options.idle_connection_ttl)
{
    api_key = options.api_key.empty() ? env_or("OPENROUTER_API_KEY", {}) : options.api_key;
    options.api_key.clear();  // the key lives in one place only
    base_url = options.base_url.empty() ? env_or("OPENROUTER_BASE_URL", default_base_url) : options.base_url;

    std::string why;
    if (auto ec = parse_base_url(base_url, ep, why)) {
        config_error = ec;
        config_detail = "base URL: " + why;
    } else if (!ep.tls && !ep.loopback && !options.allow_insecure_http) {
        config_error = errc::insecure_transport;
        config_detail = "plain http to " + ep.host + " would expose the API key; use https or set allow_insecure_http";
    } else if (api_key.empty()) {
        config_error = errc::missing_api_key;
        config_detail = "set client_options::api_key or the OPENROUTER_API_KEY environment variable";
    }
    if (!config_error && ep.tls)
        tls_ctx = options.ssl_context ? options.ssl_context : make_default_tls_context();
    pool_key = (ep.tls ? "https://" : "http://") + ep.host_header;
    policies = std::make_shared<const request_policies>(options.policies);
    breakers = std::make_unique<circuit_breakers>(options.policies.circuit_breaker);
    seed_counter = std::random_device{}();

    default_fields.set(http::field::host, ep.host_header);
    default_fields.set(http::field::user_agent,
                       options.user_agent.empty() ? std::string("openrouter-cpp/0.1.0") : options.user_agent);
    default_fields.set(http::field::accept, "application/json");
    if (!options.http_referer.empty())
        default_fields.set("HTTP-Referer", options.http_referer);
    if (!options.x_title.empty())
        default_fields.set("X-Title", options.x_title);
    for (const auto& [k, v] : options.default_headers) {
        const auto name = http::string_to_field(k);
        if (name == http::field::authorization || name == http::field::host || name == http::field::content_length)
            continue;
        default_fields.set(k, v);
    }
}

error_code check_config(op_state& op)
{
    if (op.impl->config_error)
        op.diag->detail = op.impl->config_detail;
    return op.impl->config_error;
}

http::request<http::string_body> make_api_request(const client_impl& impl, const api_request& r)
{
    std::string body;
    if (r.body)
        body = boost::json::serialize(*r.body);
    return make_http_request(impl, to_verb(r.method), make_target(impl.ep, r.path, r.query), std::move(body),
                             r.headers, r.bearer_override ? &*r.bearer_override : nullptr);
}

std::uint64_t client_impl::next_seed() noexcept
{
    // splitmix64 of a counter started at a random value
    std::uint64_t z = (seed_counter += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

namespace {

// The chat-shaped part of a request, which the fallback config prepares per attempt.
chat_request& chat_of(chat_request& r) { return r; }
chat_request& chat_of(completion_request& r) { return r.options; }

asio::awaitable<std::pair<error_code, api_response>> run_request(std::shared_ptr<op_state> op, api_request r)
{
    api_response res;
    if (auto ec = check_config(*op))
        co_return std::pair{ec, std::move(res)};
    error_code ec = co_await perform_json(op, make_api_request(*op->impl, r), res.body, res.status, res.content_type);
    co_return std::pair{ec, std::move(res)};
}

// OpenRouter may answer 200 with an error object instead of choices: that attempt failed.
error_code check_chat_body(const client_impl& impl, const boost::json::value& v, diagnostics& diag)
{
    const auto* obj = v.if_object();
    if (obj == nullptr)
        return {};
    const auto* e = obj->if_contains("error");
    if (e == nullptr || !e->is_object() || obj->contains("choices"))
        return {};
    int code = 500;
    if (const auto* c = e->get_object().if_contains("code"); c != nullptr && c->is_int64() && c->get_int64() >= 400 &&
                                                             c->get_int64() <= 599)
        code = static_cast<int>(c->get_int64());
    return read_api_error(e->get_object(), code, impl.api_key, diag);
}

// One attempt of a chat-shaped request on model `model_index` (a named coroutine: GCC 12
// mishandles coroutine lambdas defined inside coroutines).
template <class Request, class Encode>
asio::awaitable<attempt_result> model_attempt(std::shared_ptr<op_state> op, std::shared_ptr<attempt_io> io,
                                              std::shared_ptr<const Request> shared, std::string path, Encode encode,
                                              std::size_t model_index, boost::json::value& out)
{
    Request attempt_req = *shared;
    op->policies->fallback.apply(model_index, chat_of(attempt_req));
    auto req = make_http_request(*op->impl, http::verb::post, make_target(op->impl->ep, path, {}),
                                 encode(attempt_req), {});
    std::string content_type;
    co_return co_await json_attempt(*op, *io, req, out, content_type, &check_chat_body);
}

// Runs a chat-shaped request under the operation's policies: one attempt per (model, try); the
// fallback config prepares each attempt's request. Returns the winning body.
template <class Request, class Encode>
asio::awaitable<std::pair<error_code, boost::json::value>> run_model_attempts(std::shared_ptr<op_state> op,
                                                                            Request r, std::string path,
                                                                            Encode encode)
{
    std::vector<std::string> models = op->policies->fallback.attempt_models(chat_of(r));
    auto shared = std::make_shared<const Request>(std::move(r));
    auto bodies = std::make_shared<std::map<int, boost::json::value>>();
    attempt_fn fn = [op, shared, bodies, path, encode](std::shared_ptr<attempt_io> io, std::size_t model_index,
                                                       int id, attempt_loop::resume_mode) {
        return model_attempt(op, std::move(io), shared, path, encode, model_index, (*bodies)[id]);
    };
    const std::pair<error_code, int> outcome = co_await run_attempts(op, std::move(models), std::move(fn));
    boost::json::value v;
    if (!outcome.first)
        v = std::move((*bodies)[outcome.second]);
    co_return std::pair{outcome.first, std::move(v)};
}

asio::awaitable<std::pair<error_code, chat_completion>> run_chat(std::shared_ptr<op_state> op, chat_request r)
{
    chat_completion out;
    if (auto ec = check_config(*op))
        co_return std::pair{ec, std::move(out)};
    if (std::string why; !validate(r, why)) {
        op->diag->detail = "invalid request: " + why;
        co_return std::pair{error_code(errc::invalid_request), std::move(out)};
    }
    auto [ec, v] = co_await run_model_attempts(op, std::move(r), "/chat/completions", [](const chat_request& q) {
        std::string body;
        write_chat_request(q, false, body);
        return body;
    });
    if (ec)
        co_return std::pair{ec, std::move(out)};
    diagnostics& diag = *op->diag;
    std::string why;
    if (!read_chat_completion(v, out, why)) {
        diag.detail = "unexpected chat completion shape: " + why;
        diag.body_excerpt = safe_excerpt(boost::json::serialize(v), op->impl->api_key);
        co_return std::pair{error_code(errc::invalid_response), std::move(out)};
    }
    if (diag.generation_id.empty())
        diag.generation_id = out.id;
    co_return std::pair{error_code{}, std::move(out)};
}

// One attempt of opening a stream: sends the request and, once the response header says 2xx
// text/event-stream, leaves a stream_impl owning the connection in `out`.
asio::awaitable<attempt_result> stream_attempt(std::shared_ptr<op_state> op, attempt_io& io,
                                               const http::request<http::string_body>& req,
                                               std::shared_ptr<stream_impl>& out)
{
    client_impl& impl = *op->impl;
    diagnostics& diag = io.diag;
    const auto& o = impl.options;
    for (int round = 0;; ++round) {
        connection_pool::lease lease;
        if (error_code ec = co_await acquire_connection(*op, io, lease))
            co_return attempt_result{ec, 0};
        std::unique_ptr<connection> c = std::move(lease.conn);
        auto parser = std::make_unique<sse_parser>();
        parser->body_limit(boost::none);  // the SSE event limit bounds memory instead
        response_head head;
        head.capture_fields = static_cast<bool>(o.on_response);
        exchange_progress progress;
        io.active = c.get();
        error_code ec = co_await send_and_read_header(
            *c, req, *parser, o.limits, phase_deadline::make(o.timeouts.response_headers, op->total_deadline), head,
            progress, diag);
        io.active = nullptr;
        if (!ec)
            observe_response(impl, req, head);
        if (io.cancelled || op->cancelled)
            ec = asio::error::operation_aborted;
        if (ec) {
            impl.pool.release(impl.pool_key, std::move(c), false);
            if (is_stale_connection(lease, round, ec, progress)) {
                diag.detail.clear();
                continue;
            }
            co_return attempt_result{ec, 0};
        }

        response_info info;
        info.status = head.status;
        info.content_type = head.content_type;
        info.retry_after = head.retry_after;
        info.retry_after_ms = head.retry_after_ms;
        info.now = std::chrono::system_clock::now();
        diag.http_status = head.status;
        const bool ok_status = head.status >= 200 && head.status <= 299;
        if (!ok_status || !media_type_is(head.content_type, "text/event-stream")) {
            // Not a stream: read the (bounded) body to say why.
            http::response_parser<http::string_body> sp(std::move(*parser));
            sp.body_limit(o.limits.max_body_bytes);
            std::string text;
            io.active = c.get();
            ec = co_await read_rest(*c, sp, op->total_deadline, head, text, diag);
            io.active = nullptr;
            if (io.cancelled || op->cancelled)
                ec = asio::error::operation_aborted;
            impl.pool.release(impl.pool_key, std::move(c), !ec && head.keep_alive);
            if (!ec) {
                if (!ok_status) {
                    ec = classify_error_response(info, text, impl.api_key, diag);
                } else {
                    boost::json::value v;
                    ec = parse_json_response(info, text, impl.api_key, v, diag);
                    const boost::json::object* obj = v.if_object();
                    const boost::json::value* e = obj != nullptr ? obj->if_contains("error") : nullptr;
                    if (!ec && e != nullptr && e->is_object()) {
                        ec = read_api_error(e->get_object(), 500, impl.api_key, diag);
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

// One attempt of opening a stream on model `model_index` (named coroutine, see model_attempt).
template <class Request, class Encode>
asio::awaitable<attempt_result> stream_model_attempt(std::shared_ptr<op_state> op, std::shared_ptr<attempt_io> io,
                                                     std::shared_ptr<const Request> shared, std::string path,
                                                     Encode encode, std::size_t model_index,
                                                     attempt_loop::resume_mode resume,
                                                     std::shared_ptr<const std::string> prefill,
                                                     std::shared_ptr<stream_impl>& out)
{
    Request attempt_req = *shared;
    op->policies->fallback.apply(model_index, chat_of(attempt_req));
    if (resume == attempt_loop::resume_mode::continue_with_prefill && prefill && !prefill->empty())
        apply_prefill(attempt_req, *prefill);
    auto req = make_http_request(*op->impl, http::verb::post, make_target(op->impl->ep, path, {}),
                                 encode(attempt_req), {});
    req.set(http::field::accept, "text/event-stream");
    co_return co_await stream_attempt(op, *io, req, out);
}

using stream_map = std::map<int, std::shared_ptr<stream_impl>>;

// One attempt of a hedged stream (named coroutine, see model_attempt): opens like
// stream_model_attempt, then reads up to the first delta (read_first_delta); only then does the
// attempt succeed, with its stream in (*streams)[id]. Attempts race, and a loser may still run
// after the race is decided: it holds no reference into the map and stores nothing once
// cancelled.
template <class Request, class Encode>
asio::awaitable<attempt_result> hedged_stream_attempt(std::shared_ptr<op_state> op, std::shared_ptr<attempt_io> io,
                                                      std::shared_ptr<const Request> shared, std::string path,
                                                      Encode encode, std::size_t model_index,
                                                      attempt_loop::resume_mode resume,
                                                      std::shared_ptr<const std::string> prefill,
                                                      std::shared_ptr<stream_map> streams, int id)
{
    std::shared_ptr<stream_impl> s;
    attempt_result r = co_await stream_model_attempt(op, io, shared, std::move(path), encode, model_index, resume,
                                                     prefill, s);
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
    if (auto ec = check_config(*op))
        co_return std::pair{ec, chat_stream{}};
    std::vector<std::string> models = op->policies->fallback.attempt_models(chat_of(r));
    auto shared = std::make_shared<const Request>(std::move(r));
    auto streams = std::make_shared<stream_map>();
    auto prefill = std::make_shared<std::string>();
    const bool hedged = op->policies->hedge && op->policies->hedge->max_hedges > 0;
    attempt_fn fn;
    if (hedged) {
        fn = [op, shared, streams, path, encode, prefill](std::shared_ptr<attempt_io> io, std::size_t model_index,
                                                          int id, attempt_loop::resume_mode resume) {
            return hedged_stream_attempt(op, std::move(io), shared, path, encode, model_index, resume, prefill,
                                         streams, id);
        };
    } else {
        fn = [op, shared, streams, path, encode, prefill](std::shared_ptr<attempt_io> io, std::size_t model_index,
                                                          int id, attempt_loop::resume_mode resume) {
            return stream_model_attempt(op, std::move(io), shared, path, encode, model_index, resume, prefill,
                                        (*streams)[id]);
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
asio::awaitable<std::pair<error_code, std::shared_ptr<stream_impl>>> open_sse_stream(
    std::shared_ptr<op_state> op, std::string_view path, std::string body, std::string model,
    std::unique_ptr<stream_event_decoder> decoder)
{
    using result = std::pair<error_code, std::shared_ptr<stream_impl>>;
    if (auto ec = check_config(*op))
        co_return result{ec, nullptr};
    auto req = std::make_shared<http::request<http::string_body>>(
        make_http_request(*op->impl, http::verb::post, make_target(op->impl->ep, path, {}), std::move(body), {}));
    req->set(http::field::accept, "text/event-stream");
    auto streams = std::make_shared<std::map<int, std::shared_ptr<stream_impl>>>();
    attempt_fn fn = [op, req, streams](std::shared_ptr<attempt_io> io, std::size_t, int id,
                                       attempt_loop::resume_mode) {
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

namespace {

asio::awaitable<std::pair<error_code, chat_stream>> run_chat_stream(std::shared_ptr<op_state> op, chat_request r)
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

asio::awaitable<std::pair<error_code, chat_stream>> run_completion_stream(std::shared_ptr<op_state> op,
                                                                          completion_request r)
{
    co_return co_await open_stream(op, std::move(r), "/completions", [](const completion_request& q) {
        return boost::json::serialize(to_json(q, true));
    });
}

asio::awaitable<std::pair<error_code, text_completion>> run_completion(std::shared_ptr<op_state> op,
                                                                       completion_request r)
{
    text_completion out;
    if (auto ec = check_config(*op))
        co_return std::pair{ec, std::move(out)};
    auto [ec, v] = co_await run_model_attempts(op, std::move(r), "/completions", [](const completion_request& q) {
        return boost::json::serialize(to_json(q, false));
    });
    if (ec)
        co_return std::pair{ec, std::move(out)};
    std::string why;
    if (!from_json(v, out, why)) {
        op->diag->detail = "unexpected text completion shape: " + why;
        co_return std::pair{error_code(errc::invalid_response), std::move(out)};
    }
    co_return std::pair{error_code{}, std::move(out)};
}

}  // namespace

void initiate_completion(std::shared_ptr<client_impl> impl, completion_request req, diagnostics* diag,
                         asio::any_completion_handler<void(error_code, text_completion)> handler)
{
    auto op = std::make_shared<op_state>(std::move(impl), diag, req.options.policies);
    spawn_operation(op, run_completion(op, std::move(req)), std::move(handler));
}

void initiate_completion_stream(std::shared_ptr<client_impl> impl, completion_request req, diagnostics* diag,
                                asio::any_completion_handler<void(error_code, chat_stream)> handler)
{
    auto op = std::make_shared<op_state>(std::move(impl), diag, req.options.policies);
    spawn_operation(op, run_completion_stream(op, std::move(req)), std::move(handler));
}

void initiate_chat_stream(std::shared_ptr<client_impl> impl, chat_request req, diagnostics* diag,
                          asio::any_completion_handler<void(error_code, chat_stream)> handler)
{
    auto op = std::make_shared<op_state>(std::move(impl), diag, req.policies);
    spawn_operation(op, run_chat_stream(op, std::move(req)), std::move(handler));
}

void initiate_request(std::shared_ptr<client_impl> impl, api_request req, diagnostics* diag,
                      asio::any_completion_handler<void(error_code, api_response)> handler)
{
    auto op = std::make_shared<op_state>(std::move(impl), diag);
    auto secret = req.bearer_override;
    spawn_operation(op, scrub_after<api_response>(op, run_request(op, std::move(req)), std::move(secret)),
                    std::move(handler));
}

void initiate_chat(std::shared_ptr<client_impl> impl, chat_request req, diagnostics* diag,
                   asio::any_completion_handler<void(error_code, chat_completion)> handler)
{
    auto op = std::make_shared<op_state>(std::move(impl), diag, req.policies);
    spawn_operation(op, run_chat(op, std::move(req)), std::move(handler));
}

}  // namespace detail

client::client(executor_type ex, client_options opts)
    : impl_(std::make_shared<detail::client_impl>(std::move(ex), std::move(opts)))
{
}

client::~client() = default;

client::executor_type client::get_executor() const noexcept
{
    return impl_->executor;
}

error_code client::config_error() const noexcept
{
    return impl_->config_error;
}

const std::string& client::base_url() const noexcept
{
    return impl_->base_url;
}

std::size_t client::idle_connections() const
{
    return impl_->pool.idle_count(impl_->pool_key);
}

}  // namespace openrouter
