// GuardedServer: slow and oversized requests are handled without a worker thread; ambiguous
// framing is refused before httplib sees it. Raw sockets write exactly the bytes under test.
#include "webhooks/http_guard.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "bot/engine.h"
#include "tests/support/fake_knowledge_base.h"
#include "tests/support/scoped_test_server.h"
#include "tests/support/temp_dir.h"
#include "tests/support/wait_until.h"
#include "webhooks/line_channel.h"
#include "webhooks/line_signature.h"
#include "webhooks/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

using nlohmann::json;
using shirube::testing::ScopedTestServer;
using shirube::testing::TempDir;
using shirube::testing::wait_until;
namespace bot = shirube::bot;
namespace webhooks = shirube::webhooks;

namespace {

constexpr const char* kSecret = "guard_test_secret";

class FakeEngine : public bot::Engine {
 public:
  std::atomic<int> calls{0};
  shirube::Result<bot::Reply> handle(const std::string&, const bot::Input&) override {
    ++calls;
    bot::Reply r;
    r.texts = {"こんにちは"};
    r.node = "root";
    return r;
  }
  shirube::Status erase(const std::string&) override { return {}; }
};

// A connected TCP socket with blocking reads that give up after 10 s.
class RawSocket {
 public:
  explicit RawSocket(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd_);
      fd_ = -1;
      return;
    }
    timeval tv{10, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~RawSocket() {
    if (fd_ >= 0)
      ::close(fd_);
  }
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;

  bool ok() const { return fd_ >= 0; }
  bool send(const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n <= 0)
        return false;
      done += static_cast<std::size_t>(n);
    }
    return true;
  }
  // Everything until the server closes (or 10 s without a byte).
  std::string read_all() {
    std::string out;
    char buf[4096];
    for (;;) {
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0)
        return out;
      out.append(buf, static_cast<std::size_t>(n));
    }
  }
  // Reads until `count` complete responses (headers and Content-Length body) have arrived.
  std::string read_responses(int count) {
    std::string out;
    char buf[4096];
    while (complete_responses(out) < count) {
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0)
        break;
      out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
  }
  int fd() const { return fd_; }

 private:
  static int complete_responses(const std::string& s) {
    int n = 0;
    std::size_t pos = 0;
    for (;;) {
      const std::size_t end = s.find("\r\n\r\n", pos);
      if (end == std::string::npos)
        return n;
      std::size_t length = 0;
      const std::size_t cl = s.find("Content-Length: ", pos);
      if (cl != std::string::npos && cl < end)
        length = std::stoul(s.substr(cl + 16));
      if (s.size() < end + 4 + length)
        return n;
      ++n;
      pos = end + 4 + length;
    }
  }
  int fd_ = -1;
};

int status_of(const std::string& response) {
  if (response.rfind("HTTP/1.1 ", 0) != 0 || response.size() < 12)
    return -1;
  return std::stoi(response.substr(9, 3));
}

std::string message_of(const std::string& response) {
  const std::size_t body = response.find("\r\n\r\n");
  if (body == std::string::npos)
    return {};
  const json j = json::parse(response.substr(body + 4), nullptr, false);
  if (!j.is_object() || !j.contains("error"))
    return {};
  return j.at("error").at("message").get<std::string>();
}

// The real routes and a real LINE channel (not started: events are stored, not answered) on
// a GuardedServer.
struct Guarded {
  explicit Guarded(webhooks::HttpLimits limits = {}) : server(with_quiet_log(std::move(limits))) {
    webhooks::LineOptions options;
    options.channel_secret = kSecret;
    options.access_token = "token";
    options.inbox_db = dir.file("inbox.db");
    auto created = webhooks::LineChannel::create(engine, options);
    REQUIRE(created.ok());
    line = std::move(created).value();
    webhooks::ServerOptions server_options;
    server_options.log = [](const std::string&) {};
    server_options.chat_user_burst = 1000;  // one client sends many requests below
    webhooks::install_routes(
        server, engine, [] { return true; }, line.get(), server_options);
    running = std::make_unique<ScopedTestServer>(server);
    REQUIRE(running->port() > 0);
  }
  static webhooks::HttpLimits with_quiet_log(webhooks::HttpLimits limits) {
    limits.log = [](const std::string&) {};
    return limits;
  }
  std::unique_ptr<httplib::Client> client() const {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", running->port());
    c->set_connection_timeout(std::chrono::seconds(10));
    c->set_read_timeout(std::chrono::seconds(10));
    return c;
  }
  int port() const { return running->port(); }

  TempDir dir;
  FakeEngine engine;
  std::unique_ptr<webhooks::LineChannel> line;
  webhooks::GuardedServer server;
  std::unique_ptr<ScopedTestServer> running;
};

