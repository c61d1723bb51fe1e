// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_RETRY_HPP
#define OPENROUTER_RETRY_HPP

/// @file
/// Retry policies: pure functions from "what happened to the last attempt" to "retry after d"
/// or "stop".
///
/// A retry policy never sleeps and never does I/O. It is called by the attempt loop after a
/// failed attempt with an `attempt_outcome` and a `random_source`, and answers
/// `std::optional<std::chrono::milliseconds>`: a delay before the next attempt on the same
/// model, or `std::nullopt` to stop retrying (the fallback rules may then move to the next
/// model, see fallback.hpp). Because time and randomness are parameters, policies compose
/// with plain combinators, are unit-tested without an `io_context`, and a five-retry backoff
/// is evaluated in microseconds.
///
/// Building blocks (all cheap, copyable values; see docs/retry.md):
///
///   delays      exponential_backoff{initial, multiplier, max, jitter}, fixed_delay{d}
///   filters     only_if(predicate, p), limit(n, p), limit_total(n, p), max_elapsed(d, p),
///               deadline(time_point, p), respect_retry_after(cap, p)
///   combinators first_of(p...), all_of(p...)
///   predicates  transient, rate_limited, server_errors, timeouts, connection_errors,
///               before_delta, status_in(...), error_in(...), when(callable); they combine
///               with ||, && and !
///   holders     retry::policy (type-erased, copyable), none(), default_policy()
///
/// Example (the default policy, spelled out):
/// @code
///   using namespace std::chrono_literals;
///   namespace retry = openrouter::retry;
///   retry::policy p = retry::respect_retry_after(20s,
///       retry::limit(3, retry::only_if(retry::transient,
///           retry::exponential_backoff{.initial = 500ms, .multiplier = 2.0, .max = 8s,
///                                      .jitter = retry::jitter_kind::full})));
/// @endcode
///
/// User-defined policies: any type satisfying `retry::policy_like` (a const call operator
/// `(const attempt_outcome&, random_source&)` returning something convertible to
/// `std::optional<std::chrono::milliseconds>`) works with every combinator and converts to
/// `retry::policy`.
///
/// Thread safety: policies are immutable values; a const policy may be called from several
/// threads at once as long as each call has its own `random_source`. A `random_source` is not
/// thread-safe. Errors: policies do not fail; out-of-range parameters are clamped as documented
/// on each type (negative durations count as zero, a multiplier below 1 or NaN counts as 1).

#include <openrouter/error.hpp>

#include <algorithm>
#include <chrono>
#include <concepts>
#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace openrouter::retry {

/// What the attempt loop knows about a failed attempt when it asks a policy what to do.
/// String views refer to the loop's own storage and are valid only during the call.
struct attempt_outcome {
    int attempt = 1;                              ///< 1-based number of this attempt in the whole operation
    int model_attempt = 1;                        ///< 1-based number of this attempt on its model (hedges included)
    std::chrono::milliseconds elapsed{0};         ///< since the operation started, at the failure
    std::chrono::steady_clock::time_point now{};  ///< time of the failure (for deadlines)
    std::string_view model{};                     ///< model of the attempt ("" = the request's own)
    error_code error{};                           ///< the attempt's error
    int http_status = 0;                          ///< 0 when no response was received
    /// Retry-After / retry-after-ms of the response, already parsed by the transport.
    std::optional<std::chrono::milliseconds> retry_after{};
    std::string_view api_code{};    ///< `error.code` of the API error body, as text ("429")
    std::string_view error_type{};  ///< `error.metadata.error_type` (OpenRouter `ApiErrorType`)
    bool delta_delivered = false;   ///< a stream delta of this attempt already reached the caller
    /// The delay chosen before this attempt on this model (0 for its first attempt on it).
    std::chrono::milliseconds previous_delay{0};
};

