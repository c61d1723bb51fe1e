// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
//
// Bytes -> deltas benchmark of the streaming path, in memory (no sockets, no Asio): the SSE
// decoder (openrouter::sse::decoder), the SAX chunk decoder (detail::chunk_decoder) and the
// accumulator (chat_accumulator), driven exactly as lib/stream/chat_stream.cpp drives them.
//
// The stream has the shape of the rig's bench-server replies (../shared/rig, see docs/performance.md):
// ": OPENROUTER PROCESSING", N chat.completion.chunk events with a 4-byte delta each (324 bytes of
// SSE per event, with the same keys and values), a finish chunk, a usage chunk with OpenRouter's
// usage fields and "data: [DONE]".
//
// Variants, run interleaved, each on the whole stream:
//   sse                        SSE decoder only, 16 KiB pieces (the floor of the rest)
//   sse+chunks                 + chunk_decoder into a reused delta queue, 16 KiB pieces
//   sse+chunks+accumulate      + every delta moved out of the queue (as async_next hands it to
//                              the user) and added to a chat_accumulator, 16 KiB pieces: all the
//                              CPU work chat_stream does per delta, without the socket and Asio
//   same, one piece per event  the pieces Beast hands the stream for this server (one HTTP chunk
//                              per event)
// Reported: median (and best) of the runs in MB/s (10^6 bytes of SSE text per second) and
// deltas/s; then allocations per delta in steady state (operator new calls counted by the
// replacement below during one run after warm-up, divided by the deltas of that run).
//
// Usage: bench_stream_decode [--n N] [--runs R]   (defaults: N = 200000, as the rig; R = 7)

#include <openrouter/chat_delta.hpp>
#include <openrouter/sse.hpp>

#include "json/chunk_decoder.hpp"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// ---- allocation counting: every operator new of the process goes through these ----

namespace {
std::size_t alloc_calls = 0;
std::size_t alloc_bytes = 0;

void* counted_alloc(std::size_t n)
{
    ++alloc_calls;
    alloc_bytes += n;
    return std::malloc(n == 0 ? 1 : n);
}

void* counted_aligned_alloc(std::size_t n, std::align_val_t al)
{
    ++alloc_calls;
    alloc_bytes += n;
    const auto a = static_cast<std::size_t>(al);
    return std::aligned_alloc(a, (n + a - 1) / a * a);
}
}  // namespace

