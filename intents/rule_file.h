#pragma once
// Shared reader for the TAB-separated rule files in intents/data/ (crisis.tsv, intents.tsv,
// areas.tsv): comment lines (#) and blank lines skipped, CRLF and a UTF-8 BOM tolerated,
// an exact field count per row. Internal to intents/.
// Thread-safety: pure functions.

#include <cstddef>
#include <memory>
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

// A set of RE2 patterns matched together in one pass (RE2::Set), so the cost of a match does
// not grow with the number of patterns. If the set's DFA ever runs out of memory (RE2 then
// reports an error instead of matches), match() falls back to one RE2 per pattern: slower,
// never a silent miss. Text is matched unanchored.
// Thread-safety: add()/compile() before sharing; match() is then safe from any thread.
class PatternSet {
 public:
  PatternSet();
  ~PatternSet();
  PatternSet(const PatternSet&) = delete;
  PatternSet& operator=(const PatternSet&) = delete;

  // Adds a pattern with index size(); returns "" or the reason it was refused
  // (pattern_problem()).
  std::string add(const std::string& pattern);
  // False when the patterns do not fit in memory together.
  bool compile();
  std::size_t size() const;

  // Appends the indices of the patterns that match `text`.
  void match(std::string_view text, std::vector<int>* hits) const;
  // The same answer, one pattern at a time (the fallback; public so tests can compare).
  void match_each(std::string_view text, std::vector<int>* hits) const;
  // How many match() calls had to fall back (for tests and benchmarks; should stay 0).
  std::size_t fallback_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace shirube::intents
