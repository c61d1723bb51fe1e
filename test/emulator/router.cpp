// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Request routing: recording, fault scripts, authentication and the API endpoints.
#include "catalogue_account.hpp"
#include "oauth_embeddings_responses.hpp"
#include "wire.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

#include <algorithm>

namespace openrouter::emulator::detail {
namespace json = boost::json;
namespace urls = boost::urls;

namespace {

constexpr std::size_t max_generations = 100000;
constexpr std::string_view api_prefix = "/api/v1";

std::string json_text(json::value const& v)
{
    return json::serialize(v);
}

bool contains(std::vector<std::string> const& v, std::string_view s)
{
    return std::find(v.begin(), v.end(), s) != v.end();
}

// The text of the last user message of a chat body, or the prompt of a completion body (for 403 metadata).
std::string request_input(json::object const* body)
{
    if (!body)
        return {};
    if (auto const* prompt = body->if_contains("prompt"); prompt && prompt->is_string())
        return std::string(prompt->get_string());
    std::string out;
    if (auto const* msgs = body->if_contains("messages"); msgs && msgs->is_array())
        for (auto const& m : msgs->get_array())
            if (auto const* c = m.is_object() ? m.get_object().if_contains("content") : nullptr; c && c->is_string())
                out = c->get_string();
    return out;
}

std::string request_model(json::object const* body)
{
    if (body)
        if (auto const* m = body->if_contains("model"); m && m->is_string())
            return std::string(m->get_string());
    return "emulator/echo";
}

json::object stats_json(shared_state const& st)
{
    std::lock_guard lock(st.mu);
    return {{"connections_accepted", st.accepted},
            {"connections_open", st.open},
            {"connections_closed_by_client", st.closed_by_client},
            {"requests", st.requests.size() + st.unrecorded_requests},
            {"generations", st.generations.size()}};
}

json::array requests_json(shared_state const& st)
{
    std::lock_guard lock(st.mu);
    json::array out;
    for (auto const& r : st.requests) {
        json::array headers;
        for (auto const& [k, v] : r.headers)
            headers.push_back(json::array{k, v});
        out.push_back(json::object{{"method", r.method},
                                   {"target", r.target},
                                   {"headers", std::move(headers)},
                                   {"body", r.body},
                                   {"connection_id", r.connection_id}});
    }
    return out;
}

response_plan control(shared_state& st, http_request const& req, std::string_view path)
{
    scenario none;
    if (path == "/_emulator/stats" && req.method() == http::verb::get)
        return body_response(req, 200, json_text(stats_json(st)), none);
    if (path == "/_emulator/requests" && req.method() == http::verb::get)
        return body_response(req, 200, json_text(requests_json(st)), none);
    if (path == "/_emulator/reset" && req.method() == http::verb::post) {
        st.reset();
        return body_response(req, 200, R"({"ok":true})", none);
    }
    return body_response(req, 404, error_body(404, none, "Unknown emulator control endpoint"), none);
}

void record(shared_state& st, http_request const& req, std::uint64_t connection_id)
{
    if (!st.opts.record_requests) {
        std::lock_guard lock(st.mu);
        ++st.unrecorded_requests;
        return;
    }
    recorded_request r;
    r.method = std::string(req.method_string());
    r.target = std::string(req.target());
    for (auto const& f : req)
        r.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
    r.body = req.body();
    r.connection_id = connection_id;
    std::lock_guard lock(st.mu);
    st.requests.push_back(std::move(r));
}

std::uint64_t next_generation(shared_state& st)
{
    std::lock_guard lock(st.mu);
    return st.next_generation++;
}

void store_generation(shared_state& st, reply_plan const& p, http_request const& req, std::string const& key,
                      json::object const& body)
{
    generation_record g;
    g.id = p.id;
    g.model = p.model;
    g.finish_reason = p.choices.empty() ? std::string() : p.choices.front().finish_reason;
    g.api_type = "completions";
    g.streamed = p.stream;
    g.prompt_tokens = p.prompt_tokens;
    g.completion_tokens = p.completion_tokens;
    g.reasoning_tokens = p.reasoning_tokens;
    g.cost = p.cost();
    g.user_agent = std::string(req[http::field::user_agent]);
    g.http_referer = std::string(req[http::field::referer]);
    g.key = key;
    if (auto const* prompt = body.if_contains("prompt"); prompt && prompt->is_string())
        g.prompt = prompt->get_string();
    else if (auto const* msgs = body.if_contains("messages"); msgs && msgs->is_array())
        g.messages = msgs->get_array();
    if (!p.choices.empty()) {
        g.output = p.choices.front().content;
        g.reasoning = p.choices.front().reasoning;
    }
    std::lock_guard lock(st.mu);
    st.key_usage[key] += g.cost;
    st.generation_order.push_back(g.id);
    st.generations[g.id] = std::move(g);
    while (st.generation_order.size() > max_generations) {
        st.generations.erase(st.generation_order.front());
        st.generation_order.pop_front();
    }
}

// The answer of a chat or legacy completion request.
response_plan completion(shared_state& st, http_request const& req, json::object const* body,
                         std::string const& parse_error, scenario const& sc, bool legacy, std::string const& key)
{
    if (!body)
        return body_response(req, 400, error_body(400, sc, parse_error), sc);
    reply_plan p;
    plan_error err = legacy ? make_completion_plan(*body, p) : make_chat_plan(*body, p);
    if (err.status)
        return body_response(req, err.status, error_body(err.status, sc, err.message), sc);
    number_plan(p, next_generation(st));
    store_generation(st, p, req, key, *body);
    if (p.stream)
        return stream_response(req, p, sc);
    return body_response(req, 200, json_text(render_result(p)), sc, {{"X-Generation-Id", p.id}});
}

}  // namespace

void shared_state::reset()
{
    std::lock_guard lock(mu);
    requests.clear();
    unrecorded_requests = 0;
    accepted = 0;
    closed_by_client = 0;
    sequences.clear();
    next_generation = 1;
    generations.clear();
    generation_order.clear();
    key_usage.clear();
    managed_keys.clear();
    next_managed_key = 1;
}

response_plan route(shared_state& st, http_request const& req, std::uint64_t connection_id)
{
    scenario sc;
    auto url = urls::parse_origin_form(req.target());
    if (!url)
        return body_response(req, 400, error_body(400, sc, "Invalid request target"), sc);
    std::string const path = url->path();
    if (path.starts_with("/_emulator/"))
        return control(st, req, path);
    record(st, req, connection_id);

    // The body (JSON for POST requests) and the fault script (body field "emulator", then X-Emulator).
    json::value body_value;
    std::string parse_error;
    if (!req.body().empty()) {
        boost::system::error_code ec;
        body_value = json::parse(req.body(), ec);
        if (ec)
            parse_error = "Invalid JSON in request body: " + ec.message();
        else if (!body_value.is_object())
            parse_error = "Request body must be a JSON object";
    } else
        parse_error = "Request body must be a JSON object";
    json::object const* body = parse_error.empty() ? &body_value.get_object() : nullptr;
    std::string script_error;
    if (body)
        if (auto const* script = body->if_contains("emulator"))
            script_error = parse_scenario(*script, sc);
    if (script_error.empty())
        if (auto it = req.find("X-Emulator"); it != req.end())
            script_error = parse_scenario_header(it->value(), sc);
    if (!script_error.empty()) {
        scenario none;
        return body_response(req, 400, error_body(400, none, script_error), none);
    }
    std::optional<int> scripted = sc.status;
    if (!scripted && !sc.statuses.empty()) {
        std::lock_guard lock(st.mu);
        std::size_t const n = st.sequences[sc.sequence_key()]++;
        scripted = sc.statuses[std::min(n, sc.statuses.size() - 1)];
    }

    // Authentication: Authorization: Bearer <key>.
    std::string_view auth = req[http::field::authorization];
    std::string key;
    if (auth.size() > 7 && (auth.starts_with("Bearer ") || auth.starts_with("bearer ")))
        key = std::string(auth.substr(7));
    bool const keyless = path == "/api/v1/auth/keys";  // the OAuth exchange: the user has no key yet
    if (key.empty() && !keyless)
        return body_response(req, 401, error_body(401, sc, "No auth credentials found"), sc);
    bool const management = contains(st.opts.provisioning_keys, key);
    bool const keys_endpoint = path == "/api/v1/keys" || path.starts_with("/api/v1/keys/");
    bool valid = st.opts.api_keys.empty() ? key.find("invalid") == std::string::npos : contains(st.opts.api_keys, key);
    if (management)
        valid = keys_endpoint || path == "/api/v1/key" || path == "/api/v1/auth/key" || path == "/api/v1/activity";
    if (!valid && !keyless)
        return body_response(
            req, 401,
            error_body(401, sc, management ? "Management keys can only be used on /keys endpoints" : "User not found."),
            sc);

    if (scripted && *scripted != 200) {
        int const s = *scripted;
        std::string const model = request_model(body);
        return body_response(
            req, s,
            error_body(s, sc, default_error_message(s, model), default_error_metadata(s, model, request_input(body))),
            sc);
    }
    if (sc.body)
        return body_response(req, scripted.value_or(200), {}, sc);

    auto const verb = req.method();
    auto method_not_allowed = [&] {
        return body_response(req, 405, error_body(405, sc, "Method not allowed"), sc,
                             {{"Allow", verb == http::verb::get ? "POST" : "GET"}});
    };
    if (!path.starts_with(api_prefix))
        return body_response(req, 404, error_body(404, sc, "Not Found"), sc);
    std::string_view const api = std::string_view(path).substr(api_prefix.size());
    if (api == "/chat/completions" || api == "/completions") {
        if (verb != http::verb::post)
            return method_not_allowed();
        return completion(st, req, body, parse_error, sc, api == "/completions", key);
    }
    if (auto r = route_oauth_embeddings_responses(st, req, api, sc, body, parse_error))
        return std::move(*r);
    if (auto r = route_catalogue_account({st, req, *url, api, sc, key, management, body, parse_error}))
        return std::move(*r);
    return body_response(req, 404, error_body(404, sc, "Not Found"), sc);
}

}  // namespace openrouter::emulator::detail
