#include "bot/engine.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "common/sqlite.h"
#include "knowledge/knowledge_base.h"
#include "knowledge/types.h"
#include "tests/support/temp_dir.h"

using namespace shirube;  // NOLINT(google-build-using-namespace)

namespace {

// One engine over the bundled data with a clock the test moves.
class Chat {
 public:
  explicit Chat(const std::string& session_db = ":memory:", const std::string& secret = "test") {
    auto kb = knowledge::KnowledgeBase::open_with_bundled_data(":memory:");
    REQUIRE(kb.ok());
    kb_ = std::move(kb).value();
    restart(session_db, secret);
  }
  void restart(const std::string& session_db, const std::string& secret) {
    engine_.reset();
    bot::EngineOptions o;
    o.session_db = session_db;
    o.user_key_secret = secret;
    o.clock = [this] { return now; };
    auto e = bot::Engine::create(*kb_, o);
    REQUIRE(e.ok());
    engine_ = std::move(e).value();
  }
  bot::Reply send(const std::string& user, const bot::Input& in) {
    auto r = engine_->handle(user, in);
    if (!r.ok())
      FAIL(r.error().to_string());
    return std::move(r).value();
  }
  bot::Reply tap(const std::string& user, const std::string& data) {
    bot::Input in;
    in.kind = bot::Input::Kind::kPostback;
    in.data = data;
    return send(user, in);
  }
  bot::Reply say(const std::string& user, const std::string& text) {
    bot::Input in;
    in.kind = bot::Input::Kind::kText;
    in.text = text;
    return send(user, in);
  }
  // Taps the button with this label on the reply.
  bot::Reply press(const std::string& user, const bot::Reply& on, const std::string& label) {
    for (const auto& c : on.choices) {
      if (c.label == label)
        return tap(user, c.data);
    }
    FAIL("no button " << label << " at " << on.node);
    return {};
  }
  bot::Engine& engine() { return *engine_; }
  std::int64_t now = 1795000000;  // 2026-11-18

 private:
  std::unique_ptr<knowledge::KnowledgeBase> kb_;
  std::unique_ptr<bot::Engine> engine_;
};

bool has_label(const bot::Reply& r, const std::string& label) {
  return std::any_of(r.choices.begin(), r.choices.end(),
                     [&](const bot::Choice& c) { return c.label == label; });
}

bool dated(const bot::ResultCard& c) {
  return c.date_label.rfind("最終確認 ", 0) == 0 || c.date_label.rfind("未確認", 0) == 0;
}

// Buttons that do not lead to a tree step: navigation, paging and the food-support form
// (tests/bot/food_test.cpp walks that).
bool is_nav(const std::string& data) {
  return data.rfind("nav=", 0) == 0 || data.rfind("more=", 0) == 0 || data.rfind("f=", 0) == 0;
}

int count_rows(const std::string& path) {
  auto db = sql::Database::open(path);
  REQUIRE(db.ok());
  auto st = (*db)->prepare("SELECT COUNT(*) FROM session_state");
  REQUIRE(st.ok());
  REQUIRE(*st->step());
  return st->integer(0);
}

}  // namespace

TEST_CASE("Engine: every path of the tree answers with buttons and dated cards", "[bot]") {
  Chat chat;
  int replies = 0;
  int leaves = 0;
  std::function<void(const std::vector<std::string>&, const bot::Reply&)> walk;
  walk = [&](const std::vector<std::string>& path, const bot::Reply& r) {
    ++replies;
    CAPTURE(r.node, path.size());
    CHECK(!r.texts.empty());
    CHECK(!r.choices.empty());
    CHECK(r.choices.size() <= 13);
    if (r.node != "root") {
      CHECK(has_label(r, "最初から"));
      CHECK(has_label(r, r.crisis ? "ほかの相談先もみる" : "戻る"));
    }
    if (r.crisis)
      CHECK(!r.links.empty());
    const bool leaf = r.node.size() > 8 && r.node.substr(r.node.size() - 8) == ".results";
    if (leaf || r.crisis) {
      ++leaves;
      CHECK(!r.cards.empty());
      for (const auto& c : r.cards) {
        CAPTURE(c.service_id);
        CHECK(dated(c));
        CHECK(!c.title.empty());
      }
    }
    if (path.size() >= 4)
      return;
    for (const auto& c : r.choices) {
      if (is_nav(c.data))
        continue;
      std::vector<std::string> next = path;
      next.push_back(c.data);
      std::string user = "walk";
      for (const auto& d : next)
        user += "|" + d;
      bot::Reply reply;
      for (const auto& d : next)
        reply = chat.tap(user, d);
      walk(next, reply);
    }
  };
  walk({}, chat.tap("walk", "nav=top"));
  CHECK(replies > 500);
  CHECK(leaves > 400);
}

