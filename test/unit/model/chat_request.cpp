// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// chat_request encoding: every field, unset fields absent, `extra` merging, the "stream" flag.

#include <openrouter/chat_request.hpp>

#include "json/chat_codec.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <catch2/catch.hpp>

#include <limits>
#include <string>

using namespace openrouter;
namespace json = boost::json;

namespace {

json::value encode(const chat_request& r, bool stream = false)
{
    std::string out;
    detail::write_chat_request(r, stream, out);
    return json::parse(out);
}

chat_request request_with_every_field()
{
    chat_request r;
    r.messages.push_back(message::system("You are a helpful assistant."));
    r.messages.push_back(message::user("What is the capital of France?"));
    r.model = "openai/gpt-4";
    r.models = std::vector<std::string>{"anthropic/claude-3.5-sonnet", "gryphe/mythomax-l2-13b"};
    r.max_tokens = 150;
    r.max_completion_tokens = 100;
    r.temperature = 0.75;
    r.top_p = 0.5;
    r.top_k = 40;
    r.frequency_penalty = 0.25;
    r.presence_penalty = -0.5;
    r.repetition_penalty = 1.125;
    r.min_p = 0.125;
    r.top_a = 0.0625;
    r.seed = 42;
    r.logit_bias = std::map<std::int64_t, double>{{50256, -100.0}, {11, 2.5}};
    r.logprobs = true;
    r.top_logprobs = 5;
    r.stop = std::vector<std::string>{"\n", "END"};
    r.prediction = prediction{"content", std::string("Paris")};

    r.tools = std::vector<tool>{
        tool::make_function("get_weather", "Get weather",
                            json::parse(R"({"type":"object","properties":{"city":{"type":"string"}}})").as_object()),
        tool::server("openrouter:web_search", json::parse(R"({"max_results":3})").as_object())};
    r.tools->front().function.strict = true;
    r.tools->front().cache_control = cache_control{"ephemeral", {}};
    r.tool_choice = tool_choice::required();
    r.parallel_tool_calls = false;
    r.response_format = response_format::json_schema_format("answer", json::parse(R"({"type":"object"})").as_object(),
                                                            true, std::string("An answer"));
    r.structured_outputs = true;
    r.modalities = std::vector<std::string>{"text", "image"};
    r.image_config = json::parse(R"({"aspect_ratio":"16:9"})").as_object();
    stop_condition sc;
    sc.type = "step_count_is";
    sc.step_count = 3;
    stop_condition cost;
    cost.type = "max_cost";
    cost.max_cost_in_dollars = 0.5;
    r.stop_server_tools_when = std::vector<stop_condition>{sc, cost};

    reasoning_config rc;
    rc.effort = "high";
    rc.max_tokens = 2000;
    rc.exclude = false;
    rc.enabled = true;
    rc.summary = "concise";
    r.reasoning = rc;
    r.reasoning_effort = "medium";

    provider_preferences p;
    p.order = std::vector<std::string>{"Anthropic", "OpenAI"};
    p.allow_fallbacks = false;
    p.require_parameters = true;
    p.data_collection = "deny";
    p.zdr = true;
    p.enforce_distillable_text = false;
    p.only = std::vector<std::string>{"openai"};
    p.ignore = std::vector<std::string>{"deepinfra"};
    p.quantizations = std::vector<std::string>{"fp8", "bf16"};
    p.sort = provider_sort_config{"throughput", "none"};
    max_price mp;
    mp.prompt = "1";
    mp.completion = "2";
    mp.image = "0.01";
    mp.audio = "0.02";
    mp.request = "0.5";
    p.max_price = mp;
    p.preferred_min_throughput = 50.0;
    p.preferred_max_latency = percentile_cutoffs{1.5, std::nullopt, 3.0, std::nullopt};
    r.provider = p;
    r.route = "fallback";
    r.transforms = std::vector<std::string>{"middle-out"};
    plugin web = plugin::web(3, std::string("Results:"), std::string("exa"));
    web.include_domains = std::vector<std::string>{"example.com"};
    web.exclude_domains = std::vector<std::string>{"spam.com"};
    web.max_uses = 2;
    web.mode = "fast";
    web.enabled = true;
    plugin router;
    router.id = "auto-router";
    router.extra["allowed_models"] = json::array{"openai/*"};
    r.plugins = std::vector<plugin>{web,
                                    plugin::file_parser("pdf-text"),
                                    plugin::moderation(),
                                    plugin::response_healing(),
                                    plugin::context_compression(),
                                    router};
    max_price top;
    top.prompt = "3";
    r.max_price = top;
    r.service_tier = "flex";

    r.usage_include = true;
    r.stream_include_usage = true;
    r.cache_control = cache_control{"ephemeral", "5m"};
    r.prompt_cache_key = "conv-1";
    r.prompt_cache_options = prompt_cache_options{"explicit", std::string("1h")};
    r.user = "user-123";
    r.session_id = "session-456";
    r.metadata = std::map<std::string, std::string>{{"user_id", "user-123"}, {"k", "v"}};
    r.debug_echo_upstream_body = true;
    trace_config t;
    t.trace_id = "t1";
    t.trace_name = "tn";
    t.span_name = "sn";
    t.generation_name = "gn";
    t.parent_span_id = "ps";
    t.extra["env"] = "test";
    r.trace = t;
    return r;
}

}  // namespace

