#include "webhooks/directory_api.h"

#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/worker_server.h"

using nlohmann::json;
using shirube::testing::WorkerServer;

namespace {

json get_json(WorkerServer& w, const std::string& path, int expected_status = 200) {
  auto res = w.client().Get(path.c_str());
  REQUIRE(res);
  CAPTURE(path, res->body);
  REQUIRE(res->status == expected_status);
  CHECK(res->get_header_value("Content-Type").rfind("application/json", 0) == 0);
  return json::parse(res->body);
}

}  // namespace

TEST_CASE("DirectoryApi: services are an HSDS page with phones, schedules and areas",
          "[webhooks]") {
  WorkerServer w;
  REQUIRE(w.port() > 0);
  const json page = get_json(w, "/api/v1/services?per_page=5&full=true");
  for (const char* k : {"total_items", "total_pages", "page_number", "size", "first_page",
                        "last_page", "empty", "contents"}) {
    CAPTURE(k);
    CHECK(page.contains(k));
  }
  CHECK(page["total_items"].get<int>() > 300);
  CHECK(page["size"] == 5);
  CHECK(page["page_number"] == 1);
  CHECK(page["first_page"] == true);
  CHECK(page["last_page"] == false);
  CHECK(page["total_pages"] == (page["total_items"].get<int>() + 4) / 5);
  REQUIRE(page["contents"].size() == 5);
  for (const auto& s : page["contents"]) {
    CHECK(s["id"].get<std::string>().size() == 36);
    CHECK(s["phones"].is_array());
    CHECK(s["schedules"].is_array());
    CHECK(s["service_areas"].is_array());
    CHECK(s["status"] == "active");
    CHECK(s.contains("assured_date"));
    CHECK(s["source"].contains("url"));
    CHECK(s["categories"].is_array());
    CHECK(s["audience"].contains("target"));
    CHECK(s.contains("confidence"));
  }
  // The 110 line: a phone, a national area, verified.
  const json police = get_json(w, "/api/v1/services/emergency_police_110");
  CHECK(police["shirube_id"] == "emergency_police_110");
  REQUIRE(police["phones"].size() == 1);
  CHECK(police["phones"][0]["number"] == "110");
  CHECK(police["service_areas"][0]["name"] == "全国");
  CHECK(police["assured_date"].is_string());
  // The same service by its UUID.
  const json by_uuid = get_json(w, "/api/v1/services/" + police["id"].get<std::string>());
  CHECK(by_uuid["shirube_id"] == "emergency_police_110");
  // A later page, and a page past the end.
  const json last = get_json(w, "/api/v1/services?per_page=100&page=" +
                                    std::to_string(page["total_items"].get<int>() / 100 + 1));
  CHECK(last["last_page"] == true);
  const json past = get_json(w, "/api/v1/services?page=999");
  CHECK(past["contents"].empty());
}

TEST_CASE("DirectoryApi: shirube filters narrow the list", "[webhooks]") {
  WorkerServer w;
  REQUIRE(w.port() > 0);
  const json food =
      get_json(w, "/api/v1/services?category=food&prefecture=山梨県&per_page=100&full=true");
  REQUIRE(food["total_items"].get<int>() > 0);
  for (const auto& s : food["contents"]) {
    const auto cats = s["categories"].get<std::vector<std::string>>();
    CHECK(std::find(cats.begin(), cats.end(), "food") != cats.end());
    CHECK((s["area_scope"] == "national" ||
           s["service_areas"].dump().find("山梨県") != std::string::npos));
  }
  CHECK(get_json(w, "/api/v1/services?prefecture=19&category=food")["total_items"] ==
        food["total_items"]);
  // Open now on a Sunday night: only what is known to be open.
  const json open = get_json(w, "/api/v1/services?open_now=true&per_page=100&full=true");
  REQUIRE(open["total_items"].get<int>() > 5);
  for (const auto& s : open["contents"])
    CHECK(s["open_now"] == "open");
  // At a weekday morning more windows are open.
  const json monday = get_json(w, "/api/v1/services?open_now=true&at=2026-12-07T10:00:00%2B09:00");
  CHECK(monday["total_items"].get<int>() > open["total_items"].get<int>());
  // Taxonomy term by code or UUID, organisation, urgent, age, channel.
  const json dv = get_json(w, "/api/v1/services?taxonomy_term_id=category:violence");
  const json terms = get_json(w, "/api/v1/taxonomy_terms?search=violence.dv");
  REQUIRE(terms["contents"].size() == 1);
  const json dv2 = get_json(w, "/api/v1/services?taxonomy_term_id=" +
                                   terms["contents"][0]["parent_id"].get<std::string>());
  CHECK(dv["total_items"] == dv2["total_items"]);
  CHECK(dv["total_items"].get<int>() > 0);
  const json urgent = get_json(w, "/api/v1/services?urgent=true&per_page=100");
  CHECK(urgent["total_items"].get<int>() > 0);
  CHECK(urgent["total_items"].get<int>() < food["total_items"].get<int>() + 200);
  const json org = get_json(w, "/api/v1/services?organization_id=op-97549561a50d9342");
  REQUIRE(org["total_items"].get<int>() >= 1);
  for (const auto& s : org["contents"])
    CHECK(s["organization_id"] == shirube::webhooks::organization_uuid("op-97549561a50d9342"));
  CHECK(get_json(w, "/api/v1/services?modified_after=2099-01-01")["empty"] == true);
  CHECK(
      get_json(
          w, "/api/v1/services?search=%E3%81%93%E3%81%A9%E3%82%82%E9%A3%9F%E5%A0%82")["total_items"]
          .get<int>() > 0);  // こども食堂
}

