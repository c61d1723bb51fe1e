// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_JSON_API_CODEC_HPP
#define OPENROUTER_LIB_JSON_API_CODEC_HPP

// Codecs of the API areas other than chat (models, keys, generations, credits, activity,
// embeddings, oauth, responses): their wire types are described in describe_api.hpp and
// read/written by the walker; here are their hooks, the response envelope ("data") and the
// query parameters (internal).

#include "json/describe_api.hpp"

#include <boost/json/value.hpp>

// A Responses output item's members depend on its type: hand-written (responses.cpp), declared
// before json_util.hpp so that its vector template finds it.
namespace openrouter::detail {
bool read_val(const boost::json::value& v, response_output_item& out, std::string& why);
}  // namespace openrouter::detail

#include "json/json_util.hpp"

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace openrouter::detail {

// ---- departures from the walker's defaults ----

template <>
struct codec_traits<embedding> : codec_defaults {
    static constexpr std::string_view rename(std::string_view n) noexcept { return n == "values" ? "embedding" : n; }
    static constexpr bool hooked(std::string_view n) noexcept { return n == "values"; }
    static bool read_hook(std::string_view, const json::value& v, embedding& e, std::string& why);
};

template <>
struct codec_traits<embedding_request> : codec_defaults {
    static constexpr bool hooked(std::string_view n) noexcept { return n == "input"; }
    static void write_hook(std::string_view, const embedding_request& r, json::object& o);
};

/// `next` is the wire's "links": {"next": ...}.
template <>
struct codec_traits<embedding_models_page> : codec_defaults {
    static constexpr std::string_view rename(std::string_view n) noexcept { return n == "next" ? "links" : n; }
    static constexpr std::string_view nest(std::string_view n) noexcept
    {
        return n == "next" ? "next" : std::string_view{};
    }
};

/// "refusal" fills `text` when the part has none.
template <>
struct codec_traits<response_content_part> : codec_defaults {
    static int read_unlisted(std::string_view k, const json::value& v, response_content_part& p, std::string& why)
    {
        if (k != "refusal" || !p.text.empty())
            return 0;
        return read_val(v, p.text, why) ? 1 : -1;
    }
};

/// The token details are nested: "input_tokens_details": {"cached_tokens": n}, and so on.
template <>
struct codec_traits<response_usage> : codec_defaults {
    static constexpr std::string_view rename(std::string_view n) noexcept
    {
        if (n == "cached_tokens")
            return "input_tokens_details";
        if (n == "reasoning_tokens")
            return "output_tokens_details";
        return n;
    }
    static constexpr std::string_view nest(std::string_view n) noexcept
    {
        return (n == "cached_tokens" || n == "reasoning_tokens") ? n : std::string_view{};
    }
};

/// `code` is a string, or an integer kept as its decimal text.
template <>
struct codec_traits<response_error> : codec_defaults {
    static constexpr bool hooked(std::string_view n) noexcept { return n == "code"; }
    static bool read_hook(std::string_view, const json::value& v, response_error& e, std::string& why)
    {
        if (v.is_string() || v.is_null())
            return read_val(v, e.code, why);
        if (std::int64_t n = 0; to_int64(v, n)) {
            e.code = std::to_string(n);
            return true;
        }
        return expected(why, "string or integer");
    }
};

template <>
struct codec_traits<response_tool> : codec_defaults {
    static constexpr bool omit_empty(std::string_view n) noexcept { return n == "name"; }
};

/// True when object `v` has member `key`; otherwise false with why = "expected member '<key>'".
inline bool require_member(const json::value& v, std::string_view key, std::string& why)
{
    if (v.get_object().contains(key))
        return true;
    why = "expected member '";
    why += key;
    why += '\'';
    return false;
}

// Reads the "data" member of a response object into `out` (required).
template <class T>
bool read_data(const json::value& v, T& out, std::string& why)
{
    const json::object* o = v.if_object();
    if (!o)
        return expected(why, "object");
    auto it = o->find("data");
    if (it == o->end()) {
        why = "data: missing";
        return false;
    }
    if (!read_val(it->value(), out, why))
        return prefix(why, "data");
    return true;
}

// Reads a described response object whose `required` members must be present
// (why = "<key>: missing" for the first absent one).
template <described T>
bool read_required(const json::value& v, T& out, std::string& why, std::initializer_list<std::string_view> required)
{
    if (!read_val(v, out, why))
        return false;
    for (std::string_view k : required) {
        if (!v.get_object().contains(k)) {
            why.assign(k);
            why += ": missing";
            return false;
        }
    }
    return true;
}

/// Reads a described listing `{"data": [...], ...}` ("data" required).
template <described T>
bool read_listing(const json::value& v, T& out, std::string& why)
{
    return read_required(v, out, why, {"data"});
}

// Query parameter helpers (numbers in their shortest round-trip form).
void add_query(std::vector<std::pair<std::string, std::string>>& q, std::string_view name,
               const std::optional<std::string>& v);
void add_query(std::vector<std::pair<std::string, std::string>>& q, std::string_view name,
               const std::optional<std::int64_t>& v);
void add_query(std::vector<std::pair<std::string, std::string>>& q, std::string_view name,
               const std::optional<double>& v);
void add_query(std::vector<std::pair<std::string, std::string>>& q, std::string_view name,
               const std::optional<bool>& v);

}  // namespace openrouter::detail

/// Defines the public `bool openrouter::from_json(const boost::json::value&, T&, std::string&)`
/// of a wire type as one of the readers above (`read_data`, `read_listing`, `read_val`, ...).
/// Use at namespace openrouter scope.
#define OPENROUTER_LIB_FROM_JSON(T, reader)                                                                            \
    bool from_json(const boost::json::value& v, T& out, std::string& why)                                              \
    {                                                                                                                  \
        return ::openrouter::detail::reader(v, out, why);                                                              \
    }

/// Defines the public `boost::json::object openrouter::to_json(const T&)` of a described type.
#define OPENROUTER_LIB_TO_JSON(T)                                                                                      \
    boost::json::object to_json(const T& x)                                                                            \
    {                                                                                                                  \
        boost::json::object o;                                                                                         \
        ::openrouter::detail::write_members(x, o);                                                                     \
        return o;                                                                                                      \
    }

#endif  // OPENROUTER_LIB_JSON_API_CODEC_HPP
