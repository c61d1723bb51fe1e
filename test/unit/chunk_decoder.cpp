// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// chunk_decoder: the SAX decoder of one `chat.completion.chunk` event into chat_deltas. Every
// member of a delta, several choices per chunk, the usage-only chunk, null members, escapes
// and strings delivered in parts, the in-band error chunk, wrong shapes rejected without
// appending anything, lenient integers, and reuse of one decoder across many events.
//
// Fixtures copy the shapes OpenRouter sends (docs: api-reference streaming and usage
// accounting; OpenAPI ChatStreamChunk; test/emulator/replies.cpp render_stream).

#include "json/chunk_decoder.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/storage_ptr.hpp>
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

using namespace openrouter;
using openrouter::detail::chunk_decoder;
namespace json = boost::json;

namespace Catch {
template <>
struct StringMaker<chunk_decoder::result> {
    static std::string convert(chunk_decoder::result r)
    {
        switch (r) {
        case chunk_decoder::result::ok:
            return "ok";
        case chunk_decoder::result::error_chunk:
            return "error_chunk";
        case chunk_decoder::result::invalid:
            return "invalid";
        }
        return "?";
    }
};
}  // namespace Catch

namespace {

using result = chunk_decoder::result;

struct decoded {
    result r = result::ok;
    std::vector<chat_delta> deltas;
    std::string why;
};

decoded decode(chunk_decoder& dec, std::string_view data)
{
    decoded d;
    d.r = dec.decode(data, d.deltas);
    if (d.r == result::invalid)
        d.why = dec.why();
    return d;
}

decoded decode(std::string_view data)
{
    chunk_decoder dec;
    return decode(dec, data);
}

json::object obj(std::string_view text)
{
    return json::parse(text).as_object();
}

// The storage every captured value must end up in: the default resource, never the decoder's
// per-event buffer (released before the next event).
bool owns_memory(const json::object& o)
{
    return o.storage().get() == json::storage_ptr().get();
}

// A chunk with every member of a delta set (chunk, choice and delta level), unknown keys at
// each level. Shapes: OpenAPI ChatStreamChunk / ChatStreamChoice / ChatStreamDelta.
constexpr const char* full_chunk = R"({
  "id": "gen-1700000000-abc",
  "provider": "OpenAI",
  "model": "openai/gpt-4o",
  "object": "chat.completion.chunk",
  "created": 1700000000,
  "system_fingerprint": "fp_44709d6fcb",
  "service_tier": "default",
  "x_top_level": {"ignored": [1, 2, {"deep": true}]},
  "choices": [{
    "index": 0,
    "delta": {
      "role": "assistant",
      "content": "Hello",
      "reasoning": "Thinking",
      "refusal": "no",
      "reasoning_details": [
        {"type": "reasoning.text", "text": "Thinking", "format": "anthropic-claude-v1", "index": 0,
         "signature": null},
        {"type": "reasoning.encrypted", "data": "ZW5j", "id": "rs_1", "format": "openai-responses-v1",
         "index": 1}],
      "tool_calls": [{"index": 0, "id": "call_1", "type": "function",
                      "function": {"name": "get_weather", "arguments": ""}}],
      "annotations": [{"type": "url_citation", "url_citation": {"url": "https://www.example.com/r",
                       "title": "Result", "content": "Body", "start_index": 1, "end_index": 5}}],
      "images": [{"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}}],
      "audio": {"id": "audio_1", "transcript": "hi"},
      "x_delta_flag": true
    },
    "finish_reason": "tool_calls",
    "native_finish_reason": "tool_use",
    "logprobs": {"content": [{"token": "Hello", "logprob": -0.25, "bytes": [72, 101, 108, 108, 111],
                              "top_logprobs": [{"token": "Hello", "logprob": -0.25, "bytes": null}]}],
                 "refusal": null},
    "x_choice_note": "kept"
  }],
  "usage": {"prompt_tokens": 194, "completion_tokens": 2, "total_tokens": 196, "cost": 0.95,
            "is_byok": false, "prompt_tokens_details": {"cached_tokens": 0},
            "completion_tokens_details": {"reasoning_tokens": 0}}
})";

chat_delta full_chunk_expected()
{
    chat_delta d;
    d.id = "gen-1700000000-abc";
    d.model = "openai/gpt-4o";
    d.provider = "OpenAI";
    d.created = 1700000000;
    d.system_fingerprint = "fp_44709d6fcb";

    usage u;
    u.prompt_tokens = 194;
    u.completion_tokens = 2;
    u.total_tokens = 196;
    u.cost = 0.95;
    u.is_byok = false;
    u.prompt_tokens_details.emplace().cached_tokens = 0;
    u.completion_tokens_details.emplace().reasoning_tokens = 0;
    d.usage = u;

    d.choice_index = 0;
    d.role = "assistant";
    d.content = "Hello";
    d.reasoning = "Thinking";
    d.refusal = "no";

    reasoning_detail r0;
    r0.type = "reasoning.text";
    r0.text = "Thinking";
    r0.format = "anthropic-claude-v1";
    r0.index = 0;
    r0.signature = nullptr;
    reasoning_detail r1;
    r1.type = "reasoning.encrypted";
    r1.data = "ZW5j";
    r1.id = "rs_1";
    r1.format = "openai-responses-v1";
    r1.index = 1;
    d.reasoning_details = {r0, r1};

    d.tool_calls = {tool_call_delta{0, "call_1", "function", "get_weather", ""}};

    annotation a;
    a.type = "url_citation";
    auto& cit = a.url_citation.emplace();
    cit.url = "https://www.example.com/r";
    cit.title = "Result";
    cit.content = "Body";
    cit.start_index = 1;
    cit.end_index = 5;
    d.annotations = {a};

    generated_image img;
    img.type = "image_url";
    img.url = "data:image/png;base64,iVBORw0KGgo=";
    d.images = {img};

    d.finish_reason = "tool_calls";
    d.native_finish_reason = "tool_use";

    token_logprob t;
    t.token = "Hello";
    t.logprob = -0.25;
    t.bytes = std::vector<std::int64_t>{72, 101, 108, 108, 111};
    top_logprob top;
    top.token = "Hello";
    top.logprob = -0.25;
    top.bytes = nullptr;
    t.top_logprobs = {top};
    choice_logprobs lp;
    lp.content = std::vector<token_logprob>{t};
    lp.refusal = nullptr;
    d.logprobs = lp;

    d.extra = obj(R"({"audio": {"id": "audio_1", "transcript": "hi"}, "x_delta_flag": true,
                      "x_choice_note": "kept"})");
    return d;
}

}  // namespace

