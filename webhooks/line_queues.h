#pragma once
// WorkQueues: one queue of ids per thread (the LINE workers' inbox rows, the senders'
// answers), each with two lanes: urgent (crisis and check messages) and the rest.
//
// Contract:
// - Items of one person go to one queue (by `key`, the keyed hash of the user id; by id when
//   there is none), so that person's items are taken in the order they arrived; other
//   people's items spread over the other queues. Only the threads that got something are
//   woken.
// - next() takes the urgent lane first, then the rest, each in arrival order. An urgent
//   item takes the person's earlier items still waiting in the other lane with it, just
//   before itself: a person's later message never overtakes an earlier one, and the earlier
//   ones of someone in crisis are not left behind a backlog either.
// - An id is queued at most once until its thread reports it finished (the same row can be
//   offered twice: accepted while start() reads the pending rows).
// - next() hands a thread up to `max` ids; when its queue is empty it first calls
//   `before_idle` (without the lock; true = it did some work, look again) and then sleeps
//   until something arrives or `stopping` is set (then it returns nothing).
//
// Thread-safety: enqueue(), next(), waiting(), wake_all() and clear() are safe from any
// thread; queue `index` must be drained by one thread only. The number of queues never
// changes.

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_set>
#include <vector>

namespace shirube::webhooks::line {

struct QueueItem {
  int64_t id = 0;
  std::string key;      // the user hash; "" when none
  bool urgent = false;  // crisis or check: taken before the rest
};

class WorkQueues {
 public:
  // `count` queues (at least one); `stopping` is the owner's stop flag.
  WorkQueues(std::size_t count, const std::atomic<bool>& stopping);

  std::size_t size() const { return shards_.size(); }
  void enqueue(const std::vector<QueueItem>& items);
  // For thread `index`: marks `finished` as done, then waits for and returns the next ids
  // (empty when stopping).
  std::vector<int64_t> next(std::size_t index, const std::vector<int64_t>& finished,
                            std::size_t max, const std::function<bool()>& before_idle);
  // Items queued and not yet taken, over every queue.
  std::size_t waiting() const;
  // Wakes every thread (after `stopping` was set).
  void wake_all();
  // Forgets every queued id (inbox rows stay pending in the inbox).
  void clear();

 private:
  struct Entry {
    int64_t id;
    std::string key;
  };
  struct Shard {
    mutable std::mutex mu;  // guards the members below
    std::condition_variable cv;
    std::deque<Entry> urgent;
    std::deque<Entry> normal;
    std::unordered_set<int64_t> queued;  // ids in a lane or being processed
    bool idle = false;                   // the thread waits on cv
  };
  // Moves the entries of `key` from the normal lane to the end of the urgent lane, in order.
  static void promote(Shard& shard, const std::string& key);
  std::vector<Shard> shards_;
  const std::atomic<bool>& stopping_;
};

}  // namespace shirube::webhooks::line
