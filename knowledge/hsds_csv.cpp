#include "knowledge/hsds_csv.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <set>
#include <unordered_map>

#include "knowledge/knowledge_base.h"
#include "knowledge/service_rules.h"
#include "knowledge/taxonomy.h"
#include "knowledge/text.h"

#include <sys/stat.h>

namespace shirube::knowledge {

Result<std::vector<CsvRecord>> parse_csv(std::string_view text, const std::string& file) {
  std::vector<CsvRecord> out;
  int line = 1;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    CsvRecord rec;
    rec.line = line;
    std::string field;
    bool record_done = false;
    while (!record_done) {
      field.clear();
      if (i < n && text[i] == '"') {
        const int start_line = line;
        ++i;
        for (;;) {
          if (i >= n) {
            return Error::invalid_argument(file + ":" + std::to_string(start_line),
                                           "unterminated quoted field");
          }
          const char c = text[i];
          if (c == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (c == '\n')
            ++line;
          field += c;
          ++i;
        }
        if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          return Error::invalid_argument(file + ":" + std::to_string(line),
                                         "text after a closing quote");
        }
      } else {
        while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          if (text[i] == '"') {
            return Error::invalid_argument(file + ":" + std::to_string(line),
                                           "quote inside an unquoted field");
          }
          field += text[i];
          ++i;
        }
      }
      rec.fields.push_back(field);
      if (i >= n) {
        record_done = true;
      } else if (text[i] == ',') {
        ++i;
      } else {
        if (text[i] == '\r')
          ++i;
        if (i < n && text[i] == '\n')
          ++i;
        ++line;
        record_done = true;
      }
    }
    const bool blank = rec.fields.size() == 1 && rec.fields[0].empty();
    if (!blank)
      out.push_back(std::move(rec));
  }
  return out;
}

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos)
    return std::string(value);
  std::string out = "\"";
  for (const char c : value) {
    out += c;
    if (c == '"')
      out += '"';
  }
  out += '"';
  return out;
}

const std::vector<std::string>& hsds_file_names() {
  static const std::vector<std::string> kNames = {
      "organizations.csv",      "services.csv",           "service_areas.csv",
      "service_categories.csv", "service_situations.csv", "taxonomy_terms.csv"};
  return kNames;
}

