#include "knowledge/check.h"

#include <set>
#include <thread>

#include <catch2/catch.hpp>
#include <httplib.h>

#include "knowledge/sqlite_knowledge_base.h"

using namespace shirube;
using namespace shirube::knowledge;

namespace {

std::vector<Finding> findings_on(SqliteKnowledgeBase& kb, const char* today) {
  std::vector<Finding> findings;
  REQUIRE(kb.with_database([&](sql::Database& db) -> Status {
              CheckOptions o;
              o.today = today;
              findings = run_checks(db, o).value();
              return {};
            }).ok());
  return findings;
}

}  // namespace

TEST_CASE("Check: phone shapes accept table and reject table", "[knowledge]") {
  const char* accept[] = {
      "0120-783-556",  "0570-064-556", "0120-078310",
      "0120-99-7777",  "110",          "189",
      "#8008",         "#9999",        "0120-279-338（音声ガイダンスで「4」を選択）",
      "090-1234-5678", "055-123-4567"};
  for (const char* c : accept) {
    CAPTURE(c);
    CHECK(is_phone_contact(c));
  }
  const char* reject[] = {
      "0570-0783-5",   "0120--783-556",          "0120783556",        "#80",           "12",
      "0120-783-556-", "お住まいの市の相談窓口", "@linejinkensoudan", "0120-783-556x", "9110"};
  for (const char* c : reject) {
    CAPTURE(c);
    CHECK_FALSE(is_phone_contact(c));
  }
}

TEST_CASE("Check: URL shapes and URLs inside text", "[knowledge]") {
  CHECK(is_http_url("https://talkme.jp/"));
  CHECK(is_http_url("http://127.0.0.1:8080/x"));
  CHECK(is_http_url("https://mykoho.jp/article/福島県磐梯町/%e7"));
  CHECK_FALSE(is_http_url("https://exa mple.jp/"));
  CHECK_FALSE(is_http_url("ftp://example.jp/"));
  CHECK_FALSE(is_http_url("https://nodot/"));
  CHECK(first_url("https://soudanplus.jp/（チャット：https://form.soudanplus.jp/ja）") ==
        "https://soudanplus.jp/");
  CHECK(first_url("LINE公式アカウント") == "");
}

TEST_CASE("Check: the bundled data has no errors, only warnings", "[knowledge]") {
  auto kb = SqliteKnowledgeBase::open_sqlite(":memory:");
  REQUIRE(kb.ok());
  REQUIRE(kb.value()->ensure_bundled_data().ok());
  std::vector<Finding> findings;
  REQUIRE(kb.value()
              ->with_database([&](sql::Database& db) -> Status {
                CheckOptions o;
                o.today = "2026-12-06";
                findings = run_checks(db, o).value();
                return {};
              })
              .ok());
  std::size_t warnings = 0;
  for (const auto& f : findings) {
    INFO(f.to_string());
    CHECK_FALSE(f.error);
    if (!f.error)
      ++warnings;
  }
  CHECK(warnings > 0);
  // A year and a day later, every verified record is stale.
  REQUIRE(kb.value()
              ->with_database([&](sql::Database& db) -> Status {
                CheckOptions o;
                o.today = "2027-11-24";
                findings = run_checks(db, o).value();
                return {};
              })
              .ok());
  bool stale_110 = false;
  for (const auto& f : findings) {
    if (f.record == "emergency_police_110" && f.field == "last_verified" && f.error)
      stale_110 = true;
  }
  CHECK(stale_110);
}

