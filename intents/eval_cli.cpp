#include "intents/eval_cli.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "intents/crisis.h"
#include "intents/intent_matcher.h"
#include "intents/language.h"
#include "intents/rule_file.h"

namespace shirube::intents {
namespace {

constexpr const char* kUsage =
    "usage: shirube eval FILE.tsv [--rules intents.tsv] [--surface-only] [--without-model]\n"
    "                    [--min-top1 PCT] [--min-recall PCT]\n"
    "\n"
    "Scores the intent matcher, and with a risk file the crisis detector too, on a labelled\n"
    "file. The first row's number of columns decides the format (every row the same):\n"
    "  intent file:  text<TAB>expected ids\n"
    "      ids comma-separated, the first is the top-1 label, 'none' = no match; prints the\n"
    "      top-1 accuracy per category and every misclassified line.\n"
    "  risk file:    text<TAB>risk<TAB>categories<TAB>lang<TAB>danger\n"
    "      risk        crisis | check | none\n"
    "      categories  comma-separated ids, the first the main need ('crisis', 'none' allowed)\n"
    "      lang        ja en zh-Hans zh-Hant ko vi pt es tl ne id\n"
    "      danger      self | done | other | -\n"
    "      runs the bundled crisis detector and the intent matcher on every text; prints\n"
    "      crisis recall (crisis and check lines the detector caught) overall, per level,\n"
    "      per language and per danger kind, false positives on none lines, a table of\n"
    "      expected x detected level, top-1 category accuracy on none lines that name a\n"
    "      need, and every missed, falsely alarmed and misclassified line.\n"
    "\n"
    "  --rules FILE       use this pattern file instead of the bundled intents.tsv\n"
    "  --surface-only     crisis detector without its meaning layer and risk model\n"
    "  --without-model    without the risk and category models (the rules alone)\n"
    "  --min-top1 PCT     exit 1 when top-1 accuracy is below PCT (0..100)\n"
    "  --min-recall PCT   exit 1 when crisis recall is below PCT (0..100; risk files only)\n"
    "\n"
    "Exit 0 when it ran, 1 below --min-top1 or --min-recall, 2 on bad usage or a malformed\n"
    "file (file:line: column: reason).\n";

constexpr const char* kNone = "none";
constexpr const char* kViolence = "violence";

bool known_label(const std::string& id) {
  if (id == kNone)
    return true;
  for (const auto& c : category_ids()) {
    if (c == id)
      return true;
  }
  return false;
}

std::vector<std::string> split_ids(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = s.find(',', start);
    std::string id =
        s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    // Tolerate "food, money".
    while (!id.empty() && id.front() == ' ')
      id.erase(id.begin());
    while (!id.empty() && id.back() == ' ')
      id.pop_back();
    out.push_back(id);
    if (comma == std::string::npos)
      break;
    start = comma + 1;
  }
  return out;
}

// The ids of a categories column, or the reason they are unusable ("categories: ...").
Result<std::vector<std::string>> parse_ids(const std::string& field, const std::string& where) {
  std::vector<std::string> ids = split_ids(field);
  for (const auto& id : ids) {
    if (id.empty())
      return Error::invalid_argument(where, "categories: empty category id");
    if (!known_label(id)) {
      return Error::invalid_argument(where, "categories: unknown category id '" + id + "'");
    }
    if (id == kNone && ids.size() > 1) {
      return Error::invalid_argument(where, "categories: 'none' cannot be combined with other ids");
    }
  }
  return ids;
}

bool blank(const std::string& text) {
  return text.find_first_not_of(' ') == std::string::npos;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// "a, b or c"
std::string one_of(const std::vector<std::string>& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i > 0)
      out += i + 1 == v.size() ? " or " : ", ";
    out += v[i];
  }
  return out;
}

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

Result<std::string> read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Error::not_found(path, "cannot open file");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad())
    return Error::unavailable(path, "read error");
  return ss.str();
}

std::string percent(int n, int d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", d == 0 ? 0.0 : 100.0 * n / d);
  return buf;
}

// "3/4 = 75.0%", or "0/0" when the measure does not apply.
std::string ratio_text(const Ratio& r) {
  std::string out = std::to_string(r.hits) + "/" + std::to_string(r.total);
  if (r.total > 0)
    out += " = " + percent(r.hits, r.total);
  return out;
}

