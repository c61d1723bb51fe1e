// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Server-sent event streams (text/event-stream, chunked) with scripted faults applied.
#include "wire.hpp"

namespace openrouter::emulator::detail {
namespace json = boost::json;

namespace {

constexpr std::string_view processing_comment = ": OPENROUTER PROCESSING\n\n";
constexpr std::chrono::milliseconds comment_interval{100};

std::string data_event(std::string_view payload)
{
    std::string e;
    e.reserve(payload.size() + 8);
    e += "data: ";
    e += payload;
    e += "\n\n";
    return e;
}

}  // namespace

response_plan stream_response(http_request const& req, reply_plan const& p, scenario const& sc)
{
    response_plan plan;
    plan.close = sc.close || !req.keep_alive();
    plan.close_after_bytes = sc.close_after_bytes;
    plan.write_size = sc.write_size;
    bool const truncated = sc.malformed == malformed_kind::truncated;
    if (truncated)
        plan.close = true;

    auto head = make_head(req, 200, sc.content_type ? *sc.content_type : "text/event-stream", plan.close);
    head.set(http::field::cache_control, "no-cache");
    head.set("X-Generation-Id", p.id);
    head.chunked(true);

    if (sc.delay.count() > 0)
        plan.steps.push_back({{}, sc.delay, false});
    plan.steps.push_back({head_bytes(head), {}, true});

    // Leading comment(s): one always; with comments_ms, one every 100 ms for that long.
    plan.steps.push_back({chunk_bytes(processing_comment), {}, false});
    for (auto left = sc.comments; left.count() > 0; left -= comment_interval) {
        plan.steps.back().wait = std::min(left, comment_interval);
        plan.steps.push_back({chunk_bytes(processing_comment), {}, false});
    }
    if (sc.stall.count() > 0 && !sc.stall_after_events)
        plan.steps.back().wait += sc.stall;

    std::vector<stream_event> events = render_stream(p);
    if (sc.malformed == malformed_kind::not_json && !events.empty())
        events.front().data = "{\"id\": \"gen-emu-broken\", this is not JSON";
    else if (sc.malformed == malformed_kind::wrong_shape && !events.empty())
        events.front().data = R"({"object":"unexpected","choices":"not-an-array"})";
    std::size_t const keep = truncated ? events.size() / 2 : events.size();

    std::size_t deltas = 0;
    std::size_t sent_events = 0;
    bool malformed_sent = false;
    auto push_event = [&](std::string text) {
        plan.steps.push_back({chunk_bytes(text), {}, false});
        ++sent_events;
        if (sc.stall_after_events && sent_events == *sc.stall_after_events)
            plan.steps.back().wait += sc.stall;
    };
    for (std::size_t i = 0; i < keep; ++i) {
        bool const last = i + 1 == events.size();  // the usage chunk
        if (sc.malformed_event_after && !malformed_sent && (deltas >= *sc.malformed_event_after || last)) {
            push_event("data: {not json\n\n");
            malformed_sent = true;
        }
        if (sc.error_after_deltas && (deltas >= *sc.error_after_deltas || last)) {
            json::object meta{{"error_type", "server"}, {"provider_code", "emulator_stream_error"}};
            if (sc.metadata)
                for (auto const& [k, v] : *sc.metadata)
                    meta[k] = v;
            push_event(data_event(render_error_chunk(
                p, sc.error_code ? *sc.error_code : json::value(502),
                sc.error_message ? *sc.error_message : std::string("Provider returned error"), std::move(meta))));
            plan.steps.push_back({last_chunk_bytes(), {}, false});
            return plan;  // the stream ends after an in-band error
        }
        push_event(data_event(events[i].data));
        if (events[i].is_delta)
            ++deltas;
    }
    if (truncated)
        return plan;  // no [DONE], no last chunk: the connection closes mid-stream
    if (!sc.no_done)
        push_event(data_event("[DONE]"));
    plan.steps.push_back({last_chunk_bytes(), {}, false});
    return plan;
}

}  // namespace openrouter::emulator::detail
