// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The HTTP response head as far as it is ours: bytes into a Beast response_parser (with the
// limits exchange.hpp sets), then detail::fill_head (lib/transport/exchange.cpp),
// make_response_info, and the classification that follows (2xx: parse_json_response; else
// classify_error_response; media types; Retry-After). Input: byte 0 flags, byte 1 the largest
// piece, the rest the response. Properties: the parse gives the same head and body, or fails,
// fed whole or in pieces; fill_head copies exactly the parser's status, Content-Type, Retry-After,
// retry-after-ms and (when asked) every field in order; the classification gives an SDK errc
// consistent with the status; media_type_is ignores case and parameters.

#include "core/http_attempt.hpp"
#include "fuzz/fuzz_check.hpp"
#include "sansio/classify.hpp"
#include "transport/exchange.hpp"

#include <openrouter/error.hpp>

#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <algorithm>
#include <cctype>

namespace {

namespace http = boost::beast::http;
using namespace openrouter;

struct parsed {
    bool header_done = false;
    bool done = false;
    boost::system::error_code ec;
    detail::response_head head;
    std::string body;
};

// Feeds `bytes` in pieces of at most `max_piece` (0: whole), as a read loop would: the parser
// sees the unconsumed bytes plus the next piece.
parsed parse(std::string_view bytes, std::size_t max_piece, bool capture, fuzz::bits& b)
{
    http::response_parser<http::string_body> p;
    p.header_limit(64 * 1024);
    p.body_limit(1024 * 1024);
    p.eager(true);
    parsed out;
    std::string buf;
    std::size_t fed = 0;
    while (!p.is_done()) {
        if (fed == bytes.size()) {
            if (!buf.empty() || bytes.empty())
                break;  // a partial element the parser cannot use, or nothing (put_eof needs a byte)
            p.put_eof(out.ec);
            break;
        }
        std::size_t n = bytes.size() - fed;
        // The body in pieces is Beast's own business, and Beast 1.81 asserts on some splits of a
        // chunked body (test/fuzz/known/http_head/README.md): pieces only until the header is done.
        if (max_piece != 0 && !p.is_header_done())
            n = std::min<std::size_t>(n, 1 + b.next() % max_piece);
        buf.append(bytes.substr(fed, n));
        fed += n;
        while (!buf.empty()) {  // as Beast's read loop, never an empty buffer
            const std::size_t used = p.put(boost::asio::buffer(buf.data(), buf.size()), out.ec);
            FUZZ_ASSERT(used <= buf.size());
            buf.erase(0, used);
            if (out.ec == http::error::need_more) {
                out.ec = {};
                break;
            }
            if (out.ec || p.is_done() || used == 0)
                break;
        }
        if (out.ec)
            break;
    }
    out.header_done = p.is_header_done();
    out.done = p.is_done();
    if (out.header_done) {
        out.head.capture_fields = capture;
        detail::fill_head(p.get().base(), out.head);
        out.head.keep_alive = p.get().keep_alive();
        const auto& h = p.get().base();
        FUZZ_ASSERT(out.head.status == static_cast<int>(h.result_int()));
        FUZZ_ASSERT(out.head.content_type == h[http::field::content_type]);
        FUZZ_ASSERT(out.head.retry_after == h[http::field::retry_after]);
        FUZZ_ASSERT(out.head.retry_after_ms == h["retry-after-ms"]);
        if (capture) {
            std::size_t i = 0;
            for (const auto& f : h) {
                FUZZ_ASSERT(i < out.head.fields.size());
                FUZZ_ASSERT(out.head.fields[i].first == f.name_string() && out.head.fields[i].second == f.value());
                ++i;
            }
            FUZZ_ASSERT(i == out.head.fields.size());
        } else {
            FUZZ_ASSERT(out.head.fields.empty());
        }
    }
    if (out.done)
        out.body = p.get().body();
    return out;
}

// Fed in pieces, Beast may see a bad element only once its line is complete, so an input it
// refuses whole may just end incomplete in pieces: both are failures. Otherwise the results agree.
bool same(const parsed& a, const parsed& b)
{
    const bool a_ok = a.done && !a.ec;
    const bool b_ok = b.done && !b.ec;
    if (a_ok != b_ok)
        return false;
    if (a.header_done && b.header_done &&
        !(a.head.status == b.head.status && a.head.content_type == b.head.content_type &&
          a.head.retry_after == b.head.retry_after && a.head.retry_after_ms == b.head.retry_after_ms &&
          a.head.keep_alive == b.head.keep_alive && a.head.fields == b.head.fields))
        return false;
    return !a_ok || a.body == b.body;
}

std::string upper(std::string_view s)
{
    std::string u(s);
    for (char& c : u)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return u;
}

void classify(const parsed& r)
{
    detail::response_info info = detail::make_response_info(r.head);
    FUZZ_ASSERT(info.status == r.head.status && info.content_type == r.head.content_type);
    info.now = std::chrono::system_clock::time_point(std::chrono::seconds(1750000000));
    const std::string_view ct = info.content_type;
    const std::string ct_upper = upper(ct);
    for (std::string_view type : {"application/json", "text/event-stream"}) {
        const bool is = detail::media_type_is(ct, type);
        FUZZ_ASSERT(detail::media_type_is(ct_upper, upper(type)) == is);
        FUZZ_ASSERT(detail::media_type_is(std::string(ct) + "; x=1", type) == is || ct.find(';') != ct.npos);
    }
    diagnostics diag;
    if (info.status >= 200 && info.status <= 299) {
        boost::json::value v;
        const error_code ec = detail::parse_json_response(info, r.body, "sk-or-v1-FUZZ", v, diag);
        FUZZ_ASSERT(!ec || ec == errc::unexpected_content_type || ec == errc::invalid_response);
        FUZZ_ASSERT(!ec || !diag.detail.empty());
        if (!ec && !r.body.empty())
            FUZZ_ASSERT(detail::media_type_is(ct, "application/json"));
    } else {
        const error_code ec = detail::classify_error_response(info, r.body, "sk-or-v1-FUZZ", diag);
        FUZZ_ASSERT(ec.category() == openrouter::error_category());
        FUZZ_ASSERT(diag.http_status == info.status);
        FUZZ_ASSERT(!diag.retry_after || diag.retry_after->count() >= 0);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 2)
        return 0;
    const bool capture = (data[0] & 1) != 0;
    const std::size_t max_piece = 1 + data[1] % 32;
    const std::string_view bytes(reinterpret_cast<const char*>(data) + 2, size - 2);
    fuzz::bits b(fuzz::hash(bytes));
    const parsed whole = parse(bytes, 0, capture, b);
    const parsed pieces = parse(bytes, max_piece, capture, b);
    FUZZ_ASSERT(same(whole, pieces));
    if (whole.done)
        classify(whole);
    return 0;
}
