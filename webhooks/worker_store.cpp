#include "webhooks/worker_store.h"

#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "common/crypto.h"
#include "common/sqlite.h"

namespace shirube::webhooks {

namespace {

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS worker_accounts ("
    "  id INTEGER PRIMARY KEY,"
    "  org_id TEXT NOT NULL,"
    "  name TEXT NOT NULL,"
    "  token_sha256 TEXT NOT NULL UNIQUE,"
    "  created_at INTEGER NOT NULL,"
    "  revoked_at INTEGER);"
    "CREATE TABLE IF NOT EXISTS referrals ("
    "  id TEXT PRIMARY KEY,"
    "  worker_id INTEGER NOT NULL REFERENCES worker_accounts(id),"
    "  service_ids TEXT NOT NULL,"
    "  note TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL,"
    "  expires_at INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS referrals_expiry ON referrals(expires_at);";

std::string base64url(std::string_view bytes) {
  std::string s = crypto::base64_encode(bytes);
  while (!s.empty() && s.back() == '=')
    s.pop_back();
  for (char& c : s) {
    if (c == '+')
      c = '-';
    else if (c == '/')
      c = '_';
  }
  return s;
}

WorkerAccount account_from(const sql::Statement& st) {
  WorkerAccount a;
  a.id = st.int64(0);
  a.org_id = st.text(1);
  a.name = st.text(2);
  a.created_at = st.int64(3);
  a.revoked = !st.is_null(4);
  return a;
}

}  // namespace

Result<std::string> random_id(std::size_t bytes) {
  std::string raw(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes)) != 1)
    return Error::internal("random", "RAND_bytes failed");
  return base64url(raw);
}

Result<std::string> new_worker_token() {
  auto r = random_id(32);
  if (!r.ok())
    return r.error();
  return "shw_" + r.value();
}

std::string sha256_hex(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(text.data(), text.size(), digest, &len, EVP_sha256(), nullptr);
  return crypto::to_hex(std::string_view(reinterpret_cast<const char*>(digest), len));
}

std::string bearer_token(std::string_view authorization) {
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size())
    return {};
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    char c = authorization[i];
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
    if (c != kScheme[i])
      return {};
  }
  std::string_view token = authorization.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ')
    token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ')
    token.remove_suffix(1);
  return std::string(token);
}

WorkerStore::WorkerStore(std::unique_ptr<sql::Database> db) : db_(std::move(db)) {}
WorkerStore::~WorkerStore() = default;

Result<std::unique_ptr<WorkerStore>> WorkerStore::open(const std::string& path) {
  auto db = sql::Database::open(path);
  if (!db.ok())
    return db.error();
  Status s = db.value()->exec(kSchema);
  if (!s.ok())
    return s.error();
  return std::unique_ptr<WorkerStore>(new WorkerStore(std::move(db).value()));
}

Result<NewWorker> WorkerStore::add(const std::string& org_id, const std::string& name,
                                   int64_t now) {
  if (org_id.empty())
    return Error::invalid_argument("org", "required");
  if (name.empty())
    return Error::invalid_argument("name", "required");
  auto token = new_worker_token();
  if (!token.ok())
    return token.error();
  std::lock_guard<std::mutex> lock(mu_);
  auto st = db_->prepare(
      "INSERT INTO worker_accounts (org_id, name, token_sha256, created_at) VALUES (?, ?, ?, ?)");
  if (!st.ok())
    return st.error();
  st->bind(1, org_id).bind(2, name).bind(3, sha256_hex(token.value())).bind(4, now);
  Status s = st->run();
  if (!s.ok())
    return s.error();
  NewWorker out;
  out.account = {db_->last_insert_rowid(), org_id, name, now, false};
  out.token = std::move(token).value();
  return out;
}

Result<std::vector<WorkerAccount>> WorkerStore::list() {
  std::lock_guard<std::mutex> lock(mu_);
  auto st = db_->prepare(
      "SELECT id, org_id, name, created_at, revoked_at FROM worker_accounts ORDER BY id");
  if (!st.ok())
    return st.error();
  std::vector<WorkerAccount> out;
  Status s = st->each_row([&](const sql::Statement& row) { out.push_back(account_from(row)); });
  if (!s.ok())
    return s.error();
  return out;
}

Status WorkerStore::revoke(int64_t id, int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto st =
      db_->prepare("UPDATE worker_accounts SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?");
  if (!st.ok())
    return st.error();
  st->bind(1, now).bind(2, id);
  Status s = st->run();
  if (!s.ok())
    return s;
  if (db_->changes() == 0)
    return Error::not_found("id", "no worker account " + std::to_string(id));
  return {};
}

Result<std::optional<WorkerAccount>> WorkerStore::authenticate(std::string_view token) {
  if (token.empty() || token.size() > 200)
    return std::optional<WorkerAccount>();
  const std::string hash = sha256_hex(token);
  std::lock_guard<std::mutex> lock(mu_);
  auto st = db_->cached(
      "SELECT id, org_id, name, created_at, revoked_at FROM worker_accounts "
      "WHERE token_sha256 = ? AND revoked_at IS NULL");
  if (!st.ok())
    return st.error();
  st.value()->bind(1, hash);
  auto r = st.value()->step();
  if (!r.ok())
    return r.error();
  if (!r.value())
    return std::optional<WorkerAccount>();
  std::optional<WorkerAccount> out = account_from(*st.value());
  st.value()->reset();
  return out;
}

Result<Referral> WorkerStore::create_referral(int64_t worker_id,
                                              const std::vector<std::string>& service_ids,
                                              const std::string& note, int64_t now) {
  auto id = random_id(16);
  if (!id.ok())
    return id.error();
  Referral ref{id.value(), worker_id, service_ids, note, now, now + kReferralLifetimeSeconds};
  std::lock_guard<std::mutex> lock(mu_);
  auto st = db_->prepare(
      "INSERT INTO referrals (id, worker_id, service_ids, note, created_at, expires_at) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  if (!st.ok())
    return st.error();
  st->bind(1, ref.id)
      .bind(2, worker_id)
      .bind(3, nlohmann::json(service_ids).dump())
      .bind(4, note)
      .bind(5, now)
      .bind(6, ref.expires_at);
  Status s = st->run();
  if (!s.ok())
    return s.error();
  return ref;
}

Result<std::optional<Referral>> WorkerStore::referral(const std::string& id, int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto st = db_->prepare(
      "SELECT id, worker_id, service_ids, note, created_at, expires_at FROM referrals "
      "WHERE id = ? AND expires_at > ?");
  if (!st.ok())
    return st.error();
  st->bind(1, id).bind(2, now);
  auto r = st->step();
  if (!r.ok())
    return r.error();
  if (!r.value())
    return std::optional<Referral>();
  Referral ref;
  ref.id = st->text(0);
  ref.worker_id = st->int64(1);
  const auto ids = nlohmann::json::parse(st->text(2), nullptr, false);
  if (ids.is_array()) {
    for (const auto& v : ids) {
      if (v.is_string())
        ref.service_ids.push_back(v.get<std::string>());
    }
  }
  ref.note = st->text(3);
  ref.created_at = st->int64(4);
  ref.expires_at = st->int64(5);
  return std::optional<Referral>(std::move(ref));
}

Result<int> WorkerStore::purge(int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto st = db_->prepare("DELETE FROM referrals WHERE expires_at <= ?");
  if (!st.ok())
    return st.error();
  st->bind(1, now);
  Status s = st->run();
  if (!s.ok())
    return s.error();
  return db_->changes();
}

}  // namespace shirube::webhooks
