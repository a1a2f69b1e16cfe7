// find_area(): the area slot from free text. See intents/data/areas.tsv for the table and
// the matching modes.

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "common/embedded.h"
#include "intents/intent_matcher.h"
#include "intents/normalize.h"
#include "intents/rule_file.h"

namespace shirube::intents {
namespace {

constexpr const char* kAreaPath = "intents/data/areas.tsv";

enum class Mode { kAny, kStart, kStrict, kWord };

struct Name {
  std::string text;
  int prefecture = 0;
  std::string municipality;
  Mode mode = Mode::kAny;
};

struct Table {
  std::vector<Name> names;
  std::string error;  // non-empty when the bundled table is unusable
};

Table load_table() {
  Table table;
  const auto data = embedded_file(kAreaPath);
  if (!data) {
    table.error = std::string(kAreaPath) + ": not embedded in this binary";
    return table;
  }
  auto rows = read_rule_rows(*data, kAreaPath, 4);
  if (!rows.ok()) {
    table.error = rows.error().message();
    return table;
  }
  for (const RuleRow& row : rows.value()) {
    const std::string where = std::string(kAreaPath) + ":" + std::to_string(row.line) + ": ";
    Name n;
    n.text = row.fields[0];
    char* end = nullptr;
    const long code = std::strtol(row.fields[1].c_str(), &end, 10);
    if (n.text.empty() || n.text != normalize(n.text)) {
      table.error = where + "name must be non-empty and normalised";
    } else if (row.fields[1].empty() || *end != '\0' || code < 1 || code > 47) {
      table.error = where + "prefecture must be a JIS code 1..47";
    }
    n.prefecture = static_cast<int>(code);
    n.municipality = row.fields[2];
    const std::string& mode = row.fields[3];
    if (mode == "any") {
      n.mode = Mode::kAny;
    } else if (mode == "start") {
      n.mode = Mode::kStart;
    } else if (mode == "strict") {
      n.mode = Mode::kStrict;
    } else if (mode == "word") {
      n.mode = Mode::kWord;
    } else {
      table.error = where + "mode must be any, start, strict or word";
    }
    if (!table.error.empty()) {
      table.names.clear();
      return table;
    }
    table.names.push_back(std::move(n));
  }
  return table;
}

const Table& table() {
  static const Table kTable = load_table();
  return kTable;
}

// The code point that ends just before byte `pos` (0 when pos is 0). The text is valid
// UTF-8 (it comes from normalize()).
std::uint32_t previous_code_point(std::string_view s, std::size_t pos) {
  if (pos == 0)
    return 0;
  std::size_t start = pos - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80)
    --start;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + start;
  const std::size_t len = pos - start;
  if (len == 1)
    return p[0];
  if (len == 2)
    return ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu);
  if (len == 3)
    return ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
  return ((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
}

std::uint32_t first_code_point(std::string_view s) {
  if (s.empty())
    return 0;
  std::size_t len = 1;
  while (len < s.size() && len < 4 && (static_cast<unsigned char>(s[len]) & 0xC0) == 0x80)
    ++len;
  return previous_code_point(s, len);
}

bool is_hiragana(std::uint32_t cp) {
  return (cp >= 0x3041 && cp <= 0x309F) || cp == 0x30FC;
}
bool is_kanji(std::uint32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || cp == 0x3005;
}

bool starts_with_any(std::string_view s, std::initializer_list<std::string_view> options) {
  for (std::string_view o : options) {
    if (s.substr(0, o.size()) == o)
      return true;
  }
  return false;
}

bool strict_before_ok(std::string_view text, std::size_t pos, const std::string& name) {
  const std::uint32_t prev = previous_code_point(text, pos);
  if (prev == 0)
    return true;
  // は, も, の, 県, 都, 府, 道 ("わたしはならに住んでる", "大阪府堺市")
  if (prev == 0x306F || prev == 0x3082 || prev == 0x306E || prev == 0x770C || prev == 0x90FD ||
      prev == 0x5E9C || prev == 0x9053) {
    return true;
  }
  const std::uint32_t first = first_code_point(name);
  if (is_hiragana(first))
    return !is_hiragana(prev);
  if (is_kanji(first))
    return !is_kanji(prev);
  return true;
}

bool strict_after_ok(std::string_view rest) {
  return rest.empty() || starts_with_any(rest, {"県", "けん", "府", "ふ", "都", "道", "市", "し",
                                                "に住", "にすん", "在住", "ざいじゅう", "です"});
}

bool start_before_ok(std::string_view text, std::size_t pos) {
  const std::uint32_t prev = previous_code_point(text, pos);
  // 県, 都, 府, 道: "三重県津市" is fine, "沼津市" is not.
  if (prev == 0x770C || prev == 0x90FD || prev == 0x5E9C || prev == 0x9053)
    return true;
  return !is_kanji(prev);
}

bool says_lives_there(std::string_view rest) {
  // Skip one administrative suffix: "札幌市に住んでる", "大阪府在住".
  if (starts_with_any(rest, {"県", "府", "都", "道", "市", "区", "町", "村"}))
    rest.remove_prefix(3);
  return starts_with_any(
      rest, {"に住", "にすん", "在住", "ざいじゅう", "で暮ら", "でくら", "住み", "すみ", "に引っ越",
             "にひっこ", "で生活", "でせいかつ", "に出てき", "にでてき", "に来", "に移", "にうつ"});
}

bool ends_with_any(std::string_view s, std::initializer_list<std::string_view> options) {
  for (std::string_view o : options) {
    if (s.size() >= o.size() && s.substr(s.size() - o.size()) == o)
      return true;
  }
  return false;
}

// "今は大阪", "現在は福岡": where the person is now.
bool says_now(std::string_view before) {
  return ends_with_any(before,
                       {"今は", "いまは", "今", "現在", "現在は", "げんざいは", "今住んでるのは"});
}

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

struct Hit {
  std::size_t pos = 0;
  std::size_t len = 0;
  const Name* name = nullptr;
};

}  // namespace

Result<std::size_t> area_table_size() {
  const Table& t = table();
  if (!t.error.empty())
    return Error::internal(kAreaPath, t.error);
  return t.names.size();
}

namespace {

// Japanese names found in the normalised text, each where its mode allows it.
void japanese_hits(const Table& t, const std::string& text, std::vector<Hit>& hits) {
  for (const Name& n : t.names) {
    if (n.mode == Mode::kWord)
      continue;
    for (std::size_t pos = text.find(n.text); pos != std::string::npos;
         pos = text.find(n.text, pos + 1)) {
      const std::string_view rest = std::string_view(text).substr(pos + n.text.size());
      if (n.mode == Mode::kStart && !start_before_ok(text, pos))
        continue;
      if (n.mode == Mode::kStrict &&
          (!strict_before_ok(text, pos, n.text) || !strict_after_ok(rest))) {
        continue;
      }
      hits.push_back({pos, n.text.size(), &n});
    }
  }
}

// Romaji names as whole words: "I live in Osaka".
void romaji_hits(const Table& t, std::string_view raw_text, std::vector<Hit>& hits) {
  const std::string spaced = normalize_keep_spaces(raw_text);
  for (const Name& n : t.names) {
    if (n.mode != Mode::kWord)
      continue;
    for (std::size_t pos = spaced.find(n.text); pos != std::string::npos;
         pos = spaced.find(n.text, pos + 1)) {
      const std::size_t end = pos + n.text.size();
      if (pos > 0 && is_word_char(spaced[pos - 1]))
        continue;
      if (end < spaced.size() && is_word_char(spaced[end]))
        continue;
      hits.push_back({pos, n.text.size(), &n});
    }
  }
}

// Leftmost-longest, without overlaps: "東京都" is 東京 (the 京都 inside it is dropped).
std::vector<Hit> leftmost_longest(std::vector<Hit> hits) {
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.pos != b.pos ? a.pos < b.pos : a.len > b.len;
  });
  std::vector<Hit> kept;
  std::size_t covered_until = 0;
  for (const Hit& h : hits) {
    if (!kept.empty() && h.pos < covered_until)
      continue;
    kept.push_back(h);
    covered_until = h.pos + h.len;
  }
  return kept;
}

}  // namespace

