#pragma once
// LineChannel: the LINE Messaging API edge. Registers POST /callback on the server,
// verifies x-line-signature on the raw body, parses every webhook event type, writes
// accepted events to a durable SQLite inbox before answering 200, and processes them on a
// worker pool through the Engine, replying with the Reply API (retry, then push fallback).
// Thread-safety: all public methods are safe from any thread.

#include <memory>
#include <string>

#include "common/error.h"

namespace httplib {
class Server;
}
namespace shirube::bot {
class Engine;
}

namespace shirube::webhooks {

struct LineOptions {
  std::string channel_secret;   // LINE_CHANNEL_SECRET; empty = channel disabled (/callback 503)
  std::string access_token;     // LINE_CHANNEL_ACCESS_TOKEN
  std::string api_base = "https://api.line.me";  // SHIRUBE_LINE_API_BASE
  std::string inbox_db;         // SQLite file for the inbox and dedupe table
  int workers = 4;
};

class LineChannel {
 public:
  static Result<std::unique_ptr<LineChannel>> create(bot::Engine& engine, const LineOptions& options);
  virtual ~LineChannel();
  // Adds POST /callback.
  virtual void register_routes(httplib::Server& server) = 0;
  // Starts the workers (and processes events a crash left in the inbox); stop() drains and joins.
  virtual void start() = 0;
  virtual void stop() = 0;
};

}  // namespace shirube::webhooks
