// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The client on several threads (label `threads`; the TSan build of the test command runs these,
// docs/reliability.md): one client shared by coroutines on an io_context run by 4 threads
// (chats, streams, policies with breakers and hedging, cancellation from other threads), and
// several clients on several io_contexts.
//
// The coroutines are lambdas without captures, their state in parameters (copied into the
// frame): a capturing lambda would die before the coroutine it started.
// Catch2 v2 is not thread-safe: the coroutines only record what happened (threads::tally); every
// assertion runs on the test's own thread after the io_context has stopped.

#include "threads/runner.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <atomic>
#include <thread>

using namespace threads;
using openrouter::errc;
using openrouter::error_code;
namespace retry = openrouter::retry;
namespace fallback = openrouter::fallback;

namespace {

// Streams `req` to its end; the text, or the error that ended it.
asio::awaitable<std::pair<error_code, std::string>> stream_text(openrouter::client& cli, openrouter::chat_request req)
{
    auto [ec, s] = co_await cli.async_chat_stream(std::move(req), asio::as_tuple(asio::use_awaitable));
    if (ec)
        co_return std::pair{ec, std::string()};
    std::string text;
    for (;;) {
        auto [e, d] = co_await s.async_next(asio::as_tuple(asio::use_awaitable));
        if (e)
            co_return std::pair{e, text};
        if (!d)
            break;
        text += d->content;
    }
    co_return std::pair{error_code(), text};
}

// One worker: `rounds` chats and streams on a shared client, each checked against its echo.
asio::awaitable<void> echo_worker(openrouter::client& cli, int id, int rounds, tally& t)
{
    for (int i = 0; i < rounds; ++i) {
        const std::string text = "worker " + std::to_string(id) + " round " + std::to_string(i);
        if (i % 2 == 0) {
            auto [ec, c] = co_await cli.async_chat(echo_request(text), asio::as_tuple(asio::use_awaitable));
            t.record(ec, !ec && c.choices.at(0).message.text() == text);
        } else {
            auto [ec, got] = co_await stream_text(cli, echo_request(text));
            t.record(ec, !ec && got == text);
        }
    }
}

constexpr int policy_rounds = 6;

asio::awaitable<void> policy_worker(openrouter::client& cli, tally& t, int w)
{
    for (int i = 0; i < policy_rounds; ++i) {
        const std::string text = "policy " + std::to_string(w) + " " + std::to_string(i);
        // A 502 then 200 (the retry recovers), a slow first attempt (the hedge races it),
        // or a plain answer; chats and streams alternate.
        const std::string key = "k" + std::to_string(w) + "_" + std::to_string(i);
        std::string script = "{}";
        if (i % 3 == 0)
            script = R"({"statuses":[502,200],"key":")" + key + "\"}";
        else if (i % 3 == 1)
            script = R"({"delay_ms":150})";
        auto req = scripted(echo_request(text), script);
        // Echo or the reasoning model (fallback or hedge) answer with the same content.
        if (w % 2 == 0) {
            auto [ec, c] = co_await cli.async_chat(std::move(req), asio::as_tuple(asio::use_awaitable));
            t.record(ec, !ec && c.choices.at(0).message.text() == text, {errc::circuit_open, errc::provider_error});
        } else {
            auto [ec, got] = co_await stream_text(cli, std::move(req));
            t.record(ec, !ec && got == text, {errc::circuit_open, errc::provider_error});
        }
    }
}

