// Slightly over 500 lines: the HSDS shapes of services, organisations and taxonomies and
// their list parameters, one mapping kept together.
#include "webhooks/directory_api.h"

#include <algorithm>
#include <set>

#include "common/args.h"
#include "common/utf8.h"
#include "knowledge/check.h"
#include "knowledge/directory.h"
#include "knowledge/hours.h"
#include "knowledge/hsds_csv.h"
#include "knowledge/taxonomy.h"
#include "knowledge/text.h"

namespace shirube::webhooks {

using nlohmann::json;
namespace hours = knowledge::hours;

namespace {

constexpr int kMaxPerPage = 100;
constexpr std::size_t kMaxSearchBytes = 400;

const std::vector<std::string>& service_list_params() {
  static const std::vector<std::string> kParams = {
      "search",          "page",           "per_page",     "taxonomy_term_id",
      "organization_id", "modified_after", "full",         "category",
      "situation",       "prefecture",     "municipality", "age",
      "channel",         "urgent",         "open_now",     "at"};
  return kParams;
}

Result<bool> parse_bool(const std::string& name, const std::string& v) {
  if (v == "true" || v == "1")
    return true;
  if (v == "false" || v == "0")
    return false;
  return Error::invalid_argument(name, "must be true or false (got '" + utf8::sanitize(v) + "')");
}

// "food", "category:food", "situation:youth" or a term UUID -> the category or situation id.
std::optional<std::string> term_from(const std::string& v) {
  for (const auto& c : knowledge::category_table()) {
    if (v == c.id || v == "category:" + c.id ||
        v == knowledge::hsds_uuid("taxonomy_term:category:" + c.id))
      return c.id;
  }
  for (const auto& x : knowledge::situation_table()) {
    if (v == "situation:" + x.id || v == knowledge::hsds_uuid("taxonomy_term:situation:" + x.id))
      return "situation:" + x.id;
  }
  return std::nullopt;
}

std::string term_uuid(const std::string& code) {
  return knowledge::hsds_uuid("taxonomy_term:" + code);
}

std::string prefecture_name(int code) {
  for (const auto& p : knowledge::all_prefectures()) {
    if (p.code == code)
      return p.name;
  }
  return std::to_string(code);
}

json or_null(const std::string& s) {
  return s.empty() ? json(nullptr) : json(s);
}

// The page and size parameters every list takes.
Status parse_paging(const QueryParams& params, int& page, int& per_page) {
  for (const auto& [k, v] : params) {
    if (k == "page") {
      ASSIGN_OR_RETURN(page, args::parse_int_named("page", v, 1, 1000000));
    } else if (k == "per_page") {
      ASSIGN_OR_RETURN(per_page, args::parse_int_named("per_page", v, 1, kMaxPerPage));
    }
  }
  return {};
}

Status only(const QueryParams& params, const std::vector<std::string>& allowed) {
  for (const auto& [k, v] : params) {
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end())
      return Error::invalid_argument(utf8::sanitize(k), "unknown parameter");
    if (!utf8::is_valid(v))
      return Error::invalid_argument(k, "must be valid UTF-8");
  }
  return {};
}

Status apply_param(DirectoryParams& out, const std::string& k, const std::string& v) {
  knowledge::Query& q = out.query;
  if (k == "search") {
    if (v.size() > kMaxSearchBytes)
      return Error::invalid_argument(k, "at most 400 bytes");
    q.text = v;
  } else if (k == "full") {
    ASSIGN_OR_RETURN(out.full, parse_bool(k, v));
  } else if (k == "urgent") {
    ASSIGN_OR_RETURN(q.urgent_only, parse_bool(k, v));
  } else if (k == "open_now") {
    ASSIGN_OR_RETURN(out.open_now, parse_bool(k, v));
  } else if (k == "category") {
    for (const auto& part : knowledge::text::split(v, ',')) {
      const std::string c = knowledge::text::trim(part);
      if (!knowledge::is_known_category(c))
        return Error::invalid_argument(k, "unknown category '" + utf8::sanitize(c) + "'");
      q.categories.push_back(c);
    }
  } else if (k == "situation") {
    if (!knowledge::is_known_situation(v))
      return Error::invalid_argument(k, "unknown situation '" + utf8::sanitize(v) + "'");
    q.situation = v;
  } else if (k == "prefecture") {
    q.prefecture = knowledge::prefecture_code(v);
    if (q.prefecture == 0)
      return Error::invalid_argument(k, "unknown prefecture '" + utf8::sanitize(v) + "'");
  } else if (k == "municipality") {
    if (v.empty() || v.size() > 100)
      return Error::invalid_argument(k, "1 to 100 bytes");
    out.municipality = v;
  } else if (k == "age") {
    ASSIGN_OR_RETURN(int age, args::parse_int_named(k, v, 0, 150));
    q.age = age;
  } else if (k == "channel") {
    if (v.empty() || !knowledge::is_valid_channel(v))
      return Error::invalid_argument(k, "must be phone, sns, chat, web or visit");
    q.channel = v;
  } else if (k == "taxonomy_term_id") {
    auto t = term_from(v);
    if (!t)
      return Error::invalid_argument(k, "unknown taxonomy term '" + utf8::sanitize(v) + "'");
    out.taxonomy_term = *t;
  } else if (k == "organization_id") {
    if (v.empty())
      return Error::invalid_argument(k, "must not be empty");
    out.organization_id = v;
  } else if (k == "modified_after") {
    const std::string date = v.substr(0, 10);
    if (!knowledge::text::is_iso_date(date) ||
        (v.size() > 10 && !hours::parse_iso8601(v).has_value())) {
      return Error::invalid_argument(k, "must be an ISO 8601 date or date-time with an offset");
    }
    out.modified_after = date;
  } else if (k == "at") {
    auto t = hours::parse_iso8601(v);
    if (!t)
      return Error::invalid_argument(
          k, "must be an ISO 8601 date-time with an offset (2026-05-04T10:00:00+09:00)");
    out.at = *t;
  }
  return {};
}

bool keeps(const DirectoryParams& p, const knowledge::Service& s) {
  if (!p.taxonomy_term.empty()) {
    const bool situation = knowledge::text::starts_with(p.taxonomy_term, "situation:");
    const std::string id = situation ? p.taxonomy_term.substr(10) : p.taxonomy_term;
    const auto& list = situation ? s.situations : s.categories;
    const bool found = std::any_of(list.begin(), list.end(), [&](const std::string& c) {
      return c == id || (!situation && knowledge::text::starts_with(c, id + "."));
    });
    if (!found)
      return false;
  }
  if (!p.organization_id.empty()) {
    const std::string org = s.organization_id.value_or("");
    if (org.empty() || (org != p.organization_id && organization_uuid(org) != p.organization_id))
      return false;
  }
  if (!p.modified_after.empty() && (s.last_verified.empty() || s.last_verified < p.modified_after))
    return false;
  if (!p.municipality.empty() && !knowledge::text::contains(s.area_text, p.municipality))
    return false;
  if (p.open_now) {
    const auto state = hours::is_open(hours::parse(s.hours), hours::japan_time(p.at));
    if (state != hours::OpenState::kOpen)
      return false;
  }
  return true;
}

// A summary of a service for lists without `full`.
json service_summary(const knowledge::Service& s, int64_t at) {
  json full = service_json(s, at);
  json out = json::object();
  for (const char* k : {"id", "shirube_id", "organization_id", "name", "description", "url",
                        "status", "assured_date", "categories", "channel", "contact", "hours",
                        "open_now", "source", "confidence"}) {
    out[k] = full[k];
  }
  return out;
}

// The page's frame (counts and flags) around `contents`, for `total` items in all.
json page_frame(json contents, int total, int page, int per_page) {
  const int pages = total == 0 ? 0 : (total + per_page - 1) / per_page;
  return {{"total_items", total},    {"total_pages", pages},           {"page_number", page},
          {"size", contents.size()}, {"first_page", page == 1},        {"last_page", page >= pages},
          {"empty", total == 0},     {"contents", std::move(contents)}};
}

bool needs_post_filter(const DirectoryParams& p) {
  return !p.taxonomy_term.empty() || !p.organization_id.empty() || !p.modified_after.empty() ||
         !p.municipality.empty() || p.open_now;
}

}  // namespace

