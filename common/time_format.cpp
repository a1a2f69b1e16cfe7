#include "common/time_format.h"

#include <ctime>

namespace shirube {
namespace {

enum class Layout { kIso, kDate, kMonth };

// The formats are literals here so the compiler checks them (-Wformat-nonliteral).
std::string format(std::int64_t unix_seconds, std::int64_t offset_seconds, Layout layout) {
  const auto t = static_cast<std::time_t>(unix_seconds + offset_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::size_t n = 0;
  switch (layout) {
    case Layout::kIso:
      n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
      break;
    case Layout::kDate:
      n = std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
      break;
    case Layout::kMonth:
      n = std::strftime(buf, sizeof buf, "%Y-%m", &tm);
      break;
  }
  return std::string(buf, n);
}

constexpr std::int64_t kJapan = 9 * 3600;

}  // namespace

std::string iso_utc(std::int64_t unix_seconds) {
  return format(unix_seconds, 0, Layout::kIso);
}

std::string utc_date(std::int64_t unix_seconds) {
  return format(unix_seconds, 0, Layout::kDate);
}

std::string japan_date(std::int64_t unix_seconds) {
  return format(unix_seconds, kJapan, Layout::kDate);
}

std::string japan_month(std::int64_t unix_seconds) {
  return format(unix_seconds, kJapan, Layout::kMonth);
}

}  // namespace shirube
