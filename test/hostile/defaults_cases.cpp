// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The DEFAULT options bound every failure: these cases use client_options as a user gets them
// (only the endpoint and the key set). Each is its own test case so that ctest runs them in
// parallel; the longest (the 30 s defaults) take about 30 s. The 60 s defaults
// (response_headers, first_delta) are tested with everything else default but that one
// timeout scaled by 1/20 (3 s), so that the label stays under a minute; their values
// themselves are checked in the first case.
#include "hostile/cases.hpp"

using namespace std::chrono_literals;
using namespace hostile;
using openrouter::errc;

TEST_CASE("defaults: the values that bound a failure")
{
    const openrouter::timeouts t;
    CHECK(t.connect == 10s);
    CHECK(t.tls_handshake == 10s);
    CHECK(t.response_headers == 60s);
    CHECK(t.response_body == 30s);
    CHECK(t.first_delta == 60s);
    CHECK(t.idle == 30s);
    CHECK(t.total == 5min);
    CHECK(t.comments_reset_idle);
    // The worst case of the default retry policy on a timeout fits in the total: four attempts
    // of response_headers plus the longest backoffs (0.5 + 1 + 2 s).
    CHECK(4 * t.response_headers + 3500ms < t.total);
}

TEST_CASE("defaults: a stall after some deltas ends with idle_timeout in about 30 s")
{
    server s(script{write(sse_head() + chunk(delta_event("a"))), stall()});
    openrouter::client_options o = default_options(s);
    o.policies.retry = openrouter::retry::none();  // a delta was delivered: nothing to retry anyway
    auto r = stream(o);
    HOSTILE_CHECK_RESULT(r, errc::idle_timeout);
    CHECK(r.deltas == 1);
    CHECK(r.took >= 29s);
    CHECK(r.took < 40s);
}

TEST_CASE("defaults: a body dripped one byte a second ends with response_timeout in about 30 s")
{
    const std::string body = completion_body("drip");
    server s(script{
        write(http_head(200, "application/json") + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n"),
        drip(body, 1s)});
    openrouter::client_options o = default_options(s);
    o.policies.retry = openrouter::retry::none();
    auto r = chat(o);
    HOSTILE_CHECK_RESULT(r, errc::response_timeout);
    CHECK(r.took >= 29s);
    CHECK(r.took < 40s);
}

TEST_CASE("defaults: a server that never answers, retried by the default policy, ends within the total")
{
    // response_headers scaled from 60 s to 3 s; retries and everything else default.
    server s(script{stall()});
    openrouter::client_options o = default_options(s);
    o.timeouts.response_headers = 3s;
    o.timeouts.total = 10s;  // scaled like response_headers (5 min / 30)
    auto r = chat(o);
    INFO("ec: " << r.ec.message() << " attempts: " << r.diag.attempts.size());
    CHECK((r.ec == errc::response_timeout || r.ec == errc::total_timeout));
    CHECK(::hostile::all_text(r.diag).find(fake_key) == std::string::npos);
    CHECK(s.requests() >= 2);  // timeouts are retried...
    CHECK(s.requests() <= 4);  // ...at most 3 times
    CHECK(r.took < 11s);       // ...and never beyond the total
}

TEST_CASE("defaults: comments without deltas end with first_delta_timeout")
{
    // first_delta scaled from 60 s to 3 s; the rest default.
    script sc{write(sse_head())};
    for (int i = 0; i < 200; ++i) {
        sc.push_back(write(chunk(": OPENROUTER PROCESSING\n\n")));
        sc.push_back(pause(100ms));
    }
    server s(sc);
    openrouter::client_options o = default_options(s);
    o.policies.retry = openrouter::retry::none();
    o.timeouts.first_delta = 3s;
    auto r = stream(o);
    HOSTILE_CHECK_RESULT(r, errc::first_delta_timeout);
    CHECK(r.took < 6s);
}

TEST_CASE("defaults: a 429 with Retry-After: 21 fails at once; with 20 it is waited for")
{
    server s(script{write(json_response(429, R"({"error":{"code":429,"message":"later"}})", "Retry-After: 21\r\n"))});
    auto r = chat(default_options(s));
    HOSTILE_CHECK_RESULT(r, errc::rate_limited);
    CHECK(r.diag.retry_after == 21s);
    CHECK(s.requests() == 1);
    CHECK(r.took < 5s);
}

TEST_CASE("defaults: a gzip answer is sent once, not four times")
{
    server s(script{write(sse_head("Content-Encoding: gzip\r\n") + chunk("\x1f\x8b"))});
    auto r = stream(default_options(s));
    HOSTILE_CHECK_RESULT(r, errc::unsupported_content_encoding);
    CHECK(s.requests() == 1);
}

TEST_CASE("defaults: a 1 GiB body ends at limits.max_body_bytes (64 MiB)")
{
    server s(script{write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n"),
                    repeat(std::string(1024 * 1024, ' '), 1024)});
    auto r = chat(default_options(s));
    HOSTILE_CHECK_RESULT(r, errc::body_too_large);
    CHECK(s.requests() == 1);
    CHECK(s.bytes_written() < 200ull * 1024 * 1024);
}

TEST_CASE("defaults: a 1 GiB SSE line ends at limits.max_event_bytes (4 MiB)")
{
    server s(script{write(sse_head() + chunk("data: ")), repeat(chunk(std::string(1024 * 1024 - 16, 'x')), 1024)});
    auto r = stream(default_options(s));
    HOSTILE_CHECK_RESULT(r, errc::event_too_large);
    CHECK(s.requests() == 1);
    CHECK(s.bytes_written() < 200ull * 1024 * 1024);
}

TEST_CASE("defaults: a huge header ends at limits.max_header_bytes (64 KiB)")
{
    server s(script{write("HTTP/1.1 200 OK\r\nX-Endless: "), repeat(std::string(1024 * 1024, 'h'), 1024)});
    auto r = chat(default_options(s));
    HOSTILE_CHECK_RESULT(r, errc::header_too_large);
    CHECK(s.requests() == 1);
}
