// Slightly over 500 lines: one Reply becomes LINE messages under all of LINE's limits (five
// messages, bubble and carousel sizes, quick-reply items, alt text); the sizing decisions
// depend on each other and are read together.
#include "webhooks/line_render.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bot/texts.h"
#include "common/line_limits.h"
#include "common/reply_lang.h"
#include "common/utf8.h"

namespace shirube::webhooks {
namespace {

using bot::TextId;
using nlohmann::json;

// The renderer's own words, in the reply's variant (bot/data/texts.json, checked at start).
const std::string& say(TextId id, ReplyLang lang) {
  return bot::Texts::bundled().get(id, lang);
}

// LINE's limits (common/line_limits.h).
using line_limits::kMaxAltTextUnits;
using line_limits::kMaxBubbleBytes;
using line_limits::kMaxBubbles;
using line_limits::kMaxCarouselBytes;
using line_limits::kMaxFlexButtonLabelUnits;
using line_limits::kMaxMessages;
using line_limits::kMaxPostbackDataBytes;
using line_limits::kMaxQuickReplyItems;
using line_limits::kMaxQuickReplyLabelUnits;
using line_limits::kMaxTextUnits;
using line_limits::kMaxUriChars;

// How many crisis links are shown, and how many of them on the first bubble: more would push
// the reply past a phone screen, and three buttons are what a person in crisis can take in.
constexpr std::size_t kMaxCrisisButtons = 10;
constexpr std::size_t kFirstBubbleButtons = 3;

constexpr const char* kSeparator = " ／ ";

std::string clean(std::string_view s) {
  return utf8::sanitize(s);
}

// Cut to `units` UTF-16 units with "…"; sanitised first so a cut never meets a broken byte.
std::string cut(std::string_view s, std::size_t units) {
  return utf8::truncate_utf16(utf8::sanitize(s), units, true);
}

std::size_t json_size(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace).size();
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size())
    return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i])
      return false;
  }
  return true;
}

json text_component(const std::string& text, const char* size, const char* color,
                    bool bold = false) {
  json t = {{"type", "text"}, {"text", text}, {"wrap", true}, {"size", size}};
  if (color != nullptr)
    t["color"] = color;
  if (bold)
    t["weight"] = "bold";
  return t;
}

json uri_button(const std::string& label, const std::string& uri, const char* style,
                const char* color) {
  json b = {
      {"type", "button"},
      {"style", style},
      {"height", "sm"},
      {"action", {{"type", "uri"}, {"label", cut(label, kMaxFlexButtonLabelUnits)}, {"uri", uri}}}};
  if (color != nullptr)
    b["color"] = color;
  return b;
}

// ---- crisis links ----------------------------------------------------------------------

// A bubble of the links [from, to): `title`, then the buttons (a link whose URI cannot be a
// button keeps its words as text).
json crisis_bubble(const std::vector<bot::Link>& links, std::size_t from, std::size_t to,
                   const char* title, std::size_t label_units) {
  json body = json::array();
  body.push_back(text_component(title, "md", "#B3261E", true));
  json buttons = json::array();
  for (std::size_t i = from; i < to && i < links.size(); ++i) {
    const bot::Link& link = links[i];
    const std::string label = cut(link.label, std::min(label_units, kMaxFlexButtonLabelUnits));
    if (label.empty())
      continue;
    const std::string uri = line_safe_uri(link.uri);
    if (uri.empty()) {
      // Keep the words (they usually hold the number) even when the URI cannot be a button.
      body.push_back(text_component(label, "sm", "#333333"));
    } else {
      buttons.push_back(uri_button(label, uri, "primary", "#B3261E"));
    }
  }
  json bubble = {
      {"type", "bubble"},
      {"body", {{"type", "box"}, {"layout", "vertical"}, {"spacing", "sm"}, {"contents", body}}}};
  if (!buttons.empty()) {
    bubble["footer"] = {
        {"type", "box"}, {"layout", "vertical"}, {"spacing", "sm"}, {"contents", buttons}};
  }
  return bubble;
}

