// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// How deltas reach the caller: at once when their event arrived (never held back until the
// server writes again), through the default token's fast path (deltas already decoded are
// handed over inside the caller's coroutine) with the same results and errors as any other
// token, and never after cancel().

#include "loopback/common.hpp"

#include <openrouter/diagnostics.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include <chrono>
#include <string>
#include <vector>

using namespace test;
using openrouter::errc;
using openrouter::error_code;

namespace {

using steady = std::chrono::steady_clock;

struct timed_deltas {
    std::vector<std::string> content;
    std::vector<steady::duration> at;  // since the stream opened
};

// Reads deltas with the default token until `count` deltas came (or the stream ended).
asio::awaitable<timed_deltas> read_timed(emu_fixture& f, openrouter::chat_request req, openrouter::client_options o,
                                         std::size_t count)
{
    auto ex = co_await asio::this_coro::executor;
    openrouter::client cli(ex, o);
    auto s = co_await cli.async_chat_stream(req);
    const auto t0 = steady::now();
    timed_deltas r;
    while (r.content.size() < count) {
        auto d = co_await s.async_next();
        if (!d)
            break;
        r.content.push_back(d->content);
        r.at.push_back(steady::now() - t0);
    }
    (void)f;
    co_return r;
}

// The whole stream with the default token: contents, the accumulated text and the error.
struct default_token_result {
    std::vector<openrouter::chat_delta> deltas;
    std::string accumulated;
    error_code ec;
    openrouter::diagnostics diag;
    bool ended_cleanly = false;
};

// One stream of `cli`, read to its end with the default token.
asio::awaitable<default_token_result> read_to_end(openrouter::client& cli, openrouter::chat_request req)
{
    default_token_result r;
    auto s = co_await cli.async_chat_stream(req);
    try {
        while (auto d = co_await s.async_next())
            r.deltas.push_back(std::move(*d));
        r.ended_cleanly = true;
    } catch (const openrouter::api_error& e) {
        r.ec = e.code();
        r.diag = e.diag();
    }
    r.accumulated = s.accumulated().choices.empty() ? std::string() : s.accumulated().choices.front().message.text();
    co_return r;
}

asio::awaitable<default_token_result> read_all_default(openrouter::chat_request req, openrouter::client_options o)
{
    auto ex = co_await asio::this_coro::executor;
    openrouter::client cli(ex, o);
    // (GCC 12: no temporaries in the co_await full-expression; see docs/design/architecture.md.)
    auto op = read_to_end(cli, std::move(req));
    auto r = co_await std::move(op);
    co_return r;
}

}  // namespace

TEST_CASE("stream delivery: a delta is handed out when its event arrives not when the next one does")
{
    // The emulator writes each event as one HTTP chunk and stalls 3 s after the second one.
    // The second delta must reach the caller during the stall: a parser that waits for the
    // start of the next chunk (the CRLF after a chunk belongs to the next chunk header) would
    // hold it until the stall ends.
    emu_fixture f;
    const auto req = scripted(echo_request("one two three four"), R"({"stall_after_events":2,"stall_ms":3000})");
    SECTION("no idle timeout")
    {
        auto r = f.run(read_timed(f, req, f.options(), 2));
        REQUIRE(r.content.size() == 2);
        CHECK(r.at[1] < 1500ms);
    }
    SECTION("with an idle timeout")
    {
        auto o = f.options();
        o.timeouts.idle = 10s;
        auto r = f.run(read_timed(f, req, o, 2));
        REQUIRE(r.content.size() == 2);
        CHECK(r.at[1] < 1500ms);
    }
}

TEST_CASE("stream delivery: the default token gives the same deltas as a callback token")
{
    emu_fixture f;
    const std::string text = "the quick brown fox jumps over the lazy dog and keeps on running far away";
    SECTION("whole writes")
    {
        auto r = f.run(read_all_default(echo_request(text), f.options()));
        CHECK(r.ended_cleanly);
        CHECK(r.accumulated == text);
        REQUIRE(r.deltas.size() >= 16);  // more than one queue's worth: refilled from the buffer
        CHECK(r.deltas.back().is_usage_only());
        CHECK(r.deltas.back().usage);
    }
    SECTION("one byte per write")
    {
        auto r = f.run(read_all_default(scripted(echo_request(text), R"({"write_size":1})"), f.options()));
        CHECK(r.ended_cleanly);
        CHECK(r.accumulated == text);
    }
}

