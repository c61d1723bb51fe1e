// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Self-test of the emulator with raw Beast clients (independent of the openrouter library).
#include "selftest_client.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

extern char** environ;

using namespace openrouter::emulator::selftest;

TEST_CASE("non-streaming echo reply has OpenRouter's chat.completion shape", "[emulator]")
{
    emu::server srv;
    srv.start();
    auto r =
        post(srv, "/chat/completions", {{"model", "emulator/echo"}, {"messages", user_message("Hello big  world")}});
    REQUIRE(r.status == 200);
    CHECK(r.headers[http::field::content_type] == "application/json");
    auto v = json::parse(r.body).as_object();
    CHECK(v.at("id") == "gen-emu-1");
    CHECK(r.headers["X-Generation-Id"] == "gen-emu-1");
    CHECK(v.at("object") == "chat.completion");
    CHECK(v.at("provider") == "FakeProvider");
    CHECK(v.at("model") == "emulator/echo");
    CHECK(v.at("created").is_int64());
    CHECK(v.at("system_fingerprint").is_string());
    auto const& choice = v.at("choices").as_array().at(0).as_object();
    CHECK(choice.at("index") == 0);
    CHECK(choice.at("finish_reason") == "stop");
    CHECK(choice.at("native_finish_reason") == "stop");
    CHECK(choice.at("logprobs").is_null());
    auto const& msg = choice.at("message").as_object();
    CHECK(msg.at("role") == "assistant");
    CHECK(msg.at("content") == "Hello big  world");
    CHECK(msg.at("refusal").is_null());
    CHECK(msg.at("reasoning").is_null());
    auto const& usage = v.at("usage").as_object();
    CHECK(usage.at("prompt_tokens") == 3);
    CHECK(usage.at("completion_tokens") == 3);
    CHECK(usage.at("total_tokens") == 6);
    CHECK(usage.at("cost").to_number<double>() == Approx(9e-6));
    CHECK(usage.at("is_byok") == false);
    CHECK(usage.at("completion_tokens_details").at("reasoning_tokens") == 0);

    auto reqs = srv.requests();
    REQUIRE(reqs.size() == 1);
    CHECK(reqs[0].method == "POST");
    CHECK(reqs[0].target == "/api/v1/chat/completions");
    CHECK(json::parse(reqs[0].body).at("model") == "emulator/echo");
}

TEST_CASE("stream framing (comment then chunks then usage chunk then DONE) accumulates to the JSON reply", "[emulator]")
{
    emu::server srv;
    srv.start();
    for (std::string model : {"emulator/echo", "emulator/reasoning", "emulator/tools", "emulator/lorem"}) {
        DYNAMIC_SECTION(model)
        {
            json::object body{{"model", model},
                              {"messages", user_message("What is the weather in  Paris?")},
                              {"tools", json::parse(R"([{"type":"function","function":{"name":"get_weather",
                                  "parameters":{"type":"object","properties":{"location":{"type":"string"},
                                  "unit":{"enum":["celsius","fahrenheit"]}}}}}])")}};
            auto plain = post(srv, "/chat/completions", body);
            REQUIRE(plain.status == 200);
            body["stream"] = true;
            auto streamed = post(srv, "/chat/completions", body);
            REQUIRE(streamed.status == 200);
            CHECK(streamed.headers[http::field::content_type] == "text/event-stream");
            CHECK(streamed.headers[http::field::transfer_encoding] == "chunked");
            auto events = sse_events(streamed.body);
            REQUIRE(events.size() >= 4);
            CHECK(events.front() == ": OPENROUTER PROCESSING");
            CHECK(events.back() == "data: [DONE]");
            auto usage_chunk = json::parse(events[events.size() - 2].substr(6)).as_object();
            CHECK(usage_chunk.at("choices").as_array().empty());

            auto a = accumulate(streamed.body);
            CHECK(a.done);
            auto result = json::parse(plain.body).as_object();
            auto const& choice = result.at("choices").at(0).as_object();
            auto const& msg = choice.at("message").as_object();
            CHECK(a.content == msg.at("content").as_string());
            CHECK(a.finish_reason == choice.at("finish_reason").as_string());
            if (msg.at("reasoning").is_string())
                CHECK(a.reasoning == msg.at("reasoning").as_string());
            else
                CHECK(a.reasoning.empty());
            if (auto const* tcs = msg.if_contains("tool_calls")) {
                // ids embed the generation number, which differs between the two requests
                REQUIRE(a.tool_calls.size() == tcs->as_array().size());
                CHECK(a.tool_calls[0].at("function") == tcs->at(0).at("function"));
                CHECK(json::parse(tcs->at(0).at("function").at("arguments").as_string()) ==
                      json::parse(R"({"location":"emu","unit":"celsius"})"));
            } else
                CHECK(a.tool_calls.empty());
            auto u1 = result.at("usage").as_object();
            auto u2 = a.usage.as_object();
            CHECK(u1 == u2);
        }
    }
}

