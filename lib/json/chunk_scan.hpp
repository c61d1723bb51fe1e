// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_JSON_CHUNK_SCAN_HPP
#define OPENROUTER_LIB_JSON_CHUNK_SCAN_HPP

// The fast path of chunk_decoder: a single-pass scanner for the chunk shape that makes up
// nearly every event of a chat stream:
//
//   {"id":"gen-..","provider":"..","model":"..","object":"chat.completion.chunk","created":N,
//    "choices":[{"index":0,"delta":{"role":"assistant","content":".."},"finish_reason":null,
//    "native_finish_reason":null,"logprobs":null}],"system_fingerprint":".."}
//
// It accepts exactly this: a root object whose members are among id, provider, model, object,
// created, system_fingerprint and choices; choice objects with index, delta, finish_reason,
// native_finish_reason, logprobs (null only) and text (legacy /completions chunks: read as the
// content); delta objects with role, content, reasoning and refusal. Strings are validated (UTF-8, no raw control
// characters) and unescaped, including \u escapes and surrogate pairs. Integers are plain digits. JSON whitespace
// anywhere JSON allows it. Members in any order; null where the full decoder reads "not present".
//
// Anything else (usage, tool calls, an error object, an unknown or duplicate key, an escaped
// key, a fraction, a lone surrogate, invalid JSON, ...) makes it give up: it returns false and
// leaves `out` as it found it, and the caller runs the full decoder (chunk_decoder.cpp), which is
// the authority on every input and on every error message. For an input the scanner accepts,
// its deltas equal the full decoder's (test/unit/json/chunk_scan.cpp checks this differentially,
// over fixtures, generated chunks and mutations of both).

#include <openrouter/chat_delta.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace openrouter::detail {

// Buffers for the chunk-level strings that hold escapes, reused from event to event.
struct chunk_scan_strings {
    std::string id, model, provider, fingerprint, skip;
};

// The scanner, with what it keeps from event to event: buffers for the chunk-level strings and
// the template of repeated chunks.
//
// Repeated chunks: the events of one stream differ, almost always, only in one string, the
// delta's content (or its reasoning): id, provider, model, created, the keys, the role and the
// fingerprint repeat byte for byte. So after a chunk with one choice is scanned, its text is
// kept as a template, with the position of that string (content when it is non-empty, else
// reasoning when non-empty, else content when present). The next event is first compared with
// the template: when the bytes before the string are the same, the string is a valid JSON
// string ending at the same closing quote, and the bytes after it are the same, the event
// decodes to the template's delta with the new string, which is exact because the rest of the
// document is the same text the scanner accepted. Otherwise the event is scanned (and becomes
// the template when it qualifies).
class chunk_scanner {
public:
    // Decodes `data` into deltas appended to `out` (one per choice) when it has the common shape;
    // returns false, with `out` unchanged in size, otherwise.
    bool decode(std::string_view data, std::vector<chat_delta>& out);

    // The template path alone (tests): true when `data` repeats the template.
    bool decode_repeat(std::string_view data, std::vector<chat_delta>& out);

    // Forgets the template.
    void reset() noexcept { has_template_ = false; }

    // Events longer than this never become the template: it is a copy of the event, kept for
    // the life of the stream (chunks of a chat stream are a few hundred bytes).
    static constexpr std::size_t max_template_bytes = 4096;

private:
    bool scan(std::string_view data, std::vector<chat_delta>& out);

    chunk_scan_strings strings_;

    bool has_template_ = false;
    std::string template_;           // the text of the template chunk
    std::size_t var_begin_ = 0;      // offset of its variable string's text (past the quote)
    std::size_t var_end_ = 0;        // offset past the variable string's closing quote
    bool var_is_reasoning_ = false;  // the variable string is the reasoning (else the content)
    chat_delta template_delta_;      // its delta, the variable string empty
};

}  // namespace openrouter::detail

#endif
