#include "webhooks/line_channel.h"

#include <httplib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

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
#include <unordered_set>
#include <utility>
#include <vector>

#include "bot/engine.h"
#include "webhooks/line_api.h"
#include "webhooks/line_dispatch.h"
#include "webhooks/line_events.h"
#include "webhooks/line_inbox.h"
#include "webhooks/line_render.h"
#include "webhooks/line_signature.h"

namespace shirube::webhooks {

LineChannel::~LineChannel() = default;

namespace {

using nlohmann::json;
using line::ApiResponse;
using line::LineApiClient;
using line::LineInbox;
using line::Work;
using line::WorkKind;

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

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

void send_json_error(httplib::Response& res, int status, const std::string& code,
                     const std::string& message) {
  res.status = status;
  res.set_content(dump(json{{"error", {{"code", code}, {"message", message}}}}),
                  "application/json");
}

// Log lines carry event ids (not personal), kinds and outcomes; never user ids, tokens or
// what people wrote.
void log_line(const std::string& text) { std::fprintf(stderr, "shirube line: %s\n", text.c_str()); }

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
// event was received (waiting in the queue or a slow engine). One thread; workers arm an
// entry before the engine runs and disarm it before sending, waiting for a call in flight so
// the animation never starts after the answer.
class LoadingWatchdog {
 public:
  LoadingWatchdog(const LineOptions& options, Counters& counters)
      : api_(options.api_base, options.access_token, std::min(options.api_timeout_ms, 3000)),
        counters_(counters) {
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

  void arm(int64_t id, std::chrono::steady_clock::time_point due, std::string chat_id) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      entries_[id] = Entry{due, std::move(chat_id)};
    }
    cv_.notify_all();
  }
  void disarm(int64_t id) {
    std::unique_lock<std::mutex> lock(mu_);
    entries_.erase(id);
    cv_.wait(lock, [&] { return in_flight_ != id; });
  }

 private:
  struct Entry {
    std::chrono::steady_clock::time_point due;
    std::string chat_id;
  };

  void run() {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stopping_) {
      if (entries_.empty()) {
        cv_.wait(lock);
        continue;
      }
      auto next = entries_.begin();
      for (auto it = entries_.begin(); it != entries_.end(); ++it) {
        if (it->second.due < next->second.due) next = it;
      }
      if (next->second.due > std::chrono::steady_clock::now()) {
        // A copy: wait_until reads its deadline after waking, when a worker may already
        // have erased this entry.
        const auto due = next->second.due;
        cv_.wait_until(lock, due);
        continue;
      }
      const int64_t id = next->first;
      const std::string chat = next->second.chat_id;
      entries_.erase(next);
      in_flight_ = id;
      lock.unlock();
      const ApiResponse r = api_.start_loading(chat, kLoadingSeconds);
      counters_.add(r.ok() ? "loading.started" : "loading.failed");
      lock.lock();
      in_flight_ = -1;
      cv_.notify_all();
    }
  }

  LineApiClient api_;
  Counters& counters_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::map<int64_t, Entry> entries_;
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
        queues_(static_cast<std::size_t>(std::max(1, options_.workers))) {}

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
    if (running_ || options_.channel_secret.empty()) return;
    {
      std::lock_guard<std::mutex> qlock(mu_);
      stopping_ = false;
    }
    if (Result<int> pruned = inbox_->prune(now_ms()); !pruned.ok()) {
      log_line("inbox prune failed: " + pruned.error().to_string());
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
    watchdog_ = std::make_unique<LoadingWatchdog>(options_, counters_);
    for (std::size_t i = 0; i < queues_.size(); ++i) {
      workers_.emplace_back([this, i] { worker_loop(i); });
    }
    running_ = true;
  }

