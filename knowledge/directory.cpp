// Slightly over 500 lines: every statement that writes or reads the directory tables (validate,
// upsert, drop removed, load) beside the transaction that uses it, so the schema's invariants
// read in one place.
#include "knowledge/directory.h"

#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "knowledge/schema.h"
#include "knowledge/text.h"

namespace shirube::knowledge {

std::string Issue::to_string() const {
  std::string s = file;
  if (line > 0)
    s += ":" + std::to_string(line);
  s += ": ";
  if (!column.empty())
    s += column + ": ";
  s += reason;
  return s;
}

bool is_valid_channel(std::string_view c) {
  return c.empty() || c == "phone" || c == "sns" || c == "chat" || c == "web" || c == "visit";
}
bool is_valid_status(std::string_view s) {
  return s == "active" || s == "inactive" || s == "seasonal";
}
bool is_valid_area_scope(std::string_view s) {
  return s == "national" || s == "prefecture" || s == "municipality";
}

bool hours_mean_24h(std::string_view hours) {
  if (!text::contains(hours, "24時間"))
    return false;
  static const char* const kNot[] = {"24時間ではない", "24時間ではありません", "24時間対応ではない",
                                     "メール24時間",   "曜は24時間",           "24時間受け付け"};
  for (const char* n : kNot) {
    if (text::contains(hours, n))
      return false;
  }
  return true;
}

bool is_emergency_contact(std::string_view contact) {
  const std::string c = text::trim(contact);
  return c == "110" || c == "119";
}

namespace {

void add_note(Service& s, const char* field, const std::string& note) {
  const std::string n = text::trim(note);
  if (n.empty())
    return;
  if (!s.internal_note.empty())
    s.internal_note += '\n';
  s.internal_note += std::string(field) + ": " + n;
}

void move_notes_of(Service& s, const char* field, std::string& value) {
  static const std::string kOpen = "〔";
  static const std::string kClose = "〕";
  static const std::string kUnconfirmed = "（未確認）";
  static const std::string kStop = "。";
  for (std::size_t open = value.find(kOpen); open != std::string::npos;
       open = value.find(kOpen, open)) {
    const std::size_t close = value.find(kClose, open + kOpen.size());
    if (close == std::string::npos)
      break;
    add_note(s, field, value.substr(open, close + kClose.size() - open));
    value.erase(open, close + kClose.size() - open);
  }
  for (std::size_t mark = value.find(kUnconfirmed); mark != std::string::npos;
       mark = value.find(kUnconfirmed)) {
    const std::size_t stop = value.rfind(kStop, mark);
    const std::size_t from = stop == std::string::npos ? 0 : stop + kStop.size();
    std::size_t to = mark + kUnconfirmed.size();
    if (value.compare(to, kStop.size(), kStop) == 0)
      to += kStop.size();
    add_note(s, field, value.substr(from, to - from));
    value.erase(from, to - from);
  }
  value = text::trim(value);
}

}  // namespace

void move_internal_notes(Service& s) {
  move_notes_of(s, "description", s.description);
  move_notes_of(s, "target", s.target);
  move_notes_of(s, "hours", s.hours);
  move_notes_of(s, "cost", s.cost);
}

void validate_directory(Directory& dir, sql::Database* db) {
  std::unordered_map<std::string, const OrganizationRecord*> orgs;
  for (const auto& rec : dir.organizations) {
    auto [it, inserted] = orgs.emplace(rec.org.id, &rec);
    if (!inserted) {
      dir.issues.push_back({rec.file, rec.line, "id",
                            "duplicate organization id '" + rec.org.id + "' (first at " +
                                it->second->file + ":" + std::to_string(it->second->line) + ")"});
    }
  }
  std::optional<sql::Statement> org_exists;
  if (db != nullptr) {
    auto st = db->prepare("SELECT 1 FROM organizations WHERE id = ?1");
    if (st.ok())
      org_exists.emplace(std::move(st.value()));
  }
  std::unordered_map<std::string, const ServiceRecord*> seen;
  for (const auto& rec : dir.services) {
    const Service& s = rec.service;
    auto [it, inserted] = seen.emplace(s.id, &rec);
    if (!inserted) {
      dir.issues.push_back({rec.file, rec.line, "id",
                            "duplicate service id '" + s.id + "' (first at " + it->second->file +
                                ":" + std::to_string(it->second->line) + ")"});
    }
    if (s.organization_id && orgs.count(*s.organization_id) == 0) {
      bool in_db = false;
      if (org_exists) {
        org_exists->reset();
        org_exists->bind(1, *s.organization_id);
        auto r = org_exists->step();
        in_db = r.ok() && r.value();
      }
      if (!in_db) {
        dir.issues.push_back({rec.file, rec.line, "organization_id",
                              "organization '" + *s.organization_id + "' does not exist"});
      }
    }
    if (s.area_scope == "national" && !s.prefectures.empty()) {
      dir.issues.push_back(
          {rec.file, rec.line, "area_scope", "a national service cannot list prefectures"});
    }
    if (s.area_scope != "national" && s.prefectures.empty()) {
      dir.issues.push_back({rec.file, rec.line, "area_scope",
                            "a " + s.area_scope + " service needs at least one prefecture"});
    }
  }
}

namespace {

Status upsert_organization(sql::Statement& st, const Organization& o, const std::string& origin) {
  st.reset();
  st.bind(1, o.id).bind(2, o.name).bind(3, o.legal_form).bind(4, o.role).bind(5, o.area_text);
  st.bind(6, o.reference_only ? 1 : 0).bind(7, o.source_title).bind(8, o.source_date);
  st.bind(9, o.notes).bind(10, origin);
  return st.run();
}

// Resets `st`, binds `values` to ?1, ?2, … and runs it.
template <typename... V>
Status run_bound(sql::Statement& st, const V&... values) {
  st.reset();
  int index = 0;
  (st.bind(++index, values), ...);
  return st.run();
}

Status write_organizations(sql::Database& db, const Directory& dir, const std::string& origin) {
  ASSIGN_OR_RETURN(
      auto org_st,
      db.prepare(
          "INSERT INTO organizations(id, name, legal_form, role, area_text, reference_only, "
          "source_title, source_date, notes, origin) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
          "?10) ON CONFLICT(id) DO UPDATE SET name = ?2, legal_form = ?3, role = ?4, area_text = "
          "?5, reference_only = ?6, source_title = ?7, source_date = ?8, notes = ?9, origin = "
          "?10"));
  ASSIGN_OR_RETURN(auto org_listed,
                   db.prepare("UPDATE services SET listed = (status <> 'inactive' AND ?2 = 0) "
                              "WHERE organization_id = ?1 AND listed <> (status <> 'inactive' AND "
                              "?2 = 0)"));
  ASSIGN_OR_RETURN(auto org_area_del,
                   db.prepare("DELETE FROM organization_areas WHERE organization_id = ?1"));
  ASSIGN_OR_RETURN(
      auto org_area_ins,
      db.prepare(
          "INSERT OR IGNORE INTO organization_areas(organization_id, pref) VALUES (?1, ?2)"));
  for (const auto& rec : dir.organizations) {
    const Status s = upsert_organization(org_st, rec.org, origin);
    if (!s.ok())
      return Error::internal(rec.file + ":" + std::to_string(rec.line), s.error().message());
    RETURN_IF_ERROR(run_bound(org_area_del, rec.org.id));
    for (const int p : rec.org.prefectures)
      RETURN_IF_ERROR(run_bound(org_area_ins, rec.org.id, p));
    // An organisation that became (or stopped being) a reference entity hides (or shows)
    // the services already stored under it.
    RETURN_IF_ERROR(run_bound(org_listed, rec.org.id, rec.org.reference_only ? 1 : 0));
  }
  return Status();
}

// Upserts services with their categories, areas and situations; statements prepared once.
class ServiceWriter {
 public:
  static Result<ServiceWriter> prepare(sql::Database& db) {
    ServiceWriter w(db);
    ASSIGN_OR_RETURN(
        w.svc_,
        db.prepare(
            "INSERT INTO services(id, organization_id, name, description, channel, contact, "
            "hours, cost, target, eligibility, min_age, max_age, area_scope, area_text, urgent, "
            "is_24h, emergency, status, source_title, source_url, source_date, last_verified, "
            "confidence, origin, audience, internal_note, name_en, summary_en, en_source, "
            "languages) VALUES "
            "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
            "?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30) ON CONFLICT(id) DO "
            "UPDATE SET "
            "organization_id = ?2, name = ?3, "
            "description = ?4, channel = ?5, contact = ?6, hours = ?7, cost = ?8, target = ?9, "
            "eligibility = ?10, min_age = ?11, max_age = ?12, area_scope = ?13, area_text = ?14, "
            "urgent = ?15, is_24h = ?16, emergency = ?17, status = ?18, source_title = ?19, "
            "source_url = ?20, source_date = ?21, last_verified = ?22, confidence = ?23, "
            "origin = ?24, audience = ?25, internal_note = ?26, name_en = ?27, "
            "summary_en = ?28, en_source = ?29, languages = ?30"));
    ASSIGN_OR_RETURN(w.sid_, db.prepare("SELECT sid FROM services WHERE id = ?1"));
    ASSIGN_OR_RETURN(w.del_cat_,
                     db.prepare("DELETE FROM service_categories WHERE service_id = ?1"));
    ASSIGN_OR_RETURN(w.del_area_, db.prepare("DELETE FROM service_areas WHERE service_id = ?1"));
    ASSIGN_OR_RETURN(w.del_sit_,
                     db.prepare("DELETE FROM service_situations WHERE service_id = ?1"));
    ASSIGN_OR_RETURN(w.ins_cat_, db.prepare("INSERT OR IGNORE INTO service_categories(category, "
                                            "service_id) VALUES (?1, ?2)"));
    ASSIGN_OR_RETURN(
        w.ins_area_,
        db.prepare("INSERT OR IGNORE INTO service_areas(pref, service_id) VALUES (?1, ?2)"));
    ASSIGN_OR_RETURN(w.ins_sit_, db.prepare("INSERT OR IGNORE INTO service_situations(situation, "
                                            "service_id) VALUES (?1, ?2)"));
    // Whether the service may appear in answers; searches read this instead of joining.
    ASSIGN_OR_RETURN(
        w.listed_,
        db.prepare("UPDATE services SET listed = (status <> 'inactive' AND COALESCE((SELECT "
                   "reference_only FROM organizations o WHERE o.id = services.organization_id), "
                   "0) = 0) WHERE sid = ?1"));
    return w;
  }

