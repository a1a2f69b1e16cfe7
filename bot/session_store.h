#pragma once
// SessionStore: where each person is in the conversation, in SQLite (`session_meta`,
// `session_state`). Rows are keyed by HMAC-SHA256(user id, secret) in hex: the raw channel id
// is never stored. A session older than the time-to-live counts as absent (the person starts
// again at the root) and is purged. Free text is never stored here.
// Thread-safety: all methods are safe from several threads (one connection behind a mutex).
// The caller serialises turns of one user (see user_stripe()).
// The most recently used sessions (kCacheEntries) are also kept in memory, written through:
// load() answers from memory what this store itself saved, so one process must own the
// database (as `shirube serve` does; its LINE inbox requires that too).

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/error.h"
#include "common/reply_lang.h"

namespace shirube::sql {
class Database;
}

namespace shirube::bot {

// One place in the tree with the slots that go with it.
struct Snapshot {
  std::string node = "root";
  int prefecture = -1;    // -1 = not asked yet, 0 = nationwide, 1..47 = JIS code
  std::string situation;  // "" = none
  int page = 0;           // results page (0-based)
  bool operator==(const Snapshot& o) const {
    return node == o.node && prefecture == o.prefecture && situation == o.situation &&
           page == o.page;
  }
};

// The LINE worker mode (bot/worker_mode.h): a linked support worker searching for a person
// they support. `on` only while the worker is in the mode (「支援者モード終了」 leaves it; the
// link itself is in bot/worker_links.h).
struct WorkerSearch {
  bool on = false;
  std::string need;     // category id; "" = not chosen yet
  int prefecture = -1;  // -1 = not asked yet, 0 = nationwide, 1..47
  std::string city;     // municipality as written (「甲府市」); "" = the whole prefecture
  int page = 0;         // results page (0-based)
  bool operator==(const WorkerSearch& o) const {
    return on == o.on && need == o.need && prefecture == o.prefecture && city == o.city &&
           page == o.page;
  }
};

struct SessionState {
  Snapshot current;
  std::vector<Snapshot> history;  // for 戻る, most recent last (bounded)
  std::optional<Snapshot> resume;  // where ほかの相談先もみる returns after a crisis answer,
                                   // and where ちがう leads after the check question
  bool asked = false;           // the check question is waiting for うん / ちがう
  bool asked_violence = false;  // that question was about danger from someone (うん -> 110 side)
  std::string lang;             // language of the person's messages ("" = not known yet)
  // The reply variant (日本語, やさしい日本語, English): English once a message is detected as
  // not Japanese, until the person chooses; `reply_chosen` once they did (a button, a typed
  // 「やさしい日本語」「English」「日本語」, the chat API's "lang"), after which detection no
  // longer changes it.
  ReplyLang reply = ReplyLang::kJa;
  bool reply_chosen = false;
  // The person writes in another language or reads English (lines that answer in English or
  // serve foreign residents come first).
  bool reads_other_language() const {
    return reply == ReplyLang::kEn || (!lang.empty() && lang != "ja");
  }
  // "food" while the food-support form is open (its answers are in FoodStore's draft, never
  // here); "" otherwise.
  std::string form;
  // This turn's user key, set by the engine for the handlers; never stored.
  std::string user_key;
  // This turn's channel user id (bot/channel_user.h: "line:<userId>"), for the worker link
  // only; never stored.
  std::string channel_user;
  WorkerSearch worker;
  // The person writes for someone they support (a worker in the help chat,
  // bot/worker_message.h): answers speak of 「ご本人」 and the area is kept across topics.
  bool supporter = false;
  static constexpr std::size_t kMaxHistory = 20;
  void push(const Snapshot& s);  // drops the oldest beyond kMaxHistory
};

class SessionStore {
 public:
  // Opens or creates the tables in `path`. An empty `secret` loads (or, the first time,
  // generates with RAND_bytes and stores) a 32-byte secret in session_meta.
  static Result<std::unique_ptr<SessionStore>> open(const std::string& path,
                                                    const std::string& secret);
  ~SessionStore();
  SessionStore(const SessionStore&) = delete;
  SessionStore& operator=(const SessionStore&) = delete;

  // Lower-case hex HMAC-SHA256 of `user_id` (64 characters).
  std::string user_key(const std::string& user_id) const;
  // nullopt when there is no session or it was last saved before `now - ttl_seconds`.
  Result<std::optional<SessionState>> load(const std::string& key, std::int64_t now,
                                           std::int64_t ttl_seconds);
  Status save(const std::string& key, const SessionState& state, std::int64_t now);
  Status erase(const std::string& key);
  // Deletes sessions last saved before `cutoff`; returns how many.
  Result<int> purge(std::int64_t cutoff);
  // Keeps at most `max_sessions` sessions: deletes the ones idle longest beyond that (ids
  // anyone may choose, sent faster than the time to live removes them, must not fill the
  // disk). Returns how many were deleted.
  Result<int> cap(std::size_t max_sessions);
  // Number of stored sessions (tests, benchmarks).
  Result<int> count();
  // Sessions held in memory (tests).
  std::size_t cached_count();

  static constexpr std::size_t kCacheEntries = 4096;

  // Serialisation used by load/save (exposed for tests).
  static std::string encode(const SessionState& state);
  static std::optional<SessionState> decode(const std::string& text);

 private:
  SessionStore(std::unique_ptr<sql::Database> db, std::string secret);
  std::unique_ptr<sql::Database> db_;
  std::string secret_;
  std::mutex mu_;  // guards db_ (and its cached statements) and the members below
  // Written through: every entry equals its row (state, updated_at). Most recent first.
  struct Cached {
    SessionState state;
    std::int64_t updated_at = 0;
    std::list<std::string>::iterator lru;
  };
  void remember(const std::string& key, const SessionState& state, std::int64_t updated_at);
  void forget(const std::string& key);
  std::list<std::string> lru_;
  std::unordered_map<std::string, Cached> cache_;
};

}  // namespace shirube::bot