TEST_CASE("a request with every field encodes every key and value")
{
    const json::value expected = json::parse(R"({
        "messages": [
            {"role": "system", "content": "You are a helpful assistant."},
            {"role": "user", "content": "What is the capital of France?"}],
        "model": "openai/gpt-4",
        "models": ["anthropic/claude-3.5-sonnet", "gryphe/mythomax-l2-13b"],
        "max_tokens": 150, "max_completion_tokens": 100,
        "temperature": 0.75, "top_p": 0.5, "top_k": 40,
        "frequency_penalty": 0.25, "presence_penalty": -0.5, "repetition_penalty": 1.125,
        "min_p": 0.125, "top_a": 0.0625, "seed": 42,
        "logit_bias": {"11": 2.5, "50256": -100.0},
        "logprobs": true, "top_logprobs": 5,
        "stop": ["\n", "END"],
        "prediction": {"type": "content", "content": "Paris"},
        "tools": [
            {"type": "function",
             "function": {"name": "get_weather", "description": "Get weather",
                          "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
                          "strict": true},
             "cache_control": {"type": "ephemeral"}},
            {"type": "openrouter:web_search", "parameters": {"max_results": 3}}],
        "tool_choice": "required",
        "parallel_tool_calls": false,
        "response_format": {"type": "json_schema",
                            "json_schema": {"name": "answer", "description": "An answer",
                                            "schema": {"type": "object"}, "strict": true}},
        "structured_outputs": true,
        "modalities": ["text", "image"],
        "image_config": {"aspect_ratio": "16:9"},
        "stop_server_tools_when": [{"type": "step_count_is", "step_count": 3},
                                   {"type": "max_cost", "max_cost_in_dollars": 0.5}],
        "reasoning": {"effort": "high", "max_tokens": 2000, "exclude": false, "enabled": true,
                      "summary": "concise"},
        "reasoning_effort": "medium",
        "provider": {
            "order": ["Anthropic", "OpenAI"], "allow_fallbacks": false, "require_parameters": true,
            "data_collection": "deny", "zdr": true, "enforce_distillable_text": false,
            "only": ["openai"], "ignore": ["deepinfra"], "quantizations": ["fp8", "bf16"],
            "sort": {"by": "throughput", "partition": "none"},
            "max_price": {"prompt": "1", "completion": "2", "image": "0.01", "audio": "0.02",
                          "request": "0.5"},
            "preferred_min_throughput": 50.0,
            "preferred_max_latency": {"p50": 1.5, "p90": 3.0}},
        "route": "fallback",
        "transforms": ["middle-out"],
        "plugins": [
            {"id": "web", "enabled": true, "max_results": 3, "search_prompt": "Results:",
             "engine": "exa", "include_domains": ["example.com"], "exclude_domains": ["spam.com"],
             "max_uses": 2, "mode": "fast"},
            {"id": "file-parser", "pdf": {"engine": "pdf-text"}},
            {"id": "moderation"},
            {"id": "response-healing"},
            {"id": "context-compression", "engine": "middle-out"},
            {"id": "auto-router", "allowed_models": ["openai/*"]}],
        "max_price": {"prompt": "3"},
        "service_tier": "flex",
        "usage": {"include": true},
        "stream_options": {"include_usage": true},
        "cache_control": {"type": "ephemeral", "ttl": "5m"},
        "prompt_cache_key": "conv-1",
        "prompt_cache_options": {"mode": "explicit", "ttl": "1h"},
        "user": "user-123",
        "session_id": "session-456",
        "metadata": {"k": "v", "user_id": "user-123"},
        "debug": {"echo_upstream_body": true},
        "trace": {"trace_id": "t1", "trace_name": "tn", "span_name": "sn", "generation_name": "gn",
                  "parent_span_id": "ps", "env": "test"}
    })");
    const json::value got = encode(request_with_every_field());
    // Key by key first, so that a mismatch names the field.
    const auto& g = got.as_object();
    const auto& e = expected.as_object();
    for (const auto& kv : e) {
        INFO("key " << kv.key());
        REQUIRE(g.contains(kv.key()));
        CHECK(json::serialize(g.at(kv.key())) == json::serialize(kv.value()));
        CHECK(g.at(kv.key()) == kv.value());
    }
    for (const auto& kv : g) {
        INFO("unexpected key " << kv.key());
        CHECK(e.contains(kv.key()));
    }
    CHECK(got == expected);
    CHECK_FALSE(g.contains("stream"));
}

