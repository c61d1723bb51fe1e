// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include <openrouter/diagnostics.hpp>

#include <string>

namespace openrouter {

std::string diagnostics::summary() const
{
    std::string s;
    if (http_status != 0) {
        s += "HTTP ";
        s += std::to_string(http_status);
    }
    if (!api_code.empty()) {
        if (!s.empty())
            s += ' ';
        s += "code ";
        s += api_code;
    }
    if (!message.empty()) {
        if (!s.empty())
            s += ": ";
        s += message;
    }
    if (!detail.empty()) {
        if (!s.empty())
            s += "; ";
        s += detail;
    }
    if (!provider_name.empty())
        s += " (provider " + provider_name + ")";
    if (!provider_error.empty())
        s += " [provider said: " + provider_error + "]";
    if (retry_after)
        s += " (retry after " + std::to_string(retry_after->count()) + " ms)";
    if (attempts.size() > 1)
        s += " after " + std::to_string(attempts.size()) + " attempts";
    return s;
}

api_error::api_error(error_code ec, diagnostics diag)
    : boost::system::system_error(ec, diag.summary()), diag_(std::move(diag))
{}

}  // namespace openrouter
