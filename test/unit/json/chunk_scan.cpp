// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// chunk_scan: the fast path of the chunk decoder. What it accepts (and that it equals the full
// decoder there), what it gives up on (and that decode() then answers as the full decoder), and
// the template of repeated chunks. chunk_scan_fuzz.cpp feeds it generated and mutated chunks.

#include "unit/json/chunk_scan_harness.hpp"

#include <string>
#include <vector>

using namespace chunk_scan_test;
using namespace std::string_literals;

TEST_CASE("chunk_scan: the rig's chunk is scanned and its fields are those of the full decoder")
{
    chunk_scanner s;
    std::vector<chat_delta> out;
    REQUIRE(s.decode(rig_chunk("The "), out));
    REQUIRE(out.size() == 1);
    const chat_delta& d = out[0];
    CHECK(d.id == "gen-1750000000-Bq7hXk2mZr9TnYw4Lp3s");
    CHECK(d.provider == "OpenAI");
    CHECK(d.model == "openai/gpt-4o-mini");
    CHECK(d.created == 1750000000);
    CHECK(d.system_fingerprint == "fp_bench01");
    CHECK(d.choice_index == 0);
    CHECK(d.role == "assistant");
    CHECK(d.content == "The ");
    CHECK_FALSE(d.finish_reason);
    CHECK_FALSE(d.native_finish_reason);

    differential diff;
    CHECK(diff.feed(rig_chunk("The ")) == path::scan);
}

TEST_CASE("chunk_scan: common shapes are scanned and equal the full decoder")
{
    const std::vector<std::string> shapes = {
        // The OpenAPI ChatStreamChunk example, keys in another order.
        R"({"choices":[{"delta":{"content":"Hello","role":"assistant"},"finish_reason":null,"index":0}],)"
        R"("created":1677652288,"id":"chatcmpl-123","model":"openai/gpt-4","object":"chat.completion.chunk"})",
        // The last chunk of a choice.
        rig_chunk("", R"("stop")"),
        // Two choices.
        R"({"id":"g","model":"m","choices":[{"index":0,"delta":{"content":"a"}},{"index":1,"delta":{"content":"b"}}]})",
        // Reasoning and refusal strings; null members.
        R"({"id":"g","choices":[{"index":0,"delta":{"reasoning":"hmm","content":null,"refusal":"no","role":null}}]})",
        R"({"id":null,"model":null,"provider":null,"created":null,"system_fingerprint":null,)"
        R"("choices":[{"index":null,"delta":null,"finish_reason":null,"native_finish_reason":null,"logprobs":null}]})",
        // Empty objects and arrays.
        R"({})",
        R"({"choices":[]})",
        R"({"choices":[{}]})",
        R"({"choices":[{"delta":{}}]})",
        // Blanks wherever JSON allows them.
        " \t\r\n{ \"id\" : \"g\" ,\n \"choices\" : [ { \"index\" : 2 , \"delta\" : { \"content\" : \"x\" } } ] }\r\n ",
        // Escapes and UTF-8 in strings.
        R"({"choices":[{"delta":{"content":"a\"b\\c\/d\b\f\n\r\t\u00e9\u20AC\ud83d\ude00"}}]})",
        "{\"choices\":[{\"delta\":{\"content\":\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xEF\xBF\xBF\xF4\x8F\xBF\xBF\"}}]"
        "}",
        R"({"id":"\u0067en","model":"\"q\"","choices":[{"delta":{"content":"\\"}}]})",
        // Legacy /completions chunks: the choice's text is the content.
        R"({"id":"cmpl-1","object":"text_completion","created":1,"model":"m","choices":[{"index":0,"text":"Hi",)"
        R"("finish_reason":null,"logprobs":null}]})",
        // Integers: zero, 18 digits.
        R"({"created":0,"choices":[{"index":123456789012345678}]})",
    };
    differential diff;
    for (const auto& s : shapes) {
        INFO(s);
        CHECK(diff.feed(s) != path::full);
    }
    CHECK(diff.fulls == 0);
}

