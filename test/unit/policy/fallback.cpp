// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Fallback: chain application, server-side fields, every row of the default rule, rule tables.
#include <openrouter/fallback.hpp>

#include <boost/asio/error.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

using namespace openrouter;
namespace retry = openrouter::retry;

namespace {

retry::attempt_outcome failure(errc e, int status = 0, std::string_view error_type = {})
{
    retry::attempt_outcome o;
    o.error = make_error_code(e);
    o.http_status = status;
    o.error_type = error_type;
    return o;
}

chat_request hello()
{
    chat_request r;
    r.messages.push_back(message::user("hello"));
    r.model = "caller/model";
    r.max_tokens = 100;
    r.temperature = 0.5;
    return r;
}

}  // namespace

TEST_CASE("fallback: default rule moves on for rate limits 5xx moderation and context length")
{
    using fallback::action;
    CHECK(fallback::default_rule(failure(errc::rate_limited, 429)) == action::next_model);
    CHECK(fallback::default_rule(failure(errc::server_error, 500)) == action::next_model);
    CHECK(fallback::default_rule(failure(errc::provider_error, 502)) == action::next_model);
    CHECK(fallback::default_rule(failure(errc::no_provider_available, 503)) == action::next_model);
    CHECK(fallback::default_rule(failure(errc::gateway_timeout, 504)) == action::next_model);
    CHECK(fallback::default_rule(failure(errc::gateway_timeout, 524)) == action::next_model);
    CHECK(fallback::default_rule(failure(errc::provider_overloaded, 529)) == action::next_model);
    CHECK(fallback::default_rule(failure(errc::http_error, 599)) == action::next_model);
    CHECK(fallback::default_rule(failure(errc::moderation_flagged, 403)) == action::next_model);
    CHECK(fallback::default_rule(failure(errc::context_length_exceeded, 400)) == action::next_model);
}

TEST_CASE("fallback: default rule retries the same model on connection errors and timeouts")
{
    using fallback::action;
    for (errc e : {errc::connect_failed, errc::resolve_failed, errc::tls_handshake_failed, errc::connection_closed,
                   errc::connect_timeout, errc::response_timeout, errc::response_truncated, errc::stream_truncated,
                   errc::first_delta_timeout, errc::idle_timeout})
        CHECK(fallback::default_rule(failure(e)) == action::retry_same);
    CHECK(fallback::default_rule(failure(errc::request_timeout, 408)) == action::retry_same);
    CHECK(fallback::default_rule(failure(errc::conflict, 409)) == action::retry_same);
    CHECK(fallback::default_rule(failure(errc::stream_error, 200)) == action::retry_same);
    retry::attempt_outcome reset;
    reset.error = make_error_code(boost::system::errc::connection_reset);
    CHECK(fallback::default_rule(reset) == action::retry_same);
}

TEST_CASE("fallback: default rule stops on client errors and cancellation")
{
    using fallback::action;
    CHECK(fallback::default_rule(failure(errc::bad_request, 400)) == action::stop);
    CHECK(fallback::default_rule(failure(errc::unauthorized, 401)) == action::stop);
    CHECK(fallback::default_rule(failure(errc::insufficient_credits, 402)) == action::stop);
    CHECK(fallback::default_rule(failure(errc::forbidden, 403)) == action::stop);
    CHECK(fallback::default_rule(failure(errc::not_found, 404)) == action::stop);
    CHECK(fallback::default_rule(failure(errc::payload_too_large, 413)) == action::stop);
    CHECK(fallback::default_rule(failure(errc::unprocessable_entity, 422)) == action::stop);
    CHECK(fallback::default_rule(failure(errc::invalid_response, 200)) == action::stop);
    CHECK(fallback::default_rule(failure(errc::certificate_rejected)) == action::stop);
    CHECK(fallback::default_rule(failure(errc::circuit_open)) == action::stop);
    retry::attempt_outcome aborted;
    aborted.error = boost::asio::error::operation_aborted;
    CHECK(fallback::default_rule(aborted) == action::stop);
    CHECK(fallback::default_rule(retry::attempt_outcome{}) == action::stop);
}

TEST_CASE("fallback: a 400 or in-band error is routed by its error_type")
{
    using fallback::action;
    for (const char* t :
         {"rate_limit_exceeded", "provider_overloaded", "provider_unavailable", "server", "context_length_exceeded",
          "max_tokens_exceeded", "token_limit_exceeded", "content_policy_violation"}) {
        CHECK(fallback::default_rule(failure(errc::bad_request, 400, t)) == action::next_model);
        CHECK(fallback::default_rule(failure(errc::stream_error, 200, t)) == action::next_model);
    }
    CHECK(fallback::default_rule(failure(errc::bad_request, 400, "timeout")) == action::retry_same);
    CHECK(fallback::default_rule(failure(errc::stream_error, 200, "timeout")) == action::retry_same);
    CHECK(fallback::default_rule(failure(errc::bad_request, 400, "invalid_request")) == action::stop);
    CHECK(fallback::default_rule(failure(errc::stream_error, 200, "invalid_prompt")) == action::stop);
}

