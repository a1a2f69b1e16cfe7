// The real `shirube serve` with its database and LINE inbox on a full disk: a 4 MiB tmpfs
// mounted in a mount namespace of the server's own (`unshare`), so that nothing stays mounted
// once the process is gone, however the test ends. The test reaches the files through
// /proc/<pid>/root, fills the space with a file, checks what people and LINE get, then frees
// the space and checks that the server heals without a restart.
#include <cerrno>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "tests/support/fake_line_api.h"
#include "tests/support/line_webhook.h"
#include "tests/support/prometheus.h"
#include "tests/support/read_file.h"
#include "tests/support/serve_process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/wait_until.h"
#include "webhooks/line_signature.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

using nlohmann::json;
using shirube::testing::FakeLineApi;
using shirube::testing::ServeProcess;
using shirube::testing::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr const char* kSecret = "disk_channel_secret";
constexpr const char* kUser = "U4af4980629cccccccccccccccccccccc";
constexpr const char* kReply = "/v2/bot/message/reply";
// The mount: small enough to fill in a moment, large enough for the bundled data.
constexpr const char* kMount = "mount -t tmpfs -o size=4m tmpfs \"$0\" && exec \"$@\"";

// `argv` run to its end, its output discarded; its exit status, -1 when it did not run.
int run_quietly(std::vector<std::string> argv) {
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (std::string& a : argv)
    args.push_back(a.data());
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  if (rc != 0 || ::waitpid(pid, &status, 0) != pid)
    return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The command prefix that runs a program in a mount namespace of its own where it may mount a
// tmpfs: as root `unshare --mount`, else in a user namespace `unshare -rm`. Tried on `probe`
// (an empty directory). Empty when neither works here.
std::vector<std::string> private_mount_launcher(const std::string& probe) {
  const std::vector<std::vector<std::string>> ways = {
      {"unshare", "--mount", "--propagation", "private"}, {"unshare", "-rm"}};
  for (const std::vector<std::string>& way : ways) {
    std::vector<std::string> argv = way;
    for (const char* a : {"sh", "-c", "mount -t tmpfs -o size=64k tmpfs \"$0\""})
      argv.emplace_back(a);
    argv.push_back(probe);
    if (run_quietly(argv) == 0)
      return way;
  }
  return {};
}

// Writes `path` until the file system is full (ENOSPC); the bytes written.
std::size_t fill(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  REQUIRE(fd >= 0);
  std::size_t total = 0;
  const std::string block(64 * 1024, 'x');
  for (std::size_t chunk = block.size(); chunk > 0;) {
    const ssize_t n = ::write(fd, block.data(), chunk);
    if (n > 0) {
      total += static_cast<std::size_t>(n);
      continue;
    }
    REQUIRE(errno == ENOSPC);
    chunk /= 2;  // the last pages, down to single bytes
  }
  ::close(fd);
  return total;
}

// The webhook event ids whose reply token was used in a successful reply.
std::set<std::string> replied(const FakeLineApi& api) {
  std::set<std::string> out;
  for (const auto& r : api.requests_to(kReply)) {
    if (!r.delivered)
      continue;
    const json j = json::parse(r.body, nullptr, false);
    const std::string token = j.is_object() ? j.value("replyToken", "") : "";
    if (token.rfind("rt-", 0) == 0)
      out.insert(token.substr(3));
  }
  return out;
}

struct Server {
  Server(const std::string& dir, const std::vector<std::string>& launcher)
      : disk(dir + "/disk"),
        log(dir + "/serve.log"),
        serve(disk + "/shirube.db", api.base_url(), log, kSecret, {}, launcher),
        client("127.0.0.1", serve.port()),
        root("/proc/" + std::to_string(serve.pid()) + "/root" + disk) {
    client.set_read_timeout(std::chrono::seconds(15));
  }
  int post_event(const std::string& id, const std::string& text, bool redelivery = false) {
    const std::string body = shirube::testing::text_webhook(id, text, kUser, redelivery);
    auto res = client.Post("/callback",
                           {{"X-Line-Signature", shirube::webhooks::line::sign(kSecret, body)}},
                           body, "application/json; charset=utf-8");
    return res ? res->status : -1;
  }
  int health() {
    auto res = client.Get("/healthz");
    return res ? res->status : -1;
  }
  FakeLineApi api;
  std::string disk;
  std::string log;
  ServeProcess serve;
  httplib::Client client;
  std::string root;  // the tmpfs as the test sees it
};

std::string event_id(int n) {
  const std::string digits = std::to_string(n);
  return "01HDISK" + std::string(19 - digits.size(), '0') + digits;
}

// Each webhook is either kept (200, and then answered) or refused with 503 (LINE sends it
// again); nothing else. Sent until the inbox refuses a few.
void send_until_refused(Server& s, std::vector<std::string>& kept,
                        std::vector<std::string>& refused) {
  for (int i = 1; i <= 200 && refused.size() < 3; ++i) {
    const int status = s.post_event(event_id(i), "仕事をさがしています");
    INFO("event " << i << " status " << status);
    REQUIRE((status == 200 || status == 503));
    (status == 200 ? kept : refused).push_back(event_id(i));
  }
}

}  // namespace

