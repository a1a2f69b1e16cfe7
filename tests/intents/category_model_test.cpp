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

TEST_CASE("IntentMatcher: the blend weighs the rules' categories, and adds only in Japanese",
          "[intents]") {
  static const auto rules = IntentMatcher::load_bundled(false);
  static const auto both = IntentMatcher::load_bundled();
  REQUIRE(rules.ok());
  REQUIRE(both.ok());
  auto score_of = [](const std::vector<shirube::intents::IntentMatch>& found,
                     const std::string& category) {
    for (const auto& m : found) {
      if (m.category == category)
        return m.score;
    }
    return -1.0;
  };

  SECTION("every category the rules found stays, its score never lower, ranked by the sum") {
    for (const char* text :
         {"お金がなくて家賃が払えない", "母子家庭で仕事がなくて家賃も食費も払えない、さみしい",
          "I lost my job and cannot pay the rent", "Tôi bị mất việc, không có tiền ăn"}) {
      CAPTURE(text);
      const auto a = (*rules)->match(text);
      const auto b = (*both)->match(text);
      REQUIRE(!a.empty());
      for (const auto& m : a)
        CHECK(score_of(b, m.category) >= m.score);
      for (std::size_t i = 1; i < b.size(); ++i)
        CHECK(b[i - 1].score >= b[i].score);
    }
  }
  SECTION("in the other languages the model adds no category the rules did not find") {
    for (const char* text :
         {"Anoche vi el partido, qué golazo", "My cat knocked my coffee off the table again",
          "Kucingku tidur terus seharian", "Antok na antok na ako",
          "toi khong co tien, ca ngay chua duoc an", "Can I talk to a human please?"}) {
      CAPTURE(text);
      const auto a = (*rules)->match(text);
      const auto b = (*both)->match(text);
      CHECK(a.size() == b.size());
      for (const auto& m : b)
        CHECK(score_of(a, m.category) >= 0);
    }
  }
  SECTION("at weight 0 the model ranks first only from the threshold, in Japanese") {
    auto model = CategoryModel::load_bundled();
    REQUIRE(model.ok());
    (*model)->set_weight(0);
    auto base = IntentMatcher::load_bundled(false);
    REQUIRE(base.ok());
    const auto threshold_way =
        shirube::intents::with_category_model(std::move(*base), std::move(*model));
    // The rules' order and scores stand for a message in another language.
    const char* text = "I lost my job and cannot pay the rent";
    const auto a = (*rules)->match(text);
    const auto b = threshold_way->match(text);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      CHECK(a[i].category == b[i].category);
      CHECK(a[i].score == b[i].score);
    }
  }
}
