// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Reply plans for the deterministic models, and their JSON/SSE rendering.
#include "replies.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>

namespace openrouter::emulator::detail {
namespace json = boost::json;

namespace {

constexpr std::size_t default_lorem_words = 16;
constexpr std::size_t max_lorem_words = 16384;      // the models' top_provider.max_completion_tokens
constexpr std::size_t max_deltas_per_text = 65536;  // longer texts stream several words per delta
constexpr std::size_t max_token_limit = 1'000'000;
constexpr std::int64_t max_choices = 16;
constexpr std::size_t argument_piece = 8;  // bytes per streamed tool-call argument fragment

constexpr std::array<std::string_view, 19> lorem_words = {
    "lorem",   "ipsum",  "dolor",      "sit", "amet",   "consectetur", "adipiscing", "elit",  "sed",   "do",
    "eiusmod", "tempor", "incididunt", "ut",  "labore", "et",          "dolore",     "magna", "aliqua"};

bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// The text of a message's content: a string, or the concatenated "text" of its parts.
bool content_text(json::value const& content, std::string& out)
{
    out.clear();
    if (content.is_null())
        return true;
    if (content.is_string()) {
        out = content.get_string();
        return true;
    }
    if (!content.is_array())
        return false;
    for (auto const& part : content.get_array()) {
        if (!part.is_object())
            return false;
        auto const* type = part.get_object().if_contains("type");
        auto const* text = part.get_object().if_contains("text");
        if (type && type->is_string() && type->get_string() == "text" && text && text->is_string())
            out += text->get_string();
    }
    return true;
}

struct parsed_message {
    std::string role, text;
};

plan_error parse_messages(json::object const& body, std::vector<parsed_message>& out)
{
    auto const* msgs = body.if_contains("messages");
    if (!msgs || !msgs->is_array() || msgs->get_array().empty())
        return {400, "messages: expected a non-empty array of messages"};
    for (auto const& m : msgs->get_array()) {
        auto const* obj = m.if_object();
        auto const* role = obj ? obj->if_contains("role") : nullptr;
        if (!role || !role->is_string())
            return {400, "messages: every message must be an object with a string \"role\""};
        parsed_message pm{std::string(role->get_string()), {}};
        auto const* content = obj->if_contains("content");
        if (content && !content_text(*content, pm.text))
            return {400, "messages: \"content\" must be a string, null or an array of content parts"};
        out.push_back(std::move(pm));
    }
    return {};
}

// The completion-token limit of a request (max_completion_tokens wins over max_tokens); 0 when absent.
plan_error token_limit(json::object const& body, std::size_t& limit)
{
    limit = 0;
    for (char const* name : {"max_tokens", "max_completion_tokens"}) {
        auto const* v = body.if_contains(name);
        if (!v || v->is_null())
            continue;
        if (!(v->is_int64() && v->get_int64() >= 1 && static_cast<std::size_t>(v->get_int64()) <= max_token_limit))
            return {400, std::string(name) + ": expected an integer between 1 and 1000000"};
        limit = static_cast<std::size_t>(v->get_int64());
    }
    return {};
}

std::string lorem_text(std::size_t words, std::size_t offset)
{
    std::string out;
    for (std::size_t i = 0; i < words; ++i) {
        if (i)
            out += ' ';
        out += lorem_words[(i + offset) % lorem_words.size()];
    }
    return out;
}

// Applies the token limit to an answer's content; returns the finish reason.
std::string limit_content(std::string& content, std::size_t limit)
{
    if (limit == 0 || count_words(content) <= limit)
        return "stop";
    auto pieces = split_words(content);
    content.clear();
    for (std::size_t i = 0; i < limit; ++i)
        content += pieces[i];
    return "length";
}

// A deterministic argument value for a JSON schema node.
json::value sample_value(json::value const& schema)
{
    auto const* s = schema.if_object();
    if (!s)
        return "emu";
    if (auto const* e = s->if_contains("enum"); e && e->is_array() && !e->get_array().empty())
        return e->get_array().front();
    auto const* t = s->if_contains("type");
    std::string_view type = t && t->is_string() ? std::string_view(t->get_string()) : "string";
    if (type == "integer")
        return 1;
    if (type == "number")
        return 1.5;
    if (type == "boolean")
        return true;
    if (type == "array")
        return json::array();
    if (type == "null")
        return nullptr;
    if (type == "object") {
        json::object o;
        if (auto const* props = s->if_contains("properties"); props && props->is_object())
            for (auto const& [k, v] : props->get_object())
                o[k] = sample_value(v);
        return o;
    }
    return "emu";
}

// Picks the tool to call: tool_choice {"type":"function","function":{"name":N}} or the first tool.
plan_error pick_tool(json::object const& body, json::object const*& tool, bool& use_tools)
{
    tool = nullptr;
    use_tools = false;
    auto const* tools = body.if_contains("tools");
    if (!tools || tools->is_null())
        return {};
    if (!tools->is_array())
        return {400, "tools: expected an array"};
    std::vector<json::object const*> functions;
    for (auto const& t : tools->get_array()) {
        auto const* fn = t.is_object() ? t.get_object().if_contains("function") : nullptr;
        auto const* name = fn && fn->is_object() ? fn->get_object().if_contains("name") : nullptr;
        if (!name || !name->is_string())
            return {400, "tools: every tool must be {\"type\":\"function\",\"function\":{\"name\":...}}"};
        functions.push_back(&fn->get_object());
    }
    if (functions.empty())
        return {};
    std::string_view wanted;
    if (auto const* choice = body.if_contains("tool_choice")) {
        if (choice->is_string() && choice->get_string() == "none")
            return {};
        if (auto const* co = choice->if_object())
            if (auto const* fn = co->if_contains("function"); fn && fn->is_object())
                if (auto const* n = fn->get_object().if_contains("name"); n && n->is_string())
                    wanted = n->get_string();
    }
    tool = functions.front();
    if (!wanted.empty()) {
        auto it = std::find_if(functions.begin(), functions.end(),
                               [&](auto const* f) { return f->at("name").get_string() == wanted; });
        if (it == functions.end())
            return {400, "tool_choice: no tool named \"" + std::string(wanted) + "\""};
        tool = *it;
    }
    use_tools = true;
    return {};
}

json::object chunk_base(reply_plan const& p)
{
    return {{"id", p.id},
            {"provider", provider_name},
            {"model", p.model},
            {"object", p.legacy ? "text_completion" : "chat.completion.chunk"},
            {"created", fixed_created},
            {"system_fingerprint", system_fingerprint}};
}

json::array reasoning_details(std::string const& text)
{
    return {json::object{{"type", "reasoning.text"}, {"text", text}, {"format", "unknown"}, {"index", 0}}};
}

std::string event_with(reply_plan const& p, json::object choice)
{
    json::object chunk = chunk_base(p);
    chunk["choices"] = json::array{std::move(choice)};
    return json::serialize(chunk);
}

json::object stream_choice(std::size_t index, json::object delta)
{
    return {{"index", index},
            {"delta", std::move(delta)},
            {"finish_reason", nullptr},
            {"native_finish_reason", nullptr},
            {"logprobs", nullptr}};
}

// The streamed pieces of a text: one per word, or several words per piece for very long texts so that
// a stream (which is rendered ahead of sending) stays bounded.
std::vector<std::string> stream_pieces(std::string_view text)
{
    auto pieces = split_words(text);
    if (pieces.size() <= max_deltas_per_text)
        return pieces;
    std::size_t const group = (pieces.size() + max_deltas_per_text - 1) / max_deltas_per_text;
    std::vector<std::string> grouped;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        if (i % group == 0)
            grouped.emplace_back();
        grouped.back() += pieces[i];
    }
    return grouped;
}

// Fragments of a string at most `n` bytes long, never splitting a UTF-8 sequence.
std::vector<std::string> fragments(std::string_view s, std::size_t n)
{
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t end = std::min(s.size(), i + n);
        while (end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80)
            ++end;
        out.emplace_back(s.substr(i, end - i));
        i = end;
    }
    return out;
}

}  // namespace