TEST_CASE("fallback: a rule table overrides rows and falls through to its default")
{
    using fallback::action;
    // [doc:fallback-table]
    fallback::rule_table rules{{errc::bad_request, action::next_model},    // try another model on 400
                               {errc::rate_limited, action::retry_same}};  // wait out 429s instead
    // [doc:fallback-table-end]
    CHECK(rules(failure(errc::bad_request, 400)) == action::next_model);
    CHECK(rules(failure(errc::rate_limited, 429)) == action::retry_same);
    CHECK(rules(failure(errc::provider_error, 502)) == action::next_model);  // default rule
    CHECK(rules(failure(errc::unauthorized, 401)) == action::stop);

    fallback::rule_table strict{{{errc::provider_error, action::retry_same}},
                                [](const retry::attempt_outcome&) { return action::stop; }};
    CHECK(strict(failure(errc::provider_error, 502)) == action::retry_same);
    CHECK(strict(failure(errc::rate_limited, 429)) == action::stop);

    fallback::rule_table none_else{{}, nullptr};  // an empty `otherwise` means the default rule
    CHECK(none_else(failure(errc::rate_limited, 429)) == action::next_model);
    CHECK(to_string(action::next_model) == "next_model");
}

TEST_CASE("fallback: a chain entry sets the model and its overrides")
{
    // [doc:fallback-chain]
    fallback::config fb;
    fb.chain = fallback::model_chain{
        "anthropic/claude-sonnet-4",
        {"openai/gpt-4o", fallback::overrides{.max_tokens = 2000, .temperature = 0.2}},
        {"meta-llama/llama-3.3-70b-instruct",
         fallback::overrides{
             .extra = {{"top_k", 40}},
             .edit = [](chat_request& r) { r.messages.insert(r.messages.begin(), message::system("Be brief.")); }}},
    };
    // [doc:fallback-chain-end]
    const chat_request base = hello();
    CHECK(fb.attempt_models(base) ==
          std::vector<std::string>{"anthropic/claude-sonnet-4", "openai/gpt-4o", "meta-llama/llama-3.3-70b-instruct"});

    chat_request r0 = base;
    fb.apply(0, r0);
    CHECK(r0.model == "anthropic/claude-sonnet-4");
    CHECK(r0.max_tokens == 100);  // no overrides: as the caller built it
    CHECK(r0.temperature == 0.5);

    chat_request r1 = base;
    fb.apply(1, r1);
    CHECK(r1.model == "openai/gpt-4o");
    CHECK(r1.max_tokens == 2000);
    CHECK(r1.temperature == 0.2);

    chat_request r2 = base;
    fb.apply(2, r2);
    CHECK(r2.model == "meta-llama/llama-3.3-70b-instruct");
    CHECK(r2.extra.at("top_k") == 40);
    REQUIRE(r2.messages.size() == 2);
    CHECK(r2.messages[0] == message::system("Be brief."));

    chat_request past = base;
    fb.apply(7, past);  // past the end: unchanged
    CHECK(past == base);
}

TEST_CASE("fallback: an empty chain uses the request's own model")
{
    fallback::config fb;
    CHECK(fb.attempt_models(hello()) == std::vector<std::string>{"caller/model"});
    chat_request no_model = hello();
    no_model.model.reset();
    CHECK(fb.attempt_models(no_model) == std::vector<std::string>{""});
    chat_request r = hello();
    fb.apply(0, r);
    CHECK(r == hello());
}

TEST_CASE("fallback: server side sets models and route")
{
    // [doc:fallback-server]
    fallback::config fb;
    fb.server = fallback::server_side{{"anthropic/claude-sonnet-4", "openai/gpt-4o"}, "fallback"};
    // [doc:fallback-server-end]
    chat_request r = hello();
    fb.apply(0, r);
    REQUIRE(r.models.has_value());
    CHECK(*r.models == std::vector<std::string>{"anthropic/claude-sonnet-4", "openai/gpt-4o"});
    CHECK(r.route == "fallback");
    CHECK(r.model == "caller/model");  // no chain: the request's model is kept
    const auto body = boost::json::serialize(to_json(r));
    CHECK(body.find(R"("models":["anthropic/claude-sonnet-4","openai/gpt-4o"])") != std::string::npos);
    CHECK(body.find(R"("route":"fallback")") != std::string::npos);

    fallback::server_side empty;
    chat_request untouched = hello();
    empty.apply(untouched);
    CHECK(untouched == hello());
}
