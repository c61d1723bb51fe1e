// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Conformance of the account operations through their typed calls: generations (generations.hpp),
// the current key and key management (keys.hpp, with the provisioning key run.sh gives the
// emulator), credits and the deprecated Coinbase charge (credits.hpp), activity (activity.hpp),
// each with the error statuses the document lists for it. GET /auth/key is not in the document:
// driven to show that Prism finds no operation for it (see docs/conformance.md).

#include "harness.hpp"

#include <openrouter/activity.hpp>
#include <openrouter/chat.hpp>
#include <openrouter/credits.hpp>
#include <openrouter/generations.hpp>
#include <openrouter/keys.hpp>

using namespace conformance;
using openrouter::errc;

namespace {

// A generation made through the proxy (its response is judged too); returns its id.
asio::awaitable<std::string> chat_once(openrouter::client_options o)
{
    auto ex = co_await asio::this_coro::executor;
    openrouter::client cli(ex, std::move(o));
    openrouter::chat_request r;
    r.model = "emulator/echo";
    r.messages.push_back(openrouter::message::user("account conformance"));
    auto c = co_await cli.async_chat(r);
    co_return c.id;
}

std::string make_generation(const std::shared_ptr<recorder>& rec)
{
    return run(chat_once(options(rec)));
}

openrouter::generation_query gen(std::string id)
{
    openrouter::generation_query q;
    q.id = std::move(id);
    return q;
}

auto get_generation(openrouter::generation_query q)
{
    return [q](openrouter::client& c, openrouter::diagnostics& d) {
        return openrouter::async_get_generation(c, q, d, asio::as_tuple(asio::use_awaitable));
    };
}

auto get_content(openrouter::generation_query q)
{
    return [q](openrouter::client& c, openrouter::diagnostics& d) {
        return openrouter::async_get_generation_content(c, q, d, asio::as_tuple(asio::use_awaitable));
    };
}

auto send_feedback(openrouter::generation_feedback f)
{
    return [f](openrouter::client& c, openrouter::diagnostics& d) {
        return openrouter::async_send_generation_feedback(c, f, d, asio::as_tuple(asio::use_awaitable));
    };
}

openrouter::generation_feedback feedback(std::string id)
{
    openrouter::generation_feedback f;
    f.generation_id = std::move(id);
    f.category = "latency";
    f.comment = "conformance";
    return f;
}

auto current_key()
{
    return [](openrouter::client& c, openrouter::diagnostics& d) {
        return openrouter::async_get_current_key(c, d, asio::as_tuple(asio::use_awaitable));
    };
}

auto auth_key()
{
    return [](openrouter::client& c, openrouter::diagnostics& d) {
        return openrouter::async_get_auth_key(c, d, asio::as_tuple(asio::use_awaitable));
    };
}

auto credits()
{
    return [](openrouter::client& c, openrouter::diagnostics& d) {
        return openrouter::async_get_credits(c, d, asio::as_tuple(asio::use_awaitable));
    };
}

auto coinbase()
{
    return [](openrouter::client& c, openrouter::diagnostics& d) {
        return openrouter::async_create_coinbase_charge(c, d, asio::as_tuple(asio::use_awaitable));
    };
}

auto get_activity(openrouter::activity_query q)
{
    return [q](openrouter::client& c, openrouter::diagnostics& d) {
        return openrouter::async_get_activity(c, q, d, asio::as_tuple(asio::use_awaitable));
    };
}

openrouter::activity_query activity_of(std::optional<std::string> date = {})
{
    openrouter::activity_query q;
    q.provisioning_key = provisioning_key;
    q.date = std::move(date);
    return q;
}

auto list_keys(openrouter::key_list_query q)
{
    return [q](openrouter::client& c, openrouter::diagnostics& d) {
        return openrouter::async_list_keys(c, q, d, asio::as_tuple(asio::use_awaitable));
    };
}

auto create_key(openrouter::key_create_request r)
{
    return [r](openrouter::client& c, openrouter::diagnostics& d) {
        return openrouter::async_create_key(c, r, d, asio::as_tuple(asio::use_awaitable));
    };
}

auto get_key(openrouter::key_ref r)
{
    return [r](openrouter::client& c, openrouter::diagnostics& d) {
        return openrouter::async_get_managed_key(c, r, d, asio::as_tuple(asio::use_awaitable));
    };
}

auto update_key(openrouter::key_update_request r)
{
    return [r](openrouter::client& c, openrouter::diagnostics& d) {
        return openrouter::async_update_key(c, r, d, asio::as_tuple(asio::use_awaitable));
    };
}

auto delete_key(openrouter::key_ref r)
{
    return [r](openrouter::client& c, openrouter::diagnostics& d) {
        return openrouter::async_delete_key(c, r, d, asio::as_tuple(asio::use_awaitable));
    };
}

openrouter::key_list_query keys_query()
{
    openrouter::key_list_query q;
    q.provisioning_key = provisioning_key;
    return q;
}

openrouter::key_create_request new_key(std::string name)
{
    openrouter::key_create_request r;
    r.provisioning_key = provisioning_key;
    r.name = std::move(name);
    r.limit = 5.0;
    r.limit_reset = std::string("monthly");
    r.include_byok_in_limit = false;
    r.expires_at = std::string("2099-12-31T23:59:59Z");
    return r;
}

openrouter::key_ref key_at(std::string hash)
{
    openrouter::key_ref r;
    r.provisioning_key = provisioning_key;
    r.hash = std::move(hash);
    return r;
}

openrouter::key_update_request disable(std::string hash)
{
    openrouter::key_update_request u;
    u.provisioning_key = provisioning_key;
    u.hash = std::move(hash);
    u.name = std::string("renamed by conformance");
    u.disabled = true;
    u.limit = nullptr;
    u.limit_reset = nullptr;
    u.include_byok_in_limit = true;
    return u;
}

}  // namespace

