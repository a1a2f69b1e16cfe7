#include "app/config.h"

#include <cstdlib>

#include "common/args.h"

namespace shirube::app {
namespace {

// The variable's value, or "" when it is unset.
std::string text_of(const Config::Lookup& lookup, const char* name) {
  return lookup(name).value_or(std::string());
}

// Leaves `field` at its default when the variable is unset or empty.
Status read_int(const Config::Lookup& lookup, const char* name, int lo, int hi, int& field) {
  const std::string v = text_of(lookup, name);
  if (v.empty())
    return {};
  Result<int> n = args::parse_int_named(name, v, lo, hi);
  if (!n.ok())
    return n.error();
  field = *n;
  return {};
}

Status read_url(const Config::Lookup& lookup, const char* name, std::string& field) {
  const std::string v = text_of(lookup, name);
  if (v.empty())
    return {};
  if (v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0)
    return Error::invalid_argument(name, "expected an http:// or https:// URL, got '" + v + "'");
  field = v;
  return {};
}

// "normal" or "full" (any case); unset or empty leaves the default.
Status read_sync(const Config::Lookup& lookup, const char* name, bool& full) {
  const std::string v = text_of(lookup, name);
  std::string lower = v;
  for (char& ch : lower)
    ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  if (v.empty())
    return {};
  if (lower != "normal" && lower != "full")
    return Error::invalid_argument(name, "expected normal or full, got '" + v + "'");
  full = lower == "full";
  return {};
}

// "HOST:PORT" (an IPv6 host in brackets: "[::1]:9090"), port 1-65535.
Status read_listen(const Config::Lookup& lookup, const char* name, std::string& host, int& port) {
  const std::string v = text_of(lookup, name);
  if (v.empty())
    return {};
  const std::size_t colon = v.rfind(':');
  std::string h = colon == std::string::npos ? std::string() : v.substr(0, colon);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']')
    h = h.substr(1, h.size() - 2);
  const std::optional<int> p =
      colon == std::string::npos ? std::nullopt : args::parse_int(v.substr(colon + 1), 1, 65535);
  if (h.empty() || !p)
    return Error::invalid_argument(name, "expected HOST:PORT (port 1-65535), got '" + v + "'");
  host = h;
  port = *p;
  return {};
}

}  // namespace

Result<Config> Config::from(const Lookup& lookup) {
  Config c;
  c.line_channel_secret = text_of(lookup, "LINE_CHANNEL_SECRET");
  c.line_access_token = text_of(lookup, "LINE_CHANNEL_ACCESS_TOKEN");
  c.user_key_secret = text_of(lookup, "SHIRUBE_USER_KEY_SECRET");
  RETURN_IF_ERROR(read_url(lookup, "SHIRUBE_LINE_API_BASE", c.line_api_base));
  RETURN_IF_ERROR(read_url(lookup, "SHIRUBE_LINE_DATA_API_BASE", c.line_data_api_base));
  RETURN_IF_ERROR(
      read_int(lookup, "SHIRUBE_LINE_API_TIMEOUT_MS", 100, 60000, c.line_api_timeout_ms));
  RETURN_IF_ERROR(
      read_int(lookup, "SHIRUBE_LINE_REPLY_WINDOW_MS", 0, 60000, c.line_reply_window_ms));
  RETURN_IF_ERROR(read_int(lookup, "SHIRUBE_LINE_WORKERS", 1, 64, c.line_workers));
  RETURN_IF_ERROR(read_int(lookup, "SHIRUBE_LINE_SENDERS", 1, 256, c.line_senders));
  RETURN_IF_ERROR(read_sync(lookup, "SHIRUBE_LINE_INBOX_SYNC", c.line_inbox_sync_full));
  RETURN_IF_ERROR(
      read_int(lookup, "SHIRUBE_LINE_LOADING_PER_SECOND", 1, 100, c.line_loading_per_second));
  RETURN_IF_ERROR(
      read_int(lookup, "SHIRUBE_HTTP_REQUEST_TIMEOUT_MS", 1000, 120000, c.http_request_timeout_ms));
  // httplib 0.11.4 waits with select(), which cannot watch descriptors from 1024 on.
  RETURN_IF_ERROR(
      read_int(lookup, "SHIRUBE_HTTP_MAX_CONNECTIONS", 16, 768, c.http_max_connections));
  RETURN_IF_ERROR(read_listen(lookup, "SHIRUBE_METRICS_LISTEN", c.metrics_host, c.metrics_port));
  RETURN_IF_ERROR(read_int(lookup, "SHIRUBE_SHUTDOWN_DRAIN_MS", 0, 600000, c.shutdown_drain_ms));
  return c;
}

Result<Config> Config::from_environment() {
  return from([](const char* name) -> std::optional<std::string> {
    const char* v = std::getenv(name);  // read before any thread starts
    if (v == nullptr)
      return std::nullopt;
    return std::string(v);
  });
}

}  // namespace shirube::app
