// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// chat_accumulator: folding streamed deltas into the chat_completion a non-streaming call
// returns. Text concatenation, tool calls assembled by index, reasoning details merged by
// index and type, refusal, finish reasons, logprobs, usage, several choices, take()/clear(),
// the shape of a fresh choice, and chunks decoded by chunk_decoder folding into exactly the
// non-streaming response of the same answer.

#include <openrouter/chat_delta.hpp>

#include "json/chunk_decoder.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <string>
#include <variant>
#include <vector>

using namespace openrouter;
namespace json = boost::json;

namespace {

chat_delta text(std::int64_t choice, std::string content)
{
    chat_delta d;
    d.choice_index = choice;
    d.content = std::move(content);
    return d;
}

chat_delta calls(std::int64_t choice, std::vector<tool_call_delta> fragments)
{
    chat_delta d;
    d.choice_index = choice;
    d.tool_calls = std::move(fragments);
    return d;
}

tool_call_delta first_fragment(std::int64_t index, std::string id, std::string name)
{
    return {index, std::move(id), "function", std::move(name), ""};
}

tool_call_delta more_arguments(std::int64_t index, std::string piece)
{
    return {index, std::nullopt, std::nullopt, std::nullopt, std::move(piece)};
}

reasoning_detail make_detail(std::string type, std::optional<std::int64_t> index)
{
    reasoning_detail r;
    r.type = std::move(type);
    r.index = index;
    return r;
}

token_logprob token(std::string t, double lp)
{
    token_logprob x;
    x.token = std::move(t);
    x.logprob = lp;
    return x;
}

std::string content_of(const choice& c)
{
    REQUIRE(c.message.content.has_value());
    REQUIRE(std::holds_alternative<std::string>(c.message.content.value()));
    return std::get<std::string>(c.message.content.value());
}

}  // namespace

TEST_CASE("chat_accumulator: a fresh choice has the shape of a non-streamed message")
{
    chat_accumulator acc;
    chat_delta d;
    d.role = "assistant";
    acc.add(d);
    const chat_completion& c = acc.result();
    CHECK(c.object == "chat.completion");
    REQUIRE(c.choices.size() == 1);
    const choice& ch = c.choices[0];
    CHECK(ch.index == 0);
    CHECK(ch.message.role == "assistant");
    CHECK(content_of(ch).empty());  // content is a string, "" until text arrives
    CHECK(ch.message.refusal.is_null());
    CHECK(ch.message.reasoning.is_null());
    CHECK(ch.finish_reason.is_null());
    CHECK(ch.native_finish_reason.is_null());
    CHECK(ch.logprobs.is_null());
    CHECK(ch.message.tool_calls.empty());
    CHECK(ch.message.reasoning_details.empty());
    CHECK(ch.message.annotations.empty());
    CHECK(ch.message.images.empty());
    CHECK_FALSE(ch.error);
    CHECK_FALSE(c.usage);
    CHECK(c.system_fingerprint.is_absent());

    // The role is "assistant" even when no delta named it.
    chat_accumulator quiet;
    quiet.add(text(0, "x"));
    CHECK(quiet.result().choices.at(0).message.role == "assistant");
}

TEST_CASE("chat_accumulator: chunk-level fields are taken from the deltas that carry them")
{
    chat_accumulator acc;
    chat_delta a = text(0, "a");
    a.id = "gen-1";
    a.model = "openai/gpt-4o";
    a.provider = "OpenAI";
    a.created = 1700000000;
    a.system_fingerprint = "fp_1";
    acc.add(a);
    acc.add(text(0, "b"));  // empty id/model/provider and created 0 overwrite nothing
    const chat_completion& c = acc.result();
    CHECK(c.id == "gen-1");
    CHECK(c.model == "openai/gpt-4o");
    CHECK(c.provider == "OpenAI");
    CHECK(c.created == 1700000000);
    CHECK(c.system_fingerprint == nullable<std::string>("fp_1"));
}

