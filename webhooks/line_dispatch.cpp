#include "webhooks/line_dispatch.h"

#include <array>

#include <nlohmann/json.hpp>

#include "webhooks/line_prefecture.h"

namespace shirube::webhooks::line {
namespace {

using nlohmann::json;

constexpr std::array<const char*, 9> kNames = {
    "none", "follow", "unfollow", "text", "postback", "location", "media", "group_note", "notify"};

bool is_media(const std::string& type) {
  return type == "sticker" || type == "image" || type == "video" || type == "audio" ||
         type == "file";
}

}  // namespace

const char* work_kind_name(WorkKind kind) {
  return kNames[static_cast<std::size_t>(kind)];
}

Work decide(const Event& ev) {
  Work w;
  const bool one_to_one = ev.source.one_to_one();
  if (ev.type == EventType::kUnfollow) {
    // Even in standby: the person blocked the bot, so what we hold about them goes.
    if (!ev.source.user_id.empty() && ev.source.type == "user") {
      w.kind = WorkKind::kUnfollow;
      w.user_id = ev.source.user_id;
    }
    return w;
  }
  if (ev.standby)
    return w;
  w.reply_token = ev.reply_token;
  w.to = ev.source.chat_id();
  if (w.to.empty())
    return Work{};

  const bool group = ev.source.type == "group" || ev.source.type == "room";
  if (group) {
    const bool note =
        ev.type == EventType::kJoin ||
        (ev.type == EventType::kMessage && ev.message_type == "text" && ev.mentions_self);
    if (!note)
      return Work{};
    w.kind = WorkKind::kGroupNote;
    return w;
  }
  if (!one_to_one)
    return Work{};
  w.user_id = ev.source.user_id;
  w.loading = true;
  switch (ev.type) {
    case EventType::kFollow:
      w.kind = WorkKind::kFollow;
      return w;
    case EventType::kPostback:
      w.kind = WorkKind::kPostback;
      w.data = ev.postback_data;
      return w;
    case EventType::kMessage:
      if (ev.message_type == "text") {
        w.kind = WorkKind::kText;
        w.text = ev.text;
      } else if (ev.message_type == "location") {
        w.kind = WorkKind::kLocation;
        w.latitude = ev.latitude;
        w.longitude = ev.longitude;
        w.prefecture = prefecture_for(ev.latitude, ev.longitude).code;
      } else if (is_media(ev.message_type)) {
        w.kind = WorkKind::kMedia;
        w.media = ev.message_type;
      } else {
        return Work{};
      }
      return w;
    default:
      return Work{};
  }
}

std::string to_payload(const Work& w) {
  json j = {{"k", work_kind_name(w.kind)}};
  if (!w.user_id.empty())
    j["u"] = w.user_id;
  if (!w.to.empty())
    j["to"] = w.to;
  if (!w.reply_token.empty())
    j["rt"] = w.reply_token;
  if (w.kind == WorkKind::kText || w.kind == WorkKind::kNotify)
    j["text"] = w.text;
  if (w.kind == WorkKind::kPostback)
    j["data"] = w.data;
  if (w.kind == WorkKind::kLocation) {
    j["lat"] = w.latitude;
    j["lon"] = w.longitude;
    j["pref"] = w.prefecture;
  }
  if (w.kind == WorkKind::kMedia)
    j["media"] = w.media;
  if (w.loading)
    j["loading"] = true;
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Work from_payload(const std::string& payload) {
  Work w;
  const json j = json::parse(payload, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return w;
  auto str = [&j](const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  auto num = [&j](const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<double>() : 0.0;
  };
  const std::string k = str("k");
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (k == kNames[i])
      w.kind = static_cast<WorkKind>(i);
  }
  w.user_id = str("u");
  w.to = str("to");
  w.reply_token = str("rt");
  w.text = str("text");
  w.data = str("data");
  w.latitude = num("lat");
  w.longitude = num("lon");
  w.prefecture = static_cast<int>(num("pref"));
  w.media = str("media");
  if (const auto it = j.find("loading"); it != j.end() && it->is_boolean()) {
    w.loading = it->get<bool>();
  }
  return w;
}

std::string group_note_messages() {
  const json messages = json::array(
      {json{{"type", "text"},
            {"text",
             "しるべです。招待してくださって、ありがとうございます。\n"
             "このアカウントは、1対1のトークでだけ お話を聞いています。\n"
             "グループでは、相談の内容には お答えしません。\n"
             "相談したいときは、しるべを友だちに追加して、1対1のトークで 話しかけてください。"}}});
  return messages.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace shirube::webhooks::line
