// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Embeddings against the emulator: vectors, base64, dimensions, paging, errors and limits.

#include "loopback/run_op.hpp"

#include <openrouter/embeddings.hpp>

#include <cmath>

using namespace test;
using openrouter::errc;

namespace {

auto embed(openrouter::embedding_request r)
{
    return [r](openrouter::client& c, openrouter::diagnostics& d) {
        return openrouter::async_embeddings(c, r, d, asio::as_tuple(asio::use_awaitable));
    };
}

auto models(openrouter::embedding_models_query q)
{
    return [q](openrouter::client& c, openrouter::diagnostics& d) {
        return openrouter::async_embedding_models(c, q, d, asio::as_tuple(asio::use_awaitable));
    };
}

openrouter::embedding_request request(openrouter::embedding_input in)
{
    openrouter::embedding_request r;
    r.model = "emulator/embed-small";
    r.input = std::move(in);
    return r;
}

double norm(const std::vector<float>& v)
{
    double n = 0;
    for (float f : v)
        n += static_cast<double>(f) * f;
    return std::sqrt(n);
}

}  // namespace

TEST_CASE("embeddings: deterministic unit vectors per input and the request sent")
{
    emu_fixture f;
    auto r = run_op<openrouter::embedding_response>(
        f, f.options(), embed(request(std::vector<std::string>{"the quick fox", "a dog", "the quick fox"})));
    REQUIRE_FALSE(r.ec);
    CHECK(r.value.object == "list");
    CHECK(r.value.model == "emulator/embed-small");
    REQUIRE(r.value.data.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(r.value.data[i].index == static_cast<std::int64_t>(i));
        CHECK(r.value.data[i].values.size() == 8);
        CHECK(norm(r.value.data[i].values) == Approx(1.0).epsilon(1e-5));
    }
    CHECK(r.value.data[0].values == r.value.data[2].values);
    CHECK(r.value.data[0].values != r.value.data[1].values);
    REQUIRE(r.value.usage);
    CHECK(r.value.usage->prompt_tokens == 8);
    CHECK(r.value.usage->total_tokens == 8);
    CHECK(r.value.usage->cost.value() > 0);

    auto rec = f.emu.requests();
    REQUIRE(rec.size() == 1);
    CHECK(rec[0].method == "POST");
    CHECK(rec[0].target == "/api/v1/embeddings");
    auto body = boost::json::parse(rec[0].body).as_object();
    CHECK(body.at("model") == "emulator/embed-small");
    CHECK(body.at("input").as_array().size() == 3);

    // Same input again: same vector (also as a single string).
    auto again = run_op<openrouter::embedding_response>(f, f.options(), embed(request(std::string("a dog"))));
    REQUIRE_FALSE(again.ec);
    REQUIRE(again.value.data.size() == 1);
    CHECK(again.value.data[0].values == r.value.data[1].values);
}

TEST_CASE("embeddings: base64 encoding decodes to the float vector and dimensions shorten it")
{
    emu_fixture f;
    auto plain = run_op<openrouter::embedding_response>(f, f.options(), embed(request(std::string("hello world"))));
    auto req = request(std::string("hello world"));
    req.encoding_format = "base64";
    auto b64 = run_op<openrouter::embedding_response>(f, f.options(), embed(req));
    REQUIRE_FALSE(plain.ec);
    REQUIRE_FALSE(b64.ec);
    REQUIRE(b64.value.data.size() == 1);
    CHECK_FALSE(b64.value.data[0].base64.empty());
    REQUIRE(b64.value.data[0].values.size() == plain.value.data[0].values.size());
    for (std::size_t i = 0; i < plain.value.data[0].values.size(); ++i)
        CHECK(b64.value.data[0].values[i] == Approx(plain.value.data[0].values[i]).epsilon(1e-6));

    req.encoding_format.reset();
    req.dimensions = 3;
    auto shorter = run_op<openrouter::embedding_response>(f, f.options(), embed(req));
    REQUIRE_FALSE(shorter.ec);
    CHECK(shorter.value.data[0].values.size() == 3);

    auto tokens = run_op<openrouter::embedding_response>(
        f, f.options(), embed(request(std::vector<std::vector<std::int64_t>>{{1, 2, 3}, {4}})));
    REQUIRE_FALSE(tokens.ec);
    CHECK(tokens.value.data.size() == 2);
    CHECK(tokens.value.usage->prompt_tokens == 4);
}

