// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Hostile servers against chat streams (text/event-stream, chunked or delimited by the close).
#include "hostile/cases.hpp"

using namespace std::chrono_literals;
using namespace hostile;
using openrouter::errc;

namespace {

const std::string two = chunk(delta_event("a") + delta_event("b"));
const std::string done = chunk(done_event) + last_chunk;

}  // namespace

TEST_CASE("stream: a well-formed stream ends cleanly")
{
    server s(script{write(sse_head() + two + done)});
    auto r = stream(fast_options(s));
    HOSTILE_CHECK_RESULT(r, openrouter::error_code{});
    CHECK(r.text == "ab");
}

TEST_CASE("stream: reset before the status line")
{
    server s(script{reset()});
    HOSTILE_CHECK_RESULT(stream(fast_options(s)), errc::connection_closed);
}

TEST_CASE("stream: close in the middle of the header")
{
    server s(script{write("HTTP/1.1 200 OK\r\nContent-Type: text/ev"), close()});
    HOSTILE_CHECK_RESULT(stream(fast_options(s)), errc::response_truncated);
}

TEST_CASE("stream: reset right after the header")
{
    server s(script{write(sse_head()), pause(50ms), reset()});
    auto r = stream(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::stream_truncated);
    CHECK(r.deltas == 0);
}

TEST_CASE("stream: close right after the header")
{
    server s(script{write(sse_head()), close()});
    HOSTILE_CHECK_RESULT(stream(fast_options(s)), errc::stream_truncated);
}

TEST_CASE("stream: reset in the middle of an event")
{
    const std::string ev = delta_event("x");
    server s(script{write(sse_head() + chunk(ev.substr(0, 30))), pause(50ms), reset()});
    auto r = stream(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::stream_truncated);
    CHECK(r.deltas == 0);
}

TEST_CASE("stream: close in the middle of a chunk, after two deltas")
{
    server s(script{write(sse_head() + two + "100\r\ndata: {\"id"), close()});
    auto r = stream(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::stream_truncated);
    CHECK(r.deltas == 2);
}

TEST_CASE("stream: reset after two deltas")
{
    server s(script{write(sse_head() + two), pause(50ms), reset()});
    auto r = stream(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::stream_truncated);
    CHECK(r.text == "ab");
}

TEST_CASE("stream: the body ends (last chunk) without [DONE]")
{
    server s(script{write(sse_head() + two + last_chunk)});
    auto r = stream(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::stream_truncated);
    CHECK(r.diag.detail.find("before [DONE]") != std::string::npos);
}

TEST_CASE("stream: the body ends in the middle of an event")
{
    server s(script{write(sse_head() + two + chunk("data: {\"id\":") + last_chunk)});
    auto r = stream(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::stream_truncated);
    CHECK(r.diag.detail.find("middle of an event") != std::string::npos);
}

TEST_CASE("stream: reset after [DONE] is a success")
{
    server s(script{write(sse_head() + two + chunk(done_event)), pause(50ms), reset()});
    auto r = stream(fast_options(s));
    HOSTILE_CHECK_RESULT(r, openrouter::error_code{});
    CHECK(r.text == "ab");
}

TEST_CASE("stream: a Content-Length short after [DONE] is a success, and the connection is not reused")
{
    const std::string body = delta_event("a") + done_event;
    const std::string head =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: " + std::to_string(body.size() + 100) +
        "\r\n\r\n";
    server s(script{write(head + body), close()});
    auto r = stream(fast_options(s));
    HOSTILE_CHECK_RESULT(r, openrouter::error_code{});
    CHECK(r.text == "a");
}

TEST_CASE("stream: a body that never ends after [DONE] is a success within 2 s")
{
    server s(script{write(sse_head() + two + chunk(done_event)), stall()});
    auto r = stream(fast_options(s));
    HOSTILE_CHECK_RESULT(r, openrouter::error_code{});
    CHECK(r.took < 4s);
}

TEST_CASE("stream: bad chunk framing is malformed_http, as on a JSON call")
{
    server s(script{write(sse_head() + two + "zz\r\ndata: x\r\n"), stall()});
    auto r = stream(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::malformed_http);
    CHECK(r.diag.detail.find("invalid HTTP") != std::string::npos);
    CHECK(r.deltas == 2);
}

TEST_CASE("stream: a chunk longer than its size is malformed_http")
{
    server s(script{write(sse_head() + "5\r\n" + delta_event("a") + "\r\n"), stall()});
    HOSTILE_CHECK_RESULT(stream(fast_options(s)), errc::malformed_http);
}

