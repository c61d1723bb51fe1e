// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
//
// The SSE decoder against the WHATWG "interpreting an event stream" rules. Every input is decoded
// whole, one byte at a time, and split in two at every position: all must give the same items.
#include "unit/sansio/sse_harness.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

using namespace std::string_literals;
using namespace sse_test;
using openrouter::errc;

namespace {

outcome expect(std::vector<record> items, openrouter::error_code end = {}, std::string last_id = {},
               std::optional<std::uint64_t> reconnection = {})
{
    outcome o;
    o.items = std::move(items);
    o.end = end;
    o.last_id = std::move(last_id);
    o.reconnection = reconnection;
    return o;
}

void check_all_splits(std::string_view input, const outcome& expected, decoder_options opts = {})
{
    INFO("input: \"" << escaped(input) << '"');
    CHECK(decode(input, opts) == expected);
    CHECK(decode(bytewise(input), opts) == expected);
    for (std::size_t k = 0; k <= input.size(); ++k) {
        const auto got = decode(split_at(input, k), opts);
        if (!(got == expected)) {
            INFO("split at " << k);
            CHECK(got == expected);
        }
    }
}

struct rule_case {
    std::string name;
    std::string input;
    outcome expected;
};

const openrouter::error_code truncated = errc::stream_truncated;

std::vector<rule_case> rule_cases()
{
    return {
        // ---- line endings ----
        {"LF", "data: a\n\ndata: b\n\n", expect({ev("a"), ev("b")})},
        {"CRLF", "data: a\r\n\r\ndata: b\r\n\r\n", expect({ev("a"), ev("b")})},
        {"CR only", "data: a\r\rdata: b\r\r", expect({ev("a"), ev("b")})},
        {"mixed endings in one event", "data: a\r\ndata: b\rdata: c\n\r\n", expect({ev("a\nb\nc")})},
        {"LF then CR is two endings", "data: a\n\rdata: b\n\n", expect({ev("a"), ev("b")})},
        {"CR then CRLF is two endings", "data: a\r\r\ndata: b\n\n", expect({ev("a"), ev("b")})},
        {"a CR at the end of input ends the blank line", "data: a\n\r", expect({ev("a")})},
        // ---- byte order mark ----
        {"leading BOM stripped",
         "\xEF\xBB\xBF"
         "data: a\n\n",
         expect({ev("a")})},
        {"second BOM is part of the field name",
         "\xEF\xBB\xBF\xEF\xBB\xBF"
         "data: a\n\ndata: b\n\n",
         expect({ev("b")})},
        {"partial BOM is part of the field name",
         "\xEF\xBB"
         "data: a\n\ndata: b\n\n",
         expect({ev("b")})},
        {"partial BOM then line end", "\xEF\ndata: x\n\n", expect({ev("x")})},
        {"BOM later in the stream passes through",
         "data: \xEF\xBB\xBF"
         "a\n\n",
         expect({ev("\xEF\xBB\xBF"
                    "a")})},
        {"only a BOM", "\xEF\xBB\xBF", expect({})},
        // ---- comments ----
        {"comments reported, one space stripped", ": hello\n:\n:  two\n:none\n",
         expect({comment("hello"), comment(""), comment(" two"), comment("none")})},
        {"comment inside an event", "data: a\n: c\ndata: b\n\n", expect({comment("c"), ev("a\nb")})},
        {"comment after the only data line", "data: a\n: c\n\n", expect({comment("c"), ev("a")})},
        // ---- fields ----
        {"field without colon: data", "data\n\n", expect({ev("")})},
        {"field without colon: event", "event\ndata: x\n\n", expect({ev("x")})},
        {"no space after colon", "data:x\n\n", expect({ev("x")})},
        {"only one space stripped", "data:  x\n\n", expect({ev(" x")})},
        {"tab is not stripped", "data:\tx\n\n", expect({ev("\tx")})},
        {"trailing space kept", "data: x \n\n", expect({ev("x ")})},
        {"colons in the value", "data: a:b: c\n\n", expect({ev("a:b: c")})},
        {"data lines joined with LF", "data: a\ndata:\ndata: b\n\n", expect({ev("a\n\nb")})},
        {"trailing empty data line", "data: a\ndata\n\n", expect({ev("a\n")})},
        {"unknown and misspelt fields ignored", "foo: bar\nDATA: no\ndata : no\n data: no\ndata: yes\n\n",
         expect({ev("yes")})},
        {"NUL and invalid UTF-8 in data pass through", "data: a\0b\xFF\xFE\n\n"s, expect({ev("a\0b\xFF\xFE"s)})},
        {"multi-byte UTF-8", "data: h\xC3\xA9llo \xE2\x82\xAC \xF0\x9D\x84\x9E\n\n",
         expect({ev("h\xC3\xA9llo \xE2\x82\xAC \xF0\x9D\x84\x9E")})},
        // ---- dispatch ----
        {"empty data buffer: no dispatch", "event: x\n\n\n\n", expect({})},
        {"event type buffer reset without dispatch", "event: add\n\ndata: x\n\n", expect({ev("x")})},
        // ---- event type ----
        {"event type, reset after dispatch", "event: add\ndata: 1\n\ndata: 2\n\n",
         expect({ev("1").with_type("add"), ev("2")})},
        {"empty event type means message", "event: \ndata: x\n\n", expect({ev("x").with_type("")})},
        {"last event field wins", "event: a\nevent: b\ndata: x\n\n", expect({ev("x").with_type("b")})},
        {"event field after data", "data: x\nevent: late\n\n", expect({ev("x").with_type("late")})},
        // ---- id ----
        {"id persists across events", "id: 7\ndata: a\n\ndata: b\n\n",
         expect({ev("a").with_id("7"), ev("b").with_id("7")}, {}, "7")},
        {"empty id resets", "id: 7\ndata: a\n\nid\ndata: b\n\n", expect({ev("a").with_id("7"), ev("b")})},
        {"id with NUL ignored", "id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\n"s,
         expect({ev("a").with_id("1"), ev("b").with_id("1")}, {}, "1")},
        {"id set by a blank line without data", "id: 3\n\n", expect({}, {}, "3")},
        {"id not set without a blank line", "data: a\n\nid: 4\n", expect({ev("a")})},
        {"id after data in the same event", "data: a\nid: 5\n\n", expect({ev("a").with_id("5")}, {}, "5")},
        {"id keeps a second space", "id:  x\ndata: a\n\n", expect({ev("a").with_id(" x")}, {}, " x")},
        // ---- retry ----
        {"retry in an event", "retry: 1500\ndata: a\n\n", expect({ev("a").with_retry(1500)}, {}, "", 1500)},
        {"retry alone", "retry: 10\n\n", expect({}, {}, "", 10)},
        {"retry with leading zeros", "retry: 007\n\n", expect({}, {}, "", 7)},
        {"retry largest value", "retry: 18446744073709551615\n\n", expect({}, {}, "", 18446744073709551615u)},
        {"retry with non-digits ignored",
         "retry: 15a0\nretry: -1\nretry: 1.5\nretry:  15\nretry:\nretry\nretry: +3\nretry: 1 \ndata: a\n\n",
         expect({ev("a")})},
        {"retry overflowing 64 bits ignored", "retry: 18446744073709551616\n\n", expect({})},
        {"invalid retry keeps the previous one", "retry: 5\n\nretry: x\ndata: a\n\n", expect({ev("a")}, {}, "", 5)},
        // ---- end of input ----
        {"truncated: data line without blank line", "data: x\n", expect({}, truncated)},
        {"truncated: unterminated line", "data: a\n\ndata: b", expect({ev("a")}, truncated)},
        {"truncated: unterminated comment", ": keep", expect({}, truncated)},
        {"truncated: partial BOM", "\xEF\xBB", expect({}, truncated)},
        {"clean: complete comment", ": keepalive\n", expect({comment("keepalive")})},
        {"clean: pending fields without data", "data: x\n\nevent: y\nid: 9\n", expect({ev("x")})},
    };
}

}  // namespace

