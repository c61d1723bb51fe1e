// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_CORE_API_OP_HPP
#define OPENROUTER_LIB_CORE_API_OP_HPP

// Small helpers of the typed account/catalogue operations (internal).

#include "core/operation.hpp"

#include <openrouter/error.hpp>

#include <string>
#include <utility>

namespace openrouter::detail {

template <class T>
boost::asio::awaitable<std::pair<error_code, T>> fail_body(std::shared_ptr<op_state> op, std::string detail)
{
    op->diag->detail = std::move(detail);
    co_return std::pair{error_code(errc::invalid_request), T{}};
}

// Completes the operation with errc::invalid_request and `detail` (no I/O), through the
// handler's executor like every other completion.
template <class T>
void fail_invalid(std::shared_ptr<client_impl> impl, diagnostics* diag,
                  boost::asio::any_completion_handler<void(error_code, T)> handler, std::string detail)
{
    auto op = std::make_shared<op_state>(std::move(impl), diag);
    spawn_operation(op, fail_body<T>(op, std::move(detail)), std::move(handler));
}

// A request of `method` on `path` (with an optional JSON body).
inline api_request make_request(http_method method, std::string path, std::optional<boost::json::value> body = {})
{
    api_request r;
    r.method = method;
    r.path = std::move(path);
    r.body = std::move(body);
    return r;
}

// Sets the per-request credential when `key` is not empty.
inline void use_key(api_request& r, const std::string& key)
{
    if (!key.empty())
        r.bearer_override = key;
}

}  // namespace openrouter::detail

#endif  // OPENROUTER_LIB_CORE_API_OP_HPP
