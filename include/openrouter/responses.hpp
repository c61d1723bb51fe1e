// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_RESPONSES_HPP
#define OPENROUTER_RESPONSES_HPP

/// @file
/// The Responses API: `POST /responses` (OpenResponses format), whole or streamed.
///
/// ```
/// openrouter::responses_request r;
/// r.model = "openai/gpt-4o";
/// r.input = "Tell me a joke";
/// auto res = co_await openrouter::async_responses(cli, r);
/// std::cout << res.output_text();
///
/// auto s = co_await openrouter::async_responses_stream(cli, r);    // headers in, status checked
/// while (auto ev = co_await s.async_next())                        // empty optional: clean end
///     if (ev->type == "response.output_text.delta") std::cout << ev->delta();
/// ```
///
/// Requests and results type the main fields; everything else travels in `extra` (unknown keys
/// are kept when decoding and merged into the body when encoding). Operations follow client.hpp
/// (completion tokens, diagnostics, cancellation, lifetimes).
///
/// ## Contract of the operations
/// `async_responses`, `async_responses_stream` and `responses_stream::async_next`:
///  - Completion signature: given on each (`void(error_code, T)`); on failure, use only
///    the error: the value is default-constructed (for `async_next`, an empty optional), or
///    partly decoded after `errc::invalid_response` of `async_responses`.
///  - Lifetimes: the request is moved into the operation; the `client` may be destroyed while
///    it runs (the operation keeps the client's internals alive); a `diagnostics&` must outlive
///    the operation. A `responses_stream` is a movable handle that keeps the client's internals
///    alive; destroying it (or `cancel()`) while the response is still arriving closes the
///    connection, which stops the generation and its billing (see chat_stream.hpp).
///  - Executor: the handler runs through its associated executor (default: the client's);
///    never from inside the initiating call, even for an error found before any I/O.
///  - Cancellation: per-operation cancellation is supported; any cancellation type is terminal
///    (the connection in use is closed, which also stops generation) and the operation
///    completes with `asio::error::operation_aborted`.
///  - Thread safety: operations may be started concurrently on one client. A
///    `responses_stream` is used from one thread at a time, with at most one pending
///    `async_next` (see `responses_stream`).
///  - Errors: listed on each operation.

#include <openrouter/client.hpp>
#include <openrouter/detail/typed_op.hpp>
#include <openrouter/nullable.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace openrouter {

// ---------------------------------------------------------------- request

/// One input item. `type` selects the members used:
///  - "message": `role` ("user", "system", "developer", "assistant") and `content` (a string, or
///    set `content_parts` to raw parts such as {"type":"input_text","text":...} / "input_image");
///  - "function_call": `call_id`, `name`, `arguments` (a previous tool call of the model);
///  - "function_call_output": `call_id`, `output` (your tool's result).
/// Other item types: put their members in `extra` (with `type` set).
struct response_input_item {
    std::string type = "message";                     ///< "message", "function_call", "function_call_output", ...
    std::string role;                                 ///< message: "user", "system", "developer", "assistant"
    std::string content;                              ///< message: the text
    std::optional<boost::json::array> content_parts;  ///< replaces `content` when set
    std::string call_id;                              ///< function_call / function_call_output: the call's id
    std::string name;                                 ///< function_call: the function's name
    std::string arguments;                            ///< function_call: the arguments, a JSON text
    std::string output;                               ///< function_call_output: the tool's result
    boost::json::object extra;                        ///< merged into the item's JSON object

    /// A "message" item of `role` with the text `text`.
    static response_input_item message(std::string role, std::string text);
    /// A "message" item of role "user", "system", "developer" or "assistant" with the text `text`.
    ///@{
    static response_input_item user(std::string text) { return message("user", std::move(text)); }
    static response_input_item system(std::string text) { return message("system", std::move(text)); }
    static response_input_item developer(std::string text) { return message("developer", std::move(text)); }
    static response_input_item assistant(std::string text) { return message("assistant", std::move(text)); }
    ///@}
    /// A "function_call" item: a tool call the model made earlier (`arguments` is a JSON text).
    static response_input_item function_call(std::string call_id, std::string name, std::string arguments);
    /// A "function_call_output" item: the result of the tool call `call_id`.
    static response_input_item function_call_output(std::string call_id, std::string output);
};

/// A tool. Function tools are typed; other tool kinds (e.g. "openrouter:web_search") set `type`
/// and put their members in `extra`.
struct response_tool {
    std::string type = "function";                  ///< "function", or another tool kind
    std::string name;                               ///< the function's name
    std::optional<std::string> description;         ///< what the function does, for the model
    std::optional<boost::json::object> parameters;  ///< JSON Schema
    std::optional<bool> strict;                     ///< strict schema adherence of the arguments
    boost::json::object extra;                      ///< merged into the tool's JSON object
};