asio::awaitable<void> cancelled_reader(openrouter::client& cli, tally& t,
                                       std::shared_ptr<openrouter::chat_stream>& handle, std::atomic<int>& started,
                                       std::atomic<int>& seen, openrouter::chat_request req)
{
    auto [ec, s] = co_await cli.async_chat_stream(std::move(req), asio::as_tuple(asio::use_awaitable));
    if (ec) {
        t.record(ec, false);
        co_return;
    }
    // Published before the first delta is counted (seen's release): the canceller reads it
    // only after it saw a count.
    handle = std::make_shared<openrouter::chat_stream>(std::move(s));
    auto stream = handle;
    started.fetch_add(1);
    for (;;) {
        auto [e, d] = co_await stream->async_next(asio::as_tuple(asio::use_awaitable));
        if (e) {
            t.record(e == asio::error::operation_aborted ? error_code() : e, e == asio::error::operation_aborted);
            co_return;
        }
        if (!d) {
            t.fail("the stream ended before the cancel");
            co_return;
        }
        seen.fetch_add(1, std::memory_order_release);
    }
}

asio::awaitable<void> signalled_call(openrouter::client& cli, tally& t, asio::cancellation_signal& signal,
                                     std::atomic<int>& waiting, int i)
{
    auto req = scripted(echo_request("slow"), R"({"delay_ms":20000})");
    waiting.fetch_add(1);
    const auto t0 = std::chrono::steady_clock::now();
    if (i % 2 == 0) {
        auto [ec, c] = co_await cli.async_chat(
            std::move(req), asio::bind_cancellation_slot(signal.slot(), asio::as_tuple(asio::use_awaitable)));
        t.record(ec == asio::error::operation_aborted ? error_code() : ec,
                 ec == asio::error::operation_aborted &&
                     std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10));
    } else {
        auto [ec, s] = co_await cli.async_chat_stream(
            std::move(req), asio::bind_cancellation_slot(signal.slot(), asio::as_tuple(asio::use_awaitable)));
        t.record(ec == asio::error::operation_aborted ? error_code() : ec,
                 ec == asio::error::operation_aborted &&
                     std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10));
    }
}

asio::awaitable<void> raced_chat(openrouter::client& cli, tally& t, int i)
{
    using namespace asio::experimental::awaitable_operators;
    asio::steady_timer timer(co_await asio::this_coro::executor);
    timer.expires_after(std::chrono::milliseconds(30));
    // Even: the chat is slow and the timer wins (the chat is cancelled); odd: the chat wins.
    const std::string text = "race " + std::to_string(i);
    auto req = i % 2 == 0 ? scripted(echo_request(text), R"({"delay_ms":20000})") : echo_request(text);
    if (i % 2 == 1)
        timer.expires_after(std::chrono::seconds(20));
    auto r = co_await (cli.async_chat(std::move(req), asio::as_tuple(asio::use_awaitable)) ||
                       timer.async_wait(asio::as_tuple(asio::use_awaitable)));
    if (i % 2 == 0)
        t.record(error_code(), r.index() == 1);
    else
        t.record(error_code(), r.index() == 0 && !std::get<0>(std::get<0>(r)) &&
                                   std::get<1>(std::get<0>(r)).choices.at(0).message.text() == text);
}

}  // namespace

TEST_CASE("one client, 4 threads: 48 coroutines chat and stream")
{
    emulator emu;
    runner run(4);
    openrouter::client cli(run.ioc.get_executor(), emu.options());
    tally t;
    constexpr int workers = 48;
    constexpr int rounds = 8;
    for (int w = 0; w < workers; ++w) {
        // Half on strands of their own, half straight on the io_context's executor: either way
        // their handlers run on any of the 4 threads.
        if (w % 2 == 0)
            run.spawn(asio::make_strand(run.ioc), echo_worker(cli, w, rounds, t));
        else
            run.spawn(run.ioc.get_executor(), echo_worker(cli, w, rounds, t));
    }
    run.wait();
    CHECK(run.threads_used() >= 2);
    CHECK(t.ok == workers * rounds);
    CHECK(t.wrong == 0);
    CHECK(t.errors() == "");
    CHECK(emu.emu.requests().size() == static_cast<std::size_t>(workers * rounds));
}

