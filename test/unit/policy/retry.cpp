// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Retry policies: exact delays under seeded jitter, caps, Retry-After, limits, predicates,
// combinators, the type-erased holder and user-defined policies.
//
// The expected jittered delays were computed independently of this library, by a Python
// implementation of std::mt19937_64 and of the documented draw (rejection sampling, inclusive
// bounds), which also reproduces the standard's check value of mt19937_64.
#include <openrouter/retry.hpp>

#include <boost/asio/error.hpp>
#include <catch2/catch.hpp>

#include <vector>

using namespace std::chrono_literals;
using std::chrono::milliseconds;
namespace retry = openrouter::retry;
using openrouter::errc;
using openrouter::make_error_code;

namespace {

retry::attempt_outcome failure(errc e, int status = 0, int model_attempt = 1)
{
    retry::attempt_outcome o;
    o.attempt = model_attempt;
    o.model_attempt = model_attempt;
    o.error = make_error_code(e);
    o.http_status = status;
    return o;
}

// The delays a policy chooses for model attempts 1..n of one failure kind, feeding each chosen
// delay back as the next attempt's previous_delay (as the attempt loop does).
template <class P>
std::vector<long long> delays(const P& p, retry::random_source& rng, retry::attempt_outcome o, int n)
{
    std::vector<long long> out;
    for (int k = 1; k <= n; ++k) {
        o.attempt = o.model_attempt = k;
        const retry::decision d = p(o, rng);
        if (!d)
            break;
        out.push_back(d->count());
        o.previous_delay = *d;
    }
    return out;
}

using v = std::vector<long long>;

}  // namespace

TEST_CASE("retry: random_source is the standard mt19937_64 with a portable uniform draw")
{
    retry::random_source r(5489);  // the default seed of std::mt19937_64
    for (int i = 1; i < 10000; ++i)
        r.next();
    CHECK(r.next() == 9981545732273789042ULL);  // [rand.predef]: the 10000th value

    retry::random_source a(42);
    retry::random_source b(42);
    for (int i = 0; i < 1000; ++i) {
        const auto x = a.uniform(milliseconds(10), milliseconds(20));
        CHECK(x >= 10ms);
        CHECK(x <= 20ms);
        CHECK(x == b.uniform(milliseconds(10), milliseconds(20)));
    }
    CHECK(a.uniform(milliseconds(5), milliseconds(5)) == 5ms);
    CHECK(a.uniform(milliseconds(9), milliseconds(3)) == 9ms);    // lo > hi gives lo
    CHECK(a.uniform(milliseconds(-5), milliseconds(-1)) == 0ms);  // negative bounds count as 0
    a.seed(42);
    retry::random_source c(42);
    CHECK(a.next() == c.next());
}

TEST_CASE("retry: exponential backoff without jitter doubles up to the cap")
{
    retry::random_source rng;
    const retry::exponential_backoff p{
        .initial = 500ms, .multiplier = 2.0, .max = 8s, .jitter = retry::jitter_kind::none};
    CHECK(delays(p, rng, failure(errc::server_error, 500), 7) == v{500, 1000, 2000, 4000, 8000, 8000, 8000});

    const retry::exponential_backoff triple{
        .initial = 100ms, .multiplier = 3.0, .max = 1s, .jitter = retry::jitter_kind::none};
    CHECK(delays(triple, rng, failure(errc::server_error, 500), 5) == v{100, 300, 900, 1000, 1000});
}

