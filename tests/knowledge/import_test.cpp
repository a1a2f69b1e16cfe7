#include <algorithm>
#include <map>

#include <catch2/catch.hpp>

#include "knowledge/hsds_csv.h"
#include "knowledge/sqlite_knowledge_base.h"
#include "knowledge/tsv_import.h"

#include "support.h"

using namespace shirube;
using namespace shirube::knowledge;

namespace {

const char* const kServicesHeader =
    "id,organization_id,name,description,channel,contact,hours,cost,target,eligibility,"
    "minimum_age,maximum_age,area_scope,area_text,urgent,status,source_title,source_url,"
    "source_date,last_verified,confidence\n";

Directory read_csv_set(const std::map<std::string, std::string>& files) {
  std::map<std::string, std::pair<std::string, std::string>> in;
  for (const auto& [name, text] : files)
    in[name] = {name, text};
  Directory dir;
  read_hsds(in, dir);
  return dir;
}

std::string good_services() {
  return std::string(kServicesHeader) +
         "s1,,こども食堂ひかり,\"毎週土曜, "
         "夕ごはん\n誰でも\",visit,山梨県甲府市,土曜17時,無料,こども,,,,municipality,"
         "山梨県甲府市,0,active,市の広報,https://example.jp/a,2026-01,2026-11-01,high\n";
}

}  // namespace

TEST_CASE("Import: the bundled data reads without problems", "[knowledge]") {
  const Directory dir = bundled_directory();
  for (const auto& i : dir.issues)
    INFO(i.to_string());
  CHECK(dir.issues.empty());
  // 47 national windows, 100 seed programmes, 452 local windows.
  CHECK(dir.services.size() == 599);
  // Reference entities (role other) never become services.
  for (const auto& rec : dir.organizations) {
    if (rec.org.role == "other")
      CHECK(rec.org.reference_only);
  }
  bool care_leaver = false;
  for (const auto& rec : dir.services) {
    for (const auto& s : rec.service.situations)
      care_leaver = care_leaver || s == "care_leaver";
    CHECK_FALSE(rec.service.categories.empty());
  }
  CHECK(care_leaver);
}

TEST_CASE("Import: seed programmes for support groups and workers are marked for workers",
          "[knowledge]") {
  const Directory dir = bundled_directory();
  std::map<std::string, int> workers_by_role;
  std::map<std::string, const Service*> by_name;
  std::map<std::string, std::string> role_of;
  for (const auto& rec : dir.organizations)
    role_of[rec.org.id] = rec.org.role;
  for (const auto& rec : dir.services) {
    by_name[rec.service.name] = &rec.service;
    if (rec.service.audience == "workers")
      ++workers_by_role[role_of[rec.service.organization_id.value_or("")]];
    else
      CHECK(rec.service.audience == "people");
  }
  CHECK(workers_by_role["intermediary_r5"] == 5);
  CHECK(workers_by_role["intermediary_r6"] == 9);
  CHECK(workers_by_role["supported_org"] == 9);
  CHECK(workers_by_role["npo_model_r6"] == 2);  // 担い手育成, プラットフォーム開発
  CHECK(workers_by_role["operator"] == 0);      // no window is for workers
  REQUIRE(by_name.count("ひきこもりの状態にある方等の就労体験事業") == 1);
  CHECK(by_name["ひきこもりの状態にある方等の就労体験事業"]->audience == "people");
}

TEST_CASE("Import: notes for operators and bare addresses never reach the text people read",
          "[knowledge]") {
  const Directory dir = bundled_directory();
  int notes = 0;
  for (const auto& rec : dir.services) {
    const Service& s = rec.service;
    CAPTURE(s.id);
    for (const std::string* field : {&s.name, &s.description, &s.target, &s.hours, &s.cost}) {
      CHECK(field->find("〔") == std::string::npos);
      CHECK(field->find("（未確認）") == std::string::npos);
    }
    notes += s.internal_note.empty() ? 0 : 1;
    // A title in words: no scheme, and not a host name (ASCII letters and dots only).
    CHECK_FALSE(s.source_title.empty());
    CHECK(s.source_title.find("://") == std::string::npos);
    CHECK(s.source_title.find(".jp") == std::string::npos);
    CHECK(s.source_title.find(".com") == std::string::npos);
  }
  CHECK(notes >= 72);  // 71 seed programmes 〔取組名のみ記載・詳細説明なし〕, one national cost
  for (const auto& rec : dir.services) {
    if (rec.service.id == "kokoro_unified_dial") {
      CHECK(rec.service.cost == "通話料あり（ナビダイヤル）。");
      CHECK(rec.service.internal_note ==
            "cost: ※令和8年度予算案でフリーダイヤル導入の方針あり（未確認）");
    }
  }
}

