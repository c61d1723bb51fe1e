// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The Responses API against the emulator: whole and streamed, tool calls, errors, limits.

#include "loopback/run_op.hpp"

#include <openrouter/responses.hpp>

#include <boost/asio/steady_timer.hpp>

using namespace test;
using openrouter::errc;
using openrouter::error_code;

namespace {

openrouter::responses_request echo(std::string text)
{
    openrouter::responses_request r;
    r.model = "emulator/echo";
    r.input = std::move(text);
    return r;
}

auto respond(openrouter::responses_request r)
{
    return [r](openrouter::client& c, openrouter::diagnostics& d) {
        return openrouter::async_responses(c, r, d, asio::as_tuple(asio::use_awaitable));
    };
}

struct streamed {
    error_code open_ec;
    error_code end_ec;
    std::vector<openrouter::responses_event> events;
    std::string text;
    std::optional<openrouter::responses_result> final_response;
    openrouter::diagnostics diag;
};

streamed stream_all(emu_fixture& f, openrouter::responses_request r, openrouter::client_options o)
{
    return f.run([&]() -> asio::awaitable<streamed> {
        openrouter::client cli(co_await asio::this_coro::executor, o);
        streamed out;
        auto [ec, s] =
            co_await openrouter::async_responses_stream(cli, r, out.diag, asio::as_tuple(asio::use_awaitable));
        out.open_ec = ec;
        if (ec)
            co_return out;
        for (;;) {
            auto [e, ev] = co_await s.async_next(out.diag, asio::as_tuple(asio::use_awaitable));
            if (e || !ev) {
                out.end_ec = e;
                break;
            }
            out.events.push_back(std::move(*ev));
        }
        CHECK(s.done());
        out.text = s.text();
        out.final_response = s.final_response();
        co_return out;
    }());
}

}  // namespace

TEST_CASE("responses: echo answers with an output message and the request is recorded")
{
    emu_fixture f;
    auto req = echo("Hello responses API");
    req.instructions = std::string("Repeat.");
    req.temperature = 0.2;
    req.metadata = boost::json::object{{"k", "v"}};
    auto r = run_op<openrouter::responses_result>(f, f.options(), respond(req));
    REQUIRE_FALSE(r.ec);
    CHECK(r.value.object == "response");
    CHECK(r.value.status == "completed");
    CHECK(r.value.model == "emulator/echo");
    CHECK(r.value.id.rfind("resp-emu-", 0) == 0);
    CHECK(r.value.output_text() == "Hello responses API");
    REQUIRE(r.value.output.size() == 1);
    CHECK(r.value.output[0].type == "message");
    CHECK(r.value.output[0].role == "assistant");
    REQUIRE(r.value.usage);
    CHECK(r.value.usage->output_tokens == 3);
    CHECK(r.value.usage->total_tokens == r.value.usage->input_tokens + r.value.usage->output_tokens);
    CHECK(r.value.extra.at("instructions") == "Repeat.");
    CHECK(r.value.extra.at("metadata").at("k") == "v");

    auto rec = f.emu.requests();
    REQUIRE(rec.size() == 1);
    CHECK(rec[0].method == "POST");
    CHECK(rec[0].target == "/api/v1/responses");
    auto body = boost::json::parse(rec[0].body).as_object();
    CHECK(body.at("input") == "Hello responses API");
    CHECK(body.at("instructions") == "Repeat.");
    CHECK(body.at("temperature") == 0.2);
    CHECK_FALSE(body.contains("stream"));
}

TEST_CASE("responses: items with a function call round trip through the tools model")
{
    emu_fixture f;
    openrouter::responses_request req;
    req.model = "emulator/tools";
    req.input = std::vector<openrouter::response_input_item>{openrouter::response_input_item::user("weather?")};
    openrouter::response_tool t;
    t.name = "get_weather";
    t.parameters = boost::json::parse(R"({"type":"object","properties":{"city":{"type":"string"}}})").as_object();
    req.tools.push_back(t);
    auto r = run_op<openrouter::responses_result>(f, f.options(), respond(req));
    REQUIRE_FALSE(r.ec);
    REQUIRE(r.value.output.size() == 1);
    const auto& call = r.value.output[0];
    CHECK(call.type == "function_call");
    CHECK(call.name == "get_weather");
    CHECK(boost::json::parse(call.arguments) == boost::json::parse(R"({"city":"emu"})"));
    REQUIRE_FALSE(call.call_id.empty());

    auto items = std::get<std::vector<openrouter::response_input_item>>(req.input);
    items.push_back(openrouter::response_input_item::function_call(call.call_id, call.name, call.arguments));
    items.push_back(openrouter::response_input_item::function_call_output(call.call_id, "sunny and warm"));
    req.input = items;
    auto r2 = run_op<openrouter::responses_result>(f, f.options(), respond(req));
    REQUIRE_FALSE(r2.ec);
    CHECK(r2.value.output_text() == "sunny and warm");
}

