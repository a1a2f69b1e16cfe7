// Writing a directory as HSDS 3.0 CSV tables (hsds_csv.h, write_hsds).
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

// Terms of shirube's own taxonomies. Codes are unique across the three.
constexpr const char* kCategoryTaxonomy = "shirube_category";
constexpr const char* kSituationTaxonomy = "shirube_situation";
constexpr const char* kFieldTaxonomy = "shirube_field";

// The shirube fields that travel as attributes (code "field:<name>").
const std::vector<std::string>& field_terms() {
  static const std::vector<std::string> kFields = {
      "id",         "channel",       "contact",     "target",       "eligibility", "area_scope",
      "area_text",  "urgent",        "status",      "source_title", "source_url",  "source_date",
      "confidence", "role",          "prefectures", "legal_form",   "notes",       "placeholder",
      "audience",   "internal_note", "name_en",     "summary_en",   "en_source",   "languages"};
  return kFields;
}

std::string term_uuid(const std::string& code) {
  return hsds_uuid("taxonomy_term:" + code);
}

// Value of `field` in a row written in the spec's column order.
std::string row_of(const std::vector<std::string>& fields,
                   const std::map<std::string, std::string>& values) {
  std::vector<std::string> cells;
  cells.reserve(fields.size());
  for (const auto& f : fields) {
    auto it = values.find(f);
    cells.push_back(it == values.end() ? "" : it->second);
  }
  return join_row(cells);
}

std::string hsds_status(const std::string& status) {
  return status == "inactive" ? "inactive" : "active";
}

// Builds the CSV tables in memory, one string per HSDS resource, then writes them.
class HsdsWriter {
 public:
  HsdsWriter() {
    for (const char* res : {"organization", "service", "phone", "schedule", "service_area",
                            "taxonomy", "taxonomy_term", "attribute"}) {
      fields_[res] = hsds_fields(res);
      content_[res] = join_row(fields_[res]);
    }
  }

  // Taxonomies and their terms.
  void add_taxonomies() {
    const std::pair<const char*, const char*> taxonomies[] = {
        {kCategoryTaxonomy, "shirubeの相談分野（17の分野とその下位分野）"},
        {kSituationTaxonomy, "shirubeの「こんな状況の人に」（ケアリーバー、ひとり親など）"},
        {kFieldTaxonomy, "HSDSに欄のないshirubeの項目（連絡手段、連絡先、地域の範囲、出典など）"}};
    for (const auto& [name, description] : taxonomies) {
      add("taxonomy", {{"id", hsds_uuid(std::string("taxonomy:") + name)},
                       {"name", name},
                       {"description", description},
                       {"version", "1"}});
    }
    auto term = [&](const std::string& code, const std::string& name, const std::string& parent,
                    const char* taxonomy) {
      add("taxonomy_term", {{"id", term_uuid(code)},
                            {"code", code},
                            {"name", name},
                            {"description", name},
                            {"parent_id", parent.empty() ? "" : term_uuid(parent)},
                            {"taxonomy", taxonomy},
                            {"language", "ja"},
                            {"taxonomy_id", hsds_uuid(std::string("taxonomy:") + taxonomy)}});
    };
    for (const Category& c : category_table())
      term("category:" + c.id, c.label, c.parent.empty() ? "" : "category:" + c.parent,
           kCategoryTaxonomy);
    for (const Situation& x : situation_table())
      term("situation:" + x.id, x.label, "", kSituationTaxonomy);
    for (const auto& f : field_terms())
      term("field:" + f, f, "", kFieldTaxonomy);
  }

  // The placeholder organisation, when a service names none.
  void add_placeholder(const Directory& dir) {
    const bool need_placeholder =
        std::any_of(dir.services.begin(), dir.services.end(),
                    [](const ServiceRecord& r) { return !r.service.organization_id; });
    if (need_placeholder) {
      add("organization", {{"id", placeholder_},
                           {"name", "（運営団体の記載なし）"},
                           {"description", "運営団体が出典に書かれていないサービスのまとめ"}});
      field(placeholder_, "organization", "placeholder", "1");
    }
  }

  void add_organization(const Organization& o) {
    const std::string id = hsds_uuid("organization:" + o.id);
    std::string prefs;
    for (std::size_t i = 0; i < o.prefectures.size(); ++i)
      prefs += (i > 0 ? ";" : "") + two_digits(o.prefectures[i]);
    add("organization", {{"id", id},
                         {"name", o.name},
                         {"description", o.notes.empty() ? o.name : o.notes},
                         {"legal_status", o.legal_form}});
    field(id, "organization", "id", o.id);
    field(id, "organization", "role", o.role);
    field(id, "organization", "area_text", o.area_text);
    field(id, "organization", "prefectures", prefs);
    field(id, "organization", "source_title", o.source_title);
    field(id, "organization", "source_date", o.source_date);
    field(id, "organization", "notes", o.notes);
  }

