#include "intents/eval_cli.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "intents/crisis.h"
#include "intents/intent_matcher.h"
#include "tests/support/read_file.h"

#include <sys/wait.h>
#include <unistd.h>

using shirube::intents::CrisisDetector;
using shirube::intents::CrisisResult;
using shirube::intents::detected_level;
using shirube::intents::detector_levels;
using shirube::intents::EvalFormat;
using shirube::intents::evaluate;
using shirube::intents::evaluate_risk;
using shirube::intents::IntentMatcher;
using shirube::intents::parse_any_eval_file;
using shirube::intents::parse_eval_file;
using shirube::intents::parse_risk_file;
using shirube::intents::Ratio;
using shirube::intents::RiskLevel;

namespace {

// A temporary file removed at scope exit (unique per test, so tests can run in parallel).
class TempFile {
 public:
  explicit TempFile(const std::string& content) {
    char name[] = "/tmp/shirube_eval_XXXXXX";
    const int fd = mkstemp(name);
    REQUIRE(fd >= 0);
    path_ = name;
    const ssize_t n = write(fd, content.data(), content.size());
    close(fd);
    REQUIRE(n == static_cast<ssize_t>(content.size()));
  }
  ~TempFile() { std::remove(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct Run {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

Run run_binary(const std::string& args) {
  const std::string cmd = std::string("'") + SHIRUBE_BINARY_PATH + "' eval " + args + " 2>&1";
  Run r;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  std::size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0)
    r.output.append(buf, n);
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace

namespace Catch {
template <>
struct StringMaker<Ratio> {
  static std::string convert(const Ratio& r) {
    return std::to_string(r.hits) + "/" + std::to_string(r.total);
  }
};
}  // namespace Catch

TEST_CASE("EvalCli: parses labelled lines, comments and several ids", "[intents]") {
  auto r = parse_eval_file(
      "# comment\n"
      "\n"
      "ご飯がない\tfood\r\n"
      "施設を出て食費がない\tcare_leaver,food\n"
      "こんにちは\tnone\n"
      "家賃\thousing, money\n",
      "e.tsv");
  REQUIRE(r.ok());
  REQUIRE(r.value().size() == 4);
  CHECK(r.value()[0].line == 3);
  CHECK(r.value()[0].text == "ご飯がない");
  CHECK(r.value()[1].expected == std::vector<std::string>{"care_leaver", "food"});
  CHECK(r.value()[2].expected == std::vector<std::string>{"none"});
  CHECK(r.value()[3].expected == std::vector<std::string>{"housing", "money"});
}

TEST_CASE("EvalCli: a malformed eval file is an error with file and line", "[intents]") {
  auto [tsv, expected] = GENERATE(table<std::string, std::string>({
      {"ご飯がない\n", "e.tsv:1: expected 2 TAB-separated fields, got 1"},
      {"# c\nご飯\tfood\nお金\tmoney\textra\n", "e.tsv:3: expected 2 TAB-separated fields, got 3"},
      {"ご飯\tfoods\n", "e.tsv:1: categories: unknown category id 'foods'"},
      {"ご飯\tfood,\n", "e.tsv:1: categories: empty category id"},
      {"ご飯\t\n", "e.tsv:1: categories: empty category id"},
      {"\tfood\n", "e.tsv:1: text: empty"},
      {"やあ\tnone,food\n", "e.tsv:1: categories: 'none' cannot be combined"},
      {"\xff\tfood\n", "e.tsv:1: invalid UTF-8"},
      {"# nothing\n", "e.tsv: no labelled lines"},
  }));
  CAPTURE(tsv);
  auto r = parse_eval_file(tsv, "e.tsv");
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error().message(), Catch::Matchers::StartsWith(expected));
}

TEST_CASE("EvalCli: evaluate counts top-1, top-2, labels and misses", "[intents]") {
  auto m = IntentMatcher::load("food\t6\tgohan\nmoney\t4\tokane\n", "m.tsv");
  REQUIRE(m.ok());
  auto cases = parse_eval_file(
      "gohan\tfood\n"              // hit
      "okane gohan\tmoney,food\n"  // top-1 miss, top-2 hit
      "hello\tnone\n"              // hit: nothing matched
      "okane\tfood\n",             // miss
      "e.tsv");
  REQUIRE(cases.ok());
  const auto r = evaluate(*m.value(), cases.value());
  CHECK(r.total == 4);
  CHECK(r.top1 == 2);
  CHECK(r.top2 == 3);
  CHECK(r.labels == 5);
  CHECK(r.labels_found == 4);
  REQUIRE(r.misses.size() == 2);
  CHECK(r.misses[0].line == 2);
  CHECK(r.misses[0].expected == "money");
  CHECK(r.misses[0].got == "food 6.0, money 4.0");
  CHECK(r.misses[1].got == "money 4.0");
  REQUIRE(r.per_category.size() == 3);
  CHECK(r.per_category[0].category == "food");
  CHECK(r.per_category[0].total == 2);
  CHECK(r.per_category[0].correct == 1);
  CHECK(r.per_category[2].category == "none");
}

TEST_CASE("EvalCli: the shirube binary scores the bundled eval set", "[intents]") {
  const Run r = run_binary(std::string("'") + SHIRUBE_SOURCE_DIR + "/tests/data/intents_eval.tsv'");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Matchers::Contains("top-1 accuracy: "));
  CHECK_THAT(r.output, Catch::Matchers::Contains("care_leaver"));
  CHECK_THAT(r.output, Catch::Matchers::Contains("legal_consumer"));
}

TEST_CASE("EvalCli: the binary reports misses and honours --rules and --min-top1", "[intents]") {
  TempFile rules("food\t6\tgohan\nmoney\t4\tokane\n");
  TempFile eval("gohan\tfood\nokane\tfood\n");
  const Run ok = run_binary("--rules '" + rules.path() + "' '" + eval.path() + "'");
  INFO(ok.output);
  CHECK(ok.exit_code == 0);
  CHECK_THAT(ok.output, Catch::Matchers::Contains("top-1 accuracy: 1/2 = 50.0%"));
  CHECK_THAT(ok.output,
             Catch::Matchers::Contains(eval.path() + ":2: expected food, got money 4.0"));
  const Run low = run_binary("--rules '" + rules.path() + "' --min-top1 60 '" + eval.path() + "'");
  CHECK(low.exit_code == 1);
  const Run enough =
      run_binary("--rules '" + rules.path() + "' --min-top1 50 '" + eval.path() + "'");
  CHECK(enough.exit_code == 0);
}

TEST_CASE("EvalCli: bad usage and bad files exit 2 with a one-line reason", "[intents]") {
  TempFile bad("ご飯がない\tfood\nお金がない\n");
  TempFile bad_rules("food\t5\t(\n");
  TempFile good("ご飯がない\tfood\n");
  TempFile risk("死にたい\tcrisis\tcrisis\tja\tself\n");
  TempFile calm("こんにちは\tnone\tnone\tja\t-\n");
  TempFile bad_risk("死にたい\tcrisis\tcrisis\tja\tself\n死にたい\tcrisis\tcrisis\tjp\tself\n");
  TempFile mixed("死にたい\tcrisis\tcrisis\tja\tself\nご飯がない\tfood\n");
  // A plain loop, not GENERATE: the temporary files must outlive every row.
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"", "missing FILE.tsv"},
      {"'" + bad.path() + "'", bad.path() + ":2: expected 2 TAB-separated fields"},
      {"/nonexistent/eval.tsv", "/nonexistent/eval.tsv: cannot open file"},
      {"--bogus x.tsv", "unknown option '--bogus'"},
      {"a.tsv b.tsv", "give exactly one FILE.tsv"},
      {"--min-top1 abc '" + good.path() + "'",
       "--min-top1: expected a number from 0 to 100, got 'abc'"},
      {"--min-top1 101 '" + good.path() + "'",
       "--min-top1: expected a number from 0 to 100, got '101'"},
      {"--rules", "--rules: needs a value"},
      {"--rules '" + bad_rules.path() + "' '" + good.path() + "'",
       bad_rules.path() + ":1: food: bad pattern"},
      {"--min-recall abc '" + risk.path() + "'",
       "--min-recall: expected a number from 0 to 100, got 'abc'"},
      {"--min-recall", "--min-recall: needs a value"},
      {"--min-recall 50 '" + good.path() + "'", "--min-recall needs a risk file (5 columns)"},
      {"--min-recall 50 '" + calm.path() + "'",
       "--min-recall: " + calm.path() + " has no crisis or check lines"},
      {"--min-top1 50 '" + risk.path() + "'",
       "--min-top1: " + risk.path() + " has no none lines that name a need"},
      {"'" + bad_risk.path() + "'", bad_risk.path() + ":2: lang: unknown language 'jp'"},
      {"'" + mixed.path() + "'",
       mixed.path() + ":2: expected 5 TAB-separated fields as on line 1 (a risk file), got 2"},
      {"--risk-threshold 1.5 '" + risk.path() + "'",
       "--risk-threshold: expected a number from 0 to 1, got '1.5'"},
      {"--risk-model /nonexistent/model.bin '" + risk.path() + "'",
       "/nonexistent/model.bin: cannot open file"},
      {"--risk-model '" + good.path() + "' '" + risk.path() + "'", good.path()},
      {"--category-threshold -0.1 '" + risk.path() + "'",
       "--category-threshold: expected a number from 0 to 1, got '-0.1'"},
      {"--category-weight 101 '" + risk.path() + "'",
       "--category-weight: expected a number from 0 to 100, got '101'"},
      {"--category-model /nonexistent/model.bin '" + risk.path() + "'",
       "/nonexistent/model.bin: cannot open file"},
      {"--category-model '" + good.path() + "' '" + risk.path() + "'", good.path()},
  };
  for (const auto& [args, expected] : rows) {
    CAPTURE(args);
    const Run r = run_binary(args);
    INFO(r.output);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Matchers::Contains(expected));
    CHECK(std::count(r.output.begin(), r.output.end(), '\n') == 1);
  }
}

