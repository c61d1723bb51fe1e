// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Non-streaming chat against the emulator: success, every documented error status, bad bodies.

#include "loopback/common.hpp"

#include <boost/json/serialize.hpp>

using namespace test;
using openrouter::errc;
using openrouter::error_code;

namespace {

struct outcome {
    error_code ec;
    openrouter::chat_completion completion;
    openrouter::diagnostics diag;
};

outcome chat_once(emu_fixture& f, openrouter::chat_request req, openrouter::client_options o)
{
    return f.run([&]() -> asio::awaitable<outcome> {
        openrouter::client cli(co_await asio::this_coro::executor, o);
        outcome r;
        auto [ec, c] = co_await cli.async_chat(std::move(req), r.diag, asio::as_tuple(asio::use_awaitable));
        r.ec = ec;
        r.completion = std::move(c);
        co_return r;
    }());
}

outcome chat_once(emu_fixture& f, openrouter::chat_request req)
{
    return chat_once(f, std::move(req), f.options());
}

}  // namespace

TEST_CASE("chat: echo model answers and the request is what the SDK promised")
{
    emu_fixture f;
    auto req = echo_request("Hello, emulator!");
    req.temperature = 0.5;
    auto r = chat_once(f, req);
    REQUIRE_FALSE(r.ec);
    REQUIRE(r.completion.choices.size() == 1);
    CHECK(r.completion.choices[0].message.text() == "Hello, emulator!");
    CHECK(r.completion.choices[0].message.role == "assistant");
    CHECK(r.completion.choices[0].finish_reason.value() == "stop");
    CHECK(r.completion.model == "emulator/echo");
    CHECK(r.completion.provider == "FakeProvider");
    CHECK(r.completion.id.rfind("gen-", 0) == 0);
    REQUIRE(r.completion.usage);
    CHECK(r.completion.usage->completion_tokens == 2);
    CHECK(r.completion.usage->total_tokens ==
          r.completion.usage->prompt_tokens + r.completion.usage->completion_tokens);
    CHECK(r.diag.attempts.empty() == false);

    auto recorded = f.emu.requests();
    REQUIRE(recorded.size() == 1);
    CHECK(recorded[0].method == "POST");
    CHECK(recorded[0].target == "/api/v1/chat/completions");
    bool auth = false, ct = false, ua = false;
    for (const auto& [k, v] : recorded[0].headers) {
        if (k == "Authorization")
            auth = (v == "Bearer " + test_key);
        if (k == "Content-Type")
            ct = (v == "application/json");
        if (k == "User-Agent")
            ua = v.rfind("openrouter-cpp/", 0) == 0;
    }
    CHECK(auth);
    CHECK(ct);
    CHECK(ua);
    auto body = boost::json::parse(recorded[0].body).as_object();
    CHECK(body.at("model") == "emulator/echo");
    CHECK(body.at("temperature").to_number<double>() == 0.5);
    CHECK_FALSE(body.contains("stream"));
    CHECK_FALSE(body.contains("top_p"));  // unset fields are not sent
}

TEST_CASE("chat: app attribution and default headers are sent")
{
    emu_fixture f;
    auto o = f.options();
    // [snippet: attribution]
    o.http_referer = "https://example.test/app";
    o.x_title = "Loopback Tests";
    o.default_headers = {{"X-Custom", "yes"}, {"Authorization", "Bearer stolen"}};
    // [/snippet]
    auto r = chat_once(f, echo_request("hi"), o);
    REQUIRE_FALSE(r.ec);
    auto recorded = f.emu.requests();
    REQUIRE(recorded.size() == 1);
    int found = 0;
    for (const auto& [k, v] : recorded[0].headers) {
        if (k == "HTTP-Referer" && v == "https://example.test/app")
            ++found;
        if (k == "X-Title" && v == "Loopback Tests")
            ++found;
        if (k == "X-Custom" && v == "yes")
            ++found;
        if (k == "Authorization")
            CHECK(v == "Bearer " + test_key);  // a default header never replaces the key
    }
    CHECK(found == 3);
}

