#include "intents/risk_model.h"

#include <string>

#include <catch2/catch.hpp>

#include "intents/crisis.h"

using shirube::intents::CrisisDetector;
using shirube::intents::CrisisKind;
using shirube::intents::RiskLevel;
using shirube::intents::RiskModel;

namespace {

const RiskModel& bundled_model() {
  static const auto model = RiskModel::load_bundled();
  REQUIRE(model.ok());
  return **model;
}

}  // namespace

TEST_CASE("RiskModel: the bundled model tells danger to oneself, from others, and none apart",
          "[intents]") {
  const RiskModel& model = bundled_model();
  const auto self = model.predict("全部リセットしたい。人生ごと");
  CHECK(self.risk() >= RiskModel::kThreshold);
  CHECK(self.self > self.other);
  const auto other = model.predict("帰り道にずっと同じ男の人がついてくる");
  CHECK(other.risk() >= RiskModel::kThreshold);
  CHECK(other.other > other.self);
  for (const char* text : {"明日の天気はどうかな", "お米が買えない", "家賃の相談をしたい"}) {
    CAPTURE(text);
    CHECK(model.predict(text).risk() < RiskModel::kThreshold);
  }
}

TEST_CASE("CrisisDetector: the risk model only raises a message the rules leave at none",
          "[intents]") {
  static const auto with_model = CrisisDetector::load_bundled();
  static const auto without = CrisisDetector::load_bundled(true, false);
  REQUIRE(with_model.ok());
  REQUIRE(without.ok());

  SECTION("a wording no rule knows is asked about, with the kind the model finds") {
    CHECK((*without)->check("全部リセットしたい。人生ごと").level == RiskLevel::kNone);
    const auto asked = (*with_model)->check("全部リセットしたい。人生ごと");
    CHECK(asked.level == RiskLevel::kCheck);
    CHECK(asked.kind == CrisisKind::kSuicide);
    CHECK(asked.rule_id == "model");
    CHECK_FALSE(asked.immediate_danger);

    const auto followed = (*with_model)->check("帰り道にずっと同じ男の人がついてくる");
    CHECK(followed.level == RiskLevel::kCheck);
    CHECK(followed.kind == CrisisKind::kViolence);
  }
  SECTION("a rule's level is kept: never lowered, never replaced") {
    const auto crisis = (*with_model)->check("死にたい");
    CHECK(crisis.level == RiskLevel::kCrisis);
    CHECK(crisis.rule_id != "model");
    CHECK((*with_model)->check("眠すぎて死にそう").level ==
          (*without)->check("眠すぎて死にそう").level);
  }
  SECTION("ordinary messages stay none") {
    for (const char* text : {"お米が買えない", "ハローワークはどこですか", "ありがとう"}) {
      CAPTURE(text);
      CHECK((*with_model)->check(text).level == RiskLevel::kNone);
    }
  }
}
