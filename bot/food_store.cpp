// Over 500 lines on purpose: every SQL statement of the food-support tables (migrations,
// partners, drafts, requests, audit, purge) beside the transaction that uses it.
#include "bot/food_store.h"

#include <algorithm>
#include <ctime>

#include <nlohmann/json.hpp>

#include "common/crockford.h"
#include "common/sqlite.h"
#include "common/time_format.h"

namespace shirube::bot {

namespace {

using nlohmann::json;

// Version 1: partners, drafts, requests, worries, audit.
constexpr const char* kV1 = R"sql(
CREATE TABLE food_partners (
  org_id TEXT PRIMARY KEY,
  org_name TEXT NOT NULL,
  prefectures TEXT NOT NULL,
  municipalities TEXT NOT NULL,
  created_at INTEGER NOT NULL);
CREATE TABLE food_drafts (
  user_key TEXT PRIMARY KEY,
  draft TEXT NOT NULL,
  updated_at INTEGER NOT NULL);
CREATE TABLE food_requests (
  id INTEGER PRIMARY KEY,
  ref TEXT NOT NULL UNIQUE,
  user_key TEXT NOT NULL,
  nonce TEXT NOT NULL,
  partner_org TEXT NOT NULL,
  partner_name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN
    ('received', 'contacted', 'handed_over', 'closed', 'cancelled')),
  consent_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  nickname TEXT NOT NULL,
  age_group TEXT NOT NULL,
  prefecture INTEGER NOT NULL,
  municipality TEXT NOT NULL,
  left_care TEXT NOT NULL,
  household INTEGER NOT NULL,
  allergies TEXT NOT NULL,
  contact_method TEXT NOT NULL,
  contact_value TEXT NOT NULL,
  delivery TEXT NOT NULL,
  worries TEXT NOT NULL,
  worry_category TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (user_key, nonce));
CREATE INDEX food_requests_user ON food_requests(user_key);
CREATE INDEX food_requests_partner ON food_requests(partner_org, created_at);
CREATE TABLE food_worries (
  id INTEGER PRIMARY KEY,
  request_id INTEGER REFERENCES food_requests(id) ON DELETE SET NULL,
  month TEXT NOT NULL,
  category TEXT NOT NULL,
  text TEXT NOT NULL);
CREATE INDEX food_worries_month ON food_worries(month);
CREATE TABLE food_audit (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  ref TEXT NOT NULL,
  detail TEXT NOT NULL);
)sql";

struct Migration {
  int version;
  const char* sql;
};

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> kAll = {{1, kV1}};
  return kAll;
}

constexpr const char* kRequestColumns =
    "id, ref, partner_org, partner_name, status, consent_at, created_at, updated_at, nickname, "
    "age_group, prefecture, municipality, left_care, household, allergies, contact_method, "
    "contact_value, delivery, worries, worry_category, note";

// Personal fields blanked on cancel, erase and close-by-purge.
constexpr const char* kBlankPersonal =
    "nickname = '', municipality = '', allergies = '', contact_value = '', worries = ''";

FoodRequest request_from(const sql::Statement& st) {
  FoodRequest r;
  r.id = st.int64(0);
  r.ref = st.text(1);
  r.partner_org = st.text(2);
  r.partner_name = st.text(3);
  r.status = parse_status(st.text(4)).value_or(FoodStatus::kReceived);
  r.consent_at = st.int64(5);
  r.created_at = st.int64(6);
  r.updated_at = st.int64(7);
  r.answers.nickname = st.text(8);
  r.answers.age_group = st.text(9);
  r.answers.prefecture = st.integer(10);
  r.answers.municipality = st.text(11);
  r.answers.left_care = st.text(12);
  r.answers.household = st.integer(13);
  r.answers.allergies = st.text(14);
  r.answers.contact_method = st.text(15);
  r.answers.contact_value = st.text(16);
  r.answers.delivery = st.text(17);
  r.answers.worries = st.text(18);
  r.worry_category = st.text(19);
  r.note = st.text(20);
  return r;
}

