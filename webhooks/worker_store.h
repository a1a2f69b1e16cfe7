#pragma once
// Support-worker accounts and the referral sheets they make, in two tables of the service
// database (`worker_accounts`, `referrals`; created when missing, beside the knowledge base and
// the sessions).
//
// An account belongs to one organisation of the knowledge base. Its API token is 256 random
// bits from OpenSSL's RAND_bytes ("shw_" + base64url), shown once when the account is made;
// only its SHA-256 is stored, so a copy of the database does not give anyone a token. A revoked
// account no longer authenticates. A referral sheet has an id of 128 random bits (base64url),
// the services picked, an optional note and an expiry (30 days); expired sheets are gone for
// readers at once and removed from the table by purge().
//
// Thread-safety: every method may be called from several threads (one connection, one mutex).

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace shirube::sql {
class Database;
}

namespace shirube::webhooks {

struct WorkerAccount {
  int64_t id = 0;
  std::string org_id;
  std::string name;
  int64_t created_at = 0;  // Unix seconds
  bool revoked = false;
};

struct NewWorker {
  WorkerAccount account;
  std::string token;  // shown once, never stored
};

struct Referral {
  std::string id;
  int64_t worker_id = 0;
  std::vector<std::string> service_ids;
  std::string note;
  int64_t created_at = 0;  // Unix seconds
  int64_t expires_at = 0;
};

constexpr int64_t kReferralLifetimeSeconds = 30LL * 24 * 3600;

class WorkerStore {
 public:
  // Opens `path` (":memory:" allowed) and creates the tables when missing. kUnavailable when the
  // file cannot be opened.
  static Result<std::unique_ptr<WorkerStore>> open(const std::string& path);
  ~WorkerStore();

  // A new account. `org_id` and `name` must be non-empty (the caller checks that the
  // organisation exists). kInternal when the random source fails.
  Result<NewWorker> add(const std::string& org_id, const std::string& name, int64_t now);
  Result<std::vector<WorkerAccount>> list();
  // kNotFound when there is no such account; revoking twice is fine.
  Status revoke(int64_t id, int64_t now);
  // The active account whose token this is; nullopt for an unknown or revoked token.
  Result<std::optional<WorkerAccount>> authenticate(std::string_view token);

  // A new sheet that expires `kReferralLifetimeSeconds` after `now`.
  Result<Referral> create_referral(int64_t worker_id, const std::vector<std::string>& service_ids,
                                   const std::string& note, int64_t now);
  // The sheet, or nullopt when it does not exist or has expired at `now`.
  Result<std::optional<Referral>> referral(const std::string& id, int64_t now);
  // Deletes the sheets expired at `now`; returns how many.
  Result<int> purge(int64_t now);

 private:
  explicit WorkerStore(std::unique_ptr<sql::Database> db);
  std::mutex mu_;
  std::unique_ptr<sql::Database> db_;
};

// 32 random bytes as "shw_" + base64url (no padding); kInternal when RAND_bytes fails.
Result<std::string> new_worker_token();
// `bytes` random bytes as base64url without padding.
Result<std::string> random_id(std::size_t bytes);
// Lowercase hex SHA-256 of the text.
std::string sha256_hex(std::string_view text);
// The token of an "Authorization: Bearer <token>" header value ("" when it is not one).
std::string bearer_token(std::string_view authorization);

}  // namespace shirube::webhooks
