// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_CONTENT_PART_HPP
#define OPENROUTER_CONTENT_PART_HPP

/// @file
/// `content_part`: one element of a multimodal message content array (text, image, audio, file,
/// video), `cache_control`, and the helpers that turn bytes or files into parts (base64 data
/// URLs).
///
/// Wire shapes (OpenAPI `ChatContentItems`):
///   text         {"type":"text","text":..., "cache_control"?: {...}}
///   image        {"type":"image_url","image_url":{"url":..., "detail"?:...}}
///   audio        {"type":"input_audio","input_audio":{"data":...,"format":...}}   (data: plain base64)
///   file         {"type":"file","file":{"filename"?:...,"file_data"?:...,"file_id"?:...}}
///   video        {"type":"video_url","video_url":{"url":...}}
///   legacy video {"type":"input_video","video_url":{"url":...}}   (deprecated by the API)
/// A part of a type the SDK does not know decodes as `part_kind::unknown`, its whole object kept
/// in `extra` (and written back unchanged).
///
/// Helpers: `image_from_bytes`, `image_from_file`, `pdf_from_bytes`, `pdf_from_file`,
/// `audio_from_bytes`, `audio_from_file`. The file helpers come in two overloads: one throws
/// `boost::system::system_error` (code `errc::invalid_request`), the other takes an
/// `error_code&` and never throws (except `std::bad_alloc`). A file that cannot be opened or
/// read, or whose extension gives no known media type, is `errc::invalid_request`.
/// The helpers read the whole file into memory; the result holds the base64 text (4/3 of the
/// file size). All functions are thread-safe (no shared state).

#include <openrouter/error.hpp>

#include <boost/json/object.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace openrouter {

/// Prompt-caching breakpoint (Anthropic style, OpenAPI `AnthropicCacheControlDirective`):
/// `{"type":"ephemeral","ttl"?:"5m"|"1h"}`.
struct cache_control {
    std::string type = "ephemeral";  ///< the only documented type
    std::optional<std::string> ttl;  ///< "5m" or "1h"; not written when empty

    /// Member-wise equality.
    friend bool operator==(const cache_control&, const cache_control&) = default;
};

/// The kind of a content part (its wire `type`).
enum class part_kind {
    text,          ///< "text"
    image,         ///< "image_url"
    audio,         ///< "input_audio"
    file,          ///< "file" (PDFs and other documents)
    video,         ///< "video_url"
    legacy_video,  ///< "input_video" (deprecated wire name, same payload as video)
    unknown,       ///< any other type; the whole object is in `extra`
};

/// The wire `type` string of a kind ("image_url" for `part_kind::image`); "" for unknown.
std::string_view to_string(part_kind k) noexcept;

/// One element of a content array. Only the members of its `kind` are written; the others are
/// ignored. Strings documented "written when non-empty" are omitted when empty.
struct content_part {
    part_kind kind = part_kind::text;  ///< which payload the part carries (its wire `type`)

    /// text: the text (always written for text parts).
    std::string text;

    /// image: `image_url.url` (an https URL or a `data:` URL); video, legacy_video:
    /// `video_url.url`. Always written for those kinds.
    std::string url;
    /// image: `image_url.detail` ("auto", "low", "high", "original").
    std::optional<std::string> detail;

    /// audio: `input_audio.data`, plain base64 (not a data URL).
    std::string audio_data;
    /// audio: `input_audio.format` ("wav", "mp3", "flac", "ogg", "m4a", "aac", "aiff", ...).
    std::string audio_format;

    /// file: `file.filename`, `file.file_data` (a data URL or an https URL), `file.file_id`.
    ///@{
    std::optional<std::string> filename;
    std::optional<std::string> file_data;
    std::optional<std::string> file_id;
    ///@}

    /// Any kind (documented for text): caching breakpoint for this part.
    std::optional<openrouter::cache_control> cache_control;
    /// text: `prompt_cache_breakpoint.mode` (only "explicit" is documented).
    std::optional<std::string> prompt_cache_breakpoint;

