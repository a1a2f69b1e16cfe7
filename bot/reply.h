#pragma once
// The channel-neutral conversation values. The engine produces a Reply; renderers in
// webhooks/ turn it into LINE message objects (and the same objects serve the web chat).
// Plain values; thread-safe to copy.

#include <optional>
#include <string>
#include <vector>

#include "intents/risk.h"

namespace shirube::bot {

// A button the person can tap. `data` is the postback payload (<= 300 bytes, checked by
// the tree validator and the renderer).
struct Choice {
  std::string label;  // short; the renderer cuts to LINE's 20 units if needed
  std::string data;   // postback data, e.g. "n=food.area" or "nav=back"
};

// A tap-to-call or tap-to-open action.
struct Link {
  std::string label;  // "電話する 0120-279-338"
  std::string uri;    // "tel:0120279338" or "https://..."
};

// One service shown to the person.
struct ResultCard {
  std::string service_id;
  std::string title;     // name, as published
  std::string title_en;  // English replies: the English name when the data has one, else ""
  std::string organization;
  // 「この活動をしている団体」 for a programme known without any contact (not a window); "" for
  // a place to call, open or visit.
  std::string kind_label;
  std::string summary;         // what it is / who it is for (short)
  std::string contact;         // as in the data; "" = not in our data
  std::optional<Link> action;  // tel: or https:, only where it works on iPhone and Android
  // How to reach it when a tap cannot (「電話アプリで #8008 と入力してかけます」), or what to do
  // after the tap (「つながったら、音声案内で「4」をえらびます」); "" when the tap is enough.
  std::string how_to_call;
  // For a programme without contact: what to search for to find the group (its name).
  std::string search_hint;
  std::string hours;  // "" = unknown -> renderer says 「受付時間は確認できていません」
  // Whether it takes calls at the moment of the reply, read from `hours` (knowledge/hours.h):
  // 「いま受付中」 or 「いまは受付時間外」; "" when the hours text does not say (never a guess).
  std::string open_label;
  bool closed_now = false;  // the hours say it is closed at the moment of the reply
  std::string cost;
  std::string area;  // "全国" / "山梨県" / "北海道札幌市"
  std::string source_title;
  std::string source_url;
  std::string last_verified;  // "YYYY-MM-DD" or "" (unverified)
  std::string source_date;  // date of the source as in the data: "2024-09-01", "2015-11", "unknown"
  std::string date_label;  // ready to show: 「最終確認 2026-11-22」 or 「未確認（出典 2015）」
  bool stale = false;  // last_verified older than the freshness window
  bool urgent = false;
  bool is_24h = false;
};

struct Reply {
  std::vector<std::string> texts;  // short paragraphs, shown first
  std::vector<Link> links;         // crisis: tap-to-call lines (110/119, 24h lines)
  std::vector<ResultCard> cards;   // results
  std::vector<std::string> notes;  // after the cards (how to find the local window)
  std::vector<Choice> choices;     // quick replies (buttons before paragraphs)
  // The language switch (the first screen, and after a switch): the two other reply variants,
  // each named in itself (「やさしい日本語」, "English"), data "lang=easy" / "lang=en" / "lang=ja".
  std::vector<Choice> languages;
  std::string node;  // tree node id after this turn
  // The step asks where the person lives (an area or region step): LINE adds a quick reply that
  // sends the person's location (webhooks/line_render.h); the web chat has no such action.
  bool asks_area = false;
  std::optional<std::string> category;  // top-level category id, nullopt at the root
  bool crisis = false;                  // true exactly when risk is kCrisis
  // crisis: the crisis answer; check: the direct question with the lines; none: otherwise.
  intents::RiskLevel risk = intents::RiskLevel::kNone;
  // The reply variant kept for the person: "ja", "easy" or "en" (common/reply_lang.h); every
  // text above is in it (records' own words excepted).
  std::string lang = "ja";
  // The language of the person's messages as detected and kept (intents/language.h codes;
  // "" = not known yet).
  std::string detected;
};

// What the person sent. Exactly one kind per turn.
struct Input {
  enum class Kind { kText, kPostback, kLocation, kFollow, kMedia };
  Kind kind = Kind::kText;
  std::string text;     // kText
  std::string data;     // kPostback
  double latitude = 0;  // kLocation
  double longitude = 0;
  int prefecture = 0;  // kLocation: resolved by the channel from the coordinates (0 = unknown)
  std::string media;   // kMedia: "sticker", "image", "audio", "video", "file"
  // Any kind: a reply variant chosen outside the conversation ("ja", "easy", "en"; the chat
  // API's "lang"), kept from this turn on; "" keeps the session's.
  std::string lang;
};

}  // namespace shirube::bot
