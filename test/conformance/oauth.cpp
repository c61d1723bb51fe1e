// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Conformance of OAuth PKCE (oauth.hpp) through its typed calls: POST /auth/keys/code
// (createAuthKeysCode) and the keyless POST /auth/keys exchange (exchangeAuthCodeForAPIKey),
// with the refusals the emulator gives naturally and the error statuses the document lists.
// The key the exchange returns is a secret: it is never printed.

#include "harness.hpp"

#include <openrouter/oauth.hpp>

using namespace conformance;
using openrouter::errc;

namespace {

auto create_code(openrouter::auth_code_request r)
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

openrouter::auth_code_request code_request(std::optional<std::string> challenge, std::string method = "S256")
{
    openrouter::auth_code_request r;
    r.callback_url = "http://localhost:3000/callback";
    if (challenge) {
        r.code_challenge = std::move(challenge);
        r.code_challenge_method = std::move(method);
    }
    return r;
}

openrouter::auth_exchange_request exchange_request(std::string code, std::optional<std::string> verifier,
                                                   std::optional<std::string> method)
{
    openrouter::auth_exchange_request r;
    r.code = std::move(code);
    r.code_verifier = std::move(verifier);
    if (method)
        r.code_challenge_method = *method;
    else
        r.code_challenge_method.reset();
    return r;
}

// The exchange needs no API key: the client has none.
openrouter::client_options keyless(const std::shared_ptr<recorder>& rec, std::string script = {})
{
    auto o = options(rec, std::move(script));
    o.api_key.clear();
    return o;
}

}  // namespace

TEST_CASE("conformance: OAuth code with an S256 challenge and its keyless exchange")
{
    auto rec = std::make_shared<recorder>();
    const auto pkce = openrouter::make_pkce_pair();
    auto r = code_request(pkce.challenge);
    r.limit = 10.0;
    r.key_label = "conformance";
    r.usage_limit_type = "monthly";
    r.expires_at = std::string("2099-12-31T23:59:59Z");
    auto code = drive<openrouter::auth_code>(options(rec), create_code(r));
    REQUIRE_FALSE(code.ec);
    REQUIRE_FALSE(code.value.id.empty());

    auto key =
        drive<openrouter::auth_key>(keyless(rec), exchange(exchange_request(code.value.id, pkce.verifier, "S256")));
    REQUIRE_FALSE(key.ec);
    CHECK_FALSE(key.value.key.empty());
    require_conformant(*rec, 2);
}

TEST_CASE("conformance: OAuth plain challenge and a code without challenge")
{
    auto rec = std::make_shared<recorder>();
    const std::string verifier(43, 'a');
    auto plain = drive<openrouter::auth_code>(options(rec), create_code(code_request(verifier, "plain")));
    REQUIRE_FALSE(plain.ec);
    auto k1 = drive<openrouter::auth_key>(keyless(rec), exchange(exchange_request(plain.value.id, verifier, "plain")));
    CHECK_FALSE(k1.ec);

    auto bare = drive<openrouter::auth_code>(options(rec), create_code(code_request(std::nullopt)));
    REQUIRE_FALSE(bare.ec);
    auto k2 = drive<openrouter::auth_key>(keyless(rec),
                                          exchange(exchange_request(bare.value.id, std::nullopt, std::nullopt)));
    CHECK_FALSE(k2.ec);
    require_conformant(*rec, 4);
}

TEST_CASE("conformance: OAuth refusals a wrong verifier an unknown code and a bad callback")
{
    auto rec = std::make_shared<recorder>();
    const auto pkce = openrouter::make_pkce_pair();
    auto code = drive<openrouter::auth_code>(options(rec), create_code(code_request(pkce.challenge)));
    REQUIRE_FALSE(code.ec);
    auto wrong = drive<openrouter::auth_key>(
        keyless(rec), exchange(exchange_request(code.value.id, openrouter::make_code_verifier(), "S256")));
    CHECK(wrong.ec == errc::bad_request);
    auto unknown =
        drive<openrouter::auth_key>(keyless(rec), exchange(exchange_request("not-a-code", pkce.verifier, "S256")));
    CHECK(unknown.ec == errc::forbidden);

    auto bad_cb = code_request(std::nullopt);
    bad_cb.callback_url = "ftp://nowhere.example/cb";  // a URI for the document, refused by the server
    auto refused = drive<openrouter::auth_code>(options(rec), create_code(bad_cb));
    CHECK(refused.ec == errc::bad_request);
    require_conformant(*rec, 4);
}

TEST_CASE("conformance: OAuth error statuses documented by the spec")
{
    SECTION("createAuthKeysCode")
    {
        require_error_statuses<openrouter::auth_code>({400, 401, 403, 409, 500},
                                                      create_code(code_request(std::nullopt)));
    }
    SECTION("exchangeAuthCodeForAPIKey")
    {
        const auto op = exchange(exchange_request("any-code", std::nullopt, std::nullopt));
        for (int status : {400, 403, 500}) {
            INFO("scripted status " << status);
            auto rec = std::make_shared<recorder>();
            auto r = drive<openrouter::auth_key>(keyless(rec, R"({"status":)" + std::to_string(status) + "}"), op);
            CHECK(r.ec);
            CHECK(r.diag.http_status == status);
            require_conformant(*rec, 1);
        }
    }
}
