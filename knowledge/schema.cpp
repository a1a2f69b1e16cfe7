#include "knowledge/schema.h"

#include <string>
#include <vector>

#include "knowledge/contact.h"
#include "knowledge/knowledge_base.h"
#include "knowledge/taxonomy.h"
#include "knowledge/text.h"

namespace shirube::knowledge::schema {
namespace {

// Version 1: the directory itself. Join tables are WITHOUT ROWID with the filter column
// first, so "category = ?" and "pref = ?" are index range scans that never touch `services`.
constexpr const char* kV1 = R"sql(
CREATE TABLE kb_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE prefectures (
  code         INTEGER PRIMARY KEY CHECK (code BETWEEN 1 AND 47),
  name         TEXT NOT NULL UNIQUE,
  short_name   TEXT NOT NULL,
  kana         TEXT NOT NULL,
  region       TEXT NOT NULL,
  region_label TEXT NOT NULL
);

CREATE TABLE categories (
  id     TEXT PRIMARY KEY,
  parent TEXT REFERENCES categories(id),
  label  TEXT NOT NULL,
  sort   INTEGER NOT NULL
);

CREATE TABLE organizations (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  legal_form     TEXT NOT NULL DEFAULT '',
  role           TEXT NOT NULL DEFAULT '',
  area_text      TEXT NOT NULL DEFAULT '',
  reference_only INTEGER NOT NULL DEFAULT 0 CHECK (reference_only IN (0, 1)),
  source_title   TEXT NOT NULL DEFAULT '',
  source_url     TEXT NOT NULL DEFAULT '',
  source_date    TEXT NOT NULL DEFAULT '',
  notes          TEXT NOT NULL DEFAULT '',
  origin         TEXT NOT NULL DEFAULT ''
);

CREATE TABLE organization_areas (
  organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  pref            INTEGER NOT NULL REFERENCES prefectures(code),
  PRIMARY KEY (organization_id, pref)
) WITHOUT ROWID;

CREATE TABLE services (
  sid             INTEGER PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE,
  organization_id TEXT REFERENCES organizations(id),
  name            TEXT NOT NULL,
  description     TEXT NOT NULL DEFAULT '',
  channel         TEXT NOT NULL DEFAULT ''
                  CHECK (channel IN ('', 'phone', 'sns', 'chat', 'web', 'visit')),
  contact         TEXT NOT NULL DEFAULT '',
  hours           TEXT NOT NULL DEFAULT '',
  cost            TEXT NOT NULL DEFAULT '',
  target          TEXT NOT NULL DEFAULT '',
  eligibility     TEXT NOT NULL DEFAULT '',
  min_age         INTEGER,
  max_age         INTEGER,
  area_scope      TEXT NOT NULL CHECK (area_scope IN ('national', 'prefecture', 'municipality')),
  area_text       TEXT NOT NULL DEFAULT '',
  urgent          INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
  is_24h          INTEGER NOT NULL DEFAULT 0 CHECK (is_24h IN (0, 1)),
  emergency       INTEGER NOT NULL DEFAULT 0 CHECK (emergency IN (0, 1)),
  status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'seasonal')),
  source_title    TEXT NOT NULL DEFAULT '',
  source_url      TEXT NOT NULL DEFAULT '',
  source_date     TEXT NOT NULL DEFAULT '',
  last_verified   TEXT NOT NULL DEFAULT '',
  confidence      TEXT NOT NULL DEFAULT '',
  origin          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX services_organization ON services(organization_id);

CREATE TABLE service_categories (
  category   TEXT NOT NULL REFERENCES categories(id),
  service_id INTEGER NOT NULL REFERENCES services(sid) ON DELETE CASCADE,
  PRIMARY KEY (category, service_id)
) WITHOUT ROWID;
CREATE INDEX service_categories_by_service ON service_categories(service_id, category);

-- pref 0 = nationwide.
CREATE TABLE service_areas (
  pref       INTEGER NOT NULL CHECK (pref BETWEEN 0 AND 47),
  service_id INTEGER NOT NULL REFERENCES services(sid) ON DELETE CASCADE,
  PRIMARY KEY (pref, service_id)
) WITHOUT ROWID;
CREATE INDEX service_areas_by_service ON service_areas(service_id, pref);
)sql";

