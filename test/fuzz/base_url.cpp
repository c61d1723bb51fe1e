// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The base-URL parser (lib/sansio/endpoint.cpp, parse_base_url) and make_target. Input: the
// URL, NUL, a query key, NUL, a query value, NUL, a path. Properties: a refusal is
// errc::invalid_base_url with a reason; an accepted URL gives a port in 1..65535, the default
// port of its scheme when none is given, a host without brackets, a base path without a trailing
// slash; re-serialised (scheme://host_header base_path) and parsed again it gives an equal
// endpoint; the target built from it parses as an origin-form target whose path starts with the
// base path and whose query decodes back to the key and value.

#include "fuzz/fuzz_check.hpp"
#include "sansio/endpoint.hpp"

#include <openrouter/error.hpp>

#include <boost/url/parse.hpp>

#include <cctype>
#include <charconv>

namespace {

using openrouter::detail::endpoint;

bool operator_eq(const endpoint& a, const endpoint& b)
{
    return a.tls == b.tls && a.host == b.host && a.port == b.port && a.host_header == b.host_header &&
           a.base_path == b.base_path && a.loopback == b.loopback && a.host_is_ip == b.host_is_ip;
}

// A path of unreserved characters and slashes (make_target does not encode the path).
bool plain_path(std::string_view p)
{
    for (char c : p)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~'))
            return false;
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto parts = fuzz::split_nul(std::string_view(reinterpret_cast<const char*>(data), size), 4);
    const std::string_view url = parts[0];
    endpoint ep;
    std::string why;
    const openrouter::error_code ec = openrouter::detail::parse_base_url(url, ep, why);
    if (ec) {
        FUZZ_ASSERT(ec == openrouter::errc::invalid_base_url);
        FUZZ_ASSERT(!why.empty());
        return 0;
    }
    unsigned port = 0;
    const auto [p, pec] = std::from_chars(ep.port.data(), ep.port.data() + ep.port.size(), port);
    FUZZ_ASSERT(pec == std::errc{} && p == ep.port.data() + ep.port.size());
    FUZZ_ASSERT(port >= 1 && port <= 65535);
    FUZZ_ASSERT(std::to_string(port) == ep.port);
    FUZZ_ASSERT(!ep.host.empty() && ep.host.front() != '[');
    FUZZ_ASSERT(ep.base_path.empty() || ep.base_path.back() != '/');
    if (ep.host_header.find(']') == std::string::npos && ep.host_header.find(':') == std::string::npos)
        FUZZ_ASSERT(ep.port == (ep.tls ? "443" : "80"));

    const std::string again = std::string(ep.tls ? "https://" : "http://") + ep.host_header + ep.base_path;
    endpoint ep2;
    std::string why2;
    FUZZ_ASSERT(!openrouter::detail::parse_base_url(again, ep2, why2));
    FUZZ_ASSERT(operator_eq(ep, ep2));

    std::string key, value, path = "/chat/completions";
    if (parts.size() >= 3) {
        key = parts[1];
        value = parts[2];
    }
    if (parts.size() == 4 && plain_path(parts[3]))
        path = parts[3];
    std::vector<std::pair<std::string, std::string>> query;
    if (!key.empty())
        query.emplace_back(key, value);
    const std::string target = openrouter::detail::make_target(ep, path, query);
    const auto t = boost::urls::parse_origin_form(target);
    if (!path.empty() && path.front() == '/' && path.find('?') == std::string::npos &&
        path.find('#') == std::string::npos && !(ep.base_path.empty() && path.starts_with("//"))) {
        if (!t)
            std::fprintf(stderr, "target '%s' base '%s' host '%s' port '%s'\n", target.c_str(), ep.base_path.c_str(),
                         ep.host.c_str(), ep.port.c_str());
        FUZZ_ASSERT(t.has_value());
        FUZZ_ASSERT(t->encoded_path().starts_with(ep.base_path));
        if (!query.empty()) {
            FUZZ_ASSERT(t->params().size() == 1);
            const auto q = *t->params().begin();
            FUZZ_ASSERT(q.key == key && q.value == value);
        } else {
            FUZZ_ASSERT(!t->has_query());
        }
    }
    return 0;
}
