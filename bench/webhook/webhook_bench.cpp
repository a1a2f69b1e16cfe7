// LINE webhook load generator. Over 500 lines on purpose: its four servers, three modes and
// the report share one set of counters and one timeline, read together when a figure is doubted.
//
//   shirube_bench_webhook [--seconds S] [--rate R] [--threads T] [--texts "a|b|..."]
//   shirube_bench_webhook --burst N [--latency MS] [--threads T]
//   shirube_bench_webhook --connections "16,64" [--seconds S]
//
// In one process, on loopback only:
//   1. a fake LINE API that counts answers (reply calls);
//   2. a bare cpp-httplib "hello" server (POST /callback -> 200 {}), the ceiling of this
//      HTTP stack on this machine: paced at R req/s, then as fast as T keep-alive clients go;
//   3. a relay reference: a bare httplib server that acknowledges at once and has 4 threads
//      send one reply per event to the fake LINE API (no signature, storage or engine), the
//      ceiling of "one webhook in, one reply out" on this stack, as fast as the clients go;
//   4. the real thing, wired like `shirube serve` (bundled knowledge base, engine,
//      LineChannel, install_routes, the inbox in its own file): paced at R events/s, then as
//      fast as the clients go.
// Every webhook is signed and carries a unique webhookEventId (one text message each, from
// 500 rotating users; five texts by default, see bench_texts()). Acknowledgement latency is
// measured per request from the moment it is sent (closed-loop clients: when a client falls
// behind its schedule it sends at once, and the achieved rate is reported). "Processed"
// means the answer reached the fake LINE API.
// Duration is bounded: about 4 x S seconds plus the drain (at most 120 s).
// --burst N: a backlog instead. The fake LINE API takes --latency ms (default 30) per reply
// or push; N events (default texts) are sent as fast as T clients go, then one crisis
// message (「死にたい」, from a person not in the burst). Reported: when that message's answer
// reached the fake LINE API (from its send), how it went (reply or push), how long the burst
// took to answer and how much of it missed the reply window (answered by push).
// --connections "C1,C2,...": first shirube as served at --rate from 4 clients, inbox NORMAL
// then FULL (acknowledgement latency at a steady load); then saturation. For each count C, C
// closed-loop keep-alive clients send signed webhooks as fast as they go for S seconds against, in
// turn: the bare httplib "hello" server (one thread per connection, so that none waits for a
// thread; reconnecting after 1,000 requests like serve's front, then never); shirube wired exactly
// like `shirube serve` (GuardedServer with serve's 16 HTTP workers) with the inbox at PRAGMA
// synchronous NORMAL, then FULL; and, for the evidence of earlier stalls, shirube on a plain
// httplib::Server with 8 threads (the wiring of the default phases). Each shirube phase drains
// before the next. Reported: acknowledged, acknowledged/s, p50/p99/max, answered/s (first send to
// last answer) and ratios to the first hello row within the same run. Diagnostics:
// BENCH_NO_WORKERS=1 measures acknowledgement alone (events stay pending); BENCH_LINE_SENDERS=N
// sets LineOptions::senders (default 64); BENCH_SKIP_HELLO=1 runs only shirube's phases (no hello
// or relay reference); BENCH_SHARED_INBOX=1 puts the inbox in the knowledge base / session file (as
// before `serve` gave the inbox its own file).

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

#include "bot/engine.h"
#include "common/crypto.h"
#include "knowledge/knowledge_base.h"
#include "webhooks/http_guard.h"
#include "webhooks/line_channel.h"
#include "webhooks/line_signature.h"
#include "webhooks/server.h"

#include <sys/resource.h>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;
constexpr const char* kSecret = "bench_channel_secret";

struct Options {
  double seconds = 5;
  int rate = 2000;
  int threads = 4;
  int burst = 0;                 // > 0: the burst scenario with this many events
  int latency_ms = 30;           // burst: the fake LINE API's time per reply or push
  std::vector<int> connections;  // non-empty: the saturation scenario, one pass per count
};

struct Request {
  std::string body;
  std::string signature;
};

struct PhaseResult {
  std::size_t sent = 0;
  std::size_t ok = 0;
  double elapsed_s = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
  double rate() const { return elapsed_s > 0 ? static_cast<double>(ok) / elapsed_s : 0; }
};

