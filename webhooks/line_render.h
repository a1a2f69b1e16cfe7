#pragma once
// Renders a channel-neutral Reply as LINE message objects, exactly as they are sent to
// LINE's Reply API and returned by POST /api/v1/chat: at most 5 messages, quick replies
// <= 13 items with labels <= 20 UTF-16 units, postback data <= 300 bytes, text <= 5000,
// altText <= 1500, Flex carousel <= 12 bubbles; long content is cut and paginated, never
// rejected. Thread-safety: pure function.

#include <nlohmann/json.hpp>

#include "bot/reply.h"

namespace shirube::webhooks {

nlohmann::json render_line_messages(const bot::Reply& reply);

}  // namespace shirube::webhooks
