// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Retry, fallback, hedging and circuit breaking, driven against the emulator.

#include "loopback/common.hpp"

#include <openrouter/policies.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/steady_timer.hpp>

using namespace test;
using openrouter::errc;
using openrouter::error_code;
namespace retry = openrouter::retry;
namespace fallback = openrouter::fallback;

namespace {

struct outcome {
    error_code ec;
    openrouter::chat_completion completion;
    openrouter::diagnostics diag;
    std::chrono::milliseconds took{};
};

outcome chat_with(emu_fixture& f, openrouter::client_options o, openrouter::chat_request req)
{
    return f.run([&]() -> asio::awaitable<outcome> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, o);
        outcome r;
        const auto t0 = std::chrono::steady_clock::now();
        auto [ec, c] = co_await cli.async_chat(std::move(req), r.diag, asio::as_tuple(asio::use_awaitable));
        r.took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
        r.ec = ec;
        r.completion = std::move(c);
        co_return r;
    }());
}

std::string model_of_request(const openrouter::emulator::recorded_request& r)
{
    return std::string(boost::json::parse(r.body).as_object().at("model").as_string());
}

fallback::overrides script(std::string_view json)
{
    fallback::overrides o;
    o.extra["emulator"] = boost::json::parse(json);
    return o;
}

}  // namespace

TEST_CASE("policies: 429 with Retry-After twice then success")
{
    emu_fixture f;
    auto o = f.options();
    o.policies.retry = retry::default_policy();
    auto r = chat_with(
        f, o, scripted(echo_request("patience"), R"({"key":"ra","statuses":[429,429,200],"retry_after_ms":120})"));
    REQUIRE_FALSE(r.ec);
    CHECK(r.completion.choices.at(0).message.text() == "patience");
    REQUIRE(r.diag.attempts.size() == 3);
    CHECK(r.diag.attempts[0].http_status == 429);
    CHECK(r.diag.attempts[0].decision.rfind("retry", 0) == 0);
    CHECK(r.diag.attempts[0].delay_before_next >= std::chrono::milliseconds(120));
    CHECK(r.diag.attempts[1].delay_before_next >= std::chrono::milliseconds(120));
    CHECK(r.diag.attempts[2].http_status == 200);
    CHECK(r.took >= std::chrono::milliseconds(240));
    CHECK(f.emu.requests().size() == 3);
}

TEST_CASE("policies: retries exhausted report every attempt")
{
    emu_fixture f;
    auto o = f.options();
    o.policies.retry =
        retry::limit(2, retry::only_if(retry::transient, retry::fixed_delay{std::chrono::milliseconds(10)}));
    auto r = chat_with(f, o, scripted(echo_request("x"), R"({"status":503})"));
    CHECK(r.ec == errc::no_provider_available);
    CHECK(r.diag.http_status == 503);
    CHECK(r.diag.attempts.size() == 3);
    CHECK(f.emu.requests().size() == 3);
}

TEST_CASE("policies: a permanent error is not retried")
{
    emu_fixture f;
    auto o = f.options();
    o.policies.retry = retry::default_policy();
    auto r = chat_with(f, o, scripted(echo_request("x"), R"({"status":401})"));
    CHECK(r.ec == errc::unauthorized);
    CHECK(r.diag.attempts.size() == 1);
    CHECK(f.emu.requests().size() == 1);
}

TEST_CASE("policies: 502 on model A then model B succeeds")
{
    emu_fixture f;
    auto o = f.options();
    o.policies.fallback.chain =
        fallback::model_chain{{"emulator/echo", script(R"({"status":502})")}, {"emulator/lorem"}};
    auto req = echo_request("fall back please");
    req.max_tokens = 3;
    auto r = chat_with(f, o, req);
    REQUIRE_FALSE(r.ec);
    CHECK(r.completion.model == "emulator/lorem");
    auto recorded = f.emu.requests();
    REQUIRE(recorded.size() == 2);
    CHECK(model_of_request(recorded[0]) == "emulator/echo");
    CHECK(model_of_request(recorded[1]) == "emulator/lorem");
    REQUIRE(r.diag.attempts.size() == 2);
    CHECK(r.diag.attempts[0].model == "emulator/echo");
    CHECK(r.diag.attempts[0].decision.rfind("fallback", 0) == 0);
    CHECK(r.diag.attempts[1].model == "emulator/lorem");
}