// The texts people send, in turn. The default five (a greeting and four needs the intent
// matcher places, each answered with the area question) are the mix of every earlier run;
// --texts "a|b|..." replaces them (e.g. a service's name, answered by the directory's
// free-text search with a carousel of cards: a heavier turn).
std::vector<std::string>& bench_texts() {
  static std::vector<std::string> texts = {"こんにちは", "ごはんに困っています",
                                           "仕事をさがしています", "家賃が払えない",
                                           "ひとりでさみしい"};
  return texts;
}

std::vector<Request> make_requests(std::size_t n, std::size_t offset) {
  const std::vector<std::string>& texts = bench_texts();
  std::vector<Request> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t k = i + offset;
    char event_id[32];
    std::snprintf(event_id, sizeof event_id, "01HBENCH%018zu", k);
    char user[40];
    std::snprintf(user, sizeof user, "U%032zu", k % 500);
    std::string body = std::string("{\"destination\":\"U0123456789abcdef0123456789abcdef\",") +
                       "\"events\":[{\"type\":\"message\",\"mode\":\"active\",\"timestamp\":" +
                       "1700000000000,\"webhookEventId\":\"" + event_id +
                       "\",\"deliveryContext\":{\"isRedelivery\":false},\"replyToken\":\"rt" +
                       event_id + "\",\"source\":{\"type\":\"user\",\"userId\":\"" + user +
                       "\"},\"message\":{\"id\":\"" + std::to_string(100000000000 + k) +
                       "\",\"type\":\"text\",\"quoteToken\":\"q\",\"text\":\"" +
                       texts[k % texts.size()] + "\"}}]}";
    std::string sig = shirube::webhooks::line::sign(kSecret, body);
    out.push_back({std::move(body), std::move(sig)});
  }
  return out;
}

// Sends `reqs` from `threads` keep-alive clients; `rate` > 0 paces the total rate, 0 = as
// fast as possible until `seconds` have passed (or the requests run out).
PhaseResult run_load(int port, const std::vector<Request>& reqs, int threads, int rate,
                     double seconds) {
  std::atomic<std::size_t> next{0};
  std::mutex mu;
  std::vector<double> latencies;
  std::atomic<std::size_t> ok{0};
  const auto start = Clock::now();
  const auto stop_at =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(std::max(threads, 0)));
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      httplib::Client cli("127.0.0.1", port);
      cli.set_keep_alive(true);
      cli.set_tcp_nodelay(true);
      cli.set_read_timeout(std::chrono::seconds(10));
      std::vector<double> local;
      const double per_thread = rate > 0 ? static_cast<double>(rate) / threads : 0;
      std::size_t mine = 0;
      for (;;) {
        if (Clock::now() >= stop_at)
          break;
        if (per_thread > 0) {
          const auto due =
              start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(
                          (static_cast<double>(mine) + 0.5 * t / threads) / per_thread));
          if (due >= stop_at)
            break;
          std::this_thread::sleep_until(due);
        }
        const std::size_t i = next.fetch_add(1);
        if (i >= reqs.size())
          break;
        ++mine;
        const auto t0 = Clock::now();
        auto res = cli.Post("/callback", {{"x-line-signature", reqs[i].signature}}, reqs[i].body,
                            "application/json");
        const auto t1 = Clock::now();
        if (res && res->status == 200) {
          ++ok;
          local.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        }
      }
      std::lock_guard<std::mutex> lock(mu);
      latencies.insert(latencies.end(), local.begin(), local.end());
    });
  }
  for (auto& th : pool)
    th.join();
  PhaseResult r;
  r.elapsed_s = std::chrono::duration<double>(Clock::now() - start).count();
  r.sent = std::min(next.load(), reqs.size());
  r.ok = ok.load();
  std::sort(latencies.begin(), latencies.end());
  auto pct = [&](double p) {
    if (latencies.empty())
      return 0.0;
    const auto idx = static_cast<std::size_t>(p * static_cast<double>(latencies.size() - 1));
    return latencies[idx];
  };
  r.p50_ms = pct(0.50);
  r.p99_ms = pct(0.99);
  r.max_ms = latencies.empty() ? 0 : latencies.back();
  return r;
}