const char* const kFoodTerms =
    "id,code,name,description\n"
    "t1,category:food,食べ物,食べ物\n"
    "t2,category:children_youth,こども・若者,こども・若者\n"
    "t3,situation:youth,若者,若者\n";

TEST_CASE("Import: CSV accept table keeps quoted commas and newlines", "[knowledge]") {
  auto dir = read_csv_set({{"services.csv", good_services()},
                           {"service_areas.csv", "id,service_id,name\na1,s1,19\n"},
                           {"taxonomy_terms.csv", kFoodTerms},
                           {"attributes.csv",
                            "id,link_id,taxonomy_term_id,link_entity,value\n"
                            "x1,s1,t1,service,\nx2,s1,t2,service,\nx3,s1,t3,service,\n"}});
  for (const auto& i : dir.issues)
    INFO(i.to_string());
  REQUIRE(dir.issues.empty());
  REQUIRE(dir.services.size() == 1);
  const Service& s = dir.services[0].service;
  CHECK(s.description == "毎週土曜, 夕ごはん\n誰でも");
  CHECK(s.prefectures == std::vector<int>{19});
  CHECK(s.categories == std::vector<std::string>{"food", "children_youth"});
  CHECK(s.situations == std::vector<std::string>{"youth"});
}

TEST_CASE("Import: HSDS tables from elsewhere map to shirube's fields", "[knowledge]") {
  // Standard columns only: UUID ids, status, fees, eligibility, assured_date, a phone and a
  // schedule row, areas by prefecture name.
  auto dir = read_csv_set(
      {{"organizations.csv",
        "id,name,description,legal_status\n"
        "0b5e7c8e-1111-5aaa-8bbb-000000000001,甲府こども応援団,食事と学習の支援,NPO法人\n"},
       {"services.csv",
        "id,organization_id,name,description,status,fees_description,eligibility_description,"
        "minimum_age,maximum_age,assured_date\n"
        "0b5e7c8e-2222-5aaa-8bbb-000000000002,0b5e7c8e-1111-5aaa-8bbb-000000000001,"
        "こども食堂,夕ごはん,temporarily closed,無料,小中学生,6.0,15,2026-10-01\n"},
       {"phones.csv",
        "id,service_id,number\n"
        "p1,0b5e7c8e-2222-5aaa-8bbb-000000000002,055-123-4567\n"},
       {"schedules.csv",
        "id,service_id,freq,byday,opens_at,closes_at,description\n"
        "h1,0b5e7c8e-2222-5aaa-8bbb-000000000002,WEEKLY,SA,17:00,19:00,土曜17時〜19時\n"},
       {"service_areas.csv",
        "id,service_id,name\na1,0b5e7c8e-2222-5aaa-8bbb-000000000002,山梨県\n"}});
  for (const auto& i : dir.issues)
    INFO(i.to_string());
  REQUIRE(dir.issues.empty());
  REQUIRE(dir.organizations.size() == 1);
  CHECK(dir.organizations[0].org.legal_form == "NPO法人");
  CHECK(dir.organizations[0].org.notes == "食事と学習の支援");
  REQUIRE(dir.services.size() == 1);
  const Service& s = dir.services[0].service;
  CHECK(s.id == "0b5e7c8e-2222-5aaa-8bbb-000000000002");
  CHECK(s.organization_id == std::optional<std::string>("0b5e7c8e-1111-5aaa-8bbb-000000000001"));
  CHECK(s.status == "inactive");
  CHECK(s.cost == "無料");
  CHECK(s.target == "小中学生");
  CHECK(s.min_age == std::optional<int>(6));
  CHECK(s.max_age == std::optional<int>(15));
  CHECK(s.last_verified == "2026-10-01");
  CHECK(s.contact == "055-123-4567");
  CHECK(s.channel == "phone");
  CHECK(s.hours == "土曜17時〜19時");
  CHECK(s.area_scope == "prefecture");
  CHECK(s.prefectures == std::vector<int>{19});
}

