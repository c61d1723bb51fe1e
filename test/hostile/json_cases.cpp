// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Hostile servers against non-streamed calls (chat completions and the models list).
#include "hostile/cases.hpp"

using namespace std::chrono_literals;
using namespace hostile;
using openrouter::errc;

namespace {

const std::string ok = json_response(200, completion_body("hi"));
const std::string head200 = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n";

}  // namespace

// ---- resets and closes at each point ----

TEST_CASE("json: reset before the status line")
{
    server s(script{reset()});
    auto r = chat(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::connection_closed);
    CHECK(s.requests() == 1);
}

TEST_CASE("json: close before the status line")
{
    server s(script{close()});
    auto r = chat(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::connection_closed);
}

TEST_CASE("json: reset in the middle of the status line")
{
    server s(script{write("HTTP/1.1 20"), pause(50ms), reset()});
    HOSTILE_CHECK_RESULT(chat(fast_options(s)), errc::connection_closed);
}

TEST_CASE("json: close in the middle of the header")
{
    server s(script{write("HTTP/1.1 200 OK\r\nContent-Type: appl"), close()});
    HOSTILE_CHECK_RESULT(chat(fast_options(s)), errc::response_truncated);
}

TEST_CASE("json: reset in the middle of the header")
{
    server s(script{write("HTTP/1.1 200 OK\r\nContent-Type: appl"), pause(50ms), reset()});
    HOSTILE_CHECK_RESULT(chat(fast_options(s)), errc::connection_closed);
}

TEST_CASE("json: close right after the header")
{
    server s(script{write(head200), close()});
    HOSTILE_CHECK_RESULT(chat(fast_options(s)), errc::response_truncated);
}

TEST_CASE("json: reset right after the header")
{
    server s(script{write(head200), pause(50ms), reset()});
    HOSTILE_CHECK_RESULT(chat(fast_options(s)), errc::connection_closed);
}

