#include "webhooks/line_api.h"

#include <utility>

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace shirube::webhooks::line {
namespace {

using nlohmann::json;

std::string dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

void parse_error_body(const std::string& body, ApiResponse& out) {
  const json j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return;
  if (const auto m = j.find("message"); m != j.end() && m->is_string()) {
    out.message = m->get<std::string>();
  }
  if (const auto d = j.find("details"); d != j.end() && d->is_array()) {
    for (const json& item : *d) {
      if (!item.is_object())
        continue;
      if (!out.details.empty())
        out.details += "; ";
      if (const auto p = item.find("property"); p != item.end() && p->is_string()) {
        out.details += p->get<std::string>() + ": ";
      }
      if (const auto m = item.find("message"); m != item.end() && m->is_string()) {
        out.details += m->get<std::string>();
      }
    }
  }
}

httplib::Headers auth(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}

ApiResponse finish(const httplib::Result& res) {
  ApiResponse out;
  if (!res) {
    out.error = httplib::to_string(res.error());
    return out;
  }
  out.status = res->status;
  if (out.ok()) {
    out.body = res->body;
  } else {
    parse_error_body(res->body, out);
  }
  return out;
}

}  // namespace

LineApiClient::LineApiClient(const std::string& api_base, std::string access_token, int timeout_ms)
    : client_(std::make_unique<httplib::Client>(api_base)), token_(std::move(access_token)) {
  const auto t = std::chrono::milliseconds(timeout_ms);
  client_->set_connection_timeout(t);
  client_->set_read_timeout(t);
  client_->set_write_timeout(t);
  client_->set_keep_alive(true);
  // Requests go out as headers + body; without NODELAY the body waits for a delayed ACK.
  client_->set_tcp_nodelay(true);
}

LineApiClient::~LineApiClient() = default;

ApiResponse LineApiClient::post(const std::string& path, const std::string& body,
                                const std::string& retry_key) {
  httplib::Headers headers = auth(token_);
  if (!retry_key.empty())
    headers.emplace("X-Line-Retry-Key", retry_key);
  return finish(client_->Post(path, headers, body, "application/json"));
}

ApiResponse LineApiClient::get(const std::string& path) {
  return finish(client_->Get(path, auth(token_)));
}

ApiResponse LineApiClient::post_json(const std::string& path, const std::string& body) {
  return post(path, body, "");
}

ApiResponse LineApiClient::post_bytes(const std::string& path, const std::string& bytes,
                                      const std::string& content_type) {
  return finish(client_->Post(path, auth(token_), bytes, content_type));
}

ApiResponse LineApiClient::remove(const std::string& path) {
  return finish(client_->Delete(path, auth(token_)));
}

ApiResponse LineApiClient::reply(const std::string& reply_token, const std::string& messages_json) {
  // Built as text around the already-serialised messages: they are not parsed again.
  const std::string body =
      "{\"replyToken\":" + dump(json(reply_token)) + ",\"messages\":" + messages_json + "}";
  return post("/v2/bot/message/reply", body, "");
}

ApiResponse LineApiClient::push(const std::string& to, const std::string& messages_json,
                                const std::string& retry_key) {
  const std::string body = "{\"to\":" + dump(json(to)) + ",\"messages\":" + messages_json + "}";
  return post("/v2/bot/message/push", body, retry_key);
}

ApiResponse LineApiClient::start_loading(const std::string& chat_id, int seconds) {
  const json body = {{"chatId", chat_id}, {"loadingSeconds", seconds}};
  return post("/v2/bot/chat/loading/start", dump(body), "");
}

}  // namespace shirube::webhooks::line