// Version 2: situations as a facet separate from categories (Open Eligibility's
// "human situations").
constexpr const char* kV2 = R"sql(
CREATE TABLE situations (
  id    TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  sort  INTEGER NOT NULL
);
CREATE TABLE service_situations (
  situation  TEXT NOT NULL REFERENCES situations(id),
  service_id INTEGER NOT NULL REFERENCES services(sid) ON DELETE CASCADE,
  PRIMARY KEY (situation, service_id)
) WITHOUT ROWID;
CREATE INDEX service_situations_by_service ON service_situations(service_id, situation);
)sql";

// Version 3: search. search_text holds NFKC+casefolded name/organisation/description/target,
// indexed by FTS5 trigram (queries of 3+ characters) and scanned with instr() for 1-2
// character queries. service_facets is the (category incl. parent) x (pref, 0 = national)
// cross product, so a category+prefecture filter is one index range scan.
constexpr const char* kV3 = R"sql(
ALTER TABLE services ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN name_key TEXT NOT NULL DEFAULT '';

CREATE TABLE service_facets (
  category   TEXT NOT NULL,
  pref       INTEGER NOT NULL,
  service_id INTEGER NOT NULL REFERENCES services(sid) ON DELETE CASCADE,
  PRIMARY KEY (category, pref, service_id)
) WITHOUT ROWID;
CREATE INDEX service_facets_by_service ON service_facets(service_id);

CREATE VIRTUAL TABLE services_fts USING fts5(
  search_text, content='services', content_rowid='sid', tokenize='trigram');
)sql";

// Created after the backfill: an external-content FTS 'delete' of a row that was never
// indexed corrupts the index, so the old rows are indexed with 'rebuild' first.
constexpr const char* kV3Triggers = R"sql(
CREATE TRIGGER services_fts_insert AFTER INSERT ON services BEGIN
  INSERT INTO services_fts(rowid, search_text) VALUES (new.sid, new.search_text);
END;
CREATE TRIGGER services_fts_delete AFTER DELETE ON services BEGIN
  INSERT INTO services_fts(services_fts, rowid, search_text) VALUES ('delete', old.sid, old.search_text);
END;
CREATE TRIGGER services_fts_update AFTER UPDATE OF search_text ON services BEGIN
  INSERT INTO services_fts(services_fts, rowid, search_text) VALUES ('delete', old.sid, old.search_text);
  INSERT INTO services_fts(rowid, search_text) VALUES (new.sid, new.search_text);
END;
)sql";

// refresh_derived() of every service, with the columns of schema version `version`.
Status refresh_all(sql::Database& db, int version) {
  auto ids = db.prepare("SELECT sid FROM services ORDER BY sid");
  if (!ids.ok())
    return ids.error();
  std::vector<int64_t> sids;
  for (;;) {
    auto r = ids->step();
    if (!r.ok())
      return r.error();
    if (!r.value())
      break;
    sids.push_back(ids->int64(0));
  }
  for (const int64_t sid : sids) {
    Status s = refresh_derived(db, sid, version);
    if (!s.ok())
      return s;
  }
  return {};
}

Status backfill_v3(sql::Database& db) {
  Status s = refresh_all(db, 3);
  if (!s.ok())
    return s;
  s = db.exec("INSERT INTO services_fts(services_fts) VALUES ('rebuild')");
  if (!s.ok())
    return s;
  return db.exec(kV3Triggers);
}

// Version 4: `listed` = the service may appear in answers (not inactive, organisation not a
// reference entity), kept on the row so searches need no join per candidate.
constexpr const char* kV4 = R"sql(
ALTER TABLE services ADD COLUMN listed INTEGER NOT NULL DEFAULT 1;
UPDATE services SET listed = (status <> 'inactive' AND COALESCE(
  (SELECT reference_only FROM organizations o WHERE o.id = services.organization_id), 0) = 0);
)sql";

