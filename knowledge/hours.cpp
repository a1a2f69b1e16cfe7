#include "knowledge/hours.h"

#include <string>
#include <utility>
#include <vector>

#include "knowledge/hours_tokens.h"
#include "knowledge/text.h"

// The hours-text half of hours.h: a recursive-descent parser from tokens (hours_tokens.*) to a
// Schedule. The grammar is one class whose clauses call each other; the evaluation of a schedule
// at a moment is hours_open.cpp.

namespace shirube::knowledge::hours {

namespace {

using detail::Tok;
using detail::Token;
using detail::tokenize;

struct DaySet {
  uint8_t weekdays = 0;
  bool holidays = false;
  bool every_day = false;
  bool weekdays_word = false;  // 平日
};

class Parser {
 public:
  Parser(std::vector<Token> toks, Schedule& out) : t_(std::move(toks)), out_(out) {}

  bool run() {
    skip_joins();
    while (pos_ < t_.size()) {
      if (!clause())
        return false;
      // Between clauses: a list separator, a slash, or nothing before a bracket.
      while (pos_ < t_.size() && (is(Tok::kList) || is(Tok::kSlash) || is(Tok::kJoin)))
        ++pos_;
    }
    return !out_.rules.empty();
  }

 private:
  bool is(Tok k) const { return pos_ < t_.size() && t_[pos_].kind == k; }
  bool is_at(std::size_t p, Tok k) const { return p < t_.size() && t_[p].kind == k; }
  void skip_joins() {
    while (is(Tok::kJoin))
      ++pos_;
  }

  // A day word or a day range at the cursor.
  bool day_item(DaySet& ds) {
    if (is(Tok::kWeekdays)) {
      ds.weekdays |= kMonToFri;
      ds.weekdays_word = true;
      ++pos_;
      return true;
    }
    if (is(Tok::kEveryDay)) {
      ds.weekdays = kAllWeekdays;
      ds.every_day = true;
      ++pos_;
      return true;
    }
    if (is(Tok::kHoliday)) {
      ds.holidays = true;
      ++pos_;
      return true;
    }
    if (is(Tok::kDayOff)) {
      // 休日 only as a holiday beside 土, 日 or 祝 (「土・日・休日」, 「祝・休日」).
      if (!ds.holidays && (ds.weekdays & 0x60) == 0)
        return false;
      ds.holidays = true;
      ++pos_;
      return true;
    }
    if (!is(Tok::kDay))
      return false;
    const int from = t_[pos_].value;
    ++pos_;
    if (is(Tok::kTo) && is_at(pos_ + 1, Tok::kDay)) {
      const int to = t_[pos_ + 1].value;
      pos_ += 2;
      if (is(Tok::kUntil))
        ++pos_;
      for (int d = from;; d = (d + 1) % 7) {
        ds.weekdays |= static_cast<uint8_t>(1u << d);
        if (d == to)
          break;
      }
      return true;
    }
    ds.weekdays |= static_cast<uint8_t>(1u << from);
    return true;
  }

  // Day items joined by list separators or written together (土日祝).
  bool days(DaySet& ds) {
    const std::size_t start = pos_;
    if (!day_item(ds)) {
      pos_ = start;
      return false;
    }
    for (;;) {
      const std::size_t save = pos_;
      if (is(Tok::kList))
        ++pos_;
      DaySet more = ds;
      if (!day_item(more)) {
        pos_ = save;
        break;
      }
      ds = more;
    }
    if (is(Tok::kUntil))
      ++pos_;
    return true;
  }

  // [翌] [午前|午後] (9:30 | 9時30分 | 正午 | 9). `bare` is set for a bare number.
  bool time_point(int& minutes, bool& has_ampm, bool& pm, bool& next, bool& bare) {
    next = false;
    has_ampm = false;
    pm = false;
    bare = false;
    if (is(Tok::kNext)) {
      next = true;
      ++pos_;
    }
    if (is(Tok::kAm) || is(Tok::kPm)) {
      has_ampm = true;
      pm = is(Tok::kPm);
      ++pos_;
    }
    if (is(Tok::kNoon) && !has_ampm) {
      minutes = 12 * 60;
      ++pos_;
      return true;
    }
    if (is(Tok::kTime)) {
      minutes = t_[pos_].value;
    } else if (is(Tok::kNum)) {
      minutes = t_[pos_].value * 60;
      bare = true;
    } else {
      return false;
    }
    ++pos_;
    if (minutes > 24 * 60)
      return false;
    if (has_ampm) {
      if (minutes >= 13 * 60)
        return false;  // 午後13時
      if (pm && minutes >= 12 * 60)
        return false;  // 午後12時: noon or midnight, not reliable
      if (pm)
        minutes += 12 * 60;
    }
    return true;
  }

