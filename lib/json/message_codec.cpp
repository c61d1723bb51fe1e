// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// JSON codecs of messages and their pieces (tool calls, annotations, reasoning details, images,
// audio): described types (describe_chat.hpp) read and written by the walker; here are their
// hooks and the streaming tool-call fragment reader. Used for request messages and
// response/delta messages alike.

#include "json/chat_codec.hpp"

#include <boost/json/serialize.hpp>

#include <string_view>
#include <utility>

namespace openrouter::detail {

// A function call's arguments: JSON text; an object or array (a few providers) keeps its text.
bool codec_traits<tool_call::function_call>::read_hook(std::string_view, const json::value& v,
                                                       tool_call::function_call& out, std::string& why)
{
    if (v.is_object() || v.is_array()) {
        out.arguments = json::serialize(v);
        return true;
    }
    return read_val(v, out.arguments, why);
}

// "image_url": {"url": ..., <payload_extra>}.
bool codec_traits<generated_image>::read_hook(std::string_view, const json::value& v, generated_image& out,
                                              std::string& why)
{
    const json::object* io = as_object(v, why);
    if (!io)
        return false;
    for (const auto& kv : *io) {
        if (kv.key() == "url") {
            if (!read_val(kv.value(), out.url, why))
                return prefix(why, "url");
        } else {
            out.payload_extra.emplace(kv.key(), kv.value());
        }
    }
    return true;
}

void codec_traits<generated_image>::write_hook(std::string_view, const generated_image& i, json::object& o)
{
    json::object io(o.storage());
    put(io, "url", i.url);
    merge_extra(io, i.payload_extra);
    o.insert_or_assign("image_url", std::move(io));
}

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
