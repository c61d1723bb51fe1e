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
/// ## Contract of the operations
/// Completion signature `void(error_code, T)` (on failure, use only the error: the value is
/// default-constructed, or partly decoded after `errc::invalid_response`). Lifetimes: the argument
/// struct is moved into the operation; the `client` may be destroyed while it runs (the operation
/// keeps the client's internals alive); a `diagnostics&` must outlive it. Executor: the handler
/// runs through its associated executor (default: the client's), never inside the initiating call.
/// Cancellation: per-operation cancellation (any type) is terminal: the connection in use is closed
/// and the operation completes with `asio::error::operation_aborted`. See client.hpp for tokens and
/// diagnostics. Errors: 400 (`errc::bad_request`), 401, 402, 403, 404 (`errc::not_found`), 429,
/// 5xx; `errc::invalid_request` without I/O when the id (or the feedback category) is empty;
/// `errc::invalid_response` with the path of the offending member when a 2xx body has the wrong
/// shape; transport errors and timeouts as for any operation. Numbers are read leniently; unknown
/// keys go to `extra`.
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
    std::optional<std::string> id;               ///< the upstream provider's response id
    std::optional<std::string> endpoint_id;      ///< OpenRouter's internal endpoint id
    std::optional<std::string> model_permaslug;  ///< canonical model slug
    std::optional<std::string> provider_name;    ///< the provider
    nullable<std::int64_t> status;               ///< upstream HTTP status
    std::optional<double> latency;               ///< ms
    std::optional<bool> is_byok;                 ///< whether the attempt used your own provider key
    boost::json::object extra;                   ///< members this SDK does not know, as received
};

/// GET /generation response (`data`): every member of the API's GenerationResponse.
struct generation_info {
    std::string id;                                   ///< the generation's id
    nullable<std::string> upstream_id;                ///< the upstream provider's id for it
    double total_cost = 0;                            ///< USD
    nullable<double> cache_discount;                  ///< discount applied due to caching
    nullable<double> upstream_inference_cost;         ///< cost charged by the upstream provider
    std::string created_at;                           ///< ISO 8601
    std::string model;                                ///< the model used
    nullable<std::int64_t> app_id;                    ///< id of the app that made the request
    nullable<bool> streamed;                          ///< whether the response was streamed
    nullable<bool> cancelled;                         ///< whether the generation was cancelled
    nullable<std::string> provider_name;              ///< the provider that served the request
    nullable<double> latency;                         ///< ms
    nullable<double> moderation_latency;              ///< ms
    nullable<double> generation_time;                 ///< ms
    nullable<std::string> finish_reason;              ///< why the generation finished (normalized)
    nullable<std::string> native_finish_reason;       ///< the provider's own finish reason
    nullable<std::string> service_tier;               ///< the tier the provider reported, if any
    nullable<std::int64_t> tokens_prompt;             ///< normalized (GPT-4o tokenizer) counts
    nullable<std::int64_t> tokens_completion;         ///< normalized completion tokens
    nullable<std::int64_t> native_tokens_prompt;      ///< the model's own tokenizer: what is billed
    nullable<std::int64_t> native_tokens_completion;  ///< completion tokens, the provider's count
    /// Completion image, reasoning and cached tokens, as reported by the provider.
    ///@{
    nullable<std::int64_t> native_tokens_completion_images;
    nullable<std::int64_t> native_tokens_reasoning;
    nullable<std::int64_t> native_tokens_cached;
    ///@}
    nullable<std::int64_t> num_media_prompt;        ///< media items in the prompt
    nullable<std::int64_t> num_input_audio_prompt;  ///< audio inputs in the prompt
    nullable<std::int64_t> num_media_completion;    ///< media items in the completion
    nullable<std::int64_t> num_search_results;      ///< web search results included
    nullable<std::int64_t> num_fetches;             ///< web fetches performed
    nullable<std::string> web_search_engine;        ///< the resolved web search engine (e.g. "exa")
    std::string origin;                             ///< origin URL of the request
    double usage = 0;                               ///< usage amount, USD
    bool is_byok = false;                           ///< whether your own provider key was used
    nullable<std::string> external_user;            ///< your end user's id (the request's `user`)
    nullable<std::string> api_type;                 ///< "completions", "embeddings", ...
    nullable<std::string> preset_id;                ///< the preset used, null without one
    nullable<std::string> router;                   ///< the router used (e.g. "openrouter/auto")
    /// Every provider attempt of the generation, fallback attempts included.
    nullable<std::vector<provider_response>> provider_responses;
    nullable<std::string> user_agent;    ///< User-Agent header of the request
    nullable<std::string> http_referer;  ///< Referer header of the request
    std::string data_region;             ///< "global", "europe", "us"
    nullable<std::string> workspace_id;  ///< the workspace it is attributed to
    nullable<std::string> request_id;    ///< groups every generation of one API request
    nullable<std::string> session_id;    ///< groups the generations of one session
    /// The original generation's id when this one was served from the response cache.
    nullable<std::string> response_cache_source_id;
    boost::json::object extra;  ///< members this SDK does not know, as received
};

