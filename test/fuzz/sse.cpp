// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The SSE decoder (lib/sansio/sse.cpp, sse_scan.hpp) fed in pieces. Input: byte 0 picks the
// event limit, byte 1 the largest piece, bytes 2..9 seed the split points, the rest is the
// stream. Properties: the items (events with every field, comments, the error) and finish() are
// the same whether the stream comes whole, in random pieces, or one byte at a time; no event or
// comment is larger than the limit; `consumed` never exceeds the input and need_more consumes all
// of it; the only error is errc::event_too_large, and a failed decoder stays failed; the line-end
// scans (SSE2 / 8-byte / AVX2) agree with the byte loop.

#include "fuzz/fuzz_check.hpp"
#include "sansio/sse_scan.hpp"

#include <openrouter/error.hpp>
#include <openrouter/sse.hpp>

#include <cstring>
#include <optional>
#include <string>

namespace {

using openrouter::sse::decoder;
using openrouter::sse::result_kind;

struct record {
    result_kind kind;
    std::string type, raw_type, data, id, comment;
    std::optional<std::uint64_t> retry;
    boost::system::error_code error;
    bool operator==(const record&) const = default;
};

struct outcome {
    std::vector<record> items;
    boost::system::error_code finish;
    std::string last_id;
    std::optional<std::uint64_t> reconnection;
    bool operator==(const outcome&) const = default;
};

// Feeds `stream` in pieces of 1..max_piece bytes (max_piece 0: whole), draws from `b`.
outcome run(std::string_view stream, std::size_t limit, std::size_t max_piece, fuzz::bits& b)
{
    decoder dec(openrouter::sse::decoder_options{limit});
    outcome o;
    bool failed = false;
    while (!stream.empty() && !failed) {
        std::size_t n = stream.size();
        if (max_piece != 0)
            n = std::min<std::size_t>(n, 1 + b.next() % max_piece);
        // Each piece in its own allocation, so that a view kept past its call reads freed memory.
        std::string owned(stream.substr(0, n));
        stream.remove_prefix(n);
        std::string_view input = owned;
        for (;;) {
            const auto it = dec.next(input);
            FUZZ_ASSERT(it.consumed <= input.size());
            input.remove_prefix(it.consumed);
            if (it.kind == result_kind::need_more) {
                FUZZ_ASSERT(input.empty());
                break;
            }
            record r{it.kind, {}, {}, {}, {}, {}, {}, {}};
            if (it.kind == result_kind::event) {
                FUZZ_ASSERT(it.ev != nullptr);
                FUZZ_ASSERT(it.ev->data.size() <= limit);
                FUZZ_ASSERT(!it.ev->type.empty());
                FUZZ_ASSERT(it.ev->raw_type.empty() ? it.ev->type == "message" : it.ev->type == it.ev->raw_type);
                r.type = it.ev->type;
                r.raw_type = it.ev->raw_type;
                r.data = it.ev->data;
                r.id = it.ev->id;
                r.retry = it.ev->retry;
                FUZZ_ASSERT(r.id == dec.last_event_id());
            } else if (it.kind == result_kind::comment) {
                FUZZ_ASSERT(it.comment.size() <= limit);
                r.comment = it.comment;
            } else {
                FUZZ_ASSERT(it.kind == result_kind::error);
                FUZZ_ASSERT(it.error == openrouter::errc::event_too_large);
                r.error = it.error;
                // Failed: it stays failed and consumes nothing.
                const auto again = dec.next(input);
                FUZZ_ASSERT(again.kind == result_kind::error && again.consumed == 0 && again.error == it.error);
                failed = true;
            }
            FUZZ_ASSERT(dec.buffer_capacity() <= limit);
            o.items.push_back(std::move(r));
            if (failed)
                break;
        }
    }
    o.finish = dec.finish();
    FUZZ_ASSERT(!o.finish || o.finish == openrouter::errc::stream_truncated ||
                o.finish == openrouter::errc::event_too_large);
    FUZZ_ASSERT(failed == (o.finish == openrouter::errc::event_too_large));
    o.last_id = dec.last_event_id();
    o.reconnection = dec.reconnection_time();
    return o;
}

void check_scans(std::string_view s)
{
    namespace d = openrouter::sse::detail;
    const char* first = s.data();
    const char* end = first + s.size();
    for (const char* p = first; p != end;) {
        const char* want = d::find_eol_bytewise(p, end);
        FUZZ_ASSERT(d::find_eol_swar(p, end) == want);
#if defined(__SSE2__)
        FUZZ_ASSERT(d::find_eol_sse2(p, end) == want);
#endif
        FUZZ_ASSERT(d::find_eol(p, end) == want);
        p = want == end ? end : want + 1;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 10)
        return 0;
    static constexpr std::size_t limits[] = {0, 1, 7, 64, 300, 4096, 70000, std::size_t{1} << 20};
    const std::size_t limit = limits[data[0] % 8];
    const std::size_t max_piece = 1 + data[1] % 64;
    std::uint64_t seed = 0;
    std::memcpy(&seed, data + 2, 8);
    const std::string_view stream(reinterpret_cast<const char*>(data) + 10, size - 10);

    fuzz::bits b(seed);
    const outcome whole = run(stream, limit, 0, b);
    const outcome pieces = run(stream, limit, max_piece, b);
    FUZZ_ASSERT(pieces == whole);
    if (stream.size() <= 512) {
        const outcome bytes = run(stream, limit, 1, b);
        FUZZ_ASSERT(bytes == whole);
    }
    check_scans(stream);
    return 0;
}
