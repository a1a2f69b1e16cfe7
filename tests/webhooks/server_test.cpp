#include "webhooks/server.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "bot/engine.h"
#include "knowledge/knowledge_base.h"
#include "tests/support/fake_knowledge_base.h"
#include "tests/support/scoped_test_server.h"
#include "tests/support/temp_dir.h"
#include "tests/support/wait_until.h"
#include "webhooks/line_channel.h"

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

using nlohmann::json;
using shirube::Error;
using shirube::Result;
using shirube::Status;
using shirube::testing::ScopedTestServer;
namespace bot = shirube::bot;
namespace knowledge = shirube::knowledge;
namespace webhooks = shirube::webhooks;

namespace {

// Answers every turn with `reply`, or fails the way `mode` says.
class FakeEngine : public bot::Engine {
 public:
  enum class Mode { kReply, kThrow, kInternal, kUnavailable, kInvalid };
  Mode mode = Mode::kReply;
  bot::Reply reply;
  std::atomic<int> calls{0};

  Result<bot::Reply> handle(const std::string&, const bot::Input&) override {
    ++calls;
    switch (mode) {
      case Mode::kThrow:
        throw std::runtime_error("SELECT secret_column FROM /var/lib/secret.db");
      case Mode::kInternal:
        return Error::internal("sqlite", "disk I/O error at /var/lib/secret.db");
      case Mode::kUnavailable:
        return Error::unavailable("sqlite", "database is locked at /var/lib/secret.db");
      case Mode::kInvalid:
        return Error::invalid_argument("postback", "unknown choice");
      case Mode::kReply:
        break;
    }
    return reply;
  }
  Status erase(const std::string&) override { return Status::ok_status(); }
};

class FakeLineChannel : public webhooks::LineChannel {
 public:
  std::atomic<int> callbacks{0};
  void register_routes(httplib::Server& server) override {
    server.set_payload_max_length(2 * 1024 * 1024);  // as the real channel does for /callback
    server.Post("/callback", [this](const httplib::Request&, httplib::Response& res) {
      ++callbacks;
      res.set_content("{}", "application/json");
    });
  }
  std::string metrics_json() const override { return "{}"; }
  Status notify(const std::string&, const std::string&) override { return Status::ok_status(); }
  void start() override {}
  void stop() override {}
};

// Collects log lines from the server's threads.
struct LogSink {
  std::mutex mu;
  std::vector<std::string> lines;
  webhooks::ServerOptions options() {
    webhooks::ServerOptions o;
    o.log = [this](const std::string& line) {
      std::lock_guard<std::mutex> lock(mu);
      lines.push_back(line);
    };
    return o;
  }
  std::vector<std::string> snapshot() {
    std::lock_guard<std::mutex> lock(mu);
    return lines;
  }
};

struct Fixture {
  shirube::testing::FakeKnowledgeBase kb;
  FakeEngine engine;
  FakeLineChannel line;
  LogSink log;
  httplib::Server server;
  std::unique_ptr<ScopedTestServer> running;
  std::unique_ptr<httplib::Client> client;

  explicit Fixture(bool with_line = false) {
    webhooks::install_routes(
        server, engine, [this] { return kb.healthy(); }, with_line ? &line : nullptr,
        log.options());
    running = std::make_unique<ScopedTestServer>(server);
    REQUIRE(running->port() > 0);
    client = std::make_unique<httplib::Client>("127.0.0.1", running->port());
  }
};

json error_of(const httplib::Result& res) {
  REQUIRE(res);
  const json body = json::parse(res->body, nullptr, false);
  REQUIRE(body.is_object());
  REQUIRE(body.contains("error"));
  return body.at("error");
}

const char* kChat = R"({"user":"web-1","text":"こんにちは"})";

}  // namespace

TEST_CASE("Server: healthz answers 200 when the database is readable", "[webhooks]") {
  Fixture f;
  auto res = f.client->Get("/healthz");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(json::parse(res->body) == json::parse(R"({"status":"ok"})"));
  CHECK(res->get_header_value("Content-Type").rfind("application/json", 0) == 0);
}

