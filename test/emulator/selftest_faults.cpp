// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Self-test of the scripted faults and of the less common replies.
#include "selftest_client.hpp"

#include <atomic>
#include <chrono>
#include <thread>

using namespace openrouter::emulator::selftest;

namespace {

json::object chat(std::string const& model, std::string const& text, json::object script = {})
{
    json::object body{{"model", model}, {"messages", user_message(text)}};
    if (!script.empty())
        body["emulator"] = std::move(script);
    return body;
}

json::object stream_chat(std::string const& model, std::string const& text, json::object script = {})
{
    auto body = chat(model, text, std::move(script));
    body["stream"] = true;
    return body;
}

std::vector<std::string> data_events(std::string const& body)
{
    std::vector<std::string> out;
    for (auto& e : sse_events(body))
        if (e.rfind("data: ", 0) == 0)
            out.push_back(e.substr(6));
    return out;
}

// Sends a request and reads whatever comes back until the server closes the connection.
std::string raw_exchange(emu::server const& srv, json::object const& body)
{
    net::io_context ioc;
    tcp::socket sock(ioc);
    sock.connect({net::ip::make_address("127.0.0.1"), srv.port()});
    http::write(sock, make_request(http::verb::post, "/api/v1/chat/completions", json::serialize(body)));
    std::string got;
    boost::system::error_code ec;
    net::read(sock, net::dynamic_buffer(got), ec);
    CHECK(ec == net::error::eof);
    return got;
}

}  // namespace

TEST_CASE("in-band error chunk after N deltas ends the stream with HTTP 200", "[emulator]")
{
    emu::server srv;
    srv.start();
    auto r = post(srv, "/chat/completions",
                  stream_chat("emulator/echo", "one two three four five", {{"error_after_deltas", 3}}));
    REQUIRE(r.status == 200);
    auto events = data_events(r.body);
    REQUIRE(events.size() == 4);  // three deltas, then the error chunk; no usage, no [DONE]
    auto a = accumulate(r.body);
    CHECK(a.content == "one two three");
    CHECK(!a.done);
    auto err = json::parse(events.back()).as_object();
    CHECK(err.at("object") == "chat.completion.chunk");
    CHECK(err.at("error").at("code") == 502);
    CHECK(err.at("error").at("metadata").at("error_type").is_string());
    CHECK(err.at("choices").at(0).at("finish_reason") == "error");
    CHECK(err.at("choices").at(0).at("native_finish_reason") == "error");
}

TEST_CASE("malformed and truncated bodies", "[emulator]")
{
    emu::server srv;
    srv.start();
    boost::system::error_code ec;
    auto not_json = post(srv, "/chat/completions", chat("emulator/echo", "x", {{"malformed", "not_json"}}));
    CHECK(not_json.status == 200);
    json::parse(not_json.body, ec);
    CHECK(ec);
    auto wrong = post(srv, "/chat/completions", chat("emulator/echo", "x", {{"malformed", "wrong_shape"}}));
    CHECK(!json::parse(wrong.body).as_object().at("choices").is_array());

    // truncated: Content-Length announces more than is sent before the close
    auto raw = raw_exchange(srv, chat("emulator/echo", "x", {{"malformed", "truncated"}}));
    auto const head_end = raw.find("\r\n\r\n");
    REQUIRE(head_end != std::string::npos);
    auto const cl = raw.find("Content-Length: ");
    REQUIRE(cl != std::string::npos);
    auto const announced = std::stoul(raw.substr(cl + 16));
    CHECK(raw.size() - head_end - 4 < announced);

    // truncated stream: no [DONE], no final chunk of the chunked coding
    auto stream = raw_exchange(srv, stream_chat("emulator/echo", "a b c d e f", {{"malformed", "truncated"}}));
    CHECK(stream.find("data: [DONE]") == std::string::npos);
    CHECK(stream.find("\r\n0\r\n\r\n") == std::string::npos);

    auto bad_event =
        post(srv, "/chat/completions", stream_chat("emulator/echo", "a b c d", {{"malformed_event_after", 2}}));
    auto events = data_events(bad_event.body);
    REQUIRE(events.size() >= 4);
    CHECK(events[2] == "{not json");
    CHECK(events.back() == "[DONE]");
}