TEST_CASE("chunk_decoder: a chunk with every member fills every field of the delta")
{
    const decoded d = decode(full_chunk);
    REQUIRE(d.r == result::ok);
    REQUIRE(d.deltas.size() == 1);
    const chat_delta& got = d.deltas[0];
    const chat_delta want = full_chunk_expected();

    // Field by field first (readable failures), then the whole value (nothing else was set).
    CHECK(got.id == want.id);
    CHECK(got.model == want.model);
    CHECK(got.provider == want.provider);
    CHECK(got.created == want.created);
    CHECK(got.system_fingerprint == want.system_fingerprint);
    CHECK(got.choice_index == 0);
    CHECK(got.role == want.role);
    CHECK(got.content == want.content);
    CHECK(got.reasoning == want.reasoning);
    CHECK(got.refusal == want.refusal);
    CHECK(got.finish_reason == want.finish_reason);
    CHECK(got.native_finish_reason == want.native_finish_reason);
    CHECK(got.reasoning_details == want.reasoning_details);
    CHECK(got.tool_calls == want.tool_calls);
    CHECK(got.annotations == want.annotations);
    CHECK(got.images == want.images);
    CHECK(got.logprobs == want.logprobs);
    CHECK(got.usage == want.usage);
    CHECK(json::serialize(got.extra) == json::serialize(want.extra));
    CHECK_FALSE(got.is_usage_only());
    CHECK(got == want);
}

TEST_CASE("chunk_decoder: the documented first chunk of a stream (OpenAPI ChatStreamChunk example)")
{
    const decoded d =
        decode(R"({"choices":[{"delta":{"content":"Hello","role":"assistant"},"finish_reason":null,"index":0}],)"
               R"("created":1677652288,"id":"chatcmpl-123","model":"openai/gpt-4","object":"chat.completion.chunk"})");
    REQUIRE(d.r == result::ok);
    REQUIRE(d.deltas.size() == 1);
    chat_delta want;
    want.id = "chatcmpl-123";
    want.model = "openai/gpt-4";
    want.created = 1677652288;
    want.role = "assistant";
    want.content = "Hello";
    CHECK(d.deltas[0] == want);
}

