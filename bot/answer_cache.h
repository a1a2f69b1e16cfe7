#pragma once
// AnswerCache: the knowledge-base answers the tree asks for, kept for a short while. Tree
// answers are the same for everyone who asks the same step in the same area: at 100k services
// one search costs milliseconds, a cached page microseconds. An import shows up within
// `seconds`. Free-text searches are not cached (their keys are unbounded and they are rare).
//   search(): one results page, keyed by node id, prefecture, offset and situation; at most
//             kMaxEntries pages (the whole cache is dropped when full, then fills again).
//   urgent(): the urgent (crisis) lines, with or without violence. When the knowledge base
//             fails, the last lines read are returned even if expired: crisis lines from a
//             minute ago beat no crisis lines; and before any were read (or with caching
//             off), the lines preload() read at start.
//   preload(): reads both lists of urgent lines and holds them for the cache's whole life.
//             Engine::create() calls it, so an engine never runs without crisis lines in
//             memory, whatever later happens to the database.
// seconds <= 0: nothing is kept; every call asks the knowledge base (and urgent() has nothing
// to fall back on). Values are shared, not copied: the urgent list can hold thousands of rows.
// Thread-safety: all methods are safe from several threads (one mutex around the maps; the
// knowledge base is asked outside it).

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/error.h"
#include "knowledge/knowledge_base.h"
#include "knowledge/types.h"

namespace shirube::bot {

class AnswerCache {
 public:
  using SharedResult = std::shared_ptr<const knowledge::SearchResult>;
  using SharedServices = std::shared_ptr<const std::vector<knowledge::Service>>;

  static constexpr std::size_t kMaxEntries = 8192;  // ~20 answers x 48 areas x a few pages

  // `kb` must outlive the cache; `now` below is seconds since the epoch.
  AnswerCache(knowledge::KnowledgeBase& kb, int seconds) : kb_(kb), seconds_(seconds) {}

  // The answer of results step `node_id` for query `q` (see results_query()).
  Result<SharedResult> search(const std::string& node_id, const knowledge::Query& q,
                              std::int64_t now);
  // KnowledgeBase::urgent_services(violence).
  Result<SharedServices> urgent(bool violence, std::int64_t now);
  // Error: the knowledge base's, when either list cannot be read.
  Status preload(std::int64_t now);

 private:
  template <typename T>
  struct Cached {
    T value;
    std::int64_t expires = 0;
  };

  knowledge::KnowledgeBase& kb_;
  const int seconds_;
  std::mutex mu_;
  std::map<std::string, Cached<SharedResult>> search_;
  std::array<Cached<SharedServices>, 2> urgent_;  // [0] without, [1] with violence
  std::array<SharedServices, 2> held_;            // read by preload(), never expire
};

}  // namespace shirube::bot
