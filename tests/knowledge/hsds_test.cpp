#include <map>
#include <regex>
#include <set>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "knowledge/hsds_csv.h"
#include "knowledge/sqlite_knowledge_base.h"

#include "support.h"

using namespace shirube;
using namespace shirube::knowledge;

namespace {

using Rows = std::vector<std::map<std::string, std::string>>;

// One table read back: the header and its rows as name -> value.
struct ReadTable {
  std::vector<std::string> header;
  Rows rows;
};

ReadTable read_table(const std::string& path) {
  const std::string text = testing::read_all(path);
  auto recs = parse_csv(text, path);
  REQUIRE(recs.ok());
  ReadTable t;
  REQUIRE_FALSE(recs->empty());
  t.header = recs->front().fields;
  for (std::size_t i = 1; i < recs->size(); ++i) {
    const auto& f = (*recs)[i].fields;
    REQUIRE(f.size() == t.header.size());
    std::map<std::string, std::string> row;
    for (std::size_t c = 0; c < f.size(); ++c)
      row[t.header[c]] = f[c];
    t.rows.push_back(std::move(row));
  }
  return t;
}

// Frictionless Table Schema types and formats as the specification uses them.
bool value_matches(const nlohmann::json& field, const std::string& v) {
  static const std::regex kUuid(
      "^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-"
      "[0-9a-f]{12}$");
  static const std::regex kDate("^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$");
  static const std::regex kTime("^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$");
  static const std::regex kDateTime("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}.*$");
  static const std::regex kNumber("^-?[0-9]+(\\.[0-9]+)?$");
  static const std::regex kEmail("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  static const std::regex kUri("^https?://[^\\s]+$");
  const std::string type = field.value("type", "string");
  const std::string format = field.value("format", "default");
  if (type == "number")
    return std::regex_match(v, kNumber);
  if (type == "date")
    return std::regex_match(v, kDate);
  if (type == "time")
    return std::regex_match(v, kTime);
  if (type == "datetime")
    return std::regex_match(v, kDateTime);
  if (format == "uuid")
    return std::regex_match(v, kUuid);
  if (format == "email")
    return std::regex_match(v, kEmail);
  if (format == "uri")
    return std::regex_match(v, kUri);
  return true;
}

}  // namespace

TEST_CASE("Hsds: every written table follows the specification's fields, types and enums",
          "[knowledge]") {
  testing::TempDir tmp;
  auto kb = SqliteKnowledgeBase::open_sqlite(":memory:");
  REQUIRE(kb.ok());
  REQUIRE(kb.value()->ensure_bundled_data().ok());
  REQUIRE(write_hsds(kb.value()->export_directory().value(), tmp.file("out")).ok());

  // The datapackage.json written is the specification's (the eight resources).
  const auto package = nlohmann::json::parse(testing::read_all(tmp.file("out/datapackage.json")));
  CHECK(package["version"] == "3.0.0");
  REQUIRE(package["resources"].size() == 8);

  std::map<std::string, std::set<std::string>> ids;  // resource -> its ids
  std::map<std::string, ReadTable> tables;
  for (const auto& res : package["resources"]) {
    const auto name = res["name"].get<std::string>();
    const auto path = res["path"].get<std::string>();
    CAPTURE(name);
    const ReadTable t = read_table(tmp.file("out/" + path));
    std::vector<std::string> expected;
    for (const auto& f : res["schema"]["fields"])
      expected.push_back(f["name"].get<std::string>());
    CHECK(t.header == expected);
    for (const auto& f : res["schema"]["fields"]) {
      const auto col = f["name"].get<std::string>();
      const auto constraints = f.value("constraints", nlohmann::json::object());
      const bool required = constraints.value("required", false);
      const bool unique = constraints.value("unique", false);
      std::set<std::string> seen;
      for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const std::string& v = t.rows[r].at(col);
        CAPTURE(col, r + 2, v);
        if (v.empty()) {
          CHECK_FALSE(required);
          continue;
        }
        CHECK(value_matches(f, v));
        if (constraints.contains("enum")) {
          const auto& e = constraints["enum"];
          CHECK(std::find(e.begin(), e.end(), v) != e.end());
        }
        if (unique)
          CHECK(seen.insert(v).second);
      }
    }
    for (const auto& row : t.rows)
      ids[name].insert(row.at("id"));
    tables[name] = t;
  }
  // Every row of the bundled data is there, and every link points at a row that exists.
  CHECK(tables["service"].rows.size() == 599);
  CHECK(tables["taxonomy"].rows.size() == 3);
  auto links = [&](const char* res, const char* col, const char* target) {
    for (const auto& row : tables[res].rows) {
      const std::string& v = row.at(col);
      CAPTURE(res, col, v);
      if (!v.empty())
        CHECK(ids[target].count(v) == 1);
    }
  };
  links("service", "organization_id", "organization");
  links("phone", "service_id", "service");
  links("schedule", "service_id", "service");
  links("service_area", "service_id", "service");
  links("taxonomy_term", "taxonomy_id", "taxonomy");
  links("taxonomy_term", "parent_id", "taxonomy_term");
  links("attribute", "taxonomy_term_id", "taxonomy_term");
  for (const auto& row : tables["attribute"].rows) {
    const std::string& entity = row.at("link_entity");
    REQUIRE((entity == "service" || entity == "organization"));
    CHECK(ids[entity].count(row.at("link_id")) == 1);
  }
  // Schedules carry weekly rules where the hours were understood.
  std::size_t weekly = 0;
  for (const auto& row : tables["schedule"].rows) {
    if (row.at("freq") == "WEEKLY" && !row.at("opens_at").empty())
      ++weekly;
    CHECK_FALSE(row.at("description").empty());
  }
  CHECK(weekly > 100);
  CHECK(tables["phone"].rows.size() > 200);
}

TEST_CASE("Hsds: UUIDs are version 5 and stable", "[knowledge]") {
  const std::string a = hsds_uuid("service:nat-001");
  CHECK(a == hsds_uuid("service:nat-001"));
  CHECK(a != hsds_uuid("service:nat-002"));
  REQUIRE(a.size() == 36);
  CHECK(a[14] == '5');
  CHECK((a[19] == '8' || a[19] == '9' || a[19] == 'a' || a[19] == 'b'));
}

TEST_CASE("Hsds: schedules from hours text", "[knowledge]") {
  auto rows = hsds_schedules("月〜金 9:00〜12:00、13:00〜17:00（祝日・年末年始を除く）");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].freq == "WEEKLY");
  CHECK(rows[0].byday == "MO,TU,WE,TH,FR");
  CHECK(rows[0].opens_at == "09:00");
  CHECK(rows[0].closes_at == "12:00");
  CHECK(rows[1].opens_at == "13:00");
  CHECK(rows[1].notes == "祝日を除く");
  auto night = hsds_schedules("毎日23:00〜5:00");
  REQUIRE(night.size() == 1);
  CHECK(night[0].byday == "MO,TU,WE,TH,FR,SA,SU");
  CHECK(night[0].closes_at == "05:00");
  auto vague = hsds_schedules("自治体により異なる");
  REQUIRE(vague.size() == 1);
  CHECK(vague[0].freq.empty());
  CHECK(vague[0].description == "自治体により異なる");
  CHECK(hsds_schedules("").empty());
}