TEST_CASE("retry: exponential backoff survives huge attempt numbers and bad parameters")
{
    retry::random_source rng;
    auto o = failure(errc::server_error, 500, 100000);
    const retry::exponential_backoff p{
        .initial = 500ms, .multiplier = 2.0, .max = 8s, .jitter = retry::jitter_kind::none};
    CHECK(p(o, rng) == milliseconds(8000));  // 2^99999 overflows a double: still the cap

    const retry::exponential_backoff nan{
        .initial = 200ms, .multiplier = std::nan(""), .max = 1s, .jitter = retry::jitter_kind::none};
    CHECK(nan(o, rng) == milliseconds(200));  // NaN multiplier counts as 1
    const retry::exponential_backoff shrinking{
        .initial = 200ms, .multiplier = 0.5, .max = 1s, .jitter = retry::jitter_kind::none};
    CHECK(shrinking(o, rng) == milliseconds(200));  // below 1 counts as 1
    const retry::exponential_backoff negative{
        .initial = -5ms, .multiplier = 2.0, .max = -1ms, .jitter = retry::jitter_kind::full};
    CHECK(negative(o, rng) == milliseconds(0));
    const retry::exponential_backoff low_cap{
        .initial = 2s, .multiplier = 2.0, .max = 1s, .jitter = retry::jitter_kind::none};
    CHECK(low_cap(failure(errc::server_error, 500, 1), rng) == milliseconds(1000));
}

TEST_CASE("retry: full jitter gives exact delays under a seed")
{
    retry::random_source rng(42);
    const retry::exponential_backoff p{
        .initial = 500ms, .multiplier = 2.0, .max = 8s, .jitter = retry::jitter_kind::full};
    CHECK(delays(p, rng, failure(errc::server_error, 500), 6) == v{78, 528, 1675, 1714, 7160, 3695});
    // The issue's spelling, and the defaults (500 ms, x2, 8 s, full jitter) give the same draws.
    retry::random_source again(42);
    const auto issue = retry::limit(
        3, retry::only_if(retry::transient,
                          retry::exponential_backoff{.initial = 500ms, .max = 8s, .jitter = retry::full_jitter}));
    CHECK(delays(issue, again, failure(errc::server_error, 500), 6) == v{78, 528, 1675});
    retry::random_source defaults(42);
    CHECK(delays(retry::exponential_backoff{}, defaults, failure(errc::server_error, 500), 3) == v{78, 528, 1675});
    static_assert(retry::no_jitter == retry::jitter_kind::none && retry::equal_jitter == retry::jitter_kind::equal &&
                  retry::decorrelated_jitter == retry::jitter_kind::decorrelated);
}

TEST_CASE("retry: equal jitter gives exact delays under a seed")
{
    retry::random_source rng(42);
    const retry::exponential_backoff p{
        .initial = 500ms, .multiplier = 2.0, .max = 8s, .jitter = retry::jitter_kind::equal};
    const auto d = delays(p, rng, failure(errc::server_error, 500), 6);
    CHECK(d == v{284, 541, 1922, 2504, 5628, 5649});
    // equal jitter keeps at least half of the base: 250, 500, 1000, 2000, 4000, 4000
    const v halves{250, 500, 1000, 2000, 4000, 4000};
    for (std::size_t i = 0; i < d.size(); ++i)
        CHECK(d[i] >= halves[i]);
}

TEST_CASE("retry: decorrelated jitter draws from initial to three times the previous delay")
{
    retry::random_source rng(42);
    const retry::exponential_backoff p{
        .initial = 500ms, .multiplier = 2.0, .max = 8s, .jitter = retry::jitter_kind::decorrelated};
    CHECK(delays(p, rng, failure(errc::server_error, 500), 6) == v{1437, 652, 1309, 2970, 7968, 1478});

    // The previous delay bounds the draw: after 100 ms, at most 500 (= max(initial, 300)).
    retry::random_source r2(1);
    auto o = failure(errc::server_error, 500, 2);
    o.previous_delay = 100ms;
    for (int i = 0; i < 200; ++i) {
        const auto d = *p(o, r2);
        CHECK(d == 500ms);
    }
    o.previous_delay = 1h;  // saturates at the cap
    for (int i = 0; i < 200; ++i) {
        const auto d = *p(o, r2);
        CHECK(d >= 500ms);
        CHECK(d <= 8s);
    }
}

TEST_CASE("retry: fixed delay and never")
{
    retry::random_source rng;
    CHECK(retry::fixed_delay{250ms}(failure(errc::server_error, 500), rng) == milliseconds(250));
    CHECK(retry::fixed_delay{-3ms}(failure(errc::server_error, 500), rng) == milliseconds(0));
    CHECK(retry::none()(failure(errc::server_error, 500), rng) == std::nullopt);
}

