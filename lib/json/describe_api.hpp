// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_JSON_DESCRIBE_API_HPP
#define OPENROUTER_LIB_JSON_DESCRIBE_API_HPP

// Member lists of the account/catalogue wire types (models, keys, generations, credits,
// activity, embeddings), read and written by the walker (lib/json/walker.hpp). List order is wire order;
// members not on the wire (`extra`, `provisioning_key`, `hash`) are left out.

#include <openrouter/activity.hpp>
#include <openrouter/credits.hpp>
#include <openrouter/embeddings.hpp>
#include <openrouter/generations.hpp>
#include <openrouter/keys.hpp>
#include <openrouter/models.hpp>
#include <openrouter/oauth.hpp>
#include <openrouter/responses.hpp>

#include <boost/describe/class.hpp>

namespace openrouter {

// models
BOOST_DESCRIBE_STRUCT(model_architecture, (), (modality, input_modalities, output_modalities, tokenizer, instruct_type))
BOOST_DESCRIBE_STRUCT(pricing_override, (),
                      (prompt, completion, input_cache_read, input_cache_write, input_cache_write_1h, input_audio_cache,
                       audio, min_prompt_tokens, utc_start, utc_end))
BOOST_DESCRIBE_STRUCT(model_pricing, (),
                      (prompt, completion, request, image, image_token, image_output, audio, audio_output,
                       input_audio_cache, web_search, internal_reasoning, input_cache_read, input_cache_write,
                       input_cache_write_1h, discount, overrides))
BOOST_DESCRIBE_STRUCT(top_provider_info, (), (context_length, max_completion_tokens, is_moderated))
BOOST_DESCRIBE_STRUCT(request_limits, (), (prompt_tokens, completion_tokens))
BOOST_DESCRIBE_STRUCT(model_default_parameters, (),
                      (temperature, top_p, top_k, frequency_penalty, presence_penalty, repetition_penalty))
BOOST_DESCRIBE_STRUCT(model_reasoning, (),
                      (mandatory, default_enabled, supports_max_tokens, default_effort, supported_efforts))
BOOST_DESCRIBE_STRUCT(benchmark_indexes, (), (intelligence_index, coding_index, agentic_index))
BOOST_DESCRIBE_STRUCT(design_arena_entry, (), (arena, category, elo, win_rate, rank))
BOOST_DESCRIBE_STRUCT(model_benchmarks, (), (artificial_analysis, design_arena))
BOOST_DESCRIBE_STRUCT(model_alias_target, (), (slug, name))
BOOST_DESCRIBE_STRUCT(model_links, (), (details))
BOOST_DESCRIBE_STRUCT(model_info, (),
                      (id, canonical_slug, name, created, description, context_length, architecture, pricing,
                       top_provider, per_request_limits, supported_parameters, default_parameters, supported_voices,
                       hugging_face_id, expiration_date, knowledge_cutoff, links, reasoning, benchmarks, alias_target))
BOOST_DESCRIBE_STRUCT(list_links, (), (next))
BOOST_DESCRIBE_STRUCT(percentile_stats, (), (p50, p75, p90, p99))
BOOST_DESCRIBE_STRUCT(model_endpoint, (),
                      (name, model_id, model_name, context_length, pricing, provider_name, tag, quantization,
                       max_completion_tokens, max_prompt_tokens, supported_parameters, uptime_last_30m, uptime_last_5m,
                       uptime_last_1d, supports_implicit_caching, supports_voice_cloning, status, latency_last_30m,
                       throughput_last_30m))
BOOST_DESCRIBE_STRUCT(model_endpoints, (), (id, name, created, description, architecture, endpoints))
BOOST_DESCRIBE_STRUCT(provider_info, (),
                      (name, slug, privacy_policy_url, terms_of_service_url, status_page_url, headquarters,
                       datacenters))
BOOST_DESCRIBE_STRUCT(model_list, (), (data, total_count, links))
BOOST_DESCRIBE_STRUCT(model_count, (), (count))
BOOST_DESCRIBE_STRUCT(endpoint_list, (), (data))
BOOST_DESCRIBE_STRUCT(provider_list, (), (data))

// keys
BOOST_DESCRIBE_STRUCT(key_rate_limit, (), (requests, interval, note))
BOOST_DESCRIBE_STRUCT(key_info, (),
                      (label, limit, limit_remaining, limit_reset, usage, usage_daily, usage_weekly, usage_monthly,
                       byok_usage, byok_usage_daily, byok_usage_weekly, byok_usage_monthly, is_free_tier,
                       is_management_key, is_provisioning_key, include_byok_in_limit, creator_user_id, expires_at,
                       rate_limit))
BOOST_DESCRIBE_STRUCT(managed_key, (),
                      (hash, name, label, disabled, limit, limit_remaining, limit_reset, include_byok_in_limit, usage,
                       usage_daily, usage_weekly, usage_monthly, byok_usage, byok_usage_daily, byok_usage_weekly,
                       byok_usage_monthly, created_at, updated_at, expires_at, creator_user_id, workspace_id))
BOOST_DESCRIBE_STRUCT(key_list, (), (data))
BOOST_DESCRIBE_STRUCT(created_key, (), (data, key))
BOOST_DESCRIBE_STRUCT(key_deleted, (), (deleted))
BOOST_DESCRIBE_STRUCT(key_create_request, (),
                      (name, limit, limit_reset, include_byok_in_limit, expires_at, creator_user_id, workspace_id))
BOOST_DESCRIBE_STRUCT(key_update_request, (), (name, disabled, limit, limit_reset, include_byok_in_limit))

// generations
BOOST_DESCRIBE_STRUCT(provider_response, (),
                      (id, endpoint_id, model_permaslug, provider_name, status, latency, is_byok))
BOOST_DESCRIBE_STRUCT(generation_info, (),
                      (id, upstream_id, total_cost, cache_discount, upstream_inference_cost, created_at, model, app_id,
                       streamed, cancelled, provider_name, latency, moderation_latency, generation_time, finish_reason,
                       native_finish_reason, service_tier, tokens_prompt, tokens_completion, native_tokens_prompt,
                       native_tokens_completion, native_tokens_completion_images, native_tokens_reasoning,
                       native_tokens_cached, num_media_prompt, num_input_audio_prompt, num_media_completion,
                       num_search_results, num_fetches, web_search_engine, origin, usage, is_byok, external_user,
                       api_type, preset_id, router, provider_responses, user_agent, http_referer, data_region,
                       workspace_id, request_id, session_id, response_cache_source_id))
BOOST_DESCRIBE_STRUCT(generation_input, (), (prompt, messages))
BOOST_DESCRIBE_STRUCT(generation_output, (), (completion, reasoning))
BOOST_DESCRIBE_STRUCT(generation_error_attempt, (), (status, message, provider_name, raw))
BOOST_DESCRIBE_STRUCT(generation_error, (), (status, message, provider_name, raw, previous_errors))
BOOST_DESCRIBE_STRUCT(generation_content, (), (input, output, error))
BOOST_DESCRIBE_STRUCT(feedback_result, (), (success))
BOOST_DESCRIBE_STRUCT(generation_feedback, (), (generation_id, category, comment))

// credits
BOOST_DESCRIBE_STRUCT(credits_info, (), (total_credits, total_usage))
BOOST_DESCRIBE_STRUCT(coinbase_charge, (), (id, created_at, expires_at, web3_data))

// activity
BOOST_DESCRIBE_STRUCT(activity_item, (),
                      (date, model, model_permaslug, endpoint_id, provider_name, usage, byok_usage_inference, requests,
                       prompt_tokens, completion_tokens, reasoning_tokens, workspace_id))
BOOST_DESCRIBE_STRUCT(activity, (), (data))

// embeddings (`embedding.values` is the wire's "embedding", a hook that also fills `base64`)
BOOST_DESCRIBE_STRUCT(embedding_request, (), (model, input, encoding_format, dimensions, input_type, user, provider))
BOOST_DESCRIBE_STRUCT(embedding, (), (index, values))
BOOST_DESCRIBE_STRUCT(embedding_usage, (), (prompt_tokens, total_tokens, cost, is_byok))
BOOST_DESCRIBE_STRUCT(embedding_response, (), (id, object, model, data, usage))
BOOST_DESCRIBE_STRUCT(embedding_model_info, (), (id, canonical_slug, name, description, created, context_length))
BOOST_DESCRIBE_STRUCT(embedding_models_page, (), (data, total_count, next))

// oauth
BOOST_DESCRIBE_STRUCT(auth_code_request, (),
                      (callback_url, code_challenge, code_challenge_method, limit, expires_at, key_label,
                       usage_limit_type, workspace_id))
BOOST_DESCRIBE_STRUCT(auth_code, (), (id, app_id, created_at))
BOOST_DESCRIBE_STRUCT(auth_exchange_request, (), (code, code_verifier, code_challenge_method))
BOOST_DESCRIBE_STRUCT(auth_key, (), (key, user_id))

// responses (the output item is hand-written: its members depend on its type)
BOOST_DESCRIBE_STRUCT(response_tool, (), (type, name, description, parameters, strict))
BOOST_DESCRIBE_STRUCT(response_reasoning, (), (effort, summary, max_tokens, enabled, exclude))
BOOST_DESCRIBE_STRUCT(response_text_config, (), (format, verbosity))
BOOST_DESCRIBE_STRUCT(response_content_part, (), (type, text, annotations))
BOOST_DESCRIBE_STRUCT(response_usage, (),
                      (input_tokens, output_tokens, total_tokens, cached_tokens, reasoning_tokens, cost, is_byok))
BOOST_DESCRIBE_STRUCT(response_error, (), (code, message))
BOOST_DESCRIBE_STRUCT(responses_result, (),
                      (id, object, model, status, created_at, completed_at, error, incomplete_details, output, usage))

}  // namespace openrouter

#endif  // OPENROUTER_LIB_JSON_DESCRIBE_API_HPP
