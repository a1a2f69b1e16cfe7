#include "webhooks/line_channel.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "bot/engine.h"
#include "common/sqlite.h"
#include "tests/support/fake_line_api.h"
#include "tests/support/read_file.h"
#include "tests/support/scoped_test_server.h"
#include "tests/support/temp_dir.h"
#include "webhooks/line_inbox.h"
#include "webhooks/line_signature.h"

using nlohmann::json;
using shirube::testing::FakeLineApi;
using shirube::testing::ScopedTestServer;
using shirube::testing::TempDir;
using shirube::webhooks::LineChannel;
using shirube::webhooks::LineOptions;
namespace bot = shirube::bot;
namespace line = shirube::webhooks::line;

namespace {

constexpr const char* kSecret = "test_channel_secret";
constexpr const char* kToken = "test-access-token";
constexpr const char* kUser = "U4af4980629aaaaaaaaaaaaaaaaaaaaaa";
constexpr const char* kReply = "/v2/bot/message/reply";
constexpr const char* kPush = "/v2/bot/message/push";
constexpr const char* kLoading = "/v2/bot/chat/loading/start";

// Records every turn; answers with a short text and two choices.
class FakeEngine : public bot::Engine {
 public:
  shirube::Result<bot::Reply> handle(const std::string& user_id, const bot::Input& input) override {
    // A slow engine: the answer takes this long (not a wait for anything).
    if (delay_ms > 0)
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    {
      // A closed gate holds every turn until the test opens it.
      std::unique_lock<std::mutex> lock(gate_mu_);
      at_gate_ += gate_closed_ ? 1 : 0;
      gate_cv_.notify_all();
      gate_cv_.wait(lock, [&] { return !gate_closed_; });
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      calls_.push_back({user_id, input});
    }
    bot::Reply reply;
    reply.texts = {"こんにちは。しるべです。"};
    reply.choices = {{"食べもの", "n=food"}, {"お金", "n=money"}};
    reply.node = "root";
    return reply;
  }
  shirube::Status erase(const std::string& user_id) override {
    std::lock_guard<std::mutex> lock(mu_);
    erased_.push_back(user_id);
    return {};
  }
  std::vector<std::pair<std::string, bot::Input>> calls() const {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_;
  }
  std::vector<std::string> erased() const {
    std::lock_guard<std::mutex> lock(mu_);
    return erased_;
  }
  // Like the crisis detector, for the words the tests use.
  shirube::intents::RiskLevel risk_level(std::string_view text) const override {
    if (text.find("死にたい") != std::string_view::npos)
      return shirube::intents::RiskLevel::kCrisis;
    if (text.find("消えたい") != std::string_view::npos)
      return shirube::intents::RiskLevel::kCheck;
    return shirube::intents::RiskLevel::kNone;
  }
  void close_gate() {
    std::lock_guard<std::mutex> lock(gate_mu_);
    gate_closed_ = true;
  }
  void open_gate() {
    std::lock_guard<std::mutex> lock(gate_mu_);
    gate_closed_ = false;
    gate_cv_.notify_all();
  }
  // Waits (up to 10 s) until a turn waits at the closed gate.
  bool wait_at_gate() {
    std::unique_lock<std::mutex> lock(gate_mu_);
    return gate_cv_.wait_for(lock, std::chrono::seconds(10), [&] { return at_gate_ > 0; });
  }
  std::atomic<int> delay_ms{0};

 private:
  std::mutex gate_mu_;
  std::condition_variable gate_cv_;
  bool gate_closed_ = false;
  int at_gate_ = 0;
  mutable std::mutex mu_;
  std::vector<std::pair<std::string, bot::Input>> calls_;
  std::vector<std::string> erased_;
};

using shirube::testing::read_file;

std::string fixture(const std::string& name) {
  return read_file(std::string(SHIRUBE_SOURCE_DIR) + "/tests/data/line/" + name);
}

std::string text_event(const std::string& event_id, const std::string& text,
                       bool redelivery = false, const std::string& message_id = "100",
                       const std::string& user = kUser) {
  json ev = {
      {"type", "message"},
      {"mode", "active"},
      {"timestamp", 1700000000000},
      {"webhookEventId", event_id},
      {"deliveryContext", {{"isRedelivery", redelivery}}},
      {"replyToken", "rt-" + event_id},
      {"source", {{"type", "user"}, {"userId", user}}},
      {"message", {{"id", message_id}, {"type", "text"}, {"quoteToken", "q"}, {"text", text}}}};
  return json{{"destination", "U0123456789abcdef0123456789abcdef"}, {"events", {ev}}}.dump();
}

// One channel on a real httplib server, against a FakeLineApi, with a fake engine.
struct Harness {
  explicit Harness(const std::function<void(LineOptions&)>& tweak = {}, bool start = true,
                   std::string db = "") {
    options.channel_secret = kSecret;
    options.access_token = kToken;
    options.api_base = api.base_url();
    options.inbox_db = db.empty() ? dir.file("inbox.db") : std::move(db);
    options.workers = 2;
    options.retry_base_ms = 20;
    options.api_timeout_ms = 2000;
    if (tweak)
      tweak(options);
    auto created = LineChannel::create(engine, options);
    REQUIRE(created.ok());
    channel = std::move(created).value();
    channel->register_routes(server);
    guard = std::make_unique<ScopedTestServer>(server);
    REQUIRE(guard->port() > 0);
    client = std::make_unique<httplib::Client>("127.0.0.1", guard->port());
    client->set_read_timeout(std::chrono::seconds(10));
    if (start)
      channel->start();
  }
  ~Harness() {
    guard.reset();
    if (channel)
      channel->stop();
  }