TEST_CASE("chunk_scan: it gives up on anything else and decode() answers as the full decoder")
{
    const std::vector<std::string> others = {
        // Members it does not read: usage, tool calls, an error, unknown keys, other members.
        R"({"id":"g","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}})",
        R"({"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{"}}]}}]})",
        R"({"error":{"code":502,"message":"down"},"choices":[{"finish_reason":"error","delta":{"content":""}}]})",
        R"({"id":"g","service_tier":"default","choices":[]})",
        R"({"choices":[{"delta":{"content":"a","x_custom":1}}]})",
        R"({"choices":[{"message":{"content":"a"}}]})",
        R"({"choices":[{"text":"a","delta":{"content":"b"}}]})",  // text and content: both fill content
        R"({"choices":[{"delta":{"content":"b"},"text":null}]})",
        R"({"choices":[{"logprobs":{"content":[]}}]})",
        // Duplicate keys, escaped keys.
        R"({"id":"a","id":"b"})",
        R"({"choices":[{"delta":{"content":"a","content":"b"}}]})",
        R"({"\u0069d":"g"})",
        // Numbers it does not read (the full decoder is lenient about some).
        R"({"created":1.7e9})",
        R"({"created":1700000000.0})",
        R"({"created":-1})",
        R"({"created":01})",
        R"({"created":1234567890123456789})",
        R"({"choices":[{"index":1E2}]})",
        // Wrong types.
        R"({"id":1})",
        R"({"choices":{}})",
        R"({"choices":[1]})",
        R"({"choices":null})",
        R"({"choices":[{"delta":"x"}]})",
        R"({"object":{"a":1}})",
        R"({"created":"1"})",
        R"({"id":true})",
        // Invalid JSON.
        "",
        " ",
        "[]",
        "null",
        R"({"id":"g")",
        R"({"id":"g"},)",
        R"({"id":"g"} x)",
        R"({"id":"g",})",
        R"({"choices":[{},]})",
        R"({"id" "g"})",
        R"({"id":"g" "model":"m"})",
        R"({"id":nul})",
        R"({id:"g"})",
        // Bad strings: control characters, bad escapes, lone surrogates, invalid UTF-8.
        "{\"id\":\"a\tb\"}",
        "{\"id\":\"a\x01\"}",
        R"({"id":"\x41"})",
        R"({"id":"\u12"})",
        R"({"id":"\uZZZZ"})",
        R"({"id":"\ud800"})",
        R"({"id":"\ud800x"})",
        R"({"id":"\ud800\u0041"})",
        R"({"id":"\udc00"})",
        "{\"id\":\"\xC0\xAF\"}",
        "{\"id\":\"\xC1\xBF\"}",
        "{\"id\":\"\xE0\x80\xAF\"}",
        "{\"id\":\"\xED\xA0\x80\"}",
        "{\"id\":\"\xF0\x80\x80\xAF\"}",
        "{\"id\":\"\xF4\x90\x80\x80\"}",
        "{\"id\":\"\xF5\x80\x80\x80\"}",
        "{\"id\":\"\xFF\"}",
        "{\"id\":\"\x80\"}",
        "{\"id\":\"\xC3\"}",
        "{\"id\":\"\xE2\x82\"}",
        "{\"id\":\"\xC3",
        // Cut anywhere.
        R"({"choices":[{"delta":{"content":"abc)",
        R"({"choices":[{"delta":{"content":"abc"})",
        R"({"created":17)",
        R"({"id":"g\)",
    };
    differential diff;
    for (const auto& s : others) {
        INFO(s);
        CHECK(diff.feed(s) == path::full);
    }
    CHECK(diff.scans == 0);
    CHECK(diff.repeats == 0);
    CHECK(diff.full_ok >= 10);  // some of these are valid chunks the full decoder reads
}

TEST_CASE("chunk_scan: a repeated chunk takes the template and a changed one is scanned")
{
    differential diff;
    CHECK(diff.feed(rig_chunk("The ")) == path::scan);
    CHECK(diff.feed(rig_chunk("quic")) == path::repeat);
    CHECK(diff.feed(rig_chunk("")) == path::repeat);
    CHECK(diff.feed(rig_chunk(R"(say \"hi\"\n\u00e9)")) == path::repeat);
    CHECK(diff.feed(rig_chunk("\xF0\x9F\x98\x80 longer than the template's string, by far")) == path::repeat);
    // The finish chunk differs after the string: scanned, and then the template.
    CHECK(diff.feed(rig_chunk("", R"("stop")")) == path::scan);
    CHECK(diff.feed(rig_chunk("x", R"("stop")")) == path::repeat);
    // A different id (before the string) is scanned.
    std::string other = rig_chunk("x", R"("stop")");
    other.replace(other.find("Bq7h"), 4, "ZZZZ");
    CHECK(diff.feed(other) == path::scan);
    CHECK(diff.repeats == 5);
}

TEST_CASE("chunk_scan: the template never takes a string that changes the document's structure")
{
    differential diff;
    REQUIRE(diff.feed(rig_chunk("ab")) == path::scan);
    // The same bytes before the string, but a quote ends the string early and the rest is a new
    // member. The full decoder reads it (the unknown key goes to `extra`); the template must
    // not take it, and the scanner does not know the key.
    CHECK(diff.feed(rig_chunk(R"(a","x_new":"b)")) == path::full);
    REQUIRE(diff.feed(rig_chunk("ab")) == path::repeat);  // the template is still that chunk
    // Invalid strings at the template's place.
    for (const std::string& bad : {"a\x01"s, R"(\q)"s, R"(\ud800)"s, "\xC3"s, "\xED\xA0\x80"s, R"(a\)"s}) {
        INFO(bad);
        CHECK(diff.feed(rig_chunk(bad)) == path::full);
    }
    // Cut inside or right after the string; one byte more or less after it.
    const std::string whole = rig_chunk("cd");
    for (std::size_t n : {whole.find("cd") + 1, whole.find("cd") + 3, whole.size() - 1})
        CHECK(diff.feed(std::string_view(whole).substr(0, n)) == path::full);
    CHECK(diff.feed(whole + " ") == path::scan);  // valid (blank after), scanned: not the template's suffix
    CHECK(diff.feed(whole + "}") == path::full);
}