class Listening {
 public:
  explicit Listening(httplib::Server& s) : Listening(s, s.bind_to_any_port("127.0.0.1")) {}
  // `s` already bound to `port` (GuardedServer binds with its own wider backlog).
  Listening(httplib::Server& s, int port) : s_(s), port_(port) {
    thread_ = std::thread([this] { s_.listen_after_bind(); });
    while (!s_.is_running())
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~Listening() {
    s_.stop();
    thread_.join();
  }
  Listening(const Listening&) = delete;
  Listening& operator=(const Listening&) = delete;
  int port() const { return port_; }

 private:
  httplib::Server& s_;
  int port_;
  std::thread thread_;
};

// The reference for "one webhook in, one reply out": a bare httplib server that answers
// POST /callback with 200 at once and hands the body to `workers` threads, each posting one
// small reply to the fake LINE API over its own keep-alive connection. No signature, no
// storage, no engine: the ceiling of any design that answers every event with one Reply API
// call on this HTTP stack and machine.
class Relay {
 public:
  Relay(int sink_port, int workers) {
    server_.new_task_queue = [] { return new httplib::ThreadPool(8); };
    server_.set_tcp_nodelay(true);
    server_.set_keep_alive_max_count(1000);
    server_.Post("/callback", [this](const httplib::Request& req, httplib::Response& res) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        queue_.push_back(req.body.size());
      }
      cv_.notify_one();
      res.set_content("{}", "application/json");
    });
    for (int i = 0; i < workers; ++i) {
      threads_.emplace_back([this, sink_port] {
        httplib::Client cli("127.0.0.1", sink_port);
        cli.set_keep_alive(true);
        cli.set_tcp_nodelay(true);
        for (;;) {
          {
            std::unique_lock<std::mutex> lock(mu_);
            cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (stopping_ && queue_.empty())
              return;
            queue_.pop_front();
          }
          cli.Post("/v2/bot/message/reply",
                   R"({"replyToken":"rt","messages":[{"type":"text","text":"ok"}]})",
                   "application/json");
        }
      });
    }
  }
  ~Relay() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_)
      t.join();
  }
  Relay(const Relay&) = delete;
  Relay& operator=(const Relay&) = delete;
  httplib::Server& server() { return server_; }

 private:
  httplib::Server server_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::size_t> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

// What sealing the inbox payload costs one event: seal it on acceptance, open it when the
// worker claims it (AES-256-GCM and base64, as LineInbox does), on a payload of the size a
// text message makes. µs per event, on one thread.
double sealing_us_per_event() {
  const std::string key = shirube::crypto::hmac_sha256("bench", "key");
  const std::string payload =
      R"({"k":"text","u":"U4af4980629aaaaaaaaaaaaaaaaaaaaaa","to":"U4af4980629aaaaaaaaaaaaaaaaaaaaaa",)"
      R"("rt":"nHuyWiB7yP5Zw52FIkcQobQuGDXCTA","t":"家賃が払えなくて困っています","l":true})";
  constexpr int kRounds = 20000;
  std::size_t opened = 0;
  const auto t0 = Clock::now();
  for (int i = 0; i < kRounds; ++i) {
    const std::string stored = shirube::crypto::base64_encode(shirube::crypto::seal(key, payload));
    const auto raw = shirube::crypto::base64_decode(stored);
    opened += raw ? shirube::crypto::open_sealed(key, *raw).value_or("").size() : 0;
  }
  const double us = std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
  return opened == payload.size() * kRounds ? us / kRounds : -1;
}

// CPU time of the whole process (every thread: load generator, servers, fake LINE API), s.
struct Cpu {
  double user = 0;
  double sys = 0;
};
Cpu process_cpu() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  auto sec = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return {sec(u.ru_utime), sec(u.ru_stime)};
}
// CPU per event since `from`, in µs (user, system).
Cpu cpu_per_event_us(const Cpu& from, std::size_t events) {
  const Cpu now = process_cpu();
  const double n = std::max(1.0, static_cast<double>(events));
  return {(now.user - from.user) * 1e6 / n, (now.sys - from.sys) * 1e6 / n};
}

void print_phase(const char* name, const PhaseResult& r) {
  std::printf("| %s | %zu | %.0f | %.2f | %.2f | %.2f |\n", name, r.ok, r.rate(), r.p50_ms,
              r.p99_ms, r.max_ms);
}