/// `reasoning`: the reasoning configuration of the request (`ReasoningConfig`).
struct response_reasoning {
    std::optional<std::string> effort;       ///< "minimal", "low", "medium", "high", ...
    std::optional<std::string> summary;      ///< "auto", "concise", "detailed"
    std::optional<std::int64_t> max_tokens;  ///< token budget for reasoning
    std::optional<bool> enabled;             ///< turns reasoning on or off
    std::optional<bool> exclude;             ///< reason, but leave the reasoning out of the response
    boost::json::object extra;               ///< merged into the JSON object
};

/// `text`: output format ({"type":"text"}, {"type":"json_schema",...}) and verbosity.
struct response_text_config {
    std::optional<boost::json::object> format;  ///< {"type":"text"}, {"type":"json_schema",...}, ...
    nullable<std::string> verbosity;            ///< "low", "medium", "high"
    boost::json::object extra;                  ///< merged into the JSON object
};

/// `POST /responses` body (`stream` is set by the operation).
struct responses_request {
    std::optional<std::string> model;  ///< model id; `model` or `models` is required
    std::vector<std::string> models;   ///< fallback models
    /// The input: a text (one user message) or a list of items; must not be empty.
    std::variant<std::string, std::vector<response_input_item>> input;
    nullable<std::string> instructions;  ///< system instructions
    std::vector<response_tool> tools;    ///< tools the model may call
    /// "auto", "none", "required", or {"type":"function","name":...}
    std::optional<boost::json::value> tool_choice;
    std::optional<bool> parallel_tool_calls;      ///< allow several tool calls in one turn
    std::optional<response_reasoning> reasoning;  ///< reasoning configuration
    nullable<std::int64_t> max_output_tokens;     ///< maximum number of output tokens
    nullable<double> temperature;                 ///< sampling temperature
    nullable<double> top_p;                       ///< nucleus sampling
    std::optional<response_text_config> text;     ///< output format and verbosity
    nullable<std::string> previous_response_id;   ///< not supported by OpenRouter (stateless)
    std::optional<bool> store;                    ///< OpenRouter accepts only false
    std::optional<boost::json::object> metadata;  ///< string -> string
    std::optional<boost::json::object> provider;  ///< provider routing preferences
    std::vector<boost::json::object> plugins;     ///< plugins to enable, with their settings
    std::optional<std::string> user;              ///< your end user's id
    std::optional<std::string> session_id;        ///< groups related requests (sticky routing key)
    boost::json::object extra;                    ///< merged into the body last
};

// ---------------------------------------------------------------- result

/// A content part of an output message: "output_text" (text, annotations) or "refusal" (text
/// holds the refusal).
struct response_content_part {
    std::string type;                ///< "output_text" or "refusal"
    std::string text;                ///< the text, or the refusal
    boost::json::array annotations;  ///< output_text: annotations (e.g. URL citations), as received
    boost::json::object extra;       ///< members this SDK does not know, as received
};

/// One output item. `type` says which members are meaningful:
///  - "message": role, status, content;
///  - "reasoning": summary (texts), encrypted_content, status;
///  - "function_call": call_id, name, arguments, status;
///  - any other type: its members are in `extra`.
struct response_output_item {
    std::string type;                            ///< "message", "reasoning", "function_call", ...
    std::string id;                              ///< the item's id
    std::string status;                          ///< "completed", "incomplete", "in_progress"
    std::string role;                            ///< message: "assistant"
    std::vector<response_content_part> content;  ///< message: its parts
    std::vector<std::string> summary;            ///< reasoning: the `text` of each summary part
    nullable<std::string> encrypted_content;     ///< reasoning: opaque encrypted reasoning
    std::string call_id;                         ///< function_call: the id to answer with
    std::string name;                            ///< function_call: the function's name
    std::string arguments;                       ///< function_call: the arguments, a JSON text
    boost::json::object extra;                   ///< other members (all of an unknown type), as received

    /// The concatenated "output_text" parts of a message ("" for other items).
    std::string text() const;
};

/// `usage` of a response: token counts and cost.
struct response_usage {
    std::int64_t input_tokens = 0;      ///< tokens of the input
    std::int64_t output_tokens = 0;     ///< tokens generated
    std::int64_t total_tokens = 0;      ///< input + output
    std::int64_t cached_tokens = 0;     ///< input_tokens_details.cached_tokens
    std::int64_t reasoning_tokens = 0;  ///< output_tokens_details.reasoning_tokens
    nullable<double> cost;              ///< cost of the request in credits (USD)
    std::optional<bool> is_byok;        ///< whether the request used your own provider key (BYOK)
    boost::json::object extra;          ///< members this SDK does not know, as received
};

