// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_TEST_UNIT_SSE_HARNESS_HPP
#define OPENROUTER_TEST_UNIT_SSE_HARNESS_HPP

// Test harness of the SSE decoder: runs one input through a decoder in given pieces and records
// every item as owned strings, so that decoding the same stream split in different ways can be
// compared for equality.

#include <openrouter/error.hpp>
#include <openrouter/sse.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace sse_test {

using openrouter::sse::decoder;
using openrouter::sse::decoder_options;
using openrouter::sse::result_kind;

/// One item of the decoder, owned.
struct record {
    result_kind kind = result_kind::need_more;
    std::string type, raw_type, data, id;
    std::optional<std::uint64_t> retry;
    std::string comment;
    openrouter::error_code error;

    bool operator==(const record&) const = default;

    record with_type(std::string t) &&
    {
        type = t.empty() ? "message" : t;
        raw_type = std::move(t);
        return std::move(*this);
    }
    record with_id(std::string i) &&
    {
        id = std::move(i);
        return std::move(*this);
    }
    record with_retry(std::uint64_t r) &&
    {
        retry = r;
        return std::move(*this);
    }
};

inline record ev(std::string data)
{
    record r;
    r.kind = result_kind::event;
    r.type = "message";
    r.data = std::move(data);
    return r;
}

inline record comment(std::string text)
{
    record r;
    r.kind = result_kind::comment;
    r.comment = std::move(text);
    return r;
}

inline record failure(openrouter::errc e)
{
    record r;
    r.kind = result_kind::error;
    r.error = e;
    return r;
}

/// Everything one decoding run produced.
struct outcome {
    std::vector<record> items;
    openrouter::error_code end;  ///< what finish() returned
    std::string last_id;         ///< last_event_id() before finish()
    std::optional<std::uint64_t> reconnection;
    bool contract_ok = true;  ///< need_more consumed everything, consumed <= size, ev set iff event

    bool operator==(const outcome&) const = default;
};

inline record to_record(const decoder::item& it)
{
    record r;
    r.kind = it.kind;
    if (it.kind == result_kind::event) {
        r.type = it.ev->type;
        r.raw_type = it.ev->raw_type;
        r.data = it.ev->data;
        r.id = it.ev->id;
        r.retry = it.ev->retry;
    } else if (it.kind == result_kind::comment) {
        r.comment = it.comment;
    } else if (it.kind == result_kind::error) {
        r.error = it.error;
    }
    return r;
}

/// Feeds `pieces` in order. Each piece is copied into its own buffer whose consumed bytes are
/// overwritten as soon as the item's views were copied (the contract allows it), so a view kept
/// into consumed input would show as corruption.
inline outcome decode_into(decoder& d, const std::vector<std::string>& pieces)
{
    outcome o;
    bool failed = false;
    for (const auto& piece : pieces) {
        std::string buf = piece;
        std::string_view in = buf;
        for (;;) {
            const auto it = d.next(in);
            if (it.consumed > in.size()) {
                o.contract_ok = false;
                break;
            }
            in.remove_prefix(it.consumed);
            if (it.kind == result_kind::need_more) {
                o.contract_ok = o.contract_ok && in.empty();
                break;
            }
            if ((it.kind == result_kind::event) != (it.ev != nullptr))
                o.contract_ok = false;
            o.items.push_back(to_record(it));
            std::fill_n(buf.begin(), in.data() - buf.data(), '#');
            if (it.kind == result_kind::error) {
                failed = true;
                break;
            }
        }
        std::fill(buf.begin(), buf.end(), '#');
        if (failed)
            break;
    }
    o.last_id = d.last_event_id();
    o.reconnection = d.reconnection_time();
    o.end = d.finish();
    return o;
}

inline outcome decode(const std::vector<std::string>& pieces, decoder_options opts = {})
{
    decoder d(opts);
    return decode_into(d, pieces);
}

inline outcome decode(std::string_view whole, decoder_options opts = {})
{
    return decode(std::vector<std::string>{std::string(whole)}, opts);
}

inline std::vector<std::string> bytewise(std::string_view s)
{
    std::vector<std::string> v;
    for (char c : s)
        v.emplace_back(1, c);
    return v;
}

inline std::vector<std::string> split_at(std::string_view s, std::size_t k)
{
    return {std::string(s.substr(0, k)), std::string(s.substr(k))};
}

inline std::string escaped(std::string_view s)
{
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else if (c == '"' || c == '\\')
            (out += '\\') += c;
        else if (u < 0x20 || u >= 0x7f)
            ((out += "\\x") += hex[u >> 4]) += hex[u & 15];
        else
            out += c;
    }
    return out;
}

inline std::ostream& operator<<(std::ostream& os, const record& r)
{
    switch (r.kind) {
    case result_kind::event:
        os << "event{type=\"" << escaped(r.type) << "\" raw=\"" << escaped(r.raw_type) << "\" data=\""
           << escaped(r.data) << "\" id=\"" << escaped(r.id) << '"';
        if (r.retry)
            os << " retry=" << *r.retry;
        return os << '}';
    case result_kind::comment: return os << "comment{\"" << escaped(r.comment) << "\"}";
    case result_kind::error: return os << "error{" << r.error.message() << '}';
    case result_kind::need_more: break;
    }
    return os << "need_more";
}

inline std::ostream& operator<<(std::ostream& os, const outcome& o)
{
    os << "outcome{items=[";
    for (const auto& r : o.items)
        os << "\n  " << r;
    os << "]\n  end=" << (o.end ? o.end.message() : std::string("ok")) << " last_id=\"" << escaped(o.last_id)
       << "\" reconnection=";
    if (o.reconnection)
        os << *o.reconnection;
    else
        os << "none";
    return os << (o.contract_ok ? "" : " CONTRACT-VIOLATED") << '}';
}

}  // namespace sse_test

#endif  // OPENROUTER_TEST_UNIT_SSE_HARNESS_HPP
