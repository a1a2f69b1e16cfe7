#pragma once
// Small text helpers for the knowledge base: search normalisation (NFKC + case folding via
// utf8proc, the same on both sides of a search), splitting, trimming, hashing.
// Thread-safety: pure functions.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace shirube::knowledge::text {

// NFKC + Unicode case folding. "ＤＶ　相談" -> "dv 相談". Invalid UTF-8 yields "".
std::string fold(std::string_view s);

// Splits on ASCII whitespace (after fold() full-width spaces are ASCII), dropping empties.
std::vector<std::string> words(std::string_view s);

// Splits on one delimiter character, keeping empty fields.
std::vector<std::string> split(std::string_view s, char delim);

// Trims ASCII whitespace and U+3000 (ideographic space) from both ends.
std::string trim(std::string_view s);

bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);
bool contains(std::string_view s, std::string_view needle);

// The host part of "scheme://host/path" ("www.pref.yamanashi.jp"); the whole string when it
// has no "://".
std::string url_host(std::string_view url);

// FNV-1a 64-bit, printed as 16 lowercase hex digits. Used for stable ids and data hashes,
// not for security.
uint64_t fnv1a(std::string_view s, uint64_t seed = 1469598103934665603ULL);
std::string hex16(uint64_t v);

// "2026-11-22" (a real calendar date).
bool is_iso_date(std::string_view s);
// "unknown", "2019", "2015-11" or an ISO date.
bool is_source_date(std::string_view s);

// Days from 1970-01-01 for an ISO date; caller checks is_iso_date first.
int64_t days_from_civil(std::string_view iso_date);

}  // namespace shirube::knowledge::text
