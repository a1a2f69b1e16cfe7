#include "bot/render.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "knowledge/hours.h"
#include "tests/support/scripted_knowledge_base.h"

using namespace shirube;  // NOLINT(google-build-using-namespace)
using shirube::testing::ScriptedKnowledgeBase;
using shirube::testing::service;

namespace {

intents::Tree bundled_tree() {
  auto t = intents::Tree::load_bundled();
  REQUIRE(t.ok());
  return std::move(t).value();
}

bot::Texts bundled_texts() {
  auto t = bot::Texts::load_bundled();
  REQUIRE(t.ok());
  return std::move(t).value();
}

// A renderer over the bundled tree and texts, with a knowledge base the test scripts.
struct Fixture {
  bot::SessionState at(const std::string& node, int prefecture = -1, int page = 0) {
    bot::SessionState st;
    st.current = bot::Snapshot{node, prefecture, "", page};
    return st;
  }
  bot::Reply step(bot::SessionState st) {
    auto r = render.step(st, 0);
    REQUIRE(r.ok());
    return std::move(r).value();
  }

  intents::Tree tree = bundled_tree();
  bot::Texts texts = bundled_texts();
  ScriptedKnowledgeBase kb;
  bot::AnswerCache cache{kb, 60};
  bot::Renderer render{tree, cache, texts, 365};
};

std::vector<std::string> datas(const bot::Reply& r) {
  std::vector<std::string> out;
  for (const auto& c : r.choices)
    out.push_back(c.data);
  return out;
}

}  // namespace

TEST_CASE("Renderer: a menu step shows its texts and buttons", "[bot]") {
  Fixture f;
  const auto r = f.step(f.at("root"));
  CHECK(r.node == "root");
  CHECK(!r.category);
  CHECK(r.texts == std::vector<std::string>{f.tree.root().texts.front().ja()});
  REQUIRE(r.choices.size() == f.tree.root().choices.size());  // the root has no 戻る/最初から
  CHECK(r.choices.front().label == "いま、つらい・死にたい");
  CHECK(f.kb.searches == 0);

  const auto area = f.step(f.at("food.area"));
  CHECK(area.category == "food");
  CHECK(datas(area).back() == "nav=top");
}

TEST_CASE("Renderer: an unknown step starts again at the root", "[bot]") {
  Fixture f;
  bot::SessionState st = f.at("gone.node", 19);
  st.history.push_back(bot::Snapshot{});
  auto r = f.render.step(st, 0);
  REQUIRE(r.ok());
  CHECK(r->node == "root");
  CHECK(st.current == bot::Snapshot{});
  CHECK(st.history.empty());
}

TEST_CASE("Renderer: a results step pages through the directory's answer", "[bot]") {
  Fixture f;
  f.kb.result.services = {service("n1", "フードバンク", "0120-000-000")};  // national
  f.kb.result.total = 7;

  const auto first = f.step(f.at("food.results", 19));
  CHECK(f.kb.last_query.prefecture == 19);
  REQUIRE(first.texts.size() == 2);
  CHECK(first.texts[0] == "食べ物の相談先です。");
  CHECK(first.texts[1] == "山梨県の窓口は、まだ見つかっていません。全国の窓口をお知らせします。");
  REQUIRE(first.cards.size() == 1);
  CHECK(first.cards[0].service_id == "n1");
  // The food answer's first page leads with 食料支援を申し込む (bot/food_form.h).
  CHECK(datas(first) == std::vector<std::string>{"f=start", "more=1", "nav=back", "nav=top"});

  const auto next = f.step(f.at("food.results", 19, 1));
  CHECK(next.texts == std::vector<std::string>{"つづきです。"});
  CHECK(f.kb.last_query.offset == 5);
  CHECK(datas(next).front() == "more=2");
}

TEST_CASE("Renderer: a results step without services apologises", "[bot]") {
  Fixture f;
  const auto r = f.step(f.at("food.results", 0));
  CHECK(r.cards.empty());
  CHECK(r.texts.back() == f.texts.get(bot::TextId::kResultsNone));
  CHECK(datas(r) == std::vector<std::string>{"f=start", "nav=back", "nav=top"});
}

TEST_CASE("Renderer: a crisis step shows the crisis answer without moving", "[bot]") {
  Fixture f;
  f.kb.urgent = {service("l", "よりそいホットライン", "0120-279-338", true)};
  bot::SessionState st = f.at("crisis");
  st.resume = bot::Snapshot{"food.area", -1, "", 0};
  auto r = f.render.step(st, 0);
  REQUIRE(r.ok());
  CHECK(r->crisis);
  CHECK(r->node == "crisis");
  REQUIRE(!r->links.empty());
  CHECK(r->links[0].uri == "tel:0120279338");
  CHECK(st.resume.has_value());  // the way back is the engine's to change
  CHECK(!f.kb.last_violence);
}

TEST_CASE("Renderer: free text found in the directory shows those cards", "[bot]") {
  Fixture f;
  const auto current = f.step(f.at("food.area"));
  knowledge::SearchResult found;
  found.services = {service("x", "子ども食堂", "https://example.jp/")};
  const auto r = f.render.text_search(found, current, 0);
  CHECK(r.texts == std::vector<std::string>{f.texts.get(bot::TextId::kSearchFound)});
  REQUIRE(r.cards.size() == 1);
  CHECK(r.cards[0].service_id == "x");
  CHECK(datas(r) == datas(current));
  CHECK(r.node == "food.area");

  // Nothing found can be tapped: a 24-hour line for any worry leads.
  f.kb.urgent = {service("yorisoi", "よりそいホットライン", "0120-279-338", true)};
  found.services = {service("p", "地域の居場所", "")};
  const auto lead = f.render.text_search(found, current, 0);
  REQUIRE(lead.cards.size() == 2);
  CHECK(lead.cards[0].service_id == "yorisoi");
}

