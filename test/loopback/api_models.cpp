// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The model catalogue operations against the emulator.

#include "loopback/catalogue_account.hpp"

#include <openrouter/models.hpp>

// Arguments are named variables, not braced temporaries: GCC 12 destroys a braced temporary argument
// of a co_await expression twice here (free(): invalid pointer), a compiler bug, not an SDK one.

using namespace test;
using openrouter::errc;
using openrouter::error_code;

TEST_CASE("api models: list all models and decode every member")
{
    emu_fixture f;
    auto list = f.run([&]() -> asio::awaitable<openrouter::model_list> {
        openrouter::client cli(co_await asio::this_coro::executor, f.options());
        co_return co_await openrouter::async_list_models(cli);
    }());
    REQUIRE(list.data.size() == 4);
    CHECK(list.total_count == 4);
    CHECK(list.links.next.is_null());
    const auto& m = list.data.at(0);
    CHECK(m.id == "emulator/echo");
    CHECK(m.canonical_slug == "emulator/echo");
    CHECK(m.name == "Emulator: Echo");
    CHECK(m.created == 1735689600);
    CHECK(m.context_length.value_or(0) == 65536);
    CHECK(m.architecture.input_modalities == std::vector<std::string>{"text"});
    CHECK(m.architecture.instruct_type.is_null());
    CHECK(m.pricing.prompt == "0.000001");
    CHECK(m.pricing.completion == "0.000002");
    CHECK(m.top_provider.max_completion_tokens.value_or(0) == 16384);
    CHECK(m.per_request_limits.is_null());
    CHECK(m.default_parameters.is_null());
    CHECK(m.hugging_face_id.is_null());
    CHECK(m.links.details == "/api/v1/models/emulator/echo/endpoints");
    CHECK(std::find(m.supported_parameters.begin(), m.supported_parameters.end(), "seed") !=
          m.supported_parameters.end());
    CHECK(last_request(f).target == "/api/v1/models");
    CHECK(last_request(f).method == "GET");
}

TEST_CASE("api models: every filter becomes its query parameter and paging follows links")
{
    emu_fixture f;
    f.run([&]() -> asio::awaitable<void> {
        openrouter::client cli(co_await asio::this_coro::executor, f.options());
        openrouter::models_query q;
        q.supported_parameters = "tools";
        q.min_price = 0.5;
        q.q = "emulator";
        auto tools = co_await openrouter::async_list_models(cli, q);
        REQUIRE(tools.data.size() == 1);
        CHECK(tools.data[0].id == "emulator/tools");
        CHECK(last_request(f).target == "/api/v1/models?supported_parameters=tools&q=emulator&min_price=0.5");

        openrouter::models_query page;
        page.offset = 0;
        page.limit = 3;
        auto p1 = co_await openrouter::async_list_models(cli, page);
        CHECK(p1.data.size() == 3);
        CHECK(p1.total_count == 4);
        CHECK(p1.links.next.value_or("") == "/api/v1/models?offset=3&limit=3");
        page.offset = 3;
        auto p2 = co_await openrouter::async_list_models(cli, page);
        REQUIRE(p2.data.size() == 1);
        CHECK(p2.data[0].id == "emulator/reasoning");
        CHECK(p2.links.next.is_null());

        openrouter::models_query none;
        none.max_price = 0.5;  // the emulator charges 1 $/M prompt tokens
        CHECK((co_await openrouter::async_list_models(cli, none)).data.empty());
    }());
}

