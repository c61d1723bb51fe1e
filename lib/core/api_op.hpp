// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_CORE_API_OP_HPP
#define OPENROUTER_LIB_CORE_API_OP_HPP

// Small helpers of the typed account/catalogue operations (internal).

#include "core/operation.hpp"
#include "core/reject_op.hpp"

#include <openrouter/error.hpp>

#include <string>
#include <utility>

namespace openrouter::detail {

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
