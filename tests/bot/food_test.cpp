// The food-support application through the engine: whole dialogues (bot/food_form.h), the
// store (bot/food_store.h) and the worries scrubber (bot/food_worries.h).
#include <algorithm>
#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "bot/engine.h"
#include "bot/food_store.h"
#include "bot/food_worries.h"
#include "intents/intent_matcher.h"
#include "knowledge/knowledge_base.h"

using namespace shirube;  // NOLINT(google-build-using-namespace)

namespace {

constexpr const char* kUser = "web:food-applicant";

// The engine over the bundled data with one food store the test can see.
class FoodChat {
 public:
  FoodChat() {
    auto kb = knowledge::KnowledgeBase::open_with_bundled_data(":memory:");
    REQUIRE(kb.ok());
    kb_ = std::move(kb).value();
    auto food = bot::FoodStore::open(":memory:");
    REQUIRE(food.ok());
    food_ = std::shared_ptr<bot::FoodStore>(std::move(food).value());
    bot::EngineOptions o;
    o.user_key_secret = "test";
    o.clock = [this] { return now; };
    bot::EngineParts parts;
    parts.food = food_;
    auto e = bot::Engine::create(*kb_, o, parts);
    REQUIRE(e.ok());
    engine_ = std::move(e).value();
  }
  void add_partner(const std::string& org, int pref, std::vector<std::string> munis = {}) {
    bot::FoodPartner p;
    p.org_id = org;
    p.org_name = "フードバンクテスト" + org;
    p.prefectures = {pref};
    p.municipalities = std::move(munis);
    REQUIRE(food_->add_partner(p).ok());
  }
  bot::Reply say(const std::string& text, const std::string& user = kUser) {
    bot::Input in;
    in.text = text;
    auto r = engine_->handle(user, in);
    if (!r.ok())
      FAIL(r.error().to_string());
    return std::move(r).value();
  }
  bot::Reply tap(const std::string& data, const std::string& user = kUser) {
    bot::Input in;
    in.kind = bot::Input::Kind::kPostback;
    in.data = data;
    auto r = engine_->handle(user, in);
    if (!r.ok())
      FAIL(r.error().to_string());
    return std::move(r).value();
  }
  bot::Reply press(const bot::Reply& on, const std::string& label,
                   const std::string& user = kUser) {
    for (const auto& c : on.choices) {
      if (c.label == label)
        return tap(c.data, user);
    }
    FAIL("no button " << label << " among " << labels(on));
    return {};
  }
  static std::string labels(const bot::Reply& r) {
    std::string s;
    for (const auto& c : r.choices)
      s += c.label + " / ";
    return s;
  }
  static std::string texts(const bot::Reply& r) {
    std::string s;
    for (const auto& t : r.texts)
      s += t + "\n";
    return s;
  }
  // From the free-text entry to the summary, in 山梨県 (19).
  bot::Reply to_summary(const std::string& user = kUser) {
    auto r = say("食料支援を申し込みたい", user);
    r = say("山梨県", user);
    r = press(r, "同意する", user);
    r = press(r, "なしで進む", user);
    r = press(r, "20〜22歳", user);
    r = say("甲府市", user);
    r = press(r, "里親", user);
    r = press(r, "1人", user);
    r = say("えびアレルギー", user);
    r = press(r, "電話", user);
    r = say("090-1234-5678", user);
    r = press(r, "送ってほしい", user);
    return press(r, "とくにない", user);
  }
  bot::FoodStore& food() { return *food_; }
  bot::Engine& engine() { return *engine_; }
  std::int64_t now = 1796000000;

