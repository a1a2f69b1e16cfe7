#include "webhooks/line_signature.h"

#include <regex>
#include <string>

#include <catch2/catch.hpp>

using shirube::webhooks::line::retry_key;
using shirube::webhooks::line::sign;
using shirube::webhooks::line::user_hash;
using shirube::webhooks::line::verify_signature;

namespace {

struct Vector {
  const char* secret;
  std::string body;
  const char* signature;
};

const std::string kEmojiBody =
    "{\"events\":[{\"message\":{\"id\":\"test_event_message_id\",\"text\":\"this is test "
    "message.\xF0\x9F\x98\x84\xF0\x9F\x98\x85\xF0\x9F\x98\xA2\xF0\x9F\x98\x9E\xF0\x9F\x98\x84"
    "\xF0\x9F\x98\x85\xF0\x9F\x98\xA2\xF0\x9F\x98\x9E\",\"type\":\"text\"},\"replyToken\":"
    "\"test_reply_token\",\"source\":{\"groupId\":\"test_group_id\",\"type\":\"group\"},"
    "\"timestamp\":0,\"mode\":\"active\",\"type\":\"message\"}],\"destination\":"
    "\"Uaaaabbbbccccddddeeeeffff\"}";

}  // namespace

TEST_CASE("LineSignature: accepts the published test vectors", "[line]") {
  // LINE's signature rule: HMAC-SHA256 of the raw body with the channel secret, base64.
  const Vector v = GENERATE_COPY(values<Vector>({
      {"channel_secret", "bodybodybodybody", "/gg9a+LvFevTH1sd7XCQycD7tsWclCsInj7MhBHxN7k="},
      {"test_secret", "{\"hello\":\"world\"}", "t7Hn4ZDHqs6e+wdvI5TyQIvzie0DmMUmuXEBqyyE/tM="},
      {"SECRET", "{}", "3q8QXTAGaey18yL8FWTqdVlbMr6hcuNvM4tefa0o9nA="},
      {"test_channel_secret", "i am not jason", "Z8YlPpm0lQOqPipiCHVbiuwIDIzRzD7w5hvHgmwEuEs="},
      {"test_channel_secret", kEmojiBody, "GzU7H3qOXDzDD6cNcS/9otLzlLFxnYYriz62rNu5BDE="},
      {"test_channel_secret",
       "{\"events\":[{\"message\":{\"id\":\"test_event_message_id\",\"text\":\"this is test "
       "message.\",\"type\":\"text\"},\"replyToken\":\"test_reply_token\",\"source\":{"
       "\"groupId\":\"test_group_id\",\"type\":\"group\"},\"timestamp\":0,\"type\":"
       "\"message\"}]}",
       "qeDy61PbQK+aO97Bs8zjaFgYjQxFruGd13pfXPQoBRU="},
      {"channel_secret", "{\"destination\":\"U0123456789abcdef0123456789abcdef\",\"events\":[]}",
       "WAhii+CTOVmCuhGrR1QSR2c05bwHtsh0tflvv6CW9h4="},
      {"channel_secret", "", "vJLnk//5JDP+T9L63iYGCdSsZhleMdxb4VxTS/9ePUg="},
      {"channel_secret", "{\"text\":\"\xF0\x9F\xA4\xA8\"}",
       "nCmLj80LhwTA8YpNFynjo8cd1o+BRUcGxl7M9myaBdE="},
      {"channel_secret", "{\"text\":\"\\uD83E\\uDD28\"}",
       "O+oi0LYt/Kwm0NzqfdPdq1kNZsIgUhwEZN80c6/sw4k="},
  }));
  CAPTURE(v.secret, v.body);
  CHECK(sign(v.secret, v.body) == v.signature);
  CHECK(verify_signature(v.secret, v.body, v.signature));
}

TEST_CASE("LineSignature: rejects wrong, short, malformed and missing signatures", "[line]") {
  const std::string body = "bodybodybodybody";
  const std::string header =
      GENERATE(as<std::string>{},
               "",                                                  // missing
               "invalid_signature",                                 // not base64 of 32 bytes
               "WqJD7WAIZ6plkQGkj48w=",                             // wrong length (Node SDK test)
               "/gg9a+LvFevTH1sd7XCQycD7tsWclCsInj7MhBHxN7K=",      // one letter's case changed
               "/gg9a+LvFevTH1sd7XCQycD7tsWclCsInj7MhBHxN7k",       // padding removed
               " /gg9a+LvFevTH1sd7XCQycD7tsWclCsInj7MhBHxN7k=",     // whitespace
               "/gg9a+LvFevTH1sd7XCQycD7tsWclCsInj7MhBHxN7k=/gg9",  // extra bytes
               "t7Hn4ZDHqs6e+wdvI5TyQIvzie0DmMUmuXEBqyyE/tM=");     // valid for another body
  CAPTURE(header);
  CHECK_FALSE(verify_signature("channel_secret", body, header));
}

TEST_CASE("LineSignature: a re-serialised body does not verify", "[line]") {
  // The raw-UTF-8 emoji body and its \uXXXX-escaped twin hash differently: the check must
  // run on the exact bytes received.
  const std::string escaped = "{\"text\":\"\\uD83E\\uDD28\"}";
  CHECK_FALSE(
      verify_signature("channel_secret", escaped, "nCmLj80LhwTA8YpNFynjo8cd1o+BRUcGxl7M9myaBdE="));
}

TEST_CASE("LineSignature: an empty channel secret verifies nothing", "[line]") {
  CHECK_FALSE(verify_signature("", "{}", sign("", "{}")));
}

TEST_CASE("LineSignature: retry keys are deterministic UUIDs per event", "[line]") {
  const std::string a = retry_key("secret", "01HFIXTURE0000000000000001");
  CHECK(a == retry_key("secret", "01HFIXTURE0000000000000001"));
  CHECK(a != retry_key("secret", "01HFIXTURE0000000000000002"));
  CHECK(a != retry_key("other-secret", "01HFIXTURE0000000000000001"));
  CHECK(std::regex_match(a, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                                       "[0-9a-f]{12}")));
}

TEST_CASE("LineSignature: user hashes are keyed and never the raw id", "[line]") {
  const std::string id = "U4af4980629aaaaaaaaaaaaaaaaaaaaaa";
  const std::string h = user_hash("secret", id);
  CHECK(h.size() == 64);
  CHECK(h.find(id) == std::string::npos);
  CHECK(h == user_hash("secret", id));
  CHECK(h != user_hash("secret2", id));
}
