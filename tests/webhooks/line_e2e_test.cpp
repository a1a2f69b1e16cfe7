// End to end: the real `shirube serve` binary, a fake LINE API on 127.0.0.1, signed webhooks.
#include <cctype>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "common/sqlite.h"
#include "tests/support/fake_line_api.h"
#include "tests/support/read_file.h"
#include "tests/support/temp_dir.h"
#include "webhooks/line_signature.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX, for posix_spawn

using nlohmann::json;
using shirube::testing::FakeLineApi;
using shirube::testing::TempDir;
namespace line = shirube::webhooks::line;

namespace {

constexpr const char* kSecret = "e2e_channel_secret";
constexpr const char* kToken = "e2e-access-token";
constexpr const char* kUser = "U4af4980629aaaaaaaaaaaaaaaaaaaaaa";
constexpr const char* kWorker = "U77777777777777777777777777777777";
constexpr const char* kReply = "/v2/bot/message/reply";
constexpr const char* kPush = "/v2/bot/message/push";

using shirube::testing::read_file;

// `shirube serve --port 0 --db <db>` as a child process; the port is read from its
// "shirube: listening on http://HOST:PORT" line. Killed (SIGKILL) if still running at scope
// exit.
class ServeProcess {
 public:
  ServeProcess(const std::string& db, const std::string& api_base, const std::string& log_path,
               const std::map<std::string, std::string>& extra_env = {}) {
    std::vector<std::string> env_strings;
    for (char** e = environ; *e != nullptr; ++e) {
      const std::string kv = *e;
      if (kv.rfind("LINE_", 0) == 0 || kv.rfind("SHIRUBE_LINE_", 0) == 0)
        continue;
      env_strings.push_back(kv);
    }
    env_strings.push_back(std::string("LINE_CHANNEL_SECRET=") + kSecret);
    env_strings.push_back(std::string("LINE_CHANNEL_ACCESS_TOKEN=") + kToken);
    env_strings.push_back("SHIRUBE_LINE_API_BASE=" + api_base);
    env_strings.push_back("SHIRUBE_USER_KEY_SECRET=e2e-user-key");
    for (const auto& [k, v] : extra_env)
      env_strings.push_back(k + "=" + v);
    std::vector<char*> envp;
    for (auto& s : env_strings)
      envp.push_back(s.data());
    envp.push_back(nullptr);

    std::vector<std::string> args = {
        SHIRUBE_BINARY_PATH, "serve", "--host", "127.0.0.1", "--port", "0", "--db", db};
    std::vector<char*> argv;
    for (auto& s : args)
      argv.push_back(s.data());
    argv.push_back(nullptr);

    int out[2];
    REQUIRE(::pipe(out) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log_path.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0600);
    const int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    REQUIRE(rc == 0);
    stdout_fd_ = out[0];
    port_ = read_port(std::chrono::seconds(60));
  }
  ~ServeProcess() {
    if (pid_ > 0)
      kill9();
    if (stdout_fd_ >= 0)
      ::close(stdout_fd_);
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  int port() const { return port_; }

  void kill9() {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  int terminate() {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  int read_port(std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string buf;
    const std::string marker = "listening on http://127.0.0.1:";
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{stdout_fd_, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0)
        continue;
      char chunk[256];
      const ssize_t n = ::read(stdout_fd_, chunk, sizeof chunk);
      if (n <= 0)
        return -1;  // exited before listening
      buf.append(chunk, static_cast<std::size_t>(n));
      const auto at = buf.find(marker);
      if (at != std::string::npos && buf.find('\n', at) != std::string::npos) {
        return std::atoi(buf.c_str() + at + marker.size());
      }
    }
    return -1;
  }

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  int port_ = -1;
};

struct Client {
  explicit Client(int port) : http("127.0.0.1", port) {
    http.set_read_timeout(std::chrono::seconds(10));
  }
  httplib::Result post(const std::string& body) {
    return http.Post("/callback", {{"X-Line-Signature", line::sign(kSecret, body)}}, body,
                     "application/json; charset=utf-8");
  }
  httplib::Client http;
};

std::string text_event(const std::string& event_id, const std::string& text,
                       bool redelivery = false, const std::string& user = kUser) {
  json ev = {{"type", "message"},
             {"mode", "active"},
             {"timestamp", 1700000000000},
             {"webhookEventId", event_id},
             {"deliveryContext", {{"isRedelivery", redelivery}}},
             {"replyToken", "rt-" + event_id},
             {"source", {{"type", "user"}, {"userId", user}}},
             {"message",
              {{"id", "1" + event_id.substr(event_id.size() - 6)},
               {"type", "text"},
               {"quoteToken", "q"},
               {"text", text}}}};
  return json{{"destination", "U0123456789abcdef0123456789abcdef"}, {"events", {ev}}}.dump();
}

// Inbox rows of `shirube serve --db <db>` not answered and recorded yet (serve keeps the LINE
// inbox in <db>-line); -1 when it cannot be read. An event is pending from before its 200
// until its outcome is written, after its last LINE API call.
int pending_events(const std::string& db) {
  auto conn = shirube::sql::Database::open(db + "-line", /*read_only=*/true);
  if (!conn.ok())
    return -1;
  auto st = (*conn)->prepare("SELECT count(*) FROM line_inbox WHERE state = 'pending'");
  if (!st.ok())
    return -1;
  auto row = st->step();
  return row.ok() && *row ? st->integer(0) : -1;
}

// Waits until every event the server accepted is answered and recorded, then stops it
// (SIGTERM): the fake LINE API has then seen every request there will be. True when both
// happened and the server exited with status 0 (a sanitizer report makes it non-zero).
bool settle(ServeProcess& serve, const std::string& db, const std::string& log_path) {
  const bool done =
      FakeLineApi::wait_until([&] { return pending_events(db) == 0; }, std::chrono::seconds(30));
  const int status = serve.terminate();
  INFO("shirube serve exited with " << status << "; its log:\n" << read_file(log_path));
  CHECK(status == 0);
  return done && status == 0;
}

// Successful deliveries per event: replies by token, pushes by the event's retry key.
int deliveries_for(const FakeLineApi& api, const std::string& event_id) {
  int n = 0;
  for (const auto& r : api.requests()) {
    if (!r.delivered)
      continue;
    if (r.path == kReply && r.body.find("\"rt-" + event_id + "\"") != std::string::npos)
      ++n;
    if (r.path == kPush && r.retry_key == line::retry_key(kSecret, event_id))
      ++n;
  }
  return n;
}

// The regular files under `dir` (databases, inbox, their -wal and -shm files, logs) that hold
// `needle`, byte for byte.
std::vector<std::string> files_containing(const std::string& dir, const std::string& needle) {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file())
      continue;
    if (read_file(entry.path().string()).find(needle) != std::string::npos)
      out.push_back(entry.path().filename().string());
  }
  return out;
}

// A person and a word that appear nowhere but in the events of the privacy tests.
constexpr const char* kMarkedUser = "U9f1e2d3c4b5a69788796a5b4c3d2e1f0";
constexpr const char* kMarker = "xyzzy4711";

// Ten text events from kMarkedUser, each carrying kMarker, some of them crisis messages.
void post_marked_events(Client& client, const std::string& prefix) {
  for (int i = 0; i < 10; ++i) {
    const std::string text =
        std::string(i % 3 == 0 ? "もう死にたい " : "家賃が払えない ") + kMarker;
    auto res = client.post(text_event(prefix + std::to_string(10 + i), text, false, kMarkedUser));
    REQUIRE(res);
    REQUIRE(res->status == 200);
  }
}

void check_nothing_personal(const std::string& dir) {
  CHECK(files_containing(dir, kMarkedUser).empty());
  CHECK(files_containing(dir, kMarker).empty());
}

// A fake LINE API and `shirube serve` on a database in a fresh temporary directory.
struct Served {
  Served() : db(dir.file("shirube.db")), serve(db, api.base_url(), dir.file("serve.log")) {
    REQUIRE_FALSE(dir.path().empty());
    REQUIRE(serve.port() > 0);
    client = std::make_unique<Client>(serve.port());
  }
  TempDir dir;
  FakeLineApi api;
  std::string db;
  ServeProcess serve;
  std::unique_ptr<Client> client;
};

}  // namespace

