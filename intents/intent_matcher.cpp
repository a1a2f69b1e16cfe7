#include "intents/intent_matcher.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/categories.h"
#include "common/embedded.h"
#include "intents/category_model.h"
#include "intents/normalize.h"
#include "intents/romaji.h"
#include "intents/rule_file.h"

namespace shirube::intents {
namespace {

constexpr const char* kBundledPath = "intents/data/intents.tsv";

constexpr const auto& kCategories = kTopCategories;

// Each further pattern of the same category adds a little, so a message that says the same
// need three ways outranks one passing mention, but never outweighs a more specific category
// (weights differ by at least 1).
constexpr double kRepeatBonus = 0.1;
constexpr int kMaxRepeats = 3;

int category_index(const std::string& id) {
  for (std::size_t i = 0; i < kCategories.size(); ++i) {
    if (id == kCategories[i])
      return static_cast<int>(i);
  }
  return -1;
}

struct Pattern {
  int category = 0;  // -1: an action (see `action`)
  double weight = 0;
  int action = -1;  // index into the matcher's actions, or -1
};

constexpr std::string_view kActionPrefix = "action:";

class RuleIntentMatcher final : public IntentMatcher {
 public:
  RuleIntentMatcher(std::vector<Pattern> patterns, std::vector<int> first_row,
                    std::vector<std::string> action_ids, std::unique_ptr<PatternSet> set)
      : patterns_(std::move(patterns)),
        first_row_(std::move(first_row)),
        action_ids_(std::move(action_ids)),
        set_(std::move(set)) {}

  std::vector<IntentMatch> match(std::string_view raw_text) const override {
    // Romaji Japanese is matched in hiragana too (intents/romaji.h).
    const std::vector<int> hits = hits_of(with_kana_reading(raw_text));
    std::array<double, kCategories.size()> best{};
    std::array<int, kCategories.size()> count{};
    for (int h : hits) {
      const Pattern& p = patterns_[static_cast<std::size_t>(h)];
      if (p.category < 0)
        continue;
      const auto c = static_cast<std::size_t>(p.category);
      best[c] = std::max(best[c], p.weight);
      ++count[c];
    }
    std::array<double, kCategories.size()> score{};
    std::vector<std::size_t> found;
    for (std::size_t c = 0; c < kCategories.size(); ++c) {
      if (count[c] == 0)
        continue;
      score[c] = best[c] + kRepeatBonus * std::min(count[c] - 1, kMaxRepeats);
      found.push_back(c);
    }
    // Best score first; ties go to the category listed first in the rule file.
    std::sort(found.begin(), found.end(), [&](std::size_t a, std::size_t b) {
      if (score[a] != score[b])
        return score[a] > score[b];
      return first_row_[a] < first_row_[b];
    });
    std::vector<IntentMatch> ranked;
    ranked.reserve(found.size());
    for (std::size_t c : found)
      ranked.push_back({std::string(kCategories[c]), score[c]});
    return ranked;
  }

