// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// boxed<T>: an optional on the heap with std::optional's semantics.

#include <openrouter/boxed.hpp>
#include <openrouter/chat_delta.hpp>

#include <catch2/catch.hpp>

#include <optional>
#include <string>

using openrouter::boxed;

TEST_CASE("boxed: empty by default and from nullopt")
{
    boxed<std::string> a;
    CHECK_FALSE(a.has_value());
    CHECK_FALSE(static_cast<bool>(a));
    CHECK(a == std::nullopt);
    boxed<std::string> b = std::nullopt;
    CHECK(a == b);
    CHECK_THROWS_AS(a.value(), std::bad_optional_access);
    CHECK(a.to_optional() == std::nullopt);
}

TEST_CASE("boxed: holds a value and compares by value")
{
    boxed<std::string> a = std::string("hello");
    REQUIRE(a);
    CHECK(*a == "hello");
    CHECK(a->size() == 5);
    CHECK(a.value() == "hello");
    boxed<std::string> b = std::string("hello");
    CHECK(a == b);  // different boxes, equal values
    b = std::string("world");
    CHECK_FALSE(a == b);
    CHECK_FALSE(a == boxed<std::string>());
    CHECK(a == std::optional<std::string>("hello"));
    CHECK_FALSE(a == std::optional<std::string>());
    CHECK(boxed<std::string>() == std::optional<std::string>());
}

TEST_CASE("boxed: copies are deep and moves leave the source empty")
{
    boxed<std::string> a = std::string("x");
    boxed<std::string> c = a;
    *c += "y";
    CHECK(*a == "x");
    CHECK(*c == "xy");
    c = a;
    CHECK(*c == "x");
    const auto& same = c;
    c = same;  // self-assignment keeps the value
    CHECK(*c == "x");
    boxed<std::string> m = std::move(a);
    CHECK(*m == "x");
    CHECK_FALSE(a.has_value());  // NOLINT(bugprone-use-after-move): documented state
    m = std::nullopt;
    CHECK_FALSE(m);
}

TEST_CASE("boxed: emplace replaces or creates and reset empties")
{
    boxed<std::string> a;
    a.emplace(3, 'z');
    CHECK(*a == "zzz");
    a.emplace("q");
    CHECK(*a == "q");
    a.reset();
    CHECK_FALSE(a);
    boxed<std::string> from_opt = std::optional<std::string>("o");
    CHECK(*from_opt == "o");
    boxed<std::string> from_empty_opt = std::optional<std::string>();
    CHECK_FALSE(from_empty_opt);
}

TEST_CASE("boxed: chat_delta usage keeps optional-like use and the delta stays small")
{
    openrouter::chat_delta d;
    CHECK_FALSE(d.usage);
    d.usage.emplace().total_tokens = 7;
    REQUIRE(d.usage);
    CHECK(d.usage->total_tokens == 7);
    openrouter::chat_delta e = d;
    CHECK(e == d);
    e.usage->total_tokens = 8;
    CHECK_FALSE(e == d);
    // The boxes are what keeps a delta small: an empty box is one pointer.
    CHECK(sizeof(boxed<openrouter::usage>) == sizeof(void*));
    CHECK(sizeof(openrouter::chat_delta) < 600);
}