  bool time_range(std::vector<TimeRange>& ranges) {
    const std::size_t start = pos_;
    if (is(Tok::kH24)) {
      ++pos_;
      ranges.push_back({0, 24 * 60});
      return true;
    }
    int a = 0, b = 0;
    bool a_ampm = false, a_pm = false, a_next = false, a_bare = false;
    bool b_ampm = false, b_pm = false, b_next = false, b_bare = false;
    if (!time_point(a, a_ampm, a_pm, a_next, a_bare) || a_next || !is(Tok::kTo)) {
      pos_ = start;
      return false;
    }
    ++pos_;
    if (!time_point(b, b_ampm, b_pm, b_next, b_bare) || b_bare) {
      pos_ = start;
      return false;
    }
    if (is(Tok::kUntil))
      ++pos_;
    // 午後1〜4時: the period of the start carries over to an end without one.
    if (a_pm && !b_ampm && b < 12 * 60)
      b += 12 * 60;
    // 翌9時, or an end before the start (23:00〜5:00): the next morning.
    if (b_next || (b <= a && b < 12 * 60))
      b += 24 * 60;
    if (b <= a || b > 48 * 60 || a >= 24 * 60) {
      pos_ = start;
      return false;
    }
    ranges.push_back({a, b});
    return true;
  }

  // Ranges joined by 、 / と ・ (as long as the next item is a time, not a day).
  bool times(std::vector<TimeRange>& ranges) {
    if (!time_range(ranges))
      return false;
    for (;;) {
      const std::size_t save = pos_;
      if (!(is(Tok::kList) || is(Tok::kSlash)))
        break;
      ++pos_;
      if (!time_range(ranges)) {
        pos_ = save;
        break;
      }
    }
    return true;
  }

  // Dates in an exclusion: 12月29日〜1月3日, 8月13日〜15日, 12/29~1/3, 8月6日, 5月30日.
  bool date_item(MonthDayRange& r) {
    if (!is(Tok::kDate))
      return false;
    r.from_month = r.to_month = t_[pos_].value;
    r.from_day = r.to_day = t_[pos_].value2;
    ++pos_;
    if (is(Tok::kTo) && is_at(pos_ + 1, Tok::kDate)) {
      r.to_month = t_[pos_ + 1].value;
      r.to_day = t_[pos_ + 1].value2;
      pos_ += 2;
    } else if (is(Tok::kTo) && is_at(pos_ + 1, Tok::kDayNum)) {
      r.to_day = t_[pos_ + 1].value;
      pos_ += 2;
    }
    if (is(Tok::kUntil))
      ++pos_;
    return r.from_month >= 1 && r.from_month <= 12 && r.to_month >= 1 && r.to_month <= 12 &&
           r.from_day >= 1 && r.from_day <= 31 && r.to_day >= 1 && r.to_day <= 31;
  }

  // A list of days, holidays, 年末年始 and dates followed by を除く / は休み / 休.
  bool exclusion() {
    const std::size_t start = pos_;
    uint8_t weekdays = 0;
    bool holidays = false;
    bool year_end = false;
    std::vector<MonthDayRange> dates;
    bool any = false;
    for (;;) {
      DaySet ds;
      MonthDayRange r;
      if (is(Tok::kYearEnd)) {
        ++pos_;
        year_end = true;
        // 年末年始（12月29日から1月3日）: the dates given replace the usual ones.
        if (is(Tok::kOpen) && is_at(pos_ + 1, Tok::kDate)) {
          ++pos_;
          MonthDayRange yr;
          if (!date_item(yr) || !is(Tok::kClose)) {
            pos_ = start;
            return false;
          }
          ++pos_;
          dates.push_back(yr);
        } else {
          dates.push_back({12, 29, 1, 3});
        }
      } else if (date_item(r)) {
        dates.push_back(r);
        if (r.from_month == 12 || r.to_month == 1)
          year_end = true;
      } else if (days(ds)) {
        if (ds.weekdays_word || ds.every_day) {
          pos_ = start;
          return false;
        }
        weekdays |= ds.weekdays;
        holidays = holidays || ds.holidays;
      } else {
        break;
      }
      any = true;
      if (is(Tok::kList))
        ++pos_;
    }
    if (!any || !is(Tok::kExcept)) {
      pos_ = start;
      return false;
    }
    ++pos_;
    excluded_weekdays_ |= weekdays;
    if (holidays)
      out_.closed_on_holidays = true;
    if (year_end)
      out_.year_end_stated = true;
    for (const auto& d : dates)
      out_.closed.push_back(d);
    return true;
  }

