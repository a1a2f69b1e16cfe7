#include "common/time_format.h"

#include <catch2/catch.hpp>

TEST_CASE("TimeFormat: timestamps in UTC and dates in Japan", "[common]") {
  CHECK(shirube::iso_utc(0) == "1970-01-01T00:00:00Z");
  // 2026-12-03 14:59:59 UTC is 23:59:59 in Japan; a second later it is the 4th there.
  const std::int64_t t = 1796309999;
  CHECK(shirube::iso_utc(t) == "2026-12-03T14:59:59Z");
  CHECK(shirube::japan_date(t) == "2026-12-03");
  CHECK(shirube::japan_date(t + 1) == "2026-12-04");
  CHECK(shirube::utc_date(t + 1) == "2026-12-03");
  CHECK(shirube::japan_month(t) == "2026-12");
  CHECK(shirube::japan_month(1798729199) == "2026-12");  // 2026-12-31 23:59:59 in Japan
  CHECK(shirube::japan_month(1798729200) == "2027-01");
}
