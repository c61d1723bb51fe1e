// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The listener and the connections (plain TCP or TLS), run as coroutines on the server's own io_context.
//
// Each connection runs two coroutines on one strand: a reader that parses requests into a queue and keeps a
// read pending at all times (so a client closing the connection is noticed at once, even while a response
// is stalled), and a writer that routes the queued requests and executes their response plans.
#include "router.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>

#include <atomic>
#include <deque>
#include <stdexcept>
#include <thread>
#include <variant>

namespace openrouter::emulator {
namespace net = boost::asio;
namespace ssl = net::ssl;
namespace beast = boost::beast;
using tcp = net::ip::tcp;
using detail::http_request;
using detail::response_plan;
using detail::shared_state;
namespace http = beast::http;

namespace {

constexpr std::uint64_t max_request_body = 32 * 1024 * 1024;  // larger bodies get a 413
constexpr std::uint32_t max_request_header = 64 * 1024;
constexpr std::chrono::seconds handshake_timeout{10};
constexpr std::chrono::seconds drain_timeout{5};
constexpr std::uint64_t max_drain_bytes = 2 * max_request_body;
constexpr auto tuple_awaitable = net::as_tuple(net::use_awaitable);

struct unparsable {
    int status;
    std::string message;
};
using queued = std::variant<http_request, unparsable>;

template <class Stream>
class session : public std::enable_shared_from_this<session<Stream>> {
public:
    session(Stream stream, std::shared_ptr<shared_state> st, std::uint64_t id)
        : stream_(std::move(stream)), st_(std::move(st)), id_(id), wake_(stream_.get_executor()),
          wait_timer_(stream_.get_executor())
    {}

    ~session() { mark_closed(); }

    net::awaitable<void> run()
    {
        auto self = this->shared_from_this();
        if constexpr (!std::is_same_v<Stream, tcp::socket>) {
            net::steady_timer guard(stream_.get_executor());
            guard.expires_after(handshake_timeout);
            guard.async_wait([self](boost::system::error_code ec) {
                if (!ec)
                    self->socket().close();
            });
            auto [ec] = co_await stream_.async_handshake(ssl::stream_base::server, tuple_awaitable);
            guard.cancel();
            if (ec) {
                if (is_peer_close(ec))
                    note_client_close();
                close();
                co_return;
            }
        }
        net::co_spawn(stream_.get_executor(), self->reader(), net::detached);
        co_await writer();
        if (linger_ && !peer_gone_)
            co_await drain();
        close();
    }

private:
    tcp::socket& socket() { return beast::get_lowest_layer(stream_); }

    static bool is_peer_close(boost::system::error_code const& ec)
    {
        return ec == net::error::eof || ec == net::error::connection_reset || ec == net::error::broken_pipe ||
               ec == net::error::connection_aborted || ec == http::error::end_of_stream ||
               ec == http::error::partial_message || ec == ssl::error::stream_truncated ||
               ec.category() == net::error::get_ssl_category();
    }

    void note_client_close()
    {
        if (client_close_counted_ || closing_)
            return;
        client_close_counted_ = true;
        std::lock_guard lock(st_->mu);
        ++st_->closed_by_client;
    }

    void mark_closed()
    {
        if (closed_marked_)
            return;
        closed_marked_ = true;
        {
            std::lock_guard lock(st_->mu);
            --st_->open;
        }
        st_->cv.notify_all();
    }

    void close()
    {
        closing_ = true;
        boost::system::error_code ignored;
        socket().shutdown(tcp::socket::shutdown_both, ignored);
        socket().close(ignored);
        wake_.cancel();
        wait_timer_.cancel();
        mark_closed();
    }

    void wake_writer() { wake_.cancel(); }