TEST_CASE("Server: healthz answers 503 when the knowledge base is unhealthy", "[webhooks]") {
  Fixture f;
  f.kb.is_healthy = false;
  auto res = f.client->Get("/healthz");
  REQUIRE(res);
  CHECK(res->status == 503);
  CHECK(error_of(res).at("code") == "unavailable");
}

TEST_CASE("Server: serves the web chat page and its assets from the binary", "[webhooks]") {
  Fixture f;
  SECTION("page") {
    auto res = f.client->Get("/");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(res->body.find("しるべ") != std::string::npos);
    CHECK(res->body.find("/app.js") != std::string::npos);
    // No CDN, no web fonts: the page must work offline. Its one outside address is where
    // 「すぐに閉じる」 leaves to.
    CHECK(res->body.find("//cdn") == std::string::npos);
    const std::size_t exit = res->body.find("https://");
    REQUIRE(exit != std::string::npos);
    CHECK(res->body.rfind("id=\"quick-exit\"", exit) != std::string::npos);
    CHECK(res->body.find("https://", exit + 1) == std::string::npos);
    CHECK(res->body.find("src=\"http") == std::string::npos);
    CHECK(res->get_header_value("Content-Security-Policy").find("default-src 'self'") == 0);
  }
  SECTION("script") {
    auto res = f.client->Get("/app.js");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
    CHECK(res->body.find("/api/v1/chat") != std::string::npos);
  }
  SECTION("style") {
    auto res = f.client->Get("/style.css");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "text/css; charset=utf-8");
  }
}

TEST_CASE("Server: an unknown route is a JSON 404", "[webhooks]") {
  Fixture f;
  auto path = GENERATE(as<std::string>{}, "/nope", "/api/v1/chats", "/api/v2/chat", "/index.html",
                       "/callback", "/healthz/extra");
  CAPTURE(path);
  auto res = f.client->Get(path.c_str());
  REQUIRE(res);
  CHECK(res->status == 404);
  CHECK(error_of(res).at("code") == "not_found");
}

TEST_CASE("Server: a wrong method on a known route is a JSON 405 with Allow", "[webhooks]") {
  Fixture f;
  SECTION("GET /api/v1/chat") {
    auto res = f.client->Get("/api/v1/chat");
    REQUIRE(res);
    CHECK(res->status == 405);
    CHECK(res->get_header_value("Allow") == "POST");
    CHECK(error_of(res).at("code") == "method_not_allowed");
  }
  SECTION("POST /healthz") {
    auto res = f.client->Post("/healthz", "{}", "application/json");
    REQUIRE(res);
    CHECK(res->status == 405);
    CHECK(res->get_header_value("Allow") == "GET, HEAD");
    CHECK(error_of(res).at("code") == "method_not_allowed");
  }
  SECTION("PUT and DELETE") {
    auto put = f.client->Put("/api/v1/chat", kChat, "application/json");
    REQUIRE(put);
    CHECK(put->status == 405);
    auto del = f.client->Delete("/");
    REQUIRE(del);
    CHECK(del->status == 405);
    CHECK(error_of(del).at("code") == "method_not_allowed");
  }
  CHECK(f.engine.calls == 0);
}

TEST_CASE("Server: a body over 64 KiB is a JSON 413 and reaches no handler", "[webhooks]") {
  Fixture f;
  const std::string body = R"({"user":"u","text":")" + std::string(70000, 'a') + R"("})";
  auto res = f.client->Post("/api/v1/chat", body, "application/json");
  REQUIRE(res);
  CHECK(res->status == 413);
  CHECK(error_of(res).at("code") == "payload_too_large");
  CHECK(f.engine.calls == 0);
}

TEST_CASE("Server: the chat API keeps its 64 KiB limit when the LINE channel raises the server's",
          "[webhooks]") {
  Fixture f(true);
  const std::string body = R"({"user":"u","text":")" + std::string(70000, 'a') + R"("})";
  auto res = f.client->Post("/api/v1/chat", body, "application/json");
  REQUIRE(res);
  CHECK(res->status == 413);
  CHECK(error_of(res) == json::parse(R"({"code":"payload_too_large",
                                         "message":"body: must be at most 65536 bytes"})"));
  CHECK(f.engine.calls == 0);
}