AreaMatch find_area(std::string_view raw_text) {
  const Table& t = table();
  const std::string text = normalize(raw_text);
  std::vector<Hit> hits;
  japanese_hits(t, text, hits);
  // Romaji names only when no Japanese name was found.
  if (hits.empty())
    romaji_hits(t, raw_text, hits);
  if (hits.empty())
    return {};
  const std::vector<Hit> kept = leftmost_longest(std::move(hits));
  // "今は大阪" beats "京都に住んでた", which beats a name said in passing.
  const Hit* chosen = nullptr;
  for (const Hit& h : kept) {
    if (chosen == nullptr && h.name->mode != Mode::kWord &&
        says_now(std::string_view(text).substr(0, h.pos))) {
      chosen = &h;
    }
  }
  for (const Hit& h : kept) {
    if (chosen == nullptr && h.name->mode != Mode::kWord &&
        says_lives_there(std::string_view(text).substr(h.pos + h.len))) {
      chosen = &h;
    }
  }
  if (chosen == nullptr)
    chosen = &kept.front();
  AreaMatch m;
  m.prefecture = chosen->name->prefecture;
  m.municipality = chosen->name->municipality;
  if (m.municipality.empty()) {
    for (const Hit& h : kept) {
      if (h.name->prefecture == m.prefecture && !h.name->municipality.empty()) {
        m.municipality = h.name->municipality;
        break;
      }
    }
  }
  return m;
}

}  // namespace shirube::intents
