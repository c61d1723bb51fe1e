// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_OAUTH_HPP
#define OPENROUTER_OAUTH_HPP

/// @file
/// OAuth PKCE (RFC 7636): let a user create an API key for your app without ever typing it.
///
/// ```
/// auto pkce = openrouter::make_pkce_pair();                       // keep pkce.verifier private
/// auto url = openrouter::make_authorize_url(cli, "http://localhost:3000/cb", pkce.challenge);
/// // send the user's browser to `url`; OpenRouter redirects to the callback with ?code=...
/// auto k = co_await openrouter::async_exchange_auth_code(cli, {code, pkce.verifier});
/// // k.key is the user's new API key: a secret (store it like a password, never log it)
/// ```
///
/// The helpers are synchronous, thread-safe free functions. The two operations are asynchronous
/// operations on a `client` (see client.hpp for completion tokens, diagnostics, cancellation and
/// lifetimes). `async_exchange_auth_code` needs no API key: a client made without one (its
/// `config_error()` is `errc::missing_api_key`) may run it, and then sends no Authorization header.
///
/// ## Contract of the operations
/// Completion signature `void(error_code, T)` (on failure, use only the error: the value is
/// default-constructed, or partly decoded after `errc::invalid_response`; a failed
/// `async_exchange_auth_code` never holds a key).
/// Lifetimes: the request is moved into the operation; the `client` may be destroyed while it
/// runs (the operation keeps the client's internals alive); a `diagnostics&` must outlive it.
/// Executor: the handler runs through its associated executor (default: the client's), never
/// inside the initiating call. Cancellation: per-operation cancellation (any type) is terminal:
/// the connection in use is closed and the operation completes with
/// `asio::error::operation_aborted`. Thread safety: operations may be started concurrently on one
/// client. Errors: on each operation; transport errors and timeouts as for any operation. The
/// request fields are not checked by the SDK (the API answers 400 for a bad one).

#include <openrouter/client.hpp>
#include <openrouter/detail/typed_op.hpp>
#include <openrouter/nullable.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace openrouter {

/// A PKCE code verifier and its S256 challenge.
struct pkce_pair {
    std::string verifier;   ///< secret: stays with the app until the exchange
    std::string challenge;  ///< public: goes into the authorization URL
};

/// A fresh code verifier: `length` characters (43..128) of base64url text (a subset of the RFC 7636
/// unreserved set) from OpenSSL's RAND_bytes. Throws `std::invalid_argument` for a length out of
/// range and `std::runtime_error` if the random generator fails.
std::string make_code_verifier(std::size_t length = 64);

/// The S256 challenge of `verifier`: base64url (no padding) of its SHA-256. Throws
/// `std::invalid_argument` unless the verifier has 43..128 characters of the unreserved set
/// (`A-Z a-z 0-9 - . _ ~`).
std::string code_challenge_s256(std::string_view verifier);

/// `make_code_verifier(length)` and its challenge.
pkce_pair make_pkce_pair(std::size_t length = 64);

/// The default site of the authorization page.
inline constexpr std::string_view default_site_url = "https://openrouter.ai";

/// The authorization URL `<site>/auth?callback_url=...&code_challenge=...&code_challenge_method=S256`
/// (query values percent-encoded). `site` is a URL such as "https://openrouter.ai" (a trailing path
/// is kept, "/auth" appended). Throws `std::invalid_argument` for an unparsable `site`, an empty
/// `callback_url` or an empty challenge.
std::string make_authorize_url(std::string_view site, std::string_view callback_url, std::string_view code_challenge);

/// Same, with the site derived from the client's base URL: its origin plus whatever path precedes
/// "/api/v1" (so "https://openrouter.ai/api/v1" gives "https://openrouter.ai").
std::string make_authorize_url(const client& c, std::string_view callback_url, std::string_view code_challenge);

/// The site derived from a base URL as `make_authorize_url(client&, ...)` does. Throws
/// `std::invalid_argument` for an unparsable URL.
std::string site_from_base_url(std::string_view base_url);

