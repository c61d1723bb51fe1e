// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_CHAT_DELTA_HPP
#define OPENROUTER_CHAT_DELTA_HPP

/// @file
/// `chat_delta`: one piece of a streamed chat completion, and `chat_accumulator`, which folds
/// deltas into the `chat_completion` a non-streaming call would have returned.
///
/// A `chat.completion.chunk` of the stream carries zero or more choices; the stream yields one
/// `chat_delta` per choice of a chunk (`choice_index` tells which), and one delta for the final
/// usage chunk (empty `choices`, `usage` set, `is_usage_only()` true).

#include <openrouter/boxed.hpp>
#include <openrouter/chat_completion.hpp>
#include <openrouter/message.hpp>

#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace openrouter {

/// A fragment of a tool call. The first fragment of a call has `id`, `type` and the function
/// name; later ones only `index` and a piece of `arguments`.
struct tool_call_delta {
    std::int64_t index = 0;           ///< which call of the message this fragment belongs to
    std::optional<std::string> id;    ///< call id (on the first fragment of a call)
    std::optional<std::string> type;  ///< "function"
    std::optional<std::string> name;  ///< function name
    std::string arguments;            ///< a piece of the JSON arguments text (may be empty)

    /// Member-wise equality.
    friend bool operator==(const tool_call_delta&, const tool_call_delta&) = default;
};

/// What a `chat_delta` is: a piece of the answer, or a notice that the answer changed course
/// because the stream failed after deltas had reached the caller and the policy recovered
/// (`request_policies::on_stream_failure`).
enum class stream_event {
    delta,      ///< a piece of the answer (every field below as documented)
    restarted,  ///< the answer starts over: discard what was shown; `accumulated()` was reset
    continued,  ///< the answer goes on (possibly on another model) from what was shown so far
};

/// One choice of one chunk of a streamed chat completion.
struct chat_delta {
    /// `delta` for every piece of the answer; `restarted`/`continued` for a recovery notice
    /// (then only `model` is set: the model that goes on).
    stream_event event = stream_event::delta;

    // ---- chunk level (the same for every choice of a chunk) ----
    std::string id;                                 ///< generation id
    std::string model;                              ///< the model that answers
    std::string provider;                           ///< the provider that serves it (OpenRouter extension)
    std::int64_t created = 0;                       ///< Unix time
    std::optional<std::string> system_fingerprint;  ///< the provider's system fingerprint, when sent
    /// Set on the usage chunk (normally the last one, with no choices). Boxed (an optional on
    /// the heap, see boxed.hpp): every other delta carries one pointer instead of a `usage`.
    boxed<openrouter::usage> usage;

    // ---- choice level ----
    std::int64_t choice_index = 0;                    ///< `index` of the choice this delta belongs to
    std::optional<std::string> role;                  ///< usually only on the first delta ("assistant")
    std::string content;                              ///< the new text (may be empty)
    std::string reasoning;                            ///< new reasoning text (may be empty)
    std::vector<reasoning_detail> reasoning_details;  ///< new reasoning detail fragments
    std::vector<tool_call_delta> tool_calls;          ///< new tool call fragments
    std::optional<std::string> refusal;               ///< a piece of the refusal text, when sent
    std::optional<std::string> finish_reason;         ///< set on the choice's last delta
    std::optional<std::string> native_finish_reason;  ///< the provider's raw finish reason, when sent
    std::vector<annotation> annotations;              ///< new annotations (e.g. URL citations)
    std::vector<generated_image> images;              ///< new generated images
    boxed<choice_logprobs> logprobs;                  ///< only when requested (boxed, like usage)
    /// Keys of the chunk's choice and delta objects the SDK does not know (raw), if any.
    boost::json::object extra;

    /// True for the chunk that only carries usage (no choice).
    bool is_usage_only() const noexcept { return has_no_choice; }
    bool has_no_choice = false;  ///< true when the chunk had no choice (what `is_usage_only()` returns)

    /// Member-wise equality.
    friend bool operator==(const chat_delta&, const chat_delta&) = default;
};

/// Folds deltas into a `chat_completion`: content and reasoning concatenated, tool calls
/// assembled by index (id, name, complete argument strings), reasoning details, annotations
/// and images appended, finish reasons, logprobs content appended, usage taken from the usage
/// chunk. Choices are created as their index appears and kept sorted by index.
///
/// The shape of a choice, as a non-streamed OpenRouter response has it:
///  - `message.role` is "assistant" (a delta's `role` replaces it);
///  - `message.content` is a string, "" until text arrives (never absent or null);
///  - `message.refusal` and `message.reasoning` are null until a delta carries some;
///  - `finish_reason`, `native_finish_reason` and `logprobs` are null until a delta sets them;
///  - tool calls have no `index` (the fragments' index only orders and joins them); an id or
///    type on a later fragment replaces the earlier one, name pieces are concatenated;
///  - reasoning details with the same `index` and `type` are one detail: text, summary and
///    data concatenated, signature/id/format taken from the newest fragment where they are
///    present, the other members kept from the first fragment; details without an index are
///    never merged;
///  - unknown keys of the deltas (`chat_delta::extra`) are merged into the choice's `extra`.
/// A usage-only delta creates no choice. Chunk-level fields (id, model, provider, created,
/// system_fingerprint) are taken from the deltas that carry them (empty or 0 is ignored).
///
/// For the same answer, the result equals what `client::async_chat` returns (the `object`
/// field reads "chat.completion").
///
/// Not thread-safe; a plain value.
class chat_accumulator {
public:
    /// Adds one delta.
    void add(const chat_delta& d);

    /// The completion so far.
    const chat_completion& result() const noexcept { return completion_; }

    /// Moves the completion out and resets the accumulator.
    chat_completion take();

    /// Forgets everything.
    void clear();

private:
    chat_completion completion_;
    std::map<std::int64_t, std::vector<std::int64_t>> call_order_;  // choice -> tool call indices
    bool started_ = false;
};

}  // namespace openrouter

#endif  // OPENROUTER_CHAT_DELTA_HPP
