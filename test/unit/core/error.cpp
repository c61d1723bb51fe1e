// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include <openrouter/diagnostics.hpp>
#include <openrouter/error.hpp>

#include <boost/asio/error.hpp>
#include <catch2/catch.hpp>

using namespace openrouter;

TEST_CASE("errc codes belong to the openrouter category and have names and messages")
{
    error_code ec = errc::rate_limited;
    CHECK(ec.category().name() == std::string("openrouter"));
    CHECK(to_string(errc::rate_limited) == "rate_limited");
    CHECK(to_string(errc::circuit_open) == "circuit_open");
    CHECK(ec.message().find("429") != std::string::npos);
    for (int v = 1; v <= static_cast<int>(errc::circuit_open); ++v) {
        CHECK(to_string(static_cast<errc>(v)) != "unknown");
        CHECK(make_error_code(static_cast<errc>(v)).message() != "unknown openrouter error");
    }
}

TEST_CASE("every documented status maps to its condition")
{
    CHECK(errc_from_status(400) == errc::bad_request);
    CHECK(errc_from_status(401) == errc::unauthorized);
    CHECK(errc_from_status(402) == errc::insufficient_credits);
    CHECK(errc_from_status(403) == errc::forbidden);
    CHECK(errc_from_status(404) == errc::not_found);
    CHECK(errc_from_status(408) == errc::request_timeout);
    CHECK(errc_from_status(409) == errc::conflict);
    CHECK(errc_from_status(413) == errc::payload_too_large);
    CHECK(errc_from_status(422) == errc::unprocessable_entity);
    CHECK(errc_from_status(429) == errc::rate_limited);
    CHECK(errc_from_status(500) == errc::server_error);
    CHECK(errc_from_status(502) == errc::provider_error);
    CHECK(errc_from_status(503) == errc::no_provider_available);
    CHECK(errc_from_status(504) == errc::gateway_timeout);
    CHECK(errc_from_status(524) == errc::gateway_timeout);
    CHECK(errc_from_status(529) == errc::provider_overloaded);
    CHECK(errc_from_status(507) == errc::server_error);
    CHECK(errc_from_status(418) == errc::http_error);
    CHECK(errc_from_status(302) == errc::http_error);
}

TEST_CASE("is_retryable answers transient versus permanent")
{
    CHECK(is_retryable(errc::rate_limited));
    CHECK(is_retryable(errc::provider_error));
    CHECK(is_retryable(errc::no_provider_available));
    CHECK(is_retryable(errc::request_timeout));
    CHECK(is_retryable(errc::connection_closed));
    CHECK(is_retryable(errc::response_timeout));
    CHECK(is_retryable(errc::stream_truncated));
    CHECK(is_retryable(make_error_code(boost::system::errc::connection_reset)));
    CHECK(is_retryable(make_error_code(boost::system::errc::connection_refused)));

    CHECK_FALSE(is_retryable(error_code{}));
    CHECK_FALSE(is_retryable(errc::bad_request));
    CHECK_FALSE(is_retryable(errc::unauthorized));
    CHECK_FALSE(is_retryable(errc::insufficient_credits));
    CHECK_FALSE(is_retryable(errc::moderation_flagged));
    CHECK_FALSE(is_retryable(errc::certificate_rejected));
    CHECK_FALSE(is_retryable(errc::invalid_response));
    CHECK_FALSE(is_retryable(errc::circuit_open));
    CHECK_FALSE(is_retryable(boost::asio::error::operation_aborted));
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