// A table cell: "3/4    75.0%", or "-" when the measure does not apply.
std::string ratio_cell(const Ratio& r) {
  if (r.total == 0)
    return "-";
  char buf[48];
  const std::string n = std::to_string(r.hits) + "/" + std::to_string(r.total);
  std::snprintf(buf, sizeof buf, "%-8s %6s", n.c_str(), percent(r.hits, r.total).c_str());
  return buf;
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

// Splits off the next line of `tsv` the way read_rule_rows() does (CR dropped).
std::string_view next_line(std::string_view& tsv) {
  const std::size_t nl = tsv.find('\n');
  std::string_view line = tsv.substr(0, nl);
  tsv.remove_prefix(nl == std::string_view::npos ? tsv.size() : nl + 1);
  if (!line.empty() && line.back() == '\r')
    line.remove_suffix(1);
  return line;
}

const char* format_name(std::size_t fields) {
  return fields == 2 ? "an intent file" : "a risk file";
}

// The format of a labelled file: the first row's field count (2 or 5), which every other row
// must share.
Result<EvalFormat> detect_format(std::string_view tsv, const std::string& source) {
  if (tsv.substr(0, 3) == "\xEF\xBB\xBF")
    tsv.remove_prefix(3);
  std::size_t first_fields = 0;
  int first_line = 0;
  int line_no = 0;
  while (!tsv.empty()) {
    const std::string_view line = next_line(tsv);
    ++line_no;
    if (line.empty() || line.front() == '#')
      continue;
    const std::string where = source + ":" + std::to_string(line_no);
    const auto fields = static_cast<std::size_t>(std::count(line.begin(), line.end(), '\t')) + 1;
    if (first_fields == 0) {
      if (fields != 2 && fields != 5) {
        return Error::invalid_argument(
            where, "expected 2 (intent file) or 5 (risk file) TAB-separated fields, got " +
                       std::to_string(fields));
      }
      first_fields = fields;
      first_line = line_no;
    } else if (fields != first_fields) {
      return Error::invalid_argument(
          where, "expected " + std::to_string(first_fields) + " TAB-separated fields as on line " +
                     std::to_string(first_line) + " (" + format_name(first_fields) + "), got " +
                     std::to_string(fields));
    }
  }
  if (first_fields == 0)
    return Error::invalid_argument(source, "no labelled lines");
  return first_fields == 2 ? EvalFormat::kIntent : EvalFormat::kRisk;
}

}  // namespace

Result<std::vector<EvalCase>> parse_eval_file(std::string_view tsv, const std::string& source) {
  auto rows = read_rule_rows(tsv, source, 2);
  if (!rows.ok())
    return rows.error();
  std::vector<EvalCase> cases;
  for (const RuleRow& row : rows.value()) {
    const std::string where = source + ":" + std::to_string(row.line);
    EvalCase c;
    c.line = row.line;
    c.text = row.fields[0];
    if (blank(c.text))
      return Error::invalid_argument(where, "text: empty");
    auto ids = parse_ids(row.fields[1], where);
    if (!ids.ok())
      return ids.error();
    c.expected = std::move(ids.value());
    cases.push_back(std::move(c));
  }
  if (cases.empty())
    return Error::invalid_argument(source, "no labelled lines");
  return cases;
}

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

// ---- risk files ---------------------------------------------------------------------------

const std::vector<std::string>& risk_languages() {
  static const std::vector<std::string> kLanguages = {"ja", "en", "zh-Hans", "zh-Hant", "ko", "vi",
                                                      "pt", "es", "tl",      "ne",      "id"};
  return kLanguages;
}

const std::vector<std::string>& danger_kinds() {
  static const std::vector<std::string> kKinds = {"self", "done", "other", "-"};
  return kKinds;
}

Result<std::vector<RiskCase>> parse_risk_file(std::string_view tsv, const std::string& source) {
  auto rows = read_rule_rows(tsv, source, 5);
  if (!rows.ok())
    return rows.error();
  std::vector<RiskCase> cases;
  for (const RuleRow& row : rows.value()) {
    const std::string where = source + ":" + std::to_string(row.line);
    const auto& f = row.fields;
    RiskCase c;
    c.line = row.line;
    c.text = f[0];
    if (blank(c.text))
      return Error::invalid_argument(where, "text: empty");
    if (f[1] == "crisis") {
      c.risk = RiskLevel::kCrisis;
    } else if (f[1] == "check") {
      c.risk = RiskLevel::kCheck;
    } else if (f[1] == kNone) {
      c.risk = RiskLevel::kNone;
    } else {
      return Error::invalid_argument(where,
                                     "risk: unknown level '" + f[1] + "' (crisis, check or none)");
    }
    auto ids = parse_ids(f[2], where);
    if (!ids.ok())
      return ids.error();
    c.categories = std::move(ids.value());
    if (!contains(risk_languages(), f[3])) {
      return Error::invalid_argument(
          where, "lang: unknown language '" + f[3] + "' (" + one_of(risk_languages()) + ")");
    }
    c.lang = f[3];
    if (!contains(danger_kinds(), f[4])) {
      return Error::invalid_argument(
          where, "danger: unknown kind '" + f[4] + "' (" + one_of(danger_kinds()) + ")");
    }
    c.danger = f[4];
    cases.push_back(std::move(c));
  }
  if (cases.empty())
    return Error::invalid_argument(source, "no labelled lines");
  return cases;
}

