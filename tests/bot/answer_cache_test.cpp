#include "bot/answer_cache.h"

#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/support/scripted_knowledge_base.h"

using namespace shirube;  // NOLINT(google-build-using-namespace)
using shirube::testing::ScriptedKnowledgeBase;
using shirube::testing::service;

namespace {

knowledge::Query page(int prefecture, int offset, const std::string& situation = "") {
  knowledge::Query q;
  q.categories = {"food"};
  q.prefecture = prefecture;
  q.offset = offset;
  q.situation = situation;
  return q;
}

}  // namespace

TEST_CASE("AnswerCache: a page is searched once within the window", "[bot]") {
  ScriptedKnowledgeBase kb;
  kb.result.services = {service("a", "A", "0120-000-000")};
  kb.result.total = 1;
  bot::AnswerCache cache(kb, 60);

  auto first = cache.search("food.results", page(19, 0), 1000);
  REQUIRE(first.ok());
  CHECK((*first)->services.at(0).id == "a");
  kb.result.services = {service("b", "B", "0120-000-000")};  // an import meanwhile
  auto again = cache.search("food.results", page(19, 0), 1059);
  REQUIRE(again.ok());
  CHECK(again->get() == first->get());  // shared, not searched again
  CHECK(kb.searches == 1);

  auto later = cache.search("food.results", page(19, 0), 1060);  // expired
  REQUIRE(later.ok());
  CHECK((*later)->services.at(0).id == "b");
  CHECK(kb.searches == 2);
}

TEST_CASE("AnswerCache: node, area, page and situation each make their own entry", "[bot]") {
  ScriptedKnowledgeBase kb;
  bot::AnswerCache cache(kb, 60);
  const std::vector<std::pair<std::string, knowledge::Query>> asked = {
      {"food.results", page(19, 0)},
      {"money.results", page(19, 0)},
      {"food.results", page(13, 0)},
      {"food.results", page(19, 5)},
      {"food.results", page(19, 0, "single_parent")},
  };
  for (const auto& [node, q] : asked)
    REQUIRE(cache.search(node, q, 0).ok());
  CHECK(kb.searches == 5);
  CHECK(kb.last_query.situation == "single_parent");
  REQUIRE(cache.search("food.results", page(13, 0), 0).ok());
  CHECK(kb.searches == 5);
}

TEST_CASE("AnswerCache: with 0 seconds every answer is searched", "[bot]") {
  ScriptedKnowledgeBase kb;
  bot::AnswerCache cache(kb, 0);
  REQUIRE(cache.search("food.results", page(19, 0), 0).ok());
  REQUIRE(cache.search("food.results", page(19, 0), 0).ok());
  REQUIRE(cache.urgent(false, 0).ok());
  REQUIRE(cache.urgent(false, 0).ok());
  CHECK(kb.searches == 2);
  CHECK(kb.urgent_reads == 2);
}

TEST_CASE("AnswerCache: a failed search is not kept", "[bot]") {
  ScriptedKnowledgeBase kb;
  kb.error = Error::unavailable("db", "busy");
  bot::AnswerCache cache(kb, 60);
  auto failed = cache.search("food.results", page(19, 0), 0);
  REQUIRE(!failed.ok());
  CHECK(failed.error().what() == "busy");
  kb.error.reset();
  CHECK(cache.search("food.results", page(19, 0), 1).ok());
  CHECK(kb.searches == 2);
}

TEST_CASE("AnswerCache: urgent lines are kept per kind and outlive a failure", "[bot]") {
  ScriptedKnowledgeBase kb;
  kb.urgent = {service("line", "いのちの電話", "0120-783-556", true)};
  bot::AnswerCache cache(kb, 60);

  auto lines = cache.urgent(false, 1000);
  REQUIRE(lines.ok());
  REQUIRE(cache.urgent(false, 1030).ok());
  CHECK(kb.urgent_reads == 1);
  REQUIRE(cache.urgent(true, 1030).ok());  // violence: its own entry
  CHECK(kb.urgent_reads == 2);
  CHECK(kb.last_violence);

  // The knowledge base fails after the window: the last lines read are still offered.
  kb.error = Error::unavailable("db", "disk I/O error");
  auto stale = cache.urgent(false, 5000);
  REQUIRE(stale.ok());
  CHECK(stale->get() == lines->get());
  CHECK(kb.urgent_reads == 3);
}

TEST_CASE("AnswerCache: urgent lines never read fail with the error", "[bot]") {
  ScriptedKnowledgeBase kb;
  kb.error = Error::unavailable("db", "disk I/O error");
  bot::AnswerCache cache(kb, 60);
  auto lines = cache.urgent(true, 0);
  REQUIRE(!lines.ok());
  CHECK(lines.error().code() == ErrorCode::kUnavailable);
}

TEST_CASE("AnswerCache: the urgent lines preloaded at start answer when every later read fails",
          "[bot]") {
  const int seconds = GENERATE(0, 60);  // caching off, and on but long expired
  CAPTURE(seconds);
  ScriptedKnowledgeBase kb;
  kb.urgent = {service("yorisoi", "よりそいホットライン", "0120-279-338")};
  bot::AnswerCache cache(kb, seconds);
  REQUIRE(cache.preload(1000).ok());
  CHECK(kb.urgent_reads == 2);  // with and without violence

  kb.error = Error::internal("sqlite", "database disk image is malformed");
  for (const bool violence : {false, true}) {
    auto lines = cache.urgent(violence, 1000000);
    REQUIRE(lines.ok());
    REQUIRE((*lines)->size() == 1);
    CHECK((*lines)->front().id == "yorisoi");
  }
}

TEST_CASE("AnswerCache: preload reports a knowledge base that cannot read the urgent lines",
          "[bot]") {
  ScriptedKnowledgeBase kb;
  kb.error = Error::unavailable("sqlite", "disk I/O error");
  bot::AnswerCache cache(kb, 60);
  const Status s = cache.preload(0);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code() == ErrorCode::kUnavailable);
}
