// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include <openrouter/fallback.hpp>

#include <boost/describe/enum.hpp>
#include <boost/describe/enum_to_string.hpp>

#include <boost/asio/error.hpp>

namespace openrouter::fallback {
namespace {

bool has_error(const retry::attempt_outcome& o, errc e) noexcept
{
    return o.error == make_error_code(e);
}

// OpenRouter `ApiErrorType` values (400 bodies and in-band stream errors) that another model may
// not suffer from.
bool error_type_moves_on(std::string_view t) noexcept
{
    for (std::string_view m :
         {"rate_limit_exceeded", "provider_overloaded", "provider_unavailable", "server", "context_length_exceeded",
          "max_tokens_exceeded", "token_limit_exceeded", "content_policy_violation"})
        if (t == m)
            return true;
    return false;
}

}  // namespace

BOOST_DESCRIBE_ENUM(action, retry_same, next_model, stop)

std::string_view to_string(action a) noexcept
{
    return boost::describe::enum_to_string(a, "unknown");
}

std::vector<std::string> model_chain::models() const
{
    std::vector<std::string> out;
    out.reserve(entries.size());
    for (const auto& e : entries)
        out.push_back(e.model);
    return out;
}

void model_chain::apply(std::size_t index, chat_request& req) const
{
    if (index >= entries.size())
        return;
    const model_entry& e = entries[index];
    req.model = e.model;
    const overrides& w = e.with;
    if (w.max_tokens)
        req.max_tokens = w.max_tokens;
    if (w.temperature)
        req.temperature = w.temperature;
    if (w.provider)
        req.provider = w.provider;
    if (w.reasoning)
        req.reasoning = w.reasoning;
    for (const auto& kv : w.extra)
        req.extra[kv.key()] = kv.value();
    if (w.edit)
        w.edit(req);
}

void server_side::apply(chat_request& req) const
{
    if (!models.empty())
        req.models = models;
    if (route)
        req.route = route;
}

action default_rule(const retry::attempt_outcome& o)
{
    if (!o.error || o.error == boost::asio::error::operation_aborted || has_error(o, errc::circuit_open))
        return action::stop;
    if (!o.error_type.empty() && (o.http_status == 400 || has_error(o, errc::stream_error))) {
        if (error_type_moves_on(o.error_type))
            return action::next_model;
        return retry::is_transient(o) ? action::retry_same : action::stop;
    }
    for (errc e :
         {errc::rate_limited, errc::server_error, errc::provider_error, errc::no_provider_available,
          errc::gateway_timeout, errc::provider_overloaded, errc::moderation_flagged, errc::context_length_exceeded})
        if (has_error(o, e))
            return action::next_model;
    if (o.http_status == 429 || (o.http_status >= 500 && o.http_status <= 599))
        return action::next_model;
    return retry::is_transient(o) ? action::retry_same : action::stop;
}

rule_table::rule_table(std::initializer_list<std::pair<errc, action>> r, rule other) : otherwise(std::move(other))
{
    rows.reserve(r.size());
    for (const auto& [e, a] : r)
        rows.emplace_back(make_error_code(e), a);
}

action rule_table::operator()(const retry::attempt_outcome& o) const
{
    for (const auto& [code, a] : rows)
        if (o.error == code)
            return a;
    return otherwise ? otherwise(o) : default_rule(o);
}

std::vector<std::string> config::attempt_models(const chat_request& req) const
{
    if (!chain.empty())
        return chain.models();
    return {req.model.value_or(std::string())};
}

void config::apply(std::size_t index, chat_request& req) const
{
    if (server)
        server->apply(req);
    chain.apply(index, req);
}

}  // namespace openrouter::fallback
