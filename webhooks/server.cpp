#include "webhooks/server.h"

#include <chrono>
#include <cstdio>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <httplib.h>

#include "bot/channel_user.h"
#include "bot/engine.h"
#include "common/embedded.h"
#include "common/json_depth.h"
#include "common/line_limits.h"
#include "common/utf8.h"
#include "intents/risk.h"
#include "webhooks/line_channel.h"
#include "webhooks/line_render.h"
#include "webhooks/metrics.h"
#include "webhooks/ops_log.h"
#include "webhooks/rate_limit.h"

#include <sys/socket.h>

namespace shirube::webhooks {
namespace {

using nlohmann::json;

constexpr const char* kJsonType = "application/json; charset=utf-8";

std::string dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

void send_error(httplib::Response& res, const HttpError& error) {
  res.status = http_status(error.kind);
  res.set_content(error_body(error), kJsonType);
}

void send_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(dump(body), kJsonType);
}

// Paths come from the client: keep log lines single-line and short.
std::string loggable_path(const std::string& path) {
  std::string out;
  for (const char c : path) {
    if (out.size() >= 200) {
      out += "...";
      break;
    }
    const auto b = static_cast<unsigned char>(c);
    out += (b < 0x20 || b == 0x7F) ? '?' : c;
  }
  return utf8::sanitize(out);
}

// The request's start time and id, set by the pre-routing handler and read by the logger.
// Both run on the worker thread that serves the request, so a thread_local needs no locking.
thread_local std::chrono::steady_clock::time_point t_request_start{};
thread_local std::string t_request_id;

constexpr StaticFile kStaticFiles[] = {
    {"/", "webhooks/web/index.html", "text/html; charset=utf-8"},
    {"/app.js", "webhooks/web/app.js", "text/javascript; charset=utf-8"},
    {"/style.css", "webhooks/web/style.css", "text/css; charset=utf-8"},
};

// Who a chat request comes from, for the address limit: the peer, or for a peer on the
// loopback interface (the reverse proxy in front) the address the proxy appended last to
// X-Forwarded-For, which the client cannot choose.
std::string client_address(const httplib::Request& req) {
  const std::string& peer = req.remote_addr;
  const bool loopback =
      peer == "::1" || peer.rfind("127.", 0) == 0 || peer.rfind("::ffff:127.", 0) == 0;
  if (!loopback || !req.has_header("X-Forwarded-For"))
    return peer;
  const std::string xff = req.get_header_value("X-Forwarded-For");
  const std::size_t comma = xff.rfind(',');
  std::string last = comma == std::string::npos ? xff : xff.substr(comma + 1);
  last.erase(0, last.find_first_not_of(" \t"));
  last.erase(last.find_last_not_of(" \t") + 1);
  return last.empty() ? peer : last.substr(0, 64);
}

void send_rate_limited(httplib::Response& res, const char* field, int retry_after) {
  res.set_header("Retry-After", std::to_string(retry_after));
  send_error(res, {HttpErrorKind::kTooManyRequests, std::string(field) +
                                                        ": too many requests, retry after " +
                                                        std::to_string(retry_after) + " s"});
}

}  // namespace

int http_status(HttpErrorKind kind) {
  switch (kind) {
    case HttpErrorKind::kInvalidArgument:
      return 400;
    case HttpErrorKind::kNotFound:
      return 404;
    case HttpErrorKind::kMethodNotAllowed:
      return 405;
    case HttpErrorKind::kPayloadTooLarge:
      return 413;
    case HttpErrorKind::kUnsupportedMediaType:
      return 415;
    case HttpErrorKind::kTooManyRequests:
      return 429;
    case HttpErrorKind::kUnavailable:
      return 503;
    case HttpErrorKind::kInternal:
      return 500;
  }
  return 500;
}

const char* http_error_code(HttpErrorKind kind) {
  switch (kind) {
    case HttpErrorKind::kInvalidArgument:
      return "invalid_argument";
    case HttpErrorKind::kNotFound:
      return "not_found";
    case HttpErrorKind::kMethodNotAllowed:
      return "method_not_allowed";
    case HttpErrorKind::kPayloadTooLarge:
      return "payload_too_large";
    case HttpErrorKind::kUnsupportedMediaType:
      return "unsupported_media_type";
    case HttpErrorKind::kTooManyRequests:
      return "rate_limited";
    case HttpErrorKind::kUnavailable:
      return "unavailable";
    case HttpErrorKind::kInternal:
      return "internal";
  }
  return "internal";
}

std::string error_body(const HttpError& error) {
  return dump({{"error", {{"code", http_error_code(error.kind)}, {"message", error.message}}}});
}

HttpError to_http_error(const Error& error) {
  switch (error.code()) {
    case ErrorCode::kInvalidArgument:
      return {HttpErrorKind::kInvalidArgument, utf8::sanitize(error.message())};
    case ErrorCode::kUnavailable:
      return {HttpErrorKind::kUnavailable, "the service is busy, please try again"};
    case ErrorCode::kNotFound:
    case ErrorCode::kConflict:
    case ErrorCode::kInternal:
      break;
  }
  return {HttpErrorKind::kInternal, "internal error"};
}

