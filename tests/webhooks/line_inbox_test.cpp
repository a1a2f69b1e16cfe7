#include "webhooks/line_inbox.h"

#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "common/sqlite.h"
#include "tests/support/temp_dir.h"

using shirube::webhooks::line::InboxItem;
using shirube::webhooks::line::LineInbox;

namespace {

const std::string kSealKey = LineInbox::seal_key_for("inbox_test_channel_secret");

InboxItem item(const std::string& id, const std::string& payload, const std::string& mid = "") {
  InboxItem it;
  it.event_id = id;
  it.event_type = "message";
  it.payload = payload;
  it.message_id = mid;
  it.user_hash = "hash-of-user";
  return it;
}

}  // namespace

TEST_CASE("LineInbox: drops duplicate webhookEventIds, pending or done", "[line]") {
  auto inbox = LineInbox::open(":memory:", kSealKey);
  REQUIRE(inbox.ok());
  auto first = (*inbox)->accept({item("E1", R"({"k":"text"})"), item("E2", "")}, {}, 1000);
  REQUIRE(first.ok());
  CHECK(first->inserted.size() == 1);  // E2 has nothing to do: stored as done at once
  CHECK(first->accepted == 2);
  CHECK(first->duplicates == 0);
  auto again =
      (*inbox)->accept({item("E1", R"({"k":"text"})"), item("E2", ""), item("E3", "x")}, {}, 2000);
  REQUIRE(again.ok());
  CHECK(again->duplicates == 2);
  CHECK(again->inserted.size() == 1);
  CHECK((*inbox)->count("pending").value() == 2);
  CHECK((*inbox)->outcome_of("E2").value() == std::optional<std::string>("none"));
}

TEST_CASE("LineInbox: completing an event scrubs its payload but keeps it for dedupe", "[line]") {
  auto inbox = LineInbox::open(":memory:", kSealKey);
  REQUIRE(inbox.ok());
  auto acc =
      (*inbox)->accept({item("E1", R"({"k":"text","u":"Uraw","text":"secret"})", "m1")}, {}, 1000);
  REQUIRE(acc.ok());
  REQUIRE(acc->inserted.size() == 1);
  const int64_t id = acc->inserted[0];
  auto row = (*inbox)->begin(id);
  REQUIRE(row.ok());
  REQUIRE(row->has_value());
  CHECK((*row)->payload.find("secret") != std::string::npos);
  CHECK((*row)->attempts == 0);
  REQUIRE((*inbox)->complete(id, "reply").ok());
  CHECK((*inbox)->payloads().value().empty());
  auto gone = (*inbox)->begin(id);
  REQUIRE(gone.ok());
  CHECK_FALSE(gone->has_value());
  auto dup = (*inbox)->accept({item("E1", "x")}, {}, 2000);
  REQUIRE(dup.ok());
  CHECK(dup->duplicates == 1);
}

TEST_CASE("LineInbox: an unsend drops the text of a pending message", "[line]") {
  auto inbox = LineInbox::open(":memory:", kSealKey);
  REQUIRE(inbox.ok());
  REQUIRE((*inbox)
              ->accept({item("E1", R"({"k":"text","text":"消したい話"})", "m-1"),
                        item("E2", R"({"k":"text","text":"keep"})", "m-2")},
                       {}, 1000)
              .ok());
  auto acc = (*inbox)->accept({}, {"m-1", "m-unknown"}, 1100);
  REQUIRE(acc.ok());
  CHECK(acc->scrubbed == 1);
  CHECK((*inbox)->payloads().value().size() == 1);
  const std::vector<int64_t> pending = (*inbox)->pending_ids().value();
  REQUIRE(pending.size() == 1);
  const auto kept = (*inbox)->begin(pending[0]).value();
  REQUIRE(kept.has_value());
  CHECK(kept->payload == R"({"k":"text","text":"keep"})");
  CHECK((*inbox)->outcome_of("E1").value() == std::optional<std::string>("unsent"));
}