TEST_CASE("comments and write_size and no_done and delay and stall shape the stream", "[emulator]")
{
    emu::server srv;
    srv.start();
    auto r = post(srv, "/chat/completions",
                  stream_chat("emulator/echo", "a b", {{"comments_ms", 300}, {"write_size", 1}, {"no_done", true}}));
    auto events = sse_events(r.body);
    std::size_t comments = 0;
    while (comments < events.size() && events[comments] == ": OPENROUTER PROCESSING")
        ++comments;
    CHECK(comments == 4);  // the usual one, then one per 100 ms
    auto a = accumulate(r.body);
    CHECK(a.content == "a b");
    CHECK(!a.done);
    CHECK(a.usage.is_object());

    auto const t0 = std::chrono::steady_clock::now();
    auto d = post(srv, "/chat/completions", chat("emulator/echo", "x", {{"delay_ms", 150}, {"stall_ms", 100}}));
    CHECK(std::chrono::steady_clock::now() - t0 >= std::chrono::milliseconds(250));
    CHECK(json::parse(d.body).at("choices").at(0).at("message").at("content") == "x");
}

TEST_CASE("raw body and content type and chunked and padding and close scripts", "[emulator]")
{
    emu::server srv;
    srv.start();
    auto raw =
        post(srv, "/chat/completions",
             chat("emulator/echo", "x",
                  {{"status", 200}, {"body", "<html>oops</html>"}, {"content_type", "text/html"}, {"chunked", true}}));
    CHECK(raw.status == 200);
    CHECK(raw.body == "<html>oops</html>");
    CHECK(raw.headers[http::field::content_type] == "text/html");
    CHECK(raw.headers[http::field::transfer_encoding] == "chunked");

    auto big = post(srv, "/chat/completions", chat("emulator/echo", "x", {{"body_bytes", 100000}}));
    CHECK(big.body.size() >= 99000);
    CHECK(json::parse(big.body).at("choices").at(0).at("message").at("content") == "x");

    auto closing = raw_exchange(srv, chat("emulator/echo", "x", {{"close", true}}));
    CHECK(closing.find("Connection: close\r\n") != std::string::npos);

    auto req = make_request(http::verb::post, "/api/v1/chat/completions",
                            json::serialize(chat("emulator/echo", "x", {{"status", 500}})));
    req.set("X-Emulator", R"({"status":429,"retry_after_ms":1500,"error_message":"slow down","metadata":{"a":1}})");
    auto over = send(srv, req);
    CHECK(over.status == 429);  // the header overrides the body script
    CHECK(over.headers["retry-after-ms"] == "1500");
    auto e = json::parse(over.body).at("error");
    CHECK(e.at("message") == "slow down");
    CHECK(e.at("metadata").at("a") == 1);
}

