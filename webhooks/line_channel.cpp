// Slightly over 500 lines: LineChannelImpl wires intake, queues, senders and the inbox; each
// of those parts is a file of its own (line_intake, line_queues, line_senders, line_inbox).
#include "webhooks/line_channel.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "bot/channel_user.h"
#include "bot/engine.h"
#include "intents/risk.h"
#include "webhooks/line_counters.h"
#include "webhooks/line_dispatch.h"
#include "webhooks/line_events.h"
#include "webhooks/line_inbox.h"
#include "webhooks/line_intake.h"
#include "webhooks/line_loading.h"
#include "webhooks/line_log.h"
#include "webhooks/line_queues.h"
#include "webhooks/line_render.h"
#include "webhooks/line_send.h"
#include "webhooks/line_senders.h"
#include "webhooks/line_signature.h"
#include "webhooks/worker_store.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace shirube::webhooks {

LineChannel::~LineChannel() = default;

namespace {

using line::Counters;
using line::LineInbox;
using line::LoadingWatchdog;
using line::log_line;
using line::Work;
using line::WorkKind;
using nlohmann::json;

// LINE bodies are small (a few KiB); 1 MiB leaves room for 100+ events and still bounds
// what one request can make us hash, parse and store.
constexpr std::size_t kMaxBodyBytes = 1024 * 1024;
// Above /callback's own limit, so that the handler (not httplib) answers 413 with a JSON
// reason for 1..2 MiB, and httplib stops reading anything larger.
constexpr std::size_t kServerPayloadLimit = 2 * 1024 * 1024;
constexpr int kWorkerNice = 5;
// Processing an event that was started this many times without finishing is abandoned.
constexpr int kMaxAttempts = 3;
// A claim that could not be written (a full disk) is tried again after this long.
constexpr int kClaimRetryMs = 500;

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

// A request from the loopback interface that no proxy forwarded (a reverse proxy on the same
// host connects from loopback too, but adds one of these headers; Caddy and nginx with the
// configuration in docs/line-channel.md do).
bool direct_from_this_host(const httplib::Request& req) {
  const std::string& from = req.remote_addr;
  const bool loopback =
      from == "::1" || from.rfind("127.", 0) == 0 || from.rfind("::ffff:127.", 0) == 0;
  if (!loopback)
    return false;
  for (const char* forwarded : {"X-Forwarded-For", "Forwarded", "X-Real-IP", "Via"}) {
    if (req.has_header(forwarded))
      return false;
  }
  return true;
}

class LineChannelImpl final : public LineChannel {
 public:
  LineChannelImpl(bot::Engine& engine, LineOptions options, std::unique_ptr<LineInbox> inbox)
      : engine_(engine),
        options_(std::move(options)),
        inbox_(std::move(inbox)),
        queues_(static_cast<std::size_t>(std::max(1, options_.workers)), stopping_),
        // Senders read watchdog_ without its lock: stop() joins them before resetting it.
        senders_(options_, counters_,
                 // A sender's batch whose write fails is counted and let go: its rows stay
                 // pending, and the next start answers them again by push (LINE may show that
                 // answer twice), never not at all.
                 {[this](Done& done) {
                    if (!flush(done)) {
                      count_outcomes(done);
                      done.clear();
                    }
                  },
                  [this] { return claiming_workers_.load() > 0; },
                  [this](const std::string& chat) { watchdog_->sent(chat); }}) {}

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
    server.Get("/metrics/line", [this](const httplib::Request& req, httplib::Response& res) {
      // For operators on this machine: anything else (another host, or any request a proxy
      // forwarded) is told there is no such route.
      if (!direct_from_this_host(req)) {
        send_json_error(res, 404, "not_found", "path: no such route");
        return;
      }
      res.set_content(metrics_json(), "application/json");
    });
  }

  std::string metrics_json() const override { return counters_.to_json(); }

