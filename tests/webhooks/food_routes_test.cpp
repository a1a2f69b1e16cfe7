// The partner's API of the food-support applications (webhooks/food_routes.h): auth, scoping
// to the worker's organisation, pagination, transitions, CSV and audit entries.
#include "webhooks/food_routes.h"

#include <cctype>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "bot/food_store.h"
#include "tests/support/scoped_test_server.h"
#include "webhooks/worker_store.h"

using nlohmann::json;

namespace {

constexpr int64_t kNow = 1796567400;

httplib::Headers bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}

// Two partner organisations, a worker of each, and `n` requests to org-a (and one to org-b).
struct FoodServer {
  explicit FoodServer(int n)
      : workers(shirube::webhooks::WorkerStore::open(":memory:").value()),
        food(shirube::bot::FoodStore::open(":memory:").value()) {
    REQUIRE(food->add_partner({"org-a", "フードバンクA", {19}, {}, 1}).ok());
    REQUIRE(food->add_partner({"org-b", "フードバンクB", {40}, {}, 1}).ok());
    token_a = workers->add("org-a", "山田", 0)->token;
    token_b = workers->add("org-b", "佐藤", 0)->token;
    for (int i = 0; i < n; ++i)
      refs.push_back(submit("org-a", "user" + std::to_string(i), kNow - 1000 + i));
    ref_b = submit("org-b", "userb", kNow - 10);
    shirube::webhooks::FoodRouteOptions o;
    o.now = [] { return kNow; };
    shirube::webhooks::install_food_routes(server, *workers, *food, o);
    running = std::make_unique<shirube::testing::ScopedTestServer>(server);
    REQUIRE(running->port() > 0);
  }
  std::string submit(const std::string& org, const std::string& user, int64_t at) {
    shirube::bot::FoodDraft d;
    d.partner_org = org;
    d.nonce = "n-" + user;
    d.consent_at = at;
    d.answers.prefecture = org == "org-a" ? 19 : 40;
    d.answers.municipality = "甲府市";
    d.answers.household = 2;
    d.answers.contact_method = "email";
    d.answers.contact_value = "=cmd@example.com";
    d.answers.delivery = "pickup";
    auto r = food->submit(user, d, "", at);
    REQUIRE(r.ok());
    return r->request.ref;
  }
  httplib::Client client() const { return httplib::Client("127.0.0.1", running->port()); }
  std::string actions() {
    const auto log = food->audit_log(1000);  // kept: value() refers into it
    REQUIRE(log.ok());
    std::string s;
    for (const auto& e : log.value())
      s += e.actor + ":" + e.action + (e.ref.empty() ? "" : ":" + e.ref) + " ";
    return s;
  }

  std::unique_ptr<shirube::webhooks::WorkerStore> workers;
  std::unique_ptr<shirube::bot::FoodStore> food;
  std::string token_a;
  std::string token_b;
  std::vector<std::string> refs;
  std::string ref_b;
  httplib::Server server;
  std::unique_ptr<shirube::testing::ScopedTestServer> running;
};

}  // namespace