TEST_CASE("sse: every rule holds whole and byte by byte and split at every position")
{
    const auto c = GENERATE(from_range(rule_cases()));
    INFO(c.name);
    check_all_splits(c.input, c.expected);
}

TEST_CASE("sse: the examples of the WHATWG specification")
{
    SECTION("the stock ticker: three data lines make one event")
    {
        check_all_splits("data: YHOO\ndata: +2\ndata: 10\n\n", expect({ev("YHOO\n+2\n10")}));
    }
    SECTION("first, second, third: comments, id and its reset, one space stripped")
    {
        const std::string stream = ": test stream\n\n"
                                   "data: first event\nid: 1\n\n"
                                   "data:second event\nid\n\n"
                                   "data:  third event\n\n";
        check_all_splits(stream, expect({comment("test stream"), ev("first event").with_id("1"), ev("second event"),
                                         ev(" third event")}));
        // The end of the stream is not enough to dispatch the last event.
        check_all_splits(
            stream.substr(0, stream.size() - 1),
            expect({comment("test stream"), ev("first event").with_id("1"), ev("second event")}, truncated));
    }
    SECTION("empty data, a single newline, and a last block without blank line")
    {
        check_all_splits("data\n\ndata\ndata\n\ndata:\n", expect({ev(""), ev("\n")}, truncated));
    }
    SECTION("data:test and data: test are the same event")
    {
        check_all_splits("data:test\n\ndata: test\n\n", expect({ev("test"), ev("test")}));
    }
}