TEST_CASE("chat_accumulator: a later delta with other chunk-level values replaces them")
{
    chat_accumulator acc;
    chat_delta a = text(0, "a");
    a.id = "gen-1";
    a.model = "m1";
    a.provider = "P1";
    a.system_fingerprint = "fp_1";
    a.role = "assistant";
    acc.add(a);
    acc.add(a);  // the same values again (compared, not copied)
    chat_delta b = text(0, "b");
    b.id = "gen-2";
    b.model = "m2";
    b.provider = "P2";
    b.system_fingerprint = "fp_2";
    b.role = "tool";
    acc.add(b);
    const chat_completion& c = acc.result();
    CHECK(c.id == "gen-2");
    CHECK(c.model == "m2");
    CHECK(c.provider == "P2");
    CHECK(c.system_fingerprint == nullable<std::string>("fp_2"));
    REQUIRE(c.choices.size() == 1);
    CHECK(c.choices[0].message.role == "tool");
    CHECK(content_of(c.choices[0]) == "aab");
}

TEST_CASE("chat_accumulator: content and reasoning are concatenated in order")
{
    chat_accumulator acc;
    chat_delta first;
    first.role = "assistant";
    first.reasoning = "Let me ";
    acc.add(first);
    chat_delta r2;
    r2.reasoning = "think.";
    acc.add(r2);
    for (const char* piece : {"Hel", "lo", "", ", ", "world\n", "\xc3\xa9"})
        acc.add(text(0, piece));
    const message& m = acc.result().choices.at(0).message;
    CHECK(content_of(acc.result().choices.at(0)) == "Hello, world\n\xc3\xa9");
    REQUIRE(m.reasoning.has_value());
    CHECK(m.reasoning.value() == "Let me think.");
    CHECK(m.refusal.is_null());
}

TEST_CASE("chat_accumulator: a refusal is concatenated and stays null when absent")
{
    chat_accumulator acc;
    chat_delta a;
    a.refusal = "I can";
    acc.add(a);
    chat_delta b;
    b.refusal = "not help.";
    acc.add(b);
    acc.add(text(0, ""));
    const message& m = acc.result().choices.at(0).message;
    REQUIRE(m.refusal.has_value());
    CHECK(m.refusal.value() == "I cannot help.");
    CHECK(m.reasoning.is_null());
}

TEST_CASE("chat_accumulator: tool calls are assembled by index")
{
    chat_accumulator acc;
    // Two calls whose fragments alternate; name and id only on each call's first fragment.
    acc.add(calls(0, {first_fragment(0, "call_a", "get_weather")}));
    acc.add(calls(0, {first_fragment(1, "call_b", "get_time")}));
    acc.add(calls(0, {more_arguments(0, "{\"city\":")}));
    acc.add(calls(0, {more_arguments(1, "{\"tz\":")}));
    acc.add(calls(0, {more_arguments(0, "\"Paris\"}"), more_arguments(1, "\"CET\"}")}));
    chat_delta fin;
    fin.finish_reason = "tool_calls";
    fin.native_finish_reason = "tool_use";
    acc.add(fin);

    const choice& ch = acc.result().choices.at(0);
    REQUIRE(ch.message.tool_calls.size() == 2);
    const tool_call& a = ch.message.tool_calls[0];
    const tool_call& b = ch.message.tool_calls[1];
    CHECK(a.id == "call_a");
    CHECK(a.type == "function");
    CHECK(a.function.name == "get_weather");
    CHECK(a.function.arguments == R"({"city":"Paris"})");
    CHECK_FALSE(a.index);  // like a non-streamed message: no index
    CHECK(b.id == "call_b");
    CHECK(b.function.name == "get_time");
    CHECK(b.function.arguments == R"({"tz":"CET"})");
    CHECK(ch.finish_reason == nullable<std::string>("tool_calls"));
    CHECK(ch.native_finish_reason == nullable<std::string>("tool_use"));
    CHECK(content_of(ch).empty());
}