TEST_CASE("LineE2E: shirube serve answers every event type within LINE's limits", "[line]") {
  Served served;
  FakeLineApi& api = served.api;
  const std::string& db = served.db;
  ServeProcess& serve = served.serve;
  Client& client = *served.client;
  TempDir& dir = served.dir;

  const std::string body =
      read_file(std::string(SHIRUBE_SOURCE_DIR) + "/tests/data/line/all_events.json");
  auto res = client.post(body);
  REQUIRE(res);
  CHECK(res->status == 200);
  // 10 one-to-one answers and 2 group notes (see line_dispatch.h).
  REQUIRE(FakeLineApi::wait_until([&] { return api.delivered() >= 12; }, std::chrono::seconds(60)));
  auto metrics = client.http.Get("/metrics/line");
  REQUIRE(metrics);
  const json m = json::parse(metrics->body, nullptr, false);
  REQUIRE(m.is_object());
  CHECK(m.at("events").at("other").get<int>() == 1);  // greatNewFeature

  REQUIRE(settle(serve, db, dir.file("serve.log")));
  CHECK(api.delivered() == 12);
  CHECK(api.limit_problems().empty());
  for (const auto& r : api.requests()) {
    CHECK(r.authorization == std::string("Bearer ") + kToken);
    if (r.path == kReply)
      CHECK(r.retry_key.empty());
  }
  // The room's crisis words are never answered in the room.
  for (const auto& r : api.requests_to(kReply)) {
    CHECK(r.body.find("rt000000000000000000000000000029") == std::string::npos);
  }
}

