// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_JSON_JSON_UTIL_HPP
#define OPENROUTER_LIB_JSON_JSON_UTIL_HPP

// Small building blocks shared by the JSON codecs (internal).
//
// Reading: `read_val(value, T&, why)` reads one value of type T and returns false on a wrong
// shape with `why` = "expected <what>" (value level) or "<path>: expected <what>" (inside an
// object). `prefix(why, segment)` prepends a path segment as the failure unwinds, so the happy
// path never builds a path string. Objects are walked once, switching on a hash of the key.
//
// Writing: `put(obj, key, member)` writes a member when it is set (optional engaged, nullable
// present, vector non-empty where documented) using the object's storage.

#include <openrouter/nullable.hpp>

#include <boost/describe/members.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openrouter::detail {

namespace json = boost::json;

/// FNV-1a, for `switch` on object keys (each case also compares the key itself).
constexpr std::uint64_t key_hash(std::string_view s) noexcept
{
    std::uint64_t h = 14695981039346656037ull;
    for (char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    return h;
}

/// Prepends a path segment ("usage", "[3]") to a failure reason; always returns false.
inline bool prefix(std::string& why, std::string_view segment)
{
    if (why.rfind("expected ", 0) == 0) {
        std::string s(segment);
        s += ": ";
        why.insert(0, s);
    } else if (!why.empty() && why.front() == '[') {
        why.insert(0, segment);
    } else {
        std::string s(segment);
        s += '.';
        why.insert(0, s);
    }
    return false;
}

inline bool prefix_index(std::string& why, std::size_t i)
{
    std::string seg = "[";
    seg += std::to_string(i);
    seg += ']';
    return prefix(why, seg);
}

inline bool expected(std::string& why, std::string_view what)
{
    why.assign("expected ");
    why.append(what);
    return false;
}

/// The object in `v`, or nullptr with `why` = "expected object".
inline const json::object* as_object(const json::value& v, std::string& why)
{
    const json::object* o = v.if_object();
    if (!o)
        expected(why, "object");
    return o;
}

// ---- scalar reads (lenient numbers; null reads as the default value) ----

/// An integer from any JSON number with an integral value in the int64 range.
inline bool to_int64(const json::value& v, std::int64_t& out) noexcept
{
    switch (v.kind()) {
    case json::kind::int64: out = v.get_int64(); return true;
    case json::kind::uint64:
        if (v.get_uint64() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            return false;
        out = static_cast<std::int64_t>(v.get_uint64());
        return true;
    case json::kind::double_: {
        double d = v.get_double();
        // 2^63 is exactly representable; the range check excludes it and NaN.
        if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0) || std::trunc(d) != d)
            return false;
        out = static_cast<std::int64_t>(d);
        return true;
    }
    default: return false;
    }
}

inline bool read_val(const json::value& v, std::int64_t& out, std::string& why)
{
    if (v.is_null()) {
        out = 0;
        return true;
    }
    return to_int64(v, out) || expected(why, "integer");
}

inline bool read_val(const json::value& v, double& out, std::string& why)
{
    switch (v.kind()) {
    case json::kind::double_: out = v.get_double(); return true;
    case json::kind::int64: out = static_cast<double>(v.get_int64()); return true;
    case json::kind::uint64: out = static_cast<double>(v.get_uint64()); return true;
    case json::kind::null: out = 0.0; return true;
    default: return expected(why, "number");
    }
}

inline bool read_val(const json::value& v, bool& out, std::string& why)
{
    if (v.is_bool()) {
        out = v.get_bool();
        return true;
    }
    if (v.is_null()) {
        out = false;
        return true;
    }
    return expected(why, "boolean");
}

inline bool read_val(const json::value& v, std::string& out, std::string& why)
{
    if (const json::string* s = v.if_string()) {
        out.assign(s->data(), s->size());
        return true;
    }
    if (v.is_null()) {
        out.clear();
        return true;
    }
    return expected(why, "string");
}

/// A JSON object or array member kept as it is (null reads as empty); `get` is if_object/if_array.
template <class J, class Get>
bool read_json_kind(const json::value& v, J& out, std::string& why, Get get, std::string_view what)
{
    if (const J* x = get(v)) {
        out = *x;
        return true;
    }
    if (v.is_null()) {
        out.clear();
        return true;
    }
    return expected(why, what);
}

inline bool read_val(const json::value& v, json::object& out, std::string& why)
{
    return read_json_kind(
        v, out, why, [](const json::value& x) { return x.if_object(); }, "object");
}

inline bool read_val(const json::value& v, json::array& out, std::string& why)
{
    return read_json_kind(
        v, out, why, [](const json::value& x) { return x.if_array(); }, "array");
}

/// Any JSON value, kept as it is.
inline bool read_val(const json::value& v, json::value& out, std::string&)
{
    out = v;
    return true;
}

// ---- described wire types (the walker, lib/json/walker.hpp) ----
// A domain reader that is not described is declared by its codec header BEFORE that header
// includes this one, so that the container templates below find it by ordinary lookup (ADL
// would not look into this namespace). The generic layer names no domain type.

/// A type with a member list (BOOST_DESCRIBE_STRUCT in a lib/json/describe_*.hpp header).
template <class T>
concept described = boost::describe::has_describe_members<T>::value;

