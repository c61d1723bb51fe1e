// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Embeddings codecs: request bodies, float and base64 vectors, usage, model pages.

#include <openrouter/embeddings.hpp>

#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

namespace json = boost::json;

TEST_CASE("embeddings: request body for every input shape")
{
    openrouter::embedding_request r;
    r.model = "m";
    r.input = std::string("hello");
    r.dimensions = 4;
    r.encoding_format = "base64";
    r.user = "u";
    r.provider = json::object{{"order", json::array{"a"}}};
    r.extra["input_type"] = "search_query";
    auto o = openrouter::to_json(r).as_object();
    CHECK(o.at("model") == "m");
    CHECK(o.at("input") == "hello");
    CHECK(o.at("dimensions") == 4);
    CHECK(o.at("encoding_format") == "base64");
    CHECK(o.at("user") == "u");
    CHECK(o.at("provider").at("order").at(0) == "a");
    CHECK(o.at("input_type") == "search_query");

    r.input = std::vector<std::string>{"a", "b"};
    CHECK(openrouter::to_json(r).at("input") == json::parse(R"(["a","b"])"));
    r.input = std::vector<std::int64_t>{1, 2, 3};
    CHECK(openrouter::to_json(r).at("input") == json::parse("[1,2,3]"));
    r.input = std::vector<std::vector<std::int64_t>>{{1}, {2, 3}};
    CHECK(openrouter::to_json(r).at("input") == json::parse("[[1],[2,3]]"));
    r.input = json::parse(R"([{"content":[{"type":"text","text":"x"}]}])").as_array();
    CHECK(openrouter::to_json(r).at("input").at(0).at("content").at(0).at("text") == "x");
    openrouter::embedding_request bare;
    bare.model = "m";
    bare.input = std::string("x");
    auto b = openrouter::to_json(bare).as_object();
    CHECK(b.size() == 2);
}

TEST_CASE("embeddings: response with float and base64 vectors")
{
    // [1.0f, -2.5f] as little-endian float32 bytes: 00 00 80 3f 00 00 20 c0
    auto v = json::parse(R"({"id":"e1","object":"list","model":"m","data":[
        {"object":"embedding","index":0,"embedding":[0.5,-1,2]},
        {"object":"embedding","index":1,"embedding":"AACAPwAAIMA="}],
        "usage":{"prompt_tokens":3,"total_tokens":3,"cost":0.001,"is_byok":false,"cost_details":{}},"provider":"P"})");
    openrouter::embedding_response r;
    std::string why;
    REQUIRE(openrouter::from_json(v, r, why));
    CHECK(r.id == "e1");
    CHECK(r.object == "list");
    CHECK(r.model == "m");
    REQUIRE(r.data.size() == 2);
    CHECK(r.data[0].values == std::vector<float>{0.5f, -1.0f, 2.0f});
    CHECK(r.data[0].base64.empty());
    CHECK(r.data[0].extra.at("object") == "embedding");
    CHECK(r.data[1].index == 1);
    CHECK(r.data[1].values == std::vector<float>{1.0f, -2.5f});
    CHECK(r.data[1].base64 == "AACAPwAAIMA=");
    REQUIRE(r.usage);
    CHECK(r.usage->prompt_tokens == 3);
    CHECK(r.usage->total_tokens == 3);
    CHECK(r.usage->cost.value() == 0.001);
    CHECK(r.usage->is_byok.value() == false);
    CHECK(r.usage->extra.contains("cost_details"));
    CHECK(r.extra.at("provider") == "P");
}

TEST_CASE("embeddings: wrong shapes give a reason with the path")
{
    openrouter::embedding_response r;
    std::string why;
    CHECK_FALSE(openrouter::from_json(json::parse(R"({"data":[{"embedding":[1,"x"]}]})"), r, why));
    CHECK(why == "data[0].embedding[1]: expected number");
    CHECK_FALSE(openrouter::from_json(json::parse(R"({"data":[{"embedding":{}}]})"), r, why));
    CHECK(why == "data[0].embedding: expected array of numbers or base64 string");
    CHECK_FALSE(openrouter::from_json(json::parse(R"({"data":[{"embedding":"AAA"}]})"), r, why));
    CHECK(why.find("data[0].embedding: expected base64") == 0);
    CHECK_FALSE(openrouter::from_json(json::parse(R"({"data":[{"embedding":"AACA"}]})"), r, why));  // 3 bytes
    CHECK(why.find("float32") != std::string::npos);
    CHECK_FALSE(openrouter::from_json(json::parse(R"({"data":[{"embedding":"!!!!"}]})"), r, why));
    CHECK_FALSE(openrouter::from_json(json::parse(R"({"data":{}})"), r, why));
    CHECK(why == "data: expected array");
    CHECK_FALSE(openrouter::from_json(json::parse(R"({"data":null})"), r, why));
    CHECK(why == "data: expected array");
    CHECK_FALSE(openrouter::from_json(json::parse(R"({"data":[],"usage":{"prompt_tokens":"x"}})"), r, why));
    CHECK(why == "usage.prompt_tokens: expected integer");
    CHECK_FALSE(openrouter::from_json(json::parse(R"({"model":"m"})"), r, why));
    CHECK(why == "expected member 'data'");
    REQUIRE(openrouter::from_json(json::parse(R"({"data":[],"usage":null})"), r, why));
    CHECK_FALSE(r.usage);
}

TEST_CASE("embeddings: model pages")
{
    auto v = json::parse(R"({"data":[{"id":"a/b","canonical_slug":"a/b","name":"B","description":"d","created":5,
        "context_length":8192,"pricing":{"prompt":"0"}}],"total_count":3,"links":{"next":"/api/v1/embeddings/models?offset=1&limit=1"}})");
    openrouter::embedding_models_page p;
    std::string why;
    REQUIRE(openrouter::from_json(v, p, why));
    REQUIRE(p.data.size() == 1);
    CHECK(p.data[0].id == "a/b");
    CHECK(p.data[0].name == "B");
    CHECK(p.data[0].context_length == 8192);
    CHECK(p.data[0].created == 5);
    CHECK(p.data[0].extra.contains("pricing"));
    CHECK(p.total_count == 3);
    CHECK(p.next.value() == "/api/v1/embeddings/models?offset=1&limit=1");
    REQUIRE(openrouter::from_json(json::parse(R"({"data":[],"total_count":0,"links":{"next":null}})"), p, why));
    CHECK(p.next.is_null());
    CHECK_FALSE(openrouter::from_json(json::parse(R"({"data":[{"id":3}]})"), p, why));
    CHECK(why == "data[0].id: expected string");
    CHECK_FALSE(openrouter::from_json(json::parse(R"({"data":null})"), p, why));
    CHECK(why == "data: expected array");
    CHECK_FALSE(openrouter::from_json(json::parse(R"({"data":[],"links":{"next":1}})"), p, why));
    CHECK(why == "links.next: expected string or null");
}
