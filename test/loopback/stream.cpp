// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Streaming chat against the emulator: deltas, accumulation, faults, cancellation, timeouts.

#include "loopback/common.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/steady_timer.hpp>

#include <cstdio>
#include <cstdlib>

using namespace test;
using openrouter::errc;
using openrouter::error_code;

namespace {

struct stream_result {
    error_code open_ec;
    error_code end_ec;
    std::vector<openrouter::chat_delta> deltas;
    openrouter::chat_completion accumulated;
    openrouter::diagnostics diag;
    std::size_t comments = 0;
};

stream_result stream_all(emu_fixture& f, openrouter::chat_request req, openrouter::client_options o)
{
    return f.run([&]() -> asio::awaitable<stream_result> {
        // [snippet: stream-loop]
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, o);
        stream_result r;
        auto [ec, s] = co_await cli.async_chat_stream(req, r.diag, asio::as_tuple(asio::use_awaitable));
        r.open_ec = ec;
        if (ec)
            co_return r;
        for (;;) {
            auto [e, d] = co_await s.async_next(r.diag, asio::as_tuple(asio::use_awaitable));
            if (e) {
                r.end_ec = e;
                break;
            }
            if (!d)
                break;
            r.deltas.push_back(std::move(*d));
        }
        r.accumulated = s.accumulated();
        r.comments = s.comments();
        // [/snippet]
        co_return r;
    }());
}

stream_result stream_all(emu_fixture& f, openrouter::chat_request req)
{
    return stream_all(f, std::move(req), f.options());
}

openrouter::chat_completion complete(emu_fixture& f, openrouter::chat_request req)
{
    return f.run([&]() -> asio::awaitable<openrouter::chat_completion> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, f.options());
        co_return co_await cli.async_chat(req);
    }());
}

}  // namespace

TEST_CASE("stream: echo arrives word by word and ends cleanly")
{
    emu_fixture f;
    auto r = stream_all(f, echo_request("one two three"));
    REQUIRE_FALSE(r.open_ec);
    REQUIRE_FALSE(r.end_ec);
    std::string text;
    for (const auto& d : r.deltas)
        text += d.content;
    CHECK(text == "one two three");
    CHECK(r.deltas.front().role == "assistant");
    CHECK(r.deltas.front().model == "emulator/echo");
    CHECK(r.deltas.front().provider == "FakeProvider");
    CHECK(r.deltas.size() >= 4);  // three words, the finish chunk, the usage chunk
    CHECK(r.deltas.back().is_usage_only());
    REQUIRE(r.deltas.back().usage);
    CHECK(r.deltas.back().usage->completion_tokens == 3);
    CHECK(r.comments >= 1);  // ": OPENROUTER PROCESSING"
    auto body = boost::json::parse(f.emu.requests().at(0).body).as_object();
    CHECK(body.at("stream") == true);
}

TEST_CASE("stream: the accumulated result equals the non-streaming result")
{
    for (const char* model : {"emulator/echo", "emulator/lorem", "emulator/tools", "emulator/reasoning"}) {
        DYNAMIC_SECTION(model)
        {
            emu_fixture f;
            auto req = echo_request("What is the weather in Paris today?");
            req.model = model;
            req.max_tokens = 12;
            if (std::string(model) == "emulator/tools") {
                req.tools = std::vector<openrouter::tool>{openrouter::tool::make_function(
                    "get_weather", "Weather of a city",
                    boost::json::parse(R"({"type":"object","properties":{"location":{"type":"string"}}})")
                        .as_object())};
            }
            auto streamed = stream_all(f, req);
            REQUIRE_FALSE(streamed.open_ec);
            REQUIRE_FALSE(streamed.end_ec);
            auto whole = complete(f, req);
            // Generation and tool call ids differ per request; everything else must be the same.
            streamed.accumulated.id = whole.id;
            auto& calls = streamed.accumulated.choices.at(0).message.tool_calls;
            const auto& whole_calls = whole.choices.at(0).message.tool_calls;
            REQUIRE(calls.size() == whole_calls.size());
            for (std::size_t i = 0; i < calls.size(); ++i) {
                CHECK(calls[i].id.rfind("call_", 0) == 0);
                calls[i].id = whole_calls[i].id;
            }
            CHECK(streamed.accumulated == whole);
            if (!(streamed.accumulated == whole) && std::getenv("OPENROUTER_TEST_DUMP") != nullptr)
                std::fprintf(stderr, "streamed: %s\nwhole:    %s\n",
                             boost::json::serialize(openrouter::to_json(streamed.accumulated)).c_str(),
                             boost::json::serialize(openrouter::to_json(whole)).c_str());
            if (std::string(model) == "emulator/tools") {
                REQUIRE(whole.choices.at(0).message.tool_calls.size() == 1);
                CHECK(streamed.accumulated.choices.at(0).message.tool_calls.at(0).function.arguments ==
                      whole.choices.at(0).message.tool_calls.at(0).function.arguments);
            }
        }
    }
}