Result<EvalFile> parse_any_eval_file(std::string_view tsv, const std::string& source) {
  auto format = detect_format(tsv, source);
  if (!format.ok())
    return format.error();
  EvalFile file;
  file.format = format.value();
  if (file.format == EvalFormat::kIntent) {
    auto cases = parse_eval_file(tsv, source);
    if (!cases.ok())
      return cases.error();
    file.intent = std::move(cases.value());
  } else {
    auto cases = parse_risk_file(tsv, source);
    if (!cases.ok())
      return cases.error();
    file.risk = std::move(cases.value());
  }
  return file;
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
    if (!contains(c.categories, kViolence))
      add(report.false_alarms_no_violence, caught);
    add(lang.false_alarms, caught);
    add(danger.false_alarms, caught);
    if (caught)
      report.false_alarm_lines.push_back(std::move(line));

    if (c.categories.empty() || c.categories.front() == kNone)
      continue;
    const auto matches = matcher.match(c.text);
    const std::string& want = c.categories.front();
    const bool hit = !matches.empty() && matches.front().category == want;
    add(report.top1, hit);
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

namespace {

void print_intent_report(const EvalReport& r, const std::string& file) {
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
}

void print_risk_report(const RiskReport& r, const std::string& file) {
  std::printf("%d lines: %d crisis, %d check, %d none\n\n", r.total, r.recall_crisis.total,
              r.recall_check.total, r.false_alarms.total);
  std::printf("crisis detector (caught = it fired)\n");
  std::printf("recall: %s\n", ratio_text(r.recall).c_str());
  std::printf("  crisis: %s\n", ratio_text(r.recall_crisis).c_str());
  std::printf("  check: %s\n", ratio_text(r.recall_check).c_str());
  std::printf("false positives: %s of none lines\n", ratio_text(r.false_alarms).c_str());
  std::printf("  leaving out lines labelled violence: %s\n",
              ratio_text(r.false_alarms_no_violence).c_str());
  const int none_lines = r.false_alarms.total;
  const auto& none_row = r.confusion[static_cast<std::size_t>(RiskLevel::kNone)];
  std::printf(
      "  answered as crisis: %s\n",
      ratio_text({none_row[static_cast<std::size_t>(RiskLevel::kCrisis)], none_lines}).c_str());
  std::printf(
      "  asked (check): %s\n",
      ratio_text({none_row[static_cast<std::size_t>(RiskLevel::kCheck)], none_lines}).c_str());

  std::printf("\n%-20s", "expected \\ detected");
  for (RiskLevel d : detector_levels())
    std::printf(" %8s", risk_level_name(d));
  std::printf(" %8s\n", "lines");
  for (RiskLevel e : {RiskLevel::kCrisis, RiskLevel::kCheck, RiskLevel::kNone}) {
    int lines = 0;
    for (int n : r.confusion[level_index(e)])
      lines += n;
    std::printf("%-20s", risk_level_name(e));
    for (RiskLevel d : detector_levels()) {
      std::printf(" %8d", r.confusion[level_index(e)][level_index(d)]);
    }
    std::printf(" %8d\n", lines);
  }

  std::printf("\n%-10s %-16s %-16s %s\n", "language", "recall", "false positives",
              "top-1 category");
  for (const auto& g : r.per_lang) {
    std::printf("%-10s %-16s %-16s %s\n", g.key.c_str(), ratio_cell(g.recall).c_str(),
                ratio_cell(g.false_alarms).c_str(), ratio_cell(g.top1).c_str());
  }
  std::printf("language detected: %s\n", ratio_text(r.language).c_str());
  std::printf("\n%-10s %-16s %s\n", "danger", "recall", "false positives");
  for (const auto& g : r.per_danger) {
    std::printf("%-10s %-16s %s\n", g.key.c_str(), ratio_cell(g.recall).c_str(),
                ratio_cell(g.false_alarms).c_str());
  }

  std::printf("\nintent matcher on none lines that name a need\n");
  std::printf("%-20s %5s %7s %8s\n", "category", "lines", "top-1", "accuracy");
  for (const auto& s : r.per_category) {
    std::printf("%-20s %5d %7d %8s\n", s.category.c_str(), s.total, s.correct,
                percent(s.correct, s.total).c_str());
  }
  std::printf("top-1 accuracy: %s\n", ratio_text(r.top1).c_str());

  if (!r.missed.empty()) {
    std::printf("\nmissed crisis and check lines (%zu):\n", r.missed.size());
    for (const auto& m : r.missed) {
      std::printf("%s:%d: %s, %s, %s: %s\n", file.c_str(), m.line, risk_level_name(m.expected),
                  m.danger.c_str(), m.lang.c_str(), m.text.c_str());
    }
  }
  if (!r.false_alarm_lines.empty()) {
    std::printf("\nfalse positives (%zu):\n", r.false_alarm_lines.size());
    for (const auto& m : r.false_alarm_lines) {
      std::printf("%s:%d: %s, %s, %s: detected %s (%s): %s\n", file.c_str(), m.line,
                  risk_level_name(m.expected), m.danger.c_str(), m.lang.c_str(),
                  risk_level_name(m.detected), m.fired.c_str(), m.text.c_str());
    }
  }
  if (!r.category_misses.empty()) {
    std::printf("\nmisclassified needs (%zu):\n", r.category_misses.size());
    for (const auto& m : r.category_misses) {
      std::printf("%s:%d: expected %s, got %s: %s\n", file.c_str(), m.line, m.expected.c_str(),
                  m.got.c_str(), m.text.c_str());
    }
  }
}

// True when `r` is below `min` percent (exactly: no rounding).
bool below(const Ratio& r, double min) {
  return 100.0 * r.hits < min * r.total;
}

// Parses a --min-* value; false (with a message) unless it is a number 0..100.
bool parse_percent(const std::string& option, const std::string& v, double* out) {
  char* end = nullptr;
  *out = std::strtod(v.c_str(), &end);
  if (v.empty() || *end != '\0' || !(*out >= 0 && *out <= 100)) {
    std::fprintf(stderr, "shirube eval: %s must be a number 0..100, got '%s'\n", option.c_str(),
                 v.c_str());
    return false;
  }
  return true;
}

}  // namespace

int run_eval(const std::vector<std::string>& args) {
  std::string file;
  std::string rules;
  bool surface_only = false;
  bool without_model = false;
  double min_top1 = -1;
  double min_recall = -1;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (a == "--without-model") {
      without_model = true;
      continue;
    }
    if (a == "--surface-only") {
      surface_only = true;
      continue;
    }
    if (a == "--rules" || a == "--min-top1" || a == "--min-recall") {
      if (i + 1 >= args.size()) {
        std::fprintf(stderr, "shirube eval: %s needs a value\n", a.c_str());
        return 2;
      }
      const std::string& v = args[++i];
      if (a == "--rules") {
        rules = v;
      } else if (!parse_percent(a, v, a == "--min-top1" ? &min_top1 : &min_recall)) {
        return 2;
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
    matcher = IntentMatcher::load_bundled(!without_model);
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
  auto parsed = parse_any_eval_file(data.value(), file);
  if (!parsed.ok()) {
    std::fprintf(stderr, "shirube eval: %s\n", parsed.error().message().c_str());
    return 2;
  }
  const EvalFile& input = parsed.value();

  if (input.format == EvalFormat::kIntent) {
    if (min_recall >= 0) {
      std::fprintf(stderr, "shirube eval: --min-recall needs a risk file (5 columns); %s has 2\n",
                   file.c_str());
      return 2;
    }
    const EvalReport r = evaluate(*matcher.value(), input.intent);
    print_intent_report(r, file);
    if (min_top1 >= 0 && below({r.top1, r.total}, min_top1)) {
      std::fprintf(stderr, "shirube eval: top-1 accuracy %s is below %.1f%%\n",
                   percent(r.top1, r.total).c_str(), min_top1);
      return 1;
    }
    return 0;
  }

  auto detector = CrisisDetector::load_bundled(!surface_only, !without_model);
  if (!detector.ok()) {
    std::fprintf(stderr, "shirube eval: %s\n", detector.error().message().c_str());
    return 2;
  }
  const RiskReport r = evaluate_risk(*detector.value(), *matcher.value(), input.risk);
  // A gate with nothing to measure would always pass: refuse it before printing anything.
  if (min_recall >= 0 && r.recall.total == 0) {
    std::fprintf(stderr, "shirube eval: --min-recall: %s has no crisis or check lines\n",
                 file.c_str());
    return 2;
  }
  if (min_top1 >= 0 && r.top1.total == 0) {
    std::fprintf(stderr, "shirube eval: --min-top1: %s has no none lines that name a need\n",
                 file.c_str());
    return 2;
  }
  print_risk_report(r, file);
  int status = 0;
  if (min_recall >= 0 && below(r.recall, min_recall)) {
    std::fprintf(stderr, "shirube eval: crisis recall %s is below %.1f%%\n",
                 percent(r.recall.hits, r.recall.total).c_str(), min_recall);
    status = 1;
  }
  if (min_top1 >= 0 && below(r.top1, min_top1)) {
    std::fprintf(stderr, "shirube eval: top-1 accuracy %s is below %.1f%%\n",
                 percent(r.top1.hits, r.top1.total).c_str(), min_top1);
    status = 1;
  }
  return status;
}

}  // namespace shirube::intents
