#include "webhooks/line_queues.h"

#include <algorithm>

namespace shirube::webhooks::line {

WorkQueues::WorkQueues(std::size_t count, const std::atomic<bool>& stopping)
    : shards_(std::max<std::size_t>(1, count)), stopping_(stopping) {}

void WorkQueues::enqueue(const std::vector<std::pair<int64_t, std::string>>& items) {
  const std::size_t n = shards_.size();
  for (const auto& [id, key] : items) {
    Shard& shard =
        shards_[key.empty() ? static_cast<std::size_t>(id) % n : std::hash<std::string>{}(key) % n];
    bool wake = false;
    {
      std::lock_guard<std::mutex> lock(shard.mu);
      if (!shard.queued.insert(id).second)
        continue;
      shard.queue.push_back(id);
      wake = shard.idle;
    }
    if (wake)
      shard.cv.notify_one();
  }
}

std::vector<int64_t> WorkQueues::next(std::size_t index, const std::vector<int64_t>& finished,
                                      std::size_t max, const std::function<bool()>& before_idle) {
  Shard& shard = shards_[index];
  std::unique_lock<std::mutex> lock(shard.mu);
  for (const int64_t id : finished)
    shard.queued.erase(id);
  while (shard.queue.empty()) {
    lock.unlock();
    const bool worked = before_idle();
    lock.lock();
    if (!worked)
      break;
  }
  shard.idle = true;
  shard.cv.wait(lock, [&] { return stopping_.load() || !shard.queue.empty(); });
  shard.idle = false;
  std::vector<int64_t> ids;
  if (stopping_.load())
    return ids;
  while (!shard.queue.empty() && ids.size() < max) {
    ids.push_back(shard.queue.front());
    shard.queue.pop_front();
  }
  return ids;
}

void WorkQueues::wake_all() {
  for (Shard& shard : shards_) {
    // Under the shard's lock: a worker between its check and its wait cannot miss it.
    std::lock_guard<std::mutex> lock(shard.mu);
    shard.cv.notify_all();
  }
}

void WorkQueues::clear() {
  for (Shard& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard.mu);
    shard.queue.clear();
    shard.queued.clear();
  }
}

}  // namespace shirube::webhooks::line