TEST_CASE("EvalCli: --help prints usage and exits 0", "[intents]") {
  const Run r = run_binary("--help");
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Matchers::Contains("usage: shirube eval FILE.tsv"));
}

TEST_CASE("EvalCli: parses a risk file's five columns", "[intents]") {
  auto r = parse_risk_file(
      "# text\trisk\tcategories\tlang\tdanger\n"
      "死にたい\tcrisis\tcrisis\tja\tself\r\n"
      "\n"
      "I cut again\tcrisis\tcrisis,mental_health\ten\tdone\n"
      "夫に殴られる\tcheck\tviolence, parenting_family\tja\tother\n"
      "Wala akong pagkain\tnone\tfood\ttl\t-\n"
      "早上好\tnone\tnone\tzh-Hans\t-\n",
      "r.tsv");
  REQUIRE(r.ok());
  const auto& c = r.value();
  REQUIRE(c.size() == 5);
  CHECK(c[0].line == 2);
  CHECK(c[0].text == "死にたい");
  CHECK(c[0].risk == RiskLevel::kCrisis);
  CHECK(c[0].categories == std::vector<std::string>{"crisis"});
  CHECK(c[0].lang == "ja");
  CHECK(c[0].danger == "self");
  CHECK(c[1].line == 4);
  CHECK(c[1].categories == std::vector<std::string>{"crisis", "mental_health"});
  CHECK(c[1].danger == "done");
  CHECK(c[2].risk == RiskLevel::kCheck);
  CHECK(c[2].categories == std::vector<std::string>{"violence", "parenting_family"});
  CHECK(c[2].danger == "other");
  CHECK(c[3].risk == RiskLevel::kNone);
  CHECK(c[3].lang == "tl");
  CHECK(c[3].danger == "-");
  CHECK(c[4].categories == std::vector<std::string>{"none"});
  CHECK(c[4].lang == "zh-Hans");
}

