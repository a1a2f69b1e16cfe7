// The LINE worker mode through the engine (bot/worker_mode.h): linking, the menu, the search
// answered as referral text, crisis first, leaving, a revoked link; and a worker who writes in
// the help chat (bot/worker_message.h).
#include "bot/worker_mode.h"

#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "bot/engine.h"
#include "bot/worker_links.h"
#include "knowledge/knowledge_base.h"

using namespace shirube;  // NOLINT(google-build-using-namespace)

namespace {

constexpr const char* kWorker = "line:U0000000000000000000000000000000a";
constexpr std::int64_t kNow = 1800000000;

class WorkerChat {
 public:
  WorkerChat() {
    auto kb = knowledge::KnowledgeBase::open_with_bundled_data(":memory:");
    REQUIRE(kb.ok());
    kb_ = std::move(kb).value();
    auto links = bot::WorkerLinks::open(":memory:", std::string(32, 's'));
    REQUIRE(links.ok());
    links_ = std::shared_ptr<bot::WorkerLinks>(std::move(links).value());
    bot::EngineOptions o;
    o.user_key_secret = "test";
    o.clock = [] { return kNow; };
    o.worker_console_url = "https://example.org/worker";
    bot::EngineParts parts;
    parts.worker_links = links_;
    auto e = bot::Engine::create(*kb_, o, parts);
    REQUIRE(e.ok());
    engine_ = std::move(e).value();
  }
  bot::Reply say(const std::string& text, const std::string& user = kWorker) {
    bot::Input in;
    in.text = text;
    auto r = engine_->handle(user, in);
    if (!r.ok())
      FAIL(r.error().to_string());
    return std::move(r).value();
  }
  bot::Reply tap(const std::string& data, const std::string& user = kWorker) {
    bot::Input in;
    in.kind = bot::Input::Kind::kPostback;
    in.data = data;
    auto r = engine_->handle(user, in);
    if (!r.ok())
      FAIL(r.error().to_string());
    return std::move(r).value();
  }
  std::string code() {
    auto c = links_->new_code("org-a", kNow);
    REQUIRE(c.ok());
    return c->code;
  }
  static std::string all(const bot::Reply& r) {
    std::string s;
    for (const auto& t : r.texts)
      s += t + "\n";
    for (const auto& n : r.notes)
      s += n + "\n";
    for (const auto& c : r.choices)
      s += "[" + c.label + "|" + c.data + "]";
    return s;
  }
  std::shared_ptr<bot::WorkerLinks> links_;