TEST_CASE("stream: a data line that is not JSON is invalid_response")
{
    server s(script{write(sse_head() + chunk("data: {nope\n\n") + done)});
    HOSTILE_CHECK_RESULT(stream(fast_options(s)), errc::invalid_response);
}

TEST_CASE("stream: HTTP/1.0 stream until the close, with [DONE]")
{
    server s(script{write("HTTP/1.0 200 OK\r\nContent-Type: text/event-stream\r\n\r\n" + delta_event("z") + done_event),
                    close()});
    auto r = stream(fast_options(s));
    HOSTILE_CHECK_RESULT(r, openrouter::error_code{});
    CHECK(r.text == "z");
}

TEST_CASE("stream: HTTP/1.0 stream closed before [DONE]")
{
    server s(script{write("HTTP/1.0 200 OK\r\nContent-Type: text/event-stream\r\n\r\n" + delta_event("z")), close()});
    HOSTILE_CHECK_RESULT(stream(fast_options(s)), errc::stream_truncated);
}

TEST_CASE("stream: LF-only, CRLF and no-space data lines are all understood")
{
    std::string ev = delta_event("q");
    std::string crlf;
    for (char c : ev)
        crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    std::string nospace = delta_event("r");
    nospace.replace(0, 6, "data:");
    server s(script{write(sse_head() + chunk(ev) + chunk(crlf) + chunk(nospace) + done)});
    auto r = stream(fast_options(s));
    HOSTILE_CHECK_RESULT(r, openrouter::error_code{});
    CHECK(r.text == "qqr");
}

// ---- stalls and drips ----

TEST_CASE("stream: a server that never answers: response_timeout")
{
    server s(script{stall()});
    HOSTILE_CHECK_RESULT(stream(fast_options(s)), errc::response_timeout);
}

TEST_CASE("stream: a stall after the header: first_delta_timeout")
{
    server s(script{write(sse_head()), stall()});
    auto o = fast_options(s);
    o.timeouts.idle = 3s;  // longer than first_delta, so that first_delta is the limit reached
    auto r = stream(o);
    HOSTILE_CHECK_RESULT(r, errc::first_delta_timeout);
    CHECK(r.took < 3s);
}

TEST_CASE("stream: a stall after some deltas: idle_timeout")
{
    server s(script{write(sse_head() + two), stall()});
    auto r = stream(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::idle_timeout);
    CHECK(r.deltas == 2);
}

TEST_CASE("stream: comments without any delta: first_delta_timeout")
{
    script sc{write(sse_head())};
    for (int i = 0; i < 100; ++i) {
        sc.push_back(write(chunk(": OPENROUTER PROCESSING\n\n")));
        sc.push_back(pause(100ms));
    }
    server s(sc);
    auto r = stream(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::first_delta_timeout);
    CHECK(r.took < 3s);
}

TEST_CASE("stream: comments after a delta keep it alive until the total")
{
    script sc{write(sse_head() + two)};
    for (int i = 0; i < 100; ++i) {
        sc.push_back(write(chunk(": OPENROUTER PROCESSING\n\n")));
        sc.push_back(pause(100ms));
    }
    server s(sc);
    auto o = fast_options(s);
    o.timeouts.total = 2s;
    auto r = stream(o);
    HOSTILE_CHECK_RESULT(r, errc::total_timeout);
    CHECK(r.deltas == 2);
}

TEST_CASE("stream: comments after a delta do not reset idle when comments_reset_idle is off")
{
    script sc{write(sse_head() + two)};
    for (int i = 0; i < 100; ++i) {
        sc.push_back(write(chunk(": OPENROUTER PROCESSING\n\n")));
        sc.push_back(pause(100ms));
    }
    server s(sc);
    auto o = fast_options(s);
    o.timeouts.comments_reset_idle = false;
    HOSTILE_CHECK_RESULT(stream(o), errc::idle_timeout);
}

TEST_CASE("stream: a stream dripped one byte a millisecond arrives whole")
{
    server s(script{write(sse_head()), drip(chunk(delta_event("d")) + chunk(done_event) + last_chunk, 1ms)});
    auto r = stream(fast_options(s));
    HOSTILE_CHECK_RESULT(r, openrouter::error_code{});
    CHECK(r.text == "d");
}

