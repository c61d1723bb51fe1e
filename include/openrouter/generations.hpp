// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_GENERATIONS_HPP
#define OPENROUTER_GENERATIONS_HPP

/// @file
/// Generation records: GET /generation?id= (cost, native token counts, timings),
/// GET /generation/content?id= (the stored prompt and completion) and POST /generation/feedback.
///
/// The id is `chat_completion::id` (or `diagnostics::generation_id`, or the X-Generation-Id
/// header). A record may take a moment to appear after the generation ends: a 404 right after a
/// completion can be asked again.
///
/// Completion signature `void(error_code, T)`; see client.hpp for tokens, cancellation,
/// executors and lifetimes. Errors: 400 (`errc::bad_request`), 401, 402, 403, 404
/// (`errc::not_found`), 429, 5xx; `errc::invalid_request` without I/O when the id (or the
/// feedback category) is empty; `errc::invalid_response` with the path of the offending member
/// when a 2xx body has the wrong shape. Numbers are read leniently; unknown keys go to `extra`.
///
/// Thread safety: the structs are plain values (concurrent reads are safe, writes need exclusive
/// access); operations may be started concurrently on one client, as documented in client.hpp.

#include <openrouter/detail/typed_op.hpp>
#include <openrouter/nullable.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace openrouter {

/// GET /generation and GET /generation/content argument.
struct generation_query {
    std::string id;  ///< required, non-empty
};

/// One upstream provider attempt of a generation.
struct provider_response {
    std::optional<std::string> id;
    std::optional<std::string> endpoint_id;
    std::optional<std::string> model_permaslug;
    std::optional<std::string> provider_name;
    nullable<std::int64_t> status;  ///< upstream HTTP status
    std::optional<double> latency;  ///< ms
    std::optional<bool> is_byok;
    boost::json::object extra;
};

/// GET /generation response (`data`): every member of the API's GenerationResponse.
struct generation_info {
    std::string id;
    nullable<std::string> upstream_id;
    double total_cost = 0;  ///< USD
    nullable<double> cache_discount;
    nullable<double> upstream_inference_cost;
    std::string created_at;  ///< ISO 8601
    std::string model;
    nullable<std::int64_t> app_id;
    nullable<bool> streamed;
    nullable<bool> cancelled;
    nullable<std::string> provider_name;
    nullable<double> latency;             ///< ms
    nullable<double> moderation_latency;  ///< ms
    nullable<double> generation_time;     ///< ms
    nullable<std::string> finish_reason;
    nullable<std::string> native_finish_reason;
    nullable<std::string> service_tier;
    nullable<std::int64_t> tokens_prompt;  ///< normalized (GPT-4o tokenizer) counts
    nullable<std::int64_t> tokens_completion;
    nullable<std::int64_t> native_tokens_prompt;  ///< the model's own tokenizer: what is billed
    nullable<std::int64_t> native_tokens_completion;
    nullable<std::int64_t> native_tokens_completion_images;
    nullable<std::int64_t> native_tokens_reasoning;
    nullable<std::int64_t> native_tokens_cached;
    nullable<std::int64_t> num_media_prompt;
    nullable<std::int64_t> num_input_audio_prompt;
    nullable<std::int64_t> num_media_completion;
    nullable<std::int64_t> num_search_results;
    nullable<std::int64_t> num_fetches;
    nullable<std::string> web_search_engine;
    std::string origin;
    double usage = 0;
    bool is_byok = false;
    nullable<std::string> external_user;
    nullable<std::string> api_type;  ///< "completions", "embeddings", ...
    nullable<std::string> preset_id;
    nullable<std::string> router;
    nullable<std::vector<provider_response>> provider_responses;
    nullable<std::string> user_agent;
    nullable<std::string> http_referer;
    std::string data_region;  ///< "global", "europe", "us"
    nullable<std::string> workspace_id;
    nullable<std::string> request_id;
    nullable<std::string> session_id;
    nullable<std::string> response_cache_source_id;
    boost::json::object extra;
};

