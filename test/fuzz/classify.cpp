// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The error-body classifier (lib/sansio/classify.cpp, classify_error_response). Input: byte 0
// and 1 give the status (400..599, or anything now and then), then NUL-separated parts:
// Retry-After, retry-after-ms, the body. Properties: the code is errc_from_status(status) or its
// documented refinement (403 -> moderation_flagged, 400 -> context_length_exceeded); the
// diagnostics carry the status; retry_after is what the two header parsers give (ms first) and
// is never negative; the API key never appears in the scrubbed fields (message, provider error,
// flagged input, body excerpt), which stay bounded; the same call twice gives the same result.

#include "sansio/classify.hpp"
#include "fuzz/fuzz_check.hpp"

#include <openrouter/error.hpp>

namespace {

using namespace openrouter;

// A key made of characters that do not occur in "[redacted]" brackets, so a scrubbed text
// cannot form it again.
constexpr std::string_view key = "sk-or-v1-FUZZ0123456789KEY";

error_code classify(const detail::response_info& info, std::string_view body, diagnostics& diag)
{
    return detail::classify_error_response(info, body, key, diag);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 2)
        return 0;
    int status = 400 + (data[0] | (data[1] << 8)) % 200;
    if (data[0] == 0xff)
        status = data[1] * 7 - 100;  // below 400 and negative too
    const auto parts = fuzz::split_nul(std::string_view(reinterpret_cast<const char*>(data) + 2, size - 2), 3);
    detail::response_info info;
    info.status = status;
    info.content_type = "application/json";
    info.now = std::chrono::system_clock::time_point(std::chrono::seconds(1750000000));
    const std::string_view body = parts.back();
    if (parts.size() == 3) {
        info.retry_after = parts[0];
        info.retry_after_ms = parts[1];
    }

    diagnostics diag;
    const error_code ec = classify(info, body, diag);
    FUZZ_ASSERT(ec.category() == openrouter::error_category());
    const errc base = errc_from_status(status);
    const auto e = static_cast<errc>(ec.value());
    FUZZ_ASSERT(e == base || (status == 403 && e == errc::moderation_flagged) ||
                (status == 400 && e == errc::context_length_exceeded));
    FUZZ_ASSERT(diag.http_status == status);

    std::optional<std::chrono::milliseconds> want;
    if (!info.retry_after_ms.empty())
        want = detail::parse_retry_after_ms(info.retry_after_ms);
    if (!want && !info.retry_after.empty())
        want = detail::parse_retry_after(info.retry_after, info.now);
    FUZZ_ASSERT(diag.retry_after == want);
    FUZZ_ASSERT(!diag.retry_after || diag.retry_after->count() >= 0);

    for (const std::string* s : {&diag.message, &diag.provider_error, &diag.flagged_input, &diag.body_excerpt})
        FUZZ_ASSERT(s->find(key) == std::string::npos);
    FUZZ_ASSERT(diag.body_excerpt.size() <= 200 + 3 + 3);  // the last byte may be an escape "\\xHH", then "..."
    // No body excerpt when the body was an OpenRouter error object, a reason otherwise.
    FUZZ_ASSERT(diag.body_excerpt.empty() || !diag.detail.empty());

    diagnostics again;
    FUZZ_ASSERT(classify(info, body, again) == ec);
    FUZZ_ASSERT(again.message == diag.message && again.api_code == diag.api_code &&
                again.body_excerpt == diag.body_excerpt && again.metadata == diag.metadata);
    return 0;
}
