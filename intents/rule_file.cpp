#include "intents/rule_file.h"

#include <atomic>
#include <cstdint>

#include <re2/re2.h>
#include <re2/set.h>

#include "common/utf8.h"

namespace shirube::intents {

Result<std::vector<RuleRow>> read_rule_rows(std::string_view tsv, const std::string& source,
                                            std::size_t field_count) {
  std::vector<RuleRow> rows;
  if (tsv.substr(0, 3) == "\xEF\xBB\xBF")
    tsv.remove_prefix(3);
  int line_no = 0;
  while (!tsv.empty()) {
    const std::size_t nl = tsv.find('\n');
    std::string_view line = tsv.substr(0, nl);
    tsv.remove_prefix(nl == std::string_view::npos ? tsv.size() : nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    if (line.empty() || line.front() == '#')
      continue;
    const std::string where = source + ":" + std::to_string(line_no);
    if (!utf8::is_valid(line))
      return Error::invalid_argument(where, "invalid UTF-8");
    for (char c : line) {
      // A stray control byte (a "\b" that became a backspace in some editor) would silently
      // never match; say so instead.
      if (c != '\t' && static_cast<unsigned char>(c) < 0x20) {
        return Error::invalid_argument(where, "control character in line");
      }
    }
    RuleRow row;
    row.line = line_no;
    std::size_t start = 0;
    for (;;) {
      const std::size_t tab = line.find('\t', start);
      row.fields.emplace_back(
          line.substr(start, tab == std::string_view::npos ? line.npos : tab - start));
      if (tab == std::string_view::npos)
        break;
      start = tab + 1;
    }
    if (row.fields.size() != field_count) {
      return Error::invalid_argument(where, "expected " + std::to_string(field_count) +
                                                " TAB-separated fields, got " +
                                                std::to_string(row.fields.size()));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string pattern_problem(const std::string& pattern) {
  if (pattern.empty())
    return "empty pattern";
  // Text is normalised before matching, so katakana never reaches a pattern: a katakana
  // pattern is a silent miss. (ァ..ヶ is E3 82 A1 .. E3 83 B6 in UTF-8.)
  for (std::size_t i = 0; i + 2 < pattern.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(pattern[i]);
    const auto b1 = static_cast<unsigned char>(pattern[i + 1]);
    const auto b2 = static_cast<unsigned char>(pattern[i + 2]);
    if (b0 == 0xE3 && ((b1 == 0x82 && b2 >= 0xA1) || (b1 == 0x83 && b2 <= 0xB6))) {
      return "katakana in pattern (text is normalised to hiragana; write it in hiragana)";
    }
  }
  RE2::Options options;
  options.set_log_errors(false);
  const RE2 re(pattern, options);
  if (!re.ok())
    return "bad pattern: " + re.error();
  // A pattern that matches empty text fires on every message: never what the author meant.
  if (RE2::PartialMatch("", re))
    return "pattern matches empty text";
  return {};
}

// RE2's default budget (8 MiB) is too small for the intents set: over a few hundred varied
// messages its DFA state cache fills and is thrown away and rebuilt again and again
// (bench/intents: ~300 us and 35 allocations per match instead of ~2 us and 9). 16 MiB was
// enough for today's patterns; 32 MiB leaves room to grow. It is a cap, not an allocation
// (the benchmark process peaks at ~18 MB resident).
constexpr std::int64_t kSetMaxMem = std::int64_t{32} << 20;

struct PatternSet::Impl {
  Impl() : set(set_options(), RE2::UNANCHORED) {}
  static RE2::Options options() {
    RE2::Options o;
    o.set_log_errors(false);
    return o;
  }
  static RE2::Options set_options() {
    RE2::Options o = options();
    o.set_max_mem(kSetMaxMem);
    return o;
  }
  RE2::Set set;
  std::vector<std::unique_ptr<RE2>> each;
  mutable std::atomic<std::size_t> fallbacks{0};
};

PatternSet::PatternSet() : impl_(std::make_unique<Impl>()) {}
PatternSet::~PatternSet() = default;

std::string PatternSet::add(const std::string& pattern) {
  std::string problem = pattern_problem(pattern);
  if (!problem.empty())
    return problem;
  std::string error;
  if (impl_->set.Add(pattern, &error) < 0)
    return "bad pattern: " + error;
  impl_->each.push_back(std::make_unique<RE2>(pattern, Impl::options()));
  return {};
}

bool PatternSet::compile() {
  return impl_->set.Compile();
}

std::size_t PatternSet::size() const {
  return impl_->each.size();
}

std::size_t PatternSet::fallback_count() const {
  return impl_->fallbacks.load(std::memory_order_relaxed);
}

void PatternSet::match(std::string_view text, std::vector<int>* hits) const {
  thread_local std::vector<int> found;
  found.clear();
  RE2::Set::ErrorInfo info{};
  if (impl_->set.Match(text, &found, &info)) {
    hits->insert(hits->end(), found.begin(), found.end());
    return;
  }
  if (info.kind == RE2::Set::kNoError)
    return;  // simply no match
  impl_->fallbacks.fetch_add(1, std::memory_order_relaxed);
  match_each(text, hits);
}

void PatternSet::match_each(std::string_view text, std::vector<int>* hits) const {
  for (std::size_t i = 0; i < impl_->each.size(); ++i) {
    if (RE2::PartialMatch(text, *impl_->each[i]))
      hits->push_back(static_cast<int>(i));
  }
}

}  // namespace shirube::intents
