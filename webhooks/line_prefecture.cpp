#include "webhooks/line_prefecture.h"

#include <cmath>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "common/embedded.h"

namespace shirube::webhooks::line {
namespace {

struct Office {
  int code;
  std::string name;
  double lat;
  double lon;
};

std::vector<Office> load_table() {
  std::vector<Office> out;
  const std::optional<std::string_view> data =
      embedded_file("webhooks/data/prefecture_offices.tsv");
  if (!data)
    return out;
  std::string_view rest = *data;
  while (!rest.empty()) {
    const std::size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    if (line.empty() || line.front() == '#')
      continue;
    std::vector<std::string> cols;
    std::size_t start = 0;
    for (;;) {
      const std::size_t tab = line.find('\t', start);
      cols.emplace_back(
          line.substr(start, tab == std::string_view::npos ? line.size() - start : tab - start));
      if (tab == std::string_view::npos)
        break;
      start = tab + 1;
    }
    if (cols.size() != 4)
      continue;
    Office o{std::atoi(cols[0].c_str()), cols[1], std::strtod(cols[2].c_str(), nullptr),
             std::strtod(cols[3].c_str(), nullptr)};
    if (o.code >= 1 && o.code <= 47)
      out.push_back(std::move(o));
  }
  return out;
}

const std::vector<Office>& table() {
  static const std::vector<Office> kTable = load_table();
  return kTable;
}

double haversine_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthRadiusKm = 6371.0;
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  const double dlat = (lat2 - lat1) * kRad;
  const double dlon = (lon2 - lon1) * kRad;
  const double a =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::sqrt(std::fmin(1.0, a)));
}

}  // namespace

PrefectureMatch prefecture_for(double latitude, double longitude) {
  PrefectureMatch best;
  if (!std::isfinite(latitude) || !std::isfinite(longitude) || std::fabs(latitude) > 90 ||
      std::fabs(longitude) > 180) {
    return best;
  }
  double best_d = 1e18;
  const Office* hit = nullptr;
  for (const Office& o : table()) {
    const double d = haversine_km(latitude, longitude, o.lat, o.lon);
    if (d < best_d) {
      best_d = d;
      hit = &o;
    }
  }
  if (hit == nullptr || best_d > kMaxPrefectureDistanceKm)
    return best;
  best.code = hit->code;
  best.name = hit->name;
  best.distance_km = best_d;
  return best;
}

int prefecture_table_size() {
  return static_cast<int>(table().size());
}

}  // namespace shirube::webhooks::line
