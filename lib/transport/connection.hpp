// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_TRANSPORT_CONNECTION_HPP
#define OPENROUTER_LIB_TRANSPORT_CONNECTION_HPP

// One HTTP/1.1 connection, plain TCP or TLS over TCP, and the coroutine that opens it.
// Only lib/transport/ touches sockets.

#include "sansio/endpoint.hpp"
#include "transport/io_faults.hpp"

#include <openrouter/diagnostics.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace openrouter::detail {

using clock = std::chrono::steady_clock;

// The time limits of one phase: the phase's own bound and the operation's total deadline.
struct phase_deadline {
    clock::time_point at;   // when the phase fails
    bool total_is_binding;  // true when `at` is the total deadline (total_timeout)

    static phase_deadline make(std::chrono::milliseconds phase, clock::time_point total_deadline)
    {
        const auto now = clock::now();
        if (phase.count() <= 0 || now + phase >= total_deadline)
            return {total_deadline, true};
        return {now + phase, false};
    }
};

// Beast's tcp_stream whose every read_some and write_some (TLS records included) passes
// io_fault_point first; `phase` says where the connection is, for the fault plan's trace.
class faultable_tcp_stream : public boost::beast::tcp_stream {
public:
    using boost::beast::tcp_stream::tcp_stream;

    io_phase phase = io_phase::connect;

    template <class MutableBufferSequence, class ReadToken>
    auto async_read_some(const MutableBufferSequence& buffers, ReadToken&& token)
    {
        if (auto ec = io_fault_point(io_step::read, phase)) [[unlikely]]
            return fail_now(ec, std::forward<ReadToken>(token));
        return boost::beast::tcp_stream::async_read_some(buffers, std::forward<ReadToken>(token));
    }

    template <class ConstBufferSequence, class WriteToken>
    auto async_write_some(const ConstBufferSequence& buffers, WriteToken&& token)
    {
        if (auto ec = io_fault_point(io_step::write, phase)) [[unlikely]]
            return fail_now(ec, std::forward<WriteToken>(token));
        return boost::beast::tcp_stream::async_write_some(buffers, std::forward<WriteToken>(token));
    }

private:
    // Completes `token` with `ec` and no bytes, as if the socket had failed (never inline).
    template <class Token>
    auto fail_now(boost::system::error_code ec, Token&& token)
    {
        return boost::asio::async_initiate<Token, void(boost::system::error_code, std::size_t)>(
            [this, ec](auto handler) {
                auto ex = boost::asio::get_associated_executor(handler, get_executor());
                boost::asio::post(ex, [h = std::move(handler), ec]() mutable { std::move(h)(ec, std::size_t{0}); });
            },
            token);
    }
};

class connection {
public:
    using tcp_stream = faultable_tcp_stream;
    using tls_stream = boost::beast::ssl_stream<faultable_tcp_stream>;

    connection(const boost::asio::any_io_executor& ex, boost::asio::ssl::context* tls_ctx);

    bool is_tls() const noexcept { return tls_.has_value(); }
    tcp_stream& tcp() noexcept { return tls_ ? tls_->next_layer() : *plain_; }
    tls_stream& tls() noexcept { return *tls_; }  // only when is_tls()

    // Calls f(stream) with the concrete stream type.
    template <class F>
    decltype(auto) visit(F&& f)
    {
        if (tls_)
            return std::forward<F>(f)(*tls_);
        return std::forward<F>(f)(*plain_);
    }

    // Closes the socket at once (no TLS close_notify): every pending operation completes.
    void close() noexcept;
    bool is_open() noexcept { return tcp().socket().is_open(); }

    boost::beast::flat_buffer buffer;                     // read buffer, kept across requests
    clock::time_point last_used{};                        // for the idle TTL
    std::uint64_t requests = 0;                           // exchanges completed on this connection
    boost::asio::ip::tcp::resolver* resolving = nullptr;  // set while open_connection resolves

private:
    std::optional<tcp_stream> plain_;
    std::optional<tls_stream> tls_;
};

// Resolves, connects and (for TLS) handshakes, honouring the connect and TLS deadlines.
// On failure returns the condition and fills diag.detail.
boost::asio::awaitable<error_code> open_connection(connection& c, const endpoint& ep, phase_deadline connect_dl,
                                                   std::chrono::milliseconds tls_timeout,
                                                   clock::time_point total_deadline, diagnostics& diag);

// Makes the default TLS client context: system CA store, peer verification.
std::shared_ptr<boost::asio::ssl::context> make_default_tls_context();

}  // namespace openrouter::detail

#endif