TEST_CASE("FoodApi: no token is 401, another organisation's request is 404", "[webhooks][food]") {
  FoodServer s(1);
  auto cli = s.client();
  const std::vector<std::string> paths = {"/api/v1/food-requests", "/api/v1/food-requests.csv",
                                          "/api/v1/food-requests/" + s.refs[0]};
  for (const std::string& path : paths) {
    auto none = cli.Get(path.c_str());
    REQUIRE(none);
    CAPTURE(path);
    CHECK(none->status == 401);
    CHECK(none->get_header_value("WWW-Authenticate").rfind("Bearer", 0) == 0);
    auto wrong = cli.Get(path.c_str(), bearer("shw_nope"));
    REQUIRE(wrong);
    CHECK(wrong->status == 401);
  }
  auto patch = cli.Patch(("/api/v1/food-requests/" + s.refs[0]).c_str(),
                         R"({"status":"contacted"})", "application/json");
  REQUIRE(patch);
  CHECK(patch->status == 401);

  // org-b's worker sees neither org-a's request nor any of its data.
  auto other = cli.Get(("/api/v1/food-requests/" + s.refs[0]).c_str(), bearer(s.token_b));
  REQUIRE(other);
  CHECK(other->status == 404);
  CHECK(other->body.find("example.com") == std::string::npos);
  auto other_patch = cli.Patch(("/api/v1/food-requests/" + s.refs[0]).c_str(), bearer(s.token_b),
                               R"({"status":"contacted"})", "application/json");
  REQUIRE(other_patch);
  CHECK(other_patch->status == 404);
  auto list_b = cli.Get("/api/v1/food-requests", bearer(s.token_b));
  REQUIRE(list_b);
  const json b = json::parse(list_b->body);
  CHECK(b["total"] == 1);
  CHECK(b["items"][0]["ref"] == s.ref_b);
  auto csv_b = cli.Get("/api/v1/food-requests.csv", bearer(s.token_b));
  REQUIRE(csv_b);
  CHECK(csv_b->body.find(s.refs[0]) == std::string::npos);
  CHECK(csv_b->body.find(s.ref_b) != std::string::npos);

  // A revoked token stops at once.
  REQUIRE(s.workers->revoke(2, kNow).ok());
  auto revoked = cli.Get("/api/v1/food-requests", bearer(s.token_b));
  REQUIRE(revoked);
  CHECK(revoked->status == 401);
}

TEST_CASE("FoodApi: the list is paginated and filtered by status", "[webhooks][food]") {
  FoodServer s(25);
  auto cli = s.client();
  auto first = cli.Get("/api/v1/food-requests?per_page=10", bearer(s.token_a));
  REQUIRE(first);
  REQUIRE(first->status == 200);
  const json p1 = json::parse(first->body);
  CHECK(p1["total"] == 25);
  REQUIRE(p1["items"].size() == 10);
  CHECK(p1["items"][0]["ref"] == s.refs[24]);  // newest first
  CHECK(p1["items"][0]["status"] == "received");
  CHECK(p1["items"][0]["created_at"].get<std::string>().size() == 20);
  CHECK(!p1["items"][0].contains("contact"));  // the list has no contact data
  auto last = cli.Get("/api/v1/food-requests?per_page=10&page=3", bearer(s.token_a));
  REQUIRE(last);
  const json p3 = json::parse(last->body);
  CHECK(p3["items"].size() == 5);
  CHECK(p3["items"][4]["ref"] == s.refs[0]);
  auto beyond = cli.Get("/api/v1/food-requests?per_page=10&page=9", bearer(s.token_a));
  CHECK(json::parse(beyond->body)["items"].empty());

  auto moved = cli.Patch(("/api/v1/food-requests/" + s.refs[3]).c_str(), bearer(s.token_a),
                         R"({"status":"contacted"})", "application/json");
  REQUIRE(moved);
  CHECK(moved->status == 200);
  auto contacted = cli.Get("/api/v1/food-requests?status=contacted", bearer(s.token_a));
  const json c = json::parse(contacted->body);
  CHECK(c["total"] == 1);
  CHECK(c["items"][0]["ref"] == s.refs[3]);

  for (const char* bad : {"/api/v1/food-requests?status=done", "/api/v1/food-requests?per_page=0",
                          "/api/v1/food-requests?per_page=101", "/api/v1/food-requests?page=x",
                          "/api/v1/food-requests?sort=new"}) {
    auto r = cli.Get(bad, bearer(s.token_a));
    REQUIRE(r);
    CAPTURE(bad);
    CHECK(r->status == 400);
    CHECK(json::parse(r->body)["error"]["code"] == "invalid_argument");
  }
}

