#pragma once
// Senders: the threads that deliver answers to LINE, so that deliveries run side by side
// (each thread keeps its own keep-alive connection) while the workers run the engine. With
// one answer in flight per worker, a LINE API round trip of 30 ms caps the channel at
// workers / 30 ms; with `LineOptions::senders` threads the cap is senders / 30 ms.
//
// Contract:
// - submit() queues one answer. One person's answers go to one sender thread and are sent
//   in the order submitted; urgent ones (crisis and check messages) are sent before the rest,
//   together with that person's earlier answers still waiting (line_queues.h).
// - Each answer goes out with send_answer() (line_send.h: reply while the token is fresh,
//   then push with the retry key). The outcomes of all threads are collected; the workers
//   take them (take_outcomes()) to record with their next claim, so that answering costs no
//   inbox write of its own. A sender hands them to `record` itself once kRecordBatch have
//   gathered, when it finds its queue empty while `claim_coming` says no worker is about to
//   claim, and when it stops. A crash can thus leave up to kRecordBatch answers sent but not
//   recorded (the next run pushes them again). `LineOptions::on_event` is called for each
//   answer sent, from the sender thread.
// - submit() of an answer that is not urgent waits while `limit` answers are waiting to be
//   sent, so the workers never claim far ahead of what can be sent (a claimed row is pushed,
//   not replied to, after a restart); urgent answers never wait.
// - stop(): each thread finishes the answer it is sending (a retry wait ends at once; the
//   event then stays pending), records it and exits; queued answers are dropped: their
//   rows stay pending (claimed) and are answered by push after the next start. submit()
//   after stop() drops the answer the same way.
//
// Thread-safety: submit() is safe from any thread; start() and stop() are called by the
// owner, never concurrently with each other.

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "webhooks/line_channel.h"
#include "webhooks/line_counters.h"
#include "webhooks/line_dispatch.h"
#include "webhooks/line_inbox.h"
#include "webhooks/line_queues.h"

namespace shirube::webhooks::line {

struct Answer {
  InboxRow row;          // the claimed row (its payload is not needed any more)
  Work work;             // to, reply token, loading (the text is not needed any more)
  std::string messages;  // LINE message objects, JSON array text
  std::string key;       // the person's user hash: their answers keep their order
  bool urgent = false;   // crisis or check
  std::string risk;      // the answer's risk level name ("" when none), for on_event
};

class Senders {
 public:
  using Outcomes = std::vector<std::pair<int64_t, std::string>>;
  struct Hooks {
    std::function<void(Outcomes&)> record;  // writes outcomes of sent answers to the inbox
    // true while a worker is between claims: it will take the outcomes before it waits
    // (after `claim_coming` turns false it takes them once more).
    std::function<bool()> claim_coming;
    std::function<void(const std::string& chat)> sent;  // an answer to a loading chat went out
  };
  Senders(const LineOptions& options, Counters& counters, Hooks hooks);
  ~Senders();
  Senders(const Senders&) = delete;
  Senders& operator=(const Senders&) = delete;

  void start();
  void stop();
  void submit(Answer answer);
  // The outcomes collected so far (the caller records them).
  Outcomes take_outcomes();

 private:
  static constexpr std::size_t kRecordBatch = 32;

  void run(std::size_t index);
  void add_outcome(int64_t id, std::string outcome);
  // Hands every collected outcome to record_; false when there was none.
  bool record_outcomes();
  // Sleeps up to `ms`; false when stopping.
  bool backoff(int ms);
  // Takes the answer `id` out of the waiting ones.
  Answer take(int64_t id);

  const LineOptions& options_;
  Counters& counters_;
  const Hooks hooks_;
  const std::size_t limit_;
  std::atomic<bool> stopping_{false};            // before queues_, which reads it
  WorkQueues queues_;                            // one per sender thread
  std::mutex mu_;                                // guards answers_
  std::condition_variable room_cv_;              // an answer was taken, or stopping
  std::unordered_map<int64_t, Answer> answers_;  // submitted, not yet taken by a thread
  std::condition_variable backoff_cv_;           // with mu_
  std::mutex done_mu_;                           // guards done_
  Outcomes done_;                                // sent, not yet recorded
  std::vector<std::thread> threads_;
};

}  // namespace shirube::webhooks::line
