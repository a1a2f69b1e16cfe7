#pragma once
// LINE Messaging API limits, in one place (https://developers.line.biz/en/reference/messaging-api/;
// docs/line-channel.md). Lengths in "units" are UTF-16 code units, as LINE counts them. Sizes in
// bytes are kept a little under LINE's "30 KB"/"50 KB" (read as 1000-byte kilobytes) because LINE
// measures its own serialisation and we must never be the reason a reply is rejected.
// The renderer (webhooks/line_render.cpp) keeps every reply within them; the chat API
// (webhooks/server.cpp) refuses input LINE itself could not carry; the decision tree checks
// every step against the quick-reply, postback and message limits at load (intents/tree.h,
// TreeLimits, which names these constants).
// Thread-safety: constants.

#include <cstddef>

namespace shirube::line_limits {

inline constexpr std::size_t kMaxMessages = 5;  // message objects in one reply or push
inline constexpr std::size_t kMaxTextUnits = 5000;
inline constexpr std::size_t kMaxQuickReplyItems = 13;
inline constexpr std::size_t kMaxQuickReplyLabelUnits = 20;
inline constexpr std::size_t kMaxPostbackDataBytes = 300;
inline constexpr std::size_t kMaxBubbles = 12;  // bubbles in one carousel
inline constexpr std::size_t kMaxBubbleBytes = 30000;
inline constexpr std::size_t kMaxCarouselBytes = 50000;
inline constexpr std::size_t kMaxAltTextUnits = 1500;
inline constexpr std::size_t kMaxFlexButtonLabelUnits = 40;
inline constexpr std::size_t kMaxUriChars = 1000;

}  // namespace shirube::line_limits