FoodPartner partner_from(const sql::Statement& st) {
  FoodPartner p;
  p.org_id = st.text(0);
  p.org_name = st.text(1);
  const json prefs = json::parse(st.text(2), nullptr, false);
  if (prefs.is_array()) {
    for (const auto& v : prefs) {
      if (v.is_number_integer())
        p.prefectures.push_back(v.get<int>());
    }
  }
  const json munis = json::parse(st.text(3), nullptr, false);
  if (munis.is_array()) {
    for (const auto& v : munis) {
      if (v.is_string())
        p.municipalities.push_back(v.get<std::string>());
    }
  }
  p.created_at = st.int64(4);
  return p;
}

json answers_json(const FoodAnswers& a) {
  return json{{"nickname", a.nickname},
              {"age_group", a.age_group},
              {"prefecture", a.prefecture},
              {"municipality", a.municipality},
              {"left_care", a.left_care},
              {"household", a.household},
              {"allergies", a.allergies},
              {"contact_method", a.contact_method},
              {"contact_value", a.contact_value},
              {"delivery", a.delivery},
              {"worries", a.worries}};
}

std::string str_of(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int int_of(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int>() : 0;
}

FoodAnswers answers_from(const json& j) {
  FoodAnswers a;
  a.nickname = str_of(j, "nickname");
  a.age_group = str_of(j, "age_group");
  a.prefecture = int_of(j, "prefecture");
  a.municipality = str_of(j, "municipality");
  a.left_care = str_of(j, "left_care");
  a.household = int_of(j, "household");
  a.allergies = str_of(j, "allergies");
  a.contact_method = str_of(j, "contact_method");
  a.contact_value = str_of(j, "contact_value");
  a.delivery = str_of(j, "delivery");
  a.worries = str_of(j, "worries");
  return a;
}

std::string dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool serves(const FoodPartner& p, int prefecture) {
  return std::find(p.prefectures.begin(), p.prefectures.end(), prefecture) != p.prefectures.end();
}

}  // namespace

std::string_view status_value(FoodStatus s) {
  switch (s) {
    case FoodStatus::kReceived:
      return "received";
    case FoodStatus::kContacted:
      return "contacted";
    case FoodStatus::kHandedOver:
      return "handed_over";
    case FoodStatus::kClosed:
      return "closed";
    case FoodStatus::kCancelled:
      return "cancelled";
  }
  return "received";
}

std::optional<FoodStatus> parse_status(std::string_view value) {
  for (FoodStatus s : {FoodStatus::kReceived, FoodStatus::kContacted, FoodStatus::kHandedOver,
                       FoodStatus::kClosed, FoodStatus::kCancelled}) {
    if (status_value(s) == value)
      return s;
  }
  return std::nullopt;
}

bool is_open(FoodStatus s) {
  return s != FoodStatus::kClosed && s != FoodStatus::kCancelled;
}

bool partner_may_set(FoodStatus from, FoodStatus to) {
  switch (to) {
    case FoodStatus::kContacted:
      return from == FoodStatus::kReceived;
    case FoodStatus::kHandedOver:
      return from == FoodStatus::kContacted;
    case FoodStatus::kClosed:
      return is_open(from);
    case FoodStatus::kReceived:
    case FoodStatus::kCancelled:
      return false;
  }
  return false;
}

Result<std::string> new_food_ref() {
  return crockford_random(8);
}

std::optional<std::string> canonical_ref(std::string_view typed) {
  return crockford_fold(typed, 8);
}

FoodStore::FoodStore(std::unique_ptr<sql::Database> db) : db_(std::move(db)) {}
FoodStore::~FoodStore() = default;

