#include "intents/romaji.h"

#include <catch2/catch.hpp>

#include "intents/crisis.h"
#include "intents/intent_matcher.h"

using shirube::intents::romaji_as_kana;
using shirube::intents::with_kana_reading;

TEST_CASE("Romaji: Japanese typed in Latin letters is read in hiragana", "[intents]") {
  // By the lexicon's romaji words, or because every word is Japanese syllables.
  CHECK(romaji_as_kana("mou tsukareta. shinou kana") == "もう つかれた。 しのう かな");
  CHECK(romaji_as_kana("kieteshimaitai") == "きえてしまいたい");
  CHECK(romaji_as_kana("kare ni nagurareta, kowai") == "かれ に なぐられた、 こわい");
  // Upper case, and laughter typed as www stays laughter.
  CHECK(romaji_as_kana("MOU MURI") == "もう むり");
  CHECK(romaji_as_kana("nemui shinu www") == "ねむい しぬ 笑");
}

TEST_CASE("Romaji: other languages and Japanese script are left alone", "[intents]") {
  CHECK_FALSE(romaji_as_kana("i want to die").has_value());
  CHECK_FALSE(romaji_as_kana("no idea").has_value());
  CHECK_FALSE(romaji_as_kana("quiero morir").has_value());
  CHECK_FALSE(romaji_as_kana("ako ay pagod na").has_value());
  CHECK_FALSE(romaji_as_kana("もう shinitai").has_value());
  CHECK_FALSE(romaji_as_kana("").has_value());
}

TEST_CASE("Romaji: the text read is the message with its kana reading after it", "[intents]") {
  CHECK(with_kana_reading("mou muri") == "mou muri\nもう むり");
  // Nothing is added to a message that is not romaji Japanese.
  CHECK(with_kana_reading("i want to die") == "i want to die");
  CHECK(with_kana_reading("もう無理") == "もう無理");
  CHECK(with_kana_reading("").empty());
}

TEST_CASE("Romaji: the crisis detector and the intent matcher read romaji messages", "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::CrisisKind;
  using shirube::intents::RiskLevel;
  // Before, only a few set words (shinitai, kietai) were caught in romaji.
  CHECK((*detector)->check("kieteshimaitai").level == RiskLevel::kCrisis);
  CHECK((*detector)->check("mou ikiteru imi ga wakaranai").level >= RiskLevel::kCheck);
  const auto hit = (*detector)->check("kare ni nagurareta, kowai");
  CHECK(hit.level == RiskLevel::kCrisis);
  CHECK(hit.kind == CrisisKind::kViolence);
  // Hyperbole said laughing stays none, as in kana.
  CHECK((*detector)->check("nemui shinu www").level == RiskLevel::kNone);

  static const auto matcher = shirube::intents::IntentMatcher::load_bundled();
  REQUIRE(matcher.ok());
  const auto found = (*matcher)->match("yachin ga haraenai");
  REQUIRE_FALSE(found.empty());
  CHECK(found.front().category == "housing");
}
