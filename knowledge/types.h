#pragma once
// Plain value types of the knowledge base, shared with bot/ (which turns them into result
// cards) and with the CLI. No SQLite types here.

#include <optional>
#include <string>
#include <vector>

#include "common/categories.h"

namespace shirube::knowledge {

// The 17 top-level category ids (common/categories.h), in root-menu order.
inline const std::vector<std::string>& top_categories() {
  static const std::vector<std::string> kIds(kTopCategories.begin(), kTopCategories.end());
  return kIds;
}

// One place to send a person: a consultation window, a public programme, or a local group's
// activity. Seed organisations become an Organization plus one Service for their programme.
struct Service {
  std::string id;
  std::optional<std::string> organization_id;
  std::string organization_name;  // "" when none
  std::string name;
  std::string description;
  std::vector<std::string> categories;  // top-level ids and sub-category ids ("violence.dv")
  std::vector<std::string> situations;  // "care_leaver", "single_parent", ...
  std::string channel;                  // phone | sns | chat | web | visit | "" (unknown)
  std::string contact;                  // as in the source: "0120-783-556", a URL, a LINE id...
  std::string hours;                    // "" = unknown
  std::string cost;                     // "" = unknown
  std::string target;
  std::string eligibility;
  std::optional<int> min_age;
  std::optional<int> max_age;
  std::string area_scope;        // national | prefecture | municipality
  std::vector<int> prefectures;  // JIS codes 1..47 (empty for national)
  std::string area_text;         // area as written in the source ("北海道札幌市")
  bool urgent = false;
  bool is_24h = false;            // derived from hours ("24時間")
  std::string status = "active";  // active | inactive | seasonal
  std::string source_title;       // where the record came from, human-readable
  std::string source_url;         // "" when the source is a document, not a page
  std::string source_date;        // "2024-09-01", "2015-11", "unknown"
  std::string last_verified;      // "2026-11-22", "" = never verified
  std::string confidence;         // high | medium | "" (seed documents)
  // Who the record is for: "people" (a person looking for help) or "workers" (support groups
  // and workers: intermediaries, research and model projects). Workers' records stay in the
  // database for a worker search; answers to people leave them out.
  std::string audience = "people";
  // For English replies: the service's English name and a one-line description, as the
  // operator publishes them (en_source "operator") or translated plainly by us ("translation");
  // all "" when the data has none. The published `name` and `contact` are always shown too.
  std::string name_en;
  std::string summary_en;
  std::string en_source;  // operator | translation | ""
  // Languages the line answers in (ISO 639-1 codes, "ja", "en", "zh", ...); empty = not
  // recorded (Japanese is assumed).
  std::vector<std::string> languages;
  // Notes for operators ("〔取組名のみ記載・詳細説明なし〕", a sentence marked （未確認）):
  // kept with the record, never shown to people.
  std::string internal_note;
};

struct Organization {
  std::string id;
  std::string name;
  std::string legal_form;
  std::string role;  // npo_model_r6, intermediary_r5/_r6, supported_org, other, ...
  std::string area_text;
  std::vector<int> prefectures;
  bool reference_only = false;  // role "other": never shown as a place to send someone
  std::string source_title;
  std::string source_date;
  std::string notes;
};

struct Prefecture {
  int code = 0;            // JIS X 0401, 1..47
  std::string name;        // 北海道, 青森県, ...
  std::string short_name;  // 北海道, 青森, 東京, 大阪, ...
  std::string kana;        // ほっかいどう, ...
  std::string region;      // hokkaido, tohoku, kanto, chubu, kinki, chugoku, shikoku, kyushu
  std::string region_label;  // 北海道, 東北, 関東, 中部, 近畿, 中国, 四国, 九州・沖縄
};

struct Category {
  std::string id;      // "food", "violence.dv"
  std::string parent;  // "" for top level
  std::string label;   // 食べ物
  int sort = 0;
};

struct Query {
  std::string text;                     // free text ("" = none); any length incl. 1-2 chars
  std::vector<std::string> categories;  // any of (a top-level id also matches its children)
  std::string situation;                // "" = any
  int prefecture = 0;                   // 0 = any; otherwise local rows + national rows
  bool national_only = false;  // only nationwide rows (「全国の窓口でいい」); needs prefecture 0
  std::optional<int> age;
  std::string channel;  // "" = any
  bool urgent_only = false;
  // Answers for people: leave out records for workers (audience "workers", situation
  // "supporter") and weak sources; rank what can be called or opened first.
  bool for_people = false;
  int limit = 10;
  int offset = 0;
};

struct SearchResult {
  std::vector<Service> services;  // ranked
  int total = 0;                  // matches before limit/offset
};

}  // namespace shirube::knowledge