void number_plan(reply_plan& p, std::uint64_t seq)
{
    p.id = "gen-emu-" + std::to_string(seq);
    for (std::size_t i = 0; i < p.choices.size(); ++i)
        for (auto& tc : p.choices[i].tool_calls)
            tc.id = "call_emu_" + std::to_string(seq) + "_" + std::to_string(i);
}

double reply_plan::cost() const
{
    // Computed from integers so that the value is the double nearest to the decimal price.
    return static_cast<double>(prompt_tokens + 2 * completion_tokens) / 1e6;
}

std::size_t count_words(std::string_view text)
{
    std::size_t n = 0;
    bool in_word = false;
    for (char c : text) {
        if (is_space(c))
            in_word = false;
        else if (!in_word) {
            in_word = true;
            ++n;
        }
    }
    return n;
}

std::vector<std::string> split_words(std::string_view text)
{
    std::vector<std::string> out;
    std::string cur;
    bool has_word = false;  // cur already holds (the start of) a word
    for (char c : text) {
        if (is_space(c) && has_word) {
            out.push_back(std::move(cur));
            cur.clear();
            has_word = false;
        }
        if (!is_space(c))
            has_word = true;
        cur += c;
    }
    if (!cur.empty()) {
        if (!has_word && !out.empty())
            out.back() += cur;  // trailing whitespace goes with the last word
        else
            out.push_back(std::move(cur));
    }
    return out;
}