void parse_options(int argc, char** argv, Options& opt) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    if (k == "--seconds")
      opt.seconds = std::atof(argv[i + 1]);
    if (k == "--rate")
      opt.rate = std::atoi(argv[i + 1]);
    if (k == "--threads")
      opt.threads = std::atoi(argv[i + 1]);
    if (k == "--burst")
      opt.burst = std::atoi(argv[i + 1]);
    if (k == "--latency")
      opt.latency_ms = std::atoi(argv[i + 1]);
    if (k == "--connections") {
      for (const char* p = argv[i + 1]; *p != '\0';) {
        char* end = nullptr;
        const long n = std::strtol(p, &end, 10);
        if (end == p)
          break;
        opt.connections.push_back(static_cast<int>(std::clamp(n, 1L, 256L)));
        p = *end == ',' ? end + 1 : end;
      }
    }
    if (k == "--texts") {
      // Plain text only: the body is built by concatenation, so no quotes or backslashes.
      std::vector<std::string> texts;
      std::string all = argv[i + 1];
      for (std::size_t start = 0;;) {
        const std::size_t bar = all.find('|', start);
        const std::string t = all.substr(start, bar == std::string::npos ? bar : bar - start);
        if (!t.empty() && t.find_first_of("\"\\") == std::string::npos)
          texts.push_back(t);
        if (bar == std::string::npos)
          break;
        start = bar + 1;
      }
      if (!texts.empty())
        bench_texts() = texts;
    }
  }
  opt.seconds = std::clamp(opt.seconds, 1.0, 30.0);
  opt.threads = std::clamp(opt.threads, 1, 256);
  opt.rate = std::clamp(opt.rate, 1, 100000);
  opt.burst = std::clamp(opt.burst, 0, 200000);
  opt.latency_ms = std::clamp(opt.latency_ms, 0, 10000);
}

// 1. The fake LINE API: counts answers and the time of the last one.
// With `latency_ms` > 0 each reply and push takes that long (a LINE API far away), and the
// first answer whose body contains `watch` is timed.
class FakeLineApi {
 public:
  explicit FakeLineApi(int latency_ms = 0, std::string watch = "")
      : latency_ms_(latency_ms), watch_(std::move(watch)) {
    // httplib gives each keep-alive connection a thread of its own while it is open: one per
    // sender thread of the channel (LineOptions::senders, at most 256) and more.
    sink_.new_task_queue = [] { return new httplib::ThreadPool(300); };
    sink_.set_tcp_nodelay(true);
    auto count = [this](const httplib::Request& req, httplib::Response& res) {
      if (latency_ms_ > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(latency_ms_));
      const int64_t now = Clock::now().time_since_epoch().count();
      if (req.path == "/v2/bot/message/push")
        ++pushes_;
      if (!watch_.empty() && req.body.find(watch_) != std::string::npos) {
        int64_t none = 0;
        watched_ns_.compare_exchange_strong(none, now);
        watched_push_ = req.path == "/v2/bot/message/push";
      }
      ++answers_;
      last_answer_ns_ = now;
      res.set_content("{}", "application/json");
    };
    sink_.Post("/v2/bot/message/reply", count);
    sink_.Post("/v2/bot/message/push", count);
    sink_.Post("/v2/bot/chat/loading/start",
               [this](const httplib::Request&, httplib::Response& res) {
                 ++loading_calls_;
                 res.status = 202;
                 res.set_content("{}", "application/json");
               });
    on_ = std::make_unique<Listening>(sink_);
  }
  FakeLineApi(const FakeLineApi&) = delete;
  FakeLineApi& operator=(const FakeLineApi&) = delete;

  int port() const { return on_->port(); }
  std::size_t answers() const { return answers_.load(); }
  std::size_t loading_calls() const { return loading_calls_.load(); }
  std::size_t pushes() const { return pushes_.load(); }
  // When the watched answer arrived (nullopt: not yet), and whether it came by push.
  std::optional<Clock::time_point> watched() const {
    const int64_t ns = watched_ns_.load();
    if (ns == 0)
      return std::nullopt;
    return Clock::time_point(Clock::duration(ns));
  }
  bool watched_by_push() const { return watched_push_.load(); }

