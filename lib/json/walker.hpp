// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_JSON_WALKER_HPP
#define OPENROUTER_LIB_JSON_WALKER_HPP

// The one codec mechanism (internal): a wire type's member list, given once with
// BOOST_DESCRIBE_STRUCT in a lib-private header (lib/json/describe_*.hpp), is read and written
// by the generic walker below.
//
// Reading (`read_val(v, T&, why)` for a described T):
//  - `v` must be an object ("expected object" otherwise); `out` is reset to T{} first.
//  - Each member of `v` is walked once. Its key is hashed (FNV-1a, key_hash) and compared with
//    the compile-time hashes of the wire names of the list, then with the name itself; a match
//    dispatches (a switch, mp_with_index) to `read_val` of the C++ member's type, so the
//    member's type carries the rules: lenient numbers, null as the default value, `optional`
//    (absent or null = empty), `nullable` (absent / null / value), vectors (null = empty).
//  - A member listed as hooked (codec_traits<T>::hooked) is read by codec_traits<T>::read_hook.
//  - A key not in the list goes to codec_traits<T>::read_unlisted (1 read, 0 not mine,
//    -1 wrong shape); when that declines, the member is kept in `out.extra` (when T has one).
//  - On a wrong shape the member's key is prefixed to `why` ("usage.cost: expected number",
//    "choices[0].message: expected object"), as the failure unwinds.
// Writing (`to_value(const T&, sp)` / `put(obj, key, const T&)` for a described T):
//  - members in list order (list order = wire order), each by the `put` rule of its type:
//    strings, numbers, booleans, vectors and JSON objects always; `optional` when engaged;
//    `nullable` when present (null as null); a member listed in codec_traits<T>::omit_empty
//    only when non-empty; a hooked member by codec_traits<T>::write_hook.
//  - then `extra` is merged (added or replaced).
// Wire names: the C++ name, with a trailing '_' dropped (C++ keywords: `default_`); a type whose
// wire key differs gives codec_traits<T>::rename.
// Members not on the wire (like `extra`) are simply left out of the list.

#include "json/json_util.hpp"

#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/mp11/algorithm.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace openrouter::detail {

/// The defaults of a wire type's codec; specialise codec_traits<T> (deriving from this) for a
/// type that renames a key, hooks a member or omits empty members.
struct codec_defaults {
    /// The wire key of member `name` (default: the name without a trailing '_').
    static constexpr std::string_view rename(std::string_view name) noexcept
    {
        if (!name.empty() && name.back() == '_')
            name.remove_suffix(1);
        return name;
    }
    /// True for a member read by `read_hook(name, v, out, why)` and written by
    /// `write_hook(name, x, obj)` instead of by its type's rule.
    static constexpr bool hooked(std::string_view) noexcept { return false; }
    /// True for a member written only when non-empty.
    static constexpr bool omit_empty(std::string_view) noexcept { return false; }
    /// Non-empty for a member that the wire wraps in an object of one member: the member is
    /// written as `"<key>": {"<nest>": value}` (nothing when its value writes nothing) and read
    /// from there (`usage_include` -> "usage": {"include": true}).
    static constexpr std::string_view nest(std::string_view) noexcept { return {}; }
    /// Called on the fresh T{} before its members are read (e.g. to clear a default that the
    /// wire must state itself).
    template <class T>
    static void init(T&) noexcept
    {}
    /// A key not in the list: 1 read, 0 not handled (kept in `extra`), -1 wrong shape.
    template <class T>
    static int read_unlisted(std::string_view, const json::value&, T&, std::string&)
    {
        return 0;
    }
};

template <class T>
struct codec_traits : codec_defaults {};

namespace walker {

template <class T>
using members = boost::describe::describe_members<T, boost::describe::mod_public>;

template <class T>
concept has_extra = requires(T& t)
{
    t.extra.insert_or_assign(std::string_view{}, json::value{});
};

template <class T>
struct table {
    static constexpr std::size_t size = boost::mp11::mp_size<members<T>>::value;
    static constexpr std::array<std::string_view, size> names = [] {
        std::array<std::string_view, size> a{};
        std::size_t i = 0;
        boost::mp11::mp_for_each<members<T>>(
            [&](auto d) { a[i++] = codec_traits<T>::rename(std::string_view(decltype(d)::name)); });
        return a;
    }();
    static constexpr std::array<std::uint64_t, size> hashes = [] {
        std::array<std::uint64_t, size> a{};
        for (std::size_t i = 0; i < size; ++i)
            a[i] = key_hash(names[i]);
        return a;
    }();

    // A perfect hash over the list: slot[(h >> shift) & mask] is the index of the only name
    // that can have hash h (or `size`), found at compile time, so a key costs one probe.
    struct perfect {
        unsigned shift = 0;
        std::uint64_t mask = 0;
        std::array<std::uint8_t, 256> slot{};
    };
    static constexpr perfect lookup = [] {
        static_assert(size < 255, "a member list this long needs a wider slot type");
        for (std::uint64_t bits = 1; (std::uint64_t(1) << bits) <= 256; ++bits) {
            if ((std::uint64_t(1) << bits) < size)
                continue;
            for (unsigned sh = 0; sh + bits <= 64; ++sh) {
                perfect p{sh, (std::uint64_t(1) << bits) - 1, {}};
                for (auto& x : p.slot)
                    x = static_cast<std::uint8_t>(size);
                bool ok = true;
                for (std::size_t i = 0; i < size && ok; ++i) {
                    auto& x = p.slot[(hashes[i] >> sh) & p.mask];
                    ok = x == size;
                    x = static_cast<std::uint8_t>(i);
                }
                if (ok)
                    return p;
            }
        }
        throw "no perfect hash for this member list";  // not a constant expression: a compile error
    }();

