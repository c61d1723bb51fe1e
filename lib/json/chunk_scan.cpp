// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include "json/chunk_scan.hpp"

#include "json/string_scan.hpp"

#include <cstdint>
#include <cstring>
#include <utility>

namespace openrouter::detail {
namespace {

// The n bytes at p equal those of `lit`: compared a word at a time, inline (a call to memcmp
// per key cost more than the comparison).
template <std::size_t n>
inline bool same(const char* p, const char* lit) noexcept
{
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        std::uint64_t a = 0;
        std::uint64_t b = 0;
        std::memcpy(&a, p + i, 8);
        std::memcpy(&b, lit + i, 8);
        if (a != b)
            return false;
    }
    for (; i < n; ++i)
        if (p[i] != lit[i])
            return false;
    return true;
}

inline bool is_ws(char c) noexcept
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

// The members the scanner knows, one bit each (a second occurrence gives up).
enum member : unsigned {
    m_id = 1u << 0,
    m_provider = 1u << 1,
    m_model = 1u << 2,
    m_object = 1u << 3,
    m_created = 1u << 4,
    m_fingerprint = 1u << 5,
    m_choices = 1u << 6,
    m_index = 1u << 7,
    m_delta = 1u << 8,
    m_finish = 1u << 9,
    m_native_finish = 1u << 10,
    m_logprobs = 1u << 11,
    m_role = 1u << 12,
    m_content = 1u << 13,
    m_reasoning = 1u << 14,
    m_refusal = 1u << 15,
    m_text = 1u << 16,
};

class scanner {
public:
    scanner(std::string_view data, std::vector<chat_delta>& out, chunk_scan_strings& bufs)
        : p_(data.data()), end_(data.data() + data.size()), out_(out), bufs_(bufs)
    {}

    bool run()
    {
        if (!root())
            return false;
        ws();
        return p_ == end_;
    }

    std::string_view id, model, provider, fingerprint;
    bool has_fingerprint = false;
    std::int64_t created = 0;
    // Where the text of the last delta's content and reasoning strings are in the input (from
    // past the opening quote to past the closing one); null when absent or null.
    const char* content_begin = nullptr;
    const char* content_end = nullptr;
    const char* reasoning_begin = nullptr;
    const char* reasoning_end = nullptr;

private:
    void ws() noexcept
    {
        // Most tokens follow each other without blanks: one test for those.
        while (p_ != end_ && static_cast<unsigned char>(*p_) <= ' ' && is_ws(*p_))
            ++p_;
    }

    // The next non-blank byte is `c`: consumes it. (Blanks are rare: `c` is tried first.)
    bool eat(char c) noexcept
    {
        if (p_ == end_ || *p_ != c) {
            ws();
            if (p_ == end_ || *p_ != c)
                return false;
        }
        ++p_;
        return true;
    }

    // The next non-blank token is `null`: consumes it.
    bool null_next() noexcept
    {
        if (p_ != end_ && *p_ != 'n')
            ws();
        if (end_ - p_ >= 4 && std::memcmp(p_, "null", 4) == 0) {
            p_ += 4;
            return true;
        }
        return false;
    }

    // The next non-blank byte, consumed (0 at the end of the input).
    char next_byte() noexcept
    {
        if (p_ != end_ && static_cast<unsigned char>(*p_) <= ' ')
            ws();
        return p_ == end_ ? '\0' : *p_++;
    }

    // The key at p_ (its opening quote consumed) is `lit` (written with its closing quote):
    // consumes it and the colon. A key is exactly `lit` when its text starts with it, as none of
    // the known keys holds a quote or a backslash; an escaped spelling of a known key does not
    // match, so the scanner gives up on it and the full decoder reads it.
    template <std::size_t N>
    bool key_is(const char (&lit)[N]) noexcept
    {
        constexpr std::size_t n = N - 1;
        if (static_cast<std::size_t>(end_ - p_) < n || !same<n>(p_, lit))
            return false;
        p_ += n;
        return eat(':');
    }

    // A string (`text` views it, see scan_string; its text in the input is
    // [str_begin_, str_end_)), or null (`present` false).
    bool string_or_null(std::string& buf, std::string_view& text, bool& present)
    {
        if (null_next()) {
            present = false;
            return true;
        }
        if (p_ == end_ || *p_ != '"')
            return false;
        present = true;
        str_begin_ = p_ + 1;
        p_ = scan_string(str_begin_, end_, buf, text);
        str_end_ = p_;
        return p_ != nullptr;
    }

    // A string member of a delta that can be a template's variable string: as string_into, and
    // its place is kept in [begin, end) when it is a string.
    bool variable_into(std::string& dst, const char*& begin, const char*& end)
    {
        bool present = false;
        if (!string_into(dst, present))
            return false;
        if (present) {
            begin = str_begin_;
            end = str_end_;
        }
        return true;
    }

