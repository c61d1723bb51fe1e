// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include <openrouter/error.hpp>
#include <openrouter/sse.hpp>

#include "sansio/sse_scan.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <utility>

namespace openrouter::sse {
namespace {

constexpr std::string_view default_event_type = "message";
constexpr char utf8_bom[3] = {'\xEF', '\xBB', '\xBF'};
constexpr std::size_t min_buffer = 4096;

// The bytes after a line ending that starts at `eol` (a CR or LF inside [.., end)). A CR that is
// the last byte of the input may be the first half of a CRLF: `cr_pending` makes the next piece
// skip a leading LF.
const char* after_eol(const char* eol, const char* end, bool& cr_pending) noexcept
{
    if (*eol == '\n')
        return eol + 1;
    if (eol + 1 == end) {
        cr_pending = true;
        return end;
    }
    return eol[1] == '\n' ? eol + 2 : eol + 1;
}

// The first ':' of a line. Field names are short, so look at the first bytes inline before
// handing a long colon-less line to memchr.
std::size_t find_colon(std::string_view line) noexcept
{
    const std::size_t probe = std::min<std::size_t>(line.size(), 8);
    for (std::size_t i = 0; i < probe; ++i)
        if (line[i] == ':')
            return i;
    if (probe == line.size())
        return std::string_view::npos;
    const void* colon = std::memchr(line.data() + probe, ':', line.size() - probe);
    return colon == nullptr ? std::string_view::npos
                            : static_cast<std::size_t>(static_cast<const char*>(colon) - line.data());
}

// "If the field value consists of only ASCII digits": non-empty, digits only, fits in 64 bits.
bool parse_retry(std::string_view v, std::uint64_t& out) noexcept
{
    if (v.empty())
        return false;
    const char* last = v.data() + v.size();
    const auto [ptr, ec] = std::from_chars(v.data(), last, out, 10);
    return ec == std::errc{} && ptr == last;
}

}  // namespace

decoder::decoder(decoder_options options) noexcept : opts_(options) {}

decoder::decoder(decoder&& other) noexcept
{
    *this = std::move(other);
}

decoder& decoder::operator=(decoder&& other) noexcept
{
    if (this == &other)
        return *this;
    opts_ = other.opts_;
    event_ = {};
    buf_ = std::move(other.buf_);
    cap_ = std::exchange(other.cap_, 0);
    size_ = std::exchange(other.size_, 0);
    data_size_ = std::exchange(other.data_size_, 0);
    view_ = std::exchange(other.view_, nullptr);
    type_ = std::move(other.type_);
    id_buf_ = std::move(other.id_buf_);
    last_id_ = std::move(other.last_id_);
    reconnection_time_ = other.reconnection_time_;
    event_retry_ = other.event_retry_;
    failed_ = other.failed_;
    has_data_ = other.has_data_;
    id_dirty_ = other.id_dirty_;
    clear_type_ = other.clear_type_;
    cr_pending_ = other.cr_pending_;
    bom_done_ = other.bom_done_;
    bom_seen_ = other.bom_seen_;
    other.reset();
    return *this;
}

void decoder::reserve(std::size_t n)
{
    if (n <= cap_)
        return;
    // Callers never ask for more than the limit, so the clamp keeps cap >= n.
    const std::size_t cap = std::min(std::max({n, cap_ * 2, min_buffer}), opts_.max_event_bytes);
    auto fresh = std::make_unique_for_overwrite<char[]>(cap);
    if (size_ != 0)
        std::memcpy(fresh.get(), buf_.get(), size_);
    buf_ = std::move(fresh);
    cap_ = cap;
}

bool decoder::append_carry(const char* first, std::size_t n)
{
    if (n > opts_.max_event_bytes - size_)
        return false;
    if (n != 0) {
        reserve(size_ + n);
        std::memcpy(buf_.get() + size_, first, n);
        size_ += n;
    }
    return true;
}

void decoder::materialize_data()
{
    if (view_ == nullptr)
        return;
    // While view_ is set, the buffer holds nothing (the view is the first data line of the event).
    if (data_size_ != 0) {
        reserve(data_size_);
        std::memcpy(buf_.get(), view_, data_size_);
    }
    size_ = data_size_;
    view_ = nullptr;
}

void decoder::append_data(std::string_view value)
{
    materialize_data();
    reserve(data_size_ + 1 + value.size());
    char* dst = buf_.get() + data_size_;
    *dst++ = '\n';
    std::memcpy(dst, value.data(), value.size());
    data_size_ += 1 + value.size();
    size_ = data_size_;
}

// The blank line: dispatches the pending event, if any. The last event ID string is set even
// when nothing is dispatched. Returns true when `out` now holds an event.
bool decoder::dispatch(item& out)
{
    if (id_dirty_) {
        last_id_.assign(id_buf_);
        id_dirty_ = false;
    }
    if (!has_data_) {
        type_.clear();
        event_retry_.reset();
        return false;
    }
    out.kind = result_kind::event;
    out.ev = &event_;
    event_.data = view_ != nullptr ? std::string_view(view_, data_size_) : std::string_view(buf_.get(), data_size_);
    event_.raw_type = type_;
    event_.type = type_.empty() ? default_event_type : std::string_view(type_);
    event_.id = last_id_;
    event_.retry = event_retry_;
    // The views stay valid: the buffer is only overwritten by the next call, and type_ is
    // cleared lazily at the start of the next call.
    view_ = nullptr;
    has_data_ = false;
    data_size_ = 0;
    size_ = 0;
    clear_type_ = !type_.empty();
    event_retry_.reset();
    return true;
}

// Interprets one complete line. `in_buffer`: the line is the carried-over partial line, stored in
// buf_ just after the data (size_ was already cut back to data_size_). Returns true when `out`
// now holds an event or a comment.
bool decoder::process_line(std::string_view line, bool in_buffer, item& out)
{
    if (line.empty())
        return dispatch(out);
    if (line.front() == ':') {
        out.kind = result_kind::comment;
        out.comment = line.substr(1);
        if (!out.comment.empty() && out.comment.front() == ' ')
            out.comment.remove_prefix(1);
        return true;
    }

    std::string_view name = line;
    std::string_view value = line.substr(line.size());
    if (const std::size_t at = find_colon(line); at != std::string_view::npos) {
        name = line.substr(0, at);
        value = line.substr(at + 1);
        if (!value.empty() && value.front() == ' ')
            value.remove_prefix(1);
    }

    switch (name.size()) {
    case 4:
        if (name == "data") {
            if (in_buffer) {
                // The value lies in buf_ after the data: move it down (the line is longer than
                // the value plus the joining LF, so it fits where the line was).
                char* dst = buf_.get() + data_size_;
                if (has_data_)
                    *dst++ = '\n';
                std::memmove(dst, value.data(), value.size());
                data_size_ = static_cast<std::size_t>(dst - buf_.get()) + value.size();
                size_ = data_size_;
            } else if (!has_data_) {
                view_ = value.data();  // zero copy until the event leaves this input
                data_size_ = value.size();
            } else {
                append_data(value);
            }
            has_data_ = true;
        }
        break;
    case 5:
        if (name == "event") {
            type_.assign(value);
        } else if (name == "retry") {
            std::uint64_t ms = 0;
            if (parse_retry(value, ms)) {
                reconnection_time_ = ms;
                event_retry_ = ms;
            }
        }
        break;
    case 2:
        if (name == "id" && std::memchr(value.data(), '\0', value.size()) == nullptr) {
            id_buf_.assign(value);
            id_dirty_ = true;
        }
        break;
    default: break;
    }
    return false;
}

decoder::item decoder::next(std::string_view input)
{
    item out;
    if (failed_) {
        out.kind = result_kind::error;
        out.error = failed_;
        return out;
    }
    if (clear_type_) {
        type_.clear();
        clear_type_ = false;
    }

    const char* const begin = input.data();
    const char* const end = begin + input.size();
    const char* p = begin;

    auto fail = [&](const char* at) {
        failed_ = make_error_code(errc::event_too_large);
        view_ = nullptr;
        out.kind = result_kind::error;
        out.error = failed_;
        out.consumed = static_cast<std::size_t>(at - begin);
    };

    if (!bom_done_) {
        while (bom_seen_ < sizeof utf8_bom) {
            if (p == end) {
                out.consumed = input.size();
                return out;
            }
            if (*p != utf8_bom[bom_seen_])
                break;
            ++p;
            ++bom_seen_;
        }
        bom_done_ = true;
        // A partial match is no BOM: its bytes start the first line.
        if (bom_seen_ < sizeof utf8_bom && !append_carry(utf8_bom, bom_seen_)) {
            fail(p);
            return out;
        }
    }
    if (cr_pending_) {
        if (p == end) {
            out.consumed = input.size();
            return out;
        }
        if (*p == '\n')
            ++p;
        cr_pending_ = false;
    }

    if (size_ > data_size_) {
        // Complete the line carried over from earlier pieces.
        const char* eol = detail::find_eol(p, end);
        if (!append_carry(p, static_cast<std::size_t>(eol - p))) {
            fail(p);
            return out;
        }
        if (eol == end) {
            out.consumed = input.size();
            return out;
        }
        p = after_eol(eol, end, cr_pending_);
        const std::string_view line(buf_.get() + data_size_, size_ - data_size_);
        size_ = data_size_;
        if (process_line(line, true, out)) {
            out.consumed = static_cast<std::size_t>(p - begin);
            return out;
        }
    }

    for (;;) {
        if (p == end) {
            materialize_data();
            out.consumed = input.size();
            return out;
        }
        const char* eol = detail::find_eol(p, end);
        const auto len = static_cast<std::size_t>(eol - p);
        // The common event: one `data: ` line ended by LF, then a blank line (LF), with nothing
        // pending: dispatched here, as process_line would for the two lines.
        if (!has_data_ && len >= 6 && end - eol >= 2 && eol[0] == '\n' && eol[1] == '\n' &&
            len <= opts_.max_event_bytes && std::memcmp(p, "data: ", 6) == 0) {
            view_ = p + 6;
            data_size_ = len - 6;
            has_data_ = true;
            p = eol + 2;
            dispatch(out);
            out.consumed = static_cast<std::size_t>(p - begin);
            return out;
        }
        if (len > opts_.max_event_bytes - data_size_) {
            fail(p);
            return out;
        }
        if (eol == end) {
            materialize_data();
            append_carry(p, len);  // within the limit: checked above
            out.consumed = input.size();
            return out;
        }
        const std::string_view line(p, len);
        p = after_eol(eol, end, cr_pending_);
        if (process_line(line, false, out)) {
            materialize_data();  // a comment inside an event: the data must outlive this input
            out.consumed = static_cast<std::size_t>(p - begin);
            return out;
        }
    }
}

void decoder::start_stream() noexcept
{
    size_ = 0;
    data_size_ = 0;
    view_ = nullptr;
    type_.clear();
    id_dirty_ = false;  // the last event ID buffer starts as the last event ID string
    event_retry_.reset();
    failed_.clear();
    has_data_ = false;
    clear_type_ = false;
    cr_pending_ = false;
    bom_done_ = false;
    bom_seen_ = 0;
}

boost::system::error_code decoder::finish()
{
    boost::system::error_code ec = failed_;
    if (!ec && (has_data_ || size_ > data_size_ || (!bom_done_ && bom_seen_ != 0)))
        ec = make_error_code(errc::stream_truncated);
    start_stream();
    return ec;
}

void decoder::reset() noexcept
{
    start_stream();
    last_id_.clear();
    id_buf_.clear();
    reconnection_time_.reset();
}

}  // namespace openrouter::sse