TEST_CASE("retry: limit counts retries per model and limit_total across models")
{
    retry::random_source rng;
    const auto p = retry::limit(3, retry::fixed_delay{10ms});
    CHECK(delays(p, rng, failure(errc::server_error, 500), 10) == v{10, 10, 10});  // 3 retries, 4 attempts

    auto o = failure(errc::server_error, 500);
    o.attempt = 7;  // on another model now: the per-model count starts again
    o.model_attempt = 1;
    CHECK(p(o, rng) == milliseconds(10));
    CHECK(retry::limit_total(3, retry::fixed_delay{10ms})(o, rng) == std::nullopt);
    o.attempt = 3;
    CHECK(retry::limit_total(3, retry::fixed_delay{10ms})(o, rng) == milliseconds(10));
    CHECK(retry::limit(-1, retry::fixed_delay{10ms})(failure(errc::server_error, 500), rng) == std::nullopt);
    CHECK(retry::limit(0, retry::fixed_delay{10ms})(failure(errc::server_error, 500), rng) == std::nullopt);
}

TEST_CASE("retry: max_elapsed and deadline stop when the next attempt would start too late")
{
    retry::random_source rng;
    auto o = failure(errc::server_error, 500);
    const auto budget = retry::max_elapsed(10s, retry::fixed_delay{2s});
    o.elapsed = 8s;
    CHECK(budget(o, rng) == milliseconds(2000));  // starts at exactly 10 s: allowed
    o.elapsed = 8001ms;
    CHECK(budget(o, rng) == std::nullopt);

    const auto t0 = std::chrono::steady_clock::time_point(std::chrono::hours(1));
    const auto until = retry::deadline(t0 + 5s, retry::fixed_delay{1s});
    o.now = t0 + 4s;
    CHECK(until(o, rng) == milliseconds(1000));
    o.now = t0 + 4001ms;
    CHECK(until(o, rng) == std::nullopt);
    o.now = t0 + 6s;  // already past the deadline
    CHECK(retry::deadline(t0 + 5s, retry::fixed_delay{0ms})(o, rng) == std::nullopt);

    // Huge delays do not overflow the comparisons.
    o.elapsed = 1s;
    o.now = t0;
    CHECK(retry::max_elapsed(10s, retry::fixed_delay{milliseconds::max()})(o, rng) == std::nullopt);
    CHECK(retry::deadline(t0 + 5s, retry::fixed_delay{milliseconds::max()})(o, rng) == std::nullopt);
}

TEST_CASE("retry: transient covers connection errors timeouts 408 409 429 and 5xx")
{
    for (errc e : {errc::connect_failed, errc::connection_closed, errc::connect_timeout, errc::response_timeout,
                   errc::response_truncated, errc::stream_truncated, errc::stream_error, errc::idle_timeout})
        CHECK(retry::transient(failure(e)));
    for (int s : {408, 409, 429, 500, 502, 503, 504, 524, 529, 599})
        CHECK(retry::transient(failure(openrouter::errc_from_status(s), s)));
    CHECK(retry::transient(failure(errc::http_error, 555)));  // any 5xx status

    for (errc e :
         {errc::bad_request, errc::unauthorized, errc::insufficient_credits, errc::forbidden, errc::moderation_flagged,
          errc::context_length_exceeded, errc::not_found, errc::payload_too_large, errc::unprocessable_entity,
          errc::invalid_response, errc::certificate_rejected, errc::circuit_open, errc::missing_api_key})
        CHECK_FALSE(retry::transient(failure(e, e == errc::bad_request ? 400 : 0)));

    retry::attempt_outcome aborted;
    aborted.error = boost::asio::error::operation_aborted;
    CHECK_FALSE(retry::transient(aborted));
    CHECK_FALSE(retry::transient(retry::attempt_outcome{}));  // no error at all
    retry::attempt_outcome reset;
    reset.error = make_error_code(boost::system::errc::connection_reset);
    CHECK(retry::transient(reset));
}

