#pragma once
// Metrics: the counters and histograms served by GET /metrics in the Prometheus text
// exposition format (version 0.0.4). Every family is declared here with its help text;
// label values come from fixed sets (route templates, methods, statuses, event types,
// outcomes, risk levels), never from what a person wrote or their ids. A label value is cut
// to 64 bytes and escaped.
//
// Families (README.md, "Metrics" lists them with their meaning):
//   shirube_http_requests_total{route,method,status}        counter
//   shirube_http_request_duration_seconds{route}            histogram
//   shirube_http_refused_total{reason}                      counter (refused before routing)
//   shirube_line_events_total{type}                         counter (unknown types: other)
//   shirube_line_outcomes_total{outcome}                    counter
//   shirube_line_processed_total{type,outcome}              counter
//   shirube_line_<group>_total{kind}                        counter (rejected, delivery, ...)
//   shirube_line_reply_latency_seconds                      histogram (receipt to answer)
//   shirube_line_queue_depth, shirube_line_queue_oldest_age_seconds   gauges
//   shirube_risk_total{channel,level}                       counter
//   shirube_storage_faults_total                            counter
//
// Thread-safety: every method is safe from any thread (one mutex); render() calls the
// sources without holding it.

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "webhooks/http_guard.h"
#include "webhooks/ops_log.h"

namespace httplib {
class Server;
struct Request;
}  // namespace httplib

namespace shirube::webhooks {

class Metrics {
 public:
  using Labels = std::vector<std::pair<std::string, std::string>>;
  // Text of whole families kept elsewhere (gauges, counters of another part), with their
  // own # HELP and # TYPE lines; called at every scrape.
  using Source = std::function<std::string()>;

  // Upper bounds of every histogram's buckets, in seconds (+Inf is implicit).
  static constexpr std::array<double, 13> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                      0.25,  0.5,    1,     2.5,  5,     10};

  // Adds `n` to the counter `name` (declared in metrics.cpp) with `labels`.
  void count(const std::string& name, const Labels& labels, std::uint64_t n = 1);
  // Records one observation of `seconds` in the histogram `name`.
  void observe(const std::string& name, const Labels& labels, double seconds);
  void add_source(Source source);

  // The whole exposition: every declared family (also those still at zero, without
  // samples), then the sources' text.
  std::string render() const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::string, std::map<std::string, std::uint64_t>> counters_;  // name -> labels
  std::map<std::string, std::map<std::string, Histogram>> histograms_;
  std::vector<Source> sources_;
};

// The route template of a request path for labels and logs: the route as registered
// ("/api/v1/services/{id}", "/referrals/{id}"), or "other" for a path no route serves.
std::string route_template(const std::string& path);
// The method as a label: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, else "other".
std::string method_label(const std::string& method);

// The Prometheus text of the LINE channel's counters (LineChannel::metrics_json()):
// events.X -> shirube_line_events_total{type="X"}, outcome.X ->
// shirube_line_outcomes_total{outcome="X"}, group.X -> shirube_line_<group>_total{kind="X"}.
std::string line_counters_exposition(const std::string& metrics_json);

// The LINE inbox's backlog: events accepted and not yet answered, and how long the oldest
// has waited, read from the inbox file on a read-only connection (no file or ":memory:":
// zero). It scans the inbox (48 hours of events; a few milliseconds for 100,000 rows).
struct LineBacklog {
  std::int64_t depth = 0;
  double oldest_age_seconds = 0;
};
LineBacklog line_backlog(const std::string& inbox_path);
// line_backlog() as the gauges shirube_line_queue_depth and
// shirube_line_queue_oldest_age_seconds.
std::string line_queue_exposition(const std::string& inbox_path);

// The counts of requests the HTTP front refused before routing (webhooks/http_guard.h):
// shirube_http_refused_total{reason="timeout"|"too_large"|"malformed"|"evicted"} and
// shirube_http_connections_total.
std::string http_guard_exposition(const HttpGuardStats& stats);

// A request from the loopback interface that no proxy forwarded (no X-Forwarded-For,
// Forwarded, X-Real-IP or Via): what /metrics and /metrics/line answer by default.
bool direct_from_local_host(const httplib::Request& req);

// What `serve` passes as LineOptions::on_event: counts the event (processed, reply latency,
// risk) in `metrics` and writes its JSON log line to `log` (empty: stderr).
std::function<void(const LineEventRecord&)> line_event_observer(
    std::shared_ptr<Metrics> metrics, std::function<void(const std::string&)> log);

// Registers GET /metrics on `server`. With `local_only`, requests that are not
// direct_from_local_host() get 404 as for an unknown route.
void install_metrics_route(httplib::Server& server, std::shared_ptr<Metrics> metrics,
                           bool local_only);

}  // namespace shirube::webhooks
