#include "webhooks/rate_limit.h"

#include <chrono>
#include <string>

#include <catch2/catch.hpp>

using shirube::webhooks::RateLimiter;
using std::chrono::milliseconds;
using std::chrono::seconds;

TEST_CASE("RateLimit: a key spends its burst, then waits for tokens to come back", "[webhooks]") {
  RateLimiter limiter(2, 5);
  const auto t0 = RateLimiter::Clock::time_point{} + seconds(1000);
  for (int i = 0; i < 5; ++i)
    CHECK(limiter.take("a", t0) == 0);
  CHECK(limiter.take("a", t0) == 1);  // half a second to the next token: Retry-After 1
  CHECK(limiter.take("b", t0) == 0);  // other keys are not affected
  CHECK(limiter.take("a", t0 + milliseconds(500)) == 0);
  CHECK(limiter.take("a", t0 + milliseconds(500)) == 1);
  // Idle long enough, the whole burst is back, never more.
  for (int i = 0; i < 5; ++i)
    CHECK(limiter.take("a", t0 + seconds(60)) == 0);
  CHECK(limiter.take("a", t0 + seconds(60)) > 0);
}

TEST_CASE("RateLimit: Retry-After is the whole seconds until the next token", "[webhooks]") {
  RateLimiter limiter(0.1, 1);  // one request every ten seconds
  const auto t0 = RateLimiter::Clock::time_point{} + seconds(1000);
  CHECK(limiter.take("a", t0) == 0);
  CHECK(limiter.take("a", t0) == 10);
  CHECK(limiter.take("a", t0 + seconds(4)) == 6);
}

TEST_CASE("RateLimit: many new keys never make it forget a key that is still limited",
          "[webhooks]") {
  RateLimiter limiter(1, 2, /*max_keys=*/10);
  const auto t0 = RateLimiter::Clock::time_point{} + seconds(1000);
  CHECK(limiter.take("busy", t0) == 0);
  CHECK(limiter.take("busy", t0) == 0);
  CHECK(limiter.take("busy", t0) > 0);
  // Keys idle for a while are full again and are dropped to make room; "busy" is kept.
  for (int i = 0; i < 8; ++i)
    CHECK(limiter.take("old" + std::to_string(i), t0 - seconds(100)) == 0);
  for (int i = 0; i < 5; ++i)
    CHECK(limiter.take("new" + std::to_string(i), t0) == 0);
  CHECK(limiter.take("busy", t0) > 0);
}