TEST_CASE("EvalCli: a malformed risk row is an error with file, line and column", "[intents]") {
  auto [tsv, expected] = GENERATE(table<std::string, std::string>({
      {"ok\tnone\tnone\tja\t-\n\tcrisis\tcrisis\tja\tself\n", "r.tsv:2: text: empty"},
      {"x\thigh\tcrisis\tja\tself\n",
       "r.tsv:1: risk: unknown level 'high' (crisis, check or none)"},
      {"x\tCrisis\tcrisis\tja\tself\n", "r.tsv:1: risk: unknown level 'Crisis'"},
      {"x\t\tcrisis\tja\tself\n", "r.tsv:1: risk: unknown level ''"},
      {"x\tcrisis\tcrises\tja\tself\n", "r.tsv:1: categories: unknown category id 'crises'"},
      {"x\tcrisis\t\tja\tself\n", "r.tsv:1: categories: empty category id"},
      {"x\tnone\tnone,food\tja\t-\n", "r.tsv:1: categories: 'none' cannot be combined"},
      {"x\tcrisis\tcrisis\tjp\tself\n",
       "r.tsv:1: lang: unknown language 'jp' (ja, en, zh-Hans, zh-Hant, ko, vi, pt, es, tl, ne "
       "or id)"},
      {"x\tcrisis\tcrisis\tzh\tself\n", "r.tsv:1: lang: unknown language 'zh'"},
      {"x\tcrisis\tcrisis\tja\tothers\n",
       "r.tsv:1: danger: unknown kind 'others' (self, done, other or -)"},
      {"x\tcrisis\tcrisis\tja\t\n", "r.tsv:1: danger: unknown kind ''"},
      {"x\tcrisis\tcrisis\tja\n", "r.tsv:1: expected 5 TAB-separated fields, got 4"},
      {"\xff\tcrisis\tcrisis\tja\tself\n", "r.tsv:1: invalid UTF-8"},
      {"# nothing\n", "r.tsv: no labelled lines"},
  }));
  CAPTURE(tsv);
  auto r = parse_risk_file(tsv, "r.tsv");
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error().message(), Catch::Matchers::StartsWith(expected));
}