  httplib::Result post(const std::string& body, const std::string& header = "x-line-signature") {
    return client->Post("/callback", {{header, line::sign(kSecret, body)}}, body,
                        "application/json; charset=utf-8");
  }
  json metrics() { return json::parse(channel->metrics_json()); }
  // Inbox rows not answered and recorded yet (-1 when the inbox cannot be read). An event
  // is pending from before its 200 until its outcome is written, after its last API call.
  int pending() const { return pending_in(options.inbox_db); }
  static int pending_in(const std::string& db) {
    auto conn = shirube::sql::Database::open(db, /*read_only=*/true);
    if (!conn.ok())
      return -1;
    auto st = (*conn)->prepare("SELECT count(*) FROM line_inbox WHERE state = 'pending'");
    if (!st.ok())
      return -1;
    auto row = st->step();
    return row.ok() && *row ? st->integer(0) : -1;
  }
  // Waits until every accepted event is answered and recorded, then stops the channel: the
  // fake LINE API has then seen every request there will be, so a test can check that
  // nothing else was sent. False when events were still pending after 10 s.
  bool settle() {
    const bool done = FakeLineApi::wait_until([&] { return pending() == 0; });
    channel->stop();
    return done;
  }

  FakeLineApi api;
  FakeEngine engine;
  TempDir dir;
  LineOptions options;
  httplib::Server server;
  std::unique_ptr<LineChannel> channel;
  std::unique_ptr<ScopedTestServer> guard;
  std::unique_ptr<httplib::Client> client;
};

json error_of(const httplib::Result& res) {
  const json j = json::parse(res->body, nullptr, false);
  REQUIRE(j.is_object());
  REQUIRE(j.contains("error"));
  return j.at("error");
}

}  // namespace

TEST_CASE("LineChannel: refuses a missing or wrong signature with 401 and no side effect",
          "[line]") {
  Harness h;
  const std::string body = text_event("01HCHAN00000000000000000001", "こんにちは");
  SECTION("missing header") {
    auto res = h.client->Post("/callback", body, "application/json");
    REQUIRE(res);
    CHECK(res->status == 401);
    CHECK(error_of(res).at("message").get<std::string>() == "x-line-signature: missing");
  }
  SECTION("wrong signature") {
    auto res = h.client->Post("/callback", {{"x-line-signature", line::sign("other", body)}}, body,
                              "application/json");
    REQUIRE(res);
    CHECK(res->status == 401);
    CHECK(error_of(res).at("code").get<std::string>() == "invalid_signature");
  }
  SECTION("wrong length") {
    auto res = h.client->Post("/callback", {{"x-line-signature", "WqJD7WAIZ6plkQGkj48w="}}, body,
                              "application/json");
    REQUIRE(res);
    CHECK(res->status == 401);
  }
  // The same event id, correctly signed afterwards, is new: nothing was stored.
  auto ok = h.post(body);
  REQUIRE(ok);
  CHECK(ok->status == 200);
  CHECK(FakeLineApi::wait_until([&] { return h.api.delivered() == 1; }));
  CHECK(h.engine.calls().size() == 1);
  CHECK(h.metrics().at("rejected").at("signature").get<int>() == 1);
}

TEST_CASE("LineChannel: finds x-line-signature in any letter case", "[line]") {
  Harness h;
  const std::string header = GENERATE(as<std::string>{}, "x-line-signature", "X-Line-Signature",
                                      "X-LINE-SIGNATURE", "x-LiNe-SiGnAtUrE");
  const std::string body = R"({"destination":"U0123456789abcdef0123456789abcdef","events":[]})";
  auto res = h.post(body, header);
  REQUIRE(res);
  CHECK(res->status == 200);
}

TEST_CASE("LineChannel: answers 400 to signed bodies that are not a CallbackRequest", "[line]") {
  Harness h;
  const std::string dir = std::string(SHIRUBE_SOURCE_DIR) + "/tests/data/line/bad_bodies";
  int n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string body = read_file(entry.path().string());
    CAPTURE(entry.path().filename().string());
    auto res = h.post(body);
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(error_of(res).at("code").get<std::string>() == "invalid_argument");
    ++n;
  }
  CHECK(n >= 10);
  CHECK(h.api.requests().empty());
  CHECK(h.engine.calls().empty());
}

TEST_CASE("LineChannel: refuses a signed body nested deeper than the limit, and stores nothing",
          "[line]") {
  Harness h;
  // An event without webhookEventId is given a digest of its content, which walks all of it:
  // this is the body that must be refused before anything reads it.
  const std::size_t depth = GENERATE(as<std::size_t>{}, 10000, 500000);
  CAPTURE(depth);
  const std::string body =
      R"({"destination":"U0123456789abcdef0123456789abcdef","events":[{"type":"follow",)"
      R"("mode":"active","timestamp":1700000000000,"source":{"type":"user","userId":"U1"},)"
      R"("x":)" +
      std::string(depth, '[') + std::string(depth, ']') + "}]}";
  REQUIRE(body.size() < 1024 * 1024);
  auto res = h.post(body);
  REQUIRE(res);
  CHECK(res->status == 400);
  CHECK(error_of(res).at("message").get<std::string>() == "body: nested deeper than 64 levels");
  CHECK(h.metrics().at("rejected").at("malformed").get<int>() == 1);
  // The same signed redelivery is refused the same way: nothing was written to the inbox.
  auto again = h.post(body);
  REQUIRE(again);
  CHECK(again->status == 400);
  CHECK(h.pending() == 0);
  CHECK(h.engine.calls().empty());
}