void set_page_headers(httplib::Response& res) {
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  // Everything a page needs comes from this server; nothing from a CDN.
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                 "script-src 'self'; connect-src 'self'; base-uri 'none'; "
                 "frame-ancestors 'none'; form-action 'none'");
}

namespace {

// Called for every status >= 400. Handlers that already wrote an error body keep it;
// statuses httplib sets itself (404 no route, 413 over the limit, 400 unparsable request)
// get the same JSON shape.
httplib::Server::HandlerResponse on_error(const httplib::Request& req, httplib::Response& res) {
  if (!res.body.empty())
    return httplib::Server::HandlerResponse::Unhandled;
  switch (res.status) {
    case 404:
      send_error(res, {HttpErrorKind::kNotFound, "path: no such route"});
      break;
    case 413:
      send_error(res, {HttpErrorKind::kPayloadTooLarge, "body: too large"});
      break;
    case 503:
      send_error(res, {HttpErrorKind::kUnavailable, "the service is busy, please try again"});
      break;
    default:
      if (res.status == 400 && req.method == "POST" && req.path == "/api/v1/chat" &&
          !is_json_content_type(req.get_header_value("Content-Type"))) {
        // httplib refuses a malformed multipart body before our handler runs; the client's
        // real mistake is the media type.
        send_error(
            res, {HttpErrorKind::kUnsupportedMediaType, "Content-Type: must be application/json"});
      } else if (res.status >= 500) {
        send_error(res, {HttpErrorKind::kInternal, "internal error"});
      } else {
        // Other client errors httplib detects itself (a malformed request line, a bad
        // range): keep its status, give the usual shape.
        const int status = res.status;
        send_error(res, {HttpErrorKind::kInvalidArgument,
                         "request: " + loggable_path(req.method) + " request rejected"});
        res.status = status;
      }
      break;
  }
  return httplib::Server::HandlerResponse::Handled;
}

// Server-wide settings: limits, socket options, timeouts, the access log and the error
// handlers.
void configure_server(httplib::Server& server, const ServerOptions& options,
                      const std::function<void(const std::string&)>& log) {
  // 0.11.4 defaults to an unlimited body; httplib answers 413 itself above this.
  server.set_payload_max_length(options.max_body_bytes);
  // 0.11.4's default socket options set SO_REUSEPORT, which lets a second server bind a port
  // that is already serving (the kernel then splits connections between them). Keep only
  // SO_REUSEADDR, so a busy port is an error at start and restarts still bind at once.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  server.set_read_timeout(10, 0);
  server.set_write_timeout(10, 0);

  server.set_pre_routing_handler([](const httplib::Request&, httplib::Response& res) {
    t_request_start = std::chrono::steady_clock::now();
    t_request_id = new_request_id();
    res.set_header("X-Request-Id", t_request_id);
    return httplib::Server::HandlerResponse::Unhandled;
  });

  // Counted before the response is written (httplib calls the logger after): a client that
  // has its answer finds it counted at its next scrape.
  server.set_post_routing_handler([metrics = options.metrics](const httplib::Request& req,
                                                              httplib::Response& res) {
    double seconds = 0;
    if (t_request_start != std::chrono::steady_clock::time_point{}) {
      seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - t_request_start).count();
    }
    const std::string route = route_template(req.path);
    metrics->count("shirube_http_requests_total", {{"route", route},
                                                   {"method", method_label(req.method)},
                                                   {"status", std::to_string(res.status)}});
    metrics->observe("shirube_http_request_duration_seconds", {{"route", route}}, seconds);
  });

  server.set_logger([log](const httplib::Request& req, const httplib::Response& res) {
    RequestLogEntry entry;
    if (t_request_start != std::chrono::steady_clock::time_point{}) {
      entry.duration_ms = std::chrono::duration<double, std::milli>(
                              std::chrono::steady_clock::now() - t_request_start)
                              .count();
    }
    entry.request_id = t_request_id.empty() ? new_request_id() : t_request_id;
    t_request_start = {};
    t_request_id.clear();
    // The route template, not the path: a referral sheet's id is what lets anyone read it,
    // and bodies and headers may hold what people wrote or their ids; none of it is logged.
    entry.route = route_template(req.path);
    entry.method = method_label(req.method);
    entry.status = res.status;
    log(request_log_line(entry));
  });

  // Without this handler 0.11.4 copies e.what() into an EXCEPTION_WHAT response header.
  server.set_exception_handler(
      [log](const httplib::Request& req, httplib::Response& res, const std::exception_ptr&) {
        log(exception_log_line(t_request_id, method_label(req.method), route_template(req.path)));
        res.headers.clear();
        send_error(res, {HttpErrorKind::kInternal, "internal error"});
      });

  server.set_error_handler(httplib::Server::HandlerWithResponse(on_error));
}