Result<std::unique_ptr<FoodStore>> FoodStore::open(const std::string& path) {
  auto db = sql::Database::open(path);
  if (!db.ok())
    return db.error();
  sql::Database& d = *db.value();
  // Blanked and deleted contact data is overwritten with zeros on this connection, not left
  // in free pages (the WAL still holds old pages until its next checkpoint).
  if (Status s = d.exec("PRAGMA secure_delete = ON"); !s.ok())
    return s.error();
  sql::Transaction tx(d);
  if (!tx.begin_status().ok())
    return tx.begin_status().error();
  if (Status s = d.exec("CREATE TABLE IF NOT EXISTS food_meta (key TEXT PRIMARY KEY, "
                        "value INTEGER NOT NULL)");
      !s.ok())
    return s.error();
  int version = 0;
  {
    auto st = d.prepare("SELECT value FROM food_meta WHERE key = 'schema_version'");
    if (!st.ok())
      return st.error();
    auto row = st->step();
    if (!row.ok())
      return row.error();
    if (*row)
      version = st->integer(0);
  }
  if (version > kSchemaVersion) {
    return Error::invalid_argument(path, "food schema version " + std::to_string(version) +
                                             " is newer than this program (" +
                                             std::to_string(kSchemaVersion) + ")");
  }
  for (const Migration& m : migrations()) {
    if (m.version <= version)
      continue;
    if (Status s = d.exec(m.sql); !s.ok())
      return Error::internal("food migration " + std::to_string(m.version), s.error().what());
    auto st = d.prepare(
        "INSERT INTO food_meta(key, value) VALUES('schema_version', ?1) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (!st.ok())
      return st.error();
    st->bind(1, m.version);
    if (Status s = st->run(); !s.ok())
      return s.error();
    version = m.version;
  }
  if (Status s = tx.commit(); !s.ok())
    return s.error();
  return std::unique_ptr<FoodStore>(new FoodStore(std::move(db).value()));
}

Result<int> FoodStore::schema_version() {
  std::lock_guard<std::mutex> lock(mu_);
  ASSIGN_OR_RETURN(const int64_t v,
                   db_->first_int("SELECT value FROM food_meta WHERE key = 'schema_version'"));
  return static_cast<int>(v);
}

// ---- partners ------------------------------------------------------------------------------

Status FoodStore::add_partner(const FoodPartner& p) {
  if (p.org_id.empty())
    return Error::invalid_argument("ORG_ID", "required");
  if (p.prefectures.empty())
    return Error::invalid_argument("--prefecture", "at least one is required");
  for (int code : p.prefectures) {
    if (code < 1 || code > 47)
      return Error::invalid_argument("--prefecture", "expected a JIS code from 1 to 47");
  }
  std::lock_guard<std::mutex> lock(mu_);
  auto st = db_->prepare(
      "INSERT INTO food_partners(org_id, org_name, prefectures, municipalities, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(org_id) DO UPDATE SET org_name = ?2, "
      "prefectures = ?3, municipalities = ?4");
  if (!st.ok())
    return st.error();
  st->bind(1, p.org_id)
      .bind(2, p.org_name)
      .bind(3, dump(json(p.prefectures)))
      .bind(4, dump(json(p.municipalities)))
      .bind(5, p.created_at);
  return st->run();
}

Result<std::vector<FoodPartner>> FoodStore::partners() {
  std::lock_guard<std::mutex> lock(mu_);
  auto st = db_->prepare(
      "SELECT org_id, org_name, prefectures, municipalities, created_at FROM food_partners "
      "ORDER BY created_at, org_id");
  if (!st.ok())
    return st.error();
  std::vector<FoodPartner> out;
  Status s = st->each_row([&](const sql::Statement& row) { out.push_back(partner_from(row)); });
  if (!s.ok())
    return s.error();
  return out;
}

Status FoodStore::remove_partner(const std::string& org_id) {
  std::lock_guard<std::mutex> lock(mu_);
  RETURN_IF_ERROR(db_->run("DELETE FROM food_partners WHERE org_id = ?1", org_id));
  if (db_->changes() == 0)
    return Error::not_found("ORG_ID", "'" + org_id + "' is not a partner");
  return {};
}

Result<std::vector<FoodPartner>> FoodStore::partners_in(int prefecture) {
  auto all = partners();
  if (!all.ok())
    return all.error();
  std::vector<FoodPartner> whole;
  std::vector<FoodPartner> some;
  for (auto& p : all.value()) {
    if (!serves(p, prefecture))
      continue;
    (p.municipalities.empty() ? whole : some).push_back(std::move(p));
  }
  whole.insert(whole.end(), some.begin(), some.end());
  return whole;
}

Result<std::optional<FoodPartner>> FoodStore::partner_for(int prefecture,
                                                          const std::string& municipality) {
  auto in = partners_in(prefecture);
  if (!in.ok())
    return in.error();
  if (!municipality.empty()) {
    for (const auto& p : in.value()) {
      for (const auto& m : p.municipalities) {
        if (m == municipality)
          return std::optional<FoodPartner>(p);
      }
    }
  }
  for (const auto& p : in.value()) {
    if (p.municipalities.empty())
      return std::optional<FoodPartner>(p);
  }
  return std::optional<FoodPartner>();
}

// ---- drafts --------------------------------------------------------------------------------

Result<std::optional<FoodDraft>> FoodStore::draft(const std::string& user_key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto st = db_->cached("SELECT draft FROM food_drafts WHERE user_key = ?1");
  if (!st.ok())
    return st.error();
  sql::Statement& sel = **st;
  sel.bind(1, user_key);
  auto row = sel.step();
  if (!row.ok()) {
    sel.reset();
    return row.error();
  }
  if (!*row) {
    sel.reset();
    return std::optional<FoodDraft>();
  }
  const json j = json::parse(sel.text(0), nullptr, false);
  sel.reset();
  if (!j.is_object())
    return std::optional<FoodDraft>();
  FoodDraft d;
  d.step = str_of(j, "step");
  if (const auto b = j.find("back"); b != j.end() && b->is_array()) {
    for (const auto& v : *b) {
      if (v.is_string())
        d.back.push_back(v.get<std::string>());
    }
  }
  if (const auto a = j.find("answers"); a != j.end() && a->is_object())
    d.answers = answers_from(*a);
  d.partner_org = str_of(j, "partner");
  d.nonce = str_of(j, "nonce");
  if (const auto c = j.find("consent_at"); c != j.end() && c->is_number_integer())
    d.consent_at = c->get<std::int64_t>();
  return std::optional<FoodDraft>(std::move(d));
}

Status FoodStore::save_draft(const std::string& user_key, const FoodDraft& d, std::int64_t now) {
  const json j{{"step", d.step},           {"back", d.back},   {"answers", answers_json(d.answers)},
               {"partner", d.partner_org}, {"nonce", d.nonce}, {"consent_at", d.consent_at}};
  std::lock_guard<std::mutex> lock(mu_);
  auto st = db_->cached(
      "INSERT INTO food_drafts(user_key, draft, updated_at) VALUES (?1, ?2, ?3) "
      "ON CONFLICT(user_key) DO UPDATE SET draft = excluded.draft, "
      "updated_at = excluded.updated_at");
  if (!st.ok())
    return st.error();
  sql::Statement& up = **st;
  up.bind(1, user_key).bind(2, dump(j)).bind(3, now);
  Status s = up.run();
  up.reset();
  return s;
}

Status FoodStore::drop_draft(const std::string& user_key) {
  std::lock_guard<std::mutex> lock(mu_);
  return db_->run("DELETE FROM food_drafts WHERE user_key = ?1", user_key);
}

Result<int> FoodStore::purge_drafts(std::int64_t cutoff) {
  std::lock_guard<std::mutex> lock(mu_);
  RETURN_IF_ERROR(db_->run("DELETE FROM food_drafts WHERE updated_at < ?1", cutoff));
  return db_->changes();
}

// ---- the applicant -------------------------------------------------------------------------

Result<std::optional<FoodRequest>> FoodStore::find_locked(const std::string& where_sql,
                                                          const std::string& a,
                                                          const std::string& b) {
  auto st = db_->prepare(std::string("SELECT ") + kRequestColumns + " FROM food_requests WHERE " +
                         where_sql);
  if (!st.ok())
    return st.error();
  st->bind(1, a).bind(2, b);
  auto row = st->step();
  if (!row.ok())
    return row.error();
  if (!*row)
    return std::optional<FoodRequest>();
  return std::optional<FoodRequest>(request_from(*st));
}

Result<std::optional<FoodRequest>> FoodStore::sent_with(const std::string& user_key,
                                                        const std::string& nonce) {
  std::lock_guard<std::mutex> lock(mu_);
  return find_locked("user_key = ?1 AND nonce = ?2", user_key, nonce);
}

// Long by design: one transaction (checks, partner, reference, insert, audit) kept in one
// function so its extent is visible.
Result<Submitted> FoodStore::submit(const std::string& user_key, const FoodDraft& d,
                                    const std::string& worry_category, std::int64_t now) {
  auto sent = store_request(user_key, d, worry_category, now);
  if (sent.ok() && !sent->existing && on_submitted_)
    on_submitted_(sent->request.partner_org);  // outside the lock: it may take its time
  return sent;
}

void FoodStore::set_on_submitted(std::function<void(const std::string& org_id)> listener) {
  on_submitted_ = std::move(listener);
}

Result<Submitted> FoodStore::store_request(const std::string& user_key, const FoodDraft& d,
                                           const std::string& worry_category, std::int64_t now) {
  if (d.consent_at <= 0)
    return Error::invalid_argument("consent", "no consent recorded");
  if (d.partner_org.empty() || d.nonce.empty())
    return Error::invalid_argument("partner", "no partner");
  std::lock_guard<std::mutex> lock(mu_);
  sql::Transaction tx(*db_);
  if (!tx.begin_status().ok())
    return tx.begin_status().error();
  auto before = find_locked("user_key = ?1 AND nonce = ?2", user_key, d.nonce);
  if (!before.ok())
    return before.error();
  if (before->has_value())
    return Submitted{**before, true};
  std::string partner_name;
  {
    auto st = db_->prepare("SELECT org_name FROM food_partners WHERE org_id = ?1");
    if (!st.ok())
      return st.error();
    st->bind(1, d.partner_org);
    auto row = st->step();
    if (!row.ok())
      return row.error();
    if (!*row)
      return Error::not_found("partner", "the partner is no longer a partner");
    partner_name = st->text(0);
  }
  const FoodAnswers& a = d.answers;
  std::int64_t id = 0;
  std::string ref;
  for (int attempt = 0; attempt < 5 && id == 0; ++attempt) {
    auto r = new_food_ref();
    if (!r.ok())
      return r.error();
    ref = r.value();
    auto st = db_->prepare(
        "INSERT INTO food_requests(ref, user_key, nonce, partner_org, partner_name, status, "
        "consent_at, created_at, updated_at, nickname, age_group, prefecture, municipality, "
        "left_care, household, allergies, contact_method, contact_value, delivery, worries, "
        "worry_category) VALUES (?1, ?2, ?3, ?4, ?5, 'received', ?6, ?7, ?7, ?8, ?9, ?10, ?11, "
        "?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)");
    if (!st.ok())
      return st.error();
    st->bind(1, ref).bind(2, user_key).bind(3, d.nonce).bind(4, d.partner_org);
    st->bind(5, partner_name).bind(6, d.consent_at).bind(7, now).bind(8, a.nickname);
    st->bind(9, a.age_group).bind(10, a.prefecture).bind(11, a.municipality);
    st->bind(12, a.left_care).bind(13, a.household).bind(14, a.allergies);
    st->bind(15, a.contact_method).bind(16, a.contact_value).bind(17, a.delivery);
    st->bind(18, a.worries).bind(19, worry_category);
    Status s = st->run();
    if (s.ok()) {
      id = db_->last_insert_rowid();
    } else if (s.error().code() != ErrorCode::kConflict) {
      return s.error();
    }
  }
  if (id == 0)
    return Error::internal("ref", "no free reference after 5 tries");
  if (!a.worries.empty() || !worry_category.empty()) {
    auto st = db_->prepare(
        "INSERT INTO food_worries(request_id, month, category, text) VALUES (?1, ?2, ?3, ?4)");
    if (!st.ok())
      return st.error();
    st->bind(1, id)
        .bind(2, japan_month(now))
        .bind(3, worry_category.empty() ? "other" : worry_category);
    st->bind(4, a.worries);
    if (Status s = st->run(); !s.ok())
      return s.error();
  }
  if (Status s = audit_locked("applicant", "create", ref, "to " + d.partner_org, now); !s.ok())
    return s.error();
  { RETURN_IF_ERROR(db_->run("DELETE FROM food_drafts WHERE user_key = ?1", user_key)); }
  auto made = find_locked("ref = ?1 AND user_key = ?2", ref, user_key);
  if (!made.ok())
    return made.error();
  if (!made->has_value())
    return Error::internal("food_requests", "row missing after insert");
  if (Status s = tx.commit(); !s.ok())
    return s.error();
  return Submitted{**made, false};
}

Result<std::vector<FoodRequest>> FoodStore::requests_of(const std::string& user_key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto st = db_->prepare(std::string("SELECT ") + kRequestColumns +
                         " FROM food_requests WHERE user_key = ?1 ORDER BY created_at DESC, id "
                         "DESC");
  if (!st.ok())
    return st.error();
  st->bind(1, user_key);
  std::vector<FoodRequest> out;
  Status s = st->each_row([&](const sql::Statement& row) { out.push_back(request_from(row)); });
  if (!s.ok())
    return s.error();
  return out;
}

Result<FoodRequest> FoodStore::cancel(const std::string& user_key, const std::string& ref,
                                      std::int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  sql::Transaction tx(*db_);
  if (!tx.begin_status().ok())
    return tx.begin_status().error();
  auto found = find_locked("user_key = ?1 AND ref = ?2", user_key, ref);
  if (!found.ok())
    return found.error();
  if (!found->has_value())
    return Error::not_found("ref", "no such request");
  if (!is_open((*found)->status))
    return Error::conflict("status", std::string(status_value((*found)->status)));
  auto st = db_->prepare(std::string("UPDATE food_requests SET status = 'cancelled', "
                                     "updated_at = ?1, ") +
                         kBlankPersonal + " WHERE id = ?2");
  if (!st.ok())
    return st.error();
  st->bind(1, now).bind(2, (*found)->id);
  if (Status s = st->run(); !s.ok())
    return s.error();
  RETURN_IF_ERROR(
      db_->run("UPDATE food_worries SET text = '' WHERE request_id = ?1", (*found)->id));
  if (Status s = audit_locked("applicant", "cancel", ref, "contact data erased", now); !s.ok())
    return s.error();
  auto after = find_locked("user_key = ?1 AND ref = ?2", user_key, ref);
  if (!after.ok())
    return after.error();
  if (Status s = tx.commit(); !s.ok())
    return s.error();
  return **after;
}

Status FoodStore::erase_user(const std::string& user_key, std::int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  sql::Transaction tx(*db_);
  if (!tx.begin_status().ok())
    return tx.begin_status();
  std::vector<std::string> refs;
  {
    auto st = db_->query("SELECT ref FROM food_requests WHERE user_key = ?1", user_key);
    if (!st.ok())
      return st.error();
    Status s = st->each_row([&](const sql::Statement& row) { refs.push_back(row.text(0)); });
    if (!s.ok())
      return s;
  }
  const char* const statements[] = {
      "UPDATE food_worries SET text = '' WHERE request_id IN "
      "(SELECT id FROM food_requests WHERE user_key = ?1)",
      "UPDATE food_requests SET status = 'cancelled', updated_at = ?2 WHERE user_key = ?1 AND "
      "status NOT IN ('closed', 'cancelled')",
      "DELETE FROM food_drafts WHERE user_key = ?1",
  };
  for (const char* sql_text : statements) {
    auto st = db_->prepare(sql_text);
    if (!st.ok())
      return st.error();
    st->bind(1, user_key);
    if (std::string_view(sql_text).find("?2") != std::string_view::npos)
      st->bind(2, now);
    if (Status s = st->run(); !s.ok())
      return s;
  }
  {
    auto st = db_->prepare(std::string("UPDATE food_requests SET ") + kBlankPersonal +
                           " WHERE user_key = ?1");
    if (!st.ok())
      return st.error();
    st->bind(1, user_key);
    if (Status s = st->run(); !s.ok())
      return s;
  }
  for (const auto& ref : refs) {
    if (Status s = audit_locked("applicant", "erase", ref, "personal data erased", now); !s.ok())
      return s;
  }
  return tx.commit();
}

// ---- the partner ---------------------------------------------------------------------------

Result<FoodPage> FoodStore::list(const std::string& org, std::optional<FoodStatus> status,
                                 int offset, int limit, const std::string& actor,
                                 std::int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string filter = std::string(" FROM food_requests WHERE partner_org = ?1") +
                             (status ? " AND status = ?2" : "");
  FoodPage page;
  {
    auto st = db_->prepare("SELECT COUNT(*)" + filter);
    if (!st.ok())
      return st.error();
    st->bind(1, org);
    if (status)
      st->bind(2, status_value(*status));
    ASSIGN_OR_RETURN(const int64_t total, st->first_int());
    page.total = static_cast<int>(total);
  }
  auto st = db_->prepare(std::string("SELECT ") + kRequestColumns + filter +
                         " ORDER BY created_at DESC, id DESC LIMIT ?3 OFFSET ?4");
  if (!st.ok())
    return st.error();
  st->bind(1, org);
  if (status)
    st->bind(2, status_value(*status));
  else
    st->bind_null(2);
  st->bind(3, limit).bind(4, offset);
  Status s =
      st->each_row([&](const sql::Statement& row) { page.items.push_back(request_from(row)); });
  if (!s.ok())
    return s.error();
  std::string refs;
  for (const auto& r : page.items)
    refs += (refs.empty() ? "" : " ") + r.ref;
  if (Status a = audit_locked(actor, "list", "", refs, now); !a.ok())
    return a.error();
  return page;
}

Result<FoodRequest> FoodStore::get(const std::string& org, const std::string& ref,
                                   const std::string& actor, std::int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = find_locked("partner_org = ?1 AND ref = ?2", org, ref);
  if (!found.ok())
    return found.error();
  if (!found->has_value())
    return Error::not_found("ref", "no such request");
  if (Status a = audit_locked(actor, "read", ref, "", now); !a.ok())
    return a.error();
  return **found;
}

Result<FoodRequest> FoodStore::update(const std::string& org, const std::string& ref,
                                      std::optional<FoodStatus> to,
                                      const std::optional<std::string>& note,
                                      const std::string& actor, std::int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  sql::Transaction tx(*db_);
  if (!tx.begin_status().ok())
    return tx.begin_status().error();
  auto found = find_locked("partner_org = ?1 AND ref = ?2", org, ref);
  if (!found.ok())
    return found.error();
  if (!found->has_value())
    return Error::not_found("ref", "no such request");
  const FoodStatus from = (*found)->status;
  if (to && *to != from && !partner_may_set(from, *to)) {
    return Error::conflict("status", "cannot go from " + std::string(status_value(from)) + " to " +
                                         std::string(status_value(*to)));
  }
  if (to && *to == from && !note) {
    return Error::conflict("status", "already " + std::string(status_value(from)));
  }
  const FoodStatus next = to.value_or(from);
  std::string sql_text = "UPDATE food_requests SET status = ?1, updated_at = ?2";
  if (note)
    sql_text += ", note = ?4";
  sql_text += " WHERE id = ?3";
  auto st = db_->prepare(sql_text);
  if (!st.ok())
    return st.error();
  st->bind(1, status_value(next)).bind(2, now).bind(3, (*found)->id);
  if (note)
    st->bind(4, *note);
  if (Status s = st->run(); !s.ok())
    return s.error();
  std::string detail = std::string(status_value(from)) + " -> " + std::string(status_value(next));
  if (note)
    detail += " (note)";
  if (Status a = audit_locked(actor, "update", ref, detail, now); !a.ok())
    return a.error();
  auto after = find_locked("partner_org = ?1 AND ref = ?2", org, ref);
  if (!after.ok())
    return after.error();
  if (Status s = tx.commit(); !s.ok())
    return s.error();
  return **after;
}

Result<std::vector<FoodRequest>> FoodStore::all_of(const std::string& org, const std::string& actor,
                                                   std::int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto st = db_->prepare(std::string("SELECT ") + kRequestColumns +
                         " FROM food_requests WHERE partner_org = ?1 ORDER BY created_at, id");
  if (!st.ok())
    return st.error();
  st->bind(1, org);
  std::vector<FoodRequest> out;
  Status s = st->each_row([&](const sql::Statement& row) { out.push_back(request_from(row)); });
  if (!s.ok())
    return s.error();
  if (Status a = audit_locked(actor, "export", "", std::to_string(out.size()) + " request(s)", now);
      !a.ok())
    return a.error();
  return out;
}

// ---- operators ------------------------------------------------------------------------------

Result<int> FoodStore::purge(std::int64_t cutoff, std::int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  sql::Transaction tx(*db_);
  if (!tx.begin_status().ok())
    return tx.begin_status().error();
  std::vector<std::string> refs;
  {
    auto st = db_->prepare(
        "SELECT ref FROM food_requests WHERE status IN ('closed', 'cancelled') AND "
        "updated_at < ?1");
    if (!st.ok())
      return st.error();
    st->bind(1, cutoff);
    Status s = st->each_row([&](const sql::Statement& row) { refs.push_back(row.text(0)); });
    if (!s.ok())
      return s.error();
  }
  {
    auto st = db_->prepare(
        "UPDATE food_worries SET text = '' WHERE request_id IN (SELECT id FROM food_requests "
        "WHERE status IN ('closed', 'cancelled') AND updated_at < ?1)");
    if (!st.ok())
      return st.error();
    st->bind(1, cutoff);
    if (Status s = st->run(); !s.ok())
      return s.error();
  }
  auto st = db_->prepare(
      "DELETE FROM food_requests WHERE status IN ('closed', 'cancelled') AND updated_at < ?1");
  if (!st.ok())
    return st.error();
  st->bind(1, cutoff);
  if (Status s = st->run(); !s.ok())
    return s.error();
  const int n = db_->changes();
  for (const auto& ref : refs) {
    if (Status s = audit_locked("operator", "purge", ref, "deleted", now); !s.ok())
      return s.error();
  }
  if (Status s = tx.commit(); !s.ok())
    return s.error();
  return n;
}

Status FoodStore::audit(const std::string& actor, const std::string& action, const std::string& ref,
                        const std::string& detail, std::int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  return audit_locked(actor, action, ref, detail, now);
}

Status FoodStore::audit_locked(const std::string& actor, const std::string& action,
                               const std::string& ref, const std::string& detail,
                               std::int64_t now) {
  auto st = db_->cached(
      "INSERT INTO food_audit(at, actor, action, ref, detail) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!st.ok())
    return st.error();
  sql::Statement& ins = **st;
  ins.bind(1, now).bind(2, actor).bind(3, action).bind(4, ref).bind(5, detail);
  Status s = ins.run();
  ins.reset();
  return s;
}

Result<std::vector<AuditEntry>> FoodStore::audit_log(int limit) {
  std::lock_guard<std::mutex> lock(mu_);
  auto st = db_->prepare(
      "SELECT id, at, actor, action, ref, detail FROM (SELECT * FROM food_audit ORDER BY id "
      "DESC LIMIT ?1) ORDER BY id");
  if (!st.ok())
    return st.error();
  st->bind(1, limit);
  std::vector<AuditEntry> out;
  Status s = st->each_row([&](const sql::Statement& row) {
    out.push_back({row.int64(0), row.int64(1), row.text(2), row.text(3), row.text(4), row.text(5)});
  });
  if (!s.ok())
    return s.error();
  return out;
}

Result<std::vector<WorryCount>> FoodStore::worry_counts(const std::string& month) {
  std::lock_guard<std::mutex> lock(mu_);
  auto st = db_->prepare(
      "SELECT month, category, COUNT(*) FROM food_worries WHERE ?1 = '' OR month = ?1 "
      "GROUP BY month, category ORDER BY month, COUNT(*) DESC, category");
  if (!st.ok())
    return st.error();
  st->bind(1, month);
  std::vector<WorryCount> out;
  Status s = st->each_row([&](const sql::Statement& row) {
    out.push_back({row.text(0), row.text(1), row.integer(2)});
  });
  if (!s.ok())
    return s.error();
  return out;
}

Result<std::vector<WorryText>> FoodStore::worry_texts(const std::string& month) {
  std::lock_guard<std::mutex> lock(mu_);
  auto st = db_->prepare(
      "SELECT month, category, text FROM food_worries WHERE (?1 = '' OR month = ?1) AND "
      "text <> '' ORDER BY month, category, id");
  if (!st.ok())
    return st.error();
  st->bind(1, month);
  std::vector<WorryText> out;
  Status s = st->each_row([&](const sql::Statement& row) {
    out.push_back({row.text(0), row.text(1), row.text(2)});
  });
  if (!s.ok())
    return s.error();
  return out;
}

}  // namespace shirube::bot
