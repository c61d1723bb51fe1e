// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
//
// Decode benchmark of openrouter::sse::decoder on an in-memory stream in OpenRouter's framing,
// shaped like the rig's bench-server replies (../shared/rig/server/bench-server.c): one
// ": OPENROUTER PROCESSING" comment, N chat.completion.chunk events of ~324 bytes, a finish
// chunk, a usage chunk and "data: [DONE]". Every run decodes the whole stream and checks what it
// got. Reported: the median of the runs, in MB/s (1 MB = 10^6 bytes of SSE text) and events/s.
//
// Side by side, as references on the same bytes:
//   memchr-lines   memchr('\n') over the stream, counting lines: the floor of any line splitter;
//   decoder        one-shot (the whole stream in one input) and in pieces of 16 KiB and 1 KiB
//                  (every piece a view of the stream: no socket, no copy into a read buffer);
//   decoder-crlf   the same stream with CRLF line endings, 16 KiB pieces.
//
// Usage: bench_sse_decode [--n N] [--runs R]     (defaults: N = 200000, R = 7)
// The default stream (64.8 MB) is read from memory like the rig's; `--n 3000 --runs 301` keeps
// it in cache, which gives steadier numbers on a busy machine. Results: docs/sse.md.

#include <openrouter/sse.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr char corpus[] = "The quick brown fox jumps over the lazy dog while the benchmark client "
                          "parses every event, decodes the JSON, and appends the content to the "
                          "growing answer. ";

std::string chunk_head()
{
    return R"({"id":"gen-1750000000-Bq7hXk2mZr9TnYw4Lp3s","provider":"OpenAI","model":"openai/gpt-4o-mini",)"
           R"("object":"chat.completion.chunk","created":1750000000,)";
}

struct stream_text {
    std::string bytes;
    std::size_t events = 0;  // data events (content chunks + finish + usage + [DONE])
    std::size_t comments = 0;
    std::size_t data_bytes = 0;  // sum of the events' data sizes
};

stream_text make_stream(long n, bool crlf)
{
    stream_text s;
    const std::string_view eol = crlf ? "\r\n" : "\n";
    auto add_event = [&](const std::string& data) {
        ((((s.bytes += "data: ") += data) += eol) += eol);
        ++s.events;
        s.data_bytes += data.size();
    };
    ((s.bytes += ": OPENROUTER PROCESSING") += eol) += eol;
    s.comments = 1;
    const std::size_t len = sizeof corpus - 1;
    for (long i = 0; i < n; ++i) {
        std::string content;
        for (long k = 0; k < 4; ++k)
            content += corpus[static_cast<std::size_t>(i * 4 + k) % len];
        add_event(chunk_head() + R"("choices":[{"index":0,"delta":{"role":"assistant","content":")" + content +
                  R"("},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],)"
                  R"("system_fingerprint":"fp_bench01"})");
    }
    add_event(chunk_head() + R"("choices":[{"index":0,"delta":{"role":"assistant","content":""},)"
                             R"("finish_reason":"stop","native_finish_reason":"stop","logprobs":null}],)"
                             R"("system_fingerprint":"fp_bench01"})");
    add_event(chunk_head() + R"("choices":[],"usage":{"prompt_tokens":12,"completion_tokens":)" + std::to_string(n) +
              R"(,"total_tokens":)" + std::to_string(n + 12) + R"(,"cost":0.0001,"is_byok":false}})");
    add_event("[DONE]");
    return s;
}

struct tally {
    std::size_t events = 0, comments = 0, data_bytes = 0;
};