  Status notify(const std::string& to, const std::string& text) override {
    if (options_.channel_secret.empty())
      return Error::unavailable("line", "the LINE channel is not configured");
    if (to.empty() || text.empty())
      return Error::invalid_argument("to", "a push needs a user id and a text");
    auto id = random_id(16);
    if (!id.ok())
      return id.error();
    Work work;
    work.kind = WorkKind::kNotify;
    work.to = to;
    work.text = text;
    line::InboxItem item;
    item.event_id = "notify-" + id.value();
    item.event_type = "notify";
    item.payload = line::to_payload(work);
    Result<line::AcceptResult> accepted = inbox_->accept({item}, {}, now_ms());
    if (!accepted.ok())
      return accepted.error();
    counters_.add("notify.queued");
    std::vector<line::QueueItem> queued;
    for (int64_t row : accepted->inserted)
      queued.push_back({row, "", false});
    queues_.enqueue(queued);
    return {};
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
    // Events a crash (or a stop) left unprocessed are answered first, crisis and check first.
    Result<std::vector<line::PendingRef>> pending = inbox_->pending();
    if (pending.ok()) {
      if (!pending->empty()) {
        log_line("resuming " + std::to_string(pending->size()) + " pending event(s)");
      }
      std::vector<line::QueueItem> items;
      items.reserve(pending->size());
      for (line::PendingRef& p : *pending)
        items.push_back({p.id, std::move(p.user_hash), p.risk > 0});
      queues_.enqueue(items);
    } else {
      log_line("cannot read pending events: " + pending.error().to_string());
    }
    senders_.start();
    for (std::size_t i = 0; i < queues_.size(); ++i) {
      workers_.emplace_back([this, i] { worker_loop(i); });
    }
    running_ = true;
  }

  void stop() override {
    std::lock_guard<std::mutex> lock(lifecycle_mu_);
    if (!running_)
      return;
    stopping_.store(true);
    queues_.wake_all();
    // The senders first: a worker waiting for room to hand over an answer is let go.
    senders_.stop();
    for (std::thread& t : workers_)
      t.join();
    workers_.clear();
    {
      // Queued ids stay pending in the inbox; a later start() picks them up again.
      std::unique_lock<std::mutex> wlock(watchdog_mu_);
      watchdog_.reset();
    }
    queues_.clear();
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

    const line::Intake in =
        line::take_in(cb->events, options_.channel_secret, counters_,
                      [this](std::string_view text) { return engine_.risk_level(text); });
    // Durable before the 200: once LINE hears 200 it will not send the event again.
    Result<line::AcceptResult> accepted = inbox_->accept(in.items, in.unsent, now_ms());
    if (!accepted.ok()) {
      // 503 so that LINE (with redelivery on) sends the batch again; nothing was written.
      counters_.add("inbox.write_failed");
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
    std::vector<line::QueueItem> work;
    work.reserve(accepted->inserted.size());
    const auto due =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.loading_after_ms);
    for (std::size_t i = 0; i < accepted->inserted.size(); ++i) {
      const std::size_t item = accepted->inserted_items[i];
      // Crisis and check messages jump the queue (keeping each person's order).
      work.push_back({accepted->inserted[i], accepted->inserted_keys[i], in.items[item].risk > 0});
      const std::string& chat = in.loading_chat[item];
      if (!chat.empty())
        arm_loading(accepted->inserted[i], due, chat);
    }
    queues_.enqueue(work);
    res.status = 200;
    res.set_content("{}", "application/json");
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
    const std::size_t batch = static_cast<std::size_t>(std::max(1, options_.batch));
    std::vector<int64_t> ids;
    Done done;              // answered, not yet recorded
    bool claiming = false;  // counted in claiming_workers_
    const auto take_sent = [&] {
      Done sent = senders_.take_outcomes();
      done.insert(done.end(), sent.begin(), sent.end());
    };
    // Nothing else waiting: record what was answered (here and by the senders) before going
    // idle. Uncounted first, so that a sender finishing after this records its own.
    const auto record_before_idle = [&] {
      if (claiming) {
        claiming = false;
        claiming_workers_.fetch_sub(1);
      }
      take_sent();
      if (done.empty())
        return false;
      // A failed write keeps `done` for the next claim; looking again at once would spin.
      return flush(done);
    };
    // Whatever is waiting, up to `batch`: one inbox write records the answers of the
    // previous batch (and what the senders sent meanwhile) and claims them all. With one
    // event at a time this is one write per event as before; under a backlog it saves two
    // commits per event.
    while (!(ids = queues_.next(index, ids, batch, record_before_idle)).empty()) {
      if (!claiming) {
        claiming = true;
        claiming_workers_.fetch_add(1);
      }
      take_sent();
      process_batch(ids, done);
    }
    if (claiming)
      claiming_workers_.fetch_sub(1);
    take_sent();
    flush(done);
  }

