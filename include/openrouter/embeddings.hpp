// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_EMBEDDINGS_HPP
#define OPENROUTER_EMBEDDINGS_HPP

/// @file
/// Embeddings: `POST /embeddings` and `GET /embeddings/models`.
///
/// ```
/// openrouter::embedding_request r;
/// r.model = "openai/text-embedding-3-small";
/// r.input = std::vector<std::string>{"first text", "second text"};
/// auto res = co_await openrouter::async_embeddings(cli, r);
/// for (auto& e : res.data) use(e.index, e.values);   // float32 values, whatever the wire format
/// ```
///
/// Operations follow client.hpp (completion tokens, diagnostics, cancellation, lifetimes: arguments
/// are moved into the operation; a `diagnostics&` must outlive it). Types are plain values: no
/// internal synchronization, safe to use from one thread at a time.
///
/// ## Contract of the operations
/// Completion signature `void(error_code, T)` (on failure, use only the error: the value is
/// default-constructed, or partly decoded after `errc::invalid_response`). Lifetimes: the request
/// or query is moved into the operation; the `client` may be destroyed while it runs (the operation
/// keeps the client's internals alive); a `diagnostics&` must outlive it. Executor: the handler
/// runs through its associated executor (default: the client's), never inside the initiating call,
/// also for an argument error found before any I/O. Cancellation: per-operation cancellation (any
/// type) is terminal: the connection in use is closed and the operation completes with
/// `asio::error::operation_aborted`. Thread safety: operations may be started concurrently on one
/// client. Errors: listed on each operation, plus transport errors and timeouts as for any
/// operation.

#include <openrouter/client.hpp>
#include <openrouter/detail/typed_op.hpp>
#include <openrouter/nullable.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace openrouter {

/// What to embed: one text, several texts, one token array, several token arrays, or multimodal
/// inputs as raw JSON (an array of `{"content":[{"type":"text","text":...},{"type":"image_url",...}]}`).
using embedding_input = std::variant<std::string, std::vector<std::string>, std::vector<std::int64_t>,
                                     std::vector<std::vector<std::int64_t>>, boost::json::array>;

/// `POST /embeddings` body.
struct embedding_request {
    std::string model;                            ///< required
    embedding_input input;                        ///< required, non-empty
    std::optional<std::string> encoding_format;   ///< "float" (default) or "base64"
    std::optional<std::int64_t> dimensions;       ///< >= 1
    std::optional<std::string> input_type;        ///< e.g. "search_query", "search_document"
    std::optional<std::string> user;              ///< your end user's id
    std::optional<boost::json::object> provider;  ///< provider routing preferences
    boost::json::object extra;                    ///< merged into the body last
};

/// One embedding. `values` always holds the vector: decoded from base64 (little-endian float32)
/// when the response used `encoding_format: "base64"`, in which case `base64` keeps the text.
struct embedding {
    std::int64_t index = 0;     ///< position of the input this embeds
    std::vector<float> values;  ///< the vector
    std::string base64;         ///< the base64 text as received; "" for a "float" response
    boost::json::object extra;  ///< members this SDK does not know, as received
};

/// `usage` of an embeddings response.
struct embedding_usage {
    std::int64_t prompt_tokens = 0;  ///< tokens of the input
    std::int64_t total_tokens = 0;   ///< total tokens billed
    std::optional<double> cost;      ///< cost of the request in credits (USD)
    std::optional<bool> is_byok;     ///< whether the request used your own provider key (BYOK)
    boost::json::object extra;       ///< cost_details, prompt_tokens_details, ...
};

/// `POST /embeddings` result.
struct embedding_response {
    std::string id;                        ///< the response's id
    std::string object;                    ///< "list"
    std::string model;                     ///< the model that answered
    std::vector<embedding> data;           ///< one embedding per input
    std::optional<embedding_usage> usage;  ///< token counts and cost
    boost::json::object extra;             ///< members this SDK does not know, as received
};

