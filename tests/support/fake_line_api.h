#pragma once
// FakeLineApi: a stand-in for api.line.me on 127.0.0.1:<ephemeral port> that records every
// request and answers like LINE would:
//   - reply: 200, or the scripted responses; a reply carrying X-Line-Retry-Key gets 400
//     (LINE rejects the header on reply); a reply token used successfully once answers
//     400 "Invalid reply token" afterwards.
//   - push: 200, or scripted; a push whose X-Line-Retry-Key was already accepted answers 409
//     and does not count as a second delivery.
//   - loading/start: 202; 429 above LINE's limit of 100 requests in any second.
//   - rich menus (tests/support/fake_line_rich_menu.cpp): validate and create check the body
//     against RichMenuRequest (check_rich_menu) and answer 400 with LINE's details when it is
//     not valid; create answers {"richMenuId"}; the image upload (the data host's path, served
//     here too) checks the PNG (check_rich_menu_image); set default needs a menu with an image;
//     list and delete as LINE. Scripts for a path with a rich menu id are keyed by the
//     template: "/v2/bot/richmenu/{richMenuId}/content", "/v2/bot/user/all/richmenu/{richMenuId}",
//     "DELETE /v2/bot/richmenu/{richMenuId}".
// Scripted responses (status, body, delay) are consumed per path, in order. hold_next()
// makes the next request on a path wait until release(); a held request is then answered
// 500 and never counts as delivered (as if the sender died before LINE accepted it).
// Every reply/push body is checked against LINE's limits; violations are recorded.
// Thread-safety: all methods are safe from any thread.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

namespace shirube::testing {

struct RecordedRequest {
  std::string method;  // "POST", "GET", "DELETE"
  std::string path;
  std::string body;
  std::string content_type;
  std::string authorization;
  std::string retry_key;   // "" when absent
  int status = 0;          // what the fake answered
  bool delivered = false;  // counted as a message delivery (reply 2xx, first push per key)
  std::vector<std::string> limit_problems;
  std::chrono::steady_clock::time_point received;  // when the request arrived
};

struct ScriptedResponse {
  int status = 200;
  std::string body = "{}";
  int delay_ms = 0;  // wait before answering (a "timeout" when > client timeout)
};

class FakeLineApi {
 public:
  FakeLineApi();
  ~FakeLineApi();
  FakeLineApi(const FakeLineApi&) = delete;
  FakeLineApi& operator=(const FakeLineApi&) = delete;

  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Queue responses for `path` ("/v2/bot/message/reply", "/v2/bot/message/push", ...).
  void script(const std::string& path, ScriptedResponse response);
  void hold_next(const std::string& path);
  void release();
  // True once a held request has arrived (and is waiting).
  bool holding() const;

  std::vector<RecordedRequest> requests() const;
  std::vector<RecordedRequest> requests_to(const std::string& path) const;
  int delivered() const;  // successful reply + first push per retry key
  std::vector<std::string> limit_problems() const;

  // Rich menus as LINE keeps them: ids in order of creation, the default ("" when none), and
  // a menu's body as created and its image ("" when none).
  std::vector<std::string> rich_menu_ids() const;
  std::string default_rich_menu() const;
  std::string rich_menu_body(const std::string& id) const;
  std::string rich_menu_image(const std::string& id) const;
  // A menu made by someone else (another name), as if created and given an image earlier.
  std::string add_rich_menu(const std::string& body);

  // shirube::testing::wait_until (tests/support/wait_until.h), kept for the tests' brevity.
  static bool wait_until(const std::function<bool()>& pred,
                         std::chrono::milliseconds timeout = std::chrono::seconds(10));

 private:
  struct RichMenu {
    std::string id;
    std::string body;
    std::string image;
  };
  static RecordedRequest record(const httplib::Request& req);
  void handle(const httplib::Request& req, httplib::Response& res);
  void handle_rich_menu(const httplib::Request& req, httplib::Response& res);
  // The scripted response for `route`, if any (mu_ held).
  bool take_script(const std::string& route, ScriptedResponse& out);
  // The rich menu handlers' answer, given the recorded request (mu_ held).
  void answer_rich_menu(const std::string& route, const httplib::Request& req, RecordedRequest& rec,
                        std::string& body);
  RichMenu* find_rich_menu(const std::string& id);

  httplib::Server server_;
  int port_ = -1;
  std::atomic<bool> ended_{false};  // listen_after_bind() returned
  std::thread thread_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, std::deque<ScriptedResponse>> scripts_;
  std::set<std::string> hold_paths_;
  bool holding_ = false;
  bool released_ = false;
  std::set<std::string> used_tokens_;
  std::set<std::string> accepted_keys_;
  std::vector<RecordedRequest> requests_;
  std::deque<std::chrono::steady_clock::time_point> loading_window_;  // last second's calls
  std::vector<RichMenu> rich_menus_;
  std::string default_rich_menu_;
  int next_rich_menu_ = 0;
};

// LINE's limits for a reply/push body: 1..5 messages, text <= 5000 UTF-16 units, altText
// <= 1500, quick reply <= 13 items with labels 1..20 UTF-16 units, postback data <= 300
// bytes, Flex carousel <= 12 bubbles. Returns one line per violation.
std::vector<std::string> check_line_limits(const std::string& body);

// A RichMenuRequest against the Messaging API's schema and rules: size (width 800-2500, height
// >= 250, width / height >= 1.45), selected (boolean), name (1-300 characters), chatBarText (1-14),
// areas (1-20), each with bounds (integers, x, y >= 0, width, height >= 1, inside the size) and
// an action a rich menu takes (postback, message, uri, datetimepicker, richmenuswitch,
// clipboard) with its required fields and limits (label <= 20; postback data <= 300,
// displayText <= 300, inputOption one of LINE's). One line per problem, "property: message".
std::vector<std::string> check_rich_menu(const std::string& body);
// A rich menu image for a menu of `width` x `height`: Content-Type image/png or image/jpeg, a
// PNG signature and IHDR whose dimensions are the menu's, at most 1 MB.
std::vector<std::string> check_rich_menu_image(const std::string& content_type,
                                               const std::string& bytes, int width, int height);

}  // namespace shirube::testing
