#include "intents/category_model.h"

#include <string>

#include <catch2/catch.hpp>

using shirube::intents::CategoryModel;
using shirube::intents::IntentMatcher;

namespace {

const CategoryModel& bundled_model() {
  static const auto model = CategoryModel::load_bundled();
  REQUIRE(model.ok());
  return **model;
}

std::string first(const IntentMatcher& m, const char* text) {
  const auto found = m.match(text);
  return found.empty() ? "" : found.front().category;
}

}  // namespace

TEST_CASE("CategoryModel: the bundled model names the need, or none for small talk", "[intents]") {
  const CategoryModel& model = bundled_model();
  const auto food = model.top("給料日まで食べるものがなくて、子どもに何を食べさせればいいか");
  CHECK(food.label == "food");
  CHECK(food.probability >= CategoryModel::kThreshold);
  CHECK(model.top("明日は晴れるといいな、洗濯したい").label == "none");
}

TEST_CASE("IntentMatcher: the category model ranks a confident need first, rules follow",
          "[intents]") {
  static const auto rules = IntentMatcher::load_bundled(false);
  static const auto both = IntentMatcher::load_bundled();
  REQUIRE(rules.ok());
  REQUIRE(both.ok());

  SECTION("a need the rules do not know is found") {
    // No pattern of intents.tsv names this need; the model learnt it from labelled messages.
    const char* text = "奨学金の返済が月2万でつらい。返還猶予とか減額ってできますか";
    CHECK(first(**rules, text) != "money");
    CHECK(first(**both, text) == "money");
  }
  SECTION("short messages and small talk are the rules' alone") {
    for (const char* text : {"東京", "はい", "明日は晴れるといいな、洗濯したい"}) {
      CAPTURE(text);
      const auto a = (*rules)->match(text);
      const auto b = (*both)->match(text);
      REQUIRE(a.size() == b.size());
      for (std::size_t i = 0; i < a.size(); ++i)
        CHECK(a[i].category == b[i].category);
    }
  }
  SECTION("the rules' other needs stay, after the model's") {
    const auto found = (*both)->match("お金がなくて家賃が払えない");
    REQUIRE(found.size() >= 2);
    for (std::size_t i = 1; i < found.size(); ++i) {
      CHECK(found[i].category != found[0].category);
      CHECK(found[i].score < found[0].score);
    }
  }
}