// The first kFirstBubbleButtons links in one bubble; the rest (up to kMaxCrisisButtons in all)
// in a second bubble beside it, one swipe or tap away.
json crisis_contents(const std::vector<bot::Link>& links, std::size_t label_units, ReplyLang lang) {
  const std::size_t total = std::min(links.size(), kMaxCrisisButtons);
  json first = crisis_bubble(links, 0, std::min(total, kFirstBubbleButtons),
                             say(TextId::kCrisisLinesTitle, lang).c_str(), label_units);
  if (total <= kFirstBubbleButtons)
    return first;
  json rest = crisis_bubble(links, kFirstBubbleButtons, total,
                            say(TextId::kCrisisMoreLines, lang).c_str(), label_units);
  return {{"type", "carousel"}, {"contents", json::array({first, rest})}};
}

std::string crisis_alt_text(const std::vector<bot::Link>& links, ReplyLang lang) {
  std::string alt = say(TextId::kCrisisLinesAlt, lang);
  bool first = true;
  for (const auto& link : links) {
    if (!first)
      alt += kSeparator;
    alt += clean(link.label);
    first = false;
  }
  return cut(alt, kMaxAltTextUnits);
}

// ---- result cards ----------------------------------------------------------------------

// Per-field caps keep a card phone-sized; `scale` shrinks them if a bubble still came out
// too large (only possible with pathological data).
json card_bubble(const bot::ResultCard& card, std::size_t scale, ReplyLang lang) {
  const auto cap = [scale](std::size_t units) { return std::max<std::size_t>(units / scale, 8); };
  json body = json::array();
  if (!card.kind_label.empty())
    body.push_back(text_component(cut(card.kind_label, cap(40)), "xs", "#5F6368", true));
  body.push_back(text_component(cut(card.title, cap(100)), "md", "#1B1B1B", true));
  if (!card.title_en.empty())
    body.push_back(text_component(cut(card.title_en, cap(100)), "sm", "#1B1B1B", true));
  if (!card.organization.empty()) {
    body.push_back(text_component(cut(card.organization, cap(80)), "xs", "#5F6368"));
  }
  if (!card.summary.empty()) {
    body.push_back(text_component(cut(card.summary, cap(120)), "sm", "#333333"));
  }
  body.push_back({{"type", "separator"}, {"margin", "md"}});
  const auto row = [&](const std::string& label, const std::string& value, std::size_t units) {
    body.push_back(text_component(cut(label + value, cap(units)), "sm", "#333333"));
  };
  const auto known = [lang](const std::string& value) {
    return value.empty() ? say(TextId::kCardNotConfirmed, lang) : value;
  };
  if (!card.search_hint.empty()) {
    row(say(TextId::kCardLabelSearch, lang), card.search_hint, 160);
  } else {
    row(say(TextId::kCardLabelContact, lang), known(card.contact), 120);
  }
  if (!card.how_to_call.empty())
    row(say(TextId::kCardLabelHow, lang), card.how_to_call, 120);
  row(say(TextId::kCardLabelHours, lang), known(card.hours), 160);
  if (!card.open_label.empty()) {
    body.push_back(text_component(cut(card.open_label, cap(40)), "sm",
                                  card.closed_now ? "#B3261E" : "#1A7F5A", true));
  }
  row(say(TextId::kCardLabelCost, lang), known(card.cost), 100);
  if (!card.area.empty())
    row(say(TextId::kCardLabelArea, lang), card.area, 60);
  std::string verified =
      !card.date_label.empty() ? card.date_label
      : card.last_verified.empty()
          ? say(TextId::kCardUnverified, lang)
          : bot::Texts::bundled().fill(TextId::kCardVerified, card.last_verified, lang);
  if (card.stale)
    verified += say(TextId::kCardMaybeOld, lang);
  body.push_back(text_component(cut(verified, cap(60)), "xs",
                                card.stale || card.last_verified.empty() ? "#B3261E" : "#5F6368"));
  if (!card.source_title.empty()) {
    // The title links to the page itself where there is one.
    json source = text_component(
        cut(say(TextId::kCardLabelSource, lang) + card.source_title, cap(100)), "xxs", "#5F6368");
    const std::string uri = line_safe_uri(card.source_url);
    if (!uri.empty() && !starts_with_ci(uri, "tel:")) {
      source["decoration"] = "underline";
      source["action"] = {
          {"type", "uri"}, {"label", say(TextId::kCardOpenSource, lang)}, {"uri", uri}};
    }
    body.push_back(std::move(source));
  }
  json bubble = {
      {"type", "bubble"},
      {"body", {{"type", "box"}, {"layout", "vertical"}, {"spacing", "sm"}, {"contents", body}}}};
  if (card.action) {
    const std::string uri = line_safe_uri(card.action->uri);
    if (!uri.empty()) {
      const bool tel = starts_with_ci(uri, "tel:");
      bubble["footer"] = {
          {"type", "box"},
          {"layout", "vertical"},
          {"contents", json::array({uri_button(
                           say(tel ? TextId::kCardButtonCall : TextId::kCardButtonOpen, lang), uri,
                           "primary", "#1A7F5A")})}};
    }
  }
  return bubble;
}

