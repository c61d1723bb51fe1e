// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// GET /models (filters, paging, RSS), /models/count, /models/user, /model/{author}/{slug},
// /models/{author}/{slug}/endpoints, /providers, /endpoints/zdr; and the helpers of catalogue_account.hpp.
#include "catalogue_account.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>

namespace openrouter::emulator::detail {
namespace json = boost::json;

response_plan json_reply(api_call const& c, int status, json::value const& v)
{
    return body_response(c.req, status, json::serialize(v), c.sc);
}

response_plan error_reply(api_call const& c, int status, std::string const& message)
{
    return body_response(c.req, status, error_body(status, c.sc, message), c.sc);
}

std::optional<response_plan> require_method(api_call const& c, http::verb allowed)
{
    auto const v = c.req.method();
    if (v == allowed || (allowed == http::verb::get && v == http::verb::head))
        return std::nullopt;
    return body_response(c.req, 405, error_body(405, c.sc, "Method not allowed"), c.sc,
                         {{"Allow", std::string(http::to_string(allowed))}});
}

std::optional<std::string> query_param(api_call const& c, std::string_view name)
{
    auto it = c.url.params().find(name);
    if (it == c.url.params().end())
        return std::nullopt;
    return std::string((*it).value);
}

std::string iso_time(std::int64_t t)
{
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
    return buf;
}

namespace {

constexpr std::int64_t max_page = 1000;
constexpr std::int64_t default_page = 500;

std::string lower(std::string_view s)
{
    std::string r(s);
    for (auto& ch : r)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return r;
}

std::vector<std::string> split_list(std::string_view s)
{
    std::vector<std::string> out;
    while (!s.empty()) {
        auto pos = s.find(',');
        auto item = s.substr(0, pos);
        while (!item.empty() && item.front() == ' ')
            item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ')
            item.remove_suffix(1);
        if (!item.empty())
            out.emplace_back(item);
        if (pos == std::string_view::npos)
            break;
        s.remove_prefix(pos + 1);
    }
    return out;
}

bool has_string(json::value const& arr, std::string_view s)
{
    if (!arr.is_array())
        return false;
    for (auto const& e : arr.get_array())
        if (e.is_string() && lower(e.get_string()) == lower(s))
            return true;
    return false;
}

bool parse_int(std::string const& s, std::int64_t& out)
{
    auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc{} && r.ptr == s.data() + s.size() && !s.empty();
}

bool parse_number(std::string const& s, double& out)
{
    auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc{} && r.ptr == s.data() + s.size() && !s.empty() && std::isfinite(out);
}

bool one_of(std::string const& v, std::initializer_list<std::string_view> allowed)
{
    return std::find(allowed.begin(), allowed.end(), v) != allowed.end();
}

// The catalogue as the API renders it (render_models_list of models.cpp).
json::array catalogue_json()
{
    return render_models_list()["data"].as_array();
}

// Filters `models` by the query of GET /models; returns a 400 message on an invalid parameter.
std::string apply_filters(api_call const& c, json::array& models)
{
    std::vector<std::function<bool(json::object const&)>> keep;
    auto str = [&](std::string_view n) { return query_param(c, n); };
    auto bad = [](std::string_view n, std::string_view what) {
        return "Invalid query parameter " + std::string(n) + ": " + std::string(what);
    };
    if (auto v = str("category")) {
        if (!one_of(*v, {"programming", "roleplay", "marketing", "marketing/seo", "technology", "science",
                         "translation", "legal", "finance", "health", "trivia", "academia"}))
            return bad("category", "unknown category");
        keep.push_back([](json::object const&) { return false; });  // no emulator model has a category
    }
    if (auto v = str("sort"); v && !one_of(*v, {"most-popular", "newest", "top-weekly", "pricing-low-to-high",
                                                "pricing-high-to-low", "context-high-to-low", "throughput-high-to-low",
                                                "latency-low-to-high", "intelligence-high-to-low", "coding-high-to-low",
                                                "agentic-high-to-low", "design-arena-elo-high-to-low"}))
        return bad("sort", "unknown order");
    if (auto v = str("distillable")) {
        if (!one_of(*v, {"true", "false"}))
            return bad("distillable", "expected true or false");
        if (*v == "true")
            keep.push_back([](json::object const&) { return false; });
    }
    if (auto v = str("zdr"); v && *v != "true")
        return bad("zdr", "expected true");
    if (auto v = str("region"); v && !one_of(*v, {"eu", "us"}))
        return bad("region", "expected eu or us");
    if (auto v = str("q")) {
        std::string needle = lower(*v);
        keep.push_back([needle](json::object const& m) {
            return lower(m.at("id").as_string()).find(needle) != std::string::npos ||
                   lower(m.at("name").as_string()).find(needle) != std::string::npos;
        });
    }
    if (auto v = str("supported_parameters")) {
        auto wanted = split_list(*v);
        keep.push_back([wanted](json::object const& m) {
            return std::all_of(wanted.begin(), wanted.end(),
                               [&](auto const& p) { return has_string(m.at("supported_parameters"), p); });
        });
    }
    std::string out_mod = str("output_modalities").value_or("text");
    if (out_mod != "all") {
        auto wanted = split_list(out_mod);
        for (auto const& w : wanted)
            if (!one_of(w, {"text", "image", "audio", "embeddings", "video", "rerank", "speech", "transcription"}))
                return bad("output_modalities", "unknown modality " + w);
        keep.push_back([wanted](json::object const& m) {
            return std::any_of(wanted.begin(), wanted.end(), [&](auto const& w) {
                return has_string(m.at("architecture").at("output_modalities"), w);
            });
        });
    }
    if (auto v = str("input_modalities")) {
        auto wanted = split_list(*v);
        keep.push_back([wanted](json::object const& m) {
            return std::all_of(wanted.begin(), wanted.end(), [&](auto const& w) {
                return has_string(m.at("architecture").at("input_modalities"), w);
            });
        });
    }
    for (auto name : {"context", "min_age_days", "max_age_days"}) {
        auto v = str(name);
        if (!v)
            continue;
        std::int64_t n = 0;
        if (!parse_int(*v, n) || n < 0)
            return bad(name, "expected a non-negative integer");
        std::string_view nm = name;
        keep.push_back([nm, n](json::object const& m) {
            if (nm == "context")
                return m.at("context_length").to_number<std::int64_t>() >= n;
            auto now =
                std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                    .count();
            std::int64_t age = (now - m.at("created").to_number<std::int64_t>()) / 86400;
            return nm == "min_age_days" ? age >= n : age <= n;
        });
    }
    // Prices in $/M tokens.
    double const prompt_m = prompt_price * 1e6, completion_m = completion_price * 1e6;
    for (auto name : {"min_price", "max_price", "min_output_price", "max_output_price"}) {
        auto v = str(name);
        if (!v)
            continue;
        double x = 0;
        if (!parse_number(*v, x) || x < 0)
            return bad(name, "expected a non-negative number");
        std::string_view nm = name;
        double const price = nm.find("output") != std::string_view::npos ? completion_m : prompt_m;
        bool const min = nm.starts_with("min");
        keep.push_back([price, min, x](json::object const&) { return min ? price >= x : price <= x; });
    }
    // Benchmark indexes and tool success rates: the emulator's models have none, so any bound excludes them.
    for (auto name : {"min_intelligence_index", "max_intelligence_index", "min_coding_index", "max_coding_index",
                      "min_agentic_index", "max_agentic_index", "min_tool_success_rate", "max_tool_success_rate"}) {
        auto v = str(name);
        if (!v)
            continue;
        double x = 0;
        if (!parse_number(*v, x) || x < 0 || (std::string_view(name).ends_with("rate") && x > 1))
            return bad(name, "expected a number in range");
        keep.push_back([](json::object const&) { return false; });
    }
    if (auto v = str("model_authors")) {
        auto wanted = split_list(lower(*v));
        keep.push_back([wanted](json::object const& m) {
            std::string id(m.at("id").as_string());
            std::string author = lower(id.substr(0, id.find('/')));
            return std::find(wanted.begin(), wanted.end(), author) != wanted.end();
        });
    }
    if (auto v = str("providers")) {
        auto wanted = split_list(lower(*v));
        keep.push_back([wanted](json::object const&) {
            return std::find(wanted.begin(), wanted.end(), lower(provider_name)) != wanted.end() ||
                   std::find(wanted.begin(), wanted.end(), provider_slug) != wanted.end();
        });
    }
    if (auto v = str("arch")) {
        std::string want = lower(*v);
        keep.push_back([want](json::object const& m) {
            auto const& t = m.at("architecture").at("tokenizer");
            return t.is_string() && lower(t.get_string()) == want;
        });
    }
    json::array out;
    for (auto& m : models)
        if (std::all_of(keep.begin(), keep.end(), [&](auto const& f) { return f(m.as_object()); }))
            out.push_back(std::move(m));
    models = std::move(out);
    return {};
}

// Applies offset/limit paging to `all` and renders {"data","total_count","links"}.
std::optional<response_plan> paged_list(api_call const& c, json::array all)
{
    auto off_s = query_param(c, "offset");
    auto lim_s = query_param(c, "limit");
    std::int64_t offset = 0, limit = default_page;
    if (off_s && (!parse_int(*off_s, offset) || offset < 0))
        return error_reply(c, 400, "Invalid query parameter offset: expected a non-negative integer");
    if (lim_s && (!parse_int(*lim_s, limit) || limit < 1 || limit > max_page))
        return error_reply(c, 400, "Invalid query parameter limit: expected an integer in [1, 1000]");
    std::int64_t const total = static_cast<std::int64_t>(all.size());
    json::array page;
    json::value next = nullptr;
    if (!off_s && !lim_s)
        page = std::move(all);
    else {
        for (std::int64_t i = offset; i < total && i < offset + limit; ++i)
            page.push_back(std::move(all[static_cast<std::size_t>(i)]));
        if (offset + limit < total)
            next = "/api/v1" + std::string(c.api) + "?offset=" + std::to_string(offset + limit) +
                   "&limit=" + std::to_string(limit);
    }
    return json_reply(c, 200,
                      json::object{{"data", std::move(page)},
                                   {"total_count", total},
                                   {"links", json::object{{"next", std::move(next)}}}});
}

std::string rss(json::array const& models)
{
    std::string s =
        R"(<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>OpenRouter Models</title>)";
    for (auto const& m : models)
        s += "<item><title>" + std::string(m.at("name").as_string()) + "</title><guid>" +
             std::string(m.at("id").as_string()) + "</guid></item>";
    return s + "</channel></rss>";
}

json::object const* find_json_model(json::array const& all, std::string const& id)
{
    for (auto const& m : all)
        if (m.as_object().at("id").as_string() == id)
            return &m.as_object();
    return nullptr;
}

json::object endpoint_json(json::object const& m)
{
    json::object stats{{"p50", 120}, {"p75", 150}, {"p90", 200}, {"p99", 400}};
    return {{"name", std::string(provider_name) + " | " + std::string(m.at("id").as_string())},
            {"model_id", m.at("id")},
            {"model_name", m.at("name")},
            {"context_length", m.at("context_length")},
            {"pricing", m.at("pricing")},
            {"provider_name", provider_name},
            {"tag", "emulator"},
            {"quantization", nullptr},
            {"max_completion_tokens", m.at("top_provider").at("max_completion_tokens")},
            {"max_prompt_tokens", nullptr},
            {"supported_parameters", m.at("supported_parameters")},
            {"status", 0},
            {"uptime_last_30m", 100},
            {"uptime_last_5m", 100},
            {"uptime_last_1d", 100},
            {"supports_implicit_caching", false},
            {"latency_last_30m", stats},
            {"throughput_last_30m", stats}};
}

// "/model/{author}/{slug}" or "/models/{author}/{slug}/endpoints": the model id, or empty.
std::string model_id_of(std::string_view rest)
{
    auto slash = rest.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == rest.size() ||
        rest.find('/', slash + 1) != std::string_view::npos)
        return {};
    return std::string(rest);
}

}  // namespace