plan_error make_chat_plan(json::object const& body, reply_plan& p)
{
    auto const* model = body.if_contains("model");
    if (!model || !model->is_string()) {
        auto const* list = body.if_contains("models");
        if (list && list->is_array() && !list->get_array().empty() && list->get_array().front().is_string())
            model = &list->get_array().front();
        else
            return {400, "model: expected a model ID string"};
    }
    auto const* info = find_model(model->get_string());
    if (!info)
        return {400, std::string(model->get_string()) + " is not a valid model ID"};
    std::vector<parsed_message> msgs;
    if (auto e = parse_messages(body, msgs); e.status)
        return e;
    std::size_t limit = 0;
    if (auto e = token_limit(body, limit); e.status)
        return e;
    std::int64_t n = 1;
    if (auto const* nv = body.if_contains("n"); nv && !nv->is_null()) {
        if (!nv->is_int64() || nv->get_int64() < 1 || nv->get_int64() > max_choices)
            return {400, "n: expected an integer between 1 and 16"};
        n = nv->get_int64();
    }
    json::object const* tool = nullptr;
    bool use_tools = false;
    if (auto e = pick_tool(body, tool, use_tools); e.status)
        return e;
    if (auto const* s = body.if_contains("stream"); s && !s->is_null() && !s->is_bool())
        return {400, "stream: expected a boolean"};

    p = {};
    p.model = std::string(model->get_string());
    p.stream = body.contains("stream") && body.at("stream").is_bool() && body.at("stream").get_bool();
    if (auto const* r = body.if_contains("reasoning"); r && r->is_object())
        if (auto const* ex = r->get_object().if_contains("exclude"); ex && ex->is_bool() && ex->get_bool())
            p.show_reasoning = false;
    if (auto const* ir = body.if_contains("include_reasoning"); ir && ir->is_bool() && !ir->get_bool())
        p.show_reasoning = false;

    std::string last_user;
    for (auto const& m : msgs) {
        p.prompt_tokens += count_words(m.text);
        if (m.role == "user")
            last_user = m.text;
    }
    bool const answer_tool_result = msgs.back().role == "tool";

    for (std::int64_t i = 0; i < n; ++i) {
        choice_plan c;
        auto const idx = static_cast<std::size_t>(i);
        if (info->id == "emulator/lorem") {
            c.content = lorem_text(limit ? std::min(limit, max_lorem_words) : default_lorem_words, idx);
            c.finish_reason = limit ? "length" : "stop";
        } else if (info->tools && use_tools && !answer_tool_result) {
            auto const& fn = *tool;
            json::value args = json::object();
            if (auto const* params = fn.if_contains("parameters"))
                args = sample_value(*params);
            if (!args.is_object())
                args = json::object();
            c.tool_calls.push_back({{}, std::string(fn.at("name").get_string()), json::serialize(args)});
            c.finish_reason = "tool_calls";
        } else {
            c.content = answer_tool_result ? msgs.back().text : last_user;
            c.finish_reason = limit_content(c.content, limit);
            if (info->reasoning)
                c.reasoning = "Thinking about a reply to " + std::to_string(count_words(last_user)) +
                              " words: I will repeat them.";
        }
        c.reasoning_tokens = count_words(c.reasoning);
        c.completion_tokens = count_words(c.content) + c.reasoning_tokens;
        for (auto const& tc : c.tool_calls)
            c.completion_tokens += count_words(tc.name) + count_words(tc.arguments);
        p.completion_tokens += c.completion_tokens;
        p.reasoning_tokens += c.reasoning_tokens;
        p.choices.push_back(std::move(c));
    }
    return {};
}

