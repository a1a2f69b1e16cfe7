#include "bot/crisis_answer.h"

#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "knowledge/hours.h"
#include "tests/support/scripted_knowledge_base.h"

using namespace shirube;  // NOLINT(google-build-using-namespace)
using shirube::testing::service;

namespace {

// Urgent lines in the order the directory returns them (not the order they are offered).
std::vector<knowledge::Service> lines() {
  return {
      service("gen", "こころの健康相談", "0570-064-556"),
      service("dv", "DV相談ナビ", "#8008", false, {"violence.dv"}),
      service("p110", "警察 110番", "110"),
      service("gen24", "よりそいホットライン", "0120-279-338", true),
      service("dv24", "DV相談＋", "0120-279-889", true, {"violence.dv"}),
      service("f119", "救急 119番", "119"),
      service("web24", "あなたのいばしょ", "https://talkme.jp/", true),
  };
}

std::vector<std::string> ids(const bot::CrisisLines& l) {
  std::vector<std::string> out;
  for (const auto* s : l.order)
    out.push_back(s->id);
  return out;
}

std::vector<std::string> labels(const bot::Reply& r) {
  std::vector<std::string> out;
  for (const auto& l : r.links)
    out.push_back(l.label);
  return out;
}

intents::TreeNode crisis_step(bool violence) {
  intents::TreeNode n;
  n.id = violence ? "crisis.violence" : "crisis";
  n.type = intents::NodeType::kCrisis;
  n.violence = violence;
  n.texts = {Localized{{"ひとりで抱えないでください。", "ひとりで がまん しないで ください。",
                        "You don't have to carry this alone."}}};
  return n;
}

bot::Texts texts() {
  auto t = bot::Texts::load_bundled();
  REQUIRE(t.ok());
  return std::move(t).value();
}

const intents::Tree& bundled_tree() {
  static const intents::Tree kTree = [] {
    auto t = intents::Tree::load_bundled();
    REQUIRE(t.ok());
    return std::move(t).value();
  }();
  return kTree;
}

}  // namespace

TEST_CASE("CrisisAnswer: danger now and violence: 110/119, DV lines, then 24-hour lines", "[bot]") {
  const auto services = lines();
  const auto l = bot::order_crisis_lines(services, /*violence=*/true, /*immediate=*/true);
  CHECK(ids(l) == std::vector<std::string>{"p110", "f119", "dv24", "dv", "gen24", "web24", "gen"});
  CHECK(l.buttons == 6);  // the last line is a card only
}

TEST_CASE("CrisisAnswer: an act done or starting now puts 119 before 110", "[bot]") {
  const auto services = lines();
  const auto l = bot::order_crisis_lines(services, /*violence=*/false, /*immediate=*/true);
  REQUIRE(ids(l).size() >= 2);
  CHECK(ids(l)[0] == "f119");
  CHECK(ids(l)[1] == "p110");
  const auto t = texts();
  const auto r = bot::crisis_reply(crisis_step(false), services, true, {t, bundled_tree()}, 365, 0);
  REQUIRE(r.links.size() >= 2);
  CHECK(r.links[0].uri == "tel:119");
  CHECK(r.links[1].uri == "tel:110");
}

TEST_CASE("CrisisAnswer: someone who writes in another language gets the foreign lines first",
          "[bot]") {
  auto services = lines();
  services.push_back(
      service("multi", "外国語ライン", "0120-279-338", false, {"foreign_residents"}));
  const auto l = bot::order_crisis_lines(services, /*violence=*/false, /*immediate=*/false,
                                         /*multilingual=*/true);
  REQUIRE(!ids(l).empty());
  CHECK(ids(l).front() == "multi");
  CHECK(l.buttons >= 1);
  const auto plain = bot::order_crisis_lines(services, false, false);
  CHECK(ids(plain).front() == "gen24");
}

TEST_CASE("CrisisAnswer: without danger, 24-hour lines first and no 110/119", "[bot]") {
  const auto services = lines();
  const auto l = bot::order_crisis_lines(services, /*violence=*/false, /*immediate=*/false);
  CHECK(ids(l) == std::vector<std::string>{"gen24", "dv24", "web24", "gen", "dv"});
  CHECK(l.buttons == 3);
}

TEST_CASE("CrisisAnswer: no 24-hour line in the data offers every line as a button", "[bot]") {
  const std::vector<knowledge::Service> services = {lines()[0], lines()[1], lines()[2]};
  const auto l = bot::order_crisis_lines(services, false, false);
  CHECK(ids(l) == std::vector<std::string>{"gen", "dv"});
  CHECK(l.buttons == 2);
}

TEST_CASE("CrisisAnswer: a large directory is cut to the candidates", "[bot]") {
  std::vector<knowledge::Service> services;
  for (int i = 0; i < 40; ++i)
    services.push_back(service("s" + std::to_string(i), "窓口", "0120-000-000", i % 2 == 0));
  const auto l = bot::order_crisis_lines(services, true, false);
  CHECK(l.order.size() == bot::CrisisLines::kCandidates);
  CHECK(l.buttons == bot::CrisisLines::kCandidates);  // 20 lines are 24-hour
  CHECK(l.order.front()->id == "s0");
}