  Status write(const ServiceRecord& rec, const std::string& origin) {
    const std::string where = rec.file + ":" + std::to_string(rec.line);
    ASSIGN_OR_RETURN(const int64_t sid, upsert(rec.service, origin, where));
    for (auto* del : {&del_cat_, &del_area_, &del_sit_})
      RETURN_IF_ERROR(run_bound(**del, sid));
    const Service& s = rec.service;
    for (const auto& c : s.categories) {
      const Status r = run_bound(*ins_cat_, c, sid);
      if (!r.ok())
        return Error::internal(where, "category " + c + ": " + r.error().message());
    }
    if (s.area_scope == "national")
      RETURN_IF_ERROR(run_bound(*ins_area_, 0, sid));
    for (const int p : s.prefectures)
      RETURN_IF_ERROR(run_bound(*ins_area_, p, sid));
    for (const auto& sit : s.situations) {
      const Status r = run_bound(*ins_sit_, sit, sid);
      if (!r.ok())
        return Error::internal(where, "situation " + sit + ": " + r.error().message());
    }
    RETURN_IF_ERROR(schema::refresh_derived(db_, sid));
    return run_bound(*listed_, sid);
  }

 private:
  explicit ServiceWriter(sql::Database& db) : db_(db) {}

  // The service's row; its sid.
  Result<int64_t> upsert(const Service& s, const std::string& origin, const std::string& where) {
    auto& st = *svc_;
    st.reset();
    st.bind(1, s.id).bind(2, s.organization_id).bind(3, s.name).bind(4, s.description);
    st.bind(5, s.channel).bind(6, s.contact).bind(7, s.hours).bind(8, s.cost).bind(9, s.target);
    st.bind(10, s.eligibility).bind(11, s.min_age).bind(12, s.max_age).bind(13, s.area_scope);
    st.bind(14, s.area_text).bind(15, s.urgent ? 1 : 0).bind(16, s.is_24h ? 1 : 0);
    st.bind(17, s.urgent && is_emergency_contact(s.contact) ? 1 : 0).bind(18, s.status);
    st.bind(19, s.source_title).bind(20, s.source_url).bind(21, s.source_date);
    st.bind(22, s.last_verified).bind(23, s.confidence).bind(24, origin);
    st.bind(25, s.audience == "workers" ? "workers" : "people").bind(26, s.internal_note);
    st.bind(27, s.name_en).bind(28, s.summary_en).bind(29, s.en_source);
    std::string languages;
    for (const auto& code : s.languages)
      languages += (languages.empty() ? "" : ",") + code;
    st.bind(30, languages);
    const Status r = st.run();
    if (!r.ok())
      return Error::internal(where, r.error().message());
    sid_->reset();
    sid_->bind(1, s.id);
    ASSIGN_OR_RETURN(const bool found, sid_->step());
    if (!found)
      return Error::internal(where, "service vanished after upsert");
    return sid_->int64(0);
  }

