// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
//
// The SSE decoder against a reference model: a direct, slow transcription of the WHATWG steps
// over the whole input at once (data buffer with a trailing LF per line, as the spec words it).
// Random streams built from the tokens that matter (fields, colons, spaces, CR/LF, BOM, NUL,
// multi-byte UTF-8) are decoded in random pieces and compared with the model. Also checks the
// line-end scans against a byte loop.
#include "sansio/sse_scan.hpp"
#include "unit/sansio/sse_harness.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

using namespace std::string_literals;
using namespace sse_test;
using openrouter::errc;

namespace {

std::optional<std::uint64_t> model_retry(std::string_view v)
{
    if (v.empty())
        return std::nullopt;
    std::uint64_t n = 0;
    for (char c : v) {
        if (c < '0' || c > '9')
            return std::nullopt;
        const auto d = static_cast<std::uint64_t>(c - '0');
        if (n > (UINT64_MAX - d) / 10)
            return std::nullopt;
        n = n * 10 + d;
    }
    return n;
}

outcome model(std::string_view s, std::size_t max_event_bytes)
{
    outcome o;
    if (s.substr(0, 3) == "\xEF\xBB\xBF")
        s.remove_prefix(3);
    std::string data, type, id_buf;
    std::optional<std::uint64_t> block_retry;
    // The data size the limit counts: the data joined with LF, without the spec's trailing LF.
    auto data_size = [&] { return data.empty() ? 0 : data.size() - 1; };
    std::size_t i = 0;
    while (i < s.size()) {
        const auto j = s.find_first_of("\r\n", i);
        if (j == std::string_view::npos) {
            // An unterminated line at the end: discarded, but still bound by the limit.
            if (s.size() - i + data_size() > max_event_bytes) {
                o.items.push_back(failure(errc::event_too_large));
                o.end = errc::event_too_large;
                return o;
            }
            o.end = errc::stream_truncated;
            break;
        }
        const std::string_view line = s.substr(i, j - i);
        i = (s[j] == '\r' && j + 1 < s.size() && s[j + 1] == '\n') ? j + 2 : j + 1;
        if (line.size() + data_size() > max_event_bytes) {
            o.items.push_back(failure(errc::event_too_large));
            o.end = errc::event_too_large;
            return o;
        }
        if (line.empty()) {
            o.last_id = id_buf;
            if (data.empty()) {
                type.clear();
                block_retry.reset();
                continue;
            }
            data.pop_back();
            record r = ev(data).with_type(type).with_id(o.last_id);
            r.retry = block_retry;
            o.items.push_back(std::move(r));
            data.clear();
            type.clear();
            block_retry.reset();
            continue;
        }
        if (line[0] == ':') {
            std::string_view text = line.substr(1);
            if (!text.empty() && text[0] == ' ')
                text.remove_prefix(1);
            o.items.push_back(comment(std::string(text)));
            continue;
        }
        std::string_view name = line, value;
        if (const auto c = line.find(':'); c != std::string_view::npos) {
            name = line.substr(0, c);
            value = line.substr(c + 1);
            if (!value.empty() && value[0] == ' ')
                value.remove_prefix(1);
        }
        if (name == "event") {
            type = value;
        } else if (name == "data") {
            (data += value) += '\n';
        } else if (name == "id") {
            if (value.find('\0') == std::string_view::npos)
                id_buf = value;
        } else if (name == "retry") {
            if (auto r = model_retry(value)) {
                o.reconnection = r;
                block_retry = r;
            }
        }
    }
    if (!data.empty())
        o.end = errc::stream_truncated;
    return o;
}

const std::vector<std::string>& tokens()
{
    static const std::vector<std::string> t = {
        "data",
        "data:",
        "data: ",
        "data:  ",
        "event",
        "event:",
        "event: x",
        "event: ",
        "id",
        "id:",
        "id: 7",
        "id: a\0b"s,
        "retry",
        "retry: 12",
        "retry:3",
        "retry: 1x",
        "retry: 99999999999999999999",
        ":",
        ": c",
        "foo",
        "dat",
        "a",
        ":",
        " ",
        "x",
        "yz",
        "\xC3\xA9",
        "\xE2\x82\xAC",
        "\xEF\xBB\xBF",
        "\xEF",
        "\n",
        "\n",
        "\n",
        "\r",
        "\r\n",
        "\r\n",
        "\n\n",
        "\0"s,
        "0123456789",
    };
    return t;
}

std::string random_stream(std::mt19937& rng)
{
    std::uniform_int_distribution<std::size_t> count(0, 40);
    std::uniform_int_distribution<std::size_t> pick(0, tokens().size() - 1);
    std::string s;
    // Often start with a (partial) BOM: the BOM rules only apply at the start.
    if (rng() % 3 == 0)
        s += std::string("\xEF\xBB\xBF").substr(0, 1 + rng() % 3);
    for (std::size_t n = count(rng); n > 0; --n)
        s += tokens()[pick(rng)];
    return s;
}

std::vector<std::string> random_pieces(std::string_view s, std::mt19937& rng)
{
    std::vector<std::string> v;
    const std::size_t max_piece = 1 + rng() % 12;
    while (!s.empty()) {
        const std::size_t n = std::min<std::size_t>(s.size(), rng() % (max_piece + 1));  // may be 0
        v.emplace_back(s.substr(0, n));
        s.remove_prefix(n);
    }
    return v;
}

}  // namespace