TEST_CASE("retry: a 400 or in-band error is transient when its error_type is")
{
    auto o = failure(errc::bad_request, 400);
    for (const char* t : {"rate_limit_exceeded", "provider_overloaded", "provider_unavailable", "server", "timeout"}) {
        o.error_type = t;
        CHECK(retry::transient(o));
    }
    for (const char* t : {"context_length_exceeded", "invalid_request", "content_policy_violation", "unmapped", ""}) {
        o.error_type = t;
        CHECK_FALSE(retry::transient(o));
    }
    auto in_band = failure(errc::stream_error, 200);
    CHECK(retry::transient(in_band));  // no error_type: in-band errors are transient
    in_band.error_type = "server";
    CHECK(retry::transient(in_band));
    in_band.error_type = "invalid_prompt";
    CHECK_FALSE(retry::transient(in_band));
    auto bad_gateway = failure(errc::provider_error, 502);
    bad_gateway.error_type = "invalid_request";  // error_type only refines 400 and in-band errors
    CHECK(retry::transient(bad_gateway));
}

TEST_CASE("retry: ready predicates and their combinations")
{
    const auto rl = failure(errc::rate_limited, 429);
    const auto s502 = failure(errc::provider_error, 502);
    const auto tmo = failure(errc::response_timeout);
    const auto conn = failure(errc::connect_failed);
    const auto total = failure(errc::total_timeout);
    CHECK(retry::rate_limited(rl));
    CHECK_FALSE(retry::rate_limited(s502));
    auto typed = failure(errc::bad_request, 400);
    typed.error_type = "rate_limit_exceeded";
    CHECK(retry::rate_limited(typed));
    CHECK(retry::server_errors(s502));
    CHECK(retry::server_errors(failure(errc::http_error, 599)));
    CHECK_FALSE(retry::server_errors(rl));
    CHECK(retry::timeouts(tmo));
    CHECK(retry::timeouts(failure(errc::gateway_timeout, 524)));
    CHECK_FALSE(retry::timeouts(total));
    CHECK(retry::connection_errors(conn));
    CHECK_FALSE(retry::connection_errors(tmo));
    CHECK_FALSE(retry::connection_errors(total));
    CHECK_FALSE(retry::connection_errors(s502));

    const auto either = retry::rate_limited || retry::server_errors;
    CHECK(either(rl));
    CHECK(either(s502));
    CHECK_FALSE(either(tmo));
    const auto both = retry::transient && !retry::rate_limited;
    CHECK(both(s502));
    CHECK_FALSE(both(rl));
    auto delivered = s502;
    delivered.delta_delivered = true;
    CHECK(retry::before_delta(s502));
    CHECK_FALSE(retry::before_delta(delivered));
    CHECK(retry::status_in(429, 503)(rl));
    CHECK_FALSE(retry::status_in(429, 503)(s502));
    CHECK(retry::error_in(errc::connect_failed, errc::provider_error)(s502));
    CHECK_FALSE(retry::error_in(errc::connect_failed)(rl));
    const auto custom = retry::when([](const retry::attempt_outcome& o) { return o.model == "m"; });
    auto on_m = rl;
    on_m.model = "m";
    CHECK((custom && retry::rate_limited)(on_m));
    CHECK_FALSE((custom && retry::rate_limited)(rl));
}

TEST_CASE("retry: only_if retries only what the predicate accepts")
{
    retry::random_source rng;
    const auto p = retry::only_if(retry::transient, retry::fixed_delay{100ms});
    CHECK(p(failure(errc::rate_limited, 429), rng) == milliseconds(100));
    CHECK(p(failure(errc::unauthorized, 401), rng) == std::nullopt);
}

