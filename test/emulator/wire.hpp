// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// HTTP/1.1 framing helpers (all framing is done by Beast; these only turn it into bytes).
#pragma once

#include "router.hpp"

#include <boost/beast/http/empty_body.hpp>

#include <string>
#include <string_view>

namespace openrouter::emulator::detail {

using response_head = http::response<http::empty_body>;

/// A response head for `req` with the emulator's common fields (Server, keep-alive as the client asked,
/// unless `close`).
response_head make_head(http_request const& req, int status, std::string_view content_type, bool close);
/// The serialized head (status line, fields, empty line).
std::string head_bytes(response_head const& h);
/// One chunk of the chunked transfer coding carrying `data` (must not be empty), and the last chunk.
std::string chunk_bytes(std::string_view data);
std::string last_chunk_bytes();
/// Adds the script's Retry-After / retry-after-ms headers to an error response.
void add_retry_headers(response_head& h, scenario const& sc);

}  // namespace openrouter::emulator::detail
