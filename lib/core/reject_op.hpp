// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_CORE_REJECT_OP_HPP
#define OPENROUTER_LIB_CORE_REJECT_OP_HPP

// Completes a typed operation with an error found before any I/O (a request that cannot be sent),
// through the same path as every operation (diagnostics, executor, never inline). The one
// helper for it (an invalid argument: errc::invalid_request and the reason).

#include "core/operation.hpp"

#include <memory>
#include <string>
#include <utility>

namespace openrouter::detail {

template <class T>
boost::asio::awaitable<std::pair<error_code, T>> rejected(error_code ec)
{
    co_return std::pair{ec, T{}};
}

// `detail` goes to the diagnostics at once; the completion (`e`, T{}) runs like any other.
template <class T>
void reject_op(std::shared_ptr<client_impl> impl, diagnostics* diag,
               boost::asio::any_completion_handler<void(error_code, T)> handler, errc e, std::string detail)
{
    auto op = std::make_shared<op_state>(std::move(impl), diag);
    op->diag->detail = std::move(detail);
    spawn_operation(op, rejected<T>(error_code(e)), std::move(handler));
}

}  // namespace openrouter::detail

#endif
