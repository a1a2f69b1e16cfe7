#pragma once
// Parsing of LINE webhook request bodies (CallbackRequest, webhook.yml). Every event type of
// the spec is recognised; unknown event types, message types, source types and unknown
// fields are tolerated (kept as kUnknown / counted), never an error, because one rejected
// event would lose the whole batch. Only a body that is not a CallbackRequest at all is an
// error. IDs stay strings (message ids exceed 2^53); timestamps are int64.
// Thread-safety: pure functions.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace shirube::webhooks::line {

enum class EventType {
  kMessage,
  kUnsend,
  kFollow,
  kUnfollow,
  kJoin,
  kLeave,
  kMemberJoined,
  kMemberLeft,
  kPostback,
  kVideoPlayComplete,
  kBeacon,
  kAccountLink,
  kMembership,
  kModule,
  kActivated,
  kDeactivated,
  kBotSuspended,
  kBotResumed,
  kDelivery,
  kUnknown
};

// "message", "memberJoined", ... ; "unknown" for kUnknown.
const char* event_type_name(EventType type);
EventType event_type_from(std::string_view name);

struct Source {
  std::string type;     // "user", "group", "room", "" when absent, or an unknown type
  std::string user_id;  // may be empty (groups: only on message events)
  std::string group_id;
  std::string room_id;
  // The push target: groupId, roomId or userId, in that priority.
  std::string chat_id() const;
  bool one_to_one() const { return type == "user" && !user_id.empty(); }
};

struct Event {
  EventType type = EventType::kUnknown;
  std::string type_name;         // as received (for counters)
  std::string webhook_event_id;  // ULID; when absent, a digest of the event (old payloads)
  bool is_redelivery = false;
  int64_t timestamp = 0;
  bool standby = false;     // mode == "standby": no reply, no push
  std::string reply_token;  // "" when absent
  Source source;

  // kMessage
  std::string message_type;  // text, image, video, audio, file, location, sticker, or other
  std::string message_id;
  std::string text;            // text messages
  bool mentions_self = false;  // a mentionee with isSelf == true
  double latitude = 0;
  double longitude = 0;
  // kPostback
  std::string postback_data;
  std::map<std::string, std::string> postback_params;
  // kUnsend
  std::string unsend_message_id;
  // kFollow
  bool is_unblocked = false;

  int unknown_fields = 0;  // fields this parser does not know, at event and message level
};

struct Callback {
  std::string destination;  // "" when absent
  std::vector<Event> events;
};

// Parses a body whose signature was already checked. Errors (kInvalidArgument, where = the
// JSON path): invalid UTF-8, not JSON, not an object, `events` missing or not an array, an
// event that is not an object or has no string `type`, a present field of the wrong type
// (e.g. `message.text` a number). Nothing else.
Result<Callback> parse_callback(std::string_view body);

}  // namespace shirube::webhooks::line
