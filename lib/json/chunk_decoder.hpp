// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_JSON_CHUNK_DECODER_HPP
#define OPENROUTER_LIB_JSON_CHUNK_DECODER_HPP

// Decodes the `data:` payload of one `chat.completion.chunk` event into deltas.
//
// The hot path of streaming: a SAX (Boost.JSON basic_parser) handler writes the frequent fields
// (ids, role, content, reasoning, refusal, finish reasons, indices) straight from the event text
// into the delta, so content is copied once, from the socket buffer to the user's string. Rare
// structured members (usage, tool_calls, reasoning_details, annotations, images, logprobs,
// errors, unknown keys) are built as JSON values on a reused value_stack over a reused
// monotonic buffer, then read with the same codecs as the non-streaming response. The parser,
// its stack and its memory are reused from event to event: no allocation in steady state beyond
// the deltas' own strings.
//
// Before all that, decode() tries chunk_scan.hpp's scanner, which decodes the common chunk shape
// in one pass and gives up on anything else; the SAX decoder then decodes the event alone.

#include <openrouter/chat_delta.hpp>

#include <boost/json/object.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace openrouter::detail {

class chunk_decoder {
public:
    chunk_decoder();
    ~chunk_decoder();
    chunk_decoder(chunk_decoder&&) noexcept;
    chunk_decoder& operator=(chunk_decoder&&) noexcept;

    enum class result {
        ok,           // deltas appended (possibly none)
        error_chunk,  // the chunk carries a top-level "error" object: see error()
        invalid,      // not JSON, or JSON of the wrong shape: see why()
    };

    // Decodes one event's data. Deltas are appended to `out` (one per choice, or one usage-only
    // delta for a chunk without choices but with usage).
    result decode(std::string_view data, std::vector<chat_delta>& out);

    // decode() without the fast scanner: the full decoder alone (the tests compare the two).
    result decode_full(std::string_view data, std::vector<chat_delta>& out);

    // The "error" object of the last error_chunk.
    const boost::json::object& error() const noexcept;
    // A short reason for the last `invalid` result.
    const std::string& why() const noexcept;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace openrouter::detail

#endif
