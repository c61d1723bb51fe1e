// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Conformance of the endpoints the SDK reaches through the generic call (client::async_request)
// until a typed operation covers them: GET /models (with filters), /key, /generation, /keys.

#include "harness.hpp"

#include <openrouter/chat.hpp>

using namespace conformance;
using openrouter::error_code;

namespace {

struct call_result {
    error_code ec;
    openrouter::api_response res;
    openrouter::diagnostics diag;
};

call_result call(const std::shared_ptr<recorder>& rec, openrouter::api_request r)
{
    return run([&]() -> asio::awaitable<call_result> {
        openrouter::client cli(co_await asio::this_coro::executor, options(rec));
        call_result out;
        auto [ec, res] = co_await cli.async_request(r, out.diag, asio::as_tuple(asio::use_awaitable));
        out.ec = ec;
        out.res = std::move(res);
        co_return out;
    }());
}

openrouter::api_request get(std::string path, std::vector<std::pair<std::string, std::string>> query = {})
{
    openrouter::api_request r;
    r.path = std::move(path);
    r.query = std::move(query);
    return r;
}

// A generation made through the proxy; returns its id.
std::string make_generation(const std::shared_ptr<recorder>& rec)
{
    return run([&]() -> asio::awaitable<std::string> {
        openrouter::client cli(co_await asio::this_coro::executor, options(rec));
        openrouter::chat_request r;
        r.model = "emulator/echo";
        r.messages.push_back(openrouter::message::user("count me"));
        auto c = co_await cli.async_chat(r);
        co_return c.id;
    }());
}

}  // namespace

TEST_CASE("conformance: GET /models")
{
    auto rec = std::make_shared<recorder>();
    auto r = call(rec, get("/models"));
    REQUIRE_FALSE(r.ec);
    CHECK(r.res.body.at("data").as_array().size() > 0);
    auto f = call(rec, get("/models", {{"category", "programming"}, {"supported_parameters", "tools"}}));
    REQUIRE_FALSE(f.ec);
    require_conformant(*rec, 2);
}

TEST_CASE("conformance: GET /key")
{
    auto rec = std::make_shared<recorder>();
    make_generation(rec);
    auto r = call(rec, get("/key"));
    REQUIRE_FALSE(r.ec);
    CHECK(r.res.body.at("data").is_object());
    require_conformant(*rec, 2);
}

TEST_CASE("conformance: GET /generation for a known and an unknown id")
{
    auto rec = std::make_shared<recorder>();
    const auto id = make_generation(rec);
    REQUIRE_FALSE(id.empty());
    auto r = call(rec, get("/generation", {{"id", id}}));
    REQUIRE_FALSE(r.ec);
    CHECK(r.res.body.at("data").at("id").as_string() == id);
    auto missing = call(rec, get("/generation", {{"id", "gen-conformance-unknown"}}));
    CHECK(missing.ec);
    CHECK(missing.diag.http_status == 404);
    require_conformant(*rec, 3);
}

TEST_CASE("conformance: GET /keys")
{
    auto rec = std::make_shared<recorder>();
    auto req = get("/keys");
    req.bearer_override = "conformance-provisioning-key";  // run.sh gives the emulator this key
    auto r = call(rec, req);
    REQUIRE_FALSE(r.ec);
    CHECK(r.res.body.at("data").is_array());
    require_conformant(*rec);
}
