#pragma once
// Dates and times as text: one strftime() over gmtime_r() for every place that writes a
// timestamp (CLI listings, API fields, audit lines, report months).
// Thread-safety: pure functions.

#include <cstdint>
#include <string>

namespace shirube {

// `unix_seconds` shifted by `offset_seconds` (9 * 3600 for Japan time), formatted by strftime
// `format` ("%Y-%m-%d"); at most 63 characters.
std::string format_time(std::int64_t unix_seconds, const char* format,
                        std::int64_t offset_seconds = 0);

// ISO 8601 in UTC: "2026-12-03T19:55:00Z".
std::string iso_utc(std::int64_t unix_seconds);

// The calendar date in Japan (UTC+9): "2026-12-04".
std::string japan_date(std::int64_t unix_seconds);

}  // namespace shirube
