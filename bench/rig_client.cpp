// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
//
// The SDK as a client of the shared benchmark rig (../shared/rig, "Client contract" in its
// README): it talks to the rig's bench-server on 127.0.0.1 through the public API only, the way
// a user would (one io_context, one openrouter::client, coroutines, `co_await s.async_next()`),
// and prints one JSON line. bench/rig/run.sh runs it beside the peers; docs/performance.md has
// the numbers.
//
//   bench_rig_client --mode stream     --port P [--n 200000] [--size 4]
//   bench_rig_client --mode concurrent --port P [--k 100] [--m 200] [--gap 0] [--warmup 20]
//   bench_rig_client --mode nonstream  --port P [--r 20000] [--c 64] [--nsn 50] [--warmup 1000]
//   (and --timeout S, default 300: the process prints an error line and exits 3 after S seconds)
//
// Measured as the Node peers measure (../shared/rig/clients/common.mjs): the timed section runs
// from just before the first request to the end of the last stream (or response); chunks are the
// deltas handed to the user (N content deltas + the finish delta + the usage delta = N+2 per
// stream); `ok` checks the content bytes and the chunk count against GET /bench/info (read
// through the same SDK, with `async_request`); `rss_base_kb` is the RSS just before the timed
// section. Warm-up as the peers: none for one stream, `--warmup` (20) unpaced streams before the
// concurrent runs, min(R, `--warmup`=1000) requests before the non-stream runs.

#include <openrouter/client.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

namespace {

namespace asio = boost::asio;
using openrouter::chat_request;
using openrouter::message;

// ---- arguments ----

struct args {
    std::string mode = "stream";
    long port = 8399;
    long n = 200000, size = 4;         // stream
    long k = 100, m = 200, gap = 0;    // concurrent
    long r = 20000, c = 64, nsn = 50;  // nonstream
    long warmup = -1;                  // -1: the peers' default for the mode
    long timeout = 300;
};

[[noreturn]] void usage(const char* why)
{
    std::fprintf(stderr,
                 "bench_rig_client: %s\n"
                 "usage: bench_rig_client --mode stream|concurrent|nonstream --port P [--n N] [--size S]\n"
                 "       [--k K] [--m M] [--gap MS] [--r R] [--c C] [--nsn N] [--warmup W] [--timeout S]\n",
                 why);
    std::exit(2);
}

args parse_args(int argc, char** argv)
{
    args a;
    for (int i = 1; i < argc; i += 2) {
        const std::string_view key = argv[i];
        if (i + 1 >= argc)
            usage("missing value");
        const std::string_view val = argv[i + 1];
        if (key == "--mode") {
            a.mode = val;
            continue;
        }
        long* dst = key == "--port"      ? &a.port
                    : key == "--n"       ? &a.n
                    : key == "--size"    ? &a.size
                    : key == "--k"       ? &a.k
                    : key == "--m"       ? &a.m
                    : key == "--gap"     ? &a.gap
                    : key == "--r"       ? &a.r
                    : key == "--c"       ? &a.c
                    : key == "--nsn"     ? &a.nsn
                    : key == "--warmup"  ? &a.warmup
                    : key == "--timeout" ? &a.timeout
                                         : nullptr;
        if (dst == nullptr)
            usage("unknown argument");
        const auto [end, ec] = std::from_chars(val.data(), val.data() + val.size(), *dst);
        if (ec != std::errc() || end != val.data() + val.size() || *dst < 0)
            usage("a value is not a non-negative integer");
    }
    if (a.mode != "stream" && a.mode != "concurrent" && a.mode != "nonstream")
        usage("--mode must be stream, concurrent or nonstream");
    if (a.port < 1 || a.port > 65535 || a.k < 1 || a.c < 1 || a.r < 1 || a.timeout < 1)
        usage("--port, --k, --c, --r and --timeout must be positive (and the port below 65536)");
    if (a.warmup < 0)
        a.warmup = a.mode == "nonstream" ? 1000 : 20;
    return a;
}

// ---- measurement helpers ----

using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point t0)
{
    return std::chrono::duration<double>(clock_type::now() - t0).count();
}

long rss_kb()
{
    long pages = 0, resident = 0;
    if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        std::fclose(f);
    }
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

struct cpu_times {
    double user = 0, sys = 0;
    long maxrss_kb = 0;
};

cpu_times cpu_now()
{
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return {s(ru.ru_utime), s(ru.ru_stime), ru.ru_maxrss};
}