TEST_CASE("Renderer: free text found nowhere apologises with the current step", "[bot]") {
  Fixture f;
  bot::Reply current = f.step(f.at("food.area"));
  current.texts = {"一", "二", "三"};
  for (const Result<knowledge::SearchResult>& found :
       {Result<knowledge::SearchResult>(knowledge::SearchResult{}),
        Result<knowledge::SearchResult>(Error::unavailable("db", "busy"))}) {
    const auto r = f.render.text_search(found, current, 0);
    CHECK(r.texts ==
          std::vector<std::string>{f.texts.get(bot::TextId::kSearchNotUnderstood), "一", "二"});
    CHECK(r.cards.empty());
    CHECK(datas(r) == datas(current));
  }
}

TEST_CASE("Renderer: other needs become buttons before the step's own", "[bot]") {
  Fixture f;
  bot::Reply r = f.step(f.at("food.area"));
  const std::size_t own = r.choices.size();
  const std::vector<intents::IntentMatch> matches = {
      {"food", 3}, {"crisis", 2}, {"money", 2}, {"housing", 1}, {"work", 1}};
  f.render.add_other_needs(r, matches, "food");
  REQUIRE(r.choices.size() == own + 2);  // two at most; crisis is never one
  CHECK(r.choices[0].label == "お金・生活");
  CHECK(r.choices[0].data == "n=money.area");
  CHECK(r.choices[1].label == "住まい");

  bot::Reply full;
  full.choices.resize(intents::TreeLimits::kMaxQuickReplies - 1);
  f.render.add_other_needs(full, matches, "food");
  CHECK(full.choices.size() == intents::TreeLimits::kMaxQuickReplies - 1);  // would not fit
}

TEST_CASE("Renderer: prefecture names and intros", "[bot]") {
  Fixture f;
  CHECK(f.render.prefecture_name(19) == "山梨県");
  CHECK(f.render.prefecture_name(0) == "お住まいの地域");
  CHECK(f.render.prefecture_name(48) == "お住まいの地域");

  bot::Reply after;
  after.texts = {"あと"};
  auto r = bot::with_intro(after, "まえ");
  REQUIRE(r.ok());
  CHECK(r->texts == std::vector<std::string>{"まえ", "あと"});
  auto e = bot::with_intro(Error::unavailable("db", "busy"), "まえ");
  REQUIRE(!e.ok());
  CHECK(e.error().what() == "busy");
}

TEST_CASE("Renderer: a local answer has a nationwide line and says how to find the local window",
          "[bot]") {
  Fixture f;
  knowledge::Service local = service("l1", "山梨県のフードバンク", "県の窓口へ");
  local.area_scope = "prefecture";
  local.prefectures = {19};
  f.kb.result.services = {local};
  f.kb.result.total = 1;
  f.kb.urgent = {service("p110", "110番", "110", true),
                 service("yorisoi", "よりそいホットライン", "0120-279-338", true)};

  const auto first = f.step(f.at("food.results", 19));
  REQUIRE(first.cards.size() == 2);
  // Nothing of the need can be tapped: the 24-hour line leads (never 110/119 here).
  CHECK(first.cards[0].service_id == "yorisoi");
  CHECK(first.cards[1].service_id == "l1");
  CHECK(first.notes == std::vector<std::string>{f.texts.get(bot::TextId::kResultsLocalLiving)});

  const auto later = f.step(f.at("food.results", 19, 1));
  REQUIRE(later.cards.size() == 2);
  CHECK(later.cards.back().service_id == "yorisoi");  // later pages end with it
  CHECK(later.notes.empty());

  CHECK(f.step(f.at("elderly.results", 19)).notes ==
        std::vector<std::string>{f.texts.get(bot::TextId::kResultsLocalElderly)});
  CHECK(f.step(f.at("elderly.results", 0)).notes.empty());  // nationwide: no local window
  CHECK(bot::local_window_note("loneliness") == bot::TextId::kResultsLocalOther);
}

TEST_CASE("Renderer: a window closed now goes after those a person can reach now", "[bot]") {
  Fixture f;
  knowledge::Service daytime = service("day", "平日の窓口", "055-000-0000");
  daytime.hours = "平日 9:00〜17:00";
  knowledge::Service evening = service("eve", "夜の窓口", "055-000-0001");
  evening.hours = "毎日 17:00〜22:00";
  knowledge::Service programme = service("prog", "居場所づくり事業", "");
  programme.channel.clear();
  for (auto* s : {&daytime, &evening, &programme}) {
    s->area_scope = "prefecture";
    s->prefectures = {19};
  }
  f.kb.result.services = {daytime, evening, programme};
  f.kb.result.total = 3;
  auto ids = [&f](std::int64_t now) {
    bot::SessionState st = f.at("food.results", 19);
    auto r = f.render.step(st, now);
    REQUIRE(r.ok());
    std::vector<std::string> out;
    for (const auto& c : r->cards)
      out.push_back(c.service_id);
    return out;
  };
  // 2026-12-02, a Wednesday, in Japan: 10:00 and 20:00.
  const std::int64_t morning = knowledge::hours::days_from_civil(2026, 12, 2) * 86400 + 3600;
  const auto day = ids(morning);
  REQUIRE(day.size() >= 3);
  CHECK(std::vector<std::string>(day.begin(), day.begin() + 3) ==
        std::vector<std::string>{"day", "eve", "prog"});
  const auto night = ids(morning + 10 * 3600);
  REQUIRE(night.size() >= 3);
  CHECK(std::vector<std::string>(night.begin(), night.begin() + 3) ==
        std::vector<std::string>{"eve", "day", "prog"});
}
