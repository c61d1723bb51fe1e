// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_JSON_DESCRIBE_CHAT_HPP
#define OPENROUTER_LIB_JSON_DESCRIBE_CHAT_HPP

// Member lists of the chat wire types (messages and their pieces, the completion response, the
// request's nested objects), read and written by the walker (lib/json/walker.hpp). List order
// is wire order; members not on the wire (`extra`, `payload_extra`) are left out. The odd
// members are hooked in chat_codec.hpp (codec_traits).

#include <openrouter/chat_completion.hpp>
#include <openrouter/chat_request.hpp>
#include <openrouter/completion.hpp>
#include <openrouter/content_part.hpp>
#include <openrouter/message.hpp>

#include <boost/describe/class.hpp>

namespace openrouter {

// message pieces
BOOST_DESCRIBE_STRUCT(cache_control, (), (type, ttl))
BOOST_DESCRIBE_STRUCT(tool_call::function_call, (), (name, arguments))
BOOST_DESCRIBE_STRUCT(tool_call, (), (index, id, type, function))
BOOST_DESCRIBE_STRUCT(url_citation, (), (url, title, content, start_index, end_index))
BOOST_DESCRIBE_STRUCT(annotation, (), (type, url_citation))
BOOST_DESCRIBE_STRUCT(reasoning_detail, (),
                      (type, id, format, index, summary, data, text, signature, tool_name, arguments, result,
                       tool_call_id))
BOOST_DESCRIBE_STRUCT(generated_image, (), (type, url))
BOOST_DESCRIBE_STRUCT(audio_output, (), (id, data, transcript, expires_at))
BOOST_DESCRIBE_STRUCT(message, (),
                      (role, content, name, tool_call_id, tool_calls, refusal, reasoning, reasoning_details,
                       annotations, images, audio, model))

// the completion response
BOOST_DESCRIBE_STRUCT(top_logprob, (), (token, logprob, bytes))
BOOST_DESCRIBE_STRUCT(token_logprob, (), (token, logprob, bytes, top_logprobs))
BOOST_DESCRIBE_STRUCT(choice_logprobs, (), (content, refusal))
BOOST_DESCRIBE_STRUCT(choice_error, (), (code, message, metadata))
BOOST_DESCRIBE_STRUCT(choice, (), (index, message, finish_reason, native_finish_reason, logprobs, error))
BOOST_DESCRIBE_STRUCT(prompt_tokens_details, (), (cached_tokens, cache_write_tokens, audio_tokens, video_tokens))
BOOST_DESCRIBE_STRUCT(completion_tokens_details, (),
                      (reasoning_tokens, image_tokens, audio_tokens, accepted_prediction_tokens,
                       rejected_prediction_tokens))
BOOST_DESCRIBE_STRUCT(cost_details, (),
                      (upstream_inference_cost, upstream_inference_prompt_cost, upstream_inference_completions_cost))
BOOST_DESCRIBE_STRUCT(server_tool_use_details, (), (tool_calls_executed, tool_calls_requested, web_search_requests))
BOOST_DESCRIBE_STRUCT(usage, (),
                      (prompt_tokens, completion_tokens, total_tokens, cost, is_byok, cost_details,
                       prompt_tokens_details, completion_tokens_details, server_tool_use_details))
BOOST_DESCRIBE_STRUCT(router_attempt, (), (provider, model, status))
BOOST_DESCRIBE_STRUCT(endpoint_info, (), (provider, model, selected))
// `endpoints_total` stands for the whole "endpoints" object (total and available), a hook.
BOOST_DESCRIBE_STRUCT(openrouter_metadata, (),
                      (requested, strategy, region, summary, attempt, is_byok, attempts, endpoints_total, params,
                       pipeline))
BOOST_DESCRIBE_STRUCT(chat_completion, (),
                      (id, object, created, model, provider, system_fingerprint, service_tier, choices, usage,
                       openrouter_metadata))

// the legacy completions response
BOOST_DESCRIBE_STRUCT(text_choice, (), (index, text, finish_reason, native_finish_reason, logprobs))
BOOST_DESCRIBE_STRUCT(text_completion, (), (id, object, created, model, provider, system_fingerprint, usage, choices))

// the request's nested objects (written only: the SDK sends them)
BOOST_DESCRIBE_STRUCT(tool::function_def, (), (name, description, parameters, strict))
BOOST_DESCRIBE_STRUCT(tool, (), (type, function, parameters, cache_control))
BOOST_DESCRIBE_STRUCT(response_format::json_schema_spec, (), (name, description, schema, strict))
BOOST_DESCRIBE_STRUCT(response_format, (), (type, json_schema, grammar))
BOOST_DESCRIBE_STRUCT(max_price, (), (prompt, completion, image, audio, request))
BOOST_DESCRIBE_STRUCT(percentile_cutoffs, (), (p50, p75, p90, p99))
BOOST_DESCRIBE_STRUCT(provider_sort_config, (), (by, partition))
BOOST_DESCRIBE_STRUCT(provider_preferences, (),
                      (order, allow_fallbacks, require_parameters, data_collection, zdr, enforce_distillable_text, only,
                       ignore, quantizations, sort, max_price, preferred_min_throughput, preferred_max_latency))
BOOST_DESCRIBE_STRUCT(reasoning_config, (), (effort, max_tokens, exclude, enabled, summary))
BOOST_DESCRIBE_STRUCT(plugin, (),
                      (id, enabled, max_results, search_prompt, engine, include_domains, exclude_domains, max_uses,
                       mode, pdf_engine))
BOOST_DESCRIBE_STRUCT(prediction, (), (type, content))
BOOST_DESCRIBE_STRUCT(trace_config, (), (trace_id, trace_name, span_name, generation_name, parent_span_id))
BOOST_DESCRIBE_STRUCT(prompt_cache_options, (), (mode, ttl))
BOOST_DESCRIBE_STRUCT(stop_condition, (), (type, step_count, tool_name, max_tokens, max_cost_in_dollars, reason))
// `policies` is not on the wire.
BOOST_DESCRIBE_STRUCT(chat_request, (),
                      (messages, model, models, max_tokens, max_completion_tokens, temperature, top_p, top_k,
                       frequency_penalty, presence_penalty, repetition_penalty, min_p, top_a, seed, logit_bias,
                       logprobs, top_logprobs, stop, prediction, tools, tool_choice, parallel_tool_calls,
                       response_format, structured_outputs, modalities, image_config, stop_server_tools_when, reasoning,
                       reasoning_effort, provider, route, transforms, plugins, max_price, service_tier, usage_include,
                       stream_include_usage, cache_control, prompt_cache_key, prompt_cache_options, user, session_id,
                       metadata, debug_echo_upstream_body, trace))

}  // namespace openrouter

#endif  // OPENROUTER_LIB_JSON_DESCRIBE_CHAT_HPP
