#include "webhooks/line_loading.h"

#include <algorithm>

namespace shirube::webhooks::line {

LoadingWatchdog::LoadingWatchdog(const LineOptions& options, Counters& counters)
    : api_(options.api_base, options.access_token, std::min(options.api_timeout_ms, 3000)),
      counters_(counters),
      interval_(std::chrono::duration_cast<SteadyClock::duration>(
          std::chrono::duration<double>(1.0 / std::max(1, options.loading_per_second)))) {
  thread_ = std::thread([this] { run(); });
}

LoadingWatchdog::~LoadingWatchdog() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void LoadingWatchdog::arm(int64_t id, SteadyClock::time_point due, const std::string& chat_id) {
  bool wake = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!entries_.emplace(id, Entry{due, chat_id}).second)
      return;
    by_due_.emplace(due, id);
    wake = due < wake_at_;
  }
  if (wake)
    cv_.notify_one();
}

void LoadingWatchdog::disarm(int64_t id) {
  std::unique_lock<std::mutex> lock(mu_);
  if (const auto it = entries_.find(id); it != entries_.end()) {
    by_due_.erase({it->second.due, id});
    entries_.erase(it);
  }
  cv_.wait(lock, [&] { return in_flight_ != id; });
}

void LoadingWatchdog::sent(const std::string& chat_id) {
  bool wake = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    const auto s = showing_.find(chat_id);
    if (s == showing_.end())
      return;
    const auto now = SteadyClock::now();
    for (const int64_t other : s->second.parked)
      wake = reschedule(other, now) || wake;
    showing_.erase(s);
  }
  if (wake)
    cv_.notify_one();
}

bool LoadingWatchdog::reschedule(int64_t id, SteadyClock::time_point due) {
  const auto it = entries_.find(id);
  if (it == entries_.end())
    return false;
  by_due_.erase({it->second.due, id});
  it->second.due = due;
  by_due_.emplace(due, id);
  return due < wake_at_;
}

void LoadingWatchdog::run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    const auto now = SteadyClock::now();
    if (by_due_.empty()) {
      sleep_until(lock, now + kIdlePoll);
      continue;
    }
    const auto [due, id] = *by_due_.begin();
    if (due > now) {
      sleep_until(lock, due);
      continue;
    }
    const std::string chat = entries_.at(id).chat_id;
    if (const auto s = showing_.find(chat); s != showing_.end()) {
      if (s->second.until > now) {
        // Still showing for this person: look again when it ends (or when the answer it
        // was started for is sent, see disarm()).
        s->second.parked.push_back(id);
        reschedule(id, s->second.until);
        counters_.add("loading.already_showing");
        continue;
      }
      showing_.erase(s);  // ended on its own; its parked entries are due by now
    }
    if (now < next_call_) {
      // LINE's rate limit: the oldest waiting event gets the next slot.
      sleep_until(lock, next_call_);
      continue;
    }
    start_for(lock, id, chat, now);
  }
}

void LoadingWatchdog::start_for(std::unique_lock<std::mutex>& lock, int64_t id,
                                const std::string& chat, SteadyClock::time_point now) {
  next_call_ = now + interval_;
  by_due_.erase(by_due_.begin());
  entries_.erase(id);
  in_flight_ = id;
  if (showing_.size() >= kShowingPruneAt) {
    for (auto s = showing_.begin(); s != showing_.end();) {
      s = s->second.until <= now ? showing_.erase(s) : std::next(s);
    }
  }
  showing_[chat] = Showing{now + std::chrono::seconds(kLoadingSeconds), {}};
  lock.unlock();
  const ApiResponse r = api_.start_loading(chat, kLoadingSeconds);
  counters_.add(r.ok() ? "loading.started" : "loading.failed");
  lock.lock();
  if (!r.ok()) {
    // Not showing after all: the chat's parked events may try again.
    if (const auto s = showing_.find(chat); s != showing_.end()) {
      const auto later = SteadyClock::now();
      for (const int64_t other : s->second.parked)
        reschedule(other, later);
      showing_.erase(s);
    }
  }
  in_flight_ = -1;
  cv_.notify_all();
}

void LoadingWatchdog::sleep_until(std::unique_lock<std::mutex>& lock, SteadyClock::time_point t) {
  wake_at_ = t;
  cv_.wait_until(lock, t);
  wake_at_ = SteadyClock::time_point::min();
}

}  // namespace shirube::webhooks::line
