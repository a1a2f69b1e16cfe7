#pragma once
// What the LINE channel does with one webhook event, decided when the event is accepted
// (so the inbox stores only what is needed to answer). The policy:
//   one-to-one chats (source.type == "user", active mode):
//     follow -> kFollow (greeting and root menu); unfollow -> erase the session;
//     text -> kText; postback -> kPostback (data; datetime params are not used);
//     location -> kLocation with the prefecture of the nearest prefectural office;
//     sticker, image, video, audio, file -> kMedia (a kind short answer and the menu);
//     other message types -> nothing (counted).
//   groups and rooms: join, and a text message that mentions the bot -> a fixed note that
//     the bot answers one-to-one only (nothing personal, no engine call); everything else
//     in a group or room is ignored, so no crisis or personal content is ever shown there.
//   standby mode: nothing is sent; an unfollow still erases the session.
//   every other event type (leave, member*, unsend, beacon, ...) -> nothing.
// Thread-safety: pure functions.

#include <string>

#include "webhooks/line_events.h"

namespace shirube::webhooks::line {

// kNotify is no webhook event: a push the server starts itself (LineChannel::notify), carried
// through the inbox like one so that it is durable and goes out through the senders.
enum class WorkKind {
  kNone,
  kFollow,
  kUnfollow,
  kText,
  kPostback,
  kLocation,
  kMedia,
  kGroupNote,
  kNotify
};

struct Work {
  WorkKind kind = WorkKind::kNone;
  std::string user_id;      // raw LINE user id (engine key); "" for group notes
  std::string to;           // push target (chat id)
  std::string reply_token;  // "" when none
  std::string text;         // kText, kNotify (the text to push)
  std::string data;         // kPostback
  double latitude = 0;      // kLocation
  double longitude = 0;
  int prefecture = 0;
  std::string media;     // kMedia
  bool loading = false;  // one-to-one: the loading animation may be shown
};

const char* work_kind_name(WorkKind kind);

Work decide(const Event& event);

// The inbox payload: compact JSON of a Work, and back. from_payload returns kNone for
// anything it cannot read.
std::string to_payload(const Work& work);
Work from_payload(const std::string& payload);

// The fixed note for groups and rooms (LINE message objects, JSON array text).
std::string group_note_messages();

}  // namespace shirube::webhooks::line
