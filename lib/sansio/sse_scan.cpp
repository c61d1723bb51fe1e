// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The AVX2 line-end scan of the SSE decoder, chosen at run time (see sse_scan.hpp).
#include "sansio/sse_scan.hpp"

#if defined(OPENROUTER_SSE_AVX2_DISPATCH)
#include <immintrin.h>

namespace openrouter::sse::detail {

// Initialized before main(); the CPU model is initialized first in case this runs before the
// runtime's own initializer. Code that decodes during static initialization of another file may
// still see `false` (zero-initialized) and simply use SSE2.
const bool has_avx2 = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") != 0;
}();

__attribute__((target("avx2"))) const char* find_eol_avx2(const char* p, const char* end) noexcept
{
    const __m256i lf = _mm256_set1_epi8('\n');
    const __m256i cr = _mm256_set1_epi8('\r');
    auto mask = [&](const char* at) __attribute__((target("avx2")))
    {
        __m256i v;
        std::memcpy(&v, at, 32);
        const __m256i hit = _mm256_or_si256(_mm256_cmpeq_epi8(v, lf), _mm256_cmpeq_epi8(v, cr));
        return static_cast<std::uint32_t>(_mm256_movemask_epi8(hit));
    };
    while (end - p >= 64) {
        const std::uint64_t m = mask(p) | (std::uint64_t{mask(p + 32)} << 32);
        if (m != 0)
            return p + std::countr_zero(m);
        p += 64;
    }
    if (end - p >= 32) {
        if (const std::uint32_t m = mask(p); m != 0)
            return p + std::countr_zero(m);
        p += 32;
    }
    return find_eol_sse2(p, end);
}

}  // namespace openrouter::sse::detail
#endif
