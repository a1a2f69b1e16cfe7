#include "bot/session_store.h"

#include <nlohmann/json.hpp>
#include <openssl/rand.h>

#include "common/crypto.h"
#include "common/sqlite.h"

namespace shirube::bot {

namespace {

using nlohmann::json;

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS session_meta ("
    "  key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS session_state ("
    "  user_key TEXT PRIMARY KEY,"     // HMAC-SHA256(user id, secret), hex
    "  state TEXT NOT NULL,"           // JSON: node, slots, history (never free text)
    "  updated_at INTEGER NOT NULL);"  // seconds since the epoch
    // No index on updated_at: every save would write its page too (measured: a third of a
    // save's page writes), for a purge that runs every ten minutes and may as well scan.
    "DROP INDEX IF EXISTS session_state_updated;";

json snapshot_json(const Snapshot& s) {
  return json{{"n", s.node}, {"p", s.prefecture}, {"s", s.situation}, {"g", s.page}};
}

bool snapshot_from(const json& j, Snapshot& s) {
  if (!j.is_object())
    return false;
  auto n = j.find("n");
  auto p = j.find("p");
  auto si = j.find("s");
  auto g = j.find("g");
  if (n == j.end() || !n->is_string() || p == j.end() || !p->is_number_integer() || si == j.end() ||
      !si->is_string() || g == j.end() || !g->is_number_integer()) {
    return false;
  }
  s.node = n->get<std::string>();
  s.prefecture = p->get<int>();
  s.situation = si->get<std::string>();
  s.page = g->get<int>();
  return true;
}

// The worker search of "w" (absent or malformed: not in worker mode).
void decode_worker(const json& j, WorkerSearch& w) {
  auto it = j.find("w");
  if (it == j.end() || !it->is_object())
    return;
  auto n = it->find("n");
  auto p = it->find("p");
  auto c = it->find("c");
  auto g = it->find("g");
  if (n == it->end() || !n->is_string() || p == it->end() || !p->is_number_integer() ||
      c == it->end() || !c->is_string() || g == it->end() || !g->is_number_integer())
    return;
  w.on = true;
  w.need = n->get<std::string>();
  w.prefecture = p->get<int>();
  w.city = c->get<std::string>();
  w.page = g->get<int>();
}

}  // namespace

void SessionState::push(const Snapshot& s) {
  history.push_back(s);
  if (history.size() > kMaxHistory)
    history.erase(history.begin());
}

SessionStore::SessionStore(std::unique_ptr<sql::Database> db, std::string secret)
    : db_(std::move(db)), secret_(std::move(secret)) {}

SessionStore::~SessionStore() = default;

Result<std::unique_ptr<SessionStore>> SessionStore::open(const std::string& path,
                                                         const std::string& secret) {
  auto db = sql::Database::open(path);
  if (!db.ok())
    return db.error();
  if (Status s = (*db)->exec(kSchema); !s.ok()) {
    return Error::unavailable(path, "session tables: " + s.error().what());
  }
  std::string key = secret;
  if (key.empty()) {
    // Generated once and kept, so the same person keeps the same hash after a restart.
    // INSERT OR IGNORE + SELECT: two processes starting together agree on one secret.
    unsigned char bytes[32];
    if (RAND_bytes(bytes, sizeof bytes) != 1) {
      return Error::internal("session_meta", "could not generate a random secret");
    }
    auto ins = (*db)->prepare(
        "INSERT OR IGNORE INTO session_meta(key, value) VALUES('user_key_secret', ?1)");
    if (!ins.ok())
      return ins.error();
    const std::string hex =
        crypto::to_hex(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
    ins->bind(1, std::string_view(hex));
    if (Status s = ins->run(); !s.ok())
      return s.error();
    auto sel = (*db)->prepare("SELECT value FROM session_meta WHERE key = 'user_key_secret'");
    if (!sel.ok())
      return sel.error();
    auto row = sel->step();
    if (!row.ok())
      return row.error();
    if (!*row)
      return Error::internal("session_meta", "secret missing after insert");
    key = sel->text(0);
  }
  return std::unique_ptr<SessionStore>(new SessionStore(std::move(db).value(), std::move(key)));
}

std::string SessionStore::user_key(const std::string& user_id) const {
  return crypto::hmac_sha256_hex(secret_, user_id);
}

std::string SessionStore::encode(const SessionState& state) {
  json j;
  j["c"] = snapshot_json(state.current);
  json h = json::array();
  for (const auto& s : state.history)
    h.push_back(snapshot_json(s));
  j["h"] = std::move(h);
  if (state.resume)
    j["r"] = snapshot_json(*state.resume);
  if (state.asked)
    j["a"] = true;
  if (state.asked_violence)
    j["av"] = true;
  if (!state.lang.empty())
    j["l"] = state.lang;
  if (state.reply != ReplyLang::kJa)
    j["v"] = std::string(reply_lang_code(state.reply));
  if (state.reply_chosen)
    j["vc"] = true;
  if (!state.form.empty())
    j["f"] = state.form;
  if (state.worker.on) {
    j["w"] = json{{"n", state.worker.need},
                  {"p", state.worker.prefecture},
                  {"c", state.worker.city},
                  {"g", state.worker.page}};
  }
  if (state.supporter)
    j["sp"] = true;
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<SessionState> SessionStore::decode(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return std::nullopt;
  SessionState st;
  auto c = j.find("c");
  if (c == j.end() || !snapshot_from(*c, st.current))
    return std::nullopt;
  auto h = j.find("h");
  if (h != j.end() && h->is_array()) {
    for (const auto& e : *h) {
      Snapshot s;
      if (!snapshot_from(e, s))
        return std::nullopt;
      st.history.push_back(std::move(s));
    }
  }
  auto r = j.find("r");
  if (r != j.end()) {
    Snapshot s;
    if (!snapshot_from(*r, s))
      return std::nullopt;
    st.resume = std::move(s);
  }
  auto a = j.find("a");
  st.asked = a != j.end() && a->is_boolean() && a->get<bool>();
  auto av = j.find("av");
  st.asked_violence = st.asked && av != j.end() && av->is_boolean() && av->get<bool>();
  if (auto l = j.find("l"); l != j.end() && l->is_string() && l->get<std::string>().size() <= 8)
    st.lang = l->get<std::string>();
  if (auto v = j.find("v"); v != j.end() && v->is_string()) {
    if (auto lang = reply_lang_from_code(v->get_ref<const std::string&>()))
      st.reply = *lang;
  }
  auto vc = j.find("vc");
  st.reply_chosen = vc != j.end() && vc->is_boolean() && vc->get<bool>();
  if (auto f = j.find("f"); f != j.end() && f->is_string() && f->get<std::string>().size() <= 8)
    st.form = f->get<std::string>();
  decode_worker(j, st.worker);
  auto sp = j.find("sp");
  st.supporter = sp != j.end() && sp->is_boolean() && sp->get<bool>();
  return st;
}

Result<std::optional<SessionState>> SessionStore::load(const std::string& key, std::int64_t now,
                                                       std::int64_t ttl_seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  if (const auto it = cache_.find(key); it != cache_.end()) {
    if (it->second.updated_at < now - ttl_seconds)
      return std::optional<SessionState>();
    lru_.splice(lru_.begin(), lru_, it->second.lru);
    return std::optional<SessionState>(it->second.state);
  }
  // load() and save() run on every turn: their statements are prepared once.
  auto st = db_->cached("SELECT state, updated_at FROM session_state WHERE user_key = ?1");
  if (!st.ok())
    return st.error();
  sql::Statement& sel = **st;
  sel.bind(1, std::string_view(key));
  auto row = sel.step();
  if (!row.ok()) {
    sel.reset();
    return row.error();
  }
  const bool fresh = *row && sel.int64(1) >= now - ttl_seconds;
  std::string text;
  std::int64_t updated_at = 0;
  if (fresh) {
    text = sel.text(0);
    updated_at = sel.int64(1);
  }
  sel.reset();  // ends the read transaction
  if (!fresh)
    return std::optional<SessionState>();
  // A row we cannot read (older format, damage) is treated as no session: start at the root.
  std::optional<SessionState> state = decode(text);
  if (state)
    remember(key, *state, updated_at);
  return state;
}

void SessionStore::remember(const std::string& key, const SessionState& state,
                            std::int64_t updated_at) {
  if (const auto it = cache_.find(key); it != cache_.end()) {
    it->second.state = state;
    it->second.updated_at = updated_at;
    lru_.splice(lru_.begin(), lru_, it->second.lru);
    return;
  }
  if (cache_.size() >= kCacheEntries) {
    cache_.erase(lru_.back());
    lru_.pop_back();
  }
  lru_.push_front(key);
  cache_.emplace(key, Cached{state, updated_at, lru_.begin()});
}

void SessionStore::forget(const std::string& key) {
  const auto it = cache_.find(key);
  if (it == cache_.end())
    return;
  lru_.erase(it->second.lru);
  cache_.erase(it);
}

std::size_t SessionStore::cached_count() {
  std::lock_guard<std::mutex> lock(mu_);
  return cache_.size();
}

Status SessionStore::save(const std::string& key, const SessionState& state, std::int64_t now) {
  const std::string text = encode(state);
  std::lock_guard<std::mutex> lock(mu_);
  auto st = db_->cached(
      "INSERT INTO session_state(user_key, state, updated_at) VALUES(?1, ?2, ?3) "
      "ON CONFLICT(user_key) DO UPDATE SET state = excluded.state, "
      "updated_at = excluded.updated_at");
  if (!st.ok())
    return st.error();
  sql::Statement& up = **st;
  up.bind(1, std::string_view(key)).bind(2, std::string_view(text)).bind(3, int64_t{now});
  Status s = up.run();
  up.reset();
  // The cache holds only what the database holds: after a failed write, the row's old value.
  if (s.ok()) {
    remember(key, state, now);
  } else {
    forget(key);
  }
  return s;
}

Status SessionStore::erase(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  forget(key);  // whatever the database says next, never answer from memory again
  auto st = db_->prepare("DELETE FROM session_state WHERE user_key = ?1");
  if (!st.ok())
    return st.error();
  st->bind(1, std::string_view(key));
  return st->run();
}

Result<int> SessionStore::purge(std::int64_t cutoff) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = cache_.begin(); it != cache_.end();) {
    if (it->second.updated_at < cutoff) {
      lru_.erase(it->second.lru);
      it = cache_.erase(it);
    } else {
      ++it;
    }
  }
  auto st = db_->prepare("DELETE FROM session_state WHERE updated_at < ?1");
  if (!st.ok())
    return st.error();
  st->bind(1, cutoff);
  if (Status s = st->run(); !s.ok())
    return s.error();
  return db_->changes();
}

Result<int> SessionStore::cap(std::size_t max_sessions) {
  std::lock_guard<std::mutex> lock(mu_);
  auto st = db_->prepare(
      "DELETE FROM session_state WHERE user_key IN (SELECT user_key FROM session_state "
      "ORDER BY updated_at ASC LIMIT max(0, (SELECT COUNT(*) FROM session_state) - ?1))");
  if (!st.ok())
    return st.error();
  st->bind(1, static_cast<std::int64_t>(max_sessions));
  if (Status s = st->run(); !s.ok())
    return s.error();
  const int deleted = db_->changes();
  if (deleted > 0) {
    // The memory copy holds only what the table holds; it fills again from the table.
    cache_.clear();
    lru_.clear();
  }
  return deleted;
}

Result<int> SessionStore::count() {
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(const int64_t n, db_->first_int("SELECT COUNT(*) FROM session_state"));
  return static_cast<int>(n);
}

}  // namespace shirube::bot