    /// Keys the SDK did not recognise (decoding), or extra keys to send (encoding). For
    /// `part_kind::unknown`, the whole part object (including "type").
    boost::json::object extra;
    /// Unrecognised keys inside the payload object ("image_url", "input_audio", "file",
    /// "video_url"), merged back into it when encoding.
    boost::json::object payload_extra;

    // ---- constructors of each kind ----
    /// A text part, optionally with a caching breakpoint `cc`.
    ///@{
    static content_part text_part(std::string text);
    static content_part text_part(std::string text, openrouter::cache_control cc);
    ///@}
    /// An image by URL (https or data URL). `detail` is written only when non-empty.
    static content_part image_url(std::string url, std::string detail = {});
    /// A video by URL (`video_url.url`, kind `part_kind::video`).
    static content_part video_url(std::string url);
    /// A file part from a URL or data URL (`file_data`) with an optional file name.
    static content_part file_url(std::string file_data, std::string filename = {});
    /// A file already uploaded to OpenRouter (`file_id`).
    static content_part file_ref(std::string file_id);
    /// Audio from already base64-encoded data.
    static content_part audio_base64(std::string base64_data, std::string format);

    // ---- helpers that encode bytes (base64 through OpenSSL) ----
    /// `data:<mime>;base64,<bytes>` as an image part.
    ///@{
    static content_part image_from_bytes(std::span<const std::byte> bytes, std::string_view mime);
    static content_part image_from_bytes(std::string_view bytes, std::string_view mime);
    ///@}
    /// Reads an image file; the media type comes from the extension (.png, .jpg/.jpeg, .webp,
    /// .gif; case-insensitive).
    /// On failure the first overload throws `boost::system::system_error`; the second sets `ec`
    /// (`errc::invalid_request`) and returns a default-constructed part.
    ///@{
    static content_part image_from_file(const std::filesystem::path& path);
    static content_part image_from_file(const std::filesystem::path& path, error_code& ec);
    ///@}

    /// A file part `{filename, file_data: "data:application/pdf;base64,..."}`.
    ///@{
    static content_part pdf_from_bytes(std::span<const std::byte> bytes, std::string filename);
    static content_part pdf_from_bytes(std::string_view bytes, std::string filename);
    ///@}
    /// Reads a PDF; `filename` is the path's file name. Any extension is accepted (the content
    /// is sent as application/pdf).
    /// On failure the first overload throws `boost::system::system_error`; the second sets `ec`
    /// (`errc::invalid_request`) and returns a default-constructed part.
    ///@{
    static content_part pdf_from_file(const std::filesystem::path& path);
    static content_part pdf_from_file(const std::filesystem::path& path, error_code& ec);
    ///@}

    /// An `input_audio` part: plain base64 of `bytes` and `format` ("wav", "mp3", ...).
    ///@{
    static content_part audio_from_bytes(std::span<const std::byte> bytes, std::string format);
    static content_part audio_from_bytes(std::string_view bytes, std::string format);
    ///@}
    /// Reads an audio file; the format is the lower-cased extension without the dot (".wav" ->
    /// "wav"); a file without an extension is `errc::invalid_request`.
    /// On failure the first overload throws `boost::system::system_error`; the second sets `ec`
    /// (`errc::invalid_request`) and returns a default-constructed part.
    ///@{
    static content_part audio_from_file(const std::filesystem::path& path);
    static content_part audio_from_file(const std::filesystem::path& path, error_code& ec);
    ///@}

    /// Member-wise equality (both extras included).
    friend bool operator==(const content_part&, const content_part&) = default;
};

/// Base64 (RFC 4648, with padding, no line breaks) of `bytes`, through OpenSSL.
///@{
std::string base64_encode(std::span<const std::byte> bytes);
std::string base64_encode(std::string_view bytes);
///@}

/// `data:<mime>;base64,<base64 of bytes>`.
///@{
std::string make_data_url(std::string_view mime, std::span<const std::byte> bytes);
std::string make_data_url(std::string_view mime, std::string_view bytes);
///@}

/// The image media type of a file name's extension ("image/png"), or "" when unknown.
std::string_view image_mime_from_extension(const std::filesystem::path& path) noexcept;

}  // namespace openrouter

#endif  // OPENROUTER_CONTENT_PART_HPP