TEST_CASE("Engine: all 17 categories reach a dated answer in three taps or fewer", "[bot]") {
  Chat chat;
  std::map<std::string, std::size_t> taps;
  std::vector<std::pair<std::vector<std::string>, bot::Reply>> level{
      {{}, chat.tap("t", "nav=top")}};
  for (std::size_t depth = 1; depth <= 3; ++depth) {
    std::vector<std::pair<std::vector<std::string>, bot::Reply>> next_level;
    for (const auto& [path, reply] : level) {
      for (const auto& c : reply.choices) {
        if (is_nav(c.data))
          continue;
        auto path2 = path;
        path2.push_back(c.data);
        std::string user = "three";
        for (const auto& d : path2)
          user += "|" + d;
        bot::Reply r;
        for (const auto& d : path2)
          r = chat.tap(user, d);
        // Useful: dated cards, and at least one says how to reach someone.
        const bool useful =
            !r.cards.empty() && std::all_of(r.cards.begin(), r.cards.end(), dated) &&
            std::any_of(r.cards.begin(), r.cards.end(),
                        [](const bot::ResultCard& card) { return !card.contact.empty(); });
        if (useful && r.category && taps.count(*r.category) == 0)
          taps[*r.category] = depth;
        // Only walk on through the nationwide answer (the short way) and menus.
        if (r.cards.empty())
          next_level.emplace_back(path2, r);
      }
    }
    level = std::move(next_level);
  }
  for (const auto& cat : knowledge::top_categories()) {
    CAPTURE(cat);
    REQUIRE(taps.count(cat) == 1);
    CHECK(taps[cat] <= 3);
  }
  CHECK(taps["crisis"] == 1);
  CHECK(taps["food"] == 2);
  CHECK(taps["foreign_residents"] == 3);
}

TEST_CASE("Engine: root, 食べ物, 全国の窓口でいい gives food results", "[bot]") {
  Chat chat;
  auto root = chat.tap("u", "nav=top");
  CHECK(root.node == "root");
  CHECK_FALSE(root.category.has_value());
  CHECK(root.texts.front() == "どんなことで困っていますか？");
  auto area = chat.press("u", root, "食べ物");
  CHECK(area.node == "food.area");
  CHECK(area.category == std::optional<std::string>("food"));
  auto results = chat.press("u", area, "全国の窓口でいい");
  CHECK(results.node == "food.results");
  CHECK(results.category == std::optional<std::string>("food"));
  REQUIRE(!results.cards.empty());
  CHECK(results.cards.size() <= 5);
  CHECK(has_label(results, "戻る"));
  auto back = chat.press("u", results, "戻る");
  CHECK(back.node == "food.area");
  auto top = chat.press("u", back, "最初から");
  CHECK(top.node == "root");
}

TEST_CASE("Engine: grouped categories sit under その他", "[bot]") {
  Chat chat;
  auto other = chat.press("g", chat.tap("g", "nav=top"), "その他");
  CHECK(other.node == "other");
  auto area = chat.press("g", other, "外国から来た方");
  CHECK(area.category == std::optional<std::string>("foreign_residents"));
  auto results = chat.press("g", area, "全国の窓口でいい");
  CHECK(results.node == "foreign_residents.results");
  CHECK(!results.cards.empty());
}

TEST_CASE("Engine: the crisis button answers at once with lines to call", "[bot]") {
  Chat chat;
  auto r = chat.press("c", chat.tap("c", "nav=top"), "いま、つらい・死にたい");
  CHECK(r.crisis);
  CHECK(r.node == "crisis");
  CHECK(r.category == std::optional<std::string>("crisis"));
  REQUIRE(!r.links.empty());
  for (const auto& l : r.links)
    CHECK((l.uri.rfind("tel:", 0) == 0 || l.uri.rfind("http", 0) == 0));
  CHECK(!r.cards.empty());
  // Not in immediate danger: the listening lines first, 110/119 still offered at the end.
  CHECK(r.links.front().uri != "tel:110");
  REQUIRE(r.links.size() >= 3);
  CHECK(r.links[r.links.size() - 2].uri == "tel:110");
  CHECK(r.links.back().uri == "tel:119");
  // Every call button shows its number, not just a name.
  for (const auto& l : r.links) {
    if (l.uri.rfind("tel:", 0) != 0)
      continue;
    CAPTURE(l.label, l.uri);
    const std::string number = l.uri.substr(4);
    CHECK(number.find("%23") == std::string::npos);  // # numbers are never a tap
    std::string label_digits;
    for (char ch : l.label) {
      if (ch >= '0' && ch <= '9')
        label_digits += ch;
    }
    CHECK(label_digits.find(number) != std::string::npos);
  }
  CHECK(r.choices.front().label == "ほかの相談先もみる");
  auto more = chat.press("c", r, "ほかの相談先もみる");
  CHECK_FALSE(more.crisis);
  CHECK(more.node == "crisis.area");
}

