// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// chat_completion decoding: every member, absent vs null, lenient numbers, unknown keys kept,
// wrong shapes rejected with a path, and the inverse encoding.

#include <openrouter/chat_completion.hpp>

#include "json/chat_codec.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace openrouter;
namespace json = boost::json;

namespace {

// A response with every documented member set (and a few unknown ones).
constexpr const char* full_response = R"({
  "id": "gen-1700000000-abc",
  "object": "chat.completion",
  "created": 1700000000,
  "model": "anthropic/claude-3.7-sonnet",
  "provider": "Anthropic",
  "system_fingerprint": "fp_44709d6fcb",
  "service_tier": "default",
  "x_future_top": {"a": 1},
  "choices": [{
    "index": 0,
    "finish_reason": "tool_calls",
    "native_finish_reason": "tool_use",
    "x_future_choice": [1, 2],
    "message": {
      "role": "assistant",
      "content": "Here's what I found.",
      "refusal": null,
      "reasoning": "Let me think.",
      "reasoning_details": [
        {"type": "reasoning.text", "text": "Let me think.", "signature": "sig==", "id": null,
         "format": "anthropic-claude-v1", "index": 0},
        {"type": "reasoning.summary", "summary": "Thought briefly", "format": "openai-responses-v1",
         "index": 1, "id": "rs_1"},
        {"type": "reasoning.encrypted", "data": "ZW5j", "format": "openai-responses-v1", "index": 2,
         "id": "rs_2"},
        {"type": "reasoning.server_tool_call", "tool_name": "web_search", "arguments": "{}",
         "result": "ok", "tool_call_id": "srv_1", "index": 3, "x_detail": true}],
      "tool_calls": [{"index": 0, "id": "call_1", "type": "function",
                      "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}}],
      "annotations": [
        {"type": "url_citation", "url_citation": {"url": "https://www.example.com/web-search-result",
          "title": "Title of the web search result", "content": "Content of the web search result",
          "start_index": 100, "end_index": 200}},
        {"type": "file", "file": {"hash": "abc", "name": "doc.pdf", "content": [{"type": "text", "text": "p1"}]}}],
      "images": [{"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}}],
      "audio": {"id": "audio_1", "data": "UklGRg==", "transcript": "hello", "expires_at": 1700003600},
      "x_future_message": "kept"
    },
    "logprobs": {
      "content": [{"token": "Here", "logprob": -0.25, "bytes": [72, 101, 114, 101],
                   "top_logprobs": [{"token": "Here", "logprob": -0.25, "bytes": [72, 101, 114, 101]},
                                    {"token": "There", "logprob": -1.5, "bytes": null}]}],
      "refusal": null
    },
    "error": {"code": 502, "message": "Provider returned error", "metadata": {"raw": "upstream"}}
  }],
  "usage": {
    "prompt_tokens": 194,
    "completion_tokens": 2,
    "total_tokens": 196,
    "cost": 0.95,
    "is_byok": false,
    "cost_details": {"upstream_inference_cost": null, "upstream_inference_prompt_cost": 0.5,
                     "upstream_inference_completions_cost": 0.25},
    "prompt_tokens_details": {"cached_tokens": 3, "cache_write_tokens": 4, "audio_tokens": 5,
                              "video_tokens": 6},
    "completion_tokens_details": {"reasoning_tokens": 7, "image_tokens": 8, "audio_tokens": 9,
                                  "accepted_prediction_tokens": 10, "rejected_prediction_tokens": 11},
    "server_tool_use_details": {"tool_calls_executed": 1, "tool_calls_requested": 2,
                                "web_search_requests": 3},
    "x_future_usage": 12
  },
  "openrouter_metadata": {
    "requested": "anthropic/claude-3.7-sonnet",
    "strategy": "fallback",
    "region": null,
    "summary": "routed to Anthropic",
    "attempt": 2,
    "is_byok": true,
    "attempts": [{"provider": "Google", "model": "anthropic/claude-3.7-sonnet", "status": 502},
                 {"provider": "Anthropic", "model": "anthropic/claude-3.7-sonnet", "status": 200}],
    "endpoints": {"total": 2, "available": [
        {"provider": "Google", "model": "anthropic/claude-3.7-sonnet", "selected": false},
        {"provider": "Anthropic", "model": "anthropic/claude-3.7-sonnet", "selected": true}]},
    "params": {"quality_floor": 0.5},
    "pipeline": [{"type": "plugin", "name": "web"}]
  }
})";

chat_completion decode_ok(std::string_view text)
{
    chat_completion c;
    std::string why;
    const bool ok = detail::read_chat_completion(json::parse(text), c, why);
    INFO(why);
    REQUIRE(ok);
    CHECK(why.empty());
    return c;
}

std::string decode_error(std::string_view text)
{
    chat_completion c;
    std::string why;
    CHECK_FALSE(detail::read_chat_completion(json::parse(text), c, why));
    return why;
}

}  // namespace

TEST_CASE("a response with every field decodes every member")
{
    const chat_completion c = decode_ok(full_response);
    CHECK(c.id == "gen-1700000000-abc");
    CHECK(c.object == "chat.completion");
    CHECK(c.created == 1700000000);
    CHECK(c.model == "anthropic/claude-3.7-sonnet");
    CHECK(c.provider == "Anthropic");
    CHECK(c.system_fingerprint == nullable<std::string>("fp_44709d6fcb"));
    CHECK(c.service_tier == nullable<std::string>("default"));
    CHECK(c.extra == json::object{{"x_future_top", json::object{{"a", 1}}}});

    REQUIRE(c.choices.size() == 1);
    const choice& ch = c.choices[0];
    CHECK(ch.index == 0);
    CHECK(ch.finish_reason == nullable<std::string>("tool_calls"));
    CHECK(ch.native_finish_reason == nullable<std::string>("tool_use"));
    CHECK(ch.extra.at("x_future_choice") == json::array{1, 2});
    REQUIRE(ch.error);
    CHECK(ch.error->code == 502);
    CHECK(ch.error->message == "Provider returned error");
    CHECK(ch.error->metadata.at("raw") == "upstream");

    const message& m = ch.message;
    CHECK(m.role == "assistant");
    REQUIRE(m.has_text());
    CHECK(m.text() == "Here's what I found.");
    CHECK(m.refusal.is_null());
    CHECK(m.reasoning == nullable<std::string>("Let me think."));
    CHECK(m.extra == json::object{{"x_future_message", "kept"}});

    REQUIRE(m.reasoning_details.size() == 4);
    const auto& rd = m.reasoning_details;
    CHECK(rd[0].type == "reasoning.text");
    CHECK(rd[0].text == nullable<std::string>("Let me think."));
    CHECK(rd[0].signature == nullable<std::string>("sig=="));
    CHECK(rd[0].id.is_null());
    CHECK(rd[0].format == nullable<std::string>("anthropic-claude-v1"));
    CHECK(rd[0].index == 0);
    CHECK(rd[1].summary == std::optional<std::string>("Thought briefly"));
    CHECK(rd[1].id == nullable<std::string>("rs_1"));
    CHECK(rd[2].data == std::optional<std::string>("ZW5j"));
    CHECK(rd[3].tool_name == std::optional<std::string>("web_search"));
    CHECK(rd[3].arguments == std::optional<std::string>("{}"));
    CHECK(rd[3].result == std::optional<std::string>("ok"));
    CHECK(rd[3].tool_call_id == nullable<std::string>("srv_1"));
    CHECK(rd[3].id.is_absent());
    CHECK(rd[3].extra.at("x_detail") == true);

    REQUIRE(m.tool_calls.size() == 1);
    CHECK(m.tool_calls[0].index == 0);
    CHECK(m.tool_calls[0].id == "call_1");
    CHECK(m.tool_calls[0].type == "function");
    CHECK(m.tool_calls[0].function.name == "get_weather");
    CHECK(m.tool_calls[0].function.arguments == R"({"city":"Paris"})");

    REQUIRE(m.annotations.size() == 2);
    CHECK(m.annotations[0].type == "url_citation");
    REQUIRE(m.annotations[0].url_citation);
    const url_citation& uc = *m.annotations[0].url_citation;
    CHECK(uc.url == "https://www.example.com/web-search-result");
    CHECK(uc.title == "Title of the web search result");
    CHECK(uc.content == std::optional<std::string>("Content of the web search result"));
    CHECK(uc.start_index == 100);
    CHECK(uc.end_index == 200);
    CHECK(m.annotations[1].type == "file");
    CHECK_FALSE(m.annotations[1].url_citation);
    CHECK(m.annotations[1].extra.at("file").at("name") == "doc.pdf");

    REQUIRE(m.images.size() == 1);
    CHECK(m.images[0].type == "image_url");
    CHECK(m.images[0].url == "data:image/png;base64,iVBORw0KGgo=");
    REQUIRE(m.audio);
    CHECK(m.audio->id == std::optional<std::string>("audio_1"));
    CHECK(m.audio->data == std::optional<std::string>("UklGRg=="));
    CHECK(m.audio->transcript == std::optional<std::string>("hello"));
    CHECK(m.audio->expires_at == 1700003600);

    REQUIRE(ch.logprobs);
    CHECK(ch.logprobs->refusal.is_null());
    REQUIRE(ch.logprobs->content);
    const auto& lp = *ch.logprobs->content;
    REQUIRE(lp.size() == 1);
    CHECK(lp[0].token == "Here");
    CHECK(lp[0].logprob == -0.25);
    CHECK(lp[0].bytes == nullable<std::vector<std::int64_t>>(std::vector<std::int64_t>{72, 101, 114, 101}));
    REQUIRE(lp[0].top_logprobs.size() == 2);
    CHECK(lp[0].top_logprobs[1].token == "There");
    CHECK(lp[0].top_logprobs[1].logprob == -1.5);
    CHECK(lp[0].top_logprobs[1].bytes.is_null());

    REQUIRE(c.usage);
    const usage& u = *c.usage;
    CHECK(u.prompt_tokens == 194);
    CHECK(u.completion_tokens == 2);
    CHECK(u.total_tokens == 196);
    CHECK(u.cost == nullable<double>(0.95));
    CHECK(u.is_byok == false);
    REQUIRE(u.cost_details);
    CHECK(u.cost_details->upstream_inference_cost.is_null());
    CHECK(u.cost_details->upstream_inference_prompt_cost == 0.5);
    CHECK(u.cost_details->upstream_inference_completions_cost == 0.25);
    REQUIRE(u.prompt_tokens_details);
    CHECK(u.prompt_tokens_details->cached_tokens == 3);
    CHECK(u.prompt_tokens_details->cache_write_tokens == 4);
    CHECK(u.prompt_tokens_details->audio_tokens == 5);
    CHECK(u.prompt_tokens_details->video_tokens == 6);
    REQUIRE(u.completion_tokens_details);
    CHECK(u.completion_tokens_details->reasoning_tokens == 7);
    CHECK(u.completion_tokens_details->image_tokens == 8);
    CHECK(u.completion_tokens_details->audio_tokens == 9);
    CHECK(u.completion_tokens_details->accepted_prediction_tokens == 10);
    CHECK(u.completion_tokens_details->rejected_prediction_tokens == 11);
    REQUIRE(u.server_tool_use_details);
    CHECK(u.server_tool_use_details->tool_calls_executed == 1);
    CHECK(u.server_tool_use_details->tool_calls_requested == 2);
    CHECK(u.server_tool_use_details->web_search_requests == 3);
    CHECK(u.extra.at("x_future_usage") == 12);

    REQUIRE(c.openrouter_metadata);
    const openrouter_metadata& md = *c.openrouter_metadata;
    CHECK(md.requested == "anthropic/claude-3.7-sonnet");
    CHECK(md.strategy == "fallback");
    CHECK(md.region.is_null());
    CHECK(md.summary == "routed to Anthropic");
    CHECK(md.attempt == 2);
    CHECK(md.is_byok);
    REQUIRE(md.attempts.size() == 2);
    CHECK(md.attempts[0].provider == "Google");
    CHECK(md.attempts[0].status == 502);
    CHECK(md.attempts[1].model == "anthropic/claude-3.7-sonnet");
    CHECK(md.endpoints_total == 2);
    REQUIRE(md.endpoints_available.size() == 2);
    CHECK_FALSE(md.endpoints_available[0].selected);
    CHECK(md.endpoints_available[1].selected);
    CHECK(md.endpoints_available[1].provider == "Anthropic");
    CHECK(md.params == std::optional<json::object>(json::object{{"quality_floor", 0.5}}));
    REQUIRE(md.pipeline);
    CHECK(md.pipeline->at(0).at("name") == "web");
}

TEST_CASE("encoding a decoded response gives back the same JSON")
{
    const json::value in = json::parse(full_response);
    const chat_completion c = decode_ok(full_response);
    CHECK(to_json(c) == in);
    CHECK(json::value_from(c) == in);

    // And decoding the encoding gives an equal value.
    chat_completion again;
    std::string why;
    REQUIRE(from_json(to_json(c), again, why));
    CHECK(again == c);
}

TEST_CASE("the OpenAPI ChatResult example decodes")
{
    const chat_completion c = decode_ok(R"({"choices":[{"finish_reason":"stop","index":0,
        "message":{"content":"The capital of France is Paris.","role":"assistant"}}],
        "created":1677652288,"id":"chatcmpl-123","model":"openai/gpt-4","object":"chat.completion",
        "system_fingerprint":"fp_44709d6fcb",
        "usage":{"completion_tokens":15,"prompt_tokens":10,"total_tokens":25}})");
    CHECK(c.id == "chatcmpl-123");
    CHECK(c.created == 1677652288);
    CHECK(c.choices.at(0).message.text() == "The capital of France is Paris.");
    CHECK(c.choices.at(0).finish_reason == nullable<std::string>("stop"));
    CHECK(c.usage->total_tokens == 25);
    CHECK_FALSE(c.usage->cost.is_present());
    CHECK(c.extra.empty());
    CHECK_FALSE(c.openrouter_metadata);
}

