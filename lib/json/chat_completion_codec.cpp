// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Decoder (and encoder) of the chat completion response. Choices, logprobs, usage and routing
// metadata are described types (describe_chat.hpp) read and written by the walker; what is left
// here is the body check and the "endpoints" hook of the routing metadata.

#include "json/chat_codec.hpp"

#include <string_view>
#include <utility>

namespace openrouter::detail {

// `endpoints: {total, available[]}`; its other keys are dropped (none are documented).
bool codec_traits<openrouter_metadata>::read_hook(std::string_view, const json::value& v, openrouter_metadata& m,
                                                  std::string& why)
{
    const json::object* o = as_object(v, why);
    if (!o)
        return false;
    for (const auto& kv : *o) {
        const std::string_view k = kv.key();
        const json::value& val = kv.value();
        if (k == "total") {
            if (!read_val(val, m.endpoints_total, why))
                return prefix(why, k);
        } else if (k == "available") {
            if (!read_val(val, m.endpoints_available, why))
                return prefix(why, k);
        }
    }
    return true;
}

void codec_traits<openrouter_metadata>::write_hook(std::string_view, const openrouter_metadata& m, json::object& o)
{
    json::object eo(o.storage());
    put(eo, "total", m.endpoints_total);
    put(eo, "available", m.endpoints_available);
    o.insert_or_assign("endpoints", std::move(eo));
}

bool read_chat_completion(const json::value& body, chat_completion& out, std::string& why)
{
    why.clear();
    if (!read_val(body, out, why)) {
        if (why.rfind("expected ", 0) == 0)
            why.insert(0, "body: ");
        return false;
    }
    if (!body.get_object().contains("choices")) {
        why = "choices: missing";
        return false;
    }
    return true;
}

}  // namespace openrouter::detail
