#pragma once
// Renders a channel-neutral Reply as LINE message objects, exactly as they are sent to
// LINE's Reply API and returned by POST /api/v1/chat. Long content is cut and paginated,
// never rejected, and every limit of LINE's Messaging API is kept:
//   - at most 5 messages, in this order: crisis links (a Flex bubble of at most three
//     tap-to-call buttons; with more links, a carousel whose second bubble
//     「ほかの電話・窓口」 holds the rest, at most ten in all),
//     texts, result cards (Flex carousels), the notes after the cards (joined to the texts
//     when there is no room); buttons before paragraphs;
//   - text <= 5000 UTF-16 units (longer texts are split over free message slots, then cut);
//   - quick reply (Reply.choices) on the LAST message only, <= 13 items, labels cut to
//     <= 20 UTF-16 units, displayText = label; a choice whose postback data is empty, over
//     300 bytes or not UTF-8 is dropped (never cut into a wrong target); when there are more
//     than 13, navigation choices ("nav=...") are kept and the first others fill the rest;
//   - Flex: <= 12 bubbles per carousel, bubble JSON <= 30 KB, carousel <= 50 KB,
//     altText <= 1500 (e.g. 「相談先 5件：よりそいホットライン 0120-279-338 ／ …」),
//     button labels <= 40; URIs only http/https/tel, percent-encoded, <= 1000 characters
//     (a link with any other URI shows its label as text instead of a button).
// Strings from the data that are not valid UTF-8 are rendered with U+FFFD replacements.
// An empty Reply renders as an empty array; a Reply with only choices gets a short prompt.
// With `location` (LINE itself, not the chat API), a step that asks for the area
// (Reply::asks_area) gets a first quick reply of type `location` (「位置情報を送る」), which
// sends the person's location as a location message (webhooks/line_prefecture.h).
// Thread-safety: pure function.

#include <string>

#include <nlohmann/json.hpp>

#include "bot/reply.h"

namespace shirube::webhooks {

struct LineRenderOptions {
  bool location = false;  // offer LINE's location quick reply where the area is asked
};

nlohmann::json render_line_messages(const bot::Reply& reply, const LineRenderOptions& options = {});

// The URI as it may appear in a LINE uri action (http, https or tel; non-ASCII and spaces
// percent-encoded; <= 1000 characters), or "" when it cannot be used.
std::string line_safe_uri(const std::string& uri);

}  // namespace shirube::webhooks
