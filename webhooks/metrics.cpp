#include "webhooks/metrics.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string_view>
#include <system_error>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "common/sqlite.h"
#include "common/utf8.h"

namespace shirube::webhooks {
namespace {

struct Family {
  const char* name;
  const char* type;
  const char* help;
};

// Every family this class keeps; sources declare their own.
constexpr Family kFamilies[] = {
    {"shirube_http_requests_total", "counter",
     "HTTP requests answered, by route template, method and status."},
    {"shirube_http_request_duration_seconds", "histogram",
     "Time from a request's routing to its response, by route template."},
    {"shirube_line_processed_total", "counter",
     "LINE events answered by the workers, by event type and outcome."},
    {"shirube_line_reply_latency_seconds", "histogram",
     "Time from accepting a LINE event to recording its answer."},
    {"shirube_risk_total", "counter",
     "Answers by their risk level (none, check, crisis) and channel."},
};

constexpr std::size_t kMaxLabelBytes = 64;

std::string escape_label(std::string_view value) {
  std::string cut(value.substr(0, kMaxLabelBytes));
  std::string out;
  for (const char c : utf8::sanitize(cut)) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string label_text(const Metrics::Labels& labels) {
  std::string out;
  for (const auto& [key, value] : labels) {
    if (!out.empty())
      out += ',';
    out += key + "=\"" + escape_label(value) + "\"";
  }
  return out;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

std::string sample(const std::string& name, const std::string& labels, const std::string& value) {
  return labels.empty() ? name + " " + value + "\n" : name + "{" + labels + "} " + value + "\n";
}

std::string header(const char* name, const char* type, const char* help) {
  return std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

std::string joined(const std::string& labels, const std::string& more) {
  return labels.empty() ? more : labels + "," + more;
}

// A metric name part from a counter group ("rejected", "delivery"): [a-z0-9_] only.
std::string name_part(std::string_view s) {
  std::string out;
  for (const char c : s.substr(0, kMaxLabelBytes)) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    out += ok ? c : '_';
  }
  return out.empty() ? "other" : out;
}

}  // namespace

void Metrics::count(const std::string& name, const Labels& labels, std::uint64_t n) {
  const std::string key = label_text(labels);
  std::lock_guard<std::mutex> lock(mu_);
  counters_[name][key] += n;
}

void Metrics::observe(const std::string& name, const Labels& labels, double seconds) {
  const std::string key = label_text(labels);
  std::lock_guard<std::mutex> lock(mu_);
  Histogram& h = histograms_[name][key];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i])
      ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

void Metrics::add_source(Source source) {
  std::lock_guard<std::mutex> lock(mu_);
  sources_.push_back(std::move(source));
}

std::string Metrics::render() const {
  std::string out;
  std::vector<Source> sources;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const Family& f : kFamilies) {
      out += header(f.name, f.type, f.help);
      if (const auto c = counters_.find(f.name); c != counters_.end()) {
        for (const auto& [labels, value] : c->second)
          out += sample(f.name, labels, std::to_string(value));
      }
      const auto h = histograms_.find(f.name);
      if (h == histograms_.end())
        continue;
      const std::string name = f.name;
      for (const auto& [labels, hist] : h->second) {
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
          out += sample(name + "_bucket", joined(labels, "le=\"" + number(kBuckets[i]) + "\""),
                        std::to_string(hist.buckets[i]));
        }
        out += sample(name + "_bucket", joined(labels, "le=\"+Inf\""), std::to_string(hist.count));
        out += sample(name + "_sum", labels, number(hist.sum));
        out += sample(name + "_count", labels, std::to_string(hist.count));
      }
    }
    sources = sources_;
  }
  for (const Source& source : sources)
    out += source();
  out += header("shirube_storage_faults_total", "counter",
                "Storage faults (a damaged page, a failing or full disk) seen by any connection.");
  out += sample("shirube_storage_faults_total", "", std::to_string(sql::storage_fault_count()));
  return out;
}

std::string route_template(const std::string& path) {
  static const char* const kExact[] = {
      "/",
      "/app.js",
      "/style.css",
      "/healthz",
      "/metrics",
      "/metrics/line",
      "/callback",
      "/api/v1/chat",
      "/api/v1/services",
      "/api/v1/organizations",
      "/api/v1/taxonomies",
      "/api/v1/taxonomy_terms",
      "/api/v1/referrals",
      "/worker",
      "/worker.js",
      "/console.js",
      "/worker.css",
      "/referral.css",
  };
  for (const char* route : kExact) {
    if (path == route)
      return route;
  }
  static const char* const kWithId[] = {"/api/v1/services/", "/api/v1/organizations/",
                                        "/referrals/"};
  for (const char* prefix : kWithId) {
    const std::string p = prefix;
    if (path.size() > p.size() && path.compare(0, p.size(), p) == 0 &&
        path.find('/', p.size()) == std::string::npos) {
      return p + "{id}";
    }
  }
  return "other";
}

std::string method_label(const std::string& method) {
  for (const char* m : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    if (method == m)
      return m;
  }
  return "other";
}

