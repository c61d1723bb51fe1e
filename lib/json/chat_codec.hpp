// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_JSON_CHAT_CODEC_HPP
#define OPENROUTER_LIB_JSON_CHAT_CODEC_HPP

// The chat JSON codecs (internal API used by the client and the streaming decoder).
//
//  - write_chat_request: request body text, with "stream": true when `stream`.
//  - read_chat_completion: decodes a parsed response body; false + `why` on a wrong shape.
//  - the per-piece readers/writers below let the streaming code decode `delta` objects (a delta
//    is a partial assistant `message`; tool call fragments are `tool_call`s with an index),
//    `usage`, `logprobs` and choice errors with the same rules.
//
// Readers: `bool read_val(const json::value&, T&, std::string& why)` for every type of the model
// (the walker's for the described types of describe_chat.hpp, hand-written for content); on
// failure `why` is "expected <what>" or "<path>: expected <what>". They reset `out` first.
// Writers: `json::value to_value(const T&, const json::storage_ptr&)`.
// None throws on bad input (only std::bad_alloc).

#include <openrouter/chat_completion.hpp>
#include <openrouter/chat_delta.hpp>
#include <openrouter/chat_request.hpp>
#include <openrouter/content_part.hpp>
#include <openrouter/message.hpp>

#include <boost/json/object.hpp>
#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>

#include <concepts>
#include <string>
#include <string_view>

#include "json/describe_chat.hpp"

// The chat readers and writers that are not the walker's (content is a string or an array of
// parts; a part's members depend on its type), declared BEFORE json_util.hpp so that its
// vector/optional/nullable templates find them (ordinary lookup at the template definition).
namespace openrouter::detail {
bool read_val(const boost::json::value& v, content_part& out, std::string& why);
bool read_val(const boost::json::value& v, message_content& out, std::string& why);
boost::json::value to_value(const content_part& p, const boost::json::storage_ptr& sp);
boost::json::value to_value(const message_content& c, const boost::json::storage_ptr& sp);
/// Exactly message_content (a variant would otherwise take any std::string).
template <class T>
requires std::same_as<T, message_content>
void put(boost::json::object& o, std::string_view k, const T& c)
{
    o.insert_or_assign(k, to_value(c, o.storage()));
}
}  // namespace openrouter::detail

#include "json/json_util.hpp"

