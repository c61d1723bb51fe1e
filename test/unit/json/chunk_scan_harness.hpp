// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Differential harness for the chunk scanner (lib/json/chunk_scan.hpp): every input goes to the
// scanner and to the full decoder alone (chunk_decoder::decode_full), and to chunk_decoder::decode
// (scanner, then full decoder); the scanner may give up, but what it accepts must equal the full
// decoder's deltas, and decode() must always answer what decode_full() answers.
#ifndef OPENROUTER_TEST_UNIT_CHUNK_SCAN_HARNESS_HPP
#define OPENROUTER_TEST_UNIT_CHUNK_SCAN_HARNESS_HPP

#include "json/chunk_decoder.hpp"
#include "json/chunk_scan.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace chunk_scan_test {

using openrouter::chat_delta;
using openrouter::detail::chunk_decoder;
using openrouter::detail::chunk_scanner;

// How an input was taken.
enum class path { repeat, scan, full };

struct differential {
    chunk_scanner scanner;   // the scanner alone, with its template state
    chunk_decoder full;      // the full decoder alone (decode_full)
    chunk_decoder combined;  // decode(): scanner first, as the stream uses it
    std::size_t repeats = 0, scans = 0, fulls = 0, full_ok = 0;

    // Feeds one input to all three; checks the scanner against the full decoder. Returns how the
    // scanner took it.
    path feed(std::string_view data)
    {
        std::vector<chat_delta> want;
        want.emplace_back();  // deltas are appended after what the vector holds
        const auto r = full.decode_full(data, want);
        if (r == chunk_decoder::result::ok)
            ++full_ok;

        std::vector<chat_delta> got(1);
        path taken = path::full;
        if (scanner.decode_repeat(data, got))
            taken = path::repeat;
        else if (scanner.decode(data, got))
            taken = path::scan;
        if (taken == path::full) {
            ++fulls;
            CHECK(got.size() == 1);
        } else {
            ++(taken == path::repeat ? repeats : scans);
            INFO("input: " << data);
            REQUIRE(r == chunk_decoder::result::ok);
            REQUIRE(got.size() == want.size());
            for (std::size_t i = 0; i < got.size(); ++i)
                REQUIRE(got[i] == want[i]);
        }

        std::vector<chat_delta> both(1);
        const auto rc = combined.decode(data, both);
        INFO("input: " << data);
        REQUIRE(rc == r);
        REQUIRE(both.size() == want.size());
        for (std::size_t i = 0; i < both.size(); ++i)
            REQUIRE(both[i] == want[i]);
        if (r == chunk_decoder::result::invalid)
            REQUIRE(combined.why() == full.why());
        return taken;
    }
};

// The chunk the rig's server sends (../shared/rig/README.md), with a content string.
inline std::string rig_chunk(std::string_view content, std::string_view finish = "null")
{
    std::string s = R"({"id":"gen-1750000000-Bq7hXk2mZr9TnYw4Lp3s","provider":"OpenAI","model":"openai/gpt-4o-mini",)"
                    R"("object":"chat.completion.chunk","created":1750000000,"choices":[{"index":0,"delta":)"
                    R"({"role":"assistant","content":")";
    s += content;
    s += R"("},"finish_reason":)";
    s += finish;
    s += R"(,"native_finish_reason":)";
    s += finish;
    s += R"(,"logprobs":null}],"system_fingerprint":"fp_bench01"})";
    return s;
}

}  // namespace chunk_scan_test

#endif
