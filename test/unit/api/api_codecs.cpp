// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Decoders and encoders of the catalogue and account areas: every member, unknown members kept,
// absent vs null, wrong shapes reported with their path.

#include <openrouter/activity.hpp>
#include <openrouter/credits.hpp>
#include <openrouter/generations.hpp>
#include <openrouter/keys.hpp>
#include <openrouter/models.hpp>

#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

namespace json = boost::json;

namespace {

template <class T>
T decode(std::string_view text)
{
    T out;
    std::string why;
    INFO(text);
    REQUIRE(openrouter::from_json(json::parse(text), out, why));
    CHECK(why.empty());
    return out;
}

template <class T>
std::string failure(std::string_view text)
{
    T out;
    std::string why;
    CHECK_FALSE(openrouter::from_json(json::parse(text), out, why));
    return why;
}

}  // namespace

TEST_CASE("api codecs: key_info every member and unknown members")
{
    auto k = decode<openrouter::key_info>(R"({"data":{"label":"sk-or-...abc","limit":10,"limit_remaining":7.5,
        "limit_reset":"monthly","usage":2.5,"usage_daily":1,"usage_weekly":2,"usage_monthly":2.5,"byok_usage":0.5,
        "byok_usage_daily":0.1,"byok_usage_weekly":0.2,"byok_usage_monthly":0.3,"is_free_tier":true,
        "is_management_key":false,"is_provisioning_key":false,"include_byok_in_limit":true,"creator_user_id":"u1",
        "expires_at":null,"rate_limit":{"requests":10,"interval":"10s","note":"n","x":1},"future":[1]},"top":true})");
    CHECK(k.label == "sk-or-...abc");
    CHECK(*k.limit == 10.0);
    CHECK(*k.limit_remaining == 7.5);
    CHECK(*k.limit_reset == "monthly");
    CHECK(k.usage == 2.5);
    CHECK(k.usage_daily == 1.0);
    CHECK(k.usage_weekly == 2.0);
    CHECK(k.usage_monthly == 2.5);
    CHECK(k.byok_usage == 0.5);
    CHECK(k.byok_usage_daily == 0.1);
    CHECK(k.byok_usage_weekly == 0.2);
    CHECK(k.byok_usage_monthly == 0.3);
    CHECK(k.is_free_tier);
    CHECK_FALSE(k.is_management_key);
    CHECK(k.include_byok_in_limit);
    CHECK(*k.creator_user_id == "u1");
    CHECK(k.expires_at.is_null());
    REQUIRE(k.rate_limit);
    CHECK(k.rate_limit->requests == 10);
    CHECK(k.rate_limit->interval == "10s");
    CHECK(k.rate_limit->extra.contains("x"));
    CHECK(k.extra.contains("future"));
    CHECK(failure<openrouter::key_info>(R"({"data":{"limit":"ten"}})") == "data.limit: expected number or null");
    CHECK(failure<openrouter::key_info>(R"({"nodata":1})") == "data: missing");
    CHECK(failure<openrouter::key_info>(R"([1])") == "expected object");
}

TEST_CASE("api codecs: managed keys created key and deletion")
{
    auto c = decode<openrouter::created_key>(R"({"data":{"hash":"h1","name":"n","label":"l","disabled":true,
        "limit":null,"limit_remaining":null,"limit_reset":null,"include_byok_in_limit":false,"usage":1,
        "usage_daily":1,"usage_weekly":1,"usage_monthly":1,"byok_usage":0,"byok_usage_daily":0,
        "byok_usage_weekly":0,"byok_usage_monthly":0,"created_at":"2025-01-01T00:00:00Z","updated_at":null,
        "creator_user_id":null,"workspace_id":"w"},"key":"secret-value"})");
    CHECK(c.key == "secret-value");
    CHECK(c.data.hash == "h1");
    CHECK(c.data.disabled);
    CHECK(c.data.limit.is_null());
    CHECK(c.data.expires_at.is_absent());
    CHECK(c.data.updated_at.is_null());
    CHECK(c.data.workspace_id == "w");
    auto l = decode<openrouter::key_list>(R"({"data":[{"hash":"a"},{"hash":"b","new":1}]})");
    REQUIRE(l.data.size() == 2);
    CHECK(l.data[1].extra.contains("new"));
    CHECK(failure<openrouter::key_list>(R"({"data":[{"hash":"a"},{"disabled":"no"}]})") ==
          "data[1].disabled: expected boolean");
    CHECK(decode<openrouter::key_deleted>(R"({"deleted":true})").deleted);
}