TEST_CASE("Engine: crisis words interrupt a path and the person keeps their place", "[bot]") {
  Chat chat;
  auto area = chat.tap("p", "n=food.area");
  auto kanto = chat.press("p", area, "関東");
  CHECK(kanto.node == "food.area.kanto");
  auto crisis = chat.say("p", "もう死にたい");
  CHECK(crisis.crisis);
  CHECK(crisis.node == "crisis");
  CHECK(crisis.category == std::optional<std::string>("crisis"));
  REQUIRE(!crisis.links.empty());
  auto back = chat.press("p", crisis, "ほかの相談先もみる");
  CHECK_FALSE(back.crisis);
  CHECK(back.node == "food.area.kanto");
  auto tokyo = chat.press("p", back, "東京都");
  CHECK(tokyo.node == "food.results");
  CHECK(!tokyo.cards.empty());
}

TEST_CASE("Engine: crisis words inside the text-entry step come first", "[bot]") {
  Chat chat;
  auto words = chat.press("w", chat.press("w", chat.tap("w", "nav=top"), "その他"),
                          "ことばで教えてください");
  CHECK(words.node == "words");
  auto crisis = chat.say("w", "しにたい");
  CHECK(crisis.crisis);
  auto back = chat.tap("w", "nav=resume");
  CHECK(back.node == "words");
  auto routed = chat.say("w", "食べ物がなくて困っています");
  CHECK(routed.category == std::optional<std::string>("food"));
  CHECK_FALSE(routed.crisis);
}

TEST_CASE("Engine: violence in progress puts 110 first", "[bot]") {
  Chat chat;
  auto r = chat.say("v", "いま夫に殴られてる");
  CHECK(r.crisis);
  CHECK(r.category == std::optional<std::string>("violence"));
  REQUIRE(!r.links.empty());
  CHECK(r.links.front().uri == "tel:110");
}

TEST_CASE("Engine: 戻る after a free-text jump returns to the step before", "[bot]") {
  Chat chat;
  auto kanto = chat.tap("j", "n=food.area.kanto");
  CHECK(kanto.node == "food.area.kanto");
  auto jumped = chat.say("j", "お金がなくて家賃が払えない");
  REQUIRE(jumped.category.has_value());
  CHECK(*jumped.category != "food");
  CHECK(jumped.node != "food.area.kanto");
  auto back = chat.say("j", "もどる");
  CHECK(back.node == "food.area.kanto");
  auto top = chat.say("j", "さいしょから");
  CHECK(top.node == "root");
  chat.tap("j", "n=food.area");
  CHECK(chat.say("j", "メニュー").node == "root");
}

TEST_CASE("Engine: a greeting is answered with a greeting and the current step", "[bot]") {
  Chat chat;
  for (const char* hello : {"こんにちは", "こんにちは！", "ｺﾝﾆﾁﾊ", "はじめまして", "Hello"}) {
    CAPTURE(hello);
    const bool english = std::string(hello) == "Hello";
    auto r = chat.say(english ? "g-en" : "g", hello);
    CHECK(r.node == "root");
    REQUIRE(!r.texts.empty());
    CHECK(r.texts.front() == (english ? "Hello. This is Shirube." : "こんにちは。しるべです。"));
    CHECK(r.choices.size() >= 10);  // the menu, not an apology
    CHECK(r.cards.empty());
    for (const auto& t : r.texts)
      CHECK(t.find("わかりませんでした") == std::string::npos);
  }
  // Mid-flow it shows the step the person is on, and keeps their place.
  chat.tap("g", "n=food.area");
  auto again = chat.say("g", "よろしくお願いします");
  CHECK(again.node == "food.area");
  // A greeting with a need in it is not just a greeting.
  auto need = chat.say("h", "こんにちは、ごはんが買えません");
  REQUIRE(need.category.has_value());
  CHECK(*need.category == "food");
  // Crisis words always come first.
  CHECK(chat.say("i", "こんにちは 死にたい").crisis);
}

TEST_CASE("Engine: a prefecture named in the text skips the area question", "[bot]") {
  Chat chat;
  auto r = chat.say("a", "山梨で食べ物に困っています");
  CHECK(r.node == "food.results");
  CHECK(!r.cards.empty());
  auto area = chat.tap("b", "n=food.area");
  auto typed = chat.say("b", "東京都");
  CHECK(typed.node == "food.results");
}