TEST_CASE("stream: n greater than 1 yields every choice and accumulates them all")
{
    emu_fixture f;
    auto req = echo_request("alpha beta");
    req.extra["n"] = 2;
    auto r = stream_all(f, req);
    REQUIRE_FALSE(r.end_ec);
    std::string text[2];
    for (const auto& d : r.deltas)
        if (!d.is_usage_only()) {
            REQUIRE(d.choice_index >= 0);
            REQUIRE(d.choice_index < 2);
            text[d.choice_index] += d.content;
        }
    CHECK(text[0] == "alpha beta");
    CHECK(text[1] == "alpha beta");
    auto whole = complete(f, req);
    r.accumulated.id = whole.id;
    REQUIRE(r.accumulated.choices.size() == 2);
    CHECK(r.accumulated == whole);
}

TEST_CASE("stream: one byte per write decodes the same as one write")
{
    emu_fixture f;
    auto a = stream_all(f, scripted(echo_request("split me into tiny pieces please"), R"({"write_size":1})"));
    auto b = stream_all(f, echo_request("split me into tiny pieces please"));
    REQUIRE_FALSE(a.end_ec);
    REQUIRE_FALSE(b.end_ec);
    a.accumulated.id = b.accumulated.id;
    CHECK(a.accumulated == b.accumulated);
    CHECK(a.deltas.size() == b.deltas.size());
}

TEST_CASE("stream: comments are observable but never deltas")
{
    emu_fixture f;
    std::vector<std::string> seen;
    auto n = f.run([&]() -> asio::awaitable<std::size_t> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, f.options());
        auto s = co_await cli.async_chat_stream(scripted(echo_request("hi"), R"({"comments_ms":300})"));
        s.set_comment_handler([&](std::string_view c) { seen.emplace_back(c); });
        std::size_t deltas = 0;
        while (auto d = co_await s.async_next())
            ++deltas;
        CHECK(s.comments() == seen.size());
        co_return deltas;
    }());
    CHECK(n == 3);  // "hi", the finish chunk, the usage chunk
    REQUIRE(seen.size() >= 3);
    CHECK(seen.front() == "OPENROUTER PROCESSING");
}

TEST_CASE("stream: a mid-stream error chunk comes after the deltas before it")
{
    emu_fixture f;
    auto r = stream_all(f, scripted(echo_request("a b c d e f"), R"({"error_after_deltas":3})"));
    REQUIRE_FALSE(r.open_ec);
    CHECK(r.end_ec == errc::provider_error);
    REQUIRE(r.deltas.size() == 3);
    CHECK(r.deltas[0].content + r.deltas[1].content + r.deltas[2].content == "a b c");
    CHECK(r.diag.http_status == 200);
    CHECK(r.diag.api_code == "502");
    CHECK_FALSE(r.diag.message.empty());
    CHECK(r.diag.error_type == "server");
    CHECK(r.diag.provider_code == "emulator_stream_error");
    CHECK(r.accumulated.choices.at(0).message.text() == "a b c");
    check_no_key(r.diag);
}