TEST_CASE("policies: a context-length 400 falls back to the next model")
{
    emu_fixture f;
    auto o = f.options();
    o.policies.fallback.chain = fallback::model_chain{
        {"emulator/echo",
         script(R"({"status":400,"error_message":"This model's maximum context length is 10 tokens"})")},
        {"emulator/reasoning"}};
    auto r = chat_with(f, o, echo_request("a long prompt"));
    REQUIRE_FALSE(r.ec);
    CHECK(r.completion.model == "emulator/reasoning");
    REQUIRE(r.diag.attempts.size() == 2);
    CHECK(r.diag.attempts[0].error == errc::context_length_exceeded);
}

TEST_CASE("policies: server-side fallback sends models and route")
{
    emu_fixture f;
    auto o = f.options();
    o.policies.fallback.server = fallback::server_side{{"emulator/echo", "emulator/lorem"}, "fallback"};
    auto r = chat_with(f, o, echo_request("server side"));
    REQUIRE_FALSE(r.ec);
    auto body = boost::json::parse(f.emu.requests().at(0).body).as_object();
    CHECK(body.at("models").as_array().size() == 2);
    CHECK(body.at("route") == "fallback");
}

TEST_CASE("policies: per-request policies replace the client's")
{
    emu_fixture f;
    auto o = f.options();
    o.policies.retry = retry::limit(3, retry::fixed_delay{std::chrono::milliseconds(5)});
    auto req = scripted(echo_request("x"), R"({"status":503})");
    auto none = std::make_shared<openrouter::request_policies>();
    none->retry = retry::none();
    req.policies = none;
    auto r = chat_with(f, o, req);
    CHECK(r.ec == errc::no_provider_available);
    CHECK(f.emu.requests().size() == 1);
}

TEST_CASE("policies: cancellation during a backoff returns at once")
{
    emu_fixture f;
    auto o = f.options();
    o.policies.retry = retry::limit(3, retry::fixed_delay{std::chrono::seconds(10)});
    auto [ec, took] = f.run([&]() -> asio::awaitable<std::pair<error_code, std::chrono::milliseconds>> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, o);
        asio::cancellation_signal sig;
        asio::steady_timer t(ex);
        t.expires_after(std::chrono::milliseconds(200));
        t.async_wait([&](error_code) { sig.emit(asio::cancellation_type::terminal); });
        const auto t0 = std::chrono::steady_clock::now();
        auto [e, c] =
            co_await cli.async_chat(scripted(echo_request("x"), R"({"status":503})"),
                                    asio::bind_cancellation_slot(sig.slot(), asio::as_tuple(asio::use_awaitable)));
        co_return std::pair{
            e, std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)};
    }());
    CHECK(ec == asio::error::operation_aborted);
    CHECK(took < std::chrono::seconds(3));
    CHECK(f.emu.requests().size() == 1);
}

TEST_CASE("policies: a hedge that wins cancels the slow first attempt")
{
    emu_fixture f;
    auto o = f.options();
    o.policies.fallback.chain =
        fallback::model_chain{{"emulator/echo", script(R"({"delay_ms":5000})")}, {"emulator/lorem"}};
    o.policies.hedge =
        openrouter::hedge::policy{std::chrono::milliseconds(150), 1, openrouter::hedge::target_model::next};
    auto r = chat_with(f, o, echo_request("race"));
    REQUIRE_FALSE(r.ec);
    CHECK(r.completion.model == "emulator/lorem");
    CHECK(r.took < std::chrono::seconds(3));
    CHECK(f.emu.wait_for_connections_open(0, std::chrono::seconds(3)));
    CHECK(f.emu.connections_closed_by_client() >= 1);  // the loser's connection was closed
}

TEST_CASE("policies: a hedge that loses is cancelled and its connection closed")
{
    emu_fixture f;
    auto o = f.options();
    o.policies.fallback.chain = fallback::model_chain{{"emulator/echo", script(R"({"delay_ms":400})")},
                                                      {"emulator/lorem", script(R"({"delay_ms":5000})")}};
    o.policies.hedge =
        openrouter::hedge::policy{std::chrono::milliseconds(100), 1, openrouter::hedge::target_model::next};
    auto [model, loser_closed] = f.run([&]() -> asio::awaitable<std::pair<std::string, bool>> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, o);
        auto c = co_await cli.async_chat(echo_request("first wins"));
        // The winner's connection stays open for reuse; the hedge's was closed.
        const bool closed =
            f.emu.wait_for_connections_open(1, std::chrono::seconds(3)) && f.emu.connections_closed_by_client() == 1;
        co_return std::pair{c.model, closed};
    }());
    CHECK(model == "emulator/echo");
    CHECK(loser_closed);
    CHECK(f.emu.requests().size() == 2);
}