    // A string member of a delta, written into `dst` (empty on entry), or null.
    bool string_into(std::string& dst, bool& present)
    {
        std::string_view text;
        if (!string_or_null(dst, text, present))
            return false;
        if (present && text.data() != dst.data())
            dst.assign(text);
        return true;
    }

    bool optional_string_into(std::optional<std::string>& dst)
    {
        bool present = false;
        std::string& s = dst.emplace();
        if (!string_into(s, present))
            return false;
        if (!present)
            dst.reset();
        return true;
    }

    // A chunk-level string or null (null: not present, the view stays empty).
    bool chunk_string(std::string& buf, std::string_view& text, bool* has = nullptr)
    {
        buf.clear();
        bool present = false;
        if (!string_or_null(buf, text, present))
            return false;
        if (has != nullptr)
            *has = present;
        return true;
    }

    // A non-negative integer of at most 18 digits, or null (then `v` is untouched).
    bool integer_or_null(std::int64_t& v) noexcept
    {
        if (null_next())
            return true;
        if (p_ == end_ || *p_ < '0' || *p_ > '9')
            return false;
        std::int64_t n = 0;
        if (*p_ == '0') {
            ++p_;
        } else {
            int digits = 0;
            while (p_ != end_ && *p_ >= '0' && *p_ <= '9') {
                if (++digits > 18)
                    return false;
                n = n * 10 + (*p_ - '0');
                ++p_;
            }
        }
        if (p_ != end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E' || (*p_ >= '0' && *p_ <= '9')))
            return false;
        v = n;
        return true;
    }

    // The members of an object, `{` consumed: for each, member() is called with p_ just past the
    // key's opening quote; it matches the key (key_is) and reads the value.
    template <class Member>
    bool members(Member member)
    {
        ws();
        if (p_ != end_ && *p_ == '}') {
            ++p_;
            return true;
        }
        for (;;) {
            if (!eat('"') || p_ == end_ || !member())
                return false;
            const char c = next_byte();
            if (c == '}')
                return true;
            if (c != ',')
                return false;
        }
    }

    // Marks a member as seen; false if it was seen before.
    static bool first_time(unsigned& seen, unsigned bit) noexcept
    {
        if ((seen & bit) != 0)
            return false;
        seen |= bit;
        return true;
    }

    bool root()
    {
        if (!eat('{'))
            return false;
        unsigned seen = 0;
        return members([&] {
            switch (*p_) {
            case 'i': return key_is("id\"") && first_time(seen, m_id) && chunk_string(bufs_.id, id);
            case 'p':
                return key_is("provider\"") && first_time(seen, m_provider) && chunk_string(bufs_.provider, provider);
            case 'm': return key_is("model\"") && first_time(seen, m_model) && chunk_string(bufs_.model, model);
            case 'o': {
                std::string_view ignored;
                return key_is("object\"") && first_time(seen, m_object) && chunk_string(bufs_.skip, ignored);
            }
            case 'c':
                if (key_is("choices\""))
                    return first_time(seen, m_choices) && choices();
                return key_is("created\"") && first_time(seen, m_created) && integer_or_null(created);
            case 's':
                return key_is("system_fingerprint\"") && first_time(seen, m_fingerprint) &&
                       chunk_string(bufs_.fingerprint, fingerprint, &has_fingerprint);
            default: return false;
            }
        });
    }

    bool choices()
    {
        if (!eat('['))
            return false;
        ws();
        if (p_ != end_ && *p_ == ']') {
            ++p_;
            return true;
        }
        for (;;) {
            if (!eat('{'))
                return false;
            if (!choice(out_.emplace_back()))
                return false;
            const char c = next_byte();
            if (c == ']')
                return true;
            if (c != ',')
                return false;
        }
    }

    bool choice(chat_delta& d)
    {
        unsigned seen = 0;
        content_taken_ = false;
        return members([&] {
            switch (*p_) {
            case 't':  // legacy /completions chunks: the choice's text is the delta's content
                return key_is("text\"") && first_time(seen, m_text) && take_content() &&
                       variable_into(d.content, content_begin, content_end);
            case 'i': return key_is("index\"") && first_time(seen, m_index) && integer_or_null(d.choice_index);
            case 'd': return key_is("delta\"") && first_time(seen, m_delta) && (null_next() || (eat('{') && delta(d)));
            case 'f':
                return key_is("finish_reason\"") && first_time(seen, m_finish) && optional_string_into(d.finish_reason);
            case 'n':
                return key_is("native_finish_reason\"") && first_time(seen, m_native_finish) &&
                       optional_string_into(d.native_finish_reason);
            case 'l': return key_is("logprobs\"") && first_time(seen, m_logprobs) && null_next();
            default: return false;
            }
        });
    }

    bool delta(chat_delta& d)
    {
        unsigned seen = 0;
        return members([&] {
            switch (*p_) {
            case 'c':
                return key_is("content\"") && first_time(seen, m_content) && take_content() &&
                       variable_into(d.content, content_begin, content_end);
            case 'r':
                if (key_is("role\""))
                    return first_time(seen, m_role) && optional_string_into(d.role);
                if (key_is("reasoning\""))
                    return first_time(seen, m_reasoning) && variable_into(d.reasoning, reasoning_begin, reasoning_end);
                return key_is("refusal\"") && first_time(seen, m_refusal) && optional_string_into(d.refusal);
            default: return false;
            }
        });
    }

    // A choice's `text` and its delta's `content` both fill `content` (the full decoder appends
    // them in document order): the scanner takes one of them and gives up on a choice with both.
    bool take_content() noexcept { return !std::exchange(content_taken_, true); }

    const char* p_;
    const char* end_;
    bool content_taken_ = false;
    const char* str_begin_ = nullptr;
    const char* str_end_ = nullptr;
    std::vector<chat_delta>& out_;
    chunk_scan_strings& bufs_;
};

// The members the scanner sets, but the template's variable string, from one delta to another.
// Every one of them is assigned, so a new template keeps nothing of the one before, and its
// strings reuse their capacity.
void copy_scanned(const chat_delta& from, chat_delta& to, bool var_is_reasoning)
{
    to.id = from.id;
    to.model = from.model;
    to.provider = from.provider;
    to.created = from.created;
    to.system_fingerprint = from.system_fingerprint;
    to.choice_index = from.choice_index;
    to.role = from.role;
    if (var_is_reasoning)
        to.content = from.content;
    else
        to.reasoning = from.reasoning;
    to.refusal = from.refusal;
    to.finish_reason = from.finish_reason;
    to.native_finish_reason = from.native_finish_reason;
}

}  // namespace

bool chunk_scanner::decode(std::string_view data, std::vector<chat_delta>& out)
{
    return decode_repeat(data, out) || scan(data, out);
}

bool chunk_scanner::decode_repeat(std::string_view data, std::vector<chat_delta>& out)
{
    if (!has_template_)
        return false;
    const std::size_t before = var_begin_;
    const std::size_t after = template_.size() - var_end_;
    if (data.size() < before + 1 + after || std::memcmp(data.data(), template_.data(), before) != 0)
        return false;
    chat_delta& d = out.emplace_back();
    std::string& var = var_is_reasoning_ ? d.reasoning : d.content;
    std::string_view text;
    const char* end = data.data() + data.size();
    const char* q = scan_string(data.data() + before, end, var, text);
    if (q == nullptr || static_cast<std::size_t>(end - q) != after ||
        std::memcmp(q, template_.data() + var_end_, after) != 0) {
        out.pop_back();
        return false;
    }
    if (text.data() != var.data())
        var.assign(text);
    copy_scanned(template_delta_, d, var_is_reasoning_);
    return true;
}

bool chunk_scanner::scan(std::string_view data, std::vector<chat_delta>& out)
{
    const std::size_t first = out.size();
    scanner s(data, out, strings_);
    if (!s.run()) {
        out.erase(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
        return false;
    }
    for (std::size_t i = first; i < out.size(); ++i) {
        chat_delta& d = out[i];
        d.id.assign(s.id);
        d.model.assign(s.model);
        d.provider.assign(s.provider);
        d.created = s.created;
        if (s.has_fingerprint)
            d.system_fingerprint.emplace(s.fingerprint);
    }

    // A chunk with one choice and a content or reasoning string becomes the template, unless it
    // is large (the template is a copy of the event, kept per stream).
    has_template_ = false;
    if (out.size() != first + 1 || data.size() > max_template_bytes)
        return true;
    const chat_delta& d = out.back();
    const char* begin = nullptr;
    const char* end = nullptr;
    var_is_reasoning_ = d.content.empty() && !d.reasoning.empty();
    if (var_is_reasoning_) {
        begin = s.reasoning_begin;
        end = s.reasoning_end;
    } else {
        begin = s.content_begin;
        end = s.content_end;
    }
    if (begin == nullptr)
        return true;
    template_.assign(data);
    var_begin_ = static_cast<std::size_t>(begin - data.data());
    var_end_ = static_cast<std::size_t>(end - data.data());
    copy_scanned(d, template_delta_, var_is_reasoning_);
    has_template_ = true;
    return true;
}

}  // namespace openrouter::detail