 private:
  std::unique_ptr<knowledge::KnowledgeBase> kb_;
  std::shared_ptr<bot::FoodStore> food_;
  std::unique_ptr<bot::Engine> engine_;
};

bool has(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

std::string ref_in(const bot::Reply& r) {
  const std::string t = FoodChat::texts(r);
  const std::string marker = "受付番号は ";
  const auto at = t.find(marker);
  REQUIRE(at != std::string::npos);
  return t.substr(at + marker.size(), 8);
}

}  // namespace

TEST_CASE("Food: the happy path from free text to a reference, with food help for today",
          "[bot][food]") {
  FoodChat chat;
  chat.add_partner("org-a", 19);
  auto r = chat.say("フードバンクに申し込みたい");
  CHECK(has(FoodChat::texts(r), "都道府県"));
  r = chat.say("山梨県");
  CHECK(has(FoodChat::texts(r), "フードバンクテストorg-a が受け取ります"));
  CHECK(FoodChat::labels(r) == "同意する / 戻る / やめる / ");
  r = chat.to_summary();
  const std::string summary = FoodChat::texts(r);
  CHECK(has(summary, "連絡先：09012345678"));
  CHECK(has(summary, "お住まい：山梨県甲府市"));
  CHECK(has(summary, "アレルギーなど：えびアレルギー"));
  r = chat.press(r, "送信する");
  const std::string ref = ref_in(r);
  CHECK(ref.size() == 8);
  CHECK(bot::canonical_ref(ref) == ref);
  CHECK(has(FoodChat::texts(r), "フードバンクテストorg-a から"));
  CHECK(!r.cards.empty());  // food services of the area for today
  auto mine = chat.food().requests_of(std::string(64, 'x'));
  REQUIRE(mine.ok());
  CHECK(mine->empty());
  auto page = chat.food().list("org-a", std::nullopt, 0, 20, "test", chat.now);
  REQUIRE(page.ok());
  REQUIRE(page->total == 1);
  const auto& req = page->items.front();
  CHECK(req.ref == ref);
  CHECK(req.answers.contact_method == "phone");
  CHECK(req.answers.contact_value == "09012345678");
  CHECK(req.answers.municipality == "甲府市");
  CHECK(req.answers.household == 1);
  CHECK(req.consent_at == chat.now);
  // The draft is gone: contact data does not stay anywhere but the request.
  CHECK(chat.food().purge_drafts(chat.now + 1).value() == 0);
  // Status
  r = chat.say("申込の状況");
  CHECK(has(FoodChat::texts(r), "受付番号 " + ref + "：受付"));
  REQUIRE(chat.food()
              .update("org-a", ref, bot::FoodStatus::kContacted, std::nullopt, "w", chat.now)
              .ok());
  r = chat.say("申込の状況");
  CHECK(has(FoodChat::texts(r), "：連絡済み"));
}

TEST_CASE("Food: the entry button on the food and care_leaver answers", "[bot][food]") {
  FoodChat chat;
  chat.add_partner("org-a", 19);
  auto r = chat.tap("n=care_leaver.results&p=19");
  REQUIRE(r.node == "care_leaver.results");
  r = chat.press(r, "食料支援を申し込む");
  // The prefecture is known: straight to the explanation and consent.
  CHECK(has(FoodChat::texts(r), "同意しますか"));
  r = chat.tap("n=food.results&p=19");
  CHECK(FoodChat::labels(r).rfind("食料支援を申し込む", 0) == 0);
}

TEST_CASE("Food: 戻る changes an answer, invalid answers are asked again kindly", "[bot][food]") {
  FoodChat chat;
  chat.add_partner("org-a", 19);
  auto r = chat.say("食料支援を申し込みたい");
  r = chat.say("どこでもない");
  CHECK(has(FoodChat::texts(r), "都道府県がわかりませんでした"));
  r = chat.say("山梨");
  r = chat.press(r, "同意する");
  r = chat.say("ゆう");
  r = chat.say("20代です");  // age: buttons only
  CHECK(has(FoodChat::texts(r), "ボタンからえらんでください"));
  r = chat.press(r, "18〜19歳");
  r = chat.say("ここ");
  CHECK(has(FoodChat::texts(r), "市区町村の名前がわかりませんでした"));
  r = chat.say("戻る");  // back to the age question
  CHECK(has(FoodChat::texts(r), "年代"));
  r = chat.press(r, "23〜25歳");
  r = chat.say("山梨県北杜市");
  r = chat.press(r, "児童養護施設");
  r = chat.say("3");
  r = chat.press(r, "とくにない");
  r = chat.press(r, "メール");
  r = chat.say("not-an-address");
  CHECK(has(FoodChat::texts(r), "メールアドレスの形"));
  r = chat.press(r, "戻る");
  r = chat.press(r, "電話");
  r = chat.say("12345");
  CHECK(has(FoodChat::texts(r), "電話番号の形"));
  r = chat.say("０９０ー１２３４ー５６７８");  // full width
  r = chat.press(r, "取りに行ける");
  // A message that might mean suicide, at any step: the check question first, then the form.
  r = chat.say("消えても誰も気づかないかな");
  CHECK(r.risk == intents::RiskLevel::kCheck);
  r = chat.say("ちがう");
  CHECK(has(FoodChat::texts(r), "ほかに困っていることはありますか"));
  r = chat.say("家賃のことも相談したいです。山田さんの紹介です。090-1111-2222 mail@example.com");
  const std::string summary = FoodChat::texts(r);
  CHECK(has(summary, "年代：23〜25歳"));
  CHECK(has(summary, "お住まい：山梨県北杜市"));
  CHECK(has(summary, "人数：3人"));
  CHECK(has(summary, "連絡方法：電話"));
  CHECK(has(summary, "連絡先：09012345678"));
  CHECK(!has(summary, "090-1111-2222"));
  CHECK(!has(summary, "mail@example.com"));
  CHECK(has(summary, "［電話番号］"));
  CHECK(!has(summary, "山田"));
}

TEST_CASE("Food: やめる at any step erases the draft and sends nothing", "[bot][food]") {
  FoodChat chat;
  chat.add_partner("org-a", 19);
  auto r = chat.to_summary();
  r = chat.press(r, "やめる");
  CHECK(has(FoodChat::texts(r), "申込をやめました"));
  CHECK(chat.food().list("org-a", std::nullopt, 0, 20, "t", chat.now)->total == 0);
  CHECK(chat.food().draft(std::string()).value() == std::nullopt);
  // Typed, in the middle.
  r = chat.say("食料支援を申し込みたい");
  r = chat.say("山梨県");
  r = chat.press(r, "同意する");
  r = chat.say("やめる");
  CHECK(has(FoodChat::texts(r), "申込をやめました"));
  // The next text is ordinary again (not taken as a nickname).
  r = chat.say("お腹すいた");
  CHECK(r.category == std::optional<std::string>("food"));
  CHECK(!has(FoodChat::texts(r), "ニックネーム"));
}

TEST_CASE("Food: a crisis in the middle gets the crisis answer first, then the form resumes",
          "[bot][food]") {
  FoodChat chat;
  chat.add_partner("org-a", 19);
  auto r = chat.say("食料支援を申し込みたい");
  r = chat.say("山梨県");
  r = chat.press(r, "同意する");
  r = chat.press(r, "なしで進む");
  r = chat.say("死にたい");
  CHECK(r.crisis);
  CHECK(!r.links.empty());
  r = chat.press(r, "申込をつづける");
  CHECK(has(FoodChat::texts(r), "年代"));
  r = chat.press(r, "20〜22歳");
  CHECK(has(FoodChat::texts(r), "市区町村"));
  // Again, and this time a button of the question is tapped right after the crisis answer.
  r = chat.say("もう死にたい");
  CHECK(r.crisis);
  r = chat.tap("f=back");
  CHECK(has(FoodChat::texts(r), "年代"));
  r = chat.press(r, "23〜25歳");
  r = chat.say("甲府市");
  CHECK(has(FoodChat::texts(r), "どこから自立しましたか"));
  // 「申込をやめたい」 in the middle stops this application.
  r = chat.say("申込をやめたい");
  CHECK(has(FoodChat::texts(r), "申込をやめました"));
}

TEST_CASE("Food: the risk model asks only about the worries, the rules at every step",
          "[bot][food]") {
  FoodChat chat;
  chat.add_partner("org-a", 19);
  auto r = chat.say("食料支援を申し込みたい");
  r = chat.say("山梨県");
  r = chat.press(r, "同意する");
  r = chat.press(r, "なしで進む");
  // A written answer to the age question: the form takes it, no check question.
  r = chat.say("全部リセットしたい。人生ごと");
  CHECK(r.risk == intents::RiskLevel::kNone);
  CHECK_FALSE(has(FoodChat::texts(r), "死にたいほどつらい"));
  // The rules still come first at a form step.
  r = chat.say("消えたい");
  CHECK(r.crisis);
  r = chat.press(r, "申込をつづける");
  CHECK(has(FoodChat::texts(r), "年代"));
  // At 「ほかに困っていることはありますか」 the model's question is asked too.
  r = chat.press(r, "20〜22歳");
  r = chat.say("甲府市");
  r = chat.press(r, "里親");
  r = chat.press(r, "1人");
  r = chat.say("えびアレルギー");
  r = chat.press(r, "電話");
  r = chat.say("090-1234-5678");
  r = chat.press(r, "送ってほしい");
  r = chat.say("全部リセットしたい。人生ごと");
  CHECK(r.risk == intents::RiskLevel::kCheck);
  CHECK(has(FoodChat::texts(r), "死にたいほどつらい"));
}

TEST_CASE("Food: a double tap of 送信する creates one request", "[bot][food]") {
  FoodChat chat;
  chat.add_partner("org-a", 19);
  auto summary = chat.to_summary();
  std::string send;
  for (const auto& c : summary.choices) {
    if (c.label == "送信する")
      send = c.data;
  }
  REQUIRE(!send.empty());
  auto first = chat.tap(send);
  auto second = chat.tap(send);
  CHECK(has(FoodChat::texts(second), "もう受け付けています"));
  CHECK(ref_in(second) == ref_in(first));
  CHECK(chat.food().list("org-a", std::nullopt, 0, 20, "t", chat.now)->total == 1);
}

TEST_CASE("Food: no partner in the area is said plainly, with food help, and nothing is sent",
          "[bot][food]") {
  FoodChat chat;
  auto r = chat.say("食料支援を申し込みたい");
  r = chat.say("北海道");
  CHECK(has(FoodChat::texts(r), "北海道では、このしくみで食料支援の申込を受け付けている団体が"));
  CHECK(has(FoodChat::texts(r), "申込は送られていません"));
  CHECK(!r.cards.empty());
  CHECK(!has(FoodChat::labels(r), "食料支援を申し込む"));
  // A partner for one municipality only: another municipality is told the same.
  chat.add_partner("org-k", 40, {"北九州市"});
  r = chat.say("最初から");  // the session knows 北海道 now
  r = chat.say("食料支援を申し込みたい");
  r = chat.say("福岡県");
  CHECK(has(FoodChat::texts(r), "同意しますか"));
  r = chat.press(r, "同意する");
  r = chat.press(r, "なしで進む");
  r = chat.press(r, "20〜22歳");
  CHECK(has(FoodChat::labels(r), "北九州市"));
  r = chat.say("福岡市");
  CHECK(has(FoodChat::texts(r), "福岡県福岡市では"));
  CHECK(chat.food().list("org-k", std::nullopt, 0, 20, "t", chat.now)->total == 0);
}

TEST_CASE("Food: 申込をとりけす cancels and erases the contact data", "[bot][food]") {
  FoodChat chat;
  chat.add_partner("org-a", 19);
  auto r = chat.press(chat.to_summary(), "送信する");
  const std::string ref = ref_in(r);
  r = chat.say("申込をとりけしたい");
  CHECK(has(FoodChat::texts(r), "受付番号 " + ref + " の申込をとりけしますか"));
  r = chat.press(r, "とりけす");
  CHECK(has(FoodChat::texts(r), "とりけしました"));
  auto got = chat.food().get("org-a", ref, "t", chat.now);
  REQUIRE(got.ok());
  CHECK(got->status == bot::FoodStatus::kCancelled);
  CHECK(got->answers.contact_value.empty());
  CHECK(got->answers.allergies.empty());
  r = chat.say("申込の状況");
  CHECK(has(FoodChat::texts(r), "：とりけし"));
  r = chat.say("申込をとりけす");
  CHECK(has(FoodChat::texts(r), "とりけせる申込はありません"));
}

TEST_CASE("Food: データを消して erases the personal data of the person's requests", "[bot][food]") {
  FoodChat chat;
  chat.add_partner("org-a", 19);
  auto r = chat.press(chat.to_summary(), "送信する");
  const std::string ref = ref_in(r);
  r = chat.say("データを消して");
  auto got = chat.food().get("org-a", ref, "t", chat.now);
  REQUIRE(got.ok());
  CHECK(got->status == bot::FoodStatus::kCancelled);
  CHECK(got->answers.contact_value.empty());
  r = chat.say("申込の状況");
  CHECK(has(FoodChat::texts(r), "：とりけし"));
  // Another person's requests are not theirs to see.
  r = chat.say("申込の状況", "web:someone-else");
  CHECK(has(FoodChat::texts(r), "あなたの申込はありません"));
}

TEST_CASE("FoodStore: transitions, audit, purge of closed and cancelled requests", "[bot][food]") {
  auto store = bot::FoodStore::open(":memory:");
  REQUIRE(store.ok());
  bot::FoodStore& s = *store.value();
  CHECK(s.schema_version().value() == bot::FoodStore::kSchemaVersion);
  REQUIRE(s.add_partner({"org-a", "A", {19}, {}, 1}).ok());
  CHECK(!s.add_partner({"org-b", "B", {}, {}, 1}).ok());
  bot::FoodDraft d;
  d.partner_org = "org-a";
  d.nonce = "n1";
  d.consent_at = 100;
  d.answers.prefecture = 19;
  d.answers.contact_method = "phone";
  d.answers.contact_value = "0900000000";
  d.answers.worries = "家賃がはらえない";
  auto sent = s.submit("user1", d, "housing", 100);
  REQUIRE(sent.ok());
  CHECK(!sent->existing);
  auto again = s.submit("user1", d, "housing", 101);
  REQUIRE(again.ok());
  CHECK(again->existing);
  CHECK(again->request.ref == sent->request.ref);
  const std::string ref = sent->request.ref;
  using S = bot::FoodStatus;
  CHECK(s.update("org-a", ref, S::kHandedOver, std::nullopt, "w", 110).error().code() ==
        ErrorCode::kConflict);
  CHECK(s.update("org-a", ref, S::kCancelled, std::nullopt, "w", 110).error().code() ==
        ErrorCode::kConflict);
  CHECK(s.update("org-b", ref, S::kContacted, std::nullopt, "w", 110).error().code() ==
        ErrorCode::kNotFound);
  REQUIRE(s.update("org-a", ref, S::kContacted, std::string("電話した"), "w", 120).ok());
  REQUIRE(s.update("org-a", ref, S::kHandedOver, std::nullopt, "w", 130).ok());
  REQUIRE(s.update("org-a", ref, S::kClosed, std::nullopt, "w", 140).ok());
  CHECK(s.update("org-a", ref, S::kContacted, std::nullopt, "w", 150).error().code() ==
        ErrorCode::kConflict);
  CHECK(s.worry_counts("").value().size() == 1);
  // Not old enough yet.
  CHECK(s.purge(100, 200).value() == 0);
  CHECK(s.purge(141, 200).value() == 1);
  CHECK(s.get("org-a", ref, "w", 200).error().code() == ErrorCode::kNotFound);
  // The worry stays counted, without its text.
  CHECK(s.worry_counts("").value().at(0).count == 1);
  CHECK(s.worry_texts("").value().empty());
  const auto log = s.audit_log(100).value();
  std::string actions;
  for (const auto& e : log)
    actions += e.action + " ";
  CHECK(actions == "create update update update purge ");  // a missing request: no read
}

TEST_CASE("FoodStore: references are Crockford base32 and typed forms are understood",
          "[bot][food]") {
  for (int i = 0; i < 50; ++i) {
    auto r = bot::new_food_ref();
    REQUIRE(r.ok());
    CHECK(r->size() == 8);
    CHECK(r->find_first_not_of("0123456789ABCDEFGHJKMNPQRSTVWXYZ") == std::string::npos);
  }
  CHECK(bot::canonical_ref("abcd-efgh") == std::optional<std::string>("ABCDEFGH"));
  CHECK(bot::canonical_ref("oil1ABCD") == std::optional<std::string>("0111ABCD"));
  CHECK(bot::canonical_ref("ABCDEFG") == std::nullopt);
  CHECK(bot::canonical_ref("ABCDEFGU") == std::nullopt);
}

TEST_CASE("FoodWorries: phone numbers, e-mail and names are scrubbed, then classified",
          "[bot][food]") {
  const std::string s = bot::scrub_worries(
      "山田さんに相談したい。電話は090-1234-5678、メールはa.b@example.co.jp。名前はゆうきです",
      "ゆう");
  CHECK(!has(s, "090"));
  CHECK(!has(s, "example"));
  CHECK(!has(s, "山田"));
  CHECK(!has(s, "ゆうき"));
  CHECK(has(s, "［電話番号］"));
  CHECK(has(s, "［メール］"));
  auto m = intents::IntentMatcher::load_bundled();
  REQUIRE(m.ok());
  CHECK(bot::classify_worries(**m, "家賃が払えない") == "housing");
  CHECK(bot::classify_worries(**m, "ぴよぴよ") == "other");
  CHECK(bot::classify_worries(**m, "").empty());
  CHECK((*m)->actions("フードバンクに申し込みたい") == std::vector<std::string>{"food_apply"});
  CHECK((*m)->actions("食料支援を申し込みたい") == std::vector<std::string>{"food_apply"});
  CHECK((*m)->actions("申込の状況") == std::vector<std::string>{"food_status"});
  CHECK((*m)->actions("お腹すいた").empty());
}