// Decodes the stream in pieces of `piece` bytes (0: one input).
tally decode(std::string_view stream, std::size_t piece, openrouter::sse::decoder& dec)
{
    using openrouter::sse::result_kind;
    tally t;
    if (piece == 0)
        piece = stream.size();
    for (std::size_t at = 0; at < stream.size(); at += piece) {
        std::string_view in = stream.substr(at, piece);
        for (;;) {
            const auto it = dec.next(in);
            in.remove_prefix(it.consumed);
            if (it.kind == result_kind::need_more)
                break;
            if (it.kind == result_kind::event) {
                ++t.events;
                t.data_bytes += it.ev->data.size();
            } else if (it.kind == result_kind::comment) {
                ++t.comments;
            } else {
                std::fprintf(stderr, "decode error: %s\n", it.error.message().c_str());
                std::exit(1);
            }
        }
    }
    if (const auto ec = dec.finish()) {
        std::fprintf(stderr, "finish: %s\n", ec.message().c_str());
        std::exit(1);
    }
    return t;
}

tally memchr_lines(std::string_view stream)
{
    tally t;
    const char* p = stream.data();
    const char* const end = p + stream.size();
    while (const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p))) {
        const char* e = static_cast<const char*>(nl);
        t.data_bytes += static_cast<std::size_t>(e - p);
        ++t.events;
        p = e + 1;
    }
    return t;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv)
{
    long n = 200000;
    int runs = 7;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--n") == 0)
            n = std::max(1L, std::atol(argv[i + 1]));
        else if (std::strcmp(argv[i], "--runs") == 0)
            runs = std::max(1, std::atoi(argv[i + 1]));
    }

    const stream_text lf = make_stream(n, false);
    const stream_text crlf = make_stream(n, true);
    std::printf("stream: %ld content events + 3, %zu bytes (%.1f bytes per content event); median (and best) of %d "
                "runs, variants interleaved\n",
                n, lf.bytes.size(), static_cast<double>(lf.bytes.size()) / static_cast<double>(n + 3), runs);

    openrouter::sse::decoder dec;
    struct variant {
        const char* name;
        const stream_text* s;
        std::size_t piece;  // 0: one input; SIZE_MAX: the memchr floor
        std::vector<double> secs;
    };
    constexpr std::size_t floor_mark = static_cast<std::size_t>(-1);
    std::vector<variant> variants = {
        {"memchr-lines", &lf, floor_mark, {}},
        {"decoder one-shot", &lf, 0, {}},
        {"decoder 16 KiB pieces", &lf, 16384, {}},
        {"decoder 1 KiB pieces", &lf, 1024, {}},
        {"decoder-crlf 16 KiB pieces", &crlf, 16384, {}},
    };
    auto run = [&](const variant& v) {
        if (v.piece == floor_mark)
            return memchr_lines(v.s->bytes);
        return decode(v.s->bytes, v.piece, dec);
    };
    for (const auto& v : variants) {  // warm-up and correctness
        const tally t = run(v);
        if (v.piece != floor_mark &&
            (t.events != v.s->events || t.comments != v.s->comments || t.data_bytes != v.s->data_bytes)) {
            std::fprintf(stderr, "%s: wrong result: %zu events, %zu comments, %zu data bytes\n", v.name, t.events,
                         t.comments, t.data_bytes);
            return 1;
        }
    }
    volatile std::size_t sink = 0;
    for (int r = 0; r < runs; ++r) {
        for (auto& v : variants) {
            const auto t0 = std::chrono::steady_clock::now();
            sink = sink + run(v).events;
            const auto t1 = std::chrono::steady_clock::now();
            v.secs.push_back(std::chrono::duration<double>(t1 - t0).count());
        }
    }
    const double floor_per_byte = median(variants[0].secs) / static_cast<double>(lf.bytes.size());
    for (const auto& v : variants) {
        const double secs = median(v.secs);
        const double best = *std::min_element(v.secs.begin(), v.secs.end());
        const auto bytes = static_cast<double>(v.s->bytes.size());
        std::printf("%-28s %9.1f MB/s (best %9.1f) %11.0f events/s %8.3f ms", v.name, bytes / secs / 1e6,
                    bytes / best / 1e6, static_cast<double>(v.s->events) / secs, secs * 1e3);
        if (v.piece != floor_mark)
            std::printf("  %5.2fx memchr-lines", secs / (floor_per_byte * bytes));
        std::printf("\n");
    }
    std::printf("decoder buffer capacity after the runs: %zu bytes\n", dec.buffer_capacity());
    return 0;
}
