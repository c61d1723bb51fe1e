// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The transport against real sockets: TLS verification, keep-alive reuse, limits on connections,
// cancellation, and each timeout with its own condition.

#include "loopback/common.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <vector>

using namespace test;
using openrouter::errc;
using openrouter::error_code;

namespace {

openrouter::emulator::server_options tls_server(const std::string& name)
{
    openrouter::emulator::server_options o;
    o.tls_cert_file = certs_dir() + "/" + name + ".pem";
    o.tls_key_file = certs_dir() + "/" + name + ".key";
    return o;
}

// [snippet: ssl-context]
std::shared_ptr<asio::ssl::context> trusting_test_ca()
{
    auto ctx = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
    ctx->load_verify_file(certs_dir() + "/ca.pem");
    ctx->set_verify_mode(asio::ssl::verify_peer);
    return ctx;
}
// [/snippet]

std::pair<error_code, openrouter::diagnostics> try_chat(emu_fixture& f, openrouter::client_options o,
                                                        openrouter::chat_request req = echo_request("tls"))
{
    return f.run([&]() -> asio::awaitable<std::pair<error_code, openrouter::diagnostics>> {
        openrouter::client cli(co_await asio::this_coro::executor, o);
        openrouter::diagnostics d;
        auto [ec, c] = co_await cli.async_chat(req, d, asio::as_tuple(asio::use_awaitable));
        if (!ec)
            CHECK(c.choices.at(0).message.text() == "tls");
        co_return std::pair{ec, d};
    }());
}

}  // namespace

TEST_CASE("tls: a server signed by a trusted CA succeeds (SNI and host name checked)")
{
    emu_fixture f(tls_server("server"));
    auto o = f.options();
    REQUIRE(o.base_url.rfind("https://localhost:", 0) == 0);
    o.ssl_context = trusting_test_ca();
    auto [ec, d] = try_chat(f, o);
    CHECK_FALSE(ec);

    // Same server by IP address: the certificate has IP:127.0.0.1.
    o.base_url = "https://127.0.0.1:" + std::to_string(f.emu.port()) + "/api/v1";
    auto [ec2, d2] = try_chat(f, o);
    CHECK_FALSE(ec2);
}

TEST_CASE("tls: an untrusted certificate is rejected clearly")
{
    emu_fixture f(tls_server("untrusted"));
    auto o = f.options();
    o.ssl_context = trusting_test_ca();
    auto [ec, d] = try_chat(f, o);
    CHECK(ec == errc::certificate_rejected);
    CHECK(d.detail.find("certificate") != std::string::npos);

    // The default context (system CA store) does not trust the test CA either.
    emu_fixture g(tls_server("server"));
    auto [ec2, d2] = try_chat(g, g.options());
    CHECK(ec2 == errc::certificate_rejected);
}

TEST_CASE("tls: a certificate for another host name is rejected")
{
    emu_fixture f(tls_server("wronghost"));
    auto o = f.options();
    o.ssl_context = trusting_test_ca();
    auto [ec, d] = try_chat(f, o);
    CHECK(ec == errc::certificate_rejected);
    CHECK(d.detail.find("hostname mismatch") != std::string::npos);
}

TEST_CASE("tls: plain http to a TLS server fails with a clear error, not a hang")
{
    emu_fixture f(tls_server("server"));
    auto o = f.options();
    o.base_url = "http://127.0.0.1:" + std::to_string(f.emu.port()) + "/api/v1";
    o.timeouts.total = 5s;
    auto [ec, d] = try_chat(f, o);
    CHECK(ec);
    CHECK(ec != errc::total_timeout);
}

TEST_CASE("keep-alive: sequential requests reuse one connection")
{
    emu_fixture f;
    auto n = f.run([&]() -> asio::awaitable<int> {
        openrouter::client cli(co_await asio::this_coro::executor, f.options());
        int ok = 0;
        for (int i = 0; i < 5; ++i) {
            auto [ec, c] = co_await cli.async_chat(echo_request("again"), asio::as_tuple(asio::use_awaitable));
            ok += !ec;
        }
        CHECK(cli.idle_connections() == 1);
        co_return ok;
    }());
    CHECK(n == 5);
    CHECK(f.emu.connections_accepted() == 1);
    CHECK(f.emu.requests().size() == 5);
}

TEST_CASE("keep-alive: Connection: close from the server is honoured")
{
    emu_fixture f;
    f.run([&]() -> asio::awaitable<void> {
        openrouter::client cli(co_await asio::this_coro::executor, f.options());
        for (int i = 0; i < 3; ++i) {
            auto [ec, c] = co_await cli.async_chat(scripted(echo_request("bye"), R"({"close":true})"),
                                                   asio::as_tuple(asio::use_awaitable));
            CHECK_FALSE(ec);
        }
        CHECK(cli.idle_connections() == 0);
    }());
    CHECK(f.emu.connections_accepted() == 3);
}

TEST_CASE("concurrency: many operations share a bounded number of connections")
{
    emu_fixture f;
    auto o = f.options();
    o.max_connections_per_host = 3;
    auto ok = f.run([&]() -> asio::awaitable<int> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, o);
        std::vector<std::future<openrouter::chat_completion>> futs;
        int done = 0;
        int good = 0;
        for (int i = 0; i < 24; ++i)
            cli.async_chat(scripted(echo_request("n" + std::to_string(i)), R"({"delay_ms":20})"),
                           [&, i](error_code ec, openrouter::chat_completion c) {
                               ++done;
                               if (!ec && c.choices.at(0).message.text() == "n" + std::to_string(i))
                                   ++good;
                           });
        asio::steady_timer t(ex);
        while (done < 24) {
            t.expires_after(5ms);
            co_await t.async_wait(asio::use_awaitable);
        }
        co_return good;
    }());
    CHECK(ok == 24);
    CHECK(f.emu.connections_accepted() <= 3);
    CHECK(f.emu.requests().size() == 24);
}