  // Waits until `target` answers have come (at most 120 s); seconds from `from` to the last.
  double drain(std::size_t target, Clock::time_point from) const {
    const auto deadline = Clock::now() + std::chrono::seconds(120);
    while (answers_.load() < target && Clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    const auto last = Clock::time_point(Clock::duration(last_answer_ns_.load()));
    return std::chrono::duration<double>(last - from).count();
  }

 private:
  std::atomic<std::size_t> answers_{0};
  std::atomic<int64_t> last_answer_ns_{0};
  std::atomic<std::size_t> loading_calls_{0};
  std::atomic<std::size_t> pushes_{0};
  const int latency_ms_;
  const std::string watch_;
  std::atomic<int64_t> watched_ns_{0};
  std::atomic<bool> watched_push_{false};
  httplib::Server sink_;
  std::unique_ptr<Listening> on_;  // stops the server before it is destroyed
};

// 2. The hello server, paced and at the maximum.
struct Hello {
  PhaseResult paced;
  PhaseResult max;
  Cpu cpu;  // CPU per request (all threads), µs
};

Hello measure_hello(const Options& opt, std::size_t paced_n, std::size_t max_n) {
  Hello h;
  httplib::Server hello;
  hello.new_task_queue = [] { return new httplib::ThreadPool(8); };
  hello.set_tcp_nodelay(true);
  hello.Post("/callback", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("{}", "application/json");
  });
  Listening on(hello);
  const auto reqs = make_requests(std::max(paced_n, max_n), 0);
  h.paced = run_load(on.port(), reqs, opt.threads, opt.rate, opt.seconds);
  const Cpu c0 = process_cpu();
  h.max = run_load(on.port(), reqs, opt.threads, 0, opt.seconds);
  h.cpu = cpu_per_event_us(c0, h.max.ok);
  return h;
}

// A phase that answers events: `reqs` as fast as the clients go, then the drain.
struct Processed {
  PhaseResult acked;
  std::size_t answered = 0;
  double rate = 0;  // events answered per second, first send to last answer
  Cpu cpu;          // process CPU per acknowledged event, drain included, µs
};

Processed process_max(const FakeLineApi& api, int port, const std::vector<Request>& reqs, int rate,
                      const Options& opt) {
  Processed p;
  const std::size_t before = api.answers();
  const auto t0 = Clock::now();
  const Cpu c0 = process_cpu();
  p.acked = run_load(port, reqs, opt.threads, rate, opt.seconds);
  const double s = api.drain(before + p.acked.ok, t0);
  p.cpu = cpu_per_event_us(c0, p.acked.ok);
  p.answered = api.answers() - before;
  p.rate = s > 0 ? static_cast<double>(p.answered) / s : 0;
  return p;
}

// shirube wired like `shirube serve` (bundled knowledge base, engine, LineChannel,
// install_routes, the inbox "<db>-line" in its own file) in a temporary directory, removed
// at the end.
// How a Wired instance is built: `guarded` = the HTTP front of `shirube serve`
// (GuardedServer, serve's default 16 workers) instead of an httplib::Server with 8 threads;
// `sync_full` = the inbox at PRAGMA synchronous FULL.
struct WiredOptions {
  bool guarded = false;
  bool sync_full = false;
};

