// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// PKCE helpers, the authorization URL and the OAuth JSON codecs.

#include <openrouter/oauth.hpp>

#include <boost/json/parse.hpp>
#include <boost/url/parse.hpp>

#include <catch2/catch.hpp>

#include <set>
#include <stdexcept>

TEST_CASE("oauth: S256 challenge matches the RFC 7636 appendix B vector")
{
    // RFC 7636 appendix B (also the example of POST /auth/keys/code in the OpenAPI document).
    CHECK(openrouter::code_challenge_s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") ==
          "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST_CASE("oauth: verifiers have the asked length and the unreserved alphabet and differ")
{
    std::set<std::string> seen;
    for (std::size_t len : {43u, 44u, 64u, 100u, 127u, 128u}) {
        auto v = openrouter::make_code_verifier(len);
        CHECK(v.size() == len);
        CHECK(v.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~") ==
              std::string::npos);
        seen.insert(v);
        CHECK(openrouter::code_challenge_s256(v).size() == 43);  // 32 bytes, base64url, no padding
    }
    CHECK(seen.size() == 6);
    auto p = openrouter::make_pkce_pair();
    CHECK(p.challenge == openrouter::code_challenge_s256(p.verifier));
}

TEST_CASE("oauth: bad verifier lengths and characters are refused")
{
    CHECK_THROWS_AS(openrouter::make_code_verifier(42), std::invalid_argument);
    CHECK_THROWS_AS(openrouter::make_code_verifier(129), std::invalid_argument);
    CHECK_THROWS_AS(openrouter::code_challenge_s256("short"), std::invalid_argument);
    CHECK_THROWS_AS(openrouter::code_challenge_s256(std::string(43, 'a') + "+"), std::invalid_argument);
    CHECK_THROWS_AS(openrouter::code_challenge_s256(std::string(129, 'a')), std::invalid_argument);
    CHECK_NOTHROW(openrouter::code_challenge_s256(std::string(128, '~')));
}

TEST_CASE("oauth: authorize URL percent-encodes the callback and derives the site from the base URL")
{
    auto url = openrouter::make_authorize_url("https://openrouter.ai", "http://localhost:3000/cb?x=1&y=2", "abc-_");
    auto u = boost::urls::parse_absolute_uri(url);
    REQUIRE(u);
    CHECK(u->host() == "openrouter.ai");
    CHECK(u->path() == "/auth");
    auto params = u->params();
    REQUIRE(params.find("callback_url") != params.end());
    CHECK((*params.find("callback_url")).value == "http://localhost:3000/cb?x=1&y=2");
    CHECK((*params.find("code_challenge")).value == "abc-_");
    CHECK((*params.find("code_challenge_method")).value == "S256");
    CHECK(url.find("x=1&y=2") == std::string::npos);  // the callback's own query is encoded

    CHECK(openrouter::site_from_base_url("https://openrouter.ai/api/v1") == "https://openrouter.ai");
    CHECK(openrouter::site_from_base_url("https://openrouter.ai/api/v1/") == "https://openrouter.ai");
    CHECK(openrouter::site_from_base_url("http://127.0.0.1:8080/proxy/api/v1") == "http://127.0.0.1:8080/proxy");
    CHECK(openrouter::make_authorize_url("http://127.0.0.1:8080/proxy/", "https://a.b/c", "x")
              .rfind("http://127.0.0.1:8080/proxy/auth?callback_url=", 0) == 0);
    CHECK_THROWS_AS(openrouter::site_from_base_url("not a url"), std::invalid_argument);
    CHECK_THROWS_AS(openrouter::make_authorize_url("https://openrouter.ai", "", "x"), std::invalid_argument);
    CHECK_THROWS_AS(openrouter::make_authorize_url("https://openrouter.ai", "https://a/b", ""), std::invalid_argument);
}

TEST_CASE("oauth: request bodies and response decoding")
{
    openrouter::auth_code_request r;
    r.callback_url = "https://a/b";
    r.code_challenge = "c";
    r.code_challenge_method = "S256";
    r.limit = 5.5;
    r.expires_at.set_null();
    r.key_label = "label";
    r.extra["spawn_agent"] = "x";
    auto o = openrouter::to_json(r).as_object();
    CHECK(o.at("callback_url") == "https://a/b");
    CHECK(o.at("limit") == 5.5);
    CHECK(o.at("expires_at").is_null());
    CHECK(o.at("key_label") == "label");
    CHECK(o.at("spawn_agent") == "x");
    CHECK_FALSE(o.contains("workspace_id"));

    openrouter::auth_exchange_request ex{"code1", std::string("verif")};
    auto e = openrouter::to_json(ex).as_object();
    CHECK(e.at("code") == "code1");
    CHECK(e.at("code_verifier") == "verif");
    CHECK(e.at("code_challenge_method") == "S256");
    ex.code_challenge_method.set_null();
    CHECK(openrouter::to_json(ex).as_object().at("code_challenge_method").is_null());

    std::string why;
    openrouter::auth_key k;
    REQUIRE(openrouter::from_json(boost::json::parse(R"({"key":"sk-test","user_id":null,"new":1})"), k, why));
    CHECK(k.key == "sk-test");
    CHECK(k.user_id.is_null());
    CHECK(k.extra.at("new") == 1);
    REQUIRE(openrouter::from_json(boost::json::parse(R"({"key":"sk-test"})"), k, why));
    CHECK(k.user_id.is_absent());
    CHECK_FALSE(openrouter::from_json(boost::json::parse(R"({"key":1})"), k, why));
    CHECK(why == "key: expected string");
    CHECK_FALSE(openrouter::from_json(boost::json::parse(R"({"user_id":"u"})"), k, why));
    CHECK(why == "key: expected non-empty string");
    CHECK_FALSE(openrouter::from_json(boost::json::parse(R"([])"), k, why));

    openrouter::auth_code c;
    REQUIRE(openrouter::from_json(boost::json::parse(R"({"data":{"id":"c1","app_id":7.0,"created_at":"t","x":true}})"),
                                  c, why));
    CHECK(c.id == "c1");
    CHECK(c.app_id == 7);
    CHECK(c.created_at == "t");
    CHECK(c.extra.at("x") == true);
    CHECK_FALSE(openrouter::from_json(boost::json::parse(R"({"data":{"id":"c1","app_id":"x"}})"), c, why));
    CHECK(why == "data.app_id: expected integer");
    CHECK_FALSE(openrouter::from_json(boost::json::parse(R"({"data":[]})"), c, why));
    CHECK(why == "data: expected object");
    CHECK_FALSE(openrouter::from_json(boost::json::parse(R"({})"), c, why));
}
