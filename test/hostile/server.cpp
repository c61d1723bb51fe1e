// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include "hostile/server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <algorithm>
#include <cctype>

namespace hostile {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

constexpr auto tok = asio::as_tuple(asio::use_awaitable);

std::size_t content_length_of(const std::string& head)
{
    std::string lower = head;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto at = lower.find("\r\ncontent-length:");
    if (at == std::string::npos)
        return 0;
    return static_cast<std::size_t>(std::strtoull(lower.c_str() + at + 17, nullptr, 10));
}

// Runs one step; false when the connection is over.
asio::awaitable<bool> run_step(tcp::socket& s, const step& st, std::atomic<std::uint64_t>& written)
{
    asio::steady_timer t(s.get_executor());
    switch (st.k) {
    case step::kind::write: {
        auto [ec, n] = co_await asio::async_write(s, asio::buffer(st.bytes), tok);
        written += n;
        co_return !ec;
    }
    case step::kind::pause:
        t.expires_after(st.ms);
        co_await t.async_wait(tok);
        co_return true;
    case step::kind::drip:
        for (char c : st.bytes) {
            t.expires_after(st.ms);
            co_await t.async_wait(tok);
            auto [ec, n] = co_await asio::async_write(s, asio::buffer(&c, 1), tok);
            written += n;
            if (ec)
                co_return false;
        }
        co_return true;
    case step::kind::repeat:
        for (std::uint64_t i = 0; i < st.count; ++i) {
            auto [ec, n] = co_await asio::async_write(s, asio::buffer(st.bytes), tok);
            written += n;
            if (ec)
                co_return false;
        }
        co_return true;
    case step::kind::reset: {
        boost::system::error_code ec;
        s.set_option(asio::socket_base::linger(true, 0), ec);
        s.close(ec);
        co_return false;
    }
    case step::kind::close: {
        boost::system::error_code ec;
        s.shutdown(tcp::socket::shutdown_send, ec);
        // Wait for the client to close its side, so that the FIN is not turned into a RST by
        // unread request bytes.
        char sink[256];
        for (;;) {
            auto [rec, rn] = co_await s.async_read_some(asio::buffer(sink), tok);
            (void)rn;
            if (rec)
                break;
        }
        co_return false;
    }
    case step::kind::stall:
        t.expires_after(std::chrono::hours(1));
        co_await t.async_wait(tok);
        co_return false;
    }
    co_return false;
}

}  // namespace

server::server(script s) : server([s](int) { return s; }) {}

server::server(std::function<script(int)> per_request)
    : per_request_(std::move(per_request)), acceptor_(ioc_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0))
{
    port_ = acceptor_.local_endpoint().port();
    start();
    thread_ = std::thread([this] { ioc_.run(); });
}

server::~server()
{
    ioc_.stop();
    thread_.join();
}

std::vector<std::string> server::request_heads() const
{
    std::lock_guard<std::mutex> lock(mu_);
    return heads_;
}

void server::start()
{
    asio::co_spawn(
        ioc_,
        [this]() -> asio::awaitable<void> {
            for (;;) {
                auto [ec, sock] = co_await acceptor_.async_accept(tok);
                if (ec)
                    co_return;
                ++connections_;
                asio::co_spawn(
                    ioc_,
                    [this, s = std::move(sock)]() mutable -> asio::awaitable<void> {
                        std::string in;
                        for (;;) {
                            auto [rec, hn] =
                                co_await asio::async_read_until(s, asio::dynamic_buffer(in), "\r\n\r\n", tok);
                            if (rec)
                                co_return;
                            std::string head = in.substr(0, hn);
                            in.erase(0, hn);
                            const std::size_t body = content_length_of(head);
                            if (in.size() < body) {
                                auto [bec, bn] = co_await asio::async_read(
                                    s, asio::dynamic_buffer(in), asio::transfer_exactly(body - in.size()), tok);
                                (void)bn;
                                if (bec)
                                    co_return;
                            }
                            in.erase(0, body);
                            {
                                std::lock_guard<std::mutex> lock(mu_);
                                heads_.push_back(head);
                            }
                            const int n = ++requests_;
                            for (const step& st : per_request_(n))
                                if (!co_await run_step(s, st, written_))
                                    co_return;
                        }
                    },
                    asio::detached);
            }
        },
        asio::detached);
}

std::string http_head(int status, std::string_view content_type, std::string_view extra_fields)
{
    std::string h = "HTTP/1.1 " + std::to_string(status) + " X\r\n";
    if (!content_type.empty())
        h += "Content-Type: " + std::string(content_type) + "\r\n";
    h += extra_fields;
    return h;
}

std::string json_response(int status, std::string_view body, std::string_view extra_fields,
                          std::string_view content_type)
{
    return http_head(status, content_type, extra_fields) + "Content-Length: " + std::to_string(body.size()) +
           "\r\n\r\n" + std::string(body);
}

std::string completion_body(std::string_view content)
{
    return R"({"id":"gen-h1","object":"chat.completion","created":1,"model":"m/x","choices":[{"index":0,)"
           R"("message":{"role":"assistant","content":")" +
           std::string(content) + R"("},"finish_reason":"stop"}]})";
}

std::string sse_head(std::string_view extra_fields)
{
    return http_head(200, "text/event-stream", extra_fields) + "Transfer-Encoding: chunked\r\n\r\n";
}

std::string chunk(std::string_view data)
{
    char size[32];
    std::snprintf(size, sizeof size, "%zx\r\n", data.size());
    return size + std::string(data) + "\r\n";
}

std::string delta_event(std::string_view content)
{
    return R"(data: {"id":"gen-h1","object":"chat.completion.chunk","created":1,"model":"m/x","choices":[{"index":0,)"
           R"("delta":{"content":")" +
           std::string(content) + R"("},"finish_reason":null}]})" + "\n\n";
}

}  // namespace hostile