TEST_CASE("chat_accumulator: tool calls are kept in index order whatever order they start in")
{
    chat_accumulator acc;
    acc.add(calls(0, {first_fragment(2, "call_c", "c")}));
    acc.add(calls(0, {first_fragment(0, "call_a", "a"), more_arguments(2, "{}")}));
    acc.add(calls(0, {more_arguments(0, "[1]")}));
    acc.add(calls(0, {first_fragment(1, "call_b", "b")}));
    acc.add(calls(0, {more_arguments(1, "\"b\"")}));
    const auto& tc = acc.result().choices.at(0).message.tool_calls;
    REQUIRE(tc.size() == 3);
    CHECK(tc[0].id == "call_a");
    CHECK(tc[0].function.arguments == "[1]");
    CHECK(tc[1].id == "call_b");
    CHECK(tc[1].function.arguments == "\"b\"");
    CHECK(tc[2].id == "call_c");
    CHECK(tc[2].function.arguments == "{}");
}

TEST_CASE("chat_accumulator: each choice has its own tool call indices")
{
    chat_accumulator acc;
    acc.add(calls(1, {first_fragment(0, "call_1", "one")}));
    acc.add(calls(0, {first_fragment(0, "call_0", "zero")}));
    acc.add(calls(1, {more_arguments(0, "{\"n\":1}")}));
    acc.add(calls(0, {more_arguments(0, "{\"n\":0}")}));
    const auto& cs = acc.result().choices;
    REQUIRE(cs.size() == 2);
    REQUIRE(cs[0].message.tool_calls.size() == 1);
    REQUIRE(cs[1].message.tool_calls.size() == 1);
    CHECK(cs[0].message.tool_calls[0].id == "call_0");
    CHECK(cs[0].message.tool_calls[0].function.arguments == "{\"n\":0}");
    CHECK(cs[1].message.tool_calls[0].id == "call_1");
    CHECK(cs[1].message.tool_calls[0].function.arguments == "{\"n\":1}");
}

TEST_CASE("chat_accumulator: a late id or type on a later fragment is taken")
{
    chat_accumulator acc;
    acc.add(calls(0, {more_arguments(0, "{")}));
    tool_call_delta late{0, "call_late", "function", "f", "}"};
    acc.add(calls(0, {late}));
    const auto& tc = acc.result().choices.at(0).message.tool_calls;
    REQUIRE(tc.size() == 1);
    CHECK(tc[0].id == "call_late");
    CHECK(tc[0].function.name == "f");
    CHECK(tc[0].function.arguments == "{}");
}

TEST_CASE("chat_accumulator: reasoning details are merged by index and type")
{
    chat_accumulator acc;
    auto add_details = [&](std::vector<reasoning_detail> ds) {
        chat_delta d;
        d.reasoning_details = std::move(ds);
        acc.add(d);
    };
    reasoning_detail t0 = make_detail("reasoning.text", 0);
    t0.text = "Let me ";
    t0.format = "anthropic-claude-v1";
    add_details({t0});
    reasoning_detail s1 = make_detail("reasoning.summary", 1);
    s1.summary = "Sum";
    s1.id = "rs_1";
    add_details({s1});
    reasoning_detail t0b = make_detail("reasoning.text", 0);
    t0b.text = "think.";
    t0b.signature = "sig==";
    reasoning_detail s1b = make_detail("reasoning.summary", 1);
    s1b.summary = "mary";
    add_details({t0b, s1b});
    reasoning_detail e2 = make_detail("reasoning.encrypted", 2);
    e2.data = "ZW5j";
    add_details({e2});
    reasoning_detail e2b = make_detail("reasoning.encrypted", 2);
    e2b.data = "cnlwdA==";
    e2b.id = "rs_2";
    add_details({e2b});
    // Same index, another type: a separate detail. No index: never merged.
    reasoning_detail other = make_detail("reasoning.encrypted", 0);
    other.data = "X";
    reasoning_detail loose = make_detail("reasoning.text", std::nullopt);
    loose.text = "a";
    reasoning_detail loose2 = make_detail("reasoning.text", std::nullopt);
    loose2.text = "b";
    add_details({other, loose, loose2});

    const auto& rd = acc.result().choices.at(0).message.reasoning_details;
    REQUIRE(rd.size() == 6);
    CHECK(rd[0].type == "reasoning.text");
    CHECK(rd[0].text == nullable<std::string>("Let me think."));
    CHECK(rd[0].signature == nullable<std::string>("sig=="));
    CHECK(rd[0].format == nullable<std::string>("anthropic-claude-v1"));  // kept from the first
    CHECK(rd[0].index == 0);
    CHECK(rd[1].summary == "Summary");
    CHECK(rd[1].id == nullable<std::string>("rs_1"));
    CHECK(rd[2].data == "ZW5jcnlwdA==");
    CHECK(rd[2].id == nullable<std::string>("rs_2"));  // taken from the newest fragment
    CHECK(rd[3].type == "reasoning.encrypted");
    CHECK(rd[3].index == 0);
    CHECK(rd[3].data == "X");
    CHECK(rd[4].text == nullable<std::string>("a"));
    CHECK(rd[5].text == nullable<std::string>("b"));
}

