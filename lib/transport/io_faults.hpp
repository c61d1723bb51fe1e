// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_LIB_TRANSPORT_IO_FAULTS_HPP
#define OPENROUTER_LIB_TRANSPORT_IO_FAULTS_HPP

// Fault injection at every I/O step, for tests (the way Beast's test stream takes a fail_count).
//
// Every step a connection takes (resolve, connect, each write_some and read_some of the socket,
// TLS handshake records included) passes one `io_fault_point`. With no plan installed that is one
// relaxed atomic load. A test installs a plan that makes the N-th step of the process fail with
// a chosen error, runs an operation, and reads back which step failed and what the steps were.
// Process-wide: tests that install a plan must not run other clients at the same time.

#include <boost/asio/error.hpp>
#include <boost/system/error_code.hpp>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <vector>

namespace openrouter::detail {

// The kind of one I/O step.
enum class io_step : std::uint8_t { resolve, connect, write, read };

// Where the connection is when it takes the step.
enum class io_phase : std::uint8_t { connect, tls_handshake, http };

struct io_step_record {
    io_step step;
    io_phase phase;
};

struct io_fault_plan {
    // 1-based index of the step to fail (counted from installation); 0 fails nothing and only
    // records the steps.
    std::int64_t fail_at = 0;
    // The error the failed step completes with (resolve and connect failures: see io_fault_point).
    boost::system::error_code error = boost::asio::error::connection_reset;

    // Read back after the operation (under `mutex`).
    std::mutex mutex;
    std::vector<io_step_record> trace;  // every step seen, in order
    bool fired = false;                 // the step at fail_at was reached and failed
    io_step_record failed{};            // that step
};

// Installs `plan` (null: none). The plan must outlive its installation.
void install_io_fault_plan(io_fault_plan* plan) noexcept;

namespace io_faults_detail {
extern std::atomic<io_fault_plan*> plan;
boost::system::error_code step(io_fault_plan& p, io_step s, io_phase ph);
}  // namespace io_faults_detail

// Called before each I/O step: the error to fail it with, or success.
inline boost::system::error_code io_fault_point(io_step s, io_phase ph)
{
    io_fault_plan* p = io_faults_detail::plan.load(std::memory_order_acquire);
    if (p == nullptr) [[likely]]
        return {};
    return io_faults_detail::step(*p, s, ph);
}

}  // namespace openrouter::detail

#endif
