#include "tests/support/fake_line_api.h"

#include <utility>

#include <nlohmann/json.hpp>

#include "common/utf8.h"
#include "tests/support/httplib_warm_up.h"
#include "tests/support/wait_until.h"

namespace shirube::testing {
namespace {

using nlohmann::json;

void check_action(const json& action, const std::string& where, bool label_required,
                  std::vector<std::string>& out) {
  if (!action.is_object()) {
    out.push_back(where + ": not an object");
    return;
  }
  const auto label = action.find("label");
  if (label != action.end() && label->is_string()) {
    const std::size_t n = utf8::utf16_length(label->get<std::string>());
    if (n == 0 || n > 20)
      out.push_back(where + ".label: " + std::to_string(n) + " units");
  } else if (label_required) {
    out.push_back(where + ".label: missing");
  }
  const auto data = action.find("data");
  if (data != action.end() && data->is_string() && data->get<std::string>().size() > 300) {
    out.push_back(where + ".data: over 300 bytes");
  }
}

}  // namespace

std::vector<std::string> check_line_limits(const std::string& body) {
  std::vector<std::string> out;
  const json j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return {"body: not a JSON object"};
  const auto messages = j.find("messages");
  if (messages == j.end() || !messages->is_array())
    return {"messages: missing"};
  if (messages->empty() || messages->size() > 5) {
    out.push_back("messages: " + std::to_string(messages->size()) + " items");
  }
  for (std::size_t i = 0; i < messages->size(); ++i) {
    const json& m = messages->at(i);
    const std::string where = "messages[" + std::to_string(i) + "]";
    if (!m.is_object() || !m.contains("type")) {
      out.push_back(where + ": no type");
      continue;
    }
    const std::string type = m.at("type").is_string() ? m.at("type").get<std::string>() : "";
    if (type == "text") {
      const auto t = m.find("text");
      if (t == m.end() || !t->is_string()) {
        out.push_back(where + ".text: missing");
      } else {
        const std::size_t n = utf8::utf16_length(t->get<std::string>());
        if (n == 0 || n > 5000)
          out.push_back(where + ".text: " + std::to_string(n) + " units");
      }
    }
    if (type == "flex" || type == "template") {
      const auto alt = m.find("altText");
      if (alt == m.end() || !alt->is_string()) {
        out.push_back(where + ".altText: missing");
      } else {
        const std::size_t n = utf8::utf16_length(alt->get<std::string>());
        if (n == 0 || n > 1500)
          out.push_back(where + ".altText: " + std::to_string(n));
      }
    }
    if (type == "flex") {
      const auto c = m.find("contents");
      if (c != m.end() && c->is_object() && c->value("type", "") == "carousel") {
        const auto bubbles = c->find("contents");
        if (bubbles == c->end() || !bubbles->is_array() || bubbles->size() > 12) {
          out.push_back(where + ".contents: carousel over 12 bubbles");
        }
      }
    }
    if (const auto qr = m.find("quickReply"); qr != m.end()) {
      const auto items = qr->find("items");
      if (items == qr->end() || !items->is_array() || items->empty() || items->size() > 13) {
        out.push_back(where + ".quickReply.items: bad count");
      } else {
        for (std::size_t k = 0; k < items->size(); ++k) {
          const json& item = items->at(k);
          const std::string iw = where + ".quickReply.items[" + std::to_string(k) + "].action";
          if (!item.is_object() || !item.contains("action")) {
            out.push_back(iw + ": missing");
            continue;
          }
          check_action(item.at("action"), iw, true, out);
          static const std::set<std::string> kQuickReplyTypes = {
              "postback", "message",    "uri",      "datetimepicker",
              "camera",   "cameraRoll", "location", "clipboard"};
          const json& a = item.at("action");
          if (!a.is_object() || !a.contains("type") || !a.at("type").is_string() ||
              kQuickReplyTypes.count(a.at("type").get<std::string>()) == 0)
            out.push_back(iw + ".type: not an action of a quick reply");
        }
      }
    }
  }
  return out;
}

FakeLineApi::FakeLineApi() {
  auto h = [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); };
  server_.Post("/v2/bot/message/reply", h);
  server_.Post("/v2/bot/message/push", h);
  server_.Post("/v2/bot/chat/loading/start", h);
  auto rm = [this](const httplib::Request& req, httplib::Response& res) {
    handle_rich_menu(req, res);
  };
  server_.Post("/v2/bot/richmenu/validate", rm);
  server_.Post("/v2/bot/richmenu", rm);
  server_.Post(R"(/v2/bot/richmenu/([^/]+)/content)", rm);
  server_.Post(R"(/v2/bot/user/all/richmenu/([^/]+))", rm);
  server_.Get("/v2/bot/richmenu/list", rm);
  server_.Delete(R"(/v2/bot/richmenu/([^/]+))", rm);
  // httplib holds a thread per open keep-alive connection: one for each of the channel's
  // sender threads (64 by default) and the loading animation's.
  server_.new_task_queue = [] { return new httplib::ThreadPool(80); };
  warm_up_httplib();
  port_ = server_.bind_to_any_port("127.0.0.1");
  if (port_ > 0) {
    thread_ = std::thread([this] {
      server_.listen_after_bind();
      ended_.store(true);
    });
    // stop() is a no-op until is_running(); see tests/support/scoped_test_server.h.
    if (!wait_until([this] { return server_.is_running() || ended_.load(); }) ||
        !server_.is_running()) {
      port_ = -1;
    }
  }
}