TEST_CASE("json: body shorter than its Content-Length, then close")
{
    server s(script{write(head200 + R"({"id":"gen-h1","choi)"), close()});
    auto r = chat(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::response_truncated);
    CHECK(r.diag.detail.find("closed in the middle") != std::string::npos);
}

TEST_CASE("json: reset in the middle of the body")
{
    server s(script{write(head200 + R"({"id":"gen-h1","choi)"), pause(50ms), reset()});
    HOSTILE_CHECK_RESULT(chat(fast_options(s)), errc::connection_closed);
}

TEST_CASE("json: close in the middle of a chunk")
{
    server s(script{write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "40\r\n{\"id\":\"gen"),
                    close()});
    HOSTILE_CHECK_RESULT(chat(fast_options(s)), errc::response_truncated);
}

// ---- framing ----

TEST_CASE("json: bad chunk framing (a size that is not hex)")
{
    server s(script{write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "zz\r\n{}\r\n0\r\n\r\n"),
                    stall()});
    auto r = chat(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::malformed_http);
    CHECK(r.diag.detail.find("invalid HTTP") != std::string::npos);
}

TEST_CASE("json: a chunk longer than its size")
{
    server s(script{write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "2\r\n{}}}}}\r\n0\r\n\r\n"),
                    stall()});
    HOSTILE_CHECK_RESULT(chat(fast_options(s)), errc::malformed_http);
}

TEST_CASE("json: not HTTP at all")
{
    server s(script{write("SSH-2.0-OpenSSH_9.2\r\n\r\n"), stall()});
    HOSTILE_CHECK_RESULT(chat(fast_options(s)), errc::malformed_http);
}

TEST_CASE("json: a status that is not a number")
{
    server s(script{write("HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n"), stall()});
    HOSTILE_CHECK_RESULT(chat(fast_options(s)), errc::malformed_http);
}

TEST_CASE("json: a Content-Length that is not a number")
{
    server s(
        script{write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}"), stall()});
    HOSTILE_CHECK_RESULT(chat(fast_options(s)), errc::malformed_http);
}

TEST_CASE("json: two different Content-Lengths")
{
    server s(script{write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                          "Content-Length: 3\r\n\r\n{}"),
                    stall()});
    HOSTILE_CHECK_RESULT(chat(fast_options(s)), errc::malformed_http);
}

TEST_CASE("json: HTTP/1.0 body delimited by the end of the connection is read whole")
{
    server s(
        script{write("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n" + completion_body("eof")), close()});
    auto r = chat(fast_options(s));
    HOSTILE_CHECK_RESULT(r, openrouter::error_code{});
    CHECK(r.text == "eof");
}

TEST_CASE("json: an empty 200 body is invalid_response")
{
    server s(script{write(json_response(200, "")), stall()});
    HOSTILE_CHECK_RESULT(chat(fast_options(s)), errc::invalid_response);
}

TEST_CASE("json: a 200 body that is not JSON is invalid_response")
{
    server s(script{write(json_response(200, "{\"id\": nope")), stall()});
    HOSTILE_CHECK_RESULT(chat(fast_options(s)), errc::invalid_response);
}

// ---- stalls and drips ----

TEST_CASE("json: a server that never answers: response_timeout")
{
    server s(script{stall()});
    auto r = chat(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::response_timeout);
    CHECK(r.took < 4s);
}

TEST_CASE("json: a stall after the header: response_timeout (response_body)")
{
    server s(script{write(head200), stall()});
    auto r = chat(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::response_timeout);
    CHECK(r.diag.detail.find("response_body") != std::string::npos);
}

TEST_CASE("json: a stall in the middle of the body: response_timeout")
{
    server s(script{write(head200 + "{\"id\":"), stall()});
    HOSTILE_CHECK_RESULT(chat(fast_options(s)), errc::response_timeout);
}

TEST_CASE("json: a header dripped one byte every 20 ms: response_timeout")
{
    server s(script{drip(head200, 20ms), stall()});
    HOSTILE_CHECK_RESULT(chat(fast_options(s)), errc::response_timeout);
}

TEST_CASE("json: a body dripped one byte every 20 ms: response_timeout")
{
    const std::string body = completion_body("drip drip drip");
    server s(script{write(json_response(200, "").substr(0, 0) + http_head(200, "application/json") +
                          "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n"),
                    drip(body, 20ms)});
    HOSTILE_CHECK_RESULT(chat(fast_options(s)), errc::response_timeout);
}

TEST_CASE("json: a whole response dripped one byte a millisecond arrives in time")
{
    server s(script{drip(json_response(200, completion_body("slow but fine")), 1ms)});
    auto r = chat(fast_options(s));
    HOSTILE_CHECK_RESULT(r, openrouter::error_code{});
    CHECK(r.text == "slow but fine");
}

// ---- sizes ----

TEST_CASE("json: one huge header field: header_too_large")
{
    server s(script{write("HTTP/1.1 200 OK\r\nX-Big: " + std::string(100 * 1024, 'a') + "\r\n\r\n"), stall()});
    auto r = chat(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::header_too_large);
    CHECK(s.bytes_written() < 200 * 1024);
}

TEST_CASE("json: thousands of header fields: header_too_large")
{
    std::string h = "HTTP/1.1 200 OK\r\n";
    for (int i = 0; i < 5000; ++i)
        h += "X-F" + std::to_string(i) + ": v\r\n";
    server s(script{write(h), stall()});
    HOSTILE_CHECK_RESULT(chat(fast_options(s)), errc::header_too_large);
}

TEST_CASE("json: an endless header (1 GiB, made on the fly): header_too_large")
{
    server s(script{write("HTTP/1.1 200 OK\r\nX-Endless: "), repeat(std::string(1024 * 1024, 'h'), 1024)});
    HOSTILE_CHECK_RESULT(chat(fast_options(s)), errc::header_too_large);
}

TEST_CASE("json: a 1 GiB body with Content-Length: body_too_large, not read whole")
{
    server s(script{write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n"),
                    repeat(std::string(1024 * 1024, ' '), 1024)});
    auto r = chat(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::body_too_large);
    CHECK(r.took < 10s);
}

TEST_CASE("json: a 1 GiB chunked body: body_too_large")
{
    const std::string one = chunk(std::string(1024 * 1024 - 16, ' '));
    server s(script{write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"),
                    repeat(one, 1024)});
    HOSTILE_CHECK_RESULT(chat(fast_options(s)), errc::body_too_large);
}

TEST_CASE("json: a 1 GiB body delimited by the end of the connection: body_too_large")
{
    server s(script{write("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n"),
                    repeat(std::string(1024 * 1024, ' '), 1024)});
    HOSTILE_CHECK_RESULT(chat(fast_options(s)), errc::body_too_large);
}

// ---- redirects: never followed, the key goes nowhere else ----

TEST_CASE("json: redirects are not followed and the key goes nowhere else")
{
    for (int status : {301, 302, 303, 307, 308}) {
        INFO("status " << status);
        server elsewhere(script{write(ok)});
        server s(script{write(
            json_response(status, "", "Location: " + elsewhere.base_url() + "/chat/completions\r\n", "text/html"))});
        auto r = chat(fast_options(s));
        HOSTILE_CHECK_RESULT(r, errc::http_error);
        CHECK(r.diag.http_status == status);
        CHECK(s.requests() == 1);
        CHECK(elsewhere.requests() == 0);
        CHECK(elsewhere.connections() == 0);
    }
}

// ---- content encodings ----

TEST_CASE("json: every request says Accept-Encoding: identity")
{
    server s(script{write(ok)});
    auto r = chat(fast_options(s));
    HOSTILE_CHECK_RESULT(r, openrouter::error_code{});
    REQUIRE(s.request_heads().size() == 1);
    const std::string head = s.request_heads()[0];
    CHECK(head.find("\r\nAccept-Encoding: identity\r\n") != std::string::npos);
}

TEST_CASE("json: a gzip body is unsupported_content_encoding, never parsed, never retried")
{
    // A real gzip header followed by junk: it must not be read as JSON.
    const std::string gz("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03junk", 14);
    server s(script{write(json_response(200, gz, "Content-Encoding: gzip\r\n"))});
    auto r = chat(default_options(s));  // the default retry policy
    HOSTILE_CHECK_RESULT(r, errc::unsupported_content_encoding);
    CHECK_FALSE(openrouter::is_retryable(r.ec));
    CHECK(r.diag.detail.find("gzip") != std::string::npos);
    CHECK(s.requests() == 1);
}

TEST_CASE("json: a gzip 500 is not retried either")
{
    server s(script{write(json_response(500, "\x1f\x8b", "Content-Encoding: gzip\r\n"))});
    auto r = chat(default_options(s));
    HOSTILE_CHECK_RESULT(r, errc::unsupported_content_encoding);
    CHECK(s.requests() == 1);
}

TEST_CASE("json: deflate and br are refused like gzip")
{
    for (const char* enc : {"deflate", "br", "x-gzip, identity"}) {
        INFO(enc);
        server s(
            script{write(json_response(200, completion_body("hi"), std::string("Content-Encoding: ") + enc + "\r\n"))});
        HOSTILE_CHECK_RESULT(chat(fast_options(s)), errc::unsupported_content_encoding);
    }
}

TEST_CASE("json: Content-Encoding: identity is plain")
{
    server s(script{write(json_response(200, completion_body("plain"), "Content-Encoding: identity\r\n"))});
    auto r = chat(fast_options(s));
    HOSTILE_CHECK_RESULT(r, openrouter::error_code{});
    CHECK(r.text == "plain");
}

TEST_CASE("models: a gzip models list is unsupported_content_encoding")
{
    server s(script{write(json_response(200, "\x1f\x8b\x08", "Content-Encoding: gzip\r\n"))});
    auto r = models(default_options(s));
    HOSTILE_CHECK_RESULT(r, errc::unsupported_content_encoding);
    CHECK(s.requests() == 1);
}

// ---- content types ----

TEST_CASE("json: text/html on a 200 is unexpected_content_type")
{
    server s(script{write(json_response(200, "<html>hello</html>", "", "text/html"))});
    auto r = chat(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::unexpected_content_type);
    CHECK(r.diag.detail.find("application/json") != std::string::npos);
}

TEST_CASE("models: text/html on a 200 is unexpected_content_type")
{
    server s(script{write(json_response(200, "<html>hello</html>", "", "text/html"))});
    HOSTILE_CHECK_RESULT(models(fast_options(s)), errc::unexpected_content_type);
}

TEST_CASE("json: a proxy's HTML 502 page is provider_error (the status decides)")
{
    server s(script{write(json_response(502, "<html>Bad Gateway</html>", "", "text/html"))});
    HOSTILE_CHECK_RESULT(chat(fast_options(s)), errc::provider_error);
}

// ---- the key ----

TEST_CASE("json: a server that echoes the key in its error never gets it into diagnostics")
{
    const std::string body = std::string(R"({"error":{"code":400,"message":"bad key )") + fake_key +
                             R"(","metadata":{"raw":")" + fake_key + R"("}}})";
    server s(script{write(json_response(400, body))});
    auto r = chat(fast_options(s));
    HOSTILE_CHECK_RESULT(r, errc::bad_request);
    CHECK(s.request_heads()[0].find(fake_key) != std::string::npos);  // it was sent, to this server only
}