  sql::Database& db_;
  std::optional<sql::Statement> svc_, sid_, del_cat_, del_area_, del_sit_, ins_cat_, ins_area_,
      ins_sit_, listed_;
};

// Bundled rows that a newer bundle dropped must not linger: a removed record usually means a
// number that stopped working.
Status drop_removed_bundled(sql::Database& db, const Directory& dir) {
  RETURN_IF_ERROR(db.exec(
      "CREATE TEMP TABLE IF NOT EXISTS kb_keep(id TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM "
      "kb_keep;"));
  ASSIGN_OR_RETURN(auto keep_ins, db.prepare("INSERT OR IGNORE INTO kb_keep(id) VALUES (?1)"));
  for (const auto& rec : dir.services)
    RETURN_IF_ERROR(run_bound(keep_ins, rec.service.id));
  for (const auto& rec : dir.organizations)
    RETURN_IF_ERROR(run_bound(keep_ins, rec.org.id));
  return db.exec(
      "DELETE FROM services WHERE origin = 'bundled' AND id NOT IN (SELECT id FROM kb_keep);"
      "DELETE FROM organizations WHERE origin = 'bundled' AND id NOT IN (SELECT id FROM kb_keep) "
      "AND id NOT IN (SELECT organization_id FROM services WHERE organization_id IS NOT NULL);"
      "DELETE FROM kb_keep;");
}

}  // namespace

Result<int> write_directory(sql::Database& db, const Directory& dir, const std::string& origin) {
  RETURN_IF_ERROR(write_organizations(db, dir, origin));
  ASSIGN_OR_RETURN(auto writer, ServiceWriter::prepare(db));
  int written = 0;
  for (const auto& rec : dir.services) {
    RETURN_IF_ERROR(writer.write(rec, origin));
    ++written;
  }
  if (origin == "bundled")
    RETURN_IF_ERROR(drop_removed_bundled(db, dir));
  return written;
}

namespace {

constexpr const char* kServiceColumns =
    "s.sid, s.id, s.organization_id, COALESCE(o.name, ''), s.name, s.description, s.channel, "
    "s.contact, s.hours, s.cost, s.target, s.eligibility, s.min_age, s.max_age, s.area_scope, "
    "s.area_text, s.urgent, s.is_24h, s.status, s.source_title, s.source_url, s.source_date, "
    "s.last_verified, s.confidence, s.audience, s.internal_note, s.name_en, s.summary_en, "
    "s.en_source, s.languages";

Service service_from_row(const sql::Statement& st) {
  Service s;
  s.id = st.text(1);
  s.organization_id = st.opt_text(2);
  s.organization_name = st.text(3);
  s.name = st.text(4);
  s.description = st.text(5);
  s.channel = st.text(6);
  s.contact = st.text(7);
  s.hours = st.text(8);
  s.cost = st.text(9);
  s.target = st.text(10);
  s.eligibility = st.text(11);
  if (!st.is_null(12))
    s.min_age = st.integer(12);
  if (!st.is_null(13))
    s.max_age = st.integer(13);
  s.area_scope = st.text(14);
  s.area_text = st.text(15);
  s.urgent = st.integer(16) != 0;
  s.is_24h = st.integer(17) != 0;
  s.status = st.text(18);
  s.source_title = st.text(19);
  s.source_url = st.text(20);
  s.source_date = st.text(21);
  s.last_verified = st.text(22);
  s.confidence = st.text(23);
  s.audience = st.text(24);
  s.internal_note = st.text(25);
  s.name_en = st.text(26);
  s.summary_en = st.text(27);
  s.en_source = st.text(28);
  for (const auto& code : text::split(st.text(29), ',')) {
    if (!code.empty())
      s.languages.push_back(code);
  }
  return s;
}

}  // namespace

Result<ServiceLoader> ServiceLoader::create(sql::Database& db) {
  auto row = db.prepare(std::string("SELECT ") + kServiceColumns +
                        " FROM services s LEFT JOIN organizations o ON o.id = s.organization_id "
                        "WHERE s.sid = ?1");
  if (!row.ok())
    return row.error();
  auto cats = db.prepare(
      "SELECT sc.category FROM service_categories sc JOIN categories c ON c.id = sc.category "
      "WHERE sc.service_id = ?1 ORDER BY c.sort");
  if (!cats.ok())
    return cats.error();
  auto sits = db.prepare(
      "SELECT ss.situation FROM service_situations ss JOIN situations t ON t.id = ss.situation "
      "WHERE ss.service_id = ?1 ORDER BY t.sort");
  if (!sits.ok())
    return sits.error();
  auto areas =
      db.prepare("SELECT pref FROM service_areas WHERE service_id = ?1 AND pref > 0 ORDER BY pref");
  if (!areas.ok())
    return areas.error();
  return ServiceLoader(std::move(row.value()), std::move(cats.value()), std::move(sits.value()),
                       std::move(areas.value()));
}

Result<Service> ServiceLoader::load(int64_t sid) {
  row_.reset();
  row_.bind(1, sid);
  auto r = row_.step();
  if (!r.ok())
    return r.error();
  if (!r.value())
    return Error::not_found("service", std::to_string(sid));
  Service s = service_from_row(row_);
  row_.reset();
  struct Facet {
    sql::Statement* st;
    std::vector<std::string>* texts;
    std::vector<int>* ints;
  };
  for (const Facet& f :
       {Facet{&cats_, &s.categories, nullptr}, Facet{&sits_, &s.situations, nullptr},
        Facet{&areas_, nullptr, &s.prefectures}}) {
    f.st->reset();
    f.st->bind(1, sid);
    for (;;) {
      auto step = f.st->step();
      if (!step.ok())
        return step.error();
      if (!step.value())
        break;
      if (f.texts != nullptr)
        f.texts->push_back(f.st->text(0));
      if (f.ints != nullptr)
        f.ints->push_back(f.st->integer(0));
    }
  }
  return s;
}

Result<Directory> read_directory(sql::Database& db) {
  Directory dir;
  auto orgs = db.prepare(
      "SELECT id, name, legal_form, role, area_text, reference_only, source_title, source_date, "
      "notes FROM organizations ORDER BY rowid");
  if (!orgs.ok())
    return orgs.error();
  auto org_areas =
      db.prepare("SELECT pref FROM organization_areas WHERE organization_id = ?1 ORDER BY pref");
  if (!org_areas.ok())
    return org_areas.error();
  for (;;) {
    auto r = orgs->step();
    if (!r.ok())
      return r.error();
    if (!r.value())
      break;
    OrganizationRecord rec;
    Organization& o = rec.org;
    o.id = orgs->text(0);
    o.name = orgs->text(1);
    o.legal_form = orgs->text(2);
    o.role = orgs->text(3);
    o.area_text = orgs->text(4);
    o.reference_only = orgs->integer(5) != 0;
    o.source_title = orgs->text(6);
    o.source_date = orgs->text(7);
    o.notes = orgs->text(8);
    org_areas->reset();
    org_areas->bind(1, o.id);
    for (;;) {
      auto a = org_areas->step();
      if (!a.ok())
        return a.error();
      if (!a.value())
        break;
      o.prefectures.push_back(org_areas->integer(0));
    }
    rec.file = "db";
    dir.organizations.push_back(std::move(rec));
  }
  auto loader = ServiceLoader::create(db);
  if (!loader.ok())
    return loader.error();
  auto svcs = db.prepare("SELECT sid FROM services ORDER BY sid");
  if (!svcs.ok())
    return svcs.error();
  for (;;) {
    auto r = svcs->step();
    if (!r.ok())
      return r.error();
    if (!r.value())
      break;
    auto svc = loader->load(svcs->int64(0));
    if (!svc.ok())
      return svc.error();
    ServiceRecord rec;
    rec.service = std::move(svc.value());
    rec.file = "db";
    dir.services.push_back(std::move(rec));
  }
  return dir;
}

}  // namespace shirube::knowledge
