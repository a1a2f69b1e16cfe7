#include "webhooks/worker_store.h"

#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "common/sqlite.h"
#include "tests/support/temp_dir.h"

using namespace shirube;
using namespace shirube::webhooks;

TEST_CASE("WorkerStore: a token authenticates until it is revoked", "[webhooks]") {
  auto store = WorkerStore::open(":memory:");
  REQUIRE(store.ok());
  auto a = store.value()->add("org-1", "山田", 1000);
  REQUIRE(a.ok());
  auto b = store.value()->add("org-2", "佐藤", 1001);
  REQUIRE(b.ok());
  CHECK(a->account.id != b->account.id);
  CHECK(a->token != b->token);
  auto who = store.value()->authenticate(a->token);
  REQUIRE(who.ok());
  REQUIRE(who->has_value());
  CHECK((*who)->org_id == "org-1");
  CHECK((*who)->name == "山田");
  // Wrong, empty and altered tokens are nobody.
  for (const std::string& t : {std::string(), std::string("shw_x"), a->token + "x",
                               a->token.substr(0, a->token.size() - 1)}) {
    auto none = store.value()->authenticate(t);
    REQUIRE(none.ok());
    CHECK_FALSE(none->has_value());
  }
  REQUIRE(store.value()->revoke(a->account.id, 2000).ok());
  REQUIRE(store.value()->revoke(a->account.id, 2001).ok());  // twice is fine
  auto revoked = store.value()->authenticate(a->token);
  REQUIRE(revoked.ok());
  CHECK_FALSE(revoked->has_value());
  CHECK(store.value()->authenticate(b->token)->has_value());
  CHECK(store.value()->revoke(99, 2000).error().code() == ErrorCode::kNotFound);
  auto all = store.value()->list();
  REQUIRE(all.ok());
  REQUIRE(all->size() == 2);
  CHECK(all->at(0).revoked);
  CHECK_FALSE(all->at(1).revoked);
  CHECK_FALSE(store.value()->add("", "名前", 1).ok());
  CHECK_FALSE(store.value()->add("org", "", 1).ok());
}

TEST_CASE("WorkerStore: tokens carry 256 random bits and only their hash is stored", "[webhooks]") {
  shirube::testing::TempDir tmp;
  const std::string db = tmp.file("w.db");
  std::string token;
  {
    auto store = WorkerStore::open(db);
    REQUIRE(store.ok());
    std::set<std::string> seen;
    for (int i = 0; i < 50; ++i) {
      auto t = new_worker_token();
      REQUIRE(t.ok());
      CHECK(t->rfind("shw_", 0) == 0);
      CHECK(t->size() == 4 + 43);  // 32 bytes in base64url without padding
      CHECK(seen.insert(*t).second);
    }
    auto added = store.value()->add("org-1", "山田", 1);
    REQUIRE(added.ok());
    token = added->token;
  }
  auto raw = sql::Database::open(db);
  REQUIRE(raw.ok());
  auto st = raw.value()->prepare("SELECT token_sha256 FROM worker_accounts");
  REQUIRE(st.ok());
  REQUIRE(st->step().value());
  CHECK(st->text(0) == sha256_hex(token));
  CHECK(st->text(0).find(token.substr(4, 10)) == std::string::npos);
  // The bytes of the file never hold the token.
  std::string bytes;
  for (const auto& f : {db, db + "-wal"}) {
    std::FILE* fp = std::fopen(f.c_str(), "rb");
    if (fp == nullptr)
      continue;
    char buf[4096];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, fp)) > 0)
      bytes.append(buf, n);
    std::fclose(fp);
  }
  CHECK(bytes.find(token.substr(4)) == std::string::npos);
}

TEST_CASE("WorkerStore: Authorization headers give their bearer token", "[webhooks]") {
  CHECK(bearer_token("Bearer shw_abc") == "shw_abc");
  CHECK(bearer_token("bearer  shw_abc ") == "shw_abc");
  CHECK(bearer_token("Basic dXNlcjpwYXNz").empty());
  CHECK(bearer_token("Bearer").empty());
  CHECK(bearer_token("").empty());
}

TEST_CASE("WorkerStore: referral sheets expire after 30 days and purge removes them",
          "[webhooks]") {
  auto store = WorkerStore::open(":memory:");
  REQUIRE(store.ok());
  auto w = store.value()->add("org-1", "山田", 0);
  REQUIRE(w.ok());
  const int64_t now = 1'800'000'000;
  auto ref = store.value()->create_referral(w->account.id, {"nat-1", "loc-2"}, "メモ", now);
  REQUIRE(ref.ok());
  CHECK(ref->id.size() >= 22);  // 128 bits in base64url
  CHECK(ref->expires_at == now + 30 * 24 * 3600);
  auto other = store.value()->create_referral(w->account.id, {"nat-1"}, "", now + 10);
  REQUIRE(other.ok());
  CHECK(other->id != ref->id);
  auto got = store.value()->referral(ref->id, now + 1);
  REQUIRE(got.ok());
  REQUIRE(got->has_value());
  CHECK((*got)->service_ids == std::vector<std::string>{"nat-1", "loc-2"});
  CHECK((*got)->note == "メモ");
  CHECK_FALSE(store.value()->referral("nope", now)->has_value());
  // Gone for readers the moment it expires, removed by purge.
  CHECK_FALSE(store.value()->referral(ref->id, ref->expires_at)->has_value());
  auto purged = store.value()->purge(ref->expires_at + 5);
  REQUIRE(purged.ok());
  CHECK(purged.value() == 1);
  CHECK(store.value()->referral(other->id, ref->expires_at + 5)->has_value());
}
