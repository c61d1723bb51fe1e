// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include <openrouter/policies.hpp>

namespace openrouter {

std::string_view to_string(stream_recovery r) noexcept
{
    switch (r) {
    case stream_recovery::fail: return "fail";
    case stream_recovery::restart: return "restart";
    case stream_recovery::continue_with_prefill: return "continue_with_prefill";
    }
    return "unknown";
}

}  // namespace openrouter
