// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_DETAIL_TYPED_INITIATION_HPP
#define OPENROUTER_DETAIL_TYPED_INITIATION_HPP

// The initiation object of every typed operation (client.hpp's members and the free functions
// of detail/typed_op.hpp): for asio::async_initiate, it wraps the completion handler in an
// any_completion_handler and forwards to one non-template function of the compiled library.
// The `diagnostics*` comes first among the initiation's arguments (see with_diagnostics.hpp).
// This header does not include client.hpp, so that client.hpp can use it.

#include <openrouter/error.hpp>

#include <boost/asio/any_completion_handler.hpp>

#include <memory>
#include <utility>

namespace openrouter {

struct diagnostics;

namespace detail {

struct client_impl;

// The library function behind an operation completing with `void(error_code, T)` for an
// argument `Arg` (the request).
template <class T, class Arg>
using typed_initiate_fn = void (*)(std::shared_ptr<client_impl>, Arg, diagnostics*,
                                   boost::asio::any_completion_handler<void(error_code, T)>);

template <class T, class Arg>
struct typed_initiation {
    std::shared_ptr<client_impl> impl;
    typed_initiate_fn<T, Arg> fn;

    template <class Handler>
    void operator()(Handler&& h, diagnostics* d, Arg a) const
    {
        fn(impl, std::move(a), d, boost::asio::any_completion_handler<void(error_code, T)>(std::forward<Handler>(h)));
    }
};

}  // namespace detail
}  // namespace openrouter

#endif  // OPENROUTER_DETAIL_TYPED_INITIATION_HPP