TEST_CASE("status sequences follow their key and the last status repeats", "[emulator]")
{
    emu::server srv;
    srv.start();
    auto request = [&](std::string const& key) {
        auto req = make_request(http::verb::get, "/api/v1/models", "");
        req.set("X-Emulator", R"({"key":")" + key + R"(","statuses":[429,429,200],"retry_after":"2"})");
        return send(srv, req);
    };
    auto r1 = request("a");
    CHECK(r1.status == 429);
    CHECK(r1.headers[http::field::retry_after] == "2");
    auto err = json::parse(r1.body).as_object();
    CHECK(err.at("error").at("code") == 429);
    CHECK(err.at("error").at("message").is_string());
    CHECK(request("b").status == 429);  // another key has its own sequence
    CHECK(request("a").status == 429);
    auto ok = request("a");
    CHECK(ok.status == 200);
    CHECK(ok.headers.count(http::field::retry_after) == 0);
    CHECK(json::parse(ok.body).at("data").as_array().size() == 4);
    CHECK(request("a").status == 200);
    srv.reset();
    CHECK(request("a").status == 429);
}

TEST_CASE("status-only scripts produce the documented error bodies", "[emulator]")
{
    emu::server srv;
    srv.start();
    for (int status : {400, 402, 403, 404, 408, 413, 422, 429, 500, 502, 503, 504, 524, 529}) {
        auto r = post(
            srv, "/chat/completions",
            {{"model", "emulator/echo"}, {"messages", user_message("flag me")}, {"emulator", {{"status", status}}}});
        CAPTURE(status, r.body);
        CHECK(r.status == status);
        CHECK(r.headers[http::field::content_type] == "application/json");
        auto e = json::parse(r.body).at("error").as_object();
        CHECK(e.at("code") == status);
        CHECK(!e.at("message").as_string().empty());
        if (status == 403) {
            CHECK(e.at("metadata").at("flagged_input") == "flag me");
            CHECK(e.at("metadata").at("model_slug") == "emulator/echo");
            CHECK(e.at("metadata").at("reasons").as_array().size() == 1);
        }
        if (status == 502)
            CHECK(e.at("metadata").at("provider_name") == "FakeProvider");
    }
    auto bad = post(srv, "/chat/completions", {{"model", "nobody/nothing"}, {"messages", user_message("x")}});
    CHECK(bad.status == 400);
    CHECK(json::parse(bad.body).at("error").at("message") == "nobody/nothing is not a valid model ID");
    auto bad_script =
        post(srv, "/chat/completions",
             {{"model", "emulator/echo"}, {"messages", user_message("x")}, {"emulator", {{"stauts", 1}}}});
    CHECK(bad_script.status == 400);
}

TEST_CASE("401 on a missing or rejected key", "[emulator]")
{
    emu::server_options opts;
    opts.api_keys = {test_key};
    emu::server srv(opts);
    srv.start();
    auto missing = send(srv, make_request(http::verb::get, "/api/v1/models", "", false));
    CHECK(missing.status == 401);
    CHECK(json::parse(missing.body).at("error").at("code") == 401);
    auto req = make_request(http::verb::get, "/api/v1/models", "");
    req.set(http::field::authorization, "Bearer some-other-key");
    CHECK(send(srv, req).status == 401);
    CHECK(send(srv, make_request(http::verb::get, "/api/v1/models", "")).status == 200);
}