TEST_CASE("LineChannel: answers 413 to bodies over 1 MiB", "[line]") {
  Harness h;
  SECTION("just over the limit") {
    std::string body = text_event("01HCHAN00000000000000000002", std::string(1024 * 1024, 'a'));
    auto res = h.post(body);
    REQUIRE(res);
    CHECK(res->status == 413);
    CHECK(error_of(res).at("message").get<std::string>() == "body: larger than 1 MiB");
  }
  SECTION("far over the limit") {
    std::string body(5 * 1024 * 1024, ' ');
    auto res = h.post(body);
    REQUIRE(res);
    CHECK(res->status == 413);
  }
  CHECK(h.engine.calls().empty());
}

TEST_CASE("LineChannel: the console Verify request gets 200 and sends nothing", "[line]") {
  Harness h;
  auto res = h.post(R"({"destination":"U0123456789abcdef0123456789abcdef","events":[]})");
  REQUIRE(res);
  CHECK(res->status == 200);
  REQUIRE(h.settle());
  CHECK(h.api.requests().empty());
}

TEST_CASE("LineChannel: answers 503 with a reason when no channel secret is set", "[line]") {
  Harness h([](LineOptions& o) { o.channel_secret.clear(); });
  auto res = h.client->Post("/callback", {{"x-line-signature", "abc"}}, "{}", "application/json");
  REQUIRE(res);
  CHECK(res->status == 503);
  CHECK(error_of(res).at("code").get<std::string>() == "unavailable");
}

TEST_CASE("LineChannel: handles every webhook event type of the fixture", "[line]") {
  Harness h;
  auto res = h.post(fixture("all_events.json"));
  REQUIRE(res);
  REQUIRE(res->status == 200);
  // 10 one-to-one answers (text, 4 media, location, sticker, 2 follows, postback) and
  // 2 group notes (join, mention).
  REQUIRE(FakeLineApi::wait_until([&] { return h.api.requests_to(kReply).size() >= 12; }));
  REQUIRE(FakeLineApi::wait_until([&] { return h.engine.erased().size() == 1; }));
  REQUIRE(h.settle());
  const auto replies = h.api.requests_to(kReply);
  CHECK(replies.size() == 12);
  CHECK(h.api.requests_to(kPush).empty());
  CHECK(h.api.limit_problems().empty());
  for (const auto& r : replies) {
    CHECK(r.authorization == std::string("Bearer ") + kToken);
    CHECK(r.retry_key.empty());  // LINE answers 400 to a retry key on reply
  }

  const auto calls = h.engine.calls();
  REQUIRE(calls.size() == 10);
  int media = 0;
  int follow = 0;
  for (const auto& [user, input] : calls) {
    CHECK(user.rfind("line:U", 0) == 0);  // the LINE key space
    if (input.kind == bot::Input::Kind::kMedia)
      ++media;
    if (input.kind == bot::Input::Kind::kFollow)
      ++follow;
    if (input.kind == bot::Input::Kind::kLocation)
      CHECK(input.prefecture == 13);
    if (input.kind == bot::Input::Kind::kPostback)
      CHECK(input.data == "n=food");
    // Group and room texts never reach the engine.
    CHECK(input.text != "死にたい");
    CHECK(input.text != "@しるべ こんにちは");
  }
  CHECK(media == 5);
  CHECK(follow == 2);
  CHECK(h.engine.erased() == std::vector<std::string>{"line:U2222222222222222222222222222222b"});

  // The group notes carry nothing personal.
  int notes = 0;
  for (const auto& r : replies) {
    if (r.body.find("1対1のトーク") != std::string::npos) {
      ++notes;
      CHECK(r.body.find("こんにちは。しるべです。") == std::string::npos);
    }
  }
  CHECK(notes == 2);

  const json m = h.metrics();
  CHECK(m.at("events").at("other").get<int>() == 1);  // greatNewFeature
  CHECK_FALSE(m.contains("unknown_types"));
  CHECK(m.at("events").at("message").get<int>() == 10);
  CHECK(m.at("events").at("delivery").get<int>() == 1);
  CHECK(m.at("delivery").at("standby").get<int>() == 1);
  CHECK(m.at("delivery").at("accepted").get<int>() == 30);
}

TEST_CASE("LineChannel: unknown event types share one counter, whatever their names", "[line]") {
  Harness h;
  json events = json::array();
  for (int i = 0; i < 100; ++i) {
    events.push_back({{"type", "invented" + std::to_string(i)},
                      {"mode", "active"},
                      {"timestamp", 1700000000000},
                      {"webhookEventId", "01HOTHER" + std::to_string(1000 + i)},
                      {"source", {{"type", "user"}, {"userId", kUser}}}});
  }
  auto res = h.post(json{{"destination", "U0"}, {"events", events}}.dump());
  REQUIRE(res);
  CHECK(res->status == 200);
  const json m = h.metrics();
  CHECK(m.at("events").at("other").get<int>() == 100);
  CHECK(m.at("events").size() == 1);
  CHECK(m.dump().find("invented") == std::string::npos);
}