TEST_CASE("chunk_decoder: tool call fragments as the emulator streams them")
{
    // First fragment: index, id, type, name and empty arguments; then index + arguments only.
    const decoded first = decode(
        R"({"id":"gen-1","provider":"OpenRouter Emulator","model":"emulator/tools","object":"chat.completion.chunk",)"
        R"("created":1700000000,"system_fingerprint":"fp_emu","choices":[{"index":0,"delta":{"role":"assistant",)"
        R"("tool_calls":[{"index":0,"id":"call_0","type":"function","function":{"name":"lookup","arguments":""}}]},)"
        R"("finish_reason":null,"native_finish_reason":null,"logprobs":null}]})");
    REQUIRE(first.r == result::ok);
    REQUIRE(first.deltas.size() == 1);
    CHECK(first.deltas[0].tool_calls == std::vector<tool_call_delta>{{0, "call_0", "function", "lookup", ""}});
    CHECK_FALSE(first.deltas[0].logprobs);
    CHECK_FALSE(first.deltas[0].finish_reason);
    CHECK(first.deltas[0].system_fingerprint == "fp_emu");

    const decoded more =
        decode(R"({"id":"gen-1","choices":[{"index":0,"delta":{"tool_calls":[)"
               R"({"index":1,"function":{"arguments":"{\"q\":"}},{"index":0,"function":{"arguments":"\"x\"}"}}]}}]})");
    REQUIRE(more.r == result::ok);
    REQUIRE(more.deltas.size() == 1);
    const std::vector<tool_call_delta> want{{1, std::nullopt, std::nullopt, std::nullopt, "{\"q\":"},
                                            {0, std::nullopt, std::nullopt, std::nullopt, "\"x\"}"}};
    CHECK(more.deltas[0].tool_calls == want);
    CHECK_FALSE(more.deltas[0].role);
}

TEST_CASE("chunk_decoder: n greater than 1 gives one delta per choice in order with the chunk fields")
{
    const decoded d = decode(R"({"id":"gen-n","model":"m","provider":"P","created":5,"system_fingerprint":"fp",)"
                             R"("choices":[{"index":2,"delta":{"content":"c"}},{"index":0,"delta":{"content":"a"}},)"
                             R"({"index":1,"delta":{"content":"b"},"finish_reason":"stop"}]})");
    REQUIRE(d.r == result::ok);
    REQUIRE(d.deltas.size() == 3);
    const std::int64_t indices[] = {2, 0, 1};
    const char* contents[] = {"c", "a", "b"};
    for (std::size_t i = 0; i < 3; ++i) {
        INFO("delta " << i);
        CHECK(d.deltas[i].choice_index == indices[i]);
        CHECK(d.deltas[i].content == contents[i]);
        CHECK(d.deltas[i].id == "gen-n");
        CHECK(d.deltas[i].model == "m");
        CHECK(d.deltas[i].provider == "P");
        CHECK(d.deltas[i].created == 5);
        CHECK(d.deltas[i].system_fingerprint == "fp");
        CHECK_FALSE(d.deltas[i].usage);
    }
    CHECK_FALSE(d.deltas[0].finish_reason);
    CHECK(d.deltas[2].finish_reason == "stop");
}

TEST_CASE("chunk_decoder: a choice after one ending with a captured member is a choice")
{
    // The emulator's choice shape ends with "logprobs": null; a choice may also end with an
    // unknown key or real logprobs. The next element of "choices" is still a new choice.
    const decoded d = decode(
        R"({"id":"g","choices":[)"
        R"({"index":0,"delta":{"content":"a"},"finish_reason":null,"native_finish_reason":null,"logprobs":null},)"
        R"({"index":1,"delta":{"content":"b"},"x_note":{"n":1}},)"
        R"({"index":2,"delta":{"content":"c"},"logprobs":{"content":[],"refusal":null}},)"
        R"({"index":3,"delta":{"content":"d","tool_calls":[{"index":0,"function":{"arguments":"{}"}}]}},)"
        R"({"index":4,"delta":{"content":"e"}}]})");
    REQUIRE(d.r == result::ok);
    REQUIRE(d.deltas.size() == 5);
    for (std::size_t i = 0; i < 5; ++i) {
        INFO("delta " << i);
        CHECK(d.deltas[i].choice_index == static_cast<std::int64_t>(i));
        CHECK(d.deltas[i].content == std::string(1, static_cast<char>('a' + i)));
        CHECK(d.deltas[i].id == "g");
    }
    CHECK_FALSE(d.deltas[0].logprobs);
    CHECK(json::serialize(d.deltas[1].extra) == R"({"x_note":{"n":1}})");
    REQUIRE(d.deltas[2].logprobs);
    CHECK(d.deltas[2].logprobs->content.has_value());
    CHECK(d.deltas[2].extra.empty());
    CHECK(d.deltas[3].tool_calls.size() == 1);
    CHECK_FALSE(d.deltas[4].logprobs);
    CHECK(d.deltas[4].tool_calls.empty());
}

TEST_CASE("chunk_decoder: deltas are appended after what the vector already holds")
{
    chunk_decoder dec;
    std::vector<chat_delta> out(2);
    out[0].content = "earlier";
    REQUIRE(dec.decode(R"({"choices":[{"index":0,"delta":{"content":"x"}}]})", out) == result::ok);
    REQUIRE(out.size() == 3);
    CHECK(out[0].content == "earlier");
    CHECK(out[2].content == "x");
}

