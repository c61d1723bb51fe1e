// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// chunk_scan, differentially: generated chunks (every member the scanner reads and some it does
// not, in any order, blanks, escapes, UTF-8, a few bad strings and numbers), generated streams
// (one chunk's members with a new string each time: the template path), and byte mutations of
// both. Every input goes through differential::feed (chunk_scan_harness.hpp): what the scanner
// accepts equals the full decoder's result, and decode() answers as the full decoder. Fixed
// seeds: a failure reproduces. OPENROUTER_FUZZ_ROUNDS=N runs N rounds, each with other seeds
// (round 0 is the default run).

#include "unit/json/chunk_scan_harness.hpp"

#include <cstdint>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

using namespace chunk_scan_test;

namespace {

class generator {
public:
    explicit generator(std::uint64_t seed) : rng_(seed) {}

    std::size_t pick(std::size_t n) { return static_cast<std::size_t>(rng_() % n); }
    bool chance(std::size_t percent) { return pick(100) < percent; }

    template <class T>
    const T& one_of(const std::vector<T>& v)
    {
        return v[pick(v.size())];
    }

    std::string blank()
    {
        static const std::vector<std::string> blanks = {" ", "\n", "\t", "\r\n", "  ", " \r "};
        return chance(8) ? one_of(blanks) : std::string();
    }

    // The text between a string's quotes.
    std::string string_body()
    {
        static const std::vector<std::string> good = {
            "a",
            "Z",
            " ",
            "The ",
            "0",
            "{",
            "}",
            "[",
            ":",
            ",",
            "'",
            "\\\"",
            "\\\\",
            "\\/",
            "\\b",
            "\\f",
            "\\n",
            "\\r",
            "\\t",
            "\\u0041",
            "\\u00e9",
            "\\u20AC",
            "\\ud83d\\ude00",
            "\\u0000",
            "\xC3\xA9",
            "\xE2\x82\xAC",
            "\xF0\x9F\x98\x80",
            "\xEF\xBF\xBD",
            "\x7F",
        };
        static const std::vector<std::string> bad = {
            "\x01",           "\x1F", "\\x",      "\\u12",        "\\ud800",          "\\udc00",
            "\\ud800\\u0041", "\xC3", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF",
            "\x80",
        };
        std::string s;
        for (std::size_t n = pick(9); n > 0; --n)
            s += chance(2) ? one_of(bad) : one_of(good);
        return s;
    }

    std::string string_value()
    {
        if (chance(8))
            return "null";
        return "\"" + string_body() + "\"";
    }

    std::string integer_value()
    {
        static const std::vector<std::string> odd = {"null",  "1.5", "-1", "01", "1e3", "0.0", "12345678901234567890",
                                                     "\"1\"", "true"};
        if (chance(6))
            return one_of(odd);
        std::string s = std::to_string(rng_() % 2000000000);
        if (chance(3))
            s = "123456789012345678";
        return s;
    }

    // An object of the given members, shuffled, with blanks; now and then a duplicate.
    std::string object(std::vector<std::string> members)
    {
        for (std::size_t i = members.size(); i > 1; --i)
            std::swap(members[i - 1], members[pick(i)]);
        if (!members.empty() && chance(2))
            members.push_back(members[pick(members.size())]);
        std::string s = "{" + blank();
        for (std::size_t i = 0; i < members.size(); ++i) {
            if (i > 0)
                s += blank() + "," + blank();
            s += members[i];
        }
        return s + blank() + "}";
    }

    std::string member(const char* key, const std::string& value)
    {
        return "\"" + std::string(key) + "\"" + blank() + ":" + blank() + value;
    }

    std::string delta()
    {
        std::vector<std::string> m;
        if (chance(50))
            m.push_back(member("role", chance(90) ? "\"assistant\"" : string_value()));
        if (chance(90))
            m.push_back(member("content", string_value()));
        if (chance(20))
            m.push_back(member("reasoning", string_value()));
        if (chance(5))
            m.push_back(member("refusal", string_value()));
        if (chance(2))
            m.push_back(member("tool_calls", R"([{"index":0,"function":{"arguments":"{}"}}])"));
        if (chance(2))
            m.push_back(member("x_unknown", "1"));
        return object(std::move(m));
    }

    std::string choice()
    {
        std::vector<std::string> m;
        if (chance(90))
            m.push_back(member("index", integer_value()));
        if (chance(95))
            m.push_back(member("delta", chance(3) ? "null" : delta()));
        if (chance(70))
            m.push_back(member("finish_reason", chance(80) ? "null" : string_value()));
        if (chance(50))
            m.push_back(member("native_finish_reason", chance(80) ? "null" : string_value()));
        if (chance(50))
            m.push_back(member("logprobs", chance(95) ? "null" : R"({"content":[]})"));
        if (chance(5))
            m.push_back(member("text", string_value()));  // legacy /completions
        return object(std::move(m));
    }

