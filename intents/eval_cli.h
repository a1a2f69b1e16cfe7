#pragma once
// `shirube eval FILE.tsv`: scores the intent matcher on a labelled file and prints accuracy
// per category and the misclassified lines.
//
// File format: one utterance per line, `text <TAB> expected ids`, the ids comma-separated
// (the first is the top-1 label; "none" means no category should match). Lines starting with
// # and blank lines are ignored.
// Thread-safety: pure functions (run_eval writes to stdout/stderr).

#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace shirube::intents {

class IntentMatcher;

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
  int top1 = 0;             // top-1 match == first label
  int top2 = 0;             // first label among the first two matches
  int labels = 0;           // all labels of all lines
  int labels_found = 0;     // labels found anywhere among the matches
  std::vector<CategoryScore> per_category;  // categories with at least one line, in id order
  std::vector<EvalMiss> misses;             // top-1 misses, in file order
};

// Error "<source>:<line>: <column>: <reason>" ("categories: unknown category id 'foods'"),
// "<source>:<line>: expected 2 TAB-separated fields, got 1", or "<source>: no labelled lines".
Result<std::vector<EvalCase>> parse_eval_file(std::string_view tsv, const std::string& source);

EvalReport evaluate(const IntentMatcher& matcher, const std::vector<EvalCase>& cases);

// `shirube eval FILE.tsv [--rules intents.tsv] [--min-top1 PERCENT]`.
// Exit 0 when it ran (and top-1 accuracy reached --min-top1, when given), 1 when it ran but
// accuracy is below --min-top1, 2 on bad usage or a malformed file (file:line on stderr).
int run_eval(const std::vector<std::string>& args);

}  // namespace shirube::intents
