// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// GET /key, GET /auth/key and key management with a provisioning key against the emulator.

#include "loopback/catalogue_account.hpp"

#include <openrouter/keys.hpp>
#include <openrouter/models.hpp>

// Arguments are named variables, not braced temporaries: GCC 12 destroys a braced temporary argument
// of a co_await expression twice here (free(): invalid pointer), a compiler bug, not an SDK one.

using namespace test;
using openrouter::errc;
using openrouter::error_code;

TEST_CASE("api keys: current key on /key and /auth/key")
{
    emu_fixture f;
    f.run([&]() -> asio::awaitable<void> {
        openrouter::client cli(co_await asio::this_coro::executor, f.options());
        co_await cli.async_chat(echo_request("one two three"));
        auto k = co_await openrouter::async_get_current_key(cli);
        CHECK(k.label == "emulator key");
        CHECK(k.usage > 0);
        CHECK(k.limit.is_null());
        CHECK(k.limit_remaining.is_null());
        CHECK_FALSE(k.is_provisioning_key);
        REQUIRE(k.rate_limit.has_value());
        CHECK(k.rate_limit->requests == 1000);
        CHECK(last_request(f).target == "/api/v1/key");
        CHECK(header_of(last_request(f), "Authorization") == "Bearer " + test_key);
        auto a = co_await openrouter::async_get_auth_key(cli);
        CHECK(a.usage == k.usage);
        CHECK(last_request(f).target == "/api/v1/auth/key");
    }());
}

TEST_CASE("api keys: create list get update delete with a per-call provisioning key")
{
    emu_fixture f(provisioning_server());
    f.run([&]() -> asio::awaitable<void> {
        openrouter::client cli(co_await asio::this_coro::executor, f.options());
        openrouter::key_create_request cr;
        cr.provisioning_key = prov_key;
        cr.name = "ci key";
        cr.limit = 5.0;
        cr.limit_reset = "monthly";
        auto created = co_await openrouter::async_create_key(cli, cr);
        CHECK_FALSE(created.key.empty());
        CHECK(created.data.name == "ci key");
        CHECK(created.data.limit.value_or(0) == 5.0);
        CHECK(created.data.limit_remaining.value_or(0) == 5.0);
        CHECK(created.data.limit_reset.value_or("") == "monthly");
        CHECK_FALSE(created.data.disabled);
        auto rec = last_request(f);
        CHECK(rec.method == "POST");
        CHECK(rec.target == "/api/v1/keys");
        CHECK(header_of(rec, "Authorization") == "Bearer " + prov_key);
        CHECK(boost::json::parse(rec.body) ==
              boost::json::parse(R"({"name":"ci key","limit":5.0,"limit_reset":"monthly"})"));
        const std::string hash = created.data.hash;

        openrouter::key_ref arg1{prov_key, hash};
        auto got = co_await openrouter::async_get_managed_key(cli, arg1);
        CHECK(got.hash == hash);
        CHECK(got.updated_at.is_null());
        CHECK(last_request(f).target == "/api/v1/keys/" + hash);

        openrouter::key_update_request up;
        up.provisioning_key = prov_key;
        up.hash = hash;
        up.disabled = true;
        up.limit = nullptr;
        auto updated = co_await openrouter::async_update_key(cli, up);
        CHECK(updated.disabled);
        CHECK(updated.limit.is_null());
        CHECK(updated.updated_at.has_value());
        CHECK(last_request(f).method == "PATCH");
        CHECK(boost::json::parse(last_request(f).body) == boost::json::parse(R"({"disabled":true,"limit":null})"));

        openrouter::key_list_query lq;
        lq.provisioning_key = prov_key;
        CHECK((co_await openrouter::async_list_keys(cli, lq)).data.empty());  // disabled keys are hidden
        lq.include_disabled = true;
        auto all = co_await openrouter::async_list_keys(cli, lq);
        REQUIRE(all.data.size() == 1);
        CHECK(last_request(f).target == "/api/v1/keys?include_disabled=true");

        openrouter::key_ref arg2{prov_key, hash};
        auto del = co_await openrouter::async_delete_key(cli, arg2);
        CHECK(del.deleted);
        CHECK(last_request(f).method == "DELETE");
        openrouter::diagnostics d;
        openrouter::key_ref arg3{prov_key, hash};
        auto [ec, k] = co_await openrouter::async_get_managed_key(cli, arg3, d, asio::as_tuple(asio::use_awaitable));
        CHECK(ec == errc::not_found);
        check_no_key(d);
        CHECK(d.summary().find(prov_key) == std::string::npos);
    }());
}