TEST_CASE("LineChannel: /metrics/line answers only direct requests from this host", "[line]") {
  Harness h;
  auto direct = h.client->Get("/metrics/line");
  REQUIRE(direct);
  CHECK(direct->status == 200);
  const std::string header =
      GENERATE(as<std::string>{}, "X-Forwarded-For", "Forwarded", "X-Real-IP", "Via");
  CAPTURE(header);
  auto proxied = h.client->Get("/metrics/line", {{header, "203.0.113.7"}});
  REQUIRE(proxied);
  CHECK(proxied->status == 404);
  CHECK(error_of(proxied).at("message").get<std::string>() == "path: no such route");
  CHECK(proxied->body.find("delivery") == std::string::npos);
}

TEST_CASE("LineChannel: drops duplicates and redeliveries by webhookEventId", "[line]") {
  Harness h;
  const std::string id = "01HCHAN00000000000000000003";
  auto first = h.post(text_event(id, "こんにちは"));
  auto again = h.post(text_event(id, "こんにちは"));
  auto redelivered = h.post(text_event(id, "こんにちは", true));
  REQUIRE(first);
  REQUIRE(again);
  REQUIRE(redelivered);
  CHECK(first->status == 200);
  CHECK(again->status == 200);
  CHECK(redelivered->status == 200);
  REQUIRE(FakeLineApi::wait_until([&] { return h.api.delivered() >= 1; }));
  REQUIRE(h.settle());
  CHECK(h.api.delivered() == 1);
  CHECK(h.engine.calls().size() == 1);
  CHECK(h.metrics().at("delivery").at("duplicates").get<int>() == 2);
}

TEST_CASE(
    "LineChannel: an acknowledged event whose claim cannot be written is claimed again until it "
    "can, then answered",
    "[line]") {
  Harness h({}, /*start=*/false);
  auto res = h.post(text_event("01HCLAIMRETRY0000000000001", "こんにちは"));
  REQUIRE(res);
  REQUIRE(res->status == 200);
  // Every claim fails (as on a full disk) until the trigger is gone.
  auto conn = shirube::sql::Database::open(h.options.inbox_db);
  REQUIRE(conn.ok());
  REQUIRE((*conn)
              ->exec("CREATE TRIGGER refuse_claims BEFORE UPDATE OF attempts ON line_inbox "
                     "BEGIN SELECT RAISE(ABORT, 'claims refused'); END;")
              .ok());
  h.channel->start();
  REQUIRE(FakeLineApi::wait_until([&] {
    const json m = h.metrics();
    return m.contains("inbox") && m.at("inbox").value("claim_failed", 0) >= 2;
  }));
  CHECK(h.api.delivered() == 0);
  CHECK(h.pending() == 1);
  REQUIRE((*conn)->exec("DROP TRIGGER refuse_claims;").ok());
  REQUIRE(h.settle());
  CHECK(h.api.delivered() == 1);
  CHECK(h.api.requests_to(kReply).size() == 1);
}

TEST_CASE("LineChannel: retries the reply on 500 and 429", "[line]") {
  Harness h;
  const int status = GENERATE(500, 502, 429);
  CAPTURE(status);
  h.api.script(kReply, {status, R"({"message":"try later"})", 0});
  h.api.script(kReply, {status, R"({"message":"try later"})", 0});
  auto res = h.post(text_event("01HCHAN00000000000000000004", "こんにちは"));
  REQUIRE(res);
  CHECK(res->status == 200);
  REQUIRE(FakeLineApi::wait_until([&] { return h.api.delivered() == 1; }));
  const auto replies = h.api.requests_to(kReply);
  CHECK(replies.size() == 3);
  CHECK(h.api.requests_to(kPush).empty());
  CHECK(h.api.delivered() == 1);
}

TEST_CASE("LineChannel: pushes with a deterministic retry key after Invalid reply token",
          "[line]") {
  Harness h;
  const std::string id = "01HCHAN00000000000000000005";
  h.api.script(kReply, {400, R"({"message":"Invalid reply token"})", 0});
  h.api.script(kPush, {500, R"({"message":"Internal error"})", 0});
  auto res = h.post(text_event(id, "こんにちは"));
  REQUIRE(res);
  CHECK(res->status == 200);
  REQUIRE(FakeLineApi::wait_until([&] { return h.api.delivered() == 1; }));
  const auto pushes = h.api.requests_to(kPush);
  REQUIRE(pushes.size() == 2);  // the 500 and its retry
  const std::string key = line::retry_key(kSecret, id);
  CHECK(pushes[0].retry_key == key);
  CHECK(pushes[1].retry_key == key);
  CHECK(json::parse(pushes[1].body).at("to").get<std::string>() == kUser);
  CHECK(h.api.requests_to(kReply).size() == 1);  // never retried with a dead token
}

TEST_CASE("LineChannel: falls back to push when the reply keeps timing out", "[line]") {
  Harness h([](LineOptions& o) {
    o.api_timeout_ms = 200;
    o.reply_window_ms = 1200;
  });
  for (int i = 0; i < 10; ++i)
    h.api.script(kReply, {500, "{}", 600});
  const std::string id = "01HCHAN00000000000000000006";
  auto res = h.post(text_event(id, "こんにちは"));
  REQUIRE(res);
  CHECK(res->status == 200);
  REQUIRE(FakeLineApi::wait_until([&] { return h.api.delivered() == 1; }));
  const auto pushes = h.api.requests_to(kPush);
  REQUIRE(pushes.size() == 1);
  CHECK(pushes[0].retry_key == line::retry_key(kSecret, id));
  CHECK(!h.api.requests_to(kReply).empty());
}

