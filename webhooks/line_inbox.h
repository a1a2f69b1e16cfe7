#pragma once
// LineInbox: the durable queue between POST /callback and the workers (SQLite, table
// `line_inbox`). An accepted event is one row, written before the webhook answers 200:
//   pending: `payload` holds only what is needed to answer (the kind of input, the text or
//            postback data, the reply token and the raw chat id to push to), sealed with
//            AES-256-GCM under the key given to open(): no raw user id or text is ever
//            written to the file, its WAL or a freed page, so none is left there after a
//            crash either; `risk` the risk level found on acceptance (never the text).
//   done:    `payload` and `message_id` are NULL; what remains is the webhookEventId (for
//            dedupe), the keyed hash of the user id, the outcome and times.
// Done rows are pruned after `keep_ms` (default 48 h), so duplicates are dropped for at
// least that long. A payload that does not open under the key (written under another key)
// is read as "" (nothing to do); payloads of earlier versions (plain JSON) are read as they
// are.
// Thread-safety: all methods are safe from any thread (one connection behind a mutex).
// Writes (accept, begin, complete, mark_reply_attempted) are group-committed: calls that
// arrive while a transaction is being written share the next one. Each caller still returns
// only after its own write is committed (or failed), so durability is that of one
// transaction per call; what is shared is the commit. Statements are prepared once.
// Durability (file inboxes, WAL): InboxSync::kNormal (the default) writes each commit to the
// WAL before accept() returns (a crash of the process loses nothing acknowledged) and fsyncs
// at checkpoints (a power loss can lose the commits since the last one, at most about a
// quarter of a second of them); InboxSync::kFull also fsyncs the WAL in every commit (a power
// loss loses nothing acknowledged). docs/benchmarks.md "Inbox durability" has the cost.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/error.h"

namespace shirube::sql {
class Database;
class Statement;
}  // namespace shirube::sql

namespace shirube::webhooks::line {

enum class InboxSync { kNormal, kFull };

struct InboxItem {
  std::string event_id;    // webhookEventId (dedupe key)
  std::string event_type;  // "message", ...
  std::string payload;     // JSON work description; "" = nothing to do (stored as done)
  std::string message_id;  // message events: for unsend; "" otherwise
  std::string user_hash;   // keyed hash of the user id, "" when none
  int risk = 0;            // intents::RiskLevel of a text message: 0 none, 1 check, 2 crisis
};

// A pending row as start() needs it to queue the row again.
struct PendingRef {
  int64_t id = 0;
  std::string user_hash;  // "" when none
  int risk = 0;
};

struct InboxRow {
  int64_t id = 0;
  std::string event_id;
  std::string event_type;
  int64_t received_ms = 0;
  std::string payload;
  int risk = 0;                  // as accepted
  bool unreadable = false;       // the payload did not open under this key
  int attempts = 0;              // times processing started before this one
  bool reply_attempted = false;  // a Reply API call may have reached LINE
};

struct AcceptResult {
  std::vector<int64_t> inserted;            // row ids of new pending events, in input order
  std::vector<std::string> inserted_keys;   // their user_hash ("" when none), same order
  std::vector<std::size_t> inserted_items;  // their index in the accepted items, same order
  int accepted = 0;                         // new events (pending or done at once)
  int duplicates = 0;                       // events already in the inbox (dropped)
  int scrubbed = 0;                         // pending rows whose text was dropped by an unsend
};

class LineInbox {
 public:
  // Opens (creating the table if needed, adding columns an earlier version lacked).
  // `seal_key`: 32 bytes (seal_key_for()). Error: kUnavailable when the file cannot be
  // opened; kInvalidArgument for a key of another length. `sync`: see the top of this file.
  static Result<std::unique_ptr<LineInbox>> open(const std::string& path,
                                                 const std::string& seal_key,
                                                 InboxSync sync = InboxSync::kNormal);
  // The payload key of a channel: HMAC-SHA256(channel secret, a label of its own), so it is
  // neither the signature key nor the key of the user hash. A new channel secret makes the
  // payloads still pending unreadable (those events are then not answered).
  static std::string seal_key_for(const std::string& channel_secret);
  ~LineInbox();
  LineInbox(const LineInbox&) = delete;
  LineInbox& operator=(const LineInbox&) = delete;

