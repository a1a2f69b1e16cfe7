#include "webhooks/worker_routes.h"

#include <ctime>
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "common/embedded.h"
#include "common/time_format.h"
#include "common/utf8.h"
#include "knowledge/knowledge_base.h"
#include "webhooks/directory_api.h"
#include "webhooks/referral_sheet.h"
#include "webhooks/server.h"
#include "webhooks/worker_store.h"

namespace shirube::webhooks {
namespace {

using nlohmann::json;

constexpr const char* kJsonType = "application/json; charset=utf-8";
constexpr std::size_t kMaxReferralServices = 20;
constexpr std::size_t kMaxNoteChars = 1000;

void send_error(httplib::Response& res, const HttpError& error) {
  res.status = http_status(error.kind);
  res.set_content(error_body(error), kJsonType);
}

void send_result(httplib::Response& res, const Result<json>& r, int status = 200) {
  if (!r.ok()) {
    if (r.error().code() == ErrorCode::kNotFound) {
      send_error(res, {HttpErrorKind::kNotFound, utf8::sanitize(r.error().message())});
    } else {
      send_error(res, to_http_error(r.error()));
    }
    return;
  }
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(r.value().dump(-1, ' ', false, json::error_handler_t::replace), kJsonType);
}

struct ReferralRequest {
  std::vector<std::string> service_ids;
  std::string note;
};

Result<ReferralRequest> parse_referral_request(const std::string& body) {
  if (!utf8::is_valid(body))
    return Error::invalid_argument("body", "must be valid UTF-8");
  const json j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return Error::invalid_argument("body", "must be a JSON object");
  ReferralRequest out;
  const auto ids = j.find("service_ids");
  if (ids == j.end() || !ids->is_array() || ids->empty())
    return Error::invalid_argument("service_ids", "must be a non-empty array of service ids");
  if (ids->size() > kMaxReferralServices)
    return Error::invalid_argument("service_ids", "at most 20 services");
  for (const auto& v : *ids) {
    if (!v.is_string() || v.get<std::string>().empty() || v.get<std::string>().size() > 200)
      return Error::invalid_argument("service_ids", "each must be a service id (a string)");
    out.service_ids.push_back(v.get<std::string>());
  }
  if (const auto note = j.find("note"); note != j.end() && !note->is_null()) {
    if (!note->is_string())
      return Error::invalid_argument("note", "must be a string");
    out.note = note->get<std::string>();
    if (utf8::code_points(out.note) > kMaxNoteChars)
      return Error::invalid_argument("note", "at most 1000 characters");
  }
  return out;
}

// POST /api/v1/referrals: a worker's token, then a JSON body naming public services.
void post_referral(knowledge::KnowledgeBase& kb, WorkerStore& store, int64_t now,
                   const httplib::Request& req, httplib::Response& res) {
  const auto worker = authenticate_worker(store, req, res);
  if (!worker)
    return;
  auto request = is_json_content_type(req.get_header_value("Content-Type"))
                     ? parse_referral_request(req.body)
                     : Result<ReferralRequest>(
                           Error::invalid_argument("Content-Type", "must be application/json"));
  if (!request.ok()) {
    const bool media = request.error().where() == "Content-Type";
    send_error(res, media
                        ? HttpError{HttpErrorKind::kUnsupportedMediaType, request.error().message()}
                        : to_http_error(request.error()));
    return;
  }
  auto found = find_services(kb, request->service_ids);
  if (!found.ok()) {
    // A service that does not exist is the client's mistake: 400 naming the entry.
    const Error& e = found.error();
    send_error(res, e.code() == ErrorCode::kNotFound
                        ? HttpError{HttpErrorKind::kInvalidArgument, utf8::sanitize(e.message())}
                        : to_http_error(e));
    return;
  }
  std::vector<std::string> ids;
  for (const auto& s : found.value())
    ids.push_back(s.id);
  auto ref = store.create_referral(worker->id, ids, request->note, now);
  if (!ref.ok()) {
    send_error(res, to_http_error(ref.error()));
    return;
  }
  send_result(res,
              json{{"id", ref->id},
                   {"url", "/referrals/" + ref->id},
                   {"text_url", "/referrals/" + ref->id + "?format=text"},
                   {"expires_at", iso_utc(ref->expires_at)}},
              201);
}

// GET /referrals/{id}: the sheet as a page, or as text with ?format=text.
void get_referral(knowledge::KnowledgeBase& kb, WorkerStore& store, int64_t now,
                  const httplib::Request& req, httplib::Response& res) {
  set_page_headers(res);
  res.set_header("Cache-Control", "no-store");
  const bool text = req.get_param_value("format") == "text";
  if (req.has_param("format") && !text && req.get_param_value("format") != "html") {
    send_error(res, {HttpErrorKind::kInvalidArgument, "format: must be html or text"});
    return;
  }
  auto ref = store.referral(req.matches[1].str(), now);
  if (!ref.ok()) {
    send_error(res, to_http_error(ref.error()));
    return;
  }
  if (!ref->has_value()) {
    res.status = 404;
    if (text)
      res.set_content(referral_missing_text(), "text/plain; charset=utf-8");
    else
      res.set_content(referral_missing_html(), "text/html; charset=utf-8");
    return;
  }
  std::vector<knowledge::Service> services;
  for (const auto& id : (*ref)->service_ids) {
    auto s = kb.get_service(id);
    if (s.ok())
      services.push_back(std::move(s).value());
  }
  if (text) {
    res.set_content(referral_text(**ref, services), "text/plain; charset=utf-8");
  } else {
    res.set_content(referral_html(**ref, services), "text/html; charset=utf-8");
  }
}

// The other methods on the worker paths: 405 with the methods they take.
void refuse_other_worker_methods(httplib::Server& server) {
  refuse_other_methods(server, {{"/api/v1/services", "GET, HEAD"},
                                {R"(/api/v1/services/([^/]+))", "GET, HEAD"},
                                {"/api/v1/organizations", "GET, HEAD"},
                                {R"(/api/v1/organizations/([^/]+))", "GET, HEAD"},
                                {"/api/v1/taxonomies", "GET, HEAD"},
                                {"/api/v1/taxonomy_terms", "GET, HEAD"},
                                {"/api/v1/referrals", "POST"},
                                {R"(/referrals/([A-Za-z0-9_-]{1,64}))", "GET, HEAD"},
                                {"/worker", "GET, HEAD"}});
}

// The worker console (its page, its script and the script both worker pages share) and the
// referral sheet's style sheet.
void install_console_files(httplib::Server& server) {
  serve_static_files(server,
                     {{"/worker", "webhooks/web/worker.html", "text/html; charset=utf-8"},
                      {"/worker.js", "webhooks/web/worker.js", "text/javascript; charset=utf-8"},
                      {"/console.js", "webhooks/web/console.js", "text/javascript; charset=utf-8"},
                      {"/worker.css", "webhooks/web/worker.css", "text/css; charset=utf-8"},
                      {"/referral.css", "webhooks/web/referral.css", "text/css; charset=utf-8"}});
}

}  // namespace

// The account of the request's Bearer token, or a 401 already written.
std::optional<WorkerAccount> authenticate_worker(WorkerStore& store, const httplib::Request& req,
                                                 httplib::Response& res) {
  const std::string token = bearer_token(req.get_header_value("Authorization"));
  if (!token.empty()) {
    auto who = store.authenticate(token);
    if (!who.ok()) {
      send_error(res, to_http_error(who.error()));
      return std::nullopt;
    }
    if (who->has_value())
      return **who;
  }
  res.set_header("WWW-Authenticate", "Bearer realm=\"shirube\"");
  send_error(res, {HttpErrorKind::kInvalidArgument,
                   token.empty() ? "Authorization: a worker token is required (Bearer)"
                                 : "Authorization: unknown or revoked token"});
  res.status = 401;
  return std::nullopt;
}

void install_worker_routes(httplib::Server& server, knowledge::KnowledgeBase& kb,
                           WorkerStore& store, const WorkerRouteOptions& options) {
  auto now = options.now ? options.now : [] { return static_cast<int64_t>(std::time(nullptr)); };

  server.Get("/api/v1/services", [&kb, now](const httplib::Request& req, httplib::Response& res) {
    send_result(res, list_services(kb, req.params, now()));
  });
  server.Get(R"(/api/v1/services/([^/]+))",
             [&kb, now](const httplib::Request& req, httplib::Response& res) {
               send_result(res, get_service(kb, req.matches[1].str(), req.params, now()));
             });
  server.Get("/api/v1/organizations",
             [&kb, now](const httplib::Request& req, httplib::Response& res) {
               send_result(res, list_organizations(kb, req.params, now()));
             });
  server.Get(R"(/api/v1/organizations/([^/]+))",
             [&kb, now](const httplib::Request& req, httplib::Response& res) {
               send_result(res, get_organization(kb, req.matches[1].str(), req.params, now()));
             });
  server.Get("/api/v1/taxonomies", [](const httplib::Request& req, httplib::Response& res) {
    send_result(res, list_taxonomies(req.params));
  });
  server.Get("/api/v1/taxonomy_terms", [](const httplib::Request& req, httplib::Response& res) {
    send_result(res, list_taxonomy_terms(req.params));
  });

  server.Post("/api/v1/referrals",
              [&kb, &store, now](const httplib::Request& req, httplib::Response& res) {
                post_referral(kb, store, now(), req, res);
              });

  server.Get(R"(/referrals/([A-Za-z0-9_-]{1,64}))",
             [&kb, &store, now](const httplib::Request& req, httplib::Response& res) {
               get_referral(kb, store, now(), req, res);
             });
  refuse_other_worker_methods(server);
  install_console_files(server);
}

}  // namespace shirube::webhooks
