#include "knowledge/hours.h"

#include <cstdio>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "knowledge/tsv_import.h"

using namespace shirube::knowledge;
using namespace shirube::knowledge::hours;

namespace {

LocalTime at(int y, int m, int d, int hh, int mm) {
  return LocalTime{y, m, d, hh * 60 + mm};
}

OpenState state(const char* text, const LocalTime& t) {
  return is_open(parse(text), t);
}

}  // namespace

struct Day {
  int y, m, d;
  bool holiday;
  const char* why;
};

void check_holidays(std::initializer_list<Day> days) {
  for (const Day& x : days) {
    CAPTURE(x.y, x.m, x.d, x.why);
    CHECK(is_national_holiday(x.y, x.m, x.d) == x.holiday);
  }
}

TEST_CASE("Hours: fixed days and Happy Monday holidays by rule", "[knowledge]") {
  CHECK(weekday(2026, 5, 4) == 0);   // Monday
  CHECK(weekday(2026, 12, 6) == 6);  // Sunday
  CHECK(weekday(1970, 1, 1) == 3);   // Thursday
  check_holidays({{2027, 1, 11, true, "成人の日 (2nd Monday)"},
                  {2027, 1, 4, false, "first Monday"},
                  {2026, 7, 20, true, "海の日 (3rd Monday)"},
                  {2026, 9, 21, true, "敬老の日 (3rd Monday)"},
                  {2026, 10, 12, true, "スポーツの日 (2nd Monday)"},
                  {2026, 2, 23, true, "天皇誕生日"},
                  {2026, 12, 23, false, "天皇誕生日 until 2018"},
                  {2018, 12, 23, true, "天皇誕生日 until 2018"},
                  {2021, 7, 23, true, "special law (Olympics)"},
                  {2021, 10, 11, false, "moved by the special law"}});
  // 2026 has 18 national holidays (16 named, one 振替休日, one 国民の休日).
  int count = 0;
  for (int64_t d = days_from_civil(2026, 1, 1); d < days_from_civil(2027, 1, 1); ++d) {
    int y = 0, m = 0, dd = 0;
    civil_from_days(d, y, m, dd);
    count += is_national_holiday(y, m, dd) ? 1 : 0;
  }
  CHECK(count == 18);
}

TEST_CASE("Hours: equinoxes by the standard formula", "[knowledge]") {
  check_holidays({{2026, 3, 20, true, "春分"},
                  {2026, 9, 23, true, "秋分"},
                  {2025, 3, 20, true, "春分"},
                  {2025, 9, 23, true, "秋分"},
                  {2024, 9, 22, true, "秋分"},
                  {2027, 3, 21, true, "春分"},
                  {2027, 9, 23, true, "秋分"},
                  {2027, 3, 20, false, "the day before"}});
}

TEST_CASE("Hours: substitute holidays and days between holidays", "[knowledge]") {
  check_holidays({{2026, 5, 4, true, "みどりの日"},
                  {2026, 5, 6, true, "5/3 was a Sunday, 5/4 and 5/5 holidays: 振替休日"},
                  {2026, 5, 7, false, "after the 振替休日"},
                  {2026, 9, 22, true, "between 敬老の日 and 秋分の日: 国民の休日"},
                  {2027, 3, 22, true, "春分 on a Sunday: 振替休日"},
                  {2024, 2, 12, true, "建国記念の日 on a Sunday: 振替休日"},
                  {2024, 2, 13, false, "after the 振替休日"}});
}

TEST_CASE("Hours: ISO 8601 moments become Japan time", "[knowledge]") {
  auto t = parse_iso8601("2026-05-04T01:30:00Z");
  REQUIRE(t);
  const LocalTime j = japan_time(*t);
  CHECK(j.year == 2026);
  CHECK(j.month == 5);
  CHECK(j.day == 4);
  CHECK(j.minute_of_day == 10 * 60 + 30);
  auto t2 = parse_iso8601("2026-05-04T10:30+09:00");
  REQUIRE(t2);
  CHECK(*t2 == *t);
  auto t3 = parse_iso8601("2026-05-03T20:30:00.123-05:00");
  REQUIRE(t3);
  CHECK(*t3 == *t);
  CHECK_FALSE(parse_iso8601("2026-05-04T10:30:00"));  // no offset
  CHECK_FALSE(parse_iso8601("2026-02-30T10:30:00Z"));
  CHECK_FALSE(parse_iso8601("2026-05-04 25:00Z"));
  CHECK_FALSE(parse_iso8601("yesterday"));
}

