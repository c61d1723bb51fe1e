// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include <openrouter/retry.hpp>

#include <boost/asio/error.hpp>

#include <cmath>
#include <limits>

namespace openrouter::retry {
namespace {

using std::chrono::milliseconds;

constexpr std::string_view transient_error_types[] = {"rate_limit_exceeded", "provider_overloaded",
                                                      "provider_unavailable", "server", "timeout"};

bool has_error(const attempt_outcome& o, errc e) noexcept
{
    return o.error == make_error_code(e);
}

milliseconds non_negative(milliseconds d) noexcept
{
    return std::max(d, milliseconds(0));
}

}  // namespace

std::uint64_t random_source::uniform(std::uint64_t lo, std::uint64_t hi)
{
    if (hi <= lo)
        return lo;
    const std::uint64_t span = hi - lo;
    if (span == std::numeric_limits<std::uint64_t>::max())
        return next();
    const std::uint64_t range = span + 1;
    // Rejection sampling: values below `threshold` would bias the modulo. Portable and exact.
    const std::uint64_t threshold = (std::uint64_t(0) - range) % range;
    std::uint64_t r = next();
    while (r < threshold)
        r = next();
    return lo + r % range;
}

milliseconds random_source::uniform(milliseconds lo, milliseconds hi)
{
    const auto l = static_cast<std::uint64_t>(non_negative(lo).count());
    const auto h = static_cast<std::uint64_t>(non_negative(hi).count());
    return milliseconds(static_cast<milliseconds::rep>(uniform(l, h)));
}

decision exponential_backoff::operator()(const attempt_outcome& o, random_source& rng) const
{
    const milliseconds init = non_negative(initial);
    const milliseconds cap = non_negative(max);
    const double mult = (multiplier >= 1.0 && std::isfinite(multiplier)) ? multiplier : 1.0;
    const int k = std::max(o.model_attempt, 1) - 1;

    // initial * mult^k, computed in double and capped before converting back (no overflow).
    // (A zero `initial` stays zero: 0 * pow(mult, k) is NaN once the power overflows; NaN or an
    // overflowed value caps.)
    const double raw = init.count() == 0 ? 0.0 : static_cast<double>(init.count()) * std::pow(mult, k);
    const milliseconds base =
        !(raw < static_cast<double>(cap.count())) ? cap : milliseconds(static_cast<milliseconds::rep>(raw));

    switch (jitter) {
    case jitter_kind::none: return base;
    case jitter_kind::full: return rng.uniform(milliseconds(0), base);
    case jitter_kind::equal: {
        const milliseconds half = base / 2;
        return half + rng.uniform(milliseconds(0), base - half);
    }
    case jitter_kind::decorrelated: {
        const milliseconds prev = o.previous_delay > milliseconds(0) ? o.previous_delay : init;
        // prev * 3, saturating.
        const milliseconds tripled =
            prev.count() > std::numeric_limits<milliseconds::rep>::max() / 3 ? milliseconds::max() : prev * 3;
        const milliseconds lo = std::min(init, cap);
        return std::min(cap, rng.uniform(lo, std::max(lo, tripled)));
    }
    }
    return base;
}

bool is_transient_error_type(std::string_view error_type) noexcept
{
    for (std::string_view t : transient_error_types)
        if (error_type == t)
            return true;
    return false;
}

bool is_transient(const attempt_outcome& o) noexcept
{
    if (!o.error && o.http_status == 0)
        return false;
    if (o.error == boost::asio::error::operation_aborted || has_error(o, errc::circuit_open) ||
        has_error(o, errc::unsupported_content_encoding))
        return false;
    // OpenRouter's canonical error type decides for a 400 and for an in-band stream error.
    if (!o.error_type.empty() && (o.http_status == 400 || has_error(o, errc::stream_error)))
        return is_transient_error_type(o.error_type);
    if (is_retryable(o.error))
        return true;
    const int s = o.http_status;
    return s == 408 || s == 409 || s == 429 || (s >= 500 && s <= 599);
}

namespace detail {

bool rate_limited_fn::operator()(const attempt_outcome& o) const noexcept
{
    return o.http_status == 429 || has_error(o, errc::rate_limited) || o.error_type == "rate_limit_exceeded";
}

bool server_errors_fn::operator()(const attempt_outcome& o) const noexcept
{
    if (o.http_status >= 500 && o.http_status <= 599)
        return true;
    for (errc e : {errc::server_error, errc::provider_error, errc::no_provider_available, errc::gateway_timeout,
                   errc::provider_overloaded})
        if (has_error(o, e))
            return true;
    return o.error_type == "server" || o.error_type == "provider_overloaded" || o.error_type == "provider_unavailable";
}

bool timeouts_fn::operator()(const attempt_outcome& o) const noexcept
{
    for (errc e : {errc::connect_timeout, errc::tls_handshake_timeout, errc::response_timeout,
                   errc::first_delta_timeout, errc::idle_timeout, errc::request_timeout, errc::gateway_timeout})
        if (has_error(o, e))
            return true;
    return o.http_status == 408 || o.http_status == 504 || o.http_status == 524 || o.error_type == "timeout" ||
           o.error == boost::system::errc::timed_out;
}

bool connection_errors_fn::operator()(const attempt_outcome& o) const noexcept
{
    return o.http_status == 0 && is_retryable(o.error) && !timeouts_fn{}(o) && !has_error(o, errc::total_timeout);
}

}  // namespace detail

policy default_policy()
{
    using namespace std::chrono_literals;
    return respect_retry_after(
        20s,
        limit(3, only_if(transient, exponential_backoff{
                                        .initial = 500ms, .multiplier = 2.0, .max = 8s, .jitter = jitter_kind::full})));
}

}  // namespace openrouter::retry
