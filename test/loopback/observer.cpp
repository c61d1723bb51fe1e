// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// client_options::on_response: the response observer sees every response (JSON, error, streamed).

#include "loopback/common.hpp"

#include <openrouter/chat.hpp>

using namespace test;
using openrouter::error_code;

TEST_CASE("observer sees the status and header fields of JSON and error responses")
{
    emu_fixture f;
    std::vector<openrouter::response_headers> seen;
    auto o = f.options();
    o.policies.retry = openrouter::retry::none();
    o.on_response = [&](const openrouter::response_headers& h) { seen.push_back(h); };
    f.run([&]() -> asio::awaitable<int> {
        openrouter::client cli(co_await asio::this_coro::executor, o);
        auto c = co_await cli.async_chat(echo_request("hi"));
        CHECK(c.id.rfind("gen-emu-", 0) == 0);
        openrouter::api_request r;
        r.path = "/generation";
        r.query = {{"id", "nope"}};
        auto [ec, res] = co_await cli.async_request(r, asio::as_tuple(asio::use_awaitable));
        CHECK(ec);
        (void)res;
        co_return 0;
    }());
    REQUIRE(seen.size() == 2);
    CHECK(seen[0].method == "POST");
    CHECK(seen[0].target == "/api/v1/chat/completions");
    CHECK(seen[0].status == 200);
    CHECK(seen[0].get("X-GENERATION-ID").rfind("gen-emu-", 0) == 0);
    CHECK(seen[0].get("content-type").rfind("application/json", 0) == 0);
    CHECK(seen[0].get("no-such-field").empty());
    CHECK(seen[1].method == "GET");
    CHECK(seen[1].target == "/api/v1/generation?id=nope");
    CHECK(seen[1].status == 404);
    for (const auto& h : seen)
        for (const auto& [k, v] : h.fields)
            CHECK(v.find(test_key) == std::string::npos);
}

TEST_CASE("observer sees a streamed response before its events")
{
    emu_fixture f;
    std::vector<openrouter::response_headers> seen;
    auto o = f.options();
    o.on_response = [&](const openrouter::response_headers& h) { seen.push_back(h); };
    f.run([&]() -> asio::awaitable<int> {
        openrouter::client cli(co_await asio::this_coro::executor, o);
        auto s = co_await cli.async_chat_stream(echo_request("a b"));
        CHECK(seen.size() == 1);  // observed once the header is read, before any event
        while (auto d = co_await s.async_next())
            (void)d;
        co_return 0;
    }());
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].status == 200);
    CHECK(seen[0].get("Content-Type").rfind("text/event-stream", 0) == 0);
}