  using Done = std::vector<std::pair<int64_t, std::string>>;

  // Outcomes are counted once their write was tried (tests and operators read the counters
  // as "recorded").
  void count_outcomes(const Done& done) {
    for (const auto& [id, outcome] : done)
      counters_.add("outcome." + outcome);
  }

  // Waits `ms` in short steps; false as soon as the channel is stopping.
  bool pause_unless_stopping(std::chrono::milliseconds ms) {
    const auto until = std::chrono::steady_clock::now() + ms;
    while (std::chrono::steady_clock::now() < until) {
      if (stopping_.load())
        return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return !stopping_.load();
  }

  // Records `done`; false (and `done` kept, to go with the next claim) when the write failed.
  bool flush(Done& done) {
    if (done.empty())
      return true;
    const Status s = inbox_->complete(done);
    if (!s.ok()) {
      // A full disk, say. Until a later write records them the rows stay pending with their
      // reply marked as attempted: if the process stops first, the next start() answers them
      // again by push (LINE may show that answer twice), never not at all.
      log_line("inbox complete failed for " + std::to_string(done.size()) +
               " event(s): " + s.error().to_string());
      return false;
    }
    count_outcomes(done);
    done.clear();
    return true;
  }

  // Claims `ids` (recording `done` in the same write) and answers them; their outcomes are
  // appended to `done`. A claim that cannot be written (a full disk) is tried again every
  // kClaimRetryMs until it is or the channel stops: these events were acknowledged to LINE,
  // so they must not wait for the next start.
  void process_batch(const std::vector<int64_t>& ids, Done& done) {
    Result<std::vector<std::optional<line::InboxRow>>> begun = inbox_->begin(ids, done);
    for (bool logged = false; !begun.ok(); begun = inbox_->begin(ids, done)) {
      counters_.add("inbox.claim_failed");
      if (!logged)
        log_line("inbox claim failed (retrying): " + begun.error().to_string());
      logged = true;
      if (!pause_unless_stopping(std::chrono::milliseconds(kClaimRetryMs)))
        return;  // stopping: the rows stay pending for the next start()
    }
    count_outcomes(done);
    done.clear();
    for (std::size_t i = 0; i < ids.size(); ++i) {
      // Stopping: the rest stay pending (claimed, so a later start() answers them by push).
      if (stopping_.load())
        return;
      const std::optional<line::InboxRow>& row = (*begun)[i];
      if (row.has_value()) {
        if (std::optional<std::string> outcome = process(*row)) {
          done.emplace_back(row->id, std::move(*outcome));
        }
      } else {
        watchdog_->disarm(ids[i]);  // already done (e.g. an unsend): no animation
      }
    }
  }

  // Answers one claimed row; returns its outcome, nullopt when the answer went to the senders
  // (they record it) or when stopping (it stays pending).
  std::optional<std::string> process(const line::InboxRow& row) {
    const int64_t id = row.id;
    if (row.attempts >= kMaxAttempts) {
      // Started this often and never finished: something in it stops the process (or the
      // engine) every time. Give up on it rather than fail on every start.
      log_line("giving up on " + row.event_id + " after " + std::to_string(row.attempts) +
               " interrupted attempts");
      watchdog_->disarm(id);
      return std::string("abandoned");
    }
    if (row.unreadable) {
      // Sealed under another key (the channel secret changed): nothing can be answered.
      log_line("cannot open the payload of " + row.event_id + " (another channel secret?)");
      watchdog_->disarm(id);
      return std::string("unreadable");
    }
    Work work = line::from_payload(row.payload);

    std::optional<std::string> outcome;
    std::string risk;
    const char* const kind = line::work_kind_name(work.kind);
    switch (work.kind) {
      case WorkKind::kNone:
        outcome = "none";
        break;
      case WorkKind::kUnfollow: {
        const Status s = engine_.erase(bot::channel_user_id(bot::Channel::kLine, work.user_id));
        outcome = s.ok() ? "erased" : "erase_failed";
        if (!s.ok())
          log_line("erase failed for " + row.event_id + ": " + s.error().code_name());
        break;
      }
      case WorkKind::kGroupNote:
        send(row, std::move(work), line::group_note_messages(), "");
        break;
      case WorkKind::kNotify: {
        std::string messages = dump(json::array({json{{"type", "text"}, {"text", work.text}}}));
        send(row, std::move(work), std::move(messages), "");
        break;
      }
      default: {
        std::string messages = answer(row, work, risk);
        if (messages.empty()) {
          if (work.loading && !work.to.empty())
            watchdog_->sent(work.to);
          outcome = "none";
        } else {
          send(row, std::move(work), std::move(messages), risk);
        }
        break;
      }
    }
    // The senders report the events they answer themselves.
    if (outcome && options_.on_event) {
      options_.on_event({row.event_id, kind, *outcome, risk,
                         static_cast<double>(std::max<int64_t>(0, now_ms() - row.received_ms))});
    }
    return outcome;
  }

  // Runs the engine; returns the LINE messages (JSON array text), "" when nothing to send.
  // `risk` gets the answer's risk level.
  std::string answer(const line::InboxRow& row, const Work& work, std::string& risk) {
    const std::optional<bot::Input> input = line::to_engine_input(work);
    if (!input)
      return {};
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
    Result<bot::Reply> reply =
        engine_.handle(bot::channel_user_id(bot::Channel::kLine, work.user_id), *input);
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
    risk = intents::risk_level_name(reply->risk);
    const json messages = render_line_messages(*reply, LineRenderOptions{/*location=*/true});
    if (!messages.is_array() || messages.empty())
      return {};
    return dump(messages);
  }

  // Hands `messages` for the event to the senders (reply, then push; see line_send.h), which
  // record its outcome. Crisis and check answers go first.
  void send(const line::InboxRow& row, Work work, std::string messages, std::string risk) {
    line::Answer a;
    a.risk = std::move(risk);
    a.row = row;
    a.row.payload.clear();
    work.text.clear();
    work.data.clear();
    a.key = work.to;  // the chat: its answers go out in order
    a.work = std::move(work);
    a.messages = std::move(messages);
    a.urgent = row.risk > 0;
    senders_.submit(std::move(a));
  }

  bot::Engine& engine_;
  const LineOptions options_;
  std::unique_ptr<LineInbox> inbox_;
  std::atomic<bool> stopping_{false};  // before queues_, which reads it
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

  line::WorkQueues queues_;  // one per worker
  // Workers between two claims: the senders leave their outcomes to them meanwhile.
  std::atomic<int> claiming_workers_{0};
  line::Senders senders_;  // last: its threads use the members above
};

}  // namespace

