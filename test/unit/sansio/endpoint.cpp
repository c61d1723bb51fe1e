// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include "sansio/endpoint.hpp"

#include <openrouter/request.hpp>

#include <catch2/catch.hpp>

using namespace openrouter;
using namespace openrouter::detail;

TEST_CASE("base URL: the default endpoint")
{
    endpoint ep;
    std::string why;
    REQUIRE_FALSE(parse_base_url("https://openrouter.ai/api/v1", ep, why));
    CHECK(ep.tls);
    CHECK(ep.host == "openrouter.ai");
    CHECK(ep.port == "443");
    CHECK(ep.host_header == "openrouter.ai");
    CHECK(ep.base_path == "/api/v1");
    CHECK_FALSE(ep.loopback);
    CHECK_FALSE(ep.host_is_ip);
}

TEST_CASE("base URL: loopback forms, ports, trailing slashes")
{
    endpoint ep;
    std::string why;
    REQUIRE_FALSE(parse_base_url("http://127.0.0.1:8080/api/v1/", ep, why));
    CHECK_FALSE(ep.tls);
    CHECK(ep.port == "8080");
    CHECK(ep.host_header == "127.0.0.1:8080");
    CHECK(ep.base_path == "/api/v1");
    CHECK(ep.loopback);
    CHECK(ep.host_is_ip);

    REQUIRE_FALSE(parse_base_url("http://localhost:1", ep, why));
    CHECK(ep.loopback);
    CHECK(ep.base_path.empty());
    REQUIRE_FALSE(parse_base_url("http://[::1]:9/x", ep, why));
    CHECK(ep.loopback);
    CHECK(ep.host == "::1");
    CHECK(ep.host_header == "[::1]:9");
    REQUIRE_FALSE(parse_base_url("http://127.8.9.10", ep, why));
    CHECK(ep.loopback);
    CHECK(ep.port == "80");
    REQUIRE_FALSE(parse_base_url("http://localhost.example.com", ep, why));
    CHECK_FALSE(ep.loopback);
    REQUIRE_FALSE(parse_base_url("http://128.0.0.1", ep, why));
    CHECK_FALSE(ep.loopback);
}

TEST_CASE("base URL: what is refused")
{
    endpoint ep;
    std::string why;
    for (const char* bad : {"", "openrouter.ai/api/v1", "ftp://openrouter.ai", "https://", "https://u:p@host/",
                            "https://host/api?x=1", "https://host/#frag", "https://host:0/", "not a url",
                            // Found by test/fuzz (regressions/base_url): Boost.URL reads port 1 and
                            // the path ".5/api/v1", which made the request target ".5/api/v1/...".
                            "http://127.0.0.1:1.5/api/v1", "https://host:443.0"}) {
        INFO(bad);
        CHECK(parse_base_url(bad, ep, why) == errc::invalid_base_url);
        CHECK_FALSE(why.empty());
    }
}

TEST_CASE("targets: path joined to the base path, query percent-encoded")
{
    endpoint ep;
    std::string why;
    REQUIRE_FALSE(parse_base_url("https://openrouter.ai/api/v1", ep, why));
    CHECK(make_target(ep, "/models", {}) == "/api/v1/models");
    CHECK(make_target(ep, "models", {}) == "/api/v1/models");
    CHECK(make_target(ep, "/generation", {{"id", "gen-1 2&3"}}) == "/api/v1/generation?id=gen-1%202%263");
    CHECK(make_target(ep, "/models", {{"a", "1"}, {"b", "x/y"}}) == "/api/v1/models?a=1&b=x%2Fy");
    CHECK(encode_path_segment("anthropic/claude 3") == "anthropic%2Fclaude%203");
    CHECK(to_string(http_method::delete_) == "DELETE");
}