TEST_CASE("the documented response example (normalized finish reasons) decodes")
{
    const chat_completion c = decode_ok(R"({"id":"gen-xxxxxxxxxxxxxx","choices":[{
        "finish_reason":"stop","native_finish_reason":"stop",
        "message":{"role":"assistant","content":"Hello there!"}}],
        "usage":{"prompt_tokens":0,"completion_tokens":4,"total_tokens":4},
        "model":"openai/gpt-3.5-turbo"})");
    CHECK(c.choices.at(0).native_finish_reason == nullable<std::string>("stop"));
    CHECK(c.usage->completion_tokens == 4);
    CHECK(c.system_fingerprint.is_absent());
    CHECK(c.object.empty());
}

TEST_CASE("absent and null are told apart")
{
    const chat_completion c = decode_ok(R"({"choices":[
        {"index":0,"finish_reason":null,"message":{"role":"assistant","content":null}},
        {"index":1,"message":{"role":"assistant"}}],
        "system_fingerprint":null})");
    CHECK(c.system_fingerprint.is_null());
    CHECK(c.service_tier.is_absent());
    CHECK(c.choices[0].finish_reason.is_null());
    CHECK(c.choices[0].message.content.is_null());
    CHECK(c.choices[1].finish_reason.is_absent());
    CHECK(c.choices[1].message.content.is_absent());
    CHECK(c.choices[1].logprobs.is_absent());
    CHECK_FALSE(c.usage);

    // And both survive re-encoding.
    const auto out = to_json(c).as_object();
    CHECK(out.at("system_fingerprint").is_null());
    CHECK_FALSE(out.contains("service_tier"));
    CHECK(out.at("choices").at(0).at("message").at("content").is_null());
    CHECK(out.at("choices").at(0).at("finish_reason").is_null());
    CHECK_FALSE(out.at("choices").at(1).at("message").as_object().contains("content"));
    CHECK_FALSE(out.at("choices").at(1).as_object().contains("finish_reason"));
}

