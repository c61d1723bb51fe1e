// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// OAuth PKCE against the emulator: create a code, exchange it with the right and wrong verifiers.

#include "loopback/run_op.hpp"

#include <openrouter/oauth.hpp>

using namespace test;
using openrouter::errc;

namespace {

auto create(openrouter::auth_code_request r)
{
    return [r](openrouter::client& c, openrouter::diagnostics& d) {
        return openrouter::async_create_auth_code(c, r, d, asio::as_tuple(asio::use_awaitable));
    };
}

auto exchange(openrouter::auth_exchange_request r)
{
    return [r](openrouter::client& c, openrouter::diagnostics& d) {
        return openrouter::async_exchange_auth_code(c, r, d, asio::as_tuple(asio::use_awaitable));
    };
}

}  // namespace

TEST_CASE("oauth: code created with an S256 challenge is exchanged with its verifier by a keyless client")
{
    emu_fixture f;
    const auto pkce = openrouter::make_pkce_pair();
    openrouter::auth_code_request cr;
    cr.callback_url = "http://localhost:3000/callback";
    cr.code_challenge = pkce.challenge;
    cr.code_challenge_method = "S256";
    cr.limit = 10.0;
    auto code = run_op<openrouter::auth_code>(f, f.options(), create(cr));
    REQUIRE_FALSE(code.ec);
    CHECK(code.value.app_id == 1);
    CHECK(code.value.created_at == "2025-01-01T00:00:00Z");
    REQUIRE_FALSE(code.value.id.empty());

    auto keyless = f.options();
    keyless.api_key.clear();
    auto key = run_op<openrouter::auth_key>(f, keyless, exchange({code.value.id, pkce.verifier}));
    REQUIRE_FALSE(key.ec);
    CHECK(key.value.key.rfind("sk-or-emu-oauth-", 0) == 0);
    CHECK(key.value.user_id.value() == "user_emulator");

    auto rec = f.emu.requests();
    REQUIRE(rec.size() == 2);
    CHECK(rec[0].method == "POST");
    CHECK(rec[0].target == "/api/v1/auth/keys/code");
    auto body0 = boost::json::parse(rec[0].body).as_object();
    CHECK(body0.at("callback_url") == "http://localhost:3000/callback");
    CHECK(body0.at("code_challenge") == pkce.challenge.c_str());
    CHECK(body0.at("limit") == 10.0);
    CHECK(rec[1].target == "/api/v1/auth/keys");
    auto body1 = boost::json::parse(rec[1].body).as_object();
    CHECK(body1.at("code_verifier") == pkce.verifier.c_str());
    CHECK(body1.at("code_challenge_method") == "S256");
    bool has_auth = false;
    for (const auto& [k, v] : rec[1].headers)
        has_auth = has_auth || k == "Authorization";
    CHECK_FALSE(has_auth);  // the exchange sends no key
}

TEST_CASE("oauth: a wrong verifier or an unknown code is refused")
{
    emu_fixture f;
    const auto pkce = openrouter::make_pkce_pair();
    openrouter::auth_code_request cr;
    cr.callback_url = "https://app.example/cb";
    cr.code_challenge = pkce.challenge;
    cr.code_challenge_method = "S256";
    auto code = run_op<openrouter::auth_code>(f, f.options(), create(cr));
    REQUIRE_FALSE(code.ec);

    auto other = openrouter::make_code_verifier();
    auto bad = run_op<openrouter::auth_key>(f, f.options(), exchange({code.value.id, other}));
    CHECK(bad.ec == errc::bad_request);
    CHECK(bad.diag.http_status == 400);
    CHECK(bad.diag.message.find("code_verifier") != std::string::npos);
    CHECK(bad.value.key.empty());

    auto unknown = run_op<openrouter::auth_key>(f, f.options(), exchange({"not-a-code", pkce.verifier}));
    CHECK(unknown.ec == errc::forbidden);
    CHECK(unknown.diag.http_status == 403);
}

TEST_CASE("oauth: plain challenges and codes without a challenge")
{
    emu_fixture f;
    openrouter::auth_code_request cr;
    cr.callback_url = "https://app.example/cb";
    cr.code_challenge = std::string(43, 'a');
    cr.code_challenge_method = "plain";
    auto code = run_op<openrouter::auth_code>(f, f.options(), create(cr));
    REQUIRE_FALSE(code.ec);
    openrouter::auth_exchange_request ex{code.value.id, std::string(43, 'a')};
    ex.code_challenge_method = std::string("plain");
    auto key = run_op<openrouter::auth_key>(f, f.options(), exchange(ex));
    CHECK_FALSE(key.ec);

    openrouter::auth_code_request none;
    none.callback_url = "https://app.example/cb";
    auto code2 = run_op<openrouter::auth_code>(f, f.options(), create(none));
    REQUIRE_FALSE(code2.ec);
    openrouter::auth_exchange_request ex2;
    ex2.code = code2.value.id;
    ex2.code_challenge_method.reset();
    auto key2 = run_op<openrouter::auth_key>(f, f.options(), exchange(ex2));
    CHECK_FALSE(key2.ec);
    auto body = boost::json::parse(f.emu.requests().back().body).as_object();
    CHECK_FALSE(body.contains("code_verifier"));
    CHECK_FALSE(body.contains("code_challenge_method"));
}

TEST_CASE("oauth: documented error statuses and bad bodies")
{
    emu_fixture f;
    openrouter::auth_code_request cr;
    cr.callback_url = "ftp://nowhere";
    auto r = run_op<openrouter::auth_code>(f, f.options(), create(cr));
    CHECK(r.ec == errc::bad_request);

    openrouter::auth_code_request ok;
    ok.callback_url = "https://app.example/cb";
    for (int status : {400, 401, 403, 500}) {
        auto s = run_op<openrouter::auth_code>(
            f, with_script(f.options(), R"({"status":)" + std::to_string(status) + "}"), create(ok));
        CHECK(s.ec);
        CHECK(s.diag.http_status == status);
        check_no_key(s.diag);
    }
    auto e = run_op<openrouter::auth_key>(f, with_script(f.options(), R"({"status":500})"),
                                          exchange({"emu_code_none_", {}}));
    CHECK(e.ec == errc::server_error);

    auto shape = run_op<openrouter::auth_key>(f, with_script(f.options(), R"({"body":"{\"key\":42}"})"),
                                              exchange({"emu_code_none_", {}}));
    CHECK(shape.ec == errc::invalid_response);
    CHECK(shape.diag.detail.find("key") != std::string::npos);
    CHECK(shape.value.key.empty());

    // An unusable 2xx answer to the exchange may hold the new key: it never reaches diagnostics.
    auto leaky = run_op<openrouter::auth_key>(
        f,
        with_script(f.options(),
                    R"({"body":"{\"key\":\"sk-or-v1-new-secret-key\"","content_type":"application/json"})"),
        exchange({"emu_code_none_", {}}));
    CHECK(leaky.ec == errc::invalid_response);
    CHECK(leaky.diag.summary().find("new-secret") == std::string::npos);
    CHECK(leaky.diag.body_excerpt.empty());

    auto big_opts = with_script(f.options(), R"({"body_bytes":100000})");
    big_opts.limits.max_body_bytes = 1000;
    auto big = run_op<openrouter::auth_code>(f, big_opts, create(ok));
    CHECK(big.ec == errc::body_too_large);

    auto missing =
        run_op<openrouter::auth_code>(f, with_script(f.options(), R"({"body":"{\"data\":{}}"})"), create(ok));
    CHECK(missing.ec == errc::invalid_response);
}
