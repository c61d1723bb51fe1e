// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_CORE_OPERATION_HPP
#define OPENROUTER_LIB_CORE_OPERATION_HPP

// The driver shared by every operation: per-operation state, cancellation, completion, request
// building, and the typed JSON operation on top of the attempt driver (core/attempts.hpp),
// whose attempts run the one HTTP attempt loop (core/http_attempt.hpp). Decisions
// (classification, retry/fallback) are sans-io functions they call.

#include "core/client_impl.hpp"
#include "transport/exchange.hpp"

#include <openrouter/chat_completion.hpp>
#include <openrouter/policies.hpp>

#include <openrouter/request.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/json/value.hpp>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace openrouter::detail {

namespace http = boost::beast::http;

// The I/O of one attempt (an operation may run several: retries, fallback, hedges).
struct attempt_io {
    diagnostics diag;  // this attempt's own diagnostics
    bool cancelled = false;
    connection* active = nullptr;                      // the connection in use, if any
    std::shared_ptr<connection_pool::waiter> waiting;  // set while waiting for a slot
    std::shared_ptr<traffic_gate::waiter> admitting;   // set while waiting for traffic admission
    traffic_permit permit;  // the attempt's traffic slot (client_options::traffic); a stream takes it over

    // Closes the connection in use / stops waiting for one (on the client's strand).
    void cancel(client_impl& impl);
};

// State of one operation; lives until its completion handler has been called.
struct op_state {
    op_state(std::shared_ptr<client_impl> i, diagnostics* d, std::shared_ptr<const request_policies> p = nullptr)
        : impl(std::move(i)), policies(p ? std::move(p) : impl->policies), diag(d != nullptr ? d : &own_diag)
    {
        diag->clear();
        start = clock::now();
        const auto total = impl->options.timeouts.total;
        total_deadline = total.count() > 0 ? start + total : clock::time_point::max();
    }

    std::shared_ptr<client_impl> impl;
    // The policies of this operation: the request's override or the client's.
    std::shared_ptr<const request_policies> policies;
    diagnostics own_diag;
    diagnostics* diag;
    clock::time_point start;
    clock::time_point total_deadline;
    bool cancelled = false;
    std::vector<std::shared_ptr<attempt_io>> ios;  // attempts in flight
    std::function<void()> wake;                    // wakes the attempt driver, if it waits

    // Terminal cancellation (on the client's strand): closes every connection in use and wakes
    // the driver (which then stops its timer and completes with operation_aborted).
    void cancel();
};

// Clears the handler's cancellation slot (the handler we installed in it). Called on the
// handler's associated executor just before the handler runs: Asio's rule is that a slot is used
// only where its signal is emitted (the caller's side), never on the client's strand, which may
// be another thread at that moment (docs/design/threads.md).
template <class Handler>
void clear_slot(Handler& h) noexcept
{
    auto slot = boost::asio::get_associated_cancellation_slot(h);
    if (slot.is_connected())
        slot.clear();
}

// Installs a cancellation handler on the handler's slot that cancels `op` on the strand. Called
// in the initiating function, on the caller's side; the slot is cleared by clear_slot.
template <class Handler>
void bind_cancellation(const std::shared_ptr<op_state>& op, Handler& h)
{
    auto slot = boost::asio::get_associated_cancellation_slot(h);
    if (slot.is_connected()) {
        std::weak_ptr<op_state> weak = op;
        slot.assign([weak, strand = op->impl->strand](boost::asio::cancellation_type_t) {
            boost::asio::post(strand, [weak] {
                if (auto o = weak.lock())
                    o->cancel();
            });
        });
    }
}

// Spawns `body` (an awaitable<std::pair<error_code, T>>) on the client's strand and delivers its
// result to `handler` through the handler's associated executor.
template <class T>
void spawn_operation(std::shared_ptr<op_state> op, boost::asio::awaitable<std::pair<error_code, T>> body,
                     boost::asio::any_completion_handler<void(error_code, T)> handler)
{
    bind_cancellation(op, handler);
    auto strand = op->impl->strand;
    boost::asio::co_spawn(strand, std::move(body),
                          [op, h = std::move(handler)](std::exception_ptr ex, std::pair<error_code, T> r) mutable {
                              if (ex)
                                  std::rethrow_exception(ex);  // a bug, not an input problem: surface it from run()
                              if (r.first == boost::asio::error::operation_aborted || op->cancelled) {
                                  r.first = boost::asio::error::operation_aborted;
                                  op->diag->detail = "cancelled";
                              }
                              auto ex2 = boost::asio::get_associated_executor(h, op->impl->executor);
                              boost::asio::dispatch(ex2, [h = std::move(h), r = std::move(r)]() mutable {
                                  clear_slot(h);
                                  std::move(h)(r.first, std::move(r.second));
                              });
                          });
}

