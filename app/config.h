#pragma once
// Config: every environment variable shirube reads, read in one place (here, the composition
// root) and handed to the libraries as plain values; no other folder calls getenv().
//
//   LINE_CHANNEL_SECRET              secret; "" = the LINE channel is off (/callback 503)
//   LINE_CHANNEL_ACCESS_TOKEN        secret; token for replies, pushes and loading calls
//   SHIRUBE_USER_KEY_SECRET          secret; key of the user-id hash ("" = generated and kept
//                                    in the database)
//   SHIRUBE_LINE_API_BASE            http:// or https:// URL (default https://api.line.me)
//   SHIRUBE_LINE_DATA_API_BASE       http:// or https:// URL (default https://api-data.line.me):
//                                    where `shirube line rich-menu` uploads the menu's image
//   SHIRUBE_LINE_API_TIMEOUT_MS      100-60000 (default 10000)
//   SHIRUBE_LINE_REPLY_WINDOW_MS     0-60000 (default 50000)
//   SHIRUBE_LINE_WORKERS             1-64 (default 4)
//   SHIRUBE_LINE_SENDERS             1-256 (default 64): threads sending answers to LINE
//   SHIRUBE_LINE_LOADING_PER_SECOND  1-100 (default 90)
//   SHIRUBE_LINE_INBOX_SYNC          normal (default) or full: when the LINE inbox fsyncs
//                                    its WAL (webhooks/line_inbox.h)
//   SHIRUBE_HTTP_REQUEST_TIMEOUT_MS  1000-120000 (default 10000): a request's headers and body
//   SHIRUBE_HTTP_MAX_CONNECTIONS     16-768 (default 256): connections waiting for a request
//   SHIRUBE_METRICS_LISTEN           HOST:PORT: serve GET /metrics there (to anyone who can
//                                    connect) instead of on the main port (local requests only)
//   SHIRUBE_SHUTDOWN_DRAIN_MS        0-600000 (default 10000): on SIGTERM, how long the LINE
//                                    workers may go on answering accepted events
//
// An unset or empty variable takes its default. A value that is set but bad (not a number,
// out of range, not a URL) is an error naming the variable; `serve` stops with it (exit 2)
// rather than run with a default the operator did not choose. Secrets are never part of an
// error message or a log line.
// Thread-safety: plain values; from_environment() reads the process environment, so call it
// before starting threads.

#include <functional>
#include <optional>
#include <string>

#include "common/error.h"

namespace shirube::app {

struct Config {
  std::string line_channel_secret;
  std::string line_access_token;
  std::string user_key_secret;
  std::string line_api_base = "https://api.line.me";
  std::string line_data_api_base = "https://api-data.line.me";
  int line_api_timeout_ms = 10000;
  int line_reply_window_ms = 50000;
  int line_workers = 4;
  int line_senders = 64;
  int line_loading_per_second = 90;
  bool line_inbox_sync_full = false;  // SHIRUBE_LINE_INBOX_SYNC=full
  int http_request_timeout_ms = 10000;
  int http_max_connections = 256;
  std::string metrics_host;  // "" = /metrics on the main port
  int metrics_port = 0;
  int shutdown_drain_ms = 10000;

  // The value of one variable, nullopt when unset.
  using Lookup = std::function<std::optional<std::string>(const char* name)>;
  // Error kInvalidArgument, where = the variable, what = e.g. "expected an integer from 1 to
  // 64, got 'x'".
  static Result<Config> from(const Lookup& lookup);
  // from() over the process environment (getenv).
  static Result<Config> from_environment();
};

}  // namespace shirube::app
