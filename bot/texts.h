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
// Button texts (check.yes, check.no, lang.name_*, the food form's buttons) fit a quick-reply
// label (20 UTF-16 units) in every variant. A text marked "separated by |" below is a list of
// button labels (the food form's options, bot/food_form.h, which checks their count); each
// variant holds as many labels as the Japanese one, each within 20 units. The file is checked
// when loaded, so a broken file stops the start, never a reply: the engine loads it in
// Engine::create().
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
  kCardOldSource,    // card.old_source: {year}, after the date when the source page is old
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
  kCardOpenNow,           // card.open_now: the hours say it takes calls now
  kCardClosedNow,         // card.closed_now: the hours say it is closed now
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
  kFoodEntryButton,       // food.entry_button: the button on the food and care_leaver answers that
                          // starts the application
  kFoodAreaQuestion,      // food.area_question: the prefecture, asked before the explanation
  kFoodAreaUnknown,       // food.area_unknown: a prefecture not understood
  kFoodNoPartner,         // food.no_partner: no partner serves the place ({place})
  kFoodToday,             // food.today: before the food services of the area
  kFoodIntro,             // food.intro: what it is
  kFoodReceiver,          // food.receiver: who receives it ({name})
  kFoodAsks,              // food.asks: what is asked and why; the consent question
  kFoodConsentYes,        // food.consent_yes: consent button
  kFoodStop,              // food.stop: the button (and word) that stops the form
  kFoodBack,              // food.back: the button that goes back one question
  kFoodSkipNickname,      // food.skip_nickname: skip the nickname
  kFoodSkipNone,          // food.skip_none: nothing to add (allergies, worries)
  kFoodQNickname,         // food.q_nickname: question: nickname
  kFoodQAge,              // food.q_age: question: age group
  kFoodAgeOptions,        // food.age_options: the age buttons, separated by |
  kFoodQMunicipality,     // food.q_municipality: question: municipality ({prefecture})
  kFoodQLeftCare,         // food.q_left_care: question: how they left care
  kFoodLeftCareOptions,   // food.left_care_options: the buttons, separated by |
  kFoodQHousehold,        // food.q_household: question: household size
  kFoodHouseholdOptions,  // food.household_options: the buttons, separated by |
  kFoodQAllergies,        // food.q_allergies: question: allergies
  kFoodQContactMethod,    // food.q_contact_method: question: contact method
  kFoodContactOptions,    // food.contact_options: the buttons (line, phone, email), separated by |
  kFoodQContactLine,      // food.q_contact_line: question: LINE id
  kFoodQContactPhone,     // food.q_contact_phone: question: phone
  kFoodQContactEmail,     // food.q_contact_email: question: e-mail
  kFoodQDelivery,         // food.q_delivery: question: delivery or pick-up
  kFoodDeliveryOptions,   // food.delivery_options: the buttons (delivery, pickup), separated by |
  kFoodQWorries,          // food.q_worries: question: other worries
  kFoodSummary,           // food.summary: before the summary
  kFoodSummaryLabels,     // food.summary_labels: the summary's labels, separated by |
  kFoodNoneValue,         // food.none_value: an empty answer in the summary
  kFoodSend,              // food.send: the button that sends
  kFoodInvalidChoice,     // food.invalid_choice: an answer that is not one of the buttons
  kFoodInvalidMunicipality,  // food.invalid_municipality: municipality not understood
  kFoodInvalidPhone,         // food.invalid_phone: phone not understood
  kFoodInvalidEmail,         // food.invalid_email: e-mail not understood
  kFoodInvalidLine,          // food.invalid_line: LINE id not understood
  kFoodInvalidLong,          // food.invalid_long: an answer longer than allowed ({max})
  kFoodStopped,              // food.stopped: after やめる
  kFoodDoneRef,              // food.done_ref: after submission: the reference ({ref})
  kFoodDoneWho,              // food.done_who: after submission: who contacts ({name})
  kFoodDoneWhen,             // food.done_when: after submission: when, and how to see the status
  kFoodAlreadySent,          // food.already_sent: a second tap of 送信する ({ref})
  kFoodStatusButton,         // food.status_button: the button that shows the status
  kFoodStatusNone,           // food.status_none: no application
  kFoodStatusItem,           // food.status_item: one application in the status ({ref})
  kFoodStatusReceived,       // food.status_received: status received
  kFoodStatusContacted,      // food.status_contacted: status contacted
  kFoodStatusHandedOver,     // food.status_handed_over: status handed_over
  kFoodStatusClosed,         // food.status_closed: status closed
  kFoodStatusCancelled,      // food.status_cancelled: status cancelled
  kFoodCancelButton,  // food.cancel_button: the button that asks to cancel one application ({ref})
  kFoodCancelQuestion,  // food.cancel_question: before cancelling ({ref})
  kFoodCancelYes,       // food.cancel_yes: confirms the cancellation
  kFoodCancelNo,        // food.cancel_no: keeps the application
  kFoodCancelDone,      // food.cancel_done: after cancelling ({ref})
  kFoodCancelKept,      // food.cancel_kept: after とりけさない
  kFoodCancelNone,      // food.cancel_none: nothing to cancel
  kFoodResumeButton,    // food.resume_button: after a crisis answer in the middle of the form
  kLocationButton,      // location.button: LINE's quick reply that sends the person's location,
                        // offered where the area is asked
  kWorkerLinked,        // worker.linked: after 「支援者登録 CODE」 worked
  kWorkerCodeWrong,     // worker.code_wrong: a code that does not exist
  kWorkerCodeExpired,   // worker.code_expired: an expired code
  kWorkerCodeUsed,      // worker.code_used: a used code
  kWorkerCodeLimited,   // worker.code_limited: too many codes that did not work
  kWorkerLineOnly,      // worker.line_only: 「支援者登録」 outside LINE
  kWorkerNotLinked,     // worker.not_linked: 「支援者メニュー」 without a link
  kWorkerAskNeed,       // worker.ask_need: the worker menu's question
  kWorkerAskArea,       // worker.ask_area: the area, asked after the need ({need})
  kWorkerAreaUnknown,   // worker.area_unknown: an area not understood
  kWorkerResultsHead,   // worker.results_head: before the referral texts ({what}: need, area, which
                        // of how many)
  kWorkerResultsNone,   // worker.results_none: no service for the worker's search
  kWorkerLeft,          // worker.left: after 「支援者モード終了」
  kWorkerNext,          // worker.next: button: the next page
  kWorkerChangeArea,    // worker.change_area: button: ask the area again
  kWorkerChangeNeed,    // worker.change_need: button: ask the need again
  kWorkerRestart,       // worker.restart: button: the worker menu
  kWorkerExit,          // worker.exit: button: leave the mode
  kWorkerMoreNeeds,     // worker.more_needs: button: the other needs
  kWorkerNationwide,    // worker.nationwide: button: nationwide services
  kSupporterIntro,      // supporter.intro: a worker writes in the help chat ({url}: the /worker
                        // console)
  kSupporterResults,    // supporter.results: before results for a worker in the help chat
  kSupporterAreaQuestion,  // supporter.area_question: the area question for a worker in the help
                           // chat
  kSupporterCrisis,        // supporter.crisis: the crisis answer for a worker about the person they
                           // support
  kSupporterLocalElderly,  // supporter.local_elderly: results.local_elderly for a worker
  kSupporterLocalLiving,   // supporter.local_living: results.local_living for a worker
  kSupporterLocalOther,    // supporter.local_other: results.local_other for a worker
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