TEST_CASE("Hours: 24-hour and every-day texts are always open", "[knowledge]") {
  for (const char* text : {"24時間365日", "年中無休24時間", "24時間", "24時間・365日、年中無休",
                           "24時間 365日", "毎日24時間", "24時間年中無休"}) {
    CAPTURE(text);
    const Schedule s = parse(text);
    REQUIRE(s.parsed);
    CHECK(is_open(s, at(2026, 12, 6, 23, 30)) == OpenState::kOpen);  // Sunday night
    CHECK(is_open(s, at(2027, 1, 2, 3, 0)) == OpenState::kOpen);     // New Year
    CHECK(is_open(s, at(2026, 5, 6, 12, 0)) == OpenState::kOpen);    // substitute holiday
  }
}

TEST_CASE("Hours: weekday office hours at fixed moments", "[knowledge]") {
  const char* text = "月曜日〜金曜日 8:30〜17:15（祝日・年末年始を除く）";
  const Schedule s = parse(text);
  REQUIRE(s.parsed);
  CHECK(is_open(s, at(2026, 12, 7, 10, 0)) == OpenState::kOpen);     // Monday morning
  CHECK(is_open(s, at(2026, 12, 7, 8, 29)) == OpenState::kClosed);   // before opening
  CHECK(is_open(s, at(2026, 12, 7, 17, 15)) == OpenState::kClosed);  // closing minute
  CHECK(is_open(s, at(2026, 12, 6, 22, 0)) == OpenState::kClosed);   // Sunday night
  CHECK(is_open(s, at(2026, 5, 4, 10, 0)) == OpenState::kClosed);    // みどりの日 (Mon)
  CHECK(is_open(s, at(2026, 5, 6, 10, 0)) == OpenState::kClosed);    // 振替休日 (Wed)
  CHECK(is_open(s, at(2026, 9, 22, 10, 0)) == OpenState::kClosed);   // 国民の休日 (Tue)
  CHECK(is_open(s, at(2027, 1, 11, 10, 0)) == OpenState::kClosed);   // 成人の日
  CHECK(is_open(s, at(2027, 1, 12, 10, 0)) == OpenState::kOpen);
  CHECK(is_open(s, at(2026, 12, 29, 10, 0)) == OpenState::kClosed);  // 年末年始 (Tue)
  CHECK(is_open(s, at(2027, 1, 4, 10, 0)) == OpenState::kOpen);
}

TEST_CASE("Hours: what the text does not say is unknown, never open", "[knowledge]") {
  // Weekdays named, holidays and the year end not mentioned.
  const Schedule s = parse("月〜金 9:00〜17:00");
  REQUIRE(s.parsed);
  CHECK(is_open(s, at(2026, 5, 4, 10, 0)) == OpenState::kUnknown);  // holiday Monday
  CHECK(is_open(s, at(2026, 5, 4, 20, 0)) == OpenState::kClosed);   // after hours anyway
  CHECK(is_open(s, at(2027, 1, 1, 10, 0)) == OpenState::kUnknown);  // 元日 (Fri)
  CHECK(is_open(s, at(2026, 12, 29, 10, 0)) == OpenState::kUnknown);
  CHECK(is_open(s, at(2026, 12, 5, 10, 0)) == OpenState::kClosed);  // Saturday
  // 平日 excludes national holidays by definition.
  CHECK(state("平日9時〜17時", at(2026, 5, 4, 10, 0)) == OpenState::kClosed);
  CHECK(state("平日9時〜17時", at(2026, 5, 7, 10, 0)) == OpenState::kOpen);
  // Days known, times not.
  const Schedule d = parse("火曜日から土曜日（祝日を除く）");
  REQUIRE(d.parsed);
  CHECK(is_open(d, at(2026, 12, 8, 10, 0)) == OpenState::kUnknown);
  CHECK(is_open(d, at(2026, 12, 7, 10, 0)) == OpenState::kClosed);
  // Not understood: always unknown.
  for (const char* text :
       {"出典に記載なし", "未確認", "自治体により異なる", "平日9時〜17時（随時受付）",
        "10時から18時まで（第1・3水曜日を除く平日及び第1・3土曜日）",
        "午前9時から午後12時、午後1時から午後4時まで", ""}) {
    CAPTURE(text);
    const Schedule u = parse(text);
    CHECK_FALSE(u.parsed);
    CHECK(is_open(u, at(2026, 12, 7, 10, 0)) == OpenState::kUnknown);
  }
}