    // Lingering close after refusing a request whose body was not read (e.g. too large): stop sending,
    // then read and discard what the client still sends (bounded in time and size) so that it can finish
    // writing and read the error response instead of failing with a broken pipe.
    net::awaitable<void> drain()
    {
        boost::system::error_code ignored;
        socket().shutdown(tcp::socket::shutdown_send, ignored);
        wait_timer_.expires_after(drain_timeout);
        wait_timer_.async_wait([self = this->shared_from_this()](boost::system::error_code ec) {
            if (!ec)
                self->close();
        });
        std::vector<char> scratch(64 * 1024);
        for (std::uint64_t total = 0; total < max_drain_bytes && !closing_;) {
            auto [ec, n] = co_await stream_.async_read_some(net::buffer(scratch), tuple_awaitable);
            if (ec)
                break;
            total += n;
        }
        wait_timer_.cancel();
    }

    net::awaitable<void> reader()
    {
        auto self = this->shared_from_this();
        for (;;) {
            http::request_parser<http::string_body> parser;
            parser.body_limit(max_request_body);
            parser.header_limit(max_request_header);
            auto [ec, n] = co_await http::async_read_header(stream_, buffer_, parser, tuple_awaitable);
            if (!ec && !parser.is_done()) {
                // "Expect: 100-continue" (curl sends it for large bodies): answer it unless a response is
                // being written (then the client simply sends the body after its own timeout).
                auto const& h = parser.get();
                if (beast::iequals(h[http::field::expect], "100-continue") && !writer_busy_ && queue_.empty()) {
                    static constexpr std::string_view cont = "HTTP/1.1 100 Continue\r\n\r\n";
                    writer_busy_ = true;
                    auto [wec, wn] =
                        co_await net::async_write(stream_, net::buffer(cont.data(), cont.size()), tuple_awaitable);
                    writer_busy_ = false;
                    ec = wec;
                }
                if (!ec)
                    std::tie(ec, n) = co_await http::async_read(stream_, buffer_, parser, tuple_awaitable);
            }
            if (ec) {
                if (closing_)
                    co_return;
                if (ec == http::error::body_limit)
                    queue_.push_back(unparsable{413, "Request payload too large"});
                else if (ec == http::error::header_limit)
                    queue_.push_back(unparsable{431, "Request header fields too large"});
                else if (ec.category() == http::make_error_code(http::error::bad_target).category() &&
                         !is_peer_close(ec))
                    queue_.push_back(unparsable{400, "Malformed HTTP request: " + ec.message()});
                else {
                    peer_gone_ = true;
                    note_client_close();
                    wait_timer_.cancel();
                }
                reader_done_ = true;
                wake_writer();
                co_return;
            }
            queue_.push_back(parser.release());
            wake_writer();
        }
    }

    net::awaitable<void> writer()
    {
        for (;;) {
            while (queue_.empty() && !reader_done_ && !closing_) {
                wake_.expires_at(net::steady_timer::time_point::max());
                co_await wake_.async_wait(tuple_awaitable);
            }
            if (queue_.empty() || peer_gone_ || closing_)
                co_return;
            queued item = std::move(queue_.front());
            queue_.pop_front();
            response_plan plan;
            if (auto* req = std::get_if<http_request>(&item)) {
                try {
                    plan = detail::route(*st_, *req, id_);
                } catch (std::exception const& e) {
                    plan = detail::unparsable_request(500, std::string("emulator internal error: ") + e.what());
                }
            } else {
                auto const& u = std::get<unparsable>(item);
                plan = detail::unparsable_request(u.status, u.message);
                linger_ = true;
            }
            writer_busy_ = true;
            bool const keep = co_await execute(plan);
            writer_busy_ = false;
            if (!keep)
                co_return;
        }
    }

