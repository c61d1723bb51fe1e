// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The Responses API: request encoding, result decoding and the non-streamed operation.
#include <openrouter/responses.hpp>

#include "core/operation.hpp"
#include "core/reject_op.hpp"
#include "json/api_codec.hpp"

namespace openrouter {

namespace json = boost::json;
using detail::prefix;
using detail::put;
using detail::read_val;

// ---------------------------------------------------------------- request

response_input_item response_input_item::message(std::string role, std::string text)
{
    response_input_item i;
    i.role = std::move(role);
    i.content = std::move(text);
    return i;
}

response_input_item response_input_item::function_call(std::string call_id, std::string name, std::string arguments)
{
    response_input_item i;
    i.type = "function_call";
    i.call_id = std::move(call_id);
    i.name = std::move(name);
    i.arguments = std::move(arguments);
    return i;
}

response_input_item response_input_item::function_call_output(std::string call_id, std::string output)
{
    response_input_item i;
    i.type = "function_call_output";
    i.call_id = std::move(call_id);
    i.output = std::move(output);
    return i;
}

namespace {

json::object item_json(const response_input_item& i)
{
    json::object o;
    put(o, "type", i.type);
    if (i.type == "message") {
        put(o, "role", i.role);
        if (i.content_parts)
            put(o, "content", *i.content_parts);
        else
            put(o, "content", i.content);
    } else if (i.type == "function_call") {
        put(o, "call_id", i.call_id);
        put(o, "name", i.name);
        put(o, "arguments", i.arguments);
    } else if (i.type == "function_call_output") {
        put(o, "call_id", i.call_id);
        put(o, "output", i.output);
    }
    detail::merge_extra(o, i.extra);
    return o;
}

}  // namespace

json::value to_json(const responses_request& r, bool stream)
{
    json::object o;
    put(o, "model", r.model);
    if (!r.models.empty())
        put(o, "models", r.models);
    if (const auto* s = std::get_if<std::string>(&r.input)) {
        put(o, "input", *s);
    } else {
        json::array a;
        for (const auto& i : std::get<std::vector<response_input_item>>(r.input))
            a.push_back(item_json(i));
        o.insert_or_assign("input", std::move(a));
    }
    put(o, "instructions", r.instructions);
    if (!r.tools.empty())
        put(o, "tools", r.tools);
    if (r.tool_choice)
        o.insert_or_assign("tool_choice", *r.tool_choice);
    put(o, "parallel_tool_calls", r.parallel_tool_calls);
    put(o, "reasoning", r.reasoning);
    put(o, "max_output_tokens", r.max_output_tokens);
    put(o, "temperature", r.temperature);
    put(o, "top_p", r.top_p);
    put(o, "text", r.text);
    put(o, "previous_response_id", r.previous_response_id);
    put(o, "store", r.store);
    put(o, "metadata", r.metadata);
    put(o, "provider", r.provider);
    if (!r.plugins.empty()) {
        json::array a;
        for (const auto& p : r.plugins)
            a.push_back(p);
        o.insert_or_assign("plugins", std::move(a));
    }
    put(o, "user", r.user);
    put(o, "session_id", r.session_id);
    if (stream)
        put(o, "stream", true);
    detail::merge_extra(o, r.extra);
    return o;
}

// ---------------------------------------------------------------- result

bool detail::read_val(const json::value& v, response_output_item& out, std::string& why)
{
    return detail::read_object(v, out, why, [](const json::object& o, response_output_item& it, std::string& w) {
        const json::value* tv = o.if_contains("type");
        if (tv != nullptr && !read_val(*tv, it.type, w))
            return prefix(w, "type");
        const bool known = it.type == "message" || it.type == "reasoning" || it.type == "function_call";
        for (const auto& kv : o) {
            bool ok = true;
            const std::string_view k = kv.key();
            if (k == "type") {
                continue;
            } else if (k == "id") {
                ok = read_val(kv.value(), it.id, w);
            } else if (k == "status" && kv.value().is_string()) {
                ok = read_val(kv.value(), it.status, w);
            } else if (known && k == "role") {
                ok = read_val(kv.value(), it.role, w);
            } else if (it.type == "message" && k == "content") {
                const json::array* a = kv.value().if_array();
                if (a == nullptr && !kv.value().is_null()) {
                    ok = detail::expected(w, "array");
                } else if (a != nullptr) {
                    it.content.resize(a->size());
                    for (std::size_t i = 0; i < a->size() && ok; ++i)
                        ok = read_val((*a)[i], it.content[i], w) || detail::prefix_index(w, i);
                }
            } else if (it.type == "reasoning" && k == "summary") {
                const json::array* a = kv.value().if_array();
                if (a == nullptr && !kv.value().is_null()) {
                    ok = detail::expected(w, "array");
                } else if (a != nullptr) {
                    it.summary.resize(a->size());
                    for (std::size_t i = 0; i < a->size() && ok; ++i) {
                        const json::object* so = (*a)[i].if_object();
                        const json::value* t = so != nullptr ? so->if_contains("text") : nullptr;
                        ok = (t != nullptr && read_val(*t, it.summary[i], w) && t->is_string()) ||
                             (detail::expected(w, "summary object with text") || detail::prefix_index(w, i));
                    }
                }
            } else if (it.type == "reasoning" && k == "encrypted_content") {
                ok = read_val(kv.value(), it.encrypted_content, w);
            } else if (it.type == "function_call" && k == "call_id") {
                ok = read_val(kv.value(), it.call_id, w);
            } else if (it.type == "function_call" && k == "name") {
                ok = read_val(kv.value(), it.name, w);
            } else if (it.type == "function_call" && k == "arguments") {
                ok = read_val(kv.value(), it.arguments, w);
            } else {
                it.extra.insert_or_assign(k, kv.value());
            }
            if (!ok)
                return prefix(w, k);
        }
        return true;
    });
}

std::string response_output_item::text() const
{
    std::string out;
    if (type == "message")
        for (const auto& p : content)
            if (p.type == "output_text")
                out += p.text;
    return out;
}

std::string responses_result::output_text() const
{
    std::string out;
    for (const auto& i : output)
        out += i.text();
    return out;
}

bool from_json(const json::value& v, responses_result& out, std::string& why)
{
    return detail::read_val(v, out, why);
}

// ---------------------------------------------------------------- operation

namespace detail {

// Why the request cannot be sent, or "".
std::string responses_request_problem(const responses_request& r)
{
    if ((!r.model || r.model->empty()) && r.models.empty())
        return "responses_request: set model (or models)";
    if (const auto* s = std::get_if<std::string>(&r.input); s != nullptr && s->empty())
        return "responses_request.input is empty";
    if (const auto* v = std::get_if<std::vector<response_input_item>>(&r.input); v != nullptr && v->empty())
        return "responses_request.input has no items";
    return {};
}

void initiate_responses(std::shared_ptr<client_impl> impl, responses_request req, diagnostics* diag,
                        boost::asio::any_completion_handler<void(error_code, responses_result)> handler)
{
    if (auto problem = responses_request_problem(req); !problem.empty())
        return reject_op(std::move(impl), diag, std::move(handler), errc::invalid_request, std::move(problem));
    start_json_op<responses_result>(
        std::move(impl), diag, std::move(handler),
        api_request{http_method::post, "/responses", {}, to_json(req, false), {}, std::nullopt},
        &read_val<responses_result>);
}

}  // namespace detail
}  // namespace openrouter
