#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

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
                          " 2>" + tmp.file("err");
  const int status = std::system(cmd.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(tmp.file("out")),
          slurp(tmp.file("err"))};
}

}  // namespace

TEST_CASE("WorkerCli: add prints the token once, list and revoke manage accounts", "[webhooks]") {
  shirube::testing::TempDir tmp;
  const std::string db = " --db " + tmp.file("w.db");
  // An organisation of the bundled data: the operator of 110 (op-<hash of its name>).
  const std::string org = "op-97549561a50d9342";
  const Run bad = run_cli(tmp, "worker add" + db + " --org no-such-org --name 山田");
  CHECK(bad.code == 2);
  CHECK(bad.err.find("--org: no organisation 'no-such-org'") != std::string::npos);
  CHECK(run_cli(tmp, "worker add" + db + " --name 山田").code == 2);
  CHECK(run_cli(tmp, "worker frobnicate" + db).code == 2);
  CHECK(run_cli(tmp, "worker revoke" + db + " abc").code == 2);
  CHECK(run_cli(tmp, "worker revoke" + db + " 42").code == 2);
  const Run list0 = run_cli(tmp, "worker list" + db);
  CHECK(list0.code == 0);
  CHECK(list0.out.find("0 account(s)") != std::string::npos);
  const Run added = run_cli(tmp, "worker add" + db + " --org " + org + " --name 山田");
  REQUIRE(added.code == 0);
  CHECK(added.out.find("警察") != std::string::npos);
  const std::size_t t = added.out.find("token: shw_");
  REQUIRE(t != std::string::npos);
  const std::string token = added.out.substr(t + 7, 47);
  const Run list = run_cli(tmp, "worker list" + db);
  CHECK(list.out.find(org) != std::string::npos);
  CHECK(list.out.find("active") != std::string::npos);
  CHECK(list.out.find(token) == std::string::npos);  // never shown again
  CHECK(run_cli(tmp, "worker revoke" + db + " 1").code == 0);
  CHECK(run_cli(tmp, "worker list" + db).out.find("revoked") != std::string::npos);
  const Run purge = run_cli(tmp, "purge" + db);
  CHECK(purge.code == 0);
  CHECK(purge.out.find("removed 0 expired referral sheet(s)") != std::string::npos);
}

TEST_CASE("WorkerCli: link prints a one-time code, list shows LINE links and revoke takes L<id>",
          "[webhooks][worker]") {
  shirube::testing::TempDir tmp;
  const std::string db = " --db " + tmp.file("w.db");
  const std::string org = "op-97549561a50d9342";
  const Run bad = run_cli(tmp, "worker link" + db + " --org no-such-org");
  CHECK(bad.code == 2);
  CHECK(bad.err.find("--org: no organisation 'no-such-org'") != std::string::npos);
  CHECK(run_cli(tmp, "worker link" + db).code == 2);
  const Run linked = run_cli(tmp, "worker link" + db + " --org " + org);
  REQUIRE(linked.code == 0);
  const std::size_t at = linked.out.find("code: ");
  REQUIRE(at != std::string::npos);
  CHECK(linked.out[at + 6 + 5] == '-');
  CHECK(linked.out.find("支援者登録") != std::string::npos);
  // Only a hash of the code is kept.
  CHECK(slurp(tmp.file("w.db")).find(linked.out.substr(at + 6, 11)) == std::string::npos);
  CHECK(run_cli(tmp, "worker list" + db).out.find("0 account(s), 0 LINE link(s)") !=
        std::string::npos);
  const Run missing = run_cli(tmp, "worker revoke" + db + " L7");
  CHECK(missing.code == 2);
  CHECK(missing.err.find("no LINE worker L7") != std::string::npos);
  CHECK(run_cli(tmp, "worker revoke" + db + " Lx").code == 2);
}