/// `POST /auth/keys/code` body: create an authorization code server-side (an app-side flow).
struct auth_code_request {
    std::string callback_url;                          ///< required
    std::optional<std::string> code_challenge;         ///< the PKCE challenge
    std::optional<std::string> code_challenge_method;  ///< "S256" or "plain"
    std::optional<double> limit;                       ///< credit limit of the key to be created
    nullable<std::string> expires_at;                  ///< ISO 8601
    std::optional<std::string> key_label;              ///< label of the key (default: the app's name)
    std::optional<std::string> usage_limit_type;       ///< "daily", "weekly", "monthly"
    std::optional<std::string> workspace_id;           ///< the workspace of the key to be created
    boost::json::object extra;                         ///< merged into the body last
};

/// `POST /auth/keys/code` result (`data`).
struct auth_code {
    std::string id;             ///< the code to exchange
    std::int64_t app_id = 0;    ///< the application the code belongs to
    std::string created_at;     ///< ISO 8601
    boost::json::object extra;  ///< unknown members of `data`
};

/// `POST /auth/keys` body.
struct auth_exchange_request {
    std::string code;                                                   ///< from the redirect's `code` parameter
    std::optional<std::string> code_verifier;                           ///< the verifier whose challenge was sent
    nullable<std::string> code_challenge_method = std::string("S256");  ///< absent/null when no challenge
};

/// `POST /auth/keys` result. `key` is a SECRET: an API key of the user; never log or print it.
struct auth_key {
    std::string key;                ///< the new API key (SECRET; never empty in a decoded result)
    nullable<std::string> user_id;  ///< the user the key belongs to
    boost::json::object extra;      ///< members this SDK does not know, as received
};

/// Serializers and non-throwing decoders (false + `why` with the JSON path on a wrong shape).
///@{
boost::json::value to_json(const auth_code_request& r);
boost::json::value to_json(const auth_exchange_request& r);
bool from_json(const boost::json::value& v, auth_code& out, std::string& why);
bool from_json(const boost::json::value& v, auth_key& out, std::string& why);
///@}

namespace detail {
void initiate_create_auth_code(std::shared_ptr<client_impl> impl, auth_code_request req, diagnostics* diag,
                               boost::asio::any_completion_handler<void(error_code, auth_code)> handler);
void initiate_exchange_auth_code(std::shared_ptr<client_impl> impl, auth_exchange_request req, diagnostics* diag,
                                 boost::asio::any_completion_handler<void(error_code, auth_key)> handler);
}  // namespace detail

/// `POST /auth/keys/code`: creates an authorization code. Completion signature
/// `void(error_code, auth_code)`. Errors: the API's 400/401/403/500 mapped as for every operation
/// (`errc` with diagnostics), `errc::invalid_response` for a body of the wrong shape; the
/// client's configuration error (`errc::missing_api_key`, ...) without I/O. Contract in the file
/// comment.
template <class CompletionToken = default_token>
auto async_create_auth_code(client& c, auth_code_request req, CompletionToken&& token = {})
{
    return detail::async_typed<auth_code>(c, &detail::initiate_create_auth_code, std::move(req), nullptr, token);
}
/// Same, filling `diag` on failure.
template <class CompletionToken = default_token>
auto async_create_auth_code(client& c, auth_code_request req, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<auth_code>(c, &detail::initiate_create_auth_code, std::move(req), &diag, token);
}

/// `POST /auth/keys`: exchanges the code (and its verifier) for the user's API key. Completion
/// signature `void(error_code, auth_key)`; no API key needed. Errors: 400 (bad code or verifier
/// mismatch) -> `errc::bad_request`, 403, 500, `errc::invalid_response`, transport
/// errors. The result holds a secret (see `auth_key`); diagnostics never contain it. A client
/// configuration error other than `errc::missing_api_key` (`errc::invalid_base_url`, ...)
/// completes without I/O. Contract in the file comment.
template <class CompletionToken = default_token>
auto async_exchange_auth_code(client& c, auth_exchange_request req, CompletionToken&& token = {})
{
    return detail::async_typed<auth_key>(c, &detail::initiate_exchange_auth_code, std::move(req), nullptr, token);
}
/// Same, filling `diag` on failure.
template <class CompletionToken = default_token>
auto async_exchange_auth_code(client& c, auth_exchange_request req, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<auth_key>(c, &detail::initiate_exchange_auth_code, std::move(req), &diag, token);
}

}  // namespace openrouter

#endif  // OPENROUTER_OAUTH_HPP