TEST_CASE("stream delivery: an in-band error after deltas throws only after they were handed out")
{
    emu_fixture f;
    auto r =
        f.run(read_all_default(scripted(echo_request("a b c d e f g h"), R"({"error_after_deltas":5})"), f.options()));
    CHECK_FALSE(r.ended_cleanly);
    CHECK(r.ec == errc::provider_error);
    CHECK(r.diag.http_status == 200);
    REQUIRE(r.deltas.size() == 5);
    CHECK(r.accumulated == "a b c d e");
    check_no_key(r.diag);
}

TEST_CASE("stream delivery: a truncated stream throws stream_truncated through the fast path")
{
    emu_fixture f;
    auto r = f.run(read_all_default(scripted(echo_request("a b c d e f"), R"({"no_done":true})"), f.options()));
    CHECK_FALSE(r.ended_cleanly);
    CHECK(r.ec == errc::stream_truncated);
    CHECK(r.accumulated == "a b c d e f");
}

TEST_CASE("stream delivery: after cancel() no queued delta is handed out")
{
    emu_fixture f;
    auto got = f.run([&]() -> asio::awaitable<std::vector<error_code>> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, f.options());
        auto s = co_await cli.async_chat_stream(echo_request("a b c d e f g h i j k l"));
        auto d1 = co_await s.async_next();  // the read that brought it queued the others
        REQUIRE(d1);
        s.cancel();
        std::vector<error_code> ecs;
        // The default token (fast path) and a tuple token both see the cancellation.
        try {
            auto d2 = co_await s.async_next();
            ecs.push_back(d2 ? error_code() : error_code(errc::invalid_response));
        } catch (const openrouter::api_error& e) {
            ecs.push_back(e.code());
        }
        auto [e3, d3] = co_await s.async_next(asio::as_tuple(asio::use_awaitable));
        ecs.push_back(e3);
        CHECK_FALSE(d3);
        co_return ecs;
    }());
    REQUIRE(got.size() == 2);
    CHECK(got[0] == asio::error::operation_aborted);
    CHECK(got[1] == asio::error::operation_aborted);
    CHECK(f.emu.wait_for_connections_open(0, 3s));
}

TEST_CASE("stream delivery: the diagnostics overload with the default token")
{
    emu_fixture f;
    auto r = f.run([&]() -> asio::awaitable<std::pair<std::string, openrouter::diagnostics>> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, f.options());
        auto s = co_await cli.async_chat_stream(echo_request("x y z"));
        openrouter::diagnostics diag;
        diag.detail = "stale";
        std::string text;
        while (auto d = co_await s.async_next(diag))
            text += d->content;
        co_return std::make_pair(text, diag);
    }());
    CHECK(r.first == "x y z");
    CHECK(r.second.detail.empty());  // cleared by the calls that succeeded
}

namespace {
// Two streams on one client, each read to its end with the default token.
asio::awaitable<std::vector<default_token_result>> two_streams(openrouter::chat_request req,
                                                               openrouter::client_options o)
{
    auto ex = co_await asio::this_coro::executor;
    openrouter::client cli(ex, o);
    std::vector<default_token_result> out;
    for (int i = 0; i < 2; ++i) {
        auto op = read_to_end(cli, req);
        out.push_back(co_await std::move(op));
    }
    co_return out;
}
}  // namespace

