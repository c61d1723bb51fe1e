// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include <openrouter/oauth.hpp>

#include "core/operation.hpp"
#include "json/api_codec.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

namespace openrouter {

namespace {

// base64url without padding (RFC 4648 section 5), via OpenSSL's base64.
std::string base64url(const unsigned char* data, std::size_t n)
{
    std::string out(4 * ((n + 2) / 3) + 1, '\0');
    const int len = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(n));
    out.resize(static_cast<std::size_t>(len));
    while (!out.empty() && out.back() == '=')
        out.pop_back();
    for (char& c : out) {
        if (c == '+')
            c = '-';
        else if (c == '/')
            c = '_';
    }
    return out;
}

bool is_unreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

}  // namespace

std::string make_code_verifier(std::size_t length)
{
    if (length < 43 || length > 128)
        throw std::invalid_argument("PKCE code verifier length must be 43..128, got " + std::to_string(length));
    // 3 random bytes give 4 characters; draw enough and cut to the length.
    std::vector<unsigned char> bytes((length * 3 + 3) / 4 + 3);
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
        throw std::runtime_error("RAND_bytes failed: no secure random bytes for the PKCE verifier");
    std::string v = base64url(bytes.data(), bytes.size());
    v.resize(length);
    return v;
}

std::string code_challenge_s256(std::string_view verifier)
{
    if (verifier.size() < 43 || verifier.size() > 128)
        throw std::invalid_argument("PKCE code verifier must have 43..128 characters, got " +
                                    std::to_string(verifier.size()));
    for (char c : verifier)
        if (!is_unreserved(c))
            throw std::invalid_argument("PKCE code verifier has a character outside A-Z a-z 0-9 - . _ ~");
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    if (EVP_Digest(verifier.data(), verifier.size(), md, &md_len, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("EVP_Digest(SHA-256) failed");
    return base64url(md, md_len);
}

pkce_pair make_pkce_pair(std::size_t length)
{
    pkce_pair p;
    p.verifier = make_code_verifier(length);
    p.challenge = code_challenge_s256(p.verifier);
    return p;
}

namespace {

// `text` as an absolute URL without query and fragment, and its path without trailing '/';
// throws std::invalid_argument("<what>not an absolute URL: '<text>'") otherwise.
boost::urls::url bare_url(std::string_view text, std::string_view what, std::string& path)
{
    auto r = boost::urls::parse_absolute_uri(text);
    if (!r)
        throw std::invalid_argument(std::string(what) + "not an absolute URL: '" + std::string(text) + "'");
    boost::urls::url u(*r);
    u.remove_query();
    u.remove_fragment();
    path = u.encoded_path();
    while (!path.empty() && path.back() == '/')
        path.pop_back();
    return u;
}

}  // namespace

std::string site_from_base_url(std::string_view base_url)
{
    std::string path;
    boost::urls::url u = bare_url(base_url, "", path);
    if (auto pos = path.rfind("/api/v1"); pos != std::string::npos && pos + 7 == path.size())
        path.resize(pos);
    u.set_encoded_path(path);
    return std::string(u.buffer());
}

std::string make_authorize_url(std::string_view site, std::string_view callback_url, std::string_view code_challenge)
{
    if (callback_url.empty())
        throw std::invalid_argument("make_authorize_url: empty callback_url");
    if (code_challenge.empty())
        throw std::invalid_argument("make_authorize_url: empty code_challenge");
    std::string path;
    boost::urls::url u = bare_url(site, "make_authorize_url: ", path);
    path += "/auth";
    u.set_encoded_path(path);
    auto params = u.params();
    params.append({"callback_url", callback_url});
    params.append({"code_challenge", code_challenge});
    params.append({"code_challenge_method", "S256"});
    return std::string(u.buffer());
}

std::string make_authorize_url(const client& c, std::string_view callback_url, std::string_view code_challenge)
{
    return make_authorize_url(site_from_base_url(c.base_url()), callback_url, code_challenge);
}

// ---- JSON ----

boost::json::value to_json(const auth_code_request& r)
{
    return detail::to_value(r, {});
}

boost::json::value to_json(const auth_exchange_request& r)
{
    return detail::to_value(r, {});
}

bool from_json(const boost::json::value& v, auth_code& out, std::string& why)
{
    out = auth_code{};
    const boost::json::object* top = detail::as_object(v, why);
    if (!top)
        return false;
    const boost::json::value* d = top->if_contains("data");
    if (!d)
        return detail::expected(why, "member 'data'");
    if (!detail::read_val(*d, out, why))
        return detail::prefix(why, "data");
    if (out.id.empty())
        return detail::expected(why, "non-empty string") || detail::prefix(why, "id") || detail::prefix(why, "data");
    return true;
}

bool from_json(const boost::json::value& v, auth_key& out, std::string& why)
{
    if (!detail::read_val(v, out, why))
        return false;
    if (out.key.empty())
        return detail::expected(why, "non-empty string") || detail::prefix(why, "key");
    return true;
}

// ---- operations ----

namespace detail {
namespace {

// The exchange runs without an API key (the user has none yet): a missing key is no error here.
boost::asio::awaitable<std::pair<error_code, auth_key>> run_exchange(std::shared_ptr<op_state> op,
                                                                     auth_exchange_request r)
{
    auth_key out;
    if (op->impl->config_error && op->impl->config_error != errc::missing_api_key) {
        op->diag->detail = op->impl->config_detail;
        co_return std::pair{op->impl->config_error, std::move(out)};
    }
    api_request ar{http_method::post, "/auth/keys", {}, to_json(r), {}, std::nullopt};
    auto req = make_api_request(*op->impl, ar);
    boost::json::value v;
    int status = 0;
    std::string content_type;
    error_code ec = co_await perform_json(op, std::move(req), v, status, content_type);
    if (ec) {
        // A 2xx body that could not be used may still carry the new key: no excerpt of it.
        if (status >= 200 && status <= 299)
            op->diag->body_excerpt.clear();
        co_return std::pair{ec, std::move(out)};
    }
    std::string why;
    if (!from_json(v, out, why)) {
        out = auth_key{};  // never keep a partial secret around
        op->diag->detail = "unexpected response shape: " + why;
        co_return std::pair{error_code(errc::invalid_response), std::move(out)};
    }
    co_return std::pair{error_code{}, std::move(out)};
}

}  // namespace

void initiate_create_auth_code(std::shared_ptr<client_impl> impl, auth_code_request req, diagnostics* diag,
                               boost::asio::any_completion_handler<void(error_code, auth_code)> handler)
{
    start_json_op<auth_code>(std::move(impl), diag, std::move(handler),
                             api_request{http_method::post, "/auth/keys/code", {}, to_json(req), {}, std::nullopt},
                             &from_json);
}

void initiate_exchange_auth_code(std::shared_ptr<client_impl> impl, auth_exchange_request req, diagnostics* diag,
                                 boost::asio::any_completion_handler<void(error_code, auth_key)> handler)
{
    auto op = std::make_shared<op_state>(std::move(impl), diag);
    spawn_operation(op, run_exchange(op, std::move(req)), std::move(handler));
}

}  // namespace detail
}  // namespace openrouter
