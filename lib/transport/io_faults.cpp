// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#include "transport/io_faults.hpp"

namespace openrouter::detail {

namespace io_faults_detail {

std::atomic<io_fault_plan*> plan{nullptr};

boost::system::error_code step(io_fault_plan& p, io_step s, io_phase ph)
{
    const std::lock_guard<std::mutex> lock(p.mutex);
    p.trace.push_back({s, ph});
    if (p.fired || p.fail_at <= 0 || static_cast<std::int64_t>(p.trace.size()) != p.fail_at)
        return {};
    p.fired = true;
    p.failed = {s, ph};
    return p.error;
}

}  // namespace io_faults_detail

void install_io_fault_plan(io_fault_plan* plan) noexcept
{
    io_faults_detail::plan.store(plan, std::memory_order_release);
}

}  // namespace openrouter::detail
