#include "webhooks/line_events.h"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "common/crypto.h"
#include "common/utf8.h"

namespace shirube::webhooks::line {
namespace {

using nlohmann::json;

struct TypeName {
  EventType type;
  const char* name;
  const char* payload;  // the event's own object field, or nullptr
};

// The discriminator mapping of webhook.yml, with the field that carries each payload.
constexpr std::array<TypeName, 19> kTypes = {{
    {EventType::kMessage, "message", "message"},
    {EventType::kUnsend, "unsend", "unsend"},
    {EventType::kFollow, "follow", "follow"},
    {EventType::kUnfollow, "unfollow", nullptr},
    {EventType::kJoin, "join", nullptr},
    {EventType::kLeave, "leave", nullptr},
    {EventType::kMemberJoined, "memberJoined", "joined"},
    {EventType::kMemberLeft, "memberLeft", "left"},
    {EventType::kPostback, "postback", "postback"},
    {EventType::kVideoPlayComplete, "videoPlayComplete", "videoPlayComplete"},
    {EventType::kBeacon, "beacon", "beacon"},
    {EventType::kAccountLink, "accountLink", "link"},
    {EventType::kMembership, "membership", "membership"},
    {EventType::kModule, "module", "module"},
    {EventType::kActivated, "activated", "chatControl"},
    {EventType::kDeactivated, "deactivated", nullptr},
    {EventType::kBotSuspended, "botSuspended", nullptr},
    {EventType::kBotResumed, "botResumed", nullptr},
    {EventType::kDelivery, "delivery", "delivery"},
}};

const std::set<std::string>& common_fields() {
  static const std::set<std::string> k = {"type",           "source",          "timestamp", "mode",
                                          "webhookEventId", "deliveryContext", "replyToken"};
  return k;
}

// Known fields of each message content type (MessageContent and its subtypes).
const std::set<std::string>& message_fields(const std::string& type) {
  static const std::map<std::string, std::set<std::string>> k = {
      {"text",
       {"id", "type", "text", "emojis", "mention", "quoteToken", "quotedMessageId",
        "markAsReadToken"}},
      {"image", {"id", "type", "contentProvider", "imageSet", "quoteToken", "markAsReadToken"}},
      {"video", {"id", "type", "duration", "contentProvider", "quoteToken", "markAsReadToken"}},
      {"audio", {"id", "type", "duration", "contentProvider", "markAsReadToken"}},
      {"file", {"id", "type", "fileName", "fileSize", "markAsReadToken"}},
      {"location", {"id", "type", "title", "address", "latitude", "longitude", "markAsReadToken"}},
      {"sticker",
       {"id", "type", "packageId", "stickerId", "stickerResourceType", "keywords", "text",
        "quoteToken", "quotedMessageId", "markAsReadToken"}},
  };
  static const std::set<std::string> kNone = {"id", "type"};
  const auto it = k.find(type);
  return it == k.end() ? kNone : it->second;
}

// Reads an optional string field; a present non-string is a shape error.
Status opt_string(const json& obj, const char* key, const std::string& path, std::string& out) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null())
    return {};
  if (!it->is_string()) {
    return Error::invalid_argument(path + "." + key, "expected a string");
  }
  out = it->get<std::string>();
  return {};
}

Status opt_number(const json& obj, const char* key, const std::string& path, double& out) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null())
    return {};
  if (!it->is_number())
    return Error::invalid_argument(path + "." + key, "expected a number");
  out = it->get<double>();
  return {};
}

Status opt_object(const json& obj, const char* key, const std::string& path, const json*& out) {
  out = nullptr;
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null())
    return {};
  if (!it->is_object())
    return Error::invalid_argument(path + "." + key, "expected an object");
  out = &*it;
  return {};
}

#define SHIRUBE_TRY(expr) \
  do {                    \
    Status s_ = (expr);   \
    if (!s_.ok())         \
      return s_.error();  \
  } while (false)