TEST_CASE("responses: reasoning and the max_output_tokens limit")
{
    emu_fixture f;
    auto req = echo("one two three four five");
    req.model = "emulator/reasoning";
    req.max_output_tokens = 2;
    auto r = run_op<openrouter::responses_result>(f, f.options(), respond(req));
    REQUIRE_FALSE(r.ec);
    CHECK(r.value.status == "incomplete");
    REQUIRE(r.value.incomplete_details.has_value());
    CHECK(r.value.incomplete_details->at("reason") == "max_output_tokens");
    REQUIRE(r.value.output.size() == 2);
    CHECK(r.value.output[0].type == "reasoning");
    REQUIRE(r.value.output[0].summary.size() == 1);
    CHECK(r.value.output[0].summary[0].find("Thinking") == 0);
    CHECK(r.value.usage->reasoning_tokens > 0);
}

TEST_CASE("responses: invalid requests and documented error statuses")
{
    emu_fixture f;
    openrouter::responses_request none;
    none.input = "x";
    auto r = run_op<openrouter::responses_result>(f, f.options(), respond(none));
    CHECK(r.ec == errc::invalid_request);
    CHECK(f.emu.requests().empty());
    auto unknown = echo("x");
    unknown.model = "nope/none";
    CHECK(run_op<openrouter::responses_result>(f, f.options(), respond(unknown)).ec == errc::bad_request);

    for (int status : {400, 401, 402, 404, 408, 413, 422, 429, 500, 502, 503, 524, 529}) {
        auto e = run_op<openrouter::responses_result>(
            f, with_script(f.options(), R"({"status":)" + std::to_string(status) + "}"), respond(echo("x")));
        CHECK(e.ec);
        CHECK(e.diag.http_status == status);
        check_no_key(e.diag);
    }
    auto bad = run_op<openrouter::responses_result>(
        f, with_script(f.options(), R"({"body":"{\"output\":[{\"type\":\"message\",\"content\":7}]}"})"),
        respond(echo("x")));
    CHECK(bad.ec == errc::invalid_response);
    CHECK(bad.diag.detail.find("output[0].content") != std::string::npos);
    auto o = with_script(f.options(), R"({"body_bytes":60000})");
    o.limits.max_body_bytes = 4000;
    CHECK(run_op<openrouter::responses_result>(f, o, respond(echo("x"))).ec == errc::body_too_large);
}

TEST_CASE("responses: streamed events in order and the text equals the whole reply")
{
    emu_fixture f;
    auto whole = run_op<openrouter::responses_result>(f, f.options(), respond(echo("stream these five words")));
    REQUIRE_FALSE(whole.ec);
    auto s = stream_all(f, echo("stream these five words"), f.options());
    REQUIRE_FALSE(s.open_ec);
    REQUIRE_FALSE(s.end_ec);
    REQUIRE(s.events.size() >= 5);
    CHECK(s.events.front().type == "response.created");
    REQUIRE(s.events.front().response);
    CHECK(s.events.front().response->status == "in_progress");
    CHECK(s.events.back().type == "response.completed");
    std::string deltas;
    std::int64_t seq = -1;
    std::size_t n_delta = 0;
    for (const auto& e : s.events) {
        CHECK(e.sequence_number == seq + 1);
        seq = e.sequence_number;
        if (e.is_text_delta()) {
            deltas += e.delta();
            ++n_delta;
        }
    }
    CHECK(n_delta == 4);
    CHECK(deltas == "stream these five words");
    CHECK(s.text == deltas);
    REQUIRE(s.final_response);
    CHECK(s.final_response->output_text() == whole.value.output_text());
    CHECK(s.final_response->usage->output_tokens == whole.value.usage->output_tokens);
    auto body = boost::json::parse(f.emu.requests().back().body).as_object();
    CHECK(body.at("stream") == true);
}

