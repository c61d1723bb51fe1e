// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The Responses API event reader: the decoder that turns one SSE event of a /responses stream
// into a typed `responses_event` (lib/stream/responses_stream.cpp, `responses_decoder`). That
// class lives in the file's unnamed namespace, so the file is compiled into this target (its
// other definitions then come from here instead of the library's copy; the library is static).
// Input: the SSE `event:` name, NUL, the event's data. Properties: an accepted event has the
// type rule of responses.hpp (event name, else data.type, else "message"), the sequence number
// of the data (-1 when absent), a decoded `response` exactly for the response.* lifecycle
// events, and marks the stream done exactly when terminal; a refused one fails the stream with
// an SDK errc and a reason, appends nothing, and never shows the API key.

#include "stream/responses_stream.cpp"

#include "fuzz/fuzz_check.hpp"

#include <boost/asio/io_context.hpp>

namespace {

constexpr std::string_view key = "sk-or-v1-FUZZ0123456789KEY";

std::shared_ptr<openrouter::detail::client_impl> shared_client()
{
    static boost::asio::io_context io;
    static const auto c = [] {
        openrouter::client_options o;
        o.api_key = std::string(key);
        o.base_url = "http://127.0.0.1:9/api/v1";
        return std::make_shared<openrouter::detail::client_impl>(io.get_executor(), std::move(o));
    }();
    return c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace openrouter;
    const auto parts = fuzz::split_nul(std::string_view(reinterpret_cast<const char*>(data), size), 2);
    sse::event ev;
    ev.raw_type = parts.size() == 2 ? parts[0] : std::string_view{};
    ev.type = ev.raw_type.empty() ? std::string_view("message") : ev.raw_type;
    ev.data = parts.back();

    detail::stream_impl s(shared_client(), std::size_t{1} << 20);
    detail::responses_decoder dec;
    std::vector<responses_event> out;
    const bool ok = dec.decode(s, ev, out);

    boost::system::error_code jec;
    const boost::json::value v = boost::json::parse(ev.data, jec);
    if (ok) {
        FUZZ_ASSERT(!jec && v.is_object());
        FUZZ_ASSERT(!s.error);
        FUZZ_ASSERT(out.size() == 1);
        const responses_event& e = out[0];
        FUZZ_ASSERT(e.data == v.get_object());
        const boost::json::value* t = e.data.if_contains("type");
        if (!ev.raw_type.empty())
            FUZZ_ASSERT(e.type == ev.raw_type);
        else if (t != nullptr && t->is_string())
            FUZZ_ASSERT(e.type == t->get_string());
        else
            FUZZ_ASSERT(e.type == "message");
        FUZZ_ASSERT(e.type != "error");
        if (e.data.if_contains("sequence_number") == nullptr)
            FUZZ_ASSERT(e.sequence_number == -1);
        else
            FUZZ_ASSERT(e.data.at("sequence_number").to_number<std::int64_t>() == e.sequence_number);
        FUZZ_ASSERT(e.response.has_value() == detail::carries_response(e.type));
        FUZZ_ASSERT(s.done_seen == e.is_terminal());
        const std::string_view d = e.delta();
        if (!d.empty())
            FUZZ_ASSERT(e.type.ends_with(".delta") && e.data.at("delta").get_string() == d);
    } else {
        FUZZ_ASSERT(out.empty());
        FUZZ_ASSERT(s.error.category() == openrouter::error_category());
        FUZZ_ASSERT(s.error_diag.http_status == 200);
        FUZZ_ASSERT(!s.error_diag.detail.empty());
        FUZZ_ASSERT(!s.done_seen);
        for (const std::string* m : {&s.error_diag.message, &s.error_diag.body_excerpt, &s.error_diag.detail,
                                     &s.error_diag.provider_error, &s.error_diag.flagged_input})
            FUZZ_ASSERT(m->find(key) == std::string::npos);
    }
    return 0;
}
