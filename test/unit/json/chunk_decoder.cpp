// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// chunk_decoder: the SAX decoder of one `chat.completion.chunk` event into chat_deltas. Every
// member of a delta, several choices per chunk, the usage-only chunk, null members.
// chunk_decoder_edges.cpp has escapes, strings in parts, the in-band error chunk, wrong shapes,
// lenient integers, captured memory and reuse of one decoder across many events.
//
// Fixtures copy the shapes OpenRouter sends (docs: api-reference streaming and usage
// accounting; OpenAPI ChatStreamChunk; test/emulator/replies.cpp render_stream).

#include "unit/json/chunk_decoder_fixtures.hpp"

using namespace chunk_test;

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