    std::string choices()
    {
        std::string s = "[" + blank();
        const std::size_t n = chance(10) ? 0 : chance(10) ? 2 : 1;
        for (std::size_t i = 0; i < n; ++i) {
            if (i > 0)
                s += blank() + "," + blank();
            s += choice();
        }
        return s + blank() + "]";
    }

    std::string chunk()
    {
        std::vector<std::string> m;
        if (chance(90))
            m.push_back(member("id", string_value()));
        if (chance(70))
            m.push_back(member("provider", string_value()));
        if (chance(90))
            m.push_back(member("model", string_value()));
        if (chance(70))
            m.push_back(member("object", "\"chat.completion.chunk\""));
        if (chance(80))
            m.push_back(member("created", integer_value()));
        if (chance(50))
            m.push_back(member("system_fingerprint", string_value()));
        if (chance(95))
            m.push_back(member("choices", choices()));
        if (chance(3))
            m.push_back(member("usage", R"({"prompt_tokens":1,"completion_tokens":2,"total_tokens":3})"));
        if (chance(2))
            m.push_back(member("error", R"({"code":500,"message":"x"})"));
        return blank() + object(std::move(m)) + blank();
    }

    // One byte changed, inserted or removed, the input cut, or a slice doubled.
    std::string mutate(std::string s)
    {
        static const std::string interesting = "\"\\{}[],: 019.e-nu\x01\x1F\x7F\x80\xC0\xC3\xE0\xED\xF4\xFF";
        if (s.empty())
            return s;
        const std::size_t at = pick(s.size());
        const char c = chance(70) ? interesting[pick(interesting.size())] : static_cast<char>(rng_());
        switch (pick(5)) {
        case 0: s[at] = c; break;
        case 1: s.insert(at, 1, c); break;
        case 2: s.erase(at, 1); break;
        case 3: s.resize(at); break;
        default: {
            const std::size_t n = 1 + pick(8);
            s.insert(at, s.substr(at, n));
            break;
        }
        }
        return s;
    }

private:
    std::mt19937_64 rng_;
};

std::uint64_t rounds()
{
    const char* v = std::getenv("OPENROUTER_FUZZ_ROUNDS");
    const std::uint64_t n = v != nullptr ? std::strtoull(v, nullptr, 10) : 1;
    return n == 0 ? 1 : n;
}

}  // namespace

TEST_CASE("chunk_scan fuzz: generated chunks")
{
    for (std::uint64_t round = 0; round < rounds(); ++round) {
        generator g(0x5eed0001 + (round << 8));
        differential diff;
        for (int i = 0; i < 6000; ++i)
            diff.feed(g.chunk());
        // The generator reaches every path; a scanner that gave up on everything would fail here.
        CHECK(diff.scans > 1000);
        CHECK(diff.fulls > 1000);
        CHECK(diff.full_ok > diff.scans + diff.repeats);
    }
}

TEST_CASE("chunk_scan fuzz: generated streams take the template")
{
    for (std::uint64_t round = 0; round < rounds(); ++round) {
        generator g(0x5eed0002 + (round << 8));
        differential diff;
        for (int stream = 0; stream < 300; ++stream) {
            // One chunk's members, then chunks that differ in the content (or reasoning) string.
            const bool reasoning = g.chance(20);
            const std::string head = "{" + g.member("id", "\"gen-" + std::to_string(stream) + "\"") + "," +
                                     g.member("model", "\"m\"") + ",\"choices\":[{\"index\":0,\"delta\":{" +
                                     (reasoning ? "\"content\":\"\",\"reasoning\":\"" : "\"content\":\"");
            const std::string tail = "\"}" + g.blank() + ",\"finish_reason\":null}]" + g.blank() + "}";
            for (int i = 0; i < 20; ++i)
                diff.feed(head + g.string_body() + tail);
            diff.feed(head + tail);
        }
        CHECK(diff.repeats > 4000);
        CHECK(diff.scans >= 300);
        CHECK(diff.fulls > 100);  // the generator's bad strings
    }
}

TEST_CASE("chunk_scan fuzz: mutated chunks after their original")
{
    for (std::uint64_t round = 0; round < rounds(); ++round) {
        generator g(0x5eed0003 + (round << 8));
        differential diff;
        std::size_t took_mutant = 0;
        for (int i = 0; i < 8000; ++i) {
            const std::string original = i % 2 == 0 ? g.chunk() : rig_chunk(g.string_body());
            diff.feed(original);  // the template, when it qualifies
            std::string mutant = g.mutate(original);
            if (g.chance(30))
                mutant = g.mutate(mutant);
            if (diff.feed(mutant) != path::full)
                ++took_mutant;
        }
        CHECK(took_mutant > 500);  // 734 with this seed: mutations inside strings, blanks, digits
        CHECK(diff.repeats > 1000);
        CHECK(diff.fulls > 4000);
    }
}
