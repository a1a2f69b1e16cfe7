#include "knowledge/service_rules.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

using namespace shirube::knowledge;  // NOLINT(google-build-using-namespace)

namespace {

Service good() {
  Service s;
  s.id = "s1";
  s.name = "相談窓口";
  s.channel = "phone";
  s.area_scope = "national";
  s.source_date = "2026-01";
  s.confidence = "high";
  return s;
}

std::vector<std::string> issues_of(const Service& s, const ServiceLayout& layout) {
  std::vector<Issue> out;
  validate_service(s, layout, "f.tsv", 7, out);
  std::vector<std::string> texts;
  for (const Issue& i : out)
    texts.push_back(i.to_string());
  return texts;
}

}  // namespace

TEST_CASE("ServiceRules: a complete record passes in both layouts", "[knowledge]") {
  CHECK(issues_of(good(), tsv_service_layout()).empty());
  CHECK(issues_of(good(), hsds_service_layout()).empty());
}

TEST_CASE("ServiceRules: each bad field is one issue naming file, line and column", "[knowledge]") {
  Service s = good();
  s.id = "a b";
  s.name = "";
  s.channel = "fax";
  s.min_age = 20;
  s.max_age = 18;
  s.area_scope = "planet";
  s.status = "closed";
  s.source_date = "soon";
  s.last_verified = "2026-13-01";
  s.confidence = "sure";
  CHECK(issues_of(s, hsds_service_layout()) ==
        std::vector<std::string>{
            "f.tsv:7: id: must not contain spaces, commas or quotes", "f.tsv:7: name: required",
            "f.tsv:7: channel: must be phone, sns, chat, web, visit or empty (got 'fax')",
            "f.tsv:7: minimum_age: greater than maximum_age",
            "f.tsv:7: area_scope: must be national, prefecture or municipality (got 'planet')",
            "f.tsv:7: status: must be active, inactive or seasonal",
            "f.tsv:7: source_date: not a date (YYYY, YYYY-MM, YYYY-MM-DD or unknown)",
            "f.tsv:7: last_verified: not a date (YYYY-MM-DD)",
            "f.tsv:7: confidence: must be high, medium, low or empty"});
}

TEST_CASE("ServiceRules: the same check gives the same message, with the layout's column names",
          "[knowledge]") {
  Service s = good();
  s.name = "";
  s.channel = "fax";
  s.last_verified = "yesterday";
  CHECK(issues_of(s, tsv_service_layout()) ==
        std::vector<std::string>{
            "f.tsv:7: name_ja: required",
            "f.tsv:7: channel: must be phone, sns, chat, web or visit (got 'fax')",
            "f.tsv:7: verified_on: not a date (YYYY-MM-DD)"});
}

TEST_CASE("ServiceRules: what the TSV layout requires may be empty in services.csv",
          "[knowledge]") {
  Service s = good();
  s.channel.clear();
  s.source_date.clear();
  s.confidence.clear();
  CHECK(issues_of(s, hsds_service_layout()).empty());
  CHECK(issues_of(s, tsv_service_layout()) ==
        std::vector<std::string>{
            "f.tsv:7: channel: must be phone, sns, chat, web or visit (got '')",
            "f.tsv:7: source_date: not a date (YYYY, YYYY-MM, YYYY-MM-DD or unknown)",
            "f.tsv:7: confidence: must be high, medium or low"});
}

TEST_CASE("ServiceRules: record ids refuse separators and quotes", "[knowledge]") {
  CHECK(is_valid_record_id("jp-0120-783-556"));
  CHECK_FALSE(is_valid_record_id(""));
  CHECK_FALSE(is_valid_record_id(std::string(201, 'a')));
  for (const char* bad : {"a b", "a,b", "a\"b", "a\tb", "a\nb"}) {
    CAPTURE(bad);
    CHECK_FALSE(is_valid_record_id(bad));
  }
}