TEST_CASE("chunk_decoder: the usage-only chunk gives one usage-only delta")
{
    // The last chunk of a stream (docs: usage accounting; emulator render_stream).
    const decoded d =
        decode(R"({"id":"gen-u","provider":"OpenAI","model":"openai/gpt-4o","object":"chat.completion.chunk",)"
               R"("created":1700000001,"system_fingerprint":"fp_x","choices":[],"usage":{"prompt_tokens":194,)"
               R"("completion_tokens":2,"total_tokens":196,"cost":0.000197,"is_byok":false,)"
               R"("prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},)"
               R"("cost_details":{"upstream_inference_cost":null,"upstream_inference_prompt_cost":0.000194,)"
               R"("upstream_inference_completions_cost":0.000003},)"
               R"("completion_tokens_details":{"reasoning_tokens":0,"image_tokens":0}}})");
    REQUIRE(d.r == result::ok);
    REQUIRE(d.deltas.size() == 1);
    const chat_delta& u = d.deltas[0];
    CHECK(u.is_usage_only());
    CHECK(u.id == "gen-u");
    CHECK(u.created == 1700000001);
    CHECK(u.system_fingerprint == "fp_x");
    REQUIRE(u.usage);
    CHECK(u.usage->prompt_tokens == 194);
    CHECK(u.usage->completion_tokens == 2);
    CHECK(u.usage->total_tokens == 196);
    CHECK(u.usage->cost == 0.000197);
    REQUIRE(u.usage->cost_details);
    CHECK(u.usage->cost_details->upstream_inference_cost.is_null());
    CHECK(u.usage->cost_details->upstream_inference_prompt_cost == 0.000194);
    REQUIRE(u.usage->prompt_tokens_details);
    CHECK(u.usage->prompt_tokens_details->audio_tokens == 0);
    CHECK(u.content.empty());
    CHECK_FALSE(u.role);
    CHECK_FALSE(u.finish_reason);
}

TEST_CASE("chunk_decoder: the docs' usage chunk without choices is usage-only too")
{
    const decoded d = decode(R"({"object":"chat.completion.chunk","usage":{"completion_tokens":2,)"
                             R"("completion_tokens_details":{"reasoning_tokens":0},"cost":197,)"
                             R"("prompt_tokens":194,"prompt_tokens_details":{"cached_tokens":0},"total_tokens":196}})");
    REQUIRE(d.r == result::ok);
    REQUIRE(d.deltas.size() == 1);
    CHECK(d.deltas[0].is_usage_only());
    REQUIRE(d.deltas[0].usage);
    CHECK(d.deltas[0].usage->cost == 197.0);
}

TEST_CASE("chunk_decoder: usage on a chunk with choices goes to its last delta")
{
    const decoded d = decode(R"({"choices":[{"index":0,"delta":{"content":"a"}},{"index":1,"delta":{}}],)"
                             R"("usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}})");
    REQUIRE(d.r == result::ok);
    REQUIRE(d.deltas.size() == 2);
    CHECK_FALSE(d.deltas[0].usage);
    REQUIRE(d.deltas[1].usage);
    CHECK(d.deltas[1].usage->total_tokens == 3);
    CHECK_FALSE(d.deltas[1].is_usage_only());
}

TEST_CASE("chunk_decoder: no choices and no usage gives no delta")
{
    for (const char* text : {R"({})", R"({"id":"x","choices":[]})", R"({"choices":null,"usage":null})",
                             R"({"id":"x","object":"chat.completion.chunk"})"}) {
        INFO(text);
        const decoded d = decode(text);
        CHECK(d.r == result::ok);
        CHECK(d.deltas.empty());
    }
}

TEST_CASE("chunk_decoder: null members read as not present")
{
    const decoded d =
        decode(R"({"id":"gen-0","model":null,"provider":null,"created":null,"system_fingerprint":null,"usage":null,)"
               R"("choices":[{"index":null,"finish_reason":null,"native_finish_reason":null,"logprobs":null,)"
               R"("delta":{"role":null,"content":null,"reasoning":null,"refusal":null,"tool_calls":null,)"
               R"("reasoning_details":null,"annotations":null,"images":null,"x_unknown":null}}]})");
    REQUIRE(d.r == result::ok);
    REQUIRE(d.deltas.size() == 1);
    chat_delta want;
    want.id = "gen-0";
    want.extra = obj(R"({"x_unknown": null})");  // unknown keys are kept raw, null included
    CHECK(d.deltas[0] == want);

    const decoded no_delta = decode(R"({"choices":[{"index":0,"delta":null,"finish_reason":"stop"}]})");
    REQUIRE(no_delta.r == result::ok);
    REQUIRE(no_delta.deltas.size() == 1);
    CHECK(no_delta.deltas[0].finish_reason == "stop");
}

TEST_CASE("chunk_decoder: a choice's message member is read like delta")
{
    const decoded d = decode(R"({"choices":[{"index":0,"message":{"role":"assistant","content":"whole"}}]})");
    REQUIRE(d.r == result::ok);
    REQUIRE(d.deltas.size() == 1);
    CHECK(d.deltas[0].content == "whole");
    CHECK(d.deltas[0].role == "assistant");
}

