// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Conformance of the Responses API (responses.hpp) through its typed calls: POST /responses
// (createResponses) whole (JSON, every emulator model, tools and the function-call round trip,
// reasoning, max_output_tokens) and streamed (request checked; SSE bodies are beyond Prism, see
// known_defects.hpp), and the error statuses the document lists.

#include "harness.hpp"

#include <openrouter/responses.hpp>

using namespace conformance;
using openrouter::errc;

namespace {

auto respond(openrouter::responses_request r)
{
    return [r](openrouter::client& c, openrouter::diagnostics& d) {
        return openrouter::async_responses(c, r, d, asio::as_tuple(asio::use_awaitable));
    };
}

openrouter::responses_request text_request(std::string model, std::string text)
{
    openrouter::responses_request r;
    r.model = std::move(model);
    r.input = std::move(text);
    return r;
}

openrouter::responses_request tools_request()
{
    openrouter::responses_request r;
    r.model = "emulator/tools";
    r.input = std::vector<openrouter::response_input_item>{openrouter::response_input_item::user("weather?")};
    openrouter::response_tool t;
    t.name = "get_weather";
    t.description = "Weather of a city";
    t.parameters = boost::json::parse(R"({"type":"object","properties":{"city":{"type":"string"}},
        "required":["city"]})")
                       .as_object();
    r.tools.push_back(t);
    return r;
}

struct streamed {
    openrouter::error_code open_ec;
    openrouter::error_code end_ec;
    std::size_t events = 0;
    std::string text;
    bool completed = false;
};

asio::awaitable<streamed> stream_all(openrouter::client_options o, openrouter::responses_request r)
{
    auto ex = co_await asio::this_coro::executor;
    openrouter::client cli(ex, std::move(o));
    streamed out;
    openrouter::diagnostics diag;
    auto [ec, s] = co_await openrouter::async_responses_stream(cli, r, diag, asio::as_tuple(asio::use_awaitable));
    out.open_ec = ec;
    if (ec)
        co_return out;
    for (;;) {
        auto [e, ev] = co_await s.async_next(diag, asio::as_tuple(asio::use_awaitable));
        if (e || !ev) {
            out.end_ec = e;
            break;
        }
        ++out.events;
        out.completed = out.completed || ev->type == "response.completed";
    }
    out.text = s.text();
    co_return out;
}

}  // namespace

TEST_CASE("conformance: responses with every emulator model and the request settings")
{
    for (const char* model : {"emulator/echo", "emulator/lorem", "emulator/reasoning"}) {
        INFO(model);
        auto rec = std::make_shared<recorder>();
        auto r = text_request(model, "hello responses");
        r.instructions = std::string("Be brief.");
        r.temperature = 0.5;
        r.top_p = 0.9;
        r.max_output_tokens = 64;
        r.metadata = boost::json::object{{"purpose", "conformance"}};
        r.store = false;
        r.user = "conformance-user";
        r.extra["presence_penalty"] = 0.1;
        r.extra["frequency_penalty"] = 0.2;
        auto res = drive<openrouter::responses_result>(options(rec), respond(r));
        REQUIRE_FALSE(res.ec);
        CHECK_FALSE(res.value.output.empty());  // lorem may stop at max_output_tokens: "incomplete"
        require_conformant(*rec);
    }
}

TEST_CASE("conformance: responses with reasoning and a max_output_tokens cut")
{
    auto rec = std::make_shared<recorder>();
    auto r = text_request("emulator/reasoning", "one two three four five");
    openrouter::response_reasoning reasoning;
    reasoning.effort = "low";
    reasoning.summary = "auto";
    r.reasoning = reasoning;
    r.max_output_tokens = 2;
    auto res = drive<openrouter::responses_result>(options(rec), respond(r));
    REQUIRE_FALSE(res.ec);
    CHECK(res.value.status == "incomplete");
    require_conformant(*rec);
}

TEST_CASE("conformance: responses with message items tools and the function call round trip")
{
    auto rec = std::make_shared<recorder>();
    auto req = tools_request();
    auto first = drive<openrouter::responses_result>(options(rec), respond(req));
    REQUIRE_FALSE(first.ec);
    REQUIRE_FALSE(first.value.output.empty());
    const auto call = first.value.output[0];
    REQUIRE(call.type == "function_call");

    auto items = std::get<std::vector<openrouter::response_input_item>>(req.input);
    items.insert(items.begin(), openrouter::response_input_item::system("Use the tool."));
    items.push_back(openrouter::response_input_item::function_call(call.call_id, call.name, call.arguments));
    items.push_back(openrouter::response_input_item::function_call_output(call.call_id, "sunny"));
    req.input = items;
    req.tool_choice = boost::json::value("auto");
    req.parallel_tool_calls = false;
    auto second = drive<openrouter::responses_result>(options(rec), respond(req));
    REQUIRE_FALSE(second.ec);
    CHECK(second.value.output_text() == "sunny");
    require_conformant(*rec, 2);
}

TEST_CASE("conformance: responses stream (request checked; SSE bodies are beyond Prism)")
{
    for (const char* model : {"emulator/echo", "emulator/tools", "emulator/reasoning"}) {
        INFO(model);
        auto rec = std::make_shared<recorder>();
        auto r = std::string(model) == "emulator/tools" ? tools_request() : text_request(model, "a b c");
        auto s = run(stream_all(options(rec), r));
        REQUIRE_FALSE(s.open_ec);
        CHECK_FALSE(s.end_ec);
        CHECK(s.events > 0);
        CHECK(s.completed);
        REQUIRE(rec->log.size() == 1);
        CHECK(is_event_stream(rec->log[0]));
        require_conformant(*rec);
    }
}

TEST_CASE("conformance: responses error statuses documented by the spec")
{
    require_error_statuses<openrouter::responses_result>(
        {400, 401, 402, 403, 404, 408, 413, 422, 429, 500, 502, 503, 524, 529},
        respond(text_request("emulator/echo", "hi")));
}
