#include "intents/eval_cli.h"

#include <catch2/catch.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "intents/intent_matcher.h"

using shirube::intents::evaluate;
using shirube::intents::IntentMatcher;
using shirube::intents::parse_eval_file;

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
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace

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
      "gohan\tfood\n"             // hit
      "okane gohan\tmoney,food\n"  // top-1 miss, top-2 hit
      "hello\tnone\n"             // hit: nothing matched
      "okane\tfood\n",            // miss
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
  CHECK_THAT(ok.output, Catch::Matchers::Contains(eval.path() + ":2: expected food, got money 4.0"));
  const Run low = run_binary("--rules '" + rules.path() + "' --min-top1 60 '" + eval.path() + "'");
  CHECK(low.exit_code == 1);
  const Run enough = run_binary("--rules '" + rules.path() + "' --min-top1 50 '" + eval.path() + "'");
  CHECK(enough.exit_code == 0);
}

TEST_CASE("EvalCli: bad usage and bad files exit 2 with a one-line reason", "[intents]") {
  TempFile bad("ご飯がない\tfood\nお金がない\n");
  TempFile bad_rules("food\t5\t(\n");
  TempFile good("ご飯がない\tfood\n");
  // A plain loop, not GENERATE: the temporary files must outlive every row.
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"", "missing FILE.tsv"},
      {"'" + bad.path() + "'", bad.path() + ":2: expected 2 TAB-separated fields"},
      {"/nonexistent/eval.tsv", "/nonexistent/eval.tsv: cannot open file"},
      {"--bogus x.tsv", "unknown option '--bogus'"},
      {"a.tsv b.tsv", "give exactly one FILE.tsv"},
      {"--min-top1 abc '" + good.path() + "'", "--min-top1 must be a number"},
      {"--min-top1 101 '" + good.path() + "'", "--min-top1 must be a number"},
      {"--rules", "--rules needs a value"},
      {"--rules '" + bad_rules.path() + "' '" + good.path() + "'",
       bad_rules.path() + ":1: food: bad pattern"},
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