TEST_CASE("chunk_decoder: escaped strings are unescaped")
{
    const decoded d = decode(
        R"({"id":"gen-\u0041","choices":[{"index":0,"delta":{"content":"a\nb\t\"q\" \\ \/ caf\u00e9 \ud83d\ude00 \u4e2d",)"
        R"("reasoning":"\r\b\f","x_note":"x\ny"}}]})");
    REQUIRE(d.r == result::ok);
    REQUIRE(d.deltas.size() == 1);
    CHECK(d.deltas[0].id == "gen-A");
    CHECK(d.deltas[0].content == "a\nb\t\"q\" \\ / caf\xc3\xa9 \xf0\x9f\x98\x80 \xe4\xb8\xad");
    CHECK(d.deltas[0].reasoning == "\r\b\f");
    // An unknown key's string is captured whole, escapes included.
    CHECK(json::serialize(d.deltas[0].extra) == json::serialize(obj(R"({"x_note":"x\ny"})")));
}

TEST_CASE("chunk_decoder: escaped keys are matched after unescaping")
{
    const decoded d = decode(R"({"choices":[{"ind\u0065x":1,"d\u0065lta":{"cont\u0065nt":"x"}}]})");
    REQUIRE(d.r == result::ok);
    REQUIRE(d.deltas.size() == 1);
    CHECK(d.deltas[0].choice_index == 1);
    CHECK(d.deltas[0].content == "x");
    CHECK(d.deltas[0].extra.empty());
}

TEST_CASE("chunk_decoder: an escaped unknown key keeps its name when an escaped value follows")
{
    // An escaped key is unescaped outside the event's text, in a parser buffer that is reused
    // for later strings: the decoder keeps a view only of keys inside the event's text and
    // copies any other (a guard; Boost 1.81 did not overwrite it in this case either).
    const decoded d = decode(R"({"choices":[{"index":0,"delta":{"\u0078_key":"\u0076alue\nend"}}]})");
    REQUIRE(d.r == result::ok);
    REQUIRE(d.deltas.size() == 1);
    REQUIRE(d.deltas[0].extra.contains("x_key"));
    CHECK(d.deltas[0].extra.at("x_key") == "value\nend");
    CHECK(d.deltas[0].extra.size() == 1);
}

TEST_CASE("chunk_decoder: long escaped strings delivered in parts are joined")
{
    // Escapes make the parser hand strings over in several parts (it unescapes through a
    // bounded buffer); every target must get the whole text exactly once.
    std::string escaped, plain;
    for (int i = 0; i < 5000; ++i) {
        escaped += "line \\u00e9\\n";
        plain += "line \xc3\xa9\n";
    }
    const std::string data = R"({"id":")" + escaped + R"(","model":")" + escaped + R"(","choices":[{"index":0,)" +
                             R"("finish_reason":")" + escaped + R"(","delta":{"role":")" + escaped +
                             R"(","content":")" + escaped + R"(","reasoning":")" + escaped + R"(","refusal":")" +
                             escaped + R"(","x_long":")" + escaped +
                             R"(","tool_calls":[{"index":0,"function":{"arguments":")" + escaped + R"("}}]}}]})";
    const decoded d = decode(data);
    REQUIRE(d.r == result::ok);
    REQUIRE(d.deltas.size() == 1);
    const chat_delta& x = d.deltas[0];
    CHECK(x.id == plain);
    CHECK(x.model == plain);
    CHECK(x.finish_reason == plain);
    CHECK(x.role == plain);
    CHECK(x.content == plain);
    CHECK(x.reasoning == plain);
    CHECK(x.refusal == plain);
    REQUIRE(x.tool_calls.size() == 1);
    CHECK(x.tool_calls[0].arguments == plain);
    REQUIRE(x.extra.contains("x_long"));
    CHECK(x.extra.at("x_long") == json::value(plain));
}

TEST_CASE("chunk_decoder: a string starting with an escape is not lost")
{
    const decoded d = decode(R"({"choices":[{"index":0,"delta":{"content":"\nA","role":"\u0061ssistant"}}]})");
    REQUIRE(d.r == result::ok);
    REQUIRE(d.deltas.size() == 1);
    CHECK(d.deltas[0].content == "\nA");
    CHECK(d.deltas[0].role == "assistant");
}

