// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Conformance of the model catalogue (models.hpp) through its typed calls: GET /models (filters,
// paging), /models/count, /models/user, /model/{author}/{slug}, /models/{author}/{slug}/endpoints,
// /providers and /endpoints/zdr, each with the error statuses the document lists for it.

#include "harness.hpp"

#include <openrouter/models.hpp>

using namespace conformance;
using openrouter::errc;

namespace {

auto list_models(openrouter::models_query q)
{
    return [q](openrouter::client& c, openrouter::diagnostics& d) {
        return openrouter::async_list_models(c, q, d, asio::as_tuple(asio::use_awaitable));
    };
}

auto count_models(openrouter::models_count_query q)
{
    return [q](openrouter::client& c, openrouter::diagnostics& d) {
        return openrouter::async_count_models(c, q, d, asio::as_tuple(asio::use_awaitable));
    };
}

auto user_models(openrouter::page_query q)
{
    return [q](openrouter::client& c, openrouter::diagnostics& d) {
        return openrouter::async_list_user_models(c, q, d, asio::as_tuple(asio::use_awaitable));
    };
}

auto get_model(openrouter::model_ref m)
{
    return [m](openrouter::client& c, openrouter::diagnostics& d) {
        return openrouter::async_get_model(c, m, d, asio::as_tuple(asio::use_awaitable));
    };
}

auto model_endpoints(openrouter::model_ref m)
{
    return [m](openrouter::client& c, openrouter::diagnostics& d) {
        return openrouter::async_list_model_endpoints(c, m, d, asio::as_tuple(asio::use_awaitable));
    };
}

auto providers()
{
    return [](openrouter::client& c, openrouter::diagnostics& d) {
        return openrouter::async_list_providers(c, d, asio::as_tuple(asio::use_awaitable));
    };
}

auto zdr_endpoints()
{
    return [](openrouter::client& c, openrouter::diagnostics& d) {
        return openrouter::async_list_zdr_endpoints(c, d, asio::as_tuple(asio::use_awaitable));
    };
}

openrouter::model_ref ref(std::string author, std::string slug)
{
    openrouter::model_ref m;
    m.author = std::move(author);
    m.slug = std::move(slug);
    return m;
}

}  // namespace

TEST_CASE("conformance: async_list_models without and with query filters")
{
    std::vector<std::pair<const char*, openrouter::models_query>> queries;
    queries.emplace_back("no filter", openrouter::models_query{});
    {
        openrouter::models_query q;
        q.supported_parameters = "tools";
        q.input_modalities = "text";
        q.output_modalities = "text";
        queries.emplace_back("modalities and parameters", q);
    }
    {
        openrouter::models_query q;
        q.q = "echo";
        q.model_authors = "emulator";
        q.providers = "fake-provider";
        queries.emplace_back("search authors providers", q);
    }
    {
        openrouter::models_query q;
        q.context = 1000;
        q.min_price = 0.0;
        q.max_price = 5.5;
        q.min_output_price = 0.0;
        q.max_output_price = 5.5;
        q.arch = "Other";
        queries.emplace_back("context prices arch", q);
    }
    {
        openrouter::models_query q;
        q.sort = "newest";
        q.region = "eu";
        q.zdr = "true";
        q.min_age_days = 0;
        q.max_age_days = 100000;
        queries.emplace_back("sort region zdr age", q);
    }
    {
        openrouter::models_query q;
        q.output_modalities = "all";
        q.distillable = "false";
        queries.emplace_back("all modalities", q);
    }
    {
        openrouter::models_query q;  // the emulator's models match none of these
        q.category = "programming";
        q.min_intelligence_index = 10.0;
        q.max_coding_index = 90.0;
        q.min_agentic_index = 1.0;
        q.min_tool_success_rate = 0.25;
        q.max_tool_success_rate = 1.0;
        queries.emplace_back("category and benchmark bounds", q);
    }
    for (const auto& [what, q] : queries) {
        INFO(what);
        auto rec = std::make_shared<recorder>();
        auto r = drive<openrouter::model_list>(options(rec), list_models(q));
        REQUIRE_FALSE(r.ec);
        CHECK(r.value.total_count == static_cast<std::int64_t>(r.value.data.size()));
        require_conformant(*rec);
    }
}

TEST_CASE("conformance: async_list_models pages with offset and limit until links.next is null")
{
    auto rec = std::make_shared<recorder>();
    auto all = drive<openrouter::model_list>(options(rec), list_models({}));
    REQUIRE_FALSE(all.ec);
    REQUIRE(all.value.data.size() > 2);
    std::size_t seen = 0;
    openrouter::models_query q;
    q.limit = 2;
    q.offset = 0;
    for (int page = 0; page < 50; ++page) {
        auto r = drive<openrouter::model_list>(options(rec), list_models(q));
        REQUIRE_FALSE(r.ec);
        CHECK(r.value.total_count == static_cast<std::int64_t>(all.value.data.size()));
        seen += r.value.data.size();
        if (r.value.links.next.is_null())
            break;
        *q.offset += 2;
    }
    CHECK(seen == all.value.data.size());
    require_conformant(*rec, 3);
}

