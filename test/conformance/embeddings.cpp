// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Conformance of the embeddings (embeddings.hpp) through their typed calls: POST /embeddings
// (createEmbeddings) with every input shape and both encodings, GET /embeddings/models
// (listEmbeddingsModels) whole and paged, and the error statuses the document lists for each.

#include "harness.hpp"

#include <openrouter/embeddings.hpp>

using namespace conformance;
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

openrouter::embedding_request request(openrouter::embedding_input in, std::string model = "emulator/embed-small")
{
    openrouter::embedding_request r;
    r.model = std::move(model);
    r.input = std::move(in);
    return r;
}

}  // namespace

TEST_CASE("conformance: embeddings of every input shape as floats and as base64")
{
    std::vector<std::pair<const char*, openrouter::embedding_request>> requests;
    requests.emplace_back("one string", request(std::string("the quick brown fox")));
    requests.emplace_back("strings", request(std::vector<std::string>{"a dog", "a cat"}, "emulator/embed-medium"));
    requests.emplace_back("tokens", request(std::vector<std::int64_t>{1, 2, 3}, "emulator/embed-large"));
    requests.emplace_back("token lists", request(std::vector<std::vector<std::int64_t>>{{1, 2}, {3}}));
    {
        auto r = request(std::string("shorter"));
        r.dimensions = 4;
        r.input_type = "search_query";
        r.user = "conformance-user";
        r.provider = boost::json::parse(R"({"allow_fallbacks":true})").as_object();
        requests.emplace_back("dimensions input_type user provider", r);
    }
    for (const auto& [what, req] : requests) {
        for (const char* encoding : {"float", "base64"}) {
            INFO(what << " as " << encoding);
            auto rec = std::make_shared<recorder>();
            auto r = req;
            r.encoding_format = encoding;
            auto e = drive<openrouter::embedding_response>(options(rec), embed(r));
            REQUIRE_FALSE(e.ec);
            REQUIRE_FALSE(e.value.data.empty());
            CHECK_FALSE(e.value.data[0].values.empty());
            if (std::string_view(encoding) == "base64")
                CHECK_FALSE(e.value.data[0].base64.empty());
            require_conformant(*rec);
        }
    }
}

TEST_CASE("conformance: embeddings of an unknown model is answered 400 in the documented shape")
{
    auto rec = std::make_shared<recorder>();
    auto e = drive<openrouter::embedding_response>(options(rec), embed(request(std::string("x"), "emulator/nope")));
    CHECK(e.ec);
    CHECK(e.diag.http_status == 400);
    require_conformant(*rec);
}

TEST_CASE("conformance: embedding models whole and paged")
{
    auto rec = std::make_shared<recorder>();
    auto all = drive<openrouter::embedding_models_page>(options(rec), models({}));
    REQUIRE_FALSE(all.ec);
    REQUIRE_FALSE(all.value.data.empty());
    std::size_t seen = 0;
    openrouter::embedding_models_query q;
    q.offset = 0;
    q.limit = 2;
    for (int page = 0; page < 10; ++page) {
        auto p = drive<openrouter::embedding_models_page>(options(rec), models(q));
        REQUIRE_FALSE(p.ec);
        seen += p.value.data.size();
        if (p.value.next.is_null())
            break;
        *q.offset += 2;
    }
    CHECK(seen == all.value.data.size());
    require_conformant(*rec, 3);
}

TEST_CASE("conformance: embeddings error statuses documented by the spec")
{
    SECTION("createEmbeddings")
    {
        require_error_statuses<openrouter::embedding_response>(
            {400, 401, 402, 404, 408, 413, 429, 500, 502, 503, 524, 529}, embed(request(std::string("hi"))));
    }
    SECTION("listEmbeddingsModels")
    {
        require_error_statuses<openrouter::embedding_models_page>({400, 500}, models({}));
    }
}
