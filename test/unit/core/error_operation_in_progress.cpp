// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// errc::operation_in_progress: a usage error (a second async_next while one is pending).

#include <openrouter/error.hpp>

#include <catch2/catch.hpp>

#include <string>

using openrouter::errc;
using openrouter::error_code;

TEST_CASE("errc::operation_in_progress has its name, message and category and is never retried")
{
    const error_code ec = errc::operation_in_progress;
    CHECK(ec.category() == openrouter::error_category());
    CHECK(std::string(ec.category().name()) == "openrouter");
    CHECK(openrouter::to_string(errc::operation_in_progress) == "operation_in_progress");
    CHECK(ec.message().find("already pending") != std::string::npos);
    CHECK_FALSE(openrouter::is_retryable(ec));
    // Appended: the values of the conditions before it did not move.
    CHECK(static_cast<int>(errc::operation_in_progress) == static_cast<int>(errc::circuit_open) + 1);
}
