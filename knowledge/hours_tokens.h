#pragma once
// The tokens of an hours text (private to hours.cpp and hours_tokens.cpp): the words, numbers
// and punctuation the parser reads. tokenize() folds nothing itself; it expects the text as
// text::fold leaves it.

#include <string>
#include <string_view>
#include <vector>

namespace shirube::knowledge::hours::detail {

enum class Tok {
  kDay,       // value = weekday 0..6
  kWeekdays,  // 平日
  kEveryDay,  // 毎日, 年中無休, 365日
  kHoliday,   // 祝日, 祝, 祝休日, 祝祭日, 祭日
  kDayOff,    // 休日 (a holiday only beside 土/日/祝)
  kYearEnd,   // 年末年始
  kDate,      // value = month, value2 = day
  kDayNum,    // "15日" after a date: value = day
  kTime,      // value = minutes (9:30, 9時30分, 17時半)
  kNum,       // a bare number (the start of 9〜17時)
  kH24,       // 24時間
  kAm,
  kPm,
  kNoon,    // 正午
  kNext,    // 翌, 翌日, 翌朝
  kTo,      // 〜 ~ - – から
  kUntil,   // まで
  kList,    // ・ 、 , と 及び および や
  kSlash,   // / (and the clause ends 。)
  kJoin,    // の : は (and spaces)
  kExcept,  // を除く, 除く, は休み, 休み, 休所, 休館, 閉所, 休
  kOpen,    // (
  kClose,   // )
};

struct Token {
  Tok kind;
  int value = 0;
  int value2 = 0;
};

// Splits `s` into tokens. False, with `reason` naming the first word not understood, when a
// word is not one of the known forms.
bool tokenize(std::string_view s, std::vector<Token>& out, std::string& reason);

}  // namespace shirube::knowledge::hours::detail