TEST_CASE("CrisisAnswer: the reply closes its links with 110 and 119", "[bot]") {
  const auto services = lines();
  const auto node = crisis_step(false);
  const auto t = texts();
  const auto r = bot::crisis_reply(node, services, false, {t, bundled_tree()}, 365, 0);
  CHECK(r.crisis);
  CHECK(r.node == "crisis");
  CHECK(r.category == "crisis");
  CHECK(r.texts == std::vector<std::string>{node.texts.front().ja()});
  CHECK(labels(r) == std::vector<std::string>{"0120-279-338 よりそいホットライン",
                                              "0120-279-889 DV相談＋", "ひらく あなたのいばしょ",
                                              "警察 110番", "救急 119番"});
  CHECK(r.links.front().uri == "tel:0120279338");
  CHECK(r.links.back().uri == "tel:119");
  REQUIRE(r.cards.size() == 5);
  CHECK(r.cards.front().service_id == "gen24");
  REQUIRE(r.choices.size() == 2);
  CHECK(r.choices[0].data == "nav=resume");
  CHECK(r.choices[1].data == "nav=top");
}

TEST_CASE("CrisisAnswer: danger now says so first and puts 110 first", "[bot]") {
  const auto services = lines();
  const auto node = crisis_step(true);
  const auto t = texts();
  const auto r = bot::crisis_reply(node, services, true, {t, bundled_tree()}, 365, 0);
  CHECK(r.category == "violence");  // the node has none
  REQUIRE(r.texts.size() == 2);
  CHECK(r.texts[0] == t.get(bot::TextId::kCrisisCallNow));
  REQUIRE(r.links.size() == bot::CrisisLines::kMaxLinks);
  CHECK(r.links[0].uri == "tel:110");
  CHECK(r.links[1].uri == "tel:119");
  CHECK(r.links[2].uri == "tel:0120279889");  // the 24-hour DV line
  CHECK(r.cards.size() == 5);
}

TEST_CASE("CrisisAnswer: the crisis nodes of the bundled tree are found", "[bot]") {
  auto tree = intents::Tree::load_bundled();
  REQUIRE(tree.ok());
  const auto* plain = bot::crisis_node(*tree, false);
  const auto* violence = bot::crisis_node(*tree, true);
  REQUIRE(plain != nullptr);
  REQUIRE(violence != nullptr);
  CHECK(plain->id == "crisis");
  CHECK(violence->id == "crisis.violence");
}

TEST_CASE("CrisisAnswer: a line closed now by its hours gets no button and its card says so",
          "[bot]") {
  auto services = lines();
  services[4].hours = "平日 9:00〜17:00";  // the 24-hour DV line, made a daytime one
  services[4].is_24h = false;
  const auto t = texts();
  // 2026-12-02 (a Wednesday) in Japan: 10:00 and 21:00.
  const std::int64_t morning = knowledge::hours::days_from_civil(2026, 12, 2) * 86400 + 3600;
  const std::int64_t night = morning + 11 * 3600;
  auto has_link = [](const bot::Reply& r, const std::string& uri) {
    return std::any_of(r.links.begin(), r.links.end(),
                       [&uri](const bot::Link& l) { return l.uri == uri; });
  };
  const auto day =
      bot::crisis_reply(crisis_step(true), services, true, {t, bundled_tree()}, 365, morning);
  CHECK(has_link(day, "tel:0120279889"));
  const auto late =
      bot::crisis_reply(crisis_step(true), services, true, {t, bundled_tree()}, 365, night);
  CHECK_FALSE(has_link(late, "tel:0120279889"));
  CHECK(late.links[0].uri == "tel:110");
  const auto card = std::find_if(late.cards.begin(), late.cards.end(),
                                 [](const bot::ResultCard& c) { return c.service_id == "dv24"; });
  REQUIRE(card != late.cards.end());
  CHECK(card->closed_now);
  CHECK(card->open_label == t.get(bot::TextId::kCardClosedNow));
}

TEST_CASE("CrisisAnswer: written lines open now come first and a periods-only one is no button",
          "[bot]") {
  auto chat = [](const std::string& id, const std::string& url, const std::string& hours) {
    auto s = service(id, id, url);
    s.channel = "chat";
    s.hours = hours;
    return s;
  };
  const std::vector<knowledge::Service> services = {
      chat("evening", "https://evening.example.jp/", "毎日 17:00〜22:00"),
      chat("periods", "https://periods.example.jp/", "期間限定で開設"),
      chat("always", "https://always.example.jp/", "24時間"),
      service("phone24", "よりそいホットライン", "0120-279-338", true),
  };
  const auto t = texts();
  const std::int64_t noon = knowledge::hours::days_from_civil(2026, 12, 2) * 86400 + 3 * 3600;
  const auto r = bot::written_lines_reply(crisis_step(false), services, "文字で話せるところです",
                                          {t, bundled_tree()}, 365, noon);
  REQUIRE(r.links.size() == 2);
  CHECK(r.links[0].uri == "https://always.example.jp/");
  CHECK(r.links[1].uri == "https://evening.example.jp/");
  REQUIRE(r.cards.size() == 2);
  CHECK(r.cards[1].closed_now);
  CHECK(r.texts.front() == "文字で話せるところです");
}
