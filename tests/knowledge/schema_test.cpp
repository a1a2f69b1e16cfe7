#include "knowledge/schema.h"

#include <catch2/catch.hpp>

#include "common/sqlite.h"
#include "knowledge/sqlite_knowledge_base.h"

#include "support.h"

using namespace shirube;
using namespace shirube::knowledge;

TEST_CASE("Schema: a new database is created at the current version with reference rows",
          "[knowledge]") {
  auto kb = SqliteKnowledgeBase::open_sqlite(":memory:");
  REQUIRE(kb.ok());
  int version = 0;
  int prefs = 0;
  int cats = 0;
  REQUIRE(kb.value()
              ->with_database([&](sql::Database& db) -> Status {
                version = schema::version(db).value();
                auto st = db.prepare(
                    "SELECT (SELECT count(*) FROM prefectures), (SELECT count(*) FROM categories "
                    "WHERE parent IS NULL)");
                REQUIRE(st.ok());
                REQUIRE(st->step().value());
                prefs = st->integer(0);
                cats = st->integer(1);
                return {};
              })
              .ok());
  CHECK(version == schema::kCurrentVersion);
  CHECK(prefs == 47);
  CHECK(cats == 17);
  CHECK(kb.value()->healthy());
}

TEST_CASE("Schema: a version 1 database with data migrates to current and keeps its data",
          "[knowledge]") {
  testing::TempDir dir;
  const std::string path = dir.file("old.db");
  {
    auto db = sql::Database::open(path);
    REQUIRE(db.ok());
    REQUIRE(schema::migrate(*db.value(), 1).ok());
    REQUIRE(schema::version(*db.value()).value() == 1);
    REQUIRE(db.value()
                ->exec("INSERT INTO organizations(id, name, role) VALUES ('o1', "
                       "'やまなしフードバンク', 'npo');"
                       "INSERT INTO services(id, organization_id, name, description, channel, "
                       "contact, area_scope, "
                       "area_text, source_title, source_date, last_verified) VALUES ('s1', 'o1', "
                       "'食料の受け取り', "
                       "'食べものに困っている人へ', 'phone', '055-000-0000', 'prefecture', "
                       "'山梨県', 'テスト資料', "
                       "'2026-01-01', '2026-11-01');"
                       "INSERT INTO service_categories(category, service_id) VALUES ('food', 1);"
                       "INSERT INTO service_areas(pref, service_id) VALUES (19, 1);")
                .ok());
  }
  auto kb = SqliteKnowledgeBase::open_sqlite(path);
  if (!kb.ok())
    FAIL(kb.error().message());
  REQUIRE(kb.value()
              ->with_database([](sql::Database& db) -> Status {
                CHECK(schema::version(db).value() == schema::kCurrentVersion);
                return {};
              })
              .ok());
  auto s = kb.value()->get_service("s1");
  REQUIRE(s.ok());
  CHECK(s->name == "食料の受け取り");
  CHECK(s->organization_name == "やまなしフードバンク");
  CHECK(s->prefectures == std::vector<int>{19});
  // The search columns added by later versions were backfilled from the old rows.
  Query q;
  q.categories = {"food"};
  q.prefecture = 19;
  auto by_facet = kb.value()->search(q);
  REQUIRE(by_facet.ok());
  REQUIRE(by_facet->services.size() == 1);
  Query t;
  t.text = "食べもの";
  auto by_text = kb.value()->search(t);
  REQUIRE(by_text.ok());
  CHECK(by_text->total == 1);
}

TEST_CASE("Schema: a database newer than the program is refused", "[knowledge]") {
  testing::TempDir dir;
  const std::string path = dir.file("new.db");
  {
    auto db = sql::Database::open(path);
    REQUIRE(db.ok());
    REQUIRE(db.value()->exec("PRAGMA user_version = 99").ok());
  }
  auto kb = SqliteKnowledgeBase::open_sqlite(path);
  REQUIRE_FALSE(kb.ok());
  CHECK(kb.error().message().find("newer than this program") != std::string::npos);
}