TEST_CASE("Engine: a location answers the area question", "[bot]") {
  Chat chat;
  chat.tap("l", "n=money.area");
  bot::Input loc;
  loc.kind = bot::Input::Kind::kLocation;
  loc.prefecture = 13;
  auto r = chat.send("l", loc);
  CHECK(r.node == "money.results");
  CHECK(!r.cards.empty());
  loc.prefecture = 0;
  auto unknown = chat.send("l", loc);
  CHECK(unknown.node == "money.results");
  CHECK(unknown.texts.front().find("わかりませんでした") != std::string::npos);
}

TEST_CASE("Engine: もっと見る pages through results and 戻る pages back", "[bot]") {
  Chat chat;
  auto first = chat.tap("m", "n=crisis.results&p=0");
  REQUIRE(first.cards.size() == 5);
  REQUIRE(has_label(first, "もっと見る"));
  auto second = chat.press("m", first, "もっと見る");
  REQUIRE(!second.cards.empty());
  CHECK(second.cards.front().service_id != first.cards.front().service_id);
  CHECK(second.texts.front() == "つづきです。");
  auto back = chat.press("m", second, "戻る");
  CHECK(back.cards.front().service_id == first.cards.front().service_id);
}

TEST_CASE("Engine: sessions expire after the time to live", "[bot]") {
  testing::TempDir dir;
  REQUIRE(!dir.path().empty());
  const std::string db = dir.file("s.db");
  Chat chat(db);
  chat.tap("e", "n=food.area");
  chat.tap("e", "n=food.area.kanto");
  chat.now += 24 * 3600 - 10;
  CHECK(chat.say("e", "戻る").node == "food.area");  // still within a day
  chat.now += 24 * 3600 + 1;
  CHECK(chat.say("e", "戻る").node == "root");  // expired: a fresh start
  // Old rows are purged on a later turn.
  chat.tap("old", "n=food.area");
  chat.now += 2 * 24 * 3600;
  chat.tap("new", "n=food.area");
  CHECK(count_rows(db) == 1);
}

TEST_CASE("Engine: sessions survive a restart", "[bot]") {
  testing::TempDir dir;
  REQUIRE(!dir.path().empty());
  const std::string db = dir.file("s.db");
  Chat chat(db, "");  // generated secret, kept in session_meta
  chat.tap("r", "n=food.area");
  chat.tap("r", "n=food.area.kanto");
  chat.restart(db, "");
  CHECK(chat.say("r", "戻る").node == "food.area");
}

TEST_CASE("Engine: データを消して erases the session and leaves no row", "[bot]") {
  testing::TempDir dir;
  REQUIRE(!dir.path().empty());
  const std::string db = dir.file("s.db");
  Chat chat(db);
  chat.tap("x", "n=food.area");
  chat.tap("y", "n=food.area");
  CHECK(count_rows(db) == 2);
  auto r = chat.say("x", "データを消して");
  CHECK(r.texts.front().find("消しました") != std::string::npos);
  CHECK(count_rows(db) == 1);
  CHECK(chat.say("x", "戻る").node == "root");
  REQUIRE(chat.engine().erase("y").ok());
  REQUIRE(chat.engine().erase("y").ok());
  CHECK(count_rows(db) == 1);  // x's 戻る made a new row; y is gone
  chat.tap("z", "nav=erase");
  CHECK(count_rows(db) == 1);
}

TEST_CASE("Engine: the raw user id is never stored", "[bot]") {
  testing::TempDir dir;
  REQUIRE(!dir.path().empty());
  const std::string db = dir.file("s.db");
  Chat chat(db);
  const std::string id = "U4af4980629e1b2a3c4d5e6f7a8b9c0d1";
  chat.tap(id, "n=food.area");
  auto conn = sql::Database::open(db);
  REQUIRE(conn.ok());
  auto st = (*conn)->prepare("SELECT user_key, state FROM session_state");
  REQUIRE(st.ok());
  REQUIRE(*st->step());
  CHECK(st->text(0).size() == 64);
  CHECK(st->text(0).find(id) == std::string::npos);
  CHECK(st->text(1).find(id) == std::string::npos);
}

TEST_CASE("Engine: unknown buttons, stickers and follows keep the person safe", "[bot]") {
  Chat chat;
  chat.tap("k", "n=food.area");
  auto stale = chat.tap("k", "n=no.such.node");
  CHECK(stale.node == "food.area");
  auto junk = chat.tap("k", "%%%");
  CHECK(junk.node == "food.area");
  bot::Input media;
  media.kind = bot::Input::Kind::kMedia;
  media.media = "sticker";
  auto m = chat.send("k", media);
  CHECK(m.node == "food.area");
  CHECK(!m.texts.empty());
  bot::Input follow;
  follow.kind = bot::Input::Kind::kFollow;
  auto f = chat.send("k", follow);
  CHECK(f.node == "root");
  CHECK(f.texts.front().find("友だち追加") != std::string::npos);
  auto invalid = chat.say("k", std::string("\xff\xfe"));
  CHECK(invalid.node == "root");
}

