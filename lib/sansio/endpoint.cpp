// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include "sansio/endpoint.hpp"

#include <openrouter/request.hpp>

#include <boost/url/encode.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <boost/url/url_view.hpp>

namespace openrouter {

std::string_view to_string(http_method m) noexcept
{
    switch (m) {
    case http_method::get: return "GET";
    case http_method::post: return "POST";
    case http_method::put: return "PUT";
    case http_method::patch: return "PATCH";
    case http_method::delete_: return "DELETE";
    }
    return "GET";
}

std::string encode_path_segment(std::string_view segment)
{
    return boost::urls::encode(segment, boost::urls::unreserved_chars);
}

namespace detail {

error_code parse_base_url(std::string_view url, endpoint& out, std::string& why)
{
    auto r = boost::urls::parse_absolute_uri(url);
    if (!r) {
        why = "not an absolute URL";
        return errc::invalid_base_url;
    }
    const boost::urls::url_view& u = *r;
    endpoint ep;
    if (u.scheme_id() == boost::urls::scheme::https)
        ep.tls = true;
    else if (u.scheme_id() == boost::urls::scheme::http)
        ep.tls = false;
    else {
        why = "the scheme must be http or https";
        return errc::invalid_base_url;
    }
    if (!u.has_authority() || u.encoded_host().empty()) {
        why = "the URL has no host";
        return errc::invalid_base_url;
    }
    if (u.has_userinfo()) {
        why = "credentials in the URL are not supported";
        return errc::invalid_base_url;
    }
    if (u.has_query() || u.has_fragment()) {
        why = "the base URL must not have a query or fragment";
        return errc::invalid_base_url;
    }
    ep.host = u.host_address();
    switch (u.host_type()) {
    case boost::urls::host_type::ipv4:
        ep.host_is_ip = true;
        ep.loopback = ep.host.rfind("127.", 0) == 0;
        break;
    case boost::urls::host_type::ipv6:
        ep.host_is_ip = true;
        ep.loopback = (u.host_ipv6_address() == boost::urls::ipv6_address::loopback());
        break;
    case boost::urls::host_type::name: ep.loopback = (ep.host == "localhost"); break;
    default: why = "unsupported host"; return errc::invalid_base_url;
    }
    if (u.has_port()) {
        if (u.port().empty() || u.port_number() == 0) {
            why = "invalid port";
            return errc::invalid_base_url;
        }
        ep.port = std::to_string(u.port_number());
    } else {
        ep.port = ep.tls ? "443" : "80";
    }
    ep.host_header = std::string(u.encoded_host_and_port());
    std::string path(u.encoded_path());
    if (!path.empty() && path.front() != '/') {
        // "http://h:1.5/x" parses as port 1 and path ".5/x", which is no request target.
        why = "invalid port";
        return errc::invalid_base_url;
    }
    while (!path.empty() && path.back() == '/')
        path.pop_back();
    ep.base_path = std::move(path);
    out = std::move(ep);
    return {};
}

std::string make_target(const endpoint& ep, std::string_view path,
                        const std::vector<std::pair<std::string, std::string>>& query)
{
    std::string t = ep.base_path;
    if (path.empty() || path.front() != '/')
        t += '/';
    t += path;
    char sep = '?';
    for (const auto& [k, v] : query) {
        t += sep;
        sep = '&';
        t += boost::urls::encode(k, boost::urls::unreserved_chars);
        t += '=';
        t += boost::urls::encode(v, boost::urls::unreserved_chars);
    }
    return t;
}

}  // namespace detail
}  // namespace openrouter
