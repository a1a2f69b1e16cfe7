#include "intents/eval_cli.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "intents/intent_matcher.h"
#include "intents/rule_file.h"

namespace shirube::intents {
namespace {

constexpr const char* kUsage =
    "usage: shirube eval FILE.tsv [--rules intents.tsv] [--min-top1 PERCENT]\n"
    "\n"
    "Scores the intent matcher on a labelled file: one utterance per line,\n"
    "  text<TAB>expected ids   (comma-separated; the first is the top-1 label, 'none' = no match)\n"
    "and prints the top-1 accuracy per category and every misclassified line.\n"
    "\n"
    "  --rules FILE      use this pattern file instead of the bundled intents.tsv\n"
    "  --min-top1 PCT    exit 1 when top-1 accuracy is below PCT (0..100)\n"
    "\n"
    "Exit 0 when it ran, 1 below --min-top1, 2 on bad usage or a malformed file.\n";

constexpr const char* kNone = "none";

bool known_label(const std::string& id) {
  if (id == kNone) return true;
  for (const auto& c : category_ids()) {
    if (c == id) return true;
  }
  return false;
}

std::vector<std::string> split_ids(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = s.find(',', start);
    std::string id = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    // Tolerate "food, money".
    while (!id.empty() && id.front() == ' ') id.erase(id.begin());
    while (!id.empty() && id.back() == ' ') id.pop_back();
    out.push_back(id);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

Result<std::string> read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::not_found(path, "cannot open file");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Error::unavailable(path, "read error");
  return ss.str();
}

std::string percent(int n, int d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", d == 0 ? 0.0 : 100.0 * n / d);
  return buf;
}

}  // namespace

Result<std::vector<EvalCase>> parse_eval_file(std::string_view tsv, const std::string& source) {
  auto rows = read_rule_rows(tsv, source, 2);
  if (!rows.ok()) return rows.error();
  std::vector<EvalCase> cases;
  for (const RuleRow& row : rows.value()) {
    const std::string where = source + ":" + std::to_string(row.line);
    EvalCase c;
    c.line = row.line;
    c.text = row.fields[0];
    if (c.text.find_first_not_of(' ') == std::string::npos) {
      return Error::invalid_argument(where, "text: empty");
    }
    c.expected = split_ids(row.fields[1]);
    for (const auto& id : c.expected) {
      if (id.empty()) return Error::invalid_argument(where, "categories: empty category id");
      if (!known_label(id)) {
        return Error::invalid_argument(where, "categories: unknown category id '" + id + "'");
      }
      if (id == kNone && c.expected.size() > 1) {
        return Error::invalid_argument(where,
                                       "categories: 'none' cannot be combined with other ids");
      }
    }
    cases.push_back(std::move(c));
  }
  if (cases.empty()) return Error::invalid_argument(source, "no labelled lines");
  return cases;
}

EvalReport evaluate(const IntentMatcher& matcher, const std::vector<EvalCase>& cases) {
  EvalReport report;
  std::vector<CategoryScore> scores;
  for (const auto& id : category_ids()) scores.push_back({id, 0, 0});
  scores.push_back({kNone, 0, 0});

  for (const EvalCase& c : cases) {
    const auto matches = matcher.match(c.text);
    const std::string& want = c.expected.front();
    const std::string got = matches.empty() ? kNone : matches.front().category;
    const bool hit = got == want;
    ++report.total;
    if (hit) ++report.top1;
    if (hit || (matches.size() > 1 && matches[1].category == want)) ++report.top2;
    for (const auto& id : c.expected) {
      ++report.labels;
      bool found = id == kNone && matches.empty();
      for (const auto& m : matches) found = found || m.category == id;
      if (found) ++report.labels_found;
    }
    for (auto& s : scores) {
      if (s.category != want) continue;
      ++s.total;
      if (hit) ++s.correct;
    }
    if (!hit) {
      EvalMiss miss;
      miss.line = c.line;
      miss.text = c.text;
      miss.expected = want;
      if (matches.empty()) miss.got = "nothing";
      for (std::size_t i = 0; i < matches.size() && i < 4; ++i) {
        char buf[32];
        std::snprintf(buf, sizeof buf, " %.1f", matches[i].score);
        if (i > 0) miss.got += ", ";
        miss.got += matches[i].category + buf;
      }
      report.misses.push_back(std::move(miss));
    }
  }
  for (auto& s : scores) {
    if (s.total > 0) report.per_category.push_back(std::move(s));
  }
  return report;
}

int run_eval(const std::vector<std::string>& args) {
  std::string file;
  std::string rules;
  double min_top1 = -1;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (a == "--rules" || a == "--min-top1") {
      if (i + 1 >= args.size()) {
        std::fprintf(stderr, "shirube eval: %s needs a value\n", a.c_str());
        return 2;
      }
      const std::string& v = args[++i];
      if (a == "--rules") {
        rules = v;
      } else {
        char* end = nullptr;
        min_top1 = std::strtod(v.c_str(), &end);
        if (v.empty() || *end != '\0' || !(min_top1 >= 0 && min_top1 <= 100)) {
          std::fprintf(stderr, "shirube eval: --min-top1 must be a number 0..100, got '%s'\n",
                       v.c_str());
          return 2;
        }
      }
      continue;
    }
    if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "shirube eval: unknown option '%s' (try --help)\n", a.c_str());
      return 2;
    }
    if (!file.empty()) {
      std::fputs("shirube eval: give exactly one FILE.tsv\n", stderr);
      return 2;
    }
    file = a;
  }
  if (file.empty()) {
    std::fputs("shirube eval: missing FILE.tsv (try --help)\n", stderr);
    return 2;
  }

  Result<std::unique_ptr<IntentMatcher>> matcher = Error::internal("", "not loaded");
  if (rules.empty()) {
    matcher = IntentMatcher::load_bundled();
  } else {
    auto text = read_whole_file(rules);
    if (!text.ok()) {
      std::fprintf(stderr, "shirube eval: %s\n", text.error().message().c_str());
      return 2;
    }
    matcher = IntentMatcher::load(text.value(), rules);
  }
  if (!matcher.ok()) {
    std::fprintf(stderr, "shirube eval: %s\n", matcher.error().message().c_str());
    return 2;
  }
  auto data = read_whole_file(file);
  if (!data.ok()) {
    std::fprintf(stderr, "shirube eval: %s\n", data.error().message().c_str());
    return 2;
  }
  auto cases = parse_eval_file(data.value(), file);
  if (!cases.ok()) {
    std::fprintf(stderr, "shirube eval: %s\n", cases.error().message().c_str());
    return 2;
  }

  const EvalReport r = evaluate(*matcher.value(), cases.value());
  std::printf("%-20s %5s %7s %8s\n", "category", "lines", "top-1", "accuracy");
  for (const auto& s : r.per_category) {
    std::printf("%-20s %5d %7d %8s\n", s.category.c_str(), s.total, s.correct,
                percent(s.correct, s.total).c_str());
  }
  std::printf("\ntop-1 accuracy: %d/%d = %s\n", r.top1, r.total, percent(r.top1, r.total).c_str());
  std::printf("top-2 accuracy: %d/%d = %s\n", r.top2, r.total, percent(r.top2, r.total).c_str());
  std::printf("labels found among matches: %d/%d = %s\n", r.labels_found, r.labels,
              percent(r.labels_found, r.labels).c_str());
  if (!r.misses.empty()) {
    std::printf("\nmisclassified (%zu):\n", r.misses.size());
    for (const auto& m : r.misses) {
      std::printf("%s:%d: expected %s, got %s: %s\n", file.c_str(), m.line, m.expected.c_str(),
                  m.got.c_str(), m.text.c_str());
    }
  }
  if (min_top1 >= 0 && 100.0 * r.top1 < min_top1 * r.total) {
    std::fprintf(stderr, "shirube eval: top-1 accuracy %s is below %.1f%%\n",
                 percent(r.top1, r.total).c_str(), min_top1);
    return 1;
  }
  return 0;
}

}  // namespace shirube::intents