TEST_CASE("conformance: generation stats content and feedback for a known and an unknown id")
{
    auto rec = std::make_shared<recorder>();
    const auto id = make_generation(rec);
    REQUIRE_FALSE(id.empty());

    auto g = drive<openrouter::generation_info>(options(rec), get_generation(gen(id)));
    REQUIRE_FALSE(g.ec);
    CHECK(g.value.id == id);
    auto content = drive<openrouter::generation_content>(options(rec), get_content(gen(id)));
    REQUIRE_FALSE(content.ec);
    CHECK(content.value.output.completion.value_or("") == "account conformance");
    auto fb = drive<openrouter::feedback_result>(options(rec), send_feedback(feedback(id)));
    REQUIRE_FALSE(fb.ec);
    CHECK(fb.value.success);

    const std::string unknown = "gen-conformance-unknown";
    auto g404 = drive<openrouter::generation_info>(options(rec), get_generation(gen(unknown)));
    CHECK(g404.ec == errc::not_found);
    auto c404 = drive<openrouter::generation_content>(options(rec), get_content(gen(unknown)));
    CHECK(c404.ec == errc::not_found);
    auto f404 = drive<openrouter::feedback_result>(options(rec), send_feedback(feedback(unknown)));
    CHECK(f404.ec == errc::not_found);
    require_conformant(*rec, 7);
}

TEST_CASE("conformance: generation error statuses documented by the spec")
{
    auto rec = std::make_shared<recorder>();
    const auto id = make_generation(rec);
    require_conformant(*rec);
    SECTION("getGeneration")
    {
        require_error_statuses<openrouter::generation_info>({401, 402, 404, 429, 500, 502, 524, 529},
                                                            get_generation(gen(id)));
    }
    SECTION("listGenerationContent")
    {
        require_error_statuses<openrouter::generation_content>({401, 403, 404, 429, 500, 502, 524, 529},
                                                               get_content(gen(id)));
    }
    SECTION("submitGenerationFeedback")
    {
        require_error_statuses<openrouter::feedback_result>({400, 401, 404, 429, 500}, send_feedback(feedback(id)));
    }
}

TEST_CASE("conformance: current key on GET /key and its error statuses")
{
    auto rec = std::make_shared<recorder>();
    make_generation(rec);
    auto k = drive<openrouter::key_info>(options(rec), current_key());
    REQUIRE_FALSE(k.ec);
    CHECK(k.value.usage > 0);
    auto mgmt = options(rec);
    mgmt.api_key = provisioning_key;
    auto pk = drive<openrouter::key_info>(mgmt, current_key());
    REQUIRE_FALSE(pk.ec);
    CHECK(pk.value.is_management_key);
    require_conformant(*rec, 3);
    require_error_statuses<openrouter::key_info>({401, 500}, current_key());
}

TEST_CASE("conformance: GET /auth/key is not an operation of the document")
{
    // The older path of GET /key: OpenRouter still serves it, the document no longer lists it.
    // Prism passes the request on and reports only that it matches no operation, so there is
    // no schema to judge the reply by (it is the GET /key reply, checked above).
    auto rec = std::make_shared<recorder>();
    auto k = drive<openrouter::key_info>(options(rec), auth_key());
    REQUIRE_FALSE(k.ec);
    REQUIRE(rec->log.size() == 1);
    CHECK(rec->log[0].via_prism);
    CHECK(unexcused(rec->log[0]) == std::vector<std::string>{"request: Selected route not found"});
}

