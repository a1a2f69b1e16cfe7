// Slightly over 500 lines: the inbox's schema, sealing and every statement of its life cycle
// (accept, claim, finish, retry, expire) kept together so its invariants read in one place.
#include "webhooks/line_inbox.h"

#include <array>
#include <chrono>
#include <functional>
#include <optional>
#include <string_view>
#include <utility>

#include "common/crypto.h"
#include "common/sqlite.h"

namespace shirube::webhooks::line {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS line_inbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id        TEXT NOT NULL UNIQUE,
  event_type      TEXT NOT NULL,
  received_ms     INTEGER NOT NULL,
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
  payload         TEXT,
  message_id      TEXT,
  user_hash       TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0,
  reply_attempted INTEGER NOT NULL DEFAULT 0,
  outcome         TEXT,
  done_ms         INTEGER,
  risk            INTEGER NOT NULL DEFAULT 0
);
-- No index of the pending rows: the insert and the completion of every event would write
-- its pages; the only reader is start(), which scans the table (48 h of events) once.
DROP INDEX IF EXISTS line_inbox_pending;
CREATE INDEX IF NOT EXISTS line_inbox_message ON line_inbox(message_id)
  WHERE message_id IS NOT NULL;
)sql";

// Sealed payloads are stored as this prefix and the base64 of nonce, ciphertext and tag;
// earlier versions stored the JSON itself.
constexpr std::string_view kSealedPrefix = "sealed1:";

// Inboxes written before the risk level was kept lack its column.
Status add_risk_column(sql::Database& db) {
  Result<sql::Statement> st =
      db.prepare("SELECT count(*) FROM pragma_table_info('line_inbox') WHERE name = 'risk'");
  if (!st.ok())
    return st.error();
  Result<bool> r = st->step();
  if (!r.ok())
    return r.error();
  if (st->integer(0) > 0)
    return {};
  return db.exec("ALTER TABLE line_inbox ADD COLUMN risk INTEGER NOT NULL DEFAULT 0;");
}

}  // namespace

std::string LineInbox::seal_key_for(const std::string& channel_secret) {
  return crypto::hmac_sha256(channel_secret, "shirube LINE inbox payload key v1");
}

std::string LineInbox::seal(const std::string& payload) const {
  return std::string(kSealedPrefix) + crypto::base64_encode(crypto::seal(seal_key_, payload));
}

std::optional<std::string> LineInbox::unseal(const std::string& stored) const {
  if (stored.rfind(kSealedPrefix, 0) != 0)
    return stored;  // an earlier version's plain payload
  const std::optional<std::string> raw =
      crypto::base64_decode(std::string_view(stored).substr(kSealedPrefix.size()));
  if (!raw)
    return std::nullopt;
  return crypto::open_sealed(seal_key_, *raw);
}

LineInbox::LineInbox(std::unique_ptr<sql::Database> db,
                     std::unique_ptr<sql::Database> checkpoint_db, std::string seal_key)
    : seal_key_(std::move(seal_key)), db_(std::move(db)), checkpoint_db_(std::move(checkpoint_db)) {
  if (checkpoint_db_ != nullptr)
    checkpointer_ = std::thread([this] { checkpoint_loop(); });
}

LineInbox::~LineInbox() {
  {
    std::lock_guard<std::mutex> lock(checkpoint_mu_);
    stopping_ = true;
  }
  checkpoint_cv_.notify_all();
  if (checkpointer_.joinable())
    checkpointer_.join();
}

