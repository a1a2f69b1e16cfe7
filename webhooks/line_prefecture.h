#pragma once
// The prefecture for a shared LINE location: the prefecture whose prefectural office is
// nearest (great-circle distance) to the point, from the bundled table
// webhooks/data/prefecture_offices.tsv. An approximation: near a border the nearest office
// can belong to the neighbouring prefecture (documented in docs/line-channel.md).
// Thread-safety: pure functions over an immutable table loaded once.

#include <string>

namespace shirube::webhooks::line {

struct PrefectureMatch {
  int code = 0;      // JIS X 0401 code 1..47; 0 = not in Japan / unknown
  std::string name;  // "東京都"
  double distance_km = 0;
};

// Points farther than this from every prefectural office are "unknown" (0): outside Japan,
// or remote islands where the nearest office says little (e.g. Ogasawara).
constexpr double kMaxPrefectureDistanceKm = 600.0;

// Nearest prefectural office; code 0 for non-finite or out-of-range coordinates or when
// farther than kMaxPrefectureDistanceKm.
PrefectureMatch prefecture_for(double latitude, double longitude);

// Number of rows in the bundled table (47 when intact).
int prefecture_table_size();

}  // namespace shirube::webhooks::line
