#include "common/reply_lang.h"

#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace shirube;  // NOLINT(google-build-using-namespace)
using nlohmann::json;

TEST_CASE("ReplyLang: the three codes and nothing else", "[common]") {
  for (ReplyLang l : kReplyLangs)
    CHECK(reply_lang_from_code(reply_lang_code(l)) == l);
  CHECK(reply_lang_code(ReplyLang::kEasy) == "easy");
  CHECK(!reply_lang_from_code("fr"));
  CHECK(!reply_lang_from_code("EN"));
  CHECK(!reply_lang_from_code(""));
}

TEST_CASE("ReplyLang: a text is read only with all three variants", "[common]") {
  Localized t;
  CHECK(read_localized(json{{"ja", "戻る"}, {"easy", "もどる"}, {"en", "Back"}}, t).empty());
  CHECK(t.ja() == "戻る");
  CHECK(t.in(ReplyLang::kEasy) == "もどる");
  CHECK(t.in(ReplyLang::kEn) == "Back");
  CHECK(read_localized(json("戻る"), t) == "expected {\"ja\", \"easy\", \"en\"} texts");
  CHECK(read_localized(json{{"ja", "戻る"}, {"easy", "もどる"}}, t) == "\"en\" missing");
  CHECK(read_localized(json{{"ja", "戻る"}, {"easy", ""}, {"en", "Back"}}, t) ==
        "\"easy\" missing");
  CHECK(read_localized(json{{"ja", "戻る"}, {"easy", "もどる"}, {"en", "Back"}, {"fr", "x"}}, t) ==
        "unknown field \"fr\" (variants: ja, easy, en)");
}