TEST_CASE("numbers are read leniently")
{
    const chat_completion c = decode_ok(R"({"created":1.7e9,"choices":[{"index":1.0,"message":{}}],
        "usage":{"prompt_tokens":12.0,"completion_tokens":3,"total_tokens":15,"cost":2,
                 "prompt_tokens_details":{"cached_tokens":null}}})");
    CHECK(c.created == 1700000000);
    CHECK(c.choices[0].index == 1);
    CHECK(c.usage->prompt_tokens == 12);
    CHECK(c.usage->cost == nullable<double>(2.0));
    CHECK_FALSE(c.usage->prompt_tokens_details->cached_tokens);

    // A fractional or out-of-range value is not an integer.
    CHECK(decode_error(R"({"choices":[],"usage":{"prompt_tokens":12.5}})") == "usage.prompt_tokens: expected integer");
    CHECK(decode_error(R"({"choices":[],"created":1e300})") == "created: expected integer");
    CHECK(decode_error(R"({"choices":[],"created":18446744073709551615})") == "created: expected integer");
    CHECK(decode_ok(R"({"choices":[],"created":9223372036854775807})").created == 9223372036854775807);
}

TEST_CASE("wrong shapes are rejected with a reason naming the path")
{
    CHECK(decode_error(R"([])") == "body: expected object");
    CHECK(decode_error(R"({"id":"x"})") == "choices: missing");
    CHECK(decode_error(R"({"choices":{}})") == "choices: expected array");
    CHECK(decode_error(R"({"choices":[1]})") == "choices[0]: expected object");
    CHECK(decode_error(R"({"choices":[{"message":{"content":5}}]})") ==
          "choices[0].message.content: expected string, array or null");
    CHECK(decode_error(R"({"choices":[{},{"message":{"content":[{"type":"text","text":1}]}}]})") ==
          "choices[1].message.content[0].text: expected string");
    CHECK(decode_error(R"({"choices":[{"message":{"content":[{"text":"no type"}]}}]})") ==
          "choices[0].message.content[0].type: expected string");
    CHECK(decode_error(R"({"choices":[],"usage":{"prompt_tokens":"10"}})") == "usage.prompt_tokens: expected integer");
    CHECK(decode_error(R"({"choices":[],"usage":[]})") == "usage: expected object or null");
    CHECK(decode_error(R"({"choices":[{"finish_reason":1}]})") == "choices[0].finish_reason: expected string or null");
    CHECK(decode_error(R"({"choices":[{"message":{"tool_calls":[{"function":{"arguments":1}}]}}]})") ==
          "choices[0].message.tool_calls[0].function.arguments: expected string");
    CHECK(decode_error(R"({"choices":[{"logprobs":{"content":[{"token":"a","logprob":"x"}]}}]})") ==
          "choices[0].logprobs.content[0].logprob: expected number");
    CHECK(decode_error(R"({"choices":[{"logprobs":{"content":[{"bytes":[1,"b"]}]}}]})") ==
          "choices[0].logprobs.content[0].bytes[1]: expected integer");
    CHECK(decode_error(R"({"choices":[],"usage":{"is_byok":"no"}})") == "usage.is_byok: expected boolean or null");
    CHECK(decode_error(R"({"choices":[],"openrouter_metadata":{"endpoints":{"available":[{"selected":1}]}}})") ==
          "openrouter_metadata.endpoints.available[0].selected: expected boolean");
    CHECK(decode_error(R"({"choices":[{"message":{"annotations":[{"url_citation":{"start_index":"0"}}]}}]})") ==
          "choices[0].message.annotations[0].url_citation.start_index: expected integer or null");
}

