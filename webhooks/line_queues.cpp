#include "webhooks/line_queues.h"

#include <algorithm>
#include <iterator>

namespace shirube::webhooks::line {

WorkQueues::WorkQueues(std::size_t count, const std::atomic<bool>& stopping)
    : shards_(std::max<std::size_t>(1, count)), stopping_(stopping) {}

void WorkQueues::promote(Shard& shard, const std::string& key) {
  if (key.empty())
    return;
  const auto theirs = std::stable_partition(shard.normal.begin(), shard.normal.end(),
                                            [&](const Entry& e) { return e.key != key; });
  std::move(theirs, shard.normal.end(), std::back_inserter(shard.urgent));
  shard.normal.erase(theirs, shard.normal.end());
}

void WorkQueues::enqueue(const std::vector<QueueItem>& items) {
  const std::size_t n = shards_.size();
  for (const QueueItem& item : items) {
    Shard& shard = shards_[item.key.empty() ? static_cast<std::size_t>(item.id) % n
                                            : std::hash<std::string>{}(item.key) % n];
    bool wake = false;
    {
      std::lock_guard<std::mutex> lock(shard.mu);
      if (!shard.queued.insert(item.id).second)
        continue;
      if (item.urgent) {
        promote(shard, item.key);
        shard.urgent.push_back({item.id, item.key});
      } else {
        shard.normal.push_back({item.id, item.key});
      }
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
  const auto empty = [&shard] { return shard.urgent.empty() && shard.normal.empty(); };
  while (empty()) {
    lock.unlock();
    const bool worked = before_idle();
    lock.lock();
    if (!worked)
      break;
  }
  shard.idle = true;
  shard.cv.wait(lock, [&] { return stopping_.load() || !empty(); });
  shard.idle = false;
  std::vector<int64_t> ids;
  if (stopping_.load())
    return ids;
  for (std::deque<Entry>* lane : {&shard.urgent, &shard.normal}) {
    while (!lane->empty() && ids.size() < max) {
      ids.push_back(lane->front().id);
      lane->pop_front();
    }
  }
  return ids;
}

std::size_t WorkQueues::waiting() const {
  std::size_t n = 0;
  for (const Shard& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard.mu);
    n += shard.urgent.size() + shard.normal.size();
  }
  return n;
}

void WorkQueues::wake_all() {
  for (Shard& shard : shards_) {
    // Under the shard's lock: a thread between its check and its wait cannot miss it.
    std::lock_guard<std::mutex> lock(shard.mu);
    shard.cv.notify_all();
  }
}

void WorkQueues::clear() {
  for (Shard& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard.mu);
    shard.urgent.clear();
    shard.normal.clear();
    shard.queued.clear();
  }
}

}  // namespace shirube::webhooks::line
