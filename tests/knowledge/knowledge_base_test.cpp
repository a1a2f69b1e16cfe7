#include "knowledge/knowledge_base.h"

#include <atomic>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "knowledge/sqlite_knowledge_base.h"

#include "support.h"

using namespace shirube;
using namespace shirube::knowledge;

TEST_CASE(
    "KnowledgeBase: open_with_bundled_data works from a fresh file and reopens without re-import",
    "[knowledge]") {
  testing::TempDir tmp;
  const std::string path = tmp.file("kb.db");
  {
    auto kb = KnowledgeBase::open_with_bundled_data(path);
    REQUIRE(kb.ok());
    CHECK(kb.value()->healthy());
    CHECK(kb.value()->get_service("inochi_freedial")->contact == "0120-783-556");
  }
  auto again = SqliteKnowledgeBase::open_sqlite(path);
  REQUIRE(again.ok());
  CHECK_FALSE(again.value()->ensure_bundled_data().value());
}

TEST_CASE("KnowledgeBase: a changed bundle re-imports and drops bundled rows it no longer has",
          "[knowledge]") {
  auto kb = SqliteKnowledgeBase::open_sqlite(":memory:");
  REQUIRE(kb.ok());
  REQUIRE(kb.value()->ensure_bundled_data().value());
  REQUIRE(kb.value()
              ->with_database([](sql::Database& db) -> Status {
                // A row from an older bundle, and a hash that no longer matches.
                Status s = db.exec(
                    "INSERT INTO services(id, name, area_scope, origin) VALUES ('old_number', "
                    "'古い番号', 'national', 'bundled');"
                    "INSERT INTO services(id, name, area_scope, origin) VALUES ('mine', "
                    "'自分で入れた窓口', 'national', 'import');"
                    "UPDATE kb_meta SET value = 'older' WHERE key = 'bundled_data_hash';");
                return s;
              })
              .ok());
  CHECK(kb.value()->ensure_bundled_data().value());
  CHECK(kb.value()->get_service("old_number").error().code() == ErrorCode::kNotFound);
  CHECK(kb.value()->get_service("mine").ok());
}

TEST_CASE("KnowledgeBase: searches from several threads at once all succeed", "[knowledge]") {
  testing::TempDir tmp;
  auto kb = KnowledgeBase::open_with_bundled_data(tmp.file("kb.db"));
  REQUIRE(kb.ok());
  KnowledgeBase& base = *kb.value();
  std::atomic<int> failures{0};
  std::atomic<int> found{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        Query q;
        q.categories = {t % 2 == 0 ? "food" : "crisis"};
        q.prefecture = 1 + (i % 47);
        q.text = i % 3 == 0 ? "相談" : "";
        auto r = base.search(q);
        if (!r.ok()) {
          ++failures;
        } else if (r->total > 0) {
          ++found;
        }
        auto u = base.urgent_services(i % 2 == 0);
        if (!u.ok() || u->empty())
          ++failures;
      }
    });
  }
  for (auto& th : threads)
    th.join();
  CHECK(failures.load() == 0);
  CHECK(found.load() > 0);
}

TEST_CASE(
    "KnowledgeBase: a service disappears when its organisation becomes a reference entity or it "
    "goes inactive",
    "[knowledge]") {
  auto kb = SqliteKnowledgeBase::open_sqlite(":memory:");
  REQUIRE(kb.ok());
  Directory dir;
  OrganizationRecord org;
  org.org.id = "o1";
  org.org.name = "みなと相談会";
  org.org.role = "npo";
  dir.organizations.push_back(org);
  ServiceRecord svc;
  svc.service.id = "s1";
  svc.service.organization_id = "o1";
  svc.service.name = "みなとの夜回り相談";
  svc.service.area_scope = "national";
  svc.service.categories = {"housing"};
  dir.services.push_back(svc);
  REQUIRE(kb.value()->import_directory(dir, "import").ok());
  Query q;
  q.text = "夜回り";
  CHECK(kb.value()->search(q)->total == 1);

  Directory as_reference;
  org.org.role = "other";
  org.org.reference_only = true;
  as_reference.organizations.push_back(org);
  REQUIRE(kb.value()->import_directory(as_reference, "import").ok());
  CHECK(kb.value()->search(q)->total == 0);

  Directory back;
  org.org.role = "npo";
  org.org.reference_only = false;
  back.organizations.push_back(org);
  REQUIRE(kb.value()->import_directory(back, "import").ok());
  CHECK(kb.value()->search(q)->total == 1);

  dir.services[0].service.status = "inactive";
  REQUIRE(kb.value()->import_directory(dir, "import").ok());
  CHECK(kb.value()->search(q)->total == 0);
}
