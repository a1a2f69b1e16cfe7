#include "bot/cards.h"

#include <algorithm>

#include "knowledge/contact.h"
#include "knowledge/hours.h"

namespace shirube::bot {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::optional<Link> contact_action(std::string_view contact, const Texts& texts, ReplyLang lang) {
  const knowledge::Contact c = knowledge::parse_contact(contact);
  switch (c.kind) {
    case knowledge::Contact::Kind::kUrl:
      return Link{texts.get(TextId::kCardOpenSite, lang), c.uri};
    case knowledge::Contact::Kind::kPhone:
      return Link{texts.fill(TextId::kCardCall, c.shown, lang), c.uri};
    case knowledge::Contact::Kind::kHashNumber:  // dialled by hand: see how_to_call()
    case knowledge::Contact::Kind::kNone:
      break;
  }
  return std::nullopt;
}

std::string how_to_call(const knowledge::Service& s, const Texts& texts, ReplyLang lang) {
  if (knowledge::open_only_in_periods(s))
    return texts.get(TextId::kCardPeriodsOnly, lang);
  const knowledge::Contact c = knowledge::parse_contact(s.contact);
  if (c.kind == knowledge::Contact::Kind::kHashNumber)
    return texts.fill(TextId::kCardDialHash, c.shown, lang);
  if (c.kind == knowledge::Contact::Kind::kPhone && c.menu_choice) {
    // The choice as the source gives it: the first 「N」 of the note.
    const std::size_t open = c.note.find("「");
    const std::size_t close = c.note.find("」", open == std::string::npos ? 0 : open);
    if (open != std::string::npos && close != std::string::npos) {
      const std::string choice = c.note.substr(open, close + 3 - open);
      return texts.fill(TextId::kCardMenuChoice, choice, lang);
    }
    return texts.get(TextId::kCardMenuFollow, lang);
  }
  return "";
}

std::optional<std::int64_t> days_from_date(std::string_view ymd) {
  if (ymd.size() != 10 || ymd[4] != '-' || ymd[7] != '-')
    return std::nullopt;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (!is_digit(ymd[i]))
      return std::nullopt;
  }
  auto num = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i)
      v = v * 10 + (ymd[i] - '0');
    return v;
  };
  int y = num(0, 4);
  const int m = num(5, 2);
  const int d = num(8, 2);
  if (m < 1 || m > 12 || d < 1 || d > 31)
    return std::nullopt;
  // Howard Hinnant's days_from_civil.
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

knowledge::hours::OpenState open_state(const knowledge::Service& s, std::int64_t now) {
  if (s.hours.empty() || knowledge::open_only_in_periods(s))
    return knowledge::hours::OpenState::kUnknown;
  namespace hours = knowledge::hours;
  return hours::is_open(hours::parse(s.hours), hours::japan_time(now));
}

std::string date_label(const knowledge::Service& s, const Texts& texts, ReplyLang lang) {
  if (days_from_date(s.last_verified)) {
    std::string label = texts.fill(TextId::kCardVerified, s.last_verified, lang);
    // Checked against a page that is itself years old: say how old, so a number from an old
    // page is not read as current.
    const std::string& src = s.source_date;
    if (src.size() >= 4 && is_digit(src[0]) && is_digit(src[1]) && is_digit(src[2]) &&
        is_digit(src[3]) &&
        std::stoi(s.last_verified.substr(0, 4)) - std::stoi(src.substr(0, 4)) >= kOldSourceYears) {
      label += texts.fill(TextId::kCardOldSource, src.substr(0, 4), lang);
    }
    return label;
  }
  const std::string& src = s.source_date;
  if (src.size() >= 4 && is_digit(src[0]) && is_digit(src[1]) && is_digit(src[2]) &&
      is_digit(src[3])) {
    return texts.fill(TextId::kCardUnverifiedSource, src.substr(0, 4), lang);
  }
  return texts.get(TextId::kCardUnverified, lang);
}

ResultCard make_card(const knowledge::Service& s, int stale_days, std::int64_t now,
                     const Texts& texts, ReplyLang lang) {
  ResultCard c;
  c.service_id = s.id;
  c.title = s.name;
  c.organization = s.organization_name;
  c.summary = !s.target.empty() ? s.target : s.description;
  if (lang == ReplyLang::kEn && !s.name_en.empty() && s.name_en != s.name)
    c.title_en = s.name_en;
  if (lang == ReplyLang::kEn && !s.summary_en.empty()) {
    c.summary = s.summary_en;
    if (s.en_source == "translation")
      c.summary += " " + texts.get(TextId::kCardOurTranslation, lang);
  }
  if (s.contact.empty() && s.channel.empty()) {
    // A programme known from a policy document, not a window: say what it is and how to look
    // for the group, never a guessed contact.
    c.kind_label = texts.get(TextId::kCardGroupKind, lang);
    const std::string& who = !s.organization_name.empty() ? s.organization_name : s.name;
    c.search_hint = texts.fill(TextId::kCardGroupSearch, who, lang);
  }
  c.contact = s.contact;
  // A line open only in announced periods gets no button: on most days it reaches nobody.
  if (!knowledge::open_only_in_periods(s))
    c.action = contact_action(s.contact, texts, lang);
  c.how_to_call = how_to_call(s, texts, lang);
  c.hours = s.hours;
  switch (open_state(s, now)) {
    case knowledge::hours::OpenState::kOpen:
      c.open_label = texts.get(TextId::kCardOpenNow, lang);
      break;
    case knowledge::hours::OpenState::kClosed:
      c.open_label = texts.get(TextId::kCardClosedNow, lang);
      c.closed_now = true;
      break;
    case knowledge::hours::OpenState::kUnknown:
      break;
  }
  c.cost = s.cost;
  c.area = !s.area_text.empty()
               ? s.area_text
               : (s.area_scope == "national" ? texts.get(TextId::kCardNationwide, lang) : "");
  if (lang == ReplyLang::kEn && s.area_scope == "national")  // the data writes 「全国」
    c.area = texts.get(TextId::kCardNationwide, lang);
  c.source_title = s.source_title;
  c.source_url = s.source_url;
  c.last_verified = s.last_verified;
  c.source_date = s.source_date;
  c.date_label = date_label(s, texts, lang);
  if (auto verified = days_from_date(s.last_verified)) {
    c.stale = now / 86400 - *verified > stale_days;
  }
  c.urgent = s.urgent;
  c.is_24h = s.is_24h;
  return c;
}

bool answers_in_english(const knowledge::Service& s) {
  return std::find(s.languages.begin(), s.languages.end(), "en") != s.languages.end();
}

}  // namespace shirube::bot