TEST_CASE("LineE2E: a chat API caller using a LINE userId cannot see that user's crisis state",
          "[line]") {
  Served s;
  const auto chat = [&](const std::string& user, const std::string& text) {
    auto res = s.client->http.Post("/api/v1/chat", json{{"user", user}, {"text", text}}.dump(),
                                   "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return json::parse(res->body);
  };
  // Control: after a crisis answer, a greeting on the same session answers where the person
  // is, the crisis step.
  const json crisis = chat("web-control", "死にたい").at("state");
  REQUIRE(crisis.at("risk") == "crisis");
  const std::string crisis_node = crisis.at("node").get<std::string>();
  const json control_greeting = chat("web-control", "こんにちは");
  CHECK(control_greeting.at("state").at("node") == crisis_node);

  // The LINE user is in the crisis step...
  REQUIRE(s.client->post(text_event("01HE2ESPLIT0000000000000001", "死にたい"))->status == 200);
  REQUIRE(
      FakeLineApi::wait_until([&] { return s.api.delivered() == 1; }, std::chrono::seconds(30)));
  REQUIRE(FakeLineApi::wait_until([&] { return pending_events(s.db) == 0; }));
  // ...which a chat API caller naming that LINE userId does not reach: a session of its own,
  // at the root, and resetting or erasing it leaves the LINE user's alone.
  const json seen = chat(kUser, "こんにちは").at("state");
  CHECK(seen.at("node") != crisis_node);
  CHECK(seen.at("risk") == "none");
  (void)chat(kUser, "データを消して");
  REQUIRE(s.client->post(text_event("01HE2ESPLIT0000000000000002", "こんにちは"))->status == 200);
  REQUIRE(
      FakeLineApi::wait_until([&] { return s.api.delivered() == 2; }, std::chrono::seconds(30)));
  REQUIRE(settle(s.serve, s.db, s.dir.file("serve.log")));
  // The LINE user's greeting still answers from the crisis step, as the control's did.
  const auto replies = s.api.requests_to(kReply);
  REQUIRE(replies.size() == 2);
  CHECK(json::parse(replies[1].body).at("messages") == control_greeting.at("messages"));
}

TEST_CASE("LineE2E: shirube serve refuses bad signatures, bad bodies and huge bodies", "[line]") {
  TempDir dir;
  FakeLineApi api;
  const std::string db = dir.file("shirube.db");
  ServeProcess serve(db, api.base_url(), dir.file("serve.log"));
  REQUIRE(serve.port() > 0);
  Client client(serve.port());
  const std::string good = text_event("01HE2E000000000000000000A1", "こんにちは");

  auto unsigned_res = client.http.Post("/callback", good, "application/json");
  REQUIRE(unsigned_res);
  CHECK(unsigned_res->status == 401);
  auto wrong = client.http.Post("/callback", {{"x-line-signature", line::sign("nope", good)}}, good,
                                "application/json");
  REQUIRE(wrong);
  CHECK(wrong->status == 401);
  auto truncated = client.post(good.substr(0, good.size() / 2));
  REQUIRE(truncated);
  CHECK(truncated->status == 400);
  auto bad_utf8 = client.post("{\"events\":[],\"x\":\"\xC3\x28\"}");
  REQUIRE(bad_utf8);
  CHECK(bad_utf8->status == 400);
  auto huge = client.post(std::string(1024 * 1024 + 1, ' '));
  REQUIRE(huge);
  CHECK(huge->status == 413);
  auto verify = client.post(R"({"destination":"U0123456789abcdef0123456789abcdef","events":[]})");
  REQUIRE(verify);
  CHECK(verify->status == 200);
  REQUIRE(settle(serve, db, dir.file("serve.log")));
  CHECK(api.requests().empty());
}

TEST_CASE("LineE2E: duplicates, redeliveries and LINE API failures give exactly one answer",
          "[line]") {
  TempDir dir;
  FakeLineApi api;
  const std::string db = dir.file("shirube.db");
  // Short timeouts so that "timing out" falls back to push within the test's bounds.
  ServeProcess serve(db, api.base_url(), dir.file("serve.log"),
                     {{"SHIRUBE_LINE_API_TIMEOUT_MS", "300"},
                      {"SHIRUBE_LINE_REPLY_WINDOW_MS", "2000"},
                      {"SHIRUBE_LINE_WORKERS", "1"}});
  REQUIRE(serve.port() > 0);
  Client client(serve.port());

  // One worker: the scripted responses meet the events in this order.
  // 1: 500 then 429, then the reply goes through.
  api.script(kReply, {500, R"({"message":"Internal server error"})", 0});
  api.script(kReply,
             {429, R"({"message":"The API rate limit has been exceeded. Try again later."})", 0});
  const std::string e1 = "01HE2E000000000000000000B1";
  REQUIRE(client.post(text_event(e1, "こんにちは")));
  REQUIRE(client.post(text_event(e1, "こんにちは")));        // duplicate
  REQUIRE(client.post(text_event(e1, "こんにちは", true)));  // redelivery
  REQUIRE(FakeLineApi::wait_until([&] { return deliveries_for(api, e1) == 1; },
                                  std::chrono::seconds(30)));

  // 2: Invalid reply token -> push with the retry key; the push 500s once and is retried.
  api.script(kReply, {400, R"({"message":"Invalid reply token"})", 0});
  api.script(kPush, {500, R"({"message":"Internal server error"})", 0});
  const std::string e2 = "01HE2E000000000000000000B2";
  REQUIRE(client.post(text_event(e2, "ごはんに困っています")));
  REQUIRE(FakeLineApi::wait_until([&] { return deliveries_for(api, e2) == 1; },
                                  std::chrono::seconds(30)));

  // 3: the reply times out until the token is too old -> push.
  for (int i = 0; i < 8; ++i)
    api.script(kReply, {500, "{}", 800});
  const std::string e3 = "01HE2E000000000000000000B3";
  REQUIRE(client.post(text_event(e3, "おなかがすいた")));
  REQUIRE(FakeLineApi::wait_until([&] { return deliveries_for(api, e3) == 1; },
                                  std::chrono::seconds(30)));

  REQUIRE(settle(serve, db, dir.file("serve.log")));
  CHECK(deliveries_for(api, e1) == 1);
  CHECK(deliveries_for(api, e2) == 1);
  CHECK(deliveries_for(api, e3) == 1);
  int pushes_e2 = 0;
  for (const auto& r : api.requests_to(kPush)) {
    if (r.retry_key == line::retry_key(kSecret, e2))
      ++pushes_e2;
  }
  CHECK(pushes_e2 == 2);
  CHECK(api.limit_problems().empty());
  for (const auto& r : api.requests_to(kReply))
    CHECK(r.retry_key.empty());
}

TEST_CASE("LineE2E: a server killed between the 200 and the reply answers once after restart",
          "[line]") {
  TempDir dir;
  FakeLineApi api;
  const std::string db = dir.file("shirube.db");
  const std::string e1 = "01HE2E000000000000000000C1";
  {
    ServeProcess serve(db, api.base_url(), dir.file("serve1.log"));
    REQUIRE(serve.port() > 0);
    Client client(serve.port());
    api.hold_next(kReply);
    auto res = client.post(text_event(e1, "こんにちは"));
    REQUIRE(res);
    CHECK(res->status == 200);
    REQUIRE(FakeLineApi::wait_until([&] { return api.holding(); }, std::chrono::seconds(30)));
    serve.kill9();
    api.release();  // the held reply is dropped: it never reached the person
  }
  CHECK(api.delivered() == 0);
  ServeProcess again(db, api.base_url(), dir.file("serve2.log"));
  REQUIRE(again.port() > 0);
  REQUIRE(FakeLineApi::wait_until([&] { return api.delivered() == 1; }, std::chrono::seconds(30)));
  REQUIRE(settle(again, db, dir.file("serve2.log")));
  CHECK(deliveries_for(api, e1) == 1);
  CHECK(api.delivered() == 1);
  // The token may have been used: the answer went by push with the event's retry key.
  const auto pushes = api.requests_to(kPush);
  REQUIRE(pushes.size() == 1);
  CHECK(pushes[0].retry_key == line::retry_key(kSecret, e1));
}

TEST_CASE("LineE2E: a message that might mean suicide is asked about over LINE, with the lines",
          "[line]") {
  TempDir dir;
  FakeLineApi api;
  const std::string db = dir.file("shirube.db");
  ServeProcess serve(db, api.base_url(), dir.file("serve.log"));
  REQUIRE(serve.port() > 0);
  Client client(serve.port());

  auto res = client.post(text_event("01HCHECK000000000000000001", "お金がなくて死ぬほどつらい"));
  REQUIRE(res);
  CHECK(res->status == 200);
  REQUIRE(FakeLineApi::wait_until([&] { return api.delivered() >= 1; }, std::chrono::seconds(30)));
  REQUIRE(settle(serve, db, dir.file("serve.log")));
  CHECK(api.limit_problems().empty());
  const auto replies = api.requests_to(kReply);
  REQUIRE(replies.size() == 1);
  const std::string& body = replies.front().body;
  // The question, its two answers as quick replies, and tap-to-call lines in the same reply.
  CHECK(body.find("もしかして、死にたいほどつらい気持ちがありますか？") != std::string::npos);
  CHECK(body.find("\"nav=yes\"") != std::string::npos);
  CHECK(body.find("\"nav=no\"") != std::string::npos);
  CHECK(body.find("tel:") != std::string::npos);
}

TEST_CASE("LineE2E: no raw LINE user id or text is left in any file once events are processed",
          "[line]") {
  Served s;
  post_marked_events(*s.client, "01HPRIVACY00000000000000");
  REQUIRE(
      FakeLineApi::wait_until([&] { return pending_events(s.db) == 0; }, std::chrono::seconds(30)));
  // While it runs: the database, the inbox and both WALs.
  check_nothing_personal(s.dir.path());
  REQUIRE(settle(s.serve, s.db, s.dir.file("serve.log")));
  CHECK(s.api.delivered() == 10);
  check_nothing_personal(s.dir.path());
}

TEST_CASE("LineE2E: a server killed mid-burst leaves no raw LINE user id or text in any file",
          "[line]") {
  TempDir dir;
  FakeLineApi api;
  const std::string db = dir.file("shirube.db");
  {
    ServeProcess serve(db, api.base_url(), dir.file("serve1.log"));
    REQUIRE(serve.port() > 0);
    Client client(serve.port());
    // The first answer is held at LINE: the person's other nine wait behind it, stored.
    api.hold_next(kReply);
    post_marked_events(client, "01HPRIVKILL0000000000000");
    REQUIRE(FakeLineApi::wait_until([&] { return api.holding(); }, std::chrono::seconds(30)));
    CHECK(pending_events(db) >= 1);
    serve.kill9();
    api.release();
  }
  // What kill -9 left: pending events, a WAL never checkpointed.
  check_nothing_personal(dir.path());
  ServeProcess again(db, api.base_url(), dir.file("serve2.log"));
  REQUIRE(again.port() > 0);
  REQUIRE(settle(again, db, dir.file("serve2.log")));
  CHECK(api.delivered() >= 10);
  check_nothing_personal(dir.path());
}

namespace {

std::string postback_event(const std::string& event_id, const std::string& data) {
  json ev = {{"type", "postback"},
             {"mode", "active"},
             {"timestamp", 1700000000000},
             {"webhookEventId", event_id},
             {"deliveryContext", {{"isRedelivery", false}}},
             {"replyToken", "rt-" + event_id},
             {"source", {{"type", "user"}, {"userId", kUser}}},
             {"postback", {{"data", data}}}};
  return json{{"destination", "U0123456789abcdef0123456789abcdef"}, {"events", {ev}}}.dump();
}

// The body of the delivered reply (or push) to `event_id`; "" when there is none.
std::string answer_to(const FakeLineApi& api, const std::string& event_id) {
  for (const auto& r : api.requests()) {
    if (!r.delivered)
      continue;
    if ((r.path == kReply && r.body.find("\"rt-" + event_id + "\"") != std::string::npos) ||
        (r.path == kPush && r.retry_key == line::retry_key(kSecret, event_id)))
      return r.body;
  }
  return {};
}

// Posts `body` (one event, `event_id`) and returns the answer delivered to it.
std::string answered(Client& client, const FakeLineApi& api, const std::string& event_id,
                     const std::string& body) {
  auto res = client.post(body);
  REQUIRE(res);
  REQUIRE(res->status == 200);
  REQUIRE(FakeLineApi::wait_until([&] { return !answer_to(api, event_id).empty(); },
                                  std::chrono::seconds(30)));
  return answer_to(api, event_id);
}

// Runs `shirube ARGS` and returns its stdout; REQUIREs exit code 0.
std::string run_shirube(const TempDir& dir, const std::string& args) {
  const std::string cmd = std::string(SHIRUBE_BINARY_PATH) + " " + args + " >" +
                          dir.file("cli.out") + " 2>" + dir.file("cli.err");
  const int status = std::system(cmd.c_str());
  INFO(args << ": " << read_file(dir.file("cli.err")));
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  return read_file(dir.file("cli.out"));
}

}  // namespace

// ASCII as full-width characters (U+FF01..U+FF5E), as a phone keyboard may type them.
std::string full_width(const std::string& ascii) {
  std::string out;
  for (char c : ascii) {
    const unsigned cp = 0xFF01 + static_cast<unsigned>(c - 0x21);
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

// The code printed by `shirube worker link` ("code: XXXXX-XXXXX").
std::string code_of(const std::string& printed) {
  const auto at = printed.find("code: ");
  REQUIRE(at != std::string::npos);
  return printed.substr(at + 6, 11);
}

// The linked worker was pushed 「新しい申込が1件あります」 once, with nothing of the applicant;
// nothing else was pushed to anyone but the applicant and the worker.
void check_food_push(const FakeLineApi& api, const std::string& ref) {
  int pushed = 0;
  for (const auto& r : api.requests_to(kPush)) {
    if (!r.delivered || r.body.find(kWorker) == std::string::npos)
      continue;
    ++pushed;
    CHECK(r.body.find("新しい申込が1件あります") != std::string::npos);
    CHECK(r.body.find("/worker/food") != std::string::npos);
    for (const char* personal :
         {"09012345678", "090-1234-5678", "甲府市", "20〜22歳", "児童養護施設", "山梨", kUser})
      CHECK(r.body.find(personal) == std::string::npos);
    CHECK(r.body.find(ref) == std::string::npos);
  }
  CHECK(pushed == 1);
  // Nothing else was pushed to anyone but the applicant and the worker.
  for (const auto& r : api.requests_to(kPush))
    CHECK((r.body.find(kUser) != std::string::npos || r.body.find(kWorker) != std::string::npos));
}

TEST_CASE("LineE2E: a care leaver applies for food over LINE and the partner's worker updates it",
          "[line][food]") {
  TempDir dir;
  FakeLineApi api;
  const std::string db = dir.file("shirube.db");
  const std::string org = "op-97549561a50d9342";  // an organisation of the bundled data
  run_shirube(dir, "partner add --db " + db + " " + org + " --prefecture 19");
  const std::string added =
      run_shirube(dir, "worker add --db " + db + " --org " + org + " --name 山田");
  const auto at = added.find("token: ");
  REQUIRE(at != std::string::npos);
  const std::string token = added.substr(at + 7, added.find('\n', at) - at - 7);
  const std::string code = code_of(run_shirube(dir, "worker link --db " + db + " --org " + org));
  ServeProcess serve(db, api.base_url(), dir.file("serve.log"));
  REQUIRE(serve.port() > 0);
  Client client(serve.port());

  // A worker of the partner links their LINE account with the code (typed in lower case).
  std::string lower = code;
  for (char& c : lower)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::string link_id = "01HFOODLINK000000000000001";
  CHECK(answered(client, api, link_id, text_event(link_id, "支援者登録　" + lower, false, kWorker))
            .find("支援者モードになりました") != std::string::npos);

  int n = 0;
  // One event (a text, or a postback's data) and the answer delivered to it.
  auto send = [&](bool postback, const std::string& what) -> std::string {
    const std::string number = std::to_string(1000 + ++n);
    const std::string event_id = "01HFOOD000000000000000" + number;
    return answered(client, api, event_id,
                    postback ? postback_event(event_id, what) : text_event(event_id, what));
  };
  auto say = [&](const std::string& text) { return send(false, text); };
  CHECK(say("施設を出てから食べるものに困っています").find("食料支援を申し込む") ==
        std::string::npos);  // asks the area first
  CHECK(say("山梨県").find("食料支援を申し込む") != std::string::npos);
  CHECK(say("食料支援を申し込む").find("同意しますか") != std::string::npos);
  say("同意する");
  say("なしで進む");
  say("20〜22歳");
  say("甲府市");
  say("児童養護施設");
  say("1人");
  say("とくにない");
  say("電話");
  say("090-1234-5678");
  say("送ってほしい");
  const std::string summary = say("とくにない");
  REQUIRE(summary.find("この内容で送ります") != std::string::npos);
  // The 送信する button's data, tapped twice (a double tap).
  const json messages = json::parse(summary).at("messages");
  std::string send_data;
  for (const auto& item : messages.back().at("quickReply").at("items")) {
    if (item.at("action").at("label") == "送信する")
      send_data = item.at("action").at("data").get<std::string>();
  }
  REQUIRE(!send_data.empty());
  const std::string done = send(true, send_data);
  const auto marker = done.find("受付番号は ");
  REQUIRE(marker != std::string::npos);
  const std::string ref = done.substr(marker + std::strlen("受付番号は "), 8);
  CHECK(send(true, send_data).find("もう受け付けています。受付番号は " + ref) != std::string::npos);

  // The partner's worker sees one request, with the contact data, and marks it contacted.
  httplib::Headers auth = {{"Authorization", "Bearer " + token}};
  auto list = client.http.Get("/api/v1/food-requests", auth);
  REQUIRE(list);
  REQUIRE(list->status == 200);
  const json l = json::parse(list->body);
  CHECK(l.at("total") == 1);
  CHECK(l.at("items").at(0).at("ref") == ref);
  auto one = client.http.Get(("/api/v1/food-requests/" + ref).c_str(), auth);
  REQUIRE(one);
  CHECK(json::parse(one->body).at("contact").at("value") == "09012345678");
  auto patched = client.http.Patch(("/api/v1/food-requests/" + ref).c_str(), auth,
                                   R"({"status":"contacted"})", "application/json");
  REQUIRE(patched);
  CHECK(patched->status == 200);
  CHECK(say("申込の状況").find("受付番号 " + ref + "：連絡済み") != std::string::npos);

  REQUIRE(settle(serve, db, dir.file("serve.log")));
  CHECK(api.limit_problems().empty());
  // Contact data never reaches the log; the session holds no trace of it.
  CHECK(read_file(dir.file("serve.log")).find("1234-5678") == std::string::npos);
  CHECK(read_file(dir.file("serve.log")).find("09012345678") == std::string::npos);
  auto conn = shirube::sql::Database::open(db, /*read_only=*/true);
  REQUIRE(conn.ok());
  auto st = (*conn)->prepare("SELECT count(*) FROM session_state WHERE state LIKE '%5678%'");
  REQUIRE(st.ok());
  REQUIRE(*st->step());
  CHECK(st->integer(0) == 0);
  auto drafts = (*conn)->prepare("SELECT count(*) FROM food_drafts");
  REQUIRE(drafts.ok());
  REQUIRE(*drafts->step());
  CHECK(drafts->integer(0) == 0);
  check_food_push(api, ref);
}

TEST_CASE("LineE2E: a linked worker searches, gets the crisis answer and leaves worker mode",
          "[line][worker]") {
  TempDir dir;
  FakeLineApi api;
  const std::string db = dir.file("shirube.db");
  const std::string org = "op-97549561a50d9342";
  const std::string code = code_of(run_shirube(dir, "worker link --db " + db + " --org " + org));
  ServeProcess serve(db, api.base_url(), dir.file("serve.log"));
  REQUIRE(serve.port() > 0);
  Client client(serve.port());
  int n = 0;
  auto send = [&](bool postback, const std::string& what) -> std::string {
    const std::string event_id = "01HWORKER00000000000000" + std::to_string(100 + ++n);
    json body = json::parse(postback ? postback_event(event_id, what)
                                     : text_event(event_id, what, false, kWorker));
    body["events"][0]["source"]["userId"] = kWorker;
    return answered(client, api, event_id, body.dump());
  };
  auto say = [&](const std::string& text) { return send(false, text); };

  // A wrong code is answered kindly and links nothing.
  CHECK(say("支援者登録 ABCDE-FGHJK").find("そのコードは見つかりませんでした") !=
        std::string::npos);
  CHECK(say("支援者メニュー").find("支援者として登録されていません") != std::string::npos);
  // The right one (full-width) opens the worker menu.
  const std::string menu = say("支援者登録 " + full_width(code));
  CHECK(menu.find("支援者モードになりました") != std::string::npos);
  CHECK(menu.find("w=need&v=food") != std::string::npos);
  // The same code again: used, and the mode stays.
  CHECK(say("支援者登録 " + code).find("このコードはもう使われています") != std::string::npos);
  // A need and an area in one message: referral text with hours, last verified and source.
  const std::string found = say("食べ物 山梨県");
  CHECK(found.find("・連絡方法：") != std::string::npos);
  CHECK(found.find("・受付時間：") != std::string::npos);
  CHECK(found.find("・最終確認：") != std::string::npos);
  CHECK(found.find("・出典：") != std::string::npos);
  CHECK(found.find("w=change_area") != std::string::npos);
  const json messages = json::parse(found).at("messages");
  CHECK(messages.size() <= 5);
  // Crisis detection comes first in worker mode too.
  const std::string crisis = say("死にたい");
  CHECK(crisis.find("0120-279-338") != std::string::npos);
  CHECK(crisis.find("・連絡方法：") == std::string::npos);
  CHECK(say("支援者モード終了").find("支援者モードを終わりました") != std::string::npos);
  CHECK(say("食べ物").find("・連絡方法：") == std::string::npos);  // the help-seeker's flow again

  REQUIRE(settle(serve, db, dir.file("serve.log")));
  CHECK(api.limit_problems().empty());
  // Listed as a LINE link, and revoked from the command line.
  const std::string listed = run_shirube(dir, "worker list --db " + db);
  CHECK(listed.find("L1\t" + org + "\t(LINE)") != std::string::npos);
  CHECK(listed.find("active") != std::string::npos);
  CHECK(run_shirube(dir, "worker revoke --db " + db + " L1").find("revoked") != std::string::npos);
  CHECK(run_shirube(dir, "worker list --db " + db).find("revoked") != std::string::npos);
  // No raw LINE user id in the database.
  CHECK(read_file(db).find(kWorker) == std::string::npos);
}

TEST_CASE("LineE2E: a message in English is answered in English over LINE, and a switch holds",
          "[line]") {
  TempDir dir;
  FakeLineApi api;
  const std::string db = dir.file("shirube.db");
  ServeProcess serve(db, api.base_url(), dir.file("serve.log"));
  REQUIRE(serve.port() > 0);
  Client client(serve.port());

  auto res = client.post(
      text_event("01HENGLISH0000000000000001", "I lost my job and need help finding work"));
  REQUIRE(res);
  CHECK(res->status == 200);
  REQUIRE(FakeLineApi::wait_until([&] { return api.delivered() >= 1; }, std::chrono::seconds(30)));
  res = client.post(text_event("01HENGLISH0000000000000002", "やさしい日本語"));
  REQUIRE(res);
  REQUIRE(FakeLineApi::wait_until([&] { return api.delivered() >= 2; }, std::chrono::seconds(30)));
  REQUIRE(settle(serve, db, dir.file("serve.log")));
  CHECK(api.limit_problems().empty());
  const auto replies = api.requests_to(kReply);
  REQUIRE(replies.size() == 2);
  CHECK(replies[0].body.find("Where do you live?") != std::string::npos);
  CHECK(replies[0].body.find("Nationwide is fine") != std::string::npos);
  CHECK(replies[0].body.find("どちらにお住まいですか") == std::string::npos);
  CHECK(replies[1].body.find("やさしい 日本語で 話します。") != std::string::npos);
  CHECK(replies[1].body.find("全国の 窓口で いい") != std::string::npos);  // the same step
}

namespace {

std::string location_event(const std::string& event_id, double latitude, double longitude) {
  json ev = json::parse(text_event(event_id, "x")).at("events").at(0);
  ev["message"] = {{"id", "1" + event_id.substr(event_id.size() - 6)},
                   {"type", "location"},
                   {"title", "my location"},
                   {"address", "山梨県甲府市丸の内"},
                   {"latitude", latitude},
                   {"longitude", longitude}};
  return json{{"destination", "U0123456789abcdef0123456789abcdef"}, {"events", {ev}}}.dump();
}

}  // namespace

TEST_CASE(
    "LineE2E: the area question offers 位置情報を送る and a location answers for its "
    "prefecture",
    "[line]") {
  Served s;
  auto send = [&](const std::string& event_id, const std::string& body) {
    auto res = s.client->post(body);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    REQUIRE(FakeLineApi::wait_until([&] { return !answer_to(s.api, event_id).empty(); },
                                    std::chrono::seconds(30)));
    return json::parse(answer_to(s.api, event_id)).at("messages");
  };
  const json asked = send("01HLOCATION000000000000001",
                          text_event("01HLOCATION000000000000001", "食べ物がなくて困っています"));
  CHECK(asked.dump().find("どちらにお住まいですか") != std::string::npos);
  const json& items = asked.back().at("quickReply").at("items");
  REQUIRE(!items.empty());
  CHECK(items[0].at("action") == json{{"type", "location"}, {"label", "位置情報を送る"}});

  // Near Kofu: the answer for 山梨県, not the question again.
  const json answered = send("01HLOCATION000000000000002",
                             location_event("01HLOCATION000000000000002", 35.6642, 138.5684));
  const std::string text = answered.dump();
  CHECK(text.find("どちらにお住まいですか") == std::string::npos);
  CHECK(text.find("山梨") != std::string::npos);
  bool cards = false;
  for (const json& m : answered)
    cards = cards || (m.at("type") == "flex" && m.at("contents").at("type") == "carousel");
  CHECK(cards);
  // A step that does not ask the area has no location button.
  for (const json& item : answered.back().at("quickReply").at("items"))
    CHECK(item.at("action").at("type") != "location");

  REQUIRE(settle(s.serve, s.db, s.dir.file("serve.log")));
  CHECK(s.api.limit_problems().empty());
}
