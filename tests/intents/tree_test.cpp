#include "intents/tree.h"

#include <algorithm>
#include <set>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "common/categories.h"
#include "common/embedded.h"
#include "common/utf8.h"
#include "tests/support/tree_fixtures.h"

using namespace shirube;  // NOLINT(google-build-using-namespace)
using nlohmann::json;

using namespace shirube::testing;  // NOLINT(google-build-using-namespace)

TEST_CASE("Tree: the bundled tree loads and every node fits LINE's limits", "[intents]") {
  auto tree = intents::Tree::load_bundled();
  REQUIRE(tree.ok());
  for (const auto& node : tree->nodes()) {
    CAPTURE(node.id);
    const auto shown = intents::shown_choices(*tree, node, 1);
    CHECK(shown.size() <= 13);
    for (const auto& c : shown) {
      CHECK(utf8::utf16_length(c.label) <= 20);
      CHECK(c.data.size() <= 300);
    }
    CHECK(!node.texts.empty());
  }
}

TEST_CASE("Tree: the root asks the question with at most 12 categories plus その他", "[intents]") {
  auto tree = intents::Tree::load_bundled();
  REQUIRE(tree.ok());
  const auto& root = tree->root();
  CHECK(root.texts.front().ja() == "どんなことで困っていますか？");
  REQUIRE(root.choices.size() <= 13);
  CHECK(root.choices.back().label.ja() == "その他");
  CHECK(root.choices.front().label.ja() == "いま、つらい・死にたい");
  // Under その他: the grouped categories and the text-entry step.
  const auto* other = tree->find(root.choices.back().to);
  REQUIRE(other != nullptr);
  auto has = [&](const std::string& label) {
    return std::any_of(other->choices.begin(), other->choices.end(),
                       [&](const auto& c) { return c.label.ja() == label; });
  };
  CHECK(has("ことばで教えてください"));
  CHECK(has("外国から来た方"));
  REQUIRE(tree->text_entry() != nullptr);
  CHECK(tree->text_entry()->type == intents::NodeType::kTextEntry);
}

TEST_CASE("Tree: every one of the 17 categories has an entry step", "[intents]") {
  auto tree = intents::Tree::load_bundled();
  REQUIRE(tree.ok());
  for (const std::string_view id : kTopCategories) {
    const std::string cat(id);
    CAPTURE(cat);
    const auto* entry = tree->category_entry(cat);
    REQUIRE(entry != nullptr);
    CHECK(entry->category == cat);
  }
  CHECK(tree->category_entry("crisis")->type == intents::NodeType::kCrisis);
  CHECK(tree->category_entry("nothing") == nullptr);
}

TEST_CASE("Tree: area steps offer nationwide, regions and every prefecture once", "[intents]") {
  auto tree = intents::Tree::load_bundled();
  REQUIRE(tree.ok());
  const auto* area = tree->find("food.area");
  REQUIRE(area != nullptr);
  REQUIRE(area->type == intents::NodeType::kArea);
  CHECK(area->choices.front().label.ja() == "全国の窓口でいい");
  CHECK(area->choices.front().data == "n=food.results&p=0");
  std::set<int> codes;
  for (const auto& c : area->choices) {
    if (c.prefecture > 0)
      codes.insert(c.prefecture);
    const auto* region = tree->find(c.to);
    REQUIRE(region != nullptr);
    if (region->type != intents::NodeType::kRegion)
      continue;
    for (const auto& p : region->choices) {
      CHECK(p.data == "n=food.results&p=" + std::to_string(p.prefecture));
      codes.insert(p.prefecture);
    }
  }
  CHECK(codes.size() == 47);
  CHECK(*codes.begin() == 1);
  CHECK(*codes.rbegin() == 47);
  const auto* kanto = tree->find("food.area.kanto");
  REQUIRE(kanto != nullptr);
  CHECK(kanto->choices[5].label.ja() == "東京都");
  CHECK(kanto->choices[5].data == "n=food.results&p=13");
}

TEST_CASE("Tree: shown choices add もっと見る, 戻る and 最初から", "[intents]") {
  auto tree = intents::Tree::load_bundled();
  REQUIRE(tree.ok());
  const auto shown = intents::shown_choices(*tree, *tree->find("food.results"), 2);
  REQUIRE(shown.size() == 3);
  CHECK(shown[0].label == "もっと見る");
  CHECK(shown[0].data == "more=2");
  CHECK(shown[1].data == "nav=back");
  CHECK(shown[2].data == "nav=top");
  const auto crisis = intents::shown_choices(*tree, *tree->find("crisis"), -1);
  REQUIRE(crisis.size() == 2);
  CHECK(crisis[0].label == "ほかの相談先もみる");
  CHECK(crisis[1].label == "最初から");
  CHECK(intents::shown_choices(*tree, tree->root(), -1).size() == tree->root().choices.size());
}

TEST_CASE("Tree: accepts a small valid tree", "[intents]") {
  auto t = intents::Tree::parse(tree_with(small_nodes()).dump(), "tree.json");
  REQUIRE(t.ok());
  CHECK(t->category_entry("food")->id == "food.area");
  CHECK(t->find("food.area.kanto") != nullptr);
  CHECK(t->find("food.area.hokkaido") == nullptr);  // one prefecture: answered directly
}