  // In one transaction: inserts the events not seen before and, for each unsent message id,
  // drops the stored payload of a still-pending row of that message (it is then done with
  // outcome "unsent"). Nothing is written when it fails. Concurrent calls are group-committed
  // (one transaction for all callers waiting at that moment); each gets its own result.
  Result<AcceptResult> accept(const std::vector<InboxItem>& items,
                              const std::vector<std::string>& unsent_message_ids, int64_t now_ms);

  // Pending rows, oldest first (used at start to resume after a crash).
  Result<std::vector<int64_t>> pending_ids();
  // The same with each row's user_hash and risk level.
  Result<std::vector<PendingRef>> pending();
  // Loads a pending row and, in the same write, counts the attempt and records that a
  // reply may be sent from now on. The returned row has the values from before this call
  // (attempts = earlier starts; reply_attempted = an earlier start may have used the reply
  // token). nullopt when the row is not pending. Committed before it returns.
  Result<std::optional<InboxRow>> begin(int64_t id);
  // begin() for several rows in one write: one entry per id, in order (nullopt for a row
  // that is not pending). A row claimed here counts as attempted (its reply token is not
  // used again) even if the caller stops before answering it: after a restart it is
  // answered by push.
  // `done` (rows finished meanwhile, with their outcomes) are completed in the same write,
  // before the claims.
  Result<std::vector<std::optional<InboxRow>>> begin(
      const std::vector<int64_t>& ids,
      const std::vector<std::pair<int64_t, std::string>>& done = {});
  // Records that a reply may reach LINE (begin() already does; kept for callers that
  // reply without begin()).
  Status mark_reply_attempted(int64_t id);
  // Marks the row done with `outcome` and scrubs payload and message id. Committed before it
  // returns.
  Status complete(int64_t id, const std::string& outcome);
  // complete() for several rows (id, outcome) in one write.
  Status complete(const std::vector<std::pair<int64_t, std::string>>& done);
  // Deletes done rows received before now - keep_ms (in chunks; file inboxes also do this
  // every 10 minutes in the background). Returns the number deleted.
  Result<int> prune(int64_t now_ms, int64_t keep_ms = 48LL * 3600 * 1000);

  // For tests and metrics.
  Result<int> count(const std::string& state);
  Result<std::optional<std::string>> outcome_of(const std::string& event_id);
  // All stored payload text (pending rows, as stored: sealed), for privacy assertions.
  Result<std::vector<std::string>> payloads();

 private:
  struct PendingWrite;
  // Prepared once per connection (db_->cached()), reused under mu_.
  enum Stmt { kInsert, kScrub, kLoadPending, kMarkBegun, kMarkReply, kComplete, kStmtCount };

  LineInbox(std::unique_ptr<sql::Database> db, std::unique_ptr<sql::Database> checkpoint_db,
            std::string seal_key);
  std::string seal(const std::string& payload) const;
  // The payload of a stored value; nullopt when it does not open under seal_key_.
  std::optional<std::string> unseal(const std::string& stored) const;
  void checkpoint_loop();
  // Runs `op` (its statements, with mu_ held) inside a transaction shared with the writes
  // queued at the same moment, and returns once that transaction is committed. When any
  // write of the batch fails, the transaction is rolled back and every caller gets that
  // error (a caller's outputs are then meaningless).
  Status write_grouped(const std::function<Status()>& op);
  // One transaction for the whole batch; one status per request.
  std::vector<Status> commit_batch(const std::vector<PendingWrite*>& batch);
  // The cached statement `which`, reset and ready to bind. Requires mu_.
  Result<sql::Statement*> statement(Stmt which);
  Status begin_locked(int64_t id, std::optional<InboxRow>& out);
  Status complete_locked(const std::vector<std::pair<int64_t, std::string>>& done);

  const std::string seal_key_;
  std::mutex mu_;  // guards db_ (and its cached statements)
  std::unique_ptr<sql::Database> db_;
  std::mutex batch_mu_;  // guards batch_ and leader_active_
  std::condition_variable batch_cv_;
  std::vector<PendingWrite*> batch_;
  bool leader_active_ = false;
  // Background WAL checkpoints (file databases only).
  std::unique_ptr<sql::Database> checkpoint_db_;
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_cv_;
  bool stopping_ = false;
  std::thread checkpointer_;
};

}  // namespace shirube::webhooks::line
