#include "bot/worker_links.h"

#include "common/crockford.h"
#include "common/crypto.h"
#include "common/sqlite.h"

namespace shirube::bot {

namespace {

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS worker_link_codes ("
    "  id INTEGER PRIMARY KEY,"
    "  org_id TEXT NOT NULL,"
    "  code_hash TEXT NOT NULL UNIQUE,"
    "  created_at INTEGER NOT NULL,"
    "  expires_at INTEGER NOT NULL,"
    "  used_at INTEGER);"
    "CREATE TABLE IF NOT EXISTS worker_line_links ("
    "  id INTEGER PRIMARY KEY,"
    "  org_id TEXT NOT NULL,"
    "  user_key TEXT NOT NULL UNIQUE,"  // keyed hash of the channel user id
    "  sealed_user TEXT NOT NULL,"      // base64 of the sealed LINE user id; "" = none
    "  linked_at INTEGER NOT NULL,"
    "  revoked_at INTEGER);"
    "CREATE TABLE IF NOT EXISTS worker_link_failures ("
    "  user_key TEXT NOT NULL,"
    "  at INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS worker_link_failures_user ON worker_link_failures(user_key, at);";

constexpr std::string_view kHashLabel = "shirube worker link code";
constexpr std::int64_t kFailureWindowSeconds = 3600;

std::string code_hash(const std::string& folded) {
  return crypto::hmac_sha256_hex(kHashLabel, folded);
}

}  // namespace

WorkerLinks::WorkerLinks(std::unique_ptr<sql::Database> db, std::string seal_key)
    : db_(std::move(db)), seal_key_(std::move(seal_key)) {}

WorkerLinks::~WorkerLinks() = default;

Result<std::unique_ptr<WorkerLinks>> WorkerLinks::open(const std::string& path,
                                                       const std::string& seal_key) {
  if (!seal_key.empty() && seal_key.size() != 32)
    return Error::invalid_argument("seal_key", "expected 32 bytes");
  auto db = sql::Database::open(path);
  if (!db.ok())
    return db.error();
  if (Status s = (*db)->exec(kSchema); !s.ok())
    return Error::unavailable(path, "worker link tables: " + s.error().what());
  return std::unique_ptr<WorkerLinks>(new WorkerLinks(std::move(db).value(), seal_key));
}

std::string WorkerLinks::fold_code(std::string_view typed) {
  return crockford_fold(typed, kCodeLength).value_or(std::string());
}

Result<LinkCode> WorkerLinks::new_code(const std::string& org_id, std::int64_t now) {
  if (org_id.empty())
    return Error::invalid_argument("org", "required");
  ASSIGN_OR_RETURN(const std::string folded, crockford_random(kCodeLength));
  LinkCode code{folded.substr(0, 5) + "-" + folded.substr(5), org_id, now + kCodeLifetimeSeconds};
  std::lock_guard<std::mutex> lock(mu_);
  RETURN_IF_ERROR(
      db_->run("INSERT INTO worker_link_codes (org_id, code_hash, created_at, expires_at) "
               "VALUES (?1, ?2, ?3, ?4)",
               org_id, code_hash(folded), now, code.expires_at));
  return code;
}

Result<int> WorkerLinks::failures_locked(const std::string& user_key, std::int64_t now) {
  ASSIGN_OR_RETURN(sql::Statement st,
                   db_->query("SELECT COUNT(*) FROM worker_link_failures WHERE user_key = ?1 "
                              "AND at > ?2",
                              user_key, now - kFailureWindowSeconds));
  ASSIGN_OR_RETURN(const std::int64_t n, st.first_int());
  return static_cast<int>(n);
}

Status WorkerLinks::note_failure_locked(const std::string& user_key, std::int64_t now) {
  RETURN_IF_ERROR(
      db_->run("DELETE FROM worker_link_failures WHERE at <= ?1", now - kFailureWindowSeconds));
  return db_->run("INSERT INTO worker_link_failures (user_key, at) VALUES (?1, ?2)", user_key, now);
}

Result<LinkResult> WorkerLinks::redeem(std::string_view typed, const std::string& user_key,
                                       const std::string& line_user_id, std::int64_t now) {
  const std::string folded = fold_code(typed);
  std::lock_guard<std::mutex> lock(mu_);
  auto failures = failures_locked(user_key, now);
  if (!failures.ok())
    return failures.error();
  if (*failures >= kMaxFailures)
    return LinkResult{LinkOutcome::kLimited, ""};
  auto result = redeem_locked(folded, user_key, line_user_id, now);
  if (result.ok() && result->outcome != LinkOutcome::kLinked) {
    if (Status s = note_failure_locked(user_key, now); !s.ok())
      return s.error();
  }
  return result;
}

Result<LinkResult> WorkerLinks::redeem_locked(const std::string& folded,
                                              const std::string& user_key,
                                              const std::string& line_user_id, std::int64_t now) {
  if (folded.empty())
    return LinkResult{LinkOutcome::kWrong, ""};
  sql::Transaction tx(*db_);
  if (!tx.begin_status().ok())
    return tx.begin_status().error();
  auto st = db_->query(
      "SELECT id, org_id, expires_at, used_at FROM worker_link_codes WHERE code_hash = ?1",
      code_hash(folded));
  if (!st.ok())
    return st.error();
  auto row = st->step();
  if (!row.ok())
    return row.error();
  if (!*row)
    return LinkResult{LinkOutcome::kWrong, ""};
  const std::int64_t code_id = st->int64(0);
  const std::string org = st->text(1);
  if (!st->is_null(3))
    return LinkResult{LinkOutcome::kUsed, ""};
  if (st->int64(2) <= now)
    return LinkResult{LinkOutcome::kExpired, ""};
  RETURN_IF_ERROR(
      db_->run("UPDATE worker_link_codes SET used_at = ?1 WHERE id = ?2", now, code_id));
  const std::string sealed = seal_key_.empty()
                                 ? std::string()
                                 : crypto::base64_encode(crypto::seal(seal_key_, line_user_id));
  RETURN_IF_ERROR(db_->run(
      "INSERT INTO worker_line_links (org_id, user_key, sealed_user, linked_at) "
      "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(user_key) DO UPDATE SET org_id = excluded.org_id, "
      "sealed_user = excluded.sealed_user, linked_at = excluded.linked_at, revoked_at = NULL",
      org, user_key, sealed, now));
  if (Status s = tx.commit(); !s.ok())
    return s.error();
  return LinkResult{LinkOutcome::kLinked, org};
}

Result<std::optional<std::string>> WorkerLinks::org_of(const std::string& user_key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto st = db_->cached(
      "SELECT org_id FROM worker_line_links WHERE user_key = ?1 AND revoked_at IS NULL");
  if (!st.ok())
    return st.error();
  sql::Statement& sel = **st;
  sel.bind(1, std::string_view(user_key));
  auto row = sel.step();
  std::optional<std::string> org;
  if (row.ok() && *row)
    org = sel.text(0);
  sel.reset();
  if (!row.ok())
    return row.error();
  return org;
}

Result<std::vector<LineWorker>> WorkerLinks::list() {
  std::lock_guard<std::mutex> lock(mu_);
  auto st =
      db_->prepare("SELECT id, org_id, linked_at, revoked_at FROM worker_line_links ORDER BY id");
  if (!st.ok())
    return st.error();
  std::vector<LineWorker> out;
  Status s = st->each_row([&](const sql::Statement& r) {
    out.push_back({r.int64(0), r.text(1), r.int64(2), !r.is_null(3)});
  });
  if (!s.ok())
    return s.error();
  return out;
}

Status WorkerLinks::revoke(std::int64_t id, std::int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  RETURN_IF_ERROR(db_->run(
      "UPDATE worker_line_links SET revoked_at = COALESCE(revoked_at, ?1) WHERE id = ?2", now, id));
  if (db_->changes() == 0)
    return Error::not_found("id", "no LINE worker L" + std::to_string(id));
  return {};
}

Result<std::vector<std::string>> WorkerLinks::push_targets(const std::string& org_id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto st = db_->query(
      "SELECT sealed_user FROM worker_line_links WHERE org_id = ?1 AND revoked_at IS NULL "
      "AND sealed_user != '' ORDER BY id",
      org_id);
  if (!st.ok())
    return st.error();
  std::vector<std::string> out;
  Status s = st->each_row([&](const sql::Statement& r) {
    const auto raw = crypto::base64_decode(r.text(0));
    if (!raw || seal_key_.empty())
      return;
    if (auto id = crypto::open_sealed(seal_key_, *raw))
      out.push_back(std::move(*id));
  });
  if (!s.ok())
    return s.error();
  return out;
}

Status WorkerLinks::erase_user(const std::string& user_key) {
  std::lock_guard<std::mutex> lock(mu_);
  return db_->run("DELETE FROM worker_line_links WHERE user_key = ?1", user_key);
}

}  // namespace shirube::bot
