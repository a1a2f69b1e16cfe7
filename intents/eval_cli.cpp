#include "intents/eval_cli.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "common/args.h"
#include "intents/category_model.h"
#include "intents/crisis.h"
#include "intents/intent_matcher.h"
#include "intents/language.h"
#include "intents/risk_model.h"
#include "intents/rule_file.h"

namespace shirube::intents {
namespace {

constexpr const char* kUsage =
    "usage: shirube eval FILE.tsv [--rules intents.tsv] [--surface-only] [--without-model]\n"
    "                    [--min-top1 PCT] [--min-recall PCT]\n"
    "                    [--risk-model FILE.bin] [--risk-threshold P]\n"
    "                    [--category-model FILE.bin] [--category-weight W]\n"
    "                    [--category-threshold P] [--category-every-language]\n"
    "                    [--category-orders-rules]\n"
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
    "  --risk-model FILE  this risk model instead of the built-in one (a fastText .bin that\n"
    "                     shirube_train_models leaves beside its output; for cross-validation)\n"
    "  --risk-threshold P raise none to check from this model probability (0..1; default\n"
    "                     the built-in 0.2)\n"
    "  --category-model FILE  this category model instead of the built-in one (a fastText\n"
    "                     .bin from shirube_train_models; for cross-validation)\n"
    "  --category-weight W  add the model's probability times W to each category's rule\n"
    "                     score and rank by the sum (0..100; default the built-in 10; 0: the\n"
    "                     threshold way of the three flags below, which imply 0 when given\n"
    "                     without this flag)\n"
    "  --category-threshold P  rank the model's category first from this probability (0..1;\n"
    "                     default the built-in 0.6; 1: never)\n"
    "  --category-every-language  let the category model rank messages in every language,\n"
    "                     not only Japanese ones\n"
    "  --category-orders-rules  below the threshold, let the model choose which of the\n"
    "                     rules' categories comes first\n"
    "\n"
    "Exit 0 when it ran, 1 below --min-top1 or --min-recall, 2 on bad usage or a malformed\n"
    "file (file:line: column: reason).\n";

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

std::size_t level_index(RiskLevel level) {
  return static_cast<std::size_t>(level);
}

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

// Every missed, falsely alarmed and misclassified line, for reading one by one.
void print_risk_lines(const RiskReport& r, const std::string& file) {
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
  std::printf("  answered as crisis, leaving out lines labelled violence: %s\n",
              ratio_text(r.crisis_no_violence).c_str());

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
  std::printf("top-1 among the needs the line names: %s\n", ratio_text(r.top1_named).c_str());
  std::printf("a need read into lines that name none: %s\n",
              ratio_text(r.need_read_into_none).c_str());

  print_risk_lines(r, file);
}

// True when `r` is below `min` percent (exactly: no rounding).
bool below(const Ratio& r, double min) {
  return 100.0 * r.hits < min * r.total;
}

// A number flag within [low, high]: "from 0 to 100" for the --min-* percentages, "from 0 to 1"
// for a probability.
args::Parser::Apply number_flag(const std::string& name, double low, double high, double* out) {
  return [name, low, high, out](const std::string& v) -> Status {
    char* end = nullptr;
    const double value = std::strtod(v.c_str(), &end);
    if (v.empty() || *end != '\0' || !(value >= low && value <= high)) {
      std::ostringstream range;
      range << "expected a number from " << low << " to " << high << ", got '" << v << "'";
      return Error::invalid_argument(name, range.str());
    }
    *out = value;
    return Status();
  };
}

struct EvalOptions {
  std::string file;
  std::string rules;
  std::string risk_model;       // "": the built-in model
  double risk_threshold = -1;   // -1: the model's own
  std::string category_model;   // "": the built-in model
  double category_weight = -1;  // -1: the built-in, or 0 when a threshold-way flag is given
  double category_threshold = -1;
  bool category_every_language = false;
  bool category_orders_rules = false;
  bool surface_only = false;
  bool without_model = false;
  double min_top1 = -1;  // -1: not given
  double min_recall = -1;
};

int usage_error(const std::string& reason) {
  std::fprintf(stderr, "shirube eval: %s (try --help)\n", reason.c_str());
  return 2;
}

// The flags: nullopt to go on, else the exit code (0 after --help, 2 after bad usage).
std::optional<int> parse_eval_args(const std::vector<std::string>& args, EvalOptions& out) {
  std::vector<std::string> files;
  args::Parser parser;
  parser.text("--rules", &out.rules)
      .flag("--surface-only", &out.surface_only)
      .flag("--without-model", &out.without_model)
      .custom("--min-top1", number_flag("--min-top1", 0, 100, &out.min_top1))
      .custom("--min-recall", number_flag("--min-recall", 0, 100, &out.min_recall))
      .text("--risk-model", &out.risk_model)
      .custom("--risk-threshold", number_flag("--risk-threshold", 0, 1, &out.risk_threshold))
      .text("--category-model", &out.category_model)
      .custom("--category-weight", number_flag("--category-weight", 0, 100, &out.category_weight))
      .custom("--category-threshold",
              number_flag("--category-threshold", 0, 1, &out.category_threshold))
      .flag("--category-every-language", &out.category_every_language)
      .flag("--category-orders-rules", &out.category_orders_rules)
      .positional(&files);
  if (Status s = parser.parse(args); !s.ok())
    return usage_error(s.error().message());
  if (parser.help()) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  for (const auto& f : files) {
    if (!f.empty() && f[0] == '-')
      return usage_error("unknown option '" + f + "'");
  }
  if (files.size() > 1) {
    std::fputs("shirube eval: give exactly one FILE.tsv\n", stderr);
    return 2;
  }
  if (files.empty())
    return usage_error("missing FILE.tsv");
  out.file = files.front();
  return std::nullopt;
}

// The matcher the flags name: the bundled or given rules, with the bundled or given category
// model (set as the flags say) unless --without-model.
Result<std::unique_ptr<IntentMatcher>> load_matcher(const EvalOptions& o) {
  std::unique_ptr<IntentMatcher> rules;
  if (o.rules.empty()) {
    ASSIGN_OR_RETURN(rules, IntentMatcher::load_bundled(false));
  } else {
    ASSIGN_OR_RETURN(const std::string text, read_whole_file(o.rules));
    ASSIGN_OR_RETURN(rules, IntentMatcher::load(text, o.rules));
  }
  if (o.without_model)
    return rules;
  const bool threshold_flags =
      o.category_threshold >= 0 || o.category_every_language || o.category_orders_rules;
  const bool category_flags =
      !o.category_model.empty() || o.category_weight >= 0 || threshold_flags;
  if (!o.rules.empty() && !category_flags)
    return rules;  // a pattern file alone is scored alone, as before
  std::unique_ptr<CategoryModel> model;
  if (o.category_model.empty()) {
    ASSIGN_OR_RETURN(model, CategoryModel::load_bundled());
  } else {
    ASSIGN_OR_RETURN(const std::string bytes, read_whole_file(o.category_model));
    ASSIGN_OR_RETURN(model, CategoryModel::load(bytes, o.category_model));
  }
  if (o.category_weight >= 0)
    model->set_weight(o.category_weight);
  else if (threshold_flags)
    model->set_weight(0);
  if (o.category_threshold >= 0)
    model->set_threshold(o.category_threshold);
  model->set_every_language(o.category_every_language);
  model->set_orders_rules(o.category_orders_rules);
  return with_category_model(std::move(rules), std::move(model));
}

int fail(const Error& e) {
  std::fprintf(stderr, "shirube eval: %s\n", e.message().c_str());
  return 2;
}

int run_intent_eval(const EvalOptions& o, const IntentMatcher& matcher,
                    const std::vector<EvalCase>& cases) {
  if (o.min_recall >= 0) {
    std::fprintf(stderr, "shirube eval: --min-recall needs a risk file (5 columns); %s has 2\n",
                 o.file.c_str());
    return 2;
  }
  const EvalReport r = evaluate(matcher, cases);
  print_intent_report(r, o.file);
  if (o.min_top1 >= 0 && below({r.top1, r.total}, o.min_top1)) {
    std::fprintf(stderr, "shirube eval: top-1 accuracy %s is below %.1f%%\n",
                 percent(r.top1, r.total).c_str(), o.min_top1);
    return 1;
  }
  return 0;
}

// The bundled detector, with the risk model and threshold the flags name.
Result<std::unique_ptr<CrisisDetector>> load_detector(const EvalOptions& o) {
  std::unique_ptr<RiskModel> model;
  if (!o.risk_model.empty()) {
    ASSIGN_OR_RETURN(const std::string bytes, read_whole_file(o.risk_model));
    ASSIGN_OR_RETURN(model, RiskModel::load(bytes, o.risk_model));
  } else if (o.risk_threshold >= 0) {
    ASSIGN_OR_RETURN(model, RiskModel::load_bundled());
  }
  if (model && o.risk_threshold >= 0)
    model->set_threshold(o.risk_threshold);
  return CrisisDetector::load_bundled(!o.surface_only, !o.without_model, std::move(model));
}

int run_risk_eval(const EvalOptions& o, const IntentMatcher& matcher,
                  const std::vector<RiskCase>& cases) {
  auto detector = load_detector(o);
  if (!detector.ok())
    return fail(detector.error());
  const RiskReport r = evaluate_risk(*detector.value(), matcher, cases);
  // A gate with nothing to measure would always pass: refuse it before printing anything.
  if (o.min_recall >= 0 && r.recall.total == 0) {
    std::fprintf(stderr, "shirube eval: --min-recall: %s has no crisis or check lines\n",
                 o.file.c_str());
    return 2;
  }
  if (o.min_top1 >= 0 && r.top1.total == 0) {
    std::fprintf(stderr, "shirube eval: --min-top1: %s has no none lines that name a need\n",
                 o.file.c_str());
    return 2;
  }
  print_risk_report(r, o.file);
  int status = 0;
  if (o.min_recall >= 0 && below(r.recall, o.min_recall)) {
    std::fprintf(stderr, "shirube eval: crisis recall %s is below %.1f%%\n",
                 percent(r.recall.hits, r.recall.total).c_str(), o.min_recall);
    status = 1;
  }
  if (o.min_top1 >= 0 && below(r.top1, o.min_top1)) {
    std::fprintf(stderr, "shirube eval: top-1 accuracy %s is below %.1f%%\n",
                 percent(r.top1.hits, r.top1.total).c_str(), o.min_top1);
    status = 1;
  }
  return status;
}

}  // namespace

int run_eval(const std::vector<std::string>& args) {
  EvalOptions o;
  if (const std::optional<int> done = parse_eval_args(args, o))
    return *done;
  auto matcher = load_matcher(o);
  if (!matcher.ok())
    return fail(matcher.error());
  auto data = read_whole_file(o.file);
  if (!data.ok())
    return fail(data.error());
  auto parsed = parse_any_eval_file(data.value(), o.file);
  if (!parsed.ok())
    return fail(parsed.error());
  if (parsed->format == EvalFormat::kIntent)
    return run_intent_eval(o, *matcher.value(), parsed->intent);
  return run_risk_eval(o, *matcher.value(), parsed->risk);
}

}  // namespace shirube::intents
