// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include "sansio/classify.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <ctime>
#include <iomanip>
#include <locale>
#include <sstream>

namespace openrouter::detail {
namespace {

bool iequals(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s)
{
    std::string r(s);
    for (auto& c : r)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return r;
}

std::string text_of(const boost::json::value& v)
{
    if (v.is_string())
        return std::string(v.get_string());
    if (v.is_null())
        return {};
    return boost::json::serialize(v);
}

bool mentions_context_length(std::string_view message)
{
    const std::string m = lower(message);
    for (const char* needle : {"context length", "context_length", "maximum context", "context window",
                               "too many tokens", "prompt is too long"})
        if (m.find(needle) != std::string::npos)
            return true;
    return false;
}

}  // namespace

// The longest Retry-After delay a header can ask for (longer ones are capped): a year.
constexpr long long max_delay_seconds = 365LL * 24 * 3600;

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now)
{
    value = trim(value);
    if (value.empty())
        return std::nullopt;
    if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        long long secs = 0;
        auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), secs);
        if (ec != std::errc{} || p != value.data() + value.size())
            return std::nullopt;  // overflow
        if (secs > max_delay_seconds)
            secs = max_delay_seconds;
        return std::chrono::milliseconds(secs * 1000);
    }
    // HTTP-date: IMF-fixdate, obsolete RFC 850 and asctime forms. A date must print back to
    // exactly the text it was read from: this rejects partial and out-of-range dates, which
    // std::get_time alone would accept.
    struct form {
        const char* parse;
        const char* print;
    };
    static const form forms[] = {{"%a, %d %b %Y %H:%M:%S GMT", "%a, %d %b %Y %H:%M:%S GMT"},
                                 {"%A, %d-%b-%y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT"},
                                 {"%a %b %e %H:%M:%S %Y", "%a %b %e %H:%M:%S %Y"}};
    for (const form& f : forms) {
        std::tm tm{};
        std::istringstream in{std::string(value)};
        in.imbue(std::locale::classic());
        in >> std::get_time(&tm, f.parse);
        if (in.fail())
            continue;
        char printed[64];
        const std::size_t n = std::strftime(printed, sizeof printed, f.print, &tm);
        if (n == 0 || std::string_view(printed, n) != value)
            continue;
        const std::time_t t = timegm(&tm);
        if (t == static_cast<std::time_t>(-1))
            continue;
        // Compare in seconds first: a date beyond year 2262 does not fit the clock's nanoseconds
        // (from_time_t would overflow). Dates more than a year ahead are capped like delta-seconds.
        const std::time_t now_t = std::chrono::system_clock::to_time_t(now);
        if (t <= now_t)
            return std::chrono::milliseconds(0);
        if (t - now_t > max_delay_seconds)
            return std::chrono::milliseconds(max_delay_seconds * 1000);
        const auto at = std::chrono::system_clock::from_time_t(t);
        if (at <= now)
            return std::chrono::milliseconds(0);
        return std::chrono::duration_cast<std::chrono::milliseconds>(at - now);
    }
    return std::nullopt;
}

std::optional<std::chrono::milliseconds> parse_retry_after_ms(std::string_view value)
{
    value = trim(value);
    if (value.empty())
        return std::nullopt;
    double ms = 0;
    auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), ms);
    if (ec != std::errc{} || p != value.data() + value.size() || !(ms >= 0) || ms > 365.0 * 24 * 3600 * 1000)
        return std::nullopt;
    return std::chrono::milliseconds(static_cast<long long>(ms));
}

void scrub(std::string& text, std::string_view secret)
{
    if (secret.empty())
        return;
    static constexpr std::string_view redacted = "[redacted]";
    for (std::size_t pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos + redacted.size()))
        text.replace(pos, secret.size(), redacted);
}

std::string safe_excerpt(std::string_view body, std::string_view secret, std::size_t max)
{
    std::string s(body.substr(0, std::min(body.size(), max + secret.size())));
    scrub(s, secret);
    std::string out;
    out.reserve(std::min(s.size(), max) + 8);
    for (char c : s) {
        if (out.size() >= max)
            break;
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", u);
            out += buf;
        } else {
            out += c;
        }
    }
    if (body.size() > max)
        out += "...";
    return out;
}

bool media_type_is(std::string_view content_type, std::string_view type)
{
    const auto semi = content_type.find(';');
    return iequals(trim(content_type.substr(0, semi)), type);
}