TEST_CASE("conformance: credits the deprecated coinbase charge and activity")
{
    auto rec = std::make_shared<recorder>();
    make_generation(rec);
    auto c = drive<openrouter::credits_info>(options(rec), credits());
    REQUIRE_FALSE(c.ec);
    CHECK(c.value.total_usage > 0);

    auto cb = drive<openrouter::coinbase_charge>(options(rec), coinbase());
    CHECK(cb.ec == errc::http_error);
    CHECK(cb.diag.http_status == 410);

    auto all = drive<openrouter::activity>(options(rec), get_activity(activity_of()));
    REQUIRE_FALSE(all.ec);
    CHECK_FALSE(all.value.data.empty());
    auto q = activity_of("2025-01-01");
    q.group_by = "workspace";
    q.workspace_id = "00000000-0000-0000-0000-000000000000";
    auto grouped = drive<openrouter::activity>(options(rec), get_activity(q));
    REQUIRE_FALSE(grouped.ec);
    auto other_day = drive<openrouter::activity>(options(rec), get_activity(activity_of("2025-02-03")));
    REQUIRE_FALSE(other_day.ec);
    CHECK(other_day.value.data.empty());
    auto bad_day = drive<openrouter::activity>(options(rec), get_activity(activity_of("yesterday")));
    CHECK(bad_day.ec == errc::bad_request);
    auto user_key = activity_of();
    user_key.provisioning_key.clear();  // an inference key may not read activity: 403
    auto forbidden = drive<openrouter::activity>(options(rec), get_activity(user_key));
    CHECK(forbidden.ec == errc::forbidden);
    require_conformant(*rec, 8);
}

TEST_CASE("conformance: credits coinbase and activity error statuses documented by the spec")
{
    SECTION("getCredits")
    {
        require_error_statuses<openrouter::credits_info>({401, 403, 500}, credits());
    }
    SECTION("createCoinbaseCharge")
    {
        require_error_statuses<openrouter::coinbase_charge>({410}, coinbase());
    }
    SECTION("getUserActivity")
    {
        require_error_statuses<openrouter::activity>({400, 401, 403, 404, 500}, get_activity(activity_of()));
    }
}

TEST_CASE("conformance: key management create list get update delete")
{
    auto rec = std::make_shared<recorder>();
    auto created = drive<openrouter::created_key>(options(rec), create_key(new_key("conformance key")));
    REQUIRE_FALSE(created.ec);
    CHECK(rec->log.back().status == 201);
    const std::string hash = created.value.data.hash;
    REQUIRE_FALSE(hash.empty());

    auto listed = drive<openrouter::key_list>(options(rec), list_keys(keys_query()));
    REQUIRE_FALSE(listed.ec);
    CHECK_FALSE(listed.value.data.empty());
    auto got = drive<openrouter::managed_key>(options(rec), get_key(key_at(hash)));
    REQUIRE_FALSE(got.ec);
    CHECK(got.value.hash == hash);
    auto updated = drive<openrouter::managed_key>(options(rec), update_key(disable(hash)));
    REQUIRE_FALSE(updated.ec);
    CHECK(updated.value.disabled);
    auto q = keys_query();
    q.include_disabled = true;
    q.offset = 0;
    q.workspace_id = "00000000-0000-0000-0000-000000000000";
    auto with_disabled = drive<openrouter::key_list>(options(rec), list_keys(q));
    REQUIRE_FALSE(with_disabled.ec);

    auto hashed = activity_of();
    hashed.api_key_hash = hash;
    auto act = drive<openrouter::activity>(options(rec), get_activity(hashed));
    REQUIRE_FALSE(act.ec);

    auto deleted = drive<openrouter::key_deleted>(options(rec), delete_key(key_at(hash)));
    REQUIRE_FALSE(deleted.ec);
    CHECK(deleted.value.deleted);
    auto gone = drive<openrouter::managed_key>(options(rec), get_key(key_at(hash)));
    CHECK(gone.ec == errc::not_found);
    auto gone_update = drive<openrouter::managed_key>(options(rec), update_key(disable(hash)));
    CHECK(gone_update.ec == errc::not_found);
    auto gone_delete = drive<openrouter::key_deleted>(options(rec), delete_key(key_at(hash)));
    CHECK(gone_delete.ec == errc::not_found);
    require_conformant(*rec, 10);
}

TEST_CASE("conformance: key management error statuses documented by the spec")
{
    auto rec = std::make_shared<recorder>();
    auto created = drive<openrouter::created_key>(options(rec), create_key(new_key("conformance statuses")));
    REQUIRE_FALSE(created.ec);
    require_conformant(*rec);
    const std::string hash = created.value.data.hash;
    SECTION("list")
    {
        require_error_statuses<openrouter::key_list>({400, 401, 429, 500}, list_keys(keys_query()));
    }
    SECTION("createKeys")
    {
        require_error_statuses<openrouter::created_key>({400, 401, 403, 429, 500}, create_key(new_key("x")));
    }
    SECTION("getKey")
    {
        require_error_statuses<openrouter::managed_key>({401, 404, 429, 500}, get_key(key_at(hash)));
    }
    SECTION("updateKeys")
    {
        require_error_statuses<openrouter::managed_key>({400, 401, 404, 429, 500}, update_key(disable(hash)));
    }
    SECTION("deleteKeys")
    {
        require_error_statuses<openrouter::key_deleted>({401, 404, 429, 500}, delete_key(key_at(hash)));
    }
}
