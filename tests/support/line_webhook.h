#pragma once
// text_webhook(): a LINE webhook body holding one text message event from `user`, as LINE
// sends it (reply token "rt-<event id>"), for tests that post to /callback.
// Thread-safety: a pure function.

#include <string>

#include <nlohmann/json.hpp>

namespace shirube::testing {

inline std::string text_webhook(const std::string& event_id, const std::string& text,
                                const std::string& user, bool redelivery = false) {
  const nlohmann::json ev = {
      {"type", "message"},
      {"mode", "active"},
      {"timestamp", 1700000000000},
      {"webhookEventId", event_id},
      {"deliveryContext", {{"isRedelivery", redelivery}}},
      {"replyToken", "rt-" + event_id},
      {"source", {{"type", "user"}, {"userId", user}}},
      {"message", {{"id", "7" + event_id}, {"type", "text"}, {"text", text}}}};
  return nlohmann::json{{"destination", "U0123456789abcdef0123456789abcdef"}, {"events", {ev}}}
      .dump();
}

}  // namespace shirube::testing
