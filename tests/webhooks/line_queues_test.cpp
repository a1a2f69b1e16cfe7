#include "webhooks/line_queues.h"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

using shirube::webhooks::line::WorkQueues;

namespace {

// Everything queue 0 holds now, in the order next() hands it out (one at a time).
std::vector<int64_t> drain(WorkQueues& q, std::size_t max = 1) {
  std::vector<int64_t> order;
  std::vector<int64_t> taken;
  while (q.waiting() > 0) {
    taken = q.next(0, taken, max, [] { return false; });
    order.insert(order.end(), taken.begin(), taken.end());
  }
  return order;
}

}  // namespace

TEST_CASE("WorkQueues: urgent items are taken first, each lane in arrival order", "[line]") {
  const std::atomic<bool> stopping{false};
  WorkQueues q(1, stopping);
  q.enqueue({{1, "a", false}, {2, "b", false}, {3, "c", true}, {4, "d", false}, {5, "e", true}});
  CHECK(q.waiting() == 5);
  CHECK(drain(q) == std::vector<int64_t>{3, 5, 1, 2, 4});
}

TEST_CASE("WorkQueues: an urgent item takes the person's earlier items with it, in order",
          "[line]") {
  const std::atomic<bool> stopping{false};
  WorkQueues q(1, stopping);
  // g sends 2, then 4 (a crisis), then 6: 2 may not be left behind 4, nor 6 come before it.
  q.enqueue({{1, "a", false},
             {2, "g", false},
             {3, "b", false},
             {4, "g", true},
             {5, "c", true},
             {6, "g", false},
             {7, "a", false}});
  CHECK(drain(q) == std::vector<int64_t>{2, 4, 5, 1, 3, 6, 7});
}

TEST_CASE("WorkQueues: a batch keeps the order across both lanes", "[line]") {
  const std::atomic<bool> stopping{false};
  WorkQueues q(1, stopping);
  q.enqueue({{1, "a", false}, {2, "g", false}, {3, "g", true}});
  // Taken together, still urgent first and g's two in their order.
  CHECK(drain(q, 32) == std::vector<int64_t>{2, 3, 1});
  // A later urgent item of g, while its earlier ones are being processed, waits for them:
  // the same queue, handed out after the batch that holds them.
  q.enqueue({{4, "g", false}, {5, "a", true}, {6, "g", true}});
  CHECK(drain(q, 32) == std::vector<int64_t>{5, 4, 6});
}

TEST_CASE("WorkQueues: items without a key are never moved", "[line]") {
  const std::atomic<bool> stopping{false};
  WorkQueues q(1, stopping);
  q.enqueue({{1, "", false}, {2, "", true}, {3, "", false}});
  CHECK(drain(q) == std::vector<int64_t>{2, 1, 3});
}
