#include "bot/postback.h"

#include <string>

#include <catch2/catch.hpp>

using namespace shirube;  // NOLINT(google-build-using-namespace)

TEST_CASE("Postback: a node, an area answer and a situation are read", "[bot]") {
  auto pb = bot::parse_postback("n=food.area");
  REQUIRE(pb.has_value());
  CHECK(pb->node == "food.area");
  CHECK(!pb->prefecture);
  CHECK(pb->situation.empty());
  CHECK(!pb->more);
  CHECK(pb->nav.empty());

  pb = bot::parse_postback("n=food.results&p=19&s=single_parent");
  REQUIRE(pb.has_value());
  CHECK(pb->node == "food.results");
  REQUIRE(pb->prefecture);
  CHECK(*pb->prefecture == 19);
  CHECK(pb->situation == "single_parent");

  pb = bot::parse_postback("p=0&n=food.results");  // order does not matter; 0 = nationwide
  REQUIRE(pb.has_value());
  CHECK(pb->node == "food.results");
  CHECK(pb->prefecture == 0);

  pb = bot::parse_postback("n=food.results&p=47");
  REQUIRE(pb.has_value());
  CHECK(pb->prefecture == 47);
}

TEST_CASE("Postback: pages and navigation words are read", "[bot]") {
  auto pb = bot::parse_postback("more=2");
  REQUIRE(pb.has_value());
  CHECK(pb->more == 2);
  CHECK(pb->node.empty());
  CHECK(bot::parse_postback("more=0")->more == 0);
  CHECK(bot::parse_postback("more=10000")->more == 10000);

  for (const char* word : {"back", "top", "erase", "resume", "unknown"}) {
    CAPTURE(word);
    pb = bot::parse_postback(std::string("nav=") + word);
    REQUIRE(pb.has_value());
    CHECK(pb->nav == word);  // the word is the engine's to judge
  }
}

TEST_CASE("Postback: malformed data is refused", "[bot]") {
  const std::string bad = GENERATE(as<std::string>{},
                                   "",                 // empty
                                   "n",                // no '='
                                   "&n=food.area",     // an empty part
                                   "x=1",              // unknown key
                                   "n=a&x=1",          // unknown key after a good part
                                   "n=",               // no node, page or nav
                                   "p=13",             // an area without a node
                                   "s=single_parent",  // a situation without a node
                                   "n=a&p=48",         // no such prefecture
                                   "n=a&p=-1",         // not digits
                                   "n=a&p=1a",         // not digits
                                   "n=a&p=",           // empty number
                                   "more=10001",       // beyond the last page
                                   "more=1234567",     // more than six digits
                                   "more=0000001",     // more than six digits, even if small
                                   "more=２");         // full-width digit
  CAPTURE(bad);
  CHECK(!bot::parse_postback(bad).has_value());
}

TEST_CASE("Postback: at most 300 bytes", "[bot]") {
  const std::string prefix = "n=";
  const std::string fits = prefix + std::string(300 - prefix.size(), 'a');
  auto pb = bot::parse_postback(fits);
  REQUIRE(pb.has_value());
  CHECK(pb->node.size() == 298);
  CHECK(!bot::parse_postback(fits + "a").has_value());
}

TEST_CASE("Postback: a reply variant is read, its value left to the engine", "[bot]") {
  auto pb = bot::parse_postback("lang=en");
  REQUIRE(pb.has_value());
  CHECK(pb->lang == "en");
  CHECK(pb->node.empty());
  CHECK(bot::parse_postback("lang=easy")->lang == "easy");
  CHECK(bot::parse_postback("lang=xx")->lang == "xx");  // refused by the engine
  CHECK(!bot::parse_postback("lang"));
}

TEST_CASE("Postback: worker-mode actions are read", "[bot][worker]") {
  auto pb = bot::parse_postback("w=need&v=food");
  REQUIRE(pb);
  CHECK(pb->worker == "need");
  CHECK(pb->value == "food");
  pb = bot::parse_postback("w=next");
  REQUIRE(pb);
  CHECK(pb->worker == "next");
  CHECK(!bot::parse_postback("v=food"));  // a value alone names nothing
}