TEST_CASE("cancellation: a per-operation cancel completes at once and closes the connection")
{
    emu_fixture f;
    auto [ec, elapsed] = f.run([&]() -> asio::awaitable<std::pair<error_code, std::chrono::milliseconds>> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, f.options());
        // [snippet: cancel-signal]
        asio::cancellation_signal sig;
        error_code got;
        bool done = false;
        const auto t0 = std::chrono::steady_clock::now();
        std::chrono::milliseconds took{};
        cli.async_chat(scripted(echo_request("slow"), R"({"delay_ms":5000})"),
                       asio::bind_cancellation_slot(sig.slot(), [&](error_code e, openrouter::chat_completion) {
                           got = e;
                           done = true;
                           took = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::steady_clock::now() - t0);
                       }));
        asio::steady_timer t(ex);
        t.expires_after(100ms);
        co_await t.async_wait(asio::use_awaitable);
        REQUIRE(f.emu.wait_for_connections_open(1, 2s));
        sig.emit(asio::cancellation_type::terminal);
        // [/snippet]
        while (!done) {
            t.expires_after(5ms);
            co_await t.async_wait(asio::use_awaitable);
        }
        co_return std::pair{got, took};
    }());
    CHECK(ec == asio::error::operation_aborted);
    CHECK(elapsed < std::chrono::milliseconds(4000));
    CHECK(f.emu.wait_for_connections_open(0, 3s));
}

TEST_CASE("cancellation: awaitable operators cancel the loser")
{
    using namespace asio::experimental::awaitable_operators;
    emu_fixture f;
    auto which = f.run([&]() -> asio::awaitable<std::size_t> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, f.options());
        asio::steady_timer t(ex);
        t.expires_after(150ms);
        // [snippet: cancel-race]
        auto r = co_await (cli.async_chat(scripted(echo_request("slow"), R"({"delay_ms":5000})"),
                                          asio::as_tuple(asio::use_awaitable)) ||
                           t.async_wait(asio::use_awaitable));
        // [/snippet]
        co_return r.index();
    }());
    CHECK(which == 1);
    CHECK(f.emu.wait_for_connections_open(0, 3s));
}

TEST_CASE("timeouts: each phase fails with its own error")
{
    SECTION("response headers")
    {
        emu_fixture f;
        auto o = f.options();
        // [snippet: response-timeout]
        o.timeouts.response_headers = 100ms;
        auto [ec, d] = try_chat(f, o, scripted(echo_request("x"), R"({"delay_ms":3000})"));
        CHECK(ec == errc::response_timeout);
        // [/snippet]
    }
    SECTION("total while the body stalls")
    {
        emu_fixture f;
        auto o = f.options();
        o.timeouts.total = 300ms;
        auto [ec, d] = try_chat(f, o, scripted(echo_request("x"), R"({"stall_ms":3000,"chunked":true})"));
        CHECK(ec == errc::total_timeout);
    }
    SECTION("total bounds the header wait too")
    {
        emu_fixture f;
        auto o = f.options();
        o.timeouts.total = 150ms;
        auto [ec, d] = try_chat(f, o, scripted(echo_request("x"), R"({"delay_ms":3000})"));
        CHECK(ec == errc::total_timeout);
    }
    SECTION("connect to a full accept queue")
    {
        emu_fixture f;
        asio::io_context side;
        asio::ip::tcp::acceptor acc(side, {asio::ip::make_address("127.0.0.1"), 0});
        acc.listen(0);
        const auto port = acc.local_endpoint().port();
        // Linux drops SYNs while a listener's accept queue is full (syncookies or not). With a
        // backlog of 0 one completed connection fills it; the next connect never completes.
        // (The fillers connect asynchronously: Asio's synchronous connect would block.)
        std::vector<asio::ip::tcp::socket> fillers;
        for (int i = 0; i < 3; ++i) {
            fillers.emplace_back(side);
            fillers.back().async_connect({asio::ip::make_address("127.0.0.1"), port}, [](boost::system::error_code) {});
        }
        side.run_for(50ms);
        auto o = f.options();
        o.base_url = "http://127.0.0.1:" + std::to_string(port) + "/api/v1";
        o.timeouts.connect = 200ms;
        auto [ec, d] = try_chat(f, o);
        CHECK(ec == errc::connect_timeout);
    }
    SECTION("TLS handshake with a silent peer")
    {
        emu_fixture f;
        asio::io_context side;
        asio::ip::tcp::acceptor acc(side, {asio::ip::make_address("127.0.0.1"), 0});
        acc.listen();
        auto o = f.options();
        o.base_url = "https://127.0.0.1:" + std::to_string(acc.local_endpoint().port()) + "/api/v1";
        o.ssl_context = trusting_test_ca();
        o.timeouts.tls_handshake = 200ms;
        auto [ec, d] = try_chat(f, o);
        CHECK(ec == errc::tls_handshake_timeout);
    }
}

TEST_CASE("refused: nothing listening is connect_failed")
{
    emu_fixture f;
    asio::io_context side;
    std::uint16_t port = 0;
    {
        asio::ip::tcp::acceptor acc(side, {asio::ip::make_address("127.0.0.1"), 0});
        port = acc.local_endpoint().port();
    }  // closed: the port refuses
    auto o = f.options();
    o.base_url = "http://127.0.0.1:" + std::to_string(port) + "/api/v1";
    auto [ec, d] = try_chat(f, o);
    CHECK(ec == errc::connect_failed);
    CHECK(openrouter::is_retryable(ec));
    CHECK_FALSE(d.detail.empty());
}