TEST_CASE("Hours: several ranges, day lists, overrides and nights", "[knowledge]") {
  const char* lunch = "月曜日から金曜日（祝日、年末年始を除く）午前9時30分から12時／午後1時から3時";
  CHECK(state(lunch, at(2026, 12, 7, 12, 30)) == OpenState::kClosed);
  CHECK(state(lunch, at(2026, 12, 7, 14, 59)) == OpenState::kOpen);
  CHECK(state(lunch, at(2026, 12, 7, 15, 0)) == OpenState::kClosed);
  const char* two = "月〜金9時〜21時、土・日・祝13時〜17時、18時〜21時";
  CHECK(state(two, at(2026, 12, 6, 20, 0)) == OpenState::kOpen);  // Sunday evening
  CHECK(state(two, at(2026, 12, 6, 17, 30)) == OpenState::kClosed);
  CHECK(state(two, at(2026, 5, 4, 10, 0)) == OpenState::kClosed);  // holiday: 13時 from
  CHECK(state(two, at(2026, 5, 4, 14, 0)) == OpenState::kOpen);
  const char* wed = "月~金 9:30~17:00（水曜日は9:30~19:00）";
  CHECK(state(wed, at(2026, 12, 9, 18, 0)) == OpenState::kOpen);     // Wednesday
  CHECK(state(wed, at(2026, 12, 10, 18, 0)) == OpenState::kClosed);  // Thursday
  const char* night = "月〜金：午後6時から翌午前8時30分、土・日・祝日：24時間";
  CHECK(state(night, at(2026, 12, 8, 7, 0)) == OpenState::kOpen);  // Tuesday early
  CHECK(state(night, at(2026, 12, 8, 9, 0)) == OpenState::kClosed);
  CHECK(state(night, at(2026, 12, 6, 23, 0)) == OpenState::kOpen);  // Sunday night
  CHECK(state("毎日23:00〜5:00", at(2026, 12, 8, 4, 0)) == OpenState::kOpen);
  CHECK(state("毎日23:00〜5:00", at(2026, 12, 8, 6, 0)) == OpenState::kClosed);
  const char* implied = "9時〜17時（土日祝、年末年始を除く）";
  CHECK(state(implied, at(2026, 12, 5, 10, 0)) == OpenState::kClosed);  // Saturday
  CHECK(state(implied, at(2026, 12, 4, 10, 0)) == OpenState::kOpen);    // Friday
  const char* dates = "毎日（12月28日〜1月4日を除く）9時〜17時";
  CHECK(state(dates, at(2026, 12, 28, 10, 0)) == OpenState::kClosed);
  CHECK(state(dates, at(2027, 1, 5, 10, 0)) == OpenState::kOpen);
  CHECK(state(dates, at(2026, 5, 4, 10, 0)) == OpenState::kOpen);  // 毎日 includes holidays
  const char* obon =
      "毎週火曜、金曜の午前10時から午後4時（祝日、8月13〜15日、12月29日〜1月3日は除く）";
  CHECK_FALSE(parse(obon).parsed);  // 「8月13〜15日」 is not a date range the parser knows
  const char* obon2 = "月〜金 10時00分〜17時00分（祝日・8月6日・年末年始を除く）";
  CHECK(state(obon2, at(2026, 8, 6, 11, 0)) == OpenState::kClosed);
  CHECK(state(obon2, at(2026, 8, 7, 11, 0)) == OpenState::kOpen);
  CHECK(state("午後1〜4時", at(2026, 12, 7, 15, 0)) == OpenState::kOpen);
  CHECK(state("月〜金曜日の9〜17時（祝・休日、年末年始は除く）", at(2026, 12, 7, 16, 0)) ==
        OpenState::kOpen);
}

