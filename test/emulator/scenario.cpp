// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include "scenario.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <limits>

namespace openrouter::emulator::detail {
namespace json = boost::json;

namespace {

constexpr std::int64_t max_duration_ms = 10 * 60 * 1000;        // ten minutes
constexpr std::int64_t max_size = std::int64_t{1} << 32;        // 4 GiB
constexpr std::int64_t max_body_bytes = std::int64_t{1} << 28;  // 256 MiB of padding at most

// Reads a non-negative integer (an integral double such as 3.0 is accepted too).
bool get_count(json::value const& v, std::int64_t max, std::int64_t& out)
{
    if (v.is_int64())
        out = v.get_int64();
    else if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(max))
        out = static_cast<std::int64_t>(v.get_uint64());
    else if (v.is_double() && v.get_double() >= 0 && v.get_double() <= static_cast<double>(max) &&
             static_cast<double>(static_cast<std::int64_t>(v.get_double())) == v.get_double())
        out = static_cast<std::int64_t>(v.get_double());
    else
        return false;
    return out >= 0 && out <= max;
}

bool valid_status(std::int64_t s)
{
    return s >= 200 && s <= 599;
}

std::string field_error(std::string_view name, std::string_view what)
{
    return "emulator script field \"" + std::string(name) + "\" " + std::string(what);
}

}  // namespace

std::string scenario::sequence_key() const
{
    if (key)
        return "key:" + *key;
    std::string k = "statuses:";
    for (int s : statuses)
        k += std::to_string(s) + ",";
    return k;
}

std::string parse_scenario(json::value const& v, scenario& sc)
{
    if (!v.is_object())
        return "emulator script must be a JSON object";
    for (auto const& member : v.get_object()) {
        std::string_view const name = member.key();
        json::value const& val = member.value();
        std::int64_t n = 0;
        auto count = [&](std::int64_t max) { return get_count(val, max, n); };
        if (name == "key") {
            if (!val.is_string())
                return field_error(name, "must be a string");
            sc.key = std::string(val.get_string());
        } else if (name == "statuses") {
            if (!val.is_array() || val.get_array().empty())
                return field_error(name, "must be a non-empty array of HTTP statuses");
            sc.statuses.clear();
            for (auto const& s : val.get_array()) {
                std::int64_t st = 0;
                if (!get_count(s, 999, st) || !valid_status(st))
                    return field_error(name, "must contain statuses between 200 and 599");
                sc.statuses.push_back(static_cast<int>(st));
            }
        } else if (name == "status") {
            if (!count(999) || !valid_status(n))
                return field_error(name, "must be an HTTP status between 200 and 599");
            sc.status = static_cast<int>(n);
        } else if (name == "error_message") {
            if (!val.is_string())
                return field_error(name, "must be a string");
            sc.error_message = std::string(val.get_string());
        } else if (name == "error_code") {
            if (!val.is_string() && !val.is_int64() && !val.is_uint64())
                return field_error(name, "must be an integer or a string");
            sc.error_code = val;
        } else if (name == "metadata") {
            if (!val.is_object())
                return field_error(name, "must be an object");
            sc.metadata = val.get_object();
        } else if (name == "retry_after") {
            if (val.is_string())
                sc.retry_after = std::string(val.get_string());
            else if (count(std::numeric_limits<std::int32_t>::max()))
                sc.retry_after = std::to_string(n);
            else
                return field_error(name, "must be a string (seconds or HTTP date) or a non-negative integer");
        } else if (name == "retry_after_ms") {
            if (!count(std::numeric_limits<std::int32_t>::max()))
                return field_error(name, "must be a non-negative integer");
            sc.retry_after_ms = n;
        } else if (name == "delay_ms" || name == "stall_ms" || name == "comments_ms") {
            if (!count(max_duration_ms))
                return field_error(name, "must be an integer between 0 and 600000");
            auto& d = name == "delay_ms" ? sc.delay : name == "stall_ms" ? sc.stall : sc.comments;
            d = std::chrono::milliseconds(n);
        } else if (name == "stall_after_events" || name == "close_after_bytes" || name == "body_bytes" ||
                   name == "error_after_deltas" || name == "malformed_event_after") {
            if (!count(name == "body_bytes" ? max_body_bytes : max_size))
                return field_error(name, name == "body_bytes" ? "must be an integer between 0 and 268435456"
                                                              : "must be a non-negative integer");
            auto sz = static_cast<std::size_t>(n);
            if (name == "stall_after_events")
                sc.stall_after_events = sz;
            else if (name == "close_after_bytes")
                sc.close_after_bytes = sz;
            else if (name == "body_bytes")
                sc.body_bytes = sz;
            else if (name == "error_after_deltas")
                sc.error_after_deltas = sz;
            else
                sc.malformed_event_after = sz;
        } else if (name == "write_size") {
            if (!count(max_size) || n == 0)
                return field_error(name, "must be a positive integer");
            sc.write_size = static_cast<std::size_t>(n);
        } else if (name == "body" || name == "content_type") {
            if (!val.is_string())
                return field_error(name, "must be a string");
            (name == "body" ? sc.body : sc.content_type) = std::string(val.get_string());
        } else if (name == "malformed") {
            std::string_view m = val.is_string() ? std::string_view(val.get_string()) : std::string_view();
            if (m == "not_json")
                sc.malformed = malformed_kind::not_json;
            else if (m == "wrong_shape")
                sc.malformed = malformed_kind::wrong_shape;
            else if (m == "truncated")
                sc.malformed = malformed_kind::truncated;
            else
                return field_error(name, "must be \"not_json\", \"wrong_shape\" or \"truncated\"");
        } else if (name == "chunked" || name == "close" || name == "no_done") {
            if (!val.is_bool())
                return field_error(name, "must be a boolean");
            (name == "chunked" ? sc.chunked : name == "close" ? sc.close : sc.no_done) = val.get_bool();
        } else {
            return "unknown emulator script field \"" + std::string(name) + "\"";
        }
    }
    return {};
}

std::string parse_scenario_header(std::string_view text, scenario& into)
{
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);
    if (ec)
        return "X-Emulator header is not valid JSON: " + ec.message();
    return parse_scenario(v, into);
}

}  // namespace openrouter::emulator::detail
