#include "webhooks/ops_log.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <random>

#include <nlohmann/json.hpp>

namespace shirube::webhooks {
namespace {

using json = nlohmann::ordered_json;

std::string utc_now() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t secs = std::chrono::system_clock::to_time_t(now);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

std::string line_of(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// Milliseconds with three decimals: enough for a log, short to read.
double rounded(double ms) {
  return static_cast<double>(std::llround(ms * 1000.0)) / 1000.0;
}

}  // namespace

std::string new_request_id() {
  static const std::uint32_t prefix = [] {
    std::random_device rd;
    return static_cast<std::uint32_t>(rd());
  }();
  static std::atomic<std::uint32_t> counter{0};
  char buf[17];
  std::snprintf(buf, sizeof buf, "%08x%08x", prefix, counter.fetch_add(1) + 1);
  return buf;
}

std::string request_log_line(const RequestLogEntry& entry) {
  return line_of({{"ts", utc_now()},
                  {"kind", "request"},
                  {"request_id", entry.request_id},
                  {"method", entry.method},
                  {"route", entry.route},
                  {"status", entry.status},
                  {"duration_ms", rounded(entry.duration_ms)}});
}

std::string line_event_log_line(const LineEventRecord& record) {
  return line_of({{"ts", utc_now()},
                  {"kind", "line_event"},
                  {"request_id", record.event_id.substr(0, 64)},
                  {"type", record.type},
                  {"outcome", record.outcome},
                  {"risk", record.risk.empty() ? json(nullptr) : json(record.risk)},
                  {"latency_ms", rounded(record.latency_ms)}});
}

std::string refused_log_line(const std::string& text) {
  return line_of({{"ts", utc_now()},
                  {"kind", "refused"},
                  {"request_id", new_request_id()},
                  {"message", text.substr(0, 200)}});
}

std::string exception_log_line(const std::string& request_id, const std::string& method,
                               const std::string& route) {
  return line_of({{"ts", utc_now()},
                  {"kind", "exception"},
                  {"request_id", request_id},
                  {"method", method},
                  {"route", route}});
}

}  // namespace shirube::webhooks
