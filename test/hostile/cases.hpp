// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_TEST_HOSTILE_CASES_HPP
#define OPENROUTER_TEST_HOSTILE_CASES_HPP

// What every hostile case shares: a client for the hostile server, one operation run to its
// end (chat, models, or a whole stream), and the checks that hold for every case.

#include "hostile/server.hpp"

#include <openrouter/chat.hpp>
#include <openrouter/client.hpp>
#include <openrouter/models.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

namespace hostile {

// A fake key; it must never appear in any diagnostics.
inline constexpr const char* fake_key = "sk-or-v1-hostile-FAKE-7f3a9c1e5b";

// Short limits so that each case ends in about a second (retries off).
openrouter::client_options fast_options(const server& s);
// The library's defaults (retries and timeouts), only the endpoint and key set.
openrouter::client_options default_options(const server& s);

struct result {
    openrouter::error_code ec;
    openrouter::diagnostics diag;
    std::string text;  // chat: the answer's content; stream: the deltas' content joined
    int deltas = 0;
    std::chrono::milliseconds took{0};
};

result chat(const openrouter::client_options& o);
result models(const openrouter::client_options& o);
// Opens a chat stream and reads it to its end (or its error).
result stream(const openrouter::client_options& o);
// Two chats in a row on one client (for keep-alive cases).
std::pair<result, result> chat_twice(const openrouter::client_options& o);

// Every string of `d` (summary, detail, message, excerpt, metadata, attempts) joined.
std::string all_text(const openrouter::diagnostics& d);

}  // namespace hostile

// The checks every case makes: the error, and that the key is in no diagnostics.
#define HOSTILE_CHECK_RESULT(r, expected)                                                                              \
    do {                                                                                                               \
        INFO("ec: " << (r).ec.message() << " detail: " << (r).diag.detail);                                            \
        CHECK((r).ec == (expected));                                                                                   \
        CHECK(::hostile::all_text((r).diag).find(::hostile::fake_key) == std::string::npos);                           \
    } while (false)

#endif