TEST_CASE("the OpenAPI ChatRequest example encodes exactly")
{
    chat_request r;
    r.max_tokens = 150;
    r.messages = {message::system("You are a helpful assistant."), message::user("What is the capital of France?")};
    r.model = "openai/gpt-4";
    r.temperature = 0.7;
    CHECK(encode(r) == json::parse(R"({"max_tokens":150,"messages":[
        {"content":"You are a helpful assistant.","role":"system"},
        {"content":"What is the capital of France?","role":"user"}],
        "model":"openai/gpt-4","temperature":0.7})"));
}

TEST_CASE("unset fields are not sent")
{
    chat_request r;
    r.messages.push_back(message::user("hi"));
    CHECK(encode(r) == json::parse(R"({"messages":[{"role":"user","content":"hi"}]})"));

    // Empty nested configurations write only what is set.
    r.provider.emplace();
    r.reasoning.emplace();
    r.provider->sort = std::string("price");
    CHECK(encode(r) == json::parse(R"({"messages":[{"role":"user","content":"hi"}],
                                       "provider":{"sort":"price"},"reasoning":{}})"));

    // An empty message list is still written: the API answers with a clear 400.
    CHECK(encode(chat_request{}) == json::parse(R"({"messages":[]})"));
}

TEST_CASE("stream: true is added only when asked, and only the argument controls it")
{
    chat_request r;
    r.messages.push_back(message::user("hi"));
    CHECK(encode(r, true).as_object().at("stream") == true);
    CHECK_FALSE(encode(r, false).as_object().contains("stream"));

    r.extra["stream"] = true;  // extra cannot turn a JSON request into a stream
    CHECK_FALSE(encode(r, false).as_object().contains("stream"));
    r.extra["stream"] = false;
    CHECK(encode(r, true).as_object().at("stream") == true);
}

TEST_CASE("extra is merged into the body, adding and replacing keys")
{
    chat_request r;
    r.messages.push_back(message::user("hi"));
    r.model = "a/b";
    r.temperature = 1.0;
    r.extra["model"] = "c/d";          // replaces
    r.extra["verbosity"] = "low";      // adds
    r.extra["temperature"] = nullptr;  // explicit null
    r.extra["provider"] = json::object{{"require", json::array{"Anthropic"}}};
    const json::value got = encode(r);
    CHECK(got == json::parse(R"({"messages":[{"role":"user","content":"hi"}],"model":"c/d",
        "temperature":null,"verbosity":"low","provider":{"require":["Anthropic"]}})"));
}

TEST_CASE("stop, sort and latency accept both of their forms")
{
    chat_request r;
    r.stop = std::string("END");
    r.provider.emplace();
    r.provider->sort = std::string("latency");
    r.provider->preferred_max_latency = 2.5;
    r.provider->preferred_min_throughput = percentile_cutoffs{std::nullopt, 10.0, std::nullopt, 1.0};
    const auto got = encode(r).as_object();
    CHECK(got.at("stop") == "END");
    CHECK(got.at("provider") == json::parse(R"({"sort":"latency","preferred_min_throughput":{"p75":10.0,"p99":1.0},
                                               "preferred_max_latency":2.5})"));
}

TEST_CASE("tool_choice and response_format encode every form")
{
    auto tc = [](tool_choice c) {
        chat_request r;
        r.tool_choice = c;
        return encode(r).as_object().at("tool_choice");
    };
    CHECK(tc(tool_choice::none()) == "none");
    CHECK(tc(tool_choice::automatic()) == "auto");
    CHECK(tc(tool_choice::required()) == "required");
    CHECK(tc(tool_choice::function("get_weather")) ==
          json::parse(R"({"type":"function","function":{"name":"get_weather"}})"));
    CHECK(tc(tool_choice::server_tool("openrouter:web_search")) == json::parse(R"({"type":"openrouter:web_search"})"));

    auto rf = [](response_format f) {
        chat_request r;
        r.response_format = std::move(f);
        return encode(r).as_object().at("response_format");
    };
    CHECK(rf(response_format::text()) == json::parse(R"({"type":"text"})"));
    CHECK(rf(response_format::json_object()) == json::parse(R"({"type":"json_object"})"));
    CHECK(rf(response_format::grammar_format("root ::= \"x\"")) ==
          json::parse(R"({"type":"grammar","grammar":"root ::= \"x\""})"));
    CHECK(rf(response_format::python()) == json::parse(R"({"type":"python"})"));
    CHECK(rf(response_format::json_schema_format("n", json::object{}, std::nullopt)) ==
          json::parse(R"({"type":"json_schema","json_schema":{"name":"n","schema":{}}})"));
}

