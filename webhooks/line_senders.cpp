#include "webhooks/line_senders.h"

#include <algorithm>
#include <chrono>
#include <optional>

#include "webhooks/line_api.h"
#include "webhooks/line_send.h"

namespace shirube::webhooks::line {
namespace {

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Senders::Senders(const LineOptions& options, Counters& counters, Hooks hooks)
    : options_(options),
      counters_(counters),
      hooks_(std::move(hooks)),
      // Enough to keep every thread busy between two rounds of the workers.
      limit_(static_cast<std::size_t>(std::max(1, options.senders)) * 4),
      queues_(static_cast<std::size_t>(std::max(1, options.senders)), stopping_) {}

Senders::~Senders() {
  stop();
}

void Senders::start() {
  if (!threads_.empty())
    return;
  stopping_.store(false);
  for (std::size_t i = 0; i < queues_.size(); ++i)
    threads_.emplace_back([this, i] { run(i); });
}

void Senders::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_.store(true);
    room_cv_.notify_all();
    backoff_cv_.notify_all();
  }
  queues_.wake_all();
  for (std::thread& t : threads_)
    t.join();
  threads_.clear();
  queues_.clear();
  std::lock_guard<std::mutex> lock(mu_);
  answers_.clear();
}

void Senders::submit(Answer answer) {
  const int64_t id = answer.row.id;
  QueueItem item{id, answer.key, answer.urgent};
  {
    std::unique_lock<std::mutex> lock(mu_);
    if (!answer.urgent) {
      room_cv_.wait(lock, [&] { return stopping_.load() || answers_.size() < limit_; });
    }
    if (stopping_.load())
      return;  // the row stays pending; the next start answers it by push
    answers_.insert_or_assign(id, std::move(answer));
  }
  queues_.enqueue({std::move(item)});
}

Answer Senders::take(int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  Answer out;
  if (auto it = answers_.find(id); it != answers_.end()) {
    out = std::move(it->second);
    answers_.erase(it);
  }
  room_cv_.notify_one();
  return out;
}

bool Senders::backoff(int ms) {
  std::unique_lock<std::mutex> lock(mu_);
  return !backoff_cv_.wait_for(lock, std::chrono::milliseconds(ms),
                               [&] { return stopping_.load(); });
}

void Senders::add_outcome(int64_t id, std::string outcome) {
  Outcomes batch;
  {
    std::lock_guard<std::mutex> lock(done_mu_);
    done_.emplace_back(id, std::move(outcome));
    if (done_.size() >= kRecordBatch)
      batch.swap(done_);
  }
  if (!batch.empty())
    hooks_.record(batch);
}

Senders::Outcomes Senders::take_outcomes() {
  Outcomes batch;
  std::lock_guard<std::mutex> lock(done_mu_);
  batch.swap(done_);
  return batch;
}

bool Senders::record_outcomes() {
  Outcomes batch;
  {
    std::lock_guard<std::mutex> lock(done_mu_);
    batch.swap(done_);
  }
  if (batch.empty())
    return false;
  hooks_.record(batch);
  return true;
}

void Senders::run(std::size_t index) {
  LineApiClient api(options_.api_base, options_.access_token, options_.api_timeout_ms);
  std::vector<int64_t> ids;
  // A thread about to wait records what every thread sent meanwhile, unless a worker will
  // take it with its next claim.
  const auto record_before_idle = [this] { return !hooks_.claim_coming() && record_outcomes(); };
  while (!(ids = queues_.next(index, ids, 1, record_before_idle)).empty()) {
    for (const int64_t id : ids) {
      const Answer a = take(id);
      if (a.row.id == 0)
        continue;  // dropped by a stop()
      const std::optional<std::string> outcome =
          send_answer(api, a.row, a.work, a.messages, options_, counters_,
                      [this](int ms) { return backoff(ms); });
      if (a.work.loading && !a.work.to.empty())
        hooks_.sent(a.work.to);
      if (!outcome)
        continue;  // stopping: stays pending
      if (options_.on_event) {
        const int64_t waited = now_ms() - a.row.received_ms;
        options_.on_event({a.row.event_id, work_kind_name(a.work.kind), *outcome, a.risk,
                           static_cast<double>(std::max<int64_t>(0, waited))});
      }
      add_outcome(id, *outcome);
    }
  }
  (void)record_outcomes();
}

}  // namespace shirube::webhooks::line
