// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// request_policies in client_options, its defaults, and docs/retry.md's quotations of the tests.
#include <openrouter/client_options.hpp>
#include <openrouter/policies.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>

using namespace std::chrono_literals;
using openrouter::errc;

TEST_CASE("policies: the defaults")
{
    const openrouter::request_policies p;
    CHECK(p.retry);
    CHECK_FALSE(p.hedge.has_value());
    CHECK_FALSE(p.circuit_breaker.enabled);
    CHECK(p.circuit_breaker.failure_threshold == 5);
    CHECK(p.circuit_breaker.cool_down == 30s);
    CHECK(p.on_stream_failure == openrouter::stream_recovery::fail);
    CHECK(p.fallback.chain.empty());
    CHECK_FALSE(p.fallback.server.has_value());
    CHECK_FALSE(p.on_attempt);
    CHECK(to_string(openrouter::stream_recovery::continue_with_prefill) == "continue_with_prefill");

    // The default retry policy: 429 retried honouring Retry-After, 401 not.
    openrouter::retry::random_source rng(3);
    openrouter::retry::attempt_outcome o;
    o.error = make_error_code(errc::rate_limited);
    o.http_status = 429;
    o.retry_after = 2s;
    CHECK(p.retry(o, rng) == 2000ms);
    o.error = make_error_code(errc::unauthorized);
    o.http_status = 401;
    CHECK(p.retry(o, rng) == std::nullopt);
}

TEST_CASE("policies: configure a client")
{
    // [doc:policies-options]
    namespace retry = openrouter::retry;
    openrouter::client_options o;
    const retry::exponential_backoff backoff{
        .initial = 250ms, .multiplier = 3.0, .max = 10s, .jitter = retry::jitter_kind::decorrelated};
    o.policies.retry = retry::respect_retry_after(30s, retry::limit(5, retry::only_if(retry::transient, backoff)));
    o.policies.fallback.chain = {"anthropic/claude-sonnet-4", "openai/gpt-4o"};
    o.policies.hedge = openrouter::hedge::policy{.after = 5s, .max_hedges = 1};
    o.policies.circuit_breaker = {.enabled = true, .failure_threshold = 5, .cool_down = 30s};
    o.policies.on_stream_failure = openrouter::stream_recovery::restart;
    o.policies.on_attempt = [](const openrouter::attempt_record& r) {
        std::clog << "attempt " << r.number << " on " << r.model << ": " << r.decision << " (" << r.reason << ")\n";
    };
    // [doc:policies-options-end]

    const openrouter::client_options copy = o;  // plain data: copies share the retry policy
    openrouter::retry::random_source rng(42);
    openrouter::retry::attempt_outcome out;
    out.error = make_error_code(errc::provider_error);
    out.http_status = 502;
    const auto d = copy.policies.retry(out, rng);
    REQUIRE(d.has_value());
    CHECK(*d >= 250ms);
    CHECK(*d <= 750ms);  // decorrelated: uniform[initial, 3 * initial] on the first retry
    out.model_attempt = 6;
    CHECK(copy.policies.retry(out, rng) == std::nullopt);
    CHECK(copy.policies.fallback.chain.models() ==
          std::vector<std::string>{"anthropic/claude-sonnet-4", "openai/gpt-4o"});
}

#ifndef OPENROUTER_SOURCE_DIR
#error "OPENROUTER_SOURCE_DIR must name the source tree"
#endif

namespace {

std::string read_file(const std::filesystem::path& p)
{
    std::ifstream in(p);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The lines between "// [doc:<name>]" and "// [doc:<name>-end]" in `source`, dedented.
std::string region(const std::string& source, const std::string& name)
{
    std::istringstream in(source);
    std::vector<std::string> lines;
    bool inside = false;
    for (std::string line; std::getline(in, line);) {
        const auto pos = line.find("// [doc:");
        if (pos != std::string::npos && line.find_first_not_of(' ') == pos) {
            if (line.substr(pos) == "// [doc:" + name + "]")
                inside = true;
            else if (line.substr(pos) == "// [doc:" + name + "-end]")
                inside = false;
            continue;
        }
        if (inside)
            lines.push_back(line);
    }
    std::size_t indent = std::string::npos;
    for (const auto& l : lines)
        if (l.find_first_not_of(' ') != std::string::npos)
            indent = std::min(indent, l.find_first_not_of(' '));
    std::string out;
    for (const auto& l : lines)
        out += (l.size() >= indent ? l.substr(indent) : std::string()) + "\n";
    return out;
}

}  // namespace

TEST_CASE("policies: docs/retry.md quotes the tests verbatim")
{
    const std::filesystem::path root = OPENROUTER_SOURCE_DIR;
    const std::string doc = read_file(root / "docs" / "retry.md");
    REQUIRE_FALSE(doc.empty());
    // Each quotation: "<!-- quote test/unit/<room>/<file>.cpp <region> -->" then a ```cpp block.
    const std::regex quote(
        R"(<!-- quote (test/unit/(?:[a-z_]+/)*[a-z_]+\.cpp) ([a-z0-9-]+) -->\n```cpp\n([\s\S]*?)```)");
    int quotes = 0;
    for (std::sregex_iterator it(doc.begin(), doc.end(), quote), end; it != end; ++it) {
        const std::string file = (*it)[1];
        const std::string name = (*it)[2];
        INFO("quote of " << file << " [doc:" << name << "]");
        const std::string expected = region(read_file(root / file), name);
        REQUIRE_FALSE(expected.empty());
        CHECK((*it)[3].str() == expected);
        ++quotes;
    }
    CHECK(quotes >= 8);
}