TEST_CASE("sse: OpenRouter framing")
{
    const std::string chunk1 = R"({"id":"gen-1","provider":"OpenAI","model":"openai/gpt-4o",)"
                               R"("object":"chat.completion.chunk","created":1700000000,)"
                               R"("choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},)"
                               R"("finish_reason":null,"native_finish_reason":null,"logprobs":null}]})";
    const std::string chunk2 = R"({"id":"gen-1","object":"chat.completion.chunk","choices":[],)"
                               R"("usage":{"prompt_tokens":12,"completion_tokens":1,"total_tokens":13}})";
    const std::string stream = ": OPENROUTER PROCESSING\n\n"
                               ": OPENROUTER PROCESSING\n\n"
                               "data: " +
                               chunk1 +
                               "\n\n"
                               "data: " +
                               chunk2 +
                               "\n\n"
                               "data: [DONE]\n\n";
    const auto expected = expect(
        {comment("OPENROUTER PROCESSING"), comment("OPENROUTER PROCESSING"), ev(chunk1), ev(chunk2), ev("[DONE]")});
    check_all_splits(stream, expected);

    SECTION("with CRLF line endings")
    {
        std::string crlf;
        for (char ch : stream)
            crlf += ch == '\n' ? std::string("\r\n") : std::string(1, ch);
        check_all_splits(crlf, expected);
    }
    SECTION("cut before [DONE]")
    {
        check_all_splits(
            stream.substr(0, stream.find("data: [DONE]") + 8),
            expect({comment("OPENROUTER PROCESSING"), comment("OPENROUTER PROCESSING"), ev(chunk1), ev(chunk2)},
                   truncated));
    }
}

TEST_CASE("sse: zero copy when the event lies in the input and a copy otherwise")
{
    decoder d;
    const std::string whole = ": note\n\ndata: hello\n\n";
    std::string_view in = whole;
    const auto in_input = [&](std::string_view v) {
        return v.data() >= whole.data() && v.data() + v.size() <= whole.data() + whole.size();
    };

    auto it = d.next(in);
    REQUIRE(it.kind == result_kind::comment);
    CHECK(it.comment == "note");
    CHECK(in_input(it.comment));
    CHECK(it.consumed == 7);
    in.remove_prefix(it.consumed);

    it = d.next(in);
    REQUIRE(it.kind == result_kind::event);
    CHECK(it.ev->data == "hello");
    CHECK(in_input(it.ev->data));
    CHECK(it.consumed == in.size());
    CHECK(d.buffer_capacity() == 0);  // nothing was buffered

    // Split before the blank line: the data is copied and the event views the decoder.
    std::string first = "data: world\n";
    it = d.next(first);
    CHECK(it.kind == result_kind::need_more);
    CHECK(it.consumed == first.size());
    first.assign(first.size(), '#');
    const std::string second = "\n";
    it = d.next(second);
    REQUIRE(it.kind == result_kind::event);
    CHECK(it.ev->data == "world");
    CHECK(it.consumed == 1);
    CHECK(d.buffer_capacity() > 0);
    CHECK(d.finish() == openrouter::error_code{});
}

