#include "bot/results_query.h"

#include <string>

#include <catch2/catch.hpp>

#include "knowledge/knowledge_base.h"
#include "tests/support/tree_fixtures.h"

using namespace shirube;           // NOLINT(google-build-using-namespace)
using namespace shirube::testing;  // NOLINT(google-build-using-namespace)

namespace {

// A knowledge base that finds records everywhere except in one prefecture.
class HoleyKnowledgeBase : public knowledge::KnowledgeBase {
 public:
  explicit HoleyKnowledgeBase(int hole) : hole_(hole) {}
  Result<knowledge::SearchResult> search(const knowledge::Query& q) override {
    knowledge::SearchResult r;
    if (q.prefecture != hole_) {
      knowledge::Service s;
      s.id = "x";
      r.services.push_back(s);
      r.total = 1;
    }
    return r;
  }
  Result<knowledge::Service> get_service(const std::string& id) override {
    return Error::not_found(id, "none");
  }
  Result<std::vector<knowledge::Prefecture>> prefectures() override {
    return std::vector<knowledge::Prefecture>{};
  }
  Result<std::vector<knowledge::Category>> categories() override {
    return std::vector<knowledge::Category>{};
  }
  Result<std::vector<knowledge::Service>> urgent_services(bool) override {
    return std::vector<knowledge::Service>{};
  }
  bool healthy() override { return true; }

 private:
  int hole_;
};

}  // namespace

TEST_CASE("ResultsQuery: coverage names the answer and prefecture that find nothing", "[bot]") {
  auto tree = intents::Tree::parse(tree_with(small_nodes()).dump(), "tree.json");
  REQUIRE(tree.ok());
  HoleyKnowledgeBase everywhere(-1);
  CHECK(bot::validate_coverage(*tree, everywhere).ok());
  HoleyKnowledgeBase no_aomori(2);
  Status s = bot::validate_coverage(*tree, no_aomori);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message() == "node \"food.results\": no records for 青森県 (categories food)");
}

TEST_CASE("ResultsQuery: every answer finds records in every prefecture with the bundled data",
          "[bot]") {
  auto tree = intents::Tree::load_bundled();
  REQUIRE(tree.ok());
  auto kb = knowledge::KnowledgeBase::open_with_bundled_data(":memory:");
  REQUIRE(kb.ok());
  Status s = bot::validate_coverage(*tree, **kb);
  INFO((s.ok() ? std::string() : s.error().message()));
  CHECK(s.ok());
}
