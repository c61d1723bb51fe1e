// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_TEST_HOSTILE_SERVER_HPP
#define OPENROUTER_TEST_HOSTILE_SERVER_HPP

// A hostile OpenRouter-shaped server: a raw Asio TCP server on 127.0.0.1 (own thread and
// io_context) that answers each request with a scripted byte sequence and timing: writes,
// pauses, drips (one byte at a time), generated bodies of any size (never buffered), resets
// (RST), closes (FIN) and stalls. It reads each request head (and its Content-Length body) and
// records it, so tests can count requests and inspect what the client sent.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace hostile {

struct step {
    enum class kind { write, pause, drip, repeat, reset, close, stall };
    kind k = kind::write;
    std::string bytes;
    std::chrono::milliseconds ms{0};
    std::uint64_t count = 0;
};
using script = std::vector<step>;

inline step write(std::string b)
{
    return {step::kind::write, std::move(b), {}, 0};
}
inline step pause(std::chrono::milliseconds d)
{
    return {step::kind::pause, {}, d, 0};
}
// Writes `b` one byte at a time, `d` before each byte.
inline step drip(std::string b, std::chrono::milliseconds d)
{
    return {step::kind::drip, std::move(b), d, 0};
}
// Writes `b` `n` times (e.g. 1 MiB x 1024: a 1 GiB body made on the fly); stops when the peer goes.
inline step repeat(std::string b, std::uint64_t n)
{
    return {step::kind::repeat, std::move(b), {}, n};
}
inline step reset()
{
    return {step::kind::reset, {}, {}, 0};
}  // RST: SO_LINGER 0, then close
inline step close()
{
    return {step::kind::close, {}, {}, 0};
}  // FIN: shutdown(send), then close
inline step stall()
{
    return {step::kind::stall, {}, {}, 0};
}  // never writes again (until the server stops)

class server {
public:
    // `per_request(n)` is the script of the n-th request (1-based, over all connections).
    // A script that ends without reset/close/stall waits for the next request on the connection.
    explicit server(std::function<script(int)> per_request);
    explicit server(script s);
    ~server();
    server(const server&) = delete;
    server& operator=(const server&) = delete;

    unsigned short port() const { return port_; }
    std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/api/v1"; }
    int requests() const { return requests_.load(); }
    int connections() const { return connections_.load(); }
    std::uint64_t bytes_written() const { return written_.load(); }
    std::vector<std::string> request_heads() const;

private:
    void start();

    std::function<script(int)> per_request_;
    boost::asio::io_context ioc_;
    boost::asio::ip::tcp::acceptor acceptor_;
    unsigned short port_ = 0;
    std::atomic<int> requests_{0};
    std::atomic<int> connections_{0};
    std::atomic<std::uint64_t> written_{0};
    mutable std::mutex mu_;
    std::vector<std::string> heads_;
    std::thread thread_;
};

// ---- wire pieces ----
std::string http_head(int status, std::string_view content_type, std::string_view extra_fields = {});
// A complete response with Content-Length.
std::string json_response(int status, std::string_view body, std::string_view extra_fields = {},
                          std::string_view content_type = "application/json");
// A chat completion body whose answer is `content`.
std::string completion_body(std::string_view content);
// The head of a chunked event stream.
std::string sse_head(std::string_view extra_fields = {});
// One HTTP chunk.
std::string chunk(std::string_view data);
inline constexpr const char* last_chunk = "0\r\n\r\n";
// One SSE event of a chat.completion.chunk with a content delta.
std::string delta_event(std::string_view content);
inline constexpr const char* done_event = "data: [DONE]\n\n";

}  // namespace hostile

#endif
