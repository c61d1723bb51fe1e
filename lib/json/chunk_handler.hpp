// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_JSON_CHUNK_HANDLER_HPP
#define OPENROUTER_LIB_JSON_CHUNK_HANDLER_HPP

// The SAX handler behind chunk_decoder's full decoder (chunk_decoder.hpp): the Boost.JSON
// basic_parser events, routing every key of a chunk to where its value goes. Scalar strings
// and integers are written straight into the delta here (the hot path, inline); members that
// are captured whole as JSON values (usage, tool_calls, errors, unknown keys, ...) are read
// with the response codecs in chunk_capture.cpp, as are the chunk-level fields at the end.

#include <openrouter/chat_delta.hpp>
#include <openrouter/error.hpp>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string_view.hpp>
#include <boost/json/value_stack.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openrouter::detail::chunk_sax {

using boost::system::error_code;
using sv = boost::json::string_view;

// Where the value after the current key goes.
enum class target : unsigned char {
    ignore,  // skip (e.g. "object")
    id,
    model,
    provider,
    created,
    fingerprint,
    choices,  // the choices array
    choice_index,
    finish,
    native_finish,
    delta,  // the delta object
    role,
    content,
    reasoning,
    refusal,
    // captured as a JSON value, then read with the response codecs:
    usage,
    top_error,
    tool_calls,
    reasoning_details,
    annotations,
    images,
    logprobs,
    choice_extra,  // unknown key of a choice or delta: kept raw in delta.extra
};

inline bool is_capture(target t)
{
    return t >= target::usage;
}

// Key comparison for key_target: the length first, then a memcmp of constant length that the
// compiler expands inline (a call to memcmp per candidate key was a sixth of the decode time).
template <std::size_t N>
inline bool is(std::string_view k, const char (&lit)[N])
{
    return k.size() == N - 1 && std::memcmp(k.data(), lit, N - 1) == 0;
}

// Containers the parser is inside of (outside captures).
enum class frame : unsigned char { root, choices, choice, delta, skip };