double percentile_ms(const std::vector<double>& sorted, double p)
{
    if (sorted.empty())
        return 0;
    const auto i = std::min(sorted.size() - 1, static_cast<std::size_t>(static_cast<double>(sorted.size()) * p));
    return sorted[i] * 1e3;
}

// The one output line, keys in insertion order.
class json_line {
public:
    json_line& num(std::string_view key, double v, int decimals)
    {
        char b[64];
        std::snprintf(b, sizeof b, "%.*f", decimals, std::isfinite(v) ? v : 0.0);
        return raw(key, b);
    }
    json_line& num(std::string_view key, long v) { return raw(key, std::to_string(v)); }
    json_line& boolean(std::string_view key, bool v) { return raw(key, v ? "true" : "false"); }
    json_line& str(std::string_view key, std::string_view v)
    {
        return raw(key, boost::json::serialize(boost::json::string(v)));
    }
    void print() const { std::printf("{%s}\n", body_.c_str()); }

private:
    json_line& raw(std::string_view key, std::string_view v)
    {
        if (!body_.empty())
            body_ += ',';
        ((body_ += '"') += key) += "\":";
        body_ += v;
        return *this;
    }
    std::string body_;
};

void add_process_fields(json_line& j)
{
    const cpu_times t = cpu_now();
    j.num("user_s", t.user, 3).num("sys_s", t.sys, 3).num("maxrss_kb_self", t.maxrss_kb);
}

// ---- the watchdog: every run is bounded in time ----

char timeout_line[96];
std::size_t timeout_line_len = 0;

extern "C" void on_alarm(int)
{
    const ssize_t w = ::write(STDOUT_FILENO, timeout_line, timeout_line_len);
    static_cast<void>(w);
    ::_exit(3);
}

void arm_watchdog(long seconds)
{
    const int len = std::snprintf(timeout_line, sizeof timeout_line, "{\"error\":\"timeout after %lds\"}\n", seconds);
    timeout_line_len = len > 0 ? static_cast<std::size_t>(len) : 0;
    std::signal(SIGALRM, on_alarm);
    ::alarm(static_cast<unsigned>(seconds));
}

// ---- the SDK side ----

// A countdown the main coroutine can wait on (a timer that never expires, cancelled at zero).
class latch {
public:
    latch(asio::any_io_executor ex, std::size_t count) : timer_(ex, clock_type::time_point::max()), left_(count) {}
    void count_down()
    {
        if (--left_ == 0)
            timer_.cancel();
    }
    asio::awaitable<void> wait()
    {
        while (left_ > 0) {
            boost::system::error_code ec;
            co_await timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        }
    }

private:
    asio::steady_timer timer_;
    std::size_t left_;
};

std::string model_name(long n, long size, long gap = 0)
{
    std::string m = "bench/n=" + std::to_string(n) + ",size=" + std::to_string(size);
    if (gap > 0)
        m += ",gap_ms=" + std::to_string(gap);
    return m;
}

chat_request make_request(std::string model)
{
    chat_request req;
    req.model = std::move(model);
    req.messages.push_back(message::user("Write a long story about a fox."));
    return req;
}

void report_error(const std::exception& e)
{
    std::fprintf(stderr, "bench_rig_client: %s\n", e.what());
    if (const auto* api = dynamic_cast<const openrouter::api_error*>(&e)) {
        const openrouter::diagnostics& d = api->diag();
        if (!d.detail.empty())
            std::fprintf(stderr, "  detail: %s\n", d.detail.c_str());
    }
}

struct bench_info {
    long sse_bytes = 0, content_bytes = 0, events = 0;
};

// GET /bench/info through the SDK's generic call (on a client whose base URL is the server root).
asio::awaitable<bench_info> fetch_info(openrouter::client& root, long n, long size)
{
    openrouter::api_request rq;
    rq.method = openrouter::http_method::get;
    rq.path = "/bench/info";
    rq.query = {{"stream", "1"}, {"n", std::to_string(n)}, {"size", std::to_string(size)}};
    const openrouter::api_response res = co_await root.async_request(std::move(rq));
    const auto& o = res.body.as_object();
    co_return bench_info{static_cast<long>(o.at("sse_bytes").to_number<std::int64_t>()),
                         static_cast<long>(o.at("content_bytes").to_number<std::int64_t>()),
                         static_cast<long>(o.at("events").to_number<std::int64_t>())};
}

struct stream_tally {
    long chunks = 0;
    long content = 0;
    long accumulated = 0;  // length of the accumulated content
    double first_s = 0;    // time to the first delta
};

