#pragma once
// LineApiClient: the outbound calls to the LINE Messaging API used by the channel:
// reply (never with X-Line-Retry-Key), push (always with one), and the loading animation; and the
// plain calls of the operator's commands (the rich menu, webhooks/rich_menu.h).
// Authorization is `Bearer <channel access token>`; the token is never logged.
// Thread-safety: not thread-safe (one keep-alive connection); use one client per thread.

#include <memory>
#include <string>

namespace httplib {
class Client;
}

namespace shirube::webhooks::line {

struct ApiResponse {
  int status = 0;       // HTTP status; 0 on a network error or timeout
  std::string message;  // LINE's error "message" ("" when none)
  std::string details;  // LINE's "details" flattened: "property: message; ..."
  std::string error;    // transport error text when status == 0
  std::string body;     // the response body of a 2xx answer

  bool ok() const { return status >= 200 && status < 300; }
  // 5xx, 429 and network errors/timeouts: the request may be retried.
  bool retryable() const { return status == 0 || status == 429 || status >= 500; }
  bool invalid_reply_token() const { return status == 400 && message == "Invalid reply token"; }
};

class LineApiClient {
 public:
  // `api_base` like "https://api.line.me" or "http://127.0.0.1:8081"; `timeout_ms` bounds
  // connect, read and write separately.
  LineApiClient(const std::string& api_base, std::string access_token, int timeout_ms);
  ~LineApiClient();
  LineApiClient(const LineApiClient&) = delete;
  LineApiClient& operator=(const LineApiClient&) = delete;

  // POST /v2/bot/message/reply {"replyToken","messages"}. `messages_json` is a JSON array.
  ApiResponse reply(const std::string& reply_token, const std::string& messages_json);
  // POST /v2/bot/message/push {"to","messages"} with X-Line-Retry-Key: retry_key.
  ApiResponse push(const std::string& to, const std::string& messages_json,
                   const std::string& retry_key);
  // POST /v2/bot/chat/loading/start {"chatId","loadingSeconds"}.
  ApiResponse start_loading(const std::string& chat_id, int seconds);

  // Plain calls: GET, POST of a JSON body, POST of bytes with their content type, DELETE.
  ApiResponse get(const std::string& path);
  ApiResponse post_json(const std::string& path, const std::string& body);
  ApiResponse post_bytes(const std::string& path, const std::string& bytes,
                         const std::string& content_type);
  ApiResponse remove(const std::string& path);

 private:
  ApiResponse post(const std::string& path, const std::string& body, const std::string& retry_key);
  std::unique_ptr<httplib::Client> client_;
  std::string token_;
};

}  // namespace shirube::webhooks::line