/// The stored input: a prompt (legacy completions) or chat messages (kept as JSON).
struct generation_input {
    std::optional<std::string> prompt;           ///< the prompt string
    std::optional<boost::json::array> messages;  ///< the chat messages
    boost::json::object extra;                   ///< members this SDK does not know, as received
};

/// The stored output of a generation.
struct generation_output {
    nullable<std::string> completion;  ///< the completion text
    nullable<std::string> reasoning;   ///< reasoning output, if any
    boost::json::object extra;         ///< members this SDK does not know, as received
};

/// One failed upstream attempt recorded for a generation (`previous_errors[i]`).
struct generation_error_attempt {
    /// The JSON member `status`. (The API document names this attempt's HTTP status `code`;
    /// a `code` member is kept in `extra`.)
    nullable<std::int64_t> status;
    nullable<std::string> message;        ///< error message of the attempt
    nullable<std::string> provider_name;  ///< the provider of the attempt, when known
    nullable<std::string> raw;            ///< raw error body of the provider, when stored
    boost::json::object extra;            ///< members this SDK does not know, as received
};

/// The failure stored with a generation.
struct generation_error {
    nullable<std::int64_t> status;        ///< HTTP status returned to the client
    nullable<std::string> message;        ///< error message returned to the client
    nullable<std::string> provider_name;  ///< the provider whose error was returned, when known
    nullable<std::string> raw;            ///< raw error body behind it, when stored
    /// Every upstream attempt that failed before the returned error, in attempt order.
    std::vector<generation_error_attempt> previous_errors;
    boost::json::object extra;  ///< members this SDK does not know, as received
};

/// GET /generation/content response (`data`).
struct generation_content {
    generation_input input;            ///< the stored prompt or messages
    generation_output output;          ///< the stored completion
    nullable<generation_error> error;  ///< the stored failure, null when it succeeded
    boost::json::object extra;         ///< members this SDK does not know, as received
};

/// POST /generation/feedback body.
struct generation_feedback {
    std::string generation_id;  ///< required
    /// required: "latency", "incoherence", "incorrect_response", "formatting", "billing",
    /// "api_error" or "other"
    std::string category;
    std::optional<std::string> comment;  ///< optional free-text comment
    boost::json::object extra;           ///< merged into the body
};

/// POST /generation/feedback response (`data.success`).
struct feedback_result {
    bool success = false;       ///< whether the feedback was recorded
    boost::json::object extra;  ///< members this SDK does not know, as received
};

/// Decoders of stored JSON (whole response bodies). False + path of the offending member in `why`.
///@{
bool from_json(const boost::json::value& v, generation_info& out, std::string& why);
bool from_json(const boost::json::value& v, generation_content& out, std::string& why);
bool from_json(const boost::json::value& v, feedback_result& out, std::string& why);
///@}

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

/// GET /generation?id=. `void(error_code, generation_info)`. `errc::invalid_request` (no I/O)
/// when `q.id` is empty; contract and errors in the file comment.
template <class CompletionToken = default_token>
auto async_get_generation(client& c, generation_query q, CompletionToken&& token = {})
{
    return detail::async_typed<generation_info>(c, &detail::initiate_get_generation, std::move(q), nullptr, token);
}
/// Same, filling `diag` on failure.
template <class CompletionToken = default_token>
auto async_get_generation(client& c, generation_query q, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<generation_info>(c, &detail::initiate_get_generation, std::move(q), &diag, token);
}

/// GET /generation/content?id=. `void(error_code, generation_content)`. `errc::invalid_request`
/// (no I/O) when `q.id` is empty; contract and errors in the file comment.
template <class CompletionToken = default_token>
auto async_get_generation_content(client& c, generation_query q, CompletionToken&& token = {})
{
    return detail::async_typed<generation_content>(c, &detail::initiate_get_generation_content, std::move(q), nullptr,
                                                   token);
}
/// Same, filling `diag` on failure.
template <class CompletionToken = default_token>
auto async_get_generation_content(client& c, generation_query q, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<generation_content>(c, &detail::initiate_get_generation_content, std::move(q), &diag,
                                                   token);
}

/// POST /generation/feedback. `void(error_code, feedback_result)`. `errc::invalid_request`
/// (no I/O) when `generation_id` or `category` is empty; contract and errors in the file comment.
template <class CompletionToken = default_token>
auto async_send_generation_feedback(client& c, generation_feedback f, CompletionToken&& token = {})
{
    return detail::async_typed<feedback_result>(c, &detail::initiate_send_generation_feedback, std::move(f), nullptr,
                                                token);
}
/// Same, filling `diag` on failure.
template <class CompletionToken = default_token>
auto async_send_generation_feedback(client& c, generation_feedback f, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<feedback_result>(c, &detail::initiate_send_generation_feedback, std::move(f), &diag,
                                                token);
}

}  // namespace openrouter

#endif  // OPENROUTER_GENERATIONS_HPP