/// The source of randomness of the jittered policies: a seeded `std::mt19937_64` with a
/// uniform-integer draw of its own, so that a given seed yields the same delays with every
/// standard library (`std::uniform_int_distribution` is implementation-defined).
/// Not thread-safe: each operation owns one.
class random_source {
public:
    /// The seed of a default-constructed source.
    static constexpr std::uint64_t default_seed = 0x6f70656e726f7574ULL;

    /// A source seeded with `seed`.
    explicit random_source(std::uint64_t seed = default_seed) : engine_(seed) {}

    /// Restarts the sequence from `seed`.
    void seed(std::uint64_t seed) { engine_.seed(seed); }

    /// The next raw 64-bit value of the engine.
    std::uint64_t next() { return engine_(); }

    /// A uniformly distributed integer in [lo, hi] (inclusive; lo > hi gives lo).
    std::uint64_t uniform(std::uint64_t lo, std::uint64_t hi);

    /// A uniformly distributed duration in [lo, hi] milliseconds (negative bounds count as 0).
    std::chrono::milliseconds uniform(std::chrono::milliseconds lo, std::chrono::milliseconds hi);

private:
    std::mt19937_64 engine_;
};

/// The decision type: a delay before the next attempt, or `std::nullopt` to stop.
using decision = std::optional<std::chrono::milliseconds>;

/// A retry policy: a value callable as `decision(const attempt_outcome&, random_source&) const`.
template <class P>
concept policy_like = std::copy_constructible<std::decay_t<P>> &&
    requires(const std::decay_t<P>& p, const attempt_outcome& o, random_source& r)
{
    {
        p(o, r)
        } -> std::convertible_to<decision>;
};

/// A predicate over outcomes: a value callable as `bool(const attempt_outcome&) const`.
template <class F>
concept outcome_predicate = std::copy_constructible<std::decay_t<F>> &&
    requires(const std::decay_t<F>& f, const attempt_outcome& o)
{
    {
        f(o)
        } -> std::convertible_to<bool>;
};

// ---------------------------------------------------------------------------------------------
// Delays
// ---------------------------------------------------------------------------------------------

/// How a backoff delay is randomised. With `base` the un-jittered exponential delay:
/// none: base; full: uniform[0, base]; equal: base/2 + uniform[0, base - base/2];
/// decorrelated ("decorrelated jitter" of the AWS architecture blog):
/// min(max, uniform[initial, 3 * previous_delay]) with previous_delay = initial when 0.
enum class jitter_kind { none, full, equal, decorrelated };

/// Short spellings: `.jitter = retry::full_jitter`.
///@{
inline constexpr jitter_kind no_jitter = jitter_kind::none;
inline constexpr jitter_kind full_jitter = jitter_kind::full;
inline constexpr jitter_kind equal_jitter = jitter_kind::equal;
inline constexpr jitter_kind decorrelated_jitter = jitter_kind::decorrelated;
///@}

/// Exponential backoff. The base delay before retry k on a model (k = model_attempt of the
/// failed attempt) is min(max, initial * multiplier^(k-1)), then jittered. Never stops by itself:
/// bound it with `limit`, `max_elapsed` or `deadline`. Negative durations count as 0; a
/// multiplier below 1 (or NaN) counts as 1; `max` below `initial` caps every delay at `max`.
struct exponential_backoff {
    std::chrono::milliseconds initial{500};  ///< base delay before the first retry on a model
    double multiplier = 2.0;                 ///< growth factor of the base delay per retry
    std::chrono::milliseconds max{8000};     ///< cap of the base (and of a decorrelated) delay
    jitter_kind jitter = jitter_kind::full;  ///< how the base delay is randomised

    /// The jittered delay before the next attempt; never `std::nullopt`.
    decision operator()(const attempt_outcome& o, random_source& rng) const;
};

/// Always the same delay (negative counts as 0). Never stops by itself.
struct fixed_delay {
    std::chrono::milliseconds delay{0};  ///< the delay before every retry

    /// `delay` (0 when negative).
    decision operator()(const attempt_outcome&, random_source&) const
    {
        return std::max(delay, std::chrono::milliseconds(0));
    }
};