TEST_CASE("retry: Retry-After wins over a shorter delay up to the cap, and beyond it stops")
{
    retry::random_source rng;
    const auto p = retry::respect_retry_after(60s, retry::fixed_delay{500ms});
    auto o = failure(errc::rate_limited, 429);
    CHECK(p(o, rng) == milliseconds(500));  // no Retry-After
    o.retry_after = 2s;
    CHECK(p(o, rng) == milliseconds(2000));
    o.retry_after = 100ms;
    CHECK(p(o, rng) == milliseconds(500));  // never shortens the policy's own delay
    o.retry_after = 60s;
    CHECK(p(o, rng) == milliseconds(60000));  // at the cap: honoured
    o.retry_after = 60001ms;
    CHECK(p(o, rng) == std::nullopt);  // beyond the cap: stop at once, do not sleep
    o.retry_after = 24h;
    CHECK(p(o, rng) == std::nullopt);
    o.retry_after = -5s;
    CHECK(p(o, rng) == milliseconds(500));
    // A long own delay is not shortened by the cap.
    CHECK(retry::respect_retry_after(1s, retry::fixed_delay{5s})(o, rng) == milliseconds(5000));
    // When the inner policy stops, a Retry-After does not revive it.
    o.retry_after = 2s;
    CHECK(retry::respect_retry_after(60s, retry::none())(o, rng) == std::nullopt);
}

TEST_CASE("retry: first_of and all_of")
{
    retry::random_source rng;
    const auto first = retry::first_of(retry::only_if(retry::rate_limited, retry::fixed_delay{5s}),
                                       retry::only_if(retry::server_errors, retry::fixed_delay{1s}));
    CHECK(first(failure(errc::rate_limited, 429), rng) == milliseconds(5000));
    CHECK(first(failure(errc::provider_error, 502), rng) == milliseconds(1000));
    CHECK(first(failure(errc::unauthorized, 401), rng) == std::nullopt);

    const auto all = retry::all_of(retry::fixed_delay{1s}, retry::fixed_delay{3s}, retry::fixed_delay{2s});
    CHECK(all(failure(errc::provider_error, 502), rng) == milliseconds(3000));
    const auto veto =
        retry::all_of(retry::fixed_delay{1s}, retry::only_if(retry::rate_limited, retry::fixed_delay{1s}));
    CHECK(veto(failure(errc::provider_error, 502), rng) == std::nullopt);

    // all_of calls every policy, so the random sequence does not depend on the answers.
    retry::random_source a(9);
    retry::random_source b(9);
    const retry::exponential_backoff full{};
    (void)retry::all_of(retry::none(), full)(failure(errc::provider_error, 502), a);
    (void)full(failure(errc::provider_error, 502), b);
    CHECK(a.next() == b.next());
}

namespace {

// [doc:retry-custom]
// A user-defined policy: any copyable type with this call operator is a retry::policy_like.
// This one retries rate limits after the server's Retry-After (or 1 s) and everything else
// transient after 200 ms, for at most 2 retries per model.
struct polite_policy {
    std::chrono::milliseconds fallback_wait{1000};

    retry::decision operator()(const retry::attempt_outcome& o, retry::random_source&) const
    {
        if (o.model_attempt > 2 || !retry::transient(o))
            return std::nullopt;  // stop
        if (retry::rate_limited(o))
            return o.retry_after.value_or(fallback_wait);
        return std::chrono::milliseconds(200);
    }
};
static_assert(retry::policy_like<polite_policy>);
// [doc:retry-custom-end]

static_assert(!retry::policy_like<int>);
static_assert(retry::policy_like<retry::policy>);
static_assert(retry::outcome_predicate<decltype(retry::transient)>);

}  // namespace

TEST_CASE("retry: a user-defined policy works alone in combinators and in the holder")
{
    retry::random_source rng;
    auto rl = failure(errc::rate_limited, 429);
    rl.retry_after = 3s;
    CHECK(polite_policy{}(rl, rng) == milliseconds(3000));
    CHECK(polite_policy{}(failure(errc::connect_failed), rng) == milliseconds(200));
    CHECK(polite_policy{}(failure(errc::connect_failed, 0, 3), rng) == std::nullopt);

    const retry::policy held = retry::respect_retry_after(5s, polite_policy{});
    CHECK(held(rl, rng) == milliseconds(3000));  // the inner delay is not shortened
    const retry::policy limited = retry::limit(1, polite_policy{});
    CHECK(delays(limited, rng, failure(errc::connect_failed), 5) == v{200});
}