/// `error` of a failed response.
struct response_error {
    std::string code;           ///< the error code
    std::string message;        ///< human-readable description
    boost::json::object extra;  ///< members this SDK does not know, as received
};

/// `POST /responses` result (OpenResponsesResult).
struct responses_result {
    std::string id;                                    ///< the response's id
    std::string object;                                ///< "response"
    std::string model;                                 ///< the model that answered
    std::string status;                                ///< "completed", "incomplete", "in_progress", "failed", ...
    std::int64_t created_at = 0;                       ///< creation time, Unix seconds
    nullable<std::int64_t> completed_at;               ///< completion time, Unix seconds
    nullable<response_error> error;                    ///< why a "failed" response failed
    nullable<boost::json::object> incomplete_details;  ///< why an "incomplete" one stopped (e.g. `reason`)
    std::vector<response_output_item> output;          ///< the output items, in order
    std::optional<response_usage> usage;               ///< token counts and cost
    boost::json::object extra;                         ///< instructions, tools, tool_choice, metadata, temperature, ...

    /// The text of every output message, concatenated.
    std::string output_text() const;
};

/// The request body (with `"stream": stream`). Non-throwing decoder: false + `why` with the path.
boost::json::value to_json(const responses_request& r, bool stream = false);
/// Decodes a `responses_result`; on failure returns false and sets `why` (with the JSON path).
bool from_json(const boost::json::value& v, responses_result& out, std::string& why);

// ---------------------------------------------------------------- streaming

/// One event of a streamed response.
struct responses_event {
    /// The event type: the SSE `event:` name, else the data's "type" ("response.created",
    /// "response.output_text.delta", "response.completed", "error", ...).
    std::string type;
    /// The event's JSON data.
    boost::json::object data;
    /// data.sequence_number (-1 when absent).
    std::int64_t sequence_number = -1;
    /// The decoded `response` of response.created / in_progress / completed / incomplete / failed.
    std::optional<responses_result> response;

    /// data.delta of the `*.delta` events (text, reasoning, function-call arguments); else "".
    std::string_view delta() const noexcept;
    /// True for "response.output_text.delta".
    bool is_text_delta() const noexcept { return type == "response.output_text.delta"; }
    /// True for the events that end a response: completed, incomplete, failed.
    bool is_terminal() const noexcept;
};

namespace detail {
struct stream_impl;
void initiate_responses_next(std::shared_ptr<stream_impl> impl, diagnostics* diag,
                             boost::asio::any_completion_handler<void(error_code, std::optional<responses_event>)> h);
struct responses_next_initiation {
    std::shared_ptr<stream_impl> impl;
    template <class Handler>
    void operator()(Handler&& h, diagnostics* d) const
    {
        initiate_responses_next(impl, d, std::forward<Handler>(h));
    }
};
}  // namespace detail

/// A streamed response: an async generator of `responses_event`s on the same machinery as
/// `chat_stream` (same threading, lifetime, cancellation and timeout rules: see chat_stream.hpp).
///
/// `async_next` completes with `void(error_code, std::optional<responses_event>)`: an event, or
/// an empty optional once the stream ended cleanly (`data: [DONE]`, or the body ended after a
/// terminal event). Errors, each after every event received before it, sticky:
///  - an in-band `error` event: a numeric code 400..599 maps like an HTTP status, any other
///    code is `errc::stream_error`; diagnostics carry code (`api_code`) and message;
///  - `errc::stream_truncated` (the body ended before a terminal event or [DONE]),
///    `errc::invalid_response` (an event whose data is not a JSON object),
///    `errc::event_too_large`, the stream timeouts, `operation_aborted`.
/// A `response.failed` event is delivered as an event (its `response->error` says why).
///
/// As for `chat_stream`, two completions need no I/O and are still posted, never invoked
/// inline: a second `async_next` while one is pending completes with
/// `errc::operation_in_progress` (the pending one and the stream are left alone), posted to
/// the client's executor and run through the handler's associated executor (default: the
/// client's); `async_next` on an empty stream (default-constructed or moved from) completes
/// with `errc::invalid_request` and an empty optional, posted to the system executor (there is
/// no client behind it) and run through the handler's associated executor (default: the system
/// executor).
class responses_stream {
public:
    /// An empty stream (`async_next` completes with `errc::invalid_request`).
    responses_stream() noexcept = default;
    /// Used by the library (`async_responses_stream`).
    explicit responses_stream(std::shared_ptr<detail::stream_impl> impl) noexcept : impl_(std::move(impl)) {}
    /// Takes over the stream; `other` is left empty.
    responses_stream(responses_stream&&) noexcept = default;
    /// Takes over `other` (left empty), first closing this stream's connection if it had not
    /// ended.
    responses_stream& operator=(responses_stream&& other) noexcept;
    responses_stream(const responses_stream&) = delete;
    responses_stream& operator=(const responses_stream&) = delete;
    /// Closes the connection if the stream has not ended.
    ~responses_stream();