TEST_CASE("api models: to_query covers every filter in order")
{
    openrouter::models_query q;
    q.offset = 1;
    q.limit = 2;
    q.category = "programming";
    q.supported_parameters = "tools";
    q.output_modalities = "text";
    q.sort = "newest";
    q.use_rss = "false";
    q.use_rss_chat_links = "false";
    q.q = "x";
    q.input_modalities = "text";
    q.context = 1000;
    q.min_price = 0;
    q.max_price = 10.25;
    q.arch = "GPT";
    q.model_authors = "a,b";
    q.providers = "P";
    q.distillable = "true";
    q.zdr = "true";
    q.region = "eu";
    q.min_output_price = 1;
    q.max_output_price = 2;
    q.min_age_days = 3;
    q.max_age_days = 4;
    q.min_intelligence_index = 5;
    q.max_intelligence_index = 6;
    q.min_coding_index = 7;
    q.max_coding_index = 8;
    q.min_agentic_index = 9;
    q.max_agentic_index = 10;
    q.min_tool_success_rate = 0.5;
    q.max_tool_success_rate = 1;
    auto params = openrouter::to_query(q);
    REQUIRE(params.size() == 31);
    CHECK(params.front() == std::pair<std::string, std::string>{"offset", "1"});
    CHECK(params[12] == std::pair<std::string, std::string>{"max_price", "10.25"});
    CHECK(params.back() == std::pair<std::string, std::string>{"max_tool_success_rate", "1"});
}

TEST_CASE("api models: invalid filter is bad_request with the server message")
{
    emu_fixture f;
    f.run([&]() -> asio::awaitable<void> {
        openrouter::client cli(co_await asio::this_coro::executor, f.options());
        openrouter::models_query q;
        q.limit = 5000;
        openrouter::diagnostics d;
        auto [ec, list] = co_await openrouter::async_list_models(cli, q, d, asio::as_tuple(asio::use_awaitable));
        CHECK(ec == errc::bad_request);
        CHECK(d.http_status == 400);
        CHECK(d.message.find("limit") != std::string::npos);
        q.limit.reset();
        q.category = "cooking";
        auto [ec2, l2] = co_await openrouter::async_list_models(cli, q, d, asio::as_tuple(asio::use_awaitable));
        CHECK(ec2 == errc::bad_request);
        check_no_key(d);
    }());
}

TEST_CASE("api models: count and user models")
{
    emu_fixture f;
    f.run([&]() -> asio::awaitable<void> {
        openrouter::client cli(co_await asio::this_coro::executor, f.options());
        auto n = co_await openrouter::async_count_models(cli);
        CHECK(n.count == 4);
        openrouter::models_count_query q;
        q.output_modalities = "image";
        CHECK((co_await openrouter::async_count_models(cli, q)).count == 0);
        CHECK(last_request(f).target == "/api/v1/models/count?output_modalities=image");
        openrouter::page_query p;
        p.limit = 2;
        auto user = co_await openrouter::async_list_user_models(cli, p);
        CHECK(user.data.size() == 2);
        CHECK(user.total_count == 4);
        CHECK(last_request(f).target == "/api/v1/models/user?limit=2");
    }());
}

TEST_CASE("api models: one model and its endpoints by author and slug")
{
    emu_fixture f;
    f.run([&]() -> asio::awaitable<void> {
        openrouter::client cli(co_await asio::this_coro::executor, f.options());
        openrouter::model_ref arg1{"emulator", "tools:free"};
        auto m = co_await openrouter::async_get_model(cli, arg1);
        CHECK(m.id == "emulator/tools");
        CHECK(last_request(f).target == "/api/v1/model/emulator/tools%3Afree");
        openrouter::model_ref arg2{"emulator", "echo"};
        auto eps = co_await openrouter::async_list_model_endpoints(cli, arg2);
        CHECK(eps.id == "emulator/echo");
        REQUIRE(eps.architecture.has_value());
        REQUIRE(eps.endpoints.size() == 1);
        const auto& e = eps.endpoints[0];
        CHECK(e.model_id == "emulator/echo");
        CHECK(e.provider_name == "FakeProvider");
        CHECK(e.context_length == 65536);
        CHECK(e.quantization.is_null());
        CHECK(e.max_prompt_tokens.is_null());
        CHECK(e.status.value_or(-1) == 0);
        REQUIRE(e.latency_last_30m.has_value());
        CHECK(e.latency_last_30m->p99 == 400);
        CHECK(e.uptime_last_1d.value_or(0) == 100);
        CHECK(last_request(f).target == "/api/v1/models/emulator/echo/endpoints");

        openrouter::diagnostics d;
        openrouter::model_ref arg3{"emulator", "nope"};
        auto [ec, x] = co_await openrouter::async_get_model(cli, arg3, d, asio::as_tuple(asio::use_awaitable));
        CHECK(ec == errc::not_found);
        CHECK(d.http_status == 404);
        // A slash in a segment is encoded, so it cannot reach another path.
        openrouter::model_ref arg4{"emulator/echo", "x"};
        auto [ec2, y] =
            co_await openrouter::async_list_model_endpoints(cli, arg4, d, asio::as_tuple(asio::use_awaitable));
        CHECK(ec2 == errc::not_found);
        CHECK(last_request(f).target == "/api/v1/models/emulator%2Fecho/x/endpoints");
        auto before = f.emu.requests().size();
        openrouter::model_ref arg5{"", "echo"};
        auto [ec3, z] = co_await openrouter::async_get_model(cli, arg5, d, asio::as_tuple(asio::use_awaitable));
        CHECK(ec3 == errc::invalid_request);
        CHECK(d.detail == "model_ref.author is empty");
        CHECK(f.emu.requests().size() == before);
    }());
}