TEST_CASE("Engine: turns of one user from several threads stay consistent", "[bot]") {
  Chat chat;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        bot::Input in;
        in.kind = bot::Input::Kind::kPostback;
        in.data = (i + t) % 2 == 0 ? "n=food.area" : "nav=back";
        if (!chat.engine().handle("same", in).ok())
          ++failures;
        in.data = "n=money.area";
        if (!chat.engine().handle("user" + std::to_string(t), in).ok())
          ++failures;
      }
    });
  }
  for (auto& th : threads)
    th.join();
  CHECK(failures == 0);
  CHECK(chat.say("user0", "戻る").node == "money.area");
}

namespace {

// Passes everything to the bundled knowledge base and counts searches.
class CountingKnowledgeBase : public knowledge::KnowledgeBase {
 public:
  explicit CountingKnowledgeBase(knowledge::KnowledgeBase& inner) : inner_(inner) {}
  Result<knowledge::SearchResult> search(const knowledge::Query& q) override {
    ++searches;
    return inner_.search(q);
  }
  Result<knowledge::Service> get_service(const std::string& id) override {
    return inner_.get_service(id);
  }
  Result<std::vector<knowledge::Prefecture>> prefectures() override { return inner_.prefectures(); }
  Result<std::vector<knowledge::Category>> categories() override { return inner_.categories(); }
  Result<std::vector<knowledge::Service>> urgent_services(bool violence) override {
    ++urgent;
    return inner_.urgent_services(violence);
  }
  bool healthy() override { return inner_.healthy(); }
  int searches = 0;
  int urgent = 0;

 private:
  knowledge::KnowledgeBase& inner_;
};

}  // namespace

TEST_CASE("Engine: tree answers are reused within the cache window", "[bot]") {
  auto kb = knowledge::KnowledgeBase::open_with_bundled_data(":memory:");
  REQUIRE(kb.ok());
  CountingKnowledgeBase counting(**kb);
  std::int64_t now = 1795000000;
  bot::EngineOptions o;
  o.user_key_secret = "k";
  o.clock = [&now] { return now; };
  auto engine = bot::Engine::create(counting, o);
  REQUIRE(engine.ok());
  bot::Input in;
  in.kind = bot::Input::Kind::kPostback;
  in.data = "n=food.results&p=13";
  auto a = (*engine)->handle("a", in);
  auto b = (*engine)->handle("b", in);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(counting.searches == 1);
  CHECK(a->cards.size() == b->cards.size());
  in.data = "n=food.results&p=14";
  REQUIRE((*engine)->handle("c", in).ok());
  CHECK(counting.searches == 2);
  now += 61;
  REQUIRE((*engine)->handle("a", in).ok());
  CHECK(counting.searches == 3);
  in.kind = bot::Input::Kind::kText;
  in.text = "死にたい";
  REQUIRE((*engine)->handle("a", in).ok());
  REQUIRE((*engine)->handle("b", in).ok());
  CHECK(counting.urgent == 3);  // both lists at start (held), then one read after the window

  o.result_cache_seconds = 0;
  auto uncached = bot::Engine::create(counting, o);
  REQUIRE(uncached.ok());
  in.kind = bot::Input::Kind::kPostback;
  in.data = "n=food.results&p=13";
  REQUIRE((*uncached)->handle("a", in).ok());
  REQUIRE((*uncached)->handle("a", in).ok());
  CHECK(counting.searches == 5);
}

TEST_CASE("Engine: a second need in the same message becomes a button", "[bot]") {
  Chat chat;
  auto r = chat.say("two", "お金がなくて家賃が払えない");
  REQUIRE(r.category.has_value());
  CHECK(r.choices.size() <= 13);
  // Whichever need is answered first, the other one is offered as a button.
  const std::string other = *r.category == "housing" ? "お金・生活" : "住まい";
  CHECK(has_label(r, other));
  auto next = chat.press("two", r, other);
  CHECK(next.category != r.category);
  CHECK(chat.say("two", "戻る").node == r.node);
}

TEST_CASE("Engine: a location outside the area step is kept for later", "[bot]") {
  Chat chat;
  bot::Input loc;
  loc.kind = bot::Input::Kind::kLocation;
  loc.prefecture = 19;
  auto r = chat.send("loc", loc);
  CHECK(r.node == "root");
  CHECK(r.texts.front() == "場所を受け取りました（山梨県）。");
}