TEST_CASE("api codecs: key request bodies write only what is set")
{
    openrouter::key_create_request c;
    c.provisioning_key = "never-in-the-body";
    c.name = "n";
    c.expires_at = nullptr;
    c.include_byok_in_limit = false;
    c.extra["custom"] = 1;
    CHECK(openrouter::to_json(c) ==
          json::parse(R"({"name":"n","include_byok_in_limit":false,"expires_at":null,"custom":1})").as_object());
    openrouter::key_update_request u;
    u.hash = "h";
    CHECK(openrouter::to_json(u).empty());
    u.limit_reset = nullptr;
    u.name = "m";
    CHECK(openrouter::to_json(u) == json::parse(R"({"name":"m","limit_reset":null})").as_object());
}

TEST_CASE("api codecs: model with nulls where the document says number")
{
    auto m = decode<openrouter::model_info>(R"({"id":"a/b","canonical_slug":"a/b-2025","name":"B","created":1.0,
        "description":"d","context_length":null,"architecture":{"modality":"text->text","input_modalities":["text",
        "image"],"output_modalities":["text"],"tokenizer":"GPT","instruct_type":null},"pricing":{"prompt":"0.1",
        "completion":"0.2","request":"0","image":"0","web_search":"0","internal_reasoning":"0","input_cache_read":"0.01",
        "discount":0,"overrides":[{"prompt":"0.05","min_prompt_tokens":200000}]},"top_provider":{"context_length":null,
        "max_completion_tokens":null,"is_moderated":true},"per_request_limits":{"prompt_tokens":1,"completion_tokens":2},
        "supported_parameters":["tools","seed"],"default_parameters":{"temperature":null,"top_p":0.9,"top_k":40,
        "frequency_penalty":null},"supported_voices":null,"hugging_face_id":"org/b","expiration_date":null,
        "knowledge_cutoff":"2024-06","links":{"details":"/api/v1/models/a/b/endpoints"},"reasoning":{"mandatory":false,
        "default_enabled":true,"supported_efforts":["low","high"],"default_effort":"low"},"benchmarks":{
        "artificial_analysis":{"intelligence_index":50,"coding_index":null,"agentic_index":40},"design_arena":[{
        "arena":"web","category":"c","elo":1200.5,"win_rate":0.6,"rank":3}]},"alias_target":{"slug":"a/c","name":"C"},
        "brand_new":{"x":1}})");
    CHECK(m.id == "a/b");
    CHECK(m.created == 1);
    CHECK(m.context_length.is_null());
    CHECK(m.architecture.input_modalities.size() == 2);
    CHECK(*m.architecture.tokenizer == "GPT");
    CHECK(m.architecture.instruct_type.is_null());
    CHECK(m.pricing.prompt == "0.1");
    CHECK(*m.pricing.input_cache_read == "0.01");
    CHECK_FALSE(m.pricing.audio.has_value());
    REQUIRE(m.pricing.overrides.size() == 1);
    CHECK(*m.pricing.overrides[0].min_prompt_tokens == 200000.0);
    CHECK(m.top_provider.context_length.is_null());
    CHECK(m.top_provider.is_moderated);
    CHECK(m.per_request_limits->completion_tokens == 2.0);
    REQUIRE(m.default_parameters.has_value());
    CHECK(m.default_parameters->temperature.is_null());
    CHECK(*m.default_parameters->top_k == 40);
    CHECK(m.default_parameters->presence_penalty.is_absent());
    CHECK(m.supported_voices.is_null());
    CHECK(*m.knowledge_cutoff == "2024-06");
    CHECK(m.reasoning->supported_efforts->size() == 2);
    CHECK(m.benchmarks->artificial_analysis->coding_index.is_null());
    CHECK(m.benchmarks->design_arena.at(0).rank == 3);
    CHECK(m.alias_target->slug == "a/c");
    CHECK(m.extra.contains("brand_new"));
    // The GET /model/{author}/{slug} body decodes too.
    CHECK(decode<openrouter::model_info>(R"({"data":{"id":"x/y"}})").id == "x/y");
    CHECK(failure<openrouter::model_info>(R"({"id":"a","top_provider":{"context_length":1.5}})") ==
          "top_provider.context_length: expected integer or null");
}