TEST_CASE("a conversation with tool calls, tool results and a prefill encodes in order")
{
    chat_request r;
    r.messages.push_back(message::user("Weather in Paris?"));
    tool_call call;
    call.id = "call_1";
    call.function.name = "get_weather";
    call.function.arguments = R"({"city":"Paris"})";
    r.messages.push_back(message::assistant(std::vector<tool_call>{call}));
    r.messages.push_back(message::tool("call_1", R"({"temp":21})"));
    r.messages.push_back(message::assistant("It is"));  // prefill
    CHECK(encode(r).as_object().at("messages") == json::parse(R"([
        {"role":"user","content":"Weather in Paris?"},
        {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
            "function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
        {"role":"tool","content":"{\"temp\":21}","tool_call_id":"call_1"},
        {"role":"assistant","content":"It is"}])"));
}

TEST_CASE("public to_json and value_from agree with the client's encoder")
{
    const chat_request r = request_with_every_field();
    const json::value a = to_json(r);
    const json::value b = json::value_from(r);
    CHECK(a == b);
    CHECK(a == encode(r));
    CHECK(json::value_from(message::user("x")) == to_json(message::user("x")));
}

TEST_CASE("strings are escaped on the wire")
{
    chat_request r;
    r.messages.push_back(message::user("quote \" backslash \\ newline \n nul \x01 \xC3\xA9"));
    std::string out;
    detail::write_chat_request(r, false, out);
    CHECK(out.find(R"(quote \" backslash \\ newline \n nul \u0001 )") != std::string::npos);
    CHECK(json::parse(out).at("messages").at(0).at("content") == "quote \" backslash \\ newline \n nul \x01 \xC3\xA9");
}

TEST_CASE("write_chat_request appends to the output")
{
    chat_request r;
    r.messages.push_back(message::user("hi"));
    std::string out = "prefix:";
    detail::write_chat_request(r, false, out);
    CHECK(out == R"(prefix:{"messages":[{"role":"user","content":"hi"}]})");
}

TEST_CASE("validate catches what the SDK can know is wrong before sending")
{
    std::string why;
    chat_request r;
    CHECK_FALSE(validate(r, why));
    CHECK(why == "messages: at least one message is required");

    r.messages.push_back(message::user("hi"));
    CHECK(validate(r, why));
    CHECK(why.empty());
    CHECK(validate(request_with_every_field(), why));

    r.messages.push_back(message{});
    CHECK_FALSE(validate(r, why));
    CHECK(why == "messages[1].role: missing");
    r.messages.back() = message::tool("", "result");
    CHECK_FALSE(validate(r, why));
    CHECK(why == "messages[1].tool_call_id: missing");
    r.messages.back().tool_call_id = "call_1";
    CHECK(validate(r, why));

    r.tools = std::vector<tool>{tool{}};
    CHECK_FALSE(validate(r, why));
    CHECK(why == "tools[0].function.name: missing");
    r.tools->front().function.name = "f";
    CHECK(validate(r, why));

    r.tool_choice = tool_choice::function("");
    CHECK_FALSE(validate(r, why));
    CHECK(why.rfind("tool_choice: ", 0) == 0);
    r.tool_choice = tool_choice::function("f");

    r.response_format = response_format{};
    r.response_format->type = "json_schema";
    CHECK_FALSE(validate(r, why));
    CHECK(why == "response_format.json_schema.name: missing");
    r.response_format = response_format::json_object();
    CHECK(validate(r, why));

    r.temperature = std::numeric_limits<double>::quiet_NaN();
    CHECK_FALSE(validate(r, why));
    CHECK(why == "temperature: not a finite number");
    r.temperature = 1.0;
    r.logit_bias = std::map<std::int64_t, double>{{7, std::numeric_limits<double>::infinity()}};
    CHECK_FALSE(validate(r, why));
    CHECK(why == "logit_bias.7: not a finite number");
    r.logit_bias.reset();
    r.provider.emplace();
    r.provider->preferred_max_latency =
        percentile_cutoffs{std::nullopt, std::nullopt, std::nullopt, -std::numeric_limits<double>::infinity()};
    CHECK_FALSE(validate(r, why));
    CHECK(why == "provider.preferred_max_latency: not a finite number");
    r.provider.reset();
    CHECK(validate(r, why));
}