TEST_CASE("stream delivery: over TLS in small records every delta arrives and the connection is reused")
{
    openrouter::emulator::server_options so;
    so.tls_cert_file = certs_dir() + "/server.pem";
    so.tls_key_file = certs_dir() + "/server.key";
    emu_fixture f(so);
    auto o = f.options();
    auto ctx = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
    ctx->load_verify_file(certs_dir() + "/ca.pem");
    ctx->set_verify_mode(asio::ssl::verify_peer);
    o.ssl_context = ctx;
    const std::string text = "records of seven bytes split every event of this answer";
    auto rs = f.run(two_streams(scripted(echo_request(text), R"({"write_size":7})"), o));
    for (const auto& r : rs) {
        CHECK(r.ended_cleanly);
        CHECK_FALSE(r.ec);
        CHECK(r.accumulated == text);
        REQUIRE_FALSE(r.deltas.empty());
        CHECK(r.deltas.back().is_usage_only());
    }
    CHECK(f.emu.connections_accepted() == 1);  // the first stream's connection served the second
}

namespace {

// A one-shot HTTP server on 127.0.0.1 that answers with `response` (bytes as they go on the
// wire) and then closes: for bodies the emulator never sends (delimited by the end of the
// connection, no chunking and no Content-Length). It reads the whole request first, so that
// closing never resets the connection under the response.
asio::awaitable<void> answer_once(asio::ip::tcp::acceptor& acc, std::string response)
{
    auto sock = co_await acc.async_accept(asio::use_awaitable);
    asio::streambuf in;
    const std::size_t head = co_await asio::async_read_until(sock, in, "\r\n\r\n", asio::use_awaitable);
    std::string headers(asio::buffers_begin(in.data()),
                        asio::buffers_begin(in.data()) + static_cast<std::ptrdiff_t>(head));
    std::size_t length = 0;
    if (auto at = headers.find("Content-Length: "); at != std::string::npos)
        length = std::stoul(headers.substr(at + 16));
    if (in.size() - head < length)
        co_await asio::async_read(sock, in, asio::transfer_exactly(length - (in.size() - head)), asio::use_awaitable);
    co_await asio::async_write(sock, asio::buffer(response), asio::use_awaitable);
    sock.shutdown(asio::ip::tcp::socket::shutdown_both);
}

constexpr const char* eof_head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n";
constexpr const char* eof_chunk = R"(data: {"id":"gen-1","model":"m/x","object":"chat.completion.chunk","created":1,)"
                                  R"("choices":[{"index":0,"delta":{"role":"assistant","content":"hi"}}]})"
                                  "\n\n";

}  // namespace

TEST_CASE("stream delivery: a body delimited by the end of the connection")
{
    emu_fixture f;
    asio::ip::tcp::acceptor acc(f.ioc, {asio::ip::make_address("127.0.0.1"), 0});
    acc.listen();
    auto o = f.options();
    o.base_url = "http://127.0.0.1:" + std::to_string(acc.local_endpoint().port()) + "/api/v1";
    SECTION("with [DONE] it ends cleanly")
    {
        asio::co_spawn(f.ioc, answer_once(acc, std::string(eof_head) + eof_chunk + "data: [DONE]\n\n"), asio::detached);
        auto r = f.run(read_all_default(echo_request("x"), o));
        CHECK(r.ended_cleanly);
        CHECK_FALSE(r.ec);
        REQUIRE(r.deltas.size() == 1);
        CHECK(r.deltas[0].content == "hi");
    }
    SECTION("without [DONE] it is stream_truncated after the delta")
    {
        asio::co_spawn(f.ioc, answer_once(acc, std::string(eof_head) + eof_chunk), asio::detached);
        auto r = f.run(read_all_default(echo_request("x"), o));
        CHECK_FALSE(r.ended_cleanly);
        CHECK(r.ec == errc::stream_truncated);
        REQUIRE(r.deltas.size() == 1);
        CHECK(r.deltas[0].content == "hi");
        check_no_key(r.diag);
    }
    SECTION("cut in the middle of an event it is stream_truncated")
    {
        const std::string cut = std::string(eof_chunk).substr(0, 40);
        asio::co_spawn(f.ioc, answer_once(acc, std::string(eof_head) + eof_chunk + cut), asio::detached);
        auto r = f.run(read_all_default(echo_request("x"), o));
        CHECK(r.ec == errc::stream_truncated);
        CHECK(r.deltas.size() == 1);
        CHECK(r.diag.detail == "the body ended in the middle of an event");
    }
}
