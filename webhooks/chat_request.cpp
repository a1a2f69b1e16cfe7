// The chat API's request and response bodies (server.h: parse_chat_request, chat_response).
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "common/json_depth.h"
#include "common/line_limits.h"
#include "common/reply_lang.h"
#include "common/utf8.h"
#include "intents/risk.h"
#include "webhooks/line_render.h"
#include "webhooks/server.h"

namespace shirube::webhooks {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxUserBytes = 128;
// What a LINE text message or postback could carry (common/line_limits.h); the chat API takes
// no more. Text is counted in code points here.
constexpr std::size_t kMaxTextChars = line_limits::kMaxTextUnits;
constexpr std::size_t kMaxPostbackBytes = line_limits::kMaxPostbackDataBytes;
// Stands in for each invalid byte while we find out which field held it. U+10FFFD is a
// private-use code point nobody types; if a client sends it *and* invalid bytes, the worst
// case is that the 400 names the wrong one of its fields.
constexpr std::string_view kInvalidByteMark = "\xF4\x8F\xBF\xBD";

Result<std::string> string_field(const json& body, const char* field, bool& present) {
  present = false;
  const auto it = body.find(field);
  if (it == body.end())
    return std::string();
  present = true;
  if (!it->is_string())
    return Error::invalid_argument(field, "must be a string");
  std::string value = it->get<std::string>();
  if (value.find(kInvalidByteMark) != std::string::npos) {
    return Error::invalid_argument(field, "must be valid UTF-8");
  }
  return value;
}

}  // namespace

bool is_json_content_type(std::string_view content_type) {
  const std::size_t semi = content_type.find(';');
  std::string_view type = content_type.substr(0, semi);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t'))
    type.remove_prefix(1);
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t'))
    type.remove_suffix(1);
  constexpr std::string_view kWanted = "application/json";
  if (type.size() != kWanted.size())
    return false;
  for (std::size_t i = 0; i < type.size(); ++i) {
    char c = type[i];
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
    if (c != kWanted[i])
      return false;
  }
  return true;
}

namespace {

// `body` with every invalid UTF-8 byte replaced by kInvalidByteMark.
std::string mark_invalid_bytes(std::string_view body) {
  std::string marked;
  marked.reserve(body.size() + 16);
  std::string_view rest = body;
  while (!rest.empty()) {
    const std::size_t bad = utf8::first_invalid(rest);
    if (bad == std::string_view::npos) {
      marked.append(rest);
      break;
    }
    marked.append(rest.substr(0, bad));
    marked.append(kInvalidByteMark);
    rest.remove_prefix(bad + 1);
  }
  return marked;
}

}  // namespace

Result<ChatRequest> parse_chat_request(std::string_view body) {
  // nlohmann rejects invalid UTF-8 as a JSON syntax error; to name the field instead, mark
  // every invalid byte with a valid placeholder first and look for it per field.
  std::string marked;
  std::string_view to_parse = body;
  if (!utf8::is_valid(body)) {
    marked = mark_invalid_bytes(body);
    to_parse = marked;
  }
  // Refused before parsing: anything that walks a deep document recurses once per level.
  if (json_depth::exceeds(to_parse)) {
    return Error::invalid_argument(
        "body", "nested deeper than " + std::to_string(json_depth::kMaxJsonDepth) + " levels");
  }
  const json doc = json::parse(to_parse, nullptr, false);
  if (doc.is_discarded())
    return Error::invalid_argument("body", "must be valid JSON");
  if (!doc.is_object())
    return Error::invalid_argument("body", "must be a JSON object");

  bool has_user = false;
  auto user = string_field(doc, "user", has_user);
  if (!user.ok())
    return user.error();
  if (!has_user)
    return Error::invalid_argument("user", "is required");
  if (user->empty())
    return Error::invalid_argument("user", "must not be empty");
  if (user->size() > kMaxUserBytes) {
    return Error::invalid_argument("user", "must be at most 128 bytes");
  }

  bool has_text = false;
  bool has_postback = false;
  auto text = string_field(doc, "text", has_text);
  auto postback = string_field(doc, "postback", has_postback);
  if (has_text && has_postback) {
    return Error::invalid_argument("text", "send either text or postback, not both");
  }
  if (!has_text && !has_postback) {
    return Error::invalid_argument("text", "one of text or postback is required");
  }
  ChatRequest out;
  out.user = std::move(*user);
  if (has_text) {
    if (!text.ok())
      return text.error();
    if (text->empty())
      return Error::invalid_argument("text", "must not be empty");
    if (utf8::code_points(*text) > kMaxTextChars) {
      return Error::invalid_argument(
          "text", "must be at most " + std::to_string(kMaxTextChars) + " characters");
    }
    out.input.kind = bot::Input::Kind::kText;
    out.input.text = std::move(*text);
  } else {
    if (!postback.ok())
      return postback.error();
    if (postback->empty())
      return Error::invalid_argument("postback", "must not be empty");
    if (postback->size() > kMaxPostbackBytes) {
      return Error::invalid_argument(
          "postback", "must be at most " + std::to_string(kMaxPostbackBytes) + " bytes");
    }
    out.input.kind = bot::Input::Kind::kPostback;
    out.input.data = std::move(*postback);
  }
  bool has_lang = false;
  auto lang = string_field(doc, "lang", has_lang);
  if (!lang.ok())
    return lang.error();
  if (has_lang) {
    if (!reply_lang_from_code(*lang))
      return Error::invalid_argument("lang", "must be \"ja\", \"easy\" or \"en\"");
    out.input.lang = std::move(*lang);
  }
  return out;
}

json chat_response(const bot::Reply& reply) {
  json state = {{"node", utf8::sanitize(reply.node)},
                {"category", nullptr},
                {"crisis", reply.crisis},
                {"risk", intents::risk_level_name(reply.risk)},
                {"lang", reply.lang},
                {"detected", reply.detected.empty() ? json(nullptr) : json(reply.detected)}};
  if (reply.category)
    state["category"] = utf8::sanitize(*reply.category);
  return {{"messages", render_line_messages(reply)}, {"state", std::move(state)}};
}

}  // namespace shirube::webhooks