TEST_CASE("EvalCli: the first row's column count decides the file format", "[intents]") {
  auto intent = parse_any_eval_file("# c\nご飯がない\tfood\nやあ\tnone\n", "e.tsv");
  REQUIRE(intent.ok());
  CHECK(intent.value().format == EvalFormat::kIntent);
  CHECK(intent.value().intent.size() == 2);
  CHECK(intent.value().risk.empty());

  auto risk = parse_any_eval_file("\xEF\xBB\xBF# c\n死にたい\tcrisis\tcrisis\tja\tself\n", "r.tsv");
  REQUIRE(risk.ok());
  CHECK(risk.value().format == EvalFormat::kRisk);
  CHECK(risk.value().risk.size() == 1);
  CHECK(risk.value().intent.empty());

  auto [tsv, expected] = GENERATE(table<std::string, std::string>({
      {"ご飯\tfood\tja\n",
       "f.tsv:1: expected 2 (intent file) or 5 (risk file) TAB-separated fields, got 3"},
      {"# c\n\nご飯\n",
       "f.tsv:3: expected 2 (intent file) or 5 (risk file) TAB-separated "
       "fields, got 1"},
      {"ご飯\tfood\n# c\n死にたい\tcrisis\tcrisis\tja\tself\n",
       "f.tsv:3: expected 2 TAB-separated fields as on line 1 (an intent file), got 5"},
      {"# c\n死にたい\tcrisis\tcrisis\tja\tself\r\nご飯\tfood\r\n",
       "f.tsv:3: expected 5 TAB-separated fields as on line 2 (a risk file), got 2"},
      {"死にたい\tcrisis\tcrisis\tja\tself\nご飯\tnone\tfood\tja\n",
       "f.tsv:2: expected 5 TAB-separated fields as on line 1 (a risk file), got 4"},
      {"死にたい\tcrisis\tcrisis\tja\tself\nx\tcrisis\tcrisis\tja\tnow\n",
       "f.tsv:2: danger: unknown kind 'now' (self, done, other or -)"},
      {"ご飯\tfood\nx\tfoods\n", "f.tsv:2: categories: unknown category id 'foods'"},
      {"# only comments\n\n", "f.tsv: no labelled lines"},
  }));
  CAPTURE(tsv);
  auto r = parse_any_eval_file(tsv, "f.tsv");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message() == expected);
}

TEST_CASE("EvalCli: the detected level is the detector's level, crisis, check or none",
          "[intents]") {
  CrisisResult none;
  CHECK(detected_level(none) == RiskLevel::kNone);
  CrisisResult suicide;
  suicide.level = RiskLevel::kCrisis;
  suicide.kind = shirube::intents::CrisisKind::kSuicide;
  CHECK(detected_level(suicide) == RiskLevel::kCrisis);
  CrisisResult ask;
  ask.level = RiskLevel::kCheck;
  ask.kind = shirube::intents::CrisisKind::kSuicide;
  CHECK(detected_level(ask) == RiskLevel::kCheck);
  CHECK(detector_levels() ==
        std::vector<RiskLevel>{RiskLevel::kCrisis, RiskLevel::kCheck, RiskLevel::kNone});
}