TEST_CASE("api keys: offset paging of the key list")
{
    emu_fixture f(provisioning_server());
    f.run([&]() -> asio::awaitable<void> {
        openrouter::client cli(co_await asio::this_coro::executor, f.options());
        for (int i = 0; i < 103; ++i) {
            openrouter::key_create_request cr;
            cr.provisioning_key = prov_key;
            cr.name = "k" + std::to_string(i);
            co_await openrouter::async_create_key(cli, cr);
        }
        openrouter::key_list_query lq;
        lq.provisioning_key = prov_key;
        std::vector<std::string> names;
        for (;;) {
            lq.offset = static_cast<std::int64_t>(names.size());
            auto page = co_await openrouter::async_list_keys(cli, lq);
            if (page.data.empty())
                break;
            CHECK(page.data.size() <= 100);
            for (auto& k : page.data)
                names.push_back(k.name);
        }
        REQUIRE(names.size() == 103);
        CHECK(names.front() == "k0");
        CHECK(names.back() == "k102");
        CHECK(last_request(f).target == "/api/v1/keys?offset=103");
    }());
}

TEST_CASE("api keys: auth kinds and bad input")
{
    emu_fixture f(provisioning_server());
    f.run([&]() -> asio::awaitable<void> {
        openrouter::client cli(co_await asio::this_coro::executor, f.options());
        openrouter::diagnostics d;
        // The client's ordinary key cannot manage keys.
        openrouter::key_list_query arg4;
        auto [e1, l1] = co_await openrouter::async_list_keys(cli, arg4, d, asio::as_tuple(asio::use_awaitable));
        CHECK(e1 == errc::unauthorized);
        CHECK(d.http_status == 401);
        // A wrong provisioning key is 401 too.
        openrouter::key_list_query wrong;
        wrong.provisioning_key = "invalid-provisioning-key";
        auto [e2, l2] = co_await openrouter::async_list_keys(cli, wrong, d, asio::as_tuple(asio::use_awaitable));
        CHECK(e2 == errc::unauthorized);
        // A provisioning key is refused outside /keys.
        auto o = f.options();
        o.api_key = prov_key;
        openrouter::client mgmt(co_await asio::this_coro::executor, o);
        auto [e3, m3] = co_await openrouter::async_list_providers(mgmt, d, asio::as_tuple(asio::use_awaitable));
        (void)m3;
        CHECK(e3 == errc::unauthorized);
        // ... but an empty provisioning_key sends the client's own (provisioning) key.
        openrouter::key_list_query arg5;
        auto ok = co_await openrouter::async_list_keys(mgmt, arg5);
        CHECK(ok.data.empty());

        auto before = f.emu.requests().size();
        openrouter::key_create_request cr;
        cr.provisioning_key = prov_key;
        auto [e4, c4] = co_await openrouter::async_create_key(cli, cr, d, asio::as_tuple(asio::use_awaitable));
        CHECK(e4 == errc::invalid_request);
        CHECK(d.detail == "key_create_request.name is empty");
        openrouter::key_ref arg6{prov_key, ""};
        auto [e5, c5] = co_await openrouter::async_delete_key(cli, arg6, d, asio::as_tuple(asio::use_awaitable));
        CHECK(e5 == errc::invalid_request);
        openrouter::key_list_query neg;
        neg.provisioning_key = prov_key;
        neg.offset = -1;
        auto [e6, c6] = co_await openrouter::async_list_keys(cli, neg, d, asio::as_tuple(asio::use_awaitable));
        CHECK(e6 == errc::invalid_request);
        CHECK(f.emu.requests().size() == before);

        // The server's validation: limit_reset must be daily, weekly, monthly or null.
        cr.name = "x";
        cr.limit_reset = "hourly";
        auto [e7, c7] = co_await openrouter::async_create_key(cli, cr, d, asio::as_tuple(asio::use_awaitable));
        CHECK(e7 == errc::bad_request);
        CHECK(d.message.find("limit_reset") != std::string::npos);
        // A hash with a slash stays one path segment.
        openrouter::key_ref arg7{prov_key, "a/b"};
        auto [e8, c8] = co_await openrouter::async_get_managed_key(cli, arg7, d, asio::as_tuple(asio::use_awaitable));
        CHECK(e8 == errc::not_found);
        CHECK(last_request(f).target == "/api/v1/keys/a%2Fb");
    }());
}

