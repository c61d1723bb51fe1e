// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// chunk_decoder, the edges: escapes and strings delivered in parts, the in-band error chunk,
// wrong shapes rejected without appending anything, whitespace, lenient integers, ignored
// members of any shape, captured values owning their memory, and one decoder reused across
// many events. The common shapes are in chunk_decoder.cpp.

#include "unit/json/chunk_decoder_fixtures.hpp"

using namespace chunk_test;

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
