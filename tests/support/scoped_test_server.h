#pragma once
// ScopedTestServer: starts an httplib::Server on 127.0.0.1:<ephemeral port> for one test and
// stops and joins it on scope exit.
// cpp-httplib 0.11.4 has no wait_until_ready(): bind_to_any_port() already listens (so a
// client may connect at once), and stop() is a no-op until is_running() is true, so the
// constructor waits for that before returning (or, when listening failed, for the thread
// to end). A failed bind, or a server that does not start within 10 s, leaves
// port() == -1; check it with REQUIRE(server.port() > 0) in the test.
// Thread-safety: construct and destroy on the test thread; the server runs on its own thread.

#include <atomic>
#include <thread>

#include <httplib.h>

#include "tests/support/httplib_warm_up.h"
#include "tests/support/wait_until.h"
#include "webhooks/http_guard.h"

namespace shirube::testing {

class ScopedTestServer {
 public:
  explicit ScopedTestServer(httplib::Server& server) : server_(server) {
    warm_up_httplib();
    start(server_.bind_to_any_port("127.0.0.1"));
  }
  // A GuardedServer binds with its own backlog (webhooks/http_guard.h).
  explicit ScopedTestServer(webhooks::GuardedServer& server) : server_(server) {
    warm_up_httplib();
    start(server.bind_to_any_port("127.0.0.1"));
  }
  ~ScopedTestServer() {
    if (thread_.joinable()) {
      (void)wait_until([this] { return server_.is_running() || ended_.load(); });
      server_.stop();
      thread_.join();
    }
  }
  ScopedTestServer(const ScopedTestServer&) = delete;
  ScopedTestServer& operator=(const ScopedTestServer&) = delete;

  int port() const { return port_; }

 private:
  void start(int port) {
    port_ = port;
    if (port_ > 0) {
      thread_ = std::thread([this] {
        server_.listen_after_bind();
        ended_.store(true);
      });
      if (!wait_until([this] { return server_.is_running() || ended_.load(); }) ||
          !server_.is_running()) {
        port_ = -1;
      }
    }
  }

  httplib::Server& server_;
  int port_ = -1;
  std::atomic<bool> ended_{false};  // listen_after_bind() returned
  std::thread thread_;
};

}  // namespace shirube::testing
