#include "bot/nav_words.h"

#include <string>

#include <catch2/catch.hpp>

#include "intents/normalize.h"

using namespace shirube;  // NOLINT(google-build-using-namespace)

namespace {

bot::Nav command(const bot::NavWords& words, const std::string& message) {
  return words.command(intents::normalize(message));
}

}  // namespace

TEST_CASE("NavWords: a whole message of a navigation word is a command", "[bot]") {
  const bot::NavWords words;
  auto [message, nav] = GENERATE(table<std::string, bot::Nav>({
      {"戻る", bot::Nav::kBack},
      {"もどる", bot::Nav::kBack},
      {"Back!", bot::Nav::kBack},
      {"戻って", bot::Nav::kBack},
      {"最初から", bot::Nav::kTop},
      {"ﾒﾆｭｰ", bot::Nav::kTop},
      {"MENU", bot::Nav::kTop},
      {"はじめから。", bot::Nav::kTop},
      {"データを消して", bot::Nav::kErase},
      {"データ 削除", bot::Nav::kErase},
  }));
  CAPTURE(message);
  CHECK(command(words, message) == nav);
}

TEST_CASE("NavWords: a sentence that holds a word is not a command", "[bot]") {
  const bot::NavWords words;
  for (const char* message : {"戻るべきか迷う", "実家に戻りたい", "メニューがない", "", "！",
                              "データを消してもいいですか", "resume"}) {
    CAPTURE(message);
    CHECK(command(words, message) == bot::Nav::kNone);
  }
}

TEST_CASE("NavWords: only a message that greets is a greeting", "[bot]") {
  const bot::NavWords words;
  for (const char* message : {"こんにちは", "こんにちは！", "Hello", "hi", "よろしくお願いします",
                              "ｺﾝﾆﾁﾊ", "もしもし…"}) {
    CAPTURE(message);
    CHECK(words.is_greeting(intents::normalize(message)));
  }
  for (const char* message : {"こんにちは、家賃が払えません", "hello i need help", "", "戻る"}) {
    CAPTURE(message);
    CHECK(!words.is_greeting(intents::normalize(message)));
  }
}

TEST_CASE("NavWords: nav postback values map to commands", "[bot]") {
  CHECK(bot::nav_from_postback("back") == bot::Nav::kBack);
  CHECK(bot::nav_from_postback("top") == bot::Nav::kTop);
  CHECK(bot::nav_from_postback("erase") == bot::Nav::kErase);
  CHECK(bot::nav_from_postback("resume") == bot::Nav::kResume);
  for (const char* word : {"", "Back", "戻る", "menu", "back "}) {
    CAPTURE(word);
    CHECK(bot::nav_from_postback(word) == bot::Nav::kNone);
  }
}

TEST_CASE("NavWords: a whole message naming a reply variant switches to it", "[bot]") {
  const bot::NavWords words;
  auto lang = [&words](const std::string& m) { return words.language(intents::normalize(m)); };
  CHECK(lang("English") == ReplyLang::kEn);
  CHECK(lang("english") == ReplyLang::kEn);
  CHECK(lang("英語") == ReplyLang::kEn);
  CHECK(lang("やさしい日本語") == ReplyLang::kEasy);
  CHECK(lang("やさしいにほんご") == ReplyLang::kEasy);
  CHECK(lang("Easy Japanese") == ReplyLang::kEasy);
  CHECK(lang("日本語") == ReplyLang::kJa);
  CHECK(lang("にほんご") == ReplyLang::kJa);
  CHECK(!lang("日本語がわかりません"));  // a sentence, not a command
  CHECK(!lang("I speak English"));
}
