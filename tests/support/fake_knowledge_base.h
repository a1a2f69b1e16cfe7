#pragma once
// A KnowledgeBase for tests of the HTTP edges, which never search: every lookup fails with
// kInternal (so a test notices if one is made), and healthy() is whatever the test sets.
// Thread-safety: healthy() may be flipped from the test thread while server threads read it.

#include <atomic>
#include <string>
#include <vector>

#include "knowledge/knowledge_base.h"

namespace shirube::testing {

class FakeKnowledgeBase : public knowledge::KnowledgeBase {
 public:
  std::atomic<bool> is_healthy{true};

  Result<knowledge::SearchResult> search(const knowledge::Query&) override { return none(); }
  Result<knowledge::Service> get_service(const std::string&) override { return none(); }
  Result<std::vector<knowledge::Prefecture>> prefectures() override { return none(); }
  Result<std::vector<knowledge::Category>> categories() override { return none(); }
  Result<std::vector<knowledge::Service>> urgent_services(bool) override { return none(); }
  bool healthy() override { return is_healthy; }

 private:
  static Error none() { return Error::internal("fake", "the HTTP edges do not search"); }
};

}  // namespace shirube::testing
