// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Message convenience constructors and accessors.

#include <openrouter/message.hpp>

#include "json/chat_codec.hpp"

#include <utility>

namespace openrouter {

namespace {

message text_message(const char* role, std::string text)
{
    message m;
    m.role = role;
    m.content = message_content(std::in_place_type<std::string>, std::move(text));
    return m;
}

}  // namespace

message message::system(std::string text)
{
    return text_message("system", std::move(text));
}
message message::developer(std::string text)
{
    return text_message("developer", std::move(text));
}
message message::user(std::string text)
{
    return text_message("user", std::move(text));
}
message message::assistant(std::string text)
{
    return text_message("assistant", std::move(text));
}

message message::user(std::vector<content_part> parts)
{
    message m;
    m.role = "user";
    m.content = message_content(std::in_place_type<std::vector<content_part>>, std::move(parts));
    return m;
}

message message::assistant(std::vector<tool_call> calls)
{
    message m;
    m.role = "assistant";
    m.content = nullptr;
    m.tool_calls = std::move(calls);
    return m;
}

message message::tool(std::string call_id, std::string content)
{
    message m = text_message("tool", std::move(content));
    m.tool_call_id = std::move(call_id);
    return m;
}

bool message::has_text() const noexcept
{
    return content && std::holds_alternative<std::string>(*content);
}

std::string message::text() const
{
    if (!content)
        return {};
    if (const std::string* s = std::get_if<std::string>(&*content))
        return *s;
    std::string out;
    for (const auto& p : std::get<std::vector<content_part>>(*content)) {
        if (p.kind == part_kind::text)
            out += p.text;
    }
    return out;
}

boost::json::value to_json(const message& msg)
{
    return detail::to_value(msg, {});
}

void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, const message& msg)
{
    jv = detail::to_value(msg, jv.storage());
}

bool from_json(const boost::json::value& body, message& out, std::string& why)
{
    why.clear();
    if (!detail::read_val(body, out, why)) {
        if (why.rfind("expected ", 0) == 0)
            why.insert(0, "message: ");
        return false;
    }
    return true;
}

}  // namespace openrouter