// One streamed chat completion, consumed as the SDK's documentation shows it.
asio::awaitable<stream_tally> consume(openrouter::client& cli, std::string model, clock_type::time_point t0)
{
    stream_tally t;
    auto s = co_await cli.async_chat_stream(make_request(std::move(model)));
    while (auto d = co_await s.async_next()) {
        if (t.chunks++ == 0)
            t.first_s = seconds_since(t0);
        t.content += static_cast<long>(d->content.size());
    }
    const auto& acc = s.accumulated();
    t.accumulated = acc.choices.empty() ? 0 : static_cast<long>(acc.choices.front().message.text().size());
    co_return t;
}

openrouter::client_options options(const args& a, std::string base_url, long connections)
{
    openrouter::client_options o;
    o.base_url = std::move(base_url);
    o.api_key = "bench-not-a-key";
    o.max_connections_per_host = static_cast<std::size_t>(std::max(1L, connections));
    o.timeouts.total = std::chrono::seconds(a.timeout);
    return o;
}

asio::awaitable<void> run_stream(const args& a, openrouter::client& cli, openrouter::client& root)
{
    const bench_info info = co_await fetch_info(root, a.n, a.size);
    const long rss0 = rss_kb();
    const cpu_times c0 = cpu_now();
    const auto t0 = clock_type::now();
    const stream_tally t = co_await consume(cli, model_name(a.n, a.size), t0);
    const double wall = seconds_since(t0);
    const cpu_times c1 = cpu_now();
    const bool ok = t.content == info.content_bytes && t.chunks == a.n + 2 && t.accumulated == t.content;
    json_line j;
    j.str("client", "openrouter-cpp").str("mode", "stream").num("n", a.n).num("size", a.size);
    j.num("wall_s", wall, 4).num("ttfb_s", t.first_s, 4).num("cpu_s", c1.user + c1.sys - c0.user - c0.sys, 3);
    j.num("chunks", t.chunks).num("chunks_per_s", std::round(static_cast<double>(t.chunks) / wall), 0);
    j.num("MBps", static_cast<double>(info.sse_bytes) / wall / 1e6, 2).num("sse_bytes", info.sse_bytes);
    j.num("content_bytes", t.content).boolean("ok", ok).num("rss_base_kb", rss0);
    add_process_fields(j);
    j.print();
}

asio::awaitable<void> run_concurrent(const args& a, openrouter::client& cli, openrouter::client& root)
{
    auto ex = co_await asio::this_coro::executor;
    const bench_info info = co_await fetch_info(root, a.m, a.size);
    std::string first_error;
    long failed = 0, chunks = 0, content = 0;
    std::vector<double> lat;
    lat.reserve(static_cast<std::size_t>(a.k));

    // Starts `count` streams at once; `timed` ones are counted.
    auto wave = [&](long count, const std::string& model, bool timed) -> asio::awaitable<void> {
        latch done(ex, static_cast<std::size_t>(count));
        for (long i = 0; i < count; ++i) {
            const auto t0 = clock_type::now();
            asio::co_spawn(ex, consume(cli, model, t0), [&, t0, timed](std::exception_ptr e, stream_tally t) {
                if (e) {
                    ++failed;
                    try {
                        std::rethrow_exception(e);
                    } catch (const std::exception& x) {
                        if (first_error.empty())
                            report_error(x);
                        first_error = x.what();
                    }
                } else if (timed) {
                    chunks += t.chunks;
                    content += t.content;
                    lat.push_back(seconds_since(t0));
                }
                done.count_down();
            });
        }
        co_await done.wait();
    };

    // Warm-up (not timed, unpaced), as the peers: connections, caches, allocator.
    co_await wave(std::min(a.warmup, a.k), model_name(a.m, a.size), false);
    failed = 0;
    const long rss0 = rss_kb();
    const cpu_times c0 = cpu_now();
    const auto t0 = clock_type::now();
    co_await wave(a.k, model_name(a.m, a.size, a.gap), true);
    const double wall = seconds_since(t0);
    const cpu_times c1 = cpu_now();
    std::sort(lat.begin(), lat.end());
    const bool ok = failed == 0 && content == a.k * info.content_bytes && chunks == a.k * (a.m + 2);
    json_line j;
    j.str("client", "openrouter-cpp").str("mode", "concurrent").num("k", a.k).num("m", a.m).num("size", a.size);
    j.num("gap_ms", a.gap).num("wall_s", wall, 4).num("streams_per_s", static_cast<double>(a.k) / wall, 1);
    j.num("cpu_s", c1.user + c1.sys - c0.user - c0.sys, 3).num("chunks", chunks);
    j.num("chunks_per_s", std::round(static_cast<double>(chunks) / wall), 0);
    j.num("MBps", static_cast<double>((a.k - failed) * info.sse_bytes) / wall / 1e6, 2);
    j.num("p50_ms", percentile_ms(lat, 0.5), 3).num("p99_ms", percentile_ms(lat, 0.99), 3);
    j.num("failed", failed).boolean("ok", ok).num("rss_base_kb", rss0);
    if (!first_error.empty())
        j.str("first_error", first_error);
    add_process_fields(j);
    j.print();
}