TEST_CASE("model behaviours (limits and n and tools and reasoning and legacy completions)", "[emulator]")
{
    emu::server srv;
    srv.start();
    auto body = chat("emulator/echo", "one two three four");
    body["max_tokens"] = 2;
    auto limited = json::parse(post(srv, "/chat/completions", body).body);
    CHECK(limited.at("choices").at(0).at("message").at("content") == "one two");
    CHECK(limited.at("choices").at(0).at("finish_reason") == "length");

    auto lorem = chat("emulator/lorem", "x");
    lorem["n"] = 2;
    lorem["max_completion_tokens"] = 3;
    auto l = json::parse(post(srv, "/chat/completions", lorem).body);
    CHECK(l.at("choices").at(0).at("message").at("content") == "lorem ipsum dolor");
    CHECK(l.at("choices").at(1).at("message").at("content") == "ipsum dolor sit");
    CHECK(l.at("usage").at("completion_tokens") == 6);

    auto tools = chat("emulator/tools", "x");
    tools["tools"] = json::parse(R"([{"type":"function","function":{"name":"a"}},
                                     {"type":"function","function":{"name":"b","parameters":{"type":"object",
                                      "properties":{"n":{"type":"integer"}}}}}])");
    tools["tool_choice"] = json::parse(R"({"type":"function","function":{"name":"b"}})");
    auto t = json::parse(post(srv, "/chat/completions", tools).body);
    auto const& call = t.at("choices").at(0).at("message").at("tool_calls").at(0);
    CHECK(call.at("function").at("name") == "b");
    CHECK(call.at("function").at("arguments") == R"({"n":1})");
    CHECK(call.at("id") == "call_emu_3_0");  // the third generation of this server
    CHECK(t.at("choices").at(0).at("finish_reason") == "tool_calls");
    tools["tool_choice"] = "none";
    CHECK(json::parse(post(srv, "/chat/completions", tools).body).at("choices").at(0).at("message").at("content") ==
          "x");
    tools["tool_choice"] = "auto";
    tools["messages"].as_array().push_back(json::parse(R"({"role":"tool","tool_call_id":"c","content":"sunny"})"));
    CHECK(json::parse(post(srv, "/chat/completions", tools).body).at("choices").at(0).at("message").at("content") ==
          "sunny");

    auto reasoning = chat("emulator/reasoning", "hi there");
    auto rz = json::parse(post(srv, "/chat/completions", reasoning).body);
    CHECK(rz.at("choices").at(0).at("message").at("reasoning").is_string());
    CHECK(rz.at("usage").at("completion_tokens_details").at("reasoning_tokens").as_int64() > 0);
    reasoning["reasoning"] = json::object{{"exclude", true}};
    auto hidden = json::parse(post(srv, "/chat/completions", reasoning).body);
    CHECK(hidden.at("choices").at(0).at("message").at("reasoning").is_null());
    CHECK(hidden.at("usage") == rz.at("usage"));

    json::object legacy{{"model", "emulator/echo"}, {"prompt", "say  this"}};
    auto c = json::parse(post(srv, "/completions", legacy).body);
    CHECK(c.at("object") == "text_completion");
    CHECK(c.at("choices").at(0).at("text") == "say  this");
    legacy["stream"] = true;
    std::string text;
    auto events = data_events(post(srv, "/completions", legacy).body);
    for (auto const& e : events)
        if (e != "[DONE]") {
            auto const chunk = json::parse(e);
            for (auto const& ch : chunk.at("choices").as_array())
                text += ch.at("text").as_string();
        }
    CHECK(text == "say  this");
    CHECK(events.back() == "[DONE]");
}

TEST_CASE("models and key and generation and control endpoints", "[emulator]")
{
    emu::server srv;
    srv.start();
    auto models = json::parse(send(srv, make_request(http::verb::get, "/api/v1/models", "")).body);
    auto const& m = models.at("data").at(0).as_object();
    for (auto const* field : {"id", "name", "created", "description", "context_length", "architecture", "pricing",
                              "top_provider", "supported_parameters", "canonical_slug", "links"})
        CHECK(m.contains(field));
    CHECK(models.at("total_count") == 4);

    auto gen = json::parse(post(srv, "/chat/completions", chat("emulator/echo", "a b c")).body);
    std::string const id(gen.at("id").as_string());
    auto g = send(srv, make_request(http::verb::get, "/api/v1/generation?id=" + id, ""));
    CHECK(g.status == 200);
    auto const gv = json::parse(g.body);
    auto const& gd = gv.at("data");
    CHECK(gd.at("id").as_string() == id);
    CHECK(gd.at("tokens_completion") == 3);
    CHECK(gd.at("total_cost") == gen.at("usage").at("cost"));
    CHECK(send(srv, make_request(http::verb::get, "/api/v1/generation?id=gen-emu-999", "")).status == 404);

    auto key = json::parse(send(srv, make_request(http::verb::get, "/api/v1/key", "")).body);
    CHECK(key.at("data").at("usage") == gen.at("usage").at("cost"));
    CHECK(key.at("data").at("is_free_tier") == false);

    auto stats = json::parse(send(srv, make_request(http::verb::get, "/_emulator/stats", "", false)).body);
    CHECK(stats.at("requests") == 5);  // models, chat, two generation look-ups, key
    auto recorded = json::parse(send(srv, make_request(http::verb::get, "/_emulator/requests", "", false)).body);
    CHECK(recorded.as_array().size() == 5);
    CHECK(send(srv, make_request(http::verb::post, "/_emulator/reset", "", false)).status == 200);
    CHECK(srv.requests().empty());
    CHECK(send(srv, make_request(http::verb::get, "/api/v1/nothing", "")).status == 404);
    CHECK(send(srv, make_request(http::verb::get, "/api/v1/chat/completions", "")).status == 405);
}

