#include "common/crockford.h"

#include <set>
#include <string>

#include <catch2/catch.hpp>

TEST_CASE("Crockford: random codes use the alphabet and differ", "[common]") {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    auto code = shirube::crockford_random(10);
    REQUIRE(code.ok());
    REQUIRE(code->size() == 10);
    for (char c : *code)
      CHECK(shirube::kCrockford.find(c) != std::string_view::npos);
    seen.insert(*code);
  }
  CHECK(seen.size() == 200);
  CHECK(shirube::crockford_random(0).value().empty());
}

TEST_CASE("Crockford: a typed code is folded, a wrong one refused", "[common]") {
  CHECK(shirube::crockford_fold("abcde-fghjk", 10) == std::string("ABCDEFGHJK"));
  CHECK(shirube::crockford_fold("7 k 2 o i l x 9 m n", 10) == std::string("7K2011X9MN"));
  CHECK_FALSE(shirube::crockford_fold("ABCDE-FGHJ", 10).has_value());   // too short
  CHECK_FALSE(shirube::crockford_fold("ABCDE-FGHJU", 10).has_value());  // U is not a letter
  CHECK_FALSE(shirube::crockford_fold("ABCD!", 5).has_value());
  CHECK_FALSE(shirube::crockford_fold("", 8).has_value());
}