std::string service_uuid(const std::string& shirube_id) {
  return knowledge::hsds_uuid("service:" + shirube_id);
}
std::string organization_uuid(const std::string& shirube_id) {
  return knowledge::hsds_uuid("organization:" + shirube_id);
}

Result<DirectoryParams> parse_directory_params(const QueryParams& params, int64_t now,
                                               const std::vector<std::string>& allowed) {
  RETURN_IF_ERROR(only(params, allowed));
  DirectoryParams out;
  out.at = now;
  RETURN_IF_ERROR(parse_paging(params, out.page, out.per_page));
  for (const auto& [k, v] : params)
    RETURN_IF_ERROR(apply_param(out, k, v));
  return out;
}

Result<std::vector<knowledge::Service>> search_all(knowledge::KnowledgeBase& kb,
                                                   knowledge::Query query) {
  std::vector<knowledge::Service> out;
  query.limit = 1000;
  for (query.offset = 0;; query.offset += query.limit) {
    ASSIGN_OR_RETURN(knowledge::SearchResult r, kb.search(query));
    for (auto& s : r.services)
      out.push_back(std::move(s));
    if (r.services.size() < static_cast<std::size_t>(query.limit) ||
        out.size() >= static_cast<std::size_t>(r.total))
      break;
  }
  return out;
}