asio::awaitable<void> run_nonstream(const args& a, openrouter::client& cli)
{
    auto ex = co_await asio::this_coro::executor;
    const std::string model = model_name(a.nsn, a.size);
    long content = 0, failed = 0;
    std::string first_error;
    std::vector<double> lat;

    // `count` requests, at most `a.c` in flight; latencies of the timed ones go to `lat`.
    auto pool = [&](long count, bool timed) -> asio::awaitable<void> {
        long next = 0;
        const long workers = std::min(a.c, count);
        latch done(ex, static_cast<std::size_t>(workers));
        auto worker = [&]() -> asio::awaitable<void> {
            while (next < count) {
                ++next;
                const auto t0 = clock_type::now();
                try {
                    const openrouter::chat_completion res = co_await cli.async_chat(make_request(model));
                    if (timed) {
                        lat.push_back(seconds_since(t0));
                        if (!res.choices.empty())
                            content += static_cast<long>(res.choices.front().message.text().size());
                    }
                } catch (const std::exception& x) {
                    ++failed;
                    if (first_error.empty())
                        report_error(x);
                    first_error = x.what();
                }
            }
        };
        for (long i = 0; i < workers; ++i)
            asio::co_spawn(ex, worker(), [&](std::exception_ptr) { done.count_down(); });
        co_await done.wait();
    };

    co_await pool(std::min(a.r, a.warmup), false);  // warm-up: open the pool's connections
    failed = 0;
    lat.reserve(static_cast<std::size_t>(a.r));
    const cpu_times c0 = cpu_now();
    const auto t0 = clock_type::now();
    co_await pool(a.r, true);
    const double wall = seconds_since(t0);
    const cpu_times c1 = cpu_now();
    std::sort(lat.begin(), lat.end());
    const bool ok = failed == 0 && content == a.r * a.nsn * a.size;
    json_line j;
    j.str("client", "openrouter-cpp").str("mode", "nonstream").num("r", a.r).num("c", a.c).num("n", a.nsn);
    j.num("size", a.size).num("wall_s", wall, 4).num("req_per_s", std::round(static_cast<double>(a.r) / wall), 0);
    j.num("cpu_s", c1.user + c1.sys - c0.user - c0.sys, 3);
    j.num("p50_ms", percentile_ms(lat, 0.5), 3).num("p99_ms", percentile_ms(lat, 0.99), 3);
    j.num("failed", failed).boolean("ok", ok).num("rss_base_kb", rss_kb());
    if (!first_error.empty())
        j.str("first_error", first_error);
    add_process_fields(j);
    j.print();
}

}  // namespace

int main(int argc, char** argv)
{
    const args a = parse_args(argc, argv);
    arm_watchdog(a.timeout);
    // K streams need K descriptors: take the hard limit, as the rig's scripts do.
    rlimit nofile{};
    if (getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur < nofile.rlim_max) {
        nofile.rlim_cur = nofile.rlim_max;
        setrlimit(RLIMIT_NOFILE, &nofile);
    }

    asio::io_context ioc(1);  // one thread, like the Node peers
    const std::string root_url = "http://127.0.0.1:" + std::to_string(a.port);
    const long connections = a.mode == "concurrent" ? std::max(a.k, a.warmup) : a.mode == "nonstream" ? a.c : 1;
    openrouter::client cli(ioc, options(a, root_url + "/api/v1", connections));
    openrouter::client root(ioc, options(a, root_url, 1));

    int rc = 0;
    auto body = [&]() -> asio::awaitable<void> {
        if (a.mode == "stream")
            co_await run_stream(a, cli, root);
        else if (a.mode == "concurrent")
            co_await run_concurrent(a, cli, root);
        else
            co_await run_nonstream(a, cli);
    };
    asio::co_spawn(ioc, body(), [&](std::exception_ptr e) {
        if (!e)
            return;
        rc = 1;
        try {
            std::rethrow_exception(e);
        } catch (const std::exception& x) {
            report_error(x);
            json_line j;
            j.str("client", "openrouter-cpp").str("error", x.what());
            j.print();
        }
    });
    ioc.run();
    std::fflush(stdout);
    return rc;
}
