#include "bot/cards.h"

#include <string>
#include <utility>

#include <catch2/catch.hpp>

using namespace shirube;  // NOLINT(google-build-using-namespace)

TEST_CASE("Cards: contacts become tap-to-call or tap-to-open actions", "[bot]") {
  SECTION("accept") {
    auto [contact, uri] = GENERATE(table<std::string, std::string>({
        {"0120-783-556", "tel:0120783556"},
        {"110", "tel:110"},
        {"119", "tel:119"},
        {"189", "tel:189"},
        {"0570-064-556", "tel:0570064556"},
        {"0120-078310", "tel:0120078310"},
        {"0120-279-338（音声ガイダンスで「4」を選択）", "tel:0120279338"},
        {"https://talkme.jp/", "https://talkme.jp/"},
        {"https://soudanplus.jp/（チャット：https://form.soudanplus.jp/ja）",
         "https://soudanplus.jp/"},
        {"http://foodbanking.or.jp/contact/", "http://foodbanking.or.jp/contact/"},
    }));
    CAPTURE(contact);
    auto a = bot::contact_action(contact);
    REQUIRE(a.has_value());
    CHECK(a->uri == uri);
  }
  SECTION("reject") {
    auto contact =
        GENERATE(as<std::string>{}, "", "お住まいの市の相談窓口（町村在住の場合は都道府県）",
                 "LINE公式アカウント「親子のための相談LINE」", "公式URL未確認", "12345", "#12",
                 "2024", "https://", "0120-783-556abc", "#8008", "#8103");
    CAPTURE(contact);
    CHECK_FALSE(bot::contact_action(contact).has_value());
  }
  CHECK(bot::contact_action("0120-783-556")->label == "電話する 0120-783-556");
}

TEST_CASE("Cards: the date label says when the record was last checked", "[bot]") {
  knowledge::Service s;
  s.last_verified = "2026-11-22";
  s.source_date = "2015-11";
  // Checked against a page that is itself old: its year is said too.
  CHECK(bot::date_label(s) == "最終確認 2026-11-22（出典は2015年の情報）");
  const auto t = bot::Texts::load_bundled();
  REQUIRE(t.ok());
  CHECK(bot::date_label(s, *t, ReplyLang::kEn) ==
        "Last checked 2026-11-22 (the source is from 2015)");
  s.source_date = "2024-03-01";
  CHECK(bot::date_label(s) == "最終確認 2026-11-22");
  s.source_date = "2023";
  CHECK(bot::date_label(s) == "最終確認 2026-11-22（出典は2023年の情報）");
  s.source_date = "unknown";
  CHECK(bot::date_label(s) == "最終確認 2026-11-22");
  s.source_date = "2015-11";
  s.last_verified = "";
  CHECK(bot::date_label(s) == "未確認（出典 2015）");
  s.source_date = "unknown";
  CHECK(bot::date_label(s) == "未確認");
}

TEST_CASE("Cards: a record verified too long ago is flagged stale", "[bot]") {
  knowledge::Service s;
  s.id = "x";
  s.name = "窓口";
  s.contact = "#8008";
  s.hours = "";
  s.last_verified = "2026-01-01";
  const std::int64_t day = 86400;
  const std::int64_t verified = *bot::days_from_date("2026-01-01") * day;
  CHECK(*bot::days_from_date("1970-01-02") == 1);
  CHECK(*bot::days_from_date("2000-03-01") == 11017);
  CHECK_FALSE(bot::days_from_date("2026-13-01").has_value());
  CHECK_FALSE(bot::make_card(s, 365, verified + 365 * day).stale);
  auto card = bot::make_card(s, 365, verified + 366 * day);
  CHECK(card.stale);
  CHECK_FALSE(card.action.has_value());  // a # number is dialled by hand
  CHECK(card.how_to_call == "電話のキーパッドで #8008 を押して、かけてください。");
  CHECK(card.hours.empty());
  CHECK(card.date_label == "最終確認 2026-01-01");
  s.last_verified = "";
  CHECK_FALSE(bot::make_card(s, 365, verified + 9999 * day).stale);
}

