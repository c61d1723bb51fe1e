// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// GET /credits and POST /credits/coinbase: operations (the codecs are the walker's).
#include "json/api_codec.hpp"

#include "core/api_op.hpp"

namespace openrouter {
namespace detail {

void initiate_get_credits(std::shared_ptr<client_impl> impl, credits_query, diagnostics* diag,
                          boost::asio::any_completion_handler<void(error_code, credits_info)> h)
{
    start_json_op<credits_info>(std::move(impl), diag, std::move(h), make_request(http_method::get, "/credits"),
                                &read_data<credits_info>);
}

void initiate_create_coinbase_charge(std::shared_ptr<client_impl> impl, coinbase_query, diagnostics* diag,
                                     boost::asio::any_completion_handler<void(error_code, coinbase_charge)> h)
{
    // No body: the API document gives createCoinbaseCharge none (a JSON body breaks it).
    start_json_op<coinbase_charge>(std::move(impl), diag, std::move(h),
                                   make_request(http_method::post, "/credits/coinbase"), &read_data<coinbase_charge>);
}

}  // namespace detail

OPENROUTER_LIB_FROM_JSON(credits_info, read_data)
OPENROUTER_LIB_FROM_JSON(coinbase_charge, read_data)
}  // namespace openrouter