TEST_CASE("chat_accumulator: finish reasons are set by the delta that carries them")
{
    chat_accumulator acc;
    acc.add(text(0, "a"));
    CHECK(acc.result().choices.at(0).finish_reason.is_null());
    chat_delta fin = text(0, "");
    fin.finish_reason = "length";
    fin.native_finish_reason = "max_tokens";
    acc.add(fin);
    acc.add(text(0, ""));  // a later delta without a reason does not clear it
    const choice& ch = acc.result().choices.at(0);
    CHECK(ch.finish_reason == nullable<std::string>("length"));
    CHECK(ch.native_finish_reason == nullable<std::string>("max_tokens"));
}

TEST_CASE("chat_accumulator: logprobs are appended")
{
    chat_accumulator acc;
    acc.add(text(0, "Hi"));
    CHECK(acc.result().choices.at(0).logprobs.is_null());

    chat_delta a = text(0, "Hel");
    a.logprobs.emplace().content = std::vector<token_logprob>{token("Hel", -0.5)};
    acc.add(a);
    chat_delta b = text(0, "lo");
    b.logprobs.emplace().content = std::vector<token_logprob>{token("lo", -0.25), token("!", -1.0)};
    acc.add(b);
    chat_delta r;
    r.logprobs.emplace().refusal = std::vector<token_logprob>{token("No", -2.0)};
    acc.add(r);
    acc.add(text(0, ""));  // no logprobs: nothing appended

    const choice& ch = acc.result().choices.at(0);
    REQUIRE(ch.logprobs.has_value());
    REQUIRE(ch.logprobs->content.has_value());
    const auto& toks = ch.logprobs->content.value();
    REQUIRE(toks.size() == 3);
    CHECK(toks[0] == token("Hel", -0.5));
    CHECK(toks[1] == token("lo", -0.25));
    CHECK(toks[2] == token("!", -1.0));
    REQUIRE(ch.logprobs->refusal.has_value());
    REQUIRE(ch.logprobs->refusal->size() == 1);
    CHECK(ch.logprobs->refusal->at(0).token == "No");
}

TEST_CASE("chat_accumulator: usage comes from the usage-only delta and creates no choice")
{
    chat_accumulator acc;
    acc.add(text(0, "answer"));
    chat_delta u;
    u.has_no_choice = true;
    u.id = "gen-u";
    u.usage.emplace();
    u.usage->prompt_tokens = 10;
    u.usage->completion_tokens = 3;
    u.usage->total_tokens = 13;
    u.usage->cost = 0.0001;
    acc.add(u);
    const chat_completion& c = acc.result();
    REQUIRE(c.choices.size() == 1);
    CHECK(content_of(c.choices[0]) == "answer");
    REQUIRE(c.usage);
    CHECK(*c.usage == *u.usage);
    CHECK(c.id == "gen-u");

    chat_accumulator only_usage;
    only_usage.add(u);
    CHECK(only_usage.result().choices.empty());
    CHECK(only_usage.result().usage == u.usage);
}

