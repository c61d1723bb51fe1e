// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// chat_request helpers and its public JSON conversions.

#include <openrouter/chat_request.hpp>

#include "json/chat_codec.hpp"

#include <utility>

namespace openrouter {

tool tool::make_function(std::string name, std::string description,
                         boost::json::object json_schema_parameters)
{
    tool t;
    t.type = "function";
    t.function.name = std::move(name);
    if (!description.empty())
        t.function.description = std::move(description);
    t.function.parameters = std::move(json_schema_parameters);
    return t;
}

tool tool::server(std::string type, boost::json::object parameters)
{
    tool t;
    t.type = std::move(type);
    t.parameters = std::move(parameters);
    return t;
}

response_format response_format::json_object()
{
    response_format r;
    r.type = "json_object";
    return r;
}

response_format response_format::json_schema_format(std::string name, boost::json::object schema,
                                                    std::optional<bool> strict,
                                                    std::optional<std::string> description)
{
    response_format r;
    r.type = "json_schema";
    auto& s = r.json_schema.emplace();
    s.name = std::move(name);
    s.schema = std::move(schema);
    s.strict = strict;
    s.description = std::move(description);
    return r;
}

response_format response_format::grammar_format(std::string grammar)
{
    response_format r;
    r.type = "grammar";
    r.grammar = std::move(grammar);
    return r;
}

response_format response_format::python()
{
    response_format r;
    r.type = "python";
    return r;
}

plugin plugin::web(std::optional<std::int64_t> max_results, std::optional<std::string> search_prompt,
                   std::optional<std::string> engine)
{
    plugin p;
    p.id = "web";
    p.max_results = max_results;
    p.search_prompt = std::move(search_prompt);
    p.engine = std::move(engine);
    return p;
}

plugin plugin::file_parser(std::string pdf_engine)
{
    plugin p;
    p.id = "file-parser";
    p.pdf_engine = std::move(pdf_engine);
    return p;
}

plugin plugin::moderation()
{
    plugin p;
    p.id = "moderation";
    return p;
}

plugin plugin::response_healing()
{
    plugin p;
    p.id = "response-healing";
    return p;
}

plugin plugin::context_compression(std::string engine)
{
    plugin p;
    p.id = "context-compression";
    p.engine = std::move(engine);
    return p;
}

boost::json::value to_json(const chat_request& req)
{
    return detail::to_value(req, {});
}

void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, const chat_request& req)
{
    jv = detail::to_value(req, jv.storage());
}

}  // namespace openrouter