TEST_CASE("chunk_decoder: a top-level error object gives error_chunk and no delta")
{
    // A mid-stream error (OpenAPI ChatStreamChunk.error; the emulator's render_error_chunk):
    // HTTP 200, an "error" member, and a choice finishing with "error".
    chunk_decoder dec;
    std::vector<chat_delta> out(1);
    const auto r = dec.decode(
        R"({"id":"gen-e","provider":"OpenAI","model":"openai/gpt-4o","object":"chat.completion.chunk",)"
        R"("created":1700000000,"choices":[{"index":0,"delta":{"content":"partial"},"finish_reason":"error",)"
        R"("native_finish_reason":"error","logprobs":null}],"error":{"code":429,"message":"Rate limit exceeded",)"
        R"("metadata":{"error_type":"rate_limit_exceeded","provider_code":"rl\u00e9"}}})",
        out);
    CHECK(r == result::error_chunk);
    CHECK(out.size() == 1);  // nothing appended, what was there kept
    const json::object want = obj(R"({"code":429,"message":"Rate limit exceeded",)"
                                  R"("metadata":{"error_type":"rate_limit_exceeded","provider_code":"rl\u00e9"}})");
    CHECK(json::serialize(dec.error()) == json::serialize(want));
    CHECK(owns_memory(dec.error()));

    // The error object survives later events (it is "the error of the last error_chunk").
    std::string big = R"({"choices":[{"index":0,"delta":{"x_big":[)";
    for (int i = 0; i < 2000; ++i)
        big += R"({"k":"vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv"},)";
    big += "0]}}]}";
    std::vector<chat_delta> more;
    REQUIRE(dec.decode(big, more) == result::ok);
    CHECK(json::serialize(dec.error()) == json::serialize(want));
}

TEST_CASE("chunk_decoder: an error object before the choices still wins")
{
    const decoded d = decode(R"({"error":{"code":502,"message":"Provider returned error"},)"
                             R"("choices":[{"index":0,"delta":{"content":"x"}}]})");
    CHECK(d.r == result::error_chunk);
    CHECK(d.deltas.empty());
}

TEST_CASE("chunk_decoder: error null is no error")
{
    const decoded d = decode(R"({"error":null,"choices":[{"index":0,"delta":{"content":"x"}}]})");
    CHECK(d.r == result::ok);
    CHECK(d.deltas.size() == 1);
}

