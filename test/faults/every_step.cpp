// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
//
// Faults at every I/O step, the way Beast's test stream takes a fail_count: for each operation,
// for N = 1, 2, ... the N-th I/O step of the process (resolve, connect, each TLS handshake read
// and write, the request's writes, each read of the response or stream) fails with a reset, until
// an N is reached that the operation never gets to. For each N the test checks the condition the
// operation completes with, that the failed connection is closed (never returned to the pool),
// that the same client then works, and that no diagnostics text shows the key. Leaks are the
// ASan build's to find (the test command runs this suite there too); a hang trips the guard.

#include "loopback/common.hpp"
#include "transport/io_faults.hpp"

#include <openrouter/client.hpp>
#include <openrouter/models.hpp>

#include <boost/asio/ssl/context.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <future>
#include <sstream>

using namespace test;
using openrouter::errc;
using openrouter::error_code;
namespace detail = openrouter::detail;

namespace {

using detail::io_phase;
using detail::io_step;

// Installs a fault plan for the scope of one operation.
struct plan_scope {
    explicit plan_scope(detail::io_fault_plan& p) { detail::install_io_fault_plan(&p); }
    ~plan_scope() { detail::install_io_fault_plan(nullptr); }
    plan_scope(const plan_scope&) = delete;
    plan_scope& operator=(const plan_scope&) = delete;
};

const char* name(io_step s)
{
    switch (s) {
    case io_step::resolve: return "resolve";
    case io_step::connect: return "connect";
    case io_step::write: return "write";
    case io_step::read: return "read";
    }
    return "?";
}

const char* name(io_phase p)
{
    switch (p) {
    case io_phase::connect: return "connect";
    case io_phase::tls_handshake: return "tls";
    case io_phase::http: return "http";
    }
    return "?";
}

// What one run of an operation gave.
struct op_result {
    error_code ec;           // the operation's (for a stream: opening it, else its end)
    std::size_t deltas = 0;  // stream deltas received before the end
    std::string text;        // the answer's text (the completion, or the accumulated stream)
    openrouter::diagnostics diag;
    std::vector<openrouter::attempt_record> attempts;  // the attempt log (a stream's: when it opened)
};

using op_fn = std::function<asio::awaitable<op_result>(openrouter::client&)>;

asio::awaitable<op_result> chat_op(openrouter::client& cli)
{
    op_result r;
    auto [ec, c] = co_await cli.async_chat(echo_request("one two three"), r.diag, asio::as_tuple(asio::use_awaitable));
    r.ec = ec;
    r.attempts = r.diag.attempts;
    if (!ec)
        r.text = c.choices.at(0).message.text();
    co_return r;
}

asio::awaitable<op_result> stream_op(openrouter::client& cli)
{
    op_result r;
    auto [ec, s] =
        co_await cli.async_chat_stream(echo_request("one two three"), r.diag, asio::as_tuple(asio::use_awaitable));
    r.ec = ec;
    r.attempts = r.diag.attempts;
    if (ec)
        co_return r;
    for (;;) {
        auto [e, d] = co_await s.async_next(r.diag, asio::as_tuple(asio::use_awaitable));
        if (e) {
            r.ec = e;
            break;
        }
        if (!d)
            break;
        ++r.deltas;
    }
    if (!r.ec)
        r.text = s.accumulated().choices.at(0).message.text();
    co_return r;
}

asio::awaitable<op_result> models_op(openrouter::client& cli)
{
    op_result r;
    auto [ec, list] = co_await openrouter::async_list_models(cli, {}, r.diag, asio::as_tuple(asio::use_awaitable));
    r.ec = ec;
    r.attempts = r.diag.attempts;
    if (!ec)
        r.text = list.data.empty() ? "" : list.data.front().id;
    co_return r;
}

// Runs `aw` on `ioc` with a hang guard: fails the test when it has not completed in 30 s.
template <class T>
T run_guarded(asio::io_context& ioc, asio::awaitable<T> aw)
{
    auto fut = asio::co_spawn(ioc, std::move(aw), asio::use_future);
    ioc.restart();
    const auto until = std::chrono::steady_clock::now() + 30s;
    while (fut.wait_for(0s) != std::future_status::ready && std::chrono::steady_clock::now() < until)
        ioc.run_for(100ms);
    REQUIRE(fut.wait_for(0s) == std::future_status::ready);
    ioc.run_for(50ms);  // what the operation left behind (closes) runs out
    return fut.get();
}

// The condition a failure at `at` must give, for an operation of `kind`.
// Before the request is out, the step's own phase names it; after, a reset is a closed
// connection, except in a stream that already delivered part of the answer.
errc expected_for(const detail::io_step_record& at, bool stream, std::size_t deltas_before)
{
    if (at.step == io_step::resolve)
        return errc::resolve_failed;
    if (at.step == io_step::connect)
        return errc::connect_failed;
    if (at.phase == io_phase::tls_handshake)
        return errc::tls_handshake_failed;
    if (stream && deltas_before > 0)
        return errc::stream_truncated;
    return errc::connection_closed;
}

struct sweep_counts {
    std::size_t cases = 0;                      // values of N that failed a step
    std::size_t after_deltas = 0;               // of which in a stream that had delivered deltas
    std::vector<detail::io_step_record> clean;  // the steps of the clean run
    std::size_t count(io_step s, io_phase p) const
    {
        return static_cast<std::size_t>(
            std::count_if(clean.begin(), clean.end(), [&](auto& r) { return r.step == s && r.phase == p; }));
    }
};

// The sweep. `warm`: the client has a pooled connection before the faults start, so resolve and
// connect are not steps, and a write that fails before any response byte is the stale-connection
// case: the client must retry it once on a fresh connection, invisibly.
sweep_counts sweep(emu_fixture& f, openrouter::client_options o, const op_fn& op, bool stream, bool warm,
                   const std::string& expect_text)
{
    sweep_counts counts;
    for (std::int64_t n = 1;; ++n) {
        INFO("fault at step " << n);
        openrouter::client cli(f.ioc.get_executor(), o);
        if (warm) {
            auto r = run_guarded(f.ioc, op(cli));
            REQUIRE_FALSE(r.ec);
        }
        REQUIRE(f.emu.wait_for_connections_open(warm ? 1 : 0, 5s));
        const std::size_t accepted_before = f.emu.connections_accepted();

        detail::io_fault_plan plan;
        plan.fail_at = n;
        op_result r;
        {
            plan_scope scope(plan);
            r = run_guarded(f.ioc, op(cli));
        }
        check_no_key(r.diag);
        if (!plan.fired) {
            // N is past the last step: the operation ran clean.
            REQUIRE_FALSE(r.ec);
            CHECK(r.text == expect_text);
            counts.clean = plan.trace;
            // Every step of this run was failed by an earlier case. The run may take fewer steps
            // than an earlier one did: over TLS, how the records split into reads depends on
            // timing (seen once in CI: 9 steps here after a case that failed step 10).
            CHECK(counts.clean.size() < static_cast<std::size_t>(n));
            break;
        }
        ++counts.cases;
        INFO("failed " << name(plan.failed.step) << " in phase " << name(plan.failed.phase) << ": "
                       << (r.ec ? r.ec.message() : "success") << " (" << r.diag.detail << ")");
        // Did the failed step come before any byte of the response? (Only writes before it.)
        const bool before_response = std::all_of(plan.trace.begin(), plan.trace.begin() + (n - 1),
                                                 [](auto& s) { return s.step == io_step::write; });
        if (warm && before_response) {
            // The stale-connection rule: a reused connection that fails before any byte of the
            // response may have been closed by the server while idle, so the client retries once,
            // invisibly, on a new connection, even with retries off.
            CHECK_FALSE(r.ec);
            CHECK(r.text == expect_text);
            CHECK(f.emu.connections_accepted() == accepted_before + 1);
            CHECK(f.emu.wait_for_connections_open(1, 5s));
        } else {
            CHECK(r.ec == expected_for(plan.failed, stream, r.deltas));
            if (r.deltas > 0)
                ++counts.after_deltas;
            // The failed connection is closed, not pooled: the server sees no connection open
            // once the client let go of it (a healthy one would stay pooled, open).
            CHECK(f.emu.wait_for_connections_open(0, 5s));
        }
        // The same client works afterwards.
        auto again = run_guarded(f.ioc, op(cli));
        CHECK_FALSE(again.ec);
        CHECK(again.text == expect_text);
    }
    return counts;
}

// The same sweep with a retry policy on: one fault anywhere before the answer started arriving
// is recovered by the next attempt, so every N succeeds, on a new connection, with one failed
// attempt in the log. A stream that already delivered deltas is not retried (the caller has them):
// it ends with the failure.
std::size_t sweep_retrying(emu_fixture& f, openrouter::client_options o, const op_fn& op, bool stream,
                           const std::string& expect_text)
{
    o.policies.retry = openrouter::retry::limit(
        2, openrouter::retry::only_if(openrouter::retry::transient,
                                      openrouter::retry::fixed_delay{std::chrono::milliseconds(1)}));
    std::size_t cases = 0;
    for (std::int64_t n = 1;; ++n) {
        INFO("fault at step " << n);
        openrouter::client cli(f.ioc.get_executor(), o);
        REQUIRE(f.emu.wait_for_connections_open(0, 5s));
        detail::io_fault_plan plan;
        plan.fail_at = n;
        op_result r;
        {
            plan_scope scope(plan);
            r = run_guarded(f.ioc, op(cli));
        }
        check_no_key(r.diag);
        if (!plan.fired) {
            REQUIRE_FALSE(r.ec);
            CHECK(r.attempts.size() <= 1);
            WARN("every-step: retrying: " << cases << " cases, each recovered or ended as its stream's failure");
            break;
        }
        ++cases;
        INFO("failed " << name(plan.failed.step) << " in phase " << name(plan.failed.phase) << ": "
                       << (r.ec ? r.ec.message() : "success") << " (" << r.diag.detail << ")");
        if (stream && r.deltas > 0 && r.ec) {
            CHECK(r.ec == errc::stream_truncated);
            CHECK(f.emu.wait_for_connections_open(0, 5s));
        } else {
            CHECK_FALSE(r.ec);
            CHECK(r.text == expect_text);
            REQUIRE(r.attempts.size() == 2);
            CHECK(r.attempts.front().error);
            CHECK_FALSE(r.attempts.back().error);
            CHECK(f.emu.wait_for_connections_open(1, 5s));  // the good one is pooled, the bad one closed
        }
    }
    return cases;
}

std::shared_ptr<asio::ssl::context> trusting_test_ca()
{
    auto ctx = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
    ctx->load_verify_file(certs_dir() + "/ca.pem");
    ctx->set_verify_mode(asio::ssl::verify_peer);
    return ctx;
}

openrouter::emulator::server_options tls_server()
{
    openrouter::emulator::server_options o;
    o.tls_cert_file = certs_dir() + "/server.pem";
    o.tls_key_file = certs_dir() + "/server.key";
    return o;
}

// Prints the counts docs/reliability.md quotes, and checks that the clean run took the steps an
// exchange of that kind must take (so the sweep did reach every kind of step).
void report(const char* what, const sweep_counts& c, bool cold, bool tls)
{
    std::ostringstream line;
    line << "every-step: " << what << ": " << c.cases << " cases;";
    for (const auto& r : c.clean)
        line << ' ' << name(r.phase) << '/' << name(r.step);
    WARN(line.str());
    CHECK(c.count(io_step::resolve, io_phase::connect) == (cold ? 1U : 0U));
    CHECK(c.count(io_step::connect, io_phase::connect) == (cold ? 1U : 0U));
    const std::size_t handshake =
        c.count(io_step::read, io_phase::tls_handshake) + c.count(io_step::write, io_phase::tls_handshake);
    if (tls && cold)
        CHECK(handshake >= 2);
    else
        CHECK(handshake == 0);
    CHECK(c.count(io_step::write, io_phase::http) >= 1);
    CHECK(c.count(io_step::read, io_phase::http) >= 1);
}

}  // namespace

