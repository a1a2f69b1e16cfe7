// `shirube line rich-menu`, the real binary against the fake LINE API on 127.0.0.1.
#include "webhooks/rich_menu_cli.h"

#include <cstdlib>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/fake_line_api.h"
#include "tests/support/read_file.h"
#include "tests/support/temp_dir.h"
#include "webhooks/rich_menu_layout.h"

#include <sys/wait.h>

using nlohmann::json;
using shirube::testing::FakeLineApi;
using shirube::testing::read_file;
using shirube::testing::RecordedRequest;
using shirube::testing::TempDir;
namespace rm = shirube::webhooks::rich_menu;

namespace {

constexpr const char* kToken = "rich-menu-test-token-8f3a";

struct Run {
  int code = -1;
  std::string out;
  std::string err;
};

// `shirube line rich-menu ARGS` with the token (unless `token` is empty) and `env` ("NAME=value
// ...") in a clean LINE environment.
Run rich_menu(const TempDir& dir, const std::string& args, const std::string& env = "",
              const std::string& token = kToken) {
  std::string cmd =
      "env -u LINE_CHANNEL_ACCESS_TOKEN -u SHIRUBE_LINE_API_BASE "
      "-u SHIRUBE_LINE_DATA_API_BASE ";
  if (!token.empty())
    cmd += std::string("LINE_CHANNEL_ACCESS_TOKEN=") + token + " ";
  cmd += env + " " + SHIRUBE_BINARY_PATH + " line rich-menu " + args + " >" + dir.file("out") +
         " 2>" + dir.file("err");
  const int status = std::system(cmd.c_str());
  Run r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(dir.file("out"));
  r.err = read_file(dir.file("err"));
  return r;
}

std::string at_fake(const FakeLineApi& api) {
  return "--api-base " + api.base_url() + " --data-api-base " + api.base_url();
}

// "POST /v2/bot/richmenu/validate", ... for every request the fake saw.
std::vector<std::string> calls(const FakeLineApi& api) {
  std::vector<std::string> out;
  for (const RecordedRequest& r : api.requests())
    out.push_back(r.method + " " + r.path);
  return out;
}

}  // namespace

TEST_CASE("RichMenuCli: sets the menu up in LINE's order and makes it the default", "[line]") {
  TempDir dir;
  FakeLineApi api;
  REQUIRE(api.port() > 0);
  const Run run = rich_menu(dir, at_fake(api));
  INFO(run.err);
  REQUIRE(run.code == 0);
  const std::vector<std::string> ids = api.rich_menu_ids();
  REQUIRE(ids.size() == 1);
  const std::string& id = ids[0];
  CHECK(calls(api) == std::vector<std::string>{
                          "POST /v2/bot/richmenu/validate", "POST /v2/bot/richmenu",
                          "POST /v2/bot/richmenu/" + id + "/content",
                          "POST /v2/bot/user/all/richmenu/" + id, "GET /v2/bot/richmenu/list"});
  CHECK(api.default_rich_menu() == id);
  CHECK(api.limit_problems().empty());
  CHECK(api.rich_menu_image(id) == std::string(shirube::bundled_rich_menu_image()));
  CHECK(json::parse(api.rich_menu_body(id)) == rm::request());
  for (const RecordedRequest& r : api.requests()) {
    CHECK(r.authorization == std::string("Bearer ") + kToken);
    CHECK(r.status == 200);
    if (r.path.find("/content") != std::string::npos) {
      CHECK(r.content_type == "image/png");
    } else if (r.method == "POST") {
      CHECK(r.content_type == "application/json");
    }
  }
  CHECK(run.out.find(id) != std::string::npos);
  CHECK(run.out.find(kToken) == std::string::npos);
  CHECK(run.err.find(kToken) == std::string::npos);
}

TEST_CASE(
    "RichMenuCli: a failed upload deletes the half-made menu and exits 1 with LINE's "
    "message",
    "[line]") {
  TempDir dir;
  FakeLineApi api;
  api.script("/v2/bot/richmenu/{richMenuId}/content",
             {400, R"({"message":"The image could not be read"})", 0});
  const Run run = rich_menu(dir, at_fake(api));
  CHECK(run.code == 1);
  CHECK(run.err.find("upload image: 400 The image could not be read") != std::string::npos);
  CHECK(run.err.find("was deleted again") != std::string::npos);
  CHECK(run.err.find(kToken) == std::string::npos);
  CHECK(api.rich_menu_ids().empty());
  CHECK(api.default_rich_menu().empty());
  const std::vector<std::string> seen = calls(api);
  REQUIRE(seen.size() == 4);
  CHECK(seen[2].find("/content") != std::string::npos);
  CHECK(seen[3] == "DELETE " + seen[1].substr(5) + "/richmenu-100000");
}

