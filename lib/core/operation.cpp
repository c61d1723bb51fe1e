// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include "core/operation.hpp"

#include "sansio/classify.hpp"

#include <boost/beast/http/verb.hpp>
#include <boost/json/serialize.hpp>

namespace openrouter::detail {

namespace asio = boost::asio;

void attempt_io::cancel(client_impl& impl)
{
    cancelled = true;
    if (active != nullptr)
        active->close();
    if (waiting)
        impl.pool.cancel_waiter(waiting);
    if (admitting && impl.traffic)
        impl.traffic->cancel_waiter(admitting);
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
    http::request<http::string_body> req{method, target, 11};
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

void observe_response(const client_impl& impl, const http::request<http::string_body>& req, const response_head& head)
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

error_code check_config(op_state& op)
{
    if (op.impl->config_error)
        op.diag->detail = op.impl->config_detail;
    return op.impl->config_error;
}

error_code check_config_and_budget(op_state& op)
{
    if (auto ec = check_config(op))
        return ec;
    if (op.impl->traffic && op.impl->traffic->budget_exhausted()) {
        const traffic_state s = op.impl->traffic->snapshot();
        op.diag->detail = "cost budget spent: " + std::to_string(s.spent_usd) + " of " +
                          std::to_string(s.budget_usd.value_or(0)) + " USD";
        return errc::budget_exhausted;
    }
    return {};
}

void account_cost(client_impl& impl, const usage* u)
{
    if (impl.traffic && u && u->cost)
        impl.traffic->add_cost(*u->cost);
}

namespace {
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

http::request<http::string_body> make_api_request(const client_impl& impl, const api_request& r)
{
    std::string body;
    if (r.body)
        body = boost::json::serialize(*r.body);
    return make_http_request(impl, to_verb(r.method), make_target(impl.ep, r.path, r.query), std::move(body), r.headers,
                             r.bearer_override ? &*r.bearer_override : nullptr);
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
