// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
//
// Errors as values: the no-throw path with asio::as_tuple and a diagnostics object.
//
// Sends one request that fails (against the emulator, a scripted 429 with Retry-After; against
// the real API, an invalid model name) and prints what the SDK knows about the failure.
// Environment as in 1_tutorial/chat.cpp.

#include <openrouter/client.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <iostream>

namespace asio = boost::asio;

asio::awaitable<int> run()
{
    auto ex = co_await asio::this_coro::executor;
    openrouter::client cli(ex);

    openrouter::chat_request req;
    req.model = "no-such/model";
    req.messages.push_back(openrouter::message::user("hello"));
    if (cli.base_url().find("127.0.0.1") != std::string::npos)  // the emulator: script a rate limit
        req.extra["emulator"] = {{"status", 429}, {"retry_after", "2"}};
    // No retries for this request, so that the failure shows at once (by default 429 and 5xx
    // are retried with backoff; see docs/retry.md).
    auto no_retry = std::make_shared<openrouter::request_policies>();
    no_retry->retry = openrouter::retry::none();
    req.policies = no_retry;

    // [snippet: no-throw]
    openrouter::diagnostics diag;
    auto [ec, reply] = co_await cli.async_chat(req, diag, asio::as_tuple(asio::use_awaitable));
    if (ec) {
        const bool ours = ec.category() == openrouter::error_category();
        std::cout << "failed: "
                  << (ours ? openrouter::to_string(static_cast<openrouter::errc>(ec.value())) : ec.category().name())
                  << " (" << ec.message() << ")\n"
                  << "  HTTP status: " << diag.http_status << "\n"
                  << "  API message: " << diag.message << "\n"
                  << "  retryable:   " << std::boolalpha << openrouter::is_retryable(ec) << "\n";
        if (diag.retry_after)
            std::cout << "  retry after: " << diag.retry_after->count() << " ms\n";
        std::cout << "  summary:     " << diag.summary() << "\n";
        co_return 0;
    }
    // [/snippet]
    std::cout << "unexpected success: " << reply.choices.at(0).message.text() << "\n";
    co_return 1;
}

int main()
{
    asio::io_context ioc;
    int status = 1;
    asio::co_spawn(ioc, run(), [&](std::exception_ptr e, int s) { status = e ? 2 : s; });
    ioc.run();
    return status;
}
