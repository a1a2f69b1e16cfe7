#include "webhooks/food_routes.h"

#include <ctime>
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "bot/food_store.h"
#include "common/args.h"
#include "common/embedded.h"
#include "common/time_format.h"
#include "common/utf8.h"
#include "webhooks/server.h"
#include "webhooks/worker_routes.h"
#include "webhooks/worker_store.h"

namespace shirube::webhooks {
namespace {

using nlohmann::json;

constexpr const char* kJsonType = "application/json; charset=utf-8";
constexpr std::size_t kMaxNoteChars = 1000;
constexpr const char* kRefRoute = R"(/api/v1/food-requests/([A-Za-z0-9-]{1,32}))";

void send_error(httplib::Response& res, const HttpError& error) {
  res.status = http_status(error.kind);
  res.set_content(error_body(error), kJsonType);
}

void send_conflict(httplib::Response& res, const std::string& message) {
  res.status = 409;
  res.set_content(json{{"error", {{"code", "conflict"}, {"message", message}}}}.dump(), kJsonType);
}

void send_json(httplib::Response& res, const json& body) {
  res.status = 200;
  res.set_header("Cache-Control", "no-store");
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), kJsonType);
}

void send_failure(httplib::Response& res, const Error& e) {
  if (e.code() == ErrorCode::kNotFound) {
    send_error(res, {HttpErrorKind::kNotFound, "ref: no such request"});
  } else if (e.code() == ErrorCode::kConflict) {
    send_conflict(res, utf8::sanitize(e.message()));
  } else {
    send_error(res, to_http_error(e));
  }
}

std::string actor(const WorkerAccount& w) {
  return "worker:" + std::to_string(w.id);
}

json summary_json(const bot::FoodRequest& r) {
  return json{{"ref", r.ref},
              {"status", std::string(bot::status_value(r.status))},
              {"created_at", iso_utc(r.created_at)},
              {"updated_at", iso_utc(r.updated_at)},
              {"prefecture", r.answers.prefecture},
              {"municipality", r.answers.municipality},
              {"household", r.answers.household},
              {"delivery", r.answers.delivery},
              {"contact_method", r.answers.contact_method}};
}

json full_json(const bot::FoodRequest& r) {
  json j = summary_json(r);
  j["consent_at"] = iso_utc(r.consent_at);
  j["nickname"] = r.answers.nickname;
  j["age_group"] = r.answers.age_group;
  j["left_care"] = r.answers.left_care;
  j["allergies"] = r.answers.allergies;
  j["contact"] = json{{"method", r.answers.contact_method}, {"value", r.answers.contact_value}};
  j["worries"] = r.answers.worries;
  j["worry_category"] = r.worry_category;
  j["note"] = r.note;
  j["partner"] = json{{"id", r.partner_org}, {"name", r.partner_name}};
  return j;
}

std::string csv_field(const std::string& v) {
  std::string s = v;
  // A cell that a spreadsheet would read as a formula is quoted with a leading apostrophe.
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@'))
    s.insert(0, "'");
  std::string out = "\"";
  for (char c : s) {
    if (c == '"')
      out += "\"\"";
    else
      out.push_back(c);
  }
  return out + "\"";
}

std::optional<std::string> ref_of(const httplib::Request& req) {
  return bot::canonical_ref(req.matches[1].str());
}

void list_requests(WorkerStore& workers, bot::FoodStore& food, int64_t now,
                   const httplib::Request& req, httplib::Response& res) {
  const auto worker = authenticate_worker(workers, req, res);
  if (!worker)
    return;
  std::optional<bot::FoodStatus> status;
  int page = 1;
  int per_page = 20;
  for (const auto& [name, value] : req.params) {
    if (name == "status") {
      status = bot::parse_status(value);
      if (!status) {
        send_error(res, {HttpErrorKind::kInvalidArgument,
                         "status: expected received, contacted, handed_over, closed or "
                         "cancelled, got '" +
                             utf8::sanitize(value) + "'"});
        return;
      }
    } else if (name == "page" || name == "per_page") {
      auto n = args::parse_int_named(name, value, 1, name == "page" ? 100000 : 100);
      if (!n.ok()) {
        send_error(res, {HttpErrorKind::kInvalidArgument, utf8::sanitize(n.error().message())});
        return;
      }
      (name == "page" ? page : per_page) = n.value();
    } else {
      send_error(res, {HttpErrorKind::kInvalidArgument,
                       utf8::sanitize(name) + ": unknown parameter (status, page, per_page)"});
      return;
    }
  }
  auto listed =
      food.list(worker->org_id, status, (page - 1) * per_page, per_page, actor(*worker), now);
  if (!listed.ok()) {
    send_failure(res, listed.error());
    return;
  }
  json items = json::array();
  for (const auto& r : listed->items)
    items.push_back(summary_json(r));
  send_json(res, json{{"items", std::move(items)},
                      {"total", listed->total},
                      {"page", page},
                      {"per_page", per_page}});
}

void get_request(WorkerStore& workers, bot::FoodStore& food, int64_t now,
                 const httplib::Request& req, httplib::Response& res) {
  const auto worker = authenticate_worker(workers, req, res);
  if (!worker)
    return;
  const auto ref = ref_of(req);
  if (!ref) {
    send_error(res, {HttpErrorKind::kNotFound, "ref: no such request"});
    return;
  }
  auto r = food.get(worker->org_id, *ref, actor(*worker), now);
  if (!r.ok()) {
    send_failure(res, r.error());
    return;
  }
  send_json(res, full_json(r.value()));
}

