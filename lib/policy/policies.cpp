// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include <openrouter/policies.hpp>

#include <boost/describe/enum.hpp>
#include <boost/describe/enum_to_string.hpp>

namespace openrouter {

BOOST_DESCRIBE_ENUM(stream_recovery, fail, restart, continue_with_prefill)

std::string_view to_string(stream_recovery r) noexcept
{
    return boost::describe::enum_to_string(r, "unknown");
}

}  // namespace openrouter