TEST_CASE("chat_accumulator: several choices are kept sorted by index")
{
    chat_accumulator acc;
    acc.add(text(2, "c1"));
    acc.add(text(0, "a1"));
    acc.add(text(2, "c2"));
    acc.add(text(1, "b1"));
    acc.add(text(0, "a2"));
    chat_delta fin1 = text(1, "b2");
    fin1.finish_reason = "stop";
    acc.add(fin1);
    const auto& cs = acc.result().choices;
    REQUIRE(cs.size() == 3);
    CHECK(cs[0].index == 0);
    CHECK(cs[1].index == 1);
    CHECK(cs[2].index == 2);
    CHECK(content_of(cs[0]) == "a1a2");
    CHECK(content_of(cs[1]) == "b1b2");
    CHECK(content_of(cs[2]) == "c1c2");
    CHECK(cs[0].finish_reason.is_null());
    CHECK(cs[1].finish_reason == nullable<std::string>("stop"));
}

TEST_CASE("chat_accumulator: annotations images and unknown keys are kept")
{
    chat_accumulator acc;
    chat_delta a = text(0, "see");
    annotation cite;
    cite.type = "url_citation";
    cite.url_citation.emplace().url = "https://www.example.com/a";
    a.annotations = {cite};
    generated_image img;
    img.url = "data:image/png;base64,AAAA";
    a.images = {img};
    a.extra = json::parse(R"({"x_one": 1})").as_object();
    acc.add(a);
    chat_delta b = text(0, "");
    annotation file;
    file.type = "file";
    b.annotations = {file};
    generated_image img2;
    img2.url = "data:image/png;base64,BBBB";
    b.images = {img2};
    b.extra = json::parse(R"({"x_two": [2]})").as_object();
    acc.add(b);
    const choice& ch = acc.result().choices.at(0);
    REQUIRE(ch.message.annotations.size() == 2);
    CHECK(ch.message.annotations[0] == cite);
    CHECK(ch.message.annotations[1] == file);
    REQUIRE(ch.message.images.size() == 2);
    CHECK(ch.message.images[0].url == "data:image/png;base64,AAAA");
    CHECK(ch.message.images[1].url == "data:image/png;base64,BBBB");
    CHECK(json::serialize(ch.extra) == R"({"x_one":1,"x_two":[2]})");
}

TEST_CASE("chat_accumulator: take() moves the result out and starts over")
{
    chat_accumulator acc;
    chat_delta a = text(0, "first");
    a.id = "gen-1";
    a.tool_calls = {first_fragment(0, "call_1", "f")};
    acc.add(a);
    const chat_completion got = acc.take();
    CHECK(got.id == "gen-1");
    REQUIRE(got.choices.size() == 1);
    CHECK(content_of(got.choices[0]) == "first");
    CHECK(acc.result() == chat_completion{});

    // Nothing of the first answer survives, the tool call order included.
    acc.add(calls(0, {more_arguments(0, "{}")}));
    const chat_completion& again = acc.result();
    CHECK(again.object == "chat.completion");
    CHECK(again.id.empty());
    REQUIRE(again.choices.size() == 1);
    CHECK(content_of(again.choices[0]).empty());
    REQUIRE(again.choices[0].message.tool_calls.size() == 1);
    CHECK(again.choices[0].message.tool_calls[0].id.empty());
    CHECK(again.choices[0].message.tool_calls[0].function.arguments == "{}");
}

TEST_CASE("chat_accumulator: clear() forgets everything")
{
    chat_accumulator acc;
    chat_delta a = calls(1, {first_fragment(3, "call_x", "x")});
    a.model = "m";
    acc.add(a);
    acc.clear();
    CHECK(acc.result() == chat_completion{});
    acc.add(calls(1, {more_arguments(0, "a")}));
    const auto& cs = acc.result().choices;
    REQUIRE(cs.size() == 1);
    CHECK(cs[0].index == 1);
    CHECK(acc.result().model.empty());
    REQUIRE(cs[0].message.tool_calls.size() == 1);  // index 3 of before is gone
    CHECK(cs[0].message.tool_calls[0].function.arguments == "a");
}