// Version 5: the crisis answer always fetches the emergency numbers (110/119); a partial index
// finds those few rows without scanning every service.
constexpr const char* kV5 = R"sql(
CREATE INDEX services_emergency ON services(sid) WHERE emergency = 1;
)sql";

// Version 6: who a record is for (audience: people | workers), notes for operators kept off
// cards (internal_note), and how a person can reach it (reach, derived from the contact: 2 = a
// tap calls or opens it, 1 = by hand, 0 = not now), which answers for people rank by.
constexpr const char* kV6 = R"sql(
ALTER TABLE services ADD COLUMN audience TEXT NOT NULL DEFAULT 'people'
  CHECK (audience IN ('people', 'workers'));
ALTER TABLE services ADD COLUMN internal_note TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN reach INTEGER NOT NULL DEFAULT 0;
UPDATE services SET audience = 'workers' WHERE sid IN
  (SELECT service_id FROM service_situations WHERE situation = 'supporter');
)sql";

Status backfill_v6(sql::Database& db) {
  return refresh_all(db, 6);
}

// Version 7: English replies: the service's English name and one-line summary (from the
// operator or our plain translation, en_source), and the languages a line answers in
// (comma-separated ISO 639-1 codes).
constexpr const char* kV7 = R"sql(
ALTER TABLE services ADD COLUMN name_en TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN summary_en TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN en_source TEXT NOT NULL DEFAULT ''
  CHECK (en_source IN ('', 'operator', 'translation'));
ALTER TABLE services ADD COLUMN languages TEXT NOT NULL DEFAULT '';
)sql";

struct Migration {
  int version;
  const char* sql;
  Status (*after)(sql::Database&);
};

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> kAll = {
      {1, kV1, nullptr}, {2, kV2, nullptr},     {3, kV3, backfill_v3}, {4, kV4, nullptr},
      {5, kV5, nullptr}, {6, kV6, backfill_v6}, {7, kV7, nullptr},
  };
  return kAll;
}

Status write_reference_rows(sql::Database& db, int version_now) {
  {
    auto st = db.prepare(
        "INSERT INTO prefectures(code, name, short_name, kana, region, region_label) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(code) DO UPDATE SET name = ?2, "
        "short_name = ?3, kana = ?4, region = ?5, region_label = ?6");
    if (!st.ok())
      return st.error();
    for (const Prefecture& p : all_prefectures()) {
      st->reset();
      st->bind(1, p.code).bind(2, p.name).bind(3, p.short_name).bind(4, p.kana);
      st->bind(5, p.region).bind(6, p.region_label);
      Status s = st->run();
      if (!s.ok())
        return s;
    }
  }
  {
    auto st = db.prepare(
        "INSERT INTO categories(id, parent, label, sort) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT(id) DO UPDATE SET parent = ?2, label = ?3, sort = ?4");
    if (!st.ok())
      return st.error();
    for (const Category& c : category_table()) {
      st->reset();
      st->bind(1, c.id);
      if (c.parent.empty()) {
        st->bind_null(2);
      } else {
        st->bind(2, c.parent);
      }
      st->bind(3, c.label).bind(4, c.sort);
      Status s = st->run();
      if (!s.ok())
        return s;
    }
  }
  if (version_now >= 2) {
    auto st = db.prepare(
        "INSERT INTO situations(id, label, sort) VALUES (?1, ?2, ?3) "
        "ON CONFLICT(id) DO UPDATE SET label = ?2, sort = ?3");
    if (!st.ok())
      return st.error();
    for (const Situation& s : situation_table()) {
      st->reset();
      st->bind(1, s.id).bind(2, s.label).bind(3, s.sort);
      Status r = st->run();
      if (!r.ok())
        return r;
    }
  }
  return {};
}

}  // namespace

Result<int> version(sql::Database& db) {
  ASSIGN_OR_RETURN(const int64_t v, db.first_int("PRAGMA user_version"));
  return static_cast<int>(v);
}

