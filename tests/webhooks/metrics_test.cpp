// GET /metrics (Prometheus text) and the structured log of LINE events.
#include "webhooks/metrics.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "bot/engine.h"
#include "tests/support/fake_knowledge_base.h"
#include "tests/support/prometheus.h"
#include "tests/support/scoped_test_server.h"
#include "webhooks/server.h"

using nlohmann::json;
using shirube::Result;
using shirube::Status;
using shirube::testing::parse_prometheus;
using shirube::testing::ScopedTestServer;
namespace bot = shirube::bot;
namespace webhooks = shirube::webhooks;

namespace {

// Answers every turn with a crisis reply.
class CrisisEngine : public bot::Engine {
 public:
  Result<bot::Reply> handle(const std::string&, const bot::Input&) override {
    bot::Reply r;
    r.texts = {"ひとりで抱えないでください。"};
    r.node = "crisis";
    r.crisis = true;
    r.risk = shirube::intents::RiskLevel::kCrisis;
    return r;
  }
  Status erase(const std::string&) override { return Status::ok_status(); }
};

struct Served {
  shirube::testing::FakeKnowledgeBase kb;
  CrisisEngine engine;
  std::shared_ptr<webhooks::Metrics> metrics = std::make_shared<webhooks::Metrics>();
  httplib::Server server;
  std::unique_ptr<ScopedTestServer> running;
  std::unique_ptr<httplib::Client> client;

  explicit Served(bool metrics_route = true) {
    webhooks::ServerOptions options;
    options.log = [](const std::string&) {};
    options.metrics = metrics;
    options.metrics_route = metrics_route;
    webhooks::install_routes(
        server, engine, [this] { return kb.healthy(); }, nullptr, options);
    running = std::make_unique<ScopedTestServer>(server);
    REQUIRE(running->port() > 0);
    client = std::make_unique<httplib::Client>("127.0.0.1", running->port());
  }

  shirube::testing::Exposition scrape() {
    auto res = client->Get("/metrics");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(res->get_header_value("Content-Type").rfind("text/plain; version=0.0.4", 0) == 0);
    auto parsed = parse_prometheus(res->body);
    INFO(res->body);
    CHECK(parsed.problems.empty());
    return parsed;
  }
};

const std::string kChatPost =
    R"(http_requests_total{route="/api/v1/chat",method="POST",status="200"})";

}  // namespace

TEST_CASE("Metrics: GET /metrics is Prometheus text and its counters move after requests",
          "[metrics]") {
  Served s;
  const auto before = s.scrape();
  CHECK(before.value("shirube_" + kChatPost) == 0);
  for (int i = 0; i < 2; ++i) {
    auto res =
        s.client->Post("/api/v1/chat", R"({"user":"u1","text":"死にたい"})", "application/json");
    REQUIRE(res);
    CHECK(res->status == 200);
  }
  REQUIRE(s.client->Get("/healthz"));
  REQUIRE(s.client->Get("/referrals/abcdef"));
  const auto after = s.scrape();
  CHECK(after.value("shirube_" + kChatPost) == 2);
  CHECK(after.value(R"(shirube_http_request_duration_seconds_count{route="/api/v1/chat"})") == 2);
  CHECK(after.value(
            R"(shirube_http_request_duration_seconds_bucket{route="/api/v1/chat",le="+Inf"})") ==
        2);
  CHECK(after.value(R"(shirube_risk_total{channel="web",level="crisis"})") == 2);
  // The id of a sheet is never a label: the route template is.
  CHECK(after.value(
            R"(shirube_http_requests_total{route="/referrals/{id}",method="GET",status="404"})") ==
        1);
  CHECK(after.samples.count("shirube_storage_faults_total") == 1);
}

TEST_CASE("Metrics: /metrics answers only direct requests from this host by default", "[metrics]") {
  Served s;
  for (const char* header : {"X-Forwarded-For", "Forwarded", "X-Real-IP", "Via"}) {
    auto res = s.client->Get("/metrics", {{header, "203.0.113.7"}});
    REQUIRE(res);
    CHECK(res->status == 404);
    CHECK(res->body.find("shirube_") == std::string::npos);
  }
}

