// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
//
// Tutorial 1: ask one question and print the answer.
//
// Configuration comes from the environment:
//   OPENROUTER_API_KEY   your key (required)
//   OPENROUTER_BASE_URL  optional, e.g. the local emulator's http://127.0.0.1:PORT/api/v1
//   OPENROUTER_MODEL     optional, default "openai/gpt-4o-mini"
// Usage: chat ["your question"]

#include <openrouter/client.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <cstdlib>
#include <iostream>
#include <string>

namespace asio = boost::asio;

// [snippet: ask]
asio::awaitable<void> ask(std::string question, std::string model)
{
    // A client on the coroutine's executor; the key comes from OPENROUTER_API_KEY.
    auto ex = co_await asio::this_coro::executor;
    openrouter::client cli(ex);

    openrouter::chat_request req;
    req.model = model;
    req.messages.push_back(openrouter::message::system("You are a concise assistant."));
    req.messages.push_back(openrouter::message::user(question));

    // Throws openrouter::api_error (with diagnostics) on failure.
    openrouter::chat_completion reply = co_await cli.async_chat(req);

    std::cout << reply.choices.at(0).message.text() << "\n";
    if (reply.usage)
        std::cout << "[" << reply.model << " via " << reply.provider << ": " << reply.usage->prompt_tokens
                  << " prompt + " << reply.usage->completion_tokens << " completion tokens]\n";
}
// [/snippet]

int main(int argc, char** argv)
{
    const std::string question = argc > 1 ? argv[1] : "Say hello in one short sentence.";
    const char* m = std::getenv("OPENROUTER_MODEL");
    const std::string model = (m != nullptr && *m != '\0') ? m : "openai/gpt-4o-mini";

    asio::io_context ioc;
    int status = 0;
    asio::co_spawn(ioc, ask(question, model), [&](std::exception_ptr e) {
        if (!e)
            return;
        status = 1;
        try {
            std::rethrow_exception(e);
        } catch (const openrouter::api_error& err) {
            std::cerr << "error: " << err.code().message() << "\n  " << err.what() << "\n";
        } catch (const std::exception& err) {
            std::cerr << "error: " << err.what() << "\n";
        }
    });
    ioc.run();
    return status;
}
