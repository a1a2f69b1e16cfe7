#include <set>

#include <catch2/catch.hpp>

#include "knowledge/sqlite_knowledge_base.h"
#include "knowledge/taxonomy.h"

using namespace shirube;
using namespace shirube::knowledge;

namespace {

SqliteKnowledgeBase& bundled_kb() {
  // One shared in-memory database per test binary; KnowledgeBase methods are thread-safe.
  static std::unique_ptr<SqliteKnowledgeBase> kb = [] {
    auto r = SqliteKnowledgeBase::open_sqlite(":memory:");
    REQUIRE(r.ok());
    REQUIRE(r.value()->ensure_bundled_data().ok());
    return std::move(r.value());
  }();
  return *kb;
}

std::set<std::string> ids(const SearchResult& r) {
  std::set<std::string> out;
  for (const auto& s : r.services)
    out.insert(s.id);
  return out;
}

SearchResult run(const Query& q) {
  auto r = bundled_kb().search(q);
  REQUIRE(r.ok());
  return r.value();
}

}  // namespace

TEST_CASE("Search: food in Yamanashi returns food support with sources and dates", "[knowledge]") {
  Query q;
  q.categories = {"food"};
  q.prefecture = prefecture_code("山梨県");
  const SearchResult r = run(q);
  REQUIRE(r.total >= 1);
  CHECK(ids(r).count("foodbank_jafb_contact") == 1);
  for (const auto& s : r.services) {
    CAPTURE(s.id);
    const bool food =
        std::find(s.categories.begin(), s.categories.end(), "food") != s.categories.end();
    CHECK(food);
    CHECK_FALSE(s.source_title.empty());
    CHECK_FALSE(s.source_date.empty());
    const bool in_area =
        s.area_scope == "national" ||
        std::find(s.prefectures.begin(), s.prefectures.end(), 19) != s.prefectures.end();
    CHECK(in_area);
  }
}

TEST_CASE("Search: no role-other organisation ever appears", "[knowledge]") {
  std::set<std::string> reference_orgs;
  REQUIRE(bundled_kb()
              .with_database([&](sql::Database& db) -> Status {
                auto st = db.prepare("SELECT id FROM organizations WHERE role = 'other'");
                REQUIRE(st.ok());
                while (st->step().value())
                  reference_orgs.insert(st->text(0));
                return {};
              })
              .ok());
  REQUIRE(reference_orgs.size() == 26);
  std::vector<Query> queries;
  Query all;
  all.limit = 1000;
  queries.push_back(all);
  for (const auto& c : top_categories()) {
    Query q;
    q.categories = {c};
    q.limit = 1000;
    queries.push_back(q);
  }
  for (const char* t :
       {"POPOLO", "フードバンク", "ネットワーク", "内閣府", "厚生労働省", "官民連携"}) {
    Query q;
    q.text = t;
    q.limit = 1000;
    queries.push_back(q);
  }
  for (const auto& q : queries) {
    CAPTURE(q.text);
    for (const auto& s : run(q).services) {
      CAPTURE(s.id);
      CHECK((!s.organization_id || reference_orgs.count(*s.organization_id) == 0));
    }
  }
}

TEST_CASE("Search: one- and two-character queries match after NFKC and case folding",
          "[knowledge]") {
  struct Case {
    const char* text;
    const char* expect_id;
  };
  const Case accept[] = {{"DV", "dv_navi_8008"},  {"ＤＶ", "dv_navi_8008"},
                         {"dv", "dv_plus_phone"}, {"法テラス", "houterasu_support"},
                         {"189", "gyakutai_189"}, {"性", "cure_time"},
                         {"LINE", "jinken_line"}};
  for (const auto& c : accept) {
    CAPTURE(c.text);
    Query q;
    q.text = c.text;
    q.limit = 200;
    CHECK(ids(run(q)).count(c.expect_id) == 1);
  }
  const char* reject[] = {"ご飯", "ZZ", "存在しない言葉"};
  for (const char* t : reject) {
    CAPTURE(t);
    Query q;
    q.text = t;
    CHECK(run(q).total == 0);
  }
}

