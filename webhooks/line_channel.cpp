#include "webhooks/line_channel.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "bot/engine.h"
#include "webhooks/line_api.h"
#include "webhooks/line_dispatch.h"
#include "webhooks/line_events.h"
#include "webhooks/line_inbox.h"
#include "webhooks/line_render.h"
#include "webhooks/line_signature.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace shirube::webhooks {

LineChannel::~LineChannel() = default;

namespace {

using line::ApiResponse;
using line::LineApiClient;
using line::LineInbox;
using line::Work;
using line::WorkKind;
using nlohmann::json;

// LINE bodies are small (a few KiB); 1 MiB leaves room for 100+ events and still bounds
// what one request can make us hash, parse and store.
constexpr std::size_t kMaxBodyBytes = 1024 * 1024;
// Above /callback's own limit, so that the handler (not httplib) answers 413 with a JSON
// reason for 1..2 MiB, and httplib stops reading anything larger.
constexpr std::size_t kServerPayloadLimit = 2 * 1024 * 1024;
constexpr int kLoadingSeconds = 20;  // 5..60, a multiple of 5
constexpr int kMaxBackoffMs = 4000;
constexpr int kWorkerNice = 5;
// Processing an event that was started this many times without finishing is abandoned.
constexpr int kMaxAttempts = 3;

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

void send_json_error(httplib::Response& res, int status, const std::string& code,
                     const std::string& message) {
  res.status = status;
  res.set_content(dump(json{{"error", {{"code", code}, {"message", message}}}}),
                  "application/json");
}

// Log lines carry event ids (not personal), kinds and outcomes; never user ids, tokens or
// what people wrote.
void log_line(const std::string& text) {
  std::fprintf(stderr, "shirube line: %s\n", text.c_str());
}

class Counters {
 public:
  void add(const std::string& key, uint64_t n = 1) {
    std::lock_guard<std::mutex> lock(mu_);
    values_[key] += n;
  }
  std::map<std::string, uint64_t> snapshot() const {
    std::lock_guard<std::mutex> lock(mu_);
    return values_;
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, uint64_t> values_;
};

// Starts the loading animation for answers that are not ready `loading_after_ms` after the
// event was received. Events are armed when they are accepted (so waiting in the queue
// counts) and disarmed by the worker just before the answer is sent; the worker waits for a
// call in flight for that event, so the animation never starts after the answer.
// Within LINE's limits: calls are spaced at least 1/`loading_per_second` apart (LINE allows
// 100 req/s per channel and answers 429 above it); calls it cannot make at once are
// deferred, oldest first, and an event answered meanwhile needs none. A chat whose
// animation is still showing (kLoadingSeconds, or until a message is sent to it) gets no
// second call: its other waiting events are parked until the animation ends, then
// considered again.
// One thread. It sleeps until the earliest due entry (at most kIdlePoll when there is
// none), so arming an event due later than that wakes nobody.
class LoadingWatchdog {
 public:
  using SteadyClock = std::chrono::steady_clock;

  LoadingWatchdog(const LineOptions& options, Counters& counters)
      : api_(options.api_base, options.access_token, std::min(options.api_timeout_ms, 3000)),
        counters_(counters),
        interval_(std::chrono::duration_cast<SteadyClock::duration>(
            std::chrono::duration<double>(1.0 / std::max(1, options.loading_per_second)))) {
    thread_ = std::thread([this] { run(); });
  }
  ~LoadingWatchdog() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  LoadingWatchdog(const LoadingWatchdog&) = delete;
  LoadingWatchdog& operator=(const LoadingWatchdog&) = delete;

