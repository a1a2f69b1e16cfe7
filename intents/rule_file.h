#pragma once
// Shared reader for the TAB-separated rule files in intents/data/ (crisis.tsv, intents.tsv,
// areas.tsv): comment lines (#) and blank lines skipped, CRLF and a UTF-8 BOM tolerated,
// an exact field count per row. Internal to intents/.
// Thread-safety: pure functions.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace shirube::intents {

struct RuleRow {
  int line = 0;  // 1-based line number in the source
  std::vector<std::string> fields;
};

// Error "<source>:<line>: expected N TAB-separated fields, got M" for a short or long row,
// "<source>:<line>: invalid UTF-8" for bytes that are not UTF-8, and
// "<source>:<line>: control character in line" for any control byte other than TAB.
Result<std::vector<RuleRow>> read_rule_rows(std::string_view tsv, const std::string& source,
                                            std::size_t field_count);

// Empty when `pattern` is a usable RE2 pattern; otherwise the reason ("bad pattern: missing
// ): ...", "empty pattern", "pattern matches empty text").
std::string pattern_problem(const std::string& pattern);

}  // namespace shirube::intents