TEST_CASE("Server: a body of exactly 64 KiB is read, not refused", "[webhooks]") {
  Fixture f;
  std::string body = R"({"user":"u","text":"a","pad":")";
  body += std::string(64 * 1024 - body.size() - 2, 'x') + R"("})";
  REQUIRE(body.size() == 64 * 1024);
  auto res = f.client->Post("/api/v1/chat", body, "application/json");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(f.engine.calls == 1);
}

TEST_CASE("Server: a chat request that is not JSON is a JSON 415", "[webhooks]") {
  Fixture f;
  auto type = GENERATE(as<std::string>{}, "text/plain", "application/x-www-form-urlencoded",
                       "application/jsonx", "multipart/form-data; boundary=x", "json");
  CAPTURE(type);
  auto res = f.client->Post("/api/v1/chat", kChat, type.c_str());
  REQUIRE(res);
  CHECK(res->status == 415);
  CHECK(error_of(res).at("code") == "unsupported_media_type");
  CHECK(error_of(res).at("message") == "Content-Type: must be application/json");
  CHECK(f.engine.calls == 0);
}

TEST_CASE("Server: a chat request without Content-Type is a JSON 415", "[webhooks]") {
  Fixture f;
  httplib::Headers headers;
  auto res = f.client->Post("/api/v1/chat", headers, kChat, std::strlen(kChat), "");
  REQUIRE(res);
  CHECK(res->status == 415);
  CHECK(f.engine.calls == 0);
}

TEST_CASE("Server: JSON content types with parameters and any case are accepted", "[webhooks]") {
  SECTION("accept") {
    auto type = GENERATE(as<std::string>{}, "application/json", "application/json; charset=utf-8",
                         "Application/JSON;charset=UTF-8", " application/json ");
    CAPTURE(type);
    CHECK(webhooks::is_json_content_type(type));
  }
  SECTION("reject") {
    auto type = GENERATE(as<std::string>{}, "", "text/json", "application/json-patch+json",
                         "application/jsonp", "application");
    CAPTURE(type);
    CHECK_FALSE(webhooks::is_json_content_type(type));
  }
}

TEST_CASE("Server: a handler exception is a generic 500 that leaks nothing", "[webhooks]") {
  Fixture f;
  f.engine.mode = FakeEngine::Mode::kThrow;
  auto res = f.client->Post("/api/v1/chat", kChat, "application/json");
  REQUIRE(res);
  CHECK(res->status == 500);
  CHECK(error_of(res) == json::parse(R"({"code":"internal","message":"internal error"})"));
  CHECK(res->body.find("secret") == std::string::npos);
  CHECK_FALSE(res->has_header("EXCEPTION_WHAT"));
  for (const auto& [name, value] : res->headers) {
    CAPTURE(name);
    CHECK(value.find("secret") == std::string::npos);
  }
  bool logged = false;
  for (const auto& line : f.log.snapshot()) {
    CHECK(line.find("secret") == std::string::npos);
    if (line.find(R"("kind":"exception")") != std::string::npos &&
        line.find(R"("method":"POST","route":"/api/v1/chat")") != std::string::npos) {
      logged = true;
    }
  }
  CHECK(logged);
}

TEST_CASE("Server: engine errors map to 400, 503 and a generic 500", "[webhooks]") {
  Fixture f;
  SECTION("invalid argument keeps its field-level message") {
    f.engine.mode = FakeEngine::Mode::kInvalid;
    auto res = f.client->Post("/api/v1/chat", kChat, "application/json");
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(error_of(res) ==
          json::parse(R"({"code":"invalid_argument","message":"postback: unknown choice"})"));
  }
  SECTION("unavailable") {
    f.engine.mode = FakeEngine::Mode::kUnavailable;
    auto res = f.client->Post("/api/v1/chat", kChat, "application/json");
    REQUIRE(res);
    CHECK(res->status == 503);
    CHECK(error_of(res).at("code") == "unavailable");
    CHECK(res->body.find("secret") == std::string::npos);
  }
  SECTION("internal") {
    f.engine.mode = FakeEngine::Mode::kInternal;
    auto res = f.client->Post("/api/v1/chat", kChat, "application/json");
    REQUIRE(res);
    CHECK(res->status == 500);
    CHECK(error_of(res) == json::parse(R"({"code":"internal","message":"internal error"})"));
  }
}

