#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>

#include <catch2/catch.hpp>

#include "support.h"
#include <sys/wait.h>

namespace {

struct Run {
  int code = -1;
  std::string out;
  std::string err;
};

Run run(const std::string& args) {
  shirube::knowledge::testing::TempDir tmp;
  const std::string cmd = std::string(SHIRUBE_BINARY_PATH) + " " + args + " >" + tmp.file("out") +
                          " 2>" + tmp.file("err");
  const int status = std::system(cmd.c_str());
  Run r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = shirube::knowledge::testing::read_all(tmp.file("out"));
  r.err = shirube::knowledge::testing::read_all(tmp.file("err"));
  return r;
}

std::size_t lines(const std::string& s) {
  return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
}

}  // namespace

TEST_CASE("KnowledgeCli: bad usage exits 2 with a one-line reason", "[knowledge]") {
  shirube::knowledge::testing::TempDir tmp;
  const std::string db = " --db " + tmp.file("k.db");
  const char* bad[] = {"search --category pets",
                       "search --pref 火星",
                       "search --age -1",
                       "search --limit 0",
                       "search --channel fax",
                       "search --bogus",
                       "check --stale-days x",
                       "check --today 2026-02-30",
                       "export",
                       "import --db"};
  for (const char* a : bad) {
    CAPTURE(a);
    const Run r = run(std::string(a) + (std::string(a) == "import --db" ? "" : db));
    CHECK(r.code == 2);
    CHECK(lines(r.err) == 1);
    CHECK(r.err.rfind("shirube ", 0) == 0);
  }
}

TEST_CASE("KnowledgeCli: search --category food --pref 山梨県 shows sources and dates",
          "[knowledge]") {
  shirube::knowledge::testing::TempDir tmp;
  const Run r = run("search --db " + tmp.file("k.db") + " --category food --pref 山梨県 --json");
  REQUIRE(r.code == 0);
  CHECK(r.out.find("\"foodbank_jafb_contact\"") != std::string::npos);
  CHECK(r.out.find("\"date\": \"2020-06-30\"") != std::string::npos);
  CHECK(r.out.find("\"last_verified\": \"2026-11-22\"") != std::string::npos);
  const Run table = run("search --db " + tmp.file("k.db") + " --category food --pref 19");
  REQUIRE(table.code == 0);
  CHECK(table.out.find("日本フードバンク連盟") != std::string::npos);
  CHECK(table.out.find("未確認") != std::string::npos);  // seed programmes are never verified
}

TEST_CASE("KnowledgeCli: a bad import lists every problem and changes nothing", "[knowledge]") {
  shirube::knowledge::testing::TempDir tmp;
  const std::string db = tmp.file("k.db");
  REQUIRE(run("import --db " + db).code == 0);
  std::filesystem::create_directories(tmp.file("in"));
  tmp.write("in/services.csv",
            "id,name,area_scope,channel\nn1,新しい窓口,national,phone\nn2,窓口,everywhere,fax\n");
  const Run r = run("import --db " + db + " " + tmp.file("in"));
  CHECK(r.code == 2);
  CHECK(r.err.find("services.csv:3: channel:") != std::string::npos);
  CHECK(r.err.find("services.csv:3: area_scope:") != std::string::npos);
  CHECK(r.err.find("nothing was imported") != std::string::npos);
  const Run s = run("search --db " + db + " 新しい窓口");
  CHECK(s.out.rfind("0件", 0) == 0);
  const Run check = run("check --db " + db + " --today 2026-12-06");
  CHECK(check.code == 0);
  CHECK(check.out.find("0 error(s)") != std::string::npos);
}

TEST_CASE("KnowledgeCli: imports Shift_JIS and BOM-prefixed CSV files", "[knowledge]") {
  shirube::knowledge::testing::TempDir tmp;
  const std::string db = tmp.file("k.db");
  std::filesystem::create_directories(tmp.file("sjis"));
  std::filesystem::create_directories(tmp.file("bom"));
  // 相談窓口 in CP932.
  tmp.write("sjis/services.csv",
            "id,name,area_scope\r\nsj1,\x91\x8A\x92\x6B\x91\x8B\x8C\xFB,national\r\n");
  // 金銭 in CP932.
  tmp.write("sjis/taxonomy_terms.csv",
            "id,code,name,description\r\nt1,category:money,\x8B\xE0\x91\x4B,-\r\n");
  tmp.write("sjis/attributes.csv",
            "id,link_id,taxonomy_term_id,link_entity\r\nx1,sj1,t1,service\r\n");
  tmp.write("bom/services.csv", "\xEF\xBB\xBFid,name,area_scope\nbom1,ぼむの相談室,prefecture\n");
  tmp.write("bom/service_areas.csv", "\xEF\xBB\xBFid,service_id,name\na1,bom1,山梨県\n");
  // One layout per import: two services.csv files in one run are refused.
  const Run both = run("import --db " + db + " " + tmp.file("sjis") + " " + tmp.file("bom"));
  CHECK(both.code == 2);
  CHECK(both.err.find("a second services.csv in the same import") != std::string::npos);
  REQUIRE(run("import --db " + db + " " + tmp.file("sjis")).code == 0);
  REQUIRE(run("import --db " + db + " " + tmp.file("bom")).code == 0);
  const Run s = run("search --db " + db + " --limit 1000 --json 相談窓口");
  CHECK(s.out.find("\"sj1\"") != std::string::npos);
  const Run b = run("search --db " + db + " --pref やまなし --json ぼむ");
  CHECK(b.out.find("\"bom1\"") != std::string::npos);
}

TEST_CASE("KnowledgeCli: check counts and names records whose hours are not understood",
          "[knowledge]") {
  shirube::knowledge::testing::TempDir tmp;
  REQUIRE(run("import --db " + tmp.file("kb.db")).code == 0);
  const Run r = run("check --db " + tmp.file("kb.db") + " --today 2026-12-06");
  CHECK(r.code == 0);
  const std::size_t at = r.out.find("hours not understood: ");
  REQUIRE(at != std::string::npos);
  const std::string line = r.out.substr(at, r.out.find('\n', at) - at);
  CHECK(line.find(" record(s): ") != std::string::npos);
  CHECK(std::stoi(line.substr(22)) > 0);
}

TEST_CASE("KnowledgeCli: export --format hsds and import give the same tables again",
          "[knowledge]") {
  shirube::knowledge::testing::TempDir tmp;
  REQUIRE(run("import --db " + tmp.file("a.db")).code == 0);
  REQUIRE(run("export --db " + tmp.file("a.db") + " --format hsds " + tmp.file("one")).code == 0);
  CHECK(std::filesystem::exists(tmp.file("one/datapackage.json")));
  const Run imported = run("import --db " + tmp.file("b.db") + " " + tmp.file("one"));
  INFO(imported.err);
  REQUIRE(imported.code == 0);
  REQUIRE(run("export --db " + tmp.file("b.db") + " " + tmp.file("two")).code == 0);
  for (const char* f :
       {"organizations.csv", "services.csv", "phones.csv", "schedules.csv", "service_areas.csv",
        "taxonomies.csv", "taxonomy_terms.csv", "attributes.csv", "datapackage.json"}) {
    CAPTURE(f);
    const std::string a = shirube::knowledge::testing::read_all(tmp.file("one/") + f);
    CHECK_FALSE(a.empty());
    CHECK(a == shirube::knowledge::testing::read_all(tmp.file("two/") + f));
  }
  CHECK(run("export --db " + tmp.file("a.db") + " --format csv " + tmp.file("x")).code == 2);
}