  // ( exclusion | clauses )
  bool bracket() {
    if (!is(Tok::kOpen))
      return false;
    const std::size_t start = pos_;
    ++pos_;
    skip_joins();
    // Brackets inside brackets go two deep in the data; deeper is not a schedule.
    if (++depth_ > 2) {
      --depth_;
      pos_ = start;
      return false;
    }
    bool ok = true;
    const bool outer = in_bracket_;
    in_bracket_ = true;
    while (ok && !is(Tok::kClose) && pos_ < t_.size()) {
      if (!exclusion() && !clause_body())
        ok = false;
      while (is(Tok::kList) || is(Tok::kSlash) || is(Tok::kJoin))
        ++pos_;
    }
    in_bracket_ = outer;
    --depth_;
    if (!ok || !is(Tok::kClose)) {
      pos_ = start;
      return false;
    }
    ++pos_;
    return true;
  }

  // A clause at the top level, or an exclusion written before the days
  // (「土、日、祝日、年末年始を除く平日の9時~17時」).
  bool clause() {
    if (exclusion())
      return true;
    if (bracket())
      return true;
    return clause_body();
  }

  // [days] [の|:|は] [(...)] [times] [(...)] [days]; at least days or times.
  bool clause_body() {
    DaySet ds;
    std::vector<TimeRange> ranges;
    const bool has_days = days(ds);
    skip_joins();
    while (bracket())
      skip_joins();
    bool has_times = times(ranges);
    if (has_days && !has_times && (is(Tok::kSlash) || is(Tok::kList))) {
      // 365日対応。午後5時〜午後9時 / 月~金曜日、午前9時~午後5時
      const std::size_t save = pos_;
      ++pos_;
      skip_joins();
      has_times = times(ranges);
      if (!has_times)
        pos_ = save;
    }
    skip_joins();
    bool days_after = false;
    if (!has_days && has_times) {
      // 24時間365日, 24時間・365日, 24時間年中無休
      const std::size_t save = pos_;
      if (is(Tok::kList))
        ++pos_;
      days_after = days(ds);
      if (!days_after)
        pos_ = save;
      skip_joins();
    }
    if (in_bracket_ && !has_times)
      return false;  // 「平日（月・水・金）」: which days is not reliable
    if (!has_days && !has_times)
      return false;
    Rule r;
    r.weekdays = ds.weekdays;
    r.holidays = ds.holidays;
    r.every_day = ds.every_day;
    r.not_on_holidays = ds.weekdays_word;
    r.times_known = has_times;
    r.ranges = std::move(ranges);
    if (!has_days && !days_after) {
      implicit_days_ = true;
      if (r.ranges.size() == 1 && r.ranges[0].open == 0 && r.ranges[0].close == 24 * 60) {
        r.every_day = true;  // 24時間 on its own: every day
      }
      r.weekdays = kAllWeekdays;
    }
    // A later clause for named days replaces an earlier one on those days
    // (「月〜金 9:30〜17:00（水曜日は9:30〜19:00）」).
    if ((has_days || days_after) && !r.every_day) {
      for (auto& earlier : out_.rules)
        earlier.weekdays = static_cast<uint8_t>(earlier.weekdays & ~r.weekdays);
    }
    out_.rules.push_back(std::move(r));
    return true;
  }

 public:
  // Times without days beside clauses with days (「月〜金、9時〜17時、土…」) are not reliable.
  bool consistent() const { return !implicit_days_ || out_.rules.size() == 1; }

  void finish() {
    for (auto& r : out_.rules) {
      r.weekdays = static_cast<uint8_t>(r.weekdays & ~excluded_weekdays_);
      if (out_.closed_on_holidays) {
        r.holidays = false;
      }
    }
  }

 private:
  std::vector<Token> t_;
  Schedule& out_;
  std::size_t pos_ = 0;
  uint8_t excluded_weekdays_ = 0;
  bool in_bracket_ = false;
  int depth_ = 0;
  bool implicit_days_ = false;
};

}  // namespace

Schedule parse(std::string_view text_in) {
  Schedule s;
  s.text = std::string(text_in);
  const std::string folded = text::trim(text::fold(text_in));
  if (folded.empty())
    return s;
  std::vector<Token> toks;
  if (!tokenize(folded, toks, s.reason)) {
    if (s.reason.empty())
      s.reason = "not understood";
    return s;
  }
  Schedule work;
  work.text = s.text;
  Parser p(std::move(toks), work);
  if (!p.run() || !p.consistent()) {
    s.reason = "not understood as days and times";
    return s;
  }
  p.finish();
  work.parsed = true;
  return work;
}

}  // namespace shirube::knowledge::hours