namespace openrouter::detail {

// ---- the chat types' departures from the walker's defaults ----

template <>
struct codec_traits<tool_call::function_call> : codec_defaults {
    static constexpr bool omit_empty(std::string_view n) noexcept { return n == "name"; }
    /// `arguments` is JSON text; a few providers send an object instead: its text is kept.
    static constexpr bool hooked(std::string_view n) noexcept { return n == "arguments"; }
    static bool read_hook(std::string_view, const json::value& v, tool_call::function_call& out, std::string& why);
    static void write_hook(std::string_view, const tool_call::function_call& f, json::object& o)
    {
        put(o, "arguments", f.arguments);
    }
};

template <>
struct codec_traits<tool_call> : codec_defaults {
    static constexpr bool omit_empty(std::string_view n) noexcept { return n == "id" || n == "type"; }
    /// `type` is absent in stream fragments: keep what the wire says.
    static void init(tool_call& c) noexcept { c.type.clear(); }
};

/// `url` lives in the nested "image_url" object, whose other members are `payload_extra`.
template <>
struct codec_traits<generated_image> : codec_defaults {
    static constexpr std::string_view rename(std::string_view n) noexcept { return n == "url" ? "image_url" : n; }
    static constexpr bool omit_empty(std::string_view n) noexcept { return n == "type"; }
    static constexpr bool hooked(std::string_view n) noexcept { return n == "url"; }
    static void init(generated_image& i) noexcept { i.type.clear(); }
    static bool read_hook(std::string_view, const json::value& v, generated_image& out, std::string& why);
    static void write_hook(std::string_view, const generated_image& i, json::object& o);
};

template <>
struct codec_traits<message> : codec_defaults {
    static constexpr bool omit_empty(std::string_view n) noexcept
    {
        return n == "tool_calls" || n == "reasoning_details" || n == "annotations" || n == "images";
    }
};

template <>
struct codec_traits<choice_error> : codec_defaults {
    static constexpr bool omit_empty(std::string_view n) noexcept { return n == "metadata"; }
};

/// "endpoints" is an object {total, available[]} held in two members; it is always written.
template <>
struct codec_traits<openrouter_metadata> : codec_defaults {
    static constexpr std::string_view rename(std::string_view n) noexcept
    {
        return n == "endpoints_total" ? "endpoints" : n;
    }
    static constexpr bool omit_empty(std::string_view n) noexcept { return n == "attempts"; }
    static constexpr bool hooked(std::string_view n) noexcept { return n == "endpoints_total"; }
    static bool read_hook(std::string_view, const json::value& v, openrouter_metadata& out, std::string& why);
    static void write_hook(std::string_view, const openrouter_metadata& m, json::object& o);
};

template <>
struct codec_traits<chat_completion> : codec_defaults {
    static constexpr bool omit_empty(std::string_view n) noexcept { return n == "provider"; }
};

/// `function` only for a function tool; `parameters` (a server tool's) only when non-empty.
template <>
struct codec_traits<tool> : codec_defaults {
    static constexpr bool omit_empty(std::string_view n) noexcept { return n == "parameters"; }
    static constexpr bool hooked(std::string_view n) noexcept { return n == "function"; }
    static void write_hook(std::string_view, const tool& t, json::object& o)
    {
        if (t.type == "function")
            put(o, "function", t.function);
    }
};

/// `sort` is a string or an object; the cutoffs are a number or an object of percentiles.
template <>
struct codec_traits<provider_preferences> : codec_defaults {
    static constexpr bool hooked(std::string_view n) noexcept
    {
        return n == "sort" || n == "preferred_min_throughput" || n == "preferred_max_latency";
    }
    static void write_hook(std::string_view name, const provider_preferences& p, json::object& o);
};

template <>
struct codec_traits<plugin> : codec_defaults {
    static constexpr std::string_view rename(std::string_view n) noexcept { return n == "pdf_engine" ? "pdf" : n; }
    static constexpr std::string_view nest(std::string_view n) noexcept
    {
        return n == "pdf_engine" ? "engine" : std::string_view{};
    }
};

/// The request body: a few members are wrapped ("usage": {"include": ..}), a few have shapes of
/// their own (logit_bias keys are token ids, stop is a string or a list, tool_choice a string
/// or an object, metadata a string map).
template <>
struct codec_traits<chat_request> : codec_defaults {
    static constexpr std::string_view rename(std::string_view n) noexcept
    {
        if (n == "usage_include")
            return "usage";
        if (n == "stream_include_usage")
            return "stream_options";
        if (n == "debug_echo_upstream_body")
            return "debug";
        return n;
    }
    static constexpr std::string_view nest(std::string_view n) noexcept
    {
        if (n == "usage_include")
            return "include";
        if (n == "stream_include_usage")
            return "include_usage";
        if (n == "debug_echo_upstream_body")
            return "echo_upstream_body";
        return {};
    }
    static constexpr bool hooked(std::string_view n) noexcept
    {
        return n == "logit_bias" || n == "stop" || n == "tool_choice" || n == "metadata";
    }
    static void write_hook(std::string_view name, const chat_request& r, json::object& o);
};

/// Appends the JSON text of the request body to `out`. `stream` sets "stream": true (and
/// nothing else changes). Keys of `req.extra` are merged last (added or replaced), except
/// "stream", which only the argument controls (absent when false).
void write_chat_request(const chat_request& req, bool stream, std::string& out);

/// Reads a decoded JSON body into `out`. Returns false on a wrong shape, with a short reason in
/// `why` (e.g. "choices[0].message.content: expected string, array or null"); never throws on
/// bad input.
bool read_chat_completion(const boost::json::value& body, chat_completion& out, std::string& why);

// ---- streaming ----
/// One element of a delta's `tool_calls`. Members may be absent or null; present ones must have
/// their documented type (index integer, id/type/name/arguments strings, function object).
bool read_val(const json::value& item, tool_call_delta& tc, std::string& why);

}  // namespace openrouter::detail

#endif  // OPENROUTER_LIB_JSON_CHAT_CODEC_HPP