template <described T>
bool read_val(const json::value& v, T& out, std::string& why);
template <described T>
void put(json::object& o, std::string_view k, const T& x);
template <described T>
void put(json::object& o, std::string_view k, const std::vector<T>& v);
template <described T>
json::value to_value(const T& x, const json::storage_ptr& sp);

// ---- wrappers ----

/// Appends " or null" to a value-level reason ("expected string" -> "expected string or null").
inline bool or_null(std::string& why)
{
    if (why.rfind("expected ", 0) == 0) {
        // "expected string or array" -> "expected string, array or null"
        if (auto pos = why.find(" or "); pos != std::string::npos)
            why.replace(pos, 4, ", ");
        why += " or null";
    }
    return false;
}

template <class T>
bool read_val(const json::value& v, std::optional<T>& out, std::string& why);
template <class T>
bool read_val(const json::value& v, nullable<T>& out, std::string& why);
template <class T>
bool read_val(const json::value& v, std::vector<T>& out, std::string& why);

/// An optional or nullable: null empties it (`make_null`), anything else must read as T.
template <class W, class MakeNull>
bool read_or_null(const json::value& v, W& out, std::string& why, MakeNull make_null)
{
    if (v.is_null()) {
        make_null(out);
        return true;
    }
    if (!read_val(v, out.emplace(), why))
        return or_null(why);
    return true;
}

template <class T>
bool read_val(const json::value& v, std::optional<T>& out, std::string& why)
{
    return read_or_null(v, out, why, [](std::optional<T>& o) { o.reset(); });
}

template <class T>
bool read_val(const json::value& v, nullable<T>& out, std::string& why)
{
    return read_or_null(v, out, why, [](nullable<T>& n) { n.set_null(); });
}

template <class T>
bool read_val(const json::value& v, std::vector<T>& out, std::string& why)
{
    out.clear();
    if (v.is_null())
        return true;
    const json::array* a = v.if_array();
    if (!a)
        return expected(why, "array");
    out.resize(a->size());
    for (std::size_t i = 0; i < a->size(); ++i) {
        if (!read_val((*a)[i], out[i], why))
            return prefix_index(why, i);
    }
    return true;
}

/// Reads `v` as an object with `read_obj(const json::object&, T&, why)`.
template <class T, class F>
bool read_object(const json::value& v, T& out, std::string& why, F read_obj)
{
    const json::object* o = v.if_object();
    if (!o)
        return expected(why, "object");
    out = T{};
    return read_obj(*o, out, why);
}

// ---- writing ----

inline void put(json::object& o, std::string_view k, std::string_view s)
{
    o.insert_or_assign(k, s);
}
inline void put(json::object& o, std::string_view k, const char* s)
{
    o.insert_or_assign(k, s);
}
inline void put(json::object& o, std::string_view k, bool b)
{
    o.insert_or_assign(k, b);
}
inline void put(json::object& o, std::string_view k, std::int64_t i)
{
    o.insert_or_assign(k, i);
}
inline void put(json::object& o, std::string_view k, double d)
{
    o.insert_or_assign(k, d);
}
inline void put(json::object& o, std::string_view k, const json::object& x)
{
    o.insert_or_assign(k, json::value(x, o.storage()));
}
inline void put(json::object& o, std::string_view k, const json::array& x)
{
    o.insert_or_assign(k, json::value(x, o.storage()));
}
inline void put(json::object& o, std::string_view k, json::value&& v)
{
    o.insert_or_assign(k, std::move(v));
}

inline json::value to_value(const std::string& s, const json::storage_ptr& sp)
{
    return json::value(json::string(s, sp));
}
inline json::value to_value(std::int64_t i, const json::storage_ptr& sp)
{
    return json::value(i, sp);
}
inline json::value to_value(double d, const json::storage_ptr& sp)
{
    return json::value(d, sp);
}

inline json::array to_array(const std::vector<std::string>& v, const json::storage_ptr& sp)
{
    json::array a(sp);
    a.reserve(v.size());
    for (const auto& s : v)
        a.emplace_back(s);
    return a;
}

inline json::array to_array(const std::vector<std::int64_t>& v, const json::storage_ptr& sp)
{
    json::array a(sp);
    a.reserve(v.size());
    for (auto i : v)
        a.emplace_back(i);
    return a;
}

inline void put(json::object& o, std::string_view k, const std::vector<std::string>& v)
{
    o.insert_or_assign(k, to_array(v, o.storage()));
}

inline void put(json::object& o, std::string_view k, const std::vector<std::int64_t>& v)
{
    o.insert_or_assign(k, to_array(v, o.storage()));
}

/// Writes an engaged optional (scalars, strings, string vectors, JSON objects).
template <class T>
void put(json::object& o, std::string_view k, const std::optional<T>& v)
{
    if (v)
        put(o, k, *v);
}

/// Writes a present nullable (null as `null`).
template <class T>
void put(json::object& o, std::string_view k, const nullable<T>& v)
{
    if (v.is_null())
        o.insert_or_assign(k, nullptr);
    else if (v)
        put(o, k, *v);
}

/// Merges `extra` into `o` (adds or replaces keys).
inline void merge_extra(json::object& o, const json::object& extra)
{
    for (const auto& kv : extra)
        o.insert_or_assign(kv.key(), json::value(kv.value(), o.storage()));
}

}  // namespace openrouter::detail

#include "json/walker.hpp"

#endif  // OPENROUTER_LIB_JSON_JSON_UTIL_HPP