plan_error make_completion_plan(json::object const& body, reply_plan& p)
{
    auto const* model = body.if_contains("model");
    if (!model || !model->is_string())
        return {400, "model: expected a model ID string"};
    auto const* info = find_model(model->get_string());
    if (!info)
        return {400, std::string(model->get_string()) + " is not a valid model ID"};
    auto const* prompt = body.if_contains("prompt");
    std::string text;
    if (prompt && prompt->is_string())
        text = prompt->get_string();
    else if (prompt && prompt->is_array() && !prompt->get_array().empty() &&
             std::all_of(prompt->get_array().begin(), prompt->get_array().end(),
                         [](json::value const& v) { return v.is_string(); }))
        for (auto const& v : prompt->get_array())
            text += v.get_string();
    else
        return {400, "prompt: expected a string or a non-empty array of strings"};
    std::size_t limit = 0;
    if (auto e = token_limit(body, limit); e.status)
        return e;
    if (auto const* s = body.if_contains("stream"); s && !s->is_null() && !s->is_bool())
        return {400, "stream: expected a boolean"};

    p = {};
    p.model = std::string(model->get_string());
    p.legacy = true;
    p.stream = body.contains("stream") && body.at("stream").is_bool() && body.at("stream").get_bool();
    p.prompt_tokens = count_words(text);
    choice_plan c;
    if (info->id == "emulator/lorem") {
        c.content = lorem_text(limit ? std::min(limit, max_lorem_words) : default_lorem_words, 0);
        c.finish_reason = limit ? "length" : "stop";
    } else {
        c.content = text;
        c.finish_reason = limit_content(c.content, limit);
    }
    c.completion_tokens = count_words(c.content);
    p.completion_tokens = c.completion_tokens;
    p.choices.push_back(std::move(c));
    return {};
}

json::object render_usage(reply_plan const& p)
{
    double const prompt_cost = static_cast<double>(p.prompt_tokens) / 1e6;
    double const completion_cost = static_cast<double>(2 * p.completion_tokens) / 1e6;
    return {{"prompt_tokens", p.prompt_tokens},
            {"completion_tokens", p.completion_tokens},
            {"total_tokens", p.total_tokens()},
            {"cost", p.cost()},
            {"is_byok", false},
            {"prompt_tokens_details", {{"cached_tokens", 0}, {"audio_tokens", 0}}},
            {"cost_details",
             {{"upstream_inference_cost", nullptr},
              {"upstream_inference_prompt_cost", prompt_cost},
              {"upstream_inference_completions_cost", completion_cost}}},
            {"completion_tokens_details", {{"reasoning_tokens", p.reasoning_tokens}, {"image_tokens", 0}}}};
}