json fitted_card_bubble(const bot::ResultCard& card, ReplyLang lang) {
  json bubble = card_bubble(card, 1, lang);
  for (std::size_t scale = 2; json_size(bubble) > kMaxBubbleBytes && scale <= 16; scale *= 2) {
    bubble = card_bubble(card, scale, lang);
  }
  return bubble;
}

std::string cards_alt_text(const std::vector<const bot::ResultCard*>& cards, ReplyLang lang) {
  std::string alt =
      bot::Texts::bundled().fill(TextId::kCardsAlt, std::to_string(cards.size()), lang);
  bool first = true;
  for (const auto* card : cards) {
    if (!first)
      alt += kSeparator;
    alt += clean(card->title);
    if (!card->contact.empty())
      alt += " " + clean(card->contact);
    first = false;
  }
  return cut(alt, kMaxAltTextUnits);
}

// ---- the language switch ---------------------------------------------------------------

// A small bubble of postback buttons, one per other variant (each named in itself, shown as
// the person's message when tapped); null when there are none or a choice cannot be sent.
json language_bubble(const std::vector<bot::Choice>& languages) {
  json buttons = json::array();
  std::string alt;
  for (const auto& c : languages) {
    if (c.data.empty() || c.data.size() > kMaxPostbackDataBytes || !utf8::is_valid(c.data))
      continue;
    const std::string label = cut(c.label, kMaxQuickReplyLabelUnits);
    buttons.push_back(
        {{"type", "button"},
         {"style", "secondary"},
         {"height", "sm"},
         {"action",
          {{"type", "postback"}, {"label", label}, {"data", c.data}, {"displayText", label}}}});
    alt += (alt.empty() ? "" : kSeparator) + label;
  }
  if (buttons.empty())
    return nullptr;
  json box = {{"type", "box"}, {"layout", "horizontal"}, {"spacing", "sm"}, {"contents", buttons}};
  return {{"type", "flex"},
          {"altText", cut(alt, kMaxAltTextUnits)},
          {"contents", {{"type", "bubble"}, {"size", "kilo"}, {"body", box}}}};
}

struct Carousel {
  std::vector<const bot::ResultCard*> cards;
  json bubbles = json::array();
  std::size_t bytes = 0;
};

std::vector<Carousel> chunk_cards(const std::vector<bot::ResultCard>& cards, ReplyLang lang) {
  std::vector<Carousel> out;
  constexpr std::size_t kEnvelope = 64;  // {"type":"carousel","contents":[...]} and commas
  for (const auto& card : cards) {
    json bubble = fitted_card_bubble(card, lang);
    const std::size_t size = json_size(bubble) + 1;
    if (out.empty() || out.back().cards.size() == kMaxBubbles ||
        out.back().bytes + size + kEnvelope > kMaxCarouselBytes) {
      out.emplace_back();
    }
    out.back().cards.push_back(&card);
    out.back().bubbles.push_back(std::move(bubble));
    out.back().bytes += size;
  }
  return out;
}

