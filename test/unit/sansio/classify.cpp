// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include "sansio/classify.hpp"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

using namespace openrouter;
using namespace openrouter::detail;
using std::chrono::milliseconds;

namespace {
std::chrono::system_clock::time_point at_epoch(long long secs)
{
    return std::chrono::system_clock::time_point(std::chrono::seconds(secs));
}
}  // namespace

TEST_CASE("Retry-After: delta seconds")
{
    CHECK(parse_retry_after("0", {}) == milliseconds(0));
    CHECK(parse_retry_after("2", {}) == milliseconds(2000));
    CHECK(parse_retry_after(" 120 ", {}) == milliseconds(120000));
    CHECK(parse_retry_after("99999999999999999999999", {}) == std::nullopt);      // overflow
    CHECK(parse_retry_after("31536001", {}) == milliseconds(31536000LL * 1000));  // capped at a year
}

TEST_CASE("Retry-After: HTTP dates in the three forms, relative to now")
{
    // Sun, 06 Nov 1994 08:49:37 GMT == 784111777
    const auto now = at_epoch(784111777 - 30);
    CHECK(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now) == milliseconds(30000));
    CHECK(parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", now) == milliseconds(30000));
    CHECK(parse_retry_after("Sun Nov  6 08:49:37 1994", now) == milliseconds(30000));
    CHECK(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", at_epoch(784111777 + 5)) == milliseconds(0));
}

TEST_CASE("Retry-After: a date more than a year ahead is capped at a year, however far")
{
    // Found by test/fuzz (regressions/retry_after): a date past 2262 overflowed the clock's
    // nanoseconds (signed overflow, UBSan) instead of being capped like delta-seconds.
    const auto now = at_epoch(784111777);
    const milliseconds year(31536000LL * 1000);
    CHECK(parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", now) == year);
    CHECK(parse_retry_after("Sat, 12 Apr 2262 00:00:00 GMT", now) == year);
    CHECK(parse_retry_after("Tue, 07 Nov 1995 08:49:37 GMT", now) == year);  // a year and a day
    CHECK(parse_retry_after("Sun, 05 Nov 1995 08:49:37 GMT", now) == milliseconds(364LL * 86400 * 1000));
}

TEST_CASE("Retry-After: garbage is ignored")
{
    for (const char* g : {"", " ", "-1", "1.5", "soon", "Sun, 06 Nov 1994", "12abc", "Sun, 32 Nov 1994 08:49:37 GMT x"})
        CHECK(parse_retry_after(g, {}) == std::nullopt);
}

TEST_CASE("retry-after-ms")
{
    CHECK(parse_retry_after_ms("1500") == milliseconds(1500));
    CHECK(parse_retry_after_ms("1500.7") == milliseconds(1500));
    CHECK(parse_retry_after_ms("-3") == std::nullopt);
    CHECK(parse_retry_after_ms("x") == std::nullopt);
    CHECK(parse_retry_after_ms("") == std::nullopt);
    CHECK(parse_retry_after_ms("nan") == std::nullopt);
}

TEST_CASE("scrub and safe_excerpt never show the secret")
{
    std::string t = "key=SECRET and again SECRETSECRET";
    scrub(t, "SECRET");
    CHECK(t == "key=[redacted] and again [redacted][redacted]");
    std::string u = "nothing";
    scrub(u, "");
    CHECK(u == "nothing");

    CHECK(safe_excerpt("a\nb\x01", "") == "a\\x0ab\\x01");
    const std::string long_body(500, 'x');
    auto e = safe_excerpt(long_body, "", 20);
    CHECK(e == std::string(20, 'x') + "...");
    // A secret straddling the cut is still scrubbed.
    auto e2 = safe_excerpt(std::string(15, 'y') + "SECRET-KEY-0123456789", "SECRET-KEY-0123456789", 20);
    CHECK(e2.find("SECRET") == std::string::npos);
}

TEST_CASE("media types compare without parameters and case")
{
    CHECK(media_type_is("application/json", "application/json"));
    CHECK(media_type_is("Application/JSON; charset=utf-8", "application/json"));
    CHECK_FALSE(media_type_is("text/html", "application/json"));
    CHECK_FALSE(media_type_is("", "application/json"));
}

TEST_CASE("error responses: status, body and headers become an errc and diagnostics")
{
    response_info info;
    info.status = 429;
    info.content_type = "application/json";
    info.retry_after = "7";
    diagnostics d;
    auto ec = classify_error_response(info, R"({"error":{"code":429,"message":"Rate limit exceeded",
        "metadata":{"provider_name":"P","raw":"upstream says no"}}})",
                                      "", d);
    CHECK(ec == errc::rate_limited);
    CHECK(d.http_status == 429);
    CHECK(d.api_code == "429");
    CHECK(d.message == "Rate limit exceeded");
    CHECK(d.provider_name == "P");
    CHECK(d.provider_error == "upstream says no");
    CHECK(d.retry_after == milliseconds(7000));
}

