// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The chat completion reader of non-stream bodies, as the client runs it (core/chat_ops.cpp):
// parse_json_response, then read_chat_completion. Properties: a refusal always says why; the
// reader gives the same result into a fresh object as into one that held an earlier completion
// (nothing of the earlier one survives); the body re-serialised and read again gives an equal
// completion (when the JSON value itself survives that). Input: an optional earlier body, NUL, the body.

#include "fuzz/fuzz_check.hpp"
#include "sansio/classify.hpp"
#include "json/chat_codec.hpp"

#include <openrouter/chat_completion.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace {

using namespace openrouter;

bool read_body(std::string_view body, chat_completion& out, std::string& why, boost::json::value& v)
{
    detail::response_info info;
    info.status = 200;
    info.content_type = "application/json; charset=utf-8";
    diagnostics diag;
    if (detail::parse_json_response(info, body, "sk-or-v1-fuzz", v, diag)) {
        FUZZ_ASSERT(!diag.detail.empty());
        return false;
    }
    const bool ok = detail::read_chat_completion(v, out, why);
    FUZZ_ASSERT(ok || !why.empty());
    return ok;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto parts = fuzz::split_nul(std::string_view(reinterpret_cast<const char*>(data), size), 2);
    const std::string_view body = parts.back();

    chat_completion fresh;
    std::string why;
    boost::json::value v;
    const bool ok = read_body(body, fresh, why, v);

    if (parts.size() == 2) {
        chat_completion reused;
        std::string w0;
        boost::json::value v0;
        (void)read_body(parts[0], reused, w0, v0);
        std::string w1;
        boost::json::value v1;
        const bool ok2 = read_body(body, reused, w1, v1);
        FUZZ_ASSERT(ok2 == ok);
        FUZZ_ASSERT(w1 == why);
        if (ok)
            FUZZ_ASSERT(reused == fresh);
    }
    if (ok) {
        // Boost.JSON 1.81 reads numbers imprecisely (not correctly rounded; 1e886 reads as inf),
        // so a number may not survive print and re-parse: the reader's round trip is checked
        // when the JSON value's own round trip holds.
        const std::string again = boost::json::serialize(v);
        boost::system::error_code jec;
        if (boost::json::parse(again, jec) == v && !jec) {
            chat_completion round;
            std::string w2;
            boost::json::value v2;
            FUZZ_ASSERT(read_body(again, round, w2, v2));
            FUZZ_ASSERT(round == fresh);
        }
    }
    return 0;
}
