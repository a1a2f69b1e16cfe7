#include "intents/tree.h"

#include <algorithm>
#include <set>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "common/embedded.h"
#include "common/utf8.h"
#include "knowledge/knowledge_base.h"
#include "knowledge/types.h"

using namespace shirube;  // NOLINT(google-build-using-namespace)
using nlohmann::json;

namespace {

// The bundled regions (all 47 prefectures) around a small node list.
json tree_with(json nodes) {
  auto bundled = json::parse(*embedded_file("intents/data/tree.json"));
  return json{{"root", "root"}, {"regions", bundled.at("regions")}, {"nodes", std::move(nodes)}};
}

json menu(const std::string& id, json choices, const std::string& category = "") {
  json n{
      {"id", id}, {"type", "menu"}, {"text", "えらんでください"}, {"choices", std::move(choices)}};
  if (!category.empty())
    n["category"] = category;
  return n;
}

json results(const std::string& id, const std::string& category) {
  return json{{"id", id},
              {"type", "results"},
              {"category", category},
              {"text", "相談先です。"},
              {"query", {{"categories", {category}}}}};
}

json choice(const std::string& label, const std::string& to) {
  return json{{"label", label}, {"to", to}};
}

// A valid little tree: root -> 食べ物 -> area -> results, root -> words.
json small_nodes() {
  return json::array({menu("root", {choice("食べ物", "food.area"), choice("ことばで", "words")}),
                      json{{"id", "food.area"},
                           {"type", "area"},
                           {"category", "food"},
                           {"text", "どちらにお住まいですか？"},
                           {"next", "food.results"}},
                      results("food.results", "food"),
                      json{{"id", "words"}, {"type", "text"}, {"text", "ことばで教えてください"}}});
}

std::string parse_error(const json& doc) {
  auto t = intents::Tree::parse(doc.dump(), "tree.json");
  return t.ok() ? std::string("(accepted)") : t.error().message();
}

// A knowledge base that finds records everywhere except in one prefecture.
class HoleyKnowledgeBase : public knowledge::KnowledgeBase {
 public:
  explicit HoleyKnowledgeBase(int hole) : hole_(hole) {}
  Result<knowledge::SearchResult> search(const knowledge::Query& q) override {
    knowledge::SearchResult r;
    if (q.prefecture != hole_) {
      knowledge::Service s;
      s.id = "x";
      r.services.push_back(s);
      r.total = 1;
    }
    return r;
  }
  Result<knowledge::Service> get_service(const std::string& id) override {
    return Error::not_found(id, "none");
  }
  Result<std::vector<knowledge::Prefecture>> prefectures() override {
    return std::vector<knowledge::Prefecture>{};
  }
  Result<std::vector<knowledge::Category>> categories() override {
    return std::vector<knowledge::Category>{};
  }
  Result<std::vector<knowledge::Service>> urgent_services(bool) override {
    return std::vector<knowledge::Service>{};
  }
  bool healthy() override { return true; }

 private:
  int hole_;
};

}  // namespace

TEST_CASE("Tree: the bundled tree loads and every node fits LINE's limits", "[intents]") {
  auto tree = intents::Tree::load_bundled();
  REQUIRE(tree.ok());
  for (const auto& node : tree->nodes()) {
    CAPTURE(node.id);
    const auto shown = intents::shown_choices(node, 1);
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
  CHECK(root.texts.front() == "どんなことで困っていますか？");
  REQUIRE(root.choices.size() <= 13);
  CHECK(root.choices.back().label == "その他");
  CHECK(root.choices.front().label == "いま、つらい・死にたい");
  // Under その他: the grouped categories and the text-entry step.
  const auto* other = tree->find(root.choices.back().to);
  REQUIRE(other != nullptr);
  auto has = [&](const std::string& label) {
    return std::any_of(other->choices.begin(), other->choices.end(),
                       [&](const auto& c) { return c.label == label; });
  };
  CHECK(has("ことばで教えてください"));
  CHECK(has("外国から来た方"));
  REQUIRE(tree->text_entry() != nullptr);
  CHECK(tree->text_entry()->type == intents::NodeType::kTextEntry);
}

TEST_CASE("Tree: every one of the 17 categories has an entry step", "[intents]") {
  auto tree = intents::Tree::load_bundled();
  REQUIRE(tree.ok());
  for (const auto& cat : knowledge::top_categories()) {
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
  CHECK(area->choices.front().label == "全国の窓口でいい");
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
  CHECK(kanto->choices[5].label == "東京都");
  CHECK(kanto->choices[5].data == "n=food.results&p=13");
}

TEST_CASE("Tree: shown choices add もっと見る, 戻る and 最初から", "[intents]") {
  auto tree = intents::Tree::load_bundled();
  REQUIRE(tree.ok());
  const auto shown = intents::shown_choices(*tree->find("food.results"), 2);
  REQUIRE(shown.size() == 3);
  CHECK(shown[0].label == "もっと見る");
  CHECK(shown[0].data == "more=2");
  CHECK(shown[1].data == "nav=back");
  CHECK(shown[2].data == "nav=top");
  const auto crisis = intents::shown_choices(*tree->find("crisis"), -1);
  REQUIRE(crisis.size() == 2);
  CHECK(crisis[0].label == "ほかの相談先もみる");
  CHECK(crisis[1].label == "最初から");
  CHECK(intents::shown_choices(tree->root(), -1).size() == tree->root().choices.size());
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
    nodes[0]["choices"][0]["label"] = "とてもとてもとてもながいボタンのなまえです";  // 21 units
    CHECK(parse_error(tree_with(nodes)) ==
          "tree.json: node \"root\": choice 1 label \"とてもとてもとてもながいボタンのなまえです\" "
          "is "
          "21 UTF-16 units (max 20)");
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
    nodes[2]["text"] = {"1", "2", "3", "4"};  // + notice + carousel = 6
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

TEST_CASE("Tree: coverage names the answer and prefecture that find nothing", "[intents]") {
  auto tree = intents::Tree::parse(tree_with(small_nodes()).dump(), "tree.json");
  REQUIRE(tree.ok());
  HoleyKnowledgeBase everywhere(-1);
  CHECK(intents::validate_coverage(*tree, everywhere).ok());
  HoleyKnowledgeBase no_aomori(2);
  Status s = intents::validate_coverage(*tree, no_aomori);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message() == "node \"food.results\": no records for 青森県 (categories food)");
}

TEST_CASE("Tree: every answer finds records in every prefecture with the bundled data",
          "[intents]") {
  auto tree = intents::Tree::load_bundled();
  REQUIRE(tree.ok());
  auto kb = knowledge::KnowledgeBase::open_with_bundled_data(":memory:");
  REQUIRE(kb.ok());
  Status s = intents::validate_coverage(*tree, **kb);
  INFO((s.ok() ? std::string() : s.error().message()));
  CHECK(s.ok());
}