TEST_CASE("LineInbox: pending events survive a reopen and count attempts", "[line]") {
  shirube::testing::TempDir dir;
  REQUIRE_FALSE(dir.path().empty());
  const std::string path = dir.file("inbox.db");
  int64_t id = 0;
  {
    auto inbox = LineInbox::open(path, kSealKey);
    REQUIRE(inbox.ok());
    auto acc = (*inbox)->accept({item("E1", R"({"k":"text"})")}, {}, 1000);
    REQUIRE(acc.ok());
    id = acc->inserted.at(0);
    auto row = (*inbox)->begin(id);
    REQUIRE(row.ok());
    REQUIRE((*inbox)->mark_reply_attempted(id).ok());
  }
  auto inbox = LineInbox::open(path, kSealKey);
  REQUIRE(inbox.ok());
  CHECK((*inbox)->pending_ids().value() == std::vector<int64_t>{id});
  auto row = (*inbox)->begin(id);
  REQUIRE(row.ok());
  REQUIRE(row->has_value());
  CHECK((*row)->attempts == 1);
  CHECK((*row)->reply_attempted);
}

TEST_CASE("LineInbox: prune deletes only old done rows", "[line]") {
  auto inbox = LineInbox::open(":memory:", kSealKey);
  REQUIRE(inbox.ok());
  REQUIRE((*inbox)->accept({item("OLD", ""), item("OLDPENDING", "x")}, {}, 1000).ok());
  REQUIRE((*inbox)->accept({item("NEW", "")}, {}, 1000 + 47LL * 3600 * 1000).ok());
  auto pruned = (*inbox)->prune(1000 + 49LL * 3600 * 1000);
  REQUIRE(pruned.ok());
  CHECK(*pruned == 1);
  CHECK((*inbox)->outcome_of("OLD").value() == std::nullopt);
  CHECK((*inbox)->outcome_of("NEW").value().has_value());
  CHECK((*inbox)->count("pending").value() == 1);
}

TEST_CASE("LineInbox: concurrent accepts each get their own result", "[line]") {
  shirube::testing::TempDir dir;
  auto inbox = LineInbox::open(dir.file("inbox.db"), kSealKey);
  REQUIRE(inbox.ok());
  LineInbox& box = **inbox;
  constexpr int kThreads = 8;
  constexpr int kPerThread = 50;
  std::vector<int> accepted(kThreads, 0);
  std::vector<int> duplicates(kThreads, 0);
  std::vector<int> errors(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        // Every event id is sent by two threads: exactly one of them stores it.
        const std::string id = "E" + std::to_string((t / 2) * 1000 + i);
        auto r = box.accept({item(id, R"({"k":"text"})")}, {}, 1000);
        if (!r.ok()) {
          ++errors[t];
          continue;
        }
        accepted[t] += r->accepted;
        duplicates[t] += r->duplicates;
      }
    });
  }
  for (auto& th : threads)
    th.join();
  int total_accepted = 0;
  int total_duplicates = 0;
  for (int t = 0; t < kThreads; ++t) {
    CHECK(errors[t] == 0);
    CHECK(accepted[t] + duplicates[t] == kPerThread);
    total_accepted += accepted[t];
    total_duplicates += duplicates[t];
  }
  CHECK(total_accepted == kThreads / 2 * kPerThread);
  CHECK(total_duplicates == kThreads / 2 * kPerThread);
  CHECK(box.count("pending").value() == kThreads / 2 * kPerThread);
}

TEST_CASE("LineInbox: prune deletes large backlogs in chunks", "[line]") {
  auto inbox = LineInbox::open(":memory:", kSealKey);
  REQUIRE(inbox.ok());
  std::vector<InboxItem> old_items;
  for (int i = 0; i < 1234; ++i)
    old_items.push_back(item("OLD" + std::to_string(i), ""));
  REQUIRE((*inbox)->accept(old_items, {}, 1000).ok());
  REQUIRE((*inbox)->accept({item("RECENT", "")}, {}, 1000 + 48LL * 3600 * 1000).ok());
  auto pruned = (*inbox)->prune(1000 + 48LL * 3600 * 1000 + 1);
  REQUIRE(pruned.ok());
  CHECK(*pruned == 1234);
  CHECK((*inbox)->count("done").value() == 1);
  auto none = (*inbox)->prune(1000 + 48LL * 3600 * 1000 + 1);
  REQUIRE(none.ok());
  CHECK(*none == 0);
}