TEST_CASE("json: a key echoed in an HTML body is scrubbed from the excerpt")
{
    server s(script{write(json_response(200, std::string("<html>") + fake_key + "</html>", "", "text/html"))});
    HOSTILE_CHECK_RESULT(chat(fast_options(s)), errc::unexpected_content_type);
}

// ---- Retry-After ----

TEST_CASE("json: 429 with a huge Retry-After fails at once with rate_limited (default policy)")
{
    server s(
        script{write(json_response(429, R"({"error":{"code":429,"message":"slow down"}})", "Retry-After: 3600\r\n"))});
    auto r = chat(default_options(s));
    HOSTILE_CHECK_RESULT(r, errc::rate_limited);
    CHECK(r.diag.retry_after == std::chrono::milliseconds(3600 * 1000));
    CHECK(s.requests() == 1);
    CHECK(r.took < 5s);
}

TEST_CASE("json: 503 with a huge retry-after-ms fails at once (default policy)")
{
    server s(script{
        write(json_response(503, R"({"error":{"code":503,"message":"busy"}})", "retry-after-ms: 90000000\r\n"))});
    auto r = chat(default_options(s));
    HOSTILE_CHECK_RESULT(r, errc::no_provider_available);
    CHECK(r.diag.retry_after == std::chrono::milliseconds(90000000));
    CHECK(s.requests() == 1);
}