TEST_CASE("api codecs: model lists counts endpoints and providers")
{
    auto l = decode<openrouter::model_list>(R"({"data":[{"id":"a/b"}],"total_count":7,"links":{"next":"/n"}})");
    CHECK(l.total_count == 7);
    CHECK(*l.links.next == "/n");
    CHECK(decode<openrouter::model_count>(R"({"data":{"count":12}})").count == 12);
    CHECK(failure<openrouter::model_count>(R"({"data":{"count":"12"}})") == "data.count: expected integer");
    auto e = decode<openrouter::model_endpoints>(R"({"data":{"id":"a/b","name":"B","created":5,"description":"",
        "architecture":null,"endpoints":[{"name":"P | a/b","model_id":"a/b","model_name":"B","context_length":10,
        "pricing":{"prompt":"1","completion":"2"},"provider_name":"P","tag":"p/fp8","quantization":"fp8",
        "max_completion_tokens":null,"max_prompt_tokens":5,"supported_parameters":[],"uptime_last_30m":null,
        "uptime_last_5m":99.5,"uptime_last_1d":98,"supports_implicit_caching":true,"supports_voice_cloning":false,
        "status":-2,"latency_last_30m":null,"throughput_last_30m":{"p50":1,"p75":2,"p90":3,"p99":4}}]}})");
    CHECK(e.architecture.is_null());
    REQUIRE(e.endpoints.size() == 1);
    CHECK(*e.endpoints[0].quantization == "fp8");
    CHECK(*e.endpoints[0].max_prompt_tokens == 5);
    CHECK(e.endpoints[0].uptime_last_30m.is_null());
    CHECK(*e.endpoints[0].status == -2);
    CHECK(e.endpoints[0].latency_last_30m.is_null());
    CHECK(e.endpoints[0].throughput_last_30m->p99 == 4.0);
    auto p = decode<openrouter::provider_list>(R"({"data":[{"name":"P","slug":"p","privacy_policy_url":"https://p",
        "terms_of_service_url":null,"headquarters":"US","datacenters":["US","DE"]}]})");
    CHECK(*p.data[0].headquarters == "US");
    CHECK(p.data[0].status_page_url.is_absent());
    CHECK(p.data[0].datacenters->size() == 2);
    CHECK(failure<openrouter::endpoint_list>(R"({"data":{}})") == "data: expected array");
}

