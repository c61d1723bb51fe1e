// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_COMPLETION_HPP
#define OPENROUTER_COMPLETION_HPP

/// @file
/// The legacy text completion endpoint (`POST /completions`): a prompt in, text choices out.
///
/// The endpoint takes the same model, routing and sampling fields as chat; they are given as a
/// `chat_request` (`options`) whose `messages`, `tools`, `tool_choice` and `response_format`
/// are ignored. Streamed with `client::async_completion_stream`, each `chat_delta` carries the
/// new text of `choices[].text` in `content`.
///
/// The operations (`client::async_completion`, `client::async_completion_stream`) are members of
/// `client`: their contract (executor, cancellation, lifetimes, thread safety, errors) is the
/// one of client.hpp. The types here are plain values (concurrent reads are safe, writes need
/// exclusive access).

#include <openrouter/chat_completion.hpp>
#include <openrouter/chat_request.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace openrouter {

/// A request of `POST /completions`.
struct completion_request {
    std::string prompt;  ///< the prompt text
    /// Model, routing, sampling and `extra`; messages and tool fields are not sent.
    chat_request options;
};

/// One choice of a text completion.
struct text_choice {
    std::int64_t index = 0;                      ///< position of the choice
    std::string text;                            ///< the generated text
    nullable<std::string> finish_reason;         ///< "stop", "length", ... (normalized)
    nullable<std::string> native_finish_reason;  ///< the provider's own finish reason
    boost::json::value logprobs;                 ///< raw (null when absent)
    boost::json::object extra;                   ///< members this SDK does not know, as received
    /// Member-wise equality.
    friend bool operator==(const text_choice&, const text_choice&) = default;
};

/// The response of `POST /completions`.
struct text_completion {
    std::string id;                            ///< the generation's id
    std::string object;                        ///< "text_completion"
    std::int64_t created = 0;                  ///< Unix seconds
    std::string model;                         ///< the model that answered
    std::string provider;                      ///< the provider that served it
    nullable<std::string> system_fingerprint;  ///< the backend configuration, when sent
    std::vector<text_choice> choices;          ///< the choices
    std::optional<openrouter::usage> usage;    ///< token counts and cost
    boost::json::object extra;                 ///< members this SDK does not know, as received
    /// Member-wise equality.
    friend bool operator==(const text_completion&, const text_completion&) = default;
};

/// The JSON body of a completion request (`stream` adds `"stream": true`).
boost::json::object to_json(const completion_request& req, bool stream = false);

/// Decodes a response body; false with a reason naming the path on a wrong shape.
bool from_json(const boost::json::value& body, text_completion& out, std::string& why);

/// The text completion a streamed completion accumulates to (see `chat_stream::accumulated`).
text_completion to_text_completion(const chat_completion& accumulated);

}  // namespace openrouter

#endif  // OPENROUTER_COMPLETION_HPP