namespace {

const std::vector<std::string> kOrgColumns = {"id",           "name",        "legal_form",
                                              "role",         "area_text",   "prefectures",
                                              "source_title", "source_date", "notes"};
const std::vector<std::string> kServiceColumns = {
    "id",          "organization_id", "name",         "description", "channel",
    "contact",     "hours",           "cost",         "target",      "eligibility",
    "minimum_age", "maximum_age",     "area_scope",   "area_text",   "urgent",
    "status",      "source_title",    "source_url",   "source_date", "last_verified",
    "confidence",  "audience",        "internal_note"};

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

using Tables = std::map<std::string, Table>;
using ServiceIndex = std::unordered_map<std::string, std::size_t>;

void read_organizations(const Table& t, Directory& out) {
  if (t.require({"id", "name"}, out)) {
    for (std::size_t r = 0; r < t.rows(); ++r) {
      if (!t.width_ok(r, out))
        continue;
      const std::size_t before = out.issues.size();
      auto issue = [&](const char* col, std::string why) {
        out.issues.push_back({t.path(), t.line(r), col, std::move(why)});
      };
      OrganizationRecord rec;
      rec.file = t.path();
      rec.line = t.line(r);
      Organization& o = rec.org;
      o.id = t.get(r, "id");
      if (!is_valid_record_id(o.id))
        issue("id", o.id.empty() ? "required" : "must not contain spaces, commas or quotes");
      o.name = t.get(r, "name");
      if (o.name.empty())
        issue("name", "required");
      o.legal_form = t.get(r, "legal_form");
      o.role = t.get(r, "role");
      o.reference_only = o.role == "other";
      o.area_text = t.get(r, "area_text");
      for (const auto& p : text::split(t.get(r, "prefectures"), ';')) {
        const std::string v = text::trim(p);
        if (v.empty())
          continue;
        const int code = prefecture_code(v);
        if (code == 0) {
          issue("prefectures", "unknown prefecture '" + v + "'");
        } else if (std::find(o.prefectures.begin(), o.prefectures.end(), code) ==
                   o.prefectures.end()) {
          o.prefectures.push_back(code);
        }
      }
      std::sort(o.prefectures.begin(), o.prefectures.end());
      o.source_title = t.get(r, "source_title");
      o.source_date = t.get(r, "source_date");
      if (!o.source_date.empty() && !text::is_source_date(o.source_date)) {
        issue("source_date", "not a date (YYYY, YYYY-MM, YYYY-MM-DD or unknown)");
      }
      o.notes = t.get(r, "notes");
      if (out.issues.size() == before)
        out.organizations.push_back(std::move(rec));
    }
  }
}

// Services by id: their index in out.services, or -1 for a rejected row.
void read_services(const Table& t, Directory& out, ServiceIndex& service_index) {
  if (t.require({"id", "name", "area_scope"}, out)) {
    for (std::size_t r = 0; r < t.rows(); ++r) {
      if (!t.width_ok(r, out))
        continue;
      const std::size_t before = out.issues.size();
      auto issue = [&](const char* col, std::string why) {
        out.issues.push_back({t.path(), t.line(r), col, std::move(why)});
      };
      ServiceRecord rec;
      rec.file = t.path();
      rec.line = t.line(r);
      Service& s = rec.service;
      s.id = t.get(r, "id");
      const std::string org = t.get(r, "organization_id");
      if (!org.empty())
        s.organization_id = org;
      s.name = t.get(r, "name");
      s.description = t.get(r, "description");
      s.channel = t.get(r, "channel");
      s.contact = t.get(r, "contact");
      s.hours = t.get(r, "hours");
      s.is_24h = hours_mean_24h(s.hours);
      s.cost = t.get(r, "cost");
      s.target = t.get(r, "target");
      s.eligibility = t.get(r, "eligibility");
      if (!parse_age(t.get(r, "minimum_age"), s.min_age))
        issue("minimum_age", "must be a whole number 0..150");
      if (!parse_age(t.get(r, "maximum_age"), s.max_age))
        issue("maximum_age", "must be a whole number 0..150");
      s.area_scope = t.get(r, "area_scope");
      s.area_text = t.get(r, "area_text");
      if (!parse_bool(t.get(r, "urgent"), s.urgent))
        issue("urgent", "must be 0/1, yes/no or true/false");
      s.status = t.get(r, "status");
      if (s.status.empty())
        s.status = "active";
      s.source_title = t.get(r, "source_title");
      s.source_url = t.get(r, "source_url");
      s.source_date = t.get(r, "source_date");
      s.last_verified = t.get(r, "last_verified");
      s.confidence = t.get(r, "confidence");
      s.internal_note = t.get(r, "internal_note");
      move_internal_notes(s);
      s.audience = t.get(r, "audience");
      if (s.audience.empty())
        s.audience = "people";
      if (s.audience != "people" && s.audience != "workers")
        issue("audience", "must be people, workers or empty");
      validate_service(s, hsds_service_layout(), t.path(), t.line(r), out.issues);
      if (!s.id.empty() && service_index.count(s.id) != 0) {
        issue("id", "duplicate service id '" + s.id + "'");
      }
      if (out.issues.size() == before) {
        service_index.emplace(s.id, out.services.size());
        out.services.push_back(std::move(rec));
      } else {
        // Keep the id known so rows in the other files do not report it a second time.
        service_index.emplace(s.id, static_cast<std::size_t>(-1));
      }
    }
  }
}

// The join files (areas, categories, situations) add to the services they name.
void read_links(const Tables& tables, ServiceIndex& service_index, Directory& out) {
  auto for_links =
      [&](const char* name, const char* value_col,
          const std::function<bool(Service&, const std::string&, std::string&)>& apply) {
        auto it = tables.find(name);
        if (it == tables.end())
          return;
        const Table& t = it->second;
        if (!t.require({"service_id", value_col}, out))
          return;
        for (std::size_t r = 0; r < t.rows(); ++r) {
          if (!t.width_ok(r, out))
            continue;
          const std::string sid = t.get(r, "service_id");
          const std::string value = t.get(r, value_col);
          auto svc = service_index.find(sid);
          if (svc == service_index.end()) {
            out.issues.push_back({t.path(), t.line(r), "service_id",
                                  "service '" + sid + "' is not in services.csv"});
            continue;
          }
          // A rejected service still has its linked values checked, so one run lists every problem.
          Service rejected;
          Service& target = svc->second == static_cast<std::size_t>(-1)
                                ? rejected
                                : out.services[svc->second].service;
          std::string why;
          if (!apply(target, value, why)) {
            out.issues.push_back({t.path(), t.line(r), value_col, why});
          }
        }
      };
  for_links(
      "service_areas.csv", "prefecture", [](Service& s, const std::string& v, std::string& why) {
        const int code = prefecture_code(v);
        if (code == 0) {
          why = "unknown prefecture '" + v + "'";
          return false;
        }
        if (std::find(s.prefectures.begin(), s.prefectures.end(), code) == s.prefectures.end()) {
          s.prefectures.push_back(code);
          std::sort(s.prefectures.begin(), s.prefectures.end());
        }
        return true;
      });
  for_links("service_categories.csv", "category",
            [](Service& s, const std::string& v, std::string& why) {
              if (!is_known_category(v)) {
                why = "unknown category '" + v + "'";
                return false;
              }
              if (std::find(s.categories.begin(), s.categories.end(), v) == s.categories.end())
                s.categories.push_back(v);
              return true;
            });
  for_links("service_situations.csv", "situation",
            [](Service& s, const std::string& v, std::string& why) {
              if (!is_known_situation(v)) {
                why = "unknown situation '" + v + "'";
                return false;
              }
              if (std::find(s.situations.begin(), s.situations.end(), v) == s.situations.end())
                s.situations.push_back(v);
              return true;
            });
}

void check_taxonomy(const Table& t, Directory& out) {
  if (t.require({"id", "vocabulary"}, out)) {
    for (std::size_t r = 0; r < t.rows(); ++r) {
      if (!t.width_ok(r, out))
        continue;
      const std::string id = t.get(r, "id");
      const std::string vocab = t.get(r, "vocabulary");
      if (vocab == "category") {
        if (!is_known_category(id))
          out.issues.push_back({t.path(), t.line(r), "id", "unknown category '" + id + "'"});
      } else if (vocab == "situation") {
        if (!is_known_situation(id))
          out.issues.push_back({t.path(), t.line(r), "id", "unknown situation '" + id + "'"});
      } else {
        out.issues.push_back({t.path(), t.line(r), "vocabulary", "must be category or situation"});
      }
    }
  }
}

}  // namespace

