// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_TEST_LOOPBACK_CATALOGUE_ACCOUNT_HPP
#define OPENROUTER_TEST_LOOPBACK_CATALOGUE_ACCOUNT_HPP

// Helpers of the loopback tests of the catalogue and account operations.

#include "loopback/common.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace test {

// A provisioning key the emulator is configured with (not shaped like a real key).
inline const std::string prov_key = "loopback-provisioning-test-key";

inline openrouter::emulator::server_options provisioning_server()
{
    openrouter::emulator::server_options o;
    o.provisioning_keys.push_back(prov_key);
    return o;
}

// The fixture's options with a fault script sent on every request (header X-Emulator).
inline openrouter::client_options scripted_options(const emu_fixture& f, std::string script)
{
    return with_script(f.options(), std::move(script));
}

inline openrouter::emulator::recorded_request last_request(const emu_fixture& f)
{
    auto r = f.emu.requests();
    REQUIRE(!r.empty());
    return r.back();
}

inline std::string header_of(const openrouter::emulator::recorded_request& r, std::string_view name)
{
    auto eq = [](std::string_view a, std::string_view b) {
        return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
                   return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
               });
    };
    for (const auto& [k, v] : r.headers)
        if (eq(k, name))
            return v;
    return {};
}

}  // namespace test

#endif
