// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include <openrouter/diagnostics.hpp>
#include <openrouter/error.hpp>

#include <boost/asio/error.hpp>
#include <catch2/catch.hpp>

#include <array>

using namespace openrouter;

TEST_CASE("errc codes belong to the openrouter category and have names and messages")
{
    error_code ec = errc::rate_limited;
    CHECK(ec.category().name() == std::string("openrouter"));
    CHECK(to_string(errc::rate_limited) == "rate_limited");
    CHECK(to_string(errc::circuit_open) == "circuit_open");
    CHECK(to_string(errc::budget_exhausted) == "budget_exhausted");
    CHECK(ec.message().find("429") != std::string::npos);
    for (int v = 1; v <= static_cast<int>(errc::budget_exhausted); ++v) {
        CHECK(to_string(static_cast<errc>(v)) != "unknown");
        CHECK(make_error_code(static_cast<errc>(v)).message() != "unknown openrouter error");
    }
}

TEST_CASE("every documented status maps to its condition")
{
    struct row {
        int status;
        errc want;
    };
    const std::array<row, 19> rows{{
        {400, errc::bad_request},
        {401, errc::unauthorized},
        {402, errc::insufficient_credits},
        {403, errc::forbidden},
        {404, errc::not_found},
        {408, errc::request_timeout},
        {409, errc::conflict},
        {413, errc::payload_too_large},
        {422, errc::unprocessable_entity},
        {429, errc::rate_limited},
        {500, errc::server_error},
        {502, errc::provider_error},
        {503, errc::no_provider_available},
        {504, errc::gateway_timeout},
        {524, errc::gateway_timeout},
        {529, errc::provider_overloaded},
        {507, errc::server_error},
        {418, errc::http_error},
        {302, errc::http_error},
    }};
    for (const auto& r : rows) {
        INFO("HTTP " << r.status);
        CHECK(errc_from_status(r.status) == r.want);
    }
}

TEST_CASE("is_retryable answers transient versus permanent")
{
    const std::array<error_code, 9> transient{
        errc::rate_limited,
        errc::provider_error,
        errc::no_provider_available,
        errc::request_timeout,
        errc::connection_closed,
        errc::response_timeout,
        errc::stream_truncated,
        make_error_code(boost::system::errc::connection_reset),
        make_error_code(boost::system::errc::connection_refused),
    };
    const std::array<error_code, 10> permanent{
        error_code{},
        errc::bad_request,
        errc::unauthorized,
        errc::insufficient_credits,
        errc::moderation_flagged,
        errc::certificate_rejected,
        errc::invalid_response,
        errc::circuit_open,
        errc::budget_exhausted,
        boost::asio::error::operation_aborted,
    };
    for (const auto& ec : transient) {
        INFO(ec.category().name() << ": " << ec.message());
        CHECK(is_retryable(ec));
    }
    for (const auto& ec : permanent) {
        INFO(ec.category().name() << ": " << ec.message());
        CHECK_FALSE(is_retryable(ec));
    }
}

TEST_CASE("api_error carries the code and the diagnostics")
{
    diagnostics d;
    d.http_status = 429;
    d.message = "slow down";
    d.provider_name = "Emulator";
    d.retry_after = std::chrono::milliseconds(2000);
    api_error e(errc::rate_limited, d);
    CHECK(e.code() == errc::rate_limited);
    CHECK(e.diag().http_status == 429);
    std::string what = e.what();
    CHECK(what.find("HTTP 429") != std::string::npos);
    CHECK(what.find("slow down") != std::string::npos);
    CHECK(what.find("retry after 2000 ms") != std::string::npos);
}
