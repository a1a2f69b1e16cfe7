#include "bot/postback.h"

#include "common/args.h"
#include "intents/tree.h"

namespace shirube::bot {

namespace {

// Postback numbers are short: at most six digits, as the format says.
std::optional<int> parse_int(std::string_view s, int lo, int hi) {
  if (s.size() > 6)
    return std::nullopt;
  return args::parse_int(s, lo, hi);
}

// Sets the field of `pb` that `key` names; false when the key is unknown or the value bad.
bool set_part(Postback& pb, std::string_view key, std::string_view value) {
  if (key == "n") {
    pb.node = std::string(value);
  } else if (key == "p") {
    pb.prefecture = parse_int(value, 0, 47);
    return pb.prefecture.has_value();
  } else if (key == "s") {
    pb.situation = std::string(value);
  } else if (key == "more") {
    pb.more = parse_int(value, 0, 10000);
    return pb.more.has_value();
  } else if (key == "nav") {
    pb.nav = std::string(value);
  } else if (key == "lang") {
    pb.lang = std::string(value);
  } else if (key == "f") {
    pb.form = std::string(value);
  } else if (key == "v") {
    pb.value = std::string(value);
  } else if (key == "t") {
    pb.token = std::string(value);
  } else if (key == "w") {
    pb.worker = std::string(value);
  } else {
    return false;
  }
  return true;
}

}  // namespace

std::optional<Postback> parse_postback(std::string_view data) {
  if (data.empty() || data.size() > intents::TreeLimits::kMaxDataBytes)
    return std::nullopt;
  Postback pb;
  while (!data.empty()) {
    const std::size_t amp = data.find('&');
    std::string_view part = data.substr(0, amp);
    data = amp == std::string_view::npos ? std::string_view() : data.substr(amp + 1);
    const std::size_t eq = part.find('=');
    if (eq == std::string_view::npos || !set_part(pb, part.substr(0, eq), part.substr(eq + 1)))
      return std::nullopt;
  }
  if (pb.node.empty() && !pb.more && pb.nav.empty() && pb.form.empty() && pb.lang.empty() &&
      pb.worker.empty())
    return std::nullopt;
  return pb;
}

}  // namespace shirube::bot
