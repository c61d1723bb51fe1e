// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_DETAIL_TYPED_OP_HPP
#define OPENROUTER_DETAIL_TYPED_OP_HPP

// The front door of every typed API operation outside client.hpp (models, keys, generations,
// ...): a small template that calls asio::async_initiate and forwards to one non-template
// function of the compiled library taking an any_completion_handler.
//
//   template <class CompletionToken = default_token>
//   auto async_get_key(client& c, CompletionToken&& token = {})
//   {
//       return detail::async_typed<key_info>(c, &detail::initiate_get_key, key_query{}, nullptr, token);
//   }

#include <openrouter/client.hpp>
#include <openrouter/detail/typed_initiation.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/async_result.hpp>

#include <memory>
#include <utility>

namespace openrouter::detail {

template <class T, class Arg, class CompletionToken>
auto async_typed(const client& c, typed_initiate_fn<T, Arg> fn, Arg a, diagnostics* d, CompletionToken&& token)
{
    return boost::asio::async_initiate<CompletionToken, void(error_code, T)>(
        typed_initiation<T, Arg>{client_access::impl(c), fn}, token, d, std::move(a));
}

}  // namespace openrouter::detail

#endif  // OPENROUTER_DETAIL_TYPED_OP_HPP