Result<std::unique_ptr<LineInbox>> LineInbox::open(const std::string& path,
                                                   const std::string& seal_key, InboxSync sync) {
  if (seal_key.size() != 32)
    return Error::invalid_argument("seal_key", "expected 32 bytes");
  Result<std::unique_ptr<sql::Database>> db = sql::Database::open(path);
  if (!db.ok())
    return db.error();
  Status s = (*db)->exec(kSchema);
  if (s.ok())
    s = add_risk_column(**db);
  if (!s.ok())
    return Error::unavailable(path, "cannot create the LINE inbox: " + s.error().what());
  std::unique_ptr<sql::Database> checkpoint_db;
  if (path != ":memory:" && !path.empty()) {
    // A WAL checkpoint copies pages into the database file and fsyncs it: milliseconds on
    // a busy disk. SQLite runs it inside whichever commit crosses 1000 WAL pages, i.e. inside
    // a webhook acknowledgement now and then. This connection never does that; a second
    // connection checkpoints in the background (PASSIVE: it never blocks the writer).
    s = (*db)->exec(sync == InboxSync::kFull
                        ? "PRAGMA wal_autocheckpoint = 0; PRAGMA synchronous = FULL;"
                        : "PRAGMA wal_autocheckpoint = 0; PRAGMA synchronous = NORMAL;");
    if (!s.ok())
      return Error::unavailable(path, s.error().what());
    Result<std::unique_ptr<sql::Database>> cdb = sql::Database::open(path);
    if (!cdb.ok())
      return cdb.error();
    checkpoint_db = std::move(cdb).value();
  }
  return std::unique_ptr<LineInbox>(
      new LineInbox(std::move(db).value(), std::move(checkpoint_db), seal_key));
}

void LineInbox::checkpoint_loop() {
  auto next_prune = std::chrono::steady_clock::now() + std::chrono::minutes(10);
  std::unique_lock<std::mutex> lock(checkpoint_mu_);
  while (!stopping_) {
    checkpoint_cv_.wait_for(lock, std::chrono::milliseconds(250), [this] { return stopping_; });
    if (stopping_)
      break;
    lock.unlock();
    // Best effort: a busy or failed checkpoint is simply tried again next time.
    (void)checkpoint_db_->exec("PRAGMA wal_checkpoint(PASSIVE);");
    if (std::chrono::steady_clock::now() >= next_prune) {
      // Dedupe rows are needed 48 h; without this the table would grow for as long as the
      // server runs. A failure is retried at the next round.
      const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
      (void)prune(now);
      next_prune = std::chrono::steady_clock::now() + std::chrono::minutes(10);
    }
    lock.lock();
  }
}

namespace {

constexpr std::array<const char*, 6> kStatementSql = {
    // kInsert. ON CONFLICT DO NOTHING: a webhookEventId already present (pending or done) is
    // a duplicate or a redelivery and is dropped whatever isRedelivery says.
    "INSERT INTO line_inbox (event_id, event_type, received_ms, payload, message_id, "
    "user_hash, risk, state, outcome, done_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
    "CASE WHEN ?4 IS NULL THEN 'done' ELSE 'pending' END, "
    "CASE WHEN ?4 IS NULL THEN 'none' END, CASE WHEN ?4 IS NULL THEN ?3 END) "
    "ON CONFLICT(event_id) DO NOTHING",
    // kScrub
    "UPDATE line_inbox SET payload = NULL, message_id = NULL, state = 'done', "
    "outcome = 'unsent', done_ms = ? WHERE message_id = ? AND state = 'pending'",
    // kLoadPending
    "SELECT id, event_id, event_type, received_ms, payload, attempts, reply_attempted, risk "
    "FROM line_inbox WHERE id = ? AND state = 'pending'",
    // kMarkBegun
    "UPDATE line_inbox SET attempts = attempts + 1, reply_attempted = 1 WHERE id = ?",
    // kMarkReply
    "UPDATE line_inbox SET reply_attempted = 1 WHERE id = ?",
    // kComplete
    "UPDATE line_inbox SET state = 'done', payload = NULL, message_id = NULL, outcome = ?, "
    "done_ms = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) "
    "WHERE id = ? AND state = 'pending'",
};

}  // namespace

