// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Raw Beast client helpers of the emulator self-test.
#pragma once

#include <emulator/emulator.hpp>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>
#include <vector>

namespace openrouter::emulator::selftest {
namespace net = boost::asio;
namespace ssl = net::ssl;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using tcp = net::ip::tcp;
namespace emu = openrouter::emulator;

inline constexpr char const* test_key = "test-key";

struct reply {
    int status = 0;
    http::fields headers;
    std::string body;
};

inline http::request<http::string_body> make_request(http::verb verb, std::string const& target, std::string body,
                                                     bool with_key = true)
{
    http::request<http::string_body> req{verb, target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (with_key)
        req.set(http::field::authorization, std::string("Bearer ") + test_key);
    if (!body.empty())
        req.set(http::field::content_type, "application/json");
    req.body() = std::move(body);
    req.prepare_payload();
    return req;
}

template <class Stream>
reply exchange(Stream& stream, beast::flat_buffer& buf, http::request<http::string_body> const& req)
{
    http::write(stream, req);
    http::response_parser<http::string_body> parser;
    parser.body_limit(boost::none);
    http::read(stream, buf, parser);
    auto res = parser.release();
    reply r;
    r.status = res.result_int();
    r.headers = res.base();
    r.body = std::move(res.body());
    return r;
}

// One request on a fresh plain connection.
inline reply send(emu::server const& srv, http::request<http::string_body> const& req)
{
    net::io_context ioc;
    tcp::socket sock(ioc);
    sock.connect({net::ip::make_address("127.0.0.1"), srv.port()});
    beast::flat_buffer buf;
    return exchange(sock, buf, req);
}

inline reply post(emu::server const& srv, std::string const& path, json::object body)
{
    return send(srv, make_request(http::verb::post, "/api/v1" + path, json::serialize(body)));
}

inline json::array user_message(std::string const& text)
{
    return {json::object{{"role", "user"}, {"content", text}}};
}

// Splits an SSE body into its events (blank-line separated blocks).
inline std::vector<std::string> sse_events(std::string const& body)
{
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < body.size()) {
        auto end = body.find("\n\n", pos);
        if (end == std::string::npos) {
            out.push_back(body.substr(pos));
            break;
        }
        out.push_back(body.substr(pos, end - pos));
        pos = end + 2;
    }
    return out;
}

// Accumulates a chat stream into the shape of a non-streaming message (choice 0) and the usage.
struct accumulated {
    std::string content, reasoning, finish_reason;
    json::array tool_calls;
    json::value usage;
    bool done = false;
};

inline accumulated accumulate(std::string const& body)
{
    accumulated a;
    for (auto const& ev : sse_events(body)) {
        if (ev.rfind(':', 0) == 0)
            continue;
        REQUIRE(ev.rfind("data: ", 0) == 0);
        auto data = ev.substr(6);
        if (data == "[DONE]") {
            a.done = true;
            continue;
        }
        auto chunk = json::parse(data).as_object();
        CHECK(chunk.at("object") == "chat.completion.chunk");
        if (auto const* u = chunk.if_contains("usage")) {
            CHECK(chunk.at("choices").as_array().empty());
            a.usage = *u;
            continue;
        }
        auto const& choice = chunk.at("choices").as_array().at(0).as_object();
        auto const& delta = choice.at("delta").as_object();
        if (auto const* c = delta.if_contains("content"))
            a.content += c->as_string();
        if (auto const* r = delta.if_contains("reasoning"); r && r->is_string())
            a.reasoning += r->as_string();
        if (auto const* tcs = delta.if_contains("tool_calls"))
            for (auto const& tc : tcs->as_array()) {
                auto idx = static_cast<std::size_t>(tc.at("index").as_int64());
                if (idx >= a.tool_calls.size()) {
                    auto first = tc.as_object();
                    first.erase("index");
                    a.tool_calls.push_back(first);
                } else {
                    auto& fn = a.tool_calls[idx].as_object()["function"].as_object();
                    std::string args(fn["arguments"].as_string());
                    args += tc.at("function").at("arguments").as_string();
                    fn["arguments"] = args;
                }
            }
        if (!choice.at("finish_reason").is_null())
            a.finish_reason = choice.at("finish_reason").as_string();
    }
    return a;
}

inline std::string env_certs()
{
    char const* dir = std::getenv("OPENROUTER_TEST_CERTS");
    return dir ? dir : "";
}

}  // namespace openrouter::emulator::selftest
