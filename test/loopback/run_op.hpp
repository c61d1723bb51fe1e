// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
#ifndef OPENROUTER_TEST_LOOPBACK_RUN_OP_HPP
#define OPENROUTER_TEST_LOOPBACK_RUN_OP_HPP

// Runs one typed operation against the emulator and returns (error, value, diagnostics).

#include "loopback/common.hpp"

namespace test {

template <class T>
using op_result = harness::outcome<T>;

// `start(client&, diagnostics&)` returns the awaitable of an `as_tuple(use_awaitable)` operation;
// it runs once on a client built from `o`, on the fixture's io_context.
template <class T, class Start>
op_result<T> run_op(emu_fixture& f, openrouter::client_options o, Start start)
{
    return f.run(harness::drive_on<T>(std::move(o), std::move(start)));
}

}  // namespace test

#endif