TEST_CASE("LineChannel: treats a push 409 as already sent", "[line]") {
  Harness h;
  h.api.script(kReply, {400, R"({"message":"Invalid reply token"})", 0});
  h.api.script(kPush, {409, R"({"message":"The retry key is already accepted"})", 0});
  auto res = h.post(text_event("01HCHAN00000000000000000007", "こんにちは"));
  REQUIRE(res);
  REQUIRE(FakeLineApi::wait_until([&] {
    return h.metrics().contains("outcome") && h.metrics().at("outcome").contains("push");
  }));
  CHECK(h.api.requests_to(kPush).size() == 1);
}

TEST_CASE("LineChannel: does not retry other 4xx answers", "[line]") {
  Harness h;
  h.api.script(kReply, {400,
                        R"j({"message":"The request body has 1 error(s)","details":[)j"
                        R"j({"message":"May not be empty","property":"messages[0].text"}]})j",
                        0});
  auto res = h.post(text_event("01HCHAN00000000000000000008", "こんにちは"));
  REQUIRE(res);
  CHECK(res->status == 200);
  REQUIRE(FakeLineApi::wait_until([&] {
    return h.metrics().contains("outcome") && h.metrics().at("outcome").contains("rejected");
  }));
  CHECK(h.api.requests_to(kReply).size() == 1);
  CHECK(h.api.requests_to(kPush).empty());
}

TEST_CASE("LineChannel: standby events are neither replied to nor pushed", "[line]") {
  Harness h;
  json body = json::parse(text_event("01HCHAN00000000000000000009", "hello"));
  body["events"][0]["mode"] = "standby";
  body["events"][0].erase("replyToken");
  auto res = h.post(body.dump());
  REQUIRE(res);
  CHECK(res->status == 200);
  REQUIRE(h.settle());
  CHECK(h.api.requests().empty());
  CHECK(h.engine.calls().empty());
}

TEST_CASE("LineChannel: shows the loading animation when the answer is slow", "[line]") {
  Harness h([](LineOptions& o) { o.loading_after_ms = 100; });
  h.engine.delay_ms = 1500;
  auto res = h.post(text_event("01HCHAN00000000000000000010", "こんにちは"));
  REQUIRE(res);
  CHECK(res->status == 200);
  REQUIRE(FakeLineApi::wait_until([&] { return h.api.delivered() == 1; }));
  const auto all = h.api.requests();
  REQUIRE(all.size() == 2);
  CHECK(all[0].path == kLoading);
  const json body = json::parse(all[0].body);
  CHECK(body.at("chatId").get<std::string>() == kUser);
  const int seconds = body.at("loadingSeconds").get<int>();
  CHECK(seconds >= 5);
  CHECK(seconds <= 60);
  CHECK(seconds % 5 == 0);
  CHECK(all[1].path == kReply);
}

// A text message from `user` (one-to-one chat).
std::string text_event_from(const std::string& event_id, const std::string& user,
                            const std::string& text) {
  json body = json::parse(text_event(event_id, text));
  body["events"][0]["source"]["userId"] = user;
  return body.dump();
}

std::string chat_of(const shirube::testing::RecordedRequest& r) {
  const json j = json::parse(r.body);
  if (j.contains("chatId"))
    return j.at("chatId").get<std::string>();
  if (j.contains("to"))
    return j.at("to").get<std::string>();
  return "";
}

// The user id each reply token was issued to (reply bodies carry only the token).
std::string reply_chat(const shirube::testing::RecordedRequest& r,
                       const std::map<std::string, std::string>& token_to_user) {
  const json j = json::parse(r.body);
  if (!j.contains("replyToken"))
    return chat_of(r);
  const auto it = token_to_user.find(j.at("replyToken").get<std::string>());
  return it == token_to_user.end() ? "" : it->second;
}

// One worker, and the loading animation due 100 ms after receipt: with a slow engine,
// events wait behind each other long enough to need it.
void one_slow_worker(LineOptions& o) {
  o.loading_after_ms = 100;
  o.workers = 1;
}

TEST_CASE("LineChannel: an event waiting in the queue gets the loading animation while it waits",
          "[line]") {
  Harness h(one_slow_worker);
  h.engine.delay_ms = 600;
  const std::string a = "Uaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1";
  const std::string b = "Ubbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2";
  REQUIRE(h.post(text_event_from("01HCHAN00000000000000000030", a, "ひとつめ"))->status == 200);
  REQUIRE(h.post(text_event_from("01HCHAN00000000000000000031", b, "ふたつめ"))->status == 200);
  REQUIRE(FakeLineApi::wait_until([&] { return h.api.delivered() == 2; }));
  const std::map<std::string, std::string> tokens = {{"rt-01HCHAN00000000000000000030", a},
                                                     {"rt-01HCHAN00000000000000000031", b}};
  const auto all = h.api.requests();
  std::vector<std::string> order;  // "L:<user>" and "R:<user>" in arrival order
  order.reserve(all.size());
  for (const auto& r : all) {
    order.push_back((r.path == kLoading ? "L:" : "R:") + reply_chat(r, tokens));
  }
  CAPTURE(order);
  // B waited behind A's slow answer: its animation started while A was still being answered.
  const std::vector<std::string> expected = {"L:" + a, "L:" + b, "R:" + a, "R:" + b};
  CHECK(order == expected);
}

