#pragma once
// wait_until(pred, timeout): calls `pred` until it returns true or `timeout` has passed;
// returns its last value, so REQUIRE(wait_until(...)) fails with the condition still false.
// For conditions nobody signals to the test: another thread's state behind an API without a
// notification (httplib's is_running()), a fake server's record of requests, another
// process's database. It checks every 2 ms; a test never waits for a fixed time.
// Thread-safety: `pred` runs on the calling thread only.

#include <chrono>
#include <functional>
#include <thread>

namespace shirube::testing {

inline bool wait_until(const std::function<bool()>& pred,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (pred())
      return true;
    if (std::chrono::steady_clock::now() >= deadline)
      return pred();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));  // the poll interval
  }
}

}  // namespace shirube::testing
