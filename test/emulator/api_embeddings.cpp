// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// POST /embeddings (deterministic vectors from a hash of each input) and GET /embeddings/models (paged).
#include "oauth_embeddings_responses.hpp"

#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

#include <array>
#include <cmath>
#include <cstring>

namespace openrouter::emulator::detail {
namespace json = boost::json;

namespace {

struct embedding_model {
    std::string_view id, name;
    std::size_t dims;
};

constexpr std::array<embedding_model, 3> embedding_models{{
    {"emulator/embed-small", "Emulator Embed Small", 8},
    {"emulator/embed-medium", "Emulator Embed Medium", 16},
    {"emulator/embed-large", "Emulator Embed Large", 32},
}};
constexpr double embedding_price = 0.0000001;  // USD per token

std::uint64_t fnv(std::string_view s, std::uint64_t h = 14695981039346656037ull)
{
    for (char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    return h;
}

// A unit vector of `dims` components derived from the input's JSON text (splitmix64 stream).
std::vector<float> vector_for(std::string_view input, std::size_t dims)
{
    std::uint64_t x = fnv(input);
    std::vector<float> v(dims);
    double norm = 0;
    for (auto& f : v) {
        x += 0x9e3779b97f4a7c15ull;
        std::uint64_t z = x;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        z ^= z >> 31;
        f = static_cast<float>(static_cast<double>(z >> 11) / 9007199254740992.0 * 2.0 - 1.0);
        norm += static_cast<double>(f) * f;
    }
    norm = std::sqrt(norm);
    for (auto& f : v)
        f = static_cast<float>(f / norm);
    return v;
}

response_plan bad(http_request const& req, scenario const& sc, std::string const& msg)
{
    return body_response(req, 400, error_body(400, sc, msg), sc);
}

// Splits the input into items (each embedded separately) and counts tokens; "" on success.
std::string input_items(json::value const& in, std::vector<std::string>& items, std::size_t& tokens)
{
    auto words = [](std::string_view s) { return count_words(s); };
    if (in.is_string()) {
        if (in.get_string().empty())
            return "input must not be empty";
        items.push_back(json::serialize(in));
        tokens += words(in.get_string());
        return {};
    }
    if (!in.is_array() || in.get_array().empty())
        return "input must be a non-empty string or array";
    auto const& a = in.get_array();
    if (a.front().is_number()) {  // one token array
        for (auto const& t : a)
            if (!t.is_number())
                return "input: a token array must hold numbers only";
        items.push_back(json::serialize(in));
        tokens += a.size();
        return {};
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto const& e = a[i];
        std::string const at = "input[" + std::to_string(i) + "]";
        if (e.is_string()) {
            if (e.get_string().empty())
                return at + " must not be empty";
            tokens += words(e.get_string());
        } else if (e.is_array()) {
            for (auto const& t : e.get_array())
                if (!t.is_number())
                    return at + ": a token array must hold numbers only";
            tokens += e.get_array().size();
        } else if (e.is_object()) {
            auto const* c = e.get_object().if_contains("content");
            if (!c || !c->is_array() || c->get_array().empty())
                return at + ".content must be a non-empty array";
            for (auto const& part : c->get_array())
                if (auto const* t = part.is_object() ? part.get_object().if_contains("text") : nullptr;
                    t && t->is_string())
                    tokens += words(t->get_string());
                else
                    ++tokens;
        } else
            return at + " must be a string, a token array or a multimodal object";
        items.push_back(json::serialize(e));
    }
    return {};
}

response_plan embeddings(http_request const& req, scenario const& sc, json::object const& body)
{
    auto const* model = body.if_contains("model");
    if (!model || !model->is_string())
        return bad(req, sc, "model is required");
    embedding_model const* m = nullptr;
    for (auto const& e : embedding_models)
        if (e.id == model->get_string())
            m = &e;
    if (!m)
        return bad(req, sc, std::string(model->get_string()) + " is not a valid model ID");
    auto const* input = body.if_contains("input");
    if (!input)
        return bad(req, sc, "input is required");
    std::size_t dims = m->dims;
    if (auto const* d = body.if_contains("dimensions"); d && !d->is_null()) {
        if (!d->is_int64() || d->get_int64() < 1 || static_cast<std::size_t>(d->get_int64()) > m->dims)
            return bad(req, sc, "dimensions must be an integer from 1 to " + std::to_string(m->dims));
        dims = static_cast<std::size_t>(d->get_int64());
    }
    bool b64 = false;
    if (auto const* f = body.if_contains("encoding_format"); f && !f->is_null()) {
        if (!f->is_string() || (f->get_string() != "float" && f->get_string() != "base64"))
            return bad(req, sc, "encoding_format must be float or base64");
        b64 = f->get_string() == "base64";
    }
    std::vector<std::string> items;
    std::size_t tokens = 0;
    if (auto why = input_items(*input, items, tokens); !why.empty())
        return bad(req, sc, why);

    json::array data;
    for (std::size_t i = 0; i < items.size(); ++i) {
        auto v = vector_for(items[i], m->dims);
        v.resize(dims);  // a shortened embedding keeps the leading components (renormalized)
        double n = 0;
        for (float f : v)
            n += static_cast<double>(f) * f;
        n = std::sqrt(n);
        for (auto& f : v)
            f = static_cast<float>(f / n);
        json::value emb;
        if (b64) {
            std::string bytes(v.size() * 4, '\0');
            std::memcpy(bytes.data(), v.data(), bytes.size());  // little-endian float32 (x86/arm hosts)
            emb = json::string(emu_base64(bytes));
        } else {
            json::array a;
            for (float f : v)
                a.push_back(static_cast<double>(f));
            emb = std::move(a);
        }
        data.push_back(json::object{{"object", "embedding"}, {"index", i}, {"embedding", std::move(emb)}});
    }
    json::object usage{{"prompt_tokens", tokens},
                       {"total_tokens", tokens},
                       {"cost", static_cast<double>(tokens) * embedding_price},
                       {"is_byok", false}};
    json::object out{{"id", "emb-emu-" + std::to_string(fnv(json::serialize(*input)) % 1000000)},
                     {"object", "list"},
                     {"data", std::move(data)},
                     {"model", m->id},
                     {"usage", std::move(usage)}};
    return body_response(req, 200, json::serialize(out), sc);
}

json::object model_json(embedding_model const& m)
{
    return {{"id", m.id},
            {"canonical_slug", m.id},
            {"hugging_face_id", nullptr},
            {"name", m.name},
            {"created", fixed_created},
            {"description", "Deterministic " + std::to_string(m.dims) + "-dimension embeddings of the emulator."},
            {"context_length", 8192},
            {"architecture",
             {{"modality", "text->embeddings"},
              {"input_modalities", json::array{"text"}},
              {"output_modalities", json::array{"embeddings"}},
              {"tokenizer", "Other"},
              {"instruct_type", nullptr}}},
            {"pricing", {{"prompt", "0.0000001"}, {"completion", "0"}, {"request", "0"}, {"image", "0"}}},
            {"top_provider", {{"context_length", 8192}, {"max_completion_tokens", nullptr}, {"is_moderated", false}}},
            {"per_request_limits", nullptr},
            // Empty as in the API document's own example: the schema (ModelsListResponse) types the
            // entries with the chat Parameter enum, which has no embedding parameters.
            {"supported_parameters", json::array{}},
            {"default_parameters", nullptr},
            {"supported_voices", nullptr},
            {"expiration_date", nullptr},
            {"knowledge_cutoff", nullptr},
            {"links", {{"details", "/api/v1/models/" + std::string(m.id) + "/endpoints"}}}};
}

// Parses an optional non-negative integer query parameter; false on a bad value.
bool query_int(boost::urls::params_view const& ps, std::string_view name, std::optional<std::int64_t>& out)
{
    auto it = ps.find(name);
    if (it == ps.end())
        return true;
    std::string const v = (*it).value;
    if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos)
        return false;
    out = std::stoll(v);
    return true;
}

response_plan models_page(http_request const& req, scenario const& sc)
{
    auto url = boost::urls::parse_origin_form(req.target());
    std::optional<std::int64_t> offset, limit;
    if (!url || !query_int(url->params(), "offset", offset))
        return bad(req, sc, "offset must be a non-negative integer");
    if (!query_int(url->params(), "limit", limit) || (limit && (*limit < 1 || *limit > 1000)))
        return bad(req, sc, "limit must be an integer from 1 to 1000");
    std::size_t const total = embedding_models.size();
    std::size_t const first = static_cast<std::size_t>(std::min<std::int64_t>(offset.value_or(0), 1000000));
    std::size_t const count = (offset || limit) ? static_cast<std::size_t>(limit.value_or(500)) : total;
    json::array data;
    for (std::size_t i = first; i < total && i < first + count; ++i)
        data.push_back(model_json(embedding_models[i]));
    json::value next = nullptr;
    if (first + count < total)
        next = json::string("/api/v1/embeddings/models?offset=" + std::to_string(first + count) +
                            "&limit=" + std::to_string(count));
    json::object out{{"data", std::move(data)}, {"total_count", total}, {"links", {{"next", std::move(next)}}}};
    return body_response(req, 200, json::serialize(out), sc);
}

}  // namespace

std::optional<response_plan> route_embeddings(http_request const& req, std::string_view api, scenario const& sc,
                                              json::object const* body, std::string const& parse_error)
{
    if (api == "/embeddings/models") {
        if (req.method() != http::verb::get && req.method() != http::verb::head)
            return body_response(req, 405, error_body(405, sc, "Method not allowed"), sc, {{"Allow", "GET"}});
        return models_page(req, sc);
    }
    if (api != "/embeddings")
        return std::nullopt;
    if (req.method() != http::verb::post)
        return body_response(req, 405, error_body(405, sc, "Method not allowed"), sc, {{"Allow", "POST"}});
    if (!body)
        return bad(req, sc, parse_error);
    return embeddings(req, sc, *body);
}

}  // namespace openrouter::emulator::detail
