#pragma once
// LoadingWatchdog: starts LINE's loading animation for answers that are not ready
// `loading_after_ms` after the event was received.
//
// Contract:
// - Events are armed when they are accepted (so waiting in the queue counts) and disarmed by
//   the worker just before the answer is sent; disarm() waits for a call in flight for that
//   event, so the animation never starts after the answer.
// - Within LINE's limits: calls are spaced at least 1/`loading_per_second` apart (LINE allows
//   100 req/s per channel and answers 429 above it); calls it cannot make at once are
//   deferred, oldest first, and an event answered meanwhile needs none.
// - A chat whose animation is still showing (kLoadingSeconds, or until a message is sent to
//   it) gets no second call: its other waiting events are parked until the animation ends,
//   then considered again.
// - Counts "loading.started", "loading.failed" and "loading.already_showing".
//
// Thread-safety: arm(), disarm() and sent() are safe from any thread. One thread of its own
// makes the calls; it sleeps until the earliest due entry (at most kIdlePoll when there is
// none), so arming an event due later than that wakes nobody. The destructor stops and joins
// it.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "webhooks/line_api.h"
#include "webhooks/line_channel.h"
#include "webhooks/line_counters.h"

namespace shirube::webhooks::line {

class LoadingWatchdog {
 public:
  using SteadyClock = std::chrono::steady_clock;
  static constexpr int kLoadingSeconds = 20;  // 5..60, a multiple of 5

  // Uses `api_base`, `access_token`, `api_timeout_ms` (at most 3 s) and `loading_per_second`.
  LoadingWatchdog(const LineOptions& options, Counters& counters);
  ~LoadingWatchdog();
  LoadingWatchdog(const LoadingWatchdog&) = delete;
  LoadingWatchdog& operator=(const LoadingWatchdog&) = delete;

  // Arms `id` (no-op when it is already armed).
  void arm(int64_t id, SteadyClock::time_point due, const std::string& chat_id);
  // The answer to `id` is about to be sent (or none will be): no animation for it from
  // now on. Returns once no call for it is in flight.
  void disarm(int64_t id);
  // A message was sent to `chat_id` (or sending it ended): its animation, if any, has
  // ended, and the person's other waiting messages may need one of their own.
  void sent(const std::string& chat_id);

 private:
  struct Entry {
    SteadyClock::time_point due;
    std::string chat_id;
  };
  struct Showing {
    SteadyClock::time_point until;
    std::vector<int64_t> parked;  // events of this chat due while it shows (may be gone)
  };
  static constexpr auto kIdlePoll = std::chrono::milliseconds(250);
  static constexpr std::size_t kShowingPruneAt = 10000;

  // Moves a still-armed entry to `due`; true when the thread must wake for it. Requires mu_.
  bool reschedule(int64_t id, SteadyClock::time_point due);
  void run();
  // Makes the call for `id` (due now, rate slot taken) with mu_ released. Requires mu_.
  void start_for(std::unique_lock<std::mutex>& lock, int64_t id, const std::string& chat,
                 SteadyClock::time_point now);
  void sleep_until(std::unique_lock<std::mutex>& lock, SteadyClock::time_point t);

  LineApiClient api_;
  Counters& counters_;
  const SteadyClock::duration interval_;  // between two calls, at least
  std::mutex mu_;
  std::condition_variable cv_;
  std::map<int64_t, Entry> entries_;
  std::set<std::pair<SteadyClock::time_point, int64_t>> by_due_;
  std::unordered_map<std::string, Showing> showing_;  // chat -> its animation
  SteadyClock::time_point next_call_;                 // the earliest time of the next call
  // When the thread will look again (min() while it is awake): an entry due earlier wakes it.
  SteadyClock::time_point wake_at_ = SteadyClock::time_point::min();
  int64_t in_flight_ = -1;
  bool stopping_ = false;
  std::thread thread_;  // last: started once every member above exists
};

}  // namespace shirube::webhooks::line