TEST_CASE("chunk_decoder: invalid inputs are rejected with a reason and append nothing")
{
    struct bad {
        const char* name;
        std::string data;
        const char* reason;  // a piece of why()
    };
    const std::vector<bad> cases{
        {"empty", "", "not valid JSON"},
        {"not JSON", "hello", "not valid JSON"},
        {"truncated", R"({"id":"x","choices":[{"index":0,"delta":{"content":"ab)", "not valid JSON"},
        {"truncated after a choice", R"({"choices":[{"index":0,"delta":{"content":"ab"}},)", "not valid JSON"},
        {"top-level array", R"([{"id":"x"}])", "expected a chunk object"},
        {"top-level string", R"("data")", "expected a chunk object"},
        {"top-level number", "42", "expected a chunk object"},
        {"top-level null", "null", "expected a chunk object"},
        {"top-level true", "true", "expected a chunk object"},
        {"two objects", R"({"choices":[{"index":0,"delta":{"content":"a"}}]}{"choices":[]})", ""},
        {"trailing garbage", R"({"choices":[{"index":0,"delta":{"content":"a"}}]} x)", ""},
        {"content a number", R"({"choices":[{"index":0,"delta":{"content":5}}]})", "content"},
        {"content an object", R"({"choices":[{"index":0,"delta":{"content":{"a":1}}}]})", "content"},
        {"content an array", R"({"choices":[{"index":0,"delta":{"content":["a"]}}]})", "content"},
        {"content a boolean", R"({"choices":[{"index":0,"delta":{"content":true}}]})", "content"},
        {"reasoning a number", R"({"choices":[{"index":0,"delta":{"reasoning":1}}]})", "reasoning"},
        {"refusal a number", R"({"choices":[{"index":0,"delta":{"refusal":1}}]})", "refusal"},
        {"role a number", R"({"choices":[{"index":0,"delta":{"role":1}}]})", "role"},
        {"finish_reason a number", R"({"choices":[{"index":0,"finish_reason":1}]})", "finish_reason"},
        {"native_finish_reason a number", R"({"choices":[{"index":0,"native_finish_reason":2}]})",
         "native_finish_reason"},
        {"id a number", R"({"id":7,"choices":[]})", "id"},
        {"model a number", R"({"model":7,"choices":[]})", "model"},
        {"provider a number", R"({"provider":7,"choices":[]})", "provider"},
        {"system_fingerprint a number", R"({"system_fingerprint":7})", "system_fingerprint"},
        {"created a string", R"({"created":"1700000000"})", "created"},
        {"choices an object", R"({"choices":{"index":0}})", "choices"},
        {"choices a string", R"({"choices":"none"})", "choices"},
        {"choices a number", R"({"choices":0})", "choices"},
        {"a choice a string", R"({"choices":["a"]})", "choices"},
        {"a choice a number", R"({"choices":[1]})", "choices"},
        {"a choice null", R"({"choices":[null]})", "choices"},
        {"a choice an array", R"({"choices":[[{"index":0,"delta":{"content":"a"}}]]})", "choices"},
        {"a string after a choice", R"({"choices":[{"index":0,"delta":{"content":"a"}},"b"]})", "choices"},
        {"a number after a choice", R"({"choices":[{"index":0},7]})", "choices"},
        {"an array after a choice",
         R"({"choices":[{"index":0,"delta":{"tool_calls":[]}},[{"index":0,"function":{"arguments":"x"}}]]})",
         "choices"},
        {"index a string", R"({"choices":[{"index":"0","delta":{"content":"a"}}]})", "index"},
        {"index a boolean", R"({"choices":[{"index":true}]})", "index"},
        {"index fractional", R"({"choices":[{"index":0.5}]})", "index"},
        {"index too large", R"({"choices":[{"index":18446744073709551615}]})", "index"},
        {"created out of range", R"({"created":1e300})", "created"},
        {"created below range", R"({"created":-1e19})", "created"},
        {"delta a string", R"({"choices":[{"index":0,"delta":"x"}]})", "delta"},
        {"delta an array", R"({"choices":[{"index":0,"delta":[]}]})", "delta"},
        {"tool_calls an object", R"({"choices":[{"index":0,"delta":{"tool_calls":{"index":0}}}]})", "tool_calls"},
        {"tool_calls a string", R"({"choices":[{"index":0,"delta":{"tool_calls":"x"}}]})", "tool_calls"},
        {"a tool call a number", R"({"choices":[{"index":0,"delta":{"tool_calls":[1]}}]})", "tool_calls"},
        {"a tool call index a string", R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":"0"}]}}]})",
         "tool_calls"},
        {"a tool call id a number", R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":5}]}}]})",
         "tool_calls"},
        {"a tool call's arguments an object",
         R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":{}}}]}}]})", "tool_calls"},
        {"a tool call's function a string",
         R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":"f"}]}}]})", "tool_calls"},
        {"usage a string", R"({"choices":[],"usage":"lots"})", "usage"},
        {"usage tokens a string", R"({"choices":[],"usage":{"prompt_tokens":"1"}})", "usage"},
        {"reasoning_details an object", R"({"choices":[{"index":0,"delta":{"reasoning_details":{}}}]})",
         "reasoning_details"},
        {"annotations a string", R"({"choices":[{"index":0,"delta":{"annotations":"a"}}]})", "annotations"},
        {"images a number", R"({"choices":[{"index":0,"delta":{"images":3}}]})", "images"},
        {"logprobs an array", R"({"choices":[{"index":0,"logprobs":[]}]})", "logprobs"},
        {"error a string", R"({"error":"boom","choices":[]})", "error"},
        {"lone surrogate", R"({"choices":[{"index":0,"delta":{"content":"\ud83d"}}]})", "not valid JSON"},
        {"raw control character", "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\x01\"}}]}", "not valid JSON"},
        {"comment", R"({"choices":[] /* no */})", "not valid JSON"},
    };
    chunk_decoder dec;
    for (const bad& b : cases) {
        INFO(b.name << ": " << b.data);
        std::vector<chat_delta> out(1);
        out[0].content = "before";
        const auto r = dec.decode(b.data, out);
        CHECK(r == result::invalid);
        CHECK_FALSE(dec.why().empty());
        INFO("why: " << dec.why());
        CHECK(dec.why().find(b.reason) != std::string::npos);
        CHECK(out.size() == 1);
        CHECK(out.at(0).content == "before");
        // The decoder is usable right after a rejection.
        std::vector<chat_delta> next;
        REQUIRE(dec.decode(R"({"choices":[{"index":3,"delta":{"content":"ok"}}]})", next) == result::ok);
        REQUIRE(next.size() == 1);
        CHECK(next[0].content == "ok");
        CHECK(next[0].choice_index == 3);
    }
}

TEST_CASE("chunk_decoder: whitespace around the object is accepted")
{
    const decoded d = decode(" \t\r\n{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]} \n");
    CHECK(d.r == result::ok);
    CHECK(d.deltas.size() == 1);
}