  void stop() override {
    std::lock_guard<std::mutex> lock(lifecycle_mu_);
    if (!running_) return;
    {
      std::lock_guard<std::mutex> qlock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    for (std::thread& t : workers_) t.join();
    workers_.clear();
    watchdog_.reset();
    {
      // Queued ids stay pending in the inbox; a later start() picks them up again.
      std::lock_guard<std::mutex> qlock(mu_);
      for (auto& q : queues_) q.clear();
      queued_.clear();
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
      send_json_error(res, 401, "invalid_signature",
                      "x-line-signature: does not match the body");
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
    items.reserve(cb->events.size());
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
      if (ev.is_redelivery) counters_.add("delivery.redelivered");
      if (ev.standby) counters_.add("delivery.standby");
      if (ev.type == line::EventType::kUnsend && !ev.unsend_message_id.empty()) {
        unsent.push_back(ev.unsend_message_id);
      }
      const Work work = line::decide(ev);
      line::InboxItem item;
      item.event_id = ev.webhook_event_id;
      item.event_type = ev.type_name.substr(0, 64);
      if (work.kind != WorkKind::kNone) item.payload = line::to_payload(work);
      if (ev.type == line::EventType::kMessage) item.message_id = ev.message_id;
      if (!ev.source.user_id.empty()) {
        item.user_hash = line::user_hash(options_.channel_secret, ev.source.user_id);
      }
      items.push_back(std::move(item));
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
    for (std::size_t i = 0; i < accepted->inserted.size(); ++i) {
      work.emplace_back(accepted->inserted[i], accepted->inserted_keys[i]);
    }
    enqueue(work);
    res.status = 200;
    res.set_content("{}", "application/json");
  }

  // Events of one person go to one worker queue (by the keyed hash of the user id), so a
  // person's messages are answered in the order they arrived; other people's events
  // spread over the other workers.
  void enqueue(const std::vector<std::pair<int64_t, std::string>>& items) {
    if (items.empty()) return;
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (const auto& [id, key] : items) {
        // The same row can be offered twice (accepted while start() reads pending rows).
        if (!queued_.insert(id).second) continue;
        const std::size_t shard = key.empty() ? static_cast<std::size_t>(id) % queues_.size()
                                              : std::hash<std::string>{}(key) % queues_.size();
        queues_[shard].push_back(id);
      }
    }
    cv_.notify_all();
  }

  void worker_loop(std::size_t shard) {
    // Acknowledging a webhook is the deadline LINE enforces (2 s); answering can lag a
    // little. On a busy machine the workers yield the CPU to the HTTP threads (Linux: nice
    // applies per thread). Best effort: a failure leaves the default priority.
    (void)::setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), kWorkerNice);
    LineApiClient api(options_.api_base, options_.access_token, options_.api_timeout_ms);
    std::deque<int64_t>& queue = queues_[shard];
    for (;;) {
      int64_t id = 0;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return stopping_ || !queue.empty(); });
        if (stopping_) return;
        id = queue.front();
        queue.pop_front();
      }
      process(api, id);
      {
        std::lock_guard<std::mutex> lock(mu_);
        queued_.erase(id);
      }
    }
  }

  // Sleeps up to `ms`; false when stop() was requested meanwhile.
  bool backoff(int ms) {
    std::unique_lock<std::mutex> lock(mu_);
    return !cv_.wait_for(lock, std::chrono::milliseconds(ms), [&] { return stopping_; });
  }

  void process(LineApiClient& api, int64_t id) {
    Result<std::optional<line::InboxRow>> begun = inbox_->begin(id);
    if (!begun.ok()) {
      log_line("inbox read failed: " + begun.error().to_string());
      return;
    }
    if (!begun->has_value()) return;  // already done (e.g. scrubbed by an unsend)
    const line::InboxRow& row = **begun;
    if (row.attempts >= kMaxAttempts) {
      // Started this often and never finished: something in it stops the process (or the
      // engine) every time. Give up on it rather than fail on every start.
      log_line("giving up on " + row.event_id + " after " + std::to_string(row.attempts) +
               " interrupted attempts");
      counters_.add("outcome.abandoned");
      if (const Status s = inbox_->complete(id, "abandoned"); !s.ok()) {
        log_line("inbox complete failed for " + row.event_id + ": " + s.error().to_string());
      }
      return;
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
        if (!s.ok()) log_line("erase failed for " + row.event_id + ": " + s.error().code_name());
        break;
      }
      case WorkKind::kGroupNote:
        outcome = send(api, row, work, line::group_note_messages());
        break;
      default: {
        const std::string messages = answer(row, work);
        outcome = messages.empty() ? std::optional<std::string>("none")
                                   : send(api, row, work, messages);
        break;
      }
    }
    if (!outcome) return;  // stopping: stays pending, resumed by the next start()
    counters_.add("outcome." + *outcome);
    if (const Status s = inbox_->complete(id, *outcome); !s.ok()) {
      log_line("inbox complete failed for " + row.event_id + ": " + s.error().to_string());
    }
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
    if (loading) {
      // Due `loading_after_ms` after receipt: at once when the event already waited that
      // long in the queue, else only if the engine is still working by then.
      const int64_t waited = std::max<int64_t>(0, now_ms() - row.received_ms);
      const int64_t left = std::max<int64_t>(0, options_.loading_after_ms - waited);
      watchdog_->arm(row.id, std::chrono::steady_clock::now() + std::chrono::milliseconds(left),
                     work.to);
    }
    Result<bot::Reply> reply = engine_.handle(work.user_id, input);
    if (loading) watchdog_->disarm(row.id);
    if (!reply.ok()) {
      log_line("engine failed for " + row.event_id + ": " + reply.error().code_name());
      counters_.add("engine.failed");
      // A kind word rather than silence: the person should know to try again.
      return dump(json::array({json{
          {"type", "text"},
          {"text", "ごめんなさい。いま うまく お答えできませんでした。\n"
                   "少し待ってから、もう一度 送ってください。"}}}));
    }
    const json messages = render_line_messages(*reply);
    if (!messages.is_array() || messages.empty()) return {};
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
      if (now_ms() - row.received_ms >= options_.reply_window_ms) break;
      const ApiResponse r = api.reply(work.reply_token, messages);
      if (r.ok()) return std::string("reply");
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
      if (now_ms() + delay - row.received_ms >= options_.reply_window_ms) break;
      if (!backoff(delay)) return std::nullopt;
      delay = std::min(delay * 2, kMaxBackoffMs);
    }

    if (work.to.empty()) return std::string("no_target");
    const std::string key = line::retry_key(options_.channel_secret, row.event_id);
    delay = options_.retry_base_ms;
    for (int attempt = 1;; ++attempt) {
      const ApiResponse r = api.push(work.to, messages, key);
      // 409: this retry key was already accepted, i.e. the message was sent.
      if (r.ok() || r.status == 409) return std::string("push");
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
      if (!backoff(delay)) return std::nullopt;
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

  std::mutex mu_;  // guards the queues, queued_ and stopping_
  std::condition_variable cv_;
  std::vector<std::deque<int64_t>> queues_;  // one per worker; sized once, never resized
  std::unordered_set<int64_t> queued_;
  bool stopping_ = false;
};

}  // namespace