TEST_CASE("Server: the error mapping is one table", "[webhooks]") {
  using K = webhooks::HttpErrorKind;
  CHECK(webhooks::http_status(K::kInvalidArgument) == 400);
  CHECK(webhooks::http_status(K::kNotFound) == 404);
  CHECK(webhooks::http_status(K::kMethodNotAllowed) == 405);
  CHECK(webhooks::http_status(K::kPayloadTooLarge) == 413);
  CHECK(webhooks::http_status(K::kUnsupportedMediaType) == 415);
  CHECK(webhooks::http_status(K::kUnavailable) == 503);
  CHECK(webhooks::http_status(K::kInternal) == 500);
  CHECK(webhooks::to_http_error(Error::not_found("service", "x")).kind == K::kInternal);
  CHECK(webhooks::to_http_error(Error::conflict("x", "y")).kind == K::kInternal);
  CHECK(webhooks::error_body({K::kInvalidArgument, "text: must be valid UTF-8"}) ==
        R"({"error":{"code":"invalid_argument","message":"text: must be valid UTF-8"}})");
}

TEST_CASE("Server: logs one JSON line per request without bodies or user ids", "[webhooks]") {
  Fixture f;
  auto ok = f.client->Post("/api/v1/chat", R"({"user":"secret-user-42","text":"死にたい"})",
                           "application/json");
  REQUIRE(ok);
  CHECK(ok->status == 200);
  const std::string request_id = ok->get_header_value("X-Request-Id");
  CHECK(request_id.size() == 16);
  auto missing = f.client->Get("/nope");
  REQUIRE(missing);
  f.running.reset();  // join the server so every log line is written
  auto lines = f.log.snapshot();
  CAPTURE(lines);
  REQUIRE(lines.size() == 2);
  // Each request may run on its own worker thread, so the two lines can come in any order.
  std::sort(lines.begin(), lines.end(), [](const std::string& a, const std::string& b) {
    return a.find("\"GET\"") != std::string::npos && b.find("\"GET\"") == std::string::npos;
  });
  const json missing_line = json::parse(lines[0], nullptr, false);
  const json chat_line = json::parse(lines[1], nullptr, false);
  REQUIRE(missing_line.is_object());
  REQUIRE(chat_line.is_object());
  CHECK(missing_line.value("route", "") == "other");
  CHECK(missing_line.value("status", 0) == 404);
  CHECK(chat_line.value("kind", "") == "request");
  CHECK(chat_line.value("method", "") == "POST");
  CHECK(chat_line.value("route", "") == "/api/v1/chat");
  CHECK(chat_line.value("status", 0) == 200);
  CHECK(chat_line.value("request_id", "") == request_id);
  CHECK(chat_line.at("duration_ms").is_number());
  for (const auto& line : lines) {
    CHECK(line.find("secret-user-42") == std::string::npos);
    CHECK(line.find("死にたい") == std::string::npos);
  }
}

TEST_CASE("Server: registers the LINE channel's routes when one is given", "[webhooks]") {
  Fixture f(true);
  auto res = f.client->Post("/callback", "{}", "application/json");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(f.line.callbacks == 1);
  auto get = f.client->Get("/callback");
  REQUIRE(get);
  CHECK(get->status == 405);
  CHECK(get->get_header_value("Allow") == "POST");
}

// ---- the real binary: `shirube serve` ----------------------------------------------------

