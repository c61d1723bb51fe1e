// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Decoder (and encoder) of the chat completion response: choices, logprobs, usage, routing
// metadata. Each object is walked once, switching on a hash of the key.

#include "json/chat_codec.hpp"
#include "json/json_util.hpp"

#include <string_view>
#include <utility>

namespace openrouter::detail {

#define OR_FIELD(name, member)                       \
    case key_hash(name):                             \
        if (k == name) {                             \
            if (!read_val(val, member, why))         \
                return prefix(why, name);            \
            continue;                                \
        }                                            \
        break;

// Walks the members of object `o`; the body is a list of OR_FIELD cases. Unmatched keys go to
// `out.extra`.
#define OR_WALK(o, cases)                             \
    for (const auto& kv : (o)) {                      \
        const std::string_view k = kv.key();          \
        const json::value& val = kv.value();          \
        switch (key_hash(k)) {                        \
            cases                                     \
        default: break;                               \
        }                                             \
        out.extra.emplace(k, val);                    \
    }

namespace {

template <class T>
void put_each(json::object& o, std::string_view k, const std::vector<T>& v,
              json::value (*conv)(const T&, const json::storage_ptr&))
{
    json::array a(o.storage());
    a.reserve(v.size());
    for (const auto& x : v)
        a.push_back(conv(x, o.storage()));
    o.insert_or_assign(k, std::move(a));
}

}  // namespace

// ---------------------------------------------------------------- logprobs

bool read_val(const json::value& v, top_logprob& out, std::string& why)
{
    const json::object* o = as_object(v, why);
    if (!o)
        return false;
    out = top_logprob{};
    OR_WALK(*o, OR_FIELD("token", out.token) OR_FIELD("logprob", out.logprob)
                    OR_FIELD("bytes", out.bytes))
    return true;
}

bool read_val(const json::value& v, token_logprob& out, std::string& why)
{
    const json::object* o = as_object(v, why);
    if (!o)
        return false;
    out = token_logprob{};
    OR_WALK(*o, OR_FIELD("token", out.token) OR_FIELD("logprob", out.logprob)
                    OR_FIELD("bytes", out.bytes) OR_FIELD("top_logprobs", out.top_logprobs))
    return true;
}

bool read_val(const json::value& v, choice_logprobs& out, std::string& why)
{
    const json::object* o = as_object(v, why);
    if (!o)
        return false;
    out = choice_logprobs{};
    OR_WALK(*o, OR_FIELD("content", out.content) OR_FIELD("refusal", out.refusal))
    return true;
}

namespace {

json::value bytes_value(const nullable<std::vector<std::int64_t>>& b, const json::storage_ptr& sp)
{
    if (!b)
        return nullptr;
    return to_array(*b, sp);
}

json::value top_logprob_value(const top_logprob& t, const json::storage_ptr& sp)
{
    json::object o(sp);
    put(o, "token", t.token);
    put(o, "logprob", t.logprob);
    if (t.bytes.is_present())
        o.insert_or_assign("bytes", bytes_value(t.bytes, sp));
    merge_extra(o, t.extra);
    return o;
}

json::value token_logprob_value(const token_logprob& t, const json::storage_ptr& sp)
{
    json::object o(sp);
    put(o, "token", t.token);
    put(o, "logprob", t.logprob);
    if (t.bytes.is_present())
        o.insert_or_assign("bytes", bytes_value(t.bytes, sp));
    put_each(o, "top_logprobs", t.top_logprobs, &top_logprob_value);
    merge_extra(o, t.extra);
    return o;
}

void put_logprob_list(json::object& o, std::string_view k, const nullable<std::vector<token_logprob>>& l)
{
    if (l.is_null())
        o.insert_or_assign(k, nullptr);
    else if (l)
        put_each(o, k, *l, &token_logprob_value);
}

}  // namespace

json::value to_value(const choice_logprobs& l, const json::storage_ptr& sp)
{
    json::object o(sp);
    put_logprob_list(o, "content", l.content);
    put_logprob_list(o, "refusal", l.refusal);
    merge_extra(o, l.extra);
    return o;
}

// ---------------------------------------------------------------- choices

bool read_val(const json::value& v, choice_error& out, std::string& why)
{
    const json::object* o = as_object(v, why);
    if (!o)
        return false;
    out = choice_error{};
    OR_WALK(*o, OR_FIELD("code", out.code) OR_FIELD("message", out.message)
                    OR_FIELD("metadata", out.metadata))
    return true;
}

json::value to_value(const choice_error& e, const json::storage_ptr& sp)
{
    json::object o(sp);
    put(o, "code", e.code);
    put(o, "message", e.message);
    if (!e.metadata.empty())
        put(o, "metadata", e.metadata);
    merge_extra(o, e.extra);
    return o;
}

bool read_val(const json::value& v, choice& out, std::string& why)
{
    const json::object* o = as_object(v, why);
    if (!o)
        return false;
    out = choice{};
    OR_WALK(*o, OR_FIELD("index", out.index) OR_FIELD("message", out.message)
                    OR_FIELD("finish_reason", out.finish_reason)
                    OR_FIELD("native_finish_reason", out.native_finish_reason)
                    OR_FIELD("logprobs", out.logprobs) OR_FIELD("error", out.error))
    return true;
}

json::value to_value(const choice& c, const json::storage_ptr& sp)
{
    json::object o(sp);
    put(o, "index", c.index);
    o.insert_or_assign("message", to_value(c.message, sp));
    put(o, "finish_reason", c.finish_reason);
    put(o, "native_finish_reason", c.native_finish_reason);
    if (c.logprobs.is_null())
        o.insert_or_assign("logprobs", nullptr);
    else if (c.logprobs)
        o.insert_or_assign("logprobs", to_value(*c.logprobs, sp));
    if (c.error)
        o.insert_or_assign("error", to_value(*c.error, sp));
    merge_extra(o, c.extra);
    return o;
}

// ---------------------------------------------------------------- usage

bool read_val(const json::value& v, prompt_tokens_details& out, std::string& why)
{
    const json::object* o = as_object(v, why);
    if (!o)
        return false;
    out = prompt_tokens_details{};
    OR_WALK(*o, OR_FIELD("cached_tokens", out.cached_tokens)
                    OR_FIELD("cache_write_tokens", out.cache_write_tokens)
                    OR_FIELD("audio_tokens", out.audio_tokens)
                    OR_FIELD("video_tokens", out.video_tokens))
    return true;
}

bool read_val(const json::value& v, completion_tokens_details& out, std::string& why)
{
    const json::object* o = as_object(v, why);
    if (!o)
        return false;
    out = completion_tokens_details{};
    OR_WALK(*o, OR_FIELD("reasoning_tokens", out.reasoning_tokens)
                    OR_FIELD("image_tokens", out.image_tokens)
                    OR_FIELD("audio_tokens", out.audio_tokens)
                    OR_FIELD("accepted_prediction_tokens", out.accepted_prediction_tokens)
                    OR_FIELD("rejected_prediction_tokens", out.rejected_prediction_tokens))
    return true;
}

bool read_val(const json::value& v, cost_details& out, std::string& why)
{
    const json::object* o = as_object(v, why);
    if (!o)
        return false;
    out = cost_details{};
    OR_WALK(*o, OR_FIELD("upstream_inference_cost", out.upstream_inference_cost)
                    OR_FIELD("upstream_inference_prompt_cost", out.upstream_inference_prompt_cost)
                    OR_FIELD("upstream_inference_completions_cost",
                             out.upstream_inference_completions_cost))
    return true;
}

bool read_val(const json::value& v, server_tool_use_details& out, std::string& why)
{
    const json::object* o = as_object(v, why);
    if (!o)
        return false;
    out = server_tool_use_details{};
    OR_WALK(*o, OR_FIELD("tool_calls_executed", out.tool_calls_executed)
                    OR_FIELD("tool_calls_requested", out.tool_calls_requested)
                    OR_FIELD("web_search_requests", out.web_search_requests))
    return true;
}

bool read_val(const json::value& v, usage& out, std::string& why)
{
    const json::object* o = as_object(v, why);
    if (!o)
        return false;
    out = usage{};
    OR_WALK(*o, OR_FIELD("prompt_tokens", out.prompt_tokens)
                    OR_FIELD("completion_tokens", out.completion_tokens)
                    OR_FIELD("total_tokens", out.total_tokens) OR_FIELD("cost", out.cost)
                    OR_FIELD("is_byok", out.is_byok) OR_FIELD("cost_details", out.cost_details)
                    OR_FIELD("prompt_tokens_details", out.prompt_tokens_details)
                    OR_FIELD("completion_tokens_details", out.completion_tokens_details)
                    OR_FIELD("server_tool_use_details", out.server_tool_use_details))
    return true;
}

json::value to_value(const usage& u, const json::storage_ptr& sp)
{
    json::object o(sp);
    put(o, "prompt_tokens", u.prompt_tokens);
    put(o, "completion_tokens", u.completion_tokens);
    put(o, "total_tokens", u.total_tokens);
    put(o, "cost", u.cost);
    put(o, "is_byok", u.is_byok);
    if (u.cost_details) {
        const auto& c = *u.cost_details;
        json::object co(sp);
        put(co, "upstream_inference_cost", c.upstream_inference_cost);
        put(co, "upstream_inference_prompt_cost", c.upstream_inference_prompt_cost);
        put(co, "upstream_inference_completions_cost", c.upstream_inference_completions_cost);
        merge_extra(co, c.extra);
        o.insert_or_assign("cost_details", std::move(co));
    }
    if (u.prompt_tokens_details) {
        const auto& d = *u.prompt_tokens_details;
        json::object po(sp);
        put(po, "cached_tokens", d.cached_tokens);
        put(po, "cache_write_tokens", d.cache_write_tokens);
        put(po, "audio_tokens", d.audio_tokens);
        put(po, "video_tokens", d.video_tokens);
        merge_extra(po, d.extra);
        o.insert_or_assign("prompt_tokens_details", std::move(po));
    }
    if (u.completion_tokens_details) {
        const auto& d = *u.completion_tokens_details;
        json::object co(sp);
        put(co, "reasoning_tokens", d.reasoning_tokens);
        put(co, "image_tokens", d.image_tokens);
        put(co, "audio_tokens", d.audio_tokens);
        put(co, "accepted_prediction_tokens", d.accepted_prediction_tokens);
        put(co, "rejected_prediction_tokens", d.rejected_prediction_tokens);
        merge_extra(co, d.extra);
        o.insert_or_assign("completion_tokens_details", std::move(co));
    }
    if (u.server_tool_use_details) {
        const auto& d = *u.server_tool_use_details;
        json::object so(sp);
        put(so, "tool_calls_executed", d.tool_calls_executed);
        put(so, "tool_calls_requested", d.tool_calls_requested);
        put(so, "web_search_requests", d.web_search_requests);
        merge_extra(so, d.extra);
        o.insert_or_assign("server_tool_use_details", std::move(so));
    }
    merge_extra(o, u.extra);
    return o;
}

// ---------------------------------------------------------------- openrouter_metadata

bool read_val(const json::value& v, router_attempt& out, std::string& why)
{
    const json::object* o = as_object(v, why);
    if (!o)
        return false;
    out = router_attempt{};
    OR_WALK(*o, OR_FIELD("provider", out.provider) OR_FIELD("model", out.model)
                    OR_FIELD("status", out.status))
    return true;
}

bool read_val(const json::value& v, endpoint_info& out, std::string& why)
{
    const json::object* o = as_object(v, why);
    if (!o)
        return false;
    out = endpoint_info{};
    OR_WALK(*o, OR_FIELD("provider", out.provider) OR_FIELD("model", out.model)
                    OR_FIELD("selected", out.selected))
    return true;
}

namespace {

// `endpoints: {total, available[]}`; unknown keys of it are kept in the metadata's extra under
// "endpoints" only if present, so the common case stays typed.
bool read_endpoints(const json::value& v, openrouter_metadata& m, std::string& why)
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

}  // namespace

bool read_val(const json::value& v, openrouter_metadata& out, std::string& why)
{
    const json::object* o = as_object(v, why);
    if (!o)
        return false;
    out = openrouter_metadata{};
    OR_WALK(*o, OR_FIELD("requested", out.requested) OR_FIELD("strategy", out.strategy)
                    OR_FIELD("region", out.region) OR_FIELD("summary", out.summary)
                    OR_FIELD("attempt", out.attempt) OR_FIELD("is_byok", out.is_byok)
                    OR_FIELD("attempts", out.attempts) OR_FIELD("params", out.params)
                    OR_FIELD("pipeline", out.pipeline)
                case key_hash("endpoints"):
                    if (k == "endpoints") {
                        if (!read_endpoints(val, out, why))
                            return prefix(why, k);
                        continue;
                    }
                    break;)
    return true;
}

namespace {

json::value attempt_value(const router_attempt& a, const json::storage_ptr& sp)
{
    json::object o(sp);
    put(o, "provider", a.provider);
    put(o, "model", a.model);
    put(o, "status", a.status);
    merge_extra(o, a.extra);
    return o;
}

json::value endpoint_value(const endpoint_info& e, const json::storage_ptr& sp)
{
    json::object o(sp);
    put(o, "provider", e.provider);
    put(o, "model", e.model);
    put(o, "selected", e.selected);
    merge_extra(o, e.extra);
    return o;
}

}  // namespace

json::value to_value(const openrouter_metadata& m, const json::storage_ptr& sp)
{
    json::object o(sp);
    put(o, "requested", m.requested);
    put(o, "strategy", m.strategy);
    put(o, "region", m.region);
    put(o, "summary", m.summary);
    put(o, "attempt", m.attempt);
    put(o, "is_byok", m.is_byok);
    if (!m.attempts.empty())
        put_each(o, "attempts", m.attempts, &attempt_value);
    json::object eo(sp);
    put(eo, "total", m.endpoints_total);
    put_each(eo, "available", m.endpoints_available, &endpoint_value);
    o.insert_or_assign("endpoints", std::move(eo));
    put(o, "params", m.params);
    put(o, "pipeline", m.pipeline);
    merge_extra(o, m.extra);
    return o;
}

// ---------------------------------------------------------------- chat_completion

bool read_val(const json::value& v, chat_completion& out, std::string& why)
{
    const json::object* o = as_object(v, why);
    if (!o)
        return false;
    out = chat_completion{};
    OR_WALK(*o, OR_FIELD("id", out.id) OR_FIELD("object", out.object)
                    OR_FIELD("created", out.created) OR_FIELD("model", out.model)
                    OR_FIELD("provider", out.provider)
                    OR_FIELD("system_fingerprint", out.system_fingerprint)
                    OR_FIELD("service_tier", out.service_tier) OR_FIELD("choices", out.choices)
                    OR_FIELD("usage", out.usage)
                    OR_FIELD("openrouter_metadata", out.openrouter_metadata))
    return true;
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

json::value to_value(const chat_completion& c, const json::storage_ptr& sp)
{
    json::object o(sp);
    put(o, "id", c.id);
    put(o, "object", c.object);
    put(o, "created", c.created);
    put(o, "model", c.model);
    if (!c.provider.empty())
        put(o, "provider", c.provider);
    put(o, "system_fingerprint", c.system_fingerprint);
    put(o, "service_tier", c.service_tier);
    put_each(o, "choices", c.choices, static_cast<json::value (*)(const choice&, const json::storage_ptr&)>(&to_value));
    if (c.usage)
        o.insert_or_assign("usage", to_value(*c.usage, sp));
    if (c.openrouter_metadata)
        o.insert_or_assign("openrouter_metadata", to_value(*c.openrouter_metadata, sp));
    merge_extra(o, c.extra);
    return o;
}

#undef OR_WALK
#undef OR_FIELD

}  // namespace openrouter::detail
