// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include "json/string_scan.hpp"

#include <bit>
#include <cstdint>
#include <cstring>

namespace openrouter::detail {
namespace {

constexpr std::uint64_t ones = 0x0101010101010101ull;
constexpr std::uint64_t highs = 0x8080808080808080ull;

// The high bit of each byte of `w` that is '"', '\\', a control character (below 0x20) or not
// ASCII. Only the lowest flagged byte is exact (a borrow can flag bytes above a true hit), which
// is the only one the caller looks at.
inline std::uint64_t special_bytes(std::uint64_t w) noexcept
{
    const std::uint64_t q = w ^ (ones * '"');
    const std::uint64_t b = w ^ (ones * '\\');
    return (((q - ones) & ~q) | ((b - ones) & ~b) | ((w - ones * 0x20) & ~w) | w) & highs;
}

inline bool is_special(unsigned char c) noexcept
{
    return c == '"' || c == '\\' || c < 0x20 || c >= 0x80;
}

// The first special byte at or after p, or end.
inline const char* find_special(const char* p, const char* end) noexcept
{
    if constexpr (std::endian::native == std::endian::little) {
        while (end - p >= 8) {
            std::uint64_t w = 0;
            std::memcpy(&w, p, 8);
            if (const std::uint64_t m = special_bytes(w); m != 0)
                return p + std::countr_zero(m) / 8;
            p += 8;
        }
    }
    while (p != end && !is_special(static_cast<unsigned char>(*p)))
        ++p;
    return p;
}

inline bool in(unsigned char c, unsigned char lo, unsigned char hi) noexcept
{
    return c >= lo && c <= hi;
}

// Validates the UTF-8 sequence at p (its first byte is not ASCII), as RFC 3629 defines it: no
// overlong forms, no surrogates, nothing above U+10FFFF. Returns past it, or null.
const char* skip_utf8(const char* p, const char* end) noexcept
{
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    const auto left = end - p;
    const unsigned char c = u[0];
    if (c < 0xC2)
        return nullptr;
    if (c < 0xE0)
        return left >= 2 && in(u[1], 0x80, 0xBF) ? p + 2 : nullptr;
    if (c < 0xF0) {
        const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
        const unsigned char hi = c == 0xED ? 0x9F : 0xBF;
        return left >= 3 && in(u[1], lo, hi) && in(u[2], 0x80, 0xBF) ? p + 3 : nullptr;
    }
    if (c < 0xF5) {
        const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
        const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;
        return left >= 4 && in(u[1], lo, hi) && in(u[2], 0x80, 0xBF) && in(u[3], 0x80, 0xBF) ? p + 4 : nullptr;
    }
    return nullptr;
}

// Four hex digits at p, or -1.
long hex4(const char* p, const char* end) noexcept
{
    if (end - p < 4)
        return -1;
    long v = 0;
    for (int i = 0; i < 4; ++i) {
        const char c = p[i];
        int d = 0;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            return -1;
        v = v * 16 + d;
    }
    return v;
}

void put_utf8(unsigned long cp, std::string& out)
{
    char b[4];
    std::size_t n = 0;
    if (cp < 0x80) {
        b[n++] = static_cast<char>(cp);
    } else if (cp < 0x800) {
        b[n++] = static_cast<char>(0xC0 | (cp >> 6));
        b[n++] = static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        b[n++] = static_cast<char>(0xE0 | (cp >> 12));
        b[n++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        b[n++] = static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        b[n++] = static_cast<char>(0xF0 | (cp >> 18));
        b[n++] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        b[n++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        b[n++] = static_cast<char>(0x80 | (cp & 0x3F));
    }
    out.append(b, n);
}

// The escape at p (p[0] is the backslash), unescaped onto `out`. Returns past it, or null for
// an unknown escape or a surrogate that is not part of a pair.
const char* unescape(const char* p, const char* end, std::string& out)
{
    if (end - p < 2)
        return nullptr;
    // The eight one-letter escapes and what they stand for.
    static constexpr std::string_view letters = "\"\\/bfnrt";
    static constexpr std::string_view meanings = "\"\\/\b\f\n\r\t";
    if (p[1] != 'u') {
        const std::size_t i = letters.find(p[1]);
        if (i == std::string_view::npos)
            return nullptr;
        out += meanings[i];
        return p + 2;
    }
    const long hi = hex4(p + 2, end);
    if (hi < 0 || (hi >= 0xDC00 && hi <= 0xDFFF))
        return nullptr;
    p += 6;
    if (hi < 0xD800 || hi > 0xDBFF) {
        put_utf8(static_cast<unsigned long>(hi), out);
        return p;
    }
    if (end - p < 2 || p[0] != '\\' || p[1] != 'u')
        return nullptr;
    const long lo = hex4(p + 2, end);
    if (lo < 0xDC00 || lo > 0xDFFF)
        return nullptr;
    put_utf8(0x10000 + ((static_cast<unsigned long>(hi) - 0xD800) << 10) + (static_cast<unsigned long>(lo) - 0xDC00),
             out);
    return p + 6;
}

}  // namespace

const char* scan_string(const char* p, const char* end, std::string& buf, std::string_view& text)
{
    const char* start = p;
    bool escaped = false;
    for (;;) {
        p = find_special(p, end);
        if (p == end)
            return nullptr;
        const auto c = static_cast<unsigned char>(*p);
        if (c == '"') {
            if (!escaped) {
                text = std::string_view(start, static_cast<std::size_t>(p - start));
                return p + 1;
            }
            buf.append(start, p);
            text = buf;
            return p + 1;
        }
        if (c == '\\') {
            escaped = true;
            buf.append(start, p);
            p = unescape(p, end, buf);
            if (p == nullptr)
                return nullptr;
            start = p;
            continue;
        }
        if (c < 0x20)
            return nullptr;
        p = skip_utf8(p, end);
        if (p == nullptr)
            return nullptr;
    }
}

}  // namespace openrouter::detail