TEST_CASE("chunk_scan: reasoning streams use the reasoning string as the template's string")
{
    auto chunk = [](std::string_view reasoning) {
        return R"({"id":"g","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"","reasoning":")" +
               std::string(reasoning) + R"("},"finish_reason":null}]})";
    };
    differential diff;
    CHECK(diff.feed(chunk("Let")) == path::scan);
    CHECK(diff.feed(chunk(" me")) == path::repeat);
    CHECK(diff.feed(chunk(" think")) == path::repeat);
    // Then content starts (reasoning empty): the content string becomes the template's.
    const std::string content_chunk =
        R"({"id":"g","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"A","reasoning":""},"finish_reason":null}]})";
    CHECK(diff.feed(content_chunk) == path::scan);
    std::string next = content_chunk;
    next.replace(next.find(R"("A")"), 3, R"("Bc")");
    CHECK(diff.feed(next) == path::repeat);
}

TEST_CASE("chunk_scan: chunks with several choices or no string make no template")
{
    differential diff;
    const std::string two =
        R"({"id":"g","choices":[{"index":0,"delta":{"content":"a"}},{"index":1,"delta":{"content":"b"}}]})";
    CHECK(diff.feed(two) == path::scan);
    CHECK(diff.feed(two) == path::scan);
    const std::string none = R"({"id":"g","choices":[{"index":0,"delta":{"role":"assistant"}}]})";
    CHECK(diff.feed(none) == path::scan);
    CHECK(diff.feed(none) == path::scan);
    // reset() forgets the template.
    CHECK(diff.feed(rig_chunk("a")) == path::scan);
    diff.scanner.reset();
    CHECK(diff.feed(rig_chunk("a")) == path::scan);
    CHECK(diff.feed(rig_chunk("a")) == path::repeat);
}

TEST_CASE("chunk_scan: an invalid or error chunk between repeats leaves the template usable")
{
    differential diff;
    CHECK(diff.feed(rig_chunk("a")) == path::scan);
    CHECK(diff.feed("{not json") == path::full);
    CHECK(diff.feed(R"({"error":{"code":500,"message":"x"}})") == path::full);
    CHECK(diff.feed(rig_chunk("b")) == path::repeat);
}

TEST_CASE("chunk_scan: a new template keeps nothing of the one before")
{
    differential diff;
    // A template with every member the scanner reads set...
    const std::string full =
        R"({"id":"g1","provider":"P","model":"m1","created":7,"system_fingerprint":"fp","choices":[{"index":3,)"
        R"("delta":{"role":"assistant","refusal":"r","reasoning":"why","content":"a"},"finish_reason":"stop",)"
        R"("native_finish_reason":"end","logprobs":null}]})";
    CHECK(diff.feed(full) == path::scan);
    // ...then one with none of them: its repeats must not inherit any.
    CHECK(diff.feed(R"({"choices":[{"delta":{"content":"x"}}]})") == path::scan);
    CHECK(diff.feed(R"({"choices":[{"delta":{"content":"y"}}]})") == path::repeat);
}

TEST_CASE("chunk_scan: a large event is scanned but never kept as the template")
{
    differential diff;
    const std::string big(chunk_scanner::max_template_bytes, 'x');
    CHECK(diff.feed(rig_chunk(big)) == path::scan);
    CHECK(diff.feed(rig_chunk(big)) == path::scan);
    CHECK(diff.feed(rig_chunk("small")) == path::scan);
    CHECK(diff.feed(rig_chunk(big)) == path::repeat);  // a small template takes a large string
}

TEST_CASE("chunk_scan: legacy completion streams take the template on their text")
{
    auto chunk = [](std::string_view text) {
        return R"({"id":"cmpl-1","object":"text_completion","created":1,"model":"m","choices":[{"index":0,"text":")" +
               std::string(text) + R"(","finish_reason":null,"logprobs":null}]})";
    };
    differential diff;
    CHECK(diff.feed(chunk("Once")) == path::scan);
    CHECK(diff.feed(chunk(" upon")) == path::repeat);
    CHECK(diff.feed(chunk(R"( a \"time\")")) == path::repeat);
}