struct handler {
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);

    // The value_stack keeps its own stack in default storage; only the values it builds live in
    // the monotonic buffer (released before every event).
    handler() : mr(initial.data(), initial.size()) { st.reset(boost::json::storage_ptr(&mr)); }

    // ---- per-document state ----
    std::vector<chat_delta>* out = nullptr;
    std::size_t first = 0;  // index in *out of this chunk's first delta
    std::string id, model, provider, fingerprint;
    bool has_fingerprint = false;
    std::int64_t created = 0;
    bool saw_choices = false;
    bool saw_root = false;
    std::optional<openrouter::usage> usage;
    boost::json::object error_obj;
    bool has_error = false;
    std::string why;

    std::vector<frame> frames;
    // The current key: a view into the event's text (the whole event is parsed in one call),
    // or a copy in key_buf when the parser delivered it in pieces or from its own buffer (an
    // escaped key is unescaped there, and the buffer is reused for the value that follows).
    std::string_view key;
    std::string key_buf;
    std::string_view doc;          // the event's text
    target next = target::ignore;  // target of the value that follows the current key
    std::string* str = nullptr;    // string being filled by on_string_part/on_string
    int capture_depth = 0;         // > 0 while building a captured value
    target capturing = target::ignore;
    std::string capture_key;

    // Not zeroed: its pages are touched only when a captured value needs them (K open streams
    // would otherwise each hold 8 KiB of zeros).
    std::array<unsigned char, 8192> initial;
    boost::json::monotonic_resource mr;
    boost::json::value_stack st;

    // Starts a new event: clears the per-document state and releases the capture memory.
    void begin(std::vector<chat_delta>& o);

    chat_delta& cur() { return out->back(); }

    bool fail(error_code& ec, std::string reason)
    {
        why = std::move(reason);
        ec = make_error_code(errc::invalid_response);
        return false;
    }

    target key_target(frame f)
    {
        const std::string_view k = key;
        switch (f) {
        case frame::root:
            if (is(k, "id"))
                return target::id;
            if (is(k, "model"))
                return target::model;
            if (is(k, "provider"))
                return target::provider;
            if (is(k, "created"))
                return target::created;
            if (is(k, "system_fingerprint"))
                return target::fingerprint;
            if (is(k, "choices"))
                return target::choices;
            if (is(k, "usage"))
                return target::usage;
            if (is(k, "error"))
                return target::top_error;
            return target::ignore;  // object, service_tier, ...: not part of a delta
        case frame::choice:
            if (is(k, "index"))
                return target::choice_index;
            if (is(k, "delta") || is(k, "message"))
                return target::delta;
            if (is(k, "text"))
                return target::content;  // legacy /completions chunks
            if (is(k, "finish_reason"))
                return target::finish;
            if (is(k, "native_finish_reason"))
                return target::native_finish;
            if (is(k, "logprobs"))
                return target::logprobs;
            return target::choice_extra;
        case frame::delta:
            if (is(k, "role"))
                return target::role;
            if (is(k, "content"))
                return target::content;
            if (is(k, "reasoning"))
                return target::reasoning;
            if (is(k, "refusal"))
                return target::refusal;
            if (is(k, "tool_calls"))
                return target::tool_calls;
            if (is(k, "reasoning_details"))
                return target::reasoning_details;
            if (is(k, "annotations"))
                return target::annotations;
            if (is(k, "images"))
                return target::images;
            return target::choice_extra;
        default: return target::ignore;
        }
    }

    // True when the next value is an element of the choices array, where only objects belong.
    // Checked before anything that looks at `next`: after the first choice, `next` still names
    // the last key of that choice.
    bool in_choices() const { return !frames.empty() && frames.back() == frame::choices; }

    bool not_a_choice(error_code& ec) { return fail(ec, "choices: expected objects"); }

    // Finishes a captured value: reads it into the delta / chunk state (chunk_capture.cpp).
    bool finish_capture(error_code& ec);

    // ---- SAX events ----
    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }

    bool on_object_begin(error_code& ec)
    {
        if (capture_depth > 0) {
            ++capture_depth;
            return true;
        }
        if (frames.empty()) {
            if (saw_root)
                return fail(ec, "expected one chunk object");
            saw_root = true;
            frames.push_back(frame::root);
            return true;
        }
        const frame f = frames.back();
        if (f == frame::choices) {
            out->emplace_back();
            frames.push_back(frame::choice);
            return true;
        }
        if (is_capture(next))
            return begin_capture();
        if (next == target::delta) {
            frames.push_back(frame::delta);
            return true;
        }
        if (next == target::ignore || f == frame::skip) {
            frames.push_back(frame::skip);
            return true;
        }
        return fail(ec, "'" + std::string(key) + "': unexpected object");
    }

    // A container begins at a member that is captured whole (see finish_capture).
    bool begin_capture()
    {
        capturing = next;
        capture_key = key;
        capture_depth = 1;
        return true;
    }

    // A container ends: inside a capture it is built (`push`), otherwise its frame is left.
    template <class Push>
    bool end_container(Push push, error_code& ec)
    {
        if (capture_depth == 0) {
            frames.pop_back();
            return true;
        }
        push();
        return --capture_depth == 0 ? finish_capture(ec) : true;
    }

    bool on_object_end(std::size_t n, error_code& ec)
    {
        return end_container([&] { st.push_object(n); }, ec);
    }

    bool on_array_begin(error_code& ec)
    {
        if (capture_depth > 0) {
            ++capture_depth;
            return true;
        }
        if (frames.empty())
            return fail(ec, "expected a chunk object");
        if (in_choices())
            return not_a_choice(ec);
        if (is_capture(next))
            return begin_capture();
        if (next == target::choices) {
            saw_choices = true;
            frames.push_back(frame::choices);
            return true;
        }
        if (next == target::ignore || frames.back() == frame::skip) {
            frames.push_back(frame::skip);
            return true;
        }
        return fail(ec, "'" + std::string(key) + "': unexpected array");
    }

    bool on_array_end(std::size_t n, error_code& ec)
    {
        return end_container([&] { st.push_array(n); }, ec);
    }

    bool on_key_part(sv s, std::size_t n, error_code&)
    {
        if (capture_depth > 0) {
            st.push_chars(s);
            return true;
        }
        if (n == s.size())
            key_buf.clear();
        key_buf.append(s.data(), s.size());
        return true;
    }

    bool on_key(sv s, std::size_t n, error_code&)
    {
        if (capture_depth > 0) {
            st.push_key(s);
            return true;
        }
        if (n == s.size() && s.data() >= doc.data() && s.data() + s.size() <= doc.data() + doc.size()) {
            key = s;
        } else {
            if (n == s.size())
                key_buf.clear();
            key_buf.append(s.data(), s.size());
            key = key_buf;
        }
        next = frames.back() == frame::skip ? target::ignore : key_target(frames.back());
        return true;
    }

    // The string a scalar string value of `next` fills, or null to skip it.
    std::string* string_target(error_code& ec, bool& bad)
    {
        bad = false;
        switch (next) {
        case target::id: return &id;
        case target::model: return &model;
        case target::provider: return &provider;
        case target::fingerprint: has_fingerprint = true; return &fingerprint;
        case target::finish: return &cur().finish_reason.emplace();
        case target::native_finish: return &cur().native_finish_reason.emplace();
        case target::role: return &cur().role.emplace();
        case target::content: return &cur().content;
        case target::reasoning: return &cur().reasoning;
        case target::refusal: return &cur().refusal.emplace();
        case target::created:
        case target::choice_index:
        case target::choices:
        case target::delta:
            bad = true;
            fail(ec, "'" + std::string(key) + "': unexpected string");
            return nullptr;
        default: return nullptr;
        }
    }

    bool on_string_part(sv s, std::size_t n, error_code& ec)
    {
        if (capture_depth > 0) {
            st.push_chars(s);
            return true;
        }
        if (in_choices())
            return not_a_choice(ec);
        if (is_capture(next)) {  // a captured member that is a plain string: on_string ends it
            st.push_chars(s);
            return true;
        }
        if (n == s.size()) {  // first part of this string
            bool bad = false;
            str = string_target(ec, bad);
            if (bad)
                return false;
        }
        if (str != nullptr)
            str->append(s.data(), s.size());
        return true;
    }

    bool on_string(sv s, std::size_t n, error_code& ec)
    {
        bool ok = false;
        if (captured_scalar(ec, ok, [&] { st.push_string(s); }))
            return ok;
        if (n == s.size()) {
            bool bad = false;
            str = string_target(ec, bad);
            if (bad)
                return false;
        }
        if (str != nullptr)
            str->append(s.data(), s.size());
        str = nullptr;
        return true;
    }

    bool on_number_part(sv, error_code&) { return true; }

    // A number outside a capture: an integer member (lenient: 1.7e9 and 0.0 are integers), an
    // ignored member, or a wrong shape.
    bool number(error_code& ec, double d, bool integral, std::int64_t i)
    {
        if (next == target::ignore)
            return true;
        if (next != target::created && next != target::choice_index)
            return fail(ec, "'" + std::string(key) + "': unexpected number");
        std::int64_t v = i;
        if (!integral) {
            // 2^63 is exactly representable; the range check keeps the cast defined.
            if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0) || std::trunc(d) != d)
                return fail(ec, "'" + std::string(key) + "': expected integer");
            v = static_cast<std::int64_t>(d);
        }
        if (next == target::created)
            created = v;
        else
            cur().choice_index = v;
        return true;
    }

    // A scalar outside a string: added to the capture in progress, or captured alone when the
    // current key is a captured member. Returns false when neither applies (the caller handles
    // the value); `ok` is then untouched.
    template <class Push>
    bool captured_scalar(error_code& ec, bool& ok, Push push)
    {
        if (capture_depth > 0) {
            push();
            ok = true;
            return true;
        }
        if (in_choices()) {
            ok = not_a_choice(ec);
            return true;
        }
        if (!is_capture(next))
            return false;
        capturing = next;
        capture_key = key;
        push();
        ok = finish_capture(ec);
        return true;
    }

    bool on_int64(std::int64_t i, sv, error_code& ec)
    {
        bool ok = false;
        if (captured_scalar(ec, ok, [&] { st.push_int64(i); }))
            return ok;
        return number(ec, static_cast<double>(i), true, i);
    }

    bool on_uint64(std::uint64_t u, sv, error_code& ec)
    {
        bool ok = false;
        if (captured_scalar(ec, ok, [&] { st.push_uint64(u); }))
            return ok;
        return number(ec, static_cast<double>(u), false, 0);  // above INT64_MAX: out of range
    }

    bool on_double(double d, sv, error_code& ec)
    {
        bool ok = false;
        if (captured_scalar(ec, ok, [&] { st.push_double(d); }))
            return ok;
        return number(ec, d, false, 0);
    }

    bool on_bool(bool b, error_code& ec)
    {
        bool ok = false;
        if (captured_scalar(ec, ok, [&] { st.push_bool(b); }))
            return ok;
        if (next != target::ignore)
            return fail(ec, "'" + std::string(key) + "': unexpected boolean");
        return true;
    }

    bool on_null(error_code& ec)
    {
        // null for a known member means "not present in this chunk"; an unknown key keeps it.
        if (capture_depth == 0 && !in_choices() && next != target::choice_extra)
            return true;
        bool ok = false;
        captured_scalar(ec, ok, [&] { st.push_null(); });
        return ok;
    }

    bool on_comment_part(sv, error_code&) { return true; }
    bool on_comment(sv, error_code&) { return true; }

    // After a successful document: chunk-level fields go to every delta of the chunk.
    void end();
};

}  // namespace openrouter::detail::chunk_sax

#endif