TEST_CASE("EvalCli: evaluate_risk counts recall, false positives, top-1 and the confusion table",
          "[intents]") {
  auto detector = CrisisDetector::load(
      "s1\tsuicide\tno\tshinitai\n"
      "v1\tviolence\tno\tnaguru\n",
      "c.tsv");
  REQUIRE(detector.ok());
  auto matcher = IntentMatcher::load(
      "food\t6\tgohan\n"
      "violence\t5\tnaguru\n"
      "money\t4\tokane\n",
      "m.tsv");
  REQUIRE(matcher.ok());
  auto cases = parse_risk_file(
      "shinitai\tcrisis\tcrisis\tja\tself\n"             // 1 caught
      "tsukareta\tcrisis\tcrisis\tja\tself\n"            // 2 missed
      "shinitai kamo\tcheck\tmental_health\ten\tself\n"  // 3 caught
      "nemurenai\tcheck\tmental_health\ten\tself\n"      // 4 missed
      "naguru\tcheck\tviolence\tja\tother\n"             // 5 caught (violence)
      "gohan\tnone\tfood\tja\t-\n"                       // 6 quiet, top-1 right
      "gohan shinitai hodo\tnone\tfood\tja\t-\n"         // 7 false alarm, top-1 right
      "okane naguru\tnone\tmoney,violence\ten\t-\n"      // 8 false alarm, top-1 wrong
      "hello\tnone\tnone\ten\t-\n"                       // 9 quiet, no need to score
      "okane\tnone\tmoney\tko\t-\n"                      // 10 quiet, top-1 right
      "gohan oishii\tnone\tnone\tko\t-\n",               // 11 quiet, a need read into it
      "r.tsv");
  REQUIRE(cases.ok());
  const auto r = evaluate_risk(*detector.value(), *matcher.value(), cases.value());

  CHECK(r.total == 11);
  CHECK(r.recall == Ratio{3, 5});
  CHECK(r.recall_crisis == Ratio{1, 2});
  CHECK(r.recall_check == Ratio{2, 3});
  CHECK(r.false_alarms == Ratio{2, 6});
  CHECK(r.false_alarms_no_violence == Ratio{1, 5});  // line 8 is labelled violence
  CHECK(r.crisis_no_violence == Ratio{1, 5});        // line 7

  const auto at = [&r](RiskLevel expected, RiskLevel detected) {
    return r.confusion[static_cast<std::size_t>(expected)][static_cast<std::size_t>(detected)];
  };
  CHECK(at(RiskLevel::kCrisis, RiskLevel::kCrisis) == 1);
  CHECK(at(RiskLevel::kCrisis, RiskLevel::kNone) == 1);
  CHECK(at(RiskLevel::kCheck, RiskLevel::kCrisis) == 2);
  CHECK(at(RiskLevel::kCheck, RiskLevel::kNone) == 1);
  CHECK(at(RiskLevel::kNone, RiskLevel::kCrisis) == 2);
  CHECK(at(RiskLevel::kNone, RiskLevel::kNone) == 4);
  CHECK(at(RiskLevel::kCrisis, RiskLevel::kCheck) == 0);
  CHECK(at(RiskLevel::kCheck, RiskLevel::kCheck) == 0);
  CHECK(at(RiskLevel::kNone, RiskLevel::kCheck) == 0);

  REQUIRE(r.per_lang.size() == 3);  // in the documented order, only languages present
  CHECK(r.per_lang[0].key == "ja");
  CHECK(r.per_lang[0].recall == Ratio{2, 3});
  CHECK(r.per_lang[0].false_alarms == Ratio{1, 2});
  CHECK(r.per_lang[0].top1 == Ratio{2, 2});
  CHECK(r.per_lang[1].key == "en");
  CHECK(r.per_lang[1].recall == Ratio{1, 2});
  CHECK(r.per_lang[1].false_alarms == Ratio{1, 2});
  CHECK(r.per_lang[1].top1 == Ratio{0, 1});
  CHECK(r.per_lang[2].key == "ko");
  CHECK(r.per_lang[2].recall == Ratio{0, 0});
  CHECK(r.per_lang[2].false_alarms == Ratio{0, 2});
  CHECK(r.per_lang[2].top1 == Ratio{1, 1});

  REQUIRE(r.per_danger.size() == 3);  // no "done" line
  CHECK(r.per_danger[0].key == "self");
  CHECK(r.per_danger[0].recall == Ratio{2, 4});
  CHECK(r.per_danger[0].false_alarms == Ratio{0, 0});
  CHECK(r.per_danger[1].key == "other");
  CHECK(r.per_danger[1].recall == Ratio{1, 1});
  CHECK(r.per_danger[2].key == "-");
  CHECK(r.per_danger[2].recall == Ratio{0, 0});
  CHECK(r.per_danger[2].false_alarms == Ratio{2, 6});

  CHECK(r.top1 == Ratio{3, 4});
  CHECK(r.top1_named == Ratio{4, 4});           // line 8 names violence too
  CHECK(r.need_read_into_none == Ratio{1, 2});  // line 11, not line 9
  REQUIRE(r.per_category.size() == 2);
  CHECK(r.per_category[0].category == "food");
  CHECK(r.per_category[0].total == 2);
  CHECK(r.per_category[0].correct == 2);
  CHECK(r.per_category[1].category == "money");
  CHECK(r.per_category[1].total == 2);
  CHECK(r.per_category[1].correct == 1);

  REQUIRE(r.missed.size() == 2);
  CHECK(r.missed[0].line == 2);
  CHECK(r.missed[0].text == "tsukareta");
  CHECK(r.missed[0].expected == RiskLevel::kCrisis);
  CHECK(r.missed[0].detected == RiskLevel::kNone);
  CHECK(r.missed[0].fired.empty());
  CHECK(r.missed[1].line == 4);
  CHECK(r.missed[1].expected == RiskLevel::kCheck);
  CHECK(r.missed[1].lang == "en");
  REQUIRE(r.false_alarm_lines.size() == 2);
  CHECK(r.false_alarm_lines[0].line == 7);
  CHECK(r.false_alarm_lines[0].detected == RiskLevel::kCrisis);
  CHECK(r.false_alarm_lines[0].fired == "suicide s1");
  CHECK(r.false_alarm_lines[1].line == 8);
  CHECK(r.false_alarm_lines[1].fired == "violence v1");
  REQUIRE(r.category_misses.size() == 1);
  CHECK(r.category_misses[0].line == 8);
  CHECK(r.category_misses[0].expected == "money");
  CHECK(r.category_misses[0].got == "violence 5.0, money 4.0");
}

