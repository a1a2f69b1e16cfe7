#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/worker_server.h"
#include "webhooks/referral_sheet.h"

using nlohmann::json;
using shirube::testing::WorkerServer;

namespace {

httplib::Headers bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}

constexpr const char* kBody =
    R"({"service_ids":["emergency_police_110","yorisoi_main"],"note":"明日の午前に一緒に電話します <b>"})";

// A worker of the 110 operator, on a running server.
std::string new_token(WorkerServer& w) {
  REQUIRE(w.port() > 0);
  auto worker = w.store().add("op-97549561a50d9342", "山田", 0);
  REQUIRE(worker.ok());
  return worker->token;
}

}  // namespace

TEST_CASE("Referrals: a worker token makes a sheet, none, unknown or revoked is 401",
          "[webhooks]") {
  WorkerServer w;
  const std::string token = new_token(w);
  auto cli = w.client();
  auto none = cli.Post("/api/v1/referrals", kBody, "application/json");
  REQUIRE(none);
  CHECK(none->status == 401);
  CHECK(none->get_header_value("WWW-Authenticate").rfind("Bearer", 0) == 0);
  auto wrong = cli.Post("/api/v1/referrals", bearer("shw_nope"), kBody, "application/json");
  REQUIRE(wrong);
  CHECK(wrong->status == 401);
  CHECK(json::parse(wrong->body)["error"]["message"] == "Authorization: unknown or revoked token");

  auto made = cli.Post("/api/v1/referrals", bearer(token), kBody, "application/json");
  REQUIRE(made);
  INFO(made->body);
  REQUIRE(made->status == 201);
  const json r = json::parse(made->body);
  const auto id = r["id"].get<std::string>();
  CHECK(id.size() >= 22);  // 128 bits, base64url
  CHECK(r["url"] == "/referrals/" + id);
  CHECK(r["expires_at"] == "2027-01-05T14:30:00Z");  // 30 days after the clock

  // Client mistakes are 400 naming the field, or 415.
  const std::pair<const char*, const char*> bad[] = {
      {R"({"note":"x"})", "service_ids:"},
      {R"({"service_ids":[]})", "service_ids:"},
      {R"({"service_ids":["no-such"]})", "service_ids[0]:"},
      {R"({"service_ids":["yorisoi_main"],"note":5})", "note:"},
      {R"([1,2])", "body:"},
      {"{", "body:"}};
  for (const auto& [body, field] : bad) {
    auto res = cli.Post("/api/v1/referrals", bearer(token), body, "application/json");
    REQUIRE(res);
    CAPTURE(body, res->body);
    CHECK(res->status == 400);
    CHECK(json::parse(res->body)["error"]["message"].get<std::string>().rfind(field, 0) == 0);
  }
  auto plain = cli.Post("/api/v1/referrals", bearer(token), kBody, "text/plain");
  REQUIRE(plain);
  CHECK(plain->status == 415);

  REQUIRE(w.store().revoke(1, 1).ok());  // the only account
  auto revoked = cli.Post("/api/v1/referrals", bearer(token), kBody, "application/json");
  REQUIRE(revoked);
  CHECK(revoked->status == 401);
}

TEST_CASE("Referrals: the sheet prints each service, as HTML and as text, until it expires",
          "[webhooks]") {
  WorkerServer w;
  auto cli = w.client();
  auto made = cli.Post("/api/v1/referrals", bearer(new_token(w)), kBody, "application/json");
  REQUIRE(made);
  REQUIRE(made->status == 201);
  const auto url = json::parse(made->body)["url"].get<std::string>();

  auto page = cli.Get(url.c_str());
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->get_header_value("Content-Type").rfind("text/html", 0) == 0);
  const std::string& html = page->body;
  CHECK(html.find("/referral.css") != std::string::npos);
  CHECK(html.find("110番") != std::string::npos);
  CHECK(html.find("よりそいホットライン") != std::string::npos);
  CHECK(html.find("href=\"tel:0120-279-338\"") != std::string::npos);
  CHECK(html.find("最終確認") != std::string::npos);
  CHECK(html.find("出典") != std::string::npos);
  CHECK(html.find("受付時間") != std::string::npos);
  CHECK(html.find("費用") != std::string::npos);
  // The note is escaped, never markup.
  CHECK(html.find("一緒に電話します &lt;b&gt;") != std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);

  auto text = cli.Get((url + "?format=text").c_str());
  REQUIRE(text);
  CHECK(text->status == 200);
  CHECK(text->get_header_value("Content-Type").rfind("text/plain", 0) == 0);
  CHECK(text->body.find("1. 110番") != std::string::npos);
  CHECK(text->body.find("・連絡方法：電話：0120-279-338") != std::string::npos);
  CHECK(text->body.find("・最終確認：2026-") != std::string::npos);
  CHECK(text->body.find("明日の午前に一緒に電話します <b>") != std::string::npos);  // as written

  auto css = cli.Get("/referral.css");
  REQUIRE(css);
  CHECK(css->status == 200);
  CHECK(css->body.find("size: A4") != std::string::npos);

  CHECK(cli.Get((url + "?format=pdf").c_str())->status == 400);
  // 30 days later the sheet is gone: a kind page, 404.
  w.set_now(WorkerServer::kSundayNight + 30 * 24 * 3600);
  auto gone = cli.Get(url.c_str());
  REQUIRE(gone);
  CHECK(gone->status == 404);
  CHECK(gone->body.find("見つかりませんでした") != std::string::npos);
  auto gone_text = cli.Get((url + "?format=text").c_str());
  REQUIRE(gone_text);
  CHECK(gone_text->status == 404);
  auto missing = cli.Get("/referrals/AAAAAAAAAAAAAAAAAAAAAA");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(missing->body.find("もう一度作って") != std::string::npos);
  CHECK(w.store().purge(WorkerServer::kSundayNight + 30 * 24 * 3600).value() == 1);
}

TEST_CASE("Referrals: HTML escaping covers the five characters", "[webhooks]") {
  CHECK(shirube::webhooks::html_escape("<a href=\"x\">'&'</a>") ==
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST_CASE("Referrals: the worker console is served from the binary with page headers",
          "[webhooks]") {
  WorkerServer w;
  REQUIRE(w.port() > 0);
  auto cli = w.client();
  for (const char* path : {"/worker", "/worker.js", "/console.js", "/worker.css"}) {
    auto res = cli.Get(path);
    REQUIRE(res);
    CAPTURE(path);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Security-Policy").find("script-src 'self'") !=
          std::string::npos);
    CHECK_FALSE(res->body.empty());
  }
  auto page = cli.Get("/worker");
  REQUIRE(page);
  const auto shared = page->body.find("<script src=\"/console.js\">");
  const auto own = page->body.find("<script src=\"/worker.js\">");
  CHECK(own != std::string::npos);
  CHECK(shared < own);  // the shared helpers load first
  CHECK(page->body.find("いま受付中") != std::string::npos);
}