Result<sql::Statement*> LineInbox::statement(Stmt which) {
  // Compiling a statement costs about as much as running one of these; the workers and the
  // acknowledgement path run them for every event.
  static_assert(kStatementSql.size() == static_cast<std::size_t>(kStmtCount));
  return db_->cached(kStatementSql[static_cast<std::size_t>(which)]);
}

// Group commit: concurrent writers share one transaction. The first caller to find no
// commit in progress becomes the leader, takes every write queued so far and runs them in
// one transaction; the others wait for their batch. Under load this turns N commits (each
// a WAL append and a trip through SQLite's write lock, the serial part of every request and
// of every answered event) into one; with one write at a time it is an ordinary
// transaction. Webhook acknowledgements and the workers' claims and completions share it.
struct LineInbox::PendingWrite {
  const std::function<Status()>* op;
  std::optional<Status> status;
};

Status LineInbox::write_grouped(const std::function<Status()>& op) {
  PendingWrite me{&op, std::nullopt};
  std::unique_lock<std::mutex> lock(batch_mu_);
  batch_.push_back(&me);
  while (!me.status.has_value()) {
    if (leader_active_) {
      batch_cv_.wait(lock);
      continue;
    }
    leader_active_ = true;
    std::vector<PendingWrite*> batch;
    batch.swap(batch_);
    lock.unlock();
    std::vector<Status> statuses = commit_batch(batch);
    lock.lock();
    // Results are handed over under batch_mu_: a waiter reads its own only under it.
    for (std::size_t i = 0; i < batch.size(); ++i)
      batch[i]->status = std::move(statuses[i]);
    leader_active_ = false;
    batch_cv_.notify_all();
  }
  return std::move(*me.status);
}

std::vector<Status> LineInbox::commit_batch(const std::vector<PendingWrite*>& batch) {
  std::lock_guard<std::mutex> lock(mu_);
  auto fail_all = [&batch](const Error& e) { return std::vector<Status>(batch.size(), Status(e)); };
  sql::Transaction tx(*db_);
  if (!tx.begin_status().ok())
    return fail_all(tx.begin_status().error());
  for (PendingWrite* w : batch) {
    Status s = (*w->op)();
    if (!s.ok())
      return fail_all(s.error());
  }
  Status c = tx.commit();
  if (!c.ok())
    return fail_all(c.error());
  return std::vector<Status>(batch.size());
}

Result<AcceptResult> LineInbox::accept(const std::vector<InboxItem>& items,
                                       const std::vector<std::string>& unsent_message_ids,
                                       int64_t now_ms) {
  AcceptResult out;
  const std::function<Status()> op = [&]() -> Status {
    Result<sql::Statement*> ins = statement(kInsert);
    if (!ins.ok())
      return ins.error();
    for (const InboxItem& item : items) {
      sql::Statement& st = **ins;
      st.reset();
      st.bind(1, std::string_view(item.event_id))
          .bind(2, std::string_view(item.event_type))
          .bind(3, now_ms);
      if (item.payload.empty()) {
        st.bind_null(4);
      } else {
        st.bind(4, seal(item.payload));
      }
      if (item.message_id.empty() || item.payload.empty()) {
        st.bind_null(5);
      } else {
        st.bind(5, std::string_view(item.message_id));
      }
      if (item.user_hash.empty()) {
        st.bind_null(6);
      } else {
        st.bind(6, std::string_view(item.user_hash));
      }
      st.bind(7, static_cast<int64_t>(item.risk));
      Status s = st.run();
      if (!s.ok())
        return s;
      if (db_->changes() == 1) {
        ++out.accepted;
        if (!item.payload.empty()) {
          out.inserted.push_back(db_->last_insert_rowid());
          out.inserted_keys.push_back(item.user_hash);
          out.inserted_items.push_back(static_cast<std::size_t>(&item - items.data()));
        }
      } else {
        ++out.duplicates;
      }
    }
    ins.value()->reset();
    if (unsent_message_ids.empty())
      return {};
    Result<sql::Statement*> scrub = statement(kScrub);
    if (!scrub.ok())
      return scrub.error();
    for (const std::string& mid : unsent_message_ids) {
      sql::Statement& st = **scrub;
      st.reset();
      st.bind(1, now_ms).bind(2, std::string_view(mid));
      Status s = st.run();
      if (!s.ok())
        return s;
      out.scrubbed += db_->changes();
    }
    scrub.value()->reset();
    return {};
  };
  Status s = write_grouped(op);
  if (!s.ok())
    return s.error();
  return out;
}

