// Directory API benchmark: requests per second and latency of filtered HSDS queries at N
// services, against the knowledge-base search that answers the same filter (what
// `shirube search` runs), in the same run.
//
//   shirube_bench_directory [--services N] [--requests R] [--db PATH]
//
// N defaults to 100000 synthetic services (plus the bundled data), built once into PATH
// (default /tmp/shirube-bench-directory/synth.db) and reused while it exists. The server is the
// real route set (install_worker_routes) on the server `shirube serve` uses, on 127.0.0.1, port
// chosen by the system, answered by one keep-alive client sending R requests per query one after
// another (closed loop).

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

#include "knowledge/sqlite_knowledge_base.h"
#include "webhooks/http_guard.h"
#include "webhooks/worker_routes.h"
#include "webhooks/worker_store.h"

#include "bench/knowledge/synth.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  int services = 100000;
  int requests = 500;
  std::string db = "/tmp/shirube-bench-directory/synth.db";
};

struct Figures {
  int ok = 0;
  double seconds = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double per_second() const { return seconds > 0 ? ok / seconds : 0; }
};

// One case: the HTTP query and the knowledge-base query with the same filter.
struct Case {
  const char* name;
  const char* path;
  shirube::knowledge::Query query;
};

Figures measure(int n, const std::function<bool()>& once) {
  std::vector<double> ms;
  ms.reserve(static_cast<std::size_t>(n));
  Figures f;
  const auto start = Clock::now();
  for (int i = 0; i < n; ++i) {
    const auto t0 = Clock::now();
    if (once())
      ++f.ok;
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  f.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::sort(ms.begin(), ms.end());
  if (!ms.empty()) {
    f.p50_ms = ms[ms.size() / 2];
    f.p99_ms = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  }
  return f;
}

bool parse_options(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) {
      std::fprintf(stderr, "%s needs a value\n", a.c_str());
      return false;
    }
    const std::string v = argv[++i];
    if (a == "--services") {
      o.services = std::atoi(v.c_str());
    } else if (a == "--requests") {
      o.requests = std::atoi(v.c_str());
    } else if (a == "--db") {
      o.db = v;
    } else {
      std::fprintf(stderr, "unknown flag %s\n", a.c_str());
      return false;
    }
  }
  return o.services >= 0 && o.requests > 0;
}

std::vector<Case> cases() {
  using shirube::knowledge::Query;
  Query food;
  food.categories = {"food"};
  food.prefecture = 19;
  food.limit = 20;
  Query text = food;
  text.categories.clear();
  text.text = "相談";
  text.prefecture = 13;
  Query wide;
  wide.categories = {"money"};
  wide.limit = 20;
  return {
      {"food in prefecture 19", "/api/v1/services?category=food&prefecture=19&per_page=20", food},
      {"text 相談 in prefecture 13",
       "/api/v1/services?search=%E7%9B%B8%E8%AB%87&prefecture=13&per_page=20", text},
      {"money, nationwide (wide)", "/api/v1/services?category=money&per_page=20", wide},
  };
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse_options(argc, argv, o)) {
    std::fputs("usage: shirube_bench_directory [--services N] [--requests R] [--db PATH]\n",
               stderr);
    return 2;
  }
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(o.db).parent_path(), ec);
  if (!std::filesystem::exists(o.db)) {
    std::printf("building %d synthetic services into %s ...\n", o.services, o.db.c_str());
    const std::string err = shirube::bench::build_synthetic_database(o.services, 42, o.db);
    if (!err.empty()) {
      std::fprintf(stderr, "%s\n", err.c_str());
      return 1;
    }
  }
  auto kb = shirube::knowledge::SqliteKnowledgeBase::open_sqlite(o.db);
  auto store = shirube::webhooks::WorkerStore::open(":memory:");
  if (!kb.ok() || !store.ok()) {
    std::fprintf(stderr, "cannot open %s\n", o.db.c_str());
    return 1;
  }
  shirube::webhooks::GuardedServer server;  // as `shirube serve` runs it
  shirube::webhooks::install_worker_routes(server, **kb, **store);
  const int port = server.bind_to_any_port("127.0.0.1");
  std::thread listener([&server] { server.listen_after_bind(); });
  while (!server.is_running())
    std::this_thread::yield();
  httplib::Client client("127.0.0.1", port);
  client.set_keep_alive(true);

  std::printf("%d requests per query, one keep-alive client\n\n", o.requests);
  std::printf("| query | path | req/s | p50 ms | p99 ms | p99 / search p99 |\n");
  std::printf("|---|---|---:|---:|---:|---:|\n");
  int failures = 0;
  for (const Case& c : cases()) {
    const Figures search = measure(o.requests, [&] { return (*kb)->search(c.query).ok(); });
    const Figures api = measure(o.requests, [&] {
      auto res = client.Get(c.path);
      return res && res->status == 200;
    });
    failures += o.requests - api.ok;
    std::printf("| %s | knowledge-base search | %.0f | %.3f | %.3f | 1x |\n", c.name,
                search.per_second(), search.p50_ms, search.p99_ms);
    std::printf("| %s | `GET %s` | %.0f | %.3f | %.3f | %.1fx |\n", c.name, c.path,
                api.per_second(), api.p50_ms, api.p99_ms,
                search.p99_ms > 0 ? api.p99_ms / search.p99_ms : 0.0);
  }
  server.stop();
  listener.join();
  if (failures > 0) {
    std::fprintf(stderr, "%d requests failed\n", failures);
    return 1;
  }
  return 0;
}
