// POST /api/v1/chat: the accept table, the reject corpus in tests/data/bad_requests/ and
// the response shape, against the real server with a fake engine.
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "bot/engine.h"
#include "knowledge/knowledge_base.h"
#include "tests/support/fake_knowledge_base.h"
#include "tests/support/scoped_test_server.h"
#include "webhooks/server.h"

using nlohmann::json;
using shirube::Error;
using shirube::Result;
using shirube::Status;
using shirube::testing::ScopedTestServer;
namespace bot = shirube::bot;
namespace knowledge = shirube::knowledge;
namespace webhooks = shirube::webhooks;

namespace {

// Records what the API passed on and answers with a fixed reply.
class RecordingEngine : public bot::Engine {
 public:
  bot::Reply reply;
  std::atomic<int> calls{0};

  Result<bot::Reply> handle(const std::string& user_id, const bot::Input& input) override {
    std::lock_guard<std::mutex> lock(mu_);
    ++calls;
    last_user_ = user_id;
    last_input_ = input;
    return reply;
  }
  Status erase(const std::string&) override { return Status::ok_status(); }

  std::string last_user() {
    std::lock_guard<std::mutex> lock(mu_);
    return last_user_;
  }
  bot::Input last_input() {
    std::lock_guard<std::mutex> lock(mu_);
    return last_input_;
  }

 private:
  std::mutex mu_;
  std::string last_user_;
  bot::Input last_input_;
};

struct Api {
  shirube::testing::FakeKnowledgeBase kb;
  RecordingEngine engine;
  httplib::Server server;
  std::unique_ptr<ScopedTestServer> running;
  std::unique_ptr<httplib::Client> client;

  explicit Api(webhooks::ServerOptions options = {}) {
    options.log = [](const std::string&) {};
    webhooks::install_routes(
        server, engine, [this] { return kb.healthy(); }, nullptr, options);
    running = std::make_unique<ScopedTestServer>(server);
    REQUIRE(running->port() > 0);
    client = std::make_unique<httplib::Client>("127.0.0.1", running->port());
  }

  httplib::Result post(const std::string& body) {
    return client->Post("/api/v1/chat", body, "application/json; charset=utf-8");
  }
};

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bot::Reply menu_reply() {
  bot::Reply r;
  r.texts = {"どんなことで困っていますか？"};
  r.choices = {{"食べ物", "n=food.area"}, {"お金・生活", "n=money.area"}};
  r.node = "root";
  return r;
}

}  // namespace

TEST_CASE("ApiChat: accepts text and postback requests and passes them on unchanged",
          "[webhooks]") {
  struct Case {
    std::string body;
    std::string user;
    bot::Input::Kind kind;
    std::string value;
  };
  const std::string long_text(5000, 'a');
  std::string emoji_text;
  for (int i = 0; i < 5000; ++i)
    emoji_text += "😀";  // 5000 characters, 10000 UTF-16 units
  const std::string long_user(128, 'u');
  const std::string long_postback = "n=" + std::string(298, 'a');
  auto c = GENERATE_COPY(
      Case{R"({"user":"web-1","text":"こんにちは"})", "web-1", bot::Input::Kind::kText,
           "こんにちは"},
      Case{R"({"user":"web-1","postback":"n=food.area"})", "web-1", bot::Input::Kind::kPostback,
           "n=food.area"},
      Case{R"({"text":"\u3042\ud83d\ude00","user":"web-1"})", "web-1", bot::Input::Kind::kText,
           "あ😀"},
      Case{R"({"user":"web-1","text":")" + long_text + R"("})", "web-1", bot::Input::Kind::kText,
           long_text},
      Case{R"({"user":"web-1","text":")" + emoji_text + R"("})", "web-1", bot::Input::Kind::kText,
           emoji_text},
      Case{R"({"user":")" + long_user + R"(","text":"a"})", long_user, bot::Input::Kind::kText,
           "a"},
      Case{R"({"user":"web-1","postback":")" + long_postback + R"("})", "web-1",
           bot::Input::Kind::kPostback, long_postback},
      Case{R"({"user":"web-1","text":"  死にたい  ","extra":{"ignored":[1,2]}})", "web-1",
           bot::Input::Kind::kText, "  死にたい  "},
      Case{" \n{\"user\":\"web-1\",\"text\":\"a\"}\n", "web-1", bot::Input::Kind::kText, "a"});
  CAPTURE(c.body.substr(0, 80));
  Api api;
  api.engine.reply = menu_reply();
  auto res = api.post(c.body);
  REQUIRE(res);
  CHECK(res->status == 200);
  REQUIRE(api.engine.calls == 1);
  CHECK(api.engine.last_user() == "web:" + c.user);  // the web chat's own key space
  const bot::Input in = api.engine.last_input();
  CHECK(in.kind == c.kind);
  CHECK((c.kind == bot::Input::Kind::kText ? in.text : in.data) == c.value);
}

