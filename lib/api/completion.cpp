// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include <openrouter/completion.hpp>

#include "json/chat_codec.hpp"
#include "json/json_util.hpp"

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
    using namespace detail;
    out = text_completion{};
    const auto* o = body.if_object();
    if (o == nullptr)
        return expected(why, "object");
    for (const auto& kv : *o) {
        const std::string_view k = kv.key();
        const auto& v = kv.value();
        bool ok = true;
        if (k == "id")
            ok = read_val(v, out.id, why);
        else if (k == "object")
            ok = read_val(v, out.object, why);
        else if (k == "created")
            ok = read_val(v, out.created, why);
        else if (k == "model")
            ok = read_val(v, out.model, why);
        else if (k == "provider")
            ok = read_val(v, out.provider, why);
        else if (k == "system_fingerprint")
            ok = read_val(v, out.system_fingerprint, why);
        else if (k == "usage")
            ok = read_val(v, out.usage, why);
        else if (k == "choices") {
            const auto* a = v.if_array();
            if (a == nullptr) {
                ok = v.is_null() || expected(why, "array");
            } else {
                for (std::size_t i = 0; i < a->size() && ok; ++i) {
                    const auto* c = (*a)[i].if_object();
                    if (c == nullptr) {
                        ok = expected(why, "object") || prefix_index(why, i);
                        break;
                    }
                    text_choice tc;
                    for (const auto& ckv : *c) {
                        const std::string_view ck = ckv.key();
                        bool cok = true;
                        if (ck == "index")
                            cok = read_val(ckv.value(), tc.index, why);
                        else if (ck == "text")
                            cok = read_val(ckv.value(), tc.text, why);
                        else if (ck == "finish_reason")
                            cok = read_val(ckv.value(), tc.finish_reason, why);
                        else if (ck == "native_finish_reason")
                            cok = read_val(ckv.value(), tc.native_finish_reason, why);
                        else if (ck == "logprobs")
                            tc.logprobs = ckv.value();
                        else
                            tc.extra[ck] = ckv.value();
                        if (!cok) {
                            prefix(why, ck);
                            prefix_index(why, i);
                            ok = false;
                            break;
                        }
                    }
                    out.choices.push_back(std::move(tc));
                }
            }
        } else
            out.extra[k] = v;
        if (!ok)
            return prefix(why, k);
    }
    return true;
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