TEST_CASE("sse: the size limit is an error code and memory stays bounded")
{
    decoder_options opts;
    opts.max_event_bytes = 16;

    SECTION("a line at the limit passes, one byte more fails, however split")
    {
        check_all_splits("data: 0123456789\n\n", expect({ev("0123456789")}), opts);
        const auto too_large = failure(errc::event_too_large);
        check_all_splits("data: 0123456789x\n\n", expect({too_large}, errc::event_too_large), opts);
        check_all_splits(": ok\n\n:0123456789abcdefg\n", expect({comment("ok"), too_large}, errc::event_too_large),
                         opts);
    }
    SECTION("the data so far plus the line being read count")
    {
        check_all_splits("data:01234\ndata:0\n\n", expect({ev("01234\n0")}), opts);
        check_all_splits("data:012345\ndata:012345\n\n",
                         expect({failure(errc::event_too_large)}, errc::event_too_large), opts);
        check_all_splits("data:0123456789\nid:12345\n\n",
                         expect({failure(errc::event_too_large)}, errc::event_too_large), opts);
    }
    SECTION("a huge line fed in pieces never grows the buffer past the limit")
    {
        opts.max_event_bytes = 1000;
        decoder d(opts);
        const std::string piece(4096, 'x');
        auto it = d.next("data: ");
        REQUIRE(it.kind == result_kind::need_more);
        bool failed = false;
        for (int i = 0; i < 2560 && !failed; ++i) {  // 10 MiB
            it = d.next(piece);
            failed = it.kind == result_kind::error;
            CHECK(d.buffer_capacity() <= 1000);
        }
        REQUIRE(failed);
        CHECK(it.error == errc::event_too_large);
        CHECK(d.buffer_capacity() <= 1000);
        SECTION("the decoder stays failed until finish() or reset()")
        {
            it = d.next("data: ok\n\n");
            CHECK(it.kind == result_kind::error);
            CHECK(it.error == errc::event_too_large);
            CHECK(it.consumed == 0);
            CHECK(d.finish() == errc::event_too_large);
            it = d.next("data: ok\n\n");
            REQUIRE(it.kind == result_kind::event);
            CHECK(it.ev->data == "ok");
        }
        SECTION("reset() recovers too")
        {
            d.reset();
            it = d.next("data: ok\n\n");
            REQUIRE(it.kind == result_kind::event);
            CHECK(it.ev->data == "ok");
        }
    }
    SECTION("a huge line inside the input is rejected without buffering")
    {
        opts.max_event_bytes = 1000;
        decoder d(opts);
        const std::string big = "data: " + std::string(1 << 20, 'y') + "\n\n";
        const auto it = d.next(big);
        CHECK(it.kind == result_kind::error);
        CHECK(it.error == errc::event_too_large);
        CHECK(d.buffer_capacity() == 0);
    }
    SECTION("many data lines")
    {
        opts.max_event_bytes = 1000;
        decoder d(opts);
        std::string stream;
        for (int i = 0; i < 200; ++i)
            stream += "data: 0123456789\n";
        const auto o = decode_into(d, bytewise(stream));
        REQUIRE(o.items.size() == 1);
        CHECK(o.items[0].error == errc::event_too_large);
        CHECK(d.buffer_capacity() <= 1000);
    }
}

TEST_CASE("sse: finish() starts a new stream and keeps the reconnection state")
{
    decoder d;
    auto o = decode_into(d, {"\xEF\xBB\xBFretry: 2500\nid: 41\ndata: a\n\nid: 42\n"});
    CHECK(o == expect({ev("a").with_id("41").with_retry(2500)}, {}, "41", 2500));
    // The next stream may start with a BOM again; the last event ID (41: 42 was never committed)
    // and the reconnection time carry over.
    o = decode_into(d, {"\xEF\xBB\xBF", "data: b\n\n"});
    CHECK(o == expect({ev("b").with_id("41")}, {}, "41", 2500));
    // A pending event is dropped by finish(): it does not leak into the next stream.
    o = decode_into(d, {"event: x\ndata: lost\n"});
    CHECK(o == expect({}, truncated, "41", 2500));
    o = decode_into(d, {"data: c\n\n"});
    CHECK(o == expect({ev("c").with_id("41")}, {}, "41", 2500));

    d.reset();
    CHECK(d.last_event_id().empty());
    CHECK_FALSE(d.reconnection_time().has_value());
    o = decode_into(d, {"data: d\n\n"});
    CHECK(o == expect({ev("d")}));
}

