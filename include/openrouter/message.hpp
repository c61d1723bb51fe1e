// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_MESSAGE_HPP
#define OPENROUTER_MESSAGE_HPP

/// @file
/// `message`: one chat message, used both in requests (system, developer, user, assistant, tool)
/// and in responses (the assistant message of a choice), plus the pieces it is made of:
/// `tool_call`, `annotation`, `reasoning_detail`, `generated_image`, `audio_output`.
///
/// One type serves both directions so that a response message can be appended to the next
/// request as-is (tool loops, reasoning-detail preservation, PDF annotations reuse): the
/// encoder writes every member that is set, the decoder fills every member it finds.
///
/// Field semantics:
///  - `nullable<T>` members tell absent from null (see nullable.hpp); absent is not written.
///  - `std::optional<T>` members: `nullopt` is not written; a JSON `null` decodes as `nullopt`.
///  - `std::string` members documented "written when non-empty" are omitted when empty, and
///    decode from a missing key as empty.
///  - Each struct's `extra` holds the keys its decoder did not recognise, and is written back
///    (merged last) by the encoder, so unknown fields survive a round trip.
///
/// The same structs decode streaming deltas (a delta is a partial assistant message; a
/// `tool_call` carries the `index` a delta uses), so an accumulator can concatenate them.
/// Plain value types; no shared state; thread-compatible.

#include <openrouter/content_part.hpp>
#include <openrouter/nullable.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace openrouter {

/// A function call requested by the model (OpenAPI `ChatToolCall`, and the streaming
/// `ChatStreamToolCall` delta). In a non-streaming response `id`, `type`, `function.name` and
/// `function.arguments` are all present; in a stream delta, later fragments of one call carry
/// only `index` and a piece of `function.arguments`.
struct tool_call {
    /// Position of the call in the message's `tool_calls` (streaming deltas; some providers also
    /// send it in full responses). Written when set.
    std::optional<std::int64_t> index;
    std::string id;                 ///< call id, echoed by the tool message (written when non-empty)
    std::string type = "function";  ///< "function" (written when non-empty)
    /// The function called (`function`).
    struct function_call {
        std::string name;           ///< function name (written when non-empty)
        std::string arguments;      ///< JSON text of the arguments, as generated (always written)
        boost::json::object extra;  ///< members this SDK does not know, as received
        /// Member-wise equality (`extra` included).
        friend bool operator==(const function_call&, const function_call&) = default;
    } function;                 ///< the function called and its arguments
    boost::json::object extra;  ///< members this SDK does not know, as received

    /// Member-wise equality (`extra` included).
    friend bool operator==(const tool_call&, const tool_call&) = default;
};

/// A `url_citation` annotation's payload (web search results).
struct url_citation {
    std::string url;                          ///< the cited URL
    std::string title;                        ///< title of the cited page
    std::optional<std::string> content;       ///< added by OpenRouter when available
    std::optional<std::int64_t> start_index;  ///< start of the cited span in the message content
    std::optional<std::int64_t> end_index;    ///< end of the cited span in the message content
    boost::json::object extra;                ///< members this SDK does not know, as received

    /// Member-wise equality (`extra` included).
    friend bool operator==(const url_citation&, const url_citation&) = default;
};

/// An annotation of an assistant message: `{"type":"url_citation","url_citation":{...}}` is
/// typed; other types (e.g. "file", the parsed-PDF annotations to send back in a later request)
/// keep their payload in `extra`, so they round-trip unchanged.
struct annotation {
    std::string type;                                      ///< "url_citation", "file", ...
    std::optional<openrouter::url_citation> url_citation;  ///< the payload of a "url_citation"
    /// Every other key (for types other than "url_citation": their payload), as received.
    boost::json::object extra;

    /// Member-wise equality (`extra` included).
    friend bool operator==(const annotation&, const annotation&) = default;
};

/// One element of `reasoning_details` (OpenAPI `ReasoningDetailUnion`). Which members apply
/// depends on `type`:
///   "reasoning.summary":          summary
///   "reasoning.encrypted":        data
///   "reasoning.text":             text, signature
///   "reasoning.server_tool_call": tool_name, arguments, result, tool_call_id
/// Common: id, format, index. Send reasoning details back unchanged in the next request's
/// assistant message to continue a reasoning chain (null and absent are preserved).
struct reasoning_detail {
    std::string type;                    ///< always written
    nullable<std::string> id;            ///< id of the detail, or null
    nullable<std::string> format;        ///< e.g. "anthropic-claude-v1", "openai-responses-v1"
    std::optional<std::int64_t> index;   ///< position of the detail (streaming deltas use it)
    std::optional<std::string> summary;  ///< "reasoning.summary": the reasoning summary
    std::optional<std::string> data;     ///< "reasoning.encrypted": the encrypted reasoning
    nullable<std::string> text;          ///< "reasoning.text": the reasoning text, or null
    nullable<std::string> signature;     ///< "reasoning.text": the provider's signature, or null
    /// "reasoning.server_tool_call": the OpenRouter server tool invoked (e.g. "openrouter:fusion").
    std::optional<std::string> tool_name;
    std::optional<std::string> arguments;  ///< "reasoning.server_tool_call": JSON text of the arguments
    std::optional<std::string> result;     ///< "reasoning.server_tool_call": JSON text of the result
    nullable<std::string> tool_call_id;    ///< "reasoning.server_tool_call": id of the call, or null
    boost::json::object extra;             ///< members this SDK does not know, as received

