// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Content parts: constructors and the bytes/file helpers (base64 through OpenSSL).

#include <openrouter/content_part.hpp>

#include <boost/system/system_error.hpp>

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <limits>
#include <utility>

namespace openrouter {

std::string_view to_string(part_kind k) noexcept
{
    switch (k) {
    case part_kind::text: return "text";
    case part_kind::image: return "image_url";
    case part_kind::audio: return "input_audio";
    case part_kind::file: return "file";
    case part_kind::video: return "video_url";
    case part_kind::legacy_video: return "input_video";
    case part_kind::unknown: break;
    }
    return "";
}

// ---------------------------------------------------------------- base64

std::string base64_encode(std::span<const std::byte> bytes)
{
    // EVP_EncodeBlock takes an int length: encode in chunks of a multiple of 3 bytes so that
    // the concatenation equals the encoding of the whole (no padding between chunks).
    constexpr std::size_t chunk = std::size_t{3} * 1024 * 1024;
    std::string out;
    out.resize((bytes.size() + 2) / 3 * 4);
    auto* dst = reinterpret_cast<unsigned char*>(out.data());
    const auto* src = reinterpret_cast<const unsigned char*>(bytes.data());
    std::size_t done = 0;
    std::size_t written = 0;
    while (done < bytes.size()) {
        const std::size_t n = std::min(chunk, bytes.size() - done);
        const int w = EVP_EncodeBlock(dst + written, src + done, static_cast<int>(n));
        written += static_cast<std::size_t>(w);
        done += n;
    }
    out.resize(written);
    return out;
}

std::string base64_encode(std::string_view bytes)
{
    return base64_encode(std::as_bytes(std::span<const char>(bytes.data(), bytes.size())));
}

std::string make_data_url(std::string_view mime, std::span<const std::byte> bytes)
{
    std::string out;
    out.reserve(mime.size() + 13 + (bytes.size() + 2) / 3 * 4);
    out += "data:";
    out += mime;
    out += ";base64,";
    out += base64_encode(bytes);
    return out;
}

std::string make_data_url(std::string_view mime, std::string_view bytes)
{
    return make_data_url(mime, std::as_bytes(std::span<const char>(bytes.data(), bytes.size())));
}

namespace {

std::string lower_extension(const std::filesystem::path& path)
{
    std::string ext = path.extension().string();
    if (!ext.empty() && ext.front() == '.')
        ext.erase(0, 1);
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

// Reads a whole file. Any failure (missing, a directory, unreadable) is invalid_request.
bool read_file(const std::filesystem::path& path, std::string& out, error_code& ec)
{
    ec = {};
    std::error_code fec;
    if (!std::filesystem::is_regular_file(path, fec)) {
        ec = errc::invalid_request;
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        ec = errc::invalid_request;
        return false;
    }
    const auto size = std::filesystem::file_size(path, fec);
    if (!fec && size < std::numeric_limits<std::size_t>::max() / 2)
        out.reserve(static_cast<std::size_t>(size));
    char buf[65536];
    while (in.read(buf, sizeof(buf)) || in.gcount() > 0)
        out.append(buf, static_cast<std::size_t>(in.gcount()));
    if (in.bad()) {
        ec = errc::invalid_request;
        return false;
    }
    return true;
}

content_part throw_on_error(content_part p, const error_code& ec, const std::filesystem::path& path)
{
    if (ec)
        throw boost::system::system_error(ec, "cannot make a content part from " + path.string());
    return p;
}

}  // namespace

std::string_view image_mime_from_extension(const std::filesystem::path& path) noexcept
{
    std::string ext;
    try {
        ext = lower_extension(path);
    } catch (...) {
        return {};
    }
    if (ext == "png")
        return "image/png";
    if (ext == "jpg" || ext == "jpeg")
        return "image/jpeg";
    if (ext == "webp")
        return "image/webp";
    if (ext == "gif")
        return "image/gif";
    return {};
}

// ---------------------------------------------------------------- constructors

content_part content_part::text_part(std::string text)
{
    content_part p;
    p.kind = part_kind::text;
    p.text = std::move(text);
    return p;
}

content_part content_part::text_part(std::string text, openrouter::cache_control cc)
{
    content_part p = text_part(std::move(text));
    p.cache_control = std::move(cc);
    return p;
}

content_part content_part::image_url(std::string url, std::string detail)
{
    content_part p;
    p.kind = part_kind::image;
    p.url = std::move(url);
    if (!detail.empty())
        p.detail = std::move(detail);
    return p;
}

content_part content_part::video_url(std::string url)
{
    content_part p;
    p.kind = part_kind::video;
    p.url = std::move(url);
    return p;
}

content_part content_part::file_url(std::string file_data, std::string filename)
{
    content_part p;
    p.kind = part_kind::file;
    p.file_data = std::move(file_data);
    if (!filename.empty())
        p.filename = std::move(filename);
    return p;
}

content_part content_part::file_ref(std::string file_id)
{
    content_part p;
    p.kind = part_kind::file;
    p.file_id = std::move(file_id);
    return p;
}

content_part content_part::audio_base64(std::string base64_data, std::string format)
{
    content_part p;
    p.kind = part_kind::audio;
    p.audio_data = std::move(base64_data);
    p.audio_format = std::move(format);
    return p;
}

// ---------------------------------------------------------------- bytes and files

content_part content_part::image_from_bytes(std::span<const std::byte> bytes, std::string_view mime)
{
    return image_url(make_data_url(mime, bytes));
}

content_part content_part::image_from_bytes(std::string_view bytes, std::string_view mime)
{
    return image_url(make_data_url(mime, bytes));
}

content_part content_part::image_from_file(const std::filesystem::path& path, error_code& ec)
{
    const std::string_view mime = image_mime_from_extension(path);
    if (mime.empty()) {
        ec = errc::invalid_request;
        return {};
    }
    std::string bytes;
    if (!read_file(path, bytes, ec))
        return {};
    return image_from_bytes(std::string_view(bytes), mime);
}

content_part content_part::image_from_file(const std::filesystem::path& path)
{
    error_code ec;
    content_part p = image_from_file(path, ec);
    return throw_on_error(std::move(p), ec, path);
}

content_part content_part::pdf_from_bytes(std::span<const std::byte> bytes, std::string filename)
{
    return file_url(make_data_url("application/pdf", bytes), std::move(filename));
}

content_part content_part::pdf_from_bytes(std::string_view bytes, std::string filename)
{
    return file_url(make_data_url("application/pdf", bytes), std::move(filename));
}

content_part content_part::pdf_from_file(const std::filesystem::path& path, error_code& ec)
{
    std::string bytes;
    if (!read_file(path, bytes, ec))
        return {};
    return pdf_from_bytes(std::string_view(bytes), path.filename().string());
}

content_part content_part::pdf_from_file(const std::filesystem::path& path)
{
    error_code ec;
    content_part p = pdf_from_file(path, ec);
    return throw_on_error(std::move(p), ec, path);
}

content_part content_part::audio_from_bytes(std::span<const std::byte> bytes, std::string format)
{
    return audio_base64(base64_encode(bytes), std::move(format));
}

content_part content_part::audio_from_bytes(std::string_view bytes, std::string format)
{
    return audio_base64(base64_encode(bytes), std::move(format));
}

content_part content_part::audio_from_file(const std::filesystem::path& path, error_code& ec)
{
    std::string format = lower_extension(path);
    if (format.empty()) {
        ec = errc::invalid_request;
        return {};
    }
    std::string bytes;
    if (!read_file(path, bytes, ec))
        return {};
    return audio_from_bytes(std::string_view(bytes), std::move(format));
}

content_part content_part::audio_from_file(const std::filesystem::path& path)
{
    error_code ec;
    content_part p = audio_from_file(path, ec);
    return throw_on_error(std::move(p), ec, path);
}

}  // namespace openrouter
