// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_TEST_CONFORMANCE_HARNESS_HPP
#define OPENROUTER_TEST_CONFORMANCE_HARNESS_HPP

// What every conformance test uses: a client aimed at the Prism proxy (OPENROUTER_CONFORMANCE_URL,
// set by run.sh) whose response observer records each response's `sl-violations`, and the check
// that fails on any violation not excused by known_defects.hpp.

#include "known_defects.hpp"

#include "common/harness.hpp"

#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

namespace conformance {

namespace asio = boost::asio;
using harness::drive;
using harness::drive_on;
using harness::outcome;
using harness::run;

// Not shaped like a real key; the emulator accepts any non-empty key.
inline const std::string test_key = "conformance-test-key";
// The emulator's provisioning (management) key for /keys endpoints (run.sh configures it).
inline const std::string provisioning_key = "conformance-provisioning-key";

inline std::string proxy_url()
{
    const char* u = std::getenv("OPENROUTER_CONFORMANCE_URL");
    if (u == nullptr)
        FAIL("OPENROUTER_CONFORMANCE_URL is not set: run these tests with `ctest -L conformance` "
             "(test/conformance/run.sh starts the emulator and Prism)");
    return u;
}

// Every response the client saw, in order.
struct recorder {
    std::vector<observed> log;

    void operator()(const openrouter::response_headers& h)
    {
        observed o;
        o.method = h.method;
        o.target = h.target;
        o.status = h.status;
        o.content_type = std::string(h.get("content-type"));
        o.via_prism = !h.get("access-control-allow-origin").empty();
        const auto raw = h.get("sl-violations");
        if (!raw.empty()) {
            boost::system::error_code ec;
            auto v = boost::json::parse(raw, ec);
            if (ec || !v.is_array()) {
                boost::json::object bad;
                bad["location"] = boost::json::array{"sl-violations"};
                bad["message"] = "unparseable sl-violations header: " + std::string(raw);
                o.violations.push_back(std::move(bad));
            } else {
                o.violations = std::move(v.get_array());
            }
        }
        log.push_back(std::move(o));
    }
};

// Client options aimed at the proxy, recording into `rec`; `x_emulator`: a fault script.
inline openrouter::client_options options(const std::shared_ptr<recorder>& rec, std::string x_emulator = {})
{
    auto o = harness::client_options_for(proxy_url(), test_key);  // one response per call: each is judged alone
    o.on_response = [rec](const openrouter::response_headers& h) { (*rec)(h); };
    if (!x_emulator.empty())
        o = harness::with_script(std::move(o), std::move(x_emulator));
    return o;
}

// Violations of one response not excused by a known defect, as readable lines.
inline std::vector<std::string> unexcused(const observed& r)
{
    std::vector<std::string> out;
    for (const auto& v : r.violations) {
        if (!v.is_object()) {
            out.push_back("not an object: " + boost::json::serialize(v));
            continue;
        }
        bool excused = false;
        for (const auto& d : known_defects)
            excused = excused || d.matches(r, v.get_object());
        if (!excused)
            out.push_back(location_of(v.get_object()) + ": " + std::string(message_of(v.get_object())));
    }
    return out;
}

// Every response seen went through Prism and carries no unexcused violation; at least `min`
// responses were seen.
inline void require_conformant(const recorder& rec, std::size_t min = 1)
{
    REQUIRE(rec.log.size() >= min);
    for (const auto& r : rec.log) {
        INFO(r.method << " " << r.target << " -> " << r.status << " (" << r.content_type << ")");
        CHECK(r.via_prism);
        const auto bad = unexcused(r);
        for (const auto& line : bad)
            UNSCOPED_INFO("violation: " << line);
        CHECK(bad.empty());
    }
}

// Each error status the document lists for an operation (`statuses`), scripted through the
// emulator's X-Emulator header: the operation fails with that status, and the request and the
// emulator's error body conform.
template <class T, class Op>
void require_error_statuses(std::initializer_list<int> statuses, const Op& op)
{
    for (int status : statuses) {
        INFO("scripted status " << status);
        auto rec = std::make_shared<recorder>();
        auto r = drive<T>(options(rec, R"({"status":)" + std::to_string(status) + "}"), op);
        CHECK(r.ec);
        CHECK(r.diag.http_status == status);
        REQUIRE(rec->log.size() == 1);
        CHECK(rec->log.back().status == status);
        require_conformant(*rec);
    }
}

}  // namespace conformance

#endif
