#include "app/backup.h"

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "common/sqlite.h"
#include "tests/support/temp_dir.h"
#include "tests/support/wait_until.h"

#include <sys/wait.h>

using shirube::app::run_backup;
using shirube::testing::TempDir;
using shirube::testing::wait_until;
namespace sql = shirube::sql;
namespace fs = std::filesystem;

namespace {

std::unique_ptr<sql::Database> open_db(const std::string& path) {
  auto db = sql::Database::open(path);
  REQUIRE(db.ok());
  return std::move(db).value();
}

int64_t count_rows(const std::string& path, const char* table) {
  auto db = open_db(path);
  auto st = db->prepare(std::string("SELECT count(*) FROM ") + table);
  REQUIRE(st.ok());
  auto row = st->step();
  REQUIRE(row.ok());
  REQUIRE(*row);
  return st->int64(0);
}

// A writer that inserts rows into `table` of `path` until stopped; `written` counts the
// committed rows.
class Writer {
 public:
  Writer(const std::string& path, const char* table) : db_(open_db(path)), table_(table) {
    REQUIRE(db_->exec("CREATE TABLE IF NOT EXISTS " + table_ + "(id INTEGER PRIMARY KEY, v TEXT)")
                .ok());
    thread_ = std::thread([this] {
      while (!stop_.load()) {
        if (db_->exec("INSERT INTO " + table_ + "(v) VALUES ('row')").ok())
          written_.fetch_add(1);
      }
    });
  }
  ~Writer() {
    stop_.store(true);
    thread_.join();
  }
  int64_t written() const { return written_.load(); }

 private:
  std::unique_ptr<sql::Database> db_;
  std::string table_;
  std::atomic<bool> stop_{false};
  std::atomic<int64_t> written_{0};
  std::thread thread_;
};

}  // namespace

TEST_CASE("Backup: copies the database and the inbox while a writer is active, and restores",
          "[backup]") {
  TempDir live;
  TempDir store;
  TempDir fresh;
  REQUIRE(!live.path().empty());
  const std::string db = live.file("shirube.db");
  int64_t before = 0;
  {
    Writer kb(db, "kept");
    Writer inbox(db + "-line", "events");
    REQUIRE(wait_until([&] { return kb.written() >= 200 && inbox.written() >= 200; }));
    before = kb.written();
    REQUIRE(run_backup({"--db", db, store.file("nightly")}) == 0);
  }
  const std::string copy = store.file("nightly/shirube.db");
  REQUIRE(fs::exists(copy));
  REQUIRE(fs::exists(copy + "-line"));

  // Restore: the two files, copied into the place serve reads.
  fs::copy_file(copy, fresh.file("shirube.db"));
  fs::copy_file(copy + "-line", fresh.file("shirube.db-line"));
  CHECK(sql::quick_check(fresh.file("shirube.db")).ok());
  CHECK(sql::quick_check(fresh.file("shirube.db-line")).ok());
  CHECK(count_rows(fresh.file("shirube.db"), "kept") >= before);
  CHECK(count_rows(fresh.file("shirube.db-line"), "events") >= 200);
}

TEST_CASE("Backup: a database without an inbox is copied alone", "[backup]") {
  TempDir dir;
  const std::string db = dir.file("a.db");
  REQUIRE(open_db(db)->exec("CREATE TABLE t(x); INSERT INTO t VALUES (1)").ok());
  REQUIRE(run_backup({"--db", db, dir.file("out")}) == 0);
  CHECK(count_rows(dir.file("out/a.db"), "t") == 1);
  CHECK(!fs::exists(dir.file("out/a.db-line")));
}

TEST_CASE("Backup: a bad destination or a missing database exits 2 and writes nothing",
          "[backup]") {
  TempDir dir;
  const std::string db = dir.file("a.db");
  REQUIRE(open_db(db)->exec("CREATE TABLE t(x)").ok());
  SECTION("DEST is a file") {
    REQUIRE(open_db(dir.file("plain"))->exec("CREATE TABLE u(x)").ok());
    CHECK(run_backup({"--db", db, dir.file("plain")}) == 2);
  }
  SECTION("DEST already holds a copy") {
    REQUIRE(run_backup({"--db", db, dir.file("out")}) == 0);
    CHECK(run_backup({"--db", db, dir.file("out")}) == 2);
  }
  SECTION("DEST cannot be created") {
    CHECK(run_backup({"--db", db, dir.file("a.db/sub")}) == 2);
    CHECK(!fs::exists(dir.file("a.db/sub")));
  }
  SECTION("no database") {
    CHECK(run_backup({"--db", dir.file("missing.db"), dir.file("out2")}) == 2);
    CHECK(!fs::exists(dir.file("out2")));
  }
  SECTION("no destination") {
    CHECK(run_backup({"--db", db}) == 2);
  }
}

TEST_CASE("Backup: the command names a bad destination on stderr and exits 2", "[backup]") {
  TempDir dir;
  const std::string db = dir.file("a.db");
  REQUIRE(open_db(db)->exec("CREATE TABLE t(x)").ok());
  REQUIRE(open_db(dir.file("plain"))->exec("CREATE TABLE u(x)").ok());
  const std::string command = std::string(SHIRUBE_BINARY_PATH) + " backup --db '" + db + "' '" +
                              dir.file("plain") + "' 2>&1";
  FILE* out = ::popen(command.c_str(), "r");
  REQUIRE(out != nullptr);
  std::string text;
  char buf[256];
  while (std::fgets(buf, sizeof buf, out) != nullptr)
    text += buf;
  const int status = ::pclose(out);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 2);
  CHECK(text == "shirube backup: " + dir.file("plain") + ": not a directory\n");
}