json service_json(const knowledge::Service& s, int64_t at) {
  json j = json::object();
  j["id"] = service_uuid(s.id);
  j["shirube_id"] = s.id;
  j["organization_id"] = s.organization_id ? json(organization_uuid(*s.organization_id)) : json();
  j["organization"] = s.organization_id ? json{{"id", organization_uuid(*s.organization_id)},
                                               {"shirube_id", *s.organization_id},
                                               {"name", s.organization_name}}
                                        : json();
  j["name"] = s.name;
  j["description"] = or_null(s.description);
  const std::string url = knowledge::first_url(s.contact);
  j["url"] = knowledge::is_http_url(url) ? json(url) : json();
  j["status"] = s.status == "inactive" ? "inactive" : "active";
  j["fees_description"] = or_null(s.cost);
  j["eligibility_description"] = or_null(s.target);
  j["minimum_age"] = s.min_age ? json(*s.min_age) : json();
  j["maximum_age"] = s.max_age ? json(*s.max_age) : json();
  j["assured_date"] = or_null(s.last_verified);
  j["phones"] = json::array();
  if (s.channel == "phone" && knowledge::is_phone_contact(s.contact)) {
    const std::string number = s.contact.substr(0, s.contact.find_first_of(" （("));
    j["phones"].push_back({{"id", knowledge::hsds_uuid("phone:" + s.id)},
                           {"number", number},
                           {"type", "voice"},
                           {"description", number == s.contact ? json() : json(s.contact)}});
  }
  j["schedules"] = json::array();
  int n = 0;
  for (const auto& row : knowledge::hsds_schedules(s.hours)) {
    j["schedules"].push_back(
        {{"id", knowledge::hsds_uuid("schedule:" + s.id + ":" + std::to_string(n++))},
         {"freq", or_null(row.freq)},
         {"wkst", row.freq.empty() ? json() : json("MO")},
         {"byday", or_null(row.byday)},
         {"opens_at", or_null(row.opens_at)},
         {"closes_at", or_null(row.closes_at)},
         {"description", row.description},
         {"notes", or_null(row.notes)}});
  }
  j["service_areas"] = json::array();
  if (s.area_scope == "national") {
    j["service_areas"].push_back({{"id", knowledge::hsds_uuid("service_area:" + s.id)},
                                  {"name", "全国"},
                                  {"description", or_null(s.area_text)}});
  }
  for (const int p : s.prefectures) {
    j["service_areas"].push_back(
        {{"id", knowledge::hsds_uuid("service_area:" + s.id + ":" + (p < 10 ? "0" : "") +
                                     std::to_string(p))},
         {"name", prefecture_name(p)},
         {"description", or_null(s.area_text)}});
  }
  // shirube's own fields.
  j["source"] = {{"title", or_null(s.source_title)},
                 {"url", or_null(s.source_url)},
                 {"date", or_null(s.source_date)}};
  j["categories"] = s.categories;
  j["audience"] = {{"target", or_null(s.target)},
                   {"situations", s.situations},
                   {"minimum_age", s.min_age ? json(*s.min_age) : json()},
                   {"maximum_age", s.max_age ? json(*s.max_age) : json()}};
  j["confidence"] = or_null(s.confidence);
  j["channel"] = or_null(s.channel);
  j["contact"] = or_null(s.contact);
  j["hours"] = or_null(s.hours);
  j["urgent"] = s.urgent;
  j["area_scope"] = s.area_scope;
  j["open_now"] =
      hours::open_state_name(hours::is_open(hours::parse(s.hours), hours::japan_time(at)));
  return j;
}