namespace {

// scrub() on every string inside `v` (a server may echo the key anywhere in its metadata).
void scrub_json(boost::json::value& v, std::string_view secret)
{
    if (auto* str = v.if_string()) {
        if (str->find(secret) == boost::json::string::npos)
            return;
        std::string t(str->begin(), str->end());
        scrub(t, secret);
        *str = t;
    } else if (auto* arr = v.if_array()) {
        for (auto& e : *arr)
            scrub_json(e, secret);
    } else if (auto* obj = v.if_object()) {
        for (auto& kv : *obj)
            scrub_json(kv.value(), secret);
    }
}

}  // namespace

int status_of_error(const boost::json::object& error, int fallback) noexcept
{
    if (const auto* c = error.if_contains("code");
        c != nullptr && c->is_int64() && c->get_int64() >= 400 && c->get_int64() <= 599)
        return static_cast<int>(c->get_int64());
    return fallback;
}

errc read_api_error(const boost::json::object& error, int status, std::string_view secret, diagnostics& diag)
{
    if (auto it = error.find("code"); it != error.end())
        diag.api_code = text_of(it->value());
    if (auto it = error.find("message"); it != error.end())
        diag.message = text_of(it->value());
    scrub(diag.message, secret);
    if (auto it = error.find("metadata"); it != error.end() && it->value().is_object()) {
        diag.metadata = it->value().get_object();
        if (!secret.empty())
            for (auto& kv : diag.metadata)
                scrub_json(kv.value(), secret);
        const auto& md = diag.metadata;
        if (auto p = md.find("provider_name"); p != md.end())
            diag.provider_name = text_of(p->value());
        if (auto p = md.find("raw"); p != md.end())
            diag.provider_error = text_of(p->value());
        if (auto p = md.find("reasons"); p != md.end() && p->value().is_array())
            for (const auto& r : p->value().get_array())
                diag.moderation_reasons.push_back(text_of(r));
        if (auto p = md.find("flagged_input"); p != md.end())
            diag.flagged_input = text_of(p->value());
        if (auto p = md.find("error_type"); p != md.end())
            diag.error_type = text_of(p->value());
        if (auto p = md.find("provider_code"); p != md.end())
            diag.provider_code = text_of(p->value());
        scrub(diag.provider_error, secret);
        scrub(diag.flagged_input, secret);
    }
    errc e = errc_from_status(status);
    if (status == 403 && (!diag.moderation_reasons.empty() || !diag.flagged_input.empty()))
        e = errc::moderation_flagged;
    else if (status == 400 && mentions_context_length(diag.message))
        e = errc::context_length_exceeded;
    return e;
}

error_code classify_error_response(const response_info& info, std::string_view body, std::string_view secret,
                                   diagnostics& diag)
{
    diag.http_status = info.status;
    if (!info.retry_after_ms.empty())
        diag.retry_after = parse_retry_after_ms(info.retry_after_ms);
    if (!diag.retry_after && !info.retry_after.empty())
        diag.retry_after = parse_retry_after(info.retry_after, info.now);

    boost::system::error_code jec;
    boost::json::value v = boost::json::parse(body, jec);
    if (!jec && v.is_object()) {
        const auto& obj = v.get_object();
        if (auto it = obj.find("error"); it != obj.end() && it->value().is_object())
            return read_api_error(it->value().get_object(), info.status, secret, diag);
    }
    diag.body_excerpt = safe_excerpt(body, secret);
    diag.detail = "the error response has no OpenRouter error body";
    return errc_from_status(info.status);
}

error_code parse_json_response(const response_info& info, std::string_view body, std::string_view secret,
                               boost::json::value& out, diagnostics& diag)
{
    diag.http_status = info.status;
    if (body.empty()) {
        out = nullptr;
        return {};
    }
    if (!media_type_is(info.content_type, "application/json")) {
        diag.detail = "expected application/json, got '" + safe_excerpt(info.content_type, secret, 80) + "'";
        diag.body_excerpt = safe_excerpt(body, secret);
        return errc::unexpected_content_type;
    }
    boost::system::error_code jec;
    out = boost::json::parse(body, jec);
    if (jec) {
        diag.detail = "the body is not valid JSON: " + jec.message();
        diag.body_excerpt = safe_excerpt(body, secret);
        return errc::invalid_response;
    }
    return {};
}

}  // namespace openrouter::detail