  // Arms `id` (no-op when it is already armed).
  void arm(int64_t id, SteadyClock::time_point due, const std::string& chat_id) {
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
  // The answer to `id` is about to be sent (or none will be): no animation for it from
  // now on. Returns once no call for it is in flight.
  void disarm(int64_t id) {
    std::unique_lock<std::mutex> lock(mu_);
    if (const auto it = entries_.find(id); it != entries_.end()) {
      by_due_.erase({it->second.due, id});
      entries_.erase(it);
    }
    cv_.wait(lock, [&] { return in_flight_ != id; });
  }
  // A message was sent to `chat_id` (or sending it ended): its animation, if any, has
  // ended, and the person's other waiting messages may need one of their own.
  void sent(const std::string& chat_id) {
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
  bool reschedule(int64_t id, SteadyClock::time_point due) {
    const auto it = entries_.find(id);
    if (it == entries_.end())
      return false;
    by_due_.erase({it->second.due, id});
    it->second.due = due;
    by_due_.emplace(due, id);
    return due < wake_at_;
  }

  void run() {
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
  }

  void sleep_until(std::unique_lock<std::mutex>& lock, SteadyClock::time_point t) {
    wake_at_ = t;
    cv_.wait_until(lock, t);
    wake_at_ = SteadyClock::time_point::min();
  }

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
  std::thread thread_;
};

class LineChannelImpl final : public LineChannel {
 public:
  LineChannelImpl(bot::Engine& engine, LineOptions options, std::unique_ptr<LineInbox> inbox)
      : engine_(engine),
        options_(std::move(options)),
        inbox_(std::move(inbox)),
        shards_(static_cast<std::size_t>(std::max(1, options_.workers))) {}

  ~LineChannelImpl() override { stop(); }

  static constexpr std::size_t kKeepAliveRequests = 1000;

  void register_routes(httplib::Server& server) override {
    server.set_payload_max_length(kServerPayloadLimit);
    // Without TCP_NODELAY a keep-alive response written in two segments waits for the
    // peer's delayed ACK (~40 ms on Linux): LINE would see every acknowledgement 40 ms late.
    server.set_tcp_nodelay(true);
    // httplib closes a keep-alive connection after 5 requests by default; LINE keeps its
    // connections open, and a new TCP handshake every fifth webhook costs more than the
    // webhook itself.
    server.set_keep_alive_max_count(kKeepAliveRequests);
    server.Post("/callback", [this](const httplib::Request& req, httplib::Response& res) {
      handle_callback(req, res);
    });
    server.Get("/metrics/line", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(metrics_json(), "application/json");
    });
  }

  std::string metrics_json() const override {
    json out = json::object();
    for (const auto& [key, value] : counters_.snapshot()) {
      // "events.message" -> {"events": {"message": n}}
      const std::size_t dot = key.find('.');
      if (dot == std::string::npos) {
        out[key] = value;
      } else {
        out[key.substr(0, dot)][key.substr(dot + 1)] = value;
      }
    }
    return dump(out);
  }

  void start() override {
    std::lock_guard<std::mutex> lock(lifecycle_mu_);
    if (running_ || options_.channel_secret.empty())
      return;
    stopping_.store(false);
    started_ms_ = now_ms();
    if (Result<int> pruned = inbox_->prune(now_ms()); !pruned.ok()) {
      log_line("inbox prune failed: " + pruned.error().to_string());
    }
    {
      std::lock_guard<std::mutex> wlock(watchdog_mu_);
      watchdog_ = std::make_unique<LoadingWatchdog>(options_, counters_);
    }
    // Events a crash (or a stop) left unprocessed are answered first.
    Result<std::vector<std::pair<int64_t, std::string>>> pending = inbox_->pending();
    if (pending.ok()) {
      if (!pending->empty()) {
        log_line("resuming " + std::to_string(pending->size()) + " pending event(s)");
      }
      enqueue(*pending);
    } else {
      log_line("cannot read pending events: " + pending.error().to_string());
    }
    for (std::size_t i = 0; i < shards_.size(); ++i) {
      workers_.emplace_back([this, i] { worker_loop(i); });
    }
    running_ = true;
  }

  void stop() override {
    std::lock_guard<std::mutex> lock(lifecycle_mu_);
    if (!running_)
      return;
    stopping_.store(true);
    for (Shard& shard : shards_) {
      // Under the shard's lock: a worker between its check and its wait cannot miss it.
      std::lock_guard<std::mutex> qlock(shard.mu);
      shard.cv.notify_all();
    }
    {
      std::lock_guard<std::mutex> block(backoff_mu_);
      backoff_cv_.notify_all();
    }
    for (std::thread& t : workers_)
      t.join();
    workers_.clear();
    {
      // Queued ids stay pending in the inbox; a later start() picks them up again.
      std::unique_lock<std::mutex> wlock(watchdog_mu_);
      watchdog_.reset();
    }
    for (Shard& shard : shards_) {
      std::lock_guard<std::mutex> qlock(shard.mu);
      shard.queue.clear();
      shard.queued.clear();
    }
    running_ = false;
  }

 private:
  void handle_callback(const httplib::Request& req, httplib::Response& res) {
    if (options_.channel_secret.empty()) {
      send_json_error(res, 503, "unavailable",
                      "the LINE channel is not configured (LINE_CHANNEL_SECRET is not set)");
      return;
    }
    if (req.body.size() > kMaxBodyBytes) {
      counters_.add("rejected.too_large");
      send_json_error(res, 413, "payload_too_large", "body: larger than 1 MiB");
      return;
    }
    // httplib's Headers compare names case-insensitively: X-Line-Signature,
    // x-line-signature and any other casing find the same header.
    if (!req.has_header("x-line-signature")) {
      counters_.add("rejected.signature");
      send_json_error(res, 401, "invalid_signature", "x-line-signature: missing");
      return;
    }
    if (!line::verify_signature(options_.channel_secret, req.body,
                                req.get_header_value("x-line-signature"))) {
      counters_.add("rejected.signature");
      send_json_error(res, 401, "invalid_signature", "x-line-signature: does not match the body");
      return;
    }
    Result<line::Callback> cb = line::parse_callback(req.body);
    if (!cb.ok()) {
      counters_.add("rejected.malformed");
      send_json_error(res, 400, "invalid_argument", cb.error().message());
      return;
    }

    std::vector<line::InboxItem> items;
    std::vector<std::string> unsent;
    std::vector<std::string> loading_chat;  // per item: where the loading animation may go
    items.reserve(cb->events.size());
    loading_chat.reserve(cb->events.size());
    for (const line::Event& ev : cb->events) {
      if (ev.type == line::EventType::kUnknown) {
        // Bounded: the name comes from the (signed) body.
        counters_.add("unknown_types." + ev.type_name.substr(0, 64));
      } else {
        counters_.add(std::string("events.") + line::event_type_name(ev.type));
      }
      if (ev.unknown_fields > 0) {
        counters_.add("unknown_fields.total", static_cast<uint64_t>(ev.unknown_fields));
      }
      if (ev.is_redelivery)
        counters_.add("delivery.redelivered");
      if (ev.standby)
        counters_.add("delivery.standby");
      if (ev.type == line::EventType::kUnsend && !ev.unsend_message_id.empty()) {
        unsent.push_back(ev.unsend_message_id);
      }
      const Work work = line::decide(ev);
      line::InboxItem item;
      item.event_id = ev.webhook_event_id;
      item.event_type = ev.type_name.substr(0, 64);
      if (work.kind != WorkKind::kNone)
        item.payload = line::to_payload(work);
      if (ev.type == line::EventType::kMessage)
        item.message_id = ev.message_id;
      if (!ev.source.user_id.empty()) {
        item.user_hash = line::user_hash(options_.channel_secret, ev.source.user_id);
      }
      items.push_back(std::move(item));
      // decide() allows the animation only for what the engine answers one-to-one.
      loading_chat.push_back(work.loading ? work.to : std::string());
    }
    // Durable before the 200: once LINE hears 200 it will not send the event again.
    Result<line::AcceptResult> accepted = inbox_->accept(items, unsent, now_ms());
    if (!accepted.ok()) {
      // 503 so that LINE (with redelivery on) sends the batch again; nothing was written.
      log_line("inbox write failed: " + accepted.error().to_string());
      send_json_error(res, 503, "unavailable", "inbox: temporarily unavailable");
      return;
    }
    if (accepted->duplicates > 0) {
      counters_.add("delivery.duplicates", static_cast<uint64_t>(accepted->duplicates));
    }
    if (accepted->scrubbed > 0) {
      counters_.add("delivery.unsent_scrubbed", static_cast<uint64_t>(accepted->scrubbed));
    }
    counters_.add("delivery.accepted", static_cast<uint64_t>(accepted->accepted));
    std::vector<std::pair<int64_t, std::string>> work;
    work.reserve(accepted->inserted.size());
    const auto due =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.loading_after_ms);
    for (std::size_t i = 0; i < accepted->inserted.size(); ++i) {
      work.emplace_back(accepted->inserted[i], accepted->inserted_keys[i]);
      const std::string& chat = loading_chat[accepted->inserted_items[i]];
      if (!chat.empty())
        arm_loading(accepted->inserted[i], due, chat);
    }
    enqueue(work);
    res.status = 200;
    res.set_content("{}", "application/json");
  }