TEST_CASE(
    "RichMenuCli: a refused default deletes the new menu, and a refused validation "
    "makes none",
    "[line]") {
  TempDir dir;
  FakeLineApi api;
  api.script("/v2/bot/user/all/richmenu/{richMenuId}", {500, R"({"message":"Internal error"})", 0});
  Run run = rich_menu(dir, at_fake(api));
  CHECK(run.code == 1);
  CHECK(run.err.find("set default: 500 Internal error") != std::string::npos);
  CHECK(api.rich_menu_ids().empty());
  CHECK(calls(api).back().rfind("DELETE /v2/bot/richmenu/", 0) == 0);

  FakeLineApi api2;
  api2.script(
      "/v2/bot/richmenu/validate",
      {400,
       R"j({"message":"The request body has 1 error(s)","details":[{"message":"invalid","property":"size"}]})j",
       0});
  run = rich_menu(dir, at_fake(api2));
  CHECK(run.code == 1);
  CHECK(run.err.find("validate: 400 The request body has 1 error(s) (size: invalid)") !=
        std::string::npos);
  CHECK(calls(api2) == std::vector<std::string>{"POST /v2/bot/richmenu/validate"});
}

TEST_CASE(
    "RichMenuCli: running again makes a new default and deletes only the earlier one it "
    "made",
    "[line]") {
  TempDir dir;
  FakeLineApi api;
  json other = rm::request();
  other["name"] = "campaign menu";
  const std::string other_id = api.add_rich_menu(other.dump());
  // The bases from the environment this time, as `serve` reads them.
  const std::string env =
      "SHIRUBE_LINE_API_BASE=" + api.base_url() + " SHIRUBE_LINE_DATA_API_BASE=" + api.base_url();
  REQUIRE(rich_menu(dir, "", env).code == 0);
  const std::string first = api.default_rich_menu();
  REQUIRE(!first.empty());
  const Run again = rich_menu(dir, "", env);
  INFO(again.err);
  REQUIRE(again.code == 0);
  const std::string second = api.default_rich_menu();
  CHECK(second != first);
  CHECK(api.rich_menu_ids() == std::vector<std::string>{other_id, second});
  CHECK(again.out.find("deleted the earlier menu " + first) != std::string::npos);
  CHECK(calls(api).back() == "DELETE /v2/bot/richmenu/" + first);
  CHECK(api.limit_problems().empty());
}

TEST_CASE("RichMenuCli: --dry-run prints the request and writes the image without calling LINE",
          "[line]") {
  TempDir dir;
  FakeLineApi api;
  const Run run =
      rich_menu(dir, at_fake(api) + " --dry-run --image " + dir.file("menu.png"), "", "");
  INFO(run.err);
  REQUIRE(run.code == 0);
  CHECK(json::parse(run.out) == rm::request());
  CHECK(read_file(dir.file("menu.png")) == std::string(shirube::bundled_rich_menu_image()));
  CHECK(api.requests().empty());
}

TEST_CASE("RichMenuCli: without a token or with a bad base it exits 2 and calls nothing",
          "[line]") {
  TempDir dir;
  FakeLineApi api;
  Run run = rich_menu(dir, at_fake(api), "", "");
  CHECK(run.code == 2);
  CHECK(run.err.find("LINE_CHANNEL_ACCESS_TOKEN") != std::string::npos);
  run = rich_menu(dir, "--api-base ftp://example.invalid");
  CHECK(run.code == 2);
  CHECK(run.err.find("--api-base") != std::string::npos);
  run = rich_menu(dir, "", "SHIRUBE_LINE_DATA_API_BASE=nowhere");
  CHECK(run.code == 2);
  CHECK(run.err.find("SHIRUBE_LINE_DATA_API_BASE") != std::string::npos);
  CHECK(api.requests().empty());
}

TEST_CASE(
    "RichMenuCli: an earlier menu LINE will not delete is named and the new one stays the "
    "default",
    "[line]") {
  TempDir dir;
  FakeLineApi api;
  REQUIRE(rich_menu(dir, at_fake(api)).code == 0);
  const std::string first = api.default_rich_menu();
  api.script("DELETE /v2/bot/richmenu/{richMenuId}", {500, R"({"message":"Internal error"})", 0});
  const Run again = rich_menu(dir, at_fake(api));
  CHECK(again.code == 1);
  CHECK(again.err.find("an earlier menu is left: " + first + ": 500 Internal error") !=
        std::string::npos);
  const std::string second = api.default_rich_menu();
  CHECK(second != first);
  CHECK(api.rich_menu_ids() == std::vector<std::string>{first, second});
}