Result<std::vector<int64_t>> LineInbox::pending_ids() {
  std::lock_guard<std::mutex> lock(mu_);
  Result<sql::Statement> st =
      db_->prepare("SELECT id FROM line_inbox WHERE state = 'pending' ORDER BY id");
  if (!st.ok())
    return st.error();
  std::vector<int64_t> ids;
  RETURN_IF_ERROR(st->each_row([&ids](const sql::Statement& row) { ids.push_back(row.int64(0)); }));
  return ids;
}

Result<std::vector<PendingRef>> LineInbox::pending() {
  std::lock_guard<std::mutex> lock(mu_);
  Result<sql::Statement> st = db_->prepare(
      "SELECT id, coalesce(user_hash, ''), risk FROM line_inbox "
      "WHERE state = 'pending' ORDER BY id");
  if (!st.ok())
    return st.error();
  std::vector<PendingRef> rows;
  RETURN_IF_ERROR(st->each_row([&rows](const sql::Statement& row) {
    rows.push_back({row.int64(0), row.text(1), row.integer(2)});
  }));
  return rows;
}

Status LineInbox::begin_locked(int64_t id, std::optional<InboxRow>& out) {
  out.reset();
  Result<sql::Statement*> st = statement(kLoadPending);
  if (!st.ok())
    return st.error();
  sql::Statement& sel = **st;
  sel.bind(1, id);
  Result<bool> r = sel.step();
  if (!r.ok())
    return r.error();
  if (!*r) {
    sel.reset();
    return {};
  }
  InboxRow row;
  row.id = sel.int64(0);
  row.event_id = sel.text(1);
  row.event_type = sel.text(2);
  row.received_ms = sel.int64(3);
  std::optional<std::string> payload = unseal(sel.text(4));
  row.unreadable = !payload.has_value();
  row.payload = std::move(payload).value_or("");
  row.attempts = sel.integer(5);
  row.reply_attempted = sel.integer(6) != 0;
  row.risk = sel.integer(7);
  sel.reset();
  // One write per start: the attempt count (poison-event guard) and "a reply may be sent
  // from now on" (so that a later attempt never reuses the reply token).
  Result<sql::Statement*> up = statement(kMarkBegun);
  if (!up.ok())
    return up.error();
  up.value()->bind(1, id);
  Status s = up.value()->run();
  up.value()->reset();
  if (!s.ok())
    return s;
  out = std::move(row);
  return {};
}

Result<std::optional<InboxRow>> LineInbox::begin(int64_t id) {
  std::optional<InboxRow> row;
  Status s = write_grouped([&] { return begin_locked(id, row); });
  if (!s.ok())
    return s.error();
  return row;
}

Result<std::vector<std::optional<InboxRow>>> LineInbox::begin(
    const std::vector<int64_t>& ids, const std::vector<std::pair<int64_t, std::string>>& done) {
  std::vector<std::optional<InboxRow>> rows(ids.size());
  Status s = write_grouped([&]() -> Status {
    if (Status c = complete_locked(done); !c.ok())
      return c;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (Status b = begin_locked(ids[i], rows[i]); !b.ok())
        return b;
    }
    return {};
  });
  if (!s.ok())
    return s.error();
  return rows;
}

