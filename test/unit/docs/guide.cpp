// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// docs/guide.md stays true: every code block is a verbatim copy of the `// [snippet: name]`
// region of the sample or test its caption names, and the errc table agrees with
// errc_from_status and is_retryable.

#include <openrouter/error.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#ifndef OPENROUTER_SOURCE_DIR
#error "OPENROUTER_SOURCE_DIR must name the source tree"
#endif

namespace {

const std::string source_dir = OPENROUTER_SOURCE_DIR;

bool read_file(const std::string& path, std::string& out)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

std::vector<std::string> split_lines(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
        lines.push_back(l);
    return lines;
}

// The lines strictly between `[snippet: name]` and the next `[/snippet]`, without their common
// indentation. Sets `problem` when the marker is missing, doubled or unterminated.
std::string snippet_of(const std::string& file_text, const std::string& name, std::string& problem)
{
    const std::vector<std::string> lines = split_lines(file_text);
    const std::string begin = "[snippet: " + name + "]";
    std::size_t start = lines.size();
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].find(begin) == std::string::npos)
            continue;
        if (start != lines.size()) {
            problem = "snippet '" + name + "' is marked twice";
            return {};
        }
        start = i;
    }
    if (start == lines.size()) {
        problem = "no snippet '" + name + "'";
        return {};
    }
    std::size_t end = start + 1;
    while (end < lines.size() && lines[end].find("[/snippet]") == std::string::npos)
        ++end;
    if (end == lines.size()) {
        problem = "snippet '" + name + "' has no [/snippet]";
        return {};
    }
    std::size_t indent = std::string::npos;
    for (std::size_t i = start + 1; i < end; ++i)
        if (lines[i].find_first_not_of(' ') != std::string::npos)
            indent = std::min(indent, lines[i].find_first_not_of(' '));
    std::string out;
    for (std::size_t i = start + 1; i < end; ++i) {
        if (lines[i].find_first_not_of(' ') != std::string::npos)
            out += lines[i].substr(indent);
        out += '\n';
    }
    return out;
}

// Checks every fenced block of a guide: the prose since the previous block must name its
// source as "`path`, snippet `name`" (the last such mention counts), and the block must equal
// that snippet. Returns one line per problem.
std::vector<std::string> check_blocks(const std::string& guide, std::size_t& blocks)
{
    static const std::regex caption("`([^`]+)`, snippet `([^`]+)`");
    std::vector<std::string> problems;
    const std::vector<std::string> lines = split_lines(guide);
    std::string prose;
    blocks = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].rfind("```", 0) != 0) {
            prose += lines[i];
            prose += '\n';
            continue;
        }
        const std::size_t open = i;
        std::string block;
        for (++i; i < lines.size() && lines[i] != "```"; ++i)
            block += lines[i] + '\n';
        ++blocks;
        const std::string where = "block at line " + std::to_string(open + 1);
        if (i == lines.size()) {
            problems.push_back(where + ": not closed");
            break;
        }
        std::string path, name;
        for (auto it = std::sregex_iterator(prose.begin(), prose.end(), caption); it != std::sregex_iterator(); ++it) {
            path = (*it)[1];
            name = (*it)[2];
        }
        prose.clear();
        if (path.empty()) {
            problems.push_back(where + ": no \"`file`, snippet `name`\" caption before it");
            continue;
        }
        std::string text;
        if (!read_file(source_dir + "/" + path, text)) {
            problems.push_back(where + ": cannot read " + path);
            continue;
        }
        std::string problem;
        const std::string expected = snippet_of(text, name, problem);
        if (!problem.empty())
            problems.push_back(where + ": " + path + ": " + problem);
        else if (block != expected)
            problems.push_back(where + ": differs from " + path + " snippet '" + name + "':\n--- guide\n" + block +
                               "--- source\n" + expected);
    }
    return problems;
}

std::string guide_text()
{
    std::string text;
    REQUIRE(read_file(source_dir + "/docs/guide.md", text));
    return text;
}

}  // namespace

TEST_CASE("guide: every code block is a snippet of the file it names")
{
    std::size_t blocks = 0;
    const auto problems = check_blocks(guide_text(), blocks);
    for (const auto& p : problems)
        FAIL_CHECK(p);
    CHECK(problems.empty());
    CHECK(blocks >= 10);
}

TEST_CASE("guide: the block checker catches drift")
{
    std::size_t blocks = 0;
    const std::string caption = "From `samples/1_tutorial/chat.cpp`, snippet `ask`:\n\n";
    std::string problem;
    std::string chat;
    REQUIRE(read_file(source_dir + "/samples/1_tutorial/chat.cpp", chat));
    const std::string ask = snippet_of(chat, "ask", problem);
    REQUIRE(problem.empty());
    REQUIRE(ask.find("co_await cli.async_chat(req)") != std::string::npos);

    CHECK(check_blocks(caption + "```cpp\n" + ask + "```\n", blocks).empty());
    CHECK(blocks == 1);

    std::string edited = ask;
    edited.replace(edited.find("async_chat"), 10, "async_chet");
    CHECK(check_blocks(caption + "```cpp\n" + edited + "```\n", blocks).size() == 1);
    CHECK(check_blocks("no caption\n```cpp\n" + ask + "```\n", blocks).size() == 1);
    CHECK(
        check_blocks("From `samples/1_tutorial/chat.cpp`, snippet `nope`:\n```cpp\n" + ask + "```\n", blocks).size() ==
        1);
    CHECK(check_blocks("From `no/such/file.cpp`, snippet `ask`:\n```cpp\n" + ask + "```\n", blocks).size() == 1);
    // A caption serves only the block right after it.
    CHECK(check_blocks(caption + "```cpp\n" + ask + "```\n```cpp\n" + ask + "```\n", blocks).size() == 1);
}

TEST_CASE("guide: the errc table agrees with errc_from_status and is_retryable")
{
    using namespace openrouter;
    static const std::regex row(R"(^\| `(\w+)` \|\s*([^|]*?)\s*\|\s*(yes|no)\s*\|)");
    static const std::regex status(R"(\b[1-5][0-9][0-9]\b)");
    const std::vector<std::string> lines = split_lines(guide_text());
    int rows = 0;
    for (int v = 1; to_string(static_cast<errc>(v)) != "unknown"; ++v) {
        const errc e = static_cast<errc>(v);
        const std::string name(to_string(e));
        INFO(name);
        int found = 0;
        for (const auto& line : lines) {
            std::smatch m;
            if (!std::regex_search(line, m, row) || m[1] != name)
                continue;
            ++found;
            CHECK((m[3] == "yes") == is_retryable(make_error_code(e)));
            const std::string cell = m[2];
            if (cell.find('(') != std::string::npos)
                continue;  // derived from a status and the body (context length, moderation)
            for (auto it = std::sregex_iterator(cell.begin(), cell.end(), status); it != std::sregex_iterator(); ++it) {
                INFO("status " << it->str());
                CHECK(errc_from_status(std::stoi(it->str())) == e);
            }
        }
        CHECK(found == 1);
        ++rows;
    }
    CHECK(rows == static_cast<int>(errc::budget_exhausted));  // the last enumerator
}
