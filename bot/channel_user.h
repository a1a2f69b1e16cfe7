#pragma once
// The id a channel gives the engine for one person: the channel's name, ':' and the id the
// channel itself uses (LINE's userId, the web chat's opaque id, the terminal's --user). The
// engine hashes this whole string, so two channels can never name the same session, whatever
// ids their clients choose: a web chat caller who sends a LINE userId as its "user" reaches
// a session of its own, never that LINE user's.
// Thread-safety: pure function.

#include <string>
#include <string_view>

namespace shirube::bot {

enum class Channel { kLine, kWeb, kTerminal };

inline std::string channel_user_id(Channel channel, std::string_view id) {
  const char* prefix = "line:";
  if (channel == Channel::kWeb)
    prefix = "web:";
  else if (channel == Channel::kTerminal)
    prefix = "terminal:";
  return std::string(prefix).append(id);
}

}  // namespace shirube::bot