Result<std::unique_ptr<LineChannel>> LineChannel::create(bot::Engine& engine,
                                                         const LineOptions& options) {
  LineOptions opts = options;
  if (opts.inbox_db.empty())
    opts.inbox_db = ":memory:";
  while (!opts.api_base.empty() && opts.api_base.back() == '/')
    opts.api_base.pop_back();
  if (opts.api_base.rfind("http://", 0) != 0 && opts.api_base.rfind("https://", 0) != 0) {
    return Error::invalid_argument("SHIRUBE_LINE_API_BASE", "expected an http:// or https:// URL");
  }
  if (!opts.channel_secret.empty() && opts.access_token.empty()) {
    // Webhooks are still verified and recorded; every answer will be refused by LINE (401).
    log_line("LINE_CHANNEL_ACCESS_TOKEN is not set: answers cannot be sent");
  }
  Result<std::unique_ptr<LineInbox>> inbox =
      LineInbox::open(opts.inbox_db, LineInbox::seal_key_for(opts.channel_secret),
                      opts.inbox_sync_full ? line::InboxSync::kFull : line::InboxSync::kNormal);
  if (!inbox.ok())
    return inbox.error();
  return std::unique_ptr<LineChannel>(
      new LineChannelImpl(engine, std::move(opts), std::move(inbox).value()));
}

}  // namespace shirube::webhooks