  // Events of one person go to one worker queue (by the keyed hash of the user id), so a
  // person's messages are answered in the order they arrived; other people's events
  // spread over the other workers. Only the workers that got something are woken.
  void enqueue(const std::vector<std::pair<int64_t, std::string>>& items) {
    for (const auto& [id, key] : items) {
      const std::size_t n = shards_.size();
      Shard& shard = shards_[key.empty() ? static_cast<std::size_t>(id) % n
                                         : std::hash<std::string>{}(key) % n];
      bool wake = false;
      {
        std::lock_guard<std::mutex> lock(shard.mu);
        // The same row can be offered twice (accepted while start() reads pending rows).
        if (!shard.queued.insert(id).second)
          continue;
        shard.queue.push_back(id);
        wake = shard.idle;
      }
      if (wake)
        shard.cv.notify_one();
    }
  }

  void arm_loading(int64_t id, std::chrono::steady_clock::time_point due, const std::string& chat) {
    std::lock_guard<std::mutex> lock(watchdog_mu_);
    if (watchdog_ != nullptr)
      watchdog_->arm(id, due, chat);
  }

  void worker_loop(std::size_t index) {
    // Acknowledging a webhook is the deadline LINE enforces (2 s); answering can lag a
    // little. On a busy machine the workers yield the CPU to the HTTP threads (Linux: nice
    // applies per thread). Best effort: a failure leaves the default priority.
    (void)::setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), kWorkerNice);
    LineApiClient api(options_.api_base, options_.access_token, options_.api_timeout_ms);
    Shard& shard = shards_[index];
    const std::size_t batch = static_cast<std::size_t>(std::max(1, options_.batch));
    std::vector<int64_t> ids;
    Done done;  // answered, not yet recorded
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(shard.mu);
        for (const int64_t id : ids)
          shard.queued.erase(id);
        ids.clear();
        if (shard.queue.empty() && !done.empty()) {
          // Nothing else waiting: record what was answered before going idle.
          lock.unlock();
          flush(done);
          continue;
        }
        shard.idle = true;
        shard.cv.wait(lock, [&] { return stopping_.load() || !shard.queue.empty(); });
        shard.idle = false;
        if (stopping_.load())
          break;
        // Whatever is waiting, up to `batch`: one inbox write records the answers of the
        // previous batch and claims them all. With one event at a time this is one write
        // per event as before; under a backlog it saves two commits per event.
        while (!shard.queue.empty() && ids.size() < batch) {
          ids.push_back(shard.queue.front());
          shard.queue.pop_front();
        }
      }
      process_batch(api, ids, done);
    }
    flush(done);
  }

  using Done = std::vector<std::pair<int64_t, std::string>>;

  // Outcomes are counted once their write was tried (tests and operators read the counters
  // as "recorded").
  void count_outcomes(const Done& done) {
    for (const auto& [id, outcome] : done)
      counters_.add("outcome." + outcome);
  }

  void flush(Done& done) {
    if (done.empty())
      return;
    const Status s = inbox_->complete(done);
    count_outcomes(done);
    if (!s.ok()) {
      // The rows stay pending with their reply marked as attempted: a later start()
      // answers them again by push (LINE may show that answer twice), never not at all.
      log_line("inbox complete failed for " + std::to_string(done.size()) +
               " event(s): " + s.error().to_string());
    }
    done.clear();
  }

  // Sleeps up to `ms`; false when stop() was requested meanwhile.
  bool backoff(int ms) {
    std::unique_lock<std::mutex> lock(backoff_mu_);
    return !backoff_cv_.wait_for(lock, std::chrono::milliseconds(ms),
                                 [&] { return stopping_.load(); });
  }

  // Claims `ids` (recording `done` in the same write) and answers them; their outcomes are
  // appended to `done`.
  void process_batch(LineApiClient& api, const std::vector<int64_t>& ids, Done& done) {
    Result<std::vector<std::optional<line::InboxRow>>> begun = inbox_->begin(ids, done);
    if (!begun.ok()) {
      // Nothing was written: the claimed rows stay pending for the next start(); the
      // answered ones are recorded on their own.
      log_line("inbox read failed: " + begun.error().to_string());
      flush(done);
      return;
    }
    count_outcomes(done);
    done.clear();
    for (std::size_t i = 0; i < ids.size(); ++i) {
      // Stopping: the rest stay pending (claimed, so a later start() answers them by push).
      if (stopping_.load())
        return;
      const std::optional<line::InboxRow>& row = (*begun)[i];
      if (row.has_value()) {
        if (std::optional<std::string> outcome = process(api, *row)) {
          done.emplace_back(row->id, std::move(*outcome));
        }
      } else {
        watchdog_->disarm(ids[i]);  // already done (e.g. an unsend): no animation
      }
    }
  }

  // Answers one claimed row; returns its outcome, nullopt when stopping (it stays pending).
  std::optional<std::string> process(LineApiClient& api, const line::InboxRow& row) {
    const int64_t id = row.id;
    if (row.attempts >= kMaxAttempts) {
      // Started this often and never finished: something in it stops the process (or the
      // engine) every time. Give up on it rather than fail on every start.
      log_line("giving up on " + row.event_id + " after " + std::to_string(row.attempts) +
               " interrupted attempts");
      watchdog_->disarm(id);
      return std::string("abandoned");
    }
    const Work work = line::from_payload(row.payload);

    std::optional<std::string> outcome;
    switch (work.kind) {
      case WorkKind::kNone:
        outcome = "none";
        break;
      case WorkKind::kUnfollow: {
        const Status s = engine_.erase(work.user_id);
        outcome = s.ok() ? "erased" : "erase_failed";
        if (!s.ok())
          log_line("erase failed for " + row.event_id + ": " + s.error().code_name());
        break;
      }
      case WorkKind::kGroupNote:
        outcome = send(api, row, work, line::group_note_messages());
        break;
      default: {
        const std::string messages = answer(row, work);
        outcome =
            messages.empty() ? std::optional<std::string>("none") : send(api, row, work, messages);
        if (work.loading && !work.to.empty())
          watchdog_->sent(work.to);
        break;
      }
    }
    return outcome;  // nullopt: stopping; stays pending, resumed by the next start()
  }

  // Runs the engine; returns the LINE messages (JSON array text), "" when nothing to send.
  std::string answer(const line::InboxRow& row, const Work& work) {
    bot::Input input;
    switch (work.kind) {
      case WorkKind::kFollow:
        input.kind = bot::Input::Kind::kFollow;
        break;
      case WorkKind::kText:
        input.kind = bot::Input::Kind::kText;
        input.text = work.text;
        break;
      case WorkKind::kPostback:
        input.kind = bot::Input::Kind::kPostback;
        input.data = work.data;
        break;
      case WorkKind::kLocation:
        input.kind = bot::Input::Kind::kLocation;
        input.latitude = work.latitude;
        input.longitude = work.longitude;
        input.prefecture = work.prefecture;
        break;
      case WorkKind::kMedia:
        input.kind = bot::Input::Kind::kMedia;
        input.media = work.media;
        break;
      default:
        return {};
    }
    const bool loading = work.loading && !work.to.empty() && watchdog_ != nullptr;
    if (loading && row.received_ms <= started_ms_) {
      // Events accepted by this run were armed then. One from before (resumed after a
      // restart) is due `loading_after_ms` after its receipt: at once when it waited that
      // long already, else only if the engine is still working by then.
      const int64_t waited = std::max<int64_t>(0, now_ms() - row.received_ms);
      const int64_t left = std::max<int64_t>(0, options_.loading_after_ms - waited);
      watchdog_->arm(row.id, std::chrono::steady_clock::now() + std::chrono::milliseconds(left),
                     work.to);
    }
    Result<bot::Reply> reply = engine_.handle(work.user_id, input);
    if (loading)
      watchdog_->disarm(row.id);
    if (!reply.ok()) {
      log_line("engine failed for " + row.event_id + ": " + reply.error().code_name());
      counters_.add("engine.failed");
      // A kind word rather than silence: the person should know to try again.
      return dump(json::array({json{{"type", "text"},
                                    {"text",
                                     "ごめんなさい。いま うまく お答えできませんでした。\n"
                                     "少し待ってから、もう一度 送ってください。"}}}));
    }
    const json messages = render_line_messages(*reply);
    if (!messages.is_array() || messages.empty())
      return {};
    return dump(messages);
  }

  // Sends `messages` for the event: the Reply API while the token can still be valid, then
  // the push API with a retry key derived from the webhookEventId. nullopt when stopping.
  std::optional<std::string> send(LineApiClient& api, const line::InboxRow& row, const Work& work,
                                  const std::string& messages) {
    // A reply from an earlier run may have reached LINE without being recorded: never reply
    // twice with one token; push with the retry key instead (LINE dedupes pushes by key).
    // (begin() recorded durably that this attempt may use the token.)
    bool use_reply = !work.reply_token.empty() && !row.reply_attempted;
    int delay = options_.retry_base_ms;
    while (use_reply) {
      if (now_ms() - row.received_ms >= options_.reply_window_ms)
        break;
      const ApiResponse r = api.reply(work.reply_token, messages);
      if (r.ok())
        return std::string("reply");
      if (r.invalid_reply_token()) {
        counters_.add("reply.invalid_token");
        break;
      }
      if (!r.retryable()) {
        log_line("reply rejected for " + row.event_id + ": " + std::to_string(r.status) + " " +
                 r.message + (r.details.empty() ? "" : " (" + r.details + ")"));
        return std::string("rejected");
      }
      counters_.add("reply.retry");
      // Retry only while the token is still usable after the wait.
      if (now_ms() + delay - row.received_ms >= options_.reply_window_ms)
        break;
      if (!backoff(delay))
        return std::nullopt;
      delay = std::min(delay * 2, kMaxBackoffMs);
    }

    if (work.to.empty())
      return std::string("no_target");
    const std::string key = line::retry_key(options_.channel_secret, row.event_id);
    delay = options_.retry_base_ms;
    for (int attempt = 1;; ++attempt) {
      const ApiResponse r = api.push(work.to, messages, key);
      // 409: this retry key was already accepted, i.e. the message was sent.
      if (r.ok() || r.status == 409)
        return std::string("push");
      if (!r.retryable()) {
        log_line("push rejected for " + row.event_id + ": " + std::to_string(r.status) + " " +
                 r.message + (r.details.empty() ? "" : " (" + r.details + ")"));
        return std::string("rejected");
      }
      if (attempt >= options_.push_attempts) {
        log_line("push failed for " + row.event_id + " after " + std::to_string(attempt) +
                 " attempts: " + (r.status == 0 ? r.error : std::to_string(r.status)));
        return std::string("failed");
      }
      counters_.add("push.retry");
      if (!backoff(delay))
        return std::nullopt;
      delay = std::min(delay * 2, kMaxBackoffMs);
    }
  }

  bot::Engine& engine_;
  const LineOptions options_;
  std::unique_ptr<LineInbox> inbox_;
  Counters counters_;

  std::mutex lifecycle_mu_;
  bool running_ = false;
  std::unique_ptr<LoadingWatchdog> watchdog_;
  std::vector<std::thread> workers_;
  // When start() ran (ms since the epoch): events received before it (or in that very
  // millisecond) may not have been armed on acceptance. Written before the workers
  // start, read by them.
  int64_t started_ms_ = 0;

  // Guards watchdog_ against stop() for the HTTP threads that arm it. Workers use it
  // without the lock: stop() joins them before it resets the watchdog.
  std::mutex watchdog_mu_;

  // One queue per worker; sized once, never resized.
  struct Shard {
    std::mutex mu;  // guards the members below
    std::condition_variable cv;
    std::deque<int64_t> queue;
    std::unordered_set<int64_t> queued;  // ids in `queue` or being processed
    bool idle = false;                   // the worker waits on cv
  };
  std::vector<Shard> shards_;
  std::atomic<bool> stopping_{false};
  std::mutex backoff_mu_;
  std::condition_variable backoff_cv_;
};

}  // namespace