TEST_CASE("close_after_bytes cuts the response and closes the connection", "[emulator]")
{
    emu::server srv;
    srv.start();
    auto req = make_request(http::verb::post, "/api/v1/chat/completions",
                            json::serialize(json::object{{"model", "emulator/echo"},
                                                         {"messages", user_message("x")},
                                                         {"emulator", {{"close_after_bytes", 37}}}}));
    net::io_context ioc;
    tcp::socket sock(ioc);
    sock.connect({net::ip::make_address("127.0.0.1"), srv.port()});
    http::write(sock, req);
    std::string got;
    boost::system::error_code ec;
    net::read(sock, net::dynamic_buffer(got), ec);
    CHECK(ec == net::error::eof);
    CHECK(got.size() == 37);
    CHECK(got.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
    CHECK(srv.wait_for_connections_open(0, std::chrono::seconds(5)));
    CHECK(srv.connections_closed_by_client() == 0);
}

TEST_CASE("keep-alive connections are reused and client closes are counted even mid-stall", "[emulator]")
{
    emu::server srv;
    srv.start();
    net::io_context ioc;
    {
        tcp::socket sock(ioc);
        sock.connect({net::ip::make_address("127.0.0.1"), srv.port()});
        beast::flat_buffer buf;
        for (int i = 0; i < 3; ++i)
            CHECK(exchange(sock, buf, make_request(http::verb::get, "/api/v1/models", "")).status == 200);
        CHECK(srv.connections_accepted() == 1);
        CHECK(srv.connections_open() == 1);
    }
    CHECK(srv.wait_for_connections_open(0, std::chrono::seconds(5)));
    CHECK(srv.connections_closed_by_client() == 1);
    auto reqs = srv.requests();
    REQUIRE(reqs.size() == 3);
    CHECK(reqs[0].connection_id == reqs[2].connection_id);

    // A stream stalled for a minute: the client leaves after the head, the server notices at once.
    tcp::socket sock(ioc);
    sock.connect({net::ip::make_address("127.0.0.1"), srv.port()});
    http::write(sock, make_request(http::verb::post, "/api/v1/chat/completions",
                                   json::serialize(json::object{{"model", "emulator/echo"},
                                                                {"stream", true},
                                                                {"messages", user_message("a b c")},
                                                                {"emulator", {{"stall_ms", 60000}}}})));
    beast::flat_buffer buf;
    http::response_parser<http::string_body> parser;
    http::read_header(sock, buf, parser);
    CHECK(parser.get().result_int() == 200);
    sock.close();
    CHECK(srv.wait_for_connections_open(0, std::chrono::seconds(5)));
    CHECK(srv.connections_closed_by_client() == 2);
}

TEST_CASE("TLS with the test certificates", "[emulator]")
{
    auto certs = env_certs();
    if (certs.empty())
        FAIL("OPENROUTER_TEST_CERTS is not set (run through ctest, which makes the tls_certs fixture)");
    emu::server_options opts;
    opts.tls_cert_file = certs + "/server.pem";
    opts.tls_key_file = certs + "/server.key";
    emu::server srv(opts);
    srv.start();
    CHECK(srv.base_url() == "https://localhost:" + std::to_string(srv.port()) + "/api/v1");

    net::io_context ioc;
    ssl::context ctx(ssl::context::tls_client);
    ctx.load_verify_file(certs + "/ca.pem");
    ctx.set_verify_mode(ssl::verify_peer);
    ssl::stream<tcp::socket> stream(ioc, ctx);
    stream.set_verify_callback(ssl::host_name_verification("localhost"));
    char sni[] = "localhost";  // SSL_set_tlsext_host_name is a macro with an old-style cast
    REQUIRE(SSL_ctrl(stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, sni) == 1);
    stream.next_layer().connect({net::ip::make_address("127.0.0.1"), srv.port()});
    stream.handshake(ssl::stream_base::client);
    beast::flat_buffer buf;
    auto r = exchange(stream, buf,
                      make_request(http::verb::post, "/api/v1/chat/completions",
                                   json::serialize(json::object{{"model", "emulator/echo"},
                                                                {"messages", user_message("over TLS")}})));
    CHECK(r.status == 200);
    CHECK(json::parse(r.body).at("choices").at(0).at("message").at("content") == "over TLS");

    // A plain-text client gets no HTTP answer from the TLS-only server.
    tcp::socket plain(ioc);
    plain.connect({net::ip::make_address("127.0.0.1"), srv.port()});
    http::write(plain, make_request(http::verb::get, "/api/v1/models", ""));
    std::string got;
    boost::system::error_code ec;
    net::read(plain, net::dynamic_buffer(got), ec);
    CHECK(got.find("HTTP/1.1 200") == std::string::npos);
}

TEST_CASE("the CLI documents itself with --help and rejects unknown options", "[emulator]")
{
    std::string exe = OPENROUTER_EMULATOR_EXE;
    CHECK(std::system((exe + " --help > /dev/null").c_str()) == 0);
    int rc = std::system((exe + " --no-such-option 2> /dev/null").c_str());
    CHECK(WIFEXITED(rc));
    CHECK(WEXITSTATUS(rc) == 2);
}

TEST_CASE("the CLI serves until SIGTERM and reports its port", "[emulator]")
{
    std::string const dir = std::filesystem::temp_directory_path() / ("emu-cli-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::string const port_file = dir + "/port", out_file = dir + "/out";
    std::string exe = OPENROUTER_EMULATOR_EXE;
    std::vector<std::string> args = {exe, "--port-file", port_file, "--api-key", test_key, "--max-seconds", "60"};
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = 0;
    REQUIRE(posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&actions);

    std::string port;
    for (int i = 0; i < 500 && port.empty(); ++i)  // the port file appears once the server listens
    {
        std::ifstream f(port_file);
        std::getline(f, port);
        if (port.empty())
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    bool served = false;
    if (!port.empty()) {
        net::io_context ioc;
        tcp::socket sock(ioc);
        sock.connect({net::ip::make_address("127.0.0.1"), static_cast<std::uint16_t>(std::stoi(port))});
        beast::flat_buffer buf;
        auto r = exchange(sock, buf, make_request(http::verb::get, "/api/v1/models", ""));
        served = r.status == 200;
    }
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(served);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    std::ifstream out(out_file);
    std::string line;
    std::getline(out, line);
    CHECK(line == "listening on http://127.0.0.1:" + port + "/api/v1");
    std::filesystem::remove_all(dir);
}
