#pragma once
// The HTTP edge of shirube: routes, limits, error mapping and the request log, on an
// httplib::Server the caller owns (so `serve` and in-process tests use the same code).
//
// Routes (README.md, "API"):
//   GET  /            the web chat page (index.html, app.js, style.css embedded in the binary)
//   GET  /healthz     200 {"status":"ok"} while the health check (the knowledge base) answers, else
//   503 POST /api/v1/chat {"user": "...", "text": "..."} or {"user": "...", "postback": "..."}
//                     -> {"messages": [LINE message objects], "state": {node, category, crisis}}
//   POST /callback    the LINE webhook, registered by the LineChannel when one is given
// Every error body is {"error":{"code":"...","message":"..."}}; the status comes from one
// mapping (http_status): invalid_argument 400, payload_too_large 413 (httplib enforces the
// limit before any handler), unsupported_media_type 415, not_found 404,
// method_not_allowed 405, unavailable 503, anything else 500 with a generic message.
// Handler exceptions are caught by the exception handler: it logs method and path only and
// answers the generic 500 (never what(), never httplib's EXCEPTION_WHAT header).
// The log gets one JSON line per request (webhooks/ops_log.h: request id, method, route
// template, status, milliseconds); never bodies, headers, paths' ids or user ids. Every
// response carries the request id in X-Request-Id. The same requests are counted for
// GET /metrics (webhooks/metrics.h).
//
// Thread-safety: install_routes() must be called before the server listens. The handlers run
// on httplib's thread pool and only call the thread-safe Engine/KnowledgeBase methods.
// `engine`, what `healthy` reads, and `line` must outlive the server.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/reply.h"
#include "common/error.h"

namespace httplib {
class Server;
struct Response;
}  // namespace httplib
namespace shirube::bot {
class Engine;
}

namespace shirube::webhooks {

class LineChannel;
class Metrics;

struct ServerOptions {
  std::size_t max_body_bytes = 64 * 1024;  // larger bodies get 413
  // POST /api/v1/chat: requests per second (and at once) per chat user and per client
  // address; over them 429 with Retry-After. The address is the peer's, or, for a peer on
  // the loopback interface (the reverse proxy), the last address of its X-Forwarded-For.
  // The address limit is higher: many people can share one (mobile carriers' NAT).
  double chat_user_per_second = 2;
  double chat_user_burst = 20;
  double chat_address_per_second = 20;
  double chat_address_burst = 200;
  // Receives each log line (without a newline). Empty: lines go to stderr.
  std::function<void(const std::string&)> log;
  // Request counts and latencies, risk levels; null: install_routes makes its own.
  std::shared_ptr<Metrics> metrics;
  // Serve GET /metrics here (to direct requests from this host only); false when it has a
  // listen address of its own.
  bool metrics_route = true;
};

// GET /healthz answers 200 while this returns true, else 503 (the composition root passes the
// knowledge base's check, so this folder does not depend on knowledge/).
using HealthCheck = std::function<bool()>;

// Adds every route, the limits, the error and exception handlers and the request logger.
// When `line` is not null its routes (/callback) are registered too.
void install_routes(httplib::Server& server, bot::Engine& engine, HealthCheck healthy,
                    LineChannel* line, ServerOptions options = {});

// ---- pieces of the chat API, exposed for tests --------------------------------------------

// What the HTTP layer can answer besides the Error codes of common/error.h.
enum class HttpErrorKind {
  kInvalidArgument,       // 400
  kNotFound,              // 404
  kMethodNotAllowed,      // 405
  kPayloadTooLarge,       // 413
  kUnsupportedMediaType,  // 415
  kTooManyRequests,       // 429
  kUnavailable,           // 503
  kInternal,              // 500
};

struct HttpError {
  HttpErrorKind kind;
  std::string message;  // shown to the client: field-level for 4xx, generic for 5xx
};

// The one status mapping.
int http_status(HttpErrorKind kind);
// "invalid_argument", "not_found", "method_not_allowed", "payload_too_large",
// "unsupported_media_type", "rate_limited", "unavailable", "internal".
const char* http_error_code(HttpErrorKind kind);
// {"error":{"code":"...","message":"..."}}
std::string error_body(const HttpError& error);
// An engine/knowledge Error as the client may see it: invalid_argument keeps its
// field-level message; unavailable and everything else get a generic message (internals
// such as SQL text or paths never leave the server).
HttpError to_http_error(const Error& error);

// The headers of every page we serve: nosniff, no referrer, and a Content-Security-Policy that
// allows only this server's own scripts, styles and requests.
void set_page_headers(httplib::Response& res);

// A file compiled into the binary (common/embedded.h), served at `route` with the page headers
// and Cache-Control: no-cache; 404 when this binary lacks it.
struct StaticFile {
  const char* route;
  const char* embedded_path;
  const char* content_type;
};
void serve_static_files(httplib::Server& server, const std::vector<StaticFile>& files);

// A route we answer and the methods it takes ("GET, HEAD", "POST", "GET, HEAD, PATCH").
struct KnownRoute {
  const char* path;
  const char* allow;
};
// Answers 405 with an Allow header for every other method of GET, POST, PUT, PATCH, DELETE and
// OPTIONS. Install after the routes' own handlers.
void refuse_other_methods(httplib::Server& server, const std::vector<KnownRoute>& routes);

// True for "application/json" with optional parameters ("; charset=utf-8"), any case.
bool is_json_content_type(std::string_view content_type);

struct ChatRequest {
  std::string user;
  bot::Input input;  // kText or kPostback
};

// Validates a chat request body. Errors are kInvalidArgument with where = the field
// ("body", "user", "text", "postback", "lang") and a short what, e.g.
// "text: must be valid UTF-8". Rules: a JSON object; "user" a non-empty string of at most
// 128 bytes; exactly one of "text" (non-empty, at most 5000 characters) and "postback"
// (non-empty, at most 300 bytes); "lang" optional, one of "ja", "easy", "en" (the reply variant
// from this turn on, Input.lang); all strings valid UTF-8; other fields are ignored.
Result<ChatRequest> parse_chat_request(std::string_view body);

// {"messages": render_line_messages(reply), "state": {"node", "category" | null, "crisis",
// "risk", "lang" (the reply variant), "detected" (the language detected, or null)}}
nlohmann::json chat_response(const bot::Reply& reply);

}  // namespace shirube::webhooks