TEST_CASE("sse: random streams in random pieces agree with the reference model")
{
    std::mt19937 rng(20240601);
    int mismatches = 0;
    for (int round = 0; round < 4000 && mismatches < 5; ++round) {
        const std::string s = random_stream(rng);
        decoder_options opts;
        if (round % 4 == 0)
            opts.max_event_bytes = 4 + rng() % 40;
        const auto expected = model(s, opts.max_event_bytes);
        for (const auto& pieces : {std::vector<std::string>{s}, bytewise(s), random_pieces(s, rng)}) {
            const auto got = decode(pieces, opts);
            if (!(got == expected)) {
                ++mismatches;
                INFO("round " << round << " limit " << opts.max_event_bytes << " input \"" << escaped(s) << '"');
                CHECK(got == expected);
                break;
            }
        }
    }
    CHECK(mismatches == 0);
}

TEST_CASE("sse: line-end scans agree with a byte loop")
{
    namespace d = openrouter::sse::detail;
    std::mt19937 rng(7);
    std::string buf(300, 'a');
    for (int round = 0; round < 20000; ++round) {
        for (auto& c : buf) {
            const auto r = rng() % 64;
            c = r == 0 ? '\n' : r == 1 ? '\r' : static_cast<char>(r == 2 ? 0x8a : r == 3 ? 0x8d : 'a' + r % 26);
        }
        const auto from = rng() % buf.size();
        const auto to = from + rng() % (buf.size() - from + 1);
        const char* first = buf.data() + from;
        const char* last = buf.data() + to;
        const char* want = d::find_eol_bytewise(first, last);
        const char* swar = d::find_eol_swar(first, last);
        const char* used = d::find_eol(first, last);
#if defined(OPENROUTER_SSE_AVX2_DISPATCH)
        if (d::has_avx2 && d::find_eol_avx2(first, last) != want)
            used = nullptr;
#endif
        if (swar != want || used != want) {
            INFO("round " << round << " range [" << from << ", " << to << ")");
            CHECK(swar - buf.data() == want - buf.data());
            CHECK(used == want);
            break;
        }
    }
    // The hit at every offset of a 160-byte run, seen by every implementation.
    for (std::size_t at = 0; at <= 160; ++at) {
        std::string s(160, 'q');
        if (at < s.size())
            s[at] = at % 2 != 0 ? '\r' : '\n';
        const char* first = s.data();
        const char* last = s.data() + s.size();
        const auto want = static_cast<std::ptrdiff_t>(at);
        CHECK(d::find_eol_swar(first, last) - first == want);
        CHECK(d::find_eol(first, last) - first == want);
#if defined(__SSE2__)
        CHECK(d::find_eol_sse2(first, last) - first == want);
#endif
#if defined(OPENROUTER_SSE_AVX2_DISPATCH)
        if (d::has_avx2)
            CHECK(d::find_eol_avx2(first, last) - first == want);
#endif
    }
    const std::string none(100, 'z');
    CHECK(d::find_eol(none.data(), none.data() + none.size()) == none.data() + none.size());
    CHECK(d::find_eol(none.data(), none.data()) == none.data());
}
