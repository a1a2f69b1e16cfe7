// Scoring for `shirube eval` (eval_cli.h): the intent matcher on labelled lines, and the crisis
// detector with the matcher on a risk file.

#include <algorithm>
#include <cstdio>
#include <string>

#include "intents/crisis.h"
#include "intents/eval_cli.h"
#include "intents/intent_matcher.h"
#include "intents/language.h"

namespace shirube::intents {
namespace {

constexpr const char* kNone = "none";
constexpr const char* kViolence = "violence";

// Ranked matches as "money 6.0, food 5.0" (the first four), or "nothing".
std::string describe_matches(const std::vector<IntentMatch>& matches) {
  if (matches.empty())
    return "nothing";
  std::string out;
  for (std::size_t i = 0; i < matches.size() && i < 4; ++i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, " %.1f", matches[i].score);
    if (i > 0)
      out += ", ";
    out += matches[i].category + buf;
  }
  return out;
}

void add(Ratio& r, bool hit) {
  ++r.total;
  if (hit)
    ++r.hits;
}

std::size_t level_index(RiskLevel level) {
  return static_cast<std::size_t>(level);
}

// Finds the group `key`, appending one when it is missing (only for cases that did not come
// from the parser).
RiskGroup& group(std::vector<RiskGroup>& groups, const std::string& key) {
  for (auto& g : groups) {
    if (g.key == key)
      return g;
  }
  groups.push_back({key, {}, {}, {}});
  return groups.back();
}

CategoryScore& score(std::vector<CategoryScore>& scores, const std::string& category) {
  for (auto& s : scores) {
    if (s.category == category)
      return s;
  }
  scores.push_back({category, 0, 0});
  return scores.back();
}

const char* kind_name(CrisisKind kind) {
  switch (kind) {
    case CrisisKind::kSuicide:
      return "suicide";
    case CrisisKind::kViolence:
      return "violence";
    case CrisisKind::kNone:
      break;
  }
  return "none";
}

}  // namespace

EvalReport evaluate(const IntentMatcher& matcher, const std::vector<EvalCase>& cases) {
  EvalReport report;
  std::vector<CategoryScore> scores;
  for (const auto& id : category_ids())
    scores.push_back({id, 0, 0});
  scores.push_back({kNone, 0, 0});

  for (const EvalCase& c : cases) {
    const auto matches = matcher.match(c.text);
    const std::string& want = c.expected.front();
    const std::string got = matches.empty() ? kNone : matches.front().category;
    const bool hit = got == want;
    ++report.total;
    if (hit)
      ++report.top1;
    if (hit || (matches.size() > 1 && matches[1].category == want))
      ++report.top2;
    for (const auto& id : c.expected) {
      ++report.labels;
      bool found = id == kNone && matches.empty();
      for (const auto& m : matches)
        found = found || m.category == id;
      if (found)
        ++report.labels_found;
    }
    CategoryScore& s = score(scores, want);
    ++s.total;
    if (hit)
      ++s.correct;
    if (!hit)
      report.misses.push_back({c.line, c.text, want, describe_matches(matches)});
  }
  for (auto& s : scores) {
    if (s.total > 0)
      report.per_category.push_back(std::move(s));
  }
  return report;
}

RiskLevel detected_level(const CrisisResult& result) {
  return result.level;
}

const std::vector<RiskLevel>& detector_levels() {
  static const std::vector<RiskLevel> kLevels = {RiskLevel::kCrisis, RiskLevel::kCheck,
                                                 RiskLevel::kNone};
  return kLevels;
}

RiskReport evaluate_risk(const CrisisDetector& detector, const IntentMatcher& matcher,
                         const std::vector<RiskCase>& cases) {
  RiskReport report;
  std::vector<RiskGroup> langs;
  for (const auto& code : risk_languages())
    langs.push_back({code, {}, {}, {}});
  std::vector<RiskGroup> dangers;
  for (const auto& kind : danger_kinds())
    dangers.push_back({kind, {}, {}, {}});
  std::vector<CategoryScore> scores;
  for (const auto& id : category_ids())
    scores.push_back({id, 0, 0});

  for (const RiskCase& c : cases) {
    ++report.total;
    const CrisisResult found = detector.check(c.text);
    const RiskLevel got = detected_level(found);
    const bool caught = got != RiskLevel::kNone;
    ++report.confusion[level_index(c.risk)][level_index(got)];
    RiskGroup& lang = group(langs, c.lang);
    add(report.language, detect_language(c.text) == c.lang);
    RiskGroup& danger = group(dangers, c.danger);
    RiskLine line{c.line, c.text, c.risk, got, c.lang, c.danger, ""};
    if (caught)
      line.fired = std::string(kind_name(found.kind)) + " " + found.rule_id;

    if (c.risk != RiskLevel::kNone) {
      add(report.recall, caught);
      add(c.risk == RiskLevel::kCrisis ? report.recall_crisis : report.recall_check, caught);
      add(lang.recall, caught);
      add(danger.recall, caught);
      if (!caught)
        report.missed.push_back(std::move(line));
      continue;
    }
    add(report.false_alarms, caught);
    if (std::find(c.categories.begin(), c.categories.end(), kViolence) == c.categories.end()) {
      add(report.false_alarms_no_violence, caught);
      add(report.crisis_no_violence, got == RiskLevel::kCrisis);
    }
    add(lang.false_alarms, caught);
    add(danger.false_alarms, caught);
    if (caught)
      report.false_alarm_lines.push_back(std::move(line));

    // As the bot routes it: crisis words in a message not answered as a crisis are talked
    // about.
    const auto matches =
        got == RiskLevel::kCrisis ? matcher.match(c.text) : as_talked_about(matcher.match(c.text));
    if (c.categories.empty() || c.categories.front() == kNone) {
      add(report.need_read_into_none, !matches.empty());
      continue;
    }
    const std::string& want = c.categories.front();
    const bool hit = !matches.empty() && matches.front().category == want;
    add(report.top1, hit);
    add(report.top1_named,
        !matches.empty() && std::find(c.categories.begin(), c.categories.end(),
                                      matches.front().category) != c.categories.end());
    add(lang.top1, hit);
    CategoryScore& s = score(scores, want);
    ++s.total;
    if (hit)
      ++s.correct;
    if (!hit)
      report.category_misses.push_back({c.line, c.text, want, describe_matches(matches)});
  }

  const auto used = [](const RiskGroup& g) { return g.recall.total + g.false_alarms.total > 0; };
  for (auto& g : langs) {
    if (used(g))
      report.per_lang.push_back(std::move(g));
  }
  for (auto& g : dangers) {
    if (used(g))
      report.per_danger.push_back(std::move(g));
  }
  for (auto& s : scores) {
    if (s.total > 0)
      report.per_category.push_back(std::move(s));
  }
  return report;
}

}  // namespace shirube::intents
