// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The chunk decoder, differentially (lib/json/chunk_decoder*, chunk_scan*): the input is split
// at NUL bytes into the data of successive events of one stream, and each goes through
// test/unit/json/chunk_scan_harness.hpp's `differential`: the scanner (template path, then the
// full scan) may give up, but what it accepts equals the SAX/Boost.JSON decoder's deltas, and
// chunk_decoder::decode answers exactly what decode_full answers (result, deltas, reason).
// The harness states its checks with Catch2 macros; here they abort instead.

#include <catch2/catch.hpp>

#undef CHECK
#undef REQUIRE
#undef INFO
#define CHECK(...) FUZZ_ASSERT(__VA_ARGS__)
#define REQUIRE(...) FUZZ_ASSERT(__VA_ARGS__)
#define INFO(...) ((void)0)

#include "fuzz/fuzz_check.hpp"
#include "unit/json/chunk_scan_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    chunk_scan_test::differential diff;
    for (std::string_view event : fuzz::split_nul(in, 64))
        diff.feed(event);
    return 0;
}
