// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
//
// Soak: many requests with injected faults against the in-process emulator, bounded in time,
// checking that every request completes exactly once with the condition its fault must give, and
// reporting open file descriptors and RSS at the start and the end (docs/reliability.md).
//
// Each request is a chat (80 %) or a stream (20 %) on one client with C in flight. A fraction F of
// them carries an emulator fault script, one of:
//   502                      provider_error (retried, then reported)
//   429 + retry-after-ms: 1  rate_limited (retried, then reported)
//   close after 40 bytes     the connection closes inside the response head: connection_closed /
//                            response_truncated (retried, then reported)
//   truncated body           response_truncated, or stream_truncated for a stream (retried)
//   not JSON                 invalid_response (never retried)
//   in-band stream error     stream_error after one delta (streams only; not retried after deltas)
// Retries: 2, 1 ms apart. A faulted request fails every attempt (the script is in its body), so
// every faulted request must end with its fault's condition and every other one must succeed.
// The process exits 1 when a request completed twice, never, or with the wrong outcome.
//
// Usage: bench_soak [--requests N] [--concurrency C] [--fault-rate F] [--seconds S]
//        defaults: N = 1000000, C = 64, F = 0.05, S = 900 (stops early, reporting it, at S seconds)

#include <openrouter/client.hpp>

#include <emulator/emulator.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace asio = boost::asio;
using openrouter::errc;
using clk = std::chrono::steady_clock;

namespace {

std::size_t open_fds()
{
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator("/proc/self/fd"))
        ++n;
    return n;
}

std::size_t rss_kib()
{
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::strtoull(line.c_str() + 6, nullptr, 10);
    return 0;
}

enum class fault { none, status_502, status_429, close_early, truncated, not_json, stream_error };

const char* name(fault f)
{
    switch (f) {
    case fault::none: return "none";
    case fault::status_502: return "502";
    case fault::status_429: return "429";
    case fault::close_early: return "close_after_40_bytes";
    case fault::truncated: return "truncated";
    case fault::not_json: return "not_json";
    case fault::stream_error: return "stream_error";
    }
    return "?";
}

// Whether `ec` is what a request with fault `f` must end with.
bool fits(fault f, bool stream, openrouter::error_code ec)
{
    switch (f) {
    case fault::none: return !ec;
    case fault::status_502: return ec == errc::provider_error;
    case fault::status_429: return ec == errc::rate_limited;
    case fault::close_early: return ec == errc::connection_closed || ec == errc::response_truncated;
    case fault::truncated: return ec == (stream ? errc::stream_truncated : errc::response_truncated);
    case fault::not_json: return ec == errc::invalid_response;
    case fault::stream_error: return ec == errc::stream_error || ec == errc::provider_error;
    }
    return false;
}

boost::json::value script(fault f)
{
    switch (f) {
    case fault::none: break;
    case fault::status_502: return boost::json::parse(R"({"status":502})");
    case fault::status_429: return boost::json::parse(R"({"status":429,"retry_after_ms":1})");
    case fault::close_early: return boost::json::parse(R"({"close_after_bytes":40})");
    case fault::truncated: return boost::json::parse(R"({"malformed":"truncated"})");
    case fault::not_json: return boost::json::parse(R"({"malformed":"not_json"})");
    case fault::stream_error: return boost::json::parse(R"({"error_after_deltas":1})");
    }
    return nullptr;
}

openrouter::emulator::server* g_emu = nullptr;

struct state {
    std::uint64_t requests = 0, next = 0, done = 0, wrong = 0, faulted = 0;
    double fault_rate = 0.05;
    clk::time_point stop_at;
    bool stopped_by_time = false;
    std::vector<std::uint8_t> completions;  // per request: times completed
    std::map<std::string, std::uint64_t> outcomes;
    std::uint64_t rng = 0x9e3779b97f4a7c15ULL;
    std::uint64_t random()
    {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        return rng;
    }
};

asio::awaitable<openrouter::error_code> one(openrouter::client& cli, openrouter::chat_request req, bool stream)
{
    openrouter::diagnostics diag;
    if (!stream) {
        auto [ec, c] = co_await cli.async_chat(req, diag, asio::as_tuple(asio::use_awaitable));
        co_return ec;
    }
    auto [ec, s] = co_await cli.async_chat_stream(req, diag, asio::as_tuple(asio::use_awaitable));
    if (ec)
        co_return ec;
    for (;;) {
        auto [e, d] = co_await s.async_next(diag, asio::as_tuple(asio::use_awaitable));
        if (e)
            co_return e;
        if (!d)
            co_return openrouter::error_code{};
    }
}