TEST_CASE("LineChannel: an event left from before the start gets the loading animation too",
          "[line]") {
  Harness h(one_slow_worker, /*start=*/false);
  h.engine.delay_ms = 600;
  REQUIRE(h.post(text_event("01HCHAN00000000000000000035", "まえから"))->status == 200);
  h.channel->start();
  REQUIRE(FakeLineApi::wait_until([&] { return h.api.delivered() == 1; }));
  std::string order;
  for (const auto& r : h.api.requests())
    order += r.path == kLoading ? "L" : "R";
  CHECK(order == "LR");
}

TEST_CASE("LineChannel: one loading animation per chat at a time, and one for each next message",
          "[line]") {
  Harness h(one_slow_worker);
  h.engine.delay_ms = 400;
  for (int i = 0; i < 3; ++i) {
    const std::string id = "01HCHAN0000000000000000004" + std::to_string(i);
    REQUIRE(h.post(text_event(id, "つぎ", false, std::to_string(400 + i)))->status == 200);
  }
  REQUIRE(FakeLineApi::wait_until([&] { return h.api.delivered() == 3; }));
  std::string order;
  for (const auto& r : h.api.requests())
    order += r.path == kLoading ? "L" : "R";
  // All three were due while the first animation showed; each answer ends the animation,
  // and the next message (still waiting) gets its own. Never one after its answer.
  CHECK(order == "LRLRLR");
  CHECK(h.metrics().at("loading").at("already_showing").get<int>() >= 2);
}

TEST_CASE("LineChannel: loading animations stay within LINE's rate limit", "[line]") {
  Harness h([](LineOptions& o) {
    o.loading_after_ms = 50;
    o.loading_per_second = 5;
    o.workers = 1;
  });
  h.engine.delay_ms = 150;
  constexpr int kEvents = 12;
  std::map<std::string, std::string> tokens;
  for (int i = 0; i < kEvents; ++i) {
    char user[40];
    std::snprintf(user, sizeof user, "U%032d", i);
    const std::string id = "01HCHAN000000000000000005" + std::to_string(10 + i);
    tokens["rt-" + id] = user;
    REQUIRE(h.post(text_event_from(id, user, "まって"))->status == 200);
  }
  REQUIRE(FakeLineApi::wait_until([&] { return h.api.delivered() == kEvents; }));
  const auto all = h.api.requests();
  std::vector<std::chrono::steady_clock::time_point> calls;
  std::set<std::string> answered;
  for (const auto& r : all) {
    if (r.path == kLoading) {
      CHECK(r.status == 202);  // the fake answers 429 above LINE's limit
      // Never for a person who already has the answer.
      CHECK(answered.count(chat_of(r)) == 0);
      calls.push_back(r.received);
    } else {
      answered.insert(reply_chat(r, tokens));
    }
  }
  // Everyone waited longer than 50 ms, but at 5 per second only some could be shown.
  CHECK(calls.size() >= 3);
  CHECK(calls.size() < static_cast<std::size_t>(kEvents));
  // The watchdog starts its calls 200 ms apart, but the fake reads its clock when a request
  // arrives, and a loaded machine (or ThreadSanitizer) delays one request more than the next.
  // What LINE counts is calls per second: never more than 5 in any second, plus one for the
  // delay of a single request. A limiter that fails lets all twelve through at once.
  std::size_t most_in_a_second = 0;
  for (std::size_t i = 0; i < calls.size(); ++i) {
    std::size_t n = 0;
    for (std::size_t j = i; j < calls.size() && calls[j] - calls[i] < std::chrono::seconds(1); ++j)
      ++n;
    most_in_a_second = std::max(most_in_a_second, n);
  }
  CHECK(most_in_a_second <= 6);
}

TEST_CASE("LineChannel: answered events are recorded as done, also when it stops", "[line]") {
  TempDir dir;
  const std::string db = dir.file("inbox.db");
  {
    Harness h({}, /*start=*/true, db);
    for (int i = 0; i < 20; ++i) {
      const std::string id = "01HCHAN000000000000000006" + std::to_string(10 + i);
      REQUIRE(h.post(text_event(id, "こんにちは", false, std::to_string(600 + i)))->status == 200);
    }
    REQUIRE(FakeLineApi::wait_until([&] { return h.api.delivered() == 20; }));
    h.channel->stop();
  }
  auto inbox = line::LineInbox::open(db, line::LineInbox::seal_key_for(kSecret));
  REQUIRE(inbox.ok());
  CHECK((*inbox)->count("pending").value() == 0);
  CHECK((*inbox)->count("done").value() == 20);
  CHECK((*inbox)->outcome_of("01HCHAN00000000000000000610").value() ==
        std::optional<std::string>("reply"));
}

TEST_CASE("LineChannel: processes events left pending by a previous run", "[line]") {
  TempDir dir;
  const std::string db = dir.file("inbox.db");
  {
    Harness first({}, /*start=*/false, db);
    auto res = first.post(text_event("01HCHAN00000000000000000011", "こんにちは"));
    REQUIRE(res);
    CHECK(res->status == 200);
    // Not started: no worker exists, the event stays pending and nothing is sent.
    CHECK(first.pending() == 1);
    CHECK(first.api.requests().empty());
  }
  Harness second({}, /*start=*/true, db);
  REQUIRE(FakeLineApi::wait_until([&] { return second.api.delivered() == 1; }));
  // The reply token is still fresh: the answer goes by reply.
  CHECK(second.api.requests_to(kReply).size() == 1);
}