class Wired {
 public:
  // nullptr (after a line on stderr) when it cannot start.
  static std::unique_ptr<Wired> create(const FakeLineApi& api, WiredOptions how = {}) {
    std::unique_ptr<Wired> w(new Wired());
    w->dir_ =
        (std::filesystem::temp_directory_path() / ("shirube-bench-" + std::to_string(::getpid())))
            .string();
    std::filesystem::create_directories(w->dir_);
    const std::string db = w->dir_ + "/bench.db";
    auto kb = shirube::knowledge::KnowledgeBase::open_with_bundled_data(db);
    if (!kb.ok())
      return failed(kb.error().message());
    w->kb_ = std::move(kb).value();
    shirube::bot::EngineOptions eo;
    eo.session_db = db;
    eo.user_key_secret = "bench-user-key";
    auto engine = shirube::bot::Engine::create(*w->kb_, eo);
    if (!engine.ok())
      return failed(engine.error().message());
    w->engine_ = std::move(engine).value();
    shirube::webhooks::LineOptions lo;
    lo.channel_secret = kSecret;
    lo.access_token = "bench-token";
    lo.api_base = "http://127.0.0.1:" + std::to_string(api.port());
    lo.inbox_db = std::getenv("BENCH_SHARED_INBOX") != nullptr ? db : db + "-line";
    if (const char* senders = std::getenv("BENCH_LINE_SENDERS"))
      lo.senders = std::clamp(std::atoi(senders), 1, 256);
    lo.inbox_sync_full = how.sync_full;
    auto channel = shirube::webhooks::LineChannel::create(*w->engine_, lo);
    if (!channel.ok())
      return failed(channel.error().message());
    w->channel_ = std::move(channel).value();
    if (how.guarded) {
      shirube::webhooks::HttpLimits limits;  // serve's defaults: 16 workers
      limits.log = [](const std::string&) {};
      w->guarded_ = std::make_unique<shirube::webhooks::GuardedServer>(std::move(limits));
    } else {
      w->plain_ = std::make_unique<httplib::Server>();
      w->plain_->new_task_queue = [] { return new httplib::ThreadPool(8); };
    }
    shirube::webhooks::ServerOptions so;
    so.log = [](const std::string&) {};
    shirube::webhooks::install_routes(
        w->server(), *w->engine_, [&kb = *w->kb_] { return kb.healthy(); }, w->channel_.get(), so);
    if (std::getenv("BENCH_NO_WORKERS") == nullptr)
      w->channel_->start();
    return w;
  }
  ~Wired() {
    if (channel_ != nullptr)
      channel_->stop();
    channel_.reset();
    engine_.reset();
    kb_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  Wired(const Wired&) = delete;
  Wired& operator=(const Wired&) = delete;
  httplib::Server& server() {
    return guarded_ != nullptr ? static_cast<httplib::Server&>(*guarded_) : *plain_;
  }
  // Binds (GuardedServer with its own listen backlog) and serves until destroyed.
  std::unique_ptr<Listening> listen() {
    if (guarded_ != nullptr)
      return std::make_unique<Listening>(*guarded_, guarded_->bind_to_any_port("127.0.0.1"));
    return std::make_unique<Listening>(*plain_);
  }

 private:
  Wired() = default;
  static std::unique_ptr<Wired> failed(const std::string& message) {
    std::fprintf(stderr, "bench: %s\n", message.c_str());
    return nullptr;
  }
  std::string dir_;
  std::unique_ptr<shirube::knowledge::KnowledgeBase> kb_;
  std::unique_ptr<shirube::bot::Engine> engine_;
  std::unique_ptr<shirube::webhooks::LineChannel> channel_;
  std::unique_ptr<httplib::Server> plain_;
  std::unique_ptr<shirube::webhooks::GuardedServer> guarded_;
};

// 4. shirube: paced, then at the maximum. An exit code when it cannot start, else nullopt.
std::optional<int> measure_shirube(const FakeLineApi& api, const Options& opt, std::size_t paced_n,
                                   std::size_t max_n, Processed& paced, Processed& line) {
  std::unique_ptr<Wired> wired = Wired::create(api);
  if (wired == nullptr)
    return 2;
  const std::unique_ptr<Listening> on = wired->listen();
  paced = process_max(api, on->port(), make_requests(paced_n, 1000000), opt.rate, opt);
  line = process_max(api, on->port(), make_requests(max_n, 2000000), 0, opt);
  return std::nullopt;
}

// The crisis message sent after the burst, from a person who is not in it.
Request crisis_request() {
  const std::string body =
      R"({"destination":"U0123456789abcdef0123456789abcdef","events":[{"type":"message",)"
      R"("mode":"active","timestamp":1700000000000,"webhookEventId":"01HBENCHCRISIS00000000000",)"
      R"("deliveryContext":{"isRedelivery":false},"replyToken":"rtCRISISWATCH",)"
      R"("source":{"type":"user","userId":"UCRISISWATCH000000000000000000000"},)"
      R"("message":{"id":"999999999999","type":"text","quoteToken":"q","text":"死にたい"}}]})";
  return {body, shirube::webhooks::line::sign(kSecret, body)};
}

// The burst scenario (--burst N): see the top of this file.
int run_burst(const Options& opt) {
  // The crisis answer is found by its reply token (reply) or its user id (push).
  const FakeLineApi api(opt.latency_ms, "CRISISWATCH");
  std::unique_ptr<Wired> wired = Wired::create(api);
  if (wired == nullptr)
    return 2;
  const std::unique_ptr<Listening> on = wired->listen();
  const auto reqs = make_requests(static_cast<std::size_t>(opt.burst), 4000000);
  const auto t0 = Clock::now();
  const PhaseResult acked = run_load(on->port(), reqs, opt.threads, 0, 1e9);
  const auto t_crisis = Clock::now();
  const PhaseResult crisis_ack = run_load(on->port(), {crisis_request()}, 1, 0, 1e9);
  const double drained = api.drain(acked.ok + crisis_ack.ok, t0);
  const std::optional<Clock::time_point> answered = api.watched();
  std::printf("burst=%d latency=%d ms threads=%d cores=%u\n", opt.burst, opt.latency_ms,
              opt.threads, std::thread::hardware_concurrency());
  std::printf("burst acknowledged in %.2f s (p99 %.1f ms); crisis acknowledged: %s\n",
              std::chrono::duration<double>(t_crisis - t0).count(), acked.p99_ms,
              crisis_ack.ok == 1 ? "yes" : "no");
  if (answered.has_value()) {
    std::printf("crisis answer %.3f s after it was sent, by %s\n",
                std::chrono::duration<double>(*answered - t_crisis).count(),
                api.watched_by_push() ? "push" : "reply");
  } else {
    std::printf("crisis answer: none within the drain\n");
  }
  std::printf("burst answered: %zu of %zu in %.2f s (%.0f events/s), by push: %zu (%.1f%%)\n",
              api.answers(), acked.ok + crisis_ack.ok, drained,
              drained > 0 ? static_cast<double>(api.answers()) / drained : 0.0, api.pushes(),
              api.answers() > 0
                  ? 100.0 * static_cast<double>(api.pushes()) / static_cast<double>(api.answers())
                  : 0.0);
  return 0;
}

// The saturation scenario (--connections): see the top of this file.
// `requests_per_connection`: httplib's keep-alive cap (a client reconnects after that many).
PhaseResult hello_with_threads(const std::vector<Request>& reqs, int connections, double seconds,
                               std::size_t requests_per_connection) {
  httplib::Server hello;
  hello.new_task_queue = [connections] {
    return new httplib::ThreadPool(static_cast<std::size_t>(connections) + 4);
  };
  hello.set_tcp_nodelay(true);
  hello.set_keep_alive_max_count(requests_per_connection);
  hello.Post("/callback", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("{}", "application/json");
  });
  Listening on(hello);
  return run_load(on.port(), reqs, connections, 0, seconds);
}

