#pragma once
// The fixed vocabularies of the knowledge base: the 17 top-level categories of design.md and
// their sub-categories (with Japanese labels), the situations facet, and the tables that map
// the bundled files' vocabularies onto them. docs/data-format.md prints the same tables.
// Thread-safety: immutable data; pure functions.

#include <string>
#include <string_view>
#include <vector>

#include "knowledge/types.h"

namespace shirube::knowledge {

struct Situation {
  std::string id;     // "care_leaver"
  std::string label;  // 施設や里親を離れた若者
  int sort = 0;
};

// All categories, top level first in root-menu order, then sub-categories.
const std::vector<Category>& category_table();
const std::vector<Situation>& situation_table();
bool is_known_category(std::string_view id);
bool is_known_situation(std::string_view id);
// "violence.dv" -> "violence"; "food" -> "food".
std::string top_level_of(std::string_view category);

// One row of a vocabulary mapping: a source term and what it becomes.
struct TermMapping {
  std::string term;
  std::vector<std::string> categories;
  std::vector<std::string> situations;
};

// national_services.tsv `categories` column terms (exact match). Unknown terms are row errors.
const std::vector<TermMapping>& national_category_map();
const TermMapping* find_national_category(std::string_view term);

// seed_organizations.tsv `themes`: a theme matches a row when the theme text contains the
// keyword. A seed programme is never a crisis line (自殺対策 maps to mental_health).
const std::vector<TermMapping>& seed_theme_keywords();

// Seed documents cited in seed_organizations.tsv `source_files` (000..004).
struct SeedDocument {
  std::string id;     // "000"
  std::string title;  // human-readable, Japanese
  std::string date;   // "2025-02-20" or "unknown"
};
const std::vector<SeedDocument>& seed_documents();
const SeedDocument* find_seed_document(std::string_view id);

}  // namespace shirube::knowledge