/// The stored input: a prompt (legacy completions) or chat messages (kept as JSON).
struct generation_input {
    std::optional<std::string> prompt;
    std::optional<boost::json::array> messages;
    boost::json::object extra;
};

struct generation_output {
    nullable<std::string> completion;
    nullable<std::string> reasoning;
    boost::json::object extra;
};

struct generation_error_attempt {
    nullable<std::int64_t> status;
    nullable<std::string> message;
    nullable<std::string> provider_name;
    nullable<std::string> raw;
    boost::json::object extra;
};

/// The failure stored with a generation.
struct generation_error {
    nullable<std::int64_t> status;
    nullable<std::string> message;
    nullable<std::string> provider_name;
    nullable<std::string> raw;
    std::vector<generation_error_attempt> previous_errors;
    boost::json::object extra;
};

/// GET /generation/content response (`data`).
struct generation_content {
    generation_input input;
    generation_output output;
    nullable<generation_error> error;
    boost::json::object extra;
};

/// POST /generation/feedback body.
struct generation_feedback {
    std::string generation_id;  ///< required
    /// required: "latency", "incoherence", "incorrect_response", "formatting", "billing",
    /// "api_error" or "other"
    std::string category;
    std::optional<std::string> comment;
    boost::json::object extra;  ///< merged into the body
};

/// POST /generation/feedback response (`data.success`).
struct feedback_result {
    bool success = false;
    boost::json::object extra;
};

/// Decoders of stored JSON (whole response bodies). False + path of the offending member in `why`.
bool from_json(const boost::json::value& v, generation_info& out, std::string& why);
bool from_json(const boost::json::value& v, generation_content& out, std::string& why);
bool from_json(const boost::json::value& v, feedback_result& out, std::string& why);

/// The body sent by POST /generation/feedback.
boost::json::object to_json(const generation_feedback& f);

namespace detail {
void initiate_get_generation(std::shared_ptr<client_impl>, generation_query, diagnostics*,
                             boost::asio::any_completion_handler<void(error_code, generation_info)>);
void initiate_get_generation_content(std::shared_ptr<client_impl>, generation_query, diagnostics*,
                                     boost::asio::any_completion_handler<void(error_code, generation_content)>);
void initiate_send_generation_feedback(std::shared_ptr<client_impl>, generation_feedback, diagnostics*,
                                       boost::asio::any_completion_handler<void(error_code, feedback_result)>);
}  // namespace detail

/// GET /generation?id=. `void(error_code, generation_info)`.
template <class CompletionToken = default_token>
auto async_get_generation(client& c, generation_query q, CompletionToken&& token = {})
{
    return detail::async_typed<generation_info>(c, &detail::initiate_get_generation, std::move(q), nullptr, token);
}
template <class CompletionToken = default_token>
auto async_get_generation(client& c, generation_query q, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<generation_info>(c, &detail::initiate_get_generation, std::move(q), &diag, token);
}

/// GET /generation/content?id=. `void(error_code, generation_content)`.
template <class CompletionToken = default_token>
auto async_get_generation_content(client& c, generation_query q, CompletionToken&& token = {})
{
    return detail::async_typed<generation_content>(c, &detail::initiate_get_generation_content, std::move(q), nullptr,
                                                   token);
}
template <class CompletionToken = default_token>
auto async_get_generation_content(client& c, generation_query q, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<generation_content>(c, &detail::initiate_get_generation_content, std::move(q), &diag,
                                                   token);
}

/// POST /generation/feedback. `void(error_code, feedback_result)`.
template <class CompletionToken = default_token>
auto async_send_generation_feedback(client& c, generation_feedback f, CompletionToken&& token = {})
{
    return detail::async_typed<feedback_result>(c, &detail::initiate_send_generation_feedback, std::move(f), nullptr,
                                                token);
}
template <class CompletionToken = default_token>
auto async_send_generation_feedback(client& c, generation_feedback f, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<feedback_result>(c, &detail::initiate_send_generation_feedback, std::move(f), &diag,
                                                token);
}

}  // namespace openrouter

#endif  // OPENROUTER_GENERATIONS_HPP
