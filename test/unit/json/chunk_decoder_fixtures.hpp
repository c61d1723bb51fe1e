// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Fixtures shared by the chunk_decoder tests (chunk_decoder.cpp, chunk_decoder_edges.cpp).
#ifndef OPENROUTER_TEST_UNIT_CHUNK_DECODER_FIXTURES_HPP
#define OPENROUTER_TEST_UNIT_CHUNK_DECODER_FIXTURES_HPP

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

namespace chunk_test {
using namespace openrouter;
using openrouter::detail::chunk_decoder;
namespace json = boost::json;
}  // namespace chunk_test

namespace Catch {
template <>
struct StringMaker<openrouter::detail::chunk_decoder::result> {
    static std::string convert(openrouter::detail::chunk_decoder::result r)
    {
        using result = openrouter::detail::chunk_decoder::result;
        switch (r) {
        case result::ok: return "ok";
        case result::error_chunk: return "error_chunk";
        case result::invalid: return "invalid";
        }
        return "?";
    }
};
}  // namespace Catch

namespace chunk_test {

using result = chunk_decoder::result;

struct decoded {
    result r = result::ok;
    std::vector<chat_delta> deltas;
    std::string why;
};

inline decoded decode(chunk_decoder& dec, std::string_view data)
{
    decoded d;
    d.r = dec.decode(data, d.deltas);
    if (d.r == result::invalid)
        d.why = dec.why();
    return d;
}

inline decoded decode(std::string_view data)
{
    chunk_decoder dec;
    return decode(dec, data);
}

inline json::object obj(std::string_view text)
{
    return json::parse(text).as_object();
}

// The storage every captured value must end up in: the default resource, never the decoder's
// per-event buffer (released before the next event).
inline bool owns_memory(const json::object& o)
{
    return o.storage().get() == json::storage_ptr().get();
}

// A chunk with every member of a delta set (chunk, choice and delta level), unknown keys at
// each level. Shapes: OpenAPI ChatStreamChunk / ChatStreamChoice / ChatStreamDelta.
inline constexpr const char* full_chunk = R"({
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

inline chat_delta full_chunk_expected()
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

}  // namespace chunk_test

#endif
