// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include <openrouter/embeddings.hpp>

#include "core/operation.hpp"
#include "core/reject_op.hpp"
#include "json/api_codec.hpp"

#include <openssl/evp.h>

#include <bit>
#include <cstring>

namespace openrouter {

namespace json = boost::json;
using detail::prefix;
using detail::put;
using detail::read_val;

namespace {

json::value input_json(const embedding_input& in)
{
    struct visitor {
        json::value operator()(const std::string& s) const { return json::string(s); }
        json::value operator()(const std::vector<std::string>& v) const { return detail::to_array(v, {}); }
        json::value operator()(const std::vector<std::int64_t>& v) const { return detail::to_array(v, {}); }
        json::value operator()(const std::vector<std::vector<std::int64_t>>& v) const
        {
            json::array a;
            for (const auto& t : v)
                a.push_back(detail::to_array(t, {}));
            return a;
        }
        json::value operator()(const json::array& a) const { return a; }
    };
    return std::visit(visitor{}, in);
}

// Why the input cannot be sent, or "".
std::string input_problem(const embedding_input& in)
{
    struct visitor {
        std::string operator()(const std::string& s) const { return s.empty() ? "input is an empty string" : ""; }
        std::string operator()(const std::vector<std::string>& v) const
        {
            if (v.empty())
                return "input is an empty list";
            for (std::size_t i = 0; i < v.size(); ++i)
                if (v[i].empty())
                    return "input[" + std::to_string(i) + "] is an empty string";
            return {};
        }
        std::string operator()(const std::vector<std::int64_t>& v) const
        {
            return v.empty() ? "input is an empty token array" : "";
        }
        std::string operator()(const std::vector<std::vector<std::int64_t>>& v) const
        {
            return v.empty() ? "input is an empty list" : "";
        }
        std::string operator()(const json::array& a) const { return a.empty() ? "input is an empty list" : ""; }
    };
    return std::visit(visitor{}, in);
}

// Decodes base64 little-endian float32 values (OpenSSL's decoder).
bool decode_floats(std::string_view text, std::vector<float>& out, std::string& why)
{
    out.clear();
    if (text.empty())
        return true;
    if (text.size() % 4 != 0)
        return detail::expected(why, "base64 text (length not a multiple of 4)");
    std::string bytes(text.size() / 4 * 3, '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes.data()),
                                  reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    if (n < 0)
        return detail::expected(why, "base64 text");
    std::size_t len = static_cast<std::size_t>(n);
    // EVP_DecodeBlock counts padding as zero bytes: drop them.
    for (std::size_t i = text.size(); i > 0 && text[i - 1] == '='; --i)
        --len;
    if (len % 4 != 0)
        return detail::expected(why, "base64 of float32 values (byte count not a multiple of 4)");
    out.resize(len / 4);
    for (std::size_t i = 0; i < out.size(); ++i) {
        unsigned char b[4];
        std::memcpy(b, bytes.data() + 4 * i, 4);
        if constexpr (std::endian::native == std::endian::big) {
            std::swap(b[0], b[3]);
            std::swap(b[1], b[2]);
        }
        std::memcpy(&out[i], b, 4);
    }
    return true;
}

}  // namespace

namespace detail {

// "embedding": an array of numbers, or base64 text of little-endian float32 values.
bool codec_traits<embedding>::read_hook(std::string_view, const json::value& v, embedding& e, std::string& w)
{
    if (const json::string* s = v.if_string()) {
        e.base64.assign(s->data(), s->size());
        return decode_floats(e.base64, e.values, w);
    }
    const json::array* a = v.if_array();
    if (!a)
        return detail::expected(w, "array of numbers or base64 string");
    e.values.resize(a->size());
    for (std::size_t i = 0; i < a->size(); ++i) {
        double d = 0;
        if (!read_val((*a)[i], d, w))
            return prefix_index(w, i);
        e.values[i] = static_cast<float>(d);
    }
    return true;
}

void codec_traits<embedding_request>::write_hook(std::string_view, const embedding_request& r, json::object& o)
{
    o.insert_or_assign("input", input_json(r.input));
}

}  // namespace detail

namespace {

// "data" is required and must be an array: null is refused too, as before the walker (whose
// vectors read null as empty).
bool require_data_array(const json::value& v, std::string& why)
{
    if (const json::value* d = v.get_object().if_contains("data"); d != nullptr && d->is_null()) {
        why = "data: expected array";
        return false;
    }
    return detail::require_member(v, "data", why);
}

}  // namespace

json::value to_json(const embedding_request& r)
{
    return detail::to_value(r, {});
}

bool from_json(const json::value& v, embedding_response& out, std::string& why)
{
    return detail::read_val(v, out, why) && require_data_array(v, why);
}

bool from_json(const json::value& v, embedding_models_page& out, std::string& why)
{
    return detail::read_val(v, out, why) && require_data_array(v, why);
}

namespace detail {
namespace {

bool parse_embeddings(const json::value& v, embedding_response& out, std::string& why)
{
    return from_json(v, out, why);
}

bool parse_models(const json::value& v, embedding_models_page& out, std::string& why)
{
    return from_json(v, out, why);
}

}  // namespace

void initiate_embeddings(std::shared_ptr<client_impl> impl, embedding_request req, diagnostics* diag,
                         boost::asio::any_completion_handler<void(error_code, embedding_response)> handler)
{
    std::string problem =
        req.model.empty() ? std::string("embedding_request.model is empty") : input_problem(req.input);
    if (req.dimensions && *req.dimensions < 1)
        problem = "embedding_request.dimensions must be >= 1";
    if (!problem.empty())
        return reject_op(std::move(impl), diag, std::move(handler), errc::invalid_request, std::move(problem));
    start_json_op<embedding_response>(std::move(impl), diag, std::move(handler),
                                      api_request{http_method::post, "/embeddings", {}, to_json(req), {}, std::nullopt},
                                      &parse_embeddings);
}

void initiate_embedding_models(std::shared_ptr<client_impl> impl, embedding_models_query q, diagnostics* diag,
                               boost::asio::any_completion_handler<void(error_code, embedding_models_page)> handler)
{
    if ((q.offset && *q.offset < 0) || (q.limit && (*q.limit < 1 || *q.limit > 1000)))
        return reject_op(std::move(impl), diag, std::move(handler), errc::invalid_request,
                         std::string("embedding_models_query: offset must be >= 0 and limit 1..1000"));
    api_request r{http_method::get, "/embeddings/models", {}, std::nullopt, {}, std::nullopt};
    if (q.offset)
        r.query.emplace_back("offset", std::to_string(*q.offset));
    if (q.limit)
        r.query.emplace_back("limit", std::to_string(*q.limit));
    start_json_op<embedding_models_page>(std::move(impl), diag, std::move(handler), std::move(r), &parse_models);
}

}  // namespace detail
}  // namespace openrouter
