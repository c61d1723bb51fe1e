// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
//
// The local OpenRouter emulator: a real HTTP/1.1 server (plain TCP or TLS) speaking OpenRouter's wire
// format, used by the SDK's loopback tests, samples and benchmarks, and by users to develop offline.
// It does not depend on the openrouter library (it is the independent peer the SDK is tested against).
//
// Endpoints (base path /api/v1, `Authorization: Bearer <key>` required):
//   POST /chat/completions   chat.completion / SSE chat.completion.chunk stream ("stream": true)
//   POST /completions        legacy text_completion (and its stream)
//   GET  /models             the emulator's models (ModelsListResponse)
//   GET  /key                the current key (getCurrentKey)
//   GET  /generation?id=ID   stats of a generation this server produced (404 for unknown ids)
// Control endpoints (no key needed, never recorded): GET /_emulator/stats, GET /_emulator/requests,
// POST /_emulator/reset.
//
// Deterministic models: emulator/echo, emulator/lorem, emulator/tools, emulator/reasoning. Faults are
// scripted per request, by a JSON object in the body field "emulator" or the `X-Emulator` header. The
// complete reference of models, token counting and faults is `openrouter::emulator::help_text()` (also
// printed by `openrouter-emulator --help`).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace openrouter::emulator {

/// Configuration of a server. Copied at construction.
struct server_options {
    /// Address to bind. The emulator is meant for loopback use.
    std::string host = "127.0.0.1";
    /// Port to bind; 0 picks a free port (read it back with server::port()).
    std::uint16_t port = 0;
    /// PEM files. When both are set the server speaks HTTPS only (TLS 1.2+); otherwise plain HTTP.
    std::string tls_cert_file, tls_key_file;
    /// Accepted API keys. Empty: any non-empty bearer key is accepted, except keys containing "invalid".
    std::vector<std::string> api_keys;
    /// Provisioning (management) keys: accepted only on /keys endpoints; rejected with 401 elsewhere.
    std::vector<std::string> provisioning_keys;
    /// Number of threads running the server's own io_context (at least 1).
    std::size_t threads = 1;
    /// Keep a copy of every request for requests() (about 1 KiB each). Long benchmark runs may turn it off;
    /// the counters and GET /generation work either way.
    bool record_requests = true;
};

/// One HTTP request as the server received it.
struct recorded_request {
    std::string method;  ///< e.g. "POST"
    std::string target;  ///< request target as sent, e.g. "/api/v1/chat/completions"
    std::vector<std::pair<std::string, std::string>> headers;  ///< in arrival order, names as sent
    std::string body;
    std::uint64_t connection_id = 0;  ///< 1-based, in accept order; stable across reset()
};

/// Returns the reference text for models, token counting, fault scripts and the CLI (what --help prints).
std::string help_text();

/// An emulator instance: owns an io_context run on its own thread(s).
///
/// Lifetime: construct, start(), use base_url(); stop() or the destructor closes the listener and every
/// connection and joins the threads. A stopped server cannot be restarted.
/// Thread safety: every member function may be called from any thread concurrently, except that
/// start()/stop()/the destructor must not race with each other.
/// Errors: the constructor throws std::invalid_argument for bad options; start() throws
/// std::system_error if resolving or binding fails or the TLS files cannot be loaded, and std::logic_error
/// when called twice.
class server {
public:
    explicit server(server_options opts = {});
    ~server();
    server(server const&) = delete;
    server& operator=(server const&) = delete;

    /// Binds, listens and starts the threads; returns once connections can be accepted.
    void start();
    /// Closes the listener and all connections, joins the threads. Idempotent.
    void stop();

    /// The bound port (valid after start()).
    std::uint16_t port() const;
    /// "http://127.0.0.1:PORT/api/v1", or "https://localhost:PORT/api/v1" when TLS is on.
    std::string base_url() const;
    /// True when the server speaks TLS.
    bool tls() const;

    /// Copies of every API request received so far (control endpoints excluded).
    std::vector<recorded_request> requests() const;
    std::size_t connections_accepted() const;
    std::size_t connections_open() const;
    /// Connections on which the server saw the peer's EOF or a reset while reading or writing
    /// (including in the middle of a stalled stream); server-initiated closes are not counted.
    std::size_t connections_closed_by_client() const;
    /// Waits until exactly n connections are open; false on timeout.
    bool wait_for_connections_open(std::size_t n, std::chrono::milliseconds timeout) const;
    /// Clears the recorded requests, the counters (except open connections), status sequences, the
    /// generation numbering and the generation store.
    void reset();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace openrouter::emulator
