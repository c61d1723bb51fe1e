// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Internal pieces shared by the server, the router and the response writers.
#pragma once

#include <emulator/emulator.hpp>

#include "replies.hpp"
#include "scenario.hpp"

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace openrouter::emulator::detail {

namespace http = boost::beast::http;
using http_request = http::request<http::string_body>;

/// One step of a response: write `bytes` (if any), then wait `wait`.
struct out_step {
    std::string bytes;
    std::chrono::milliseconds wait{0};
    bool header = false;  // the response head (never split by write_size)
};

/// Everything the connection has to do to send one response.
struct response_plan {
    std::vector<out_step> steps;
    bool close = false;                            // close the connection after the response
    std::optional<std::size_t> close_after_bytes;  // write only this many bytes, then close
    std::size_t write_size = 0;                    // 0: whole writes; else pieces of this size
};

/// State shared by all connections of one server (every member guarded by `mu`).
struct shared_state {
    server_options opts;
    bool tls = false;

    mutable std::mutex mu;
    mutable std::condition_variable cv;  // signalled when connections_open changes
    std::vector<recorded_request> requests;
    std::size_t unrecorded_requests = 0;  // requests counted but not copied (record_requests off)
    std::size_t accepted = 0;
    std::size_t open = 0;
    std::size_t closed_by_client = 0;
    std::uint64_t next_connection_id = 1;
    std::map<std::string, std::size_t> sequences;
    std::uint64_t next_generation = 1;
    std::map<std::string, generation_record> generations;
    std::deque<std::string> generation_order;  // oldest first, for eviction
    std::map<std::string, double> key_usage;
    std::map<std::string, boost::json::object> managed_keys;  // /keys store, by hash (api_keys.cpp)
    std::uint64_t next_managed_key = 1;

    void reset();
};

/// Routes one request (recording it) and returns the response to send.
response_plan route(shared_state& st, http_request const& req, std::uint64_t connection_id);
/// The response to a request that could not be parsed (always closes the connection).
response_plan unparsable_request(int status, std::string const& message);

/// Standard error body {"error":{"code","message","metadata"?}} for `status`, with scripted overrides.
std::string error_body(int status, scenario const& sc, std::string const& message, boost::json::object metadata = {});
/// The documented default message and metadata of a status-only script.
std::string default_error_message(int status, std::string const& model);
boost::json::object default_error_metadata(int status, std::string const& model, std::string const& input);

/// A complete (non-streaming) response with the script's faults applied.
response_plan body_response(http_request const& req, int status, std::string body, scenario const& sc,
                            std::vector<std::pair<std::string, std::string>> const& extra_headers = {});
/// An SSE response for a reply plan, with the script's faults applied.
response_plan stream_response(http_request const& req, reply_plan const& plan, scenario const& sc);

}  // namespace openrouter::emulator::detail