// ---- texts -----------------------------------------------------------------------------

// Splits `text` into pieces of at most kMaxTextUnits, preferring a line break near the end.
std::vector<std::string> split_text(const std::string& text) {
  std::vector<std::string> pieces;
  std::string rest = text;
  while (utf8::utf16_length(rest) > kMaxTextUnits) {
    std::string head = utf8::truncate_utf16(rest, kMaxTextUnits, false);
    const std::size_t nl = head.rfind('\n');
    if (nl != std::string::npos && nl > head.size() / 2)
      head.resize(nl + 1);
    rest.erase(0, head.size());
    pieces.push_back(std::move(head));
  }
  if (!rest.empty())
    pieces.push_back(std::move(rest));
  return pieces;
}

// Fits the paragraphs into at most `slots` messages: one message per paragraph when there is
// room, otherwise paragraphs are joined, and what still does not fit is cut with "…".
std::vector<std::string> pack_texts(const std::vector<std::string>& texts, std::size_t slots) {
  std::vector<std::string> pieces;
  for (const auto& t : texts) {
    const std::string c = clean(t);
    if (c.empty())
      continue;
    for (auto& p : split_text(c))
      pieces.push_back(std::move(p));
  }
  if (pieces.size() <= slots || slots == 0) {
    if (slots == 0)
      pieces.clear();
    return pieces;
  }
  // Join neighbours greedily.
  std::vector<std::string> joined;
  for (auto& p : pieces) {
    if (!joined.empty() &&
        utf8::utf16_length(joined.back()) + 2 + utf8::utf16_length(p) <= kMaxTextUnits) {
      joined.back() += "\n\n" + p;
    } else {
      joined.push_back(std::move(p));
    }
  }
  if (joined.size() > slots) {
    std::string tail;
    for (std::size_t i = slots - 1; i < joined.size(); ++i) {
      if (!tail.empty())
        tail += "\n\n";
      tail += joined[i];
    }
    joined.resize(slots - 1);
    joined.push_back(utf8::truncate_utf16(tail, kMaxTextUnits, true));
  }
  return joined;
}

// ---- quick replies ---------------------------------------------------------------------

bool is_nav(const bot::Choice& c) {
  return c.data.rfind("nav=", 0) == 0;
}

json quick_reply(const std::vector<bot::Choice>& choices, std::size_t max_items) {
  std::vector<const bot::Choice*> usable;
  for (const auto& c : choices) {
    if (c.data.empty() || c.data.size() > kMaxPostbackDataBytes || !utf8::is_valid(c.data)) {
      continue;  // a cut postback would lead somewhere the person did not choose
    }
    if (clean(c.label).empty())
      continue;  // LINE requires a label
    usable.push_back(&c);
  }
  if (usable.size() > max_items) {
    // Keep the way back (nav=...) and the first choices, in their original order.
    std::size_t nav = static_cast<std::size_t>(
        std::count_if(usable.begin(), usable.end(), [](const auto* c) { return is_nav(*c); }));
    nav = std::min<std::size_t>(nav, 3);
    std::size_t others_left = max_items - nav;
    std::size_t nav_left = nav;
    std::vector<const bot::Choice*> kept;
    for (const auto* c : usable) {
      if (is_nav(*c)) {
        if (nav_left > 0) {
          kept.push_back(c);
          --nav_left;
        }
      } else if (others_left > 0) {
        kept.push_back(c);
        --others_left;
      }
    }
    usable = std::move(kept);
  }
  json items = json::array();
  for (const auto* c : usable) {
    const std::string label = cut(c->label, kMaxQuickReplyLabelUnits);
    items.push_back(
        {{"type", "action"},
         {"action",
          {{"type", "postback"}, {"label", label}, {"data", c->data}, {"displayText", label}}}});
  }
  return items;
}

}  // namespace