TEST_CASE("Search: a top-level category also matches its sub-categories", "[knowledge]") {
  Query top;
  top.categories = {"violence"};
  top.limit = 200;
  Query sub;
  sub.categories = {"violence.dv"};
  sub.limit = 200;
  const auto all = ids(run(top));
  const auto dv = ids(run(sub));
  CHECK(all.count("dv_plus_phone") == 1);
  CHECK(all.count("onestop_8891") == 1);
  CHECK(dv.count("dv_plus_phone") == 1);
  CHECK(dv.count("onestop_8891") == 0);
  CHECK(all.size() > dv.size());
}

TEST_CASE("Search: crisis results put 24-hour lines first", "[knowledge]") {
  Query q;
  q.categories = {"crisis"};
  q.limit = 100;
  const auto r = run(q);
  REQUIRE(r.services.size() > 3);
  bool seen_not_24h = false;
  for (const auto& s : r.services) {
    if (!s.is_24h)
      seen_not_24h = true;
    if (seen_not_24h)
      CHECK_FALSE(s.is_24h);
  }
  CHECK(r.services.front().is_24h);
}

TEST_CASE("Search: a prefecture keeps local rows first and national rows after", "[knowledge]") {
  Query q;
  q.categories = {"loneliness"};
  q.prefecture = prefecture_code("北海道");
  q.limit = 200;
  const auto r = run(q);
  REQUIRE(r.services.size() > 2);
  CHECK(r.services.front().area_scope != "national");
  bool seen_national = false;
  for (const auto& s : r.services) {
    if (s.area_scope == "national")
      seen_national = true;
    if (seen_national)
      CHECK(s.area_scope == "national");
    if (s.area_scope != "national")
      CHECK(std::find(s.prefectures.begin(), s.prefectures.end(), 1) != s.prefectures.end());
  }
  CHECK(seen_national);
}

TEST_CASE("Search: situation, age, channel and urgent filters", "[knowledge]") {
  Query care;
  care.situation = "care_leaver";
  const auto c = run(care);
  REQUIRE(c.total >= 1);
  for (const auto& s : c.services) {
    CHECK(std::find(s.situations.begin(), s.situations.end(), "care_leaver") != s.situations.end());
  }
  Query adult;
  adult.text = "チャイルドライン";
  adult.age = 30;
  CHECK(run(adult).total == 0);
  adult.age = 15;
  CHECK(run(adult).total == 2);
  Query phone;
  phone.categories = {"violence"};
  phone.channel = "chat";
  phone.limit = 100;
  for (const auto& s : run(phone).services)
    CHECK(s.channel == "chat");
  Query urgent;
  urgent.urgent_only = true;
  urgent.limit = 100;
  const auto u = run(urgent);
  REQUIRE(u.total > 0);
  for (const auto& s : u.services)
    CHECK(s.urgent);
}

TEST_CASE("Search: limit, offset and total", "[knowledge]") {
  Query q;
  q.categories = {"violence"};
  q.limit = 3;
  const auto page1 = run(q);
  CHECK(page1.services.size() == 3);
  q.offset = 3;
  const auto page2 = run(q);
  CHECK(page2.total == page1.total);
  CHECK(page2.services.front().id != page1.services.front().id);
  q.offset = 10000;
  const auto past = run(q);
  CHECK(past.services.empty());
  CHECK(past.total == page1.total);
}

