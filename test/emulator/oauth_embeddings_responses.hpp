// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The OAuth, embeddings and Responses endpoints: OAuth PKCE (/auth/keys, /auth/keys/code),
// embeddings (/embeddings, /embeddings/models) and the Responses API (/responses, JSON and SSE).
#pragma once

#include "router.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace openrouter::emulator::detail {

/// The response for `api_path` (the path after /api/v1) if it is one of this area's endpoints.
/// `body` is the parsed JSON object body (null when absent/invalid, `parse_error` says why).
std::optional<response_plan> route_oauth_embeddings_responses(shared_state& st, http_request const& req,
                                                              std::string_view api_path, scenario const& sc,
                                                              boost::json::object const* body,
                                                              std::string const& parse_error);

std::optional<response_plan> route_oauth(http_request const& req, std::string_view api_path, scenario const& sc,
                                         boost::json::object const* body, std::string const& parse_error);
std::optional<response_plan> route_embeddings(http_request const& req, std::string_view api_path, scenario const& sc,
                                              boost::json::object const* body, std::string const& parse_error);
std::optional<response_plan> route_responses(shared_state& st, http_request const& req, std::string_view api_path,
                                             scenario const& sc, boost::json::object const* body,
                                             std::string const& parse_error);

/// base64url without padding (RFC 4648 section 5), and standard base64 with padding.
std::string emu_base64url(std::string_view bytes);
std::string emu_base64(std::string_view bytes);
/// The RFC 7636 S256 challenge of a verifier.
std::string emu_s256(std::string_view verifier);

}  // namespace openrouter::emulator::detail
