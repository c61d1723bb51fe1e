// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// JSON codecs of messages and their pieces (content parts, tool calls, annotations, reasoning
// details, images, audio). Used for request messages and response/delta messages alike.

#include "json/chat_codec.hpp"
#include "json/json_util.hpp"

#include <boost/json/serialize.hpp>

#include <string_view>
#include <utility>

namespace openrouter::detail {

// One case of an object walk: reads `member` from the value of key `name`, or fails with the
// key prepended to the reason. Keys that match no case fall through to `extra`.
#define OR_FIELD(name, member)                       \
    case key_hash(name):                             \
        if (k == name) {                             \
            if (!read_val(val, member, why))         \
                return prefix(why, name);            \
            continue;                                \
        }                                            \
        break;

namespace {

template <class T>
void put_each(json::object& o, std::string_view k, const std::vector<T>& v)
{
    if (v.empty())
        return;
    json::array a(o.storage());
    a.reserve(v.size());
    for (const auto& x : v)
        a.push_back(to_value(x, o.storage()));
    o.insert_or_assign(k, std::move(a));
}

}  // namespace

// ---------------------------------------------------------------- tool calls

namespace {

bool read_function_call(const json::value& v, tool_call::function_call& out, std::string& why)
{
    const json::object* o = as_object(v, why);
    if (!o)
        return false;
    for (const auto& kv : *o) {
        const std::string_view k = kv.key();
        const json::value& v2 = kv.value();
        if (k == "name") {
            if (!read_val(v2, out.name, why))
                return prefix(why, k);
        } else if (k == "arguments") {
            // Arguments are JSON text; a few providers send an object instead: keep its text.
            if (v2.is_object() || v2.is_array())
                out.arguments = json::serialize(v2);
            else if (!read_val(v2, out.arguments, why))
                return prefix(why, k);
        } else {
            out.extra.emplace(k, v2);
        }
    }
    return true;
}

}  // namespace

bool read_val(const json::value& v, tool_call& out, std::string& why)
{
    const json::object* o = as_object(v, why);
    if (!o)
        return false;
    out = tool_call{};
    out.type.clear();  // absent in stream fragments: keep what the wire says
    for (const auto& kv : *o) {
        const std::string_view k = kv.key();
        const json::value& val = kv.value();
        switch (key_hash(k)) {
            OR_FIELD("index", out.index)
            OR_FIELD("id", out.id)
            OR_FIELD("type", out.type)
        case key_hash("function"):
            if (k == "function") {
                if (!read_function_call(val, out.function, why))
                    return prefix(why, k);
                continue;
            }
            break;
        default: break;
        }
        out.extra.emplace(k, val);
    }
    return true;
}

json::value to_value(const tool_call& c, const json::storage_ptr& sp)
{
    json::object o(sp);
    put(o, "index", c.index);
    if (!c.id.empty())
        put(o, "id", c.id);
    if (!c.type.empty())
        put(o, "type", c.type);
    json::object f(sp);
    if (!c.function.name.empty())
        put(f, "name", c.function.name);
    put(f, "arguments", c.function.arguments);
    merge_extra(f, c.function.extra);
    o.insert_or_assign("function", std::move(f));
    merge_extra(o, c.extra);
    return o;
}

// ---------------------------------------------------------------- annotations

bool read_val(const json::value& v, url_citation& out, std::string& why)
{
    const json::object* o = as_object(v, why);
    if (!o)
        return false;
    out = url_citation{};
    for (const auto& kv : *o) {
        const std::string_view k = kv.key();
        const json::value& val = kv.value();
        switch (key_hash(k)) {
            OR_FIELD("url", out.url)
            OR_FIELD("title", out.title)
            OR_FIELD("content", out.content)
            OR_FIELD("start_index", out.start_index)
            OR_FIELD("end_index", out.end_index)
        default: break;
        }
        out.extra.emplace(k, val);
    }
    return true;
}

bool read_val(const json::value& v, annotation& out, std::string& why)
{
    const json::object* o = as_object(v, why);
    if (!o)
        return false;
    out = annotation{};
    for (const auto& kv : *o) {
        const std::string_view k = kv.key();
        const json::value& val = kv.value();
        switch (key_hash(k)) {
            OR_FIELD("type", out.type)
            OR_FIELD("url_citation", out.url_citation)
        default: break;
        }
        out.extra.emplace(k, val);
    }
    return true;
}

json::value to_value(const annotation& a, const json::storage_ptr& sp)
{
    json::object o(sp);
    put(o, "type", a.type);
    if (a.url_citation) {
        const auto& c = *a.url_citation;
        json::object co(sp);
        put(co, "url", c.url);
        put(co, "title", c.title);
        put(co, "content", c.content);
        put(co, "start_index", c.start_index);
        put(co, "end_index", c.end_index);
        merge_extra(co, c.extra);
        o.insert_or_assign("url_citation", std::move(co));
    }
    merge_extra(o, a.extra);
    return o;
}

// ---------------------------------------------------------------- reasoning details

bool read_val(const json::value& v, reasoning_detail& out, std::string& why)
{
    const json::object* o = as_object(v, why);
    if (!o)
        return false;
    out = reasoning_detail{};
    for (const auto& kv : *o) {
        const std::string_view k = kv.key();
        const json::value& val = kv.value();
        switch (key_hash(k)) {
            OR_FIELD("type", out.type)
            OR_FIELD("id", out.id)
            OR_FIELD("format", out.format)
            OR_FIELD("index", out.index)
            OR_FIELD("summary", out.summary)
            OR_FIELD("data", out.data)
            OR_FIELD("text", out.text)
            OR_FIELD("signature", out.signature)
            OR_FIELD("tool_name", out.tool_name)
            OR_FIELD("arguments", out.arguments)
            OR_FIELD("result", out.result)
            OR_FIELD("tool_call_id", out.tool_call_id)
        default: break;
        }
        out.extra.emplace(k, val);
    }
    return true;
}

json::value to_value(const reasoning_detail& d, const json::storage_ptr& sp)
{
    json::object o(sp);
    put(o, "type", d.type);
    put(o, "id", d.id);
    put(o, "format", d.format);
    put(o, "index", d.index);
    put(o, "summary", d.summary);
    put(o, "data", d.data);
    put(o, "text", d.text);
    put(o, "signature", d.signature);
    put(o, "tool_name", d.tool_name);
    put(o, "arguments", d.arguments);
    put(o, "result", d.result);
    put(o, "tool_call_id", d.tool_call_id);
    merge_extra(o, d.extra);
    return o;
}

// ---------------------------------------------------------------- images, audio

bool read_val(const json::value& v, generated_image& out, std::string& why)
{
    const json::object* o = as_object(v, why);
    if (!o)
        return false;
    out = generated_image{};
    out.type.clear();
    for (const auto& kv : *o) {
        const std::string_view k = kv.key();
        const json::value& v2 = kv.value();
        if (k == "type") {
            if (!read_val(v2, out.type, why))
                return prefix(why, k);
        } else if (k == "image_url") {
            const json::object* io = as_object(v2, why);
            if (!io)
                return prefix(why, k);
            for (const auto& ikv : *io) {
                if (ikv.key() == "url") {
                    if (!read_val(ikv.value(), out.url, why)) {
                        prefix(why, "url");
                        return prefix(why, k);
                    }
                } else {
                    out.payload_extra.emplace(ikv.key(), ikv.value());
                }
            }
        } else {
            out.extra.emplace(k, v2);
        }
    }
    return true;
}

json::value to_value(const generated_image& i, const json::storage_ptr& sp)
{
    json::object o(sp);
    if (!i.type.empty())
        put(o, "type", i.type);
    json::object io(sp);
    put(io, "url", i.url);
    merge_extra(io, i.payload_extra);
    o.insert_or_assign("image_url", std::move(io));
    merge_extra(o, i.extra);
    return o;
}

bool read_val(const json::value& v, audio_output& out, std::string& why)
{
    const json::object* o = as_object(v, why);
    if (!o)
        return false;
    out = audio_output{};
    for (const auto& kv : *o) {
        const std::string_view k = kv.key();
        const json::value& val = kv.value();
        switch (key_hash(k)) {
            OR_FIELD("id", out.id)
            OR_FIELD("data", out.data)
            OR_FIELD("transcript", out.transcript)
            OR_FIELD("expires_at", out.expires_at)
        default: break;
        }
        out.extra.emplace(k, val);
    }
    return true;
}

json::value to_value(const audio_output& a, const json::storage_ptr& sp)
{
    json::object o(sp);
    put(o, "id", a.id);
    put(o, "data", a.data);
    put(o, "transcript", a.transcript);
    put(o, "expires_at", a.expires_at);
    merge_extra(o, a.extra);
    return o;
}

// ---------------------------------------------------------------- message

bool read_val(const json::value& v, message& out, std::string& why)
{
    const json::object* o = as_object(v, why);
    if (!o)
        return false;
    out = message{};
    for (const auto& kv : *o) {
        const std::string_view k = kv.key();
        const json::value& val = kv.value();
        switch (key_hash(k)) {
            OR_FIELD("role", out.role)
            OR_FIELD("content", out.content)
            OR_FIELD("name", out.name)
            OR_FIELD("tool_call_id", out.tool_call_id)
            OR_FIELD("tool_calls", out.tool_calls)
            OR_FIELD("refusal", out.refusal)
            OR_FIELD("reasoning", out.reasoning)
            OR_FIELD("reasoning_details", out.reasoning_details)
            OR_FIELD("annotations", out.annotations)
            OR_FIELD("images", out.images)
            OR_FIELD("audio", out.audio)
            OR_FIELD("model", out.model)
        default: break;
        }
        out.extra.emplace(k, val);
    }
    return true;
}

json::value to_value(const message& m, const json::storage_ptr& sp)
{
    json::object o(sp);
    put(o, "role", m.role);
    if (m.content.is_null())
        o.insert_or_assign("content", nullptr);
    else if (m.content)
        o.insert_or_assign("content", to_value(*m.content, sp));
    put(o, "name", m.name);
    put(o, "tool_call_id", m.tool_call_id);
    put_each(o, "tool_calls", m.tool_calls);
    put(o, "refusal", m.refusal);
    put(o, "reasoning", m.reasoning);
    put_each(o, "reasoning_details", m.reasoning_details);
    put_each(o, "annotations", m.annotations);
    put_each(o, "images", m.images);
    if (m.audio)
        o.insert_or_assign("audio", to_value(*m.audio, sp));
    put(o, "model", m.model);
    merge_extra(o, m.extra);
    return o;
}

#undef OR_FIELD

// One element of delta.tool_calls. Members may be absent or null; present ones must have
// their documented type (index integer, id/type/name/arguments strings, function object).
bool read_val(const json::value& item, tool_call_delta& tc, std::string& w)
{
    const boost::json::object* o = as_object(item, w);
    if (o == nullptr)
        return false;
    if (auto it = o->find("index"); it != o->end() && !read_val(it->value(), tc.index, w))
        return prefix(w, "index");
    if (auto it = o->find("id"); it != o->end() && !read_val(it->value(), tc.id, w))
        return prefix(w, "id");
    if (auto it = o->find("type"); it != o->end() && !read_val(it->value(), tc.type, w))
        return prefix(w, "type");
    auto f = o->find("function");
    if (f == o->end() || f->value().is_null())
        return true;
    const boost::json::object* fn = as_object(f->value(), w);
    if (fn == nullptr)
        return prefix(w, "function");
    if (auto it = fn->find("name"); it != fn->end() && !read_val(it->value(), tc.name, w))
        return prefix(w, "function.name");
    if (auto it = fn->find("arguments"); it != fn->end() && !read_val(it->value(), tc.arguments, w))
        return prefix(w, "function.arguments");
    return true;
}

}  // namespace openrouter::detail