TEST_CASE("stream: truncated streams and bad events get clear errors")
{
    struct row {
        const char* script;
        errc expected;
    };
    const row rows[] = {
        {R"({"no_done":true})", errc::stream_truncated},
        {R"({"malformed":"truncated"})", errc::stream_truncated},
        {R"({"close_after_bytes":400})", errc::stream_truncated},
        {R"({"malformed_event_after":2})", errc::invalid_response},
        {R"({"malformed":"not_json"})", errc::invalid_response},
    };
    for (const auto& [script, expected] : rows) {
        DYNAMIC_SECTION(script)
        {
            emu_fixture f;
            auto r = stream_all(f, scripted(echo_request("one two three four five"), script));
            REQUIRE_FALSE(r.open_ec);
            CHECK(r.end_ec == expected);
            CHECK_FALSE(r.diag.summary().empty());
            check_no_key(r.diag);
            if (expected == errc::invalid_response)
                CHECK_FALSE(r.diag.body_excerpt.empty());
            if (std::string_view(script).find("malformed_event_after") != std::string_view::npos)
                CHECK(r.diag.body_excerpt.find("{not json") != std::string::npos);
        }
    }
}

TEST_CASE("stream: an event over the size limit fails with event_too_large")
{
    emu_fixture f;
    auto o = f.options();
    o.limits.max_event_bytes = 128;  // every chunk event is about 300 bytes
    auto r = stream_all(f, echo_request("hello there"), o);
    REQUIRE_FALSE(r.open_ec);
    CHECK(r.end_ec == errc::event_too_large);
    CHECK(r.deltas.empty());
}

TEST_CASE("stream: errors before the stream starts fail the open")
{
    emu_fixture f;
    auto r = stream_all(f, scripted(echo_request("x"), R"({"status":429,"retry_after":"4"})"));
    CHECK(r.open_ec == errc::rate_limited);
    CHECK(r.diag.http_status == 429);
    CHECK(r.diag.retry_after == std::chrono::milliseconds(4000));
    auto r2 =
        stream_all(f, scripted(echo_request("x"), R"({"status":200,"content_type":"text/html","body":"<p>hi</p>"})"));
    CHECK(r2.open_ec == errc::unexpected_content_type);
}

TEST_CASE("stream: a clean stream returns its connection for reuse")
{
    emu_fixture f;
    f.run([&]() -> asio::awaitable<void> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, f.options());
        for (int i = 0; i < 3; ++i) {
            auto s = co_await cli.async_chat_stream(echo_request("again and again"));
            while (co_await s.async_next()) {
            }
        }
        auto c = co_await cli.async_chat(echo_request("then a plain call"));
        CHECK(c.choices.at(0).message.text() == "then a plain call");
    }());
    CHECK(f.emu.connections_accepted() == 1);
}

TEST_CASE("stream: cancel() mid-stream closes the connection promptly")
{
    emu_fixture f;
    auto ec = f.run([&]() -> asio::awaitable<error_code> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, f.options());
        auto s = co_await cli.async_chat_stream(
            scripted(echo_request("a b c d e f g"), R"({"stall_after_events":2,"stall_ms":10000})"));
        auto d1 = co_await s.async_next();
        REQUIRE(d1);
        asio::steady_timer t(ex);
        t.expires_after(100ms);
        t.async_wait([&](error_code) { s.cancel(); });
        const auto t0 = std::chrono::steady_clock::now();
        error_code got;
        for (;;) {
            auto [e, d] = co_await s.async_next(asio::as_tuple(asio::use_awaitable));
            if (e || !d) {
                got = e;
                break;
            }
        }
        CHECK(std::chrono::steady_clock::now() - t0 < 5s);
        auto [e2, d2] = co_await s.async_next(asio::as_tuple(asio::use_awaitable));  // sticky
        CHECK(e2 == asio::error::operation_aborted);
        co_return got;
    }());
    CHECK(ec == asio::error::operation_aborted);
    CHECK(f.emu.wait_for_connections_open(0, 3s));
    CHECK(f.emu.connections_closed_by_client() >= 1);
}

TEST_CASE("stream: per-operation cancellation of async_next is terminal")
{
    emu_fixture f;
    auto ec = f.run([&]() -> asio::awaitable<error_code> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, f.options());
        auto s = co_await cli.async_chat_stream(
            scripted(echo_request("a b c"), R"({"stall_after_events":1,"stall_ms":10000})"));
        asio::cancellation_signal sig;
        asio::steady_timer t(ex);
        t.expires_after(150ms);
        t.async_wait([&](error_code) { sig.emit(asio::cancellation_type::terminal); });
        error_code got;
        for (;;) {
            auto [e, d] =
                co_await s.async_next(asio::bind_cancellation_slot(sig.slot(), asio::as_tuple(asio::use_awaitable)));
            if (e || !d) {
                got = e;
                break;
            }
        }
        co_return got;
    }());
    CHECK(ec == asio::error::operation_aborted);
    CHECK(f.emu.wait_for_connections_open(0, 3s));
}

