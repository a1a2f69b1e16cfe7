// Operations of the real `shirube serve`: SIGTERM drains the LINE workers and checkpoints,
// /metrics after real traffic, and a log with one JSON line per request and per event and
// nothing a person wrote.
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "common/sqlite.h"
#include "tests/support/fake_line_api.h"
#include "tests/support/line_webhook.h"
#include "tests/support/prometheus.h"
#include "tests/support/read_file.h"
#include "tests/support/serve_process.h"
#include "tests/support/temp_dir.h"
#include "webhooks/line_signature.h"

using nlohmann::json;
using shirube::testing::FakeLineApi;
using shirube::testing::ServeProcess;
using shirube::testing::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr const char* kSecret = "ops_channel_secret";
constexpr const char* kUser = "U4af4980629bbbbbbbbbbbbbbbbbbbbbb";
constexpr const char* kReply = "/v2/bot/message/reply";
constexpr const char* kMarker = "MARKER-9c1e-しるし";

std::string text_event(const std::string& event_id, const std::string& text) {
  return shirube::testing::text_webhook(event_id, text, kUser);
}

int pending_events(const std::string& db) {
  auto conn = shirube::sql::Database::open(db + "-line", /*read_only=*/true);
  if (!conn.ok())
    return -1;
  auto st = (*conn)->prepare("SELECT count(*) FROM line_inbox WHERE state = 'pending'");
  if (!st.ok())
    return -1;
  auto row = st->step();
  return row.ok() && *row ? st->integer(0) : -1;
}

struct Served {
  explicit Served(const std::map<std::string, std::string>& env = {})
      : db(dir.file("shirube.db")),
        serve(db, api.base_url(), dir.file("serve.log"), kSecret, env),
        client("127.0.0.1", serve.port()) {
    REQUIRE(serve.port() > 0);
    client.set_read_timeout(std::chrono::seconds(10));
  }
  httplib::Result post_event(const std::string& body) {
    return client.Post("/callback",
                       {{"X-Line-Signature", shirube::webhooks::line::sign(kSecret, body)}}, body,
                       "application/json; charset=utf-8");
  }
  TempDir dir;
  FakeLineApi api;
  std::string db;
  ServeProcess serve;
  httplib::Client client;
};

}  // namespace

TEST_CASE("Serve: SIGTERM answers the LINE events already accepted, then checkpoints",
          "[ops][line]") {
  Served s(std::map<std::string, std::string>{{"SHIRUBE_SHUTDOWN_DRAIN_MS", "60000"}});
  // Each answer takes a while at LINE: without a drain, stopping would leave the rest.
  for (int i = 0; i < 3; ++i)
    s.api.script(kReply, {200, "{}", 150});
  for (int i = 0; i < 3; ++i) {
    auto res = s.post_event(
        text_event("01HDRAIN00000000000000000" + std::to_string(i), "食べ物に困っています"));
    REQUIRE(res);
    REQUIRE(res->status == 200);
  }
  const int status = s.serve.terminate();
  INFO(shirube::testing::read_file(s.dir.file("serve.log")));
  CHECK(status == 0);
  CHECK(pending_events(s.db) == 0);
  CHECK(s.api.delivered() == 3);
  // The write-ahead logs were emptied into the database files.
  for (const std::string& wal : {s.db + "-wal", s.db + "-line-wal"})
    CHECK((!fs::exists(wal) || fs::file_size(wal) == 0));
}

TEST_CASE("Serve: /metrics and the JSON log after real traffic hold nothing a person wrote",
          "[ops][line]") {
  Served s;
  auto res =
      s.post_event(text_event("01HMETRICS0000000000000001", std::string("死にたい ") + kMarker));
  REQUIRE(res);
  REQUIRE(res->status == 200);
  auto chat = s.client.Post(
      "/api/v1/chat", json{{"user", kUser}, {"text", std::string("ごはん ") + kMarker}}.dump(),
      "application/json");
  REQUIRE(chat);
  CHECK(chat->status == 200);
  REQUIRE(FakeLineApi::wait_until([&] { return pending_events(s.db) == 0; }));

  auto metrics = s.client.Get("/metrics");
  REQUIRE(metrics);
  REQUIRE(metrics->status == 200);
  const auto parsed = shirube::testing::parse_prometheus(metrics->body);
  INFO(metrics->body);
  CHECK(parsed.problems.empty());
  CHECK(parsed.value(R"(shirube_line_events_total{type="message"})") == 1);
  CHECK(parsed.value(R"(shirube_line_processed_total{type="text",outcome="reply"})") == 1);
  CHECK(parsed.value(R"(shirube_risk_total{channel="line",level="crisis"})") == 1);
  CHECK(parsed.value(
            R"(shirube_http_requests_total{route="/callback",method="POST",status="200"})") == 1);
  CHECK(parsed.value("shirube_line_queue_depth") == 0);
  CHECK(parsed.value("shirube_line_reply_latency_seconds_count") == 1);
  CHECK(metrics->body.find(kMarker) == std::string::npos);
  CHECK(metrics->body.find(kUser) == std::string::npos);

  httplib::Headers many;
  for (int i = 0; i < 70; ++i)
    many.emplace("X-H" + std::to_string(i), "v");
  auto refused = s.client.Get("/healthz", many);
  REQUIRE(refused);
  CHECK(refused->status == 431);

  REQUIRE(s.serve.terminate() == 0);
  const std::string log = shirube::testing::read_file(s.dir.file("serve.log"));
  INFO(log);
  CHECK(log.find(kMarker) == std::string::npos);
  CHECK(log.find(kUser) == std::string::npos);
  CHECK(log.find(kSecret) == std::string::npos);
  int requests = 0;
  int events = 0;
  int refusals = 0;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line.front() != '{')
      continue;  // the start and stop lines of serve are plain text
    const json j = json::parse(line, nullptr, false);
    REQUIRE(j.is_object());
    requests += j.value("kind", "") == "request" ? 1 : 0;
    refusals += j.value("kind", "") == "refused" ? 1 : 0;
    if (j.value("kind", "") == "line_event") {
      ++events;
      CHECK(j.value("risk", "") == "crisis");
      CHECK(j.value("request_id", "") == "01HMETRICS0000000000000001");
    }
  }
  CHECK(requests == 3);
  CHECK(events == 1);
  CHECK(refusals == 1);
}
