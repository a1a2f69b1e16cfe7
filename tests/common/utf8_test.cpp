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
