// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// POST /responses: the Responses API. The request is translated to a chat body and answered by the same
// deterministic models (replies.cpp), then rendered as an OpenResponsesResult, or streamed as named
// `response.*` SSE events ending with `data: [DONE]`.
#include "oauth_embeddings_responses.hpp"
#include "wire.hpp"

#include <boost/json/serialize.hpp>

namespace openrouter::emulator::detail {
namespace json = boost::json;

namespace {

constexpr std::size_t argument_piece = 8;

response_plan bad(http_request const& req, scenario const& sc, std::string const& msg)
{
    return body_response(req, 400, error_body(400, sc, msg), sc);
}

// Responses content (a string or input_text/output_text parts) as chat content.
bool chat_content(json::value const& c, json::value& out)
{
    if (c.is_string() || c.is_null()) {
        out = c;
        return true;
    }
    if (!c.is_array())
        return false;
    json::array parts;
    for (auto const& p : c.get_array()) {
        auto const* o = p.if_object();
        if (!o)
            return false;
        auto const* t = o->if_contains("text");
        if (t && t->is_string())
            parts.push_back(json::object{{"type", "text"}, {"text", *t}});
    }
    out = std::move(parts);
    return true;
}

// Builds the chat body; returns an error message or "".
std::string to_chat(json::object const& body, json::object& chat)
{
    for (auto k : {"model", "models", "reasoning", "stream", "temperature", "top_p"})
        if (auto const* v = body.if_contains(k))
            chat[k] = *v;
    if (auto const* m = body.if_contains("max_output_tokens"); m && !m->is_null())
        chat["max_tokens"] = *m;
    json::array msgs;
    if (auto const* ins = body.if_contains("instructions"); ins && ins->is_string())
        msgs.push_back(json::object{{"role", "system"}, {"content", *ins}});
    auto const* input = body.if_contains("input");
    if (!input || input->is_null())
        return "input is required";
    if (input->is_string()) {
        msgs.push_back(json::object{{"role", "user"}, {"content", *input}});
    } else if (input->is_array()) {
        std::size_t i = 0;
        for (auto const& item : input->get_array()) {
            std::string const at = "input[" + std::to_string(i++) + "]";
            auto const* o = item.if_object();
            if (!o)
                return at + " must be an object";
            auto const* type = o->if_contains("type");
            std::string_view const t = type && type->is_string() ? std::string_view(type->get_string()) : "message";
            if (t == "message") {
                auto const* role = o->if_contains("role");
                auto const* content = o->if_contains("content");
                json::value c;
                if (!role || !role->is_string() || !content || !chat_content(*content, c))
                    return at + ": a message needs a string role and string or array content";
                std::string_view r = role->get_string();
                msgs.push_back(json::object{{"role", r == "developer" ? std::string_view("system") : r},
                                            {"content", std::move(c)}});
            } else if (t == "function_call_output") {
                auto const* out = o->if_contains("output");
                auto const* id = o->if_contains("call_id");
                if (!out || !id || !id->is_string())
                    return at + ": function_call_output needs call_id and output";
                json::value c;
                if (!chat_content(*out, c))
                    return at + ".output must be a string or an array";
                msgs.push_back(json::object{{"role", "tool"}, {"tool_call_id", *id}, {"content", std::move(c)}});
            } else if (t == "function_call") {
                json::object fn{{"name", o->contains("name") ? o->at("name") : json::value("")},
                                {"arguments", o->contains("arguments") ? o->at("arguments") : json::value("{}")}};
                json::object call{{"id", o->contains("call_id") ? o->at("call_id") : json::value("")},
                                  {"type", "function"},
                                  {"function", std::move(fn)}};
                msgs.push_back(json::object{{"role", "assistant"}, {"content", ""}, {"tool_calls", json::array{call}}});
            }
            // reasoning and other item types carry nothing the deterministic models use
        }
    } else
        return "input must be a string or an array of items";
    chat["messages"] = std::move(msgs);
    if (auto const* tools = body.if_contains("tools"); tools && tools->is_array()) {
        json::array ct;
        for (auto const& t : tools->get_array()) {
            auto const* o = t.if_object();
            if (!o || !o->contains("type") || o->at("type") != "function")
                continue;
            json::object fn;
            for (auto k : {"name", "description", "parameters", "strict"})
                if (auto const* v = o->if_contains(k))
                    fn[k] = *v;
            ct.push_back(json::object{{"type", "function"}, {"function", std::move(fn)}});
        }
        chat["tools"] = std::move(ct);
    }
    if (auto const* tc = body.if_contains("tool_choice")) {
        if (tc->is_object() && tc->get_object().contains("name"))
            chat["tool_choice"] =
                json::object{{"type", "function"}, {"function", {{"name", tc->get_object().at("name")}}}};
        else
            chat["tool_choice"] = *tc;
    }
    return {};
}

struct item_plan {
    json::object done;  // the finished item
    std::string kind;   // "reasoning", "message", "function_call"
    std::string text;   // reasoning summary, message text, or arguments
};

std::vector<item_plan> output_items(reply_plan const& p)
{
    std::vector<item_plan> out;
    if (p.choices.empty())
        return out;
    auto const& c = p.choices.front();
    if (p.show_reasoning && !c.reasoning.empty())
        out.push_back({{{"type", "reasoning"},
                        {"id", "rs-" + p.id},
                        {"summary", json::array{json::object{{"type", "summary_text"}, {"text", c.reasoning}}}},
                        {"status", "completed"}},
                       "reasoning",
                       c.reasoning});
    if (!c.content.empty() || c.tool_calls.empty())
        out.push_back(
            {{{"type", "message"},
              {"id", "msg-" + p.id},
              {"role", "assistant"},
              {"status", "completed"},
              {"content", json::array{json::object{
                              {"type", "output_text"}, {"text", c.content}, {"annotations", json::array{}}}}}},
             "message",
             c.content});
    for (auto const& tc : c.tool_calls)
        out.push_back({{{"type", "function_call"},
                        {"id", "fc-" + tc.id},
                        {"call_id", tc.id},
                        {"name", tc.name},
                        {"arguments", tc.arguments},
                        {"status", "completed"}},
                       "function_call",
                       tc.arguments});
    return out;
}

json::object render_response(reply_plan const& p, json::object const& body, bool finished)
{
    bool const incomplete = !p.choices.empty() && p.choices.front().finish_reason == "length";
    json::object r{{"id", p.id},
                   {"object", "response"},
                   {"created_at", fixed_created},
                   {"completed_at", finished ? json::value(fixed_created) : json::value(nullptr)},
                   {"model", p.model},
                   {"status", !finished    ? "in_progress"
                              : incomplete ? "incomplete"
                                           : "completed"},
                   {"error", nullptr},
                   {"incomplete_details",
                    finished && incomplete ? json::value(json::object{{"reason", "max_output_tokens"}}) : nullptr},
                   {"parallel_tool_calls", true},
                   {"tool_choice", body.contains("tool_choice") ? body.at("tool_choice") : json::value("auto")},
                   {"tools", body.contains("tools") ? body.at("tools") : json::value(json::array{})}};
    // Echoed request settings; OpenResponsesResult requires each of these (null when not sent).
    for (auto k : {"instructions", "max_output_tokens", "metadata", "temperature", "top_p", "presence_penalty",
                   "frequency_penalty", "previous_response_id"})
        r[k] = body.contains(k) ? body.at(k) : json::value(nullptr);
    json::array output;
    if (finished)
        for (auto& it : output_items(p))
            output.push_back(std::move(it.done));
    r["output"] = std::move(output);
    if (finished)
        r["usage"] = json::object{{"input_tokens", p.prompt_tokens},
                                  {"input_tokens_details", {{"cached_tokens", 0}}},
                                  {"output_tokens", p.completion_tokens},
                                  {"output_tokens_details", {{"reasoning_tokens", p.reasoning_tokens}}},
                                  {"total_tokens", p.total_tokens()},
                                  {"cost", p.cost()},
                                  {"is_byok", false}};
    else
        r["usage"] = nullptr;
    return r;
}

struct sse_event {
    std::string text;  // "event: ...\ndata: ...\n\n"
    bool is_delta = false;
};

std::vector<sse_event> render_events(reply_plan const& p, json::object const& body)
{
    std::vector<sse_event> ev;
    std::int64_t seq = 0;
    auto add = [&](std::string_view type, json::object o, bool delta = false) {
        o["type"] = type;
        o["sequence_number"] = seq++;
        ev.push_back({"event: " + std::string(type) + "\ndata: " + json::serialize(o) + "\n\n", delta});
    };
    add("response.created", {{"response", render_response(p, body, false)}});
    add("response.in_progress", {{"response", render_response(p, body, false)}});
    auto items = output_items(p);
    for (std::size_t i = 0; i < items.size(); ++i) {
        auto& it = items[i];
        std::string const id(it.done.at("id").get_string());
        json::object added = it.done;
        added["status"] = "in_progress";
        if (it.kind == "reasoning")
            added["summary"] = json::array{};
        else if (it.kind == "message")
            added["content"] = json::array{};
        else
            added["arguments"] = "";
        add("response.output_item.added", {{"output_index", i}, {"item", std::move(added)}});
        if (it.kind == "reasoning") {
            for (auto const& w : split_words(it.text))
                add("response.reasoning_summary_text.delta",
                    {{"item_id", id}, {"output_index", i}, {"summary_index", 0}, {"delta", w}}, true);
            add("response.reasoning_summary_text.done",
                {{"item_id", id}, {"output_index", i}, {"summary_index", 0}, {"text", it.text}});
        } else if (it.kind == "message") {
            json::object part{{"type", "output_text"}, {"text", ""}, {"annotations", json::array{}}};
            add("response.content_part.added",
                {{"item_id", id}, {"output_index", i}, {"content_index", 0}, {"part", part}});
            for (auto const& w : split_words(it.text))
                add("response.output_text.delta",
                    {{"item_id", id},
                     {"output_index", i},
                     {"content_index", 0},
                     {"delta", w},
                     {"logprobs", json::array{}}},
                    true);
            add("response.output_text.done", {{"item_id", id},
                                              {"output_index", i},
                                              {"content_index", 0},
                                              {"text", it.text},
                                              {"logprobs", json::array{}}});
            part["text"] = it.text;
            add("response.content_part.done",
                {{"item_id", id}, {"output_index", i}, {"content_index", 0}, {"part", part}});
        } else {
            for (std::size_t at = 0; at < it.text.size(); at += argument_piece)
                add("response.function_call_arguments.delta",
                    {{"item_id", id}, {"output_index", i}, {"delta", it.text.substr(at, argument_piece)}}, true);
            add("response.function_call_arguments.done",
                {{"item_id", id}, {"output_index", i}, {"arguments", it.text}});
        }
        add("response.output_item.done", {{"output_index", i}, {"item", it.done}});
    }
    json::object done = render_response(p, body, true);
    std::string const last = done.at("status") == "incomplete" ? "response.incomplete" : "response.completed";
    add(last, {{"response", std::move(done)}});
    return ev;
}

response_plan stream_events(http_request const& req, reply_plan const& p, json::object const& body, scenario const& sc)
{
    response_plan plan;
    plan.close = sc.close || !req.keep_alive();
    plan.close_after_bytes = sc.close_after_bytes;
    plan.write_size = sc.write_size;
    bool const truncated = sc.malformed == malformed_kind::truncated;
    if (truncated)
        plan.close = true;
    auto head = make_head(req, 200, sc.content_type ? *sc.content_type : "text/event-stream", plan.close);
    head.set(http::field::cache_control, "no-cache");
    head.chunked(true);
    if (sc.delay.count() > 0)
        plan.steps.push_back({{}, sc.delay, false});
    plan.steps.push_back({head_bytes(head), {}, true});
    plan.steps.push_back({chunk_bytes(": OPENROUTER PROCESSING\n\n"),
                          sc.stall_after_events ? std::chrono::milliseconds(0) : sc.stall, false});

    auto events = render_events(p, body);
    if (sc.malformed == malformed_kind::not_json)
        events.front().text = "event: response.created\ndata: {\"type\": this is not JSON\n\n";
    else if (sc.malformed == malformed_kind::wrong_shape)
        events.front().text = "event: response.created\ndata: [1,2,3]\n\n";
    std::size_t const keep = truncated ? events.size() / 2 : events.size();
    std::size_t deltas = 0, sent = 0;
    bool malformed_sent = false;
    auto push = [&](std::string const& text) {
        plan.steps.push_back({chunk_bytes(text), {}, false});
        if (sc.stall_after_events && ++sent == *sc.stall_after_events)
            plan.steps.back().wait += sc.stall;
    };
    for (std::size_t i = 0; i < keep; ++i) {
        bool const last = i + 1 == events.size();
        if (sc.malformed_event_after && !malformed_sent && (deltas >= *sc.malformed_event_after || last)) {
            push("event: response.output_text.delta\ndata: {not json\n\n");
            malformed_sent = true;
        }
        if (sc.error_after_deltas && (deltas >= *sc.error_after_deltas || last)) {
            json::object e{{"type", "error"},
                           {"code", sc.error_code ? *sc.error_code : json::value("server_error")},
                           {"message", sc.error_message ? *sc.error_message : std::string("Provider returned error")},
                           {"param", nullptr},
                           {"sequence_number", i}};
            if (sc.metadata)
                e["metadata"] = *sc.metadata;
            push("event: error\ndata: " + json::serialize(e) + "\n\n");
            plan.steps.push_back({last_chunk_bytes(), {}, false});
            return plan;
        }
        push(events[i].text);
        if (events[i].is_delta)
            ++deltas;
    }
    if (truncated)
        return plan;
    if (!sc.no_done)
        push("data: [DONE]\n\n");
    plan.steps.push_back({last_chunk_bytes(), {}, false});
    return plan;
}

}  // namespace

std::optional<response_plan> route_responses(shared_state& st, http_request const& req, std::string_view api,
                                             scenario const& sc, json::object const* body,
                                             std::string const& parse_error)
{
    if (api != "/responses")
        return std::nullopt;
    if (req.method() != http::verb::post)
        return body_response(req, 405, error_body(405, sc, "Method not allowed"), sc, {{"Allow", "POST"}});
    if (!body)
        return bad(req, sc, parse_error);
    json::object chat;
    if (auto why = to_chat(*body, chat); !why.empty())
        return bad(req, sc, why);
    reply_plan p;
    if (plan_error err = make_chat_plan(chat, p); err.status)
        return body_response(req, err.status, error_body(err.status, sc, err.message), sc);
    std::uint64_t seq = 0;
    {
        std::lock_guard lock(st.mu);
        seq = st.next_generation++;
    }
    number_plan(p, seq);
    p.id = "resp-emu-" + std::to_string(seq);
    if (p.stream)
        return stream_events(req, p, *body, sc);
    return body_response(req, 200, json::serialize(render_response(p, *body, true)), sc, {{"X-Generation-Id", p.id}});
}

}  // namespace openrouter::emulator::detail
