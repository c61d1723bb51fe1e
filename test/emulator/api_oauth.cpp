// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// OAuth PKCE: POST /auth/keys/code creates codes, POST /auth/keys exchanges them for a key.
//
// Codes are stateless: "emu_code_<method>_<challenge>" carries the challenge it was created with, so
// the exchange checks the verifier against it exactly as the real server checks its stored challenge.
#include "oauth_embeddings_responses.hpp"

#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

#include <openssl/evp.h>

namespace openrouter::emulator::detail {
namespace json = boost::json;

std::string emu_base64(std::string_view bytes)
{
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    int const n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<unsigned char const*>(bytes.data()), static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::string emu_base64url(std::string_view bytes)
{
    std::string out = emu_base64(bytes);
    while (!out.empty() && out.back() == '=')
        out.pop_back();
    for (char& c : out)
        c = c == '+' ? '-' : c == '/' ? '_' : c;
    return out;
}

std::string emu_s256(std::string_view verifier)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(verifier.data(), verifier.size(), md, &len, EVP_sha256(), nullptr);
    return emu_base64url(std::string_view(reinterpret_cast<char const*>(md), len));
}

namespace {

constexpr std::string_view code_prefix = "emu_code_";

std::optional<std::string> string_member(json::object const& o, std::string_view k)
{
    if (auto const* v = o.if_contains(k); v && v->is_string())
        return std::string(v->get_string());
    return std::nullopt;
}

response_plan bad(http_request const& req, scenario const& sc, std::string const& msg)
{
    return body_response(req, 400, error_body(400, sc, msg), sc);
}

response_plan create_code(http_request const& req, scenario const& sc, json::object const& body)
{
    auto const cb = string_member(body, "callback_url");
    if (!cb || cb->empty())
        return bad(req, sc, "callback_url is required");
    auto u = boost::urls::parse_absolute_uri(*cb);
    if (!u || (u->scheme() != "https" && u->host() != "localhost" && u->host() != "127.0.0.1"))
        return bad(req, sc, "callback_url must be an https URL or a localhost URL");
    std::string method = "none";
    std::string challenge;
    if (auto const* c = body.if_contains("code_challenge"); c && !c->is_null()) {
        if (!c->is_string() || c->get_string().empty())
            return bad(req, sc, "code_challenge must be a non-empty string");
        challenge = c->get_string();
        method = "plain";  // RFC 7636: plain unless said otherwise
    }
    if (auto const* m = body.if_contains("code_challenge_method"); m && !m->is_null()) {
        if (!m->is_string() || (m->get_string() != "S256" && m->get_string() != "plain"))
            return bad(req, sc, "code_challenge_method must be S256 or plain");
        if (!challenge.empty())
            method = m->get_string();
    }
    if (auto const* l = body.if_contains("limit"); l && !l->is_number())
        return bad(req, sc, "limit must be a number");
    std::string const id = std::string(code_prefix) + method + "_" + challenge;
    json::object data{{"id", id}, {"app_id", 1}, {"created_at", "2025-01-01T00:00:00Z"}};
    return body_response(req, 200, json::serialize(json::object{{"data", std::move(data)}}), sc);
}

response_plan exchange(http_request const& req, scenario const& sc, json::object const& body)
{
    auto const code = string_member(body, "code");
    if (!code || code->empty())
        return bad(req, sc, "code is required");
    std::string_view rest(*code);
    if (!rest.starts_with(code_prefix))
        return body_response(req, 403, error_body(403, sc, "Invalid or expired authorization code"), sc);
    rest.remove_prefix(code_prefix.size());
    auto const us = rest.find('_');
    if (us == std::string_view::npos)
        return body_response(req, 403, error_body(403, sc, "Invalid or expired authorization code"), sc);
    std::string_view const method = rest.substr(0, us);
    std::string_view const challenge = rest.substr(us + 1);
    if (method != "none") {
        auto const verifier = string_member(body, "code_verifier");
        if (!verifier || verifier->empty())
            return bad(req, sc, "code_verifier is required for a code created with a code_challenge");
        if (auto const* m = body.if_contains("code_challenge_method"); m && m->is_string() && m->get_string() != method)
            return bad(req, sc, "code_challenge_method does not match the code");
        std::string const computed = method == "S256" ? emu_s256(*verifier) : *verifier;
        if (computed != challenge)
            return bad(req, sc, "code_verifier does not match the code_challenge");
    }
    std::string const tag = challenge.empty() ? std::string("nochallenge") : std::string(challenge.substr(0, 12));
    json::object out{{"key", "sk-or-emu-oauth-" + tag}, {"user_id", "user_emulator"}};
    return body_response(req, 200, json::serialize(out), sc);
}

}  // namespace

std::optional<response_plan> route_oauth(http_request const& req, std::string_view api, scenario const& sc,
                                         json::object const* body, std::string const& parse_error)
{
    if (api != "/auth/keys" && api != "/auth/keys/code")
        return std::nullopt;
    if (req.method() != http::verb::post)
        return body_response(req, 405, error_body(405, sc, "Method not allowed"), sc, {{"Allow", "POST"}});
    if (!body)
        return bad(req, sc, parse_error);
    return api == "/auth/keys" ? exchange(req, sc, *body) : create_code(req, sc, *body);
}

std::optional<response_plan> route_oauth_embeddings_responses(shared_state& st, http_request const& req,
                                                              std::string_view api, scenario const& sc,
                                                              json::object const* body, std::string const& parse_error)
{
    if (auto r = route_oauth(req, api, sc, body, parse_error))
        return r;
    if (auto r = route_embeddings(req, api, sc, body, parse_error))
        return r;
    return route_responses(st, req, api, sc, body, parse_error);
}

}  // namespace openrouter::emulator::detail