TEST_CASE("EvalCli: the binary scores a risk file with the bundled detector and --min-recall",
          "[intents]") {
  // Lines 2 and 4 hold no crisis wording at all, so the bundled rules cannot catch them; line 3
  // states a food need and nothing else. Without the risk model, the counts are the rules'.
  TempFile risk(
      "# text\trisk\tcategories\tlang\tdanger\n"
      "死にたい\tcrisis\tcrisis\tja\tself\n"
      "明日は晴れ\tcheck\tmental_health\tja\tself\n"
      "ご飯がない\tnone\tfood\tja\t-\n"
      "今日は晴れ\tcrisis\tcrisis\ten\tdone\n");
  const Run r = run_binary("--without-model '" + risk.path() + "'");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Matchers::Contains("4 lines: 2 crisis, 1 check, 1 none\n"));
  CHECK_THAT(r.output, Catch::Matchers::Contains("\nrecall: 1/3 = 33.3%\n"));
  CHECK_THAT(r.output, Catch::Matchers::Contains("\n  crisis: 1/2 = 50.0%\n"));
  CHECK_THAT(r.output, Catch::Matchers::Contains("\n  check: 0/1 = 0.0%\n"));
  CHECK_THAT(r.output, Catch::Matchers::Contains("\nfalse positives: 0/1 = 0.0% of none lines\n"));
  CHECK_THAT(r.output, Catch::Matchers::Contains(
                           "expected \\ detected    crisis    check     none    lines\n"
                           "crisis                      1        0        1        2\n"
                           "check                       0        0        1        1\n"
                           "none                        0        0        1        1\n"));
  CHECK_THAT(r.output, Catch::Matchers::Contains("\n  answered as crisis: 0/1 = 0.0%\n"));
  CHECK_THAT(r.output, Catch::Matchers::Contains("\n  asked (check): 0/1 = 0.0%\n"));
  CHECK_THAT(r.output, Catch::Matchers::Contains("\nja         1/2       50.0%  0/1        0.0%"));
  CHECK_THAT(r.output, Catch::Matchers::Contains("\nen         0/1        0.0%  -"));
  CHECK_THAT(r.output, Catch::Matchers::Contains("\ndone       0/1        0.0%  -\n"));
  // Line 5 is labelled en but written in Japanese.
  CHECK_THAT(r.output, Catch::Matchers::Contains("\nlanguage detected: 3/4 = 75.0%\n"));
  CHECK_THAT(r.output,
             Catch::Matchers::Contains("missed crisis and check lines (2):\n" + risk.path() +
                                       ":3: check, self, ja: 明日は晴れ\n" + risk.path() +
                                       ":5: crisis, done, en: 今日は晴れ\n"));
  CHECK_THAT(r.output, !Catch::Matchers::Contains("false positives ("));

  const Run low = run_binary("--without-model --min-recall 33.4 '" + risk.path() + "'");
  CHECK(low.exit_code == 1);
  CHECK_THAT(low.output, Catch::Matchers::Contains("crisis recall 33.3% is below 33.4%"));
  const Run enough = run_binary("--without-model --min-recall 33.3 '" + risk.path() + "'");
  CHECK(enough.exit_code == 0);
}

namespace {

// A closed blind round and its floors: what the bundled detector catches of it now.
struct Round {
  const char* file;
  int lines, worrying, caught, false_alarms, false_alarms_no_violence;
};

// Each tests/data/risk_roundN.tsv was written without sight of the detector and measured
// before any change made for it (docs/benchmarks.md); since then it is also training data
// of the risk model, so the detector catches nearly every worrying line of it (the model
// does not read very short messages). These floors are what it catches now: a change that
// loses recall or adds false alarms on one fails here. (About ten rounds a test case: each stays
// well within its time under the thread sanitizer.)
void check_round_floor(const Round& round) {
  CAPTURE(round.file);
  const std::string text =
      shirube::testing::read_file(std::string(SHIRUBE_SOURCE_DIR) + "/tests/data/" + round.file);
  REQUIRE_FALSE(text.empty());
  auto cases = shirube::intents::parse_risk_file(text, round.file);
  REQUIRE(cases.ok());
  static const auto detector = CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  static const auto matcher = IntentMatcher::load_bundled();
  REQUIRE(matcher.ok());
  const auto report = evaluate_risk(**detector, **matcher, *cases);
  CHECK(report.total == round.lines);
  CHECK(report.recall.total == round.worrying);
  CHECK(report.recall.hits >= round.caught);
  CHECK(report.false_alarms.hits <= round.false_alarms);
  CHECK(report.false_alarms_no_violence.hits <= round.false_alarms_no_violence);
}

}  // namespace

TEST_CASE("EvalCli: closed blind rounds 1 to 10 keep what the bundled detector catches",
          "[intents][slow]") {
  check_round_floor(GENERATE(Round{"risk_round1.tsv", 371, 131, 129, 9, 4},
                             Round{"risk_round2.tsv", 392, 138, 138, 19, 12},
                             Round{"risk_round3.tsv", 350, 116, 116, 22, 14},
                             Round{"risk_round4.tsv", 421, 177, 177, 25, 17},
                             Round{"risk_round5.tsv", 394, 171, 170, 18, 11},
                             Round{"risk_round6.tsv", 408, 187, 187, 20, 16},
                             Round{"risk_round7.tsv", 400, 190, 188, 11, 10},
                             Round{"risk_round8.tsv", 400, 190, 190, 16, 12},
                             Round{"risk_round9.tsv", 400, 190, 190, 12, 7},
                             Round{"risk_round10.tsv", 400, 190, 189, 16, 13}));
}

TEST_CASE("EvalCli: closed blind rounds 11 to 20 keep what the bundled detector catches",
          "[intents][slow]") {
  check_round_floor(GENERATE(Round{"risk_round11.tsv", 400, 190, 188, 10, 8},
                             Round{"risk_round12.tsv", 400, 190, 189, 20, 18},
                             Round{"risk_round13.tsv", 400, 190, 188, 11, 5},
                             Round{"risk_round14.tsv", 400, 190, 190, 20, 15},
                             Round{"risk_round15.tsv", 400, 190, 190, 21, 13},
                             Round{"risk_round16.tsv", 400, 190, 190, 23, 17},
                             Round{"risk_round17.tsv", 400, 190, 190, 20, 17},
                             Round{"risk_round18.tsv", 400, 190, 190, 25, 18},
                             Round{"risk_round19.tsv", 400, 190, 190, 16, 15},
                             Round{"risk_round20.tsv", 400, 190, 190, 19, 17}));
}

