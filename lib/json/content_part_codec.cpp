// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// JSON codecs of content parts (text, image, audio, file, video) and message content (string or
// parts): hand-written, because a part's members depend on its "type" (cache_control is the
// walker's).

#include "json/chat_codec.hpp"

#include <string_view>
#include <utility>

namespace openrouter::detail {

// ---------------------------------------------------------------- content parts

namespace {

part_kind kind_of(std::string_view type) noexcept
{
    switch (key_hash(type)) {
    case key_hash("text"): return type == "text" ? part_kind::text : part_kind::unknown;
    case key_hash("image_url"): return type == "image_url" ? part_kind::image : part_kind::unknown;
    case key_hash("input_audio"): return type == "input_audio" ? part_kind::audio : part_kind::unknown;
    case key_hash("file"): return type == "file" ? part_kind::file : part_kind::unknown;
    case key_hash("video_url"): return type == "video_url" ? part_kind::video : part_kind::unknown;
    case key_hash("input_video"): return type == "input_video" ? part_kind::legacy_video : part_kind::unknown;
    default: return part_kind::unknown;
    }
}

// Reads the payload object of a part ("image_url", "input_audio", "file", "video_url").
bool read_payload(const json::value& v, content_part& p, std::string& why)
{
    const json::object* o = as_object(v, why);
    if (!o)
        return false;
    for (const auto& kv : *o) {
        const std::string_view k = kv.key();
        const json::value& v2 = kv.value();
        std::string* target = nullptr;
        std::optional<std::string>* opt = nullptr;
        switch (key_hash(k)) {
        case key_hash("url"):
            if (k == "url")
                target = &p.url;
            break;
        case key_hash("detail"):
            if (k == "detail")
                opt = &p.detail;
            break;
        case key_hash("data"):
            if (k == "data")
                target = &p.audio_data;
            break;
        case key_hash("format"):
            if (k == "format")
                target = &p.audio_format;
            break;
        case key_hash("filename"):
            if (k == "filename")
                opt = &p.filename;
            break;
        case key_hash("file_data"):
            if (k == "file_data")
                opt = &p.file_data;
            break;
        case key_hash("file_id"):
            if (k == "file_id")
                opt = &p.file_id;
            break;
        default: break;
        }
        if (target) {
            if (!read_val(v2, *target, why))
                return prefix(why, k);
        } else if (opt) {
            if (!read_val(v2, *opt, why))
                return prefix(why, k);
        } else {
            p.payload_extra.emplace(k, v2);
        }
    }
    return true;
}

}  // namespace

bool read_val(const json::value& v, content_part& out, std::string& why)
{
    const json::object* o = as_object(v, why);
    if (!o)
        return false;
    out = content_part{};
    const json::value* type = o->if_contains("type");
    if (!type || !type->is_string()) {
        expected(why, "string");
        return prefix(why, "type");
    }
    out.kind = kind_of(type->get_string());
    if (out.kind == part_kind::unknown) {
        out.extra = *o;
        return true;
    }
    for (const auto& kv : *o) {
        const std::string_view k = kv.key();
        const json::value& v2 = kv.value();
        switch (key_hash(k)) {
        case key_hash("type"):
            if (k == "type")
                continue;
            break;
        case key_hash("text"):
            if (k == "text") {
                if (!read_val(v2, out.text, why))
                    return prefix(why, k);
                continue;
            }
            break;
        case key_hash("image_url"):
        case key_hash("input_audio"):
        case key_hash("file"):
        case key_hash("video_url"):
            if (k == "image_url" || k == "input_audio" || k == "file" || k == "video_url") {
                if (!read_payload(v2, out, why))
                    return prefix(why, k);
                continue;
            }
            break;
        case key_hash("cache_control"):
            if (k == "cache_control") {
                if (!read_val(v2, out.cache_control, why))
                    return prefix(why, k);
                continue;
            }
            break;
        case key_hash("prompt_cache_breakpoint"):
            if (k == "prompt_cache_breakpoint") {
                if (v2.is_null())
                    continue;
                const json::object* b = as_object(v2, why);
                if (!b)
                    return prefix(why, k);
                out.prompt_cache_breakpoint.emplace();
                if (const json::value* mode = b->if_contains("mode")) {
                    if (!read_val(*mode, *out.prompt_cache_breakpoint, why)) {
                        prefix(why, "mode");
                        return prefix(why, k);
                    }
                }
                continue;
            }
            break;
        default: break;
        }
        out.extra.emplace(k, v2);
    }
    return true;
}

json::value to_value(const content_part& p, const json::storage_ptr& sp)
{
    if (p.kind == part_kind::unknown)
        return json::value(p.extra, sp);
    json::object o(sp);
    o.emplace("type", to_string(p.kind));
    auto payload = [&](std::string_view key, auto&& fill) {
        json::object po(sp);
        fill(po);
        merge_extra(po, p.payload_extra);
        o.insert_or_assign(key, std::move(po));
    };
    switch (p.kind) {
    case part_kind::text: put(o, "text", p.text); break;
    case part_kind::image:
        payload("image_url", [&](json::object& po) {
            put(po, "url", p.url);
            put(po, "detail", p.detail);
        });
        break;
    case part_kind::audio:
        payload("input_audio", [&](json::object& po) {
            put(po, "data", p.audio_data);
            put(po, "format", p.audio_format);
        });
        break;
    case part_kind::file:
        payload("file", [&](json::object& po) {
            put(po, "filename", p.filename);
            put(po, "file_data", p.file_data);
            put(po, "file_id", p.file_id);
        });
        break;
    case part_kind::video:
    case part_kind::legacy_video: payload("video_url", [&](json::object& po) { put(po, "url", p.url); }); break;
    case part_kind::unknown: break;
    }
    if (p.cache_control)
        o.insert_or_assign("cache_control", to_value(*p.cache_control, sp));
    if (p.prompt_cache_breakpoint) {
        json::object b(sp);
        put(b, "mode", *p.prompt_cache_breakpoint);
        o.insert_or_assign("prompt_cache_breakpoint", std::move(b));
    }
    merge_extra(o, p.extra);
    return o;
}

bool read_val(const json::value& v, message_content& out, std::string& why)
{
    if (const json::string* s = v.if_string()) {
        out.emplace<std::string>(s->data(), s->size());
        return true;
    }
    if (v.is_array())
        return read_val(v, out.emplace<std::vector<content_part>>(), why);
    return expected(why, "string or array");
}

json::value to_value(const message_content& c, const json::storage_ptr& sp)
{
    if (const std::string* s = std::get_if<std::string>(&c))
        return json::value(json::string(*s, sp));
    const auto& parts = std::get<std::vector<content_part>>(c);
    json::array a(sp);
    a.reserve(parts.size());
    for (const auto& p : parts)
        a.push_back(to_value(p, sp));
    return a;
}

}  // namespace openrouter::detail