/// Never retries.
struct never {
    /// Always `std::nullopt`.
    decision operator()(const attempt_outcome&, random_source&) const { return std::nullopt; }
};

/// A policy that never retries (`retry::never{}`).
constexpr never none() noexcept
{
    return {};
}

// ---------------------------------------------------------------------------------------------
// Predicates
// ---------------------------------------------------------------------------------------------

/// Transient: trying again may succeed. True for
///  - `is_retryable(error)` (connection errors, timeouts, truncation, 408, 409, 429, 5xx, 529,
///    in-band stream errors), and any HTTP status 408, 409, 429 or 500-599;
///  - an HTTP 400 (or an in-band `stream_error`) whose `error.metadata.error_type` is one of
///    OpenRouter's transient `ApiErrorType` values: "rate_limit_exceeded",
///    "provider_overloaded", "provider_unavailable", "server", "timeout". For 400 and
///    `stream_error`, a known non-transient `error_type` (e.g. "context_length_exceeded",
///    "content_policy_violation") makes the failure not transient.
/// Never transient: cancellation, `circuit_open`, configuration errors, other 4xx.
bool is_transient(const attempt_outcome& o) noexcept;

/// True for the transient `ApiErrorType` values listed at `is_transient`.
bool is_transient_error_type(std::string_view error_type) noexcept;

/// Wraps a callable `bool(const attempt_outcome&)` so that it combines with ||, && and !.
template <class F>
struct predicate {
    F fn;  ///< the wrapped callable

    /// `fn(o)`, as a bool.
    constexpr bool operator()(const attempt_outcome& o) const { return static_cast<bool>(fn(o)); }
};

/// Deduces `predicate<F>` from the callable: `retry::predicate{[](const auto& o) { ... }}`.
template <class F>
predicate(F) -> predicate<F>;

/// Makes a combinable predicate of a callable: `retry::when([](const auto& o) { ... })`.
template <outcome_predicate F>
constexpr predicate<std::decay_t<F>> when(F&& f)
{
    return {std::forward<F>(f)};
}

/// The disjunction of two predicates (`b` is not called when `a` holds).
template <class A, class B>
constexpr auto operator||(predicate<A> a, predicate<B> b)
{
    return predicate{[a, b](const attempt_outcome& o) { return a(o) || b(o); }};
}

/// The conjunction of two predicates (`b` is not called when `a` does not hold).
template <class A, class B>
constexpr auto operator&&(predicate<A> a, predicate<B> b)
{
    return predicate{[a, b](const attempt_outcome& o) { return a(o) && b(o); }};
}

/// The negation of a predicate.
template <class A>
constexpr auto operator!(predicate<A> a)
{
    return predicate{[a](const attempt_outcome& o) { return !a(o); }};
}

namespace detail {
struct transient_fn {
    bool operator()(const attempt_outcome& o) const noexcept { return is_transient(o); }
};
struct rate_limited_fn {
    bool operator()(const attempt_outcome& o) const noexcept;
};
struct server_errors_fn {
    bool operator()(const attempt_outcome& o) const noexcept;
};
struct timeouts_fn {
    bool operator()(const attempt_outcome& o) const noexcept;
};
struct connection_errors_fn {
    bool operator()(const attempt_outcome& o) const noexcept;
};
struct before_delta_fn {
    constexpr bool operator()(const attempt_outcome& o) const noexcept { return !o.delta_delivered; }
};
}  // namespace detail