// The /api/v1/chat handler: rate limits, body checks, one turn of the engine.
httplib::Server::Handler chat_handler(bot::Engine& engine, const ServerOptions& options) {
  const std::size_t limit = options.max_body_bytes;
  auto per_user =
      std::make_shared<RateLimiter>(options.chat_user_per_second, options.chat_user_burst);
  auto per_address =
      std::make_shared<RateLimiter>(options.chat_address_per_second, options.chat_address_burst);
  return [&engine, limit, per_user, per_address, metrics = options.metrics](
             const httplib::Request& req, httplib::Response& res) {
    if (const int wait = per_address->take(client_address(req)); wait > 0) {
      send_rate_limited(res, "address", wait);
      return;
    }
    // The LINE channel raises the server-wide limit for /callback, so this route checks
    // its own (httplib has already stopped reading at the server-wide limit).
    if (req.body.size() > limit) {
      send_error(res, {HttpErrorKind::kPayloadTooLarge,
                       "body: must be at most " + std::to_string(limit) + " bytes"});
      return;
    }
    if (!is_json_content_type(req.get_header_value("Content-Type"))) {
      send_error(res,
                 {HttpErrorKind::kUnsupportedMediaType, "Content-Type: must be application/json"});
      return;
    }
    auto request = parse_chat_request(req.body);
    if (!request.ok()) {
      send_error(res, to_http_error(request.error()));
      return;
    }
    if (const int wait = per_user->take(request->user); wait > 0) {
      send_rate_limited(res, "user", wait);
      return;
    }
    // Its own key space: a web chat id never names a LINE user's session.
    auto reply =
        engine.handle(bot::channel_user_id(bot::Channel::kWeb, request->user), request->input);
    if (!reply.ok()) {
      send_error(res, to_http_error(reply.error()));
      return;
    }
    metrics->count("shirube_risk_total",
                   {{"channel", "web"}, {"level", intents::risk_level_name(reply->risk)}});
    send_json(res, 200, chat_response(*reply));
  };
}

}  // namespace

void refuse_other_methods(httplib::Server& server, const std::vector<KnownRoute>& routes) {
  for (const auto& route : routes) {
    const std::string allow = route.allow;
    auto not_allowed = [allow](const httplib::Request& req, httplib::Response& res) {
      res.set_header("Allow", allow);
      send_error(res, {HttpErrorKind::kMethodNotAllowed,
                       "method: " + loggable_path(req.method) + " is not allowed, use " + allow});
    };
    const auto takes = [&allow](const char* method) {
      return allow.find(method) != std::string::npos;
    };
    if (!takes("GET"))
      server.Get(route.path, not_allowed);
    if (!takes("POST"))
      server.Post(route.path, not_allowed);
    if (!takes("PUT"))
      server.Put(route.path, not_allowed);
    if (!takes("PATCH"))
      server.Patch(route.path, not_allowed);
    if (!takes("DELETE"))
      server.Delete(route.path, not_allowed);
    server.Options(route.path, not_allowed);
  }
}

void serve_static_files(httplib::Server& server, const std::vector<StaticFile>& files) {
  for (const auto& file : files) {
    const auto data = embedded_file(file.embedded_path);
    const std::string type = file.content_type;
    server.Get(file.route, [data, type](const httplib::Request&, httplib::Response& res) {
      if (!data) {
        send_error(res, {HttpErrorKind::kNotFound, "path: no such route"});
        return;
      }
      res.set_header("Cache-Control", "no-cache");
      set_page_headers(res);
      res.set_content(std::string(*data), type);
    });
  }
}

void install_routes(httplib::Server& server, bot::Engine& engine, HealthCheck healthy,
                    LineChannel* line, ServerOptions options) {
  auto log = options.log ? std::move(options.log) : [](const std::string& line_text) {
    std::fprintf(stderr, "%s\n", line_text.c_str());
  };
  if (!options.metrics)
    options.metrics = std::make_shared<Metrics>();
  if (line != nullptr) {
    options.metrics->add_source([line] { return line_counters_exposition(line->metrics_json()); });
  }
  if (options.metrics_route)
    install_metrics_route(server, options.metrics, /*local_only=*/true);

  configure_server(server, options, log);

  server.Get("/healthz",
             [healthy = std::move(healthy)](const httplib::Request&, httplib::Response& res) {
               if (healthy && healthy()) {
                 send_json(res, 200, {{"status", "ok"}});
               } else {
                 send_error(res, {HttpErrorKind::kUnavailable, "database: not readable"});
               }
             });

  server.Post("/api/v1/chat", chat_handler(engine, options));

  serve_static_files(server, {std::begin(kStaticFiles), std::end(kStaticFiles)});

  if (line != nullptr)
    line->register_routes(server);

  std::vector<KnownRoute> routes = {{"/healthz", "GET, HEAD"}, {"/api/v1/chat", "POST"}};
  for (const auto& file : kStaticFiles)
    routes.push_back({file.route, "GET, HEAD"});
  if (line != nullptr) {
    routes.push_back({"/callback", "POST"});
    routes.push_back({"/metrics/line", "GET, HEAD"});
  }
  if (options.metrics_route)
    routes.push_back({"/metrics", "GET, HEAD"});
  refuse_other_methods(server, routes);
}

}  // namespace shirube::webhooks
