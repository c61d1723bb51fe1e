// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Messages, content parts and their helpers (base64/data URLs, files), and nullable<T>.

#include <openrouter/chat_completion.hpp>
#include <openrouter/chat_request.hpp>
#include <openrouter/content_part.hpp>
#include <openrouter/message.hpp>
#include <openrouter/nullable.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/system/system_error.hpp>
#include <catch2/catch.hpp>

#include <array>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

using namespace openrouter;
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

// The 8-byte PNG signature and its base64.
constexpr std::array<std::byte, 8> png_signature{std::byte{0x89}, std::byte{0x50}, std::byte{0x4E}, std::byte{0x47},
                                                 std::byte{0x0D}, std::byte{0x0A}, std::byte{0x1A}, std::byte{0x0A}};
constexpr const char* png_signature_b64 = "iVBORw0KGgo=";

// A fresh directory under the system temp dir, removed at scope exit.
struct temp_dir {
    fs::path path;
    temp_dir()
    {
        std::random_device rd;
        path = fs::temp_directory_path() / ("openrouter-test-" + std::to_string(rd()) + std::to_string(rd()));
        fs::create_directories(path);
    }
    ~temp_dir()
    {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    fs::path write(const std::string& name, std::string_view bytes) const
    {
        fs::path p = path / name;
        std::ofstream(p, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        return p;
    }
};

std::string_view as_chars(std::span<const std::byte> b)
{
    return {reinterpret_cast<const char*>(b.data()), b.size()};
}

}  // namespace

TEST_CASE("base64 through OpenSSL matches RFC 4648 test vectors")
{
    CHECK(base64_encode(std::string_view("")) == "");
    CHECK(base64_encode(std::string_view("f")) == "Zg==");
    CHECK(base64_encode(std::string_view("fo")) == "Zm8=");
    CHECK(base64_encode(std::string_view("foo")) == "Zm9v");
    CHECK(base64_encode(std::string_view("foob")) == "Zm9vYg==");
    CHECK(base64_encode(std::string_view("fooba")) == "Zm9vYmE=");
    CHECK(base64_encode(std::string_view("foobar")) == "Zm9vYmFy");
    CHECK(base64_encode(png_signature) == png_signature_b64);
}

TEST_CASE("base64 of an input larger than one encoding chunk has no padding inside")
{
    // 3 MiB + 3 bytes of "abc": crosses the internal 3 MiB chunk boundary.
    std::string in;
    for (std::size_t i = 0; i < 1024 * 1024 + 1; ++i)
        in += "abc";
    const std::string out = base64_encode(std::string_view(in));
    REQUIRE(out.size() == in.size() / 3 * 4);
    CHECK(out.find('=') == std::string::npos);
    bool all_ywjj = true;
    for (std::size_t i = 0; i < out.size(); i += 4)
        all_ywjj = all_ywjj && out.compare(i, 4, "YWJj") == 0;
    CHECK(all_ywjj);
}

TEST_CASE("image_from_bytes makes the exact data URL")
{
    content_part p = content_part::image_from_bytes(png_signature, "image/png");
    CHECK(p.kind == part_kind::image);
    CHECK(p.url == std::string("data:image/png;base64,") + png_signature_b64);
    CHECK_FALSE(p.detail);
    CHECK(
        json::serialize(to_json(message::user({p}))) ==
        R"({"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]})");

    content_part q = content_part::image_from_bytes(as_chars(png_signature), "image/png");
    CHECK(q == p);
}

TEST_CASE("image_from_file reads the file and takes the media type from the extension")
{
    temp_dir dir;
    const fs::path png = dir.write("pixel.PNG", as_chars(png_signature));
    error_code ec = errc::bad_request;  // must be cleared on success
    content_part p = content_part::image_from_file(png, ec);
    REQUIRE_FALSE(ec);
    CHECK(p.url == std::string("data:image/png;base64,") + png_signature_b64);
    CHECK(content_part::image_from_file(png) == p);

    const fs::path jpg = dir.write("photo.jpeg", "\xFF\xD8\xFF");
    CHECK(content_part::image_from_file(jpg).url == "data:image/jpeg;base64,/9j/");
    CHECK(image_mime_from_extension("a.webp") == "image/webp");
    CHECK(image_mime_from_extension("a.gif") == "image/gif");
    CHECK(image_mime_from_extension("a.jpg") == "image/jpeg");
    CHECK(image_mime_from_extension("a.txt").empty());
    CHECK(image_mime_from_extension("noext").empty());
}

