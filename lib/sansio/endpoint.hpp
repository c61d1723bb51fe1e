// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_SANSIO_ENDPOINT_HPP
#define OPENROUTER_LIB_SANSIO_ENDPOINT_HPP

// The base URL, parsed once (with Boost.URL) into what the transport needs.

#include <openrouter/error.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace openrouter::detail {

struct endpoint {
    bool tls = true;
    std::string host;         // without brackets for IPv6
    std::string port;         // always set ("443", "80" or explicit)
    std::string host_header;  // host[:port] as it goes into the Host header
    std::string base_path;    // "/api/v1" (no trailing slash; may be empty)
    bool loopback = false;    // localhost, 127.0.0.0/8 or ::1
    bool host_is_ip = false;  // no SNI for IP literals
};

// Parses an absolute http(s) URL. On failure returns errc::invalid_base_url and a reason.
error_code parse_base_url(std::string_view url, endpoint& out, std::string& why);

// Builds "base_path + path?query" with the query percent-encoded.
std::string make_target(const endpoint& ep, std::string_view path,
                        const std::vector<std::pair<std::string, std::string>>& query);

}  // namespace openrouter::detail

#endif