TEST_CASE(
    "ServeFullDisk: webhooks get 503 or are kept, a crisis is still answered, and freed space "
    "heals it without a restart",
    "[ops][line][disk]") {
  TempDir dir;
  REQUIRE(!dir.path().empty());
  fs::create_directories(dir.file("disk"));
  fs::create_directories(dir.file("probe"));
  const std::vector<std::string> ns = private_mount_launcher(dir.file("probe"));
  if (ns.empty()) {
    FAIL(
        "cannot mount a tmpfs in a private mount namespace: `unshare --mount` needs root (or "
        "CAP_SYS_ADMIN), `unshare -rm` needs user namespaces; this test needs one of them");
  }
  std::vector<std::string> launcher = ns;
  for (const char* a : {"sh", "-c", kMount})
    launcher.emplace_back(a);
  launcher.push_back(dir.file("disk"));
  Server s(dir.path(), launcher);
  INFO("serve log: " << dir.file("serve.log"));
  REQUIRE(s.serve.port() > 0);
  // The files are on the small tmpfs, not on the disk of the temporary directory.
  REQUIRE(fs::exists(s.root + "/shirube.db-line"));
  REQUIRE(fs::space(s.root).capacity <= 4u * 1024 * 1024);
  REQUIRE(s.post_event(event_id(0), "こんにちは") == 200);
  REQUIRE(shirube::testing::wait_until([&] { return replied(s.api).count(event_id(0)) == 1; }));
  REQUIRE(shirube::testing::wait_until([&] { return s.health() == 200; }));

  const std::string filler = s.root + "/filler";
  CHECK(fill(filler) > 0);
  REQUIRE(fs::space(s.root).available < 64 * 1024);

  std::vector<std::string> kept = {event_id(0)};
  std::vector<std::string> refused;
  send_until_refused(s, kept, refused);
  REQUIRE(!refused.empty());

  // People in crisis still get the lines to call.
  auto chat = s.client.Post("/api/v1/chat", json{{"user", "disk-web"}, {"text", "死にたい"}}.dump(),
                            "application/json");
  REQUIRE(chat);
  CHECK(chat->status == 200);
  CHECK(chat->body.find("tel:") != std::string::npos);
  CHECK(s.health() == 503);
  auto metrics = s.client.Get("/metrics");
  REQUIRE(metrics);
  const auto exposition = shirube::testing::parse_prometheus(metrics->body);
  CHECK(exposition.value("shirube_storage_faults_total") > 0);
  CHECK(exposition.value(R"(shirube_line_inbox_total{kind="write_failed"})") ==
        static_cast<double>(refused.size()));
  CHECK(s.serve.running());

  fs::remove(filler);
  // LINE sends the refused events again; a new one comes too.
  for (const std::string& id : refused) {
    CHECK(s.post_event(id, "仕事をさがしています", /*redelivery=*/true) == 200);
    kept.push_back(id);
  }
  kept.push_back(event_id(900));
  CHECK(s.post_event(kept.back(), "ごはんに困っています") == 200);
  // Every acknowledged event is answered, once, by reply: none was lost on the full disk.
  const bool all_answered = shirube::testing::wait_until(
      [&] {
        return replied(s.api).size() == std::set<std::string>(kept.begin(), kept.end()).size();
      },
      std::chrono::seconds(60));
  INFO(shirube::testing::read_file(s.log));
  CHECK(all_answered);
  CHECK(s.api.delivered() == static_cast<int>(kept.size()));
  CHECK(shirube::testing::wait_until([&] { return s.health() == 200; }, std::chrono::seconds(60)));
  CHECK(s.serve.running());
  CHECK(s.serve.terminate() == 0);
}
