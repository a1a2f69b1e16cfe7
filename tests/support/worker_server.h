#pragma once
// WorkerServer: the knowledge base built from the bundled data (:memory:), a worker store
// (:memory:) and install_worker_routes() on an ephemeral port, with a fixed clock that tests
// may move. One instance per test; parallel-safe.

#include <atomic>
#include <memory>
#include <string>

#include <httplib.h>

#include "knowledge/sqlite_knowledge_base.h"
#include "tests/support/scoped_test_server.h"
#include "webhooks/worker_routes.h"
#include "webhooks/worker_store.h"

namespace shirube::testing {

class WorkerServer {
 public:
  // 2026-12-06 23:30 in Japan (a Sunday night).
  static constexpr int64_t kSundayNight = 1796567400;

  WorkerServer()
      : kb_(knowledge::SqliteKnowledgeBase::open_sqlite(":memory:").value()),
        store_(webhooks::WorkerStore::open(":memory:").value()) {
    (void)kb_->ensure_bundled_data();
    webhooks::WorkerRouteOptions o;
    o.now = [this] { return now_.load(); };
    webhooks::install_worker_routes(server_, *kb_, *store_, o);
    running_ = std::make_unique<ScopedTestServer>(server_);
  }

  int port() const { return running_->port(); }
  httplib::Client client() const { return httplib::Client("127.0.0.1", port()); }
  webhooks::WorkerStore& store() { return *store_; }
  knowledge::SqliteKnowledgeBase& kb() { return *kb_; }
  void set_now(int64_t t) { now_.store(t); }

 private:
  std::unique_ptr<knowledge::SqliteKnowledgeBase> kb_;
  std::unique_ptr<webhooks::WorkerStore> store_;
  httplib::Server server_;
  std::atomic<int64_t> now_{kSundayNight};
  std::unique_ptr<ScopedTestServer> running_;
};

}  // namespace shirube::testing
