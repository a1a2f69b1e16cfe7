#pragma once
// RateLimiter: one token bucket per key (a chat user, a client address). Each key may spend
// `burst` requests at once and gets `per_second` back every second. Used by POST /api/v1/chat
// so that one caller cannot take the engine from everyone else; LINE's webhook is not limited
// (LINE limits itself, and its events must never be dropped).
// Memory is bounded: above `max_keys` buckets, the full ones (keys idle long enough to have
// their whole burst back) are dropped, and if that is not enough all are, so a flood of
// new keys costs at most one burst each.
// Thread-safety: take() is safe from several threads (one mutex).

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace shirube::webhooks {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  RateLimiter(double per_second, double burst, std::size_t max_keys = 100000);

  // 0 when the request may go ahead (one token is spent), else the whole seconds to wait
  // until one is back (at least 1): the Retry-After of the 429.
  int take(const std::string& key, Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double tokens;
    Clock::time_point last;
  };
  void trim(Clock::time_point now);

  const double per_second_;
  const double burst_;
  const std::size_t max_keys_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace shirube::webhooks