// One row of the saturation table; `hello` null for rows without a reference.
void overload_row(int connections, const char* name, const PhaseResult& r, double answered_rate,
                  const PhaseResult* hello) {
  std::printf("| %d | %s | %zu | %.0f | %.2f | %.2f | %.2f | ", connections, name, r.ok, r.rate(),
              r.p50_ms, r.p99_ms, r.max_ms);
  if (answered_rate > 0)
    std::printf("%.0f | ", answered_rate);
  else
    std::printf("- | ");
  if (hello != nullptr && hello->rate() > 0 && hello->p99_ms > 0)
    std::printf("%.2f | %.1f |\n", r.rate() / hello->rate(), r.p99_ms / hello->p99_ms);
  else
    std::printf("- | - |\n");
  std::fflush(stdout);
}

// shirube built `how`, loaded by `per.threads` clients at `rate` (0 = as fast as they go);
// false when it cannot start.
bool overload_shirube(const FakeLineApi& api, const char* name, WiredOptions how, int rate,
                      const Options& per, std::size_t& offset, const PhaseResult* hello) {
  std::unique_ptr<Wired> wired = Wired::create(api, how);
  if (wired == nullptr)
    return false;
  const std::unique_ptr<Listening> on = wired->listen();
  const std::size_t n = rate > 0 ? static_cast<std::size_t>(rate * per.seconds) + 16 : 200000;
  const Processed p = process_max(api, on->port(), make_requests(n, offset), rate, per);
  offset += 1000000;
  overload_row(per.threads, name, p.acked, p.rate, hello);
  if (p.answered < p.acked.ok)
    std::printf("  (%s: %zu of %zu acked events answered)\n", name, p.answered, p.acked.ok);
  return true;
}