TEST_CASE("json: 429 with Retry-After: 1 is honoured by the default policy")
{
    server s([](int n) {
        return n == 1 ? script{write(
                            json_response(429, R"({"error":{"code":429,"message":"wait"}})", "Retry-After: 1\r\n"))}
                      : script{write(ok)};
    });
    auto r = chat(default_options(s));
    HOSTILE_CHECK_RESULT(r, openrouter::error_code{});
    CHECK(s.requests() == 2);
    CHECK(r.took >= 1s);
}

// ---- keep-alive ----

TEST_CASE("json: a keep-alive connection the server closed is replaced without a failure")
{
    server s([](int n) { return n == 1 ? script{write(ok), pause(100ms), close()} : script{write(ok)}; });
    openrouter::client_options o = fast_options(s);
    auto [a, b] = chat_twice(o);
    HOSTILE_CHECK_RESULT(a, openrouter::error_code{});
    HOSTILE_CHECK_RESULT(b, openrouter::error_code{});
    CHECK(s.connections() == 2);
}

TEST_CASE("json: a body longer than its Content-Length: the extra bytes poison no later request")
{
    server s([](int n) { return n == 1 ? script{write(ok + "garbage"), stall()} : script{write(ok)}; });
    auto [a, b] = chat_twice(fast_options(s));
    HOSTILE_CHECK_RESULT(a, openrouter::error_code{});
    INFO("second: " << b.ec.message());
    CHECK(b.ec == openrouter::error_code{});
}
