// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The walker's hooks and nested members on bad input: each wrong shape gives the member path.

#include <openrouter/embeddings.hpp>

#include "json/chat_codec.hpp"

#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

namespace json = boost::json;
using namespace openrouter;

TEST_CASE("walker: a hooked member's wrong shape names its wire key")
{
    message m;
    std::string why;
    CHECK_FALSE(detail::read_val(json::parse(R"({"role":"assistant","images":[{"image_url":3}]})"), m, why));
    CHECK(why == "images[0].image_url: expected object");
    CHECK_FALSE(detail::read_val(json::parse(R"({"images":[{"image_url":{"url":7}}]})"), m, why));
    CHECK(why == "images[0].image_url.url: expected string");
    CHECK_FALSE(detail::read_val(json::parse(R"({"tool_calls":[{"function":{"arguments":5}}]})"), m, why));
    CHECK(why == "tool_calls[0].function.arguments: expected string");
    REQUIRE(detail::read_val(json::parse(R"({"tool_calls":[{"function":{"arguments":{"a":1}}}]})"), m, why));
    CHECK(m.tool_calls.at(0).function.arguments == R"({"a":1})");
    CHECK(m.tool_calls.at(0).type.empty());  // init(): absent on the wire, absent here
}

TEST_CASE("walker: the routing metadata's endpoints object on bad input")
{
    chat_completion c;
    std::string why;
    CHECK_FALSE(
        detail::read_chat_completion(json::parse(R"({"choices":[],"openrouter_metadata":{"endpoints":"x"}})"), c, why));
    CHECK(why == "openrouter_metadata.endpoints: expected object");
    CHECK_FALSE(detail::read_chat_completion(
        json::parse(R"({"choices":[],"openrouter_metadata":{"endpoints":{"total":"x"}}})"), c, why));
    CHECK(why == "openrouter_metadata.endpoints.total: expected integer");
}

TEST_CASE("walker: a nested member (links.next) on bad input")
{
    embedding_models_page p;
    std::string why;
    CHECK_FALSE(from_json(json::parse(R"({"data":[],"links":1})"), p, why));
    CHECK(why == "links: expected object");
    REQUIRE(from_json(json::parse(R"({"data":[],"links":null})"), p, why));
    CHECK_FALSE(p.next.is_present());
}
