#pragma once
// Intent matcher: per-category patterns and synonyms (intents/data/intents.tsv), compiled
// into one RE2::Set so the cost of a match does not grow with the number of patterns.
// One message can name several needs: match() returns every matching category, ranked.
// Rows whose category is `action:<id>` name something the person asks the bot to do (apply for
// food support, see the status of an application); actions() returns those.
// Thread-safety: immutable after load(); match() is safe from any thread.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace shirube::intents {

struct IntentMatch {
  std::string category;  // one of the 17 top-level ids
  double score = 0;      // higher is better; comparable within one call
};

class IntentMatcher {
 public:
  static Result<std::unique_ptr<IntentMatcher>> load(std::string_view tsv,
                                                     const std::string& source_name);
  // The bundled rules, ranked again by the category model (intents/category_model.h) unless
  // with_model is false.
  static Result<std::unique_ptr<IntentMatcher>> load_bundled(bool with_model = true);
  virtual ~IntentMatcher();
  // Ranked categories, best first, distinct; empty when nothing matched.
  virtual std::vector<IntentMatch> match(std::string_view raw_text) const = 0;
  // Actions the message asks for (rows `action:<id>` of the rule file, e.g. "food_apply",
  // "food_status", "food_cancel"), best first, distinct; they never count as categories.
  virtual std::vector<std::string> actions(std::string_view raw_text) const;
};

// The 17 top-level category ids (common/categories.h), in menu order.
const std::vector<std::string>& category_ids();

// The categories of a message the crisis detector did not answer as a crisis (none, or the
// check question): crisis words there are talked about — a helper asking how to answer, study
// or prevention, grief, a scar that is healed, a figure of speech — so the crisis category
// reads as mental health, at its score (the detector alone decides when the crisis answer
// takes over).
std::vector<IntentMatch> as_talked_about(std::vector<IntentMatch> matches);

struct AreaMatch {
  int prefecture = 0;        // JIS code, 0 = none found
  std::string municipality;  // "札幌市" when a known municipality was named, else ""
};

// Prefecture and municipality names in free text ("山梨に住んでる", "札幌市で") -> area slot.
// All 47 prefectures (kanji with or without 都/道/府/県, hiragana readings, romaji), the
// designated cities and the prefectural capitals (札幌 -> 北海道 + 札幌市). Names that are
// also ordinary words (なら, ちば, 大分) need a clear boundary; the table and its rules are
// in intents/data/areas.tsv. With several names, one after 今は/現在 wins, then one followed
// by a word of living there (に住んで, 在住, に来た), else the first one.
// Thread-safety: safe from any thread (the table is built once, on first use).
AreaMatch find_area(std::string_view raw_text);

// Number of names in the bundled area table, or the error that makes it unusable (then
// find_area() finds nothing). For tests and `shirube eval`.
Result<std::size_t> area_table_size();

}  // namespace shirube::intents
