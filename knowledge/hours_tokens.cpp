#include "knowledge/hours_tokens.h"

#include <cstddef>

// The tokenizer of hours.h: literal words longest first, numbers with what follows them.

namespace shirube::knowledge::hours::detail {

namespace {

struct Literal {
  const char* text;
  Tok kind;
  int value;
};

// Longest first where one is a prefix of another.
const Literal kLiterals[] = {
    {"月曜日", Tok::kDay, 0},
    {"火曜日", Tok::kDay, 1},
    {"水曜日", Tok::kDay, 2},
    {"木曜日", Tok::kDay, 3},
    {"金曜日", Tok::kDay, 4},
    {"土曜日", Tok::kDay, 5},
    {"日曜日", Tok::kDay, 6},
    {"月曜", Tok::kDay, 0},
    {"火曜", Tok::kDay, 1},
    {"水曜", Tok::kDay, 2},
    {"木曜", Tok::kDay, 3},
    {"金曜", Tok::kDay, 4},
    {"土曜", Tok::kDay, 5},
    {"日曜", Tok::kDay, 6},
    {"祝休日", Tok::kHoliday, 0},
    {"祝祭日", Tok::kHoliday, 0},
    {"祝日", Tok::kHoliday, 0},
    {"祭日", Tok::kHoliday, 0},
    {"祝", Tok::kHoliday, 0},
    {"休日", Tok::kDayOff, 0},
    {"平日", Tok::kWeekdays, 0},
    {"毎日", Tok::kEveryDay, 0},
    {"年中無休", Tok::kEveryDay, 0},
    {"年末年始", Tok::kYearEnd, 0},
    {"月", Tok::kDay, 0},
    {"火", Tok::kDay, 1},
    {"水", Tok::kDay, 2},
    {"木", Tok::kDay, 3},
    {"金", Tok::kDay, 4},
    {"土", Tok::kDay, 5},
    {"日", Tok::kDay, 6},
    {"午前", Tok::kAm, 0},
    {"午後", Tok::kPm, 0},
    {"正午", Tok::kNoon, 0},
    {"翌日", Tok::kNext, 0},
    {"翌朝", Tok::kNext, 0},
    {"翌", Tok::kNext, 0},
    {"〜", Tok::kTo, 0},
    {"~", Tok::kTo, 0},
    {"-", Tok::kTo, 0},
    {"–", Tok::kTo, 0},
    {"から", Tok::kTo, 0},
    {"まで", Tok::kUntil, 0},
    {"・", Tok::kList, 0},
    {"、", Tok::kList, 0},
    {",", Tok::kList, 0},
    {"及び", Tok::kList, 0},
    {"および", Tok::kList, 0},
    {"と", Tok::kList, 0},
    {"や", Tok::kList, 0},
    {"/", Tok::kSlash, 0},
    {"。", Tok::kSlash, 0},
    {"の", Tok::kJoin, 0},
    {":", Tok::kJoin, 0},
    {"を除いて", Tok::kExcept, 0},
    {"を除く", Tok::kExcept, 0},
    {"は除く", Tok::kExcept, 0},
    {"除く", Tok::kExcept, 0},
    {"はお休み", Tok::kExcept, 0},
    {"は休み", Tok::kExcept, 0},
    {"休み", Tok::kExcept, 0},
    {"は休所", Tok::kExcept, 0},
    {"休所", Tok::kExcept, 0},
    {"は休館", Tok::kExcept, 0},
    {"休館", Tok::kExcept, 0},
    {"は閉所", Tok::kExcept, 0},
    {"閉所", Tok::kExcept, 0},
    {"休", Tok::kExcept, 0},
    {"は", Tok::kJoin, 0},
    {"(", Tok::kOpen, 0},
    {")", Tok::kClose, 0},
};

// Words that add nothing to the schedule.
const char* const kNoise[] = {"受付時間", "毎週", "体制", "対応", "受付"};

bool read_number(std::string_view s, std::size_t& i, int& out) {
  const std::size_t start = i;
  int v = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < 4) {
    v = v * 10 + (s[i] - '0');
    ++i;
  }
  if (i == start)
    return false;
  out = v;
  return true;
}

bool eat(std::string_view s, std::size_t& i, std::string_view lit) {
  if (s.substr(i, lit.size()) == lit) {
    i += lit.size();
    return true;
  }
  return false;
}

// A number and what follows it: 9:30, 9時, 9時30分, 9時半, 24時間, 365日, 12月29日, 12/29,
// 15日, or a bare number.
bool number_token(std::string_view s, std::size_t& i, std::vector<Token>& out,
                  std::string& reason) {
  int n = 0;
  read_number(s, i, n);
  if (eat(s, i, "時間")) {
    if (n != 24) {
      reason = std::to_string(n) + "時間";
      return false;
    }
    out.push_back({Tok::kH24});
    return true;
  }
  if (eat(s, i, "日")) {
    out.push_back(n == 365 ? Token{Tok::kEveryDay} : Token{Tok::kDayNum, n});
    return true;
  }
  if (i < s.size() && s[i] == ':') {
    std::size_t j = i + 1;
    int m = 0;
    if (j + 2 <= s.size() && read_number(s, j, m) && j - i == 3 && m < 60) {
      i = j;
      out.push_back({Tok::kTime, n * 60 + m});
      return true;
    }
    out.push_back({Tok::kNum, n});  // "月〜金:" is handled by the caller; here "9:" is odd
    return true;
  }
  if (eat(s, i, "時")) {
    int m = 0;
    std::size_t j = i;
    if (eat(s, i, "半")) {
      m = 30;
    } else if (read_number(s, j, m) && eat(s, j, "分")) {
      i = j;
    } else {
      m = 0;
    }
    if (m >= 60) {
      reason = "minutes";
      return false;
    }
    out.push_back({Tok::kTime, n * 60 + m});
    return true;
  }
  if (eat(s, i, "月")) {
    int d = 0;
    if (read_number(s, i, d) && eat(s, i, "日")) {
      out.push_back({Tok::kDate, n, d});
      return true;
    }
    reason = std::to_string(n) + "月";
    return false;
  }
  if (i < s.size() && s[i] == '/') {
    std::size_t j = i + 1;
    int d = 0;
    if (read_number(s, j, d) && n >= 1 && n <= 12 && d >= 1 && d <= 31 &&
        (j >= s.size() || s[j] != ':')) {
      i = j;
      out.push_back({Tok::kDate, n, d});
      return true;
    }
  }
  out.push_back({Tok::kNum, n});
  return true;
}

}  // namespace

bool tokenize(std::string_view s, std::vector<Token>& out, std::string& reason) {
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == ' ' || c == '\t') {
      ++i;
      continue;
    }
    if (c >= '0' && c <= '9') {
      if (!number_token(s, i, out, reason))
        return false;
      continue;
    }
    bool matched = false;
    for (const char* noise : kNoise) {
      if (eat(s, i, noise)) {
        matched = true;
        break;
      }
    }
    if (matched)
      continue;
    for (const auto& lit : kLiterals) {
      if (eat(s, i, lit.text)) {
        out.push_back({lit.kind, lit.value});
        matched = true;
        break;
      }
    }
    if (!matched) {
      // Name the word that was not understood (up to the next bracket or separator).
      std::size_t end = i;
      while (end < s.size() && s[end] != '(' && s[end] != ')' && s[end] != ' ' && end - i < 24) {
        ++end;
      }
      while (end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80)
        ++end;
      reason = "not understood: " + std::string(s.substr(i, end - i));
      return false;
    }
  }
  return true;
}

}  // namespace shirube::knowledge::hours::detail