TEST_CASE("FoodApi: only allowed transitions, 409 otherwise, every read and change is audited",
          "[webhooks][food]") {
  FoodServer s(1);
  auto cli = s.client();
  const std::string path = "/api/v1/food-requests/" + s.refs[0];
  auto one = cli.Get(path.c_str(), bearer(s.token_a));
  REQUIRE(one);
  REQUIRE(one->status == 200);
  const json r = json::parse(one->body);
  CHECK(r["contact"]["method"] == "email");
  CHECK(r["contact"]["value"] == "=cmd@example.com");
  CHECK(r["partner"]["name"] == "フードバンクA");
  // Lower case and a hyphen are the same reference.
  std::string typed = s.refs[0];
  for (char& ch : typed)
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  typed.insert(4, "-");
  auto lower = cli.Get(("/api/v1/food-requests/" + typed).c_str(), bearer(s.token_a));
  CHECK(lower->status == 200);

  auto patch = [&](const std::string& body) {
    auto res = cli.Patch(path.c_str(), bearer(s.token_a), body, "application/json");
    REQUIRE(res);
    return *res;
  };
  CHECK(patch(R"({"status":"handed_over"})").status == 409);
  CHECK(json::parse(patch(R"({"status":"handed_over"})").body)["error"]["code"] == "conflict");
  CHECK(patch(R"({"status":"cancelled"})").status == 409);
  CHECK(patch(R"({"status":"received"})").status == 409);
  CHECK(patch(R"({"status":"finished"})").status == 400);
  CHECK(patch(R"({"colour":"red"})").status == 400);
  CHECK(patch(R"({})").status == 400);
  CHECK(patch("[1]").status == 400);
  CHECK(cli.Patch(path.c_str(), bearer(s.token_a), "{}", "text/plain")->status == 415);
  const auto contacted = patch(R"({"status":"contacted","note":"電話しました"})");
  CHECK(contacted.status == 200);
  CHECK(json::parse(contacted.body)["status"] == "contacted");
  CHECK(json::parse(contacted.body)["note"] == "電話しました");
  CHECK(patch(R"({"status":"handed_over"})").status == 200);
  CHECK(patch(R"({"note":"次回は来月"})").status == 200);
  CHECK(patch(R"({"status":"closed"})").status == 200);
  CHECK(patch(R"({"status":"contacted"})").status == 409);

  auto csv = cli.Get("/api/v1/food-requests.csv", bearer(s.token_a));
  REQUIRE(csv);
  CHECK(csv->status == 200);
  CHECK(csv->get_header_value("Content-Type").rfind("text/csv", 0) == 0);
  CHECK(csv->body.rfind("\xEF\xBB\xBF"
                        "ref,status,",
                        0) == 0);
  CHECK(csv->body.find("\"'=cmd@example.com\"") != std::string::npos);  // no formula

  auto list = cli.Get("/api/v1/food-requests", bearer(s.token_a));
  REQUIRE(list);
  const std::string w = "worker:1:";
  const std::string ref = s.refs[0];
  CHECK(s.actions() == "applicant:create:" + ref + " applicant:create:" + s.ref_b + " " + w +
                           "read:" + ref + " " + w + "read:" + ref + " " + w + "update:" + ref +
                           " " + w + "update:" + ref + " " + w + "update:" + ref + " " + w +
                           "update:" + ref + " " + w + "export " + w + "list ");
}

TEST_CASE("FoodApi: other methods are 405 with Allow, the console page is served",
          "[webhooks][food]") {
  FoodServer s(0);
  auto cli = s.client();
  auto del = cli.Delete("/api/v1/food-requests", bearer(s.token_a));
  REQUIRE(del);
  CHECK(del->status == 405);
  CHECK(del->get_header_value("Allow") == "GET, HEAD");
  auto page = cli.Get("/worker/food");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->body.find("食料支援の申込") != std::string::npos);
  auto js = cli.Get("/food.js");
  REQUIRE(js);
  CHECK(js->status == 200);
}