FakeLineApi::~FakeLineApi() {
  release();
  if (thread_.joinable()) {
    (void)wait_until([this] { return server_.is_running() || ended_.load(); });
    server_.stop();
    thread_.join();
  }
}

void FakeLineApi::script(const std::string& path, ScriptedResponse response) {
  std::lock_guard<std::mutex> lock(mu_);
  scripts_[path].push_back(std::move(response));
}

void FakeLineApi::hold_next(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  hold_paths_.insert(path);
}

void FakeLineApi::release() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    released_ = true;
  }
  cv_.notify_all();
}

bool FakeLineApi::holding() const {
  std::lock_guard<std::mutex> lock(mu_);
  return holding_;
}

std::vector<RecordedRequest> FakeLineApi::requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_;
}

std::vector<RecordedRequest> FakeLineApi::requests_to(const std::string& path) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<RecordedRequest> out;
  for (const auto& r : requests_) {
    if (r.path == path)
      out.push_back(r);
  }
  return out;
}

int FakeLineApi::delivered() const {
  std::lock_guard<std::mutex> lock(mu_);
  int n = 0;
  for (const auto& r : requests_)
    n += r.delivered ? 1 : 0;
  return n;
}

std::vector<std::string> FakeLineApi::limit_problems() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> out;
  for (const auto& r : requests_)
    out.insert(out.end(), r.limit_problems.begin(), r.limit_problems.end());
  return out;
}

bool FakeLineApi::wait_until(const std::function<bool()>& pred, std::chrono::milliseconds timeout) {
  return shirube::testing::wait_until(pred, timeout);
}

bool FakeLineApi::take_script(const std::string& route, ScriptedResponse& out) {
  auto it = scripts_.find(route);
  if (it == scripts_.end() || it->second.empty())
    return false;
  out = it->second.front();
  it->second.pop_front();
  return true;
}

RecordedRequest FakeLineApi::record(const httplib::Request& req) {
  RecordedRequest rec;
  rec.received = std::chrono::steady_clock::now();
  rec.method = req.method;
  rec.path = req.path;
  rec.content_type = req.get_header_value("Content-Type");
  rec.body = req.body;
  rec.authorization = req.get_header_value("Authorization");
  return rec;
}

void FakeLineApi::handle(const httplib::Request& req, httplib::Response& res) {
  RecordedRequest rec = record(req);
  rec.retry_key = req.get_header_value("X-Line-Retry-Key");
  const bool is_reply = req.path == "/v2/bot/message/reply";
  const bool is_push = req.path == "/v2/bot/message/push";
  if (is_reply || is_push)
    rec.limit_problems = check_line_limits(req.body);

  std::unique_lock<std::mutex> lock(mu_);
  if (hold_paths_.erase(req.path) > 0) {
    holding_ = true;
    released_ = false;
    cv_.wait(lock, [this] { return released_; });
    holding_ = false;
    rec.status = 500;
    requests_.push_back(rec);
    res.status = 500;
    res.set_content(R"({"message":"held and dropped by the test"})", "application/json");
    return;
  }
  ScriptedResponse scripted;
  const bool has_script = take_script(req.path, scripted);
  if (has_script && scripted.delay_ms > 0) {
    // A slow LINE: the answer takes this long (not a wait for anything).
    lock.unlock();
    std::this_thread::sleep_for(std::chrono::milliseconds(scripted.delay_ms));
    lock.lock();
  }

  const bool is_loading = req.path == "/v2/bot/chat/loading/start";
  bool rate_limited = false;
  if (is_loading) {
    // LINE's rate limit for this endpoint: 100 requests per second per channel.
    while (!loading_window_.empty() &&
           rec.received - loading_window_.front() >= std::chrono::seconds(1)) {
      loading_window_.pop_front();
    }
    rate_limited = loading_window_.size() >= 100;
    if (!rate_limited)
      loading_window_.push_back(rec.received);
  }

  std::string token;
  if (is_reply) {
    const json j = json::parse(req.body, nullptr, false);
    if (!j.is_discarded() && j.is_object() && j.contains("replyToken") &&
        j.at("replyToken").is_string()) {
      token = j.at("replyToken").get<std::string>();
    }
  }

  if (rate_limited) {
    rec.status = 429;
    res.set_content(R"({"message":"The API rate limit has been exceeded. Try again later."})",
                    "application/json");
  } else if (is_reply && !rec.retry_key.empty()) {
    rec.status = 400;
    res.set_content(R"({"message":"The retry key is not supported for this API"})",
                    "application/json");
  } else if (is_reply && used_tokens_.count(token) > 0) {
    rec.status = 400;
    res.set_content(R"({"message":"Invalid reply token"})", "application/json");
  } else if (is_push && !rec.retry_key.empty() && accepted_keys_.count(rec.retry_key) > 0) {
    rec.status = 409;
    res.set_content(R"({"message":"The retry key is already accepted","sentMessages":[]})",
                    "application/json");
  } else if (has_script) {
    rec.status = scripted.status;
    res.set_content(scripted.body, "application/json");
  } else {
    rec.status = req.path == "/v2/bot/chat/loading/start" ? 202 : 200;
    res.set_content(req.path == "/v2/bot/chat/loading/start" ? "{}" : R"({"sentMessages":[]})",
                    "application/json");
  }
  if (rec.status >= 200 && rec.status < 300) {
    if (is_reply) {
      used_tokens_.insert(token);
      rec.delivered = true;
    }
    if (is_push) {
      if (!rec.retry_key.empty())
        accepted_keys_.insert(rec.retry_key);
      rec.delivered = true;
    }
  }
  res.status = rec.status;
  requests_.push_back(std::move(rec));
}

}  // namespace shirube::testing