json::object render_result(reply_plan const& p)
{
    json::object r = chunk_base(p);
    r["object"] = p.legacy ? "text_completion" : "chat.completion";
    json::array choices;
    for (std::size_t i = 0; i < p.choices.size(); ++i) {
        auto const& c = p.choices[i];
        json::object choice{{"index", i},
                            {"finish_reason", c.finish_reason},
                            {"native_finish_reason", c.finish_reason},
                            {"logprobs", nullptr}};
        if (p.legacy)
            choice["text"] = c.content;
        else {
            json::object msg{{"role", "assistant"}, {"content", c.content}, {"refusal", nullptr}};
            bool const reasoning = p.show_reasoning && !c.reasoning.empty();
            msg["reasoning"] = reasoning ? json::value(c.reasoning) : json::value(nullptr);
            if (reasoning)
                msg["reasoning_details"] = reasoning_details(c.reasoning);
            if (!c.tool_calls.empty()) {
                json::array calls;
                for (auto const& tc : c.tool_calls)
                    calls.push_back(json::object{{"id", tc.id},
                                                 {"type", "function"},
                                                 {"function", {{"name", tc.name}, {"arguments", tc.arguments}}}});
                msg["tool_calls"] = std::move(calls);
            }
            choice["message"] = std::move(msg);
        }
        choices.push_back(std::move(choice));
    }
    r["choices"] = std::move(choices);
    r["usage"] = render_usage(p);
    return r;
}

std::vector<stream_event> render_stream(reply_plan const& p)
{
    std::vector<stream_event> out;
    for (std::size_t i = 0; i < p.choices.size(); ++i) {
        auto const& c = p.choices[i];
        bool role_sent = p.legacy;  // text completions have no role
        auto delta = [&](json::object d) {
            if (role_sent)
                return d;
            role_sent = true;
            json::object with_role{{"role", "assistant"}};
            for (auto& kv : d)
                with_role.emplace(kv.key(), std::move(kv.value()));
            return with_role;
        };
        auto legacy_choice = [&](std::string_view text, json::value finish) {
            return json::object{{"index", i},
                                {"text", text},
                                {"finish_reason", finish},
                                {"native_finish_reason", finish},
                                {"logprobs", nullptr}};
        };
        if (p.show_reasoning && !p.legacy)
            for (auto& piece : stream_pieces(c.reasoning))
                out.push_back(
                    {event_with(p, stream_choice(i, delta({{"content", ""},
                                                           {"reasoning", piece},
                                                           {"reasoning_details", reasoning_details(piece)}}))),
                     true});
        for (auto& piece : stream_pieces(c.content)) {
            json::object choice =
                p.legacy ? legacy_choice(piece, nullptr) : stream_choice(i, delta({{"content", piece}}));
            out.push_back({event_with(p, std::move(choice)), true});
        }
        for (std::size_t t = 0; t < c.tool_calls.size(); ++t) {
            auto const& tc = c.tool_calls[t];
            json::object first{{"index", t},
                               {"id", tc.id},
                               {"type", "function"},
                               {"function", {{"name", tc.name}, {"arguments", ""}}}};
            out.push_back({event_with(p, stream_choice(i, delta({{"tool_calls", json::array{first}}}))), true});
            for (auto& frag : fragments(tc.arguments, argument_piece)) {
                json::object more{{"index", t}, {"function", {{"arguments", frag}}}};
                out.push_back({event_with(p, stream_choice(i, delta({{"tool_calls", json::array{more}}}))), true});
            }
        }
        json::object last;
        if (p.legacy)
            last = legacy_choice("", json::value(c.finish_reason));
        else {
            last = stream_choice(i, delta({{"content", ""}}));
            last["finish_reason"] = c.finish_reason;
            last["native_finish_reason"] = c.finish_reason;
        }
        out.push_back({event_with(p, std::move(last)), false});
    }
    json::object usage = chunk_base(p);
    usage["choices"] = json::array();
    usage["usage"] = render_usage(p);
    out.push_back({json::serialize(usage), false});
    return out;
}

std::string render_error_chunk(reply_plan const& p, json::value code, std::string_view message, json::object metadata)
{
    json::object chunk = chunk_base(p);
    chunk["error"] = json::object{{"code", std::move(code)}, {"message", message}, {"metadata", std::move(metadata)}};
    json::object choice{
        {"index", 0}, {"finish_reason", "error"}, {"native_finish_reason", "error"}, {"logprobs", nullptr}};
    if (p.legacy)
        choice["text"] = "";
    else
        choice["delta"] = json::object{{"content", ""}};
    chunk["choices"] = json::array{std::move(choice)};
    return json::serialize(chunk);
}

}  // namespace openrouter::emulator::detail
