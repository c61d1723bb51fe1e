// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Encoder of the chat request body (tools, tool choice, response format, provider
// preferences, reasoning, plugins, ...). Unset members are not written; `extra` maps are merged
// last.

#include "json/chat_codec.hpp"
#include "json/json_util.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/serializer.hpp>

#include <string>
#include <utility>

namespace openrouter::detail {

namespace {

template <class T>
void put_list(json::object& o, std::string_view k, const std::optional<std::vector<T>>& v,
              json::value (*conv)(const T&, const json::storage_ptr&))
{
    if (!v)
        return;
    json::array a(o.storage());
    a.reserve(v->size());
    for (const auto& x : *v)
        a.push_back(conv(x, o.storage()));
    o.insert_or_assign(k, std::move(a));
}

json::value tool_value(const tool& t, const json::storage_ptr& sp)
{
    json::object o(sp);
    put(o, "type", t.type);
    if (t.type == "function") {
        const auto& f = t.function;
        json::object fo(sp);
        put(fo, "name", f.name);
        put(fo, "description", f.description);
        put(fo, "parameters", f.parameters);
        put(fo, "strict", f.strict);
        merge_extra(fo, f.extra);
        o.insert_or_assign("function", std::move(fo));
    }
    if (!t.parameters.empty())
        put(o, "parameters", t.parameters);
    if (t.cache_control)
        o.insert_or_assign("cache_control", to_value(*t.cache_control, sp));
    merge_extra(o, t.extra);
    return o;
}

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

json::value response_format_value(const response_format& r, const json::storage_ptr& sp)
{
    json::object o(sp);
    put(o, "type", r.type);
    if (r.json_schema) {
        const auto& s = *r.json_schema;
        json::object so(sp);
        put(so, "name", s.name);
        put(so, "description", s.description);
        put(so, "schema", s.schema);
        put(so, "strict", s.strict);
        merge_extra(so, s.extra);
        o.insert_or_assign("json_schema", std::move(so));
    }
    put(o, "grammar", r.grammar);
    merge_extra(o, r.extra);
    return o;
}

json::value max_price_value(const max_price& m, const json::storage_ptr& sp)
{
    json::object o(sp);
    put(o, "prompt", m.prompt);
    put(o, "completion", m.completion);
    put(o, "image", m.image);
    put(o, "audio", m.audio);
    put(o, "request", m.request);
    merge_extra(o, m.extra);
    return o;
}

json::value cutoffs_value(const std::variant<double, percentile_cutoffs>& v, const json::storage_ptr& sp)
{
    if (const double* d = std::get_if<double>(&v))
        return json::value(*d, sp);
    const auto& c = std::get<percentile_cutoffs>(v);
    json::object o(sp);
    put(o, "p50", c.p50);
    put(o, "p75", c.p75);
    put(o, "p90", c.p90);
    put(o, "p99", c.p99);
    return o;
}

json::value provider_value(const provider_preferences& p, const json::storage_ptr& sp)
{
    json::object o(sp);
    put(o, "order", p.order);
    put(o, "allow_fallbacks", p.allow_fallbacks);
    put(o, "require_parameters", p.require_parameters);
    put(o, "data_collection", p.data_collection);
    put(o, "zdr", p.zdr);
    put(o, "enforce_distillable_text", p.enforce_distillable_text);
    put(o, "only", p.only);
    put(o, "ignore", p.ignore);
    put(o, "quantizations", p.quantizations);
    if (p.sort) {
        if (const std::string* s = std::get_if<std::string>(&*p.sort)) {
            put(o, "sort", *s);
        } else {
            const auto& c = std::get<provider_sort_config>(*p.sort);
            json::object so(sp);
            put(so, "by", c.by);
            put(so, "partition", c.partition);
            o.insert_or_assign("sort", std::move(so));
        }
    }
    if (p.max_price)
        o.insert_or_assign("max_price", max_price_value(*p.max_price, sp));
    if (p.preferred_min_throughput)
        o.insert_or_assign("preferred_min_throughput", cutoffs_value(*p.preferred_min_throughput, sp));
    if (p.preferred_max_latency)
        o.insert_or_assign("preferred_max_latency", cutoffs_value(*p.preferred_max_latency, sp));
    merge_extra(o, p.extra);
    return o;
}

json::value reasoning_value(const reasoning_config& r, const json::storage_ptr& sp)
{
    json::object o(sp);
    put(o, "effort", r.effort);
    put(o, "max_tokens", r.max_tokens);
    put(o, "exclude", r.exclude);
    put(o, "enabled", r.enabled);
    put(o, "summary", r.summary);
    merge_extra(o, r.extra);
    return o;
}

json::value plugin_value(const plugin& p, const json::storage_ptr& sp)
{
    json::object o(sp);
    put(o, "id", p.id);
    put(o, "enabled", p.enabled);
    put(o, "max_results", p.max_results);
    put(o, "search_prompt", p.search_prompt);
    put(o, "engine", p.engine);
    put(o, "include_domains", p.include_domains);
    put(o, "exclude_domains", p.exclude_domains);
    put(o, "max_uses", p.max_uses);
    put(o, "mode", p.mode);
    if (p.pdf_engine) {
        json::object pdf(sp);
        put(pdf, "engine", *p.pdf_engine);
        o.insert_or_assign("pdf", std::move(pdf));
    }
    merge_extra(o, p.extra);
    return o;
}

json::value stop_condition_value(const stop_condition& c, const json::storage_ptr& sp)
{
    json::object o(sp);
    put(o, "type", c.type);
    put(o, "step_count", c.step_count);
    put(o, "tool_name", c.tool_name);
    put(o, "max_tokens", c.max_tokens);
    put(o, "max_cost_in_dollars", c.max_cost_in_dollars);
    put(o, "reason", c.reason);
    merge_extra(o, c.extra);
    return o;
}

}  // namespace

json::value to_value(const chat_request& r, const json::storage_ptr& sp)
{
    json::object o(sp);
    o.reserve(8 + r.extra.size());
    {
        json::array msgs(sp);
        msgs.reserve(r.messages.size());
        for (const auto& m : r.messages)
            msgs.push_back(to_value(m, sp));
        o.emplace("messages", std::move(msgs));
    }
    put(o, "model", r.model);
    put(o, "models", r.models);

    put(o, "max_tokens", r.max_tokens);
    put(o, "max_completion_tokens", r.max_completion_tokens);
    put(o, "temperature", r.temperature);
    put(o, "top_p", r.top_p);
    put(o, "top_k", r.top_k);
    put(o, "frequency_penalty", r.frequency_penalty);
    put(o, "presence_penalty", r.presence_penalty);
    put(o, "repetition_penalty", r.repetition_penalty);
    put(o, "min_p", r.min_p);
    put(o, "top_a", r.top_a);
    put(o, "seed", r.seed);
    if (r.logit_bias) {
        json::object lb(sp);
        lb.reserve(r.logit_bias->size());
        for (const auto& [token, bias] : *r.logit_bias)
            lb.insert_or_assign(std::to_string(token), bias);
        o.insert_or_assign("logit_bias", std::move(lb));
    }
    put(o, "logprobs", r.logprobs);
    put(o, "top_logprobs", r.top_logprobs);
    if (r.stop) {
        if (const std::string* s = std::get_if<std::string>(&*r.stop))
            put(o, "stop", *s);
        else
            put(o, "stop", std::get<std::vector<std::string>>(*r.stop));
    }
    if (r.prediction) {
        json::object p(sp);
        put(p, "type", r.prediction->type);
        p.insert_or_assign("content", to_value(r.prediction->content, sp));
        o.insert_or_assign("prediction", std::move(p));
    }

    put_list(o, "tools", r.tools, &tool_value);
    if (r.tool_choice)
        o.insert_or_assign("tool_choice", tool_choice_value(*r.tool_choice, sp));
    put(o, "parallel_tool_calls", r.parallel_tool_calls);
    if (r.response_format)
        o.insert_or_assign("response_format", response_format_value(*r.response_format, sp));
    put(o, "structured_outputs", r.structured_outputs);
    put(o, "modalities", r.modalities);
    put(o, "image_config", r.image_config);
    put_list(o, "stop_server_tools_when", r.stop_server_tools_when, &stop_condition_value);

    if (r.reasoning)
        o.insert_or_assign("reasoning", reasoning_value(*r.reasoning, sp));
    put(o, "reasoning_effort", r.reasoning_effort);

    if (r.provider)
        o.insert_or_assign("provider", provider_value(*r.provider, sp));
    put(o, "route", r.route);
    put(o, "transforms", r.transforms);
    put_list(o, "plugins", r.plugins, &plugin_value);
    if (r.max_price)
        o.insert_or_assign("max_price", max_price_value(*r.max_price, sp));
    put(o, "service_tier", r.service_tier);

    if (r.usage_include) {
        json::object u(sp);
        put(u, "include", *r.usage_include);
        o.insert_or_assign("usage", std::move(u));
    }
    if (r.stream_include_usage) {
        json::object so(sp);
        put(so, "include_usage", *r.stream_include_usage);
        o.insert_or_assign("stream_options", std::move(so));
    }
    if (r.cache_control)
        o.insert_or_assign("cache_control", to_value(*r.cache_control, sp));
    put(o, "prompt_cache_key", r.prompt_cache_key);
    if (r.prompt_cache_options) {
        json::object pc(sp);
        put(pc, "mode", r.prompt_cache_options->mode);
        put(pc, "ttl", r.prompt_cache_options->ttl);
        o.insert_or_assign("prompt_cache_options", std::move(pc));
    }
    put(o, "user", r.user);
    put(o, "session_id", r.session_id);
    if (r.metadata) {
        json::object md(sp);
        md.reserve(r.metadata->size());
        for (const auto& [key, val] : *r.metadata)
            md.insert_or_assign(key, val);
        o.insert_or_assign("metadata", std::move(md));
    }
    if (r.debug_echo_upstream_body) {
        json::object d(sp);
        put(d, "echo_upstream_body", *r.debug_echo_upstream_body);
        o.insert_or_assign("debug", std::move(d));
    }
    if (r.trace) {
        const auto& t = *r.trace;
        json::object to(sp);
        put(to, "trace_id", t.trace_id);
        put(to, "trace_name", t.trace_name);
        put(to, "span_name", t.span_name);
        put(to, "generation_name", t.generation_name);
        put(to, "parent_span_id", t.parent_span_id);
        merge_extra(to, t.extra);
        o.insert_or_assign("trace", std::move(to));
    }

    merge_extra(o, r.extra);
    return o;
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