TEST_CASE("function arguments sent as an object are kept as JSON text")
{
    const chat_completion c = decode_ok(R"({"choices":[{"message":{"tool_calls":[
        {"id":"c","type":"function","function":{"name":"f","arguments":{"x":1}}}]}}]})");
    CHECK(c.choices[0].message.tool_calls[0].function.arguments == R"({"x":1})");
}

TEST_CASE("a stream delta decodes with the message and tool call readers")
{
    // The streaming decoder reuses these readers: fragments carry an index and partial text.
    message delta;
    std::string why;
    REQUIRE(
        detail::read_val(json::parse(R"({"tool_calls":[{"index":0,"function":{"arguments":"{\"ci"}}]})"), delta, why));
    CHECK(delta.role.empty());
    CHECK(delta.content.is_absent());
    REQUIRE(delta.tool_calls.size() == 1);
    CHECK(delta.tool_calls[0].index == 0);
    CHECK(delta.tool_calls[0].id.empty());
    CHECK(delta.tool_calls[0].type.empty());
    CHECK(delta.tool_calls[0].function.arguments == "{\"ci");
    CHECK(json::serialize(detail::to_value(delta.tool_calls[0], {})) ==
          R"({"index":0,"function":{"arguments":"{\"ci"}})");

    usage u;
    REQUIRE(detail::read_val(json::parse(R"({"prompt_tokens":1,"completion_tokens":2,"total_tokens":3})"), u, why));
    CHECK(u.total_tokens == 3);
}

