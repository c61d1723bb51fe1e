// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Responses API codecs: the request body and the OpenResponsesResult decoding.

#include <openrouter/responses.hpp>

#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

namespace json = boost::json;

TEST_CASE("responses: request body with typed fields items tools and extra")
{
    openrouter::responses_request r;
    r.model = "m";
    r.models = {"a", "b"};
    r.input = std::vector<openrouter::response_input_item>{
        openrouter::response_input_item::user("hi"),
        openrouter::response_input_item::function_call("c1", "f", R"({"x":1})"),
        openrouter::response_input_item::function_call_output("c1", "42"),
    };
    r.instructions = std::string("be brief");
    openrouter::response_tool t;
    t.name = "f";
    t.description = "does f";
    t.parameters = json::object{{"type", "object"}};
    r.tools.push_back(t);
    r.tool_choice = json::value("auto");
    r.reasoning = openrouter::response_reasoning{};
    r.reasoning->effort = "high";
    r.max_output_tokens = 100;
    r.temperature.set_null();
    r.top_p = 0.5;
    r.text = openrouter::response_text_config{};
    r.text->format = json::object{{"type", "text"}};
    r.store = false;
    r.metadata = json::object{{"k", "v"}};
    r.plugins.push_back(json::object{{"id", "web"}});
    r.extra["top_k"] = 3;
    auto o = openrouter::to_json(r, true).as_object();
    CHECK(o.at("model") == "m");
    CHECK(o.at("models") == json::parse(R"(["a","b"])"));
    CHECK(o.at("input") == json::parse(R"([{"type":"message","role":"user","content":"hi"},
        {"type":"function_call","call_id":"c1","name":"f","arguments":"{\"x\":1}"},
        {"type":"function_call_output","call_id":"c1","output":"42"}])"));
    CHECK(o.at("instructions") == "be brief");
    CHECK(o.at("tools") ==
          json::parse(R"([{"type":"function","name":"f","description":"does f","parameters":{"type":"object"}}])"));
    CHECK(o.at("tool_choice") == "auto");
    CHECK(o.at("reasoning") == json::parse(R"({"effort":"high"})"));
    CHECK(o.at("max_output_tokens") == 100);
    CHECK(o.at("temperature").is_null());
    CHECK(o.at("top_p") == 0.5);
    CHECK(o.at("text") == json::parse(R"({"format":{"type":"text"}})"));
    CHECK(o.at("store") == false);
    CHECK(o.at("metadata").at("k") == "v");
    CHECK(o.at("plugins").at(0).at("id") == "web");
    CHECK(o.at("stream") == true);
    CHECK(o.at("top_k") == 3);
    CHECK_FALSE(o.contains("previous_response_id"));

    openrouter::responses_request s;
    s.model = "m";
    s.input = "plain";
    auto so = openrouter::to_json(s).as_object();
    CHECK(so.size() == 2);
    CHECK(so.at("input") == "plain");
}