TEST_CASE("stream: destroying a stream mid-way closes the connection")
{
    emu_fixture f;
    f.run([&]() -> asio::awaitable<void> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, f.options());
        {
            auto s = co_await cli.async_chat_stream(
                scripted(echo_request("a b c d"), R"({"stall_after_events":2,"stall_ms":10000})"));
            auto d = co_await s.async_next();
            CHECK(d);
        }
        asio::steady_timer t(ex);
        t.expires_after(50ms);
        co_await t.async_wait(asio::use_awaitable);
        CHECK(cli.idle_connections() == 0);
    }());
    CHECK(f.emu.wait_for_connections_open(0, 3s));
}

TEST_CASE("stream: each stream timeout has its own error")
{
    SECTION("first delta")
    {
        emu_fixture f;
        auto o = f.options();
        o.timeouts.first_delta = 200ms;
        auto r = stream_all(f, scripted(echo_request("x y"), R"({"comments_ms":3000})"), o);
        CHECK(r.end_ec == errc::first_delta_timeout);
    }
    SECTION("idle between events")
    {
        emu_fixture f;
        auto o = f.options();
        o.timeouts.idle = 200ms;
        auto r = stream_all(f, scripted(echo_request("x y z"), R"({"stall_after_events":2,"stall_ms":3000})"), o);
        CHECK(r.end_ec == errc::idle_timeout);
        CHECK(r.deltas.size() == 2);
    }
    SECTION("comments keep the stream alive unless told otherwise")
    {
        emu_fixture f;
        auto o = f.options();
        o.timeouts.idle = 250ms;
        auto ok = stream_all(f, scripted(echo_request("x"), R"({"comments_ms":800})"), o);
        CHECK_FALSE(ok.end_ec);
        o.timeouts.comments_reset_idle = false;
        auto r = stream_all(f, scripted(echo_request("x"), R"({"comments_ms":800})"), o);
        CHECK(r.end_ec == errc::idle_timeout);
    }
    SECTION("total")
    {
        emu_fixture f;
        auto o = f.options();
        o.timeouts.total = 300ms;
        auto r = stream_all(f, scripted(echo_request("x y"), R"({"stall_after_events":1,"stall_ms":3000})"), o);
        CHECK(r.end_ec == errc::total_timeout);
    }
    SECTION("response headers")
    {
        emu_fixture f;
        auto o = f.options();
        o.timeouts.response_headers = 150ms;
        auto r = stream_all(f, scripted(echo_request("x"), R"({"delay_ms":3000})"), o);
        CHECK(r.open_ec == errc::response_timeout);
    }
}

TEST_CASE("legacy completions: plain and streamed give the same text")
{
    emu_fixture f;
    openrouter::completion_request req;
    req.prompt = "the quick brown fox";
    req.options.model = "emulator/echo";
    req.options.temperature = 0.2;
    auto [whole, streamed, acc] = f.run(
        [&]() -> asio::awaitable<std::tuple<openrouter::text_completion, std::string, openrouter::text_completion>> {
            auto ex = co_await asio::this_coro::executor;
            openrouter::client cli(ex, f.options());
            auto w = co_await cli.async_completion(req);
            auto s = co_await cli.async_completion_stream(req);
            std::string text;
            while (auto d = co_await s.async_next())
                text += d->content;
            co_return std::tuple{w, text, openrouter::to_text_completion(s.accumulated())};
        }());
    CHECK(whole.object == "text_completion");
    REQUIRE(whole.choices.size() == 1);
    CHECK(whole.choices[0].text == "the quick brown fox");
    CHECK(streamed == "the quick brown fox");
    acc.id = whole.id;
    CHECK(acc == whole);
    auto recorded = f.emu.requests();
    REQUIRE(recorded.size() == 2);
    CHECK(recorded[0].target == "/api/v1/completions");
    auto body = boost::json::parse(recorded[0].body).as_object();
    CHECK(body.at("prompt") == "the quick brown fox");
    CHECK_FALSE(body.contains("messages"));
    CHECK(boost::json::parse(recorded[1].body).as_object().at("stream") == true);
}