/// See `is_transient`.
inline constexpr predicate<detail::transient_fn> transient{};
/// HTTP 429, `errc::rate_limited`, or error_type "rate_limit_exceeded".
inline constexpr predicate<detail::rate_limited_fn> rate_limited{};
/// HTTP 500-599 or the 5xx conditions (server_error, provider_error, no_provider_available,
/// gateway_timeout, provider_overloaded), or error_type "server"/"provider_overloaded"/
/// "provider_unavailable".
inline constexpr predicate<detail::server_errors_fn> server_errors{};
/// Every timeout condition (connect, TLS, response headers, first delta, idle, 408, 504/524),
/// or error_type "timeout". `total_timeout` is excluded: the operation's budget is spent.
inline constexpr predicate<detail::timeouts_fn> timeouts{};
/// Failures without an HTTP response that `is_retryable` deems transient (resolve, connect,
/// TLS handshake, reset, truncation), timeouts excluded.
inline constexpr predicate<detail::connection_errors_fn> connection_errors{};
/// No delta of the failed attempt reached the caller yet.
inline constexpr predicate<detail::before_delta_fn> before_delta{};

/// True when the HTTP status is one of `statuses`: `retry::status_in(429, 503)`.
template <class... Ints>
constexpr auto status_in(Ints... statuses)
{
    return predicate{[=](const attempt_outcome& o) { return ((o.http_status == static_cast<int>(statuses)) || ...); }};
}

/// True when the error equals one of `codes` (errc values or error codes):
/// `retry::error_in(errc::rate_limited, errc::connection_closed)`.
template <class... Codes>
auto error_in(Codes... codes)
{
    return predicate{[=](const attempt_outcome& o) { return ((o.error == codes) || ...); }};
}

// ---------------------------------------------------------------------------------------------
// Filters and combinators
// ---------------------------------------------------------------------------------------------

/// Retries as `inner` does, but only when `pred(outcome)` holds.
template <class Pred, class P>
struct only_if_policy {
    Pred pred;  ///< the condition
    P inner;    ///< the policy asked when it holds

    /// `std::nullopt` unless `pred(o)`; then `inner(o, r)` (`inner` is not called otherwise).
    decision operator()(const attempt_outcome& o, random_source& r) const
    {
        if (!pred(o))
            return std::nullopt;
        return inner(o, r);
    }
};

/// Makes an `only_if_policy`: `retry::only_if(retry::transient, retry::fixed_delay{1s})`.
template <outcome_predicate Pred, policy_like P>
only_if_policy<std::decay_t<Pred>, std::decay_t<P>> only_if(Pred&& pred, P&& inner)
{
    return {std::forward<Pred>(pred), std::forward<P>(inner)};
}

/// At most `max_retries` retries on one model (so at most max_retries + 1 attempts on it;
/// hedges count as attempts). Moving to another model starts a new count. Negative counts as 0.
template <class P>
struct limit_policy {
    int max_retries;  ///< retries allowed on one model
    P inner;          ///< the policy asked while under the limit

    /// `std::nullopt` once `o.model_attempt > max_retries`; else `inner(o, r)`.
    decision operator()(const attempt_outcome& o, random_source& r) const
    {
        if (o.model_attempt > std::max(max_retries, 0))
            return std::nullopt;
        return inner(o, r);
    }
};

/// Makes a `limit_policy`: `retry::limit(3, inner)`.
template <policy_like P>
limit_policy<std::decay_t<P>> limit(int max_retries, P&& inner)
{
    return {max_retries, std::forward<P>(inner)};
}

/// At most `max_retries` retries in the whole operation, every model included.
template <class P>
struct limit_total_policy {
    int max_retries;  ///< retries allowed in the whole operation (negative counts as 0)
    P inner;          ///< the policy asked while under the limit

    /// `std::nullopt` once `o.attempt > max_retries`; else `inner(o, r)`.
    decision operator()(const attempt_outcome& o, random_source& r) const
    {
        if (o.attempt > std::max(max_retries, 0))
            return std::nullopt;
        return inner(o, r);
    }
};

/// Makes a `limit_total_policy`: `retry::limit_total(5, inner)`.
template <policy_like P>
limit_total_policy<std::decay_t<P>> limit_total(int max_retries, P&& inner)
{
    return {max_retries, std::forward<P>(inner)};
}