TEST_CASE("Engine: a failing session store still answers a crisis", "[bot]") {
  testing::TempDir dir;
  REQUIRE(!dir.path().empty());
  const std::string db = dir.file("s.db");
  Chat chat(db);
  chat.tap("f", "n=food.area");
  {
    auto conn = sql::Database::open(db);
    REQUIRE(conn.ok());
    REQUIRE((*conn)->exec("DROP TABLE session_state").ok());
  }
  auto r = chat.say("f", "死にたい");
  CHECK(r.crisis);
  CHECK(!r.links.empty());
  CHECK(chat.tap("f", "n=money.area").node == "money.area");
}

TEST_CASE("Engine: a message that might mean suicide is asked about, with the lines", "[bot]") {
  Chat chat;
  auto ask = chat.say("k", "お金がなくて死ぬほどつらい");
  CHECK(ask.risk == shirube::intents::RiskLevel::kCheck);
  CHECK_FALSE(ask.crisis);
  REQUIRE(!ask.texts.empty());
  CHECK(ask.texts.front() == "もしかして、死にたいほどつらい気持ちがありますか？");
  CHECK(!ask.links.empty());  // the lines are in the same reply
  CHECK(has_label(ask, "うん"));
  CHECK(has_label(ask, "ちがう"));

  SECTION("うん goes to the crisis answer, and ほかの相談先もみる to the topic") {
    auto yes = chat.press("k", ask, "うん");
    CHECK(yes.crisis);
    CHECK(yes.risk == shirube::intents::RiskLevel::kCrisis);
    CHECK(yes.node == "crisis");
    auto more = chat.press("k", yes, "ほかの相談先もみる");
    CHECK(more.category == std::optional<std::string>("money"));
  }
  SECTION("ちがう continues with the topic of the message") {
    auto no = chat.press("k", ask, "ちがう");
    CHECK_FALSE(no.crisis);
    CHECK(no.risk == shirube::intents::RiskLevel::kNone);
    CHECK(no.category == std::optional<std::string>("money"));
    REQUIRE(!no.texts.empty());
    CHECK(no.texts.front() == "教えてくれてありがとう。相談のつづきをしましょう。");
  }
  SECTION("the answer can be typed") {
    auto yes = chat.say("k", "うん");
    CHECK(yes.crisis);
  }
  SECTION("a typed answer only counts right after the question") {
    auto no = chat.say("k", "ちがう");
    CHECK(no.category == std::optional<std::string>("money"));
    auto again = chat.say("k", "ちがう");  // no question pending: an ordinary message
    CHECK(again.risk == shirube::intents::RiskLevel::kNone);
    CHECK(again.texts.front() != "教えてくれてありがとう。相談のつづきをしましょう。");
  }
}

TEST_CASE("Engine: a message that might mean danger from someone asks about that", "[bot]") {
  Chat chat;
  // No rule knows this wording; the risk model finds danger from another person.
  auto ask = chat.say("v", "帰り道にずっと同じ男の人がついてくる");
  CHECK(ask.risk == shirube::intents::RiskLevel::kCheck);
  REQUIRE(!ask.texts.empty());
  CHECK(ask.texts.front() == "もしかして、だれかに ひどいことをされて、いま あぶない状況ですか？");
  CHECK(!ask.links.empty());
  SECTION("うん goes to the crisis answer for violence") {
    auto yes = chat.press("v", ask, "うん");
    CHECK(yes.crisis);
    CHECK(yes.node == "crisis.violence");
  }
  SECTION("ちがう continues, and the next question is the usual one") {
    auto no = chat.press("v", ask, "ちがう");
    CHECK_FALSE(no.crisis);
    auto next = chat.say("v", "全部リセットしたい。人生ごと");
    CHECK(next.risk == shirube::intents::RiskLevel::kCheck);
    REQUIRE(!next.texts.empty());
    CHECK(next.texts.front() == "もしかして、死にたいほどつらい気持ちがありますか？");
    auto yes = chat.press("v", next, "うん");
    CHECK(yes.node == "crisis");
  }
}

TEST_CASE("Engine: hyperbole of an everyday state is neither a crisis nor a question", "[bot]") {
  Chat chat;
  for (const char* text :
       {"眠すぎて死にそう", "死ぬほど笑った", "明日のテスト、死ぬ気でがんばる"}) {
    CAPTURE(text);
    auto r = chat.say("h", text);
    CHECK(r.risk == shirube::intents::RiskLevel::kNone);
    CHECK_FALSE(r.crisis);
  }
}

TEST_CASE("Engine: a second crisis message gets other, warm words", "[bot]") {
  Chat chat;
  auto first = chat.say("s", "死にたい");
  REQUIRE(first.crisis);
  auto second = chat.say("s", "やっぱり死にたい");
  CHECK(second.crisis);
  CHECK(!second.links.empty());
  CHECK(second.texts != first.texts);
  REQUIRE(!second.texts.empty());
  CHECK(second.texts.back().find("もう一度ことばにしてくれてありがとう") != std::string::npos);
}