TEST_CASE("api codecs: generation stats content and feedback")
{
    auto g = decode<openrouter::generation_info>(R"({"data":{"id":"gen-1","upstream_id":null,"total_cost":0.5,
        "cache_discount":0.1,"upstream_inference_cost":null,"created_at":"2025-01-01T00:00:00Z","model":"a/b",
        "app_id":12,"streamed":true,"cancelled":null,"provider_name":"P","latency":100,"moderation_latency":null,
        "generation_time":90.5,"finish_reason":"stop","native_finish_reason":"end_turn","service_tier":null,
        "tokens_prompt":10,"tokens_completion":20,"native_tokens_prompt":11,"native_tokens_completion":21,
        "native_tokens_completion_images":0,"native_tokens_reasoning":5,"native_tokens_cached":3,"num_media_prompt":1,
        "num_input_audio_prompt":0,"num_media_completion":0,"num_search_results":2,"num_fetches":1,
        "web_search_engine":"exa","origin":"https://app","usage":0.5,"is_byok":false,"external_user":"u",
        "api_type":"completions","preset_id":null,"router":"openrouter/auto","provider_responses":[{"id":"r1",
        "endpoint_id":"e","model_permaslug":"a/b","provider_name":"P","status":200,"latency":80,"is_byok":false}],
        "user_agent":"ua","http_referer":null,"data_region":"us","workspace_id":"w","request_id":"req-1",
        "session_id":null,"response_cache_source_id":null}})");
    CHECK(g.id == "gen-1");
    CHECK(g.upstream_id.is_null());
    CHECK(*g.cache_discount == 0.1);
    CHECK(*g.app_id == 12);
    CHECK(*g.streamed);
    CHECK(g.cancelled.is_null());
    CHECK(*g.generation_time == 90.5);
    CHECK(*g.native_tokens_prompt == 11);
    CHECK(*g.native_tokens_completion == 21);
    CHECK(*g.native_tokens_reasoning == 5);
    CHECK(*g.native_tokens_cached == 3);
    CHECK(*g.num_search_results == 2);
    CHECK(*g.web_search_engine == "exa");
    CHECK(*g.router == "openrouter/auto");
    REQUIRE(g.provider_responses.has_value());
    CHECK(*g.provider_responses->at(0).status == 200);
    CHECK(g.data_region == "us");
    CHECK(*g.request_id == "req-1");
    CHECK(g.extra.empty());
    auto c = decode<openrouter::generation_content>(R"({"data":{"input":{"prompt":"p"},"output":{"completion":null,
        "reasoning":"r"},"error":{"status":502,"message":"m","provider_name":null,"raw":null,"previous_errors":[
        {"status":429,"message":"x","provider_name":"P","raw":"{}"}]}}})");
    CHECK(*c.input.prompt == "p");
    CHECK(c.output.completion.is_null());
    CHECK(*c.error->status == 502);
    CHECK(*c.error->previous_errors.at(0).raw == "{}");
    CHECK(decode<openrouter::feedback_result>(R"({"data":{"success":true}})").success);
    openrouter::generation_feedback f;
    f.generation_id = "gen-1";
    f.category = "other";
    CHECK(openrouter::to_json(f) == json::parse(R"({"generation_id":"gen-1","category":"other"})").as_object());
    CHECK(failure<openrouter::generation_info>(R"({"data":{"provider_responses":[{"latency":"slow"}]}})") ==
          "data.provider_responses[0].latency: expected number or null");
}

TEST_CASE("api codecs: credits coinbase and activity")
{
    auto c = decode<openrouter::credits_info>(R"({"data":{"total_credits":100,"total_usage":12.5}})");
    CHECK(c.total_credits == 100.0);
    CHECK(c.total_usage == 12.5);
    auto ch = decode<openrouter::coinbase_charge>(R"({"data":{"id":"c1","created_at":"a","expires_at":"b",
        "web3_data":{"transfer_intent":{"metadata":{"chain_id":8453}}}}})");
    CHECK(ch.web3_data.contains("transfer_intent"));
    auto a = decode<openrouter::activity>(R"({"data":[{"date":"2025-08-24","model":"a/b","model_permaslug":"a/b-1",
        "endpoint_id":"e","provider_name":"P","usage":0.5,"byok_usage_inference":0.1,"requests":3,"prompt_tokens":10,
        "completion_tokens":20,"reasoning_tokens":5,"workspace_id":"w"}]})");
    REQUIRE(a.data.size() == 1);
    CHECK(a.data[0].requests == 3);
    CHECK(a.data[0].reasoning_tokens == 5);
    CHECK(*a.data[0].workspace_id == "w");
    CHECK(failure<openrouter::activity>(R"({"data":[{"requests":1.5}]})") == "data[0].requests: expected integer");
}