TEST_CASE("ApiChat: every body in the bad request corpus is a 400 naming its field", "[webhooks]") {
  const std::filesystem::path dir =
      std::filesystem::path(SHIRUBE_SOURCE_DIR) / "tests" / "data" / "bad_requests";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".json")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 30);
  Api api;
  api.engine.reply = menu_reply();
  for (const auto& file : files) {
    const std::string name = file.filename().string();
    const std::string field = name.substr(0, name.find("__"));
    CAPTURE(name);
    auto res = api.post(read_file(file));
    REQUIRE(res);
    CHECK(res->status == 400);
    const json body = json::parse(res->body, nullptr, false);
    REQUIRE(body.is_object());
    CHECK(body.at("error").at("code") == "invalid_argument");
    const std::string message = body.at("error").at("message").get<std::string>();
    CAPTURE(message);
    CHECK(message.rfind(field + ": ", 0) == 0);
  }
  CHECK(api.engine.calls == 0);
}

TEST_CASE("ApiChat: a body nested 10,000 deep is a 400 and reaches nothing", "[webhooks]") {
  Api api;
  api.engine.reply = menu_reply();
  const std::size_t depth = 10000;
  const std::string body = R"({"user":"web-1","text":"a","extra":)" + std::string(depth, '[') +
                           std::string(depth, ']') + "}";
  auto res = api.post(body);
  REQUIRE(res);
  CHECK(res->status == 400);
  const json j = json::parse(res->body, nullptr, false);
  REQUIRE(j.is_object());
  CHECK(j.at("error").at("message") == "body: nested deeper than 64 levels");
  CHECK(api.engine.calls == 0);
}

TEST_CASE("ApiChat: a user over the rate limit gets 429 with Retry-After, others go on",
          "[webhooks]") {
  Api api;
  api.engine.reply = menu_reply();
  int limited = 0;
  std::string retry_after;
  std::string body;
  for (int i = 0; i < 25; ++i) {
    auto res = api.post(R"({"user":"fast","text":"a"})");
    REQUIRE(res);
    if (res->status == 429) {
      ++limited;
      retry_after = res->get_header_value("Retry-After");
      body = res->body;
    }
  }
  CHECK(limited >= 4);  // a burst of 20, two more a second
  REQUIRE(!retry_after.empty());
  CHECK(std::stoi(retry_after) >= 1);
  const json j = json::parse(body, nullptr, false);
  REQUIRE(j.is_object());
  CHECK(j.at("error").at("code") == "rate_limited");
  CHECK(j.at("error").at("message").get<std::string>().rfind("user: too many requests", 0) == 0);
  CHECK(api.engine.calls == 25 - limited);
  auto other = api.post(R"({"user":"calm","text":"a"})");
  REQUIRE(other);
  CHECK(other->status == 200);
}

TEST_CASE("ApiChat: the address limit counts the proxy's last X-Forwarded-For address",
          "[webhooks]") {
  Api api([] {
    webhooks::ServerOptions slow_refill;  // three requests, then hardly any more
    slow_refill.chat_address_burst = 3;
    slow_refill.chat_address_per_second = 0.01;
    return slow_refill;
  }());
  api.engine.reply = menu_reply();
  const auto post_from = [&](const std::string& forwarded, const std::string& user) {
    auto res = api.client->Post("/api/v1/chat", {{"X-Forwarded-For", forwarded}},
                                R"({"user":")" + user + R"(","text":"a"})", "application/json");
    REQUIRE(res);
    return res->status;
  };
  // A client cannot pick its address: only the last one, appended by the proxy, counts.
  for (int i = 0; i < 3; ++i)
    CHECK(post_from("10.0.0." + std::to_string(i) + ", 198.51.100.1", "u" + std::to_string(i)) ==
          200);
  CHECK(post_from("10.0.0.9, 198.51.100.1", "u9") == 429);
  CHECK(post_from("198.51.100.2", "u9") == 200);
}

TEST_CASE("ApiChat: parse_chat_request gives the exact field-level reasons", "[webhooks]") {
  struct Case {
    std::string body;
    std::string message;
  };
  auto c = GENERATE(
      Case{"", "body: must be valid JSON"}, Case{"[]", "body: must be a JSON object"},
      Case{R"({"text":"a"})", "user: is required"},
      Case{R"({"user":1,"text":"a"})", "user: must be a string"},
      Case{R"({"user":"","text":"a"})", "user: must not be empty"},
      Case{R"({"user":")" + std::string(129, 'u') + R"(","text":"a"})",
           "user: must be at most 128 bytes"},
      Case{"{\"user\":\"u\xff\",\"text\":\"a\"}", "user: must be valid UTF-8"},
      Case{R"({"user":"u"})", "text: one of text or postback is required"},
      Case{R"({"user":"u","text":"a","postback":"b"})",
           "text: send either text or postback, not both"},
      Case{R"({"user":"u","text":false})", "text: must be a string"},
      Case{R"({"user":"u","text":""})", "text: must not be empty"},
      Case{"{\"user\":\"u\",\"text\":\"\xe3\x81\"}", "text: must be valid UTF-8"},
      Case{R"({"user":"u","text":")" + std::string(5001, 'a') + R"("})",
           "text: must be at most 5000 characters"},
      Case{R"({"user":"u","postback":[]})", "postback: must be a string"},
      Case{R"({"user":"u","postback":""})", "postback: must not be empty"},
      Case{R"({"user":"u","postback":")" + std::string(301, 'a') + R"("})",
           "postback: must be at most 300 bytes"},
      Case{"{\"user\":\"u\",\"postback\":\"\xf4\x90\x80\x80\"}", "postback: must be valid UTF-8"},
      Case{R"({"user":"u","text":"a","lang":"fr"})", "lang: must be \"ja\", \"easy\" or \"en\""},
      Case{R"({"user":"u","text":"a","lang":""})", "lang: must be \"ja\", \"easy\" or \"en\""},
      Case{R"({"user":"u","text":"a","lang":1})", "lang: must be a string"});
  CAPTURE(c.body.substr(0, 80));
  auto r = webhooks::parse_chat_request(c.body);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code() == shirube::ErrorCode::kInvalidArgument);
  CHECK(r.error().message() == c.message);
}

