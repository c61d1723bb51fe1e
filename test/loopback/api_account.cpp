// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Generations, credits and activity against the emulator.

#include "loopback/catalogue_account.hpp"

#include <openrouter/activity.hpp>
#include <openrouter/credits.hpp>
#include <openrouter/generations.hpp>

// Arguments are named variables, not braced temporaries: GCC 12 destroys a braced temporary argument
// of a co_await expression twice here (free(): invalid pointer), a compiler bug, not an SDK one.

using namespace test;
using openrouter::errc;
using openrouter::error_code;

TEST_CASE("api generations: stats content and feedback of a chat generation")
{
    emu_fixture f;
    f.run([&]() -> asio::awaitable<void> {
        openrouter::client cli(co_await asio::this_coro::executor, f.options());
        auto c = co_await cli.async_chat(echo_request("hello generation stats"));
        openrouter::generation_query arg1{c.id};
        auto g = co_await openrouter::async_get_generation(cli, arg1);
        CHECK(g.id == c.id);
        CHECK(g.model == "emulator/echo");
        CHECK(g.native_tokens_prompt.value_or(-1) == static_cast<std::int64_t>(c.usage->prompt_tokens));
        CHECK(g.native_tokens_completion.value_or(-1) == static_cast<std::int64_t>(c.usage->completion_tokens));
        CHECK(g.total_cost > 0);
        CHECK(g.streamed.value_or(true) == false);
        CHECK(g.cache_discount.is_null());
        CHECK(g.api_type.value_or("") == "completions");
        CHECK(g.data_region == "global");
        CHECK(g.provider_responses.is_null());
        CHECK(g.workspace_id.is_null());
        CHECK(last_request(f).target == "/api/v1/generation?id=" + c.id);

        openrouter::generation_query arg2{c.id};
        auto content = co_await openrouter::async_get_generation_content(cli, arg2);
        REQUIRE(content.input.messages.has_value());
        CHECK(content.input.messages->size() == 1);
        CHECK_FALSE(content.input.prompt.has_value());
        CHECK(content.output.completion.value_or("") == "hello generation stats");
        CHECK(content.output.reasoning.is_null());
        CHECK(content.error.is_null());
        CHECK(last_request(f).target == "/api/v1/generation/content?id=" + c.id);

        openrouter::generation_feedback fb;
        fb.generation_id = c.id;
        fb.category = "latency";
        fb.comment = "slow";
        auto r = co_await openrouter::async_send_generation_feedback(cli, fb);
        CHECK(r.success);
        CHECK(last_request(f).method == "POST");
        CHECK(boost::json::parse(last_request(f).body) ==
              boost::json::parse(R"({"generation_id":")" + c.id + R"(","category":"latency","comment":"slow"})"));
    }());
}

TEST_CASE("api generations: unknown ids bad input and error statuses")
{
    emu_fixture f;
    f.run([&]() -> asio::awaitable<void> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, f.options());
        openrouter::diagnostics d;
        openrouter::generation_query arg3{"gen-missing"};
        auto [e1, g1] = co_await openrouter::async_get_generation(cli, arg3, d, asio::as_tuple(asio::use_awaitable));
        CHECK(e1 == errc::not_found);
        openrouter::generation_query arg4{"gen-missing"};
        auto [e2, g2] =
            co_await openrouter::async_get_generation_content(cli, arg4, d, asio::as_tuple(asio::use_awaitable));
        CHECK(e2 == errc::not_found);
        auto before = f.emu.requests().size();
        openrouter::generation_query arg5{""};
        auto [e3, g3] = co_await openrouter::async_get_generation(cli, arg5, d, asio::as_tuple(asio::use_awaitable));
        CHECK(e3 == errc::invalid_request);
        CHECK(d.detail == "generation_query.id is empty");
        CHECK(f.emu.requests().size() == before);
        openrouter::generation_feedback fb;
        fb.generation_id = "gen-missing";
        fb.category = "boring";
        auto [e4, r4] =
            co_await openrouter::async_send_generation_feedback(cli, fb, d, asio::as_tuple(asio::use_awaitable));
        CHECK(e4 == errc::bad_request);
        fb.category = "other";
        auto [e5, r5] =
            co_await openrouter::async_send_generation_feedback(cli, fb, d, asio::as_tuple(asio::use_awaitable));
        CHECK(e5 == errc::not_found);
        for (int status : {401, 402, 429, 502, 524, 529}) {
            openrouter::client sc(ex, scripted_options(f, R"({"status":)" + std::to_string(status) + "}"));
            openrouter::generation_query arg6{"gen-x"};
            auto [ec, g] = co_await openrouter::async_get_generation(sc, arg6, d, asio::as_tuple(asio::use_awaitable));
            CHECK(d.http_status == status);
            CHECK(ec != error_code{});
        }
        {
            openrouter::client sc(ex, scripted_options(f, R"({"body":"{\"data\":{\"tokens_prompt\":1.5}}"})"));
            openrouter::generation_query arg7{"gen-x"};
            auto [ec, g] = co_await openrouter::async_get_generation(sc, arg7, d, asio::as_tuple(asio::use_awaitable));
            CHECK(ec == errc::invalid_response);
            CHECK(d.detail == "unexpected response shape: data.tokens_prompt: expected integer or null");
        }
        {
            auto o = scripted_options(f, R"({"body_bytes":100000})");
            o.limits.max_body_bytes = 4096;
            openrouter::client sc(ex, o);
            openrouter::generation_query arg8{"gen-x"};
            auto [ec, g] =
                co_await openrouter::async_get_generation_content(sc, arg8, d, asio::as_tuple(asio::use_awaitable));
            CHECK(ec == errc::body_too_large);
        }
    }());
}

