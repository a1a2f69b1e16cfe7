#include "webhooks/line_events.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "tests/support/read_file.h"

using shirube::webhooks::line::Callback;
using shirube::webhooks::line::Event;
using shirube::webhooks::line::EventType;
using shirube::webhooks::line::parse_callback;

namespace {

using shirube::testing::read_file;

std::string fixture(const std::string& name) {
  return read_file(std::string(SHIRUBE_SOURCE_DIR) + "/tests/data/line/" + name);
}

}  // namespace

TEST_CASE("LineEvents: parses one event of every webhook type", "[line]") {
  const std::string body = fixture("all_events.json");
  REQUIRE_FALSE(body.empty());
  auto parsed = parse_callback(body);
  REQUIRE(parsed.ok());
  const Callback& cb = *parsed;
  CHECK(cb.destination == "U0123456789abcdef0123456789abcdef");
  REQUIRE(cb.events.size() == 30);

  std::map<std::string, int> by_type;
  for (const Event& ev : cb.events)
    ++by_type[ev.type_name];
  for (const char* t :
       {"message",     "follow",       "unfollow",   "postback", "join",
        "leave",       "memberJoined", "memberLeft", "unsend",   "videoPlayComplete",
        "beacon",      "accountLink",  "membership", "module",   "activated",
        "deactivated", "botSuspended", "botResumed", "delivery", "greatNewFeature"}) {
    CAPTURE(t);
    CHECK(by_type[t] > 0);
  }

  const Event& text = cb.events[0];
  CHECK(text.type == EventType::kMessage);
  CHECK(text.message_type == "text");
  CHECK(text.text == "ごはんに困っています");
  CHECK(text.message_id == "468789577898262530");  // > 2^53: kept as a string
  CHECK(text.reply_token == "rt000000000000000000000000000001");
  CHECK(text.source.one_to_one());
  CHECK(text.timestamp == 1700000000001);

  const Event& location = cb.events[5];
  CHECK(location.message_type == "location");
  CHECK(location.latitude == Approx(35.67966));
  CHECK(location.longitude == Approx(139.73669));

  CHECK(cb.events[7].type == EventType::kFollow);
  CHECK_FALSE(cb.events[7].is_unblocked);
  CHECK(cb.events[8].is_unblocked);
  CHECK(cb.events[9].type == EventType::kUnfollow);
  CHECK(cb.events[9].reply_token.empty());

  const Event& postback = cb.events[10];
  CHECK(postback.postback_data == "n=food");
  CHECK(postback.postback_params.at("datetime") == "2017-12-25T01:00");

  CHECK(cb.events[11].source.chat_id() == "Ca56f94637cbbbbbbbbbbbbbbbbbbbbbb");
  CHECK(cb.events[15].unsend_message_id == "325708");
  CHECK(cb.events[23].type == EventType::kBotSuspended);
  CHECK(cb.events[23].source.type.empty());

  const Event& unknown = cb.events[26];
  CHECK(unknown.type == EventType::kUnknown);
  CHECK(unknown.type_name == "greatNewFeature");

  CHECK(cb.events[27].mentions_self);
  CHECK(cb.events[27].source.chat_id() == "Ca56f94637cbbbbbbbbbbbbbbbbbbbbbb");
  CHECK(cb.events[28].source.chat_id() == "Rb1c2d3e4f5cccccccccccccccccccccc");
  CHECK(cb.events[29].standby);
  CHECK(cb.events[29].reply_token.empty());
}

TEST_CASE("LineEvents: tolerates unknown types and fields and counts the fields", "[line]") {
  const std::string body =
      R"({"events":[{"type":"message","mode":"active","timestamp":1,"webhookEventId":"A",)"
      R"("deliveryContext":{"isRedelivery":true},"newTopLevel":1,)"
      R"("source":{"type":"futureSource","userId":"U1"},)"
      R"("message":{"id":"1","type":"futureMessage","shiny":true}},)"
      R"({"type":"things","things":{"type":"link"}}]})";
  auto parsed = parse_callback(body);
  REQUIRE(parsed.ok());
  REQUIRE(parsed->events.size() == 2);
  const Event& ev = parsed->events[0];
  CHECK(ev.is_redelivery);
  CHECK(ev.message_type == "futureMessage");
  CHECK(ev.unknown_fields == 2);  // newTopLevel, message.shiny
  CHECK_FALSE(ev.source.one_to_one());
  CHECK(parsed->events[1].type == EventType::kUnknown);
}