TEST_CASE("file helpers report a missing file, a directory or an unknown type as invalid_request")
{
    temp_dir dir;
    error_code ec;
    content_part p = content_part::image_from_file(dir.path / "missing.png", ec);
    CHECK(ec == errc::invalid_request);
    CHECK(p.url.empty());

    ec = {};
    content_part::pdf_from_file(dir.path / "missing.pdf", ec);
    CHECK(ec == errc::invalid_request);

    ec = {};
    content_part::audio_from_file(dir.path / "missing.wav", ec);
    CHECK(ec == errc::invalid_request);

    ec = {};
    content_part::pdf_from_file(dir.path, ec);  // a directory
    CHECK(ec == errc::invalid_request);

    ec = {};
    content_part::image_from_file(dir.write("notes.txt", "x"), ec);  // no image type
    CHECK(ec == errc::invalid_request);

    ec = {};
    content_part::audio_from_file(dir.write("noext", "x"), ec);  // no format
    CHECK(ec == errc::invalid_request);

    try {
        content_part::image_from_file(dir.path / "missing.png");
        FAIL("expected an exception");
    } catch (const boost::system::system_error& e) {
        CHECK(e.code() == errc::invalid_request);
        CHECK(std::string(e.what()).find("missing.png") != std::string::npos);
    }
}

TEST_CASE("pdf_from_file makes a file part with the file name and a PDF data URL")
{
    temp_dir dir;
    const fs::path pdf = dir.write("report.pdf", "%PDF-1.4\n");
    content_part p = content_part::pdf_from_file(pdf);
    CHECK(p.kind == part_kind::file);
    CHECK(p.filename == std::optional<std::string>("report.pdf"));
    CHECK(p.file_data == std::optional<std::string>("data:application/pdf;base64,JVBERi0xLjQK"));
    CHECK_FALSE(p.file_id);
    CHECK(json::serialize(to_json(message::user({p}))) ==
          R"({"role":"user","content":[{"type":"file","file":{"filename":"report.pdf",)"
          R"("file_data":"data:application/pdf;base64,JVBERi0xLjQK"}}]})");
}

TEST_CASE("audio helpers send plain base64 and the format")
{
    content_part a = content_part::audio_from_bytes(std::string_view("RIFF"), "wav");
    CHECK(a.kind == part_kind::audio);
    CHECK(a.audio_data == "UklGRg==");
    CHECK(a.audio_format == "wav");
    CHECK(json::serialize(to_json(message::user({a}))) ==
          R"({"role":"user","content":[{"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}}]})");

    temp_dir dir;
    content_part b = content_part::audio_from_file(dir.write("clip.MP3", "ID3"));
    CHECK(b.audio_format == "mp3");
    CHECK(b.audio_data == "SUQz");
}

TEST_CASE("message convenience constructors encode as the API expects")
{
    CHECK(json::serialize(to_json(message::system("s"))) == R"({"role":"system","content":"s"})");
    CHECK(json::serialize(to_json(message::developer("d"))) == R"({"role":"developer","content":"d"})");
    CHECK(json::serialize(to_json(message::user("u"))) == R"({"role":"user","content":"u"})");
    CHECK(json::serialize(to_json(message::assistant("a"))) == R"({"role":"assistant","content":"a"})");
    CHECK(json::serialize(to_json(message::tool("call_1", "42"))) ==
          R"({"role":"tool","content":"42","tool_call_id":"call_1"})");

    tool_call c;
    c.id = "call_1";
    c.function.name = "get_weather";
    c.function.arguments = R"({"city":"Paris"})";
    message m = message::assistant(std::vector<tool_call>{c});
    CHECK(m.content.is_null());
    CHECK(json::serialize(to_json(m)) ==
          R"({"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",)"
          R"("function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]})");

    message named = message::user("hi");
    named.name = "alice";
    CHECK(json::parse(json::serialize(to_json(named))).at("name") == "alice");
}

