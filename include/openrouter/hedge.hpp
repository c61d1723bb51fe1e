// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_HEDGE_HPP
#define OPENROUTER_HEDGE_HPP

/// @file
/// Hedged requests: when an attempt has produced nothing for a while, start another one in
/// parallel and keep whichever answers first.
///
/// With a `hedge::policy` set, the attempt loop starts a hedge attempt when the attempts in
/// flight have delivered no delta (streams) or no complete response (non-stream operations)
/// `after` the latest attempt started, up to `max_hedges` hedges per operation. The first
/// attempt to deliver a delta (or a complete response) wins; the loop tells the driver to cancel
/// the others, whose connections are closed (an unfinished HTTP/1.1 response cannot be
/// reused). A hedge that fails while another attempt is still in flight is not retried; when
/// the last attempt in flight fails, the retry and fallback policies decide as usual.
///
/// Streams (`async_chat_stream`, `async_completion_stream`) race for the first delta: each
/// attempt reads its event stream past the response header until it has decoded a delta (SSE
/// comments do not count), so with a hedge policy `async_chat_stream` completes when the
/// winner's first delta is ready (without one it completes at the response header). The
/// winner's deltas are then delivered in order by `async_next`; the losers are cancelled and
/// their connections closed. Each attempt honours `timeouts.first_delta` from its own response
/// header. Responses API streams do not hedge (their hedge policy is ignored).
///
/// The attempt log (`diagnostics::attempts`) flags hedge attempts (`attempt_record::hedge`);
/// a loser's record says `cancelled` / `lost to attempt N`.
///
/// Hedging trades cost for latency: a hedge is a real request that may be billed (OpenRouter
/// charges for the tokens a cancelled stream already generated).
///
/// Example:
/// @code
///   using namespace std::chrono_literals;
///   openrouter::hedge::policy h{.after = 3s, .max_hedges = 1,
///                               .target = openrouter::hedge::target_model::next};
/// @endcode
///
/// Thread safety: a plain value. Errors: none; values are clamped as documented.

#include <chrono>

namespace openrouter::hedge {

/// Which model a hedge attempt uses.
enum class target_model {
    same,  ///< the model of the latest attempt
    next,  ///< the next model of the fallback chain (the same one when there is none)
};

/// The largest `max_hedges` honoured: at most 5 attempts of one operation run at once.
inline constexpr int max_hedges_limit = 4;

/// When and how to hedge.
struct policy {
    /// Start a hedge when no attempt in flight has delivered anything this long after the latest
    /// attempt started. Negative counts as 0 (hedge at once).
    std::chrono::milliseconds after{std::chrono::seconds(2)};
    /// Hedges per operation, clamped to [0, max_hedges_limit]. 0 disables hedging.
    int max_hedges = 1;
    /// The model of each hedge attempt.
    target_model target = target_model::same;
};

}  // namespace openrouter::hedge

#endif  // OPENROUTER_HEDGE_HPP
