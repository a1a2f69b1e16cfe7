// Slow clients against the HTTP edge.
//
//   shirube_bench_slow_clients [--slow N] [--requests R]
//
// Three phases on loopback, each with the real routes (install_routes, a fixed-answer engine):
//   1. reference: GuardedServer (16 workers), no slow sockets: R sequential GET /healthz;
//   2. GuardedServer with N sockets that send one header byte per second: R GET /healthz;
//   3. a plain httplib::Server with 8 threads (the layout before GuardedServer) with the same
//      N slow sockets: R/10 GET /healthz, each given up after 5 s.
// Reports answered requests and latency (p50, p99, max) per phase, and phase 2 ÷ phase 1.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

#include "bot/engine.h"
#include "common/args.h"
#include "webhooks/http_guard.h"
#include "webhooks/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;

class FixedEngine : public shirube::bot::Engine {
 public:
  shirube::Result<shirube::bot::Reply> handle(const std::string&,
                                              const shirube::bot::Input&) override {
    shirube::bot::Reply r;
    r.texts = {"こんにちは"};
    r.node = "root";
    return r;
  }
  shirube::Status erase(const std::string&) override { return {}; }
};

struct Phase {
  int sent = 0;
  int answered = 0;
  std::vector<double> ms;
};

double quantile(std::vector<double> v, double q) {
  if (v.empty())
    return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
}

// N sockets sending one byte of an endless header each per second until stopped.
class SlowSockets {
 public:
  SlowSockets(int port, int n) {
    for (int i = 0; i < n; ++i) {
      const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in addr{};
      addr.sin_family = AF_INET;
      addr.sin_port = htons(static_cast<uint16_t>(port));
      addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
        fds_.push_back(fd);
      } else {
        ::close(fd);
      }
    }
    thread_ = std::thread([this] {
      const std::string head = "GET /healthz HTTP/1.1\r\nX-Slow: ";
      std::unique_lock<std::mutex> lock(mu_);
      for (std::size_t i = 0; !stop_; ++i) {
        const char c = i < head.size() ? head[i] : 'a';
        for (const int fd : fds_)
          (void)::send(fd, &c, 1, MSG_NOSIGNAL | MSG_DONTWAIT);
        cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_; });
      }
    });
  }
  ~SlowSockets() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
    for (const int fd : fds_)
      ::close(fd);
  }
  std::size_t size() const { return fds_.size(); }

 private:
  std::vector<int> fds_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
};

Phase measure(int port, int requests) {
  Phase p;
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(std::chrono::seconds(5));
  client.set_read_timeout(std::chrono::seconds(5));
  for (int i = 0; i < requests; ++i) {
    const auto t0 = Clock::now();
    auto res = client.Get("/healthz");
    ++p.sent;
    if (res && res->status == 200) {
      ++p.answered;
      p.ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
  }
  return p;
}

void print(const char* name, const Phase& p) {
  std::printf("| %s | %d / %d | %.2f | %.2f | %.2f |\n", name, p.answered, p.sent,
              quantile(p.ms, 0.5), quantile(p.ms, 0.99),
              p.ms.empty() ? 0.0 : *std::max_element(p.ms.begin(), p.ms.end()));
}

// `Server` is the server's own type, so a GuardedServer binds with its wider backlog.
template <class Server, class Run>
Phase with_server(Server& server, const Run& run) {
  FixedEngine engine;
  shirube::webhooks::ServerOptions options;
  options.log = [](const std::string&) {};
  shirube::webhooks::install_routes(
      server, engine, [] { return true; }, nullptr, options);
  const int port = server.bind_to_any_port("127.0.0.1");
  std::thread listener([&server] { server.listen_after_bind(); });
  while (!server.is_running())
    std::this_thread::yield();
  Phase p = run(port);
  server.stop();
  listener.join();
  return p;
}

}  // namespace

int main(int argc, char** argv) {
  int slow = 100;
  int requests = 200;
  shirube::args::Parser parser;
  parser.integer("--slow", &slow, 1, 700).integer("--requests", &requests, 10, 100000);
  if (auto s = parser.parse(std::vector<std::string>(argv + 1, argv + argc)); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.error().message().c_str());
    return 2;
  }
  shirube::webhooks::HttpLimits limits;
  limits.log = [](const std::string&) {};
  limits.request_timeout_ms = 120000;  // the slow sockets stay for the whole phase

  shirube::webhooks::GuardedServer reference_server(limits);
  const Phase reference =
      with_server(reference_server, [&](int port) { return measure(port, requests); });
  shirube::webhooks::GuardedServer guarded_server(limits);
  const Phase guarded = with_server(guarded_server, [&](int port) {
    SlowSockets sockets(port, slow);
    return measure(port, requests);
  });
  httplib::Server plain_server;
  plain_server.new_task_queue = [] { return new httplib::ThreadPool(8); };
  const Phase plain = with_server(plain_server, [&](int port) {
    SlowSockets sockets(port, slow);
    return measure(port, std::max(1, requests / 10));
  });

  std::printf("%d slow sockets (one header byte per second each); GET /healthz, sequential\n\n",
              slow);
  std::printf("| phase | answered | p50 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|\n");
  print("GuardedServer, no slow sockets (reference)", reference);
  print("GuardedServer, with slow sockets", guarded);
  print("httplib::Server, 8 threads, with slow sockets", plain);
  std::printf("\np50 with ÷ without slow sockets (GuardedServer): %.2f\n",
              quantile(guarded.ms, 0.5) / std::max(1e-9, quantile(reference.ms, 0.5)));
  return 0;
}
