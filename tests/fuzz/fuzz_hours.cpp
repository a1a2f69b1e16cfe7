// libFuzzer target: the opening-hours reader ("平日9時〜17時（祝日を除く）") and what is built
// on it: whether a service is open at a few moments, its HSDS schedule rows, and the
// date-time parser of the directory API's `at`.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "knowledge/hours.h"
#include "knowledge/hsds_csv.h"

namespace hours = shirube::knowledge::hours;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const hours::Schedule schedule = hours::parse(text);
  for (const hours::LocalTime& t :
       {hours::LocalTime{2026, 5, 4, 600}, hours::LocalTime{2026, 12, 31, 1439},
        hours::LocalTime{2027, 1, 2, 0}}) {
    (void)hours::is_open(schedule, t);
  }
  (void)shirube::knowledge::hsds_schedules(std::string(text));
  (void)hours::parse_iso8601(text);
  return 0;
}