TEST_CASE("every step: chat over plain HTTP, cold and warm")
{
    emu_fixture f;
    report("chat http cold", sweep(f, f.options(), chat_op, false, false, "one two three"), true, false);
    report("chat http warm", sweep(f, f.options(), chat_op, false, true, "one two three"), false, false);
}

TEST_CASE("every step: chat over TLS, cold and warm")
{
    emu_fixture f(tls_server());
    auto o = f.options();
    o.ssl_context = trusting_test_ca();
    report("chat tls cold", sweep(f, o, chat_op, false, false, "one two three"), true, true);
    report("chat tls warm", sweep(f, o, chat_op, false, true, "one two three"), false, true);
}

TEST_CASE("every step: a stream over plain HTTP, cold and warm")
{
    emu_fixture f;
    report("stream http cold", sweep(f, f.options(), stream_op, true, false, "one two three"), true, false);
    report("stream http warm", sweep(f, f.options(), stream_op, true, true, "one two three"), false, false);
}

TEST_CASE("every step: a stream over TLS")
{
    emu_fixture f(tls_server());
    auto o = f.options();
    o.ssl_context = trusting_test_ca();
    report("stream tls cold", sweep(f, o, stream_op, true, false, "one two three"), true, true);
}

TEST_CASE("every step: a JSON GET (models) over plain HTTP")
{
    emu_fixture f;
    report("models http cold", sweep(f, f.options(), models_op, false, false, "emulator/echo"), true, false);
}