TEST_CASE("LineInbox: claims and completions from many workers are each committed", "[line]") {
  // Workers' begin() and complete() share transactions with each other and with accept()
  // (group commit). Each call must still get its own row back and be durable on return.
  shirube::testing::TempDir dir;
  REQUIRE(!dir.path().empty());
  const std::string path = dir.file("inbox.db");
  constexpr int kThreads = 6;
  constexpr int kPerThread = 40;
  {
    auto inbox = LineInbox::open(path, kSealKey);
    REQUIRE(inbox.ok());
    std::vector<std::thread> threads;
    std::vector<int> wrong(kThreads, 0);
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kPerThread; ++i) {
          const std::string id = "T" + std::to_string(t) + "-" + std::to_string(i);
          auto acc =
              (*inbox)->accept({item(id, R"({"k":"text","text":")" + id + "\"}")}, {}, 1000 + i);
          if (!acc.ok() || acc->inserted.size() != 1) {
            ++wrong[static_cast<std::size_t>(t)];
            continue;
          }
          auto row = (*inbox)->begin(acc->inserted[0]);
          if (!row.ok() || !row->has_value() || (*row)->event_id != id ||
              (*row)->payload.find(id) == std::string::npos || (*row)->attempts != 0) {
            ++wrong[static_cast<std::size_t>(t)];
            continue;
          }
          // Every other event is completed; the rest stay pending (claimed once).
          if (i % 2 == 0 && !(*inbox)->complete(acc->inserted[0], "reply").ok()) {
            ++wrong[static_cast<std::size_t>(t)];
          }
        }
      });
    }
    for (auto& th : threads)
      th.join();
    for (int t = 0; t < kThreads; ++t)
      CHECK(wrong[static_cast<std::size_t>(t)] == 0);
  }
  // A fresh connection sees every write: nothing was left in an uncommitted batch.
  auto reopened = LineInbox::open(path, kSealKey);
  REQUIRE(reopened.ok());
  CHECK((*reopened)->count("done").value() == kThreads * kPerThread / 2);
  CHECK((*reopened)->count("pending").value() == kThreads * kPerThread / 2);
  CHECK((*reopened)->outcome_of("T3-10").value() == std::optional<std::string>("reply"));
  // Pending: stored, no outcome yet.
  CHECK((*reopened)->outcome_of("T3-11").value() == std::optional<std::string>(""));
  const auto pending = (*reopened)->pending_ids().value();
  REQUIRE(!pending.empty());
  auto again = (*reopened)->begin(pending.front());
  REQUIRE(again.ok());
  REQUIRE(again->has_value());
  CHECK((*again)->attempts == 1);  // the claim above was counted exactly once
  CHECK((*again)->reply_attempted);
}

TEST_CASE("LineInbox: a row can be claimed again only while pending", "[line]") {
  // The claim statement is prepared once and reused: an early return (row not pending)
  // must leave it ready for the next call.
  auto inbox = LineInbox::open(":memory:", kSealKey);
  REQUIRE(inbox.ok());
  auto acc = (*inbox)->accept({item("A", "a"), item("B", "b")}, {}, 1000);
  REQUIRE(acc.ok());
  REQUIRE(acc->inserted.size() == 2);
  REQUIRE((*inbox)->complete(acc->inserted[0], "none").ok());
  for (int round = 0; round < 3; ++round) {
    auto done = (*inbox)->begin(acc->inserted[0]);
    REQUIRE(done.ok());
    CHECK(!done->has_value());
    auto open = (*inbox)->begin(acc->inserted[1]);
    REQUIRE(open.ok());
    REQUIRE(open->has_value());
    CHECK((*open)->event_id == "B");
    CHECK((*open)->attempts == round);
  }
  CHECK((*inbox)->count("pending").value() == 1);
}