TEST_CASE("conformance: async_count_models and async_list_user_models")
{
    auto rec = std::make_shared<recorder>();
    auto n = drive<openrouter::model_count>(options(rec), count_models({}));
    REQUIRE_FALSE(n.ec);
    CHECK(n.value.count > 0);
    openrouter::models_count_query cq;
    cq.output_modalities = "text";
    auto text = drive<openrouter::model_count>(options(rec), count_models(cq));
    REQUIRE_FALSE(text.ec);

    auto user = drive<openrouter::model_list>(options(rec), user_models({}));
    REQUIRE_FALSE(user.ec);
    CHECK_FALSE(user.value.data.empty());
    openrouter::page_query p;
    p.offset = 1;
    p.limit = 1;
    auto page = drive<openrouter::model_list>(options(rec), user_models(p));
    REQUIRE_FALSE(page.ec);
    CHECK(page.value.data.size() == 1);
    require_conformant(*rec, 4);
}

TEST_CASE("conformance: async_get_model and async_list_model_endpoints for every model and an unknown one")
{
    auto rec = std::make_shared<recorder>();
    auto all = drive<openrouter::model_list>(options(rec), list_models({}));
    REQUIRE_FALSE(all.ec);
    REQUIRE_FALSE(all.value.data.empty());
    for (const auto& m : all.value.data) {
        INFO(m.id);
        const auto slash = m.id.find('/');
        REQUIRE(slash != std::string::npos);
        auto one =
            drive<openrouter::model_info>(options(rec), get_model(ref(m.id.substr(0, slash), m.id.substr(slash + 1))));
        REQUIRE_FALSE(one.ec);
        CHECK(one.value.id == m.id);
        auto eps = drive<openrouter::model_endpoints>(
            options(rec), model_endpoints(ref(m.id.substr(0, slash), m.id.substr(slash + 1))));
        REQUIRE_FALSE(eps.ec);
        CHECK_FALSE(eps.value.endpoints.empty());
    }
    auto variant = drive<openrouter::model_info>(options(rec), get_model(ref("emulator", "echo:free")));
    CHECK_FALSE(variant.ec);

    auto missing = drive<openrouter::model_info>(options(rec), get_model(ref("emulator", "no-such-model")));
    CHECK(missing.ec == errc::not_found);
    CHECK(missing.diag.http_status == 404);
    auto missing_eps =
        drive<openrouter::model_endpoints>(options(rec), model_endpoints(ref("emulator", "no-such-model")));
    CHECK(missing_eps.ec == errc::not_found);
    CHECK(missing_eps.diag.http_status == 404);
    require_conformant(*rec, 2 * all.value.data.size() + 4);
}

TEST_CASE("conformance: async_list_providers and async_list_zdr_endpoints")
{
    auto rec = std::make_shared<recorder>();
    auto p = drive<openrouter::provider_list>(options(rec), providers());
    REQUIRE_FALSE(p.ec);
    CHECK_FALSE(p.value.data.empty());
    auto z = drive<openrouter::endpoint_list>(options(rec), zdr_endpoints());
    REQUIRE_FALSE(z.ec);
    CHECK_FALSE(z.value.data.empty());
    require_conformant(*rec, 2);
}

TEST_CASE("conformance: model catalogue error statuses documented by the spec")
{
    // The statuses each operation lists in the document (2xx aside).
    SECTION("getModels")
    {
        require_error_statuses<openrouter::model_list>({400, 403, 500}, list_models({}));
    }
    SECTION("listModelsCount")
    {
        require_error_statuses<openrouter::model_count>({400, 403, 500}, count_models({}));
    }
    SECTION("listModelsUser")
    {
        require_error_statuses<openrouter::model_list>({401, 403, 404, 500}, user_models({}));
    }
    SECTION("getModel")
    {
        require_error_statuses<openrouter::model_info>({403, 404, 500}, get_model(ref("emulator", "echo")));
    }
    SECTION("listEndpoints")
    {
        require_error_statuses<openrouter::model_endpoints>({403, 404, 500}, model_endpoints(ref("emulator", "echo")));
    }
    SECTION("listProviders")
    {
        require_error_statuses<openrouter::provider_list>({500}, providers());
    }
    SECTION("listEndpointsZdr")
    {
        require_error_statuses<openrouter::endpoint_list>({403, 500}, zdr_endpoints());
    }
}

TEST_CASE("conformance: an invalid models filter is answered 400 in the documented shape")
{
    // Valid for the document (a free string) but refused by the emulator, as OpenRouter does.
    auto rec = std::make_shared<recorder>();
    openrouter::models_query q;
    q.output_modalities = "smell";
    auto r = drive<openrouter::model_list>(options(rec), list_models(q));
    CHECK(r.ec == errc::bad_request);
    CHECK(r.diag.http_status == 400);
    require_conformant(*rec);
}
