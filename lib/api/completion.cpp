// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include <openrouter/completion.hpp>

#include "json/chat_codec.hpp"

#include <boost/json/parse.hpp>

namespace openrouter {

boost::json::object to_json(const completion_request& req, bool stream)
{
    std::string text;
    detail::write_chat_request(req.options, stream, text);
    boost::json::object o = boost::json::parse(text).as_object();
    for (const char* k : {"messages", "tools", "tool_choice", "parallel_tool_calls", "response_format"})
        o.erase(k);
    o["prompt"] = req.prompt;
    return o;
}

bool from_json(const boost::json::value& body, text_completion& out, std::string& why)
{
    return detail::read_val(body, out, why);
}

text_completion to_text_completion(const chat_completion& c)
{
    text_completion t;
    t.id = c.id;
    t.object = "text_completion";
    t.created = c.created;
    t.model = c.model;
    t.provider = c.provider;
    t.system_fingerprint = c.system_fingerprint;
    t.usage = c.usage;
    for (const auto& ch : c.choices) {
        text_choice tc;
        tc.index = ch.index;
        tc.text = ch.message.text();
        tc.finish_reason = ch.finish_reason;
        tc.native_finish_reason = ch.native_finish_reason;
        tc.logprobs = nullptr;
        t.choices.push_back(std::move(tc));
    }
    return t;
}

}  // namespace openrouter
