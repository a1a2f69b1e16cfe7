#pragma once
// LineChannel: the LINE Messaging API edge. Registers POST /callback on the server,
// verifies x-line-signature on the raw body, parses every webhook event type, writes
// accepted events to a durable SQLite inbox before answering 200 (payloads sealed, each text
// checked for risk on acceptance), and processes them on a worker pool through the Engine,
// crisis and check messages first, handing the answers to a pool of sender threads that
// reply with the Reply API (retry, then push fallback).
// Thread-safety: all public methods are safe from any thread.

#include <functional>
#include <memory>
#include <string>

#include "common/error.h"
#include "webhooks/ops_log.h"

namespace httplib {
class Server;
}
namespace shirube::bot {
class Engine;
}

namespace shirube::webhooks {

// Filled by the composition root (app/config.h names the environment variables).
struct LineOptions {
  std::string channel_secret;  // empty = channel disabled (/callback 503)
  std::string access_token;
  std::string api_base = "https://api.line.me";
  std::string inbox_db;  // SQLite file for the inbox and dedupe table
  // fsync the inbox's WAL in every commit (survives a power loss) instead of at checkpoints
  // (survives a process crash); LineInbox's InboxSync.
  bool inbox_sync_full = false;
  int workers = 4;  // threads that run the engine
  // Threads that send answers to LINE, each over its own connection (line_senders.h): with
  // one at a time per worker, throughput would be workers / LINE's latency.
  int senders = 64;
  // Outbound tuning (the defaults are the production values; tests shorten them).
  int api_timeout_ms = 10000;   // connect / read / write timeout of each LINE API call
  int reply_window_ms = 50000;  // use the reply token only this long after receipt, then push
  int loading_after_ms = 1000;  // show the loading animation when no answer after this long
  // Loading animation calls per second at most, evenly spaced. LINE allows 100 per channel;
  // 90 leaves room for jitter on the way.
  int loading_per_second = 90;
  int batch = 32;           // events a worker claims from its queue in one inbox write
  int retry_base_ms = 250;  // first backoff; doubles per retry, capped at 4 s
  int push_attempts = 5;    // push tries on 5xx / 429 / network errors
  // Called on a worker or sender thread once per event answered (its kind, outcome, risk level and
  // latency; nothing personal): the structured log and the metrics. Empty: not called.
  std::function<void(const LineEventRecord&)> on_event;
};

class LineChannel {
 public:
  // Opens the inbox (`inbox_db`, ":memory:" when empty). Reads no environment: the caller
  // (app/serve.cpp, from app/config.h) fills `options`.
  // Error: kInvalidArgument for an api_base that is not http(s)://; kUnavailable when the
  // inbox cannot be opened.
  static Result<std::unique_ptr<LineChannel>> create(bot::Engine& engine,
                                                     const LineOptions& options);
  virtual ~LineChannel();
  // Adds POST /callback and GET /metrics/line (event counters as JSON). Raises the
  // server's payload limit to 2 MiB so that /callback itself answers 413 above 1 MiB
  // (routes with smaller limits, like /api/v1/chat, check their own size), and turns on
  // TCP_NODELAY (acknowledgements must not wait for delayed ACKs).
  virtual void register_routes(httplib::Server& server) = 0;
  // The counters served by GET /metrics/line: events by type, unknown types and fields,
  // duplicates, rejections, outcomes. JSON object text.
  virtual std::string metrics_json() const = 0;
  // Queues a push of `text` to the LINE user `to` (a text message), written to the inbox first
  // like an event, so it survives a restart and goes out through the senders (push with a
  // retry key and backoff, after the urgent answers). Returns once it is durable; an error
  // when the channel is off or the inbox write fails (nothing is queued then).
  virtual Status notify(const std::string& to, const std::string& text) = 0;
  // Starts the workers (and processes events a crash left in the inbox); stop() drains and joins.
  virtual void start() = 0;
  virtual void stop() = 0;
};

}  // namespace shirube::webhooks