TEST_CASE("policies on 4 threads: retries, fallback, a circuit breaker, hedges")
{
    emulator emu;
    runner run(4);
    auto o = emu.options();
    o.policies.retry = retry::limit(2, retry::fixed_delay{std::chrono::milliseconds(1)});
    o.policies.fallback.chain = fallback::model_chain{{"emulator/echo"}, {"emulator/reasoning"}};
    o.policies.circuit_breaker.enabled = true;
    o.policies.circuit_breaker.failure_threshold = 4;
    o.policies.circuit_breaker.cool_down = std::chrono::milliseconds(30);
    o.policies.circuit_breaker.per_host = false;
    o.policies.hedge =
        openrouter::hedge::policy{std::chrono::milliseconds(40), 1, openrouter::hedge::target_model::next};
    std::atomic<int> attempts{0};
    o.policies.on_attempt = [&](const openrouter::attempt_record&) {
        attempts.fetch_add(1, std::memory_order_relaxed);
    };
    openrouter::client cli(run.ioc.get_executor(), o);

    tally t;
    constexpr int workers = 24;
    constexpr int rounds = policy_rounds;
    for (int w = 0; w < workers; ++w)
        run.spawn(asio::make_strand(run.ioc), policy_worker(cli, t, w));
    run.wait();
    CHECK(t.total() == workers * rounds);
    CHECK(t.wrong == 0);
    CHECK(t.unexpected == 0);
    CHECK(t.errors_unexpected() == "");
    // Most answers succeed (the breaker may refuse a few during a wave of 502s).
    CHECK(t.ok >= workers * rounds / 2);
    CHECK(attempts.load() >= workers * rounds);
}