  std::vector<std::string> actions(std::string_view raw_text) const override {
    std::vector<std::pair<double, int>> found;  // weight, action
    for (int h : hits_of(raw_text)) {
      const Pattern& p = patterns_[static_cast<std::size_t>(h)];
      if (p.action < 0)
        continue;
      auto it = std::find_if(found.begin(), found.end(),
                             [&](const auto& f) { return f.second == p.action; });
      if (it == found.end())
        found.emplace_back(p.weight, p.action);
      else
        it->first = std::max(it->first, p.weight);
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::string> out;
    out.reserve(found.size());
    for (const auto& f : found)
      out.push_back(action_ids_[static_cast<std::size_t>(f.second)]);
    return out;
  }

 private:
  // Indices of the patterns that match the compact form (and, with ASCII letters, the spaced
  // form), sorted and distinct.
  std::vector<int> hits_of(std::string_view raw_text) const {
    std::vector<int> hits;
    const std::string compact = normalize(raw_text);
    if (compact.empty())
      return hits;
    set_->match(compact, &hits);
    if (has_ascii_letter(compact)) {  // see crisis.cpp: the spaced form is for English
      const std::string spaced = normalize_keep_spaces(raw_text);
      if (spaced != compact)
        set_->match(spaced, &hits);
    }
    std::sort(hits.begin(), hits.end());
    hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
    return hits;
  }

  std::vector<Pattern> patterns_;
  std::vector<int> first_row_;  // per category: index of its first row in the file
  std::vector<std::string> action_ids_;
  std::unique_ptr<PatternSet> set_;
};

}  // namespace

std::vector<IntentMatch> as_talked_about(std::vector<IntentMatch> matches) {
  const auto is = [](std::string_view id) {
    return [id](const IntentMatch& m) { return m.category == id; };
  };
  const auto crisis = std::find_if(matches.begin(), matches.end(), is("crisis"));
  if (crisis == matches.end())
    return matches;
  const double score = crisis->score;
  matches.erase(crisis);
  const auto mental = std::find_if(matches.begin(), matches.end(), is("mental_health"));
  if (mental == matches.end())
    matches.push_back(IntentMatch{"mental_health", score});
  else
    mental->score = std::max(mental->score, score);
  std::stable_sort(matches.begin(), matches.end(),
                   [](const IntentMatch& a, const IntentMatch& b) { return a.score > b.score; });
  return matches;
}

const std::vector<std::string>& category_ids() {
  static const std::vector<std::string> kIds(kCategories.begin(), kCategories.end());
  return kIds;
}

IntentMatcher::~IntentMatcher() = default;

std::vector<std::string> IntentMatcher::actions(std::string_view /*raw_text*/) const {
  return {};
}

Result<std::unique_ptr<IntentMatcher>> IntentMatcher::load(std::string_view tsv,
                                                           const std::string& source_name) {
  auto set = std::make_unique<PatternSet>();
  std::vector<Pattern> patterns;
  std::vector<int> first_row(kCategories.size(), std::numeric_limits<int>::max());
  std::vector<std::string> action_ids;

  auto rows = read_rule_rows(tsv, source_name, 3);
  if (!rows.ok())
    return rows.error();
  for (const RuleRow& row : rows.value()) {
    const std::string where = source_name + ":" + std::to_string(row.line);
    Pattern p;
    const std::string& id = row.fields[0];
    if (id.rfind(kActionPrefix, 0) == 0 && id.size() > kActionPrefix.size()) {
      const std::string action = id.substr(kActionPrefix.size());
      auto it = std::find(action_ids.begin(), action_ids.end(), action);
      p.action = static_cast<int>(it - action_ids.begin());
      if (it == action_ids.end())
        action_ids.push_back(action);
      p.category = -1;
    } else {
      p.category = category_index(id);
    }
    if (p.category < 0 && p.action < 0) {
      return Error::invalid_argument(where, "unknown category '" + row.fields[0] + "'");
    }
    const std::string& w = row.fields[1];
    char* end = nullptr;
    errno = 0;
    p.weight = std::strtod(w.c_str(), &end);
    if (w.empty() || end != w.c_str() + w.size() || errno != 0 || !(p.weight > 0) ||
        p.weight > 100) {
      return Error::invalid_argument(where, "weight must be a number in (0, 100], got '" + w + "'");
    }
    const std::string& pattern = row.fields[2];
    const std::string problem = set->add(pattern);
    if (!problem.empty())
      return Error::invalid_argument(where, row.fields[0] + ": " + problem);
    if (p.category >= 0) {
      auto& first = first_row[static_cast<std::size_t>(p.category)];
      first = std::min(first, static_cast<int>(patterns.size()));
    }
    patterns.push_back(p);
  }
  if (patterns.empty())
    return Error::invalid_argument(source_name, "no patterns");
  if (!set->compile()) {
    return Error::invalid_argument(source_name, "the patterns do not fit in memory together");
  }
  return std::unique_ptr<IntentMatcher>(std::make_unique<RuleIntentMatcher>(
      std::move(patterns), std::move(first_row), std::move(action_ids), std::move(set)));
}

Result<std::unique_ptr<IntentMatcher>> IntentMatcher::load_bundled(bool with_model) {
  const auto data = embedded_file(kBundledPath);
  if (!data)
    return Error::internal(kBundledPath, "not embedded in this binary");
  ASSIGN_OR_RETURN(std::unique_ptr<IntentMatcher> rules, load(*data, kBundledPath));
  if (!with_model)
    return rules;
  ASSIGN_OR_RETURN(std::unique_ptr<CategoryModel> model, CategoryModel::load_bundled());
  return with_category_model(std::move(rules), std::move(model));
}

}  // namespace shirube::intents
