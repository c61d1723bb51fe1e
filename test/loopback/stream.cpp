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
    CHECK(r.deltas.front().provider == "Emulator");
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
                    boost::json::parse(R"({"type":"object","properties":{"location":{"type":"string"}}})").as_object())};
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