    // Writes a plan; false when the connection must be closed afterwards (or is already gone).
    net::awaitable<bool> execute(response_plan const& plan)
    {
        written_ = 0;
        std::string pending;  // unsplit bytes not yet written: consecutive steps share one write
        for (std::size_t i = 0; i < plan.steps.size(); ++i) {
            auto const& step = plan.steps[i];
            if (plan.write_size && !step.header) {
                if (!co_await write(pending, 0, plan) || !co_await write(step.bytes, plan.write_size, plan))
                    co_return false;
                pending.clear();
            } else
                pending += step.bytes;
            if (step.wait.count() > 0 || i + 1 == plan.steps.size()) {
                if (!co_await write(pending, 0, plan))
                    co_return false;
                pending.clear();
            }
            if (step.wait.count() > 0) {
                wait_timer_.expires_after(step.wait);
                co_await wait_timer_.async_wait(tuple_awaitable);
                if (peer_gone_ || closing_)
                    co_return false;
            }
        }
        co_return !plan.close;
    }

    // Writes bytes in pieces of `piece` bytes (0: at once) honouring close_after_bytes; false when the
    // connection must close.
    net::awaitable<bool> write(std::string_view bytes, std::size_t piece, response_plan const& plan)
    {
        bool cut = false;
        if (plan.close_after_bytes) {
            std::size_t const allowed = *plan.close_after_bytes > written_ ? *plan.close_after_bytes - written_ : 0;
            if (bytes.size() >= allowed) {
                cut = true;
                bytes = bytes.substr(0, allowed);
            }
        }
        while (!bytes.empty()) {
            std::size_t const n = piece ? std::min(piece, bytes.size()) : bytes.size();
            auto [ec, sent] = co_await net::async_write(stream_, net::buffer(bytes.data(), n), tuple_awaitable);
            if (ec) {
                if (!closing_) {
                    peer_gone_ = true;
                    note_client_close();
                }
                co_return false;
            }
            written_ += sent;
            bytes.remove_prefix(n);
        }
        co_return !cut && !peer_gone_;
    }

    Stream stream_;
    std::shared_ptr<shared_state> st_;
    std::uint64_t id_;
    beast::flat_buffer buffer_;
    std::deque<queued> queue_;
    net::steady_timer wake_;        // wakes the writer when the reader queued a request or stopped
    net::steady_timer wait_timer_;  // delays and stalls of the current response
    std::size_t written_ = 0;       // bytes of the current response written so far
    bool reader_done_ = false;
    bool writer_busy_ = false;
    bool linger_ =
        false;  // drain the client's unread input before closing  // a response (or a 100 Continue) is being written
    bool peer_gone_ = false;
    bool closing_ = false;
    bool client_close_counted_ = false;
    bool closed_marked_ = false;
};

std::string url_host(std::string const& host, bool tls)
{
    if (host == "0.0.0.0" || host.empty())
        return tls ? "localhost" : "127.0.0.1";
    if (host == "::")
        return tls ? "localhost" : "[::1]";
    if (tls && host == "127.0.0.1")
        return "localhost";
    if (host.find(':') != std::string::npos)
        return "[" + host + "]";
    return host;
}

}  // namespace

struct server::impl {
    std::shared_ptr<shared_state> st = std::make_shared<shared_state>();
    std::optional<ssl::context> tls_ctx;
    std::unique_ptr<net::io_context> ioc;
    std::optional<tcp::acceptor> acceptor;
    std::vector<std::thread> threads;
    std::atomic<std::uint16_t> port{0};
    bool started = false;
    bool stopped = false;

