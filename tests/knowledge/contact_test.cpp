#include "knowledge/contact.h"

#include <string>
#include <tuple>

#include <catch2/catch.hpp>

using namespace shirube;  // NOLINT(google-build-using-namespace)
using knowledge::Contact;

namespace {

knowledge::Service line(const std::string& contact, const std::string& hours = "24時間",
                        const std::string& channel = "phone") {
  knowledge::Service s;
  std::tie(s.contact, s.hours, s.channel) = std::tie(contact, hours, channel);
  return s;
}

}  // namespace

TEST_CASE("Contact: a number, a # number, a page or text", "[knowledge]") {
  const Contact phone = knowledge::parse_contact("0120-783-556");
  CHECK(phone.kind == Contact::Kind::kPhone);
  CHECK(phone.uri == "tel:0120783556");
  CHECK(phone.shown == "0120-783-556");
  CHECK_FALSE(phone.menu_choice);

  const Contact hash = knowledge::parse_contact("#8008");
  CHECK(hash.kind == Contact::Kind::kHashNumber);
  CHECK(hash.shown == "#8008");
  CHECK(hash.digits == "8008");
  CHECK(hash.uri.empty());  // tel:%23… opens nothing on iPhone

  const Contact page = knowledge::parse_contact("https://soudanplus.jp/（チャット：…）");
  CHECK(page.kind == Contact::Kind::kUrl);
  CHECK(page.uri == "https://soudanplus.jp/");

  CHECK(knowledge::parse_contact("お住まいの市の相談窓口").kind == Contact::Kind::kNone);
  CHECK(knowledge::parse_contact("#12").kind == Contact::Kind::kNone);
  CHECK(knowledge::parse_contact("12345").kind == Contact::Kind::kNone);
}

TEST_CASE("Contact: a note asking for a menu choice is kept", "[knowledge]") {
  auto menu = GENERATE(as<std::string>{}, "0120-279-338（音声ガイダンスで「4」を選択）",
                       "0120-279-338（アナウンス後「2」を押す）");
  CAPTURE(menu);
  const Contact c = knowledge::parse_contact(menu);
  CHECK(c.kind == Contact::Kind::kPhone);
  CHECK(c.uri == "tel:0120279338");
  CHECK(c.menu_choice);
  CHECK(c.note.find("「") != std::string::npos);
  CHECK_FALSE(knowledge::parse_contact("0570-064-556").menu_choice);
}

TEST_CASE("Contact: reach ranks a tap over a number by hand over nothing now", "[knowledge]") {
  CHECK(knowledge::reach(line("0120-279-338")) == 2);
  CHECK(knowledge::reach(line("https://talkme.jp/", "24時間", "chat")) == 2);
  CHECK(knowledge::reach(line("#8008")) == 1);
  CHECK(knowledge::reach(line("LINE公式アカウント「親子のための相談LINE」", "", "sns")) == 1);
  CHECK(knowledge::reach(line("お住まいの市の相談窓口（全国共通番号なし）", "", "visit")) == 0);
  CHECK(knowledge::reach(line("")) == 0);
  // Open only in announced periods: nothing to call on most days.
  const auto periodic = line("#9999", "常設ではない。内閣府が定める期間のみ開設");
  CHECK(knowledge::open_only_in_periods(periodic));
  CHECK(knowledge::reach(periodic) == 0);
  auto seasonal = line("0120-000-000");
  seasonal.status = "seasonal";
  CHECK(knowledge::reach(seasonal) == 0);
}
