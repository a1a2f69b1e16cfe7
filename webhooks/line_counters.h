#pragma once
// Counters: the LINE channel's event and outcome counts, served by GET /metrics/line.
// Keys are "group.name" ("events.message", "outcome.reply", "loading.started"); a key
// without a dot is a top-level number. Counts only grow; nothing personal is ever a key
// (event type names from the signed body are cut to 64 bytes by the caller).
// Thread-safety: every method is safe from any thread (one mutex).

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace shirube::webhooks::line {

class Counters {
 public:
  void add(const std::string& key, uint64_t n = 1);
  std::map<std::string, uint64_t> snapshot() const;
  // The snapshot as JSON object text, one level per dot: "events.message" ->
  // {"events": {"message": n}}.
  std::string to_json() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, uint64_t> values_;
};

}  // namespace shirube::webhooks::line