namespace {

struct Child {
  pid_t pid = -1;
  int out = -1;  // read end of the child's stdout
  int err = -1;  // read end of the child's stderr
};

// Starts SHIRUBE_BINARY_PATH with `args`, without the LINE secrets of this environment and
// with the LINE API pointed at a closed local port, plus `extra_env` ("NAME=value").
Child spawn_shirube(const std::vector<std::string>& args,
                    const std::vector<std::string>& extra_env = {}) {
  int out_pipe[2];
  int err_pipe[2];
  REQUIRE(::pipe(out_pipe) == 0);
  REQUIRE(::pipe(err_pipe) == 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
  posix_spawn_file_actions_addclose(&actions, err_pipe[0]);

  std::vector<std::string> argv_s = {SHIRUBE_BINARY_PATH};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s)
    argv.push_back(a.data());
  argv.push_back(nullptr);

  std::vector<std::string> env_s;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string kv = *e;
    if (kv.rfind("LINE_", 0) == 0 || kv.rfind("SHIRUBE_LINE_API_BASE=", 0) == 0)
      continue;
    env_s.push_back(kv);
  }
  env_s.emplace_back("SHIRUBE_LINE_API_BASE=http://127.0.0.1:9");
  env_s.insert(env_s.end(), extra_env.begin(), extra_env.end());
  std::vector<char*> envp;
  for (auto& e : env_s)
    envp.push_back(e.data());
  envp.push_back(nullptr);

  Child child;
  const int rc =
      ::posix_spawn(&child.pid, SHIRUBE_BINARY_PATH, &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  child.out = out_pipe[0];
  child.err = err_pipe[0];
  REQUIRE(rc == 0);
  return child;
}

// Reads from `fd` until EOF, or until `stop_at_newline` and a full line arrived. A generous
// guard (not a timing assertion) keeps a hung child from hanging the suite.
std::string read_fd(int fd, bool stop_at_newline) {
  std::string data;
  char buf[4096];
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, 120000);
    if (ready <= 0)
      break;
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0)
      break;
    data.append(buf, static_cast<std::size_t>(n));
    if (stop_at_newline && data.find('\n') != std::string::npos)
      break;
  }
  return data;
}

// Reads a child's pipe on a thread of its own until the child closes it. A server that logs
// every request (a test polling /healthz every 2 ms) fills a pipe nobody reads (64 KiB) in a
// second, and then blocks on its next log line.
class PipeDrain {
 public:
  explicit PipeDrain(int fd) : thread_([this, fd] { data_ = read_fd(fd, false); }) {}
  PipeDrain(const PipeDrain&) = delete;
  PipeDrain& operator=(const PipeDrain&) = delete;
  ~PipeDrain() {
    if (thread_.joinable())
      thread_.join();
  }
  // Everything read, once the child has closed the pipe (after it exits).
  std::string finish() {
    thread_.join();
    return data_;
  }
  // Stops child `pid` (SIGKILL) if it still runs when a failed REQUIRE leaves the test, so
  // the drains see the end of their pipes.
  struct KillOnExit {
    pid_t pid;
    ~KillOnExit() {
      if (::waitpid(pid, nullptr, WNOHANG) == 0) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
      }
    }
  };

 private:
  std::string data_;
  std::thread thread_;
};

int wait_exit(pid_t pid) {
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid)
    return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

struct Finished {
  int code;
  std::string out;
  std::string err;
};

Finished run_shirube(const std::vector<std::string>& args,
                     const std::vector<std::string>& extra_env = {}) {
  Child c = spawn_shirube(args, extra_env);
  Finished f;
  f.out = read_fd(c.out, false);
  f.err = read_fd(c.err, false);
  f.code = wait_exit(c.pid);
  ::close(c.out);
  ::close(c.err);
  return f;
}

}  // namespace

