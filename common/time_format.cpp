#include "common/time_format.h"

#include <ctime>

namespace shirube {

std::string format_time(std::int64_t unix_seconds, const char* format,
                        std::int64_t offset_seconds) {
  const auto t = static_cast<std::time_t>(unix_seconds + offset_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  const std::size_t n = std::strftime(buf, sizeof buf, format, &tm);
  return std::string(buf, n);
}

std::string iso_utc(std::int64_t unix_seconds) {
  return format_time(unix_seconds, "%Y-%m-%dT%H:%M:%SZ");
}

std::string japan_date(std::int64_t unix_seconds) {
  return format_time(unix_seconds, "%Y-%m-%d", 9 * 3600);
}

}  // namespace shirube