TEST_CASE("api keys: the Authorization header of per-request headers is ignored")
{
    emu_fixture f;
    f.run([&]() -> asio::awaitable<void> {
        openrouter::client cli(co_await asio::this_coro::executor, f.options());
        openrouter::api_request r;
        r.path = "/key";
        r.headers.emplace_back("Authorization", "Bearer other");
        co_await cli.async_request(r);
        CHECK(header_of(last_request(f), "Authorization") == "Bearer " + test_key);
        r.bearer_override = "override-key";
        co_await cli.async_request(r);
        CHECK(header_of(last_request(f), "Authorization") == "Bearer override-key");
    }());
}

TEST_CASE("api keys: the provisioning key never shows up in diagnostics")
{
    emu_fixture f(provisioning_server());
    f.run([&]() -> asio::awaitable<void> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex,
                               scripted_options(f, R"({"status":401,"error_message":"bad key )" + prov_key + R"("})"));
        openrouter::diagnostics d;
        openrouter::key_list_query q;
        q.provisioning_key = prov_key;
        auto [ec, l] = co_await openrouter::async_list_keys(cli, q, d, asio::as_tuple(asio::use_awaitable));
        CHECK(ec == errc::unauthorized);
        CHECK(d.message == "bad key [redacted]");
        CHECK(d.summary().find(prov_key) == std::string::npos);
    }());
}

TEST_CASE("api keys: wrong shapes and error statuses")
{
    emu_fixture f(provisioning_server());
    f.run([&]() -> asio::awaitable<void> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::diagnostics d;
        for (int status : {401, 403, 404, 429, 500}) {
            openrouter::client cli(ex, scripted_options(f, R"({"status":)" + std::to_string(status) + "}"));
            openrouter::key_ref arg8{prov_key, "h"};
            auto [ec, k] =
                co_await openrouter::async_get_managed_key(cli, arg8, d, asio::as_tuple(asio::use_awaitable));
            CHECK(d.http_status == status);
            CHECK(ec != error_code{});
        }
        {
            openrouter::client cli(ex, scripted_options(f, R"({"body":"{\"data\":{\"usage\":\"lots\"}}"})"));
            auto [ec, k] = co_await openrouter::async_get_current_key(cli, d, asio::as_tuple(asio::use_awaitable));
            CHECK(ec == errc::invalid_response);
            CHECK(d.detail == "unexpected response shape: data.usage: expected number");
        }
        {
            openrouter::client cli(ex, scripted_options(f, R"({"body":"{\"data\":{}}"})"));
            openrouter::key_create_request cr;
            cr.provisioning_key = prov_key;
            cr.name = "n";
            auto [ec, k] = co_await openrouter::async_create_key(cli, cr, d, asio::as_tuple(asio::use_awaitable));
            CHECK(ec == errc::invalid_response);
            CHECK(d.detail == "unexpected response shape: key: missing");
        }
        {
            auto o = scripted_options(f, R"({"body_bytes":100000})");
            o.limits.max_body_bytes = 4096;
            openrouter::client cli(ex, o);
            auto [ec, k] = co_await openrouter::async_get_current_key(cli, d, asio::as_tuple(asio::use_awaitable));
            CHECK(ec == errc::body_too_large);
        }
    }());
}