TEST_CASE("Tree: rejects broken trees with the exact reason", "[intents]") {
  SECTION("duplicate id") {
    json nodes = small_nodes();
    nodes.push_back(results("food.results", "food"));
    CHECK(parse_error(tree_with(nodes)) == "tree.json: node \"food.results\": duplicate id");
  }
  SECTION("unreachable node") {
    json nodes = small_nodes();
    nodes.push_back(results("orphan", "money"));
    CHECK(parse_error(tree_with(nodes)) ==
          "tree.json: node \"orphan\": not reachable from the root");
  }
  SECTION("dead end") {
    json nodes = small_nodes();
    nodes[0]["choices"].push_back(choice("ぐるぐる", "loop.a"));
    nodes.push_back(menu("loop.a", {choice("つぎ", "loop.b")}));
    nodes.push_back(menu("loop.b", {choice("まえ", "loop.a")}));
    CHECK(parse_error(tree_with(nodes)) ==
          "tree.json: node \"loop.a\": dead end (no way to an answer)");
  }
  SECTION("a menu without buttons is a dead end") {
    json nodes = small_nodes();
    nodes[0]["choices"].push_back(choice("からっぽ", "empty"));
    nodes.push_back(menu("empty", json::array()));
    CHECK(parse_error(tree_with(nodes)) ==
          "tree.json: node \"empty\": dead end (no way to an answer)");
  }
  SECTION("label too long") {
    json nodes = small_nodes();
    nodes[0]["choices"][0]["label"] =
        loc("とてもとてもとてもながいボタンのなまえです");  // 21 units
    CHECK(parse_error(tree_with(nodes)) ==
          "tree.json: node \"root\": choice 1 label \"とてもとてもとてもながいボタンのなまえです\" "
          "(ja) is 21 UTF-16 units (max 20)");
    nodes[0]["choices"][0]["label"] = loc("食べ物", "Food, groceries and meals");  // 25 units
    CHECK(parse_error(tree_with(nodes)) ==
          "tree.json: node \"root\": choice 1 label \"Food, groceries and meals\" (en) is 25 "
          "UTF-16 units (max 20)");
  }
  SECTION("postback data too long") {
    json nodes = small_nodes();
    const std::string long_id(299, 'x');
    nodes[0]["choices"].push_back(choice("ながい", long_id));
    nodes.push_back(results(long_id, "money"));
    CHECK(parse_error(tree_with(nodes)) ==
          "tree.json: node \"root\": choice 3 postback data is 301 bytes (max 300)");
  }
  SECTION("too many choices") {
    json nodes = small_nodes();
    json many = json::array();
    for (int i = 0; i < 12; ++i)
      many.push_back(choice("えらぶ" + std::to_string(i), "food.results"));
    nodes[0]["choices"].push_back(choice("たくさん", "many"));
    nodes.push_back(menu("many", many));
    CHECK(parse_error(tree_with(nodes)) ==
          "tree.json: node \"many\": 14 quick-reply items (max 13, with 戻る and 最初から)");
  }
  SECTION("unknown target") {
    json nodes = small_nodes();
    nodes[0]["choices"].push_back(choice("どこか", "nowhere"));
    CHECK(parse_error(tree_with(nodes)) ==
          "tree.json: node \"root\": choice 3 goes to unknown node \"nowhere\"");
  }
  SECTION("too many messages") {
    json nodes = small_nodes();
    nodes[2]["text"] = {loc("1"), loc("2"), loc("3"), loc("4")};  // + notice + carousel = 6
    CHECK(parse_error(tree_with(nodes)) == "tree.json: node \"food.results\": 6 messages (max 5)");
  }
  SECTION("unknown type and category") {
    json nodes = small_nodes();
    nodes[3]["type"] = "form";
    CHECK(parse_error(tree_with(nodes)) == "tree.json: node \"words\": unknown type \"form\"");
    nodes[3]["type"] = "text";
    nodes[3]["category"] = "cooking";
    CHECK(parse_error(tree_with(nodes)) ==
          "tree.json: node \"words\": unknown category \"cooking\"");
  }
  SECTION("a prefecture missing from the regions") {
    json doc = tree_with(small_nodes());
    doc["regions"].back()["prefectures"].erase(doc["regions"].back()["prefectures"].size() - 1);
    CHECK(parse_error(doc) == "tree.json: regions: 46 prefectures listed (expected all 47)");
  }
  SECTION("a text or label without one of its variants") {
    json nodes = small_nodes();
    nodes[3]["text"].erase("en");
    CHECK(parse_error(tree_with(nodes)) == "tree.json: node \"words\": text: \"en\" missing");
    nodes = small_nodes();
    nodes[0]["choices"][1]["label"]["jp"] = "ことばで";
    CHECK(parse_error(tree_with(nodes)) ==
          "tree.json: node \"root\": choice 2 label: unknown field \"jp\" (variants: ja, easy, "
          "en)");
    nodes = small_nodes();
    nodes[0]["choices"][1]["label"] = "ことばで";
    CHECK(parse_error(tree_with(nodes)) ==
          "tree.json: node \"root\": choice 2 label: expected {\"ja\", \"easy\", \"en\"} texts");
    json doc = tree_with(small_nodes());
    doc["labels"]["back"].erase("easy");
    CHECK(parse_error(doc) == "tree.json: labels.back: \"easy\" missing");
  }
  SECTION("a root other than root") {
    json doc = tree_with(small_nodes());
    doc["root"] = "food.area";
    CHECK(parse_error(doc) == "tree.json: root: must be \"root\" (the id of the first menu)");
  }
  SECTION("not JSON") {
    auto t = intents::Tree::parse("{\"nodes\": [", "tree.json");
    REQUIRE_FALSE(t.ok());
    CHECK(t.error().message() == "tree.json: not a JSON object");
  }
}