TEST_CASE("error responses: moderation and context length refine 403 and 400")
{
    response_info info;
    info.status = 403;
    diagnostics d;
    auto ec = classify_error_response(info, R"({"error":{"code":403,"message":"flagged",
        "metadata":{"reasons":["violence","hate"],"flagged_input":"...","provider_name":"M","model_slug":"m"}}})",
                                      "", d);
    CHECK(ec == errc::moderation_flagged);
    CHECK(d.moderation_reasons == std::vector<std::string>{"violence", "hate"});
    CHECK(d.flagged_input == "...");

    diagnostics d2;
    CHECK(classify_error_response(info, R"({"error":{"code":403,"message":"needs a provisioning key"}})", "", d2) ==
          errc::forbidden);

    info.status = 400;
    diagnostics d3;
    CHECK(classify_error_response(info,
                                  R"({"error":{"code":400,"message":"This model's maximum context length is 4096"}})",
                                  "", d3) == errc::context_length_exceeded);
    diagnostics d4;
    CHECK(classify_error_response(info, R"({"error":{"code":400,"message":"messages is required"}})", "", d4) ==
          errc::bad_request);
}

TEST_CASE("error responses without an OpenRouter body keep an excerpt")
{
    response_info info;
    info.status = 502;
    info.content_type = "text/html";
    diagnostics d;
    CHECK(classify_error_response(info, "<html>Bad Gateway</html>", "", d) == errc::provider_error);
    CHECK(d.body_excerpt == "<html>Bad Gateway</html>");
    CHECK_FALSE(d.detail.empty());

    diagnostics d2;
    CHECK(classify_error_response(info, R"({"error":"a string, not an object"})", "", d2) == errc::provider_error);
    diagnostics d3;
    info.status = 418;
    CHECK(classify_error_response(info, "", "", d3) == errc::http_error);
    CHECK(d3.http_status == 418);
}

TEST_CASE("string and numeric error codes both read")
{
    response_info info;
    info.status = 400;
    diagnostics d;
    classify_error_response(info, R"({"error":{"code":"invalid_prompt","message":"m"}})", "", d);
    CHECK(d.api_code == "invalid_prompt");
}

TEST_CASE("2xx JSON: content type checked, JSON parsed, empty body is null")
{
    response_info info;
    info.status = 200;
    info.content_type = "application/json; charset=utf-8";
    boost::json::value v;
    diagnostics d;
    CHECK_FALSE(parse_json_response(info, R"({"a":1})", "", v, d));
    CHECK(v.as_object().at("a") == 1);

    CHECK(parse_json_response(info, R"({"a":)", "", v, d) == errc::invalid_response);
    CHECK_FALSE(d.body_excerpt.empty());

    info.content_type = "text/html";
    diagnostics d2;
    CHECK(parse_json_response(info, "<html>", "", v, d2) == errc::unexpected_content_type);

    info.status = 204;
    diagnostics d3;
    CHECK_FALSE(parse_json_response(info, "", "", v, d3));
    CHECK(v.is_null());
}