TEST_CASE("LineInbox: claims several rows in one write and records finished ones with it",
          "[line]") {
  auto inbox = LineInbox::open(":memory:", kSealKey);
  REQUIRE(inbox.ok());
  auto acc = (*inbox)->accept(
      {item("E1", "p1"), item("E2", "p2"), item("E3", "p3"), item("E4", "p4")}, {}, 1000);
  REQUIRE(acc.ok());
  REQUIRE(acc->inserted.size() == 4);
  CHECK(acc->inserted_items == std::vector<std::size_t>{0, 1, 2, 3});
  const std::vector<int64_t>& ids = acc->inserted;
  REQUIRE((*inbox)->complete(ids[1], "reply").ok());

  // E1 finished meanwhile; E2 is already done; E3 and E4 are claimed.
  auto rows = (*inbox)->begin({ids[1], ids[2], ids[3]}, {{ids[0], "push"}});
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == 3);
  CHECK_FALSE((*rows)[0].has_value());
  REQUIRE((*rows)[1].has_value());
  REQUIRE((*rows)[2].has_value());
  CHECK((*rows)[1]->event_id == "E3");
  CHECK((*rows)[2]->payload == "p4");
  CHECK((*inbox)->outcome_of("E1").value() == std::optional<std::string>("push"));
  // A claimed row counts as attempted: a second claim sees it (and never reuses its token).
  auto again = (*inbox)->begin(std::vector<int64_t>{ids[2]});
  REQUIRE(again.ok());
  REQUIRE((*again)[0].has_value());
  CHECK((*again)[0]->attempts == 1);
  CHECK((*again)[0]->reply_attempted);

  REQUIRE((*inbox)->complete({{ids[2], "reply"}, {ids[3], "reply"}}).ok());
  CHECK((*inbox)->count("pending").value() == 0);
  CHECK((*inbox)->count("done").value() == 4);
}

TEST_CASE("LineInbox: a claim of an unknown row is nullopt and the rest of the write holds",
          "[line]") {
  auto inbox = LineInbox::open(":memory:", kSealKey);
  REQUIRE(inbox.ok());
  auto acc = (*inbox)->accept({item("E1", "p1"), item("E2", "p2")}, {}, 1000);
  REQUIRE(acc.ok());
  const std::vector<int64_t>& ids = acc->inserted;
  auto rows = (*inbox)->begin({ids[1], 999999}, {{ids[0], "reply"}});
  REQUIRE(rows.ok());
  CHECK((*rows)[0].has_value());
  CHECK_FALSE((*rows)[1].has_value());
  CHECK((*inbox)->outcome_of("E1").value() == std::optional<std::string>("reply"));
  CHECK((*inbox)->count("pending").value() == 1);
}

TEST_CASE("LineInbox: an inbox file of an earlier version keeps its pending events", "[line]") {
  shirube::testing::TempDir dir;
  const std::string path = dir.file("old-inbox.db");
  int64_t id = 0;
  {
    auto inbox = LineInbox::open(path, kSealKey);
    REQUIRE(inbox.ok());
    auto acc = (*inbox)->accept({item("E1", "p1")}, {}, 1000);
    REQUIRE(acc.ok());
    id = acc->inserted.at(0);
  }
  {
    // The index of pending rows that earlier versions kept.
    auto db = shirube::sql::Database::open(path);
    REQUIRE(db.ok());
    REQUIRE((*db)
                ->exec("CREATE INDEX line_inbox_pending ON line_inbox(id) "
                       "WHERE state = 'pending'")
                .ok());
  }
  auto inbox = LineInbox::open(path, kSealKey);
  REQUIRE(inbox.ok());
  auto pending = (*inbox)->pending_ids();
  REQUIRE(pending.ok());
  CHECK(*pending == std::vector<int64_t>{id});
  auto db = shirube::sql::Database::open(path);
  REQUIRE(db.ok());
  auto st = (*db)->prepare("SELECT count(*) FROM sqlite_master WHERE name = 'line_inbox_pending'");
  REQUIRE(st.ok());
  REQUIRE(st->step().value());
  CHECK(st->integer(0) == 0);
}

