// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The model catalogue and the bodies of GET /models, GET /key and GET /generation.
#include "replies.hpp"

#include <array>
#include <cstdio>
#include <ctime>

namespace openrouter::emulator::detail {
namespace json = boost::json;

namespace {

constexpr std::array<model_info, 4> catalogue = {{
    {"emulator/echo", "Emulator: Echo",
     "Answers with the text of the last user message (string content, or its text parts concatenated).", false, false},
    {"emulator/lorem", "Emulator: Lorem",
     "Answers with N words of a fixed lorem ipsum cycle; N = max_completion_tokens or max_tokens (default 16).", false,
     false},
    {"emulator/tools", "Emulator: Tools",
     "Calls the first tool (or the one named by tool_choice) with deterministic arguments; answers with the "
     "tool result text after a tool message; echoes without tools or with tool_choice \"none\".",
     false, true},
    {"emulator/reasoning", "Emulator: Reasoning",
     "Produces a short deterministic reasoning text, then echoes the last user message.", true, false},
}};

constexpr std::int64_t context_length = 65536;
constexpr std::int64_t max_completion_tokens = 16384;

json::array supported_parameters(model_info const& m)
{
    json::array a{"max_tokens", "max_completion_tokens", "temperature", "top_p", "stop", "seed", "response_format"};
    if (m.tools) {
        a.push_back("tools");
        a.push_back("tool_choice");
    }
    if (m.reasoning) {
        a.push_back("reasoning");
        a.push_back("include_reasoning");
    }
    return a;
}

std::string price(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6f", v);
    return buf;
}

std::string iso_date(std::int64_t t)
{
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S.000000+00:00", &tm);
    return buf;
}

}  // namespace

std::span<model_info const> models()
{
    return catalogue;
}

model_info const* find_model(std::string_view id)
{
    for (auto const& m : catalogue)
        if (m.id == id)
            return &m;
    return nullptr;
}

json::object render_models_list()
{
    json::array data;
    for (auto const& m : catalogue) {
        json::object arch{{"modality", "text->text"},
                          {"input_modalities", json::array{"text"}},
                          {"output_modalities", json::array{"text"}},
                          {"tokenizer", "Other"},
                          {"instruct_type", nullptr}};
        json::object pricing{{"prompt", price(prompt_price)},
                             {"completion", price(completion_price)},
                             {"request", "0"},
                             {"image", "0"},
                             {"web_search", "0"},
                             {"internal_reasoning", "0"}};
        data.push_back(json::object{
            {"id", m.id},
            {"canonical_slug", m.id},
            {"hugging_face_id", nullptr},
            {"name", m.name},
            {"created", fixed_created},
            {"description", m.description},
            {"context_length", context_length},
            {"architecture", std::move(arch)},
            {"pricing", std::move(pricing)},
            {"top_provider",
             {{"context_length", context_length},
              {"max_completion_tokens", max_completion_tokens},
              {"is_moderated", false}}},
            {"per_request_limits", nullptr},
            {"supported_parameters", supported_parameters(m)},
            {"default_parameters", nullptr},
            {"supported_voices", nullptr},
            {"expiration_date", nullptr},
            {"knowledge_cutoff", nullptr},
            {"links", {{"details", "/api/v1/models/" + std::string(m.id) + "/endpoints"}}},
        });
    }
    json::object r;
    r["total_count"] = data.size();
    r["data"] = std::move(data);
    r["links"] = json::object{{"next", nullptr}};
    return r;
}

json::object render_generation(generation_record const& g)
{
    auto opt = [](std::string const& s) { return s.empty() ? json::value(nullptr) : json::value(s); };
    json::object d{
        {"id", g.id},
        {"upstream_id", "emu-" + g.id},
        {"total_cost", g.cost},
        {"cache_discount", nullptr},
        {"upstream_inference_cost", nullptr},
        {"created_at", iso_date(fixed_created)},
        {"model", g.model},
        {"app_id", nullptr},
        {"streamed", g.streamed},
        {"cancelled", false},
        {"provider_name", provider_name},
        {"latency", 0},
        {"moderation_latency", nullptr},
        {"generation_time", 0},
        {"finish_reason", g.finish_reason},
        {"native_finish_reason", g.finish_reason},
        {"service_tier", nullptr},
        {"tokens_prompt", g.prompt_tokens},
        {"tokens_completion", g.completion_tokens},
        {"native_tokens_prompt", g.prompt_tokens},
        {"native_tokens_completion", g.completion_tokens},
        {"native_tokens_completion_images", 0},
        {"native_tokens_reasoning", g.reasoning_tokens},
        {"native_tokens_cached", 0},
        {"num_media_prompt", 0},
        {"num_input_audio_prompt", 0},
        {"num_media_completion", 0},
        {"num_search_results", 0},
        {"num_fetches", 0},
        {"web_search_engine", nullptr},
        {"origin", ""},
        {"usage", g.cost},
        {"is_byok", false},
        {"external_user", nullptr},
        {"api_type", g.api_type},
        {"preset_id", nullptr},
        {"router", nullptr},
        {"provider_responses", nullptr},
        {"user_agent", opt(g.user_agent)},
        {"http_referer", opt(g.http_referer)},
        {"data_region", "global"},
        {"workspace_id", nullptr},
        {"request_id", nullptr},
        {"session_id", nullptr},
    };
    return {{"data", std::move(d)}};
}

json::object render_key(std::string_view label, bool management, double usage)
{
    json::object d{
        {"label", label},
        {"limit", nullptr},
        {"usage", usage},
        {"usage_daily", usage},
        {"usage_weekly", usage},
        {"usage_monthly", usage},
        {"byok_usage", 0},
        {"byok_usage_daily", 0},
        {"byok_usage_weekly", 0},
        {"byok_usage_monthly", 0},
        {"is_free_tier", false},
        {"is_management_key", management},
        {"is_provisioning_key", management},
        {"limit_remaining", nullptr},
        {"limit_reset", nullptr},
        {"include_byok_in_limit", false},
        {"creator_user_id", nullptr},
        {"expires_at", nullptr},
        {"rate_limit",
         {{"requests", 1000}, {"interval", "10s"}, {"note", "This field is deprecated and safe to ignore."}}},
    };
    return {{"data", std::move(d)}};
}

}  // namespace openrouter::emulator::detail
