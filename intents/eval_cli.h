#pragma once
// `shirube eval FILE.tsv`: scores the intent matcher, and with a risk file the crisis detector
// too, on a labelled file.
//
// Two file formats; the number of columns of the first row decides, and every row must have
// the same. Lines starting with # and blank lines are ignored.
//   intent file (2 columns): `text <TAB> expected ids`, the ids comma-separated (the first is
//     the top-1 label; "none" means no category should match). Prints accuracy per category
//     and the misclassified lines.
//   risk file (5 columns): `text <TAB> risk <TAB> categories <TAB> lang <TAB> danger`
//     risk        crisis | check | none  (check: worrying enough to ask, short of a crisis)
//     categories  comma-separated category ids, the first the main need ("crisis" and "none"
//                 allowed; "none" alone)
//     lang        ja en zh-Hans zh-Hant ko vi pt es tl ne id
//     danger      self (to oneself) | done (already done) | other (from or to someone
//                 else) | -
//   Runs the bundled crisis detector and the intent matcher on every text and reports recall
//   of crisis and check lines, false positives on none lines, top-1 category accuracy on
//   none lines that name a need, a confusion table, and every missed or false alarm line.
// Thread-safety: pure functions (run_eval writes to stdout/stderr).

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "intents/risk.h"

namespace shirube::intents {

class CrisisDetector;
class IntentMatcher;
struct CrisisResult;

struct EvalCase {
  int line = 0;
  std::string text;
  std::vector<std::string> expected;  // first = top-1 label
};

struct EvalMiss {
  int line = 0;
  std::string text;
  std::string expected;  // top-1 label
  std::string got;       // "money 6.0, food 5.0" (ranked), or "nothing"
};

struct CategoryScore {
  std::string category;
  int total = 0;    // lines whose top-1 label is this category
  int correct = 0;  // ... and whose top-1 match was it
};

struct EvalReport {
  int total = 0;
  int top1 = 0;                             // top-1 match == first label
  int top2 = 0;                             // first label among the first two matches
  int labels = 0;                           // all labels of all lines
  int labels_found = 0;                     // labels found anywhere among the matches
  std::vector<CategoryScore> per_category;  // categories with at least one line, in id order
  std::vector<EvalMiss> misses;             // top-1 misses, in file order
};

// An intent file only. Error "<source>:<line>: <column>: <reason>" ("categories: unknown
// category id 'foods'"), "<source>:<line>: expected 2 TAB-separated fields, got 1", or
// "<source>: no labelled lines".
Result<std::vector<EvalCase>> parse_eval_file(std::string_view tsv, const std::string& source);

EvalReport evaluate(const IntentMatcher& matcher, const std::vector<EvalCase>& cases);

// ---- risk files ---------------------------------------------------------------------------

struct RiskCase {
  int line = 0;
  std::string text;
  RiskLevel risk = RiskLevel::kNone;
  std::vector<std::string> categories;  // first = main need; {"none"} = no need named
  std::string lang;                     // one of risk_languages()
  std::string danger;                   // "self", "done", "other" or "-"
};

// The language codes a risk file may use, in report order.
const std::vector<std::string>& risk_languages();
// The danger kinds a risk file may use, in report order: self, done, other, -.
const std::vector<std::string>& danger_kinds();

// A risk file only. Errors as parse_eval_file ("<source>:<line>: risk: unknown level 'high'
// (crisis, check or none)"; 5 fields per row).
Result<std::vector<RiskCase>> parse_risk_file(std::string_view tsv, const std::string& source);

enum class EvalFormat { kIntent, kRisk };

struct EvalFile {
  EvalFormat format = EvalFormat::kIntent;
  std::vector<EvalCase> intent;  // when format == kIntent
  std::vector<RiskCase> risk;    // when format == kRisk
};

// Either format, decided by the first row's field count (2 or 5). Errors as the two parsers,
// plus "<source>:<line>: expected 2 (intent file) or 5 (risk file) TAB-separated fields, got
// 3" for the first row and "<source>:<line>: expected 5 TAB-separated fields as on line 1
// (a risk file), got 2" for a later row of another format.
Result<EvalFile> parse_any_eval_file(std::string_view tsv, const std::string& source);

// The level the detector gave a text.
RiskLevel detected_level(const CrisisResult& result);
// The levels detected_level() can return, most severe first (the confusion table's columns).
const std::vector<RiskLevel>& detector_levels();

// hits out of total; total == 0 means the measure does not apply.
struct Ratio {
  int hits = 0;
  int total = 0;
  friend bool operator==(const Ratio& a, const Ratio& b) {
    return a.hits == b.hits && a.total == b.total;
  }
};

// One language or one danger kind.
struct RiskGroup {
  std::string key;
  Ratio recall;        // crisis and check lines the detector caught
  Ratio false_alarms;  // none lines the detector fired on
  Ratio top1;          // none lines that name a need, matched top-1 (languages only)
};

// A crisis or check line the detector missed, or a none line it fired on.
struct RiskLine {
  int line = 0;
  std::string text;
  RiskLevel expected = RiskLevel::kNone;
  RiskLevel detected = RiskLevel::kNone;
  std::string lang;
  std::string danger;
  std::string fired;  // "suicide s_shinitai" for a detection, "" for a miss
};

struct RiskReport {
  int total = 0;
  // "Caught" = the detector gave any level above none.
  Ratio recall;                    // crisis and check lines caught
  Ratio recall_crisis;             // crisis lines caught
  Ratio recall_check;              // check lines caught
  Ratio false_alarms;              // none lines the detector fired on
  Ratio false_alarms_no_violence;  // the same, leaving out none lines labelled `violence`
  Ratio crisis_no_violence;        // none lines not labelled `violence` answered as crisis
  // [expected][detected], indexed by RiskLevel.
  std::array<std::array<int, kRiskLevelCount>, kRiskLevelCount> confusion{};
  std::vector<RiskGroup> per_lang;    // languages with at least one line, risk_languages() order
  std::vector<RiskGroup> per_danger;  // danger kinds with at least one line, in their order
  Ratio language;                     // lines whose detect_language() is their lang column
  // The intent matcher on none lines whose first category is not "none": its top-1 match
  // against that first category, and against any category the line names (a person who
  // names money and housing is served by either first).
  Ratio top1;
  Ratio top1_named;
  // None lines labelled `none` (small talk, hyperbole, nothing asked) the matcher gave a
  // category: a need read into a line that names none.
  Ratio need_read_into_none;
  std::vector<CategoryScore> per_category;  // categories with at least one such line, id order
  std::vector<RiskLine> missed;             // crisis and check lines not caught, file order
  std::vector<RiskLine> false_alarm_lines;  // none lines the detector fired on, file order
  std::vector<EvalMiss> category_misses;    // top-1 misses among the scored none lines
};

RiskReport evaluate_risk(const CrisisDetector& detector, const IntentMatcher& matcher,
                         const std::vector<RiskCase>& cases);

// `shirube eval FILE.tsv [--rules intents.tsv] [--min-top1 PCT] [--min-recall PCT]`.
// Exit 0 when it ran (and reached --min-top1 / --min-recall, when given), 1 when it ran but
// top-1 accuracy is below --min-top1 or crisis recall below --min-recall, 2 on bad usage or
// a malformed file (file:line on stderr).
int run_eval(const std::vector<std::string>& args);

}  // namespace shirube::intents