TEST_CASE("Import: CSV reject table names file, line and column", "[knowledge]") {
  struct Case {
    const char* what;
    std::map<std::string, std::string> files;
    const char* expected;
  };
  const std::string h = kServicesHeader;
  const std::vector<Case> cases = {
      {"bad channel",
       {{"services.csv", h + "s1,,名前,,fax,,,,,,,,national,,0,active,,,,,\n"}},
       "services.csv:2: channel: must be phone, sns, chat, web, visit or empty (got 'fax')"},
      {"missing required column",
       {{"services.csv", "id,area_scope\ns1,national\n"}},
       "services.csv:1: name: missing required column"},
      {"wrong column count",
       {{"services.csv", h + "s1,,名前\n"}},
       "services.csv:2: expected 21 columns, found 3"},
      {"bad prefecture",
       {{"services.csv", h + "s1,,名前,,,,,,,,,,prefecture,,0,active,,,,,\n"},
        {"service_areas.csv", "id,service_id,name\na1,s1,火星県\n"}},
       "service_areas.csv:2: name: unknown prefecture '火星県'"},
      {"bad date",
       {{"services.csv", h + "s1,,名前,,,,,,,,,,national,,0,active,,,,2026-13-01,\n"}},
       "services.csv:2: last_verified: not a date (YYYY-MM-DD)"},
      {"unknown category",
       {{"services.csv", h + "s1,,名前,,,,,,,,,,national,,0,active,,,,,\n"},
        {"taxonomy_terms.csv", "id,code,name,description\nt1,category:pets,ペット,ペット\n"}},
       "taxonomy_terms.csv:2: code: unknown category 'category:pets'"},
      {"unknown term",
       {{"services.csv", h + "s1,,名前,,,,,,,,,,national,,0,active,,,,,\n"},
        {"attributes.csv", "id,link_id,taxonomy_term_id,link_entity\nx1,s1,t9,service\n"}},
       "attributes.csv:2: taxonomy_term_id: term 't9' is not in taxonomy_terms.csv"},
      {"bad status",
       {{"services.csv", h + "s1,,名前,,,,,,,,,,national,,0,closed,,,,,\n"}},
       "services.csv:2: status: must be active, inactive, defunct or temporarily closed (got "
       "'closed')"},
      {"duplicate id",
       {{"services.csv", h + "s1,,名前,,,,,,,,,,national,,0,active,,,,,\ns1,,別,,,,,,,,,,national,,"
                             "0,active,,,,,\n"}},
       "services.csv:3: id: duplicate service id 's1'"},
      {"unknown organisation",
       {{"services.csv", h + "s1,nobody,名前,,,,,,,,,,national,,0,active,,,,,\n"}},
       "services.csv:2: organization_id: organization 'nobody' does not exist"},
      {"unterminated quote",
       {{"services.csv", h + "s1,,\"名前,,,\n"}},
       "services.csv:2: unterminated quoted field"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    auto dir = read_csv_set(c.files);
    validate_directory(dir, nullptr);
    REQUIRE_FALSE(dir.issues.empty());
    CHECK(dir.issues.front().to_string() == c.expected);
  }
}

TEST_CASE("Import: UTF-8 with BOM and Shift_JIS decode to the same text", "[knowledge]") {
  const std::string utf8 = "id,name\ns1,相談窓口\n";
  auto bom = decode_input("\xEF\xBB\xBF" + utf8, "a.csv");
  REQUIRE(bom.ok());
  CHECK(bom.value() == utf8);
  // 相談窓口 in CP932.
  const std::string sjis = "id,name\ns1,\x91\x8A\x92\x6B\x91\x8B\x8C\xFB\n";
  auto dec = decode_input(sjis, "b.csv");
  REQUIRE(dec.ok());
  CHECK(dec.value() == utf8);
  auto bad = decode_input("id\n\xFF\xFF\xFF\n", "c.csv");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message() == "c.csv:2: not valid UTF-8 or Shift_JIS (CP932)");
}