TEST_CASE("embeddings: invalid requests fail before or at the server")
{
    emu_fixture f;
    auto empty = run_op<openrouter::embedding_response>(f, f.options(), embed(request(std::string())));
    CHECK(empty.ec == errc::invalid_request);
    CHECK(empty.diag.detail.find("empty") != std::string::npos);
    auto no_model = request(std::string("x"));
    no_model.model.clear();
    CHECK(run_op<openrouter::embedding_response>(f, f.options(), embed(no_model)).ec == errc::invalid_request);
    CHECK(f.emu.requests().empty());

    auto unknown = request(std::string("x"));
    unknown.model = "nope/none";
    auto u = run_op<openrouter::embedding_response>(f, f.options(), embed(unknown));
    CHECK(u.ec == errc::bad_request);
    CHECK(u.diag.message.find("not a valid model") != std::string::npos);
    auto dims = request(std::string("x"));
    dims.dimensions = 9;
    CHECK(run_op<openrouter::embedding_response>(f, f.options(), embed(dims)).ec == errc::bad_request);
}

TEST_CASE("embeddings: documented error statuses bad bodies and limits")
{
    emu_fixture f;
    for (int status : {400, 401, 402, 404, 408, 413, 429, 500, 502, 503, 524, 529}) {
        auto r = run_op<openrouter::embedding_response>(
            f, with_script(f.options(), R"({"status":)" + std::to_string(status) + "}"),
            embed(request(std::string("x"))));
        CHECK(r.ec);
        CHECK(r.diag.http_status == status);
        check_no_key(r.diag);
    }
    auto broken = run_op<openrouter::embedding_response>(f, with_script(f.options(), R"({"malformed":"not_json"})"),
                                                         embed(request(std::string("x"))));
    CHECK(broken.ec == errc::invalid_response);
    auto shape = run_op<openrouter::embedding_response>(
        f, with_script(f.options(), R"({"body":"{\"data\":[{\"embedding\":true}]}"})"),
        embed(request(std::string("x"))));
    CHECK(shape.ec == errc::invalid_response);
    CHECK(shape.diag.detail.find("data[0].embedding") != std::string::npos);
    auto o = with_script(f.options(), R"({"body_bytes":50000})");
    o.limits.max_body_bytes = 2000;
    CHECK(run_op<openrouter::embedding_response>(f, o, embed(request(std::string("x")))).ec == errc::body_too_large);
}

TEST_CASE("embeddings: models list pages with offset and limit")
{
    emu_fixture f;
    auto all = run_op<openrouter::embedding_models_page>(f, f.options(), models({}));
    REQUIRE_FALSE(all.ec);
    CHECK(all.value.total_count == 3);
    REQUIRE(all.value.data.size() == 3);
    CHECK(all.value.data[0].id == "emulator/embed-small");
    CHECK(all.value.next.is_null());

    std::vector<std::string> ids;
    openrouter::embedding_models_query q{0, 2};
    for (int page = 0; page < 5; ++page) {
        auto p = run_op<openrouter::embedding_models_page>(f, f.options(), models(q));
        REQUIRE_FALSE(p.ec);
        for (auto& m : p.value.data)
            ids.push_back(m.id);
        if (p.value.next.is_null())
            break;
        CHECK(p.value.next.value() == "/api/v1/embeddings/models?offset=2&limit=2");
        q.offset = *q.offset + static_cast<std::int64_t>(p.value.data.size());
    }
    CHECK(ids == std::vector<std::string>{"emulator/embed-small", "emulator/embed-medium", "emulator/embed-large"});
    auto rec = f.emu.requests();
    CHECK(rec.back().method == "GET");
    CHECK(rec.back().target == "/api/v1/embeddings/models?offset=2&limit=2");

    CHECK(run_op<openrouter::embedding_models_page>(f, f.options(), models({-1, {}})).ec == errc::invalid_request);
    CHECK(run_op<openrouter::embedding_models_page>(f, f.options(), models({{}, 1001})).ec == errc::invalid_request);
    auto err = run_op<openrouter::embedding_models_page>(f, with_script(f.options(), R"({"status":500})"), models({}));
    CHECK(err.ec == errc::server_error);
}
