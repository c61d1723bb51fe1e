// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// The front door: the client object and the non-template initiation functions of client.hpp.
// Each makes the operation's state and spawns its body: lib/core/chat_ops.cpp for the generic
// call, chat and completions; lib/stream/open_stream.cpp for the streams.
#include <openrouter/client.hpp>

#include "core/chat_ops.hpp"
#include "core/client_impl.hpp"
#include "core/operation.hpp"
#include "stream/open_stream.hpp"

namespace openrouter {

namespace asio = boost::asio;

namespace detail {

void initiate_completion(std::shared_ptr<client_impl> impl, completion_request req, diagnostics* diag,
                         asio::any_completion_handler<void(error_code, text_completion)> handler)
{
    auto op = std::make_shared<op_state>(std::move(impl), diag, req.options.policies);
    spawn_operation(op, run_completion(op, std::move(req)), std::move(handler));
}

void initiate_completion_stream(std::shared_ptr<client_impl> impl, completion_request req, diagnostics* diag,
                                asio::any_completion_handler<void(error_code, chat_stream)> handler)
{
    auto op = std::make_shared<op_state>(std::move(impl), diag, req.options.policies);
    spawn_operation(op, open_completion_stream(op, std::move(req)), std::move(handler));
}

void initiate_chat_stream(std::shared_ptr<client_impl> impl, chat_request req, diagnostics* diag,
                          asio::any_completion_handler<void(error_code, chat_stream)> handler)
{
    auto op = std::make_shared<op_state>(std::move(impl), diag, req.policies);
    spawn_operation(op, open_chat_stream(op, std::move(req)), std::move(handler));
}

void initiate_request(std::shared_ptr<client_impl> impl, api_request req, diagnostics* diag,
                      asio::any_completion_handler<void(error_code, api_response)> handler)
{
    auto op = std::make_shared<op_state>(std::move(impl), diag);
    auto secret = req.bearer_override;
    spawn_operation(op, scrub_after<api_response>(op, run_request(op, std::move(req)), std::move(secret)),
                    std::move(handler));
}

void initiate_chat(std::shared_ptr<client_impl> impl, chat_request req, diagnostics* diag,
                   asio::any_completion_handler<void(error_code, chat_completion)> handler)
{
    auto op = std::make_shared<op_state>(std::move(impl), diag, req.policies);
    spawn_operation(op, run_chat(op, std::move(req)), std::move(handler));
}

}  // namespace detail

client::client(executor_type ex, client_options opts)
    : impl_(std::make_shared<detail::client_impl>(std::move(ex), std::move(opts)))
{}

client::~client() = default;

client::executor_type client::get_executor() const noexcept
{
    return impl_->executor;
}

error_code client::config_error() const noexcept
{
    return impl_->config_error;
}

const std::string& client::base_url() const noexcept
{
    return impl_->base_url;
}

traffic_state client::traffic() const
{
    if (!impl_ || !impl_->traffic)
        return {};
    return impl_->traffic->snapshot();
}

std::size_t client::idle_connections() const
{
    return impl_->pool.idle_count(impl_->pool_key);
}

}  // namespace openrouter
