#include "common/utf8.h"

#include <string>

#include <catch2/catch.hpp>

using namespace shirube;  // NOLINT(google-build-using-namespace)

TEST_CASE("Utf8: accepts well-formed text and rejects malformed sequences", "[common]") {
  SECTION("accept") {
    auto s = GENERATE(as<std::string>{}, "", "abc", "死にたい", "🍎ご飯", "ｼﾆﾀｲ");
    CAPTURE(s);
    CHECK(utf8::is_valid(s));
  }
  SECTION("reject") {
    auto s = GENERATE(as<std::string>{}, "\xff", "abc\xc3", "\xc0\xaf", "\xed\xa0\x80",
                      "\xf4\x90\x80\x80", "\xe3\x81");
    CAPTURE(s);
    CHECK_FALSE(utf8::is_valid(s));
    CHECK(utf8::is_valid(utf8::sanitize(s)));
  }
}

TEST_CASE("Utf8: reads code points one at a time, an invalid byte as U+FFFD", "[common]") {
  const std::string s = "a\xC3\xA9\xE3\x81\x82\xF0\x9F\x98\x80\xFF\xE3\x81";
  std::size_t i = 0;
  CHECK(shirube::utf8::next_code_point(s, i) == U'a');
  CHECK(i == 1);
  CHECK(shirube::utf8::next_code_point(s, i) == U'\u00E9');
  CHECK(i == 3);
  CHECK(shirube::utf8::next_code_point(s, i) == U'\u3042');
  CHECK(i == 6);
  CHECK(shirube::utf8::next_code_point(s, i) == U'\U0001F600');
  CHECK(i == 10);
  CHECK(shirube::utf8::next_code_point(s, i) == U'\uFFFD');  // 0xFF
  CHECK(i == 11);
  CHECK(shirube::utf8::next_code_point(s, i) == U'\uFFFD');  // truncated sequence
  CHECK(i == 12);
}

TEST_CASE("Utf8: counts UTF-16 units the way LINE does", "[common]") {
  CHECK(utf8::utf16_length("abc") == 3);
  CHECK(utf8::utf16_length("死にたい") == 4);
  CHECK(utf8::utf16_length("🍎") == 2);
  CHECK(utf8::code_points("🍎a") == 2);
}

TEST_CASE("Utf8: truncation never splits a code point and respects the limit", "[common]") {
  const std::string s = "🍎🍎🍎あいうえお";
  for (std::size_t max = 1; max <= 12; ++max) {
    CAPTURE(max);
    const std::string t = utf8::truncate_utf16(s, max);
    CHECK(utf8::is_valid(t));
    CHECK(utf8::utf16_length(t) <= max);
  }
  CHECK(utf8::truncate_utf16("abc", 3) == "abc");
  CHECK(utf8::truncate_utf16("abcdef", 4) == "abc…");
  CHECK(utf8::truncate_bytes("あいう", 7) == "あい");
  CHECK(utf8::is_valid(utf8::truncate_bytes("🍎🍎", 5)));
}

TEST_CASE("Utf8: a message all in katakana is recognised and read in hiragana", "[common]") {
  CHECK(utf8::katakana_only("ｵﾜﾘﾆｽﾙ ｸｽﾘ ﾓｳ ﾃﾆｱﾙ"));
  CHECK(utf8::katakana_only("コノママ オワリニシタイ"));
  CHECK_FALSE(utf8::katakana_only("アルバイトのシフト"));  // hiragana in it
  CHECK_FALSE(utf8::katakana_only("ロープを買った"));
  CHECK_FALSE(utf8::katakana_only("ケア 会議"));  // a kanji
  CHECK_FALSE(utf8::katakana_only("DVD"));
  CHECK_FALSE(utf8::katakana_only("ハイ"));  // too short to say
  CHECK(utf8::katakana_to_hiragana("コノママ、オワリニ。ヴァ ok") == "このまま、おわりに。ゔぁ ok");
  CHECK(utf8::katakana_to_hiragana("ｵﾜﾘ") == "ｵﾜﾘ");  // half width: NFKC first
  CHECK(utf8::katakana_to_hiragana("") == "");
}

TEST_CASE("Utf8: finds a code point in a range, kana and ideographs or Hangul", "[common]") {
  using shirube::utf8::has_code_point_in;
  CHECK(has_code_point_in("mou 無理", U'\u3000', U'\u9FFF'));
  CHECK(has_code_point_in("しにたい", U'\u3000', U'\u9FFF'));
  CHECK_FALSE(has_code_point_in("mou muri", U'\u3000', U'\u9FFF'));
  // Hangul is past the ideographs: found only with the wider range.
  CHECK_FALSE(has_code_point_in("죽고 싶다", U'\u3000', U'\u9FFF'));
  CHECK(has_code_point_in("죽고 싶다", U'\u3000', U'\uD7FF'));
  // Vietnamese letters are Latin.
  CHECK_FALSE(has_code_point_in("mệt muốn chết", U'\u3000', U'\uD7FF'));
  CHECK_FALSE(has_code_point_in("", U'\u3000', U'\uD7FF'));
}