 private:
  std::unique_ptr<knowledge::KnowledgeBase> kb_;
  std::unique_ptr<bot::Engine> engine_;
};

bool has(const bot::Reply& r, const std::string& part) {
  return WorkerChat::all(r).find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("WorkerMode: a code links a LINE user and opens the menu of needs", "[bot][worker]") {
  WorkerChat chat;
  const bot::Reply menu = chat.say("支援者登録　" + chat.code());
  CHECK(has(menu, "支援者モードになりました"));
  CHECK(has(menu, "w=need&v=food"));
  CHECK(has(menu, "w=needs"));  // the other needs on a second page
  CHECK(menu.choices.size() <= 13);
  const bot::Reply more = chat.tap("w=needs");
  CHECK(has(more, "w=need&v=legal_consumer"));
  CHECK(chat.links_->list().value().size() == 1);
}

TEST_CASE("WorkerMode: need and area are answered as referral text, four services a reply",
          "[bot][worker]") {
  WorkerChat chat;
  chat.say("支援者登録 " + chat.code());
  const bot::Reply area = chat.tap("w=need&v=food");
  CHECK(has(area, "ご本人がお住まいの都道府県"));
  const bot::Reply found = chat.say("山梨県");
  REQUIRE(found.texts.size() >= 2);
  CHECK(found.texts.size() <= 1 + bot::WorkerMode::kServicesPerReply);
  INFO(found.texts[0]);
  CHECK(found.texts[0].find("・山梨県 1-") != std::string::npos);
  for (std::size_t i = 1; i < found.texts.size(); ++i) {
    CHECK(found.texts[i].find("・連絡方法：") != std::string::npos);
    CHECK(found.texts[i].find("・受付時間：") != std::string::npos);
    CHECK(found.texts[i].find("・最終確認：") != std::string::npos);
    CHECK(found.texts[i].find("・出典：") != std::string::npos);
    CHECK(found.texts[i].size() < 5000);
  }
  CHECK(found.cards.empty());
  if (has(found, "w=next")) {
    const bot::Reply next = chat.tap("w=next");
    CHECK(next.texts[0].find("・山梨県 5-") != std::string::npos);
  }
  CHECK(has(found, "w=change_area"));
  CHECK(has(found, "w=change_need"));
  CHECK(has(found, "w=exit"));
  // Both in one message, with a municipality: that town's windows are not left out.
  const bot::Reply town = chat.say("住まい 山梨県 甲府市");
  CHECK(town.texts[0].find("山梨県甲府市") != std::string::npos);
}

TEST_CASE("WorkerMode: crisis words get the crisis answer first, in worker mode too",
          "[bot][worker]") {
  WorkerChat chat;
  chat.say("支援者登録 " + chat.code());
  const bot::Reply crisis = chat.say("死にたい");
  CHECK(crisis.crisis);
  CHECK(!crisis.links.empty());
  // The way back leads to the worker menu.
  CHECK(has(chat.tap("nav=resume"), "w=need&v=food"));
}

TEST_CASE("WorkerMode: a wrong, used or expired code is answered kindly and links nothing",
          "[bot][worker]") {
  WorkerChat chat;
  CHECK(has(chat.say("支援者登録 ZZZZZ-ZZZZZ"), "そのコードは見つかりませんでした"));
  CHECK(has(chat.say("支援者登録"), "そのコードは見つかりませんでした"));
  CHECK(has(chat.say("支援者メニュー"), "支援者として登録されていません"));
  const std::string code = chat.code();
  chat.say("支援者登録 " + code, "line:Uother");
  CHECK(has(chat.say("支援者登録 " + code), "このコードはもう使われています"));
  // Not over LINE: the web chat cannot link.
  CHECK(has(chat.say("支援者登録 " + chat.code(), "web:someone"), "LINEでできます"));
}

TEST_CASE("WorkerMode: leaving the mode returns to the help-seeker's flow, a revoked link ends it",
          "[bot][worker]") {
  WorkerChat chat;
  chat.say("支援者登録 " + chat.code());
  CHECK(has(chat.say("支援者モード終了"), "支援者モードを終わりました"));
  CHECK(!has(chat.say("食べ物"), "w=need"));
  CHECK(has(chat.say("支援者メニュー"), "w=need&v=food"));
  REQUIRE(chat.links_->revoke(1, kNow).ok());
  CHECK(has(chat.say("食べ物"), "支援者として登録されていません"));
  CHECK(!has(chat.say("食べ物"), "w=need"));
}

TEST_CASE("WorkerMode: a worker in the help chat is answered about the person they support",
          "[bot][worker]") {
  WorkerChat chat;
  const std::string user = "web:caseworker";
  const bot::Reply first = chat.say("相談員です。支援している方が食べるものに困っています", user);
  CHECK(has(first, "https://example.org/worker"));
  CHECK(has(first, "支援者登録"));
  CHECK(has(first, "ご本人はどちらにお住まいですか"));
  const bot::Reply found = chat.say("山梨県", user);
  CHECK(has(found, "ご本人が相談できる窓口です"));
  // How to find the local window speaks of the person's town, not the writer's.
  CHECK(has(found, "ご本人がお住まいの市区町村"));
  CHECK_FALSE(has(found, "近くの相談窓口は、お住まいの"));
  // The area is kept across topics.
  const bot::Reply housing = chat.say("住むところもない", user);
  CHECK(!has(housing, "お住まいですか"));
  CHECK(has(housing, "ご本人が相談できる窓口です"));
}

TEST_CASE(
    "WorkerMode: a worker's message about the person's crisis gets the lines worded for a worker",
    "[bot][worker]") {
  WorkerChat chat;
  const bot::Reply r = chat.say("利用者さんが死にたいと言っている", "web:sw");
  CHECK(r.crisis);
  CHECK(!r.links.empty());
  CHECK(has(r, "ひとりにしないで"));
  // A client found after an act: call now first, and 119 is the first line to tap.
  const bot::Reply found =
      chat.say("利用者さんが居室で首にタオル巻いて倒れてた。息はある。どうしたら", "web:sw2");
  CHECK(found.crisis);
  REQUIRE(found.texts.size() >= 2);
  CHECK(found.texts.front().find("すぐに電話") != std::string::npos);
  REQUIRE_FALSE(found.links.empty());
  CHECK(found.links.front().uri == "tel:119");
  // A help-seeker who mentions a role word is answered as themselves.
  const bot::Reply seeker = chat.say("母が民生委員に相談しろって。食べ物がない", "web:seeker");
  CHECK(!has(seeker, "支援者登録"));
}

TEST_CASE("WorkerMode: every code links, whatever letters it happens to have", "[bot][worker]") {
  WorkerChat chat;
  for (int i = 0; i < 40; ++i) {
    const std::string code = chat.code();
    INFO(code);
    CHECK(has(chat.say("支援者登録 " + code, "line:U" + std::to_string(i)),
              "支援者モードになりました"));
  }
  // A crisis word after 支援者登録 is still read first.
  CHECK(chat.say("支援者登録 死にたい", "line:Ucrisis").crisis);
}