    /// The next event: `void(error_code, std::optional<responses_event>)`, as described above
    /// (the contract in the file comment: executor, cancellation, lifetimes).
    template <class CompletionToken = default_token>
    auto async_next(CompletionToken&& token = {})
    {
        return boost::asio::async_initiate<CompletionToken, void(error_code, std::optional<responses_event>)>(
            detail::responses_next_initiation{impl_}, token, static_cast<diagnostics*>(nullptr));
    }
    /// Same, filling `diag` on failure.
    template <class CompletionToken = default_token>
    auto async_next(diagnostics& diag, CompletionToken&& token = {})
    {
        return boost::asio::async_initiate<CompletionToken, void(error_code, std::optional<responses_event>)>(
            detail::responses_next_initiation{impl_}, token, &diag);
    }

    /// The text of the output_text deltas delivered so far.
    const std::string& text() const noexcept;
    /// The response of the last delivered terminal event (completed/incomplete/failed), if any.
    const std::optional<responses_result>& final_response() const noexcept;
    /// True once the stream ended and every event was delivered, or once it was cancelled.
    bool done() const noexcept;
    /// Stops the stream (closes the connection); pending and later `async_next` complete with
    /// `operation_aborted`.
    /// Thread-safe: may be called from any thread at any time, also while another thread reads
    /// the stream (pending `async_next` or not). A delta the reader is taking at that moment is
    /// still handed out; every `async_next` that starts after `cancel()` returns completes with
    /// `operation_aborted`, and the connection is closed on the client's strand as soon as the
    /// reader lets go of the stream's state (docs/design/threads.md). No effect on an empty stream.
    void cancel();

private:
    std::shared_ptr<detail::stream_impl> impl_;
};

// ---------------------------------------------------------------- operations

namespace detail {
void initiate_responses(std::shared_ptr<client_impl> impl, responses_request req, diagnostics* diag,
                        boost::asio::any_completion_handler<void(error_code, responses_result)> handler);
void initiate_responses_stream(std::shared_ptr<client_impl> impl, responses_request req, diagnostics* diag,
                               boost::asio::any_completion_handler<void(error_code, responses_stream)> handler);
}  // namespace detail

/// `POST /responses` (not streamed). Completion signature `void(error_code, responses_result)`.
/// Errors: `errc::invalid_request` (no I/O) without model/models or with an empty input; the
/// API's statuses mapped to their `errc` with diagnostics; `errc::invalid_response` for a body
/// of the wrong shape. A 200 whose status is "failed" is returned as is (see `error`).
/// Timeouts, transport errors and cancellation (`operation_aborted`) as for `client::async_chat`.
/// Executor, cancellation, lifetimes, thread safety: the contract in the file comment.
template <class CompletionToken = default_token>
auto async_responses(client& c, responses_request req, CompletionToken&& token = {})
{
    return detail::async_typed<responses_result>(c, &detail::initiate_responses, std::move(req), nullptr, token);
}
/// Same, filling `diag` on failure.
template <class CompletionToken = default_token>
auto async_responses(client& c, responses_request req, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<responses_result>(c, &detail::initiate_responses, std::move(req), &diag, token);
}

/// `POST /responses` with `"stream": true`. Completion signature
/// `void(error_code, responses_stream)`, once the response header is in: a non-2xx status
/// fails here like `async_responses`; a 2xx that is not `text/event-stream` is
/// `errc::unexpected_content_type`. Then pull events with `responses_stream::async_next`.
/// The same `errc::invalid_request` checks as `async_responses` (no I/O). Executor,
/// cancellation, lifetimes, thread safety: the contract in the file comment.
template <class CompletionToken = default_token>
auto async_responses_stream(client& c, responses_request req, CompletionToken&& token = {})
{
    return detail::async_typed<responses_stream>(c, &detail::initiate_responses_stream, std::move(req), nullptr, token);
}
/// Same, filling `diag` on failure.
template <class CompletionToken = default_token>
auto async_responses_stream(client& c, responses_request req, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<responses_stream>(c, &detail::initiate_responses_stream, std::move(req), &diag, token);
}

}  // namespace openrouter

#endif  // OPENROUTER_RESPONSES_HPP
