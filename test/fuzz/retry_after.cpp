// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The Retry-After and retry-after-ms parsers (lib/sansio/classify.cpp). Input: byte 0 picks
// which header, the rest is the value. Properties of Retry-After: delta-seconds give exactly
// min(n, 1 year) seconds; a date gives the time from `now` to it, clamped at zero, so that
// moving `now` by an hour moves the result by the same hour (or to zero); never negative;
// blanks around the value change nothing. Of retry-after-ms: within [0, 1 year] and equal to the
// value's integral part; blanks change nothing.

#include "fuzz/fuzz_check.hpp"
#include "sansio/classify.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace {

using namespace std::chrono;
using openrouter::detail::parse_retry_after;
using openrouter::detail::parse_retry_after_ms;

constexpr milliseconds one_year = hours(24 * 365);

bool digits(std::string_view v)
{
    return !v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 1)
        return 0;
    const std::string_view value(reinterpret_cast<const char*>(data) + 1, size - 1);
    const std::string padded = " \t" + std::string(value) + "\t ";
    if (data[0] % 2 == 0) {
        const system_clock::time_point now{seconds(1750000000)};
        const auto r = parse_retry_after(value, now);
        FUZZ_ASSERT(parse_retry_after(padded, now) == r);
        if (!r)
            return 0;
        FUZZ_ASSERT(r->count() >= 0);
        const std::string_view v = trim(value);
        if (digits(v)) {
            unsigned long long n = 0;
            const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
            if (ec == std::errc{})
                FUZZ_ASSERT(*r ==
                            std::min<milliseconds>(one_year, seconds(std::min<unsigned long long>(n, 1ull << 40))));
            else
                FUZZ_ASSERT(false);  // out of range: refused by the parser
            return 0;
        }
        const auto later = parse_retry_after(value, now + hours(1));
        FUZZ_ASSERT(later.has_value());
        // A capped delay (a year) may stay capped an hour later.
        FUZZ_ASSERT(*later == std::max(milliseconds(0), *r - hours(1)) || (*r == one_year && *later >= *r - hours(1)));
        FUZZ_ASSERT(*later <= *r);
    } else {
        const auto r = parse_retry_after_ms(value);
        FUZZ_ASSERT(parse_retry_after_ms(padded) == r);
        if (!r)
            return 0;
        FUZZ_ASSERT(r->count() >= 0 && *r <= one_year);
        double ms = 0;
        const std::string_view v = trim(value);
        const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), ms);
        FUZZ_ASSERT(ec == std::errc{} && p == v.data() + v.size());
        FUZZ_ASSERT(r->count() == static_cast<long long>(std::floor(ms)));
    }
    return 0;
}
