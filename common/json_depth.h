#pragma once
// How deeply a JSON text nests, measured without parsing it. nlohmann::json parses deep
// nesting iteratively but dumps, compares and copies it recursively: a body nested a few
// hundred thousand levels deep (a 1 MiB webhook can hold half a million '[') would exhaust
// a thread's stack the first time anything walks it. Every body that comes from outside is
// measured with this before it is parsed, and refused above kMaxJsonDepth.
// The scan skips strings (with their escapes) and counts '[' and '{' outside them; it does
// not validate the text (the parser does that afterwards).
// Thread-safety: pure functions.

#include <cstddef>
#include <string_view>

namespace shirube::json_depth {

// Deeper than any request shirube accepts: a LINE webhook nests about six levels
// (events[] → message → emojis[] → object), the chat API two.
inline constexpr std::size_t kMaxJsonDepth = 64;

// True when `text` opens more than `max_depth` arrays or objects inside each other. Stops at
// the first level over the limit, so the cost is at most one pass over `text`.
bool exceeds(std::string_view text, std::size_t max_depth = kMaxJsonDepth);

}  // namespace shirube::json_depth
