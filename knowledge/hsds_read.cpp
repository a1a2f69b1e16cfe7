// Reading a directory from HSDS 3.0 CSV tables (hsds_csv.h, read_hsds).
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include "common/embedded.h"
#include "knowledge/check.h"
#include "knowledge/hours.h"
#include "knowledge/hsds_csv.h"
#include "knowledge/knowledge_base.h"
#include "knowledge/service_rules.h"
#include "knowledge/taxonomy.h"
#include "knowledge/text.h"

#include <sys/stat.h>

namespace shirube::knowledge {
namespace {

// A table read by header name: column order is free, extra columns are ignored.
class Table {
 public:
  Table(const std::string& path, std::vector<CsvRecord> records)
      : path_(path), records_(std::move(records)) {
    if (!records_.empty()) {
      for (std::size_t i = 0; i < records_[0].fields.size(); ++i) {
        std::string name = text::trim(records_[0].fields[i]);
        index_[name] = i;
      }
    }
  }
  // Adds an issue for each missing required column; true when all are present.
  bool require(const std::vector<std::string>& cols, Directory& out) const {
    bool ok = !records_.empty();
    if (records_.empty())
      out.issues.push_back({path_, 1, "", "empty file (no header)"});
    for (const auto& c : cols) {
      if (!records_.empty() && index_.count(c) == 0) {
        out.issues.push_back({path_, 1, c, "missing required column"});
        ok = false;
      }
    }
    return ok;
  }
  std::size_t rows() const { return records_.empty() ? 0 : records_.size() - 1; }
  int line(std::size_t row) const { return records_[row + 1].line; }
  bool width_ok(std::size_t row, Directory& out) const {
    const auto& r = records_[row + 1];
    if (r.fields.size() == records_[0].fields.size())
      return true;
    out.issues.push_back({path_, r.line, "",
                          "expected " + std::to_string(records_[0].fields.size()) +
                              " columns, found " + std::to_string(r.fields.size())});
    return false;
  }
  std::string get(std::size_t row, const std::string& col) const {
    auto it = index_.find(col);
    if (it == index_.end())
      return {};
    return text::trim(records_[row + 1].fields[it->second]);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::vector<CsvRecord> records_;
  std::unordered_map<std::string, std::size_t> index_;
};

bool parse_age(const std::string& v, std::optional<int>& out) {
  if (v.empty())
    return true;
  if (v.size() > 3 ||
      !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  const int a = std::stoi(v);
  if (a > 150)
    return false;
  out = a;
  return true;
}

bool parse_bool(const std::string& v, bool& out) {
  if (v.empty() || v == "0" || v == "no" || v == "false") {
    out = false;
    return true;
  }
  if (v == "1" || v == "yes" || v == "true") {
    out = true;
    return true;
  }
  return false;
}

struct AttributeValue {
  std::string code;  // "field:channel", "category:food", "situation:youth"
  std::string value;
  std::string file;
  int line = 0;
};

// Reads the tables in order: terms, attributes, organisations, services, then the rows that
// belong to a service (phones, schedules, areas). Ids of HSDS rows are mapped to shirube's ids
// through the `field:id` attributes.
class HsdsReader {
 public:
  explicit HsdsReader(Directory& out) : out_(out) {}

  void add_file(const std::string& name, const std::string& path, const std::string& text) {
    auto parsed = parse_csv(text, path);
    if (!parsed.ok()) {
      const std::string& where = parsed.error().where();
      const std::size_t colon = where.rfind(':');
      out_.issues.push_back({path,
                             colon == std::string::npos ? 0 : std::stoi(where.substr(colon + 1)),
                             "", parsed.error().what()});
      return;
    }
    tables_.emplace(name, Table(path, std::move(parsed.value())));
  }

  void run() {
    read_terms();
    read_attributes();
    read_organizations();
    read_services();
    read_phones();
    read_schedules();
    read_areas();
    for (auto& rec : out_.services) {
      Service& s = rec.service;
      s.is_24h = hours_mean_24h(s.hours);
      if (s.area_scope.empty())
        s.area_scope = s.prefectures.empty() ? "national" : "prefecture";
    }
  }

 private:
  static constexpr auto kRejected = static_cast<std::size_t>(-1);

  const Table* table(const char* name) const {
    auto it = tables_.find(name);
    return it == tables_.end() ? nullptr : &it->second;
  }
  void issue(const Table& t, std::size_t r, const std::string& col, std::string why) {
    out_.issues.push_back({t.path(), t.line(r), col, std::move(why)});
  }

  // The attribute `field:<name>` of an HSDS row, or null.
  const AttributeValue* field_of(const std::string& link_id, const std::string& field) const {
    auto it = attributes_.find(link_id);
    if (it == attributes_.end())
      return nullptr;
    for (const auto& a : it->second) {
      if (a.code == "field:" + field)
        return &a;
    }
    return nullptr;
  }
  // The attribute when there is one, else the column.
  std::string value_of(const Table& t, std::size_t r, const std::string& link_id,
                       const std::string& field, const std::string& column) const {
    if (const AttributeValue* a = field_of(link_id, field))
      return a->value;
    return t.get(r, column);
  }

  // The English name and summary, where they come from and the languages (fields of our own,
  // as attributes or columns).
  void read_english(const Table& t, std::size_t r, const std::string& hsds_id, Service& s) {
    s.name_en = value_of(t, r, hsds_id, "name_en", "name_en");
    s.summary_en = value_of(t, r, hsds_id, "summary_en", "summary_en");
    s.en_source = value_of(t, r, hsds_id, "en_source", "en_source");
    if (!s.en_source.empty() && s.en_source != "operator" && s.en_source != "translation")
      issue(t, r, "en_source", "must be operator, translation or empty");
    for (const auto& code : text::split(value_of(t, r, hsds_id, "languages", "languages"), ',')) {
      if (!text::trim(code).empty())
        s.languages.push_back(text::trim(code));
    }
  }

  void read_terms() {
    const Table* t = table("taxonomy_terms.csv");
    if (t == nullptr || !t->require({"id"}, out_))
      return;
    for (std::size_t r = 0; r < t->rows(); ++r) {
      if (!t->width_ok(r, out_))
        continue;
      const std::string code = t->get(r, "code");
      term_code_[t->get(r, "id")] = code;
      if (text::starts_with(code, "category:") && !is_known_category(code.substr(9)))
        issue(*t, r, "code", "unknown category '" + code + "'");
      else if (text::starts_with(code, "situation:") && !is_known_situation(code.substr(10)))
        issue(*t, r, "code", "unknown situation '" + code + "'");
    }
  }

  void read_attributes() {
    const Table* t = table("attributes.csv");
    if (t == nullptr || !t->require({"link_id", "taxonomy_term_id"}, out_))
      return;
    for (std::size_t r = 0; r < t->rows(); ++r) {
      if (!t->width_ok(r, out_))
        continue;
      const std::string term = t->get(r, "taxonomy_term_id");
      auto code = term_code_.find(term);
      if (code == term_code_.end()) {
        issue(*t, r, "taxonomy_term_id", "term '" + term + "' is not in taxonomy_terms.csv");
        continue;
      }
      attributes_[t->get(r, "link_id")].push_back(
          {code->second, t->get(r, "value"), t->path(), t->line(r)});
    }
  }

  void read_organizations() {
    const Table* t = table("organizations.csv");
    if (t == nullptr || !t->require({"id", "name"}, out_))
      return;
    for (std::size_t r = 0; r < t->rows(); ++r) {
      if (!t->width_ok(r, out_))
        continue;
      const std::string hsds_id = t->get(r, "id");
      if (field_of(hsds_id, "placeholder") != nullptr) {
        org_ids_[hsds_id] = "";
        continue;
      }
      const std::size_t before = out_.issues.size();
      OrganizationRecord rec;
      rec.file = t->path();
      rec.line = t->line(r);
      Organization& o = rec.org;
      o.id = value_of(*t, r, hsds_id, "id", "id");
      if (!is_valid_record_id(o.id))
        issue(*t, r, "id", o.id.empty() ? "required" : "must not contain spaces, commas or quotes");
      o.name = t->get(r, "name");
      if (o.name.empty())
        issue(*t, r, "name", "required");
      o.legal_form = value_of(*t, r, hsds_id, "legal_form", "legal_status");
      if (o.legal_form.empty())
        o.legal_form = t->get(r, "legal_form");
      o.role = value_of(*t, r, hsds_id, "role", "role");
      o.reference_only = o.role == "other";
      o.area_text = value_of(*t, r, hsds_id, "area_text", "area_text");
      for (const auto& p :
           text::split(value_of(*t, r, hsds_id, "prefectures", "prefectures"), ';')) {
        const std::string v = text::trim(p);
        const int code = v.empty() ? -1 : prefecture_code(v);
        if (code == 0)
          issue(*t, r, "prefectures", "unknown prefecture '" + v + "'");
        else if (code > 0 &&
                 std::find(o.prefectures.begin(), o.prefectures.end(), code) == o.prefectures.end())
          o.prefectures.push_back(code);
      }
      std::sort(o.prefectures.begin(), o.prefectures.end());
      o.source_title = value_of(*t, r, hsds_id, "source_title", "source_title");
      o.source_date = value_of(*t, r, hsds_id, "source_date", "source_date");
      if (!o.source_date.empty() && !text::is_source_date(o.source_date))
        issue(*t, r, "source_date", "not a date (YYYY, YYYY-MM, YYYY-MM-DD or unknown)");
      const AttributeValue* notes = field_of(hsds_id, "notes");
      o.notes = notes != nullptr ? notes->value : t->get(r, "notes");
      if (notes == nullptr && o.notes.empty() && t->get(r, "description") != o.name)
        o.notes = t->get(r, "description");
      org_ids_[hsds_id] = o.id;
      if (out_.issues.size() == before)
        out_.organizations.push_back(std::move(rec));
    }
  }

  // HSDS status -> shirube status; an unknown value is an issue (and counts as active).
  std::string status_of(const Table& t, std::size_t r, const std::string& hsds_id) {
    if (const AttributeValue* own = field_of(hsds_id, "status"))
      return own->value;
    const std::string status = t.get(r, "status");
    if (status.empty() || status == "active" || status == "seasonal")
      return status.empty() ? "active" : status;
    if (status == "inactive" || status == "defunct" || status == "temporarily closed")
      return "inactive";
    issue(t, r, "status",
          "must be active, inactive, defunct or temporarily closed (got '" + status + "')");
    return "active";
  }

  // minimum_age and maximum_age ("12" or "12.0").
  void read_ages(const Table& t, std::size_t r, Service& s) {
    for (const char* col : {"minimum_age", "maximum_age"}) {
      std::string v = t.get(r, col);
      if (text::ends_with(v, ".0"))
        v.resize(v.size() - 2);
      if (!parse_age(v, col[1] == 'i' ? s.min_age : s.max_age))
        issue(t, r, col, "must be a whole number 0..150");
    }
  }

  // The categories and situations linked to a service by attributes.
  void read_terms_of(const std::string& hsds_id, Service& s) const {
    if (auto it = attributes_.find(hsds_id); it != attributes_.end()) {
      for (const auto& a : it->second) {
        if (text::starts_with(a.code, "category:"))
          s.categories.push_back(a.code.substr(9));
        else if (text::starts_with(a.code, "situation:"))
          s.situations.push_back(a.code.substr(10));
      }
    }
  }

  void read_service_row(const Table& t, std::size_t r) {
    const std::size_t before = out_.issues.size();
    ServiceRecord rec;
    rec.file = t.path();
    rec.line = t.line(r);
    Service& s = rec.service;
    const std::string hsds_id = t.get(r, "id");
    s.id = value_of(t, r, hsds_id, "id", "id");
    const std::string org = t.get(r, "organization_id");
    if (auto it = org_ids_.find(org); it != org_ids_.end()) {
      if (!it->second.empty())
        s.organization_id = it->second;
    } else if (!org.empty()) {
      s.organization_id = org;  // checked against the database by validate_directory
    }
    s.name = t.get(r, "name");
    s.description = t.get(r, "description");
    s.channel = value_of(t, r, hsds_id, "channel", "channel");
    s.contact = value_of(t, r, hsds_id, "contact", "contact");
    if (s.contact.empty())
      s.contact = t.get(r, "url");
    s.hours = t.get(r, "hours");
    s.cost = t.get(r, "fees_description");
    if (s.cost.empty())
      s.cost = t.get(r, "cost");
    s.target = value_of(t, r, hsds_id, "target", "eligibility_description");
    if (s.target.empty())
      s.target = t.get(r, "target");
    s.eligibility = value_of(t, r, hsds_id, "eligibility", "eligibility");
    read_ages(t, r, s);
    s.area_scope = value_of(t, r, hsds_id, "area_scope", "area_scope");
    s.area_text = value_of(t, r, hsds_id, "area_text", "area_text");
    if (!parse_bool(value_of(t, r, hsds_id, "urgent", "urgent"), s.urgent))
      issue(t, r, "urgent", "must be 0/1, yes/no or true/false");
    s.status = status_of(t, r, hsds_id);
    s.source_title = value_of(t, r, hsds_id, "source_title", "source_title");
    s.source_url = value_of(t, r, hsds_id, "source_url", "source_url");
    s.source_date = value_of(t, r, hsds_id, "source_date", "source_date");
    ServiceLayout layout = hsds_service_layout();
    if (!t.get(r, "assured_date").empty())
      layout.last_verified_column = "assured_date";
    s.last_verified = t.get(r, layout.last_verified_column);
    s.confidence = value_of(t, r, hsds_id, "confidence", "confidence");
    s.internal_note = value_of(t, r, hsds_id, "internal_note", "internal_note");
    move_internal_notes(s);
    read_english(t, r, hsds_id, s);
    s.audience = value_of(t, r, hsds_id, "audience", "audience");
    if (s.audience.empty())
      s.audience = "people";
    if (s.audience != "people" && s.audience != "workers")
      issue(t, r, "audience", "must be people, workers or empty");
    read_terms_of(hsds_id, s);
    // An empty area scope is derived from the areas once they are read.
    Service checked = s;
    if (checked.area_scope.empty())
      checked.area_scope = "national";
    validate_service(checked, layout, t.path(), t.line(r), out_.issues);
    if (!s.id.empty() && !shirube_ids_.insert(s.id).second)
      issue(t, r, "id", "duplicate service id '" + s.id + "'");
    if (service_index_.count(hsds_id) != 0)
      issue(t, r, "id", "duplicate id '" + hsds_id + "'");
    if (out_.issues.size() == before) {
      service_index_.emplace(hsds_id, out_.services.size());
      out_.services.push_back(std::move(rec));
    } else {
      // Kept known so rows in the other files do not report it a second time.
      service_index_.emplace(hsds_id, kRejected);
    }
  }

  void read_services() {
    const Table* t = table("services.csv");
    if (t == nullptr || !t->require({"id", "name"}, out_))
      return;
    for (std::size_t r = 0; r < t->rows(); ++r) {
      if (t->width_ok(r, out_))
        read_service_row(*t, r);
    }
  }

  // Rows that belong to a service. A rejected service still has its rows checked, so one run
  // lists every problem.
  void for_service_rows(const char* name,
                        const std::function<void(const Table&, std::size_t, Service&)>& apply) {
    const Table* t = table(name);
    if (t == nullptr || !t->require({"service_id"}, out_))
      return;
    for (std::size_t r = 0; r < t->rows(); ++r) {
      if (!t->width_ok(r, out_))
        continue;
      const std::string sid = t->get(r, "service_id");
      auto svc = service_index_.find(sid);
      if (svc == service_index_.end()) {
        issue(*t, r, "service_id", "service '" + sid + "' is not in services.csv");
        continue;
      }
      Service rejected;
      apply(*t, r, svc->second == kRejected ? rejected : out_.services[svc->second].service);
    }
  }

  void read_phones() {
    for_service_rows("phones.csv", [&](const Table& t, std::size_t r, Service& s) {
      if (t.get(r, "number").empty())
        issue(t, r, "number", "required");
      if (s.contact.empty()) {
        s.contact = t.get(r, "number");
        if (s.channel.empty())
          s.channel = "phone";
      }
    });
  }

  void read_schedules() {
    for_service_rows("schedules.csv", [](const Table& t, std::size_t r, Service& s) {
      if (s.hours.empty())
        s.hours = t.get(r, "description");
    });
  }

  void read_areas() {
    for_service_rows("service_areas.csv", [&](const Table& t, std::size_t r, Service& s) {
      std::string v = t.get(r, "name");
      if (v.empty())
        v = t.get(r, "prefecture");
      if (v.empty() || v == "全国" || v == "national")
        return;
      const int code = prefecture_code(v);
      if (code == 0) {
        issue(t, r, "name", "unknown prefecture '" + v + "'");
        return;
      }
      if (std::find(s.prefectures.begin(), s.prefectures.end(), code) == s.prefectures.end()) {
        s.prefectures.push_back(code);
        std::sort(s.prefectures.begin(), s.prefectures.end());
      }
    });
  }

  Directory& out_;
  std::map<std::string, Table> tables_;
  std::unordered_map<std::string, std::string> term_code_;                   // term id -> code
  std::unordered_map<std::string, std::vector<AttributeValue>> attributes_;  // by link_id
  std::unordered_map<std::string, std::string> org_ids_;        // HSDS id -> shirube id ("" = none)
  std::unordered_map<std::string, std::size_t> service_index_;  // HSDS id -> index or kRejected
  std::set<std::string> shirube_ids_;
};

}  // namespace

void read_hsds(const std::map<std::string, std::pair<std::string, std::string>>& files,
               Directory& out) {
  HsdsReader reader(out);
  for (const auto& [name, src] : files)
    reader.add_file(name, src.first, src.second);
  reader.run();
}
}  // namespace shirube::knowledge