void* operator new(std::size_t n)
{
    if (void* p = counted_alloc(n))
        return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n)
{
    return ::operator new(n);
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept
{
    return counted_alloc(n);
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept
{
    return counted_alloc(n);
}
void* operator new(std::size_t n, std::align_val_t al)
{
    if (void* p = counted_aligned_alloc(n, al))
        return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n, std::align_val_t al)
{
    return ::operator new(n, al);
}
void operator delete(void* p) noexcept
{
    std::free(p);
}
void operator delete[](void* p) noexcept
{
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept
{
    std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept
{
    std::free(p);
}
void operator delete(void* p, std::align_val_t) noexcept
{
    std::free(p);
}
void operator delete[](void* p, std::align_val_t) noexcept
{
    std::free(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept
{
    std::free(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept
{
    std::free(p);
}

namespace {

using openrouter::chat_accumulator;
using openrouter::chat_delta;
using openrouter::detail::chunk_decoder;
namespace sse = openrouter::sse;

// ---- the stream ----

constexpr std::string_view text = "Foxes run quietly across the frozen field at dawn, leaving small tracks "
                                  "that the wind erases before the hunters arrive to read them. ";

std::string chunk_head()
{
    return R"({"id":"gen-1750000000-Bq7hXk2mZr9TnYw4Lp3s","provider":"OpenAI","model":"openai/gpt-4o-mini",)"
           R"("object":"chat.completion.chunk","created":1750000000,)";
}

struct stream_text {
    std::string bytes;                    // the SSE text
    std::vector<std::size_t> event_ends;  // offset just past each event (comment included)
    std::size_t deltas = 0;               // expected deltas: N content + finish + usage
    std::size_t content_bytes = 0;
};

std::string format_usage(long n)
{
    const long prompt = 12;
    const double pc = static_cast<double>(prompt) * 0.00000015;
    const double cc = static_cast<double>(n) * 0.0000006;
    char buf[512];
    std::snprintf(buf, sizeof buf,
                  R"("usage":{"prompt_tokens":%ld,"completion_tokens":%ld,"total_tokens":%ld,"cost":%.10g,)"
                  R"("is_byok":false,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},)"
                  R"("cost_details":{"upstream_inference_cost":null,"upstream_inference_prompt_cost":%.10g,)"
                  R"("upstream_inference_completions_cost":%.10g},)"
                  R"("completion_tokens_details":{"reasoning_tokens":0,"image_tokens":0}})",
                  prompt, n, prompt + n, pc + cc, pc, cc);
    return buf;
}

stream_text make_stream(long n)
{
    stream_text s;
    auto end_event = [&] { s.event_ends.push_back(s.bytes.size()); };
    s.bytes += ": OPENROUTER PROCESSING\n\n";
    end_event();
    for (long i = 0; i < n; ++i) {
        s.bytes += "data: ";
        s.bytes += chunk_head();
        s.bytes += R"("choices":[{"index":0,"delta":{"role":"assistant","content":")";
        for (long k = 0; k < 4; ++k)
            s.bytes += text[static_cast<std::size_t>(i * 4 + k) % text.size()];
        s.bytes += R"("},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],)"
                   R"("system_fingerprint":"fp_bench01"})"
                   "\n\n";
        end_event();
    }
    s.content_bytes = static_cast<std::size_t>(n) * 4;
    s.bytes += "data: " + chunk_head() +
               R"("choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":"stop",)"
               R"("native_finish_reason":"stop","logprobs":null}],"system_fingerprint":"fp_bench01"})"
               "\n\n";
    end_event();
    s.bytes += "data: " + chunk_head() + R"("choices":[],)" + format_usage(n) + "}\n\n";
    end_event();
    s.bytes += "data: [DONE]\n\n";
    end_event();
    s.deltas = static_cast<std::size_t>(n) + 2;
    return s;
}

// ---- the pipeline, as stream_impl::on_body and deliver run it ----

enum class stage { sse_only, chunks, accumulate };

struct tally {
    std::size_t deltas = 0;
    std::size_t content_bytes = 0;
    bool done = false;
};

struct pipeline {
    sse::decoder sse;
    chunk_decoder chunks;
    std::vector<chat_delta> queue;
    chat_accumulator acc;
    tally t;

    [[noreturn]] static void die(const char* what)
    {
        std::fprintf(stderr, "bench_stream_decode: %s\n", what);
        std::exit(1);
    }

    void feed(std::string_view bytes, stage st)
    {
        while (!bytes.empty()) {
            const sse::decoder::item it = sse.next(bytes);
            bytes.remove_prefix(it.consumed);
            if (it.kind == sse::result_kind::need_more)
                break;
            if (it.kind == sse::result_kind::error)
                die("SSE error");
            if (it.kind != sse::result_kind::event)
                continue;
            const std::string_view data = it.ev->data;
            if (data == "[DONE]") {
                t.done = true;
                continue;
            }
            if (st == stage::sse_only) {
                ++t.deltas;  // one per data event here
                continue;
            }
            if (chunks.decode(data, queue) != chunk_decoder::result::ok)
                die(chunks.why().c_str());
        }
        // What the reader of the socket does once the piece is decoded: hand out the queue.
        if (st == stage::chunks) {
            for (const chat_delta& d : queue)
                t.content_bytes += d.content.size();
            t.deltas += queue.size();
        } else if (st == stage::accumulate) {
            for (chat_delta& d : queue) {
                std::optional<chat_delta> v(std::move(d));  // what async_next completes with
                acc.add(*v);
                t.content_bytes += v->content.size();
            }
            t.deltas += queue.size();
        }
        queue.clear();
    }

    // Decodes the whole stream; `pieces` are the ends of the pieces it is cut into.
    tally run(const stream_text& s, const std::vector<std::size_t>& pieces, stage st)
    {
        t = {};
        acc.clear();
        std::size_t at = 0;
        for (const std::size_t end : pieces) {
            feed(std::string_view(s.bytes).substr(at, end - at), st);
            at = end;
        }
        if (sse.finish())
            die("stream cut mid-event");
        return t;
    }
};

std::vector<std::size_t> fixed_pieces(std::size_t total, std::size_t piece)
{
    std::vector<std::size_t> ends;
    for (std::size_t at = piece; at < total; at += piece)
        ends.push_back(at);
    ends.push_back(total);
    return ends;
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
    for (int i = 1; i < argc; ++i) {
        const bool has_value = i + 1 < argc;
        if (std::strcmp(argv[i], "--n") == 0 && has_value) {
            n = std::atol(argv[++i]);
        } else if (std::strcmp(argv[i], "--runs") == 0 && has_value) {
            runs = std::atoi(argv[++i]);
        } else {
            std::fprintf(stderr, "usage: bench_stream_decode [--n N] [--runs R]\n");
            return 2;
        }
    }
    if (n < 1 || n > 10000000 || runs < 1 || runs > 1000) {
        std::fprintf(stderr, "bench_stream_decode: need 1 <= N <= 10000000 and 1 <= R <= 1000\n");
        return 2;
    }

    const stream_text s = make_stream(n);
    const std::size_t per_event = s.event_ends[2] - s.event_ends[1];
    std::printf("stream: %ld content events of %zu bytes, %zu bytes of SSE, %zu deltas expected; median (best) "
                "of %d runs, variants interleaved\n",
                n, per_event, s.bytes.size(), s.deltas, runs);

    struct variant {
        const char* name;
        stage st;
        std::vector<std::size_t> pieces;
        std::vector<double> secs;
        std::size_t allocs = 0, alloc_bytes = 0;
    };
    std::vector<variant> variants;
    variants.push_back({"sse, 16 KiB pieces", stage::sse_only, fixed_pieces(s.bytes.size(), 16384), {}});
    variants.push_back({"sse+chunks, 16 KiB", stage::chunks, fixed_pieces(s.bytes.size(), 16384), {}});
    variants.push_back({"sse+chunks+accumulate, 16 KiB", stage::accumulate, fixed_pieces(s.bytes.size(), 16384), {}});
    variants.push_back({"same, one piece per event", stage::accumulate, s.event_ends, {}});

    pipeline p;
    for (auto& v : variants) {  // warm-up, correctness, then one counted run
        for (int pass = 0; pass < 2; ++pass) {
            const std::size_t calls0 = alloc_calls, bytes0 = alloc_bytes;
            const tally t = p.run(s, v.pieces, v.st);
            v.allocs = alloc_calls - calls0;
            v.alloc_bytes = alloc_bytes - bytes0;
            const bool content_ok = v.st == stage::sse_only || t.content_bytes == s.content_bytes;
            if (t.deltas != s.deltas || !content_ok || !t.done) {
                std::fprintf(stderr, "%s: wrong result: %zu deltas, %zu content bytes, done %d\n", v.name, t.deltas,
                             t.content_bytes, t.done ? 1 : 0);
                return 1;
            }
            if (v.st == stage::accumulate) {
                const auto& c = p.acc.result();
                if (c.choices.size() != 1 || c.choices[0].message.text().size() != s.content_bytes || !c.usage ||
                    c.usage->completion_tokens != n || !c.choices[0].finish_reason.has_value() ||
                    c.choices[0].finish_reason.value() != "stop") {
                    std::fprintf(stderr, "%s: wrong accumulated completion\n", v.name);
                    return 1;
                }
            }
        }
    }

    for (int r = 0; r < runs; ++r) {
        for (auto& v : variants) {
            const auto t0 = std::chrono::steady_clock::now();
            const tally t = p.run(s, v.pieces, v.st);
            const auto t1 = std::chrono::steady_clock::now();
            if (t.deltas != s.deltas)
                return 1;
            v.secs.push_back(std::chrono::duration<double>(t1 - t0).count());
        }
    }

    const auto bytes = static_cast<double>(s.bytes.size());
    const auto deltas = static_cast<double>(s.deltas);
    std::printf("%-31s %9s %9s %12s %9s %8s %10s\n", "variant", "MB/s", "best", "deltas/s", "ns/delta", "allocs/d",
                "bytes/d");
    for (const auto& v : variants) {
        const double secs = median(v.secs);
        const double best = *std::min_element(v.secs.begin(), v.secs.end());
        std::printf("%-31s %9.1f %9.1f %12.0f %9.1f %8.2f %10.1f\n", v.name, bytes / secs / 1e6, bytes / best / 1e6,
                    deltas / secs, secs / deltas * 1e9, static_cast<double>(v.allocs) / deltas,
                    static_cast<double>(v.alloc_bytes) / deltas);
    }
    std::printf("(sse row: deltas/s counts data events; allocations counted over one whole run after warm-up)\n");
    return 0;
}