TEST_CASE("retry: the type-erased holder copies cheaply and defaults to never")
{
    retry::random_source rng;
    retry::policy empty;
    CHECK_FALSE(empty);
    CHECK(empty(failure(errc::provider_error, 502), rng) == std::nullopt);

    retry::policy p = retry::fixed_delay{42ms};
    CHECK(p);
    const retry::policy copy = p;  // NOLINT(performance-unnecessary-copy-initialization)
    CHECK(copy(failure(errc::provider_error, 502), rng) == milliseconds(42));
    REQUIRE(copy.target<retry::fixed_delay>() != nullptr);
    CHECK(copy.target<retry::fixed_delay>()->delay == 42ms);
    CHECK(copy.target<retry::never>() == nullptr);
    p = retry::none();
    CHECK(p(failure(errc::provider_error, 502), rng) == std::nullopt);
    CHECK(copy(failure(errc::provider_error, 502), rng) == milliseconds(42));  // copies are independent

    // A holder inside a combinator, inside a holder.
    const retry::policy nested = retry::limit(1, copy);
    CHECK(delays(nested, rng, failure(errc::provider_error, 502), 5) == v{42});
}

TEST_CASE("retry: compose the policy of the issue")
{
    // [doc:retry-compose]
    namespace retry = openrouter::retry;
    retry::policy p = retry::limit(
        3, retry::only_if(retry::transient,
                          retry::exponential_backoff{.initial = 500ms, .max = 8s, .jitter = retry::jitter_kind::none}));
    retry::random_source rng(1);  // the attempt loop seeds one per operation

    retry::attempt_outcome o;  // what the attempt loop fills in after a failed attempt
    o.error = openrouter::make_error_code(openrouter::errc::provider_error);
    o.http_status = 502;
    std::vector<std::chrono::milliseconds> waits;
    for (o.model_attempt = 1; auto d = p(o, rng); ++o.model_attempt)
        waits.push_back(*d);
    CHECK(waits == std::vector<std::chrono::milliseconds>{500ms, 1000ms, 2000ms});  // then stop

    o.model_attempt = 1;
    o.error = openrouter::make_error_code(openrouter::errc::unauthorized);  // 401: not transient
    o.http_status = 401;
    CHECK(p(o, rng) == std::nullopt);
    // [doc:retry-compose-end]
}

TEST_CASE("retry: the default policy retries 429 three times honouring Retry-After")
{
    // [doc:retry-default]
    retry::policy p = retry::default_policy();
    retry::random_source rng(7);
    retry::attempt_outcome o;
    o.error = openrouter::make_error_code(openrouter::errc::rate_limited);
    o.http_status = 429;
    o.retry_after = 1500ms;  // parsed by the transport from Retry-After / retry-after-ms
    std::vector<std::chrono::milliseconds> waits;
    for (o.model_attempt = 1; auto d = p(o, rng); ++o.model_attempt)
        waits.push_back(*d);
    // Full jitter drew 306, 326 and 309 ms; the server asked for 1500 ms: it wins.
    CHECK(waits == std::vector<std::chrono::milliseconds>{1500ms, 1500ms, 1500ms});
    // [doc:retry-default-end]
}

TEST_CASE("retry: the default policy on 5xx with seeded full jitter and five retries allowed")
{
    // Five retries of a full-jitter backoff evaluate in microseconds: nothing sleeps.
    const retry::policy p = retry::limit(5, retry::only_if(retry::transient, retry::exponential_backoff{}));
    retry::random_source rng(42);
    CHECK(delays(p, rng, failure(errc::provider_error, 502), 10) == v{78, 528, 1675, 1714, 7160});

    const retry::policy d = retry::default_policy();
    retry::random_source rng7(7);
    CHECK(delays(d, rng7, failure(errc::server_error, 500), 10) == v{306, 326, 309});
    CHECK(delays(d, rng7, failure(errc::bad_request, 400), 10).empty());
    auto huge = failure(errc::rate_limited, 429);
    huge.retry_after = 10min;
    retry::random_source rng8(7);
    CHECK(delays(d, rng8, huge, 10).empty());  // a Retry-After over 20 s fails at once
    auto polite = failure(errc::rate_limited, 429);
    polite.retry_after = 20s;
    retry::random_source rng9(7);
    CHECK(delays(d, rng9, polite, 10) == v{20000, 20000, 20000});  // up to 20 s it is honoured
}
