#include <cstdint>

#include "knowledge/hours.h"

// Whether a parsed Schedule is open at a moment: closures first, then each rule on the day, and
// the previous day's ranges that run past midnight.

namespace shirube::knowledge::hours {

namespace {

bool in_range(const MonthDayRange& r, int month, int day) {
  const int v = month * 100 + day;
  const int from = r.from_month * 100 + r.from_day;
  const int to = r.to_month * 100 + r.to_day;
  return from <= to ? (v >= from && v <= to) : (v >= from || v <= to);
}

bool in_year_end(int month, int day) {
  return (month == 12 && day >= 29) || (month == 1 && day <= 3);
}

// The state on one calendar day at `minute` minutes after its midnight (up to 2880, for
// ranges that run into the next morning).
OpenState day_state(const Schedule& s, int64_t days, int minute) {
  int y = 0, m = 0, d = 0;
  civil_from_days(days, y, m, d);
  for (const auto& c : s.closed) {
    if (in_range(c, m, d))
      return OpenState::kClosed;
  }
  const bool holiday = is_national_holiday(y, m, d);
  const int wd = weekday(y, m, d);
  const bool year_end_unsure = in_year_end(m, d) && !s.year_end_stated;
  bool holidays_named = false;
  for (const auto& r : s.rules)
    holidays_named = holidays_named || r.holidays;
  OpenState best = OpenState::kClosed;
  for (const auto& r : s.rules) {
    bool sure = true;
    bool applies = false;
    const bool on_weekday = (r.weekdays >> wd) & 1u;
    if (r.every_day) {
      applies = true;
    } else if (holiday) {
      if (r.holidays) {
        applies = true;
      } else if (!holidays_named && !s.closed_on_holidays && !r.not_on_holidays && on_weekday) {
        applies = true;
        sure = false;  // the text does not say whether it opens on holidays
      }
    } else {
      applies = on_weekday;
    }
    if (!applies)
      continue;
    if (year_end_unsure && !r.every_day)
      sure = false;
    bool inside = false;
    if (!r.times_known) {
      if (minute < 24 * 60)
        best = OpenState::kUnknown;
      continue;
    }
    for (const auto& tr : r.ranges)
      inside = inside || (minute >= tr.open && minute < tr.close);
    if (!inside)
      continue;
    if (sure)
      return OpenState::kOpen;
    best = OpenState::kUnknown;
  }
  return best;
}

}  // namespace

OpenState is_open(const Schedule& schedule, const LocalTime& t) {
  if (!schedule.parsed)
    return OpenState::kUnknown;
  const int64_t today = days_from_civil(t.year, t.month, t.day);
  const OpenState now = day_state(schedule, today, t.minute_of_day);
  if (now == OpenState::kOpen)
    return now;
  const OpenState overnight = day_state(schedule, today - 1, t.minute_of_day + 24 * 60);
  if (overnight == OpenState::kOpen)
    return overnight;
  if (now == OpenState::kUnknown || overnight == OpenState::kUnknown)
    return OpenState::kUnknown;
  return OpenState::kClosed;
}

}  // namespace shirube::knowledge::hours
