#include "bot/food_worries.h"

#include <re2/re2.h>

#include "common/utf8.h"
#include "intents/intent_matcher.h"

namespace shirube::bot {

namespace {

void replace_all(std::string& s, std::string_view what, std::string_view with) {
  if (what.empty())
    return;
  for (std::size_t at = s.find(what); at != std::string::npos;
       at = s.find(what, at + with.size())) {
    s.replace(at, what.size(), with);
  }
}

}  // namespace

std::string ascii_forms(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c0 = static_cast<unsigned char>(text[i]);
    if (c0 == 0xEF && i + 2 < text.size()) {
      const auto c1 = static_cast<unsigned char>(text[i + 1]);
      const auto c2 = static_cast<unsigned char>(text[i + 2]);
      // U+FF01..U+FF5E -> U+0021..U+007E
      if (c1 == 0xBC && c2 >= 0x81 && c2 <= 0xBF) {
        out.push_back(static_cast<char>(c2 - 0x81 + 0x21));
        i += 2;
        continue;
      }
      if (c1 == 0xBD && c2 >= 0x80 && c2 <= 0x9E) {
        out.push_back(static_cast<char>(c2 - 0x80 + 0x60));
        i += 2;
        continue;
      }
    }
    if (c0 == 0xE3 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        static_cast<unsigned char>(text[i + 2]) == 0x80) {  // U+3000 ideographic space
      out.push_back(' ');
      i += 2;
      continue;
    }
    if (c0 == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x88 &&
        static_cast<unsigned char>(text[i + 2]) == 0x92) {  // U+2212 minus
      out.push_back('-');
      i += 2;
      continue;
    }
    if (c0 == 0xE3 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x83 &&
        static_cast<unsigned char>(text[i + 2]) == 0xBC) {  // ー between digits is a hyphen
      const bool digit_before = !out.empty() && out.back() >= '0' && out.back() <= '9';
      if (digit_before) {
        out.push_back('-');
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

std::string scrub_worries(std::string_view text, std::string_view nickname) {
  std::string s = ascii_forms(text);
  static const RE2 kEmail(R"([A-Za-z0-9._%+\-]+ ?@ ?[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+)");
  static const RE2 kPhone(R"(\+?[0-9][0-9\-\(\) ]{8,}[0-9])");
  static const RE2 kLineId(R"((?i)(line ?id|ID)[:： は]*[A-Za-z0-9._\-]{4,20})");
  static const RE2 kHonorific(
      R"([\p{Han}\p{Katakana}\p{Hiragana}A-Za-z]{1,8}(さん|くん|君|ちゃん|様|さま|氏|先生))");
  static const RE2 kNamed(
      R"((名前は|なまえは|名前が|なまえが)[\p{Han}\p{Katakana}\p{Hiragana}A-Za-z ]{1,12}?(です|といいます|と言います|だよ|$))");
  static const RE2 kCalled(
      R"([\p{Han}\p{Katakana}\p{Hiragana}A-Za-z]{1,8}(といいます|と言います|と申します|って言います))");
  RE2::GlobalReplace(&s, kEmail, "［メール］");
  RE2::GlobalReplace(&s, kLineId, "［ID］");
  RE2::GlobalReplace(&s, kPhone, "［電話番号］");
  RE2::GlobalReplace(&s, kNamed, "\\1［名前］\\2");
  RE2::GlobalReplace(&s, kCalled, "［名前］\\1");
  RE2::GlobalReplace(&s, kHonorific, "［名前］");
  if (utf8::code_points(nickname) >= 2)  // one character would cut every word it is in
    replace_all(s, nickname, "［名前］");
  return s;
}

std::string classify_worries(const intents::IntentMatcher& matcher, std::string_view scrubbed) {
  if (scrubbed.empty())
    return {};
  const auto matches = matcher.match(scrubbed);
  if (matches.empty())
    return "other";
  return matches.front().category;
}

}  // namespace shirube::bot