std::string verify_body(int i) {
  return R"({"destination":"U0123456789abcdef0123456789abcdef","events":[{"type":"follow",)"
         R"("mode":"active","timestamp":1700000000000,"webhookEventId":"01HGUARD)" +
         std::to_string(1000 + i) +
         R"(","deliveryContext":{"isRedelivery":false},"replyToken":"rt",)"
         R"("source":{"type":"user","userId":"U1"}}]})";
}

}  // namespace

TEST_CASE("HttpGuard: /healthz and a signed /callback answer while 100 sockets trickle headers",
          "[webhooks]") {
  webhooks::HttpLimits limits;
  limits.workers = 4;
  limits.request_timeout_ms = 120000;  // the slow sockets must stay for the whole test
  Guarded g(limits);

  std::vector<std::unique_ptr<RawSocket>> slow;
  for (int i = 0; i < 100; ++i) {
    slow.push_back(std::make_unique<RawSocket>(g.port()));
    REQUIRE(slow.back()->ok());
  }
  // One header byte per socket per second, until the checks below are done.
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  std::thread trickler([&] {
    const std::string head =
        "POST /callback HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(200, 'a');
    std::unique_lock<std::mutex> lock(mu);
    for (std::size_t i = 0; i < head.size() && !done; ++i) {
      for (auto& s : slow)
        (void)s->send(std::string(1, head[i]));
      cv.wait_for(lock, std::chrono::seconds(1), [&] { return done; });  // the pace, not a wait
    }
  });
  REQUIRE(wait_until([&] { return g.server.stats().accepted >= 100; }));

  auto client = g.client();
  for (int i = 0; i < 20; ++i) {
    auto res = client->Get("/healthz");
    REQUIRE(res);
    CHECK(res->status == 200);
  }
  for (int i = 0; i < 5; ++i) {
    const std::string body = verify_body(i);
    auto res =
        client->Post("/callback", {{"x-line-signature", webhooks::line::sign(kSecret, body)}}, body,
                     "application/json");
    REQUIRE(res);
    CHECK(res->status == 200);
  }
  {
    std::lock_guard<std::mutex> lock(mu);
    done = true;
  }
  cv.notify_all();
  trickler.join();
  CHECK(g.server.stats().timed_out == 0);
  CHECK(g.server.stats().evicted == 0);
}

TEST_CASE("HttpGuard: a request not complete within the deadline gets 408 and is closed",
          "[webhooks]") {
  webhooks::HttpLimits limits;
  limits.request_timeout_ms = 200;
  Guarded g(limits);
  SECTION("headers") {
    RawSocket s(g.port());
    REQUIRE(s.send("GET /healthz HTTP/1.1\r\nHost: x\r\n"));
    const std::string response = s.read_all();
    CHECK(status_of(response) == 408);
    CHECK(message_of(response) == "request: not received within 200 ms");
  }
  SECTION("body") {
    RawSocket s(g.port());
    REQUIRE(
        s.send("POST /api/v1/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
               "Content-Length: 100\r\n\r\n{\"user\":"));
    CHECK(status_of(s.read_all()) == 408);
    CHECK(g.engine.calls == 0);
  }
  CHECK(g.server.stats().timed_out == 1);
}

TEST_CASE("HttpGuard: ambiguous framing is refused with 400 or 411 naming the header",
          "[webhooks]") {
  Guarded g;
  struct Case {
    std::string head;
    int status;
    std::string message;
  };
  const std::string start =
      "POST /api/v1/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
  auto c = GENERATE_COPY(
      Case{start + "Content-Length: 5\r\nContent-Length: 5\r\n", 400,
           "Content-Length: must appear once"},
      Case{start + "Content-Length: 5\r\nContent-Length: 7\r\n", 400,
           "Content-Length: must appear once"},
      Case{start + "Content-Length: -1\r\n", 400, "Content-Length: must be a non-negative integer"},
      Case{start + "Content-Length: +5\r\n", 400, "Content-Length: must be a non-negative integer"},
      Case{start + "Content-Length: 5, 5\r\n", 400,
           "Content-Length: must be a non-negative integer"},
      Case{start + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", 400,
           "Transfer-Encoding: must not be sent with Content-Length"},
      Case{start + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", 400,
           "Transfer-Encoding: must not be sent with Content-Length"},
      Case{start + "Transfer-Encoding: chunked\r\n", 411,
           "Content-Length: required (chunked request bodies are not accepted)"},
      Case{start + "Content-Length : 5\r\n", 400,
           "header: a name with a space or another character not allowed"},
      Case{start + "X-A: 1\r\n folded\r\n", 400, "header: folded header lines are not accepted"},
      Case{start + "X-A: 1\nContent-Length: 5\r\n", 400,
           "header: bare CR, LF or NUL in the request head"},
      Case{start + "no colon here\r\n", 400, "header: a line without a name"},
      Case{start + "Content-Length: 3145728\r\n", 413, "body: must be at most 2097152 bytes"});
  CAPTURE(c.head);
  RawSocket s(g.port());
  REQUIRE(s.send(c.head + "\r\n" + R"({"user":"u","text":"hi"})"));
  const std::string response = s.read_all();
  CHECK(status_of(response) == c.status);
  CHECK(message_of(response) == c.message);
  CHECK(g.engine.calls == 0);
}