/// Stops when the next attempt would start more than `budget` after the operation started
/// (`elapsed + delay > budget`).
template <class P>
struct max_elapsed_policy {
    std::chrono::milliseconds budget;  ///< time since the operation started
    P inner;                           ///< the policy that chooses the delay

    /// `inner(o, r)`, or `std::nullopt` when it stops or its delay would exceed the budget.
    decision operator()(const attempt_outcome& o, random_source& r) const
    {
        auto d = inner(o, r);
        if (d && *d > budget - o.elapsed)  // elapsed + d > budget, without overflow
            return std::nullopt;
        return d;
    }
};

/// Makes a `max_elapsed_policy`: `retry::max_elapsed(30s, inner)`.
template <policy_like P>
max_elapsed_policy<std::decay_t<P>> max_elapsed(std::chrono::milliseconds budget, P&& inner)
{
    return {budget, std::forward<P>(inner)};
}

/// Stops when the next attempt would start after `at` (`now + delay > at`, steady clock).
template <class P>
struct deadline_policy {
    std::chrono::steady_clock::time_point at;  ///< no attempt starts after this
    P inner;                                   ///< the policy that chooses the delay

    /// `inner(o, r)`, or `std::nullopt` when it stops or its delay would end after `at`.
    decision operator()(const attempt_outcome& o, random_source& r) const
    {
        auto d = inner(o, r);
        // now + d > at, compared in milliseconds so that a huge d cannot overflow.
        if (d && (o.now >= at || *d > std::chrono::duration_cast<std::chrono::milliseconds>(at - o.now)))
            return std::nullopt;
        return d;
    }
};

/// Makes a `deadline_policy`: `retry::deadline(steady_clock::now() + 1min, inner)`.
template <policy_like P>
deadline_policy<std::decay_t<P>> deadline(std::chrono::steady_clock::time_point at, P&& inner)
{
    return {at, std::forward<P>(inner)};
}

/// Honours the server's Retry-After up to a cap: when `inner` retries and the outcome carries a
/// `retry_after`, the delay becomes max(inner delay, retry_after) if retry_after <= cap; a
/// Retry-After longer than the cap stops at once (the operation fails with the attempt's error,
/// e.g. `rate_limited`, and `diagnostics::retry_after` says how long the server asked for).
/// Retrying earlier than the server asked would only be refused again, and sleeping minutes in
/// a server that embeds the SDK holds its request: a hostile or mistaken "Retry-After: 86400"
/// ends the operation instead of parking it. It never shortens the inner policy's own delay.
/// When `inner` stops, this stops too. A negative cap counts as 0; a negative Retry-After as 0.
template <class P>
struct respect_retry_after_policy {
    std::chrono::milliseconds cap;  ///< the longest Retry-After honoured; beyond it: stop
    P inner;                        ///< the policy that decides whether to retry

    /// `inner(o, r)`, lengthened to `o.retry_after` when that is longer; nullopt when
    /// `o.retry_after` exceeds the cap.
    decision operator()(const attempt_outcome& o, random_source& r) const
    {
        auto d = inner(o, r);
        if (d && o.retry_after) {
            const auto asked = std::max(*o.retry_after, std::chrono::milliseconds(0));
            if (asked > std::max(cap, std::chrono::milliseconds(0)))
                return std::nullopt;
            d = std::max(*d, asked);
        }
        return d;
    }
};

/// Makes a `respect_retry_after_policy`: `retry::respect_retry_after(20s, inner)`.
template <policy_like P>
respect_retry_after_policy<std::decay_t<P>> respect_retry_after(std::chrono::milliseconds cap, P&& inner)
{
    return {cap, std::forward<P>(inner)};
}

/// The first policy (in order) that retries decides; stops when all stop. Later policies are
/// not called once one has retried.
template <class... P>
struct first_of_policy {
    std::tuple<P...> policies;  ///< asked in order

    /// The first delay of `policies` that retries, else `std::nullopt`.
    decision operator()(const attempt_outcome& o, random_source& r) const
    {
        decision d;
        std::apply([&](const auto&... p) { (void)((d = p(o, r), d.has_value()) || ...); }, policies);
        return d;
    }
};

