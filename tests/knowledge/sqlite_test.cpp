#include "common/sqlite.h"

#include <optional>
#include <string>

#include <catch2/catch.hpp>

using namespace shirube;  // NOLINT(google-build-using-namespace)

TEST_CASE("Database: cached statements are compiled once and come back reset", "[knowledge]") {
  auto db = sql::Database::open(":memory:");
  REQUIRE(db.ok());
  REQUIRE((*db)->exec("CREATE TABLE t(v INTEGER); INSERT INTO t VALUES (1), (2), (3);").ok());
  const std::string q = "SELECT v FROM t WHERE v >= ?1 ORDER BY v";

  auto first = (*db)->cached(q);
  REQUIRE(first.ok());
  (*first)->bind(1, int64_t{2});
  REQUIRE((*first)->step().value());
  CHECK((*first)->int64(0) == 2);  // left mid-way, bound to 2

  auto again = (*db)->cached(q);
  REQUIRE(again.ok());
  CHECK(*again == *first);  // the same statement, not compiled again
  // Reset and unbound: NULL matches nothing, so no row is left over from the last use.
  CHECK_FALSE((*again)->step().value());
  (*again)->reset();
  (*again)->bind(1, int64_t{1});
  REQUIRE((*again)->step().value());
  CHECK((*again)->int64(0) == 1);

  CHECK_FALSE((*db)->cached("SELECT nope FROM").ok());
}

TEST_CASE("Database: cached statements stay right past the cache bound", "[knowledge]") {
  auto db = sql::Database::open(":memory:");
  REQUIRE(db.ok());
  for (std::size_t i = 0; i < sql::Database::kMaxCached + 10; ++i) {
    auto st = (*db)->cached("SELECT " + std::to_string(i));
    REQUIRE(st.ok());
    REQUIRE((*st)->step().value());
    CHECK((*st)->int64(0) == static_cast<int64_t>(i));
  }
}

TEST_CASE("Database: each_row passes every row and returns the first error", "[knowledge]") {
  auto db = sql::Database::open(":memory:");
  REQUIRE(db.ok());
  REQUIRE((*db)
              ->exec("CREATE TABLE t(a INTEGER, b TEXT); "
                     "INSERT INTO t VALUES (1, 'x'), (2, 'y'), (3, 'z');")
              .ok());
  auto st = (*db)->prepare("SELECT a, b FROM t ORDER BY a");
  REQUIRE(st.ok());
  std::string seen;
  const Status all = st->each_row(
      [&seen](const sql::Statement& row) { seen += std::to_string(row.integer(0)) + row.text(1); });
  CHECK(all.ok());
  CHECK(seen == "1x2y3z");

  // A runtime error part way (abs() of the smallest integer overflows on the fourth row).
  REQUIRE((*db)->exec("INSERT INTO t VALUES (-9223372036854775808, 'w');").ok());
  auto bad = (*db)->prepare("SELECT abs(a) FROM t");  // rowid order: the bad row is last
  REQUIRE(bad.ok());
  int rows = 0;
  const Status failed = bad->each_row([&rows](const sql::Statement&) { ++rows; });
  CHECK_FALSE(failed.ok());
  CHECK(rows == 3);
}

TEST_CASE("Database: run and query bind their arguments in order, first_int reads one integer",
          "[knowledge]") {
  auto db = sql::Database::open(":memory:");
  REQUIRE(db.ok());
  sql::Database& d = **db;
  REQUIRE(d.exec("CREATE TABLE t(name TEXT NOT NULL UNIQUE, n INTEGER, note TEXT)").ok());
  const std::string name = "a";
  REQUIRE(d.run("INSERT INTO t VALUES (?1, ?2, ?3)", name, 7, std::optional<std::string>()).ok());
  REQUIRE(d.run("INSERT INTO t VALUES (?1, ?2, ?3)", "b", int64_t{9}, "x").ok());
  // A constraint broken: the error comes back, nothing is written.
  CHECK(d.run("INSERT INTO t VALUES (?1, ?2, ?3)", "a", 1, "y").error().code() ==
        ErrorCode::kConflict);
  CHECK(d.first_int("SELECT COUNT(*) FROM t").value() == 2);
  CHECK(d.first_int("SELECT n FROM t WHERE 0", -1).value() == -1);  // no row

  auto q = d.query("SELECT n FROM t WHERE name = ?1 AND note IS NULL", name);
  REQUIRE(q.ok());
  CHECK(q->first_int().value() == 7);
  auto sum = d.query("SELECT SUM(n) FROM t WHERE n > ?1 AND n < ?2", 0, 100);
  REQUIRE(sum.ok());
  CHECK(sum->first_int().value() == 16);
  CHECK_FALSE(d.query("SELECT nope FROM t").ok());
  CHECK_FALSE(d.run("DELETE FROM nope WHERE x = ?1", 1).ok());
}
