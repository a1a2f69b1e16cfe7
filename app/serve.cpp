#include "app/serve.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>

#include <httplib.h>

#include "bot/engine.h"
#include "bot/food_store.h"
#include "bot/results_query.h"
#include "bot/worker_links.h"
#include "common/args.h"
#include "common/crypto.h"
#include "common/sqlite.h"
#include "intents/tree.h"
#include "knowledge/knowledge_base.h"
#include "webhooks/food_routes.h"
#include "webhooks/http_guard.h"
#include "webhooks/line_channel.h"
#include "webhooks/metrics.h"
#include "webhooks/ops_log.h"
#include "webhooks/server.h"
#include "webhooks/worker_push.h"
#include "webhooks/worker_routes.h"
#include "webhooks/worker_store.h"

#include "app/config.h"
#include <pthread.h>
#include <unistd.h>

namespace shirube::app {
namespace {

constexpr const char* kUsage =
    "usage: shirube serve [--host H] [--port P] [--db PATH] [--workers N]\n"
    "\n"
    "Serves the LINE webhook (POST /callback), the chat API (POST /api/v1/chat),\n"
    "GET /healthz and the web chat page (GET /).\n"
    "\n"
    "options:\n"
    "  --host H       address to listen on (default 127.0.0.1)\n"
    "  --port P       port, 0 = any free port (default 8080)\n"
    "  --db PATH      SQLite database; created from the bundled data on first start\n"
    "                 (default var/shirube.db)\n"
    "  --workers N    HTTP worker threads, 1-256 (default 16)\n"
    "\n"
    "environment:\n"
    "  LINE_CHANNEL_SECRET        channel secret; unset = /callback answers 503\n"
    "  LINE_CHANNEL_ACCESS_TOKEN  channel access token for replies\n"
    "  SHIRUBE_LINE_API_BASE      LINE API base URL (default https://api.line.me)\n"
    "  SHIRUBE_USER_KEY_SECRET    key for hashing user ids (default: generated and kept\n"
    "                             in the database)\n"
    "  SHIRUBE_LINE_API_TIMEOUT_MS, SHIRUBE_LINE_REPLY_WINDOW_MS, SHIRUBE_LINE_WORKERS,\n"
    "  SHIRUBE_LINE_SENDERS, SHIRUBE_LINE_LOADING_PER_SECOND  LINE tuning (docs/line-channel.md)\n"
    "  SHIRUBE_LINE_INBOX_SYNC    normal (default) or full: full also fsyncs the LINE inbox\n"
    "                             in every commit (survives a power loss; see README)\n"
    "  SHIRUBE_HTTP_REQUEST_TIMEOUT_MS  a request's headers and body must arrive within this\n"
    "                             (1000-120000, default 10000)\n"
    "  SHIRUBE_HTTP_MAX_CONNECTIONS     connections waiting for a request (16-768, default 256)\n"
    "  SHIRUBE_METRICS_LISTEN     HOST:PORT for GET /metrics (default: the main port, local\n"
    "                             requests only)\n"
    "  SHIRUBE_SHUTDOWN_DRAIN_MS  on SIGTERM, how long accepted LINE events may still be\n"
    "                             answered (0-600000, default 10000)\n"
    "A bad value (not a number, out of range, not a URL) stops the start (exit 2).\n"
    "\n"
    "On start it prints one line, 'shirube: listening on http://HOST:PORT'.\n"
    "SIGINT or SIGTERM stops it: no new connections, requests under way are answered, the\n"
    "LINE workers answer what was accepted (up to SHIRUBE_SHUTDOWN_DRAIN_MS; the rest stays\n"
    "in the inbox for the next start), then the databases are checkpointed.\n";

struct ServeArgs {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string db = "var/shirube.db";
  int workers = 16;
  bool help = false;
};

int fail(const std::string& reason) {
  std::fprintf(stderr, "shirube serve: %s\n", reason.c_str());
  return 2;
}

Status parse_args(const std::vector<std::string>& args, ServeArgs& out) {
  args::Parser parser;
  parser.text("--host", &out.host).integer("--port", &out.port, 0, 65535);
  parser.text("--db", &out.db).integer("--workers", &out.workers, 1, 256);
  Status s = parser.parse(args);
  out.help = parser.help();
  return s;
}

}  // namespace

namespace {

// The running parts, in the order they depend on each other.
struct App {
  std::shared_ptr<webhooks::Metrics> metrics = std::make_shared<webhooks::Metrics>();
  std::unique_ptr<knowledge::KnowledgeBase> kb;
  // Food-support applications: the engine takes them, the partner API reads them.
  std::shared_ptr<bot::FoodStore> food;
  // Workers linked over LINE: the engine links them, the food push reads them.
  std::shared_ptr<bot::WorkerLinks> links;
  std::unique_ptr<bot::Engine> engine;
  std::unique_ptr<webhooks::LineChannel> line;
};

Status ensure_parent_directory(const std::string& db) {
  if (db == ":memory:")
    return {};
  const std::filesystem::path parent = std::filesystem::path(db).parent_path();
  std::error_code ec;
  if (!parent.empty())
    std::filesystem::create_directories(parent, ec);
  if (ec)
    return Error::unavailable(db,
                              "cannot create directory " + parent.string() + ": " + ec.message());
  return {};
}

webhooks::LineOptions line_options_from(const Config& config, const std::string& db) {
  webhooks::LineOptions o;
  o.channel_secret = config.line_channel_secret;
  o.access_token = config.line_access_token;
  o.api_base = config.line_api_base;
  o.api_timeout_ms = config.line_api_timeout_ms;
  o.reply_window_ms = config.line_reply_window_ms;
  o.workers = config.line_workers;
  o.senders = config.line_senders;
  o.loading_per_second = config.line_loading_per_second;
  o.inbox_sync_full = config.line_inbox_sync_full;
  o.inbox_db = db == ":memory:" ? db : db + "-line";
  return o;
}

// Opens (and on first start fills) the knowledge base, loads the tree, checks coverage and
// creates the engine and the LINE channel.
Result<App> assemble(const ServeArgs& opts, const Config& config) {
  RETURN_IF_ERROR(ensure_parent_directory(opts.db));
  // A damaged file answers some queries and fails others, at random, for as long as it runs:
  // refuse it now, with a reason, rather than fail people later.
  for (const std::string& file : {opts.db, opts.db + "-line"}) {
    if (opts.db == ":memory:")
      break;
    if (Status s = sql::quick_check(file); !s.ok()) {
      return Error::invalid_argument(
          file, s.error().what() +
                    "; restore it from a backup, or move it away to start from the bundled data");
    }
  }
  App app;
  auto kb = knowledge::KnowledgeBase::open_with_bundled_data(opts.db);
  if (!kb.ok())
    return Error::unavailable(opts.db, kb.error().message());
  app.kb = std::move(kb).value();

  bot::EngineOptions engine_options;
  engine_options.session_db = opts.db;
  engine_options.user_key_secret = config.user_key_secret;
  ASSIGN_OR_RETURN(intents::Tree tree, intents::Tree::load_bundled());
  // Every answer in the tree must find someone to send people to, in every prefecture and
  // nationwide; an import that breaks this is caught before anyone is answered.
  RETURN_IF_ERROR(bot::validate_coverage(tree, *app.kb));
  bot::EngineParts parts;
  parts.tree = std::make_shared<const intents::Tree>(std::move(tree));
  ASSIGN_OR_RETURN(std::unique_ptr<bot::FoodStore> food, bot::FoodStore::open(opts.db));
  app.food = std::move(food);
  parts.food = app.food;
  // A linked worker's LINE user id is kept sealed under a key of the channel secret (like the
  // inbox's payloads, under a key of its own), only to push a new food request to them.
  if (!config.line_channel_secret.empty())
    engine_options.worker_link_seal_key =
        crypto::hmac_sha256(config.line_channel_secret, "shirube worker link seal v1");
  ASSIGN_OR_RETURN(std::unique_ptr<bot::WorkerLinks> links,
                   bot::WorkerLinks::open(opts.db, engine_options.worker_link_seal_key));
  app.links = std::move(links);
  parts.worker_links = app.links;
  ASSIGN_OR_RETURN(app.engine, bot::Engine::create(*app.kb, engine_options, std::move(parts)));
  webhooks::LineOptions line_options = line_options_from(config, opts.db);
  line_options.on_event = webhooks::line_event_observer(app.metrics, {});
  app.metrics->add_source(
      [inbox = line_options.inbox_db] { return webhooks::line_queue_exposition(inbox); });
  ASSIGN_OR_RETURN(app.line, webhooks::LineChannel::create(*app.engine, line_options));
  if (config.line_channel_secret.empty()) {
    std::fputs("shirube serve: LINE_CHANNEL_SECRET is not set; /callback answers 503\n", stderr);
  } else {
    // A new food request: its partner's LINE-linked workers hear of it (no personal data).
    app.food->set_on_submitted([links = app.links, line = app.line.get()](const std::string& org) {
      (void)webhooks::push_new_food_request(*links, org, "/worker/food",
                                            [line](const std::string& to, const std::string& text) {
                                              return line->notify(to, text);
                                            });
    });
  }
  return app;
}

// GET /healthz: the knowledge base answers; the disk holding the database has room (at least
// kMinFreeBytes available, and no write found it full in the last kFullSeconds); no other
// storage fault (a damaged page, an I/O error) was seen by any connection in the last minute;
// and the database file passes PRAGMA quick_check read afresh from the disk. The disk and the
// file are looked at at most once a second; in between the last result counts. A full disk
// is healthy again within kFullSeconds of space coming back, without a restart.
class Health {
 public:
  Health(knowledge::KnowledgeBase& kb, std::string db) : kb_(kb), db_(std::move(db)) {}
  bool operator()() {
    if (!kb_.healthy() || sql::storage_damage_within(kFaultSeconds) ||
        sql::disk_full_within(kFullSeconds))
      return false;
    std::lock_guard<std::mutex> lock(mu_);
    const auto now = std::chrono::steady_clock::now();
    if (!checked_ || now - last_check_ >= std::chrono::seconds(1)) {
      file_ok_ = has_room() && sql::quick_check(db_).ok();
      last_check_ = now;
      checked_ = true;
    }
    return file_ok_;
  }

