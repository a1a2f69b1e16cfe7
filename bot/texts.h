#pragma once
// Texts: what the engine says in its own words (greetings, apologies, the crisis call-now line,
// the results notes), as data in bot/data/texts.json (compiled into the binary). The tree's
// questions and answers are in intents/data/tree.json. The result cards' labels are here too
// (card.*, used by bot/cards.h).
//
// File format (JSON):
//   {"texts": {"<id>": {"ja": "<text>", "easy": "<text>", "en": "<text>"}, ...}}
//   ("format": [...] may hold a description)
// Ids are the keys of the TextId table in texts.cpp, e.g. "follow.welcome", "results.none".
// Every id must be present and no other; each entry holds the three reply variants of
// common/reply_lang.h and nothing else. A text marked with a placeholder below holds it exactly
// once in every variant ("場所を受け取りました（{prefecture}）。"); no other text holds braces.
// Button texts (check.yes, check.no, lang.name_*) fit a quick-reply label (20 UTF-16 units) in
// every variant. The file is checked when loaded, so a broken file stops the start, never a
// reply: the engine loads it in Engine::create().
// Thread-safety: immutable after load; safe to share between threads.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/reply_lang.h"

namespace shirube::bot {

enum class TextId : std::size_t {
  kFollowWelcome,        // follow.welcome: after 友だち追加, before the root question
  kMediaUnreadable,      // media.unreadable: a sticker or image was sent
  kGreetingReply,        // greeting.reply: the answer to a message that only greets
  kTextThanks,           // text.thanks: after 「ことばで教えてください」 was answered
  kSearchFound,          // search.found: free text found services in the directory
  kSearchNotUnderstood,  // search.not_understood: free text found nothing
  kEraseDone,            // erase.done: データを消して
  kLocationUnknown,      // location.unknown: a location outside Japan or unknown
  kLocationReceived,     // location.received: {prefecture}
  kButtonUnavailable,    // button.unavailable: postback data that no longer means anything
  kCrisisCallNow,        // crisis.call_now: danger now (before 110/119)
  kCrisisOpenLink,       // crisis.open_link: {name}, a crisis line that opens a web page
  kResultsContinued,     // results.continued: page 2 and later of an answer
  kResultsNoLocal,       // results.no_local: {prefecture}, only nationwide windows found
  kResultsNone,          // results.none: an answer without any service
  kAreaUnknown,          // area.unknown: stands for a prefecture code without a name
  kCheckQuestion,        // check.question: the direct question when a message might mean suicide
  kCheckQuestionViolence,  // check.question_violence: the question when someone may be hurting them
  kCheckLines,             // check.lines: before the lines shown with the question
  kCheckYes,               // check.yes: the button that answers yes
  kCheckNo,                // check.no: the button that answers no
  kCheckNoReply,           // check.no_reply: after no, before the person's topic
  kResultsLocalElderly,    // results.local_elderly: how to find the 地域包括支援センター
  kResultsLocalLiving,  // results.local_living: how to find 自立相談支援機関 / 福祉事務所
  kResultsLocalOther,  // results.local_other: how to find a local window for other needs
  kCrisisAgain,        // crisis.again: a crisis message while the crisis answer is on screen
  kCrisisWritten,  // crisis.written: 「電話はこわい」 after a crisis answer, before the chat lines
  kThanksReply,      // thanks.reply: 「ありがとう」, a kind closing before the current step
  kCardOpenSite,     // card.open_site: the button of a web contact
  kCardCall,         // card.call: {number}, the button of a phone contact
  kCardPeriodsOnly,  // card.periods_only: how to call a line open only in announced periods
  kCardDialHash,     // card.dial_hash: {number}, how to call a # number
  kCardMenuChoice,   // card.menu_choice: {choice} (「4」), the voice menu's choice
  kCardMenuFollow,   // card.menu_follow: a voice menu whose choice the source does not give
  kCardVerified,     // card.verified: {date}, when the record was last checked
  kCardUnverifiedSource,  // card.unverified_source: {year}, never checked, the source's year
  kCardUnverified,        // card.unverified: never checked, no dated source
  kCardGroupKind,         // card.group_kind: a programme known without a contact
  kCardGroupSearch,       // card.group_search: {name}, how to look for that group
  kCardNationwide,        // card.nationwide: the area of a national service without area text
  kCardLabelContact,      // card.label_contact: 「連絡先：」 before a card's contact
  kCardLabelHow,          // card.label_how: 「かけ方：」
  kCardLabelSearch,       // card.label_search: 「さがし方：」
  kCardLabelHours,        // card.label_hours: 「受付時間：」
  kCardLabelCost,         // card.label_cost: 「費用：」
  kCardLabelArea,         // card.label_area: 「地域：」
  kCardLabelSource,       // card.label_source: 「出典：」
  kCardNotConfirmed,      // card.not_confirmed: a field the data does not give
  kCardMaybeOld,          // card.maybe_old: after the date of a stale record
  kCardOpenSource,        // card.open_source: the action of the source line
  kCardButtonCall,        // card.button_call: a card's call button
  kCardButtonOpen,        // card.button_open: a card's web button
  kCardsAlt,              // cards.alt: {count}, the start of a carousel's alt text
  kCrisisLinesTitle,      // crisis.lines_title: the heading of the tap-to-call lines
  kCrisisMoreLines,       // crisis.more_lines: the heading of the second bubble of lines
  kCrisisLinesAlt,        // crisis.lines_alt: the start of the lines' alt text
  kChoosePrompt,          // choose.prompt: a reply of buttons alone
  kLangSwitched,          // lang.switched: after a switch, in the variant switched to
  kLangNameJa,            // lang.name_ja: 「日本語」, the same in every variant
  kLangNameEasy,          // lang.name_easy: 「やさしい日本語」, the same in every variant
  kLangNameEn,            // lang.name_en: "English", the same in every variant
  kCardOurTranslation,    // card.our_translation: after an English summary we translated
  kCount
};

class Texts {
 public:
  // Parses and checks a texts file. Error kInvalidArgument, where = `source`, what = the first
  // problem, e.g. `not a JSON object`, `texts: expected an object`, `text "results.none":
  // missing`, `text "resluts.none": unknown id`, `text "greeting.reply": expected {"ja",
  // "easy", "en"} texts`, `text "greeting.reply": unknown field "jp" (variants: ja, easy, en)`,
  // `text "greeting.reply": "en" missing`, `text "location.received": "en" must hold
  // {prefecture} exactly once`, `text "check.yes": "en" is 23 UTF-16 units (a button: max 20)`.
  static Result<Texts> parse(std::string_view text, const std::string& source);
  // bot/data/texts.json as compiled into the binary.
  static Result<Texts> load_bundled();
  // load_bundled(), once per process, for callers that hold no Texts of their own (the card
  // functions' default). A broken bundled file ends the process here; Engine::create() has
  // already refused to start with one.
  static const Texts& bundled();

  // The text in `lang` (日本語 by default).
  const std::string& get(TextId id, ReplyLang lang = ReplyLang::kJa) const {
    return texts_[static_cast<std::size_t>(id)].in(lang);
  }
  // The text with its placeholder replaced by `value` (a text without one is returned as is).
  std::string fill(TextId id, std::string_view value, ReplyLang lang = ReplyLang::kJa) const;

  // "follow.welcome" for TextId::kFollowWelcome.
  static std::string_view key(TextId id);
  // "prefecture" for kLocationReceived; "" for a text without a placeholder.
  static std::string_view placeholder(TextId id);

 private:
  std::vector<Localized> texts_;  // indexed by TextId
};

}  // namespace shirube::bot
