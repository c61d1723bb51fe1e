// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Conformance of POST /chat/completions (sendChatCompletionRequest): the SDK's requests and the
// emulator's JSON replies, SSE replies (request side only: see known_defects.hpp) and every
// documented error status. Legacy POST /completions is not in the OpenAPI document: not checked.

#include "harness.hpp"

#include <openrouter/chat.hpp>

using namespace conformance;
using openrouter::error_code;

namespace {

openrouter::chat_request request(std::string model, std::string text)
{
    openrouter::chat_request r;
    r.model = std::move(model);
    r.messages.push_back(openrouter::message::system("Be brief."));
    r.messages.push_back(openrouter::message::user(std::move(text)));
    return r;
}

openrouter::chat_request tool_request()
{
    auto r = request("emulator/tools", "weather in Paris?");
    boost::json::object params = boost::json::parse(R"({"type":"object","properties":{
        "city":{"type":"string"},"unit":{"type":"string","enum":["c","f"]},"days":{"type":"integer"}},
        "required":["city"]})")
                                     .as_object();
    r.tools = std::vector<openrouter::tool>{openrouter::tool::make_function("get_weather", "Weather", params)};
    return r;
}

std::pair<error_code, openrouter::chat_completion> chat(const std::shared_ptr<recorder>& rec,
                                                        openrouter::chat_request req, std::string script = {})
{
    return run([&]() -> asio::awaitable<std::pair<error_code, openrouter::chat_completion>> {
        openrouter::client cli(co_await asio::this_coro::executor, options(rec, script));
        openrouter::diagnostics diag;
        auto [ec, c] = co_await cli.async_chat(req, diag, asio::as_tuple(asio::use_awaitable));
        co_return std::pair{ec, std::move(c)};
    }());
}

}  // namespace

TEST_CASE("conformance: the oracle flags a request that breaks the spec")
{
    // Proves that Prism validates and that its verdict reaches the test: without this, a
    // silent proxy would make every other test pass.
    auto rec = std::make_shared<recorder>();
    run([&]() -> asio::awaitable<int> {
        openrouter::client cli(co_await asio::this_coro::executor, options(rec));
        openrouter::api_request r;
        r.method = openrouter::http_method::post;
        r.path = "/chat/completions";
        r.body = boost::json::parse(R"({"model":"emulator/echo","messages":[{"role":"nobody","content":1}]})");
        auto [ec, res] = co_await cli.async_request(r, asio::as_tuple(asio::use_awaitable));
        (void)ec;
        (void)res;
        co_return 0;
    }());
    REQUIRE(rec->log.size() == 1);
    CHECK(rec->log[0].via_prism);
    const auto bad = unexcused(rec->log[0]);
    REQUIRE_FALSE(bad.empty());
    CHECK(bad.front().rfind("request.body", 0) == 0);
}

TEST_CASE("conformance: the oracle flags a response that breaks the spec")
{
    // The response side of the same proof: a reply of the wrong shape (emulator fault script)
    // must be reported at response.body.
    auto rec = std::make_shared<recorder>();
    auto [ec, c] = chat(rec, request("emulator/echo", "hi"), R"({"malformed":"wrong_shape"})");
    CHECK(ec);
    REQUIRE(rec->log.size() == 1);
    const auto bad = unexcused(rec->log[0]);
    REQUIRE_FALSE(bad.empty());
    CHECK(bad.front().rfind("response.body", 0) == 0);
}

TEST_CASE("conformance: chat completion with every emulator model")
{
    for (const char* model : {"emulator/echo", "emulator/lorem", "emulator/reasoning"}) {
        INFO(model);
        auto rec = std::make_shared<recorder>();
        auto r = request(model, "hello there");
        r.max_tokens = 8;
        r.temperature = 0.5;
        r.top_p = 0.9;
        r.seed = 7;
        r.stop = std::string("zzz");
        r.usage_include = true;
        auto [ec, c] = chat(rec, r);
        REQUIRE_FALSE(ec);
        CHECK_FALSE(c.choices.empty());
        require_conformant(*rec);
    }
}

TEST_CASE("conformance: chat completion with tools and a tool reply")
{
    auto rec = std::make_shared<recorder>();
    auto [ec, c] = chat(rec, tool_request());
    REQUIRE_FALSE(ec);
    REQUIRE_FALSE(c.choices.empty());
    REQUIRE_FALSE(c.choices[0].message.tool_calls.empty());

    auto follow = tool_request();
    follow.messages.push_back(openrouter::message::assistant(c.choices[0].message.tool_calls));
    follow.messages.push_back(openrouter::message::tool(c.choices[0].message.tool_calls[0].id, "sunny"));
    auto [ec2, c2] = chat(rec, follow);
    REQUIRE_FALSE(ec2);
    require_conformant(*rec, 2);
}

TEST_CASE("conformance: chat completion with a json_schema response format and provider preferences")
{
    auto rec = std::make_shared<recorder>();
    auto r = request("emulator/echo", "{}");
    openrouter::response_format f;
    f.type = "json_object";
    r.response_format = f;
    openrouter::provider_preferences p;
    p.allow_fallbacks = false;
    p.order = std::vector<std::string>{"Emulator"};
    r.provider = p;
    r.models = std::vector<std::string>{"emulator/echo", "emulator/lorem"};
    auto [ec, c] = chat(rec, r);
    REQUIRE_FALSE(ec);
    require_conformant(*rec);
}

TEST_CASE("conformance: chat stream (request checked; SSE bodies are beyond Prism)")
{
    for (const char* model : {"emulator/echo", "emulator/tools", "emulator/reasoning"}) {
        INFO(model);
        auto rec = std::make_shared<recorder>();
        auto r = std::string(model) == "emulator/tools" ? tool_request() : request(model, "a b c");
        r.stream_include_usage = true;
        std::size_t deltas = run([&]() -> asio::awaitable<std::size_t> {
            openrouter::client cli(co_await asio::this_coro::executor, options(rec));
            auto s = co_await cli.async_chat_stream(r);
            std::size_t n = 0;
            while (auto d = co_await s.async_next())
                ++n;
            co_return n;
        }());
        CHECK(deltas > 0);
        REQUIRE(rec->log.size() == 1);
        CHECK(is_event_stream(rec->log[0]));
        require_conformant(*rec);
    }
}

TEST_CASE("conformance: chat error statuses documented by the spec")
{
    for (int status : {400, 401, 402, 403, 404, 408, 413, 422, 429, 500, 502, 503, 524, 529}) {
        INFO("status " << status);
        auto rec = std::make_shared<recorder>();
        auto [ec, c] = chat(rec, request("emulator/echo", "hi"), R"({"status":)" + std::to_string(status) + "}");
        CHECK(ec);
        REQUIRE_FALSE(rec->log.empty());
        CHECK(rec->log.back().status == status);
        require_conformant(*rec);
    }
}
