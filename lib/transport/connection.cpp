// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include "transport/connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <memory>
#include <tuple>

namespace openrouter::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::ip::tcp;

connection::connection(const asio::any_io_executor& ex, asio::ssl::context* tls_ctx)
{
    if (tls_ctx != nullptr)
        tls_.emplace(ex, *tls_ctx);
    else
        plain_.emplace(ex);
}

void connection::close() noexcept
{
    boost::system::error_code ignored;
    if (resolving != nullptr)
        resolving->cancel();
    tcp().socket().shutdown(tcp::socket::shutdown_both, ignored);
    tcp().socket().close(ignored);
}

std::shared_ptr<asio::ssl::context> make_default_tls_context()
{
    auto ctx = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
    ctx->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                     asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
    boost::system::error_code ignored;  // a machine without a CA store fails later, at verification
    ctx->set_default_verify_paths(ignored);
    ctx->set_verify_mode(asio::ssl::verify_peer);
    return ctx;
}

namespace {

errc timeout_errc(const phase_deadline& dl, errc phase)
{
    return dl.total_is_binding ? errc::total_timeout : phase;
}

bool is_timeout(const boost::system::error_code& ec)
{
    return ec == beast::error::timeout;
}

}  // namespace

asio::awaitable<error_code> open_connection(connection& c, const endpoint& ep, phase_deadline connect_dl,
                                            std::chrono::milliseconds tls_timeout, clock::time_point total_deadline,
                                            diagnostics& diag)
{
    auto ex = co_await asio::this_coro::executor;

    // Resolve, bounded by the connect deadline: a timer cancels the resolver.
    struct resolve_state {
        explicit resolve_state(const asio::any_io_executor& e) : resolver(e), timer(e) {}
        tcp::resolver resolver;
        asio::steady_timer timer;
        bool timed_out = false;
    };
    auto rs = std::make_shared<resolve_state>(ex);
    rs->timer.expires_at(connect_dl.at);
    rs->timer.async_wait([rs](boost::system::error_code e) {
        if (!e) {
            rs->timed_out = true;
            rs->resolver.cancel();
        }
    });
    c.resolving = &rs->resolver;
    c.tcp().phase = io_phase::connect;
    boost::system::error_code rec = io_fault_point(io_step::resolve, io_phase::connect);
    tcp::resolver::results_type results;
    if (!rec)
        std::tie(rec, results) =
            co_await rs->resolver.async_resolve(ep.host, ep.port, asio::as_tuple(asio::use_awaitable));
    c.resolving = nullptr;
    rs->timer.cancel();
    if (rs->timed_out) {
        diag.detail = "resolving " + ep.host + " timed out";
        co_return timeout_errc(connect_dl, errc::connect_timeout);
    }
    if (rec) {
        diag.detail = "resolving " + ep.host + ": " + rec.message();
        co_return rec == asio::error::operation_aborted ? error_code(rec) : error_code(errc::resolve_failed);
    }

    c.tcp().expires_at(connect_dl.at);
    boost::system::error_code cec = io_fault_point(io_step::connect, io_phase::connect);
    if (!cec)
        std::tie(cec, std::ignore) = co_await c.tcp().async_connect(results, asio::as_tuple(asio::use_awaitable));
    if (cec) {
        if (is_timeout(cec)) {
            diag.detail = "connecting to " + ep.host + ":" + ep.port + " timed out";
            co_return timeout_errc(connect_dl, errc::connect_timeout);
        }
        diag.detail = "connecting to " + ep.host + ":" + ep.port + ": " + cec.message();
        co_return cec == asio::error::operation_aborted ? error_code(cec) : error_code(errc::connect_failed);
    }
    boost::system::error_code ignored;
    c.tcp().socket().set_option(tcp::no_delay(true), ignored);

    if (!c.is_tls()) {
        c.tcp().phase = io_phase::http;
        co_return error_code{};
    }

    auto tls_dl = phase_deadline::make(tls_timeout, total_deadline);
    auto& s = c.tls();
    SSL* ssl = s.native_handle();
    // SNI for names (never for IP literals), and OpenSSL's own host-name / IP check, so that a
    // mismatch fails verification with a precise reason.
    // (SSL_set_tlsext_host_name is a macro with a C cast; this is what it expands to.)
    if (!ep.host_is_ip && SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                                   const_cast<char*>(ep.host.c_str())) != 1) {
        diag.detail = "cannot set SNI";
        co_return errc::tls_handshake_failed;
    }
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
    const int set_ok = ep.host_is_ip ? X509_VERIFY_PARAM_set1_ip_asc(param, ep.host.c_str())
                                     : X509_VERIFY_PARAM_set1_host(param, ep.host.c_str(), ep.host.size());
    if (set_ok != 1) {
        diag.detail = "cannot set the expected host name";
        co_return errc::tls_handshake_failed;
    }
    s.set_verify_mode(asio::ssl::verify_peer);

    c.tcp().expires_at(tls_dl.at);
    c.tcp().phase = io_phase::tls_handshake;
    auto [hec] = co_await s.async_handshake(asio::ssl::stream_base::client, asio::as_tuple(asio::use_awaitable));
    if (hec) {
        if (is_timeout(hec)) {
            diag.detail = "TLS handshake with " + ep.host + " timed out";
            co_return timeout_errc(tls_dl, errc::tls_handshake_timeout);
        }
        if (hec == asio::error::operation_aborted)
            co_return error_code(hec);
        const long vr = SSL_get_verify_result(ssl);
        if (vr != X509_V_OK) {
            diag.detail = std::string("certificate of ") + ep.host + " rejected: " + X509_verify_cert_error_string(vr);
            co_return errc::certificate_rejected;
        }
        diag.detail = "TLS handshake with " + ep.host + ": " + hec.message();
        co_return errc::tls_handshake_failed;
    }
    c.tcp().expires_never();
    c.tcp().phase = io_phase::http;
    co_return error_code{};
}

}  // namespace openrouter::detail