TEST_CASE("LineChannel: after an interrupted reply the answer goes by push exactly once",
          "[line]") {
  TempDir dir;
  const std::string db = dir.file("inbox.db");
  const std::string id = "01HCHAN00000000000000000012";
  {
    // The held reply ends by the client's timeout, with the channel already stopping.
    Harness first([](LineOptions& o) { o.api_timeout_ms = 300; }, /*start=*/true, db);
    first.api.hold_next(kReply);
    auto res = first.post(text_event(id, "こんにちは"));
    REQUIRE(res);
    CHECK(res->status == 200);
    REQUIRE(FakeLineApi::wait_until([&] { return first.api.holding(); }));
    // Stop while the reply is in flight: stop() returns once the worker gave up on it; the
    // fake then drops it (500, not delivered).
    first.channel->stop();
    first.api.release();
    CHECK(first.api.delivered() == 0);
    CHECK(first.pending() == 1);
  }
  Harness second({}, /*start=*/true, db);
  REQUIRE(FakeLineApi::wait_until([&] { return second.api.delivered() == 1; }));
  REQUIRE(second.settle());
  CHECK(second.api.requests_to(kReply).empty());  // never a second reply with one token
  const auto pushes = second.api.requests_to(kPush);
  REQUIRE(pushes.size() == 1);
  CHECK(pushes[0].retry_key == line::retry_key(kSecret, id));
}

TEST_CASE("LineChannel: an unsend drops a pending message before it is answered", "[line]") {
  TempDir dir;
  const std::string db = dir.file("inbox.db");
  {
    Harness first({}, /*start=*/false, db);
    REQUIRE(first.post(text_event("01HCHAN00000000000000000013", "消したいこと", false, "m-77")));
    json unsend = {{"type", "unsend"},
                   {"mode", "active"},
                   {"timestamp", 1700000000001},
                   {"webhookEventId", "01HCHAN00000000000000000014"},
                   {"deliveryContext", {{"isRedelivery", false}}},
                   {"source", {{"type", "user"}, {"userId", kUser}}},
                   {"unsend", {{"messageId", "m-77"}}}};
    auto res = first.post(json{{"events", {unsend}}}.dump());
    REQUIRE(res);
    CHECK(res->status == 200);
  }
  auto conn = shirube::sql::Database::open(db);
  REQUIRE(conn.ok());
  auto st =
      (*conn)->prepare("SELECT count(*) FROM line_inbox WHERE instr(coalesce(payload, ''), ?) > 0");
  REQUIRE(st.ok());
  st->bind(1, "消したいこと");
  REQUIRE(st->step().value());
  CHECK(st->integer(0) == 0);
  Harness second({}, /*start=*/true, db);
  REQUIRE(second.settle());
  CHECK(second.api.requests().empty());
}

TEST_CASE("LineChannel: keeps no raw user id or text once events are processed", "[line]") {
  Harness h;
  REQUIRE(h.post(fixture("all_events.json")));
  REQUIRE(FakeLineApi::wait_until([&] { return h.api.requests_to(kReply).size() >= 12; }));
  REQUIRE(FakeLineApi::wait_until([&] {
    auto conn = shirube::sql::Database::open(h.options.inbox_db);
    auto st = (*conn)->prepare("SELECT count(*) FROM line_inbox WHERE state = 'pending'");
    return st.ok() && st->step().value() && st->integer(0) == 0;
  }));
  auto conn = shirube::sql::Database::open(h.options.inbox_db);
  REQUIRE(conn.ok());
  auto st = (*conn)->prepare(
      "SELECT count(*) FROM line_inbox WHERE instr(coalesce(payload, '') || "
      "coalesce(user_hash, '') || coalesce(message_id, ''), ?) > 0");
  REQUIRE(st.ok());
  for (const char* needle : {kUser, "ごはんに困っています", "468789577898262530"}) {
    st->reset();
    st->bind(1, needle);
    REQUIRE(st->step().value());
    CAPTURE(needle);
    CHECK(st->integer(0) == 0);
  }
}

TEST_CASE("LineChannel: answers one person's messages in the order they arrived", "[line]") {
  Harness h([](LineOptions& o) { o.workers = 4; });
  h.engine.delay_ms = 30;
  for (int i = 0; i < 6; ++i) {
    const std::string id = "01HCHAN0000000000000000010" + std::to_string(i);
    auto res =
        h.post(text_event(id, "message " + std::to_string(i), false, "m" + std::to_string(i)));
    REQUIRE(res);
    REQUIRE(res->status == 200);
  }
  REQUIRE(FakeLineApi::wait_until([&] { return h.api.delivered() == 6; }));
  const auto calls = h.engine.calls();
  REQUIRE(calls.size() == 6);
  for (int i = 0; i < 6; ++i)
    CHECK(calls[static_cast<std::size_t>(i)].second.text == "message " + std::to_string(i));
  const auto replies = h.api.requests_to(kReply);
  REQUIRE(replies.size() == 6);
  for (int i = 0; i < 6; ++i) {
    CHECK(json::parse(replies[static_cast<std::size_t>(i)].body)
              .at("replyToken")
              .get<std::string>() == "rt-01HCHAN0000000000000000010" + std::to_string(i));
  }
}