json page_json(std::vector<json> all, int page, int per_page) {
  const int total = static_cast<int>(all.size());
  json contents = json::array();
  const std::size_t from = static_cast<std::size_t>(page - 1) * static_cast<std::size_t>(per_page);
  for (std::size_t i = from; i < all.size() && i < from + static_cast<std::size_t>(per_page); ++i)
    contents.push_back(std::move(all[i]));
  return page_frame(std::move(contents), total, page, per_page);
}

// Lists with only the knowledge base's own filters are paged by the database (one query of
// per_page rows and its count); the others read every match, filter, and build JSON for the
// page alone.
Result<json> list_services(knowledge::KnowledgeBase& kb, const QueryParams& params, int64_t now) {
  ASSIGN_OR_RETURN(DirectoryParams p, parse_directory_params(params, now, service_list_params()));
  const auto shown = [&p](const knowledge::Service& s) {
    return p.full ? service_json(s, p.at) : service_summary(s, p.at);
  };
  json contents = json::array();
  if (!needs_post_filter(p)) {
    knowledge::Query q = p.query;
    q.limit = p.per_page;
    q.offset = (p.page - 1) * p.per_page;
    ASSIGN_OR_RETURN(knowledge::SearchResult r, kb.search(q));
    for (const auto& s : r.services)
      contents.push_back(shown(s));
    return page_frame(std::move(contents), r.total, p.page, p.per_page);
  }
  ASSIGN_OR_RETURN(auto found, search_all(kb, p.query));
  const std::size_t from =
      static_cast<std::size_t>(p.page - 1) * static_cast<std::size_t>(p.per_page);
  int total = 0;
  for (const auto& s : found) {
    if (!keeps(p, s))
      continue;
    const auto index = static_cast<std::size_t>(total++);
    if (index >= from && index < from + static_cast<std::size_t>(p.per_page))
      contents.push_back(shown(s));
  }
  return page_frame(std::move(contents), total, p.page, p.per_page);
}

Result<std::vector<knowledge::Service>> find_services(knowledge::KnowledgeBase& kb,
                                                      const std::vector<std::string>& ids) {
  // One pass over the public services (search leaves out inactive ones and reference
  // organisations, which get_service alone would not).
  ASSIGN_OR_RETURN(auto all, search_all(kb, knowledge::Query{}));
  std::map<std::string, std::size_t> by_id;
  for (std::size_t i = 0; i < all.size(); ++i) {
    by_id.emplace(all[i].id, i);
    by_id.emplace(service_uuid(all[i].id), i);
  }
  std::vector<knowledge::Service> out;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto it = by_id.find(ids[i]);
    if (it == by_id.end()) {
      return Error::not_found("service_ids[" + std::to_string(i) + "]",
                              "no such service '" + utf8::sanitize(ids[i]) + "'");
    }
    out.push_back(all[it->second]);
  }
  return out;
}

Result<knowledge::Service> find_service(knowledge::KnowledgeBase& kb, const std::string& id) {
  auto found = find_services(kb, {id});
  if (!found.ok()) {
    if (found.error().code() == ErrorCode::kNotFound)
      return Error::not_found("id", "no such service");
    return found.error();
  }
  return std::move(found.value().front());
}

Result<json> get_service(knowledge::KnowledgeBase& kb, const std::string& id,
                         const QueryParams& params, int64_t now) {
  ASSIGN_OR_RETURN(DirectoryParams p, parse_directory_params(params, now, {"at"}));
  ASSIGN_OR_RETURN(knowledge::Service s, find_service(kb, id));
  return service_json(s, p.at);
}

namespace {

struct OrgEntry {
  std::string id;
  std::string name;
  std::vector<const knowledge::Service*> services;
};

json organization_json(const OrgEntry& o, bool full, int64_t at) {
  json j = {{"id", organization_uuid(o.id)},
            {"shirube_id", o.id},
            {"name", o.name},
            {"description", o.name},
            {"service_count", o.services.size()}};
  if (full) {
    j["services"] = json::array();
    for (const auto* s : o.services)
      j["services"].push_back(service_json(*s, at));
  }
  return j;
}

// The organisations that run at least one public service, in the order first found.
std::vector<OrgEntry> organisations_of(const std::vector<knowledge::Service>& services) {
  std::vector<OrgEntry> out;
  std::map<std::string, std::size_t> index;
  for (const auto& s : services) {
    if (!s.organization_id)
      continue;
    auto [it, added] = index.emplace(*s.organization_id, out.size());
    if (added)
      out.push_back({*s.organization_id, s.organization_name, {}});
    out[it->second].services.push_back(&s);
  }
  return out;
}

}  // namespace

