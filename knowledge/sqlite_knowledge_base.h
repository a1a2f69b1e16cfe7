#pragma once
// SqliteKnowledgeBase: the KnowledgeBase over one SQLite file (schema in schema.cpp).
// Besides the interface it offers what the CLI needs: import, export and raw access for checks.
// Thread-safety: every method takes the connection mutex; safe from several threads.

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "common/sqlite.h"
#include "knowledge/directory.h"
#include "knowledge/knowledge_base.h"

namespace shirube::knowledge {

class SqliteKnowledgeBase final : public KnowledgeBase {
 public:
  // Opens and migrates. Errors as KnowledgeBase::open.
  static Result<std::unique_ptr<SqliteKnowledgeBase>> open_sqlite(const std::string& path);

  Result<SearchResult> search(const Query& q) override;
  Result<Service> get_service(const std::string& id) override;
  Result<std::vector<Prefecture>> prefectures() override;
  Result<std::vector<Category>> categories() override;
  Result<std::vector<Service>> urgent_services(bool violence) override;
  bool healthy() override;

  // Writes `dir` in one transaction (all or nothing). kInvalidArgument when dir.issues is
  // not empty (nothing written). Returns the number of services written.
  Result<int> import_directory(const Directory& dir, const std::string& origin);
  // Imports the bundled TSVs when kb_meta's bundled hash differs from this binary's.
  // Returns true when it imported.
  Result<bool> ensure_bundled_data();
  Result<Directory> export_directory();
  // EXPLAIN QUERY PLAN of the statement search(q) runs, one step per line (benchmarks).
  Result<std::string> explain_search(const Query& q);
  // Runs `fn` with the connection held (checks, tests, benchmarks).
  Status with_database(const std::function<Status(sql::Database&)>& fn);

 private:
  explicit SqliteKnowledgeBase(std::unique_ptr<sql::Database> db) : db_(std::move(db)) {}
  Result<SearchResult> search_locked(const Query& q);
  Result<ServiceLoader*> loader();

  std::mutex mu_;
  std::unique_ptr<sql::Database> db_;
  std::optional<ServiceLoader> loader_;
};

}  // namespace shirube::knowledge
