#pragma once
// Navigation: the words a person can write instead of tapping 戻る / 最初から / データを消して,
// the nav=<word> postback values, and the messages that only greet. A typed word counts only
// when it is the whole message after intents::normalize() (「戻る」, 「もどる」, "Back!" and
// 「ﾒﾆｭｰ」 all count; 「戻るべきか迷う」 does not), so a sentence is never taken for a command:
//   back   戻る もどる back 戻って
//   top    最初から さいしょから メニュー menu はじめから
//   erase  データを消して データ削除 データをけして データを削除して delete my data
//          erase my data
//   (resume has no words: it is only the ほかの相談先もみる button after a crisis answer)
// Greetings: こんにちは, おはよう, よろしく, hello, hi, もしもし and their variants; the engine
// answers them with a greeting and the current step instead of 「わかりませんでした」.
// These are words the bot recognises, not texts it says (those are in bot/texts.h).
// Thread-safety: immutable after construction; safe to share between threads.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/reply_lang.h"

namespace shirube::bot {

enum class Nav { kNone, kBack, kTop, kErase, kResume, kCheckYes, kCheckNo };

// The value of a nav=<word> postback: "back", "top", "erase", "resume", "yes", "no" (the
// answers to the check question); kNone for anything else.
Nav nav_from_postback(std::string_view word);

class NavWords {
 public:
  NavWords();

  // The command a whole message means; `normalized` is intents::normalize() of the message.
  // kNone when the message is not one of the words (never kResume).
  Nav command(std::string_view normalized) const;
  // True when the whole message only greets.
  bool is_greeting(std::string_view normalized) const;
  // The answer to the check question a whole message gives: kCheckYes (うん, はい, そう,
  // yes), kCheckNo (ちがう, いいえ, 大丈夫, no), kNone for anything else.
  Nav answer(std::string_view normalized) const;
  // A message that says calling is too hard (電話はこわい, 電話できない, 声が出せない, 話すの
  // が苦手): a word of calling or speaking together with one of fear or inability.
  bool fears_calling(std::string_view normalized) const;
  // A message that only thanks (ありがとう, ありがとうございました, thanks, 感謝します).
  bool thanks(std::string_view normalized) const;
  // The reply variant a whole message asks for: 「日本語」 (にほんご, Japanese), 「やさしい日本語」
  // (やさしいにほんご, easy Japanese), "English" (英語, えいご); nullopt for anything else.
  std::optional<ReplyLang> language(std::string_view normalized) const;

 private:
  std::vector<std::pair<std::string, Nav>> words_;    // normalised
  std::set<std::string, std::less<>> greetings_;      // normalised
  std::vector<std::pair<std::string, Nav>> answers_;  // normalised
  std::vector<std::string> calling_;                  // normalised words of calling
  std::vector<std::string> cannot_;                   // normalised words of fear or inability
  std::set<std::string, std::less<>> thanks_;         // normalised
  std::vector<std::pair<std::string, ReplyLang>> languages_;  // normalised
};

}  // namespace shirube::bot