std::optional<response_plan> route_catalogue_account(api_call const& c)
{
    if (auto r = route_models(c))
        return r;
    if (auto r = route_keys(c))
        return r;
    return route_account(c);
}

std::optional<response_plan> route_models(api_call const& c)
{
    std::string_view const api = c.api;
    bool const endpoints = api.starts_with("/models/") && api.ends_with("/endpoints");
    bool const one = api.starts_with("/model/");
    if (api != "/models" && api != "/models/count" && api != "/models/user" && api != "/providers" &&
        api != "/endpoints/zdr" && !endpoints && !one)
        return std::nullopt;
    if (auto r = require_method(c, http::verb::get))
        return r;
    json::array all = catalogue_json();
    if (api == "/models" || api == "/models/count") {
        if (auto err = apply_filters(c, all); !err.empty())
            return error_reply(c, 400, err);
        if (api == "/models/count")
            return json_reply(c, 200, json::object{{"data", {{"count", all.size()}}}});
        if (query_param(c, "use_rss").value_or("") == "true")
            return body_response(c.req, 200, rss(all), c.sc, {{"Content-Type", "application/rss+xml"}});
        return paged_list(c, std::move(all));
    }
    if (api == "/models/user")
        return paged_list(c, std::move(all));
    if (api == "/providers")
        return json_reply(c, 200,
                          json::object{{"data", json::array{json::object{{"name", provider_name},
                                                                         {"slug", provider_slug},
                                                                         {"privacy_policy_url", nullptr},
                                                                         {"terms_of_service_url", nullptr},
                                                                         {"status_page_url", nullptr},
                                                                         {"headquarters", nullptr},
                                                                         {"datacenters", nullptr}}}}});
    if (api == "/endpoints/zdr") {
        json::array eps;
        for (auto const& m : all)
            eps.push_back(endpoint_json(m.as_object()));
        return json_reply(c, 200, json::object{{"data", std::move(eps)}});
    }
    // The decoded path: "/model/a/b" or "/models/a/b/endpoints" (segments decoded by Boost.URL).
    std::vector<std::string> segs;
    for (auto s : c.url.segments())
        segs.push_back(s);
    // segs: api, v1, model(s), author, slug[, endpoints]
    std::size_t const want = endpoints ? 6 : 5;
    if (segs.size() != want || segs[3].empty() || segs[4].empty())
        return error_reply(c, 404, "Not Found");
    std::string slug = segs[4];
    if (one)
        slug = slug.substr(0, slug.find(':'));  // a variant suffix (":free") names the same model here
    std::string const id = model_id_of(segs[3] + "/" + slug);
    json::object const* m = id.empty() ? nullptr : find_json_model(all, id);
    if (!m)
        return error_reply(c, 404, "Model " + segs[3] + "/" + segs[4] + " not found");
    if (one)
        return json_reply(c, 200, json::object{{"data", *m}});
    return json_reply(c, 200,
                      json::object{{"data",
                                    {{"id", m->at("id")},
                                     {"name", m->at("name")},
                                     {"created", m->at("created")},
                                     {"description", m->at("description")},
                                     {"architecture", m->at("architecture")},
                                     {"endpoints", json::array{endpoint_json(*m)}}}}});
}

}  // namespace openrouter::emulator::detail