 private:
  // True for ":memory:" and when the space cannot be read (the writes will tell).
  bool has_room() const {
    if (db_ == ":memory:")
      return true;
    std::error_code ec;
    std::filesystem::path dir = std::filesystem::path(db_).parent_path();
    const std::filesystem::space_info space =
        std::filesystem::space(dir.empty() ? std::filesystem::path(".") : dir, ec);
    return ec || space.available >= kMinFreeBytes;
  }
  static constexpr std::int64_t kFaultSeconds = 60;
  static constexpr std::int64_t kFullSeconds = 5;
  static constexpr std::uintmax_t kMinFreeBytes = 256 * 1024;
  knowledge::KnowledgeBase& kb_;
  const std::string db_;
  std::mutex mu_;
  bool checked_ = false;
  bool file_ok_ = true;
  std::chrono::steady_clock::time_point last_check_;
};

// What runs until a signal: the main server, the metrics listener (when it has an address
// of its own) and the LINE channel.
struct Running {
  httplib::Server& server;
  httplib::Server* metrics_server;  // null: /metrics is on `server`
  webhooks::LineChannel& line;
  std::string inbox;  // the LINE inbox file, for the drain
  int drain_ms = 0;   // 0: the LINE workers stop after the event they are answering
};

// After SIGTERM: the LINE workers go on answering what was accepted until the inbox has
// nothing pending or `drain_ms` has passed, then stop; returns the events left pending (a
// later start answers them).
std::int64_t drain_line(const Running& run) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(run.drain_ms);
  std::int64_t left = webhooks::line_backlog(run.inbox).depth;
  while (left > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    left = webhooks::line_backlog(run.inbox).depth;
  }
  run.line.stop();
  return webhooks::line_backlog(run.inbox).depth;
}

// Moves everything in the write-ahead log into the database file and empties the log, so a
// copy of the file alone is whole.
void checkpoint(const std::string& path) {
  if (path == ":memory:" || !std::filesystem::exists(path))
    return;
  auto db = sql::Database::open(path);
  const Status s = db.ok() ? (*db)->exec("PRAGMA wal_checkpoint(TRUNCATE);") : Status(db.error());
  if (!s.ok())
    std::fprintf(stderr, "shirube serve: checkpoint of %s failed: %s\n", path.c_str(),
                 s.error().message().c_str());
}

// Listens on the bound `server`, announces `port`, and waits for SIGINT/SIGTERM (blocked in
// `stop_signals`); then stops accepting (requests under way are answered), drains the LINE
// workers and checkpoints the databases.
int serve_until_signal(const Running& run, const ServeArgs& opts, int port,
                       const sigset_t& stop_signals) {
  httplib::Server& server = run.server;
  run.line.start();
  std::atomic<bool> stopping{false};
  std::atomic<bool> listen_ended{false};
  std::atomic<bool> ended_on_its_own{false};
  std::thread listener([&server, &stopping, &listen_ended, &ended_on_its_own] {
    server.listen_after_bind();
    listen_ended.store(true);
    if (!stopping.load()) {
      // Listening ended without a signal: wake the waiting main thread to shut down.
      ended_on_its_own.store(true);
      ::kill(::getpid(), SIGTERM);
    }
  });
  std::thread metrics_listener;
  std::atomic<bool> metrics_ended{false};
  if (run.metrics_server != nullptr) {
    metrics_listener = std::thread([&run, &metrics_ended] {
      run.metrics_server->listen_after_bind();
      metrics_ended.store(true);
    });
  }
  // 0.11.4 has no wait_until_ready(); the socket already listens, but stop() is a no-op
  // until is_running() is true, so do not announce the port before that.
  while (!server.is_running() && !listen_ended.load()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (!listen_ended.load()) {
    std::printf("shirube: listening on http://%s:%d\n", opts.host.c_str(), port);
    std::fflush(stdout);
  }

  int sig = 0;
  sigwait(&stop_signals, &sig);
  stopping.store(true);
  server.stop();  // no new connections; requests already received are answered
  listener.join();
  const std::int64_t left = drain_line(run);
  if (run.metrics_server != nullptr) {
    while (!run.metrics_server->is_running() && !metrics_ended.load())
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    run.metrics_server->stop();
    metrics_listener.join();
  }
  checkpoint(opts.db);
  checkpoint(run.inbox);
  if (ended_on_its_own.load())
    return fail("the server stopped listening on " + opts.host);
  std::fprintf(stderr, "shirube serve: stopped (%lld LINE event(s) left for the next start)\n",
               static_cast<long long>(left));
  return 0;
}

}  // namespace

int run_serve(const std::vector<std::string>& args) {
  ServeArgs opts;
  if (Status s = parse_args(args, opts); !s.ok())
    return fail(s.error().message() + " (try 'shirube serve --help')");
  if (opts.help) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  // Every environment variable is read here, once; a bad value stops the start.
  Result<Config> config = Config::from_environment();
  if (!config.ok())
    return fail(config.error().message());

  // Block SIGINT/SIGTERM before any thread exists so that every thread inherits the mask and
  // only sigwait() sees them: shutdown then runs as ordinary code, not in a handler.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  // A peer closing a socket mid-write must not kill the process.
  std::signal(SIGPIPE, SIG_IGN);

  Result<App> app = assemble(opts, *config);
  if (!app.ok())
    return fail(app.error().message());

  webhooks::HttpLimits limits;
  limits.workers = static_cast<std::size_t>(opts.workers);
  limits.request_timeout_ms = config->http_request_timeout_ms;
  limits.max_connections = static_cast<std::size_t>(config->http_max_connections);
  limits.log = [](const std::string& text) {
    std::fprintf(stderr, "%s\n", webhooks::refused_log_line(text).c_str());
  };
  // Connections wait for their whole request in one poll() thread; workers only run handlers.
  webhooks::GuardedServer server(std::move(limits));
  auto health = std::make_shared<Health>(*app->kb, opts.db);
  webhooks::ServerOptions server_options;
  server_options.metrics = app->metrics;
  server_options.metrics_route = config->metrics_host.empty();
  webhooks::install_routes(
      server, *app->engine, [health] { return (*health)(); }, app->line.get(), server_options);
  app->metrics->add_source([&server] { return webhooks::http_guard_exposition(server.stats()); });
  // Support workers: the directory API, referral sheets and the /worker console.
  auto worker_store = webhooks::WorkerStore::open(opts.db);
  if (!worker_store.ok())
    return fail(worker_store.error().message());
  webhooks::install_worker_routes(server, *app->kb, *worker_store.value());
  // Partners' side of the food-support applications and its console page.
  webhooks::install_food_routes(server, *worker_store.value(), *app->food);

  int port = opts.port;
  if (port == 0) {
    port = server.bind_to_any_port(opts.host);
  } else if (!server.bind_to_port(opts.host, port)) {
    port = -1;
  }
  if (port <= 0) {
    return fail("cannot listen on " + opts.host + ":" + std::to_string(opts.port));
  }
  httplib::Server metrics_server;
  Running run{server, nullptr, *app->line, line_options_from(*config, opts.db).inbox_db,
              config->line_channel_secret.empty() ? 0 : config->shutdown_drain_ms};
  if (!config->metrics_host.empty()) {
    webhooks::install_metrics_route(metrics_server, app->metrics, /*local_only=*/false);
    if (!metrics_server.bind_to_port(config->metrics_host, config->metrics_port)) {
      return fail("SHIRUBE_METRICS_LISTEN: cannot listen on " + config->metrics_host + ":" +
                  std::to_string(config->metrics_port));
    }
    run.metrics_server = &metrics_server;
  }
  return serve_until_signal(run, opts, port, stop_signals);
}

}  // namespace shirube::app