TEST_CASE("Check: malformed numbers, URLs and missing fields are errors", "[knowledge]") {
  auto kb = SqliteKnowledgeBase::open_sqlite(":memory:");
  REQUIRE(kb.ok());
  Directory dir;
  auto add = [&](const char* id, const char* channel, const char* contact, const char* url) {
    ServiceRecord r;
    r.service.id = id;
    r.service.name = "窓口";
    r.service.channel = channel;
    r.service.contact = contact;
    r.service.source_url = url;
    r.service.source_date = "2026-01-01";
    r.service.last_verified = "2026-11-01";
    r.service.area_scope = "national";
    r.service.categories = {"money"};
    dir.services.push_back(r);
  };
  add("bad_phone", "phone", "0570-0783-55x", "https://example.jp/");
  add("bad_url", "web", "https://exa mple.jp/", "https://example.jp/");
  add("no_contact", "phone", "", "https://example.jp/");
  add("bad_source", "phone", "0120-783-556", "example.jp");
  add("good", "phone", "0120-783-556", "https://example.jp/");
  REQUIRE(kb.value()->import_directory(dir, "import").ok());
  std::vector<Finding> findings;
  REQUIRE(kb.value()
              ->with_database([&](sql::Database& db) -> Status {
                CheckOptions o;
                o.today = "2026-11-23";
                findings = run_checks(db, o).value();
                return {};
              })
              .ok());
  std::set<std::string> bad;
  for (const auto& f : findings) {
    if (f.error)
      bad.insert(f.record + "/" + f.field);
  }
  CHECK(bad == std::set<std::string>{"bad_phone/contact", "bad_url/contact", "no_contact/contact",
                                     "bad_source/source_url"});
}

TEST_CASE("Check: hours the schedule parser does not understand are warnings", "[knowledge]") {
  auto kb = SqliteKnowledgeBase::open_sqlite(":memory:");
  REQUIRE(kb.ok());
  Directory dir;
  for (const auto& [id, hours] : std::vector<std::pair<const char*, const char*>>{
           {"weekdays", "月〜金 9:00〜17:00（祝日・年末年始を除く）"},
           {"vague", "自治体により異なる"},
           {"booking", "平日9時〜17時（要予約）"},
           {"none", ""}}) {
    ServiceRecord r;
    r.service.id = id;
    r.service.name = "窓口";
    r.service.hours = hours;
    r.service.source_title = "厚生労働省";
    r.service.area_scope = "national";
    r.service.categories = {"money"};
    dir.services.push_back(r);
  }
  REQUIRE(kb.value()->import_directory(dir, "import").ok());
  std::set<std::string> unknown;
  for (const auto& f : findings_on(*kb.value(), "2026-11-23")) {
    if (f.field == "hours" && f.message.rfind(kHoursNotUnderstood, 0) == 0) {
      CHECK_FALSE(f.error);
      unknown.insert(f.record);
    }
  }
  CHECK(unknown == std::set<std::string>{"vague", "booking"});
}

TEST_CASE("Check: links report 404, redirects and unreachable hosts", "[knowledge]") {
  httplib::Server svr;
  svr.Get("/ok", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok", "text/plain");
  });
  svr.Get("/gone", [](const httplib::Request&, httplib::Response& res) { res.status = 404; });
  svr.Get("/moved", [](const httplib::Request&, httplib::Response& res) {
    res.status = 301;
    res.set_header("Location", "/ok");
  });
  svr.Get("/broken", [](const httplib::Request&, httplib::Response& res) { res.status = 503; });
  const int port = svr.bind_to_any_port("127.0.0.1");
  REQUIRE(port > 0);
  std::thread t([&] { svr.listen_after_bind(); });
  while (!svr.is_running())
    std::this_thread::yield();
  const std::string base = "http://127.0.0.1:" + std::to_string(port);
  bool is_error = false;
  CHECK(check_link(base + "/ok", 5, is_error).empty());
  CHECK(check_link(base + "/gone", 5, is_error) == "HTTP 404");
  CHECK(is_error);
  CHECK(check_link(base + "/broken", 5, is_error) == "HTTP 503");
  CHECK(check_link(base + "/moved", 5, is_error) == "redirects to " + base + "/ok");
  CHECK_FALSE(is_error);
  svr.stop();
  t.join();
  // Nothing listens on the port any more.
  const std::string dead = check_link(base + "/ok", 2, is_error);
  CHECK(dead.rfind("cannot connect", 0) == 0);
  CHECK(is_error);
}
