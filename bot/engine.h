#pragma once
// Engine: one conversation turn. Loads the session (SQLite, keyed by HMAC(user id, secret)),
// runs crisis check -> navigation -> postback -> intents -> search fallback, saves the
// session and returns a channel-neutral Reply.
// Thread-safety: handle()/erase() are safe from several threads; turns of one user are
// serialised.

#include <memory>
#include <string>

#include "bot/reply.h"
#include "common/error.h"

namespace shirube::knowledge {
class KnowledgeBase;
}

namespace shirube::bot {

struct EngineOptions {
  std::string session_db = ":memory:";  // sessions live here (may be the knowledge db file)
  std::string user_key_secret;          // HMAC key for user ids; required, non-empty
  int session_ttl_seconds = 24 * 3600;
  int stale_days = 365;                 // cards older than this say so
};

class Engine {
 public:
  // Error when the rule files, the tree or the session store cannot be loaded.
  static Result<std::unique_ptr<Engine>> create(knowledge::KnowledgeBase& kb,
                                                const EngineOptions& options);
  virtual ~Engine();

  // `user_id` is the opaque channel id (LINE userId, web chat id); it is hashed before use.
  virtual Result<Reply> handle(const std::string& user_id, const Input& input) = 0;
  // Erases everything stored about this user (session, history). Idempotent.
  virtual Status erase(const std::string& user_id) = 0;
};

}  // namespace shirube::bot
