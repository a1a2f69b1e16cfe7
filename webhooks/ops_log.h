#pragma once
// The structured log: one JSON object per line, for a log shipper to read.
//   {"ts":"2026-12-03T16:40:26.123Z","kind":"request","request_id":"…","method":"POST",
//    "route":"/api/v1/chat","status":200,"duration_ms":1.234}
//   {"ts":"…","kind":"line_event","request_id":"<webhookEventId>","type":"message",
//    "outcome":"reply","risk":"none","latency_ms":12.5}
// Fields come from fixed sets (route templates, methods, event kinds, outcomes, risk
// levels) or are ids we or LINE made up (request id, webhookEventId): never a path's id,
// a user id, a token, or what a person wrote.
// Thread-safety: pure functions, plus new_request_id() (an atomic counter).

#include <string>

namespace shirube::webhooks {

// 16 hex digits: a random per-process prefix and a counter, unique within the process and,
// with high probability, across restarts.
std::string new_request_id();

struct RequestLogEntry {
  std::string request_id;
  std::string method;  // method_label()
  std::string route;   // route_template()
  int status = 0;
  double duration_ms = 0;
};
std::string request_log_line(const RequestLogEntry& entry);

// One LINE event answered by the workers.
struct LineEventRecord {
  std::string event_id;   // webhookEventId: LINE's id of the event (not personal)
  std::string type;       // what the bot did with it: text, postback, follow, … (work kind)
  std::string outcome;    // reply, push, none, erased, … (the inbox's outcome)
  std::string risk;       // none, check, crisis ("" when no message was read)
  double latency_ms = 0;  // from acceptance to the outcome
};
std::string line_event_log_line(const LineEventRecord& record);

// A request the HTTP front refused before routing (webhooks/http_guard.h's log line, e.g.
// "refused 431 too many header lines"; it never holds a path or a header value).
std::string refused_log_line(const std::string& text);

// A handler threw: method and route only.
std::string exception_log_line(const std::string& request_id, const std::string& method,
                               const std::string& route);

}  // namespace shirube::webhooks
