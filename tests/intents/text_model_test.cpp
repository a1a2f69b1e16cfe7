#include "intents/text_model.h"

#include <cstdint>
#include <cstring>
#include <string>

#include <catch2/catch.hpp>

using shirube::intents::TextModel;
using shirube::intents::TextWords;

TEST_CASE("TextModel: bytes that are not a fastText model are refused", "[intents]") {
  const auto empty = TextModel::load("", "empty.bin");
  REQUIRE_FALSE(empty.ok());
  CHECK_THAT(empty.error().message(), Catch::Matchers::StartsWith("empty.bin: not a fastText"));
  const auto text = TextModel::load("this is a text file, not a model", "x.bin");
  REQUIRE_FALSE(text.ok());
  CHECK_THAT(text.error().message(), Catch::Matchers::Contains("not a fastText model"));
  // The right header, then nothing: fastText's reader fails, the error says so.
  std::string header(8, '\0');
  const std::int32_t magic = 793712314;
  const std::int32_t version = 12;
  std::memcpy(header.data(), &magic, 4);
  std::memcpy(header.data() + 4, &version, 4);
  const auto cut = TextModel::load(header + "abc", "cut.bin");
  REQUIRE_FALSE(cut.ok());
  CHECK_THAT(cut.error().message(), Catch::Matchers::Contains("cut.bin"));
}

TEST_CASE("TextWords: text is folded and split into words, emoji and digits stay", "[intents]") {
  const auto words = TextWords::open();
  REQUIRE(words.ok());
  CHECK(words->words("ＯＤした💊 Want To DIE") == "od し た 💊 want to die");
  CHECK(words->words("帰り道にずっと") == "帰り道 に ずっと");
  CHECK(words->words("") == "");
  // Invalid UTF-8 is replaced, never passed on to MeCab.
  CHECK_FALSE(words->words(std::string("\xff\xfe") + "死").empty());
}