TEST_CASE("Metrics: on a listen address of its own /metrics answers anyone, the main port not",
          "[metrics]") {
  Served s(/*metrics_route=*/false);
  auto main_port = s.client->Get("/metrics");
  REQUIRE(main_port);
  CHECK(main_port->status == 404);

  httplib::Server own;
  webhooks::install_metrics_route(own, s.metrics, /*local_only=*/false);
  ScopedTestServer running(own);
  REQUIRE(running.port() > 0);
  httplib::Client client("127.0.0.1", running.port());
  auto res = client.Get("/metrics", {{"X-Forwarded-For", "203.0.113.7"}});
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(parse_prometheus(res->body).problems.empty());
}

TEST_CASE("Metrics: LINE counters become labelled families", "[metrics]") {
  const std::string text = webhooks::line_counters_exposition(
      R"({"events":{"message":3,"other":2},"outcome":{"reply":3,"push":1},)"
      R"("rejected":{"signature":1},"delivery":{"accepted":5}})");
  const auto parsed = parse_prometheus(text);
  INFO(text);
  CHECK(parsed.problems.empty());
  CHECK(parsed.value(R"(shirube_line_events_total{type="message"})") == 3);
  CHECK(parsed.value(R"(shirube_line_events_total{type="other"})") == 2);
  CHECK(parsed.value(R"(shirube_line_outcomes_total{outcome="push"})") == 1);
  CHECK(parsed.value(R"(shirube_line_rejected_total{kind="signature"})") == 1);
  CHECK(parsed.value(R"(shirube_line_delivery_total{kind="accepted"})") == 5);
  CHECK(webhooks::line_counters_exposition("not json").empty());
}

TEST_CASE("Metrics: label values are escaped and cut to 64 bytes", "[metrics]") {
  webhooks::Metrics m;
  m.count("shirube_risk_total", {{"channel", "a\"b\\c\nd"}, {"level", std::string(500, 'x')}});
  const std::string text = m.render();
  const auto parsed = parse_prometheus(text);
  INFO(text);
  CHECK(parsed.problems.empty());
  CHECK(text.find(std::string(65, 'x')) == std::string::npos);
  CHECK(parsed.value(R"(shirube_risk_total{channel="a\"b\\c\nd",level=")" + std::string(64, 'x') +
                     "\"}") == 1);
}

TEST_CASE("Metrics: route templates hide ids and unknown paths", "[metrics]") {
  CHECK(webhooks::route_template("/api/v1/chat") == "/api/v1/chat");
  CHECK(webhooks::route_template("/api/v1/services/yorisoi_main") == "/api/v1/services/{id}");
  CHECK(webhooks::route_template("/referrals/kq3abc") == "/referrals/{id}");
  CHECK(webhooks::route_template("/referrals/a/b") == "other");
  CHECK(webhooks::route_template("/U4af4980629") == "other");
  CHECK(webhooks::method_label("BREW") == "other");
}

TEST_CASE("Metrics: a LINE event is counted and logged as JSON with nothing personal",
          "[metrics]") {
  auto metrics = std::make_shared<webhooks::Metrics>();
  std::vector<std::string> lines;
  auto observe = webhooks::line_event_observer(
      metrics, [&lines](const std::string& line) { lines.push_back(line); });
  observe({"01HEVENTID", "text", "reply", "crisis", 42.5});
  observe({"01HEVENTID2", "follow", "reply", "", 3});
  REQUIRE(lines.size() == 2);
  const json first = json::parse(lines[0], nullptr, false);
  REQUIRE(first.is_object());
  CHECK(first.value("kind", "") == "line_event");
  CHECK(first.value("request_id", "") == "01HEVENTID");
  CHECK(first.value("type", "") == "text");
  CHECK(first.value("outcome", "") == "reply");
  CHECK(first.value("risk", "") == "crisis");
  CHECK(json::parse(lines[1], nullptr, false).at("risk").is_null());
  const auto parsed = parse_prometheus(metrics->render());
  CHECK(parsed.problems.empty());
  CHECK(parsed.value(R"(shirube_line_processed_total{type="text",outcome="reply"})") == 1);
  CHECK(parsed.value(R"(shirube_risk_total{channel="line",level="crisis"})") == 1);
  CHECK(parsed.value("shirube_line_reply_latency_seconds_count") == 2);
  CHECK(parsed.value(R"(shirube_line_reply_latency_seconds_bucket{le="0.05"})") == 2);
  CHECK(parsed.value(R"(shirube_line_reply_latency_seconds_bucket{le="0.025"})") == 1);
}
