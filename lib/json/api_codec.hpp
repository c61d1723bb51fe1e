// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_JSON_API_CODEC_HPP
#define OPENROUTER_LIB_JSON_API_CODEC_HPP

// Readers of the account/catalogue API areas (models, keys, generations, credits, activity) and
// a compact member walker for their many flat objects (internal).
//
// Include this header FIRST in a translation unit that uses these readers: the element readers
// are declared before json_util.hpp defines its vector/optional/nullable templates, so those
// templates find them by ordinary lookup.

#include <openrouter/activity.hpp>
#include <openrouter/credits.hpp>
#include <openrouter/generations.hpp>
#include <openrouter/keys.hpp>
#include <openrouter/models.hpp>

#include <boost/json/value.hpp>

#include <string>

namespace openrouter::detail {

// keys
bool read_val(const boost::json::value& v, key_rate_limit& out, std::string& why);
bool read_val(const boost::json::value& v, key_info& out, std::string& why);
bool read_val(const boost::json::value& v, managed_key& out, std::string& why);
// models
bool read_val(const boost::json::value& v, model_architecture& out, std::string& why);
bool read_val(const boost::json::value& v, pricing_override& out, std::string& why);
bool read_val(const boost::json::value& v, model_pricing& out, std::string& why);
bool read_val(const boost::json::value& v, top_provider_info& out, std::string& why);
bool read_val(const boost::json::value& v, request_limits& out, std::string& why);
bool read_val(const boost::json::value& v, model_default_parameters& out, std::string& why);
bool read_val(const boost::json::value& v, model_reasoning& out, std::string& why);
bool read_val(const boost::json::value& v, benchmark_indexes& out, std::string& why);
bool read_val(const boost::json::value& v, design_arena_entry& out, std::string& why);
bool read_val(const boost::json::value& v, model_benchmarks& out, std::string& why);
bool read_val(const boost::json::value& v, model_alias_target& out, std::string& why);
bool read_val(const boost::json::value& v, model_links& out, std::string& why);
bool read_val(const boost::json::value& v, model_info& out, std::string& why);
bool read_val(const boost::json::value& v, list_links& out, std::string& why);
bool read_val(const boost::json::value& v, percentile_stats& out, std::string& why);
bool read_val(const boost::json::value& v, model_endpoint& out, std::string& why);
bool read_val(const boost::json::value& v, model_endpoints& out, std::string& why);
bool read_val(const boost::json::value& v, provider_info& out, std::string& why);
// generations
bool read_val(const boost::json::value& v, provider_response& out, std::string& why);
bool read_val(const boost::json::value& v, generation_info& out, std::string& why);
bool read_val(const boost::json::value& v, generation_input& out, std::string& why);
bool read_val(const boost::json::value& v, generation_output& out, std::string& why);
bool read_val(const boost::json::value& v, generation_error_attempt& out, std::string& why);
bool read_val(const boost::json::value& v, generation_error& out, std::string& why);
bool read_val(const boost::json::value& v, generation_content& out, std::string& why);
// credits, activity
bool read_val(const boost::json::value& v, credits_info& out, std::string& why);
bool read_val(const boost::json::value& v, coinbase_charge& out, std::string& why);
bool read_val(const boost::json::value& v, activity_item& out, std::string& why);

}  // namespace openrouter::detail

#include "json/json_util.hpp"

namespace openrouter::detail {

// One member of an object being walked: `m("id", out.id)("name", out.name)` reads the member
// whose key matches into the given field; a member no call matched goes to `extra`.
class member {
public:
    member(std::string_view key, const json::value& v, std::string& why) noexcept : key_(key), v_(v), why_(why) {}

    template <class T>
    member& operator()(std::string_view name, T& dst)
    {
        if (state_ == 0 && key_ == name)
            state_ = read_val(v_, dst, why_) ? 1 : -1;
        return *this;
    }

    int state() const noexcept { return state_; }  // 0 unmatched, 1 read, -1 wrong shape

private:
    std::string_view key_;
    const json::value& v_;
    std::string& why_;
    int state_ = 0;
};

// Walks the object `v` (resetting nothing: the caller passes a fresh value), calling f(member&)
// per member; unmatched members are copied to `extra`.
template <class F>
bool read_members(const json::value& v, json::object& extra, std::string& why, F&& f)
{
    const json::object* o = v.if_object();
    if (!o)
        return expected(why, "object");
    for (const auto& kv : *o) {
        member m(kv.key(), kv.value(), why);
        f(m);
        if (m.state() < 0)
            return prefix(why, kv.key());
        if (m.state() == 0)
            extra.insert_or_assign(kv.key(), kv.value());
    }
    return true;
}

// Reads the "data" member of a response object into `out` (required).
template <class T>
bool read_data(const json::value& v, T& out, std::string& why)
{
    const json::object* o = v.if_object();
    if (!o)
        return expected(why, "object");
    auto it = o->find("data");
    if (it == o->end()) {
        why = "data: missing";
        return false;
    }
    if (!read_val(it->value(), out, why))
        return prefix(why, "data");
    return true;
}

// A response `{"data": <T>, ...}` whose other members go to `extra` ("data" is required).
template <class Wrapper, class T>
bool read_wrapped(const json::value& v, Wrapper& out, T Wrapper::*data, std::string& why)
{
    out = Wrapper{};
    if (!read_members(v, out.extra, why, [&](member& m) { m("data", out.*data); }))
        return false;
    if (!v.get_object().contains("data")) {
        why = "data: missing";
        return false;
    }
    return true;
}

// Query parameter helpers (numbers in their shortest round-trip form).
void add_query(std::vector<std::pair<std::string, std::string>>& q, std::string_view name,
               const std::optional<std::string>& v);
void add_query(std::vector<std::pair<std::string, std::string>>& q, std::string_view name,
               const std::optional<std::int64_t>& v);
void add_query(std::vector<std::pair<std::string, std::string>>& q, std::string_view name,
               const std::optional<double>& v);
void add_query(std::vector<std::pair<std::string, std::string>>& q, std::string_view name,
               const std::optional<bool>& v);

}  // namespace openrouter::detail

#endif  // OPENROUTER_LIB_JSON_API_CODEC_HPP
