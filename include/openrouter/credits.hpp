// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_CREDITS_HPP
#define OPENROUTER_CREDITS_HPP

/// @file
/// Credits: GET /credits (purchased and used credits of the account) and the deprecated
/// POST /credits/coinbase.
///
/// ## Contract of the operations
/// Completion signature `void(error_code, T)` (on failure, use only the error: the value is
/// default-constructed, or partly decoded after `errc::invalid_response`).
/// Lifetimes: the operations take no argument to keep; the `client` may be destroyed while an
/// operation runs (it keeps the client's internals alive); a `diagnostics&` must outlive it.
/// Executor: the handler runs through its associated executor (default: the client's), never
/// inside the initiating call. Cancellation: per-operation cancellation (any type) is terminal:
/// the connection in use is closed and the operation completes with
/// `asio::error::operation_aborted`. See client.hpp for tokens and diagnostics. Errors: transport
/// errors and timeouts as for any operation; 401, 403 (`errc::forbidden`), 5xx;
/// `errc::invalid_response` when a 2xx body has the wrong shape. Numbers are read leniently; unknown keys go to
/// `extra`.
///
/// Thread safety: the structs are plain values (concurrent reads are safe, writes need exclusive
/// access); operations may be started concurrently on one client, as documented in client.hpp.

#include <openrouter/detail/typed_op.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>

namespace openrouter {

/// GET /credits response (`data`), USD.
struct credits_info {
    double total_credits = 0;   ///< credits purchased
    double total_usage = 0;     ///< remaining = total_credits - total_usage
    boost::json::object extra;  ///< members this SDK does not know, as received
};

/// POST /credits/coinbase response (`data`); `web3_data` holds the transfer intent as JSON.
struct coinbase_charge {
    std::string id;                 ///< the charge's id
    std::string created_at;         ///< creation time, as received
    std::string expires_at;         ///< expiry time, as received
    boost::json::object web3_data;  ///< the transfer intent
    boost::json::object extra;      ///< members this SDK does not know, as received
};

/// GET /credits has no parameters (used by the library).
struct credits_query {};
struct coinbase_query {};  ///< POST /credits/coinbase has no request body in the API document

/// Decoders of whole response bodies; false + path of the offending member in `why`.
///@{
bool from_json(const boost::json::value& v, credits_info& out, std::string& why);
bool from_json(const boost::json::value& v, coinbase_charge& out, std::string& why);
///@}

namespace detail {
void initiate_get_credits(std::shared_ptr<client_impl>, credits_query, diagnostics*,
                          boost::asio::any_completion_handler<void(error_code, credits_info)>);
void initiate_create_coinbase_charge(std::shared_ptr<client_impl>, coinbase_query, diagnostics*,
                                     boost::asio::any_completion_handler<void(error_code, coinbase_charge)>);
}  // namespace detail

/// GET /credits. `void(error_code, credits_info)`. Contract and errors in the file comment.
template <class CompletionToken = default_token>
auto async_get_credits(client& c, CompletionToken&& token = {})
{
    return detail::async_typed<credits_info>(c, &detail::initiate_get_credits, credits_query{}, nullptr, token);
}
/// Same, filling `diag` on failure.
template <class CompletionToken = default_token>
auto async_get_credits(client& c, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<credits_info>(c, &detail::initiate_get_credits, credits_query{}, &diag, token);
}

/// POST /credits/coinbase. DEPRECATED by OpenRouter: the API document says this endpoint now
/// always answers 410 Gone, which completes with `errc::http_error` (410 in
/// `diagnostics::http_status`, the API's message in `diagnostics::message`). The document gives
/// the operation no request body, so none is sent (the old charge fields amount, sender and
/// chain_id are gone with it). Kept so that the whole API is reachable and typed.
/// `void(error_code, coinbase_charge)`. Contract in the file comment.
template <class CompletionToken = default_token>
auto async_create_coinbase_charge(client& c, CompletionToken&& token = {})
{
    return detail::async_typed<coinbase_charge>(c, &detail::initiate_create_coinbase_charge, coinbase_query{}, nullptr,
                                                token);
}
/// Same, filling `diag` on failure.
template <class CompletionToken = default_token>
auto async_create_coinbase_charge(client& c, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<coinbase_charge>(c, &detail::initiate_create_coinbase_charge, coinbase_query{}, &diag,
                                                token);
}

}  // namespace openrouter

#endif  // OPENROUTER_CREDITS_HPP
