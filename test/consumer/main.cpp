// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// A consumer of the installed (or add_subdirectory'd) library: compiles the front door with a
// coroutine and checks configuration handling, without network.
#include <openrouter/client.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <iostream>

namespace asio = boost::asio;

asio::awaitable<int> use(openrouter::client& cli)
{
    openrouter::chat_request req;
    req.model = "openai/gpt-4o-mini";
    req.messages.push_back(openrouter::message::user("hi"));
    try {
        co_await cli.async_chat(req);
        co_return 1;  // cannot succeed: the configuration is invalid
    } catch (const openrouter::api_error& e) {
        co_return e.code() == openrouter::errc::insecure_transport ? 0 : 2;
    }
}

int main()
{
    asio::io_context ioc;
    openrouter::client_options o;
    o.api_key = "sk-or-consumer-test";
    o.base_url = "http://example.invalid/api/v1";
    openrouter::client cli(ioc, o);
    int rc = 3;
    asio::co_spawn(ioc, use(cli), [&](std::exception_ptr, int r) { rc = r; });
    ioc.run();
    std::cout << (rc == 0 ? "consumer ok" : "consumer FAILED") << "\n";
    return rc;
}
