// Copyright (c) openrouter-cpp authors. Distributed under the Boost Software License 1.0.
// Fault scripts ("scenarios"): parsed from the body field "emulator" and/or the X-Emulator header.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openrouter::emulator::detail {

enum class malformed_kind { none, not_json, wrong_shape, truncated };

/// A parsed fault script. Every field is optional; a default-constructed scenario means "behave normally".
struct scenario {
    std::optional<std::string> key;
    std::vector<int> statuses;
    std::optional<int> status;
    std::optional<std::string> error_message;
    std::optional<boost::json::value> error_code;  // int or string
    std::optional<boost::json::object> metadata;
    std::optional<std::string> retry_after;
    std::optional<std::int64_t> retry_after_ms;
    std::chrono::milliseconds delay{0};
    std::chrono::milliseconds stall{0};
    std::optional<std::size_t> stall_after_events;
    std::optional<std::size_t> close_after_bytes;
    std::optional<std::string> body;
    malformed_kind malformed = malformed_kind::none;
    std::optional<std::string> content_type;
    std::optional<std::size_t> body_bytes;
    bool chunked = false;
    bool close = false;
    std::optional<std::size_t> error_after_deltas;
    std::chrono::milliseconds comments{0};
    std::optional<std::size_t> malformed_event_after;
    std::size_t write_size = 0;  // 0: whole writes
    bool no_done = false;

    /// The key used for the status sequence: `key`, or the text of `statuses` when no key is given.
    std::string sequence_key() const;
};

/// Parses one script object strictly (unknown fields and wrong types are errors), overlaying it onto
/// `into` (so the header script can override fields of the body script). Returns an error message, or
/// an empty string on success.
std::string parse_scenario(boost::json::value const& v, scenario& into);

/// Parses the X-Emulator header text (JSON) onto `into`; same contract as parse_scenario.
std::string parse_scenario_header(std::string_view text, scenario& into);

}  // namespace openrouter::emulator::detail