std::string line_safe_uri(const std::string& uri) {
  if (!(starts_with_ci(uri, "https://") || starts_with_ci(uri, "http://") ||
        starts_with_ci(uri, "tel:"))) {
    return "";
  }
  if (!utf8::is_valid(uri))
    return "";
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : uri) {
    const auto b = static_cast<unsigned char>(ch);
    if (b < 0x20 || b == 0x7F)
      return "";  // control characters never belong in a link
    if (b >= 0x80 || b == ' ' || b == '"' || b == '<' || b == '>' || b == '\\' || b == '^' ||
        b == '`' || b == '{' || b == '|' || b == '}') {
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 0x0F];
    } else {
      out += ch;
    }
  }
  if (out.size() > kMaxUriChars)
    return "";
  const std::size_t colon = out.find(':');
  const std::string_view after(out.c_str() + colon + 1);
  if (after.empty() || after == "//")
    return "";
  return out;
}

json render_line_messages(const bot::Reply& reply, const LineRenderOptions& options) {
  const ReplyLang lang = reply_lang_from_code(reply.lang).value_or(ReplyLang::kJa);
  std::vector<json> head;  // crisis links, the language switch
  if (!reply.links.empty()) {
    json bubble = crisis_contents(reply.links, kMaxFlexButtonLabelUnits, lang);
    if (json_size(bubble) > kMaxBubbleBytes)
      bubble = crisis_contents(reply.links, 20, lang);
    head.push_back(
        {{"type", "flex"}, {"altText", crisis_alt_text(reply.links, lang)}, {"contents", bubble}});
  }
  if (json switch_bubble = language_bubble(reply.languages); !switch_bubble.is_null())
    head.push_back(std::move(switch_bubble));

  std::vector<Carousel> carousels = chunk_cards(reply.cards, lang);
  auto any_text = [](const std::vector<std::string>& v) {
    return std::any_of(v.begin(), v.end(), [](const std::string& t) { return !t.empty(); });
  };
  const bool has_notes = any_text(reply.notes);
  const bool has_text = any_text(reply.texts) || has_notes;
  // Slots: crisis first, then at least one text message, then carousels, then the notes (one
  // message after the cards when there is room, else joined to the texts).
  std::size_t free_slots = kMaxMessages - head.size();
  const std::size_t card_slots =
      std::min(carousels.size(), free_slots - ((has_text && free_slots > 0) ? 1 : 0));
  carousels.resize(card_slots);
  free_slots -= card_slots;
  const bool notes_alone = has_notes && any_text(reply.texts) && free_slots >= 2;
  std::vector<std::string> notes;
  std::vector<std::string> texts;
  if (notes_alone) {
    notes = pack_texts(reply.notes, 1);
    texts = pack_texts(reply.texts, free_slots - 1);
  } else {
    std::vector<std::string> all = reply.texts;
    all.insert(all.end(), reply.notes.begin(), reply.notes.end());
    texts = pack_texts(all, free_slots);
  }

  json messages = json::array();
  for (auto& m : head)
    messages.push_back(std::move(m));
  for (auto& t : texts)
    messages.push_back({{"type", "text"}, {"text", std::move(t)}});
  for (std::size_t i = 0; i < carousels.size(); ++i) {
    std::string alt = cards_alt_text(carousels[i].cards, lang);
    messages.push_back({{"type", "flex"},
                        {"altText", alt},
                        {"contents", {{"type", "carousel"}, {"contents", carousels[i].bubbles}}}});
  }
  for (auto& t : notes)
    messages.push_back({{"type", "text"}, {"text", std::move(t)}});

  const bool location = options.location && reply.asks_area;
  json items = quick_reply(reply.choices, kMaxQuickReplyItems - (location ? 1 : 0));
  if (location) {
    const std::string label = cut(say(TextId::kLocationButton, lang), kMaxQuickReplyLabelUnits);
    items.insert(items.begin(),
                 json{{"type", "action"}, {"action", {{"type", "location"}, {"label", label}}}});
  }
  if (!items.empty()) {
    if (messages.empty()) {
      messages.push_back({{"type", "text"}, {"text", say(TextId::kChoosePrompt, lang)}});
    }
    messages.back()["quickReply"] = {{"items", std::move(items)}};
  }
  return messages;
}

}  // namespace shirube::webhooks
