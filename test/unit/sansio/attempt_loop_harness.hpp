// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Helpers of the attempt-loop tests: a mock clock, failure diagnostics, and a compact text form
// of action lists ("start 1 m0; timer 2000") so that scenarios read as transcripts.
#ifndef OPENROUTER_TEST_UNIT_ATTEMPT_LOOP_HARNESS_HPP
#define OPENROUTER_TEST_UNIT_ATTEMPT_LOOP_HARNESS_HPP

#include "sansio/attempt_loop.hpp"

#include <chrono>
#include <string>

namespace loop_test {

using openrouter::detail::attempt_loop;
using clock = attempt_loop::clock;

inline const clock::time_point t0 = clock::time_point(std::chrono::hours(24));

// "start <id> m<model>[ restart|prefill]", "cancel <id>", "timer <ms>", "success <id>",
// "error <errc name or message>", joined by "; ".
inline std::string str(const attempt_loop::action_list& list)
{
    using kind = attempt_loop::action::kind;
    std::string out;
    for (const auto& a : list) {
        if (!out.empty())
            out += "; ";
        switch (a.what) {
        case kind::start_attempt:
            out += "start " + std::to_string(a.attempt_id) + " m" + std::to_string(a.model_index);
            if (a.resume == attempt_loop::resume_mode::restart)
                out += " restart";
            else if (a.resume == attempt_loop::resume_mode::continue_with_prefill)
                out += " prefill";
            break;
        case kind::cancel_attempt: out += "cancel " + std::to_string(a.attempt_id); break;
        case kind::set_timer: out += "timer " + std::to_string(a.delay.count()); break;
        case kind::complete_success: out += "success " + std::to_string(a.attempt_id); break;
        case kind::complete_error:
            out += "error ";
            out += a.error.category() == openrouter::error_category()
                       ? std::string(openrouter::to_string(static_cast<openrouter::errc>(a.error.value())))
                       : a.error.message();
            break;
        }
    }
    return out;
}

// Diagnostics of a failed attempt as the transport and classifier fill them.
inline openrouter::diagnostics diag(int status, std::optional<std::chrono::milliseconds> retry_after = {},
                                    std::string error_type = {})
{
    openrouter::diagnostics d;
    d.http_status = status;
    d.retry_after = retry_after;
    d.error_type = std::move(error_type);
    return d;
}

inline openrouter::error_code ec(openrouter::errc e)
{
    return openrouter::make_error_code(e);
}

// One log line: "<number> <model> <status> <errc|ok> <delay> <decision>: <reason>[ (hedge)]".
inline std::string line(const openrouter::attempt_record& r)
{
    std::string e = !r.error ? std::string("ok")
                    : r.error.category() == openrouter::error_category()
                        ? std::string(openrouter::to_string(static_cast<openrouter::errc>(r.error.value())))
                        : r.error.message();
    return std::to_string(r.number) + " " + (r.model.empty() ? std::string("-") : r.model) + " " +
           std::to_string(r.http_status) + " " + e + " " + std::to_string(r.delay_before_next.count()) + " " +
           r.decision + (r.reason.empty() ? std::string() : ": " + r.reason) + (r.hedge ? " (hedge)" : "");
}

inline std::vector<std::string> lines(const std::vector<openrouter::attempt_record>& log)
{
    std::vector<std::string> out;
    for (const auto& r : log)
        out.push_back(line(r));
    return out;
}

}  // namespace loop_test

#endif