TEST_CASE("Import: a failed import leaves the database exactly as it was", "[knowledge]") {
  auto kb = SqliteKnowledgeBase::open_sqlite(":memory:");
  REQUIRE(kb.ok());
  REQUIRE(kb.value()->ensure_bundled_data().ok());
  auto before = kb.value()->export_directory();
  REQUIRE(before.ok());
  // One good row, one row whose organisation is missing: the writer is never reached,
  // and a Directory with issues is refused outright.
  auto dir = read_csv_set(
      {{"services.csv", good_services() + "s2,ghost,名前,,,,,,,,,,national,,0,active,,,,,\n"}});
  REQUIRE(kb.value()
              ->with_database([&](sql::Database& db) -> Status {
                validate_directory(dir, &db);
                return {};
              })
              .ok());
  REQUIRE_FALSE(dir.issues.empty());
  auto r = kb.value()->import_directory(dir, "import");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code() == ErrorCode::kInvalidArgument);
  // A write that fails half way (a service whose category violates the foreign key) rolls back.
  Directory broken;
  ServiceRecord ok_rec;
  ok_rec.service.id = "new_ok";
  ok_rec.service.name = "新しい窓口";
  ok_rec.service.area_scope = "national";
  ok_rec.service.categories = {"food"};
  ServiceRecord bad_rec = ok_rec;
  bad_rec.service.id = "new_bad";
  bad_rec.service.categories = {"not_a_category"};
  broken.services = {ok_rec, bad_rec};
  REQUIRE_FALSE(kb.value()->import_directory(broken, "import").ok());
  CHECK_FALSE(kb.value()->get_service("new_ok").ok());
  auto after = kb.value()->export_directory();
  REQUIRE(after.ok());
  CHECK(after->services.size() == before->services.size());
}

TEST_CASE("Import: re-importing the same data changes nothing", "[knowledge]") {
  testing::TempDir tmp;
  auto kb = SqliteKnowledgeBase::open_sqlite(":memory:");
  REQUIRE(kb.ok());
  CHECK(kb.value()->ensure_bundled_data().value());
  CHECK_FALSE(kb.value()->ensure_bundled_data().value());  // same hash: nothing to do
  REQUIRE(write_hsds(kb.value()->export_directory().value(), tmp.file("a")).ok());
  REQUIRE(kb.value()->import_directory(bundled_directory(), "bundled").ok());
  REQUIRE(write_hsds(kb.value()->export_directory().value(), tmp.file("b")).ok());
  for (const auto& name : hsds_file_names()) {
    CAPTURE(name);
    CHECK(testing::read_all(tmp.file("a/" + name)) == testing::read_all(tmp.file("b/" + name)));
  }
}

TEST_CASE("Import: import then export then import yields identical content", "[knowledge]") {
  testing::TempDir tmp;
  auto first = SqliteKnowledgeBase::open_sqlite(":memory:");
  REQUIRE(first.ok());
  REQUIRE(first.value()->ensure_bundled_data().ok());
  REQUIRE(write_hsds(first.value()->export_directory().value(), tmp.file("one")).ok());

  std::map<std::string, std::pair<std::string, std::string>> files;
  for (const auto& name : hsds_file_names()) {
    files[name] = {name, testing::read_all(tmp.file("one/" + name))};
  }
  Directory dir;
  read_hsds(files, dir);
  validate_directory(dir, nullptr);
  for (const auto& i : dir.issues)
    INFO(i.to_string());
  REQUIRE(dir.issues.empty());
  // The English names, summaries and languages travel too (attributes of our own).
  const auto tagengo = std::find_if(dir.services.begin(), dir.services.end(), [](const auto& r) {
    return r.service.id == "houterasu_tagengo";
  });
  REQUIRE(tagengo != dir.services.end());
  CHECK(tagengo->service.name_en == "Houterasu Multilingual Information Service");
  CHECK(tagengo->service.en_source == "operator");
  CHECK(tagengo->service.languages.size() == 11);
  auto second = SqliteKnowledgeBase::open_sqlite(":memory:");
  REQUIRE(second.ok());
  REQUIRE(second.value()->import_directory(dir, "import").ok());
  REQUIRE(write_hsds(second.value()->export_directory().value(), tmp.file("two")).ok());
  for (const auto& name : hsds_file_names()) {
    CAPTURE(name);
    CHECK(testing::read_all(tmp.file("one/" + name)) == testing::read_all(tmp.file("two/" + name)));
  }
}