TEST_CASE("LineChannel: gives up on an event that interrupted processing three times", "[line]") {
  TempDir dir;
  const std::string db = dir.file("inbox.db");
  const std::string id = "01HCHAN00000000000000000200";
  {
    Harness first({}, /*start=*/false, db);
    REQUIRE(first.post(text_event(id, "こんにちは")));
  }
  {
    auto inbox = line::LineInbox::open(db, line::LineInbox::seal_key_for(kSecret));
    REQUIRE(inbox.ok());
    const auto ids = (*inbox)->pending_ids().value();
    REQUIRE(ids.size() == 1);
    for (int i = 0; i < 3; ++i)
      REQUIRE((*inbox)->begin(ids[0]).ok());  // three crashes
  }
  Harness second({}, /*start=*/true, db);
  REQUIRE(FakeLineApi::wait_until([&] {
    const json m = second.metrics();
    return m.contains("outcome") && m.at("outcome").contains("abandoned");
  }));
  CHECK(second.api.requests().empty());
  CHECK(second.engine.calls().empty());
}

TEST_CASE("LineChannel: does not reject on Content-Type or User-Agent", "[line]") {
  Harness h;
  const std::string body = R"({"destination":"U0123456789abcdef0123456789abcdef","events":[]})";
  const std::string type =
      GENERATE(as<std::string>{}, "application/json", "application/json; charset=utf-8",
               "text/plain", "application/octet-stream");
  CAPTURE(type);
  auto res = h.client->Post(
      "/callback",
      {{"x-line-signature", line::sign(kSecret, body)}, {"User-Agent", "SomethingElse/9.9"}}, body,
      type);
  REQUIRE(res);
  CHECK(res->status == 200);
}

TEST_CASE(
    "LineChannel: crisis and check messages are answered before a backlog, in each person's order",
    "[line]") {
  Harness h([](LineOptions& o) {
    o.workers = 1;
    o.senders = 1;
  });
  h.engine.close_gate();
  // Someone's message holds the only worker; the rest wait in its queue.
  REQUIRE(h.post(text_event("01HPRIO000000000000000000X", "first", false, "mx",
                            "U000000000000000000000000000000x"))
              ->status == 200);
  REQUIRE(h.engine.wait_at_gate());
  // (event, text, user): g writes before and after their crisis message.
  const std::vector<std::array<std::string, 3>> later = {
      {"01HPRIO000000000000000000A1", "ごはん", "a"},
      {"01HPRIO000000000000000000B1", "しごと", "b"},
      {"01HPRIO000000000000000000G1", "こんばんは", "g"},
      {"01HPRIO000000000000000000A2", "おかね", "a"},
      {"01HPRIO000000000000000000G2", "もう死にたい", "g"},
      {"01HPRIO000000000000000000C1", "消えたい", "c"},
      {"01HPRIO000000000000000000G3", "ありがとう", "g"}};
  for (const auto& [id, text, who] : later) {
    const std::string user = "U0000000000000000000000000000000" + who;
    REQUIRE(h.post(text_event(id, text, false, "m" + id, user))->status == 200);
  }
  h.engine.open_gate();
  REQUIRE(FakeLineApi::wait_until([&] { return h.api.delivered() == 8; }));
  const std::vector<std::string> expected = {"first",  "こんばんは", "もう死にたい", "消えたい",
                                             "ごはん", "しごと",     "おかね",       "ありがとう"};
  std::vector<std::string> turns;
  for (const auto& [user, input] : h.engine.calls())
    turns.push_back(input.text);
  CHECK(turns == expected);
  // Sent in the same order (one sender: one connection, one at a time). The first answer
  // may go before or after the urgent ones, depending on whether the sender took it before
  // they came: it is left out.
  std::vector<std::string> tokens;
  for (const auto& r : h.api.requests_to(kReply)) {
    const std::string token = json::parse(r.body).at("replyToken").get<std::string>();
    if (token != "rt-01HPRIO000000000000000000X")
      tokens.push_back(token);
  }
  const std::vector<std::string> sent = {
      "rt-01HPRIO000000000000000000G1", "rt-01HPRIO000000000000000000G2",
      "rt-01HPRIO000000000000000000C1", "rt-01HPRIO000000000000000000A1",
      "rt-01HPRIO000000000000000000B1", "rt-01HPRIO000000000000000000A2",
      "rt-01HPRIO000000000000000000G3"};
  CHECK(tokens == sent);
  const json m = h.metrics();
  CHECK(m.at("risk").at("crisis") == 1);
  CHECK(m.at("risk").at("check") == 1);
}

TEST_CASE("LineChannel: a slow answer to one person does not hold up the next person's", "[line]") {
  Harness h([](LineOptions& o) {
    o.workers = 1;
    o.senders = 4;
  });
  // LINE holds the first reply; with one worker sending one reply at a time, the second
  // person's answer would wait for it.
  h.api.hold_next(kReply);
  REQUIRE(h.post(text_event("01HCONC0000000000000000001", "ひとつめ", false, "c1",
                            "U0000000000000000000000000000001"))
              ->status == 200);
  REQUIRE(FakeLineApi::wait_until([&] { return h.api.holding(); }));
  REQUIRE(h.post(text_event("01HCONC0000000000000000002", "ふたつめ", false, "c2",
                            "U0000000000000000000000000000002"))
              ->status == 200);
  REQUIRE(FakeLineApi::wait_until([&] { return h.api.delivered() == 1; }));
  CHECK(h.api.holding());
  const auto replies = h.api.requests_to(kReply);
  REQUIRE(replies.size() == 1);
  CHECK(replies[0].body.find("rt-01HCONC0000000000000000002") != std::string::npos);
  h.api.release();
  // The held reply failed (500) and is retried.
  REQUIRE(FakeLineApi::wait_until([&] { return h.api.delivered() == 2; }));
  CHECK(h.settle());
}
