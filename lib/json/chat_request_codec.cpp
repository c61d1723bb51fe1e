// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Encoder of the chat request body. The request and its nested objects (tools, response
// format, provider preferences, reasoning, plugins, ...) are described types
// (describe_chat.hpp) written by the walker: unset members are not written, `extra` maps are
// merged last. Here are the hooks for the members with shapes of their own, and the body text.

#include "json/chat_codec.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/serializer.hpp>

#include <string>
#include <utility>

namespace openrouter::detail {

namespace {

json::value tool_choice_value(const tool_choice& c, const json::storage_ptr& sp)
{
    switch (c.mode) {
    case tool_choice::kind::none: return json::value(json::string("none", sp));
    case tool_choice::kind::automatic: return json::value(json::string("auto", sp));
    case tool_choice::kind::required: return json::value(json::string("required", sp));
    case tool_choice::kind::function: {
        json::object o(sp);
        put(o, "type", "function");
        json::object f(sp);
        put(f, "name", c.name);
        o.insert_or_assign("function", std::move(f));
        return o;
    }
    case tool_choice::kind::server_tool: {
        json::object o(sp);
        put(o, "type", c.name);
        return o;
    }
    }
    return json::value(json::string("auto", sp));
}

// A string, or the one alternative that is an object (a described type).
template <class Scalar, class Object>
void put_either(json::object& o, std::string_view k, const std::optional<std::variant<Scalar, Object>>& v)
{
    if (!v)
        return;
    if (const Scalar* s = std::get_if<Scalar>(&*v))
        put(o, k, *s);
    else
        put(o, k, std::get<Object>(*v));
}

}  // namespace

void codec_traits<provider_preferences>::write_hook(std::string_view name, const provider_preferences& p,
                                                    json::object& o)
{
    if (name == "sort")
        put_either(o, name, p.sort);
    else if (name == "preferred_min_throughput")
        put_either(o, name, p.preferred_min_throughput);
    else
        put_either(o, name, p.preferred_max_latency);
}

void codec_traits<chat_request>::write_hook(std::string_view name, const chat_request& r, json::object& o)
{
    const json::storage_ptr& sp = o.storage();
    if (name == "logit_bias") {
        if (r.logit_bias) {
            json::object lb(sp);
            lb.reserve(r.logit_bias->size());
            for (const auto& [token, bias] : *r.logit_bias)
                lb.insert_or_assign(std::to_string(token), bias);
            o.insert_or_assign(name, std::move(lb));
        }
    } else if (name == "stop") {
        put_either(o, name, r.stop);
    } else if (name == "tool_choice") {
        if (r.tool_choice)
            o.insert_or_assign(name, tool_choice_value(*r.tool_choice, sp));
    } else if (r.metadata) {  // "metadata"
        json::object md(sp);
        md.reserve(r.metadata->size());
        for (const auto& [key, val] : *r.metadata)
            md.insert_or_assign(key, val);
        o.insert_or_assign(name, std::move(md));
    }
}

void write_chat_request(const chat_request& req, bool stream, std::string& out)
{
    // The tree is temporary: a monotonic arena makes building it cheap.
    unsigned char initial[4096];
    json::monotonic_resource mr(initial, sizeof(initial));
    json::storage_ptr sp(&mr);
    json::value body = to_value(req, sp);
    // "stream" belongs to the caller's argument, even if `extra` tried to set it: the client
    // reads the response as SSE exactly when it asked for a stream.
    if (stream)
        body.get_object().insert_or_assign("stream", true);
    else
        body.get_object().erase("stream");

    json::serializer sr;
    sr.reset(&body);
    char buf[4096];
    while (!sr.done())
        out.append(sr.read(buf, sizeof(buf)));
}

}  // namespace openrouter::detail
