// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// GET /generation, GET /generation/content, POST /generation/feedback: codecs and operations.
#include "json/api_codec.hpp"

#include "core/api_op.hpp"

namespace openrouter {
namespace detail {

namespace {

api_request generation_request(std::string path, std::string id)
{
    api_request r = make_request(http_method::get, std::move(path));
    r.query.emplace_back("id", std::move(id));
    return r;
}

}  // namespace

void initiate_get_generation(std::shared_ptr<client_impl> impl, generation_query q, diagnostics* diag,
                             boost::asio::any_completion_handler<void(error_code, generation_info)> h)
{
    if (q.id.empty())
        return reject_op(std::move(impl), diag, std::move(h), errc::invalid_request, "generation_query.id is empty");
    start_json_op<generation_info>(std::move(impl), diag, std::move(h), generation_request("/generation", q.id),
                                   &read_data<generation_info>);
}

void initiate_get_generation_content(std::shared_ptr<client_impl> impl, generation_query q, diagnostics* diag,
                                     boost::asio::any_completion_handler<void(error_code, generation_content)> h)
{
    if (q.id.empty())
        return reject_op(std::move(impl), diag, std::move(h), errc::invalid_request, "generation_query.id is empty");
    start_json_op<generation_content>(std::move(impl), diag, std::move(h),
                                      generation_request("/generation/content", q.id), &read_data<generation_content>);
}

void initiate_send_generation_feedback(std::shared_ptr<client_impl> impl, generation_feedback f, diagnostics* diag,
                                       boost::asio::any_completion_handler<void(error_code, feedback_result)> h)
{
    if (f.generation_id.empty() || f.category.empty())
        return reject_op(std::move(impl), diag, std::move(h), errc::invalid_request,
                         f.generation_id.empty() ? "generation_feedback.generation_id is empty"
                                                 : "generation_feedback.category is empty");
    api_request r = make_request(http_method::post, "/generation/feedback", json::value(to_json(f)));
    start_json_op<feedback_result>(std::move(impl), diag, std::move(h), std::move(r), &read_data<feedback_result>);
}

}  // namespace detail

OPENROUTER_LIB_FROM_JSON(generation_info, read_data)
OPENROUTER_LIB_FROM_JSON(generation_content, read_data)
OPENROUTER_LIB_FROM_JSON(feedback_result, read_data)

OPENROUTER_LIB_TO_JSON(generation_feedback)

}  // namespace openrouter
