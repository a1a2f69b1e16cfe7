#include "common/sqlite.h"

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
