// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The shared state behind a `client`: configuration resolved once, default headers, policies.
#include "core/client_impl.hpp"

#include "transport/connection.hpp"

#include <boost/beast/http/field.hpp>

#include <cstdlib>
#include <random>

namespace openrouter::detail {

namespace http = boost::beast::http;

namespace {

std::string env_or(const char* name, std::string fallback)
{
    const char* v = std::getenv(name);
    return (v != nullptr && *v != '\0') ? std::string(v) : std::move(fallback);
}

}  // namespace

client_impl::client_impl(boost::asio::any_io_executor ex, client_options opts)
    : executor(std::move(ex)), strand(boost::asio::make_strand(executor)), options(std::move(opts)),
      pool(options.max_connections_per_host, options.idle_connection_ttl)
{
    api_key = options.api_key.empty() ? env_or("OPENROUTER_API_KEY", {}) : options.api_key;
    options.api_key.clear();  // the key lives in one place only
    base_url = options.base_url.empty() ? env_or("OPENROUTER_BASE_URL", default_base_url) : options.base_url;

    std::string why;
    if (auto ec = parse_base_url(base_url, ep, why)) {
        config_error = ec;
        config_detail = "base URL: " + why;
    } else if (!ep.tls && !ep.loopback && !options.allow_insecure_http) {
        config_error = errc::insecure_transport;
        config_detail = "plain http to " + ep.host + " would expose the API key; use https or set allow_insecure_http";
    } else if (api_key.empty()) {
        config_error = errc::missing_api_key;
        config_detail = "set client_options::api_key or the OPENROUTER_API_KEY environment variable";
    }
    if (!config_error && ep.tls)
        tls_ctx = options.ssl_context ? options.ssl_context : make_default_tls_context();
    pool_key = (ep.tls ? "https://" : "http://") + ep.host_header;
    policies = std::make_shared<const request_policies>(options.policies);
    breakers = std::make_unique<circuit_breakers>(options.policies.circuit_breaker);
    seed_counter = std::random_device{}();
    const traffic_limits& t = options.traffic;
    if (t.max_in_flight > 0 || t.max_in_flight_per_model > 0 || t.rate || t.budget_usd)
        traffic = std::make_shared<traffic_gate>(t, strand);

    default_fields.set(http::field::host, ep.host_header);
    default_fields.set(http::field::user_agent,
                       options.user_agent.empty() ? std::string("openrouter-cpp/0.1.0") : options.user_agent);
    default_fields.set(http::field::accept, "application/json");
    // The SDK decodes no compression: a Content-Encoding in the answer is errc::unsupported_content_encoding.
    default_fields.set(http::field::accept_encoding, "identity");
    if (!options.http_referer.empty())
        default_fields.set("HTTP-Referer", options.http_referer);
    if (!options.x_title.empty())
        default_fields.set("X-Title", options.x_title);
    for (const auto& [k, v] : options.default_headers) {
        const auto name = http::string_to_field(k);
        if (name == http::field::authorization || name == http::field::host || name == http::field::content_length)
            continue;
        default_fields.set(k, v);
    }
}

std::uint64_t client_impl::next_seed() noexcept
{
    // splitmix64 of a counter started at a random value
    std::uint64_t z = (seed_counter += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

}  // namespace openrouter::detail