/// `GET /embeddings/models` query: both absent returns the whole list.
struct embedding_models_query {
    std::optional<std::int64_t> offset;  ///< >= 0
    std::optional<std::int64_t> limit;   ///< 1..1000
};

/// One model of `GET /embeddings/models` (the common fields; the rest of the object in `extra`).
struct embedding_model_info {
    std::string id;                   ///< model id, e.g. "openai/text-embedding-3-small"
    std::string canonical_slug;       ///< canonical slug of the model
    std::string name;                 ///< display name
    std::string description;          ///< description of the model
    std::int64_t created = 0;         ///< when the model was created, Unix seconds
    std::int64_t context_length = 0;  ///< maximum context length, tokens
    boost::json::object extra;        ///< architecture, pricing, top_provider, links, ...
};

/// One page of `GET /embeddings/models`.
struct embedding_models_page {
    std::vector<embedding_model_info> data;  ///< the models of this page
    std::int64_t total_count = 0;            ///< number of models in the whole list
    nullable<std::string> next;              ///< links.next: the path of the next page, null on the last
    boost::json::object extra;               ///< members this SDK does not know, as received
};

/// The request body. Non-throwing decoders: false + `why` (with the JSON path) on a wrong shape.
boost::json::value to_json(const embedding_request& r);
/// Decode a whole response body; false + `why` (with the JSON path) on a wrong shape.
///@{
bool from_json(const boost::json::value& v, embedding_response& out, std::string& why);
bool from_json(const boost::json::value& v, embedding_models_page& out, std::string& why);
///@}

namespace detail {
void initiate_embeddings(std::shared_ptr<client_impl> impl, embedding_request req, diagnostics* diag,
                         boost::asio::any_completion_handler<void(error_code, embedding_response)> handler);
void initiate_embedding_models(std::shared_ptr<client_impl> impl, embedding_models_query q, diagnostics* diag,
                               boost::asio::any_completion_handler<void(error_code, embedding_models_page)> handler);
}  // namespace detail

/// `POST /embeddings`. Completion signature `void(error_code, embedding_response)`.
/// Errors: `errc::invalid_request` (no I/O) for an empty model or input (an empty text, list,
/// token array or list element) or `dimensions` below 1; the API's statuses
/// (400, 401, 402, 404, 408, 413, 429, 500, 502, 503, 524, 529) mapped to their `errc` with
/// diagnostics; `errc::invalid_response` for a body of the wrong shape (e.g. bad base64).
/// Executor, cancellation, lifetimes, thread safety: the contract in the file comment.
template <class CompletionToken = default_token>
auto async_embeddings(client& c, embedding_request req, CompletionToken&& token = {})
{
    return detail::async_typed<embedding_response>(c, &detail::initiate_embeddings, std::move(req), nullptr, token);
}
/// Same, filling `diag` on failure.
template <class CompletionToken = default_token>
auto async_embeddings(client& c, embedding_request req, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<embedding_response>(c, &detail::initiate_embeddings, std::move(req), &diag, token);
}

/// `GET /embeddings/models?offset=&limit=`. Completion signature
/// `void(error_code, embedding_models_page)`; follow `next` (or offset += data.size()) for more.
/// Errors: `errc::invalid_request` (no I/O) for a negative offset or a limit outside 1..1000;
/// 400/500 mapped; `errc::invalid_response`. Executor, cancellation, lifetimes, thread safety:
/// the contract in the file comment.
template <class CompletionToken = default_token>
auto async_embedding_models(client& c, embedding_models_query q = {}, CompletionToken&& token = {})
{
    return detail::async_typed<embedding_models_page>(c, &detail::initiate_embedding_models, std::move(q), nullptr,
                                                      token);
}
/// Same, filling `diag` on failure.
template <class CompletionToken = default_token>
auto async_embedding_models(client& c, embedding_models_query q, diagnostics& diag, CompletionToken&& token = {})
{
    return detail::async_typed<embedding_models_page>(c, &detail::initiate_embedding_models, std::move(q), &diag,
                                                      token);
}

}  // namespace openrouter

#endif  // OPENROUTER_EMBEDDINGS_HPP
