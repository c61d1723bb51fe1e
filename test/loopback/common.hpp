// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_TEST_LOOPBACK_COMMON_HPP
#define OPENROUTER_TEST_LOOPBACK_COMMON_HPP

// Shared helpers of the loopback tests: an in-process emulator per test case and a way to run
// one coroutine on its io_context to completion. What the conformance tests use too (client
// options, the X-Emulator fault script, typed operations) is in common/harness.hpp.

#include "common/harness.hpp"

#include <emulator/emulator.hpp>

#include <cstdlib>
#include <string>

namespace Catch {
template <>
struct StringMaker<openrouter::chat_completion> {
    static std::string convert(const openrouter::chat_completion& c)
    {
        return boost::json::serialize(openrouter::to_json(c));
    }
};
}  // namespace Catch

namespace test {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using harness::with_script;

// A key only tests use; tests assert it never shows up in diagnostics.
inline const std::string test_key = "sk-or-v1-loopback-test-key-do-not-print";

inline std::string certs_dir()
{
    const char* d = std::getenv("OPENROUTER_TEST_CERTS");
    REQUIRE(d != nullptr);
    return d;
}

struct emu_fixture {
    explicit emu_fixture(openrouter::emulator::server_options o = {}) : emu(std::move(o)) { emu.start(); }

    // Options for this emulator. Retries are off: most tests assert what one exchange does;
    // the policy tests (policies.cpp) set the policies they exercise.
    openrouter::client_options options() const { return harness::client_options_for(emu.base_url(), test_key); }

    // Runs `aw` on `ioc` until it and everything it started is done; returns its result.
    template <class T>
    T run(asio::awaitable<T> aw)
    {
        return harness::run_on(ioc, std::move(aw));
    }

    asio::io_context ioc;
    openrouter::emulator::server emu;
};

using harness::echo_request;
using harness::scripted;

// Asserts that nothing of the diagnostics shows the test key.
inline void check_no_key(const openrouter::diagnostics& d)
{
    CHECK(d.summary().find(test_key) == std::string::npos);
    CHECK(d.body_excerpt.find(test_key) == std::string::npos);
    CHECK(d.detail.find(test_key) == std::string::npos);
    CHECK(d.message.find(test_key) == std::string::npos);
    CHECK(d.provider_error.find(test_key) == std::string::npos);
}

}  // namespace test

#endif