Result<Event> parse_event(const json& j, const std::string& path) {
  if (!j.is_object())
    return Error::invalid_argument(path, "expected an object");
  const auto type_it = j.find("type");
  if (type_it == j.end() || !type_it->is_string()) {
    return Error::invalid_argument(path + ".type", "expected a string");
  }
  Event ev;
  ev.type_name = type_it->get<std::string>();
  ev.type = event_type_from(ev.type_name);

  SHIRUBE_TRY(opt_string(j, "webhookEventId", path, ev.webhook_event_id));
  SHIRUBE_TRY(opt_string(j, "replyToken", path, ev.reply_token));
  std::string mode;
  SHIRUBE_TRY(opt_string(j, "mode", path, mode));
  ev.standby = mode == "standby";
  if (const auto ts = j.find("timestamp"); ts != j.end() && !ts->is_null()) {
    if (!ts->is_number_integer()) {
      return Error::invalid_argument(path + ".timestamp", "expected an integer");
    }
    ev.timestamp = ts->get<int64_t>();
  }
  const json* dc = nullptr;
  SHIRUBE_TRY(opt_object(j, "deliveryContext", path, dc));
  if (dc != nullptr) {
    const auto r = dc->find("isRedelivery");
    if (r != dc->end() && r->is_boolean())
      ev.is_redelivery = r->get<bool>();
  }
  const json* src = nullptr;
  SHIRUBE_TRY(opt_object(j, "source", path, src));
  if (src != nullptr) {
    const std::string sp = path + ".source";
    SHIRUBE_TRY(opt_string(*src, "type", sp, ev.source.type));
    SHIRUBE_TRY(opt_string(*src, "userId", sp, ev.source.user_id));
    SHIRUBE_TRY(opt_string(*src, "groupId", sp, ev.source.group_id));
    SHIRUBE_TRY(opt_string(*src, "roomId", sp, ev.source.room_id));
  }

  // Unknown fields at the event level: anything besides the common fields and this type's
  // payload field. Counted for the operator, otherwise ignored.
  const char* payload_key = nullptr;
  for (const auto& t : kTypes) {
    if (t.type == ev.type)
      payload_key = t.payload;
  }
  if (ev.type != EventType::kUnknown) {
    for (const auto& [key, value] : j.items()) {
      (void)value;
      if (common_fields().count(key) == 0 && (payload_key == nullptr || key != payload_key)) {
        ++ev.unknown_fields;
      }
    }
  }

  switch (ev.type) {
    case EventType::kMessage: {
      const json* m = nullptr;
      SHIRUBE_TRY(opt_object(j, "message", path, m));
      if (m == nullptr)
        return Error::invalid_argument(path + ".message", "missing");
      const std::string mp = path + ".message";
      SHIRUBE_TRY(opt_string(*m, "type", mp, ev.message_type));
      SHIRUBE_TRY(opt_string(*m, "id", mp, ev.message_id));
      for (const auto& [key, value] : m->items()) {
        (void)value;
        if (message_fields(ev.message_type).count(key) == 0)
          ++ev.unknown_fields;
      }
      if (ev.message_type == "text") {
        SHIRUBE_TRY(opt_string(*m, "text", mp, ev.text));
        const json* mention = nullptr;
        SHIRUBE_TRY(opt_object(*m, "mention", mp, mention));
        if (mention != nullptr) {
          const auto ms = mention->find("mentionees");
          if (ms != mention->end() && ms->is_array()) {
            for (const auto& who : *ms) {
              if (!who.is_object())
                continue;
              const auto self = who.find("isSelf");
              if (self != who.end() && self->is_boolean() && self->get<bool>()) {
                ev.mentions_self = true;
              }
            }
          }
        }
      } else if (ev.message_type == "location") {
        SHIRUBE_TRY(opt_number(*m, "latitude", mp, ev.latitude));
        SHIRUBE_TRY(opt_number(*m, "longitude", mp, ev.longitude));
      }
      break;
    }
    case EventType::kPostback: {
      const json* p = nullptr;
      SHIRUBE_TRY(opt_object(j, "postback", path, p));
      if (p == nullptr)
        return Error::invalid_argument(path + ".postback", "missing");
      SHIRUBE_TRY(opt_string(*p, "data", path + ".postback", ev.postback_data));
      const json* params = nullptr;
      SHIRUBE_TRY(opt_object(*p, "params", path + ".postback", params));
      if (params != nullptr) {
        for (const auto& [key, value] : params->items()) {
          if (value.is_string())
            ev.postback_params[key] = value.get<std::string>();
        }
      }
      break;
    }
    case EventType::kUnsend: {
      const json* u = nullptr;
      SHIRUBE_TRY(opt_object(j, "unsend", path, u));
      if (u != nullptr)
        SHIRUBE_TRY(opt_string(*u, "messageId", path + ".unsend", ev.unsend_message_id));
      break;
    }
    case EventType::kFollow: {
      const json* f = nullptr;
      SHIRUBE_TRY(opt_object(j, "follow", path, f));
      if (f != nullptr) {
        const auto u = f->find("isUnblocked");
        if (u != f->end() && u->is_boolean())
          ev.is_unblocked = u->get<bool>();
      }
      break;
    }
    default:
      break;
  }

  if (ev.webhook_event_id.empty()) {
    // Old payloads (and the pre-2020 Verify request) carry no webhookEventId. A digest of
    // the event's canonical form still drops exact duplicates.
    ev.webhook_event_id =
        "digest-" + crypto::hmac_sha256_hex("webhookEventId", j.dump()).substr(0, 32);
  }
  return ev;
}

}  // namespace

const char* event_type_name(EventType type) {
  for (const auto& t : kTypes) {
    if (t.type == type)
      return t.name;
  }
  return "unknown";
}

EventType event_type_from(std::string_view name) {
  for (const auto& t : kTypes) {
    if (name == t.name)
      return t.type;
  }
  return EventType::kUnknown;
}

std::string Source::chat_id() const {
  if (!group_id.empty())
    return group_id;
  if (!room_id.empty())
    return room_id;
  return user_id;
}

Result<Callback> parse_callback(std::string_view body) {
  if (const std::size_t bad = utf8::first_invalid(body); bad != std::string_view::npos) {
    return Error::invalid_argument("body", "invalid UTF-8 at byte " + std::to_string(bad));
  }
  const json j = json::parse(body.begin(), body.end(), nullptr, false);
  if (j.is_discarded())
    return Error::invalid_argument("body", "not valid JSON");
  if (!j.is_object())
    return Error::invalid_argument("body", "expected a JSON object");
  Callback cb;
  if (const auto d = j.find("destination"); d != j.end() && !d->is_null()) {
    if (!d->is_string())
      return Error::invalid_argument("destination", "expected a string");
    cb.destination = d->get<std::string>();
  }
  const auto events = j.find("events");
  if (events == j.end())
    return Error::invalid_argument("events", "missing");
  if (!events->is_array())
    return Error::invalid_argument("events", "expected an array");
  cb.events.reserve(events->size());
  for (std::size_t i = 0; i < events->size(); ++i) {
    Result<Event> ev = parse_event(events->at(i), "events[" + std::to_string(i) + "]");
    if (!ev.ok())
      return ev.error();
    cb.events.push_back(std::move(ev).value());
  }
  return cb;
}

}  // namespace shirube::webhooks::line
