#pragma once
// Result cards: a knowledge-base Service as a person sees it, and the tap action for its
// contact. Only what the data says is shown; nothing is guessed.
//   "0120-783-556"            -> tel:0120783556
//   "0120-279-338（…「4」…）" -> tel:0120279338 (the note stays in the contact text, and
//                                how_to_call says which choice to make)
//   "#8008"                   -> no action: tel:%238008 opens nothing on iPhone, so the
//                                number is shown as text with how to call it
//   "110"                     -> tel:110
//   "https://talkme.jp/"      -> as is (http too; a URL is cut at the first space or
//                                non-ASCII character, so 「https://a.jp/（チャット…）」 opens a.jp)
//   「お住まいの市の相談窓口」 -> no action
// The words (button labels, how to call, the date label) are the card.* texts of bot/texts.h
// in the reply variant `lang`; `texts` defaults to the bundled ones.
// Thread-safety: pure functions.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bot/reply.h"
#include "bot/texts.h"
#include "knowledge/hours.h"
#include "knowledge/types.h"

namespace shirube::bot {

std::optional<Link> contact_action(std::string_view contact, const Texts& texts = Texts::bundled(),
                                   ReplyLang lang = ReplyLang::kJa);

// How to reach `s` when a tap cannot, or what to do after the tap: a # number
// (「電話のキーパッドで #8008 を押して、かけてください。」), a menu choice
// (「つながったら、音声案内で「4」をえらんでください。」), a line open only in announced periods;
// "" otherwise.
std::string how_to_call(const knowledge::Service& s, const Texts& texts = Texts::bundled(),
                        ReplyLang lang = ReplyLang::kJa);

// Days since 1970-01-01 for "YYYY-MM-DD"; nullopt when not such a date.
std::optional<std::int64_t> days_from_date(std::string_view ymd);

// Whether `s` takes calls at `now` (seconds since the epoch), read from its hours text in Japan
// time: kUnknown when the text is empty, not understood, or the line opens only in announced
// periods (its card says so instead).
knowledge::hours::OpenState open_state(const knowledge::Service& s, std::int64_t now);

// A source page this many years older than the check is named with its year.
constexpr int kOldSourceYears = 3;

// 「最終確認 2026-11-22」 (with 「（出典は2019年の情報）」 when the source page is kOldSourceYears
// or more older than the check), or 「未確認（出典 2015）」 (year of the source date), or
// 「未確認」.
std::string date_label(const knowledge::Service& s, const Texts& texts = Texts::bundled(),
                       ReplyLang lang = ReplyLang::kJa);

// `now` in seconds since the epoch; stale when last_verified is more than `stale_days` ago
// (an unverified record is not "stale": its label already says 未確認). A line open only in
// announced periods gets no action. `open_label` says 「いま受付中」 / 「いまは受付時間外」 when
// the hours text tells (open_state()); cards are made per reply, so the label is of that moment. In
// English (`lang` kEn) the card also carries the record's English name and its one-line English
// summary where the data has them (a plain translation of ours says so); the published name and
// contact stay as they are.
ResultCard make_card(const knowledge::Service& s, int stale_days, std::int64_t now,
                     const Texts& texts = Texts::bundled(), ReplyLang lang = ReplyLang::kJa);

// True when `s` answers in English (its languages include "en").
bool answers_in_english(const knowledge::Service& s);

}  // namespace shirube::bot