Status LineInbox::mark_reply_attempted(int64_t id) {
  return write_grouped([&]() -> Status {
    Result<sql::Statement*> st = statement(kMarkReply);
    if (!st.ok())
      return st.error();
    st.value()->bind(1, id);
    Status s = st.value()->run();
    st.value()->reset();
    return s;
  });
}

Status LineInbox::complete_locked(const std::vector<std::pair<int64_t, std::string>>& done) {
  for (const auto& [id, outcome] : done) {
    Result<sql::Statement*> st = statement(kComplete);
    if (!st.ok())
      return st.error();
    st.value()->bind(1, std::string_view(outcome)).bind(2, id);
    Status s = st.value()->run();
    st.value()->reset();
    if (!s.ok())
      return s;
  }
  return {};
}

Status LineInbox::complete(int64_t id, const std::string& outcome) {
  return complete({{id, outcome}});
}

Status LineInbox::complete(const std::vector<std::pair<int64_t, std::string>>& done) {
  if (done.empty())
    return {};
  return write_grouped([&] { return complete_locked(done); });
}

Result<int> LineInbox::prune(int64_t now_ms, int64_t keep_ms) {
  // Rows are inserted in time order, so the old rows are a rowid prefix: find where it ends
  // (a walk over the old rows only), then delete it in chunks so that the webhook path never
  // waits behind one long delete.
  int64_t boundary = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    Result<sql::Statement> st = db_->prepare(
        "SELECT coalesce((SELECT id FROM line_inbox WHERE received_ms >= ? ORDER BY id LIMIT 1),"
        " (SELECT max(id) + 1 FROM line_inbox), 0)");
    if (!st.ok())
      return st.error();
    st->bind(1, now_ms - keep_ms);
    Result<bool> r = st->step();
    if (!r.ok())
      return r.error();
    boundary = st->int64(0);
  }
  int deleted = 0;
  for (;;) {
    std::lock_guard<std::mutex> lock(mu_);
    Result<sql::Statement> del = db_->prepare(
        "DELETE FROM line_inbox WHERE id IN (SELECT id FROM line_inbox WHERE id < ? AND "
        "state = 'done' ORDER BY id LIMIT 500)");
    if (!del.ok())
      return del.error();
    del->bind(1, boundary);
    Status s = del->run();
    if (!s.ok())
      return s.error();
    const int n = db_->changes();
    deleted += n;
    if (n < 500)
      break;
  }
  return deleted;
}

Result<int> LineInbox::count(const std::string& state) {
  std::lock_guard<std::mutex> lock(mu_);
  Result<sql::Statement> st = db_->prepare("SELECT count(*) FROM line_inbox WHERE state = ?");
  if (!st.ok())
    return st.error();
  st->bind(1, std::string_view(state));
  Result<bool> r = st->step();
  if (!r.ok())
    return r.error();
  return st->integer(0);
}

Result<std::optional<std::string>> LineInbox::outcome_of(const std::string& event_id) {
  std::lock_guard<std::mutex> lock(mu_);
  Result<sql::Statement> st = db_->prepare("SELECT outcome FROM line_inbox WHERE event_id = ?");
  if (!st.ok())
    return st.error();
  st->bind(1, std::string_view(event_id));
  Result<bool> r = st->step();
  if (!r.ok())
    return r.error();
  if (!*r)
    return std::optional<std::string>();
  return std::optional<std::string>(st->text(0));
}

Result<std::vector<std::string>> LineInbox::payloads() {
  std::lock_guard<std::mutex> lock(mu_);
  Result<sql::Statement> st =
      db_->prepare("SELECT payload FROM line_inbox WHERE payload IS NOT NULL ORDER BY id");
  if (!st.ok())
    return st.error();
  std::vector<std::string> out;
  RETURN_IF_ERROR(st->each_row([&out](const sql::Statement& row) { out.push_back(row.text(0)); }));
  return out;
}

}  // namespace shirube::webhooks::line
