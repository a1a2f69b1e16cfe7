#include "webhooks/line_dispatch.h"

#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

using shirube::webhooks::line::decide;
using shirube::webhooks::line::Event;
using shirube::webhooks::line::EventType;
using shirube::webhooks::line::from_payload;
using shirube::webhooks::line::parse_callback;
using shirube::webhooks::line::to_payload;
using shirube::webhooks::line::work_kind_name;
using shirube::webhooks::line::WorkKind;

namespace {

std::vector<Event> all_events() {
  std::ifstream in(std::string(SHIRUBE_SOURCE_DIR) + "/tests/data/line/all_events.json");
  std::stringstream ss;
  ss << in.rdbuf();
  auto parsed = parse_callback(ss.str());
  REQUIRE(parsed.ok());
  return parsed->events;
}

}  // namespace

TEST_CASE("LineDispatch: decides the work for every event of the fixture", "[line]") {
  const std::vector<Event> events = all_events();
  REQUIRE(events.size() == 30);
  // Index in all_events.json -> expected work.
  const std::vector<WorkKind> expected = {
      WorkKind::kText,   WorkKind::kMedia,    WorkKind::kMedia,    WorkKind::kMedia,
      WorkKind::kMedia,  WorkKind::kLocation, WorkKind::kMedia,    WorkKind::kFollow,
      WorkKind::kFollow, WorkKind::kUnfollow, WorkKind::kPostback, WorkKind::kGroupNote,
      WorkKind::kNone,   WorkKind::kNone,     WorkKind::kNone,     WorkKind::kNone,
      WorkKind::kNone,   WorkKind::kNone,     WorkKind::kNone,     WorkKind::kNone,
      WorkKind::kNone,   WorkKind::kNone,     WorkKind::kNone,     WorkKind::kNone,
      WorkKind::kNone,   WorkKind::kNone,     WorkKind::kNone,     WorkKind::kGroupNote,
      WorkKind::kNone,   WorkKind::kNone};
  for (std::size_t i = 0; i < events.size(); ++i) {
    CAPTURE(i, events[i].type_name);
    CHECK(std::string(work_kind_name(decide(events[i]).kind)) == work_kind_name(expected[i]));
  }
  CHECK(decide(events[5]).prefecture == 13);
  CHECK(decide(events[6]).media == "sticker");
  CHECK(decide(events[10]).data == "n=food");
}

TEST_CASE("LineDispatch: never passes group or room text to the engine", "[line]") {
  Event ev;
  ev.type = EventType::kMessage;
  ev.message_type = "text";
  ev.text = "死にたい";
  ev.reply_token = "rt";
  ev.source.type = "group";
  ev.source.group_id = "Cgroup";
  ev.source.user_id = "Uuser";
  const auto w = decide(ev);
  CHECK(w.kind == WorkKind::kNone);
  CHECK(w.text.empty());
  ev.mentions_self = true;
  const auto note = decide(ev);
  CHECK(note.kind == WorkKind::kGroupNote);
  CHECK(note.user_id.empty());
  CHECK(note.text.empty());
  CHECK(note.to == "Cgroup");
  CHECK_FALSE(note.loading);  // loading animation is for one-to-one chats only
}

TEST_CASE("LineDispatch: standby events send nothing but unfollow still erases", "[line]") {
  Event ev;
  ev.type = EventType::kMessage;
  ev.message_type = "text";
  ev.text = "hello";
  ev.standby = true;
  ev.source.type = "user";
  ev.source.user_id = "Uuser";
  CHECK(decide(ev).kind == WorkKind::kNone);
  ev.type = EventType::kUnfollow;
  CHECK(decide(ev).kind == WorkKind::kUnfollow);
}

TEST_CASE("LineDispatch: the payload round-trips", "[line]") {
  const std::vector<Event> events = all_events();
  for (const std::size_t i : {0, 5, 6, 10, 11}) {
    const auto w = decide(events[i]);
    const auto back = from_payload(to_payload(w));
    CAPTURE(i);
    CHECK(back.kind == w.kind);
    CHECK(back.user_id == w.user_id);
    CHECK(back.to == w.to);
    CHECK(back.reply_token == w.reply_token);
    CHECK(back.text == w.text);
    CHECK(back.data == w.data);
    CHECK(back.prefecture == w.prefecture);
    CHECK(back.media == w.media);
    CHECK(back.loading == w.loading);
  }
  CHECK(from_payload("not json").kind == WorkKind::kNone);
}
