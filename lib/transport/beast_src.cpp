// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Beast's separately compiled implementation, built once inside the library.
//
// Assertions are off in this translation unit only. Beast 1.81's basic_parser::parse_chunk_header
// asserts `n >= 5` after the last chunk ("0\r\n") was seen, but n can be 3 or 4 when the rest of
// a chunked body ("\r\n", or trailer fields) arrives in later reads; the code after the assertion
// handles that correctly (need_more). Upstream agreed and fixed the assertion (boostorg/beast
// pull request 2861, 2024). With assertions on, the packet boundaries of any server could abort a
// Debug build of a program using the SDK (test/hostile/framing_cases.cpp reproduces it; found by
// fuzz_http_head, test/fuzz/known/http_head/). basic_parser is explicitly instantiated here and
// nowhere else (BOOST_BEAST_SEPARATE_COMPILATION), so its code is only compiled here.
#define BOOST_DISABLE_ASSERTS
#include <boost/beast/src.hpp>