  void add_service(const Service& s) {
    const std::string id = hsds_uuid("service:" + s.id);
    const std::string url = first_url(s.contact);
    add("service",
        {{"id", id},
         {"organization_id",
          s.organization_id ? hsds_uuid("organization:" + *s.organization_id) : placeholder_},
         {"name", s.name},
         {"description", s.description},
         {"url", is_http_url(url) ? url : ""},
         {"status", hsds_status(s.status)},
         {"fees_description", s.cost},
         {"eligibility_description", s.target},
         {"minimum_age", s.min_age ? std::to_string(*s.min_age) : ""},
         {"maximum_age", s.max_age ? std::to_string(*s.max_age) : ""},
         {"assured_date", s.last_verified}});
    field(id, "service", "id", s.id);
    field(id, "service", "channel", s.channel);
    field(id, "service", "contact", s.contact);
    field(id, "service", "target", s.target);
    field(id, "service", "eligibility", s.eligibility);
    field(id, "service", "area_scope", s.area_scope);
    field(id, "service", "area_text", s.area_text);
    field(id, "service", "urgent", s.urgent ? "1" : "");
    field(id, "service", "status", s.status == "seasonal" ? s.status : "");
    field(id, "service", "source_title", s.source_title);
    field(id, "service", "source_url", s.source_url);
    field(id, "service", "source_date", s.source_date);
    field(id, "service", "confidence", s.confidence);
    field(id, "service", "audience", s.audience == "workers" ? s.audience : "");
    field(id, "service", "internal_note", s.internal_note);
    field(id, "service", "name_en", s.name_en);
    field(id, "service", "summary_en", s.summary_en);
    field(id, "service", "en_source", s.en_source);
    std::string languages;
    for (const auto& code : s.languages)
      languages += (languages.empty() ? "" : ",") + code;
    field(id, "service", "languages", languages);
    for (const auto& c : s.categories)
      attribute(id, "service", "category:" + c, "");
    for (const auto& x : s.situations)
      attribute(id, "service", "situation:" + x, "");
    add_phone(s, id);
    add_schedules(s, id);
    add_areas(s, id);
  }

  Status write(const std::string& out_dir) {
    const std::pair<const char*, const char*> outputs[] = {{"organizations.csv", "organization"},
                                                           {"services.csv", "service"},
                                                           {"phones.csv", "phone"},
                                                           {"schedules.csv", "schedule"},
                                                           {"service_areas.csv", "service_area"},
                                                           {"taxonomies.csv", "taxonomy"},
                                                           {"taxonomy_terms.csv", "taxonomy_term"},
                                                           {"attributes.csv", "attribute"}};
    for (const auto& [file, res] : outputs) {
      Status st = write_file(out_dir + "/" + file, content_[res]);
      if (!st.ok())
        return st;
    }
    return write_file(out_dir + "/datapackage.json", std::string(hsds_datapackage()));
  }

 private:
  void add(const char* res, const std::map<std::string, std::string>& values) {
    content_[res] += row_of(fields_[res], values);
  }
  void attribute(const std::string& link_id, const char* entity, const std::string& code,
                 const std::string& value) {
    add("attribute", {{"id", hsds_uuid("attribute:" + link_id + ":" + code)},
                      {"link_id", link_id},
                      {"taxonomy_term_id", term_uuid(code)},
                      {"link_type", "shirube"},
                      {"link_entity", entity},
                      {"value", value}});
  }
  void field(const std::string& link_id, const char* entity, const char* name,
             const std::string& value) {
    if (!value.empty())
      attribute(link_id, entity, std::string("field:") + name, value);
  }

  void add_phone(const Service& s, const std::string& id) {
    if (s.channel == "phone" && is_phone_contact(s.contact)) {
      const std::string number = s.contact.substr(0, s.contact.find_first_of(" （("));
      add("phone", {{"id", hsds_uuid("phone:" + s.id)},
                    {"service_id", id},
                    {"number", number},
                    {"type", "voice"},
                    {"description", number == s.contact ? "" : s.contact}});
    }
  }

  void add_schedules(const Service& s, const std::string& id) {
    int n = 0;
    for (const auto& row : hsds_schedules(s.hours)) {
      add("schedule", {{"id", hsds_uuid("schedule:" + s.id + ":" + std::to_string(n++))},
                       {"service_id", id},
                       {"freq", row.freq},
                       {"wkst", row.freq.empty() ? "" : "MO"},
                       {"byday", row.byday},
                       {"opens_at", row.opens_at},
                       {"closes_at", row.closes_at},
                       {"description", row.description},
                       {"notes", row.notes}});
    }
  }

  void add_areas(const Service& s, const std::string& id) {
    if (s.area_scope == "national" || s.prefectures.empty()) {
      add("service_area", {{"id", hsds_uuid("service_area:" + s.id)},
                           {"service_id", id},
                           {"name", s.area_scope == "national" ? "全国" : ""},
                           {"description", s.area_text}});
    }
    for (const int p : s.prefectures) {
      const auto& all = all_prefectures();
      const auto it =
          std::find_if(all.begin(), all.end(), [&](const Prefecture& x) { return x.code == p; });
      add("service_area", {{"id", hsds_uuid("service_area:" + s.id + ":" + two_digits(p))},
                           {"service_id", id},
                           {"name", it == all.end() ? two_digits(p) : it->name},
                           {"description", s.area_text}});
    }
  }

  const std::string placeholder_ = hsds_uuid("organization:");
  std::map<std::string, std::string> content_;
  std::map<std::string, std::vector<std::string>> fields_;
};

}  // namespace

Status write_hsds(const Directory& dir, const std::string& out_dir) {
  if (::mkdir(out_dir.c_str(), 0755) != 0 && errno != EEXIST)
    return Error::unavailable(out_dir, std::strerror(errno));
  HsdsWriter w;
  w.add_taxonomies();
  w.add_placeholder(dir);
  for (const auto& rec : dir.organizations)
    w.add_organization(rec.org);
  for (const auto& rec : dir.services)
    w.add_service(rec.service);
  return w.write(out_dir);
}

}  // namespace shirube::knowledge