TEST_CASE("a multi-threaded server serves concurrent clients and stops with streams in flight", "[emulator]")
{
    emu::server_options opts;
    opts.threads = 2;
    emu::server srv(opts);
    srv.start();
    constexpr int clients = 8, per_client = 25;
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c)
        threads.emplace_back([&, c] {
            net::io_context ioc;
            tcp::socket sock(ioc);
            sock.connect({net::ip::make_address("127.0.0.1"), srv.port()});
            beast::flat_buffer buf;
            for (int i = 0; i < per_client; ++i) {
                auto text = "client " + std::to_string(c) + " request " + std::to_string(i);
                auto r = exchange(sock, buf,
                                  make_request(http::verb::post, "/api/v1/chat/completions",
                                               json::serialize(stream_chat("emulator/echo", text))));
                if (r.status == 200 && r.body.find("data: [DONE]") != std::string::npos)
                    ++ok;
            }
        });
    for (auto& t : threads)
        t.join();
    CHECK(ok == clients * per_client);
    CHECK(srv.requests().size() == std::size_t{clients * per_client});
    CHECK(srv.connections_accepted() == std::size_t{clients});

    // stop() with a stalled stream open: the client sees the connection close.
    net::io_context ioc;
    tcp::socket sock(ioc);
    sock.connect({net::ip::make_address("127.0.0.1"), srv.port()});
    http::write(sock, make_request(http::verb::post, "/api/v1/chat/completions",
                                   json::serialize(stream_chat("emulator/echo", "x", {{"stall_ms", 600000}}))));
    beast::flat_buffer buf;
    http::response_parser<http::string_body> parser;
    http::read_header(sock, buf, parser);
    srv.stop();
    CHECK(srv.connections_open() == 0);
    boost::system::error_code ec;
    http::read(sock, buf, parser, ec);
    CHECK(ec);
}

TEST_CASE("with record_requests off requests are counted but not stored", "[emulator]")
{
    emu::server_options opts;
    opts.record_requests = false;
    emu::server srv(opts);
    srv.start();
    CHECK(post(srv, "/chat/completions", chat("emulator/echo", "x")).status == 200);
    CHECK(srv.requests().empty());
    auto stats = json::parse(send(srv, make_request(http::verb::get, "/_emulator/stats", "", false)).body);
    CHECK(stats.at("requests") == 1);
    CHECK(stats.at("generations") == 1);
}

TEST_CASE("oversized input is bounded: grouped deltas and 413 for huge bodies", "[emulator]")
{
    emu::server srv;
    srv.start();
    std::string text;
    for (int i = 0; i < 70000; ++i)
        text += "w ";
    auto r = post(srv, "/chat/completions", stream_chat("emulator/echo", text));
    auto events = data_events(r.body);
    CHECK(events.size() <= 65536 + 3);  // deltas, final chunk, usage chunk, [DONE]
    CHECK(accumulate(r.body).content == text);

    std::string huge(33 * 1024 * 1024, 'x');
    auto big = send(srv, make_request(http::verb::post, "/api/v1/chat/completions", huge));
    CHECK(big.status == 413);
    CHECK(json::parse(big.body).at("error").at("code") == 413);
}