TEST_CASE("responses: result decoding of messages reasoning function calls usage and unknown fields")
{
    auto v = json::parse(R"({"id":"r1","object":"response","created_at":1,"completed_at":2,"model":"m",
        "status":"completed","error":null,"incomplete_details":null,"tool_choice":"auto","future":1,
        "output":[
          {"type":"reasoning","id":"rs1","summary":[{"type":"summary_text","text":"think"}],"encrypted_content":null},
          {"type":"message","id":"msg1","role":"assistant","status":"completed","content":[
             {"type":"output_text","text":"Hello ","annotations":[]},{"type":"refusal","refusal":"no"},
             {"type":"output_text","text":"world","annotations":[{"type":"url_citation"}],"logprobs":[]}]},
          {"type":"function_call","id":"fc1","call_id":"c1","name":"f","arguments":"{}","status":"completed"},
          {"type":"web_search_call","id":"ws1","status":"completed","action":{"query":"q"}}],
        "usage":{"input_tokens":3,"input_tokens_details":{"cached_tokens":1},"output_tokens":4,
                 "output_tokens_details":{"reasoning_tokens":2},"total_tokens":7,"cost":0.5,"is_byok":false,"x":1}})");
    openrouter::responses_result r;
    std::string why;
    REQUIRE(openrouter::from_json(v, r, why));
    CHECK(r.id == "r1");
    CHECK(r.object == "response");
    CHECK(r.created_at == 1);
    CHECK(r.completed_at.value() == 2);
    CHECK(r.model == "m");
    CHECK(r.status == "completed");
    CHECK(r.error.is_null());
    CHECK(r.incomplete_details.is_null());
    CHECK(r.extra.at("tool_choice") == "auto");
    CHECK(r.extra.at("future") == 1);
    REQUIRE(r.output.size() == 4);
    CHECK(r.output[0].type == "reasoning");
    CHECK(r.output[0].summary == std::vector<std::string>{"think"});
    CHECK(r.output[0].encrypted_content.is_null());
    CHECK(r.output[1].role == "assistant");
    REQUIRE(r.output[1].content.size() == 3);
    CHECK(r.output[1].content[1].type == "refusal");
    CHECK(r.output[1].content[1].text == "no");
    CHECK(r.output[1].content[2].annotations.size() == 1);
    CHECK(r.output[1].content[2].extra.contains("logprobs"));
    CHECK(r.output[1].text() == "Hello world");
    CHECK(r.output_text() == "Hello world");
    CHECK(r.output[2].call_id == "c1");
    CHECK(r.output[2].name == "f");
    CHECK(r.output[2].arguments == "{}");
    CHECK(r.output[3].type == "web_search_call");
    CHECK(r.output[3].status == "completed");
    CHECK(r.output[3].extra.at("action").at("query") == "q");
    REQUIRE(r.usage);
    CHECK(r.usage->input_tokens == 3);
    CHECK(r.usage->cached_tokens == 1);
    CHECK(r.usage->output_tokens == 4);
    CHECK(r.usage->reasoning_tokens == 2);
    CHECK(r.usage->total_tokens == 7);
    CHECK(r.usage->cost.value() == 0.5);
    CHECK(r.usage->extra.at("x") == 1);
}

TEST_CASE("responses: failed results and wrong shapes")
{
    openrouter::responses_result r;
    std::string why;
    REQUIRE(openrouter::from_json(
        json::parse(R"({"id":"r","status":"failed","error":{"code":"server_error","message":"boom"}})"), r, why));
    REQUIRE(r.error.has_value());
    CHECK(r.error->code == "server_error");
    CHECK(r.error->message == "boom");
    CHECK(r.completed_at.is_absent());
    CHECK_FALSE(r.usage);

    CHECK_FALSE(openrouter::from_json(json::parse(R"({"output":{}})"), r, why));
    CHECK(why == "output: expected array");
    CHECK_FALSE(
        openrouter::from_json(json::parse(R"({"output":[{"type":"message","content":[{"type":1}]}]})"), r, why));
    CHECK(why == "output[0].content[0].type: expected string");
    CHECK_FALSE(
        openrouter::from_json(json::parse(R"({"usage":{"output_tokens_details":{"reasoning_tokens":"x"}}})"), r, why));
    CHECK(why == "usage.output_tokens_details.reasoning_tokens: expected integer");
    CHECK_FALSE(openrouter::from_json(json::parse(R"({"error":{"code":[]}})"), r, why));
    CHECK(why == "error.code: expected string or integer");
    CHECK_FALSE(openrouter::from_json(json::parse(R"({"created_at":"now"})"), r, why));
    CHECK(why == "created_at: expected integer");
    CHECK_FALSE(openrouter::from_json(json::parse("[]"), r, why));
    CHECK(why == "expected object");
}

TEST_CASE("responses: event accessors")
{
    openrouter::responses_event e;
    e.type = "response.output_text.delta";
    e.data = json::parse(R"({"delta":"hi"})").as_object();
    CHECK(e.delta() == "hi");
    CHECK(e.is_text_delta());
    CHECK_FALSE(e.is_terminal());
    e.type = "response.output_text.done";
    CHECK(e.delta().empty());
    e.type = "response.completed";
    CHECK(e.is_terminal());
}
