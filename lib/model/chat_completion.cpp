// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// chat_completion public JSON conversions.

#include <openrouter/chat_completion.hpp>

#include "json/chat_codec.hpp"

namespace openrouter {

bool from_json(const boost::json::value& body, chat_completion& out, std::string& why)
{
    return detail::read_chat_completion(body, out, why);
}

boost::json::value to_json(const chat_completion& c)
{
    return detail::to_value(c, {});
}

void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, const chat_completion& c)
{
    jv = detail::to_value(c, jv.storage());
}

}  // namespace openrouter