Result<std::unique_ptr<LineChannel>> LineChannel::create(bot::Engine& engine,
                                                         const LineOptions& options) {
  LineOptions opts = options;
  if (opts.inbox_db.empty()) opts.inbox_db = ":memory:";
  // Operator tuning knobs (documented in docs/line-channel.md); out-of-range values are
  // ignored rather than fatal.
  auto env_ms = [](const char* name, int& field, int lo, int hi) {
    const char* v = std::getenv(name);
    if (v == nullptr || *v == '\0') return;
    char* end = nullptr;
    const long n = std::strtol(v, &end, 10);
    if (end != nullptr && *end == '\0' && n >= lo && n <= hi) field = static_cast<int>(n);
  };
  env_ms("SHIRUBE_LINE_API_TIMEOUT_MS", opts.api_timeout_ms, 100, 60000);
  env_ms("SHIRUBE_LINE_REPLY_WINDOW_MS", opts.reply_window_ms, 0, 60000);
  env_ms("SHIRUBE_LINE_WORKERS", opts.workers, 1, 64);
  while (!opts.api_base.empty() && opts.api_base.back() == '/') opts.api_base.pop_back();
  if (opts.api_base.rfind("http://", 0) != 0 && opts.api_base.rfind("https://", 0) != 0) {
    return Error::invalid_argument("SHIRUBE_LINE_API_BASE",
                                   "expected an http:// or https:// URL");
  }
  if (!opts.channel_secret.empty() && opts.access_token.empty()) {
    // Webhooks are still verified and recorded; every answer will be refused by LINE (401).
    log_line("LINE_CHANNEL_ACCESS_TOKEN is not set: answers cannot be sent");
  }
  Result<std::unique_ptr<LineInbox>> inbox = LineInbox::open(opts.inbox_db);
  if (!inbox.ok()) return inbox.error();
  return std::unique_ptr<LineChannel>(
      new LineChannelImpl(engine, std::move(opts), std::move(inbox).value()));
}

}  // namespace shirube::webhooks
