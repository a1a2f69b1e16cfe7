#include "bot/texts.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include <nlohmann/json.hpp>

#include "common/embedded.h"
#include "common/line_limits.h"
#include "common/utf8.h"

namespace shirube::bot {

namespace {

using nlohmann::json;

constexpr const char* kBundledPath = "bot/data/texts.json";

struct TextSpec {
  TextId id;
  const char* key;
  const char* placeholder;  // "" = none
};

// A table: one row per text id (long by design).
constexpr std::array<TextSpec, static_cast<std::size_t>(TextId::kCount)> kSpecs{{
    {TextId::kFollowWelcome, "follow.welcome", ""},
    {TextId::kMediaUnreadable, "media.unreadable", ""},
    {TextId::kGreetingReply, "greeting.reply", ""},
    {TextId::kTextThanks, "text.thanks", ""},
    {TextId::kSearchFound, "search.found", ""},
    {TextId::kSearchNotUnderstood, "search.not_understood", ""},
    {TextId::kEraseDone, "erase.done", ""},
    {TextId::kLocationUnknown, "location.unknown", ""},
    {TextId::kLocationReceived, "location.received", "prefecture"},
    {TextId::kButtonUnavailable, "button.unavailable", ""},
    {TextId::kCrisisCallNow, "crisis.call_now", ""},
    {TextId::kCrisisOpenLink, "crisis.open_link", "name"},
    {TextId::kResultsContinued, "results.continued", ""},
    {TextId::kResultsNoLocal, "results.no_local", "prefecture"},
    {TextId::kResultsNone, "results.none", ""},
    {TextId::kAreaUnknown, "area.unknown", ""},
    {TextId::kCheckQuestion, "check.question", ""},
    {TextId::kCheckQuestionViolence, "check.question_violence", ""},
    {TextId::kCheckLines, "check.lines", ""},
    {TextId::kCheckYes, "check.yes", ""},
    {TextId::kCheckNo, "check.no", ""},
    {TextId::kCheckNoReply, "check.no_reply", ""},
    {TextId::kResultsLocalElderly, "results.local_elderly", ""},
    {TextId::kResultsLocalLiving, "results.local_living", ""},
    {TextId::kResultsLocalOther, "results.local_other", ""},
    {TextId::kCrisisAgain, "crisis.again", ""},
    {TextId::kCrisisWritten, "crisis.written", ""},
    {TextId::kThanksReply, "thanks.reply", ""},
    {TextId::kCardOpenSite, "card.open_site", ""},
    {TextId::kCardCall, "card.call", "number"},
    {TextId::kCardPeriodsOnly, "card.periods_only", ""},
    {TextId::kCardDialHash, "card.dial_hash", "number"},
    {TextId::kCardMenuChoice, "card.menu_choice", "choice"},
    {TextId::kCardMenuFollow, "card.menu_follow", ""},
    {TextId::kCardVerified, "card.verified", "date"},
    {TextId::kCardOldSource, "card.old_source", "year"},
    {TextId::kCardUnverifiedSource, "card.unverified_source", "year"},
    {TextId::kCardUnverified, "card.unverified", ""},
    {TextId::kCardGroupKind, "card.group_kind", ""},
    {TextId::kCardGroupSearch, "card.group_search", "name"},
    {TextId::kCardNationwide, "card.nationwide", ""},
    {TextId::kCardLabelContact, "card.label_contact", ""},
    {TextId::kCardLabelHow, "card.label_how", ""},
    {TextId::kCardLabelSearch, "card.label_search", ""},
    {TextId::kCardLabelHours, "card.label_hours", ""},
    {TextId::kCardLabelCost, "card.label_cost", ""},
    {TextId::kCardLabelArea, "card.label_area", ""},
    {TextId::kCardLabelSource, "card.label_source", ""},
    {TextId::kCardNotConfirmed, "card.not_confirmed", ""},
    {TextId::kCardMaybeOld, "card.maybe_old", ""},
    {TextId::kCardOpenSource, "card.open_source", ""},
    {TextId::kCardButtonCall, "card.button_call", ""},
    {TextId::kCardButtonOpen, "card.button_open", ""},
    {TextId::kCardOpenNow, "card.open_now", ""},
    {TextId::kCardClosedNow, "card.closed_now", ""},
    {TextId::kCardsAlt, "cards.alt", "count"},
    {TextId::kCrisisLinesTitle, "crisis.lines_title", ""},
    {TextId::kCrisisMoreLines, "crisis.more_lines", ""},
    {TextId::kCrisisLinesAlt, "crisis.lines_alt", ""},
    {TextId::kChoosePrompt, "choose.prompt", ""},
    {TextId::kLangSwitched, "lang.switched", ""},
    {TextId::kLangNameJa, "lang.name_ja", ""},
    {TextId::kLangNameEasy, "lang.name_easy", ""},
    {TextId::kLangNameEn, "lang.name_en", ""},
    {TextId::kCardOurTranslation, "card.our_translation", ""},
    {TextId::kFoodEntryButton, "food.entry_button", ""},
    {TextId::kFoodAreaQuestion, "food.area_question", ""},
    {TextId::kFoodAreaUnknown, "food.area_unknown", ""},
    {TextId::kFoodNoPartner, "food.no_partner", "place"},
    {TextId::kFoodToday, "food.today", ""},
    {TextId::kFoodIntro, "food.intro", ""},
    {TextId::kFoodReceiver, "food.receiver", "name"},
    {TextId::kFoodAsks, "food.asks", ""},
    {TextId::kFoodConsentYes, "food.consent_yes", ""},
    {TextId::kFoodStop, "food.stop", ""},
    {TextId::kFoodBack, "food.back", ""},
    {TextId::kFoodSkipNickname, "food.skip_nickname", ""},
    {TextId::kFoodSkipNone, "food.skip_none", ""},
    {TextId::kFoodQNickname, "food.q_nickname", ""},
    {TextId::kFoodQAge, "food.q_age", ""},
    {TextId::kFoodAgeOptions, "food.age_options", ""},
    {TextId::kFoodQMunicipality, "food.q_municipality", "prefecture"},
    {TextId::kFoodQLeftCare, "food.q_left_care", ""},
    {TextId::kFoodLeftCareOptions, "food.left_care_options", ""},
    {TextId::kFoodQHousehold, "food.q_household", ""},
    {TextId::kFoodHouseholdOptions, "food.household_options", ""},
    {TextId::kFoodQAllergies, "food.q_allergies", ""},
    {TextId::kFoodQContactMethod, "food.q_contact_method", ""},
    {TextId::kFoodContactOptions, "food.contact_options", ""},
    {TextId::kFoodQContactLine, "food.q_contact_line", ""},
    {TextId::kFoodQContactPhone, "food.q_contact_phone", ""},
    {TextId::kFoodQContactEmail, "food.q_contact_email", ""},
    {TextId::kFoodQDelivery, "food.q_delivery", ""},
    {TextId::kFoodDeliveryOptions, "food.delivery_options", ""},
    {TextId::kFoodQWorries, "food.q_worries", ""},
    {TextId::kFoodSummary, "food.summary", ""},
    {TextId::kFoodSummaryLabels, "food.summary_labels", ""},
    {TextId::kFoodNoneValue, "food.none_value", ""},
    {TextId::kFoodSend, "food.send", ""},
    {TextId::kFoodInvalidChoice, "food.invalid_choice", ""},
    {TextId::kFoodInvalidMunicipality, "food.invalid_municipality", ""},
    {TextId::kFoodInvalidPhone, "food.invalid_phone", ""},
    {TextId::kFoodInvalidEmail, "food.invalid_email", ""},
    {TextId::kFoodInvalidLine, "food.invalid_line", ""},
    {TextId::kFoodInvalidLong, "food.invalid_long", "max"},
    {TextId::kFoodStopped, "food.stopped", ""},
    {TextId::kFoodDoneRef, "food.done_ref", "ref"},
    {TextId::kFoodDoneWho, "food.done_who", "name"},
    {TextId::kFoodDoneWhen, "food.done_when", ""},
    {TextId::kFoodAlreadySent, "food.already_sent", "ref"},
    {TextId::kFoodStatusButton, "food.status_button", ""},
    {TextId::kFoodStatusNone, "food.status_none", ""},
    {TextId::kFoodStatusItem, "food.status_item", "ref"},
    {TextId::kFoodStatusReceived, "food.status_received", ""},
    {TextId::kFoodStatusContacted, "food.status_contacted", ""},
    {TextId::kFoodStatusHandedOver, "food.status_handed_over", ""},
    {TextId::kFoodStatusClosed, "food.status_closed", ""},
    {TextId::kFoodStatusCancelled, "food.status_cancelled", ""},
    {TextId::kFoodCancelButton, "food.cancel_button", "ref"},
    {TextId::kFoodCancelQuestion, "food.cancel_question", "ref"},
    {TextId::kFoodCancelYes, "food.cancel_yes", ""},
    {TextId::kFoodCancelNo, "food.cancel_no", ""},
    {TextId::kFoodCancelDone, "food.cancel_done", "ref"},
    {TextId::kFoodCancelKept, "food.cancel_kept", ""},
    {TextId::kFoodCancelNone, "food.cancel_none", ""},
    {TextId::kFoodResumeButton, "food.resume_button", ""},
    {TextId::kLocationButton, "location.button", ""},
    {TextId::kWorkerLinked, "worker.linked", ""},
    {TextId::kWorkerCodeWrong, "worker.code_wrong", ""},
    {TextId::kWorkerCodeExpired, "worker.code_expired", ""},
    {TextId::kWorkerCodeUsed, "worker.code_used", ""},
    {TextId::kWorkerCodeLimited, "worker.code_limited", ""},
    {TextId::kWorkerLineOnly, "worker.line_only", ""},
    {TextId::kWorkerNotLinked, "worker.not_linked", ""},
    {TextId::kWorkerAskNeed, "worker.ask_need", ""},
    {TextId::kWorkerAskArea, "worker.ask_area", "need"},
    {TextId::kWorkerAreaUnknown, "worker.area_unknown", ""},
    {TextId::kWorkerResultsHead, "worker.results_head", "what"},
    {TextId::kWorkerResultsNone, "worker.results_none", ""},
    {TextId::kWorkerLeft, "worker.left", ""},
    {TextId::kWorkerNext, "worker.next", ""},
    {TextId::kWorkerChangeArea, "worker.change_area", ""},
    {TextId::kWorkerChangeNeed, "worker.change_need", ""},
    {TextId::kWorkerRestart, "worker.restart", ""},
    {TextId::kWorkerExit, "worker.exit", ""},
    {TextId::kWorkerMoreNeeds, "worker.more_needs", ""},
    {TextId::kWorkerNationwide, "worker.nationwide", ""},
    {TextId::kSupporterIntro, "supporter.intro", "url"},
    {TextId::kSupporterResults, "supporter.results", ""},
    {TextId::kSupporterAreaQuestion, "supporter.area_question", ""},
    {TextId::kSupporterCrisis, "supporter.crisis", ""},
    {TextId::kSupporterLocalElderly, "supporter.local_elderly", ""},
    {TextId::kSupporterLocalLiving, "supporter.local_living", ""},
    {TextId::kSupporterLocalOther, "supporter.local_other", ""},
}};

// Texts shown as buttons: each variant fits a quick-reply label.
constexpr TextId kButtonTexts[] = {
    TextId::kCheckYes,         TextId::kCheckNo,          TextId::kLangNameJa,
    TextId::kLangNameEasy,     TextId::kLangNameEn,       TextId::kFoodEntryButton,
    TextId::kFoodConsentYes,   TextId::kFoodStop,         TextId::kFoodBack,
    TextId::kFoodSkipNickname, TextId::kFoodSkipNone,     TextId::kFoodSend,
    TextId::kFoodStatusButton, TextId::kFoodCancelYes,    TextId::kFoodCancelNo,
    TextId::kFoodResumeButton, TextId::kLocationButton,   TextId::kFoodCancelButton,
    TextId::kWorkerNext,       TextId::kWorkerChangeArea, TextId::kWorkerChangeNeed,
    TextId::kWorkerRestart,    TextId::kWorkerExit,       TextId::kWorkerMoreNeeds,
    TextId::kWorkerNationwide};
// A card's call and open buttons (Flex buttons): each variant fits a Flex button label.
constexpr TextId kFlexButtonTexts[] = {TextId::kCardButtonCall, TextId::kCardButtonOpen};
// What a button's {ref} becomes: a food-support reference, 8 characters (new_food_ref(), 40
// random bits in base32).
constexpr std::size_t kRefUnits = 8;
// Lists of labels separated by |: as many in every variant as in Japanese; the option lists are
// buttons, each label within a quick-reply label.
constexpr TextId kOptionLists[] = {TextId::kFoodAgeOptions, TextId::kFoodLeftCareOptions,
                                   TextId::kFoodHouseholdOptions, TextId::kFoodContactOptions,
                                   TextId::kFoodDeliveryOptions};
constexpr TextId kLabelLists[] = {TextId::kFoodSummaryLabels};

constexpr bool specs_in_order() {
  for (std::size_t i = 0; i < kSpecs.size(); ++i) {
    if (static_cast<std::size_t>(kSpecs[i].id) != i)
      return false;
  }
  return true;
}
static_assert(specs_in_order(), "kSpecs lists every TextId in the order of the enum");

const TextSpec& spec(TextId id) {
  return kSpecs[static_cast<std::size_t>(id)];
}

Error bad(const std::string& source, std::string what) {
  return Error::invalid_argument(source, std::move(what));
}

std::string in_quotes(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

// "" when `text` holds the placeholder of `s` exactly once and no other brace; else the problem.
std::string check_placeholder(const TextSpec& s, const std::string& text) {
  const std::string_view name = s.placeholder;
  if (name.empty()) {
    if (text.find_first_of("{}") != std::string::npos)
      return "holds a brace but takes no placeholder";
    return "";
  }
  const std::string token = "{" + std::string(name) + "}";
  const std::size_t at = text.find(token);
  std::string rest = text;
  if (at != std::string::npos)
    rest.erase(at, token.size());
  if (at == std::string::npos || rest.find_first_of("{}") != std::string::npos)
    return "must hold " + token + " exactly once";
  return "";
}

template <std::size_t N>
bool is_one_of(TextId id, const TextId (&ids)[N]) {
  for (TextId b : ids) {
    if (b == id)
      return true;
  }
  return false;
}

// "" when every variant of a |-separated list holds as many labels as the Japanese one, each a
// quick-reply label when `buttons`; else the problem.
std::string check_list(const Localized& text, bool buttons) {
  const auto count =
      static_cast<std::size_t>(std::count(text.ja().begin(), text.ja().end(), '|')) + 1;
  for (ReplyLang lang : kReplyLangs) {
    const std::string& t = text.in(lang);
    const std::string variant = in_quotes(reply_lang_code(lang));
    if (static_cast<std::size_t>(std::count(t.begin(), t.end(), '|')) + 1 != count)
      return variant + " must hold " + std::to_string(count) + " labels separated by |";
    std::size_t start = 0;
    while (buttons && start <= t.size()) {
      const std::size_t end = std::min(t.find('|', start), t.size());
      const std::size_t units = utf8::utf16_length(std::string_view(t).substr(start, end - start));
      if (units == 0 || units > line_limits::kMaxQuickReplyLabelUnits)
        return variant + " has a label of " + std::to_string(units) + " UTF-16 units (1 to 20)";
      start = end + 1;
    }
  }
  return "";
}

// The three variants of one entry, or the problem with them.
Result<Localized> read_entry(const json& entry, const TextSpec& s, const std::string& source,
                             const std::string& where) {
  Localized text;
  if (std::string problem = read_localized(entry, text); !problem.empty())
    return bad(source, where + ": " + problem);
  for (ReplyLang lang : kReplyLangs) {
    const std::string variant = in_quotes(reply_lang_code(lang));
    if (std::string problem = check_placeholder(s, text.in(lang)); !problem.empty())
      return bad(source, where + ": " + variant + " " + problem);
    std::size_t units = utf8::utf16_length(text.in(lang));
    if (std::string_view(s.placeholder) == "ref")
      units = units - std::string_view("{ref}").size() + kRefUnits;
    if (is_one_of(s.id, kButtonTexts) && units > line_limits::kMaxQuickReplyLabelUnits) {
      return bad(source, where + ": " + variant + " is " + std::to_string(units) +
                             " UTF-16 units (a button: max 20)");
    }
    if (is_one_of(s.id, kFlexButtonTexts) && units > line_limits::kMaxFlexButtonLabelUnits) {
      return bad(source, where + ": " + variant + " is " + std::to_string(units) +
                             " UTF-16 units (a Flex button: max 40)");
    }
  }
  const bool options = is_one_of(s.id, kOptionLists);
  if (options || is_one_of(s.id, kLabelLists)) {
    if (std::string problem = check_list(text, options); !problem.empty())
      return bad(source, where + ": " + problem);
  }
  return text;
}

}  // namespace

Result<Texts> Texts::parse(std::string_view text, const std::string& source) {
  const json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return bad(source, "not a JSON object");
  auto entries = doc.find("texts");
  if (entries == doc.end() || !entries->is_object())
    return bad(source, "texts: expected an object");
  Texts texts;
  texts.texts_.resize(kSpecs.size());
  std::vector<bool> seen(kSpecs.size(), false);
  for (const auto& [key, entry] : entries->items()) {
    const std::string where = "text " + in_quotes(key);
    const TextSpec* found = nullptr;
    for (const auto& s : kSpecs) {
      if (key == s.key)
        found = &s;
    }
    if (found == nullptr)
      return bad(source, where + ": unknown id");
    auto variants = read_entry(entry, *found, source, where);
    if (!variants.ok())
      return variants.error();
    const auto i = static_cast<std::size_t>(found->id);
    texts.texts_[i] = std::move(variants).value();
    seen[i] = true;
  }
  for (const auto& s : kSpecs) {
    if (!seen[static_cast<std::size_t>(s.id)])
      return bad(source, "text " + in_quotes(s.key) + ": missing");
  }
  return texts;
}

Result<Texts> Texts::load_bundled() {
  auto data = embedded_file(kBundledPath);
  if (!data)
    return Error::not_found(kBundledPath, "not compiled into the binary");
  return parse(*data, kBundledPath);
}

const Texts& Texts::bundled() {
  static const Texts kTexts = [] {
    auto texts = load_bundled();
    if (!texts.ok()) {
      std::fprintf(stderr, "shirube: %s\n", texts.error().message().c_str());
      std::abort();
    }
    return std::move(texts).value();
  }();
  return kTexts;
}

std::string Texts::fill(TextId id, std::string_view value, ReplyLang lang) const {
  std::string out = get(id, lang);
  const std::string_view name = placeholder(id);
  if (name.empty())
    return out;
  const std::string token = "{" + std::string(name) + "}";
  const std::size_t at = out.find(token);
  if (at != std::string::npos)  // always, once parse() accepted the file
    out.replace(at, token.size(), value);
  return out;
}

std::string_view Texts::key(TextId id) {
  return spec(id).key;
}

std::string_view Texts::placeholder(TextId id) {
  return spec(id).placeholder;
}

}  // namespace shirube::bot