TEST_CASE("chat_accumulator: decoded chunks fold into the non-streaming response of the same answer")
{
    // Two choices (n = 2) streamed in the emulator's shapes: role on each choice's first delta,
    // reasoning with reasoning_details, content by words, a tool call in fragments, the finish
    // delta, and the usage chunk; then the response a non-streaming call returns for it.
    const char* head = R"("id":"gen-42","provider":"Emulator","model":"emulator/reasoning",)"
                       R"("object":"chat.completion.chunk","created":1700000000,"system_fingerprint":"fp_emu",)";
    auto chunk = [&](std::string choices) { return std::string("{") + head + R"("choices":[)" + choices + "]}"; };
    auto choice = [](int i, std::string delta, std::string finish = "null") {
        return R"({"index":)" + std::to_string(i) + R"(,"delta":)" + delta + R"(,"finish_reason":)" + finish +
               R"(,"native_finish_reason":)" + finish + R"(,"logprobs":null})";
    };
    const std::vector<std::string> events{
        chunk(choice(
            0, R"({"role":"assistant","content":"","reasoning":"Think ",)"
               R"("reasoning_details":[{"type":"reasoning.text","text":"Think ","format":"unknown","index":0}]})")),
        chunk(choice(1, R"({"role":"assistant","content":"Second"})")),
        chunk(choice(
            0, R"({"content":"","reasoning":"hard.",)"
               R"("reasoning_details":[{"type":"reasoning.text","text":"hard.","format":"unknown","index":0}]})")),
        chunk(choice(0, R"({"content":"The "})") + "," + choice(1, R"({"content":" answer"})")),
        chunk(choice(0, R"({"content":"answer\u00e9"})")),
        chunk(choice(1, R"({"tool_calls":[{"index":0,"id":"call_7","type":"function",)"
                        R"("function":{"name":"lookup","arguments":""}}]})")),
        chunk(choice(1, R"({"tool_calls":[{"index":0,"function":{"arguments":"{\"q\":"}}]})")),
        chunk(choice(1, R"({"tool_calls":[{"index":0,"function":{"arguments":"\"x\"}"}}]})")),
        chunk(choice(0, R"({"content":""})", R"("stop")")),
        chunk(choice(1, R"({"content":""})", R"("tool_calls")")),
        std::string("{") + head +
            R"("choices":[],"usage":{"prompt_tokens":9,"completion_tokens":7,"total_tokens":16,"cost":0.000023,)"
            R"("is_byok":false,"completion_tokens_details":{"reasoning_tokens":2,"image_tokens":0}}})",
    };
    const char* whole = R"({"id":"gen-42","provider":"Emulator","model":"emulator/reasoning",
      "object":"chat.completion","created":1700000000,"system_fingerprint":"fp_emu",
      "choices":[
        {"index":0,"finish_reason":"stop","native_finish_reason":"stop","logprobs":null,
         "message":{"role":"assistant","content":"The answer\u00e9","refusal":null,"reasoning":"Think hard.",
                    "reasoning_details":[{"type":"reasoning.text","text":"Think hard.","format":"unknown","index":0}]}},
        {"index":1,"finish_reason":"tool_calls","native_finish_reason":"tool_calls","logprobs":null,
         "message":{"role":"assistant","content":"Second answer","refusal":null,"reasoning":null,
                    "tool_calls":[{"id":"call_7","type":"function","function":{"name":"lookup","arguments":"{\"q\":\"x\"}"}}]}}],
      "usage":{"prompt_tokens":9,"completion_tokens":7,"total_tokens":16,"cost":0.000023,"is_byok":false,
               "completion_tokens_details":{"reasoning_tokens":2,"image_tokens":0}}})";

    chat_completion want;
    std::string why;
    REQUIRE(from_json(json::parse(whole), want, why));

    detail::chunk_decoder dec;
    chat_accumulator acc;
    std::vector<chat_delta> deltas;
    for (const auto& e : events) {
        INFO(e);
        REQUIRE(dec.decode(e, deltas) == detail::chunk_decoder::result::ok);
    }
    CHECK(deltas.size() == events.size() + 1);  // one event carries two choices
    for (const auto& d : deltas)
        acc.add(d);
    const chat_completion got = acc.take();
    if (!(got == want))
        FAIL_CHECK("got:  " << json::serialize(to_json(got)) << "\nwant: " << json::serialize(to_json(want)));
    CHECK(got == want);
}
