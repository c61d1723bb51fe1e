// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Client configuration: options, environment and defaults (no I/O).
#include <openrouter/client.hpp>

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include <cstdlib>

using namespace openrouter;

namespace {
struct env_guard {
    env_guard()
    {
        ::unsetenv("OPENROUTER_API_KEY");
        ::unsetenv("OPENROUTER_BASE_URL");
    }
    ~env_guard()
    {
        ::unsetenv("OPENROUTER_API_KEY");
        ::unsetenv("OPENROUTER_BASE_URL");
    }
};
}  // namespace

TEST_CASE("client: defaults to the public endpoint and needs a key")
{
    env_guard g;
    boost::asio::io_context ioc;
    client none(ioc);
    CHECK(none.base_url() == default_base_url);
    CHECK(none.config_error() == errc::missing_api_key);

    client_options o;
    o.api_key = "sk-or-unit";
    client ok(ioc, o);
    CHECK_FALSE(ok.config_error());
}

TEST_CASE("client: environment variables fill what the options leave empty")
{
    env_guard g;
    // [snippet: environment]
    ::setenv("OPENROUTER_API_KEY", "sk-or-from-env", 1);
    ::setenv("OPENROUTER_BASE_URL", "http://127.0.0.1:1234/api/v1", 1);
    boost::asio::io_context ioc;
    client c(ioc);
    CHECK_FALSE(c.config_error());
    CHECK(c.base_url() == "http://127.0.0.1:1234/api/v1");

    client_options o;
    o.base_url = "https://example.test/api/v1";
    client c2(ioc, o);  // options win over the environment
    CHECK(c2.base_url() == "https://example.test/api/v1");
    // [/snippet]
    CHECK_FALSE(c2.config_error());
}

TEST_CASE("client: plain http only to loopback unless explicitly allowed")
{
    env_guard g;
    boost::asio::io_context ioc;
    client_options o;
    o.api_key = "sk-or-unit";
    // [snippet: insecure-http]
    o.base_url = "http://api.example.test/v1";
    CHECK(client(ioc, o).config_error() == errc::insecure_transport);
    o.allow_insecure_http = true;
    CHECK_FALSE(client(ioc, o).config_error());
    o.allow_insecure_http = false;
    o.base_url = "http://localhost:9/v1";
    CHECK_FALSE(client(ioc, o).config_error());
    o.base_url = "gopher://x";
    CHECK(client(ioc, o).config_error() == errc::invalid_base_url);
    // [/snippet]
}