    /// Member-wise equality (`extra` included).
    friend bool operator==(const reasoning_detail&, const reasoning_detail&) = default;
};

/// An image generated by the model (`message.images[]`: `{"type":"image_url","image_url":{"url"}}`);
/// `url` is usually a `data:image/png;base64,...` URL.
struct generated_image {
    std::string type = "image_url";     ///< written when non-empty
    std::string url;                    ///< `image_url.url`
    boost::json::object extra;          ///< unrecognised keys of the image object itself
    boost::json::object payload_extra;  ///< unrecognised keys inside "image_url"

    /// Member-wise equality (both extras included).
    friend bool operator==(const generated_image&, const generated_image&) = default;
};

/// Audio output of an assistant message (OpenAPI `ChatAudioOutput`).
struct audio_output {
    std::optional<std::string> id;           ///< audio output identifier
    std::optional<std::string> data;         ///< base64 audio
    std::optional<std::string> transcript;   ///< transcript of the audio
    std::optional<std::int64_t> expires_at;  ///< Unix time
    boost::json::object extra;               ///< members this SDK does not know, as received

    /// Member-wise equality (`extra` included).
    friend bool operator==(const audio_output&, const audio_output&) = default;
};

/// Message content: a plain string or an array of parts.
using message_content = std::variant<std::string, std::vector<content_part>>;

/// A chat message.
///
/// Roles: "system", "developer", "user", "assistant", "tool". Which members a role uses:
///   system, developer: content (string or text parts), name
///   user:              content (string or any parts), name
///   assistant:         content (may be null), name, tool_calls, refusal, reasoning,
///                      reasoning_details, annotations, images, audio; a trailing assistant
///                      message in a request is a prefill the model continues
///   tool:              content, tool_call_id (and name)
/// The encoder writes what is set, whatever the role.
struct message {
    std::string role;  ///< always written

    /// Absent: no "content" key. Null: `"content": null` (an assistant message that only calls
    /// tools). A response message's content is usually a string.
    nullable<message_content> content;

    std::optional<std::string> name;          ///< optional name of the participant
    std::optional<std::string> tool_call_id;  ///< tool messages: the call being answered

    std::vector<tool_call> tool_calls;                ///< written when non-empty
    nullable<std::string> refusal;                    ///< assistant: the refusal message, or null
    nullable<std::string> reasoning;                  ///< reasoning text (when the model returns it)
    std::vector<reasoning_detail> reasoning_details;  ///< written when non-empty
    std::vector<annotation> annotations;              ///< written when non-empty
    std::vector<generated_image> images;              ///< written when non-empty
    std::optional<audio_output> audio;                ///< assistant: audio output, when the model produced some
    std::optional<std::string> model;                 ///< assistant messages may name the model that wrote them

    boost::json::object extra;  ///< keys the decoder did not recognise; merged last by the encoder

    // ---- convenience constructors ----
    /// A message of role "system", "developer" or "user" whose content is the string `text`.
    ///@{
    static message system(std::string text);
    static message developer(std::string text);
    static message user(std::string text);
    ///@}
    /// A user message whose content is the array `parts` (text, images, audio, files, ...).
    static message user(std::vector<content_part> parts);
    /// An assistant message (history, or a prefill when it is the last message of a request).
    static message assistant(std::string text);
    /// An assistant message that called tools: content is null.
    static message assistant(std::vector<tool_call> calls);
    /// The result of tool call `call_id`.
    static message tool(std::string call_id, std::string content);

    /// True when `content` holds a string.
    bool has_text() const noexcept;
    /// The content as text: the string, or the concatenation of the text parts; "" when absent
    /// or null.
    std::string text() const;

    /// Member-wise equality (`extra` included).
    friend bool operator==(const message&, const message&) = default;
};

/// A message as a JSON object, as it is written in a request (every set member, `extra` merged).
boost::json::value to_json(const message& msg);

/// Boost.JSON conversion: `boost::json::value_from(msg)`.
void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, const message& msg);

/// Decodes one message object (a stored conversation, a response message). Returns false on a
/// wrong shape with a reason naming the path ("tool_calls[0].function.name: expected string");
/// `out` is then partly filled. Unknown keys go to `extra`. Never throws on bad input.
bool from_json(const boost::json::value& body, message& out, std::string& why);

}  // namespace openrouter

#endif  // OPENROUTER_MESSAGE_HPP
