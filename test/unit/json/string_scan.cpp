// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// string_scan: one JSON string validated and unescaped. Checked against Boost.JSON's parser
// (the full decoder's) on every one- and two-byte string, on three- and four-byte sequences
// around the UTF-8 boundaries, on every escape, and at every offset of the word-wide search.

#include "json/string_scan.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

using openrouter::detail::scan_string;

namespace {

struct scanned {
    bool ok = false;
    std::string text;
    std::size_t used = 0;  // bytes up to and including the closing quote
    bool escaped = false;  // the text is in the buffer
};

// `body` is what follows the opening quote (its closing quote included, if any).
scanned scan(std::string_view body)
{
    scanned r;
    std::string buf;
    std::string_view text;
    const char* q = scan_string(body.data(), body.data() + body.size(), buf, text);
    if (q == nullptr)
        return r;
    r.ok = true;
    r.text = std::string(text);
    r.used = static_cast<std::size_t>(q - body.data());
    r.escaped = text.data() == buf.data();
    return r;
}

// What Boost.JSON makes of "<body> as a document: the string, or nothing when invalid.
bool boost_reads(std::string_view body, std::string& out)
{
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse("\"" + std::string(body), ec);
    if (ec || !v.is_string())
        return false;
    out = std::string(v.get_string());
    return true;
}

// The scanner and Boost.JSON agree on `body` (a string's text, then anything): when the
// scanner takes a string, it is the one Boost.JSON reads from the bytes up to its closing
// quote; when Boost.JSON reads the whole body as one string, so does the scanner.
void agree(std::string_view body)
{
    const scanned got = scan(body);
    std::string want;
    INFO("body bytes: " << body.size());
    if (got.ok) {
        REQUIRE(boost_reads(body.substr(0, got.used), want));
        REQUIRE(got.text == want);
    }
    if (boost_reads(body, want)) {
        REQUIRE(got.ok);
        REQUIRE(got.used == body.size());
    }
}

}  // namespace

TEST_CASE("string_scan: plain text is viewed in the input, escapes are unescaped into the buffer")
{
    const scanned plain = scan(R"(hello world" rest)");
    REQUIRE(plain.ok);
    CHECK(plain.text == "hello world");
    CHECK(plain.used == 12);
    CHECK_FALSE(plain.escaped);

    const scanned esc = scan(R"(a\"b\\c\/d\b\f\n\r\t\u00e9\u20AC\ud83d\ude00\u0000z"...)");
    REQUIRE(esc.ok);
    CHECK(esc.text ==
          std::string("a\"b\\c/d\b\f\n\r\t\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", 21) + std::string(1, '\0') + "z");
    CHECK(esc.escaped);

    const scanned empty = scan("\"");
    REQUIRE(empty.ok);
    CHECK(empty.text.empty());
    CHECK(empty.used == 1);
}

TEST_CASE("string_scan: refused strings")
{
    for (std::string_view bad : {"", "abc", "abc\\\"", "\x01\"", "a\x1f\"", "\\x\"", "\\u12\"", "\\u12g4\"",
                                 "\\ud800\"", "\\ud800\\u0041\"", "\\ud800x\"", "\\udc00\"", "\\\"", "\\"}) {
        INFO(bad);
        CHECK_FALSE(scan(bad).ok);
    }
}

TEST_CASE("string_scan: a special byte is found at every offset of the word-wide search")
{
    for (std::size_t at = 0; at < 24; ++at) {
        for (std::string_view special : {"\"", "\\n", "\x01", "\xC3\xA9", "\xFF"}) {
            std::string body(at, 'x');
            body += special;
            body += std::string(20, 'y');
            body += '"';
            INFO("offset " << at << " special byte " << int(static_cast<unsigned char>(special[0])));
            agree(body);
        }
    }
}

TEST_CASE("string_scan: agrees with Boost.JSON on every one- and two-byte string")
{
    for (int a = 0; a < 256; ++a) {
        agree(std::string{static_cast<char>(a), '"'});
        for (int b = 0; b < 256; ++b)
            agree(std::string{static_cast<char>(a), static_cast<char>(b), '"'});
    }
}

TEST_CASE("string_scan: agrees with Boost.JSON on three- and four-byte sequences")
{
    // Lead bytes E0-F7 with continuation candidates around 0x80-0xBF and the special seconds
    // (0xA0 after E0, 0x9F after ED, 0x90 after F0, 0x8F after F4).
    std::vector<int> seconds;
    for (int b = 0x70; b <= 0xC1; ++b)
        seconds.push_back(b);
    const std::vector<int> tails = {0x22, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0};
    for (int lead = 0xE0; lead <= 0xF7; ++lead) {
        for (int b : seconds) {
            for (int c : tails) {
                agree(std::string{static_cast<char>(lead), static_cast<char>(b), static_cast<char>(c), '"'});
                for (int d : tails)
                    agree(std::string{static_cast<char>(lead), static_cast<char>(b), static_cast<char>(c),
                                      static_cast<char>(d), '"'});
            }
        }
    }
}

TEST_CASE("string_scan: agrees with Boost.JSON on escapes")
{
    for (int c = 0x20; c < 0x80; ++c)
        agree(std::string{'\\', static_cast<char>(c), '"'});
    for (std::string_view u : {"0000", "001f", "0041", "007F", "0080", "07ff", "0800", "d7ff", "d800", "dbff", "dc00",
                               "dfff", "e000", "fffd", "FFFF"}) {
        agree("\\u" + std::string(u) + "\"");
        agree("\\ud83d\\u" + std::string(u) + "\"");
    }
}