TEST_CASE("ApiChat: the response carries LINE messages and the conversation state", "[webhooks]") {
  Api api;
  SECTION("root menu: category is null") {
    api.engine.reply = menu_reply();
    auto res = api.post(R"({"user":"web-1","postback":"nav=top"})");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "application/json; charset=utf-8");
    CHECK(res->get_header_value("Cache-Control") == "no-store");
    const json body = json::parse(res->body);
    CHECK(body.size() == 2);
    CHECK(
        body.at("state") ==
        json::parse(
            R"({"node":"root","category":null,"crisis":false,"risk":"none","lang":"ja","detected":null})"));
    const json& messages = body.at("messages");
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].at("type") == "text");
    CHECK(messages[0].at("quickReply").at("items").size() == 2);
  }
  SECTION("check: the question with its answers, risk check, crisis false") {
    bot::Reply r;
    r.texts = {"もしかして、死にたいほどつらい気持ちがありますか？"};
    r.links = {{"電話する 0120-279-338", "tel:0120279338"}};
    r.choices = {{"うん", "nav=yes"}, {"ちがう", "nav=no"}};
    r.node = "root";
    r.risk = shirube::intents::RiskLevel::kCheck;
    api.engine.reply = r;
    auto res = api.post(R"({"user":"web-1","text":"死ぬほどつらい"})");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const json body = json::parse(res->body);
    CHECK(
        body.at("state") ==
        json::parse(
            R"({"node":"root","category":null,"crisis":false,"risk":"check","lang":"ja","detected":null})"));
  }
  SECTION("crisis: links first, category set, crisis true") {
    bot::Reply r;
    r.texts = {"あなたのことが心配です。"};
    r.links = {{"警察 110", "tel:110"}};
    r.node = "crisis";
    r.category = "crisis";
    r.crisis = true;
    r.risk = shirube::intents::RiskLevel::kCrisis;
    api.engine.reply = r;
    auto res = api.post(R"({"user":"web-1","text":"死にたい"})");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const json body = json::parse(res->body);
    CHECK(
        body.at("state") ==
        json::parse(
            R"({"node":"crisis","category":"crisis","crisis":true,"risk":"crisis","lang":"ja","detected":null})"));
    CHECK(body.at("messages").at(0).at("type") == "flex");
    CHECK(body.at("messages").at(1).at("type") == "text");
  }
  SECTION("invalid UTF-8 from the data is replaced, not a 500") {
    bot::Reply r;
    r.texts = {"壊れた\xff文字"};
    r.node = "food.results\xfe";
    r.category = "food";
    api.engine.reply = r;
    auto res = api.post(R"({"user":"web-1","text":"ごはん"})");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const json body = json::parse(res->body);
    CHECK(body.at("messages").at(0).at("text") == "壊れた\xEF\xBF\xBD文字");
    CHECK(body.at("state").at("node") == "food.results\xEF\xBF\xBD");
  }
}

TEST_CASE("ApiChat: lang sets the reply variant and state.lang returns it", "[webhooks]") {
  Api api;
  api.engine.reply = menu_reply();
  api.engine.reply.lang = "en";
  api.engine.reply.detected = "en";
  for (const char* lang : {"ja", "easy", "en"}) {
    CAPTURE(lang);
    auto res =
        api.post(std::string(R"({"user":"web-1","postback":"nav=top","lang":")") + lang + "\"}");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(api.engine.last_input().lang == lang);
  }
  auto res = api.post(R"({"user":"web-1","text":"hello"})");
  REQUIRE(res);
  REQUIRE(res->status == 200);
  CHECK(api.engine.last_input().lang.empty());  // no field: the session's variant
  const json body = json::parse(res->body);
  CHECK(body.at("state").at("lang") == "en");
  CHECK(body.at("state").at("detected") == "en");
  const int before = api.engine.calls;
  auto bad = api.post(R"({"user":"web-1","text":"hello","lang":"english"})");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK(json::parse(bad->body).at("error").at("message") ==
        "lang: must be \"ja\", \"easy\" or \"en\"");
  CHECK(api.engine.calls == before);
}