TEST_CASE("text parts, cache_control, video and file references encode every member")
{
    message m = message::user({content_part::text_part("long context", cache_control{"ephemeral", "1h"}),
                               content_part::image_url("https://x/y.png", "high"),
                               content_part::video_url("https://x/v.mp4"), content_part::file_ref("file-123")});
    auto& parts = std::get<std::vector<content_part>>(*m.content);
    parts[0].prompt_cache_breakpoint = "explicit";
    content_part legacy;
    legacy.kind = part_kind::legacy_video;
    legacy.url = "https://x/old.mp4";
    parts.push_back(legacy);
    json::value expected = json::parse(R"({"role":"user","content":[
        {"type":"text","text":"long context","cache_control":{"type":"ephemeral","ttl":"1h"},
         "prompt_cache_breakpoint":{"mode":"explicit"}},
        {"type":"image_url","image_url":{"url":"https://x/y.png","detail":"high"}},
        {"type":"video_url","video_url":{"url":"https://x/v.mp4"}},
        {"type":"file","file":{"file_id":"file-123"}},
        {"type":"input_video","video_url":{"url":"https://x/old.mp4"}}]})");
    CHECK(to_json(m) == expected);

    // Decoding gives back the same message.
    message back;
    std::string why;
    REQUIRE(from_json(expected, back, why));
    CHECK(back == m);
    CHECK(to_json(back) == expected);
}

TEST_CASE("content parts of unknown types and unknown payload keys survive a round trip")
{
    json::value in = json::parse(R"({"role":"user","content":[
        {"type":"hologram","hologram":{"id":7}},
        {"type":"image_url","image_url":{"url":"u","future":1},"also":true}]})");
    message m;
    std::string why;
    REQUIRE(from_json(in, m, why));
    const auto& parts = std::get<std::vector<content_part>>(*m.content);
    REQUIRE(parts.size() == 2);
    CHECK(parts[0].kind == part_kind::unknown);
    CHECK(parts[0].extra.at("hologram").at("id") == 7);
    CHECK(parts[1].payload_extra.at("future") == 1);
    CHECK(parts[1].extra.at("also") == true);
    CHECK(to_json(m) == in);
}

TEST_CASE("message::text joins the text parts")
{
    CHECK(message::user("plain").text() == "plain");
    CHECK(message::user({content_part::text_part("a"), content_part::image_url("u"), content_part::text_part("b")})
              .text() == "ab");
    message empty;
    CHECK(empty.text().empty());
    CHECK_FALSE(empty.has_text());
    CHECK(message::user("x").has_text());
}

TEST_CASE("nullable tells absent, null and value apart")
{
    nullable<int> n;
    CHECK(n.is_absent());
    CHECK_FALSE(n.is_null());
    CHECK_FALSE(n.is_present());
    CHECK_FALSE(n);
    CHECK(n.value_or(7) == 7);

    n = nullptr;
    CHECK(n.is_null());
    CHECK(n.is_present());
    CHECK_FALSE(n.has_value());
    CHECK(n == nullptr);
    CHECK_THROWS_AS(n.value(), std::bad_optional_access);

    n = 3;
    CHECK(n.has_value());
    CHECK_FALSE(n.is_null());
    CHECK(*n == 3);
    CHECK(n == nullable<int>(3));
    CHECK(n != nullable<int>());
    CHECK(nullable<int>() != nullable<int>(nullptr));

    n.reset();
    CHECK(n.is_absent());
    n.emplace(5);
    CHECK(n.value() == 5);
    n.set_null();
    CHECK(n.is_null());
    CHECK_FALSE(n.as_optional().has_value());

    nullable<std::string> s = "text";
    CHECK(s->size() == 4);
}
