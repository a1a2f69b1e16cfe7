#pragma once
// warm_up_httplib(): in a ThreadSanitizer build, sends one request through a throwaway
// httplib server and client on the calling thread (once per process) and joins the server.
// Call it before a test starts server or client threads. In other builds it does nothing.
//
// Why: Debian's libcpp-httplib.so builds some objects on first use, in function-local
// statics: the method set in Server::parse_request_line and the status-line regex in
// ClientImpl::read_response_line. The library is not built with TSan, so TSan never sees
// the acquire in its inlined check of the static's guard. When a second thread uses the
// object, TSan reports a race with the thread that built it (the .so is stripped, so the
// report names no httplib function that tests/tsan.supp could match). Built here, before the
// test's other threads exist, the objects happen-before every later use that TSan can see
// (thread creation, the joins of this server's threads).
// Thread-safety: safe from any thread; the first call does the work, the others wait for it.

#include <chrono>
#include <mutex>
#include <thread>

#include <httplib.h>

#include "tests/support/wait_until.h"

namespace shirube::testing {

inline void warm_up_httplib() {
#if defined(__SANITIZE_THREAD__)
  static std::once_flag once;
  std::call_once(once, [] {
    httplib::Server server;
    const auto ok = [](const httplib::Request&, httplib::Response& res) {
      res.set_content("{}", "application/json");
    };
    server.Get("/", ok);
    server.Post("/", ok);
    const int port = server.bind_to_any_port("127.0.0.1");
    if (port <= 0)
      return;
    std::thread listener([&server] { server.listen_after_bind(); });
    // The socket already listens: the request waits for the accept loop, so once it is
    // answered, is_running() is true and stop() takes effect.
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(std::chrono::seconds(30));
    (void)client.Get("/");
    (void)client.Post("/", "{}", "application/json");
    // (When the request failed, the server may not run yet; stop() is a no-op until then.)
    (void)wait_until([&server] { return server.is_running(); });
    server.stop();
    listener.join();
  });
#endif
}

}  // namespace shirube::testing
