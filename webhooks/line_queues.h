#pragma once
// WorkQueues: one queue of inbox row ids per LINE worker.
//
// Contract:
// - Events of one person go to one queue (by the keyed hash of the user id; by row id when
//   there is none), so a person's messages are answered in the order they arrived; other
//   people's events spread over the other queues. Only the workers that got something are
//   woken.
// - An id is queued at most once until its worker reports it finished (the same row can be
//   offered twice: accepted while start() reads the pending rows).
// - next() hands a worker up to `max` ids; when its queue is empty it first calls
//   `before_idle` (without the lock; true = it did some work, look again) and then sleeps
//   until something arrives or `stopping` is set (then it returns nothing).
//
// Thread-safety: enqueue(), next(), wake_all() and clear() are safe from any thread; queue
// `index` must be drained by one worker only. The number of queues never changes.

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace shirube::webhooks::line {

class WorkQueues {
 public:
  // `count` queues (at least one); `stopping` is the owner's stop flag.
  WorkQueues(std::size_t count, const std::atomic<bool>& stopping);

  std::size_t size() const { return shards_.size(); }
  // Row ids with their user hash ("" when none).
  void enqueue(const std::vector<std::pair<int64_t, std::string>>& items);
  // For worker `index`: marks `finished` as done, then waits for and returns the next ids
  // (empty when stopping).
  std::vector<int64_t> next(std::size_t index, const std::vector<int64_t>& finished,
                            std::size_t max, const std::function<bool()>& before_idle);
  // Wakes every worker (after `stopping` was set).
  void wake_all();
  // Forgets every queued id (they stay pending in the inbox).
  void clear();

 private:
  struct Shard {
    std::mutex mu;  // guards the members below
    std::condition_variable cv;
    std::deque<int64_t> queue;
    std::unordered_set<int64_t> queued;  // ids in `queue` or being processed
    bool idle = false;                   // the worker waits on cv
  };
  std::vector<Shard> shards_;
  const std::atomic<bool>& stopping_;
};

}  // namespace shirube::webhooks::line