TEST_CASE("policies: a circuit breaker opens then half-opens")
{
    emu_fixture f;
    auto o = f.options();
    o.policies.circuit_breaker.enabled = true;
    o.policies.circuit_breaker.failure_threshold = 2;
    o.policies.circuit_breaker.cool_down = std::chrono::milliseconds(300);
    o.policies.circuit_breaker.per_host = false;
    auto results = f.run([&]() -> asio::awaitable<std::vector<error_code>> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, o);
        std::vector<error_code> out;
        for (int i = 0; i < 3; ++i) {
            auto [ec, c] = co_await cli.async_chat(scripted(echo_request("x"), R"({"status":502})"),
                                                   asio::as_tuple(asio::use_awaitable));
            out.push_back(ec);
        }
        asio::steady_timer t(ex);
        t.expires_after(std::chrono::milliseconds(400));
        co_await t.async_wait(asio::use_awaitable);
        auto [ec, c] = co_await cli.async_chat(echo_request("healed"), asio::as_tuple(asio::use_awaitable));
        out.push_back(ec);
        co_return out;
    }());
    REQUIRE(results.size() == 4);
    CHECK(results[0] == errc::provider_error);
    CHECK(results[1] == errc::provider_error);
    CHECK(results[2] == errc::circuit_open);  // refused without a request
    CHECK_FALSE(results[3]);                  // the half-open trial succeeded
    CHECK(f.emu.requests().size() == 3);
}

TEST_CASE("policies: the decision hook sees every attempt")
{
    emu_fixture f;
    auto o = f.options();
    std::vector<std::string> decisions;
    o.policies.retry = retry::limit(1, retry::fixed_delay{std::chrono::milliseconds(5)});
    o.policies.on_attempt = [&](const openrouter::attempt_record& a) { decisions.push_back(a.decision); };
    auto r = chat_with(f, o, scripted(echo_request("x"), R"({"key":"hook","statuses":[500,200]})"));
    REQUIRE_FALSE(r.ec);
    REQUIRE(decisions.size() == 2);
    CHECK(decisions[0].rfind("retry", 0) == 0);
    CHECK(decisions[1] == "success");
}

TEST_CASE("policies: a stream open is retried before anything reaches the caller")
{
    emu_fixture f;
    auto o = f.options();
    o.policies.retry = retry::limit(2, retry::fixed_delay{std::chrono::milliseconds(10)});
    auto text = f.run([&]() -> asio::awaitable<std::string> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, o);
        auto s = co_await cli.async_chat_stream(
            scripted(echo_request("second time lucky"), R"({"key":"st","statuses":[503,200]})"));
        std::string t;
        while (auto d = co_await s.async_next())
            t += d->content;
        co_return t;
    }());
    CHECK(text == "second time lucky");
    CHECK(f.emu.requests().size() == 2);
}

TEST_CASE("policies: the generic call and typed operations are retried too")
{
    emu_fixture f;
    auto o = f.options();
    o.policies.retry = retry::limit(2, retry::fixed_delay{std::chrono::milliseconds(10)});
    o.default_headers = {{"X-Emulator", R"({"key":"gen","statuses":[502,200]})"}};
    auto status = f.run([&]() -> asio::awaitable<int> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, o);
        openrouter::api_request r;
        r.path = "/models";
        auto res = co_await cli.async_request(r);
        co_return res.status;
    }());
    CHECK(status == 200);
    CHECK(f.emu.requests().size() == 2);
}