TEST_CASE("stream: an endless drip (one byte every 20 ms inside a comment) ends at the idle limit")
{
    // Inside a chunk that never ends: comment bytes, one every 20 ms (each read resets nothing).
    server s(script{write(sse_head() + two + "1000\r\n: "), drip(std::string(4000, 'c'), 20ms)});
    auto o = fast_options(s);
    o.timeouts.total = 2s;
    auto r = stream(o);
    // Bytes of an unfinished comment are no event: the idle limit (700 ms) ends it first.
    HOSTILE_CHECK_RESULT(r, errc::idle_timeout);
}

// ---- sizes ----

TEST_CASE("stream: a huge header: header_too_large")
{
    server s(script{write("HTTP/1.1 200 OK\r\nX-Big: " + std::string(100 * 1024, 'a') + "\r\n\r\n"), stall()});
    HOSTILE_CHECK_RESULT(stream(fast_options(s)), errc::header_too_large);
}

TEST_CASE("stream: one SSE line over the limit: event_too_large")
{
    server s(script{write(sse_head() + chunk("data: " + std::string(512 * 1024, 'x') + "\n\n") + done)});
    HOSTILE_CHECK_RESULT(stream(fast_options(s)), errc::event_too_large);
}

TEST_CASE("stream: a 1 GiB data line, made on the fly: event_too_large, not read whole")
{
    const std::string one = chunk(std::string(1024 * 1024 - 16, 'x'));
    server s(script{write(sse_head() + chunk("data: ")), repeat(one, 1024)});
    auto r = stream(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::event_too_large);
    CHECK(r.took < 10s);
}

TEST_CASE("stream: a 1 GiB comment line: event_too_large")
{
    server s(script{write(sse_head() + two + chunk(": ")), repeat(chunk(std::string(1024 * 1024 - 16, 'c')), 1024)});
    auto r = stream(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::event_too_large);
    CHECK(r.deltas == 2);
}

// ---- content types, encodings, redirects, Retry-After ----

TEST_CASE("stream: text/html on a 200 names text/event-stream")
{
    server s(script{write(json_response(200, "<html>hi</html>", "", "text/html"))});
    auto r = stream(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::unexpected_content_type);
    CHECK(r.diag.detail.find("text/event-stream") != std::string::npos);
    CHECK(r.diag.detail.find("text/html") != std::string::npos);
}

TEST_CASE("stream: a JSON 200 that is not an error names text/event-stream")
{
    server s(script{write(json_response(200, completion_body("not a stream")))});
    auto r = stream(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::unexpected_content_type);
    CHECK(r.diag.detail.find("expected text/event-stream") != std::string::npos);
}

TEST_CASE("stream: a JSON 200 carrying an error maps its code")
{
    server s(script{write(json_response(200, R"({"error":{"code":502,"message":"provider down"}})"))});
    HOSTILE_CHECK_RESULT(stream(fast_options(s)), errc::provider_error);
}

TEST_CASE("stream: a gzip stream is unsupported_content_encoding, sent once (default policy)")
{
    server s(script{write(sse_head("Content-Encoding: gzip\r\n") + chunk("\x1f\x8b\x08\x00"))});
    auto r = stream(default_options(s));
    HOSTILE_CHECK_RESULT(r, errc::unsupported_content_encoding);
    CHECK(s.requests() == 1);
    REQUIRE(s.request_heads().size() == 1);
    CHECK(s.request_heads()[0].find("\r\nAccept-Encoding: identity\r\n") != std::string::npos);
}

TEST_CASE("stream: a 307 is not followed")
{
    server elsewhere(script{write(sse_head() + two + done)});
    server s(script{write(json_response(307, "", "Location: " + elsewhere.base_url() + "/chat/completions\r\n"))});
    auto r = stream(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::http_error);
    CHECK(elsewhere.connections() == 0);
}

TEST_CASE("stream: 429 with a huge Retry-After fails at once (default policy)")
{
    server s(
        script{write(json_response(429, R"({"error":{"code":429,"message":"later"}})", "Retry-After: 86400\r\n"))});
    auto r = stream(default_options(s));
    HOSTILE_CHECK_RESULT(r, errc::rate_limited);
    CHECK(r.diag.retry_after == std::chrono::milliseconds(86400LL * 1000));
    CHECK(s.requests() == 1);
}

TEST_CASE("stream: resets before the status line are retried 3 times by the default policy")
{
    server s(script{reset()});
    auto r = stream(default_options(s));
    HOSTILE_CHECK_RESULT(r, errc::connection_closed);
    CHECK(s.requests() == 4);
}