TEST_CASE("Engine: after the crisis answer, fear of calling gets the lines reached by writing",
          "[bot]") {
  Chat chat;
  auto crisis = chat.say("f", "死にたい");
  REQUIRE(crisis.crisis);
  auto written = chat.say("f", "電話はこわい");
  CHECK(written.crisis);
  REQUIRE(!written.texts.empty());
  CHECK(written.texts.front() == "電話でなくても大丈夫です。文字で話せる窓口があります。");
  REQUIRE(!written.links.empty());
  for (const auto& l : written.links) {
    CAPTURE(l.label);
    CHECK(l.uri.rfind("https://", 0) == 0);  // chat and SNS lines, no number to call
  }
  CHECK(has_label(written, "ほかの相談先もみる"));
}

TEST_CASE("Engine: ありがとう gets a kind closing, with the lines still there after a crisis",
          "[bot]") {
  Chat chat;
  auto crisis = chat.say("t", "死にたい");
  REQUIRE(crisis.crisis);
  auto thanks = chat.say("t", "ありがとう");
  REQUIRE(!thanks.texts.empty());
  CHECK(thanks.texts.front() ==
        "こちらこそ、話してくれてありがとう。また、いつでも来てくださいね。");
  CHECK(!thanks.links.empty());
  auto menu_thanks = chat.say("u", "ありがとうございました");
  REQUIRE(!menu_thanks.texts.empty());
  CHECK(menu_thanks.texts.front() ==
        "こちらこそ、話してくれてありがとう。また、いつでも来てくださいね。");
  CHECK(!menu_thanks.choices.empty());  // never a dead end
}

TEST_CASE("Engine: the language of the messages is kept for the person", "[bot]") {
  Chat chat;
  auto first = chat.say("l", "I lost my job and can't pay rent");
  CHECK(first.lang == "en");
  CHECK(first.detected == "en");
  auto tap = chat.press("l", first, first.choices.front().label);
  CHECK(tap.lang == "en");  // a tap keeps the language
  auto crisis = chat.say("l", "I want to die");
  CHECK(crisis.crisis);
  CHECK(crisis.lang == "en");
  // Replies stay in English until the person switches; the detected language follows them.
  auto ja = chat.say("l", "お金がない");
  CHECK(ja.detected == "ja");
  CHECK(ja.lang == "en");
  CHECK(chat.say("l", "日本語").lang == "ja");
}

TEST_CASE("Engine: the first screen offers やさしい日本語 and English, and a tap switches",
          "[bot]") {
  Chat chat;
  auto top = chat.tap("v", "nav=top");
  REQUIRE(top.languages.size() == 2);
  CHECK(top.languages[0].label == "やさしい日本語");
  CHECK(top.languages[0].data == "lang=easy");
  CHECK(top.languages[1].label == "English");
  CHECK(top.languages[1].data == "lang=en");
  CHECK(top.lang == "ja");
  auto easy = chat.tap("v", "lang=easy");
  CHECK(easy.lang == "easy");
  CHECK(easy.node == "root");
  REQUIRE(easy.texts.size() == 2);
  CHECK(easy.texts[0] == "やさしい 日本語で 話します。");
  CHECK(easy.texts[1] == "どんな ことで こまって いますか？");
  CHECK(has_label(easy, "ほかの こと"));
  REQUIRE(easy.languages.size() == 2);
  CHECK(easy.languages[0].data == "lang=ja");
  // A step further on shows no switch; the words stay やさしい.
  auto area = chat.tap("v", "n=food.area");
  CHECK(area.languages.empty());
  CHECK(area.texts.front() == "どこに 住んで いますか？近くの 窓口を さがします。");
  CHECK(has_label(area, "もどる"));
  CHECK(chat.tap("v", "lang=xx").texts.front() == "ごめんなさい。その ボタンは もう 使えません。");
}

