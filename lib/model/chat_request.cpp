// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// chat_request helpers and its public JSON conversions.

#include <openrouter/chat_request.hpp>

#include "json/chat_codec.hpp"

#include <cmath>
#include <string_view>
#include <utility>

namespace openrouter {

tool tool::make_function(std::string name, std::string description, boost::json::object json_schema_parameters)
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
                                                    std::optional<bool> strict, std::optional<std::string> description)
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

namespace {

bool fail(std::string& why, std::string_view path, std::string_view what)
{
    why.assign(path);
    why += ": ";
    why += what;
    return false;
}

bool finite(const std::optional<double>& d)
{
    return !d || std::isfinite(*d);
}

bool check_cutoffs(const std::optional<std::variant<double, percentile_cutoffs>>& c)
{
    if (!c)
        return true;
    if (const double* d = std::get_if<double>(&*c))
        return std::isfinite(*d);
    const auto& p = std::get<percentile_cutoffs>(*c);
    return finite(p.p50) && finite(p.p75) && finite(p.p90) && finite(p.p99);
}

}  // namespace

bool validate(const chat_request& req, std::string& why)
{
    why.clear();
    if (req.messages.empty())
        return fail(why, "messages", "at least one message is required");
    for (std::size_t i = 0; i < req.messages.size(); ++i) {
        const message& m = req.messages[i];
        const std::string path = "messages[" + std::to_string(i) + "]";
        if (m.role.empty())
            return fail(why, path + ".role", "missing");
        if (m.role == "tool" && (!m.tool_call_id || m.tool_call_id->empty()))
            return fail(why, path + ".tool_call_id", "missing");
    }
    if (req.tools) {
        for (std::size_t i = 0; i < req.tools->size(); ++i) {
            const tool& t = (*req.tools)[i];
            if (t.type.empty())
                return fail(why, "tools[" + std::to_string(i) + "].type", "missing");
            if (t.type == "function" && t.function.name.empty())
                return fail(why, "tools[" + std::to_string(i) + "].function.name", "missing");
        }
    }
    if (req.tool_choice && req.tool_choice->name.empty() &&
        (req.tool_choice->mode == tool_choice::kind::function ||
         req.tool_choice->mode == tool_choice::kind::server_tool))
        return fail(why, "tool_choice", "a function or server tool choice needs a name");
    if (req.response_format && req.response_format->type == "json_schema" &&
        (!req.response_format->json_schema || req.response_format->json_schema->name.empty()))
        return fail(why, "response_format.json_schema.name", "missing");

    const std::pair<const char*, const std::optional<double>*> doubles[] = {
        {"temperature", &req.temperature},
        {"top_p", &req.top_p},
        {"frequency_penalty", &req.frequency_penalty},
        {"presence_penalty", &req.presence_penalty},
        {"repetition_penalty", &req.repetition_penalty},
        {"min_p", &req.min_p},
        {"top_a", &req.top_a},
    };
    for (const auto& [name, value] : doubles) {
        if (!finite(*value))
            return fail(why, name, "not a finite number");
    }
    if (req.logit_bias) {
        for (const auto& [token, bias] : *req.logit_bias) {
            if (!std::isfinite(bias))
                return fail(why, "logit_bias." + std::to_string(token), "not a finite number");
        }
    }
    if (req.provider) {
        if (!check_cutoffs(req.provider->preferred_min_throughput))
            return fail(why, "provider.preferred_min_throughput", "not a finite number");
        if (!check_cutoffs(req.provider->preferred_max_latency))
            return fail(why, "provider.preferred_max_latency", "not a finite number");
    }
    if (req.stop_server_tools_when) {
        for (std::size_t i = 0; i < req.stop_server_tools_when->size(); ++i) {
            if (!finite((*req.stop_server_tools_when)[i].max_cost_in_dollars))
                return fail(why, "stop_server_tools_when[" + std::to_string(i) + "].max_cost_in_dollars",
                            "not a finite number");
        }
    }
    return true;
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
