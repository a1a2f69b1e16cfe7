#include "bot/session_store.h"

#include <string>

#include <catch2/catch.hpp>

#include "common/sqlite.h"
#include "tests/support/temp_dir.h"

using namespace shirube;  // NOLINT(google-build-using-namespace)

TEST_CASE("SessionStore: user keys are a stable keyed hash, never the id", "[bot]") {
  auto a = bot::SessionStore::open(":memory:", "secret-a");
  auto b = bot::SessionStore::open(":memory:", "secret-b");
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  const std::string key = (*a)->user_key("U1234567890abcdef");
  CHECK(key.size() == 64);
  CHECK(key.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(key == (*a)->user_key("U1234567890abcdef"));
  CHECK(key != (*b)->user_key("U1234567890abcdef"));
  CHECK(key != (*a)->user_key("U1234567890abcdeg"));
  // RFC 4231 test case 2: HMAC-SHA256("Jefe", "what do ya want for nothing?").
  auto jefe = bot::SessionStore::open(":memory:", "Jefe");
  REQUIRE(jefe.ok());
  CHECK((*jefe)->user_key("what do ya want for nothing?") ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("SessionStore: a generated secret is kept across restarts", "[bot]") {
  testing::TempDir dir;
  REQUIRE(!dir.path().empty());
  const std::string path = dir.file("sessions.db");
  std::string first;
  {
    auto s = bot::SessionStore::open(path, "");
    REQUIRE(s.ok());
    first = (*s)->user_key("user");
  }
  auto again = bot::SessionStore::open(path, "");
  REQUIRE(again.ok());
  CHECK((*again)->user_key("user") == first);
  auto other = bot::SessionStore::open(dir.file("other.db"), "");
  REQUIRE(other.ok());
  CHECK((*other)->user_key("user") != first);
}

TEST_CASE("SessionStore: saves, loads, expires, purges and erases", "[bot]") {
  auto s = bot::SessionStore::open(":memory:", "k");
  REQUIRE(s.ok());
  bot::SessionState st;
  st.current = {"food.results", 19, "", 1};
  st.push({"food.area", -1, "", 0});
  st.resume = bot::Snapshot{"root", -1, "", 0};
  REQUIRE((*s)->save("key1", st, 1000).ok());
  auto loaded = (*s)->load("key1", 1500, 3600);
  REQUIRE(loaded.ok());
  REQUIRE(loaded->has_value());
  CHECK((*loaded)->current == st.current);
  CHECK((*loaded)->history.size() == 1);
  CHECK((*loaded)->resume->node == "root");
  // Expired: treated as no session.
  auto expired = (*s)->load("key1", 1000 + 3601, 3600);
  REQUIRE(expired.ok());
  CHECK_FALSE(expired->has_value());
  REQUIRE((*s)->save("key2", st, 5000).ok());
  auto purged = (*s)->purge(2000);
  REQUIRE(purged.ok());
  CHECK(*purged == 1);
  CHECK(*(*s)->count() == 1);
  REQUIRE((*s)->erase("key2").ok());
  REQUIRE((*s)->erase("key2").ok());  // idempotent
  CHECK(*(*s)->count() == 0);
}

TEST_CASE("SessionStore: history is bounded and damaged rows decode to nothing", "[bot]") {
  bot::SessionState st;
  for (int i = 0; i < 30; ++i)
    st.push({"n" + std::to_string(i), -1, "", 0});
  CHECK(st.history.size() == bot::SessionState::kMaxHistory);
  CHECK(st.history.front().node == "n10");
  auto round = bot::SessionStore::decode(bot::SessionStore::encode(st));
  REQUIRE(round.has_value());
  CHECK(round->history.back().node == "n29");
  CHECK_FALSE(bot::SessionStore::decode("").has_value());
  CHECK_FALSE(bot::SessionStore::decode("{\"c\": 1}").has_value());
  CHECK_FALSE(bot::SessionStore::decode("[1,2]").has_value());
}

TEST_CASE("SessionStore: recent sessions are answered from memory and always match the rows",
          "[bot]") {
  testing::TempDir dir;
  const std::string path = dir.file("sessions.db");
  auto s = bot::SessionStore::open(path, "k");
  REQUIRE(s.ok());
  bot::SessionState st;
  st.current = {"food.results", 13, "", 0};
  REQUIRE((*s)->save("key1", st, 1000).ok());
  CHECK((*s)->cached_count() == 1);

  // A row changed behind the store's back is not seen while the entry is in memory: the
  // store owns its database (documented). This proves the read came from memory.
  {
    auto db = sql::Database::open(path);
    REQUIRE(db.ok());
    REQUIRE((*db)
                ->exec("UPDATE session_state SET state = '{\"c\":{\"n\":\"root\",\"p\":-1,"
                       "\"s\":\"\",\"g\":0},\"h\":[]}'")
                .ok());
  }
  auto hit = (*s)->load("key1", 1001, 3600);
  REQUIRE(hit.ok());
  REQUIRE(hit->has_value());
  CHECK((*hit)->current.node == "food.results");

  // Expiry applies to what is in memory too.
  auto expired = (*s)->load("key1", 1000 + 3601, 3600);
  REQUIRE(expired.ok());
  CHECK_FALSE(expired->has_value());

  // Erase and purge leave nothing in memory.
  REQUIRE((*s)->erase("key1").ok());
  CHECK((*s)->cached_count() == 0);
  auto gone = (*s)->load("key1", 1001, 3600);
  REQUIRE(gone.ok());
  CHECK_FALSE(gone->has_value());
  REQUIRE((*s)->save("key2", st, 1000).ok());
  REQUIRE((*s)->save("key3", st, 5000).ok());
  REQUIRE((*s)->purge(2000).ok());
  CHECK((*s)->cached_count() == 1);

  // A fresh store reads the row and keeps it from then on.
  auto again = bot::SessionStore::open(path, "k");
  REQUIRE(again.ok());
  CHECK((*again)->cached_count() == 0);
  auto read = (*again)->load("key3", 5001, 3600);
  REQUIRE(read.ok());
  REQUIRE(read->has_value());
  CHECK((*again)->cached_count() == 1);
}

TEST_CASE("SessionStore: memory holds at most kCacheEntries sessions, least recent out first",
          "[bot]") {
  auto s = bot::SessionStore::open(":memory:", "k");
  REQUIRE(s.ok());
  bot::SessionState st;
  const std::size_t n = bot::SessionStore::kCacheEntries;
  for (std::size_t i = 0; i < n + 10; ++i) {
    st.current.page = static_cast<int>(i);
    REQUIRE((*s)->save("key" + std::to_string(i), st, 1000).ok());
    if (i == 5) {
      // key0 used again: it stays, key1 goes first.
      REQUIRE((*s)->load("key0", 1000, 3600).ok());
    }
  }
  CHECK((*s)->cached_count() == n);
  // Evicted sessions are still read from the database.
  auto first = (*s)->load("key1", 1000, 3600);
  REQUIRE(first.ok());
  REQUIRE(first->has_value());
  CHECK((*first)->current.page == 1);
  CHECK(*(*s)->count() == static_cast<int>(n + 10));
}

TEST_CASE("SessionStore: cap keeps the most recently saved sessions, idle longest out first",
          "[bot]") {
  auto s = bot::SessionStore::open(":memory:", "k");
  REQUIRE(s.ok());
  bot::SessionState st;
  for (int i = 0; i < 10; ++i)
    REQUIRE((*s)->save("key" + std::to_string(i), st, 1000 + i).ok());
  REQUIRE((*s)->save("key0", st, 2000).ok());  // used again: now the most recent
  auto deleted = (*s)->cap(4);
  REQUIRE(deleted.ok());
  CHECK(*deleted == 6);
  CHECK(*(*s)->count() == 4);
  for (const char* kept : {"key0", "key7", "key8", "key9"}) {
    auto loaded = (*s)->load(kept, 2000, 3600);
    REQUIRE(loaded.ok());
    CHECK(loaded->has_value());
  }
  auto gone = (*s)->load("key1", 2000, 3600);  // not answered from memory either
  REQUIRE(gone.ok());
  CHECK_FALSE(gone->has_value());
  auto none = (*s)->cap(4);
  REQUIRE(none.ok());
  CHECK(*none == 0);
}

TEST_CASE("SessionStore: the reply variant and whether it was chosen are kept", "[bot]") {
  bot::SessionState st;
  st.lang = "pt";
  st.reply = ReplyLang::kEn;
  auto back = bot::SessionStore::decode(bot::SessionStore::encode(st));
  REQUIRE(back);
  CHECK(back->reply == ReplyLang::kEn);
  CHECK(!back->reply_chosen);
  CHECK(back->reads_other_language());
  st.reply = ReplyLang::kEasy;
  st.reply_chosen = true;
  back = bot::SessionStore::decode(bot::SessionStore::encode(st));
  REQUIRE(back);
  CHECK(back->reply == ReplyLang::kEasy);
  CHECK(back->reply_chosen);
  // An unknown variant (a row written by a later version) reads as 日本語.
  back = bot::SessionStore::decode(R"({"c":{"n":"root","p":-1,"s":"","g":0},"v":"fr"})");
  REQUIRE(back);
  CHECK(back->reply == ReplyLang::kJa);
}

TEST_CASE("SessionStore: the worker search and the supporter flag survive a save",
          "[bot][worker]") {
  bot::SessionState st;
  st.worker.on = true;
  st.worker.need = "food";
  st.worker.prefecture = 19;
  st.worker.city = "甲府市";
  st.worker.page = 2;
  st.supporter = true;
  st.channel_user = "line:Uraw";  // this turn's only
  const std::string text = bot::SessionStore::encode(st);
  CHECK(text.find("Uraw") == std::string::npos);
  const auto back = bot::SessionStore::decode(text);
  REQUIRE(back);
  CHECK(back->worker == st.worker);
  CHECK(back->supporter);
  CHECK(back->channel_user.empty());
  const auto plain = bot::SessionStore::decode(bot::SessionStore::encode(bot::SessionState{}));
  REQUIRE(plain);
  CHECK(!plain->worker.on);
  CHECK(!plain->supporter);
}
