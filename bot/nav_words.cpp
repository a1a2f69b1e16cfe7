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
  if (word == "yes")
    return Nav::kCheckYes;
  if (word == "no")
    return Nav::kCheckNo;
  return Nav::kNone;
}

NavWords::NavWords() {
  auto add = [this](Nav nav, std::initializer_list<const char*> words) {
    for (const char* w : words)
      words_.emplace_back(intents::normalize(w), nav);
  };
  add(Nav::kBack, {"戻る", "もどる", "back", "戻って"});
  add(Nav::kTop, {"最初から", "さいしょから", "メニュー", "menu", "はじめから"});
  add(Nav::kErase, {"データを消して", "データ削除", "データをけして", "データを削除して",
                    "delete my data", "erase my data"});
  for (const char* w : {"うん", "はい", "そう", "そうです", "ある", "あります", "yes", "うんうん",
                        "ええ", "せやな"})
    answers_.emplace_back(intents::normalize(w), Nav::kCheckYes);
  for (const char* w : {"ちがう", "違う", "ちがいます", "違います", "いいえ", "いや", "ない",
                        "ありません", "だいじょうぶ", "大丈夫", "no", "ううん", "ちゃう"})
    answers_.emplace_back(intents::normalize(w), Nav::kCheckNo);
  for (const char* w : {"電話", "でんわ", "tel", "call", "話す", "はなす", "声", "こえ", "喋る",
                        "しゃべる", "つながる"})
    calling_.push_back(intents::normalize(w));
  for (const char* w :
       {"こわい",   "怖い",       "恐い",     "むり",     "無理",         "苦手",       "にがて",
        "できない", "できません", "出せない", "だせない", "かけられない", "したくない", "いや",
        "嫌",       "勇気",       "緊張",     "scared",   "cant",         "afraid"})
    cannot_.push_back(intents::normalize(w));
  for (const char* w :
       {"ありがとう", "ありがと", "ありがとうございます", "ありがとうございました", "ありがとね",
        "感謝します", "thanks", "thankyou", "thank you", "サンキュー"})
    thanks_.insert(intents::normalize(w));
  auto language = [this](ReplyLang lang, std::initializer_list<const char*> words) {
    for (const char* w : words)
      languages_.emplace_back(intents::normalize(w), lang);
  };
  language(ReplyLang::kJa, {"日本語", "にほんご", "japanese", "nihongo"});
  language(ReplyLang::kEasy,
           {"やさしい日本語", "やさしいにほんご", "易しい日本語", "easy japanese", "easyjapanese"});
  language(ReplyLang::kEn, {"english", "英語", "えいご", "in english"});
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

std::optional<ReplyLang> NavWords::language(std::string_view normalized) const {
  for (const auto& [word, lang] : languages_) {
    if (normalized == word)
      return lang;
  }
  return std::nullopt;
}

Nav NavWords::answer(std::string_view normalized) const {
  for (const auto& [word, nav] : answers_) {
    if (normalized == word)
      return nav;
  }
  return Nav::kNone;
}

bool NavWords::fears_calling(std::string_view normalized) const {
  auto any = [normalized](const std::vector<std::string>& words) {
    for (const auto& w : words) {
      if (normalized.find(w) != std::string_view::npos)
        return true;
    }
    return false;
  };
  return normalized.size() <= 120 && any(calling_) && any(cannot_);
}

bool NavWords::thanks(std::string_view normalized) const {
  return thanks_.find(normalized) != thanks_.end();
}

bool NavWords::is_greeting(std::string_view normalized) const {
  return greetings_.find(normalized) != greetings_.end();
}

}  // namespace shirube::bot