TEST_CASE("Serve: prints one listening line, serves, and stops cleanly on SIGTERM", "[webhooks]") {
  shirube::testing::TempDir dir;
  REQUIRE(!dir.path().empty());
  const std::string db = dir.file("nested/dir/shirube.db");  // the directory is created
  Child c = spawn_shirube({"serve", "--port", "0", "--db", db, "--workers", "2"});
  const std::string first = read_fd(c.out, true);
  CAPTURE(first);
  const std::string prefix = "shirube: listening on http://127.0.0.1:";
  REQUIRE(first.rfind(prefix, 0) == 0);
  REQUIRE(first.back() == '\n');
  const int port = std::stoi(first.substr(prefix.size()));
  REQUIRE(port > 0);

  httplib::Client client("127.0.0.1", port);
  auto health = client.Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);
  auto page = client.Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  auto chat = client.Post("/api/v1/chat", R"({"user":"serve-test","postback":"nav=top"})",
                          "application/json");
  REQUIRE(chat);
  CHECK(chat->status == 200);
  const json body = json::parse(chat->body, nullptr, false);
  REQUIRE(body.is_object());
  CHECK(!body.at("messages").empty());
  CHECK(body.at("state").at("category").is_null());
  auto callback = client.Post("/callback", "{}", "application/json");
  REQUIRE(callback);
  CHECK(callback->status == 503);  // no LINE_CHANNEL_SECRET: the channel is off

  REQUIRE(::kill(c.pid, SIGTERM) == 0);
  const std::string rest = read_fd(c.out, false);
  const std::string err = read_fd(c.err, false);
  CHECK(wait_exit(c.pid) == 0);
  CHECK(rest.empty());                                 // exactly one line on stdout
  CHECK(err.find("serve-test") == std::string::npos);  // no user ids in the log
  CHECK(err.find(R"("method":"POST","route":"/api/v1/chat","status":200)") != std::string::npos);
  ::close(c.out);
  ::close(c.err);
  CHECK(std::filesystem::exists(db));
}

TEST_CASE("Serve: bad usage exits 2 with a one-line reason", "[webhooks]") {
  auto args = GENERATE(
      as<std::vector<std::string>>{}, std::vector<std::string>{"serve", "--port", "abc"},
      std::vector<std::string>{"serve", "--port", "70000"},
      std::vector<std::string>{"serve", "--port", "-1"},
      std::vector<std::string>{"serve", "--workers", "0"},
      std::vector<std::string>{"serve", "--db"}, std::vector<std::string>{"serve", "--host", ""},
      std::vector<std::string>{"serve", "--bogus"});
  CAPTURE(args);
  const Finished f = run_shirube(args);
  CHECK(f.code == 2);
  CHECK(f.out.empty());
  CHECK(f.err.rfind("shirube serve: ", 0) == 0);
  CHECK(std::count(f.err.begin(), f.err.end(), '\n') == 1);
}

TEST_CASE("Serve: a bad environment value exits 2 naming the variable, before listening",
          "[webhooks]") {
  const Finished f =
      run_shirube({"serve", "--port", "0", "--db", ":memory:"},
                  {"SHIRUBE_LINE_WORKERS=many", "LINE_CHANNEL_SECRET=hidden-secret"});
  CHECK(f.code == 2);
  CHECK(f.out.empty());
  CHECK(f.err ==
        "shirube serve: SHIRUBE_LINE_WORKERS: expected an integer from 1 to 64, got 'many'\n");
  CHECK(f.err.find("hidden-secret") == std::string::npos);
}

TEST_CASE("Serve: --help prints the usage and exits 0", "[webhooks]") {
  const Finished f = run_shirube({"serve", "--help"});
  CHECK(f.code == 0);
  CHECK(f.out.rfind("usage: shirube serve", 0) == 0);
  CHECK(f.out.find("--workers") != std::string::npos);
}

TEST_CASE("Serve: a database that cannot be created exits 2 with a one-line reason", "[webhooks]") {
  shirube::testing::TempDir dir;
  REQUIRE(!dir.path().empty());
  {
    std::ofstream blocker(dir.file("not-a-dir"));
    blocker << "x";
  }
  const Finished f = run_shirube({"serve", "--port", "0", "--db", dir.file("not-a-dir/x.db")});
  CHECK(f.code == 2);
  CHECK(f.out.empty());
  CHECK(f.err.rfind("shirube serve: ", 0) == 0);
  CHECK(std::count(f.err.begin(), f.err.end(), '\n') == 1);
}

TEST_CASE("Serve: a port already in use exits 2 with a one-line reason", "[webhooks]") {
  httplib::Server other;
  ScopedTestServer holder(other);
  REQUIRE(holder.port() > 0);
  shirube::testing::TempDir dir;
  REQUIRE(!dir.path().empty());
  const Finished f = run_shirube(
      {"serve", "--port", std::to_string(holder.port()), "--db", dir.file("shirube.db")});
  CHECK(f.code == 2);
  CHECK(f.out.empty());
  CHECK(f.err.find("cannot listen on 127.0.0.1:" + std::to_string(holder.port())) !=
        std::string::npos);
}