TEST_CASE("LineInbox: stores payloads sealed and opens them only under the same key", "[line]") {
  shirube::testing::TempDir dir;
  const std::string path = dir.file("inbox.db");
  const std::string payload = R"({"k":"text","u":"Useal0000000000000000000000000001","t":"xyzzy"})";
  int64_t id = 0;
  {
    auto inbox = LineInbox::open(path, kSealKey);
    REQUIRE(inbox.ok());
    auto acc = (*inbox)->accept({item("E1", payload)}, {}, 1000);
    REQUIRE(acc.ok());
    id = acc->inserted.at(0);
    const auto stored = (*inbox)->payloads().value();
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].find("xyzzy") == std::string::npos);
    CHECK(stored[0].find("Useal") == std::string::npos);
    auto row = (*inbox)->begin(id);
    REQUIRE(row.ok());
    REQUIRE(row->has_value());
    CHECK((*row)->payload == payload);
    CHECK_FALSE((*row)->unreadable);
  }
  // Under another key (a new channel secret) the row is there but cannot be read.
  auto other = LineInbox::open(path, LineInbox::seal_key_for("another secret"));
  REQUIRE(other.ok());
  auto row = (*other)->begin(id);
  REQUIRE(row.ok());
  REQUIRE(row->has_value());
  CHECK((*row)->unreadable);
  CHECK((*row)->payload.empty());
  CHECK_FALSE(LineInbox::open(":memory:", "too short").ok());
}

TEST_CASE("LineInbox: reads the plain pending rows of an earlier version, and adds the risk column",
          "[line]") {
  shirube::testing::TempDir dir;
  const std::string path = dir.file("old-inbox.db");
  {
    // The table as earlier versions made it: no risk column, payloads in plain JSON.
    auto db = shirube::sql::Database::open(path);
    REQUIRE(db.ok());
    REQUIRE((*db)
                ->exec("CREATE TABLE line_inbox (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                       "event_id TEXT NOT NULL UNIQUE, event_type TEXT NOT NULL, "
                       "received_ms INTEGER NOT NULL, state TEXT NOT NULL DEFAULT 'pending' "
                       "CHECK (state IN ('pending', 'done')), payload TEXT, message_id TEXT, "
                       "user_hash TEXT, attempts INTEGER NOT NULL DEFAULT 0, "
                       "reply_attempted INTEGER NOT NULL DEFAULT 0, outcome TEXT, done_ms INTEGER);"
                       "INSERT INTO line_inbox (event_id, event_type, received_ms, payload) "
                       "VALUES ('OLD1', 'message', 1000, '{\"k\":\"text\"}');")
                .ok());
  }
  auto inbox = LineInbox::open(path, kSealKey);
  REQUIRE(inbox.ok());
  auto pending = (*inbox)->pending();
  REQUIRE(pending.ok());
  REQUIRE(pending->size() == 1);
  CHECK(pending->at(0).risk == 0);
  auto row = (*inbox)->begin(pending->at(0).id);
  REQUIRE(row.ok());
  REQUIRE(row->has_value());
  CHECK((*row)->payload == R"({"k":"text"})");
  // New rows keep their risk level.
  InboxItem urgent = item("NEW1", R"({"k":"text"})");
  urgent.risk = 2;
  REQUIRE((*inbox)->accept({urgent}, {}, 2000).ok());
  pending = (*inbox)->pending();
  REQUIRE(pending.ok());
  REQUIRE(pending->size() == 2);
  CHECK(pending->at(1).risk == 2);
}
