#include "app/serve.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <thread>

#include <httplib.h>

#include "bot/engine.h"
#include "bot/results_query.h"
#include "common/args.h"
#include "intents/tree.h"
#include "knowledge/knowledge_base.h"
#include "webhooks/line_channel.h"
#include "webhooks/server.h"

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
    "  --workers N    HTTP worker threads, 1-256 (default 8)\n"
    "\n"
    "environment:\n"
    "  LINE_CHANNEL_SECRET        channel secret; unset = /callback answers 503\n"
    "  LINE_CHANNEL_ACCESS_TOKEN  channel access token for replies\n"
    "  SHIRUBE_LINE_API_BASE      LINE API base URL (default https://api.line.me)\n"
    "  SHIRUBE_USER_KEY_SECRET    key for hashing user ids (default: generated and kept\n"
    "                             in the database)\n"
    "\n"
    "On start it prints one line, 'shirube: listening on http://HOST:PORT'.\n"
    "SIGINT or SIGTERM stops it cleanly.\n";

struct ServeArgs {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string db = "var/shirube.db";
  int workers = 8;
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

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return (v != nullptr && *v != '\0') ? std::string(v) : fallback;
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

  // Block SIGINT/SIGTERM before any thread exists so that every thread inherits the mask and
  // only sigwait() below sees them: shutdown then runs as ordinary code, not in a handler.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  // A peer closing a socket mid-write must not kill the process.
  std::signal(SIGPIPE, SIG_IGN);

  if (opts.db != ":memory:") {
    const std::filesystem::path parent = std::filesystem::path(opts.db).parent_path();
    std::error_code ec;
    if (!parent.empty())
      std::filesystem::create_directories(parent, ec);
    if (ec)
      return fail(opts.db + ": cannot create directory " + parent.string() + ": " + ec.message());
  }

  auto kb = knowledge::KnowledgeBase::open_with_bundled_data(opts.db);
  if (!kb.ok())
    return fail(opts.db + ": " + kb.error().message());

  bot::EngineOptions engine_options;
  engine_options.session_db = opts.db;
  engine_options.user_key_secret = env_or("SHIRUBE_USER_KEY_SECRET", "");
  auto tree = intents::Tree::load_bundled();
  if (!tree.ok())
    return fail(tree.error().message());
  // Every answer in the tree must find someone to send people to, in every prefecture and
  // nationwide; an import that breaks this is caught before anyone is answered.
  if (Status s = bot::validate_coverage(*tree, **kb); !s.ok())
    return fail(s.error().message());
  bot::EngineParts parts;
  parts.tree = std::make_shared<const intents::Tree>(std::move(tree).value());
  auto engine = bot::Engine::create(**kb, engine_options, std::move(parts));
  if (!engine.ok())
    return fail(engine.error().message());

  webhooks::LineOptions line_options;
  line_options.channel_secret = env_or("LINE_CHANNEL_SECRET", "");
  line_options.access_token = env_or("LINE_CHANNEL_ACCESS_TOKEN", "");
  line_options.api_base = env_or("SHIRUBE_LINE_API_BASE", "https://api.line.me");
  line_options.inbox_db = opts.db == ":memory:" ? opts.db : opts.db + "-line";
  auto line = webhooks::LineChannel::create(**engine, line_options);
  if (!line.ok())
    return fail(line.error().message());
  if (line_options.channel_secret.empty()) {
    std::fputs("shirube serve: LINE_CHANNEL_SECRET is not set; /callback answers 503\n", stderr);
  }

  httplib::Server server;
  const auto workers = static_cast<std::size_t>(opts.workers);
  server.new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
  webhooks::install_routes(
      server, **engine, [&kb = **kb] { return kb.healthy(); }, line->get());

  int port = opts.port;
  if (port == 0) {
    port = server.bind_to_any_port(opts.host);
  } else if (!server.bind_to_port(opts.host, port)) {
    port = -1;
  }
  if (port <= 0) {
    return fail("cannot listen on " + opts.host + ":" + std::to_string(opts.port));
  }

  (*line)->start();
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
  (*line)->stop();  // drain and join the LINE workers first; accepted events stay in the inbox
  server.stop();
  listener.join();
  if (ended_on_its_own.load())
    return fail("the server stopped listening on " + opts.host);
  std::fputs("shirube serve: stopped\n", stderr);
  return 0;
}

}  // namespace shirube::app