void patch_request(WorkerStore& workers, bot::FoodStore& food, int64_t now,
                   const httplib::Request& req, httplib::Response& res) {
  const auto worker = authenticate_worker(workers, req, res);
  if (!worker)
    return;
  if (!is_json_content_type(req.get_header_value("Content-Type"))) {
    send_error(res,
               {HttpErrorKind::kUnsupportedMediaType, "Content-Type: must be application/json"});
    return;
  }
  if (!utf8::is_valid(req.body)) {
    send_error(res, {HttpErrorKind::kInvalidArgument, "body: must be valid UTF-8"});
    return;
  }
  const json j = json::parse(req.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    send_error(res, {HttpErrorKind::kInvalidArgument, "body: must be a JSON object"});
    return;
  }
  std::optional<bot::FoodStatus> to;
  std::optional<std::string> note;
  for (const auto& [name, value] : j.items()) {
    if (name == "status") {
      if (!value.is_string() || !bot::parse_status(value.get<std::string>())) {
        send_error(res, {HttpErrorKind::kInvalidArgument,
                         "status: expected contacted, handed_over or closed"});
        return;
      }
      to = bot::parse_status(value.get<std::string>());
    } else if (name == "note") {
      if (!value.is_string() || utf8::code_points(value.get<std::string>()) > kMaxNoteChars) {
        send_error(res, {HttpErrorKind::kInvalidArgument,
                         "note: must be a string of at most 1000 characters"});
        return;
      }
      note = value.get<std::string>();
    } else {
      send_error(res, {HttpErrorKind::kInvalidArgument,
                       "body: unknown field '" + utf8::sanitize(name) + "' (status, note)"});
      return;
    }
  }
  if (!to && !note) {
    send_error(res, {HttpErrorKind::kInvalidArgument, "body: status or note is required"});
    return;
  }
  const auto ref = ref_of(req);
  if (!ref) {
    send_error(res, {HttpErrorKind::kNotFound, "ref: no such request"});
    return;
  }
  auto r = food.update(worker->org_id, *ref, to, note, actor(*worker), now);
  if (!r.ok()) {
    send_failure(res, r.error());
    return;
  }
  send_json(res, full_json(r.value()));
}

void export_csv(WorkerStore& workers, bot::FoodStore& food, int64_t now,
                const httplib::Request& req, httplib::Response& res) {
  const auto worker = authenticate_worker(workers, req, res);
  if (!worker)
    return;
  auto all = food.all_of(worker->org_id, actor(*worker), now);
  if (!all.ok()) {
    send_failure(res, all.error());
    return;
  }
  std::string out = "\xEF\xBB\xBF";  // a BOM, so spreadsheet programs read UTF-8
  out +=
      "ref,status,created_at,updated_at,consent_at,nickname,age_group,prefecture,municipality,"
      "left_care,household,allergies,contact_method,contact_value,delivery,worries,note\r\n";
  for (const auto& r : all.value()) {
    const auto& a = r.answers;
    const std::string cells[] = {r.ref,
                                 std::string(bot::status_value(r.status)),
                                 iso_utc(r.created_at),
                                 iso_utc(r.updated_at),
                                 iso_utc(r.consent_at),
                                 a.nickname,
                                 a.age_group,
                                 std::to_string(a.prefecture),
                                 a.municipality,
                                 a.left_care,
                                 std::to_string(a.household),
                                 a.allergies,
                                 a.contact_method,
                                 a.contact_value,
                                 a.delivery,
                                 a.worries,
                                 r.note};
    bool first = true;
    for (const auto& c : cells) {
      if (!first)
        out += ",";
      out += csv_field(c);
      first = false;
    }
    out += "\r\n";
  }
  res.status = 200;
  res.set_header("Cache-Control", "no-store");
  res.set_header("Content-Disposition", "attachment; filename=\"food-requests.csv\"");
  res.set_content(out, "text/csv; charset=utf-8");
}

}  // namespace

void install_food_routes(httplib::Server& server, WorkerStore& workers, bot::FoodStore& food,
                         const FoodRouteOptions& options) {
  auto now = options.now ? options.now : [] { return static_cast<int64_t>(std::time(nullptr)); };
  server.Get("/api/v1/food-requests.csv",
             [&workers, &food, now](const httplib::Request& req, httplib::Response& res) {
               export_csv(workers, food, now(), req, res);
             });
  server.Get("/api/v1/food-requests",
             [&workers, &food, now](const httplib::Request& req, httplib::Response& res) {
               list_requests(workers, food, now(), req, res);
             });
  server.Get(kRefRoute,
             [&workers, &food, now](const httplib::Request& req, httplib::Response& res) {
               get_request(workers, food, now(), req, res);
             });
  server.Patch(kRefRoute,
               [&workers, &food, now](const httplib::Request& req, httplib::Response& res) {
                 patch_request(workers, food, now(), req, res);
               });
  refuse_other_methods(server, {{"/api/v1/food-requests", "GET, HEAD"},
                                {"/api/v1/food-requests.csv", "GET, HEAD"},
                                {kRefRoute, "GET, HEAD, PATCH"},
                                {"/worker/food", "GET, HEAD"}});
  serve_static_files(server,
                     {{"/worker/food", "webhooks/web/food.html", "text/html; charset=utf-8"},
                      {"/food.js", "webhooks/web/food.js", "text/javascript; charset=utf-8"}});
}

}  // namespace shirube::webhooks
