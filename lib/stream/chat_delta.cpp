// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include <openrouter/chat_delta.hpp>

#include <algorithm>

namespace openrouter {
namespace {

// Appends `more` to a nullable list.
void append_tokens(nullable<std::vector<token_logprob>>& to, const nullable<std::vector<token_logprob>>& more)
{
    if (!more.has_value())
        return;
    if (!to.has_value())
        to = std::vector<token_logprob>{};
    to.value().insert(to.value().end(), more.value().begin(), more.value().end());
}

void append_text(nullable<std::string>& to, const nullable<std::string>& more)
{
    if (!more.has_value())
        return;
    if (!to.has_value())
        to = std::string{};
    to.value() += more.value();
}

void append_text(std::optional<std::string>& to, const std::optional<std::string>& more)
{
    if (more)
        to = to.value_or(std::string{}) + *more;
}

// Streamed reasoning details arrive as fragments carrying the index of the detail they belong
// to: text, summary and data are concatenated, the rest is taken from the newest fragment.
void merge_reasoning(std::vector<reasoning_detail>& list, const reasoning_detail& r)
{
    if (r.index) {
        for (auto it = list.rbegin(); it != list.rend(); ++it) {
            if (it->index == r.index && it->type == r.type) {
                append_text(it->text, r.text);
                append_text(it->summary, r.summary);
                append_text(it->data, r.data);
                if (r.signature.is_present())
                    it->signature = r.signature;
                if (r.id.is_present())
                    it->id = r.id;
                if (r.format.is_present())
                    it->format = r.format;
                return;
            }
        }
    }
    list.push_back(r);
}

// Sets `to` to `from` unless it holds it already: a stream repeats its chunk-level strings and
// the role in every chunk, and comparing them is cheaper than copying them again.
void keep(std::string& to, const std::string& from)
{
    if (to != from)
        to = from;
}

void keep(nullable<std::string>& to, const std::string& from)
{
    if (!to.has_value() || to.value() != from)
        to = from;
}

choice& choice_at(std::vector<choice>& choices, std::int64_t index)
{
    if (!choices.empty() && choices.back().index == index)
        return choices.back();  // one choice, or the last one again: the common case
    auto it = std::lower_bound(choices.begin(), choices.end(), index,
                               [](const choice& c, std::int64_t i) { return c.index < i; });
    if (it != choices.end() && it->index == index)
        return *it;
    choice c;
    c.index = index;
    // The shape of a non-streamed OpenRouter message: role and content always, refusal and
    // reasoning null until the stream says otherwise, logprobs null unless requested.
    c.message.role = "assistant";
    c.message.content = message_content(std::string{});
    c.message.refusal = nullptr;
    c.message.reasoning = nullptr;
    c.finish_reason = nullptr;
    c.native_finish_reason = nullptr;
    c.logprobs = nullptr;
    return *choices.insert(it, std::move(c));
}

}  // namespace

void chat_accumulator::add(const chat_delta& d)
{
    if (d.event != stream_event::delta)
        return;  // notices carry no answer
    chat_completion& c = completion_;
    if (!started_) {
        started_ = true;
        c.object = "chat.completion";
    }
    if (!d.id.empty())
        keep(c.id, d.id);
    if (!d.model.empty())
        keep(c.model, d.model);
    if (!d.provider.empty())
        keep(c.provider, d.provider);
    if (d.created != 0)
        c.created = d.created;
    if (d.system_fingerprint)
        keep(c.system_fingerprint, *d.system_fingerprint);
    if (d.usage)
        c.usage = *d.usage;
    if (d.has_no_choice)
        return;

    choice& ch = choice_at(c.choices, d.choice_index);
    message& m = ch.message;
    if (d.role)
        keep(m.role, *d.role);
    if (!d.content.empty()) {
        if (!m.content.has_value() || !std::holds_alternative<std::string>(m.content.value()))
            m.content = message_content(std::string{});
        std::get<std::string>(m.content.value()) += d.content;
    }
    if (!d.reasoning.empty()) {
        if (!m.reasoning.has_value())
            m.reasoning = std::string{};
        m.reasoning.value() += d.reasoning;
    }
    if (d.refusal) {
        if (!m.refusal.has_value())
            m.refusal = std::string{};
        m.refusal.value() += *d.refusal;
    }
    for (const reasoning_detail& r : d.reasoning_details)
        merge_reasoning(m.reasoning_details, r);
    if (!d.annotations.empty())
        m.annotations.insert(m.annotations.end(), d.annotations.begin(), d.annotations.end());
    if (!d.images.empty())
        m.images.insert(m.images.end(), d.images.begin(), d.images.end());
    if (!d.tool_calls.empty()) {
        // Calls are kept in index order; a fragment joins the call of its index. The indices
        // live beside the calls (a non-streamed message has none).
        std::vector<std::int64_t>& order = call_order_[d.choice_index];
        for (const tool_call_delta& f : d.tool_calls) {
            auto pos = std::lower_bound(order.begin(), order.end(), f.index);
            const auto k = pos - order.begin();
            if (pos == order.end() || *pos != f.index) {
                order.insert(pos, f.index);
                m.tool_calls.insert(m.tool_calls.begin() + k, tool_call{});
            }
            tool_call& t = m.tool_calls[static_cast<std::size_t>(k)];
            if (f.id)
                t.id = *f.id;
            if (f.type)
                t.type = *f.type;
            if (f.name)
                t.function.name += *f.name;
            t.function.arguments += f.arguments;
        }
    }
    if (d.finish_reason)
        ch.finish_reason = *d.finish_reason;
    if (d.native_finish_reason)
        ch.native_finish_reason = *d.native_finish_reason;
    if (d.logprobs) {
        if (!ch.logprobs.has_value())
            ch.logprobs = choice_logprobs{};
        append_tokens(ch.logprobs.value().content, d.logprobs->content);
        append_tokens(ch.logprobs.value().refusal, d.logprobs->refusal);
    }
    for (const auto& kv : d.extra)
        ch.extra[kv.key()] = kv.value();
}

chat_completion chat_accumulator::take()
{
    chat_completion out = std::move(completion_);
    clear();
    return out;
}

void chat_accumulator::clear()
{
    completion_ = chat_completion{};
    call_order_.clear();
    started_ = false;
}

}  // namespace openrouter
