// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_FALLBACK_HPP
#define OPENROUTER_FALLBACK_HPP

/// @file
/// Model fallback: which model each attempt uses, and, per failure, whether to retry the same
/// model, move to the next one, or stop.
///
/// Two mechanisms, usable alone or together:
///  - client-side: a `model_chain` of models tried in order by the SDK; each entry may override
///    request fields (max_tokens, temperature, provider, extra JSON, or any edit);
///  - server-side: `server_side` sends OpenRouter's `models` list (and `route`), and OpenRouter
///    falls back by itself within one HTTP request.
///
/// Per failure, a `rule` decides (`action`): `retry_same` (ask the retry policy for a delay;
/// when it stops, move to the next model), `next_model` (move on at once; when there is no next
/// model, ask the retry policy), or `stop`. Retry and fallback compose: each model is retried
/// per the retry policy, then the chain moves on. `default_rule` is the table below;
/// `rule_table` customises it row by row.
///
/// Example:
/// @code
///   namespace fallback = openrouter::fallback;
///   fallback::config fb;
///   fb.chain = fallback::model_chain{
///       "anthropic/claude-sonnet-4",
///       {"openai/gpt-4o", fallback::overrides{.max_tokens = 2000}},
///   };
///   fb.decide = fallback::rule_table{{{openrouter::errc::bad_request, fallback::action::next_model}}};
/// @endcode
///
/// Thread safety: plain values; a const `config` may be shared between threads (the
/// `std::function` members must then be safe to call concurrently). Errors: none; an empty chain
/// means "the request's own model only".

#include <openrouter/chat_request.hpp>
#include <openrouter/retry.hpp>

#include <boost/json/object.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace openrouter::fallback {

/// What to do after a failed attempt.
enum class action {
    retry_same,  ///< retry this model per the retry policy; then the next model, when it stops
    next_model,  ///< move to the next model at once; with none left, the retry policy decides
    stop,        ///< fail the operation with this attempt's error
};

/// "retry_same", "next_model", "stop".
std::string_view to_string(action a) noexcept;

/// Request fields a chain entry changes for its attempts. Unset members leave the request as
/// the caller built it. Applied in member order; `edit` runs last and may change anything.
struct overrides {
    std::optional<std::int64_t> max_tokens{};        ///< replaces chat_request::max_tokens
    std::optional<double> temperature{};             ///< replaces chat_request::temperature
    std::optional<provider_preferences> provider{};  ///< replaces chat_request::provider
    std::optional<reasoning_config> reasoning{};     ///< replaces chat_request::reasoning
    boost::json::object extra{};                     ///< merged into chat_request::extra (keys replaced)
    std::function<void(chat_request&)> edit{};       ///< any other change
};

/// One model of a chain.
struct model_entry {
    std::string model;  ///< the model id of this entry's attempts
    overrides with;     ///< what this entry changes in the request

    model_entry() = default;
    /// An entry for model `m`, without overrides (implicit, for brace lists).
    ///@{
    model_entry(std::string m) : model(std::move(m)) {}  // NOLINT: implicit, for brace lists
    model_entry(const char* m) : model(m) {}             // NOLINT
    ///@}
    /// An entry for model `m` with the overrides `o`.
    model_entry(std::string m, overrides o) : model(std::move(m)), with(std::move(o)) {}
};

/// Client-side fallback: models tried in order.
struct model_chain {
    std::vector<model_entry> entries;  ///< the models, in the order they are tried

    model_chain() = default;
    /// A chain of the entries `e`, in order: `{"a/x", {"b/y", overrides{...}}}`.
    model_chain(std::initializer_list<model_entry> e) : entries(e) {}
    /// A chain of the entries `e`, in order.
    explicit model_chain(std::vector<model_entry> e) : entries(std::move(e)) {}

    /// True without entries.
    bool empty() const noexcept { return entries.empty(); }
    /// The number of entries.
    std::size_t size() const noexcept { return entries.size(); }

    /// The model names, in order.
    std::vector<std::string> models() const;

    /// Sets `req.model` to entry `index` and applies its overrides. An index past the end
    /// leaves `req` unchanged.
    void apply(std::size_t index, chat_request& req) const;
};

/// Server-side fallback: OpenRouter tries `models` in order within one request.
struct server_side {
    std::vector<std::string> models{};   ///< sent as `models` (when not empty)
    std::optional<std::string> route{};  ///< sent as `route` (e.g. "fallback"), when set

    /// Sets `req.models` and `req.route`.
    void apply(chat_request& req) const;
};

/// A fallback rule: maps a failed attempt to an action.
using rule = std::function<action(const retry::attempt_outcome&)>;

/// The default rule:
///
/// | failure                                                        | action     |
/// |----------------------------------------------------------------|------------|
/// | 429 `rate_limited`                                             | next_model |
/// | 5xx: server_error, provider_error (502), no_provider_available | next_model |
/// |   (503), gateway_timeout (504/524), provider_overloaded (529)  |            |
/// | 403 `moderation_flagged`                                       | next_model |
/// | 400 `context_length_exceeded`                                  | next_model |
/// | 400 / in-band error whose error_type is rate_limit_exceeded,   | next_model |
/// |   provider_overloaded, provider_unavailable, server,           |            |
/// |   context_length_exceeded, max_tokens_exceeded,                |            |
/// |   token_limit_exceeded or content_policy_violation             |            |
/// | any other transient failure (`retry::is_transient`): connection| retry_same |
/// |   errors, timeouts, 408, 409, truncation, in-band errors       |            |
/// | anything else (400, 401, 402, 403, 404, 413, 422, cancellation)| stop       |
action default_rule(const retry::attempt_outcome& o);

/// A rule as a table: the first row whose code equals the outcome's error decides; when no row
/// matches, `otherwise` does (the default rule unless replaced).
struct rule_table {
    std::vector<std::pair<error_code, action>> rows;  ///< (error, action), first match wins
    rule otherwise = default_rule;                    ///< when no row matches (empty: `default_rule`)

    rule_table() = default;
    /// A table of the rows `r` (in order), falling back to `other`.
    rule_table(std::initializer_list<std::pair<errc, action>> r, rule other = default_rule);

    /// The action of the first row whose code equals `o.error`, else `otherwise(o)` (or
    /// `default_rule(o)` when `otherwise` is empty).
    action operator()(const retry::attempt_outcome& o) const;
};

/// The fallback configuration of a request.
struct config {
    /// Client-side chain. Empty: the request's own `model` is the only one.
    model_chain chain{};
    /// Server-side fallback, applied to every attempt's request (before the chain entry's
    /// model and overrides).
    std::optional<server_side> server{};
    /// The per-failure rule. An empty function means `default_rule`.
    rule decide = default_rule;

    /// The models of the attempts: the chain's, or `{req.model or ""}` when it is empty
    /// ("" = the account's default model).
    std::vector<std::string> attempt_models(const chat_request& req) const;

    /// Prepares the request of an attempt on model `index` of `attempt_models`: applies
    /// `server`, then chain entry `index`.
    void apply(std::size_t index, chat_request& req) const;
};

}  // namespace openrouter::fallback

#endif  // OPENROUTER_FALLBACK_HPP