TEST_CASE("Search: national only keeps just the nationwide rows", "[knowledge]") {
  for (const char* cat : {"food", "loneliness", "children_youth", "care_leaver"}) {
    CAPTURE(cat);
    Query any;
    any.categories = {cat};
    any.limit = 500;
    Query national = any;
    national.national_only = true;
    const auto all = run(any);
    const auto nat = run(national);
    REQUIRE(!nat.services.empty());
    int expected = 0;
    for (const auto& s : all.services)
      expected += s.area_scope == "national" ? 1 : 0;
    CHECK(nat.total == expected);
    for (const auto& s : nat.services) {
      CHECK(s.area_scope == "national");
      CHECK(s.prefectures.empty());
    }
  }
  Query text_only;
  text_only.text = "相談";
  text_only.national_only = true;
  text_only.limit = 500;
  for (const auto& s : run(text_only).services)
    CHECK(s.area_scope == "national");
  Query both;
  both.national_only = true;
  both.prefecture = 19;
  auto r = bundled_kb().search(both);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message() == "national_only: cannot be combined with a prefecture");
}

TEST_CASE("Search: for people leaves out programmes for support groups and workers",
          "[knowledge]") {
  Query all;
  all.limit = 1000;
  Query people = all;
  people.for_people = true;
  Query supporters = all;
  supporters.situation = "supporter";
  const auto sup = run(supporters);
  REQUIRE(sup.total > 0);
  for (const auto& s : sup.services)
    CHECK(s.target == "支援団体・支援者（中間支援）");
  const auto everyone = run(all);
  const auto for_people = run(people);
  // Rows sourced only weakly (confidence low) are left out for people as well, and so is every
  // record for workers (intermediaries, research and model projects), supporter or not.
  int low = 0;
  int workers = 0;
  for (const auto& s : everyone.services) {
    low += s.confidence == "low" ? 1 : 0;
    workers += s.audience == "workers" ? 1 : 0;
  }
  CHECK(low > 0);
  CHECK(workers >= sup.total);
  for (const auto& s : sup.services)
    CHECK(s.audience == "workers");
  CHECK(for_people.total == everyone.total - workers - low);
  for (const auto& s : for_people.services)
    CHECK(s.audience == "people");
  for (const auto& s : for_people.services)
    CHECK(s.confidence != "low");
  const auto sup_ids = ids(sup);
  for (const auto& s : for_people.services)
    CHECK(sup_ids.count(s.id) == 0);
  // The care-leaver answer still finds people's windows; the R5 scheme study stays in the
  // database for workers.
  Query care;
  care.categories = {"care_leaver"};
  care.for_people = true;
  CHECK(run(care).total >= 1);
  care.for_people = false;
  care.text = "ケアリーバーへの食料支援";
  const auto study = run(care);
  REQUIRE(study.total >= 1);
  CHECK(study.services.front().audience == "workers");
}

TEST_CASE("Search: several categories list the first one's rows first", "[knowledge]") {
  Query q;
  q.categories = {"care_leaver", "money", "housing"};
  q.limit = 50;
  const auto r = run(q);
  REQUIRE(r.services.size() > 2);
  auto has = [](const Service& s, const std::string& top) {
    for (const auto& c : s.categories) {
      if (c == top || c.rfind(top + ".", 0) == 0)
        return true;
    }
    return false;
  };
  CHECK(has(r.services.front(), "care_leaver"));
  bool left = false;
  for (const auto& s : r.services) {
    if (!has(s, "care_leaver"))
      left = true;
    if (left)
      CHECK_FALSE(has(s, "care_leaver"));
  }
}

TEST_CASE("Search: bad queries are rejected with the field", "[knowledge]") {
  Query q;
  q.categories = {"pets"};
  auto r = bundled_kb().search(q);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message() == "category: unknown category 'pets'");
  Query l;
  l.limit = 0;
  CHECK(bundled_kb().search(l).error().where() == "limit");
  Query bad_text;
  bad_text.text = "\xFF\xFE";
  auto t = bundled_kb().search(bad_text);
  REQUIRE_FALSE(t.ok());
  CHECK(t.error().message() == "text: not valid UTF-8");
  Query long_text;
  long_text.text = std::string(1001, 'a');
  CHECK(bundled_kb().search(long_text).error().where() == "text");
}

