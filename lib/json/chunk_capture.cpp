// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The rare part of a chunk's full decode (json/chunk_handler.hpp): members captured whole as
// JSON values, read with the same codecs as the non-streaming response, the per-event reset
// and the chunk-level fields copied into every delta of the chunk.
#include "json/chunk_handler.hpp"

#include "json/chat_codec.hpp"
#include "json/json_util.hpp"

namespace openrouter::detail::chunk_sax {

void handler::begin(std::vector<chat_delta>& o)
{
    out = &o;
    first = o.size();
    id.clear();
    model.clear();
    provider.clear();
    fingerprint.clear();
    has_fingerprint = false;
    created = 0;
    saw_choices = false;
    saw_root = false;
    usage.reset();
    has_error = false;
    why.clear();
    frames.clear();
    key = {};
    next = target::ignore;
    str = nullptr;
    capture_depth = 0;
    st.reset(boost::json::storage_ptr(&mr));  // drops what a failed event left, then its memory
    mr.release();
}

// Finishes a captured value: reads it into the delta / chunk state.
bool handler::finish_capture(error_code& ec)
{
    boost::json::value v = st.release();
    st.reset(boost::json::storage_ptr(&mr));
    std::string w;
    switch (capturing) {
    case target::usage:
        if (v.is_null())
            return true;
        if (!read_val(v, usage.emplace(), w))
            return fail(ec, "usage: " + w);
        return true;
    case target::top_error:  // (null never gets here: on_null skips it)
        if (!v.is_object())
            return fail(ec, "error: expected object");
        error_obj = v.get_object();  // copied into error_obj's own (default) storage
        has_error = true;
        return true;
    case target::tool_calls: {
        if (v.is_null())
            return true;
        if (!v.is_array())
            return fail(ec, "delta.tool_calls: expected array");
        auto& calls = cur().tool_calls;
        const auto& items = v.get_array();
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (!read_val(items[i], calls.emplace_back(), w)) {
                prefix_index(w, i);
                prefix(w, "delta.tool_calls");
                return fail(ec, std::move(w));
            }
        }
        return true;
    }
    case target::reasoning_details:
        if (!v.is_null() && !read_val(v, cur().reasoning_details, w))
            return fail(ec, "delta.reasoning_details: " + w);
        return true;
    case target::annotations:
        if (!v.is_null() && !read_val(v, cur().annotations, w))
            return fail(ec, "delta.annotations: " + w);
        return true;
    case target::images:
        if (!v.is_null() && !read_val(v, cur().images, w))
            return fail(ec, "delta.images: " + w);
        return true;
    case target::logprobs:
        if (!v.is_null() && !read_val(v, cur().logprobs.emplace(), w))
            return fail(ec, "choices.logprobs: " + w);
        return true;
    case target::choice_extra: cur().extra[capture_key] = v; return true;  // copied into extra's storage
    default: return true;
    }
}

// After a successful document: chunk-level fields go to every delta of the chunk.
void handler::end()
{
    if (out->size() == first && usage) {
        out->emplace_back();
        out->back().has_no_choice = true;
    }
    for (std::size_t i = first; i < out->size(); ++i) {
        chat_delta& d = (*out)[i];
        d.id = id;
        d.model = model;
        d.provider = provider;
        d.created = created;
        if (has_fingerprint)
            d.system_fingerprint = fingerprint;
    }
    if (usage && out->size() > first)
        (*out)[out->size() - 1].usage = std::move(usage);
}

}  // namespace openrouter::detail::chunk_sax
