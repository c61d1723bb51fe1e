// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_CORE_CLIENT_IMPL_HPP
#define OPENROUTER_LIB_CORE_CLIENT_IMPL_HPP

// The shared state behind a `client`: resolved configuration, TLS context, connection cache.

#include "core/traffic.hpp"
#include "sansio/endpoint.hpp"
#include "transport/pool.hpp"

#include <openrouter/circuit_breaker.hpp>
#include <openrouter/client_options.hpp>
#include <openrouter/policies.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/http/fields.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

namespace openrouter::detail {

struct client_impl {
    client_impl(boost::asio::any_io_executor ex, client_options opts);

    boost::asio::any_io_executor executor;
    boost::asio::strand<boost::asio::any_io_executor> strand;  // every operation of this client runs here
    client_options options;                                    // api_key cleared: the key lives only in `api_key`
    std::string api_key;
    std::string base_url;
    endpoint ep;
    error_code config_error;
    std::string config_detail;
    std::shared_ptr<boost::asio::ssl::context> tls_ctx;  // null for http
    boost::beast::http::fields default_fields;           // every request's headers but Authorization
    connection_pool pool;
    std::string pool_key;

    std::shared_ptr<const request_policies> policies;  // client_options::policies
    std::unique_ptr<circuit_breakers> breakers;        // shared by every operation
    std::atomic<std::uint64_t> seed_counter;
    // client_options::traffic; null when no limit is set (then nothing is counted or waited for).
    std::shared_ptr<traffic_gate> traffic;

    // A seed for one operation's jitter (distinct per operation, unpredictable per process).
    std::uint64_t next_seed() noexcept;
};

}  // namespace openrouter::detail

#endif
