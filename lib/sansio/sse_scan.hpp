// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_SANSIO_SSE_SCAN_HPP
#define OPENROUTER_LIB_SANSIO_SSE_SCAN_HPP

// Internal: the line-end scan of the SSE decoder, the one loop that touches every byte.
// `memchr` finds one byte value; an event stream line ends at the first CR *or* LF, and looking
// for LF first then CR would rescan (quadratically for CR-only streams). These scans look for both
// at once: 16 bytes per step with SSE2 (every x86-64 CPU has it), 8 bytes per step with plain
// 64-bit arithmetic elsewhere. Both are exposed so that the unit tests check each against a
// byte-by-byte loop.

#include <bit>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace openrouter::sse::detail {

/// The first CR or LF in [p, end), or `end`.
inline const char* find_eol_bytewise(const char* p, const char* end) noexcept
{
    for (; p != end; ++p)
        if (*p == '\n' || *p == '\r')
            return p;
    return end;
}

/// Same result, 8 bytes per step ("has a zero byte" test on word ^ pattern).
inline const char* find_eol_swar(const char* p, const char* end) noexcept
{
    constexpr std::uint64_t ones = 0x0101010101010101u;
    constexpr std::uint64_t highs = 0x8080808080808080u;
    constexpr std::uint64_t lf = ones * std::uint64_t{'\n'};
    constexpr std::uint64_t cr = ones * std::uint64_t{'\r'};
    while (end - p >= 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        const std::uint64_t a = w ^ lf;
        const std::uint64_t b = w ^ cr;
        // The lowest flagged byte of each term is exact (borrows only flag bytes above a real
        // match), so the lowest flagged byte of the union is the first CR or LF.
        const std::uint64_t hit = ((a - ones) & ~a & highs) | ((b - ones) & ~b & highs);
        if (hit != 0) {
            if constexpr (std::endian::native == std::endian::little)
                return p + (std::countr_zero(hit) >> 3);
            else
                return find_eol_bytewise(p, p + 8);
        }
        p += 8;
    }
    return find_eol_bytewise(p, end);
}

#if defined(__SSE2__)
/// Same result, 32 bytes per step (two 16-byte SSE2 compares per half).
inline const char* find_eol_sse2(const char* p, const char* end) noexcept
{
    const __m128i lf = _mm_set1_epi8('\n');
    const __m128i cr = _mm_set1_epi8('\r');
    auto mask = [&](const char* at) noexcept {
        __m128i v;
        std::memcpy(&v, at, 16);
        return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr))));
    };
    while (end - p >= 32) {
        const unsigned m = mask(p) | (mask(p + 16) << 16);
        if (m != 0)
            return p + std::countr_zero(m);
        p += 32;
    }
    if (end - p >= 16) {
        if (const unsigned m = mask(p); m != 0)
            return p + std::countr_zero(m);
        p += 16;
    }
    return find_eol_swar(p, end);
}
#endif

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(__AVX2__)
#define OPENROUTER_SSE_AVX2_DISPATCH 1
/// Same result, 64 bytes per step with AVX2. Compiled for AVX2 whatever the build flags; call only
/// when `has_avx2` (checked once at startup).
__attribute__((target("avx2"))) const char* find_eol_avx2(const char* p, const char* end) noexcept;
extern const bool has_avx2;
#endif

/// The scan the decoder uses: AVX2 when the CPU has it, else SSE2 (x86-64), else 8 bytes a step.
inline const char* find_eol(const char* p, const char* end) noexcept
{
#if defined(OPENROUTER_SSE_AVX2_DISPATCH)
    // Lines shorter than 64 bytes (blank lines, short fields) are not worth the call.
    if (has_avx2 && end - p >= 64)
        return find_eol_avx2(p, end);
#endif
#if defined(__SSE2__)
    return find_eol_sse2(p, end);
#else
    return find_eol_swar(p, end);
#endif
}

}  // namespace openrouter::sse::detail

#endif  // OPENROUTER_LIB_SANSIO_SSE_SCAN_HPP