TEST_CASE("public from_json does not throw and reports the reason")
{
    chat_completion c;
    std::string why;
    CHECK_FALSE(from_json(json::value("text"), c, why));
    CHECK(why == "body: expected object");
    message m;
    CHECK_FALSE(from_json(json::value(3), m, why));
    CHECK(why == "message: expected object");
    CHECK(from_json(json::parse(R"({"role":"user","content":"hi"})"), m, why));
    CHECK(why.empty());
    CHECK(m == message::user("hi"));
}

namespace {

// Every JSON pointer of a value (depth first), and the first path segment of each.
void collect_pointers(const json::value& v, const std::string& at, std::vector<std::string>& out)
{
    if (!at.empty())
        out.push_back(at);
    if (const json::object* o = v.if_object()) {
        for (const auto& kv : *o)
            collect_pointers(kv.value(), at + "/" + std::string(kv.key()), out);
    } else if (const json::array* a = v.if_array()) {
        for (std::size_t i = 0; i < a->size(); ++i)
            collect_pointers((*a)[i], at + "/" + std::to_string(i), out);
    }
}

}  // namespace

TEST_CASE("a value of the wrong kind anywhere gives false and a path, or a valid decode")
{
    const json::value original = json::parse(full_response);
    std::vector<std::string> pointers;
    collect_pointers(original, "", pointers);
    REQUIRE(pointers.size() > 150);

    const json::value replacements[] = {
        json::value(nullptr), json::value(true),          json::value(-1.5),          json::value(7),
        json::value("s"),     json::value(json::array{}), json::value(json::object{})};
    std::size_t rejected = 0;
    std::size_t accepted = 0;
    for (const auto& ptr : pointers) {
        for (const auto& r : replacements) {
            json::value mutated = original;
            mutated.at_pointer(ptr) = r;
            chat_completion c;
            std::string why;
            bool ok = false;
            REQUIRE_NOTHROW(ok = detail::read_chat_completion(mutated, c, why));
            if (ok) {
                ++accepted;
                CHECK(why.empty());
            } else {
                ++rejected;
                INFO(ptr << " -> " << json::serialize(r) << ": " << why);
                // The reason starts with the top-level key the pointer goes through.
                const std::string top = ptr.substr(1, ptr.find('/', 1) - 1);
                CHECK(why.rfind(top, 0) == 0);
                CHECK(why.find("expected ") != std::string::npos);
            }
        }
    }
    // Both outcomes happen: unknown keys and lenient fields accept, typed fields reject.
    CHECK(rejected > 100);
    CHECK(accepted > 100);
}