Status migrate(sql::Database& db, int target) {
  // BEGIN IMMEDIATE takes the write lock first, so two processes opening the same new file
  // do not both run migration 1; the version is read again under the lock.
  sql::Transaction tx(db);
  if (!tx.begin_status().ok())
    return tx.begin_status();
  auto current = version(db);
  if (!current.ok())
    return current.error();
  if (current.value() > kCurrentVersion) {
    return Error::invalid_argument(
        db.path(), "database schema version " + std::to_string(current.value()) +
                       " is newer than this program (" + std::to_string(kCurrentVersion) + ")");
  }
  int now = current.value();
  for (const Migration& m : migrations()) {
    if (m.version <= now || m.version > target)
      continue;
    Status s = db.exec(m.sql);
    if (!s.ok()) {
      return Error::internal("migration " + std::to_string(m.version), s.error().what());
    }
    if (m.after != nullptr) {
      s = m.after(db);
      if (!s.ok()) {
        return Error::internal("migration " + std::to_string(m.version), s.error().message());
      }
    }
    // PRAGMA takes no bound parameters; the value is our own integer constant.
    s = db.exec("PRAGMA user_version = " + std::to_string(m.version));
    if (!s.ok())
      return s;
    now = m.version;
  }
  if (now >= 1) {
    Status s = write_reference_rows(db, now);
    if (!s.ok())
      return s;
  }
  return tx.commit();
}

Status refresh_derived(sql::Database& db, int64_t sid, int version) {
  const bool with_reach = version >= 6;
  auto get = db.prepare(
      "SELECT s.name, s.description, s.target, s.eligibility, COALESCE(o.name, '')" +
      std::string(with_reach ? ", s.contact, s.hours, s.status, s.channel " : " ") +
      "FROM services s LEFT JOIN organizations o ON o.id = s.organization_id WHERE s.sid = ?1");
  if (!get.ok())
    return get.error();
  get->bind(1, sid);
  auto r = get->step();
  if (!r.ok())
    return r.error();
  if (!r.value())
    return Error::not_found("service", std::to_string(sid));
  const std::string name = get->text(0);
  std::string all = name;
  for (int col = 1; col <= 4; ++col) {
    const std::string part = get->text(col);
    if (!part.empty()) {
      all += '\n';
      all += part;
    }
  }
  auto upd = db.prepare(
      "UPDATE services SET search_text = ?2, name_key = ?3 WHERE sid = ?1 AND "
      "(search_text <> ?2 OR name_key <> ?3)");
  if (!upd.ok())
    return upd.error();
  upd->bind(1, sid).bind(2, text::fold(all)).bind(3, text::fold(name));
  Status s = upd->run();
  if (!s.ok())
    return s;
  if (with_reach) {
    Service row;
    row.name = name;
    row.contact = get->text(5);
    row.hours = get->text(6);
    row.status = get->text(7);
    row.channel = get->text(8);
    auto set = db.prepare("UPDATE services SET reach = ?2 WHERE sid = ?1 AND reach <> ?2");
    if (!set.ok())
      return set.error();
    set->bind(1, sid).bind(2, reach(row));
    s = set->run();
    if (!s.ok())
      return s;
  }

  auto del = db.prepare("DELETE FROM service_facets WHERE service_id = ?1");
  if (!del.ok())
    return del.error();
  del->bind(1, sid);
  s = del->run();
  if (!s.ok())
    return s;
  auto ins = db.prepare(
      "INSERT OR IGNORE INTO service_facets(category, pref, service_id) "
      "SELECT c.cat, a.pref, ?1 FROM "
      " (SELECT category AS cat FROM service_categories WHERE service_id = ?1 "
      "  UNION SELECT substr(category, 1, instr(category, '.') - 1) FROM service_categories "
      "  WHERE service_id = ?1 AND instr(category, '.') > 0) AS c, "
      " service_areas AS a WHERE a.service_id = ?1");
  if (!ins.ok())
    return ins.error();
  ins->bind(1, sid);
  return ins->run();
}

}  // namespace shirube::knowledge::schema