TEST_CASE("Import: national TSV rows map categories, urgency and 24-hour hours", "[knowledge]") {
  const Directory dir = bundled_directory();
  auto find = [&](const std::string& id) -> const Service* {
    for (const auto& r : dir.services) {
      if (r.service.id == id)
        return &r.service;
    }
    return nullptr;
  };
  const Service* dv = find("dv_plus_phone");
  REQUIRE(dv != nullptr);
  CHECK(dv->categories == std::vector<std::string>{"violence.dv"});
  CHECK(dv->is_24h);
  CHECK(dv->urgent);
  const Service* chat = find("dv_plus_chat_mail");
  REQUIRE(chat != nullptr);
  CHECK_FALSE(chat->is_24h);  // only mail is 24 hours
  const Service* lgbtq = find("yorisoi_lgbtq");
  REQUIRE(lgbtq != nullptr);
  CHECK(lgbtq->situations == std::vector<std::string>{"lgbtq"});
  const Service* childline = find("childline_phone");
  REQUIRE(childline != nullptr);
  CHECK(childline->max_age == 18);
  CHECK(childline->last_verified == "2026-11-22");
}

TEST_CASE("Import: an unknown category in a national TSV is a row error", "[knowledge]") {
  std::string tsv =
      "id\tname_ja\toperator_ja\tcategories\tchannel\tcontact\thours_ja\tcost_ja\ttarget_"
      "ja\turgent\t"
      "source_url\tsource_date\tconfidence\tverified_on\n"
      "x1\t窓口\t運営\tpets\tphone\t0120-000-000\t\t\t\tno\thttps://"
      "example.jp\t2026-01\thigh\t2026-11-22\n";
  Directory dir;
  read_national_tsv(tsv, "n.tsv", dir);
  REQUIRE(dir.issues.size() == 1);
  CHECK(dir.issues[0].to_string() == "n.tsv:2: categories: unknown category 'pets'");
}

TEST_CASE("Import: national TSV rows carry English names, summaries and languages", "[knowledge]") {
  const Directory dir = bundled_directory();
  std::map<std::string, const Service*> by_id;
  for (const auto& r : dir.services)
    by_id[r.service.id] = &r.service;
  const Service* tagengo = by_id.at("houterasu_tagengo");
  CHECK(tagengo->name_en == "Houterasu Multilingual Information Service");
  CHECK(tagengo->en_source == "operator");
  CHECK(std::find(tagengo->languages.begin(), tagengo->languages.end(), "en") !=
        tagengo->languages.end());
  int national = 0;
  for (const auto& r : dir.services) {
    if (r.service.area_scope != "national" || r.file.find("national") == std::string::npos)
      continue;
    ++national;
    CAPTURE(r.service.id);
    CHECK(!r.service.name_en.empty());
    CHECK(!r.service.summary_en.empty());
    CHECK(!r.service.languages.empty());
  }
  CHECK(national == 47);

  const std::string header =
      "id\tname_ja\toperator_ja\tcategories\tchannel\tcontact\thours_ja\tcost_ja\ttarget_ja\t"
      "urgent\tsource_url\tsource_date\tconfidence\tverified_on\tname_en\tsummary_en\t"
      "en_source\tlanguages\n";
  const std::string row =
      "x1\t窓口\t運営\tfood\tphone\t0120-000-000\t\t\t\tno\thttps://example.jp\t2026-01\thigh\t"
      "2026-11-22\t";
  Directory bad;
  read_national_tsv(header + row + "Window\tA line.\tguess\tEN,ja\n", "n.tsv", bad);
  REQUIRE(bad.issues.size() == 2);
  CHECK(bad.issues[0].to_string() == "n.tsv:2: en_source: must be operator, translation or empty");
  CHECK(bad.issues[1].to_string() ==
        "n.tsv:2: languages: expected ISO 639-1 codes (ja,en,zh), got 'EN'");
  Directory unsourced;
  read_national_tsv(header + row + "Window\t\t\tja\n", "n.tsv", unsourced);
  REQUIRE(unsourced.issues.size() == 1);
  CHECK(unsourced.issues[0].to_string() ==
        "n.tsv:2: en_source: say where the English comes from: operator or translation");
}
