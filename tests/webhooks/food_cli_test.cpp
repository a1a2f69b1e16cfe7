// shirube partner, audit, report worries and purge --older-than (webhooks/food_cli.h).
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "bot/food_store.h"
#include "tests/support/temp_dir.h"

#include <sys/wait.h>

namespace {

struct Run {
  int code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

Run run_cli(const shirube::testing::TempDir& tmp, const std::string& args) {
  const std::string cmd = std::string(SHIRUBE_BINARY_PATH) + " " + args + " >" + tmp.file("out") +
                          " 2>" + tmp.file("err") + " </dev/null";
  const int status = std::system(cmd.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(tmp.file("out")),
          slurp(tmp.file("err"))};
}

bool has(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

constexpr const char* kOrg = "op-97549561a50d9342";  // an organisation of the bundled data

}  // namespace

TEST_CASE("FoodCli: partner add, list and remove", "[webhooks][food]") {
  shirube::testing::TempDir tmp;
  const std::string db = " --db " + tmp.file("f.db");
  CHECK(run_cli(tmp, "partner list" + db).out == "0 partner(s)\n");
  CHECK(run_cli(tmp, "partner add" + db + " " + kOrg).code == 2);  // no prefecture
  const Run unknown = run_cli(tmp, "partner add" + db + " no-such-org --prefecture 19");
  CHECK(unknown.code == 2);
  CHECK(has(unknown.err, "ORG_ID: no organisation 'no-such-org'"));
  CHECK(run_cli(tmp, "partner add" + db + " " + kOrg + " --prefecture 48").code == 2);
  const Run added =
      run_cli(tmp, "partner add" + db + " " + kOrg +
                       " --prefecture 19 --prefecture 福岡県 --municipality 北九州市");
  INFO(added.err);
  REQUIRE(added.code == 0);
  CHECK(has(added.out, "山梨県 福岡県 北九州市"));
  const Run list = run_cli(tmp, "partner list" + db);
  CHECK(has(list.out, std::string(kOrg) + "\t"));
  CHECK(has(list.out, "北九州市"));
  CHECK(has(list.out, "1 partner(s)"));
  CHECK(run_cli(tmp, "partner remove" + db + " " + kOrg).code == 0);
  CHECK(run_cli(tmp, "partner remove" + db + " " + kOrg).code == 2);
  CHECK(run_cli(tmp, "partner frob" + db).code == 2);
  const Run audit = run_cli(tmp, "audit" + db);
  CHECK(has(audit.out, "operator\tpartner\t-\tadd " + std::string(kOrg)));
  CHECK(has(audit.out, "operator\tpartner\t-\tremove " + std::string(kOrg)));
}

TEST_CASE("FoodCli: purge --older-than removes old closed and cancelled requests, report counts",
          "[webhooks][food]") {
  shirube::testing::TempDir tmp;
  const std::string path = tmp.file("f.db");
  const std::string db = " --db " + path;
  std::string old_closed;
  std::string old_open;
  std::string fresh_cancelled;
  {
    auto store = shirube::bot::FoodStore::open(path);
    REQUIRE(store.ok());
    auto& s = *store.value();
    REQUIRE(s.add_partner({"org-a", "A", {19}, {}, 1}).ok());
    auto submit = [&](const std::string& user, int64_t at, const std::string& worries) {
      shirube::bot::FoodDraft d;
      d.partner_org = "org-a";
      d.nonce = user;
      d.consent_at = at;
      d.answers.worries = worries;
      d.answers.contact_value = "09000000000";
      auto r = s.submit(user, d, worries.empty() ? "" : "housing", at);
      REQUIRE(r.ok());
      return r->request.ref;
    };
    const int64_t long_ago = 1000000000;  // 2001
    old_closed = submit("u1", long_ago, "家賃が払えない");
    old_open = submit("u2", long_ago, "");
    REQUIRE(s.update("org-a", old_closed, shirube::bot::FoodStatus::kClosed, std::nullopt, "w",
                     long_ago)
                .ok());
    fresh_cancelled = submit("u3", std::time(nullptr), "");
    REQUIRE(s.cancel("u3", fresh_cancelled, std::time(nullptr)).ok());
  }
  CHECK(run_cli(tmp, "purge" + db + " --older-than 0d").code == 2);
  CHECK(run_cli(tmp, "purge" + db + " --older-than soon").code == 2);
  const Run purged = run_cli(tmp, "purge" + db + " --older-than 180d");
  INFO(purged.err);
  REQUIRE(purged.code == 0);
  CHECK(has(purged.out, "removed 1 closed or cancelled food request(s) older than 180 days"));
  {
    auto store = shirube::bot::FoodStore::open(path);
    REQUIRE(store.ok());
    auto& s = *store.value();
    CHECK(s.get("org-a", old_closed, "t", 1).error().code() == shirube::ErrorCode::kNotFound);
    CHECK(s.get("org-a", old_open, "t", 1).ok());         // still open: kept
    CHECK(s.get("org-a", fresh_cancelled, "t", 1).ok());  // cancelled lately: kept
  }
  CHECK(has(run_cli(tmp, "audit" + db).out, "operator\tpurge\t" + old_closed));
  const Run report = run_cli(tmp, "report worries" + db);
  CHECK(report.code == 0);
  CHECK(has(report.out, "2001-09\thousing\t1"));
  CHECK(run_cli(tmp, "report worries" + db + " --month 2001-09").out.find("housing") !=
        std::string::npos);
  CHECK(run_cli(tmp, "report worries" + db + " --month 2001-9").code == 2);
  // Not a terminal: the texts are refused.
  const Run text = run_cli(tmp, "report worries" + db + " --show-text");
  CHECK(text.code == 2);
  CHECK(has(text.err, "only to a terminal"));
  CHECK(run_cli(tmp, "report" + db).code == 2);
}
