// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The assertion of the fuzz targets: a violated property prints where and aborts (libFuzzer
// then saves the input as a crash artifact).
#ifndef OPENROUTER_TEST_FUZZ_FUZZ_CHECK_HPP
#define OPENROUTER_TEST_FUZZ_FUZZ_CHECK_HPP

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#define FUZZ_ASSERT(cond)                                                                                              \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            std::fprintf(stderr, "%s:%d: fuzz property violated: %s\n", __FILE__, __LINE__, #cond);                    \
            std::abort();                                                                                              \
        }                                                                                                              \
    } while (false)

namespace fuzz {

// The input split at every NUL byte (`max` parts at most; the last part keeps the rest).
inline std::vector<std::string_view> split_nul(std::string_view in, std::size_t max)
{
    std::vector<std::string_view> parts;
    while (parts.size() + 1 < max) {
        const std::size_t at = in.find('\0');
        if (at == std::string_view::npos)
            break;
        parts.push_back(in.substr(0, at));
        in.remove_prefix(at + 1);
    }
    parts.push_back(in);
    return parts;
}

// A small deterministic generator seeded from input bytes (piece sizes and other choices).
class bits {
public:
    explicit bits(std::uint64_t seed) : s_(seed | 1u) {}
    std::uint64_t next()
    {
        s_ ^= s_ << 13;
        s_ ^= s_ >> 7;
        s_ ^= s_ << 17;
        return s_;
    }

private:
    std::uint64_t s_;
};

inline std::uint64_t hash(std::string_view s)
{
    std::uint64_t h = 0xcbf29ce484222325u;
    for (unsigned char c : s)
        h = (h ^ c) * 0x100000001b3u;
    return h;
}

}  // namespace fuzz

#endif
