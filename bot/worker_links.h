#pragma once
// WorkerLinks: support workers who use the bot over LINE (`shirube worker link`, then
// 「支援者登録 CODE」 in the LINE chat), in three tables of the service database:
//   worker_link_codes    one-time codes: only the SHA-256 of the code, the organisation,
//                        the expiry (24 h) and when it was used;
//   worker_line_links    linked LINE users: the keyed hash of the channel user id (the
//                        session key, bot/session_store.h), the organisation, and the LINE
//                        user id sealed with AES-256-GCM (common/crypto.h) under the key given
//                        to open(), for the push of a new food request and nothing else;
//   worker_link_failures the times a user hash sent a code that did not work (brute force:
//                        after kMaxFailures in an hour every code is refused for that hour).
// A code is 10 characters of Crockford base32 (50 random bits), shown as XXXXX-XXXXX; what a
// person types is folded (lower case, I/L -> 1, O -> 0, hyphens and spaces dropped).
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

namespace shirube::bot {

struct LinkCode {
  std::string code;  // "K3M9Q-X2T7A": shown once, only its hash is stored
  std::string org_id;
  std::int64_t expires_at = 0;
};

struct LineWorker {
  std::int64_t id = 0;
  std::string org_id;
  std::int64_t linked_at = 0;
  bool revoked = false;
};

enum class LinkOutcome { kLinked, kWrong, kExpired, kUsed, kLimited };

struct LinkResult {
  LinkOutcome outcome = LinkOutcome::kWrong;
  std::string org_id;  // kLinked: the organisation
};

class WorkerLinks {
 public:
  static constexpr std::int64_t kCodeLifetimeSeconds = 24 * 3600;
  static constexpr int kMaxFailures = 5;  // per user hash and hour
  static constexpr std::size_t kCodeLength = 10;

  // Opens `path` (":memory:" allowed) and creates the tables. `seal_key`: 32 bytes to seal
  // the LINE user id of a link (push), or "" to keep no id (no push possible).
  // kInvalidArgument for a key of another length.
  static Result<std::unique_ptr<WorkerLinks>> open(const std::string& path,
                                                   const std::string& seal_key);
  ~WorkerLinks();
  WorkerLinks(const WorkerLinks&) = delete;
  WorkerLinks& operator=(const WorkerLinks&) = delete;

  // A new one-time code for `org_id` (non-empty; the caller checks that it exists).
  Result<LinkCode> new_code(const std::string& org_id, std::int64_t now);
  // Redeems `typed` (as written after 「支援者登録」) for the user `user_key`; `line_user_id`
  // is sealed for the push. On kLinked the code is used and the user linked (again, if an
  // earlier link was revoked); on anything else nothing changes but the failure count.
  Result<LinkResult> redeem(std::string_view typed, const std::string& user_key,
                            const std::string& line_user_id, std::int64_t now);
  // The organisation of the user's active link; nullopt when none (or revoked).
  Result<std::optional<std::string>> org_of(const std::string& user_key);
  Result<std::vector<LineWorker>> list();
  // kNotFound when there is no such link; revoking twice is fine.
  Status revoke(std::int64_t id, std::int64_t now);
  // The LINE user ids of the active links of `org_id` (the sealed ones that open).
  Result<std::vector<std::string>> push_targets(const std::string& org_id);
  // Removes the user's link (「データを消して」, unfollow).
  Status erase_user(const std::string& user_key);

  // The code as stored for hashing: upper case Crockford, or "" when it cannot be one.
  static std::string fold_code(std::string_view typed);

 private:
  WorkerLinks(std::unique_ptr<sql::Database> db, std::string seal_key);
  Result<int> failures_locked(const std::string& user_key, std::int64_t now);
  Status note_failure_locked(const std::string& user_key, std::int64_t now);
  Result<LinkResult> redeem_locked(const std::string& folded, const std::string& user_key,
                                   const std::string& line_user_id, std::int64_t now);
  std::mutex mu_;
  std::unique_ptr<sql::Database> db_;
  const std::string seal_key_;
};

}  // namespace shirube::bot
