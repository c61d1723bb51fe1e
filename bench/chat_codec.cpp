// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Chat codec benchmark: typed encode/decode against the raw Boost.JSON work they include,
// run side by side in one process.
//
//   decode: parse (boost::json::parse of the body)           -- peer, the floor
//           parse + read_chat_completion (typed model)       -- ours
//   encode: serialize a prebuilt json::value of the body     -- peer, the floor
//           write_chat_request (build the tree + serialize)  -- ours
//
// Usage: bench_chat_codec [iterations]   (default 20000). Prints ns/op and ratios.

#include <openrouter/chat.hpp>

#include "json/chat_codec.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/parser.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace json = boost::json;
using namespace openrouter;

namespace {

// A realistic non-streaming response: a tool call, reasoning, an annotation, full usage.
std::string make_response(int content_chars)
{
    std::string content(static_cast<std::size_t>(content_chars), 'x');
    return R"({"id":"gen-1700000000-abcdef","provider":"Anthropic","model":"anthropic/claude-3.7-sonnet",
"object":"chat.completion","created":1700000000,"system_fingerprint":null,"choices":[{"logprobs":null,
"finish_reason":"tool_calls","native_finish_reason":"tool_use","index":0,"message":{"role":"assistant",
"content":")" +
           content + R"(","refusal":null,"reasoning":"I should look up the weather first.",
"reasoning_details":[{"type":"reasoning.text","text":"I should look up the weather first.",
"signature":"EqQBCkgIBRABGAIiQL","format":"anthropic-claude-v1","index":0}],
"tool_calls":[{"id":"toolu_01","index":0,"type":"function","function":{"name":"get_weather",
"arguments":"{\"city\":\"Paris\",\"unit\":\"celsius\"}"}}],
"annotations":[{"type":"url_citation","url_citation":{"url":"https://example.com/a","title":"A",
"content":"snippet","start_index":1,"end_index":20}}]}}],
"usage":{"prompt_tokens":1234,"completion_tokens":56,"total_tokens":1290,"cost":0.00123,"is_byok":false,
"prompt_tokens_details":{"cached_tokens":1024,"cache_write_tokens":0,"audio_tokens":0},
"cost_details":{"upstream_inference_cost":null,"upstream_inference_prompt_cost":0.001,
"upstream_inference_completions_cost":0.00023},
"completion_tokens_details":{"reasoning_tokens":12,"image_tokens":0}}})";
}

chat_request make_request(int turns)
{
    chat_request r;
    r.model = "anthropic/claude-3.7-sonnet";
    r.messages.push_back(message::system("You are a helpful assistant that answers briefly."));
    for (int i = 0; i < turns; ++i) {
        r.messages.push_back(message::user("What is the weather like in Paris today, and tomorrow?"));
        r.messages.push_back(message::assistant("It is sunny today; tomorrow brings light rain."));
    }
    r.tools = std::vector<tool>{tool::make_function(
        "get_weather", "Get the weather for a city",
        json::parse(R"({"type":"object","properties":{"city":{"type":"string"}},"required":["city"]})").as_object())};
    r.temperature = 0.7;
    r.max_tokens = 512;
    r.provider.emplace();
    r.provider->order = std::vector<std::string>{"Anthropic", "Google"};
    r.provider->allow_fallbacks = true;
    r.reasoning.emplace();
    r.reasoning->effort = "medium";
    r.usage_include = true;
    return r;
}

template <class F>
double ns_per_op(int iterations, F&& f)
{
    // Warm up, then time.
    for (int i = 0; i < iterations / 10 + 1; ++i)
        f();
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < iterations; ++i)
        f();
    const auto t1 = std::chrono::steady_clock::now();
    return std::chrono::duration<double, std::nano>(t1 - t0).count() / iterations;
}

volatile std::size_t sink = 0;

}  // namespace

int main(int argc, char** argv)
{
    const int iterations = argc > 1 ? std::atoi(argv[1]) : 20000;
    if (iterations <= 0) {
        std::fprintf(stderr, "usage: %s [iterations > 0]\n", argv[0]);
        return 2;
    }

    std::printf("%-44s %12s %12s %8s\n", "case", "peer ns/op", "ours ns/op", "ratio");
    for (int chars : {100, 4000}) {
        const std::string body = make_response(chars);
        json::parser p;
        const double parse_only = ns_per_op(iterations, [&] {
            p.reset();
            p.write(body);
            sink = sink + p.release().as_object().size();
        });
        chat_completion c;
        std::string why;
        const double parse_decode = ns_per_op(iterations, [&] {
            p.reset();
            p.write(body);
            json::value v = p.release();
            if (!detail::read_chat_completion(v, c, why))
                std::abort();
            sink = sink + c.choices.size();
        });
        char label[64];
        std::snprintf(label, sizeof(label), "decode (%zu B body): parse vs parse+typed", body.size());
        std::printf("%-44s %12.0f %12.0f %8.2f\n", label, parse_only, parse_decode, parse_decode / parse_only);
    }

    for (int turns : {1, 20}) {
        const chat_request req = make_request(turns);
        const json::value tree = to_json(req);
        std::string out;
        const double serialize_only = ns_per_op(iterations, [&] {
            out.clear();
            out = json::serialize(tree);
            sink = sink + out.size();
        });
        const double write = ns_per_op(iterations, [&] {
            out.clear();
            detail::write_chat_request(req, false, out);
            sink = sink + out.size();
        });
        char label[64];
        std::snprintf(label, sizeof(label), "encode (%zu B body): serialize vs write", out.size());
        std::printf("%-44s %12.0f %12.0f %8.2f\n", label, serialize_only, write, write / serialize_only);
    }
    return 0;
}