TEST_CASE("Engine: switching the reply language mid-conversation keeps the place", "[bot]") {
  Chat chat;
  chat.tap("m", "n=food.area");
  auto results = chat.tap("m", "n=food.results&p=13");
  REQUIRE(results.node == "food.results");
  auto en = chat.say("m", "English");
  CHECK(en.lang == "en");
  CHECK(en.node == "food.results");
  CHECK(en.texts.front() == "I will answer in English.");
  CHECK(std::find(en.texts.begin(), en.texts.end(), "Places that help with food.") !=
        en.texts.end());
  CHECK(has_label(en, "Back"));
  CHECK(!en.cards.empty());
  // 戻る still goes back to where the person came from, in English.
  auto back = chat.press("m", en, "Back");
  CHECK(back.node == "food.area");
  CHECK(has_label(back, "Nationwide is fine"));
  auto easy = chat.say("m", "やさしい日本語");
  CHECK(easy.node == "food.area");
  CHECK(easy.lang == "easy");
  auto ja = chat.say("m", "日本語");
  CHECK(ja.node == "food.area");
  CHECK(ja.lang == "ja");
  CHECK(ja.texts.back() == "どちらにお住まいですか？近くの窓口をさがします。");
  // 最初から keeps the language the person chose.
  chat.say("m", "English");
  CHECK(chat.tap("m", "nav=top").texts.front() == "What is troubling you?");
}

TEST_CASE(
    "Engine: a message in another language is answered in English until the person "
    "chooses",
    "[bot]") {
  Chat chat;
  auto first = chat.say("f", "Estou sem comida e sem dinheiro");  // Portuguese
  CHECK(first.detected == "pt");
  CHECK(first.lang == "en");
  // The way back to Japanese is one tap, on the reply that turned to English only.
  REQUIRE(first.languages.size() == 2);
  CHECK(first.languages[0].data == "lang=ja");
  CHECK(first.languages[1].data == "lang=easy");
  CHECK(chat.say("f", "I need food").languages.empty());
  for (const auto& t : first.texts)
    CHECK(t.find("どちら") == std::string::npos);
  // Chosen, detection no longer changes it.
  CHECK(chat.say("f", "日本語").lang == "ja");
  CHECK(chat.say("f", "I need food").lang == "ja");
}

TEST_CASE("Engine: the crisis answer in English puts lines that answer in English first", "[bot]") {
  Chat chat;
  auto r = chat.say("c", "I want to die");
  CHECK(r.crisis);
  CHECK(r.lang == "en");
  REQUIRE(!r.links.empty());
  CHECK(r.links.front().label == "0120-279-338 Yorisoi Hotline");
  CHECK(r.texts.front().find("Thank you for telling me.") == 0);
  auto easy = chat.say("c2", "やさしい日本語");
  CHECK(easy.lang == "easy");
  auto crisis = chat.say("c2", "死にたい");
  CHECK(crisis.crisis);
  CHECK(crisis.texts.front().find("話して くれて ありがとう。") == 0);
  REQUIRE(!crisis.links.empty());
  CHECK(crisis.links.front().label == "0120-279-338 よりそいホットライン");
}

TEST_CASE("Engine: an area written in English answers the area question", "[bot]") {
  Chat chat;
  chat.say("a", "English");
  chat.tap("a", "n=food.area");
  auto tokyo = chat.say("a", "Tokyo");
  CHECK(tokyo.node == "food.results");
  chat.tap("a", "n=money.area");
  CHECK(chat.say("a", "nationwide").node == "money.results");
}

TEST_CASE("Engine: kanji alone that may be Japanese does not turn the replies to English",
          "[bot]") {
  Chat chat;
  chat.tap("k", "n=food.area");
  auto town = chat.say("k", "甲府市");
  CHECK(town.lang == "ja");
  CHECK(chat.say("k2", "東京").lang == "ja");
  CHECK(chat.say("k3", "我没有钱，也没有饭吃。").lang == "en");  // a Chinese sentence
}

TEST_CASE("Engine: the food application speaks the session's variant", "[bot]") {
  Chat chat;
  chat.say("fe", "English");
  chat.tap("fe", "n=food.area");
  auto results = chat.tap("fe", "n=food.results&p=19");
  REQUIRE(has_label(results, "Apply for food aid"));
  auto start = chat.press("fe", results, "Apply for food aid");
  REQUIRE(!start.texts.empty());
  for (const auto& t : start.texts) {
    CAPTURE(t);
    CHECK(t.find("申込") == std::string::npos);
  }
  CHECK(has_label(start, "Back"));  // in the bundled data no partner yet: food help instead
}

TEST_CASE("Engine: crisis words the detector finds no risk in are answered as mental health",
          "[bot]") {
  Chat chat;
  // A scene in a drama that stayed with someone: talked about, no danger — the mental-health
  // answer, not the crisis answer.
  auto scene = chat.say("s", "ドラマで自殺の場面があって、見ててちょっとしんどくなった");
  CHECK_FALSE(scene.crisis);
  CHECK(scene.risk == intents::RiskLevel::kNone);
  CHECK(scene.category == std::optional<std::string>("mental_health"));
  CHECK(scene.node != "crisis");
  // The same words as one's own wish: the crisis answer.
  auto wish = chat.say("t", "自殺したい");
  CHECK(wish.crisis);
  CHECK(wish.node == "crisis");
}