TEST_CASE("sse: the buffer is reused with no growth in steady state")
{
    decoder d;
    std::string stream;
    for (int i = 0; i < 64; ++i)
        stream += "data: {\"n\":" + std::to_string(i) + ",\"text\":\"" + std::string(200, 'z') + "\"}\n\n";
    // Pieces of 100 bytes: most events straddle pieces and are copied.
    std::vector<std::string> pieces;
    for (std::size_t at = 0; at < stream.size(); at += 100)
        pieces.push_back(stream.substr(at, 100));
    auto o = decode_into(d, pieces);
    REQUIRE(o.items.size() == 64);
    const auto capacity = d.buffer_capacity();
    CHECK(capacity > 0);
    for (int round = 0; round < 10; ++round) {
        o = decode_into(d, pieces);
        REQUIRE(o.items.size() == 64);
        CHECK(d.buffer_capacity() == capacity);
    }
}

TEST_CASE("sse: a moved decoder continues the stream and the source is reset")
{
    decoder a;
    auto it = a.next("id: 1\ndata: x");
    REQUIRE(it.kind == result_kind::need_more);
    decoder b = std::move(a);
    it = b.next("yz\n\n");
    REQUIRE(it.kind == result_kind::event);
    CHECK(it.ev->data == "xyz");
    CHECK(it.ev->id == "1");
    CHECK(a.finish() == openrouter::error_code{});  // NOLINT(bugprone-use-after-move): reset by the move
    it = a.next("data: fresh\n\n");
    REQUIRE(it.kind == result_kind::event);
    CHECK(it.ev->id.empty());
}

// The loop documented in docs/sse.md (quoted from here: keep them in step).
// [doc-usage-begin]
TEST_CASE("sse: usage example")
{
    namespace sse = openrouter::sse;
    std::vector<std::string> received;
    sse::decoder dec;  // one per stream; default limit 1 MiB per event

    // Bytes arrive in pieces of any size, as a socket delivers them.
    for (std::string_view piece : {"event: greeting\nda", "ta: hello\n", "\n: keep-alive\n\ndata: [DONE]\n\n"}) {
        for (;;) {
            const sse::decoder::item it = dec.next(piece);
            piece.remove_prefix(it.consumed);
            if (it.kind == sse::result_kind::need_more)
                break;  // piece used up: read more bytes
            if (it.kind == sse::result_kind::error)
                FAIL(it.error.message());  // event_too_large: give up on this stream
            if (it.kind == sse::result_kind::event)
                received.push_back(std::string(it.ev->type) + ": " + std::string(it.ev->data));
            // result_kind::comment: it.comment is the text after ':', often a keep-alive
        }
    }
    // At end of input: was the stream cut in the middle of an event?
    const openrouter::error_code ec = dec.finish();

    CHECK_FALSE(ec);
    CHECK(received == std::vector<std::string>{"greeting: hello", "message: [DONE]"});
}
// [doc-usage-end]

// The reconnection steps documented in docs/sse.md (quoted from here: keep them in step).
// [doc-reconnect-begin]
TEST_CASE("sse: reconnection example")
{
    namespace sse = openrouter::sse;
    sse::decoder dec;
    std::string_view bytes = "retry: 2500\nid: 41\ndata: first\n\nid: 42\ndata: cut in the mid";
    for (;;) {
        const auto it = dec.next(bytes);
        bytes.remove_prefix(it.consumed);
        if (it.kind == sse::result_kind::need_more)
            break;
    }
    // The connection dropped. finish() says an event was in progress; id 42 was never committed.
    CHECK(dec.finish() == openrouter::errc::stream_truncated);
    CHECK(openrouter::is_retryable(openrouter::errc::stream_truncated));

    // Reconnect after the server's reconnection time, resuming after the last event seen.
    const auto delay = std::chrono::milliseconds(dec.reconnection_time().value_or(3000));
    const std::string header = "Last-Event-ID: " + std::string(dec.last_event_id());
    CHECK(delay == std::chrono::milliseconds(2500));
    CHECK(header == "Last-Event-ID: 41");

    // The same decoder reads the new response (which may start with a BOM again).
    const auto it = dec.next("\xEF\xBB\xBF"
                             "data: second\n\n");
    REQUIRE(it.kind == sse::result_kind::event);
    CHECK(it.ev->data == "second");
    CHECK(it.ev->id == "41");  // kept until the server sends another id
}
// [doc-reconnect-end]
