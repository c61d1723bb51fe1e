// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include "json/chunk_decoder.hpp"

#include "json/chunk_handler.hpp"
#include "json/chunk_scan.hpp"

#include <boost/json/basic_parser_impl.hpp>

#include <string_view>

namespace openrouter::detail {

using boost::system::error_code;
using chunk_sax::handler;

struct chunk_decoder::impl {
    impl() : parser(boost::json::parse_options{}) {}
    boost::json::basic_parser<handler> parser;
    chunk_scanner scan;  // the fast path, tried first
};

chunk_decoder::chunk_decoder() : impl_(std::make_unique<impl>()) {}
chunk_decoder::~chunk_decoder() = default;
chunk_decoder::chunk_decoder(chunk_decoder&&) noexcept = default;
chunk_decoder& chunk_decoder::operator=(chunk_decoder&&) noexcept = default;

chunk_decoder::result chunk_decoder::decode(std::string_view data, std::vector<chat_delta>& out)
{
    if (impl_->scan.decode(data, out))
        return result::ok;
    return decode_full(data, out);
}

chunk_decoder::result chunk_decoder::decode_full(std::string_view data, std::vector<chat_delta>& out)
{
    auto& p = impl_->parser;
    auto& h = p.handler();
    p.reset();
    h.begin(out);
    h.doc = data;
    error_code ec;
    const std::size_t n = p.write_some(false, data.data(), data.size(), ec);
    if (!ec && n != data.size())
        ec = boost::json::error::extra_data;
    if (ec) {
        out.resize(h.first);
        if (h.why.empty())
            h.why = "not valid JSON: " + ec.message();
        return result::invalid;
    }
    if (!h.saw_root) {
        out.resize(h.first);
        h.why = "expected a chunk object";
        return result::invalid;
    }
    if (h.has_error) {
        out.resize(h.first);
        return result::error_chunk;
    }
    h.end();
    return result::ok;
}

const boost::json::object& chunk_decoder::error() const noexcept
{
    return impl_->parser.handler().error_obj;
}

const std::string& chunk_decoder::why() const noexcept
{
    return impl_->parser.handler().why;
}

}  // namespace openrouter::detail