TEST_CASE("Search: urgent services hold crisis lines and 110/119, violence lines on request",
          "[knowledge]") {
  auto crisis = bundled_kb().urgent_services(false);
  REQUIRE(crisis.ok());
  std::set<std::string> got;
  for (const auto& s : crisis.value())
    got.insert(s.id);
  CHECK(got.count("emergency_police_110") == 1);
  CHECK(got.count("emergency_fire_119") == 1);
  CHECK(got.count("yorisoi_main") == 1);
  CHECK(got.count("dv_plus_phone") == 0);
  CHECK(crisis->front().is_24h);
  auto violence = bundled_kb().urgent_services(true);
  REQUIRE(violence.ok());
  std::set<std::string> vio;
  for (const auto& s : violence.value())
    vio.insert(s.id);
  CHECK(vio.count("dv_plus_phone") == 1);
  CHECK(vio.count("gyakutai_189") == 1);
  bool seen_not_24h = false;
  for (const auto& s : violence.value()) {
    if (!s.is_24h)
      seen_not_24h = true;
    if (seen_not_24h)
      CHECK_FALSE(s.is_24h);
  }
}

TEST_CASE("Search: get_service, categories and prefectures", "[knowledge]") {
  auto s = bundled_kb().get_service("gyakutai_189");
  REQUIRE(s.ok());
  CHECK(s->contact == "189");
  CHECK(bundled_kb().get_service("nope").error().code() == ErrorCode::kNotFound);
  auto cats = bundled_kb().categories();
  REQUIRE(cats.ok());
  CHECK(cats->front().id == "crisis");
  auto prefs = bundled_kb().prefectures();
  REQUIRE(prefs.ok());
  CHECK(prefs->size() == 47);
  CHECK(prefs->at(18).name == "山梨県");
}

TEST_CASE("Prefectures: codes from names, short names, kana and numbers", "[knowledge]") {
  struct Case {
    const char* in;
    int code;
  };
  const Case cases[] = {
      {"山梨県", 19}, {"山梨", 19},   {"やまなし", 19}, {"ヤマナシ", 19}, {"19", 19},
      {"09", 9},      {"１９", 19},   {"北海道", 1},    {"東京", 13},     {"とうきょうと", 13},
      {"京都府", 26}, {"沖縄県", 47}, {"0", 0},         {"48", 0},        {"火星", 0},
      {"", 0}};
  for (const auto& c : cases) {
    CAPTURE(c.in);
    CHECK(prefecture_code(c.in) == c.code);
  }
  const auto& all = all_prefectures();
  REQUIRE(all.size() == 47);
  std::set<std::string> regions;
  for (const auto& p : all)
    regions.insert(p.region_label);
  CHECK(regions.size() == 8);
  CHECK(all[46].region_label == "九州・沖縄");
}

TEST_CASE("Search: text within category and prefecture finds the same rows as the full-text path",
          "[knowledge]") {
  for (const char* word : {"フードバンク", "食料支援", "こども食堂", "ケアリーバー"}) {
    CAPTURE(word);
    Query narrow;
    narrow.categories = {"food"};
    narrow.prefecture = 19;
    narrow.text = word;
    narrow.limit = 1000;
    Query wide = narrow;
    wide.prefecture = 0;
    std::set<std::string> expected;
    for (const auto& s : run(wide).services) {
      if (s.area_scope == "national" ||
          std::find(s.prefectures.begin(), s.prefectures.end(), 19) != s.prefectures.end()) {
        expected.insert(s.id);
      }
    }
    CHECK(ids(run(narrow)) == expected);
  }
  Query jafb;
  jafb.categories = {"food"};
  jafb.prefecture = 19;
  jafb.text = "フードバンク";
  CHECK(ids(run(jafb)).count("foodbank_jafb_contact") == 1);
}
