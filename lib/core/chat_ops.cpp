// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The non-streaming operations of client.hpp: the generic call, chat and legacy completions.
#include "core/chat_ops.hpp"

#include "core/attempts.hpp"
#include "core/http_attempt.hpp"
#include "sansio/classify.hpp"
#include "json/chat_codec.hpp"

#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/json/serialize.hpp>

#include <map>
#include <string>
#include <vector>

namespace openrouter::detail {

namespace asio = boost::asio;
namespace http = boost::beast::http;

namespace {

// OpenRouter may answer 200 with an error object instead of choices: that attempt failed.
error_code check_chat_body(const client_impl& impl, const boost::json::value& v, diagnostics& diag)
{
    const auto* obj = v.if_object();
    if (obj == nullptr)
        return {};
    const auto* e = obj->if_contains("error");
    if (e == nullptr || !e->is_object() || obj->contains("choices"))
        return {};
    return read_api_error(e->get_object(), status_of_error(e->get_object(), 500), impl.api_key, diag);
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
    auto req =
        make_http_request(*op->impl, http::verb::post, make_target(op->impl->ep, path, {}), encode(attempt_req), {});
    std::string content_type;
    co_return co_await json_attempt(*op, *io, req, out, content_type, &check_chat_body);
}

// Runs a chat-shaped request under the operation's policies: one attempt per (model, try); the
// fallback config prepares each attempt's request. Returns the winning body.
template <class Request, class Encode>
asio::awaitable<std::pair<error_code, boost::json::value>> run_model_attempts(std::shared_ptr<op_state> op, Request r,
                                                                              std::string path, Encode encode)
{
    std::vector<std::string> models = op->policies->fallback.attempt_models(chat_of(r));
    auto shared = std::make_shared<const Request>(std::move(r));
    auto bodies = std::make_shared<std::map<int, boost::json::value>>();
    attempt_fn fn = [op, shared, bodies, path, encode](std::shared_ptr<attempt_io> io, std::size_t model_index, int id,
                                                       attempt_loop::resume_mode) {
        return model_attempt(op, std::move(io), shared, path, encode, model_index, (*bodies)[id]);
    };
    const std::pair<error_code, int> outcome = co_await run_attempts(op, std::move(models), std::move(fn));
    boost::json::value v;
    if (!outcome.first)
        v = std::move((*bodies)[outcome.second]);
    co_return std::pair{outcome.first, std::move(v)};
}

}  // namespace

asio::awaitable<std::pair<error_code, api_response>> run_request(std::shared_ptr<op_state> op, api_request r)
{
    api_response res;
    if (auto ec = check_config(*op))
        co_return std::pair{ec, std::move(res)};
    error_code ec = co_await perform_json(op, make_api_request(*op->impl, r), res.body, res.status, res.content_type);
    co_return std::pair{ec, std::move(res)};
}

asio::awaitable<std::pair<error_code, chat_completion>> run_chat(std::shared_ptr<op_state> op, chat_request r)
{
    chat_completion out;
    if (auto ec = check_config_and_budget(*op))
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
    account_cost(*op->impl, out.usage ? &*out.usage : nullptr);
    co_return std::pair{error_code{}, std::move(out)};
}

asio::awaitable<std::pair<error_code, text_completion>> run_completion(std::shared_ptr<op_state> op,
                                                                       completion_request r)
{
    text_completion out;
    if (auto ec = check_config_and_budget(*op))
        co_return std::pair{ec, std::move(out)};
    auto [ec, v] = co_await run_model_attempts(op, std::move(r), "/completions", [](const completion_request& q) {
        return boost::json::serialize(to_json(q, false));
    });
    if (ec)
        co_return std::pair{ec, std::move(out)};
    const auto parse = [](const boost::json::value& body, text_completion& t, std::string& why) {
        return from_json(body, t, why);
    };
    error_code rec = read_json_body(*op, v, out, parse, "unexpected text completion shape: ");
    if (!rec)
        account_cost(*op->impl, out.usage ? &*out.usage : nullptr);
    co_return std::pair{rec, std::move(out)};
}

}  // namespace openrouter::detail
