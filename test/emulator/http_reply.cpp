// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Complete (non-streaming) responses and error bodies, with scripted faults applied.
#include "wire.hpp"

#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/serialize.hpp>

#include <sstream>

namespace openrouter::emulator::detail {
namespace json = boost::json;
namespace net = boost::asio;

response_head make_head(http_request const& req, int status, std::string_view content_type, bool close)
{
    response_head h{static_cast<http::status>(status), req.version() == 10 ? 10u : 11u};
    h.set(http::field::server, "openrouter-emulator");
    h.set(http::field::content_type, content_type);
    h.keep_alive(req.keep_alive() && !close);
    return h;
}

std::string head_bytes(response_head const& h)
{
    std::ostringstream os;
    os << h.base();
    return std::move(os).str();
}

std::string chunk_bytes(std::string_view data)
{
    return boost::beast::buffers_to_string(http::make_chunk(net::buffer(data.data(), data.size())));
}

std::string last_chunk_bytes()
{
    return boost::beast::buffers_to_string(http::make_chunk_last());
}

void add_retry_headers(response_head& h, scenario const& sc)
{
    if (h.result_int() < 400)
        return;
    if (sc.retry_after)
        h.set(http::field::retry_after, *sc.retry_after);
    if (sc.retry_after_ms)
        h.set("retry-after-ms", std::to_string(*sc.retry_after_ms));
}

std::string default_error_message(int status, std::string const& model)
{
    switch (status) {
    case 400: return "Invalid request parameters";
    case 401: return "Missing Authentication header";
    case 402: return "Insufficient credits. Add more using https://openrouter.ai/credits";
    case 403:
        return model + " requires moderation on " + std::string(provider_name) +
               ". Your input was flagged for \"harassment\". No credits were charged.";
    case 404: return "Resource not found";
    case 408: return "Operation timed out. Please try again later.";
    case 413: return "Request payload too large";
    case 422: return "Invalid argument";
    case 429: return "Rate limit exceeded";
    case 500: return "Internal Server Error";
    case 502: return "Provider returned error";
    case 503: return "Service temporarily unavailable";
    case 504: return "Gateway timeout";
    case 524: return "Request timed out. Please try again later.";
    case 529: return "Provider returned error";
    default: return std::string(http::obsolete_reason(static_cast<http::status>(status)));
    }
}

json::object default_error_metadata(int status, std::string const& model, std::string const& input)
{
    if (status == 403) {
        std::string flagged = input.empty() ? std::string("(empty input)") : input;
        if (flagged.size() > 100)
            flagged = flagged.substr(0, 48) + "..." + flagged.substr(flagged.size() - 49);
        return {{"reasons", json::array{"harassment"}},
                {"flagged_input", flagged},
                {"provider_name", provider_name},
                {"model_slug", model}};
    }
    if (status == 502 || status == 529)
        return {{"provider_name", provider_name},
                {"raw", status == 502 ? "upstream returned HTTP 500 (scripted by the emulator)"
                                      : "upstream is overloaded (scripted by the emulator)"}};
    return {};
}

std::string error_body(int status, scenario const& sc, std::string const& message, json::object metadata)
{
    if (sc.metadata)
        for (auto const& [k, v] : *sc.metadata)
            metadata[k] = v;
    json::object err{{"code", sc.error_code ? *sc.error_code : json::value(status)},
                     {"message", sc.error_message ? *sc.error_message : message}};
    if (!metadata.empty())
        err["metadata"] = std::move(metadata);
    return json::serialize(json::object{{"error", std::move(err)}});
}

namespace {

// Inserts a padding member into a serialized JSON object so that it grows to about `target` bytes.
void pad_json(std::string& body, std::size_t target)
{
    if (body.size() < 2 || body.front() != '{' || body.size() >= target)
        return;
    std::string const name = "\"emulator_padding\":\"";
    std::size_t const overhead = name.size() + 2;  // closing quote + comma
    std::size_t const fill = target > body.size() + overhead ? target - body.size() - overhead : 0;
    std::string member = name + std::string(fill, 'x') + "\"";
    if (body != "{}")
        member += ',';
    body.insert(1, member);
}

}  // namespace

response_plan body_response(http_request const& req, int status, std::string body, scenario const& sc,
                            std::vector<std::pair<std::string, std::string>> const& extra_headers)
{
    response_plan plan;
    plan.close = sc.close || !req.keep_alive();
    plan.close_after_bytes = sc.close_after_bytes;
    plan.write_size = sc.write_size;

    if (sc.body)
        body = *sc.body;
    else if (sc.malformed == malformed_kind::not_json)
        body = "{\"id\": \"gen-emu-broken\", this is not JSON";
    else if (sc.malformed == malformed_kind::wrong_shape)
        body = R"({"object":"unexpected","choices":"not-an-array","usage":[1,2,3]})";
    else if (sc.body_bytes)
        pad_json(body, *sc.body_bytes);

    bool const truncated = sc.malformed == malformed_kind::truncated && !sc.body;
    if (truncated)
        plan.close = true;
    auto head = make_head(req, status, sc.content_type ? *sc.content_type : "application/json", plan.close);
    for (auto const& [k, v] : extra_headers)
        head.set(k, v);
    add_retry_headers(head, sc);
    bool const head_only = req.method() == http::verb::head || status == 204 || status == 304;

    std::string payload;  // the bytes after the head
    if (sc.chunked && !head_only) {
        head.chunked(true);
        std::size_t const half = body.size() / 2;
        if (half > 0)
            payload += chunk_bytes(std::string_view(body).substr(0, half));
        if (body.size() > half)
            payload += chunk_bytes(std::string_view(body).substr(half));
        payload += last_chunk_bytes();
    } else {
        head.content_length(body.size());
        if (!head_only)
            payload = std::move(body);
    }
    std::string head_text = head_bytes(head);

    if (sc.delay.count() > 0)
        plan.steps.push_back({{}, sc.delay, false});
    if (truncated) {
        // Content-Length announces the whole body, only half of it is sent, then the connection closes.
        plan.steps.push_back({std::move(head_text), {}, true});
        plan.steps.push_back({payload.substr(0, payload.size() / 2), sc.stall, false});
        return plan;
    }
    if (sc.stall.count() > 0) {
        std::size_t const half = payload.size() / 2;
        plan.steps.push_back({std::move(head_text), {}, true});
        plan.steps.push_back({payload.substr(0, half), sc.stall, false});
        plan.steps.push_back({payload.substr(half), {}, false});
    } else {
        plan.steps.push_back({std::move(head_text), {}, true});
        plan.steps.push_back({std::move(payload), {}, false});
    }
    return plan;
}

response_plan unparsable_request(int status, std::string const& message)
{
    http_request req;  // HTTP/1.1 defaults
    scenario sc;
    sc.close = true;
    return body_response(req, status, error_body(status, sc, message), sc);
}

}  // namespace openrouter::emulator::detail