// The lower bounds are the steps such an exchange cannot do without (resolve, connect, a write,
// a read; TLS: two handshake steps more). How many reads a response takes depends on timing
// (TLS 1.3 session tickets, the emulator's writes), so the exact count is not fixed.
TEST_CASE("every step: with retries on, one fault anywhere is recovered")
{
    emu_fixture f;
    CHECK(sweep_retrying(f, f.options(), chat_op, false, "one two three") >= 4);
    CHECK(sweep_retrying(f, f.options(), stream_op, true, "one two three") >= 4);
    CHECK(sweep_retrying(f, f.options(), models_op, false, "emulator/echo") >= 4);
}

TEST_CASE("every step: with retries on, over TLS")
{
    emu_fixture f(tls_server());
    auto o = f.options();
    o.ssl_context = trusting_test_ca();
    CHECK(sweep_retrying(f, o, chat_op, false, "one two three") >= 6);
    CHECK(sweep_retrying(f, o, stream_op, true, "one two three") >= 6);
}

TEST_CASE("every step: a stream that pauses after two events fails mid-answer as stream_truncated")
{
    emu_fixture f;
    // The pause makes the rest of the stream a read of its own, after deltas were delivered.
    auto o = with_script(f.options(), R"({"stall_ms":30,"stall_after_events":2})");
    auto counts = sweep(f, o, stream_op, true, false, "one two three");
    report("stream http cold, paused", counts, true, false);
    CHECK(counts.after_deltas >= 1);
    CHECK(sweep_retrying(f, o, stream_op, true, "one two three") >= 4);
}