TEST_CASE("responses: streamed function call arguments arrive in pieces")
{
    emu_fixture f;
    openrouter::responses_request req;
    req.model = "emulator/tools";
    req.input = "call it";
    openrouter::response_tool t;
    t.name = "lookup";
    t.parameters =
        boost::json::parse(R"({"type":"object","properties":{"query":{"type":"string"},"n":{"type":"integer"}}})")
            .as_object();
    req.tools.push_back(t);
    auto s = stream_all(f, req, f.options());
    REQUIRE_FALSE(s.end_ec);
    std::string args;
    for (const auto& e : s.events)
        if (e.type == "response.function_call_arguments.delta")
            args += e.delta();
    CHECK(boost::json::parse(args) == boost::json::parse(R"({"query":"emu","n":1})"));
    REQUIRE(s.final_response);
    REQUIRE(s.final_response->output.size() == 1);
    CHECK(s.final_response->output[0].arguments == args);
}

TEST_CASE("responses: an in-band error event comes after the events before it")
{
    emu_fixture f;
    auto s = stream_all(f, echo("a b c d e f"),
                        with_script(f.options(), R"({"error_after_deltas":2,"error_message":"upstream died"})"));
    REQUIRE_FALSE(s.open_ec);
    CHECK(s.end_ec == errc::stream_error);
    CHECK(s.diag.message == "upstream died");
    CHECK(s.diag.api_code == "server_error");
    CHECK(s.text == "a b");
    CHECK_FALSE(s.final_response);

    auto numeric =
        stream_all(f, echo("a b c"), with_script(f.options(), R"({"error_after_deltas":1,"error_code":429})"));
    CHECK(numeric.end_ec == errc::rate_limited);
}

TEST_CASE("responses: truncated and malformed streams and stream open errors")
{
    emu_fixture f;
    auto cut = stream_all(f, echo("a b c d e f g h"), with_script(f.options(), R"({"malformed":"truncated"})"));
    CHECK(cut.end_ec == errc::stream_truncated);
    auto bad = stream_all(f, echo("a b c"), with_script(f.options(), R"({"malformed_event_after":1})"));
    CHECK(bad.end_ec == errc::invalid_response);
    CHECK(bad.diag.detail.find("invalid stream event") == 0);
    auto shape = stream_all(f, echo("a b c"), with_script(f.options(), R"({"malformed":"wrong_shape"})"));
    CHECK(shape.end_ec == errc::invalid_response);
    CHECK(shape.events.empty());
    // No [DONE] after response.completed is still a clean end.
    auto no_done = stream_all(f, echo("a b"), with_script(f.options(), R"({"no_done":true})"));
    CHECK_FALSE(no_done.end_ec);
    CHECK(no_done.text == "a b");

    auto open = stream_all(f, echo("x"), with_script(f.options(), R"({"status":429})"));
    CHECK(open.open_ec == errc::rate_limited);
    CHECK(open.diag.http_status == 429);
    auto ctype = stream_all(f, echo("x"), with_script(f.options(), R"({"content_type":"text/plain"})"));
    CHECK(ctype.open_ec == errc::unexpected_content_type);
    auto small = f.options();
    small.limits.max_event_bytes = 64;
    auto big = stream_all(f, echo("x"), small);
    CHECK(big.end_ec == errc::event_too_large);
}

TEST_CASE("responses: clean streams reuse the connection and cancel stops a stalled one")
{
    emu_fixture f;
    f.run([&]() -> asio::awaitable<void> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, f.options());
        for (int i = 0; i < 2; ++i) {
            auto s = co_await openrouter::async_responses_stream(cli, echo("again"));
            while (co_await s.async_next()) {
            }
        }
        auto r = co_await openrouter::async_responses(cli, echo("then whole"));
        CHECK(r.output_text() == "then whole");
    }());
    CHECK(f.emu.connections_accepted() == 1);

    auto ec = f.run([&]() -> asio::awaitable<error_code> {
        auto ex = co_await asio::this_coro::executor;
        auto o = with_script(f.options(), R"({"stall_after_events":3,"stall_ms":10000})");
        openrouter::client cli(ex, o);
        auto s = co_await openrouter::async_responses_stream(cli, echo("a b c d"));
        auto first = co_await s.async_next();
        REQUIRE(first);
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
        co_return got;
    }());
    CHECK(ec == asio::error::operation_aborted);

    auto idle = f.options();
    idle.timeouts.idle = 200ms;
    auto s = stream_all(f, echo("a b c"), with_script(idle, R"({"stall_after_events":2,"stall_ms":3000})"));
    CHECK(s.end_ec == errc::idle_timeout);
}