TEST_CASE("DirectoryApi: a page is the same whether the database or the filters page it",
          "[webhooks]") {
  // category= pages in the database; taxonomy_term_id= (the same set) is filtered after the
  // search. Both must give the same counts and the same services on every page.
  WorkerServer w;
  REQUIRE(w.port() > 0);
  for (const char* page : {"1", "2", "5"}) {
    CAPTURE(page);
    const json by_db =
        get_json(w, std::string("/api/v1/services?category=money&per_page=3&page=") + page);
    const json by_filter =
        get_json(w, std::string("/api/v1/services?taxonomy_term_id=money&per_page=3&page=") + page);
    CHECK(by_db["total_items"].get<int>() > 10);
    CHECK(by_db["total_items"] == by_filter["total_items"]);
    CHECK(by_db["total_pages"] == by_filter["total_pages"]);
    CHECK(by_db["last_page"] == by_filter["last_page"]);
    REQUIRE(by_db["contents"].size() == by_filter["contents"].size());
    for (std::size_t i = 0; i < by_db["contents"].size(); ++i)
      CHECK(by_db["contents"][i]["shirube_id"] == by_filter["contents"][i]["shirube_id"]);
  }
}

TEST_CASE("DirectoryApi: a bad parameter is 400 naming it", "[webhooks]") {
  WorkerServer w;
  REQUIRE(w.port() > 0);
  const std::pair<const char*, const char*> cases[] = {
      {"per_page=101", "per_page"},
      {"page=0", "page"},
      {"at=yesterday", "at"},
      {"at=2026-12-07T10:00:00", "at"},
      {"prefecture=%E7%81%AB%E6%98%9F", "prefecture"},
      {"category=pets", "category"},
      {"bogus=1", "bogus"},
      {"age=-1", "age"},
      {"urgent=maybe", "urgent"},
      {"channel=fax", "channel"},
      {"taxonomy_term_id=nope", "taxonomy_term_id"},
      {"modified_after=2026-13-01", "modified_after"},
      {"open_now=yes", "open_now"},
      {"situation=alien", "situation"}};
  for (const auto& [query, param] : cases) {
    const json e = get_json(w, std::string("/api/v1/services?") + query, 400);
    CAPTURE(query);
    CHECK(e["error"]["code"] == "invalid_argument");
    CHECK(e["error"]["message"].get<std::string>().rfind(std::string(param) + ":", 0) == 0);
  }
  CHECK(get_json(w, "/api/v1/organizations?per_page=0", 400)["error"]["message"]
            .get<std::string>()
            .rfind("per_page:", 0) == 0);
  CHECK(get_json(w, "/api/v1/taxonomy_terms?top_only=2", 400)["error"]["code"] ==
        "invalid_argument");
  CHECK(get_json(w, "/api/v1/services/no-such-service", 404)["error"]["code"] == "not_found");
  CHECK(get_json(w, "/api/v1/organizations/no-such-org", 404)["error"]["code"] == "not_found");
}

TEST_CASE("DirectoryApi: organizations, taxonomies and terms", "[webhooks]") {
  WorkerServer w;
  REQUIRE(w.port() > 0);
  const json orgs = get_json(w, "/api/v1/organizations?per_page=100");
  CHECK(orgs["total_items"].get<int>() > 50);
  const json police = get_json(w, "/api/v1/organizations/op-97549561a50d9342");
  CHECK(police["name"].get<std::string>().find("警察") != std::string::npos);
  REQUIRE(police["services"].is_array());
  CHECK_FALSE(police["services"].empty());
  CHECK(get_json(w, "/api/v1/organizations/" + police["id"].get<std::string>())["shirube_id"] ==
        "op-97549561a50d9342");
  const json found = get_json(w, "/api/v1/organizations?search=%E8%AD%A6%E5%AF%9F");  // 警察
  CHECK(found["total_items"].get<int>() >= 1);
  const json tax = get_json(w, "/api/v1/taxonomies");
  CHECK(tax["total_items"] == 2);
  const json top = get_json(w, "/api/v1/taxonomy_terms?top_only=true&per_page=100");
  CHECK(top["total_items"].get<int>() >= 17);
  const json all = get_json(w, "/api/v1/taxonomy_terms?per_page=100");
  CHECK(all["total_items"].get<int>() > top["total_items"].get<int>());
  for (const auto& t : all["contents"]) {
    CHECK(t["id"].get<std::string>().size() == 36);
    CHECK(t["language"] == "ja");
  }
}

TEST_CASE("DirectoryApi: other methods are 405 with the methods allowed", "[webhooks]") {
  WorkerServer w;
  REQUIRE(w.port() > 0);
  auto cli = w.client();
  auto refused = [](const httplib::Result& res, const char* allow) {
    REQUIRE(res);
    CHECK(res->status == 405);
    CHECK(res->get_header_value("Allow") == allow);
    CHECK(json::parse(res->body)["error"]["code"] == "method_not_allowed");
  };
  refused(cli.Post("/api/v1/services", "{}", "application/json"), "GET, HEAD");
  refused(cli.Delete("/api/v1/services/yorisoi_main"), "GET, HEAD");
  refused(cli.Put("/referrals/abc", "x", "text/plain"), "GET, HEAD");
  refused(cli.Get("/api/v1/referrals"), "POST");
}
