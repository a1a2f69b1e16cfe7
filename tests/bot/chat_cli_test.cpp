#include "bot/chat_cli.h"

#include <cstdio>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "tests/support/temp_dir.h"

namespace {

struct Run {
  int status = -1;
  std::string out;
};

// Runs `shirube chat <args>` with `input` on stdin (from a file, as a pipe would give it).
Run run_chat(const std::string& args, const std::string& input) {
  shirube::testing::TempDir dir;
  REQUIRE(!dir.path().empty());
  {
    std::ofstream in(dir.file("in.txt"), std::ios::binary);
    in << input;
  }
  const std::string cmd = std::string("'") + SHIRUBE_BINARY_PATH + "' chat " + args + " < '" +
                          dir.file("in.txt") + "' 2>&1";
  Run r;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  std::size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0)
    r.out.append(buf, n);
  r.status = pclose(p);
  return r;
}

}  // namespace

TEST_CASE("ChatCli: 死にたい from a pipe gets the crisis lines", "[bot]") {
  Run r = run_chat("", "死にたい\nq\n");
  CHECK(r.status == 0);
  CHECK(r.out.find("どんなことで困っていますか？") != std::string::npos);
  CHECK(r.out.find("0120-279-338") != std::string::npos);  // よりそいホットライン, 24h
  CHECK(r.out.find("tel:0120279338") != std::string::npos);
  CHECK(r.out.find("最終確認 ") != std::string::npos);
  CHECK(r.out.find("ほかの相談先もみる") != std::string::npos);
}

TEST_CASE("ChatCli: numbered choices walk to dated results", "[bot]") {
  // 3 = 食べ物 on the root menu, 1 = 全国の窓口でいい.
  Run r = run_chat("", "3\n1\n");
  CHECK(r.status == 0);
  CHECK(r.out.find("食べ物の相談先です。") != std::string::npos);
  CHECK(r.out.find("受付時間：") != std::string::npos);
  CHECK(r.out.find("出典：") != std::string::npos);
}

TEST_CASE("ChatCli: bad options exit 2 with a one-line reason", "[bot]") {
  Run r = run_chat("--bogus", "");
  CHECK(r.status != 0);
  CHECK(WEXITSTATUS(r.status) == 2);
  CHECK(r.out.find("unknown option '--bogus'") != std::string::npos);
  Run help = run_chat("--help", "");
  CHECK(help.status == 0);
  CHECK(help.out.find("usage: shirube chat") != std::string::npos);
}