std::string line_counters_exposition(const std::string& metrics_json) {
  const nlohmann::json counters = nlohmann::json::parse(metrics_json, nullptr, false);
  if (!counters.is_object())
    return {};
  std::string out;
  for (const auto& [group, values] : counters.items()) {
    if (!values.is_object())
      continue;
    std::string name = "shirube_line_" + name_part(group) + "_total";
    std::string label = "kind";
    if (group == "events") {
      label = "type";
    } else if (group == "outcome") {
      name = "shirube_line_outcomes_total";
      label = "outcome";
    }
    out += header(name.c_str(), "counter", ("LINE channel counters: " + group + ".").c_str());
    for (const auto& [key, value] : values.items()) {
      if (value.is_number_unsigned())
        out += sample(name, label + "=\"" + escape_label(key) + "\"",
                      std::to_string(value.get<std::uint64_t>()));
    }
  }
  return out;
}

LineBacklog line_backlog(const std::string& inbox_path) {
  LineBacklog out;
  std::error_code ec;
  if (inbox_path.empty() || inbox_path == ":memory:" || !std::filesystem::exists(inbox_path, ec))
    return out;
  auto db = sql::Database::open(inbox_path, /*read_only=*/true);
  if (!db.ok())
    return out;
  auto st = (*db)->prepare(
      "SELECT count(*), coalesce(min(received_ms), 0) FROM line_inbox WHERE state = 'pending'");
  if (!st.ok())
    return out;
  auto row = st->step();
  if (!row.ok() || !*row)
    return out;
  out.depth = st->int64(0);
  const std::int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  if (out.depth > 0) {
    out.oldest_age_seconds =
        static_cast<double>(std::max<std::int64_t>(0, now - st->int64(1))) / 1000.0;
  }
  return out;
}

std::string line_queue_exposition(const std::string& inbox_path) {
  const LineBacklog backlog = line_backlog(inbox_path);
  return header("shirube_line_queue_depth", "gauge",
                "LINE events accepted and not yet answered (the inbox's pending rows).") +
         sample("shirube_line_queue_depth", "", std::to_string(backlog.depth)) +
         header("shirube_line_queue_oldest_age_seconds", "gauge",
                "How long the oldest unanswered LINE event has waited.") +
         sample("shirube_line_queue_oldest_age_seconds", "", number(backlog.oldest_age_seconds));
}

std::string http_guard_exposition(const HttpGuardStats& stats) {
  const char* name = "shirube_http_refused_total";
  std::string out = header(name, "counter",
                           "Requests refused before routing (408, 413/431, 400/411) and "
                           "connections closed to make room.");
  out += sample(name, "reason=\"timeout\"", std::to_string(stats.timed_out));
  out += sample(name, "reason=\"too_large\"", std::to_string(stats.too_large));
  out += sample(name, "reason=\"malformed\"", std::to_string(stats.malformed));
  out += sample(name, "reason=\"evicted\"", std::to_string(stats.evicted));
  out += header("shirube_http_connections_total", "counter", "Connections accepted.");
  out += sample("shirube_http_connections_total", "", std::to_string(stats.accepted));
  return out;
}

bool direct_from_local_host(const httplib::Request& req) {
  const std::string& peer = req.remote_addr;
  if (peer != "::1" && peer.rfind("127.", 0) != 0 && peer.rfind("::ffff:127.", 0) != 0)
    return false;
  static const char* const kProxyHeaders[] = {"X-Forwarded-For", "Forwarded", "X-Real-IP", "Via"};
  return std::none_of(std::begin(kProxyHeaders), std::end(kProxyHeaders),
                      [&req](const char* h) { return req.has_header(h); });
}

std::function<void(const LineEventRecord&)> line_event_observer(
    std::shared_ptr<Metrics> metrics, std::function<void(const std::string&)> log) {
  return [metrics = std::move(metrics), log = std::move(log)](const LineEventRecord& record) {
    metrics->count("shirube_line_processed_total",
                   {{"type", record.type}, {"outcome", record.outcome}});
    metrics->observe("shirube_line_reply_latency_seconds", {}, record.latency_ms / 1000.0);
    if (!record.risk.empty())
      metrics->count("shirube_risk_total", {{"channel", "line"}, {"level", record.risk}});
    const std::string line = line_event_log_line(record);
    if (log) {
      log(line);
    } else {
      std::fprintf(stderr, "%s\n", line.c_str());
    }
  };
}

void install_metrics_route(httplib::Server& server, std::shared_ptr<Metrics> metrics,
                           bool local_only) {
  server.Get("/metrics", [metrics = std::move(metrics), local_only](const httplib::Request& req,
                                                                    httplib::Response& res) {
    if (local_only && !direct_from_local_host(req)) {
      res.status = 404;
      res.set_content(R"({"error":{"code":"not_found","message":"path: no such route"}})",
                      "application/json; charset=utf-8");
      return;
    }
    res.set_header("Cache-Control", "no-store");
    res.set_content(metrics->render(), "text/plain; version=0.0.4; charset=utf-8");
  });
}

}  // namespace shirube::webhooks