asio::awaitable<void> worker(openrouter::client& cli, state& st)
{
    while (st.next < st.requests) {
        if (clk::now() >= st.stop_at) {
            st.stopped_by_time = true;
            break;
        }
        const std::uint64_t i = st.next++;
        const std::uint64_t r = st.random();
        const bool stream = (r % 5) == 0;
        fault f = fault::none;
        if (static_cast<double>((r >> 8) % 1000000) < st.fault_rate * 1e6) {
            static constexpr fault chat_faults[] = {fault::status_502, fault::status_429, fault::close_early,
                                                    fault::truncated, fault::not_json};
            static constexpr fault stream_faults[] = {fault::status_502, fault::status_429, fault::close_early,
                                                      fault::truncated, fault::stream_error};
            f = stream ? stream_faults[(r >> 32) % 5] : chat_faults[(r >> 32) % 5];
            ++st.faulted;
        }
        openrouter::chat_request req;
        req.model = "emulator/echo";
        req.messages.push_back(openrouter::message::user("soak " + std::to_string(i)));
        if (f != fault::none)
            req.extra["emulator"] = script(f);
        const auto ec = co_await one(cli, std::move(req), stream);
        ++st.completions[i];
        ++st.done;
        // The emulator keeps every generation for GET /generation: clear it now and then, so that
        // the RSS measured is the client's (the emulator runs in this process).
        if (st.done % 10000 == 0 && g_emu != nullptr)
            g_emu->reset();
        if (st.done % 100000 == 0)
            std::printf("soak:   after %llu: %zu fds, %zu KiB RSS\n", static_cast<unsigned long long>(st.done),
                        open_fds(), rss_kib());
        if (!fits(f, stream, ec)) {
            ++st.wrong;
            if (st.wrong <= 10)
                std::fprintf(stderr, "request %llu (%s, fault %s): unexpected %s\n", static_cast<unsigned long long>(i),
                             stream ? "stream" : "chat", name(f), ec ? ec.message().c_str() : "success");
        }
        ++st.outcomes[std::string(stream ? "stream " : "chat ") + name(f) + " -> " +
                      (ec ? std::string(openrouter::to_string(static_cast<errc>(ec.value()))) : "ok")];
    }
}

}  // namespace

int main(int argc, char** argv)
{
    state st;
    st.requests = 1000000;
    std::size_t concurrency = 64;
    double seconds = 900;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--requests"))
            st.requests = std::strtoull(argv[i + 1], nullptr, 10);
        else if (!std::strcmp(argv[i], "--concurrency"))
            concurrency = std::strtoull(argv[i + 1], nullptr, 10);
        else if (!std::strcmp(argv[i], "--fault-rate"))
            st.fault_rate = std::strtod(argv[i + 1], nullptr);
        else if (!std::strcmp(argv[i], "--seconds"))
            seconds = std::strtod(argv[i + 1], nullptr);
        else {
            std::fprintf(stderr, "usage: bench_soak [--requests N] [--concurrency C] [--fault-rate F] [--seconds S]\n");
            return 2;
        }
    }
    st.completions.assign(st.requests, 0);

    openrouter::emulator::server_options so;
    so.record_requests = false;
    openrouter::emulator::server emu(so);
    emu.start();
    g_emu = &emu;

    asio::io_context ioc;
    openrouter::client_options o;
    o.base_url = emu.base_url();
    o.api_key = "sk-or-v1-soak-test-key";
    o.policies.retry = openrouter::retry::limit(
        2, openrouter::retry::only_if(openrouter::retry::transient,
                                      openrouter::retry::fixed_delay{std::chrono::milliseconds(1)}));
    openrouter::client cli(ioc.get_executor(), o);

    // Warm-up (pool, allocator arenas), then the baseline figures.
    {
        state warm;
        warm.requests = 2000;
        warm.fault_rate = st.fault_rate;
        warm.completions.assign(warm.requests, 0);
        warm.stop_at = clk::now() + std::chrono::seconds(60);
        for (std::size_t w = 0; w < concurrency; ++w)
            asio::co_spawn(ioc, worker(cli, warm), asio::detached);
        ioc.run();
        ioc.restart();
    }
    const std::size_t fds0 = open_fds(), rss0 = rss_kib();
    std::printf("soak: start: %zu fds, %zu KiB RSS (after 2000 warm-up requests)\n", fds0, rss0);

    const auto t0 = clk::now();
    st.stop_at = t0 + std::chrono::duration_cast<clk::duration>(std::chrono::duration<double>(seconds));
    for (std::size_t w = 0; w < concurrency; ++w)
        asio::co_spawn(ioc, worker(cli, st), asio::detached);
    ioc.run();
    const double elapsed = std::chrono::duration<double>(clk::now() - t0).count();

    std::uint64_t never = 0, twice = 0;
    for (std::uint64_t i = 0; i < st.next; ++i) {
        never += st.completions[i] == 0;
        twice += st.completions[i] > 1;
    }
    const std::size_t fds1 = open_fds(), rss1 = rss_kib();
    std::printf("soak: %llu requests (%llu with faults, %.2f %%) in %.1f s: %.0f req/s, C = %zu%s\n",
                static_cast<unsigned long long>(st.done), static_cast<unsigned long long>(st.faulted),
                st.done ? 100.0 * static_cast<double>(st.faulted) / static_cast<double>(st.done) : 0.0, elapsed,
                static_cast<double>(st.done) / elapsed, concurrency,
                st.stopped_by_time ? " (stopped by --seconds)" : "");
    for (const auto& [k, v] : st.outcomes)
        std::printf("soak:   %-40s %llu\n", k.c_str(), static_cast<unsigned long long>(v));
    std::printf("soak: end: %zu fds (start %zu), %zu KiB RSS (start %zu, %+.1f %%)\n", fds1, fds0, rss1, rss0,
                rss0 ? 100.0 * (static_cast<double>(rss1) - static_cast<double>(rss0)) / static_cast<double>(rss0)
                     : 0.0);
    std::printf("soak: completed never: %llu, twice: %llu, wrong outcome: %llu\n",
                static_cast<unsigned long long>(never), static_cast<unsigned long long>(twice),
                static_cast<unsigned long long>(st.wrong));
    emu.stop();
    return (never || twice || st.wrong) ? 1 : 0;
}
