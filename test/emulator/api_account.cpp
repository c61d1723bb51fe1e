// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// GET /generation, GET /generation/content, POST /generation/feedback, GET /credits,
// POST /credits/coinbase (410) and GET /activity.
#include "catalogue_account.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <variant>

namespace openrouter::emulator::detail {
namespace json = boost::json;

namespace {

constexpr double account_credits = 100.0;  // total_credits of every account

// The generation named by the required `id` query parameter, or the error response.
std::variant<generation_record, response_plan> find_generation(api_call const& c)
{
    auto id = query_param(c, "id");
    if (!id || id->empty())
        return error_reply(c, 400, "Missing required query parameter: id");
    std::lock_guard lock(c.st.mu);
    if (auto it = c.st.generations.find(*id); it != c.st.generations.end())
        return it->second;
    return error_reply(c, 404, "Generation " + *id + " not found");
}

bool valid_date(std::string const& d)
{
    if (d.size() != 10 || d[4] != '-' || d[7] != '-')
        return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (d[i] < '0' || d[i] > '9')
            return false;
    int const month = (d[5] - '0') * 10 + (d[6] - '0');
    int const day = (d[8] - '0') * 10 + (d[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

std::optional<response_plan> activity(api_call const& c)
{
    if (!c.management)
        return error_reply(c, 403, "Only management keys can fetch activity");
    auto const date = query_param(c, "date");
    if (date && !valid_date(*date))
        return error_reply(c, 400, "Invalid query parameter date: expected YYYY-MM-DD");
    auto const group_by = query_param(c, "group_by");
    if (group_by && *group_by != "workspace")
        return error_reply(c, 400, "Invalid query parameter group_by: expected workspace");
    auto const key_hash = query_param(c, "api_key_hash");
    auto const workspace = query_param(c, "workspace_id");
    std::lock_guard lock(c.st.mu);
    std::optional<std::string> secret;
    if (key_hash) {
        auto it = c.st.managed_keys.find(*key_hash);
        if (it == c.st.managed_keys.end())
            return error_reply(c, 404, "API key " + *key_hash + " not found");
        secret = std::string(it->second.at("_secret").as_string());
    }
    std::string const day = iso_time(fixed_created).substr(0, 10);  // every generation is dated here
    constexpr std::string_view default_ws = "00000000-0000-0000-0000-000000000000";
    if ((date && *date != day) || (workspace && *workspace != default_ws))
        return json_reply(c, 200, json::object{{"data", json::array{}}});
    struct totals {
        double usage = 0;
        std::int64_t requests = 0, prompt = 0, completion = 0, reasoning = 0;
    };
    std::map<std::string, totals> by_model;
    for (auto const& [id, g] : c.st.generations) {
        if (secret && g.key != *secret)
            continue;
        auto& t = by_model[g.model];
        t.usage += g.cost;
        t.requests += 1;
        t.prompt += static_cast<std::int64_t>(g.prompt_tokens);
        t.completion += static_cast<std::int64_t>(g.completion_tokens);
        t.reasoning += static_cast<std::int64_t>(g.reasoning_tokens);
    }
    json::array data;
    for (auto const& [model, t] : by_model) {
        json::object item{{"date", day},
                          {"model", model},
                          {"model_permaslug", model},
                          {"endpoint_id", "emulator-endpoint-" + model},
                          {"provider_name", provider_name},
                          {"usage", t.usage},
                          {"byok_usage_inference", 0},
                          {"requests", t.requests},
                          {"prompt_tokens", t.prompt},
                          {"completion_tokens", t.completion},
                          {"reasoning_tokens", t.reasoning}};
        if (group_by)
            item["workspace_id"] = default_ws;
        data.push_back(std::move(item));
    }
    return json_reply(c, 200, json::object{{"data", std::move(data)}});
}

std::optional<response_plan> feedback(api_call const& c)
{
    if (!c.body)
        return error_reply(c, 400, c.parse_error);
    auto const* id = c.body->if_contains("generation_id");
    if (!id || !id->is_string() || id->get_string().empty())
        return error_reply(c, 400, "generation_id is required (a non-empty string)");
    auto const* cat = c.body->if_contains("category");
    static constexpr std::string_view categories[] = {
        "latency", "incoherence", "incorrect_response", "formatting", "billing", "api_error", "other"};
    if (!cat || !cat->is_string() ||
        std::find(std::begin(categories), std::end(categories), std::string_view(cat->get_string())) ==
            std::end(categories))
        return error_reply(c, 400,
                           "category must be one of latency, incoherence, incorrect_response, formatting, billing, "
                           "api_error, other");
    if (auto const* comment = c.body->if_contains("comment"); comment && !comment->is_string())
        return error_reply(c, 400, "comment must be a string");
    std::lock_guard lock(c.st.mu);
    if (!c.st.generations.contains(std::string(id->get_string())))
        return error_reply(c, 404, "Generation " + std::string(id->get_string()) + " not found");
    return json_reply(c, 200, json::object{{"data", {{"success", true}}}});
}

}  // namespace

std::optional<response_plan> route_account(api_call const& c)
{
    std::string_view const api = c.api;
    if (api == "/generation" || api == "/generation/content") {
        if (auto r = require_method(c, http::verb::get))
            return r;
        auto found = find_generation(c);
        if (auto* r = std::get_if<response_plan>(&found))
            return std::move(*r);
        auto const& g = std::get<generation_record>(found);
        if (api == "/generation")
            return json_reply(c, 200, render_generation(g));
        json::object input;
        if (g.messages.empty())
            input["prompt"] = g.prompt;
        else
            input["messages"] = g.messages;
        json::object output{{"completion", g.output},
                            {"reasoning", g.reasoning.empty() ? json::value(nullptr) : json::value(g.reasoning)}};
        return json_reply(
            c, 200,
            json::object{{"data", {{"input", std::move(input)}, {"output", std::move(output)}, {"error", nullptr}}}});
    }
    if (api == "/generation/feedback") {
        if (auto r = require_method(c, http::verb::post))
            return r;
        return feedback(c);
    }
    if (api == "/credits") {
        if (auto r = require_method(c, http::verb::get))
            return r;
        double usage = 0;
        {
            std::lock_guard lock(c.st.mu);
            if (auto it = c.st.key_usage.find(c.key); it != c.st.key_usage.end())
                usage = it->second;
        }
        return json_reply(c, 200, json::object{{"data", {{"total_credits", account_credits}, {"total_usage", usage}}}});
    }
    if (api == "/credits/coinbase") {
        if (auto r = require_method(c, http::verb::post))
            return r;
        return error_reply(c, 410,
                           "The Coinbase APIs used by this endpoint have been deprecated, so the Coinbase Commerce "
                           "credits API has been removed. Use the web credits purchase flow instead.");
    }
    if (api == "/activity") {
        if (auto r = require_method(c, http::verb::get))
            return r;
        return activity(c);
    }
    return std::nullopt;
}

}  // namespace openrouter::emulator::detail
