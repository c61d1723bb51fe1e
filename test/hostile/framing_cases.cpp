// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Hostile servers: HTTP framing that a parser can get wrong. Interim (1xx) responses before the
// answer, Transfer-Encoding together with Content-Length, and an empty chunked body whose last
// chunk arrives in pieces (Beast 1.81 asserted on it in builds with assertions on:
// lib/transport/beast_src.cpp).
#include "hostile/cases.hpp"

using namespace std::chrono_literals;
using namespace hostile;
using openrouter::errc;

namespace {

const std::string ok = json_response(200, completion_body("hi"));
const std::string two = chunk(delta_event("a") + delta_event("b"));
const std::string done = chunk(done_event) + last_chunk;

std::string chunked_json_head(int status, std::string_view reason)
{
    return "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason) +
           "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
}

}  // namespace

// ---- the last chunk of an empty chunked body, in pieces ----

TEST_CASE("framing: an empty chunked 429 body whose last chunk comes in three reads")
{
    server s(script{write(chunked_json_head(429, "Too Many Requests") + "0\r\n"), pause(40ms), write("\r"), pause(40ms),
                    write("\n"), stall()});
    auto r = chat(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::rate_limited);
    CHECK(r.diag.http_status == 429);
}

TEST_CASE("framing: trailer fields after an empty chunked body arrive one byte at a time")
{
    server s(
        script{write(chunked_json_head(502, "Bad Gateway") + "0\r\n"), drip("X-Trailer: 1\r\n\r\n", 2ms), stall()});
    auto r = chat(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::provider_error);
    CHECK(r.diag.http_status == 502);
}

TEST_CASE("framing: a stream whose empty chunked body ends in pieces is stream_truncated")
{
    server s(script{write(sse_head() + "0\r\n"), pause(40ms), write("\r"), pause(40ms), write("\n"), stall()});
    auto r = stream(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::stream_truncated);
    CHECK(r.deltas == 0);
}

TEST_CASE("framing: a stream whose last chunk and trailers drip in after the DONE event succeeds")
{
    server s(script{write(sse_head() + two + chunk(done_event)), drip("0\r\nX-Trailer: 1\r\n\r\n", 2ms), stall()});
    auto r = stream(fast_options(s));
    HOSTILE_CHECK_RESULT(r, openrouter::error_code{});
    CHECK(r.text == "ab");
}

// ---- interim responses (1xx) ----

TEST_CASE("framing: 100 Continue before the answer is skipped")
{
    server s(script{write("HTTP/1.1 100 Continue\r\n\r\n"), pause(20ms), write(ok), stall()});
    auto r = chat(fast_options(s));
    HOSTILE_CHECK_RESULT(r, openrouter::error_code{});
    CHECK(r.text == "hi");
}

TEST_CASE("framing: several 1xx (103 Early Hints with fields) before the answer are skipped")
{
    server s(script{write("HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
                          "HTTP/1.1 102 Processing\r\n\r\n" +
                          ok),
                    stall()});
    auto r = chat(fast_options(s));
    HOSTILE_CHECK_RESULT(r, openrouter::error_code{});
    CHECK(r.text == "hi");
}

TEST_CASE("framing: 100 Continue before a stream is skipped")
{
    server s(script{write("HTTP/1.1 100 Continue\r\n\r\n" + sse_head() + two + done)});
    auto r = stream(fast_options(s));
    HOSTILE_CHECK_RESULT(r, openrouter::error_code{});
    CHECK(r.text == "ab");
}

TEST_CASE("framing: an endless series of 1xx responses is malformed_http")
{
    server s(script{repeat("HTTP/1.1 100 Continue\r\n\r\n", 100000), stall()});
    auto r = chat(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::malformed_http);
    CHECK(r.diag.detail.find("1xx") != std::string::npos);
}

TEST_CASE("framing: a 101 Switching Protocols that was never asked for is malformed_http")
{
    server s(script{write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"),
                    stall()});
    auto r = chat(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::malformed_http);
}

// ---- Transfer-Encoding with Content-Length (RFC 9112 6.3: an error, a smuggling sign) ----

TEST_CASE("framing: Transfer-Encoding together with Content-Length is malformed_http")
{
    const std::string body = completion_body("hi");
    server s(script{write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n" +
                          chunk(body) + last_chunk),
                    stall()});
    auto r = chat(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::malformed_http);
}

TEST_CASE("framing: a stream with Transfer-Encoding and Content-Length is malformed_http")
{
    server s(script{write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: 10\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n" +
                          two + done),
                    stall()});
    auto r = stream(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::malformed_http);
    CHECK(r.deltas == 0);
}
