#pragma once
// The public, read-only directory API in the shape of Open Referral HSDS 3.0 (README.md,
// "Directory API"): GET /api/v1/services, /api/v1/services/{id}, /api/v1/organizations,
// /api/v1/organizations/{id}, /api/v1/taxonomies, /api/v1/taxonomy_terms.
//
// Lists are HSDS page objects (total_items, total_pages, page_number, size, first_page,
// last_page, empty, contents). Services carry HSDS fields (id, organization_id, name,
// description, url, status, fees_description, eligibility_description, minimum_age,
// maximum_age, assured_date = last verified) with phones, schedules and service_areas, and
// shirube's own beside them (shirube_id, source, categories, audience, confidence, channel,
// contact, hours, urgent, open_now). Ids are the UUIDs of the HSDS export; shirube's ids are
// accepted wherever an id is.
//
// Parameters: HSDS search, page, per_page (1..100, default 20), taxonomy_term_id,
// organization_id, modified_after (assured_date on or after), full; shirube's category
// (repeatable or comma-separated), situation, prefecture (JIS code or name), municipality,
// age, channel, urgent, open_now, at (ISO 8601 with an offset; default now). An unknown or
// malformed parameter is kInvalidArgument naming it. The knowledge base is read through its
// search (prepared statements); inactive services and reference organisations never appear.
// Thread-safety: pure functions over a KnowledgeBase, which is thread-safe.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "knowledge/knowledge_base.h"

namespace shirube::webhooks {

using QueryParams = std::multimap<std::string, std::string>;

struct DirectoryParams {
  knowledge::Query query;  // text, categories, situation, prefecture, age, channel, urgent
  int page = 1;
  int per_page = 20;
  bool full = false;
  std::string taxonomy_term;    // a category or situation id ("" = any)
  std::string organization_id;  // shirube id or UUID
  std::string modified_after;   // YYYY-MM-DD ("" = any)
  std::string municipality;
  bool open_now = false;
  int64_t at = 0;  // Unix seconds
};

// Parses the query of /api/v1/services (`allowed` names the parameters the route takes;
// others are refused). `now` is used when `at` is absent.
Result<DirectoryParams> parse_directory_params(const QueryParams& params, int64_t now,
                                               const std::vector<std::string>& allowed);

// Every service the query finds, in the knowledge base's rank order.
Result<std::vector<knowledge::Service>> search_all(knowledge::KnowledgeBase& kb,
                                                   knowledge::Query query);

// A service in the HSDS shape with shirube's fields; open_now is computed at `at`.
nlohmann::json service_json(const knowledge::Service& s, int64_t at);
// The UUID of a service or organisation in the HSDS export.
std::string service_uuid(const std::string& shirube_id);
std::string organization_uuid(const std::string& shirube_id);

// {total_items, total_pages, page_number, size, first_page, last_page, empty, contents}
nlohmann::json page_json(std::vector<nlohmann::json> all, int page, int per_page);

// The answers of the six routes; `path_id` is the {id} of the single-item routes. Errors:
// kInvalidArgument (400, naming the parameter), kNotFound (404).
Result<nlohmann::json> list_services(knowledge::KnowledgeBase& kb, const QueryParams& params,
                                     int64_t now);
Result<nlohmann::json> get_service(knowledge::KnowledgeBase& kb, const std::string& id,
                                   const QueryParams& params, int64_t now);
Result<nlohmann::json> list_organizations(knowledge::KnowledgeBase& kb, const QueryParams& params,
                                          int64_t now);
Result<nlohmann::json> get_organization(knowledge::KnowledgeBase& kb, const std::string& id,
                                        const QueryParams& params, int64_t now);
Result<nlohmann::json> list_taxonomies(const QueryParams& params);
Result<nlohmann::json> list_taxonomy_terms(const QueryParams& params);

// The service with this shirube id or UUID among the public ones; kNotFound otherwise.
Result<knowledge::Service> find_service(knowledge::KnowledgeBase& kb, const std::string& id);
// The same for several ids in one pass, in their order; kNotFound names the first missing one
// ("service_ids[2]").
Result<std::vector<knowledge::Service>> find_services(knowledge::KnowledgeBase& kb,
                                                      const std::vector<std::string>& ids);

}  // namespace shirube::webhooks