TEST_CASE("EvalCli: closed blind rounds 21 to 30 keep what the bundled detector catches",
          "[intents][slow]") {
  check_round_floor(GENERATE(Round{"risk_round21.tsv", 400, 190, 190, 18, 15},
                             Round{"risk_round22.tsv", 400, 190, 190, 17, 11},
                             Round{"risk_round23.tsv", 400, 190, 190, 30, 25},
                             Round{"risk_round24.tsv", 400, 190, 190, 27, 26},
                             Round{"risk_round25.tsv", 400, 190, 189, 28, 25},
                             Round{"risk_round26.tsv", 400, 190, 190, 17, 10},
                             Round{"risk_round27.tsv", 400, 190, 190, 23, 17},
                             Round{"risk_round28.tsv", 400, 190, 190, 26, 19},
                             Round{"risk_round29.tsv", 400, 190, 190, 28, 22},
                             Round{"risk_round30.tsv", 400, 190, 189, 16, 11}));
}

TEST_CASE("EvalCli: closed blind rounds 31 to 40 keep what the bundled detector catches",
          "[intents][slow]") {
  check_round_floor(GENERATE(Round{"risk_round31.tsv", 400, 190, 190, 15, 11},
                             Round{"risk_round32.tsv", 400, 190, 190, 10, 7},
                             Round{"risk_round33.tsv", 400, 190, 190, 15, 11},
                             Round{"risk_round34.tsv", 400, 190, 190, 15, 10},
                             Round{"risk_round35.tsv", 400, 190, 190, 13, 11},
                             Round{"risk_round36.tsv", 400, 190, 190, 16, 13},
                             Round{"risk_round37.tsv", 400, 190, 190, 10, 8},
                             Round{"risk_round38.tsv", 400, 190, 190, 9, 6},
                             Round{"risk_round39.tsv", 400, 190, 190, 20, 17},
                             Round{"risk_round40.tsv", 400, 190, 190, 7, 5}));
}

TEST_CASE("EvalCli: closed blind rounds 41 to 50 keep what the bundled detector catches",
          "[intents][slow]") {
  check_round_floor(GENERATE(Round{"risk_round41.tsv", 400, 190, 190, 21, 18},
                             Round{"risk_round42.tsv", 400, 190, 190, 13, 10},
                             Round{"risk_round43.tsv", 400, 190, 189, 21, 19},
                             Round{"risk_round44.tsv", 400, 190, 190, 9, 8},
                             Round{"risk_round45.tsv", 400, 190, 188, 17, 14},
                             Round{"risk_round46.tsv", 400, 190, 190, 13, 12},
                             Round{"risk_round47.tsv", 400, 190, 190, 15, 13},
                             Round{"risk_round48.tsv", 400, 190, 190, 8, 5},
                             Round{"risk_round49.tsv", 400, 190, 190, 15, 12},
                             Round{"risk_round50.tsv", 400, 190, 190, 15, 14}));
}

TEST_CASE("EvalCli: closed blind rounds 51 to 60 keep what the bundled detector catches",
          "[intents][slow]") {
  check_round_floor(GENERATE(Round{"risk_round51.tsv", 400, 190, 190, 16, 14},
                             Round{"risk_round52.tsv", 400, 190, 190, 13, 12},
                             Round{"risk_round53.tsv", 400, 190, 190, 9, 7},
                             Round{"risk_round54.tsv", 400, 190, 190, 15, 13},
                             Round{"risk_round55.tsv", 400, 190, 190, 14, 13},
                             Round{"risk_round56.tsv", 400, 190, 190, 17, 13},
                             Round{"risk_round57.tsv", 400, 190, 190, 8, 7},
                             Round{"risk_round58.tsv", 400, 190, 190, 8, 7},
                             Round{"risk_round59.tsv", 400, 190, 190, 19, 16},
                             Round{"risk_round60.tsv", 400, 190, 190, 17, 13}));
}

TEST_CASE("EvalCli: closed blind rounds from 61 on keep what the bundled detector catches",
          "[intents][slow]") {
  check_round_floor(GENERATE(Round{"risk_round61.tsv", 400, 190, 190, 13, 8},
                             Round{"risk_round62.tsv", 400, 190, 189, 15, 12},
                             Round{"risk_round63.tsv", 400, 190, 189, 20, 16},
                             Round{"risk_round64.tsv", 400, 190, 190, 16, 12},
                             Round{"risk_round65.tsv", 400, 190, 190, 27, 22},
                             Round{"risk_round66.tsv", 400, 190, 190, 16, 11},
                             Round{"risk_round67.tsv", 400, 190, 190, 12, 8},
                             Round{"risk_round68.tsv", 400, 190, 190, 12, 9},
                             Round{"risk_round69.tsv", 400, 190, 190, 10, 5},
                             Round{"risk_round70.tsv", 400, 190, 190, 17, 13}));
}