    net::awaitable<void> accept_loop()
    {
        for (;;) {
            auto [ec, sock] = co_await acceptor->async_accept(net::make_strand(*ioc), tuple_awaitable);
            if (ec) {
                if (!acceptor->is_open() || ec == net::error::operation_aborted)
                    co_return;
                net::steady_timer backoff(co_await net::this_coro::executor, std::chrono::milliseconds(10));
                co_await backoff.async_wait(tuple_awaitable);  // e.g. out of file descriptors
                continue;
            }
            boost::system::error_code ignored;
            sock.set_option(tcp::no_delay(true), ignored);
            std::uint64_t id = 0;
            {
                std::lock_guard lock(st->mu);
                id = st->next_connection_id++;
                ++st->accepted;
                ++st->open;
            }
            st->cv.notify_all();
            auto ex = sock.get_executor();
            if (tls_ctx) {
                using stream_t = ssl::stream<tcp::socket>;
                auto s = std::make_shared<session<stream_t>>(stream_t(std::move(sock), *tls_ctx), st, id);
                net::co_spawn(ex, s->run(), net::detached);
            } else {
                auto s = std::make_shared<session<tcp::socket>>(std::move(sock), st, id);
                net::co_spawn(ex, s->run(), net::detached);
            }
        }
    }
};

server::server(server_options opts) : impl_(std::make_unique<impl>())
{
    if (opts.threads == 0)
        throw std::invalid_argument("openrouter::emulator::server: threads must be at least 1");
    if (opts.tls_cert_file.empty() != opts.tls_key_file.empty())
        throw std::invalid_argument("openrouter::emulator::server: set both tls_cert_file and tls_key_file");
    impl_->st->tls = !opts.tls_cert_file.empty();
    impl_->st->opts = std::move(opts);
}

server::~server()
{
    stop();
}

void server::start()
{
    auto& d = *impl_;
    if (d.started)
        throw std::logic_error("openrouter::emulator::server: start() called twice");
    auto const& opts = d.st->opts;
    if (d.st->tls) {
        d.tls_ctx.emplace(ssl::context::tls_server);
        d.tls_ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                               ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
        d.tls_ctx->use_certificate_chain_file(opts.tls_cert_file);
        d.tls_ctx->use_private_key_file(opts.tls_key_file, ssl::context::pem);
    }
    d.ioc = std::make_unique<net::io_context>(static_cast<int>(opts.threads));
    tcp::resolver resolver(*d.ioc);
    auto endpoints =
        resolver.resolve(opts.host, std::to_string(opts.port), tcp::resolver::numeric_service | tcp::resolver::passive);
    tcp::endpoint ep = endpoints.begin()->endpoint();
    d.acceptor.emplace(*d.ioc);
    d.acceptor->open(ep.protocol());
    d.acceptor->set_option(net::socket_base::reuse_address(true));
    d.acceptor->bind(ep);
    d.acceptor->listen(net::socket_base::max_listen_connections);
    d.port = d.acceptor->local_endpoint().port();
    d.started = true;
    net::co_spawn(*d.ioc, d.accept_loop(), net::detached);
    for (std::size_t i = 0; i < opts.threads; ++i)
        d.threads.emplace_back([ioc = d.ioc.get()] { ioc->run(); });
}

void server::stop()
{
    auto& d = *impl_;
    if (!d.started || d.stopped)
        return;
    d.stopped = true;
    d.ioc->stop();
    for (auto& t : d.threads)
        t.join();
    d.threads.clear();
    d.acceptor.reset();
    d.ioc.reset();  // destroys the suspended connections, closing their sockets
}

std::uint16_t server::port() const
{
    return impl_->port;
}

bool server::tls() const
{
    return impl_->st->tls;
}

std::string server::base_url() const
{
    bool const tls = impl_->st->tls;
    return std::string(tls ? "https://" : "http://") + url_host(impl_->st->opts.host, tls) + ":" +
           std::to_string(port()) + "/api/v1";
}

std::vector<recorded_request> server::requests() const
{
    std::lock_guard lock(impl_->st->mu);
    return impl_->st->requests;
}

std::size_t server::connections_accepted() const
{
    std::lock_guard lock(impl_->st->mu);
    return impl_->st->accepted;
}

std::size_t server::connections_open() const
{
    std::lock_guard lock(impl_->st->mu);
    return impl_->st->open;
}

std::size_t server::connections_closed_by_client() const
{
    std::lock_guard lock(impl_->st->mu);
    return impl_->st->closed_by_client;
}

bool server::wait_for_connections_open(std::size_t n, std::chrono::milliseconds timeout) const
{
    std::unique_lock lock(impl_->st->mu);
    return impl_->st->cv.wait_for(lock, timeout, [&] { return impl_->st->open == n; });
}

void server::reset()
{
    impl_->st->reset();
}

}  // namespace openrouter::emulator