namespace {

struct streamed {
    error_code ec;
    std::vector<openrouter::chat_delta> items;  // deltas and notices, in order
    openrouter::chat_completion accumulated;
};

streamed stream_with(emu_fixture& f, openrouter::client_options o, openrouter::chat_request req)
{
    return f.run([&]() -> asio::awaitable<streamed> {
        auto ex = co_await asio::this_coro::executor;
        openrouter::client cli(ex, o);
        streamed r;
        auto [oec, s] = co_await cli.async_chat_stream(std::move(req), asio::as_tuple(asio::use_awaitable));
        if (oec) {
            r.ec = oec;
            co_return r;
        }
        for (;;) {
            auto [e, d] = co_await s.async_next(asio::as_tuple(asio::use_awaitable));
            if (e || !d) {
                r.ec = e;
                break;
            }
            r.items.push_back(std::move(*d));
        }
        r.accumulated = s.accumulated();
        co_return r;
    }());
}

std::string text_of(const streamed& s)
{
    std::string t;
    for (const auto& d : s.items)
        t += d.content;
    return t;
}

std::size_t notices(const streamed& s, openrouter::stream_event e)
{
    return static_cast<std::size_t>(
        std::count_if(s.items.begin(), s.items.end(), [&](const openrouter::chat_delta& d) { return d.event == e; }));
}

openrouter::client_options two_models(emu_fixture& f, std::string_view first_script)
{
    auto o = f.options();
    o.policies.fallback.chain = fallback::model_chain{{"emulator/echo", script(first_script)}, {"emulator/reasoning"}};
    return o;
}

}  // namespace

TEST_CASE("policies: a stream that fails before its first delta is retried invisibly")
{
    emu_fixture f;
    auto r = stream_with(f, two_models(f, R"({"error_after_deltas":0})"), echo_request("one two three"));
    REQUIRE_FALSE(r.ec);
    CHECK(text_of(r) == "one two three");
    CHECK(notices(r, openrouter::stream_event::restarted) == 0);
    CHECK(notices(r, openrouter::stream_event::continued) == 0);
    CHECK(r.accumulated.model == "emulator/reasoning");
    CHECK(f.emu.requests().size() == 2);
}

TEST_CASE("policies: after a delta a stream failure fails by default")
{
    emu_fixture f;
    auto r = stream_with(f, two_models(f, R"({"error_after_deltas":2})"), echo_request("one two three four"));
    CHECK(r.ec == errc::provider_error);
    CHECK(text_of(r) == "one two");
    CHECK(f.emu.requests().size() == 1);
}

TEST_CASE("policies: after a delta the stream may restart from scratch")
{
    emu_fixture f;
    auto o = two_models(f, R"({"error_after_deltas":2})");
    o.policies.on_stream_failure = openrouter::stream_recovery::restart;
    auto r = stream_with(f, o, echo_request("one two three four"));
    REQUIRE_FALSE(r.ec);
    REQUIRE(notices(r, openrouter::stream_event::restarted) == 1);
    // Two deltas of the first model, the notice, then the whole second answer.
    std::size_t i = 0;
    while (r.items[i].event == openrouter::stream_event::delta)
        ++i;
    CHECK(i == 2);
    std::string after;
    for (std::size_t k = i + 1; k < r.items.size(); ++k)
        after += r.items[k].content;
    CHECK(after == "one two three four");
    CHECK(r.accumulated.choices.at(0).message.text() == "one two three four");  // reset at the restart
    CHECK(r.accumulated.model == "emulator/reasoning");
    CHECK(f.emu.requests().size() == 2);
}

TEST_CASE("policies: after a delta the stream may continue on the next model with a prefill")
{
    emu_fixture f;
    auto o = two_models(f, R"({"error_after_deltas":2})");
    o.policies.on_stream_failure = openrouter::stream_recovery::continue_with_prefill;
    auto r = stream_with(f, o, echo_request("one two three four"));
    REQUIRE_FALSE(r.ec);
    CHECK(notices(r, openrouter::stream_event::continued) == 1);
    auto recorded = f.emu.requests();
    REQUIRE(recorded.size() == 2);
    auto second = boost::json::parse(recorded[1].body).as_object();
    CHECK(second.at("model") == "emulator/reasoning");
    const auto& msgs = second.at("messages").as_array();
    REQUIRE(msgs.size() == 2);
    CHECK(msgs[1].as_object().at("role") == "assistant");
    CHECK(msgs[1].as_object().at("content") == "one two");
    // The accumulated answer is the partial one plus the continuation.
    CHECK(r.accumulated.choices.at(0).message.text().rfind("one two", 0) == 0);
}