Result<std::unique_ptr<LineChannel>> LineChannel::create(bot::Engine& engine,
                                                         const LineOptions& options) {
  LineOptions opts = options;
  if (opts.inbox_db.empty())
    opts.inbox_db = ":memory:";
  // Operator tuning knobs (documented in docs/line-channel.md); out-of-range values are
  // ignored rather than fatal.
  auto env_ms = [](const char* name, int& field, int lo, int hi) {
    const char* v = std::getenv(name);
    if (v == nullptr || *v == '\0')
      return;
    char* end = nullptr;
    const long n = std::strtol(v, &end, 10);
    if (end != nullptr && *end == '\0' && n >= lo && n <= hi)
      field = static_cast<int>(n);
  };
  env_ms("SHIRUBE_LINE_API_TIMEOUT_MS", opts.api_timeout_ms, 100, 60000);
  env_ms("SHIRUBE_LINE_REPLY_WINDOW_MS", opts.reply_window_ms, 0, 60000);
  env_ms("SHIRUBE_LINE_WORKERS", opts.workers, 1, 64);
  env_ms("SHIRUBE_LINE_LOADING_PER_SECOND", opts.loading_per_second, 1, 100);
  while (!opts.api_base.empty() && opts.api_base.back() == '/')
    opts.api_base.pop_back();
  if (opts.api_base.rfind("http://", 0) != 0 && opts.api_base.rfind("https://", 0) != 0) {
    return Error::invalid_argument("SHIRUBE_LINE_API_BASE", "expected an http:// or https:// URL");
  }
  if (!opts.channel_secret.empty() && opts.access_token.empty()) {
    // Webhooks are still verified and recorded; every answer will be refused by LINE (401).
    log_line("LINE_CHANNEL_ACCESS_TOKEN is not set: answers cannot be sent");
  }
  Result<std::unique_ptr<LineInbox>> inbox = LineInbox::open(opts.inbox_db);
  if (!inbox.ok())
    return inbox.error();
  return std::unique_ptr<LineChannel>(
      new LineChannelImpl(engine, std::move(opts), std::move(inbox).value()));
}

}  // namespace shirube::webhooks
