// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Streamed Responses API: the named-event decoder plugged into the shared SSE stream machinery.
#include <openrouter/responses.hpp>

#include "sansio/classify.hpp"
#include "stream/open_stream.hpp"
#include "stream/stream_impl.hpp"
#include "json/json_util.hpp"

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/system_executor.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace openrouter {

namespace asio = boost::asio;
namespace json = boost::json;

std::string_view responses_event::delta() const noexcept
{
    if (type.size() < 6 || type.compare(type.size() - 6, 6, ".delta") != 0)
        return {};
    const json::value* d = data.if_contains("delta");
    if (d == nullptr || !d->is_string())
        return {};
    return d->get_string();
}

bool responses_event::is_terminal() const noexcept
{
    return type == "response.completed" || type == "response.incomplete" || type == "response.failed";
}

namespace detail {

std::string responses_request_problem(const responses_request& r);  // responses.cpp

namespace {

bool carries_response(std::string_view type)
{
    return type == "response.created" || type == "response.in_progress" || type == "response.completed" ||
           type == "response.incomplete" || type == "response.failed" || type == "response.queued";
}

class responses_decoder final : public stream_event_decoder {
public:
    bool decode(stream_impl& s, const sse::event& ev, std::vector<responses_event>& out) override
    {
        boost::system::error_code ec;
        json::value v = json::parse(ev.data, ec);
        if (ec || !v.is_object())
            return invalid(s, ev.data, ec ? "not JSON: " + ec.message() : std::string("not a JSON object"));
        responses_event e;
        e.data = std::move(v.get_object());
        if (!ev.raw_type.empty()) {
            e.type = ev.raw_type;
        } else if (const json::value* t = e.data.if_contains("type"); t != nullptr && t->is_string()) {
            e.type = t->get_string();
        } else {
            e.type = ev.type;  // "message"
        }
        if (const json::value* n = e.data.if_contains("sequence_number");
            n != nullptr && !to_int64(*n, e.sequence_number))
            return invalid(s, ev.data, "sequence_number: expected integer");
        if (e.type == "error")
            return in_band_error(s, e.data);
        if (carries_response(e.type)) {
            const json::value* r = e.data.if_contains("response");
            std::string why;
            if (r == nullptr)
                return invalid(s, ev.data, "a " + e.type + " event without 'response'");
            if (!from_json(*r, e.response.emplace(), why))
                return invalid(s, ev.data, "response." + why);
        }
        if (e.is_terminal())
            s.done_seen = true;  // the stream is complete, [DONE] or not
        out.push_back(std::move(e));
        return true;
    }

private:
    static bool invalid(stream_impl& s, std::string_view data, const std::string& why)
    {
        s.error_diag.http_status = 200;
        s.error_diag.detail = "invalid stream event: " + why;
        s.error_diag.body_excerpt = safe_excerpt(data, s.client->api_key);
        s.fail(errc::invalid_response);
        return false;
    }

    static bool in_band_error(stream_impl& s, const json::object& data)
    {
        // {"type":"error","code":..,"message":..,"param":..}: a numeric code maps like a status.
        int code = 0;
        if (const json::value* c = data.if_contains("code"); c != nullptr) {
            std::int64_t n = 0;
            if (to_int64(*c, n) && n >= 400 && n <= 599)
                code = static_cast<int>(n);
        }
        errc e = read_api_error(data, code != 0 ? code : 500, s.client->api_key, s.error_diag);
        if (code == 0)
            e = errc::stream_error;
        s.error_diag.http_status = 200;
        if (s.error_diag.detail.empty())
            s.error_diag.detail = "the stream reported an error after it started";
        s.fail(e);
        return false;
    }
};

asio::awaitable<std::pair<error_code, responses_stream>> run_stream(std::shared_ptr<op_state> op, responses_request r)
{
    if (auto problem = responses_request_problem(r); !problem.empty()) {
        op->diag->detail = std::move(problem);
        co_return std::pair{error_code(errc::invalid_request), responses_stream{}};
    }
    std::string body = json::serialize(to_json(r, true));
    auto [ec, s] = co_await open_sse_stream(op, "/responses", std::move(body), r.model.value_or(std::string{}),
                                            std::make_unique<responses_decoder>());
    co_return std::pair{ec, s ? responses_stream(std::move(s)) : responses_stream{}};
}

}  // namespace

void initiate_responses_stream(std::shared_ptr<client_impl> impl, responses_request req, diagnostics* diag,
                               asio::any_completion_handler<void(error_code, responses_stream)> handler)
{
    auto op = std::make_shared<op_state>(std::move(impl), diag);
    spawn_operation(op, run_stream(op, std::move(req)), std::move(handler));
}

void initiate_responses_next(std::shared_ptr<stream_impl> impl, diagnostics* diag,
                             asio::any_completion_handler<void(error_code, std::optional<responses_event>)> handler)
{
    if (!impl || !impl->event_decoder) {
        reject_empty_next(diag, "responses_stream", std::move(handler));  // posted, never inline
        return;
    }
    impl->next(diag, stream_impl::any_handler(std::in_place_index<1>, std::move(handler)));
}

}  // namespace detail

responses_stream& responses_stream::operator=(responses_stream&& other) noexcept
{
    if (this != &other) {
        responses_stream old(std::move(*this));
        impl_ = std::move(other.impl_);
    }
    return *this;
}

responses_stream::~responses_stream()
{
    if (impl_)
        impl_->handle_gone();
}

const std::string& responses_stream::text() const noexcept
{
    static const std::string empty;
    return impl_ ? impl_->text : empty;
}

const std::optional<responses_result>& responses_stream::final_response() const noexcept
{
    static const std::optional<responses_result> none;
    return impl_ ? impl_->final_response : none;
}

bool responses_stream::done() const noexcept
{
    return !impl_ || impl_->ended();
}

void responses_stream::cancel()
{
    if (!impl_)
        return;
    impl_->request_cancel();
}

}  // namespace openrouter