Result<json> list_organizations(knowledge::KnowledgeBase& kb, const QueryParams& params,
                                int64_t now) {
  ASSIGN_OR_RETURN(DirectoryParams p,
                   parse_directory_params(params, now, {"search", "page", "per_page", "full"}));
  ASSIGN_OR_RETURN(auto services, search_all(kb, knowledge::Query{}));
  const std::string needle = knowledge::text::fold(p.query.text);
  std::vector<json> items;
  for (const auto& o : organisations_of(services)) {
    if (!needle.empty() && !knowledge::text::contains(knowledge::text::fold(o.name), needle))
      continue;
    items.push_back(organization_json(o, p.full, p.at));
  }
  return page_json(std::move(items), p.page, p.per_page);
}

Result<json> get_organization(knowledge::KnowledgeBase& kb, const std::string& id,
                              const QueryParams& params, int64_t now) {
  ASSIGN_OR_RETURN(DirectoryParams p, parse_directory_params(params, now, {"at"}));
  ASSIGN_OR_RETURN(auto services, search_all(kb, knowledge::Query{}));
  for (const auto& o : organisations_of(services)) {
    if (o.id == id || organization_uuid(o.id) == id)
      return organization_json(o, true, p.at);
  }
  return Error::not_found("id", "no such organization");
}

namespace {

const std::pair<const char*, const char*> kTaxonomies[] = {
    {"shirube_category", "shirubeの相談分野（17の分野とその下位分野）"},
    {"shirube_situation", "shirubeの「こんな状況の人に」（ケアリーバー、ひとり親など）"}};

}  // namespace

Result<json> list_taxonomies(const QueryParams& params) {
  RETURN_IF_ERROR(only(params, {"page", "per_page", "search"}));
  int page = 1;
  int per_page = 20;
  RETURN_IF_ERROR(parse_paging(params, page, per_page));
  std::vector<json> items;
  for (const auto& [name, description] : kTaxonomies) {
    items.push_back({{"id", knowledge::hsds_uuid(std::string("taxonomy:") + name)},
                     {"name", name},
                     {"description", description},
                     {"version", "1"}});
  }
  return page_json(std::move(items), page, per_page);
}

Result<json> list_taxonomy_terms(const QueryParams& params) {
  RETURN_IF_ERROR(
      only(params, {"page", "per_page", "search", "taxonomy_id", "parent_id", "top_only"}));
  int page = 1;
  int per_page = 20;
  RETURN_IF_ERROR(parse_paging(params, page, per_page));
  std::string taxonomy_id;
  std::string parent_id;
  bool top_only = false;
  std::string needle;
  for (const auto& [k, v] : params) {
    if (k == "taxonomy_id")
      taxonomy_id = v;
    else if (k == "parent_id")
      parent_id = v;
    else if (k == "top_only") {
      ASSIGN_OR_RETURN(top_only, parse_bool(k, v));
    } else if (k == "search")
      needle = knowledge::text::fold(v);
  }
  std::vector<json> items;
  auto add = [&](const std::string& code, const std::string& name, const std::string& parent,
                 const char* taxonomy) {
    const std::string tax = knowledge::hsds_uuid(std::string("taxonomy:") + taxonomy);
    const std::string parent_uuid = parent.empty() ? "" : term_uuid(parent);
    if (!taxonomy_id.empty() && taxonomy_id != tax && taxonomy_id != taxonomy)
      return;
    if (!parent_id.empty() && parent_id != parent_uuid && parent_id != parent)
      return;
    if (top_only && !parent.empty())
      return;
    if (!needle.empty() && !knowledge::text::contains(knowledge::text::fold(name), needle) &&
        !knowledge::text::contains(code, needle))
      return;
    items.push_back({{"id", term_uuid(code)},
                     {"code", code},
                     {"name", name},
                     {"description", name},
                     {"parent_id", or_null(parent_uuid)},
                     {"taxonomy", taxonomy},
                     {"taxonomy_id", tax},
                     {"language", "ja"}});
  };
  for (const auto& c : knowledge::category_table())
    add("category:" + c.id, c.label, c.parent.empty() ? "" : "category:" + c.parent,
        "shirube_category");
  for (const auto& x : knowledge::situation_table())
    add("situation:" + x.id, x.label, "", "shirube_situation");
  return page_json(std::move(items), page, per_page);
}

}  // namespace shirube::webhooks
