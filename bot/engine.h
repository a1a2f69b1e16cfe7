#pragma once
// Engine: one conversation turn. Loads the session (SQLite, keyed by HMAC(user id, secret)),
// runs crisis check -> navigation -> postback -> intents -> search fallback, saves the
// session and returns a channel-neutral Reply.
// Errors: handle() fails only when the knowledge base fails; a session store that cannot be
// read or written costs the person their place (they start at the root), never the reply.
// erase() reports every failure (a person asking for deletion must not be told it worked).
// Postback data: see intents/tree.h. Free text is never stored.
// Thread-safety: handle()/erase() are safe from several threads; turns of one user are
// serialised.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "bot/reply.h"
#include "common/error.h"
#include "intents/risk.h"

namespace shirube::knowledge {
class KnowledgeBase;
}
namespace shirube::intents {
class CrisisDetector;
class IntentMatcher;
class Tree;
}  // namespace shirube::intents

namespace shirube::bot {

class FoodStore;
class WorkerLinks;

struct EngineOptions {
  std::string session_db = ":memory:";  // sessions live here (may be the knowledge db file)
  // HMAC key for user ids. Empty = 32 random bytes generated once and kept in the
  // session_meta table, so hashes stay stable across restarts.
  std::string user_key_secret;
  int session_ttl_seconds = 24 * 3600;  // an older session starts again at the root
  int stale_days = 365;                 // cards older than this say so
  // Answers of tree steps (and the crisis lines) are reused for this long; 0 = always search.
  int result_cache_seconds = 60;
  // Stored sessions at most; beyond it the ones idle longest are deleted (with the purge of
  // expired ones, every ten minutes).
  std::size_t max_sessions = 200000;
  // The LINE worker mode (bot/worker_links.h): 32 bytes that seal a linked worker's LINE user
  // id for the push of a new food request; "" keeps no id (links work, nothing is pushed).
  std::string worker_link_seal_key;
  // Where a worker who writes in the help chat finds the /worker console (a full URL when the
  // server knows its public address, else the path).
  std::string worker_console_url = "/worker";
  // Seconds since the epoch; empty = the system clock. Tests inject one to expire sessions.
  std::function<std::int64_t()> clock;
};

// What the engine would otherwise load from the files compiled into the binary. Tests and
// benchmarks pass their own; a null member is loaded from the bundled file.
struct EngineParts {
  std::shared_ptr<const intents::CrisisDetector> crisis;
  std::shared_ptr<const intents::IntentMatcher> intents;
  std::shared_ptr<const intents::Tree> tree;
  // Food-support applications (bot/food_store.h); null = opened on EngineOptions::session_db.
  // `serve` passes the one the partner API uses too.
  std::shared_ptr<FoodStore> food;
  // LINE-linked workers (bot/worker_links.h); null = opened on EngineOptions::session_db with
  // EngineOptions::worker_link_seal_key.
  std::shared_ptr<WorkerLinks> worker_links;
};

class Engine {
 public:
  // Error when the rule files, the tree, the reply texts (bot/texts.h) or the session store
  // cannot be loaded.
  static Result<std::unique_ptr<Engine>> create(knowledge::KnowledgeBase& kb,
                                                const EngineOptions& options);
  static Result<std::unique_ptr<Engine>> create(knowledge::KnowledgeBase& kb,
                                                const EngineOptions& options, EngineParts parts);
  virtual ~Engine();

  // `user_id` is the opaque channel id (LINE userId, web chat id); it is hashed before use.
  virtual Result<Reply> handle(const std::string& user_id, const Input& input) = 0;
  // Erases everything stored about this user (session, history, the personal data of their
  // food-support requests and any draft, a worker link). Idempotent.
  virtual Status erase(const std::string& user_id) = 0;
  // The risk level of a text (the crisis detector's check, intents/crisis.h), without a turn
  // and without storing anything: channels order their waiting work by it. Safe from any
  // thread. The base class answers kNone (for test doubles).
  virtual intents::RiskLevel risk_level(std::string_view text) const;
};

}  // namespace shirube::bot
