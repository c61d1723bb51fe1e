// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
//
// Streaming: print the answer as it is generated, then the whole result and its usage.
// Environment as in 1_tutorial/chat.cpp. Usage: stream ["your question"]

#include <openrouter/client.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <cstdlib>
#include <iostream>
#include <string>

namespace asio = boost::asio;

// [snippet: stream]
asio::awaitable<void> stream(std::string question, std::string model)
{
    auto ex = co_await asio::this_coro::executor;
    openrouter::client cli(ex);

    openrouter::chat_request req;
    req.model = model;
    req.messages.push_back(openrouter::message::user(question));

    // Completes once the response headers are in and the status is checked.
    openrouter::chat_stream s = co_await cli.async_chat_stream(req);
    s.set_comment_handler([](std::string_view) { std::cerr << "." << std::flush; });  // "still thinking"

    // An empty optional means the stream ended cleanly; errors throw api_error.
    while (std::optional<openrouter::chat_delta> d = co_await s.async_next())
        std::cout << d->content << std::flush;

    // Everything folded into the completion a non-streaming call returns.
    const openrouter::chat_completion& whole = s.accumulated();
    std::cout << "\n[finish: " << whole.choices.at(0).finish_reason.value_or("?");
    if (whole.usage)
        std::cout << ", " << whole.usage->completion_tokens << " completion tokens";
    std::cout << "]\n";
}
// [/snippet]

int main(int argc, char** argv)
{
    const std::string question = argc > 1 ? argv[1] : "Write one sentence about the sea.";
    const char* m = std::getenv("OPENROUTER_MODEL");
    asio::io_context ioc;
    int status = 0;
    asio::co_spawn(ioc, stream(question, (m != nullptr && *m != '\0') ? m : "openai/gpt-4o-mini"),
                   [&](std::exception_ptr e) {
                       if (!e)
                           return;
                       status = 1;
                       try {
                           std::rethrow_exception(e);
                       } catch (const std::exception& err) {
                           std::cerr << "error: " << err.what() << "\n";
                       }
                   });
    ioc.run();
    return status;
}