/// Makes a `first_of_policy`: `retry::first_of(p1, p2)`.
template <policy_like... P>
first_of_policy<std::decay_t<P>...> first_of(P&&... policies)
{
    return {{std::forward<P>(policies)...}};
}

/// Retries only when every policy retries, after the longest of their delays. Every policy is
/// called (in order) so the random sequence does not depend on the answers.
template <class... P>
struct all_of_policy {
    std::tuple<P...> policies;  ///< all asked, in order

    /// The longest delay when every policy retries, else `std::nullopt` (0 ms with no policy).
    decision operator()(const attempt_outcome& o, random_source& r) const
    {
        bool all = true;
        std::chrono::milliseconds longest{0};
        std::apply(
            [&](const auto&... p) {
                (
                    [&] {
                        const decision d = p(o, r);
                        if (!d)
                            all = false;
                        else
                            longest = std::max(longest, *d);
                    }(),
                    ...);
            },
            policies);
        if (!all)
            return std::nullopt;
        return longest;
    }
};

/// Makes an `all_of_policy`: `retry::all_of(p1, p2)`.
template <policy_like... P>
all_of_policy<std::decay_t<P>...> all_of(P&&... policies)
{
    return {{std::forward<P>(policies)...}};
}

// ---------------------------------------------------------------------------------------------
// The type-erased holder
// ---------------------------------------------------------------------------------------------

/// Holds any `policy_like` value behind one type, for runtime configuration
/// (`client_options`, per-request overrides). Copies share the (immutable) held policy, so
/// copying is cheap and thread-safe. A default-constructed `policy` never retries.
class policy {
public:
    /// A holder that never retries.
    policy() = default;

    /// Holds a copy (or the moved value) of `p`.
    template <class P>
    requires(!std::same_as<std::remove_cvref_t<P>, policy> && policy_like<P>)
        policy(P&& p)  // NOLINT(google-explicit-constructor): implicit on purpose, like std::function
        : impl_(std::make_shared<model<std::decay_t<P>>>(std::forward<P>(p)))
    {}

    /// The held policy's decision; `std::nullopt` for an empty holder.
    decision operator()(const attempt_outcome& o, random_source& r) const
    {
        if (!impl_)
            return std::nullopt;
        return impl_->call(o, r);
    }

    /// False for a default-constructed (never-retrying) holder.
    explicit operator bool() const noexcept { return impl_ != nullptr; }

    /// The held policy when it is a `P`, else null (for tests and introspection).
    template <class P>
    const P* target() const noexcept
    {
        auto m = dynamic_cast<const model<P>*>(impl_.get());
        return m != nullptr ? &m->p : nullptr;
    }

private:
    struct base {
        virtual ~base() = default;
        virtual decision call(const attempt_outcome& o, random_source& r) const = 0;
    };
    template <class P>
    struct model final : base {
        template <class Q>
        explicit model(Q&& q) : p(std::forward<Q>(q))
        {}
        decision call(const attempt_outcome& o, random_source& r) const override { return p(o, r); }
        P p;
    };

    std::shared_ptr<const base> impl_;
};

/// The defaults, suited to OpenRouter:
/// `respect_retry_after(20s, limit(3, only_if(transient, exponential_backoff{500ms, 2.0, 8s,
/// jitter_kind::full})))`: up to 3 retries per model of transient failures (429 included),
/// full-jitter exponential backoff from 500 ms doubling up to 8 s, and a server's Retry-After
/// honoured up to 20 s; a longer one fails the operation at once (with `rate_limited` and
/// `diagnostics::retry_after`) rather than holding it for minutes. With the default timeouts,
/// retries of timeouts stop when `timeouts.total` leaves no room for the next backoff.
policy default_policy();

}  // namespace openrouter::retry

#endif  // OPENROUTER_RETRY_HPP