void read_hsds(const std::map<std::string, std::pair<std::string, std::string>>& files,
               Directory& out) {
  Tables tables;
  for (const auto& [name, src] : files) {
    auto parsed = parse_csv(src.second, src.first);
    if (!parsed.ok()) {
      const std::string& where = parsed.error().where();
      const std::size_t colon = where.rfind(':');
      out.issues.push_back({src.first,
                            colon == std::string::npos ? 0 : std::stoi(where.substr(colon + 1)), "",
                            parsed.error().what()});
      continue;
    }
    tables.emplace(name, Table(src.first, std::move(parsed.value())));
  }

  if (auto it = tables.find("organizations.csv"); it != tables.end())
    read_organizations(it->second, out);
  ServiceIndex service_index;
  if (auto it = tables.find("services.csv"); it != tables.end())
    read_services(it->second, out, service_index);
  read_links(tables, service_index, out);
  if (auto it = tables.find("taxonomy_terms.csv"); it != tables.end())
    check_taxonomy(it->second, out);
}

namespace {

std::string join_row(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0)
      line += ',';
    line += csv_field(fields[i]);
  }
  line += "\r\n";
  return line;
}

std::string two_digits(int code) {
  std::string s = std::to_string(code);
  return s.size() == 1 ? "0" + s : s;
}

Status write_file(const std::string& path, const std::string& content) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f)
    return Error::unavailable(path, std::strerror(errno));
  f << content;
  f.close();
  if (!f)
    return Error::unavailable(path, "write failed");
  return {};
}

}  // namespace

Status write_hsds(const Directory& dir, const std::string& out_dir) {
  if (::mkdir(out_dir.c_str(), 0755) != 0 && errno != EEXIST) {
    return Error::unavailable(out_dir, std::strerror(errno));
  }
  std::string orgs = join_row(kOrgColumns);
  for (const auto& rec : dir.organizations) {
    const Organization& o = rec.org;
    std::string prefs;
    for (std::size_t i = 0; i < o.prefectures.size(); ++i)
      prefs += (i > 0 ? ";" : "") + two_digits(o.prefectures[i]);
    orgs += join_row({o.id, o.name, o.legal_form, o.role, o.area_text, prefs, o.source_title,
                      o.source_date, o.notes});
  }
  std::string svcs = join_row(kServiceColumns);
  std::string areas = join_row({"service_id", "prefecture"});
  std::string cats = join_row({"service_id", "category"});
  std::string sits = join_row({"service_id", "situation"});
  for (const auto& rec : dir.services) {
    const Service& s = rec.service;
    svcs += join_row({s.id,
                      s.organization_id.value_or(""),
                      s.name,
                      s.description,
                      s.channel,
                      s.contact,
                      s.hours,
                      s.cost,
                      s.target,
                      s.eligibility,
                      s.min_age ? std::to_string(*s.min_age) : "",
                      s.max_age ? std::to_string(*s.max_age) : "",
                      s.area_scope,
                      s.area_text,
                      s.urgent ? "1" : "0",
                      s.status,
                      s.source_title,
                      s.source_url,
                      s.source_date,
                      s.last_verified,
                      s.confidence,
                      s.audience,
                      s.internal_note});
    for (const int p : s.prefectures)
      areas += join_row({s.id, two_digits(p)});
    for (const auto& c : s.categories)
      cats += join_row({s.id, c});
    for (const auto& x : s.situations)
      sits += join_row({s.id, x});
  }
  std::string terms = join_row({"id", "parent_id", "name", "vocabulary"});
  for (const Category& c : category_table())
    terms += join_row({c.id, c.parent, c.label, "category"});
  for (const Situation& x : situation_table())
    terms += join_row({x.id, "", x.label, "situation"});

  const std::pair<const char*, const std::string*> outputs[] = {
      {"organizations.csv", &orgs},      {"services.csv", &svcs},
      {"service_areas.csv", &areas},     {"service_categories.csv", &cats},
      {"service_situations.csv", &sits}, {"taxonomy_terms.csv", &terms}};
  for (const auto& [name, content] : outputs) {
    Status s = write_file(out_dir + "/" + name, *content);
    if (!s.ok())
      return s;
  }
  return {};
}

}  // namespace shirube::knowledge