TEST_CASE("EvalCli: closed blind rounds from 71 on keep what the bundled detector catches",
          "[intents][slow]") {
  check_round_floor(GENERATE(Round{"risk_round71.tsv", 400, 190, 189, 20, 15},
                             Round{"risk_round72.tsv", 400, 190, 190, 19, 16},
                             Round{"risk_round73.tsv", 400, 190, 190, 13, 8},
                             Round{"risk_round74.tsv", 400, 190, 190, 26, 22}));
}

TEST_CASE("EvalCli: everyday messages the risk model never learnt from are seldom asked about",
          "[intents]") {
  // tests/data/everyday_heldout.txt: small talk, hyperbole, quotes and calm needs, written
  // apart from everything the model is trained on and never added to its training. Measured
  // before it was used for anything: 30 of 300 asked (10.0%), none answered as crisis.
  const std::string text = shirube::testing::read_file(std::string(SHIRUBE_SOURCE_DIR) +
                                                       "/tests/data/everyday_heldout.txt");
  REQUIRE_FALSE(text.empty());
  static const auto detector = CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  int lines = 0;
  int asked = 0;
  int crisis = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos)
      end = text.size();
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    if (line.empty())
      continue;
    ++lines;
    const auto r = (*detector)->check(line);
    asked += r.level == RiskLevel::kCheck ? 1 : 0;
    crisis += r.level == RiskLevel::kCrisis ? 1 : 0;
  }
  CHECK(lines == 300);
  CHECK(crisis == 0);
  CHECK(asked <= 30);
}

namespace {

// The number printed right after `key` in a run's report.
int count_after(const Run& r, const std::string& key) {
  const auto at = r.output.find(key);
  REQUIRE(at != std::string::npos);
  return std::stoi(r.output.substr(at + key.size()));
}

}  // namespace

TEST_CASE("EvalCli: --risk-threshold moves where the risk model asks", "[intents][slow]") {
  const std::string round = std::string("'") + SHIRUBE_SOURCE_DIR + "/tests/data/risk_round7.tsv'";
  auto asked = [](const Run& r) { return count_after(r, "asked (check): "); };
  const Run rules = run_binary("--without-model " + round);
  const Run never = run_binary("--risk-threshold 1 " + round);
  const Run built_in = run_binary(round);
  // (Far below the built-in threshold: on a round the model was trained on, a threshold
  // near it may ask about the same lines.)
  const Run eager = run_binary("--risk-threshold 0.001 " + round);
  for (const Run* r : {&rules, &never, &built_in, &eager})
    REQUIRE(r->exit_code == 0);
  // At 1 the model never raises a message: the rules alone.
  CHECK(asked(never) == asked(rules));
  CHECK(asked(built_in) >= asked(never));
  CHECK(asked(eager) > asked(built_in));
}

TEST_CASE("EvalCli: the category flags move where the category model ranks first",
          "[intents][slow]") {
  const std::string round = std::string("'") + SHIRUBE_SOURCE_DIR + "/tests/data/risk_round21.tsv'";
  auto top1 = [](const Run& r) { return count_after(r, "top-1 accuracy: "); };
  const Run rules = run_binary("--without-model " + round);
  const Run never = run_binary("--category-threshold 1 " + round);
  const Run built_in = run_binary(round);
  const Run ordered = run_binary("--category-threshold 1 --category-orders-rules " + round);
  const Run every = run_binary("--category-every-language " + round);
  for (const Run* r : {&rules, &never, &built_in, &ordered, &every})
    REQUIRE(r->exit_code == 0);
  // At 1 the model never ranks a category first: the rules alone.
  CHECK(top1(never) == top1(rules));
  // The round is in the training data: the model places more of its lines than the rules.
  CHECK(top1(built_in) > top1(rules));
  CHECK(top1(ordered) > top1(rules));
  CHECK(top1(every) >= top1(built_in));
}

TEST_CASE("EvalCli: --category-weight blends the model with the rules, 0 is the threshold way",
          "[intents][slow]") {
  const std::string round = std::string("'") + SHIRUBE_SOURCE_DIR + "/tests/data/risk_round21.tsv'";
  auto top1 = [](const Run& r) { return count_after(r, "top-1 accuracy: "); };
  auto read_in = [](const Run& r) {
    return count_after(r, "a need read into lines that name none: ");
  };
  const Run rules = run_binary("--without-model " + round);
  const Run built_in = run_binary(round);
  const Run weight10 = run_binary("--category-weight 10 " + round);
  const Run weight0 = run_binary("--category-weight 0 " + round);
  const Run threshold = run_binary("--category-threshold 0.6 " + round);
  for (const Run* r : {&rules, &built_in, &weight10, &weight0, &threshold})
    REQUIRE(r->exit_code == 0);
  // The built-in weight is 10; 0 is the threshold way at its built-in 0.6.
  CHECK(top1(built_in) == top1(weight10));
  CHECK(top1(weight0) == top1(threshold));
  // The round is in the training data: the blend places more of its lines than the rules.
  CHECK(top1(built_in) > top1(rules));
  // Every line that names no need is counted, and the model reads in few beyond the rules.
  CHECK(read_in(built_in) >= read_in(rules));
  CHECK(read_in(built_in) <= read_in(rules) + 5);
}