    /// The list index of the only member whose wire key can have hash `h`, or `size`
    /// (the caller compares the key itself).
    static std::size_t candidate(std::uint64_t h) noexcept
    {
        const std::size_t i = lookup.slot[(h >> lookup.shift) & lookup.mask];
        return (i < size && hashes[i] == h) ? i : size;
    }
};

}  // namespace walker

/// Reads `{"<inner>": value}` (or null: nothing) into `dst`.
template <class M>
bool read_nested(const json::value& v, std::string_view inner, M& dst, std::string& why)
{
    if (v.is_null())
        return true;
    const json::object* o = as_object(v, why);
    if (!o)
        return false;
    if (const json::value* x = o->if_contains(inner); x && !read_val(*x, dst, why))
        return prefix(why, inner);
    return true;
}

/// Reads member D of T from `val` if `k` is its wire key: 1 read, 0 not this member, -1 wrong
/// shape. (A function template of its own, not the dispatch lambda's body: there the traits'
/// names would not be dependent, and Clang checks them in the branches `if constexpr` drops.)
template <class T, class D>
int read_member(std::string_view k, const json::value& val, T& out, std::string& why)
{
    using traits = codec_traits<T>;
    constexpr std::string_view wire = traits::rename(std::string_view(D::name));
    if (k != wire)
        return 0;
    bool ok;
    if constexpr (traits::hooked(D::name))
        ok = traits::read_hook(std::string_view(D::name), val, out, why);
    else if constexpr (!traits::nest(D::name).empty())
        ok = read_nested(val, traits::nest(D::name), out.*D::pointer, why);
    else
        ok = read_val(val, out.*D::pointer, why);
    return ok ? 1 : -1;
}

/// Writes member D of `x` into `o` by its rule (hook, nest, omit-when-empty or its type's).
template <class T, class D>
void write_member(const T& x, json::object& o)
{
    using traits = codec_traits<T>;
    constexpr std::string_view key = traits::rename(std::string_view(D::name));
    if constexpr (traits::hooked(D::name)) {
        traits::write_hook(std::string_view(D::name), x, o);
    } else if constexpr (!traits::nest(D::name).empty()) {
        json::object inner(o.storage());
        put(inner, traits::nest(D::name), x.*D::pointer);
        if (!inner.empty())
            o.insert_or_assign(key, std::move(inner));
    } else if constexpr (traits::omit_empty(D::name)) {
        if (!(x.*D::pointer).empty())
            put(o, key, x.*D::pointer);
    } else {
        put(o, key, x.*D::pointer);
    }
}

/// Reads the members of `o` into `out` (not reset) by the member list of T.
template <described T>
[[gnu::flatten]] bool read_members_of(const json::object& o, T& out, std::string& why)
{
    using list = walker::members<T>;
    using tab = walker::table<T>;
    for (const auto& kv : o) {
        const std::string_view k = kv.key();
        const json::value& val = kv.value();
        // The slot gives the one listed member that can have this hash; its name is compared
        // inside the dispatch, where it is a constant (an inlined compare, not a memcmp call).
        const std::uint64_t h = key_hash(k);
        const std::size_t i = tab::candidate(h);
        if (i < tab::size) {
            const int got = boost::mp11::mp_with_index<tab::size>(i, [&](auto I) {
                return read_member<T, boost::mp11::mp_at_c<list, decltype(I)::value>>(k, val, out, why);
            });
            if (got < 0)
                return prefix(why, k);
            if (got > 0)
                continue;
        }
        const int r = codec_traits<T>::read_unlisted(k, val, out, why);
        if (r < 0)
            return prefix(why, k);
        if constexpr (walker::has_extra<T>) {
            if (r == 0)
                out.extra.insert_or_assign(k, val);
        }
    }
    return true;
}

template <described T>
bool read_val(const json::value& v, T& out, std::string& why)
{
    const json::object* o = v.if_object();
    if (!o)
        return expected(why, "object");
    out = T{};
    codec_traits<T>::init(out);
    return read_members_of(*o, out, why);
}

/// Writes the members of `x` (list order, then `extra`) into `o`.
template <described T>
void write_members(const T& x, json::object& o)
{
    boost::mp11::mp_for_each<walker::members<T>>([&](auto d) { write_member<T, decltype(d)>(x, o); });
    if constexpr (walker::has_extra<T>)
        merge_extra(o, x.extra);
}

template <described T>
json::value to_value(const T& x, const json::storage_ptr& sp)
{
    json::object o(sp);
    write_members(x, o);
    return o;
}

template <described T>
void put(json::object& o, std::string_view k, const T& x)
{
    json::object m(o.storage());
    write_members(x, m);
    o.insert_or_assign(k, std::move(m));
}

template <described T>
void put(json::object& o, std::string_view k, const std::vector<T>& v)
{
    json::array a(o.storage());
    a.reserve(v.size());
    for (const auto& x : v) {
        json::object m(o.storage());
        write_members(x, m);
        a.emplace_back(std::move(m));
    }
    o.insert_or_assign(k, std::move(a));
}

}  // namespace openrouter::detail

#endif  // OPENROUTER_LIB_JSON_WALKER_HPP
