#pragma once
// Dates and times as text: one gmtime_r() + strftime() for every place that writes a timestamp
// (CLI listings, API fields, audit lines, report months, the day's date of a check).
// Thread-safety: pure functions.

#include <cstdint>
#include <string>

namespace shirube {

// ISO 8601 in UTC: "2026-12-03T19:55:00Z".
std::string iso_utc(std::int64_t unix_seconds);
// The calendar date in UTC: "2026-12-03".
std::string utc_date(std::int64_t unix_seconds);
// The calendar date and month in Japan (UTC+9): "2026-12-04", "2026-12".
std::string japan_date(std::int64_t unix_seconds);
std::string japan_month(std::int64_t unix_seconds);

}  // namespace shirube
