#pragma once
// UTF-8 helpers shared by every folder. LINE counts lengths in UTF-16 code units (an emoji
// is 2), and labels in grapheme clusters; we cut by code points, never inside a surrogate
// pair, and count UTF-16 units, which is never less than the grapheme count.
// Thread-safety: pure functions.

#include <cstddef>
#include <string>
#include <string_view>

namespace shirube::utf8 {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool is_valid(std::string_view s);

// Byte offset of the first invalid sequence, or npos when valid.
std::size_t first_invalid(std::string_view s);

// Replaces every invalid sequence with U+FFFD.
std::string sanitize(std::string_view s);

// Number of UTF-16 code units `s` would take (invalid bytes count as 1 each).
std::size_t utf16_length(std::string_view s);

// Number of code points.
std::size_t code_points(std::string_view s);

// The code point at byte `i` (< s.size()), advancing `i` past it; an invalid sequence reads as
// U+FFFD and advances one byte, as sanitize() replaces it.
char32_t next_code_point(std::string_view s, std::size_t& i);

// True when `s` holds a code point in [first, last]: e.g. U+3000..U+9FFF for kana and CJK
// ideographs, U+3000..U+D7FF for those and Hangul.
bool has_code_point_in(std::string_view s, char32_t first, char32_t last);

// True when `s` is Japanese written in katakana only (ｵﾜﾘﾆｽﾙ, オワリニスル: old phones, a flat
// voice): at least three katakana, full or half width, and no hiragana or CJK ideograph.
bool katakana_only(std::string_view s);

// `s` with every full-width katakana letter (U+30A1..U+30F6) replaced by its hiragana; other
// code points, half-width kana included, are copied as they are (fold those with NFKC first).
std::string katakana_to_hiragana(std::string_view s);

// Longest prefix of `s` that is at most `max_units` UTF-16 units, cut on a code-point
// boundary. When it had to cut and `ellipsis` is set, the result ends in "…" and still
// fits in `max_units`.
std::string truncate_utf16(std::string_view s, std::size_t max_units, bool ellipsis = true);

// Longest prefix of at most `max_bytes` bytes cut on a code-point boundary.
std::string truncate_bytes(std::string_view s, std::size_t max_bytes);

}  // namespace shirube::utf8
