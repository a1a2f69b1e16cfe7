// The calendar half of hours.h: civil dates, Japan's national holidays by rule, Japan time
// and ISO 8601 instants.
#include <array>
#include <cmath>
#include <utility>

#include "knowledge/hours.h"
#include "knowledge/text.h"

namespace shirube::knowledge::hours {

const char* open_state_name(OpenState s) {
  switch (s) {
    case OpenState::kOpen:
      return "open";
    case OpenState::kClosed:
      return "closed";
    case OpenState::kUnknown:
      return "unknown";
  }
  return "unknown";
}

// ---------------------------------------------------------------------------------------------
// Calendar

int64_t days_from_civil(int year, int month, int day) {
  // H. Hinnant's algorithm (proleptic Gregorian).
  const int y = month <= 2 ? year - 1 : year;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp =
      month > 2 ? static_cast<unsigned>(month - 3) : static_cast<unsigned>(month + 9);
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t days, int& year, int& month, int& day) {
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  year = static_cast<int>(static_cast<int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0));
}

int weekday(int year, int month, int day) {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  const int64_t d = days_from_civil(year, month, day);
  return static_cast<int>(((d % 7) + 7 + 3) % 7);
}

namespace {

constexpr int kMonday = 0;
constexpr int kSunday = 6;

// The n-th (1-based) Monday of a month.
int nth_monday(int year, int month, int n) {
  const int first = weekday(year, month, 1);
  const int first_monday = 1 + (7 - first + kMonday) % 7;
  return first_monday + 7 * (n - 1);
}

// The standard approximation for 1980–2099 (as used for the official announcements).
int vernal_equinox_day(int year) {
  const int y = year - 1980;
  return static_cast<int>(std::floor(20.8431 + 0.242194 * y - std::floor(y / 4.0)));
}
int autumnal_equinox_day(int year) {
  const int y = year - 1980;
  return static_cast<int>(std::floor(23.2488 + 0.242194 * y - std::floor(y / 4.0)));
}

// A holiday named by the law (not a substitute or an in-between day).
bool is_named_holiday(int y, int m, int d) {
  switch (m) {
    case 1:
      return d == 1 || (y >= 2000 ? d == nth_monday(y, 1, 2) : d == 15);
    case 2:
      return d == 11 || (y >= 2020 && d == 23);
    case 3:
      return d == vernal_equinox_day(y);
    case 4:
      return d == 29;
    case 5:
      if (y == 2019 && d == 1)  // 即位の日 (special law)
        return true;
      return d == 3 || d == 5 || (y >= 2007 && d == 4);
    case 7:
      if (y == 2020)  // Olympic year: 海の日 7/23, スポーツの日 7/24 (special law)
        return d == 23 || d == 24;
      if (y == 2021)
        return d == 22 || d == 23;
      if (y >= 2003)
        return d == nth_monday(y, 7, 3);
      return y >= 1996 && d == 20;
    case 8:
      if (y == 2020)
        return d == 10;
      if (y == 2021)
        return d == 8;
      return y >= 2016 && d == 11;
    case 9:
      if (d == autumnal_equinox_day(y))
        return true;
      return y >= 2003 ? d == nth_monday(y, 9, 3) : d == 15;
    case 10:
      if (y == 2019 && d == 22)  // 即位礼正殿の儀 (special law)
        return true;
      if (y == 2020 || y == 2021)
        return false;
      return y >= 2000 ? d == nth_monday(y, 10, 2) : d == 10;
    case 11:
      return d == 3 || d == 23;
    case 12:
      return y >= 1989 && y <= 2018 && d == 23;
    default:
      return false;
  }
}

bool named_at(int64_t days) {
  int y = 0, m = 0, d = 0;
  civil_from_days(days, y, m, d);
  return is_named_holiday(y, m, d);
}

int weekday_of(int64_t days) {
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

}  // namespace

bool is_national_holiday(int year, int month, int day) {
  if (is_named_holiday(year, month, day))
    return true;
  const int64_t today = days_from_civil(year, month, day);
  // 振替休日: when a named holiday falls on a Sunday, the next day that is not a named holiday.
  for (int64_t k = today - 1; named_at(k); --k) {
    if (weekday_of(k) == kSunday)
      return true;
  }
  // 国民の休日: a day between two named holidays (not a Sunday, which is a day off anyway).
  return named_at(today - 1) && named_at(today + 1) && weekday_of(today) != kSunday;
}

LocalTime japan_time(int64_t unix_seconds) {
  const int64_t local = unix_seconds + 9 * 3600;
  int64_t days = local / 86400;
  int64_t secs = local % 86400;
  if (secs < 0) {
    secs += 86400;
    --days;
  }
  LocalTime t;
  civil_from_days(days, t.year, t.month, t.day);
  t.minute_of_day = static_cast<int>(secs / 60);
  return t;
}

std::optional<int64_t> parse_iso8601(std::string_view s) {
  auto digits = [&](std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size())
      return false;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
      if (s[i] < '0' || s[i] > '9')
        return false;
      v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
  };
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (!digits(0, 4, y) || s.size() < 16 || s[4] != '-' || !digits(5, 2, mo) || s[7] != '-' ||
      !digits(8, 2, d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !digits(11, 2, h) ||
      s[13] != ':' || !digits(14, 2, mi)) {
    return std::nullopt;
  }
  std::size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!digits(pos + 1, 2, sec))
      return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      const std::size_t start = pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9')
        ++pos;
      if (pos == start)
        return std::nullopt;
    }
  }
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 60)
    return std::nullopt;
  int y2 = 0, m2 = 0, d2 = 0;
  civil_from_days(days_from_civil(y, mo, d), y2, m2, d2);
  if (m2 != mo || d2 != d)
    return std::nullopt;  // 2026-02-30
  int offset = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size()) {
    offset = 0;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh = 0, om = 0;
    if (!digits(pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !digits(pos + 4, 2, om) || pos + 6 != s.size() || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset = (oh * 60 + om) * 60 * (s[pos] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + std::min(sec, 59) - offset;
}

}  // namespace shirube::knowledge::hours