TEST_CASE("api models: providers and zdr endpoints")
{
    emu_fixture f;
    f.run([&]() -> asio::awaitable<void> {
        openrouter::client cli(co_await asio::this_coro::executor, f.options());
        auto p = co_await openrouter::async_list_providers(cli);
        REQUIRE(p.data.size() == 1);
        CHECK(p.data[0].slug == "fake-provider");
        CHECK(p.data[0].privacy_policy_url.is_null());
        CHECK(p.data[0].datacenters.is_null());
        CHECK(last_request(f).target == "/api/v1/providers");
        auto z = co_await openrouter::async_list_zdr_endpoints(cli);
        CHECK(z.data.size() == 4);
        CHECK(last_request(f).target == "/api/v1/endpoints/zdr");
    }());
}

TEST_CASE("api models: error statuses wrong shapes and oversized bodies")
{
    emu_fixture f;
    f.run([&]() -> asio::awaitable<void> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::diagnostics d;
        for (int status : {401, 403, 404, 500}) {
            openrouter::client cli(ex, scripted_options(f, R"({"status":)" + std::to_string(status) + "}"));
            auto [ec, l] = co_await openrouter::async_list_models(cli, {}, d, asio::as_tuple(asio::use_awaitable));
            CHECK(d.http_status == status);
            CHECK(ec != error_code{});
        }
        {
            openrouter::client cli(ex, scripted_options(f, R"({"body":"{\"data\":{\"x\":1}}"})"));
            auto [ec, l] = co_await openrouter::async_list_models(cli, {}, d, asio::as_tuple(asio::use_awaitable));
            CHECK(ec == errc::invalid_response);
            CHECK(d.detail == "unexpected response shape: data: expected array");
        }
        {
            openrouter::client cli(ex, scripted_options(f, R"({"body":"{\"data\":[{\"id\":5}]}"})"));
            auto [ec, l] = co_await openrouter::async_list_models(cli, {}, d, asio::as_tuple(asio::use_awaitable));
            CHECK(ec == errc::invalid_response);
            CHECK(d.detail == "unexpected response shape: data[0].id: expected string");
        }
        {
            openrouter::client cli(ex, scripted_options(f, R"({"malformed":"not_json"})"));
            auto [ec, l] = co_await openrouter::async_list_providers(cli, d, asio::as_tuple(asio::use_awaitable));
            CHECK(ec == errc::invalid_response);
        }
        {
            auto o = scripted_options(f, R"({"body_bytes":200000})");
            o.limits.max_body_bytes = 10000;
            openrouter::client cli(ex, o);
            auto [ec, l] = co_await openrouter::async_list_models(cli, {}, d, asio::as_tuple(asio::use_awaitable));
            CHECK(ec == errc::body_too_large);
        }
    }());
}