TEST_CASE("chunk_decoder: integers are read leniently")
{
    const decoded d = decode(R"({"created":1.7e9,"choices":[{"index":0.0,"delta":{}},{"index":2E0},)"
                             R"({"index":-0.0},{"index":1.0e1}]})");
    REQUIRE(d.r == result::ok);
    REQUIRE(d.deltas.size() == 4);
    CHECK(d.deltas[0].created == 1700000000);
    CHECK(d.deltas[0].choice_index == 0);
    CHECK(d.deltas[1].choice_index == 2);
    CHECK(d.deltas[2].choice_index == 0);
    CHECK(d.deltas[3].choice_index == 10);

    const decoded big = decode(R"({"created":9223372036854775807,"choices":[{"index":-9223372036854775808}]})");
    REQUIRE(big.r == result::ok);
    REQUIRE(big.deltas.size() == 1);
    CHECK(big.deltas[0].created == 9223372036854775807);
    CHECK(big.deltas[0].choice_index == std::numeric_limits<std::int64_t>::min());

    const decoded usage = decode(R"({"usage":{"prompt_tokens":1e1,"completion_tokens":2.0,"total_tokens":12}})");
    REQUIRE(usage.r == result::ok);
    REQUIRE(usage.deltas.size() == 1);
    REQUIRE(usage.deltas[0].usage);
    CHECK(usage.deltas[0].usage->prompt_tokens == 10);
    CHECK(usage.deltas[0].usage->completion_tokens == 2);
}

TEST_CASE("chunk_decoder: ignored members may hold any JSON")
{
    const decoded d =
        decode(R"({"object":"chat.completion.chunk","service_tier":null,"x":[1,{"a":[true,null,"s",{"b":{}}]},-2.5],)"
               R"("openrouter_metadata":{"requested":"m","attempts":[{"provider":"P","status":200}]},)"
               R"("choices":[{"index":0,"delta":{"content":"ok"}}]})");
    REQUIRE(d.r == result::ok);
    REQUIRE(d.deltas.size() == 1);
    CHECK(d.deltas[0].content == "ok");
    CHECK(d.deltas[0].extra.empty());
}

TEST_CASE("chunk_decoder: captured values own their memory")
{
    std::vector<chat_delta> out;
    {
        chunk_decoder dec;
        REQUIRE(dec.decode(full_chunk, out) == result::ok);
    }  // the decoder and its buffers are gone
    REQUIRE(out.size() == 1);
    const chat_delta& d = out[0];
    CHECK(owns_memory(d.extra));
    CHECK(owns_memory(d.extra.at("audio").as_object()));
    REQUIRE(d.usage);
    CHECK(owns_memory(d.usage->extra));
    CHECK(owns_memory(d.annotations.at(0).extra));
    CHECK(owns_memory(d.reasoning_details.at(0).extra));
    CHECK(d == full_chunk_expected());
}

TEST_CASE("chunk_decoder: one decoder over many events leaks no state between them")
{
    chunk_decoder dec;
    const chat_delta full = full_chunk_expected();
    // Each event is checked against a freshly built expectation: a field of one event must not
    // show up in the next.
    const std::string minimal = R"({"choices":[{"index":1,"delta":{}}]})";
    chat_delta minimal_want;
    minimal_want.choice_index = 1;

    for (int round = 0; round < 200; ++round) {
        INFO("round " << round);
        std::vector<chat_delta> out;
        switch (round % 5) {
        case 0:
            REQUIRE(dec.decode(full_chunk, out) == result::ok);
            REQUIRE(out.size() == 1);
            CHECK(out[0] == full);
            break;
        case 1:
            REQUIRE(dec.decode(minimal, out) == result::ok);
            REQUIRE(out.size() == 1);
            CHECK(out[0] == minimal_want);
            break;
        case 2:  // rejected in the middle of a captured value
            CHECK(dec.decode(R"({"id":"leak","provider":"P","system_fingerprint":"fp","created":9,)"
                             R"("choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,)"
                             R"("function":{"arguments":"{")",
                             out) == result::invalid);
            CHECK(out.empty());
            break;
        case 3:  // an error chunk
            CHECK(dec.decode(R"({"id":"leak","usage":{"total_tokens":1},"error":{"code":500,"message":"m"}})", out) ==
                  result::error_chunk);
            CHECK(out.empty());
            break;
        case 4:
            REQUIRE(dec.decode(minimal, out) == result::ok);
            REQUIRE(out.size() == 1);
            CHECK(out[0] == minimal_want);
            REQUIRE(dec.decode(R"({"choices":[]})", out) == result::ok);
            CHECK(out.size() == 1);  // no usage this time: no usage-only delta
            break;
        }
    }
}

TEST_CASE("chunk_decoder: a moved-from-into decoder keeps working")
{
    chunk_decoder a;
    std::vector<chat_delta> out;
    REQUIRE(a.decode(R"({"choices":[{"index":0,"delta":{"content":"1"}}]})", out) == result::ok);
    chunk_decoder b(std::move(a));
    REQUIRE(b.decode(R"({"choices":[{"index":0,"delta":{"content":"2"}}]})", out) == result::ok);
    chunk_decoder c;
    c = std::move(b);
    REQUIRE(c.decode(full_chunk, out) == result::ok);
    REQUIRE(out.size() == 3);
    CHECK(out[1].content == "2");
    CHECK(out[2] == full_chunk_expected());
}