TEST_CASE("chat: lorem model length is chosen by the request")
{
    emu_fixture f;
    openrouter::chat_request req;
    req.model = "emulator/lorem";
    req.max_tokens = 7;
    req.messages.push_back(openrouter::message::user("go"));
    auto r = chat_once(f, req);
    REQUIRE_FALSE(r.ec);
    REQUIRE(r.completion.usage);
    CHECK(r.completion.usage->completion_tokens == 7);
    const std::string text = r.completion.choices.at(0).message.text();
    CHECK(std::count(text.begin(), text.end(), ' ') == 6);
}

TEST_CASE("chat: every documented error status maps to its condition with diagnostics")
{
    struct row {
        int status;
        errc expected;
    };
    const row rows[] = {{400, errc::bad_request},          {401, errc::unauthorized},
                        {402, errc::insufficient_credits}, {403, errc::moderation_flagged},
                        {408, errc::request_timeout},      {429, errc::rate_limited},
                        {502, errc::provider_error},       {503, errc::no_provider_available}};
    for (const auto& [status, expected] : rows) {
        DYNAMIC_SECTION("status " << status)
        {
            emu_fixture f;
            auto r = chat_once(
                f, scripted(echo_request("x"), R"({"status":)" + std::to_string(status) + R"(,"retry_after":"3"})"));
            CHECK(r.ec == expected);
            CHECK(r.diag.http_status == status);
            CHECK(r.diag.api_code == std::to_string(status));
            CHECK_FALSE(r.diag.message.empty());
            CHECK(r.diag.retry_after == std::chrono::milliseconds(3000));
            CHECK(r.diag.attempts.size() == 1);
            CHECK(r.diag.attempts[0].http_status == status);
            if (status == 403) {
                CHECK_FALSE(r.diag.moderation_reasons.empty());
                CHECK_FALSE(r.diag.flagged_input.empty());
            }
            if (status == 502) {
                CHECK_FALSE(r.diag.provider_name.empty());
                CHECK_FALSE(r.diag.provider_error.empty());
            }
            check_no_key(r.diag);
        }
    }
}

TEST_CASE("chat: a context-length 400 is told apart from other 400s")
{
    emu_fixture f;
    auto r = chat_once(f, scripted(echo_request("x"), R"({"status":400,"error_message":
        "This endpoint's maximum context length is 8192 tokens. However, you requested about 9000 tokens"})"));
    CHECK(r.ec == errc::context_length_exceeded);
    CHECK(r.diag.http_status == 400);
}

TEST_CASE("chat: retry-after-ms wins over Retry-After, HTTP dates are understood")
{
    emu_fixture f;
    auto r = chat_once(f, scripted(echo_request("x"), R"({"status":429,"retry_after":"9","retry_after_ms":1500})"));
    CHECK(r.ec == errc::rate_limited);
    CHECK(r.diag.retry_after == std::chrono::milliseconds(1500));
    auto r2 =
        chat_once(f, scripted(echo_request("x"), R"({"status":429,"retry_after":"Wed, 21 Oct 2015 07:28:00 GMT"})"));
    CHECK(r2.diag.retry_after == std::chrono::milliseconds(0));  // a date in the past: now
}

TEST_CASE("chat: a wrong key is 401 and the key never reaches the diagnostics")
{
    emu_fixture f;
    auto o = f.options();
    o.api_key = "sk-or-invalid-" + test_key;
    auto r = chat_once(f, echo_request("x"), o);
    CHECK(r.ec == errc::unauthorized);
    CHECK(r.diag.summary().find("sk-or-invalid") == std::string::npos);
    check_no_key(r.diag);
}

