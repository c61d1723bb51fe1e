// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Query parameter helpers of the typed account/catalogue operations.
#include "json/api_codec.hpp"

#include <charconv>

namespace openrouter::detail {

void add_query(std::vector<std::pair<std::string, std::string>>& q, std::string_view name,
               const std::optional<std::string>& v)
{
    if (v)
        q.emplace_back(std::string(name), *v);
}

void add_query(std::vector<std::pair<std::string, std::string>>& q, std::string_view name,
               const std::optional<std::int64_t>& v)
{
    if (v)
        q.emplace_back(std::string(name), std::to_string(*v));
}

void add_query(std::vector<std::pair<std::string, std::string>>& q, std::string_view name,
               const std::optional<double>& v)
{
    if (!v)
        return;
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, *v);  // shortest form that reads back exactly
    q.emplace_back(std::string(name), std::string(buf, r.ptr));
}

void add_query(std::vector<std::pair<std::string, std::string>>& q, std::string_view name, const std::optional<bool>& v)
{
    if (v)
        q.emplace_back(std::string(name), *v ? "true" : "false");
}

}  // namespace openrouter::detail