TEST_CASE("api credits: totals follow usage and coinbase is gone")
{
    emu_fixture f;
    f.run([&]() -> asio::awaitable<void> {
        openrouter::client cli(co_await asio::this_coro::executor, f.options());
        auto before = co_await openrouter::async_get_credits(cli);
        CHECK(before.total_credits == 100.0);
        CHECK(before.total_usage == 0.0);
        co_await cli.async_chat(echo_request("spend"));
        auto after = co_await openrouter::async_get_credits(cli);
        CHECK(after.total_usage > 0.0);
        CHECK(last_request(f).target == "/api/v1/credits");

        openrouter::diagnostics d;
        auto [ec, ch] = co_await openrouter::async_create_coinbase_charge(cli, d, asio::as_tuple(asio::use_awaitable));
        CHECK(ec == errc::http_error);
        CHECK(d.http_status == 410);
        CHECK(d.message.find("deprecated") != std::string::npos);
        // The API document gives this operation no request body: none is sent.
        CHECK(last_request(f).method == "POST");
        CHECK(last_request(f).target == "/api/v1/credits/coinbase");
        CHECK(last_request(f).body.empty());
    }());
}

TEST_CASE("api activity: management key per call and filters")
{
    emu_fixture f(provisioning_server());
    f.run([&]() -> asio::awaitable<void> {
        openrouter::client cli(co_await asio::this_coro::executor, f.options());
        co_await cli.async_chat(echo_request("a b c"));
        co_await cli.async_chat(echo_request("d e"));
        openrouter::activity_query q;
        q.provisioning_key = prov_key;
        auto a = co_await openrouter::async_get_activity(cli, q);
        REQUIRE(a.data.size() == 1);
        CHECK(a.data[0].model == "emulator/echo");
        CHECK(a.data[0].requests == 2);
        CHECK(a.data[0].date == "2025-01-01");
        CHECK(a.data[0].prompt_tokens > 0);
        CHECK_FALSE(a.data[0].workspace_id.has_value());
        CHECK(header_of(last_request(f), "Authorization") == "Bearer " + prov_key);

        q.date = "2025-01-01";
        q.group_by = "workspace";
        auto g = co_await openrouter::async_get_activity(cli, q);
        REQUIRE(g.data.size() == 1);
        CHECK(g.data[0].workspace_id.has_value());
        CHECK(last_request(f).target == "/api/v1/activity?date=2025-01-01&group_by=workspace");
        q.date = "2025-01-02";
        CHECK((co_await openrouter::async_get_activity(cli, q)).data.empty());

        openrouter::diagnostics d;
        q.date = "yesterday";
        auto [e1, a1] = co_await openrouter::async_get_activity(cli, q, d, asio::as_tuple(asio::use_awaitable));
        CHECK(e1 == errc::bad_request);
        openrouter::activity_query plain;  // the client's ordinary key
        auto [e2, a2] = co_await openrouter::async_get_activity(cli, plain, d, asio::as_tuple(asio::use_awaitable));
        CHECK(e2 == errc::forbidden);
        CHECK(d.http_status == 403);
        q.date.reset();
        q.api_key_hash = "unknown";
        auto [e3, a3] = co_await openrouter::async_get_activity(cli, q, d, asio::as_tuple(asio::use_awaitable));
        CHECK(e3 == errc::not_found);
    }());
}
