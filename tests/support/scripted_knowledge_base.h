#pragma once
// A KnowledgeBase whose answers the test sets: search() returns `result` (or `error` when set)
// and urgent_services() returns `urgent` (or `error`); both count their calls and keep the last
// query, so a test sees what was asked and how often. The other lookups fail with kInternal.
// Thread-safety: one thread at a time (the unit tests that use it are single-threaded).

#include <optional>
#include <string>
#include <vector>

#include "knowledge/knowledge_base.h"
#include "knowledge/types.h"

namespace shirube::testing {

class ScriptedKnowledgeBase : public knowledge::KnowledgeBase {
 public:
  knowledge::SearchResult result;
  std::vector<knowledge::Service> urgent;
  std::optional<Error> error;  // set: search() and urgent_services() fail with it
  int searches = 0;
  int urgent_reads = 0;
  knowledge::Query last_query;
  bool last_violence = false;

  Result<knowledge::SearchResult> search(const knowledge::Query& q) override {
    ++searches;
    last_query = q;
    if (error)
      return *error;
    return result;
  }
  Result<std::vector<knowledge::Service>> urgent_services(bool violence) override {
    ++urgent_reads;
    last_violence = violence;
    if (error)
      return *error;
    return urgent;
  }
  Result<knowledge::Service> get_service(const std::string&) override { return none(); }
  Result<std::vector<knowledge::Prefecture>> prefectures() override { return none(); }
  Result<std::vector<knowledge::Category>> categories() override { return none(); }
  bool healthy() override { return true; }

 private:
  static Error none() { return Error::internal("scripted", "not scripted"); }
};

// A service with the fields the bot shows; `contact` decides its tap action.
inline knowledge::Service service(const std::string& id, const std::string& name,
                                  const std::string& contact, bool is_24h = false,
                                  std::vector<std::string> categories = {"crisis"}) {
  knowledge::Service s;
  s.id = id;
  s.name = name;
  s.contact = contact;
  s.is_24h = is_24h;
  s.urgent = true;
  s.categories = std::move(categories);
  s.area_scope = "national";
  s.source_date = "unknown";
  return s;
}

}  // namespace shirube::testing