TEST_CASE("Cards: a programme without contact is labelled and says what to search for", "[bot]") {
  knowledge::Service s;
  s.id = "svc-1";
  s.name = "多世代交流のコミュニティーカフェ";
  s.organization_name = "特定非営利活動法人 くるくるネット";
  const bot::ResultCard c = bot::make_card(s, 365, 0);
  CHECK(c.kind_label == "この活動をしている団体");
  CHECK(c.search_hint ==
        "「特定非営利活動法人 くるくるネット」で検索すると、連絡先が見つかるかもしれません。");
  CHECK_FALSE(c.action.has_value());

  s.channel = "phone";
  s.contact = "0120-279-338";
  const bot::ResultCard window = bot::make_card(s, 365, 0);
  CHECK(window.kind_label.empty());
  CHECK(window.search_hint.empty());
}

TEST_CASE("Cards: a menu choice or an announced period is said, not left to a tap", "[bot]") {
  knowledge::Service s;
  s.channel = "phone";
  s.contact = "0120-279-338（音声ガイダンスで「4」を選択）";
  auto card = bot::make_card(s, 365, 0);
  REQUIRE(card.action.has_value());  // the number itself dials on iPhone and Android
  CHECK(card.action->uri == "tel:0120279338");
  CHECK(card.how_to_call == "つながったら、音声案内で「4」をえらんでください。");

  s.name = "孤独・孤立相談ダイヤル（期間限定）";
  s.contact = "#9999";
  s.hours = "常設ではない。内閣府が定める期間のみ開設（例：ゴールデンウィーク・年末年始）";
  card = bot::make_card(s, 365, 0);
  CHECK_FALSE(card.action.has_value());
  CHECK(card.how_to_call ==
        "決まった期間だけ開く窓口です。受付時間をたしかめてからかけてください。");

  s.contact = "0120-000-000";
  s.status = "seasonal";
  CHECK_FALSE(bot::make_card(s, 365, 0).action.has_value());
}

namespace {

// Seconds since the epoch of a civil date and time in Japan (UTC+9).
std::int64_t japan(int y, int m, int d, int hour, int minute = 0) {
  return knowledge::hours::days_from_civil(y, m, d) * 86400 + (hour - 9) * 3600 + minute * 60;
}

}  // namespace

TEST_CASE("Cards: the hours say whether it takes calls at the moment of the reply", "[bot]") {
  knowledge::Service s;
  s.channel = "phone";
  s.contact = "0570-064-556";
  s.hours = "月〜金 9:00〜17:00（祝日・年末年始を除く）";
  const auto t = bot::Texts::load_bundled();
  REQUIRE(t.ok());

  auto card = bot::make_card(s, 365, japan(2026, 12, 2, 10));  // a Wednesday morning
  CHECK(card.open_label == "いま受付中です");
  CHECK_FALSE(card.closed_now);
  REQUIRE(card.action.has_value());

  for (const std::int64_t closed : {japan(2026, 12, 2, 20), japan(2026, 12, 6, 10),
                                    japan(2026, 11, 23, 10), japan(2026, 12, 31, 10)}) {
    // An evening, a Sunday, a national holiday (勤労感謝の日), the year end.
    card = bot::make_card(s, 365, closed);
    CHECK(card.open_label == "いまは受付時間外です");
    CHECK(card.closed_now);
    CHECK(card.action.has_value());  // the number stays on the card, to call when it opens
  }
  card = bot::make_card(s, 365, japan(2026, 12, 2, 20), *t, ReplyLang::kEn);
  CHECK(card.open_label == "Closed now");

  // Hours the parser does not understand, none at all, and announced periods: no guess.
  for (const char* hours : {"第1・3水曜日 10:00〜15:00", "", "期間のみ開設"}) {
    s.hours = hours;
    card = bot::make_card(s, 365, japan(2026, 12, 2, 20));
    CHECK(card.open_label.empty());
    CHECK_FALSE(card.closed_now);
  }
  s.hours = "24時間・年中無休";
  CHECK(bot::make_card(s, 365, japan(2027, 1, 1, 3)).open_label == "いま受付中です");
}