TEST_CASE("Hours: every distinct hours text of the bundled data", "[knowledge]") {
  const Directory dir = bundled_directory();
  std::set<std::string> distinct;
  for (const auto& s : dir.services)
    distinct.insert(s.service.hours);
  int parsed = 0;
  int days_only = 0;
  int total = 0;
  for (const auto& text : distinct) {
    if (text.empty())
      continue;
    ++total;
    const Schedule s = parse(text);
    if (!s.parsed) {
      CHECK_FALSE(s.reason.empty());
      continue;
    }
    ++parsed;
    bool times = true;
    for (const auto& r : s.rules)
      times = times && r.times_known;
    if (!times)
      ++days_only;
    // A parsed schedule must say something definite at some moment of a plain week.
    bool definite = false;
    for (int day = 7; day <= 13 && !definite; ++day) {
      for (int h = 0; h < 24 && !definite; ++h)
        definite = is_open(s, at(2026, 12, day, h, 0)) != OpenState::kUnknown;
    }
    CAPTURE(text);
    CHECK(definite);
  }
  std::printf("hours texts: %d distinct, %d understood (%d of them days only), %d not\n", total,
              parsed, days_only, total - parsed);
  // Measured on the bundled data; a drop means the parser or the data changed.
  CHECK(total >= 200);
  CHECK(parsed >= 138);
}

TEST_CASE("Hours: days, a comma, then times are one clause", "[knowledge]") {
  const Schedule s = parse("月~金曜日、午前9時~午後5時（祝日除く）");
  REQUIRE(s.parsed);
  REQUIRE(s.rules.size() == 1);
  CHECK(is_open(s, at(2026, 12, 5, 10, 0)) == OpenState::kClosed);  // Saturday
  CHECK(is_open(s, at(2026, 12, 4, 10, 0)) == OpenState::kOpen);
  // Times without days beside days with times: not reliable.
  CHECK_FALSE(parse("月〜金 9時〜17時、（土日）、10時〜12時").parsed);
}

TEST_CASE("Hours: New Year 1/2 is closed where the year end is excluded, else unknown",
          "[knowledge]") {
  // 2027-01-02 is a Saturday in the 年末年始 (12/29–1/3) and not a national holiday.
  CHECK_FALSE(is_national_holiday(2027, 1, 2));
  CHECK(state("月~土 9時~17時（祝日・年末年始を除く）", at(2027, 1, 2, 10, 0)) ==
        OpenState::kClosed);
  CHECK(state("月~土 9時~17時（祝日・年末年始を除く）", at(2027, 1, 9, 10, 0)) == OpenState::kOpen);
  CHECK(state("月〜土曜日 10:00〜18:00", at(2027, 1, 2, 11, 0)) == OpenState::kUnknown);
  CHECK(state("毎日（12月28日〜1月4日を除く）9時〜17時", at(2027, 1, 2, 10, 0)) ==
        OpenState::kClosed);
  CHECK(state("毎日 9時〜21時", at(2027, 1, 2, 10, 0)) == OpenState::kOpen);
}

TEST_CASE("Hours: deeply nested brackets and long texts are not understood, never a crash",
          "[knowledge]") {
  std::string nested = "月〜金 9時〜17時";
  for (int i = 0; i < 20000; ++i)
    nested = "(" + nested + ")";
  CHECK_FALSE(parse(nested).parsed);
  std::string many;
  for (int i = 0; i < 5000; ++i)
    many += "月〜金 9時〜17時、";
  const Schedule s = parse(many);
  CHECK(is_open(s, at(2026, 12, 7, 10, 0)) != OpenState::kClosed);
}