TEST_CASE("chat_stream::cancel() from a thread that is not running the io_context")
{
    emulator emu;
    runner run(4);
    openrouter::client cli(run.ioc.get_executor(), emu.options());
    constexpr int streams = 16;
    tally t;
    std::atomic<int> started{0};
    std::vector<std::shared_ptr<openrouter::chat_stream>> handles(streams);
    std::vector<std::atomic<int>> seen(streams);
    for (int i = 0; i < streams; ++i) {
        // Even: a stream that stalls after 5 events (cancel lands on a pending async_next); odd:
        // 400 events at full speed first (cancel races the reader taking buffered deltas).
        const std::string script = i % 2 == 0 ? R"({"stall_after_events":5,"stall_ms":20000})"
                                              : R"({"stall_after_events":400,"stall_ms":20000})";
        auto req = scripted(lorem(i % 2 == 0 ? 50 : 16000), script);
        run.spawn(asio::make_strand(run.ioc), cancelled_reader(cli, t, handles[i], started, seen[i], std::move(req)));
    }
    // The canceller: a plain std::thread, once each stream has delivered a few deltas.
    std::thread canceller([&] {
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        std::vector<bool> done(streams, false);
        int left = streams;
        while (left > 0 && std::chrono::steady_clock::now() < give_up) {
            for (int i = 0; i < streams; ++i) {
                if (!done[i] && seen[i].load(std::memory_order_acquire) >= 3) {
                    handles[i]->cancel();
                    done[i] = true;
                    --left;
                }
            }
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
    });
    canceller.join();
    run.wait();
    CHECK(started.load() == streams);
    CHECK(t.ok == streams);  // every stream ended with operation_aborted
    CHECK(t.errors() == "");
    // Every cancelled stream's connection was closed (that is how OpenRouter stops billing).
    CHECK(emu.emu.wait_for_connections_open(0, std::chrono::seconds(10)));
}

TEST_CASE("a cancellation signal emitted from another thread, through the caller's strand")
{
    emulator emu;
    runner run(4);
    openrouter::client cli(run.ioc.get_executor(), emu.options());
    constexpr int ops = 16;
    tally t;
    std::vector<asio::cancellation_signal> signals(ops);
    std::vector<asio::strand<asio::io_context::executor_type>> strands;
    for (int i = 0; i < ops; ++i)
        strands.push_back(asio::make_strand(run.ioc));
    std::atomic<int> waiting{0};
    for (int i = 0; i < ops; ++i) {
        run.spawn(strands[i], signalled_call(cli, t, signals[i], waiting, i));
    }
    // Asio's rule: a signal is emitted where its slot's operation was started (here, the
    // coroutine's strand), so the other thread posts the emit there.
    std::thread other([&] {
        while (waiting.load() < ops)
            std::this_thread::yield();
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        for (int i = 0; i < ops; ++i)
            asio::post(strands[i], [&, i] { signals[i].emit(asio::cancellation_type::terminal); });
    });
    other.join();
    run.wait();
    CHECK(t.ok == ops);
    CHECK(t.errors() == "");
    CHECK(emu.emu.wait_for_connections_open(0, std::chrono::seconds(10)));
}

TEST_CASE("awaitable operators race a timer against chats on 4 threads")
{
    using namespace asio::experimental::awaitable_operators;
    emulator emu;
    runner run(4);
    openrouter::client cli(run.ioc.get_executor(), emu.options());
    constexpr int ops = 24;
    tally t;
    for (int i = 0; i < ops; ++i) {
        run.spawn(asio::make_strand(run.ioc), raced_chat(cli, t, i));
    }
    run.wait();
    CHECK(t.ok == ops);
    CHECK(t.wrong == 0);
    // The slow chats' connections were closed by the cancellation.
    CHECK(emu.emu.wait_for_connections_open(ops / 2, std::chrono::seconds(10)));
    CHECK(emu.emu.connections_closed_by_client() >= static_cast<std::size_t>(ops / 2));
}

TEST_CASE("several clients on several io_contexts share one emulator")
{
    emulator emu;
    constexpr int contexts = 4;
    std::vector<std::unique_ptr<runner>> runs;
    std::vector<std::unique_ptr<openrouter::client>> clients;
    std::vector<std::unique_ptr<tally>> tallies;
    for (int c = 0; c < contexts; ++c) {
        runs.push_back(std::make_unique<runner>(c == 0 ? 2 : 1));  // one of them on two threads
        clients.push_back(std::make_unique<openrouter::client>(runs.back()->ioc.get_executor(), emu.options()));
        tallies.push_back(std::make_unique<tally>());
    }
    constexpr int workers = 8;
    constexpr int rounds = 6;
    for (int c = 0; c < contexts; ++c)
        for (int w = 0; w < workers; ++w)
            runs[c]->spawn(runs[c]->ioc.get_executor(), echo_worker(*clients[c], c * 100 + w, rounds, *tallies[c]));
    for (auto& r : runs)
        r->wait();
    for (int c = 0; c < contexts; ++c) {
        INFO("context " << c);
        CHECK(tallies[c]->ok == workers * rounds);
        CHECK(tallies[c]->errors() == "");
    }
    CHECK(emu.emu.requests().size() == static_cast<std::size_t>(contexts * workers * rounds));
}

TEST_CASE("a client destroyed on another thread while its operations run")
{
    emulator emu;
    runner run(4);
    auto cli = std::make_unique<openrouter::client>(run.ioc.get_executor(), emu.options());
    constexpr int ops = 16;
    tally t;
    // Initiated here, with plain callbacks, while 4 threads already run the io_context; then the
    // client object is destroyed on another thread, and each operation runs to completion.
    for (int i = 0; i < ops; ++i) {
        const std::string text = "outlives " + std::to_string(i);
        cli->async_chat(scripted(echo_request(text), R"({"delay_ms":50})"),
                        [&t, text](error_code ec, openrouter::chat_completion c) {
                            t.record(ec, !ec && c.choices.at(0).message.text() == text);
                        });
    }
    std::thread destroyer([&] { cli.reset(); });
    destroyer.join();
    run.wait();
    CHECK(t.ok == ops);
    CHECK(t.errors() == "");
}