TEST_CASE("LineEvents: accepts the Verify body and bodies without destination", "[line]") {
  auto verify =
      parse_callback(R"({"destination":"U0123456789abcdef0123456789abcdef","events":[]})");
  REQUIRE(verify.ok());
  CHECK(verify->events.empty());
  auto old = parse_callback(
      R"({"events":[{"type":"message","replyToken":"00000000000000000000000000000000",)"
      R"("source":{"type":"user","userId":"Udeadbeefdeadbeefdeadbeefdeadbeef"},"timestamp":1,)"
      R"("message":{"id":"100001","type":"text","text":"Hello, world"}}]})");
  REQUIRE(old.ok());
  CHECK(old->destination.empty());
  // No webhookEventId: a digest stands in, so exact duplicates are still dropped.
  CHECK(old->events[0].webhook_event_id.rfind("digest-", 0) == 0);
}

TEST_CASE("LineEvents: decodes surrogate-pair escapes to UTF-8", "[line]") {
  auto parsed = parse_callback(
      R"({"events":[{"type":"message","message":{"id":"1","type":"text","text":"\uD83E\uDD28"}}]})");
  REQUIRE(parsed.ok());
  CHECK(parsed->events[0].text == "\xF0\x9F\xA4\xA8");
}

TEST_CASE("LineEvents: keeps large timestamps and ids exact", "[line]") {
  auto parsed =
      parse_callback(R"({"events":[{"type":"message","timestamp":9007199254740993,)"
                     R"("message":{"id":"9007199254740993123","type":"text","text":"x"}}]})");
  REQUIRE(parsed.ok());
  CHECK(parsed->events[0].timestamp == 9007199254740993LL);
  CHECK(parsed->events[0].message_id == "9007199254740993123");
}

TEST_CASE("LineEvents: rejects bodies that are not a CallbackRequest", "[line]") {
  struct Bad {
    const char* file;
    const char* where;
  };
  const Bad bad = GENERATE(values<Bad>({
      {"not_json.txt", "body"},
      {"truncated.json", "body"},
      {"empty.txt", "body"},
      {"array.json", "body"},
      {"no_events.json", "events"},
      {"events_object.json", "events"},
      {"event_number.json", "events[0]"},
      {"event_without_type.json", "events[0].type"},
      {"text_number.json", "events[0].message.text"},
      {"invalid_utf8.json", "body"},
      {"lone_surrogate.json", "body"},
  }));
  CAPTURE(bad.file);
  const std::string path =
      std::string(SHIRUBE_SOURCE_DIR) + "/tests/data/line/bad_bodies/" + bad.file;
  REQUIRE(std::filesystem::exists(path));
  auto parsed = parse_callback(read_file(path));
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().code() == shirube::ErrorCode::kInvalidArgument);
  CHECK(parsed.error().where() == bad.where);
}

TEST_CASE("LineEvents: a text over LINE's 5,000 characters is refused, naming the field",
          "[line]") {
  const auto body = [](const std::string& text) {
    return R"({"destination":"U1","events":[{"type":"message","mode":"active",)"
           R"("timestamp":1,"webhookEventId":"01HTEXT","source":{"type":"user","userId":"U1"},)"
           R"("message":{"id":"1","type":"text","text":")" +
           text + R"("}}]})";
  };
  std::string at_limit;
  for (int i = 0; i < 5000; ++i)
    at_limit += "あ";
  REQUIRE(parse_callback(body(at_limit)).ok());
  auto over = parse_callback(body(at_limit + "a"));
  REQUIRE_FALSE(over.ok());
  CHECK(over.error().code() == shirube::ErrorCode::kInvalidArgument);
  CHECK(over.error().message() == "events[0].message.text: must be at most 5000 characters");
}