// Builds an HTTP request with the client's headers and authorization. `bearer_override`, when
// not null, replaces the client's key in the Authorization header (per-request `headers` can
// never set Authorization).
http::request<http::string_body> make_http_request(const client_impl& impl, http::verb method, std::string target,
                                                   std::string body,
                                                   const std::vector<std::pair<std::string, std::string>>& headers,
                                                   const std::string* bearer_override = nullptr);

// Calls the client's response observer (client_options::on_response), if any, for a response
// whose header was read into `head` (captured when head.capture_fields was set).
void observe_response(const client_impl& impl, const http::request<http::string_body>& req, const response_head& head);

// Extra checks of a 2xx JSON body inside its attempt (e.g. a chat answer that is an error
// object): returns an error (filling diag) to make the attempt fail, so that policies see it.
using body_check_fn = error_code (*)(const client_impl&, const boost::json::value&, diagnostics&);

// The result of one attempt, as the attempt driver needs it.
struct attempt_result {
    error_code ec;
    int status = 0;
};

// One JSON request under the operation's policies (retries; one model): `out` gets the winning
// body; op.diag gets the last attempt's diagnostics and the attempt log.
boost::asio::awaitable<error_code> perform_json(std::shared_ptr<op_state> op, http::request<http::string_body> req,
                                                boost::json::value& out, int& status, std::string& content_type,
                                                body_check_fn check = nullptr);

// Fails the operation at once with the client's configuration error (without I/O).
error_code check_config(op_state& op);

// For operations that generate (and cost): the configuration error, else errc::budget_exhausted
// when the client's cost budget (client_options::traffic) is spent.
error_code check_config_and_budget(op_state& op);

// Adds a completion's usage.cost to the client's budget (nothing without a traffic gate).
void account_cost(client_impl& impl, const usage* u);

// Builds the HTTP request of a generic call.
http::request<http::string_body> make_api_request(const client_impl& impl, const api_request& r);

// Reads a 2xx JSON body `v` into `out` with `parse(v, out, why)`. A body of the wrong shape is
// errc::invalid_response, with `what` and the reason in the operation's diag.detail.
template <class T, class Parse>
error_code read_json_body(op_state& op, const boost::json::value& v, T& out, Parse&& parse, std::string_view what)
{
    std::string why;
    if (!parse(v, out, why)) {
        op.diag->detail = std::string(what) + why;
        return error_code(errc::invalid_response);
    }
    return {};
}

// A typed JSON operation: sends `req`, classifies the response, and parses a 2xx JSON body
// with `parse` (false + reason -> errc::invalid_response with the reason in diag.detail).
template <class T>
using json_parse_fn = bool (*)(const boost::json::value&, T&, std::string&);

template <class T>
boost::asio::awaitable<std::pair<error_code, T>> run_json_op(std::shared_ptr<op_state> op, api_request r,
                                                             json_parse_fn<T> parse)
{
    T out{};
    if (auto ec = check_config(*op))
        co_return std::pair{ec, std::move(out)};
    auto req = make_api_request(*op->impl, r);
    boost::json::value v;
    int status = 0;
    std::string content_type;
    error_code ec = co_await perform_json(op, std::move(req), v, status, content_type);
    if (!ec)
        ec = read_json_body(*op, v, out, parse, "unexpected response shape: ");
    co_return std::pair{ec, std::move(out)};
}

// Scrubs `secret` from every text of `d` (a per-request credential, see api_request::bearer_override:
// the response classification only knows the client's key).
void scrub_diagnostics(diagnostics& d, std::string_view secret);

// Runs `body`; on failure scrubs `secret` (if any) from the operation's diagnostics.
template <class T>
boost::asio::awaitable<std::pair<error_code, T>> scrub_after(std::shared_ptr<op_state> op,
                                                             boost::asio::awaitable<std::pair<error_code, T>> body,
                                                             std::optional<std::string> secret)
{
    auto r = co_await std::move(body);
    if (r.first && secret)
        scrub_diagnostics(*op->diag, *secret);
    co_return r;
}

// Starts a typed JSON operation (the body of an initiate_* function).
template <class T>
void start_json_op(std::shared_ptr<client_impl> impl, diagnostics* diag,
                   boost::asio::any_completion_handler<void(error_code, T)> handler, api_request r,
                   json_parse_fn<T> parse)
{
    auto op = std::make_shared<op_state>(std::move(impl), diag);
    auto secret = r.bearer_override;
    spawn_operation(op, scrub_after<T>(op, run_json_op<T>(op, std::move(r), parse), std::move(secret)),
                    std::move(handler));
}

}  // namespace openrouter::detail

#endif