TEST_CASE("HttpGuard: too many or too large headers get 431", "[webhooks]") {
  Guarded g;
  std::string head = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
  SECTION("more than 64 header lines") {
    for (int i = 0; i < 64; ++i)
      head += "X-" + std::to_string(i) + ": 1\r\n";
    RawSocket s(g.port());
    REQUIRE(s.send(head + "\r\n"));
    const std::string response = s.read_all();
    CHECK(status_of(response) == 431);
    CHECK(message_of(response) == "headers: more than 64 header lines");
  }
  SECTION("more than 16 KiB") {
    head += "X-Big: " + std::string(20000, 'a') + "\r\n\r\n";
    RawSocket s(g.port());
    REQUIRE(s.send(head));
    const std::string response = s.read_all();
    CHECK(status_of(response) == 431);
    CHECK(message_of(response) == "headers: more than 16384 bytes");
  }
  SECTION("63 header lines are fine") {
    for (int i = 0; i < 62; ++i)
      head += "X-" + std::to_string(i) + ": 1\r\n";
    RawSocket s(g.port());
    REQUIRE(s.send(head + "Connection: close\r\n\r\n"));
    CHECK(status_of(s.read_all()) == 200);
  }
}

TEST_CASE("HttpGuard: a million headers on one connection get 431, never a 200", "[webhooks]") {
  Guarded g;
  RawSocket s(g.port());
  REQUIRE(s.send("GET /healthz HTTP/1.1\r\nHost: x\r\n"));
  // The writer stops at the first failed send: the server has answered and closed.
  std::thread writer([&] {
    std::string batch;
    for (int i = 0; i < 1000; ++i)
      batch += "X-H: 1\r\n";
    for (int i = 0; i < 1000; ++i) {
      if (!s.send(batch))
        return;
    }
    (void)s.send("\r\n");
  });
  const std::string response = s.read_responses(1);
  ::shutdown(s.fd(), SHUT_RDWR);  // ends the writer if it is still blocked
  writer.join();
  CHECK(status_of(response) == 431);
  CHECK(g.server.stats().too_large == 1);
  CHECK(g.server.stats().dispatched == 0);
}

TEST_CASE("HttpGuard: keep-alive, pipelined requests and 100-continue work", "[webhooks]") {
  Guarded g;
  SECTION("two requests in one write are answered in order") {
    RawSocket s(g.port());
    REQUIRE(
        s.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\n\r\n"));
    const std::string both = s.read_responses(2);
    CHECK(status_of(both) == 200);
    const std::size_t second = both.find("HTTP/1.1 ", 1);
    REQUIRE(second != std::string::npos);
    CHECK(status_of(both.substr(second)) == 404);
  }
  SECTION("a body that waits for 100 Continue") {
    const std::string body = R"({"user":"web-1","text":"こんにちは"})";
    RawSocket s(g.port());
    REQUIRE(
        s.send("POST /api/v1/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
               "Expect: 100-continue\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\n\r\n"));
    const std::string interim = s.read_responses(1);
    CHECK(interim.rfind("HTTP/1.1 100 Continue\r\n\r\n", 0) == 0);
    REQUIRE(s.send(body));
    const std::string response = s.read_responses(1);
    CHECK(status_of(response) == 200);
    CHECK(response.find("100 Continue") == std::string::npos);
    CHECK(g.engine.calls == 1);
  }
  SECTION("one client, many requests on one connection") {
    auto client = g.client();
    client->set_keep_alive(true);
    for (int i = 0; i < 50; ++i) {
      auto res = client->Post("/api/v1/chat", R"({"user":"web-1","text":"a"})", "application/json");
      REQUIRE(res);
      CHECK(res->status == 200);
    }
    CHECK(g.server.stats().accepted == 1);
    CHECK(g.engine.calls == 50);
  }
}

TEST_CASE("HttpGuard: past max_connections the longest-waiting connection is closed",
          "[webhooks]") {
  webhooks::HttpLimits limits;
  limits.max_connections = 4;
  limits.request_timeout_ms = 120000;
  Guarded g(limits);
  RawSocket first(g.port());
  REQUIRE(first.send("G"));
  REQUIRE(wait_until([&] { return g.server.stats().accepted == 1; }));
  std::vector<std::unique_ptr<RawSocket>> others;
  for (int i = 0; i < 4; ++i) {
    others.push_back(std::make_unique<RawSocket>(g.port()));
    REQUIRE(others.back()->send("G"));
  }
  CHECK(first.read_all().empty());  // closed without an answer
  CHECK(g.server.stats().evicted >= 1);
  auto res = g.client()->Get("/healthz");
  REQUIRE(res);
  CHECK(res->status == 200);
}