namespace {

// Overwrites every page of the SQLite file at `path` after the first two with a pattern, as a
// failing disk or a stray writer would.
void damage_pages(const std::string& path) {
  const auto size = std::filesystem::file_size(path);
  REQUIRE(size > 3 * 4096);
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  REQUIRE(f);
  f.seekp(2 * 4096);
  const std::string junk(static_cast<std::size_t>(size) - 2 * 4096, '\xA5');
  f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  REQUIRE(f);
}

}  // namespace

TEST_CASE("Serve: refuses a damaged database at start with exit 2 naming the file", "[webhooks]") {
  shirube::testing::TempDir dir;
  REQUIRE(!dir.path().empty());
  const std::string db = dir.file("shirube.db");
  REQUIRE(run_shirube({"import", "--db", db}).code == 0);
  damage_pages(db);
  const Finished f = run_shirube({"serve", "--port", "0", "--db", db});
  CHECK(f.code == 2);
  CHECK(f.out.empty());
  CAPTURE(f.err);
  CHECK(f.err.rfind("shirube serve: " + db + ": damaged (", 0) == 0);
  CHECK(f.err.find("restore it from a backup") != std::string::npos);
  CHECK(std::count(f.err.begin(), f.err.end(), '\n') == 1);
}

TEST_CASE(
    "Serve: a database damaged while serving turns /healthz to 503 and still answers a "
    "crisis with the lines",
    "[webhooks]") {
  shirube::testing::TempDir dir;
  REQUIRE(!dir.path().empty());
  const std::string db = dir.file("shirube.db");
  REQUIRE(run_shirube({"import", "--db", db}).code == 0);
  Child c = spawn_shirube({"serve", "--port", "0", "--db", db, "--workers", "2"});
  const std::string first = read_fd(c.out, true);
  const std::string prefix = "shirube: listening on http://127.0.0.1:";
  REQUIRE(first.rfind(prefix, 0) == 0);
  PipeDrain out(c.out);
  PipeDrain err(c.err);
  const PipeDrain::KillOnExit stop_child{c.pid};
  httplib::Client client("127.0.0.1", std::stoi(first.substr(prefix.size())));
  auto before = client.Get("/healthz");
  REQUIRE(before);
  CHECK(before->status == 200);

  damage_pages(db);
  CHECK(shirube::testing::wait_until([&] {
    auto res = client.Get("/healthz");
    return res && res->status == 503;
  }));
  for (const char* user : {"damaged-1", "damaged-2"}) {
    auto chat = client.Post("/api/v1/chat", json{{"user", user}, {"text", "死にたい"}}.dump(),
                            "application/json");
    REQUIRE(chat);
    CHECK(chat->status == 200);
    const json body = json::parse(chat->body, nullptr, false);
    REQUIRE(body.is_object());
    CHECK(body.at("state").at("risk") == "crisis");
    CHECK(body.at("messages").dump().find("\"tel:") != std::string::npos);
  }
  REQUIRE(::kill(c.pid, SIGTERM) == 0);
  CHECK(wait_exit(c.pid) == 0);
  (void)out.finish();
  // The polling above alone logs about 64 KiB: read only at the end, the pipe once filled and
  // the server stopped answering (no 503 within 20 s, then no answer to the chat).
  CHECK(err.finish().find("死にたい") == std::string::npos);  // no message text in the log
  ::close(c.out);
  ::close(c.err);
}

TEST_CASE("Server: the log leaves out referral sheet ids and Authorization headers", "[webhooks]") {
  Fixture f;
  auto sheet = f.client->Get("/referrals/secretSheetId123", {{"Authorization", "Bearer shw_tok"}});
  REQUIRE(sheet);
  f.running.reset();  // join the server so every log line is written
  const auto lines = f.log.snapshot();
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].find(R"("method":"GET","route":"/referrals/{id}","status":404)") !=
        std::string::npos);
  CHECK(lines[0].find("secretSheetId123") == std::string::npos);
  CHECK(lines[0].find("shw_tok") == std::string::npos);
}