TEST_CASE("chat: an error message that echoes the key is scrubbed")
{
    emu_fixture f;
    auto r = chat_once(f, scripted(echo_request("x"), R"({"status":400,"error_message":"bad key )" + test_key +
                                                          R"( sent","metadata":{"raw":")" + test_key + R"("}})"));
    CHECK(r.ec == errc::bad_request);
    CHECK(r.diag.message.find("[redacted]") != std::string::npos);
    check_no_key(r.diag);
    openrouter::api_error e(r.ec, r.diag);
    CHECK(std::string(e.what()).find(test_key) == std::string::npos);
}

TEST_CASE("chat: unusable bodies get a clear error, never a crash")
{
    struct row {
        const char* script;
        errc expected;
    };
    const row rows[] = {
        {R"({"malformed":"not_json"})", errc::invalid_response},
        {R"({"malformed":"wrong_shape"})", errc::invalid_response},
        {R"({"malformed":"truncated"})", errc::response_truncated},
        {R"({"content_type":"text/html"})", errc::unexpected_content_type},
        {R"({"body":"<html>oops</html>","status":502,"content_type":"text/html"})", errc::provider_error},
        {R"({"close_after_bytes":60})", errc::response_truncated},
        {R"({"close_after_bytes":0})", errc::connection_closed},
        {R"({"body":"{\"error\":{\"code\":502,\"message\":\"upstream died\"}}"})", errc::provider_error},
    };
    for (const auto& [script, expected] : rows) {
        DYNAMIC_SECTION(script)
        {
            emu_fixture f;
            auto r = chat_once(f, scripted(echo_request("x"), script));
            CHECK(r.ec == expected);
            CHECK_FALSE(r.diag.summary().empty());
            check_no_key(r.diag);
        }
    }
}

TEST_CASE("chat: bodies over the limit fail with body_too_large and bounded memory")
{
    emu_fixture f;
    auto o = f.options();
    o.limits.max_body_bytes = 64 * 1024;
    auto r = chat_once(f, scripted(echo_request("x"), R"({"body_bytes":2000000})"), o);
    CHECK(r.ec == errc::body_too_large);
    auto r2 = chat_once(f, scripted(echo_request("x"), R"({"body_bytes":2000000,"chunked":true})"), o);
    CHECK(r2.ec == errc::body_too_large);
    o.limits.max_header_bytes = 32;
    auto r3 = chat_once(f, echo_request(std::string(10, 'x')), o);
    CHECK(r3.ec == errc::header_too_large);
}

TEST_CASE("chat: chunked and content-length bodies both decode")
{
    emu_fixture f;
    auto a = chat_once(f, scripted(echo_request("same answer"), R"({"chunked":true})"));
    auto b = chat_once(f, echo_request("same answer"));
    REQUIRE_FALSE(a.ec);
    REQUIRE_FALSE(b.ec);
    CHECK(a.completion.choices.at(0).message.text() == b.completion.choices.at(0).message.text());
}

TEST_CASE("chat: configuration errors fail without I/O")
{
    emu_fixture f;
    auto o = f.options();
    o.base_url = "http://example.com/api/v1";
    auto r = chat_once(f, echo_request("x"), o);
    CHECK(r.ec == errc::insecure_transport);

    o.base_url = "ftp://example.com";
    CHECK(chat_once(f, echo_request("x"), o).ec == errc::invalid_base_url);
    o.base_url = "not a url";
    CHECK(chat_once(f, echo_request("x"), o).ec == errc::invalid_base_url);
    CHECK(f.emu.connections_accepted() == 0);

    o = f.options();
    o.api_key.clear();
    ::unsetenv("OPENROUTER_API_KEY");
    CHECK(chat_once(f, echo_request("x"), o).ec == errc::missing_api_key);
    CHECK(f.emu.connections_accepted() == 0);
}

TEST_CASE("chat: a request the SDK knows is invalid fails without I/O")
{
    emu_fixture f;
    openrouter::chat_request empty;
    empty.model = "emulator/echo";  // no messages
    auto r = chat_once(f, empty);
    CHECK(r.ec == errc::invalid_request);
    CHECK(r.diag.detail.find("messages") != std::string::npos);
    CHECK(f.emu.connections_accepted() == 0);
}
