// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// GET /activity: the operation (the codecs are the walker's).
#include "json/api_codec.hpp"

#include "core/api_op.hpp"

namespace openrouter {
namespace detail {

void initiate_get_activity(std::shared_ptr<client_impl> impl, activity_query q, diagnostics* diag,
                           boost::asio::any_completion_handler<void(error_code, activity)> h)
{
    api_request r = make_request(http_method::get, "/activity");
    add_query(r.query, "date", q.date);
    add_query(r.query, "api_key_hash", q.api_key_hash);
    add_query(r.query, "user_id", q.user_id);
    add_query(r.query, "group_by", q.group_by);
    add_query(r.query, "workspace_id", q.workspace_id);
    use_key(r, q.provisioning_key);
    start_json_op<activity>(std::move(impl), diag, std::move(h), std::move(r), &read_listing<activity>);
}

}  // namespace detail

OPENROUTER_LIB_FROM_JSON(activity, read_listing)

}  // namespace openrouter
