// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// GET /key, GET /auth/key and key management (/keys, /keys/{hash}) with an in-memory key store.
#include "catalogue_account.hpp"

#include <boost/json/serialize.hpp>

#include <cstdio>
#include <cstdlib>

namespace openrouter::emulator::detail {
namespace json = boost::json;

namespace {

constexpr std::size_t keys_page = 100;  // GET /keys page size

// Validates the members of a POST /keys or PATCH /keys/{hash} body; empty when valid.
std::string check_key_body(json::object const& b, bool create)
{
    auto kind = [&](std::string_view k, auto pred, std::string_view what) -> std::string {
        auto const* v = b.if_contains(k);
        if (v && !pred(*v))
            return std::string(k) + " must be " + std::string(what);
        return {};
    };
    auto is_str = [](json::value const& v) { return v.is_string(); };
    auto str_or_null = [](json::value const& v) { return v.is_string() || v.is_null(); };
    auto num_or_null = [](json::value const& v) { return v.is_number() || v.is_null(); };
    auto is_bool = [](json::value const& v) { return v.is_bool(); };
    auto reset = [](json::value const& v) {
        return v.is_null() || (v.is_string() && (v.get_string() == "daily" || v.get_string() == "weekly" ||
                                                 v.get_string() == "monthly"));
    };
    if (create) {
        auto const* n = b.if_contains("name");
        if (!n || !n->is_string() || n->get_string().empty())
            return "name is required (a non-empty string)";
    }
    for (auto msg :
         {kind("name", is_str, "a string"), kind("limit", num_or_null, "a number or null"),
          kind("limit_reset", reset, "daily, weekly, monthly or null"),
          kind("include_byok_in_limit", is_bool, "a boolean"), kind("disabled", is_bool, "a boolean"),
          kind("expires_at", str_or_null, "a string or null"), kind("creator_user_id", str_or_null, "a string or null"),
          kind("workspace_id", is_str, "a string")})
        if (!msg.empty())
            return msg;
    if (auto const* l = b.if_contains("limit"); l && l->is_number() && l->to_number<double>() < 0)
        return "limit must be >= 0";
    return {};
}

// The public view of a stored key (without the secret).
json::object public_key(json::object k)
{
    k.erase("_secret");
    return k;
}

void refresh_limit(json::object& k)
{
    if (k["limit"].is_number())
        k["limit_remaining"] = k["limit"].to_number<double>() - k["usage"].to_number<double>();
    else
        k["limit_remaining"] = nullptr;
}

}  // namespace

std::optional<response_plan> route_keys(api_call const& c)
{
    std::string_view const api = c.api;
    if (api == "/key" || api == "/auth/key") {
        if (auto r = require_method(c, http::verb::get))
            return r;
        double usage = 0;
        {
            std::lock_guard lock(c.st.mu);
            if (auto it = c.st.key_usage.find(c.key); it != c.st.key_usage.end())
                usage = it->second;
        }
        return json_reply(c, 200, render_key("emulator key", c.management, usage));
    }
    if (api != "/keys" && !api.starts_with("/keys/"))
        return std::nullopt;
    if (!c.management)
        return error_reply(c, 401, "Only provisioning (management) keys can manage API keys");
    auto const verb = c.req.method();
    if (api == "/keys") {
        if (verb == http::verb::get || verb == http::verb::head) {
            std::int64_t offset = 0;
            if (auto o = query_param(c, "offset")) {
                char* end = nullptr;
                long long v = std::strtoll(o->c_str(), &end, 10);
                if (o->empty() || *end != '\0' || v < 0)
                    return error_reply(c, 400, "Invalid query parameter offset: expected a non-negative integer");
                offset = v;
            }
            bool include_disabled = false;
            if (auto d = query_param(c, "include_disabled")) {
                if (*d != "true" && *d != "false")
                    return error_reply(c, 400, "Invalid query parameter include_disabled: expected true or false");
                include_disabled = *d == "true";
            }
            auto const ws = query_param(c, "workspace_id");
            json::array page;
            std::lock_guard lock(c.st.mu);
            std::int64_t skipped = 0;
            for (auto const& [hash, k] : c.st.managed_keys) {
                if (!include_disabled && k.at("disabled").as_bool())
                    continue;
                if (ws && k.at("workspace_id").as_string() != *ws)
                    continue;
                if (skipped++ < offset)
                    continue;
                if (page.size() == keys_page)
                    break;
                page.push_back(public_key(k));
            }
            return json_reply(c, 200, json::object{{"data", std::move(page)}});
        }
        if (verb != http::verb::post)
            return body_response(c.req, 405, error_body(405, c.sc, "Method not allowed"), c.sc,
                                 {{"Allow", "GET, POST"}});
        if (!c.body)
            return error_reply(c, 400, c.parse_error);
        if (auto err = check_key_body(*c.body, true); !err.empty())
            return error_reply(c, 400, err);
        std::lock_guard lock(c.st.mu);
        std::uint64_t const n = c.st.next_managed_key++;
        char hash[65];
        std::snprintf(hash, sizeof hash, "%064llx", static_cast<unsigned long long>(n));
        std::string const secret = "emulator-managed-key-" + std::to_string(n);
        auto get = [&](std::string_view k, json::value dflt) {
            auto const* v = c.body->if_contains(k);
            return v ? *v : dflt;
        };
        json::object k{{"hash", hash},
                       {"name", get("name", "")},
                       {"label", secret.substr(0, 12) + "..." + std::to_string(n)},
                       {"disabled", false},
                       {"limit", get("limit", nullptr)},
                       {"limit_remaining", nullptr},
                       {"limit_reset", get("limit_reset", nullptr)},
                       {"include_byok_in_limit", get("include_byok_in_limit", false)},
                       {"usage", 0},
                       {"usage_daily", 0},
                       {"usage_weekly", 0},
                       {"usage_monthly", 0},
                       {"byok_usage", 0},
                       {"byok_usage_daily", 0},
                       {"byok_usage_weekly", 0},
                       {"byok_usage_monthly", 0},
                       {"created_at", iso_time(fixed_created + static_cast<std::int64_t>(n))},
                       {"updated_at", nullptr},
                       {"expires_at", get("expires_at", nullptr)},
                       {"creator_user_id", get("creator_user_id", nullptr)},
                       {"workspace_id", get("workspace_id", "00000000-0000-0000-0000-000000000000")},
                       {"_secret", secret}};
        refresh_limit(k);
        c.st.managed_keys[hash] = k;
        return body_response(c.req, 201, json::serialize(json::object{{"data", public_key(k)}, {"key", secret}}), c.sc);
    }
    // /keys/{hash}
    std::string_view const hash = api.substr(6);
    if (hash.empty() || hash.find('/') != std::string_view::npos)
        return error_reply(c, 404, "Not Found");
    if (verb == http::verb::patch) {
        if (!c.body)
            return error_reply(c, 400, c.parse_error);
        if (auto err = check_key_body(*c.body, false); !err.empty())
            return error_reply(c, 400, err);
    } else if (verb != http::verb::get && verb != http::verb::head && verb != http::verb::delete_)
        return body_response(c.req, 405, error_body(405, c.sc, "Method not allowed"), c.sc,
                             {{"Allow", "GET, PATCH, DELETE"}});
    std::lock_guard lock(c.st.mu);
    auto it = c.st.managed_keys.find(std::string(hash));
    if (it == c.st.managed_keys.end())
        return error_reply(c, 404, "API key " + std::string(hash) + " not found");
    if (verb == http::verb::delete_) {
        c.st.managed_keys.erase(it);
        return json_reply(c, 200, json::object{{"deleted", true}});
    }
    if (verb == http::verb::patch) {
        for (auto name : {"name", "disabled", "limit", "limit_reset", "include_byok_in_limit"})
            if (auto const* v = c.body->if_contains(name))
                it->second[name] = *v;
        it->second["updated_at"] = iso_time(fixed_created + 86400);
        refresh_limit(it->second);
    }
    return json_reply(c, 200, json::object{{"data", public_key(it->second)}});
}

}  // namespace openrouter::emulator::detail
