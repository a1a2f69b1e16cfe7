#pragma once
// Opening hours: the hours text of a record ("月〜金 9:00〜17:00（祝日・年末年始を除く）") read
// into a weekly schedule, Japan's national holidays computed by rule, and whether a service is
// open at a moment in Japan time.
//
// The parser is strict: it knows day words (月曜日, 平日, 毎日, 年中無休, 365日, 土日祝, 祝休日),
// day lists and ranges (月・水・金, 月〜金, 火曜日から土曜日まで), times (9:00, 9時30分, 午前9時,
// 午後5時半, 正午, 翌9時, 24時), ranges and lists of ranges (9:00〜12:00、13:00〜17:00), 24時間,
// and closures in or out of brackets (祝日・年末年始を除く, 土日祝は休み, 12月29日〜1月3日,
// 8月13日〜15日). Any other word in the text (「要予約」, 「第1・3水曜日」, 「受付は17時まで」)
// makes the whole schedule unparsed: its answer is always kUnknown, never open.
//
// What the text does not say stays unknown: a window that names weekdays but not holidays is
// kUnknown on a holiday that falls on one of those weekdays during its hours, and kUnknown from
// 12月29日 to 1月3日 unless the text mentions the year end or is open every day (毎日, 年中無休,
// 365日, 24時間). 平日 means Monday to Friday that are not national holidays.
// Thread-safety: pure functions over values.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shirube::knowledge::hours {

// A civil date and time of day in Japan (JST, UTC+9, no daylight saving).
struct LocalTime {
  int year = 2000;
  int month = 1;          // 1..12
  int day = 1;            // 1..31
  int minute_of_day = 0;  // 0..1439
};

struct TimeRange {
  int open = 0;   // minutes from 00:00
  int close = 0;  // minutes from 00:00 of the same day; > 1440 when it ends the next morning
};

// Days of the week as bits: bit 0 = Monday ... bit 6 = Sunday.
constexpr uint8_t kAllWeekdays = 0x7F;
constexpr uint8_t kMonToFri = 0x1F;

struct Rule {
  uint8_t weekdays = 0;    // bits as above
  bool holidays = false;   // applies on national holidays too (named: 祝, 祝日, 祝休日)
  bool every_day = false;  // 毎日 / 年中無休 / 365日 / 24時間: holidays and year end too
  bool not_on_holidays = false;  // 平日
  bool times_known = true;       // false: the days are known, the times are not
  std::vector<TimeRange> ranges;
};

struct MonthDayRange {
  int from_month = 1, from_day = 1, to_month = 1, to_day = 1;  // inclusive, may wrap the year
};

struct Schedule {
  std::string text;     // as given
  bool parsed = false;  // false: the text was not understood; every answer is kUnknown
  std::vector<Rule> rules;
  bool closed_on_holidays = false;    // 祝日を除く, 祝日は休み
  bool year_end_stated = false;       // 年末年始 or dates around the new year were mentioned
  std::vector<MonthDayRange> closed;  // 年末年始 (12/29–1/3) and other dates it is closed
  std::string reason;  // when not parsed: what was not understood ("" when the text is empty)
};

enum class OpenState { kOpen, kClosed, kUnknown };
const char* open_state_name(OpenState s);  // "open", "closed", "unknown"

// Parses an hours text. An empty text gives an unparsed schedule with an empty reason.
Schedule parse(std::string_view text);

// Whether the service is open at `t`, a moment in Japan time. Ranges that end after midnight
// count on the next morning.
OpenState is_open(const Schedule& schedule, const LocalTime& t);

// Japan's national holidays (国民の祝日に関する法律) computed by rule for 1980–2099: fixed days,
// Happy Monday days, the equinox days by the standard formula, 振替休日 and 国民の休日,
// and the one-off dates of 2019–2021 set by special laws.
bool is_national_holiday(int year, int month, int day);

// 0 = Monday ... 6 = Sunday.
int weekday(int year, int month, int day);
// Days since 1970-01-01 (may be negative).
int64_t days_from_civil(int year, int month, int day);
void civil_from_days(int64_t days, int& year, int& month, int& day);

// Seconds since the Unix epoch -> Japan local time.
LocalTime japan_time(int64_t unix_seconds);
// ISO 8601 date-time with an offset ("2026-05-04T10:00:00+09:00", "...Z"; seconds and
// fractions optional) -> Unix seconds; nullopt when malformed or without an offset.
std::optional<int64_t> parse_iso8601(std::string_view s);

}  // namespace shirube::knowledge::hours