int run_overload(const Options& opt) {
  const FakeLineApi api;
  std::printf("seconds=%.0f rate=%d cores=%u\n\n", opt.seconds, opt.rate,
              std::thread::hardware_concurrency());
  std::printf(
      "| connections | phase | acked | acked/s | p50 ms | p99 ms | max ms | answered/s | "
      "acked/s / hello | p99 / hello |\n|---|---|---|---|---|---|---|---|---|---|\n");
  std::size_t offset = 5000000;
  // The inbox's two settings at a steady rate from 4 clients, as served.
  Options paced = opt;
  paced.threads = 4;
  const std::string paced_normal =
      "shirube as served, paced " + std::to_string(opt.rate) + "/s, inbox NORMAL";
  const std::string paced_full =
      "shirube as served, paced " + std::to_string(opt.rate) + "/s, inbox FULL";
  if (!overload_shirube(api, paced_normal.c_str(), {true, false}, opt.rate, paced, offset,
                        nullptr) ||
      !overload_shirube(api, paced_full.c_str(), {true, true}, opt.rate, paced, offset, nullptr))
    return 2;
  for (const int c : opt.connections) {
    Options per = opt;
    per.threads = c;
    const std::vector<Request> reqs = make_requests(200000, 0);
    const PhaseResult hello = hello_with_threads(reqs, c, opt.seconds, 1000);
    overload_row(c, "hello (httplib, a thread per connection)", hello, 0, &hello);
    const PhaseResult uncapped = hello_with_threads(reqs, c, opt.seconds, 1000000);
    overload_row(c, "hello, never reconnecting (keep-alive uncapped)", uncapped, 0, &hello);
    const std::pair<const char*, WiredOptions> kinds[] = {
        {"shirube as served, inbox NORMAL", {true, false}},
        {"shirube as served, inbox FULL", {true, true}},
        {"shirube on httplib::Server, 8 threads, NORMAL", {false, false}},
    };
    for (const auto& [name, how] : kinds) {
      if (!overload_shirube(api, name, how, 0, per, offset, &hello))
        return 2;
    }
  }
  return 0;
}

void print_report(const Options& opt, const Hello& hello, const Processed& relay,
                  const Processed& paced, const Processed& line, std::size_t loading_calls) {
  std::printf("threads=%d seconds=%.0f rate=%d cores=%u\n\n", opt.threads, opt.seconds, opt.rate,
              std::thread::hardware_concurrency());
  std::printf(
      "| phase | acked | acked/s | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
  print_phase("hello, paced", hello.paced);
  print_phase("hello, max", hello.max);
  print_phase("relay (ack + 1 reply), max", relay.acked);
  print_phase("shirube /callback, paced", paced.acked);
  print_phase("shirube /callback, max", line.acked);
  std::printf("\npaced: %zu events answered, %.0f events/s fully processed\n", paced.acked.ok,
              paced.rate);
  std::printf("max: %zu of %zu acked events answered, sustained %.0f events/s fully processed\n",
              line.answered, line.acked.ok, line.rate);
  std::printf("relay reference: sustained %.0f events/s fully processed\n", relay.rate);
  std::printf(
      "CPU per event, max phases incl. drain (all threads), user + system: "
      "hello %.0f + %.0f us, relay %.0f + %.0f us, shirube %.0f + %.0f us\n",
      hello.cpu.user, hello.cpu.sys, relay.cpu.user, relay.cpu.sys, line.cpu.user, line.cpu.sys);
  std::printf("loading animations started: %zu\n", loading_calls);
  const double seal_us = sealing_us_per_event();
  std::printf(
      "inbox payload sealing (seal + open): %.2f us per event, %.1f%% of shirube's CPU "
      "per event\n",
      seal_us, 100.0 * seal_us / std::max(1.0, line.cpu.user + line.cpu.sys));
  std::printf("ratio sustained processing / hello max = %.2f\n",
              hello.max.rate() > 0 ? line.rate / hello.max.rate() : 0.0);
  std::printf("ratio relay reference / hello max = %.2f\n",
              hello.max.rate() > 0 ? relay.rate / hello.max.rate() : 0.0);
  std::printf("ratio sustained processing / relay reference = %.2f\n",
              relay.rate > 0 ? line.rate / relay.rate : 0.0);
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  parse_options(argc, argv, opt);
  if (opt.burst > 0)
    return run_burst(opt);
  if (!opt.connections.empty())
    return run_overload(opt);
  const FakeLineApi api;
  const std::size_t paced_n = static_cast<std::size_t>(opt.rate * opt.seconds) + 16;
  const std::size_t max_n = 200000;
  const bool references = std::getenv("BENCH_SKIP_HELLO") == nullptr;

  Hello hello;
  if (references)
    hello = measure_hello(opt, paced_n, max_n);
  // 3. The relay reference: acknowledge, then one reply call per event, nothing else.
  Processed relay;
  if (references) {
    Relay relay_server(api.port(), 4);
    Listening on(relay_server.server());
    relay = process_max(api, on.port(), make_requests(max_n, 3000000), 0, opt);
  }
  Processed paced;
  Processed line;
  if (const std::optional<int> failed = measure_shirube(api, opt, paced_n, max_n, paced, line))
    return *failed;
  print_report(opt, hello, relay, paced, line, api.loading_calls());
  return 0;
}
