// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_JSON_STRING_SCAN_HPP
#define OPENROUTER_LIB_JSON_STRING_SCAN_HPP

// One JSON string, validated and unescaped in a single pass (the chunk scanner's strings).
//
// Plain text is skipped eight bytes at a time (a word-wide test for a quote, a backslash, a
// control character or a non-ASCII byte); non-ASCII bytes must form UTF-8 as RFC 3629 defines
// it (no overlong forms, no encoded surrogates, nothing above U+10FFFF); escapes are the eight
// JSON ones and \uXXXX, where a surrogate must be half of a pair. Raw control characters are
// refused. Anything refused makes the caller give up (it does not say why: the full decoder,
// run next, is the one that reports errors).

#include <string>
#include <string_view>

namespace openrouter::detail {

// A string value; `p` is past its opening quote, `end` the end of the input. Returns past the
// closing quote, or null when the string is invalid or does not end before `end`. Without
// escapes, `text` views the input; with escapes, the unescaped string is appended to `buf`
// (which must be empty) and `text` views `buf`.
const char* scan_string(const char* p, const char* end, std::string& buf, std::string_view& text);

}  // namespace openrouter::detail

#endif
