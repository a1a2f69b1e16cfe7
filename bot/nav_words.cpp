#include "bot/nav_words.h"

#include <initializer_list>

#include "intents/normalize.h"

namespace shirube::bot {

Nav nav_from_postback(std::string_view word) {
  if (word == "back")
    return Nav::kBack;
  if (word == "top")
    return Nav::kTop;
  if (word == "erase")
    return Nav::kErase;
  if (word == "resume")
    return Nav::kResume;
  return Nav::kNone;
}

NavWords::NavWords() {
  auto add = [this](Nav nav, std::initializer_list<const char*> words) {
    for (const char* w : words)
      words_.emplace_back(intents::normalize(w), nav);
  };
  add(Nav::kBack, {"戻る", "もどる", "back", "戻って"});
  add(Nav::kTop, {"最初から", "さいしょから", "メニュー", "menu", "はじめから"});
  add(Nav::kErase, {"データを消して", "データ削除", "データをけして", "データを削除して"});
  for (const char* w : {"こんにちは", "こんにちわ", "こんばんは", "こんばんわ", "おはよう",
                        "おはようございます", "はじめまして", "よろしく", "よろしくお願いします",
                        "よろしくおねがいします", "もしもし", "hello", "hi", "やあ", "どうも"}) {
    greetings_.insert(intents::normalize(w));
  }
}

Nav NavWords::command(std::string_view normalized) const {
  for (const auto& [word, nav] : words_) {
    if (!word.empty() && normalized == word)
      return nav;
  }
  return Nav::kNone;
}

bool NavWords::is_greeting(std::string_view normalized) const {
  return greetings_.find(normalized) != greetings_.end();
}

}  // namespace shirube::bot
