// Reading labelled files for `shirube eval` (eval_cli.h): the intent and the risk format.

#include <algorithm>
#include <string>

#include "intents/eval_cli.h"
#include "intents/intent_matcher.h"
#include "intents/rule_file.h"

namespace shirube::intents {
namespace {

constexpr const char* kNone = "none";

bool known_label(const std::string& id) {
  if (id == kNone)
    return true;
  for (const auto& c : category_ids()) {
    if (c == id)
      return true;
  }
  return false;
}

std::vector<std::string> split_ids(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = s.find(',', start);
    std::string id =
        s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    // Tolerate "food, money".
    while (!id.empty() && id.front() == ' ')
      id.erase(id.begin());
    while (!id.empty() && id.back() == ' ')
      id.pop_back();
    out.push_back(id);
    if (comma == std::string::npos)
      break;
    start = comma + 1;
  }
  return out;
}

// The ids of a categories column, or the reason they are unusable ("categories: ...").
Result<std::vector<std::string>> parse_ids(const std::string& field, const std::string& where) {
  std::vector<std::string> ids = split_ids(field);
  for (const auto& id : ids) {
    if (id.empty())
      return Error::invalid_argument(where, "categories: empty category id");
    if (!known_label(id)) {
      return Error::invalid_argument(where, "categories: unknown category id '" + id + "'");
    }
    if (id == kNone && ids.size() > 1) {
      return Error::invalid_argument(where, "categories: 'none' cannot be combined with other ids");
    }
  }
  return ids;
}

bool blank(const std::string& text) {
  return text.find_first_not_of(' ') == std::string::npos;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// "a, b or c"
std::string one_of(const std::vector<std::string>& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i > 0)
      out += i + 1 == v.size() ? " or " : ", ";
    out += v[i];
  }
  return out;
}

// Splits off the next line of `tsv` the way read_rule_rows() does (CR dropped).
std::string_view next_line(std::string_view& tsv) {
  const std::size_t nl = tsv.find('\n');
  std::string_view line = tsv.substr(0, nl);
  tsv.remove_prefix(nl == std::string_view::npos ? tsv.size() : nl + 1);
  if (!line.empty() && line.back() == '\r')
    line.remove_suffix(1);
  return line;
}

const char* format_name(std::size_t fields) {
  return fields == 2 ? "an intent file" : "a risk file";
}

// The format of a labelled file: the first row's field count (2 or 5), which every other row
// must share.
Result<EvalFormat> detect_format(std::string_view tsv, const std::string& source) {
  if (tsv.substr(0, 3) == "\xEF\xBB\xBF")
    tsv.remove_prefix(3);
  std::size_t first_fields = 0;
  int first_line = 0;
  int line_no = 0;
  while (!tsv.empty()) {
    const std::string_view line = next_line(tsv);
    ++line_no;
    if (line.empty() || line.front() == '#')
      continue;
    const std::string where = source + ":" + std::to_string(line_no);
    const auto fields = static_cast<std::size_t>(std::count(line.begin(), line.end(), '\t')) + 1;
    if (first_fields == 0) {
      if (fields != 2 && fields != 5) {
        return Error::invalid_argument(
            where, "expected 2 (intent file) or 5 (risk file) TAB-separated fields, got " +
                       std::to_string(fields));
      }
      first_fields = fields;
      first_line = line_no;
    } else if (fields != first_fields) {
      return Error::invalid_argument(
          where, "expected " + std::to_string(first_fields) + " TAB-separated fields as on line " +
                     std::to_string(first_line) + " (" + format_name(first_fields) + "), got " +
                     std::to_string(fields));
    }
  }
  if (first_fields == 0)
    return Error::invalid_argument(source, "no labelled lines");
  return first_fields == 2 ? EvalFormat::kIntent : EvalFormat::kRisk;
}

}  // namespace

Result<std::vector<EvalCase>> parse_eval_file(std::string_view tsv, const std::string& source) {
  auto rows = read_rule_rows(tsv, source, 2);
  if (!rows.ok())
    return rows.error();
  std::vector<EvalCase> cases;
  for (const RuleRow& row : rows.value()) {
    const std::string where = source + ":" + std::to_string(row.line);
    EvalCase c;
    c.line = row.line;
    c.text = row.fields[0];
    if (blank(c.text))
      return Error::invalid_argument(where, "text: empty");
    auto ids = parse_ids(row.fields[1], where);
    if (!ids.ok())
      return ids.error();
    c.expected = std::move(ids.value());
    cases.push_back(std::move(c));
  }
  if (cases.empty())
    return Error::invalid_argument(source, "no labelled lines");
  return cases;
}

// ---- risk files ---------------------------------------------------------------------------

const std::vector<std::string>& risk_languages() {
  static const std::vector<std::string> kLanguages = {"ja", "en", "zh-Hans", "zh-Hant", "ko", "vi",
                                                      "pt", "es", "tl",      "ne",      "id"};
  return kLanguages;
}

const std::vector<std::string>& danger_kinds() {
  static const std::vector<std::string> kKinds = {"self", "done", "other", "-"};
  return kKinds;
}

Result<std::vector<RiskCase>> parse_risk_file(std::string_view tsv, const std::string& source) {
  auto rows = read_rule_rows(tsv, source, 5);
  if (!rows.ok())
    return rows.error();
  std::vector<RiskCase> cases;
  for (const RuleRow& row : rows.value()) {
    const std::string where = source + ":" + std::to_string(row.line);
    const auto& f = row.fields;
    RiskCase c;
    c.line = row.line;
    c.text = f[0];
    if (blank(c.text))
      return Error::invalid_argument(where, "text: empty");
    if (f[1] == "crisis") {
      c.risk = RiskLevel::kCrisis;
    } else if (f[1] == "check") {
      c.risk = RiskLevel::kCheck;
    } else if (f[1] == kNone) {
      c.risk = RiskLevel::kNone;
    } else {
      return Error::invalid_argument(where,
                                     "risk: unknown level '" + f[1] + "' (crisis, check or none)");
    }
    auto ids = parse_ids(f[2], where);
    if (!ids.ok())
      return ids.error();
    c.categories = std::move(ids.value());
    if (!contains(risk_languages(), f[3])) {
      return Error::invalid_argument(
          where, "lang: unknown language '" + f[3] + "' (" + one_of(risk_languages()) + ")");
    }
    c.lang = f[3];
    if (!contains(danger_kinds(), f[4])) {
      return Error::invalid_argument(
          where, "danger: unknown kind '" + f[4] + "' (" + one_of(danger_kinds()) + ")");
    }
    c.danger = f[4];
    cases.push_back(std::move(c));
  }
  if (cases.empty())
    return Error::invalid_argument(source, "no labelled lines");
  return cases;
}

Result<EvalFile> parse_any_eval_file(std::string_view tsv, const std::string& source) {
  auto format = detect_format(tsv, source);
  if (!format.ok())
    return format.error();
  EvalFile file;
  file.format = format.value();
  if (file.format == EvalFormat::kIntent) {
    auto cases = parse_eval_file(tsv, source);
    if (!cases.ok())
      return cases.error();
    file.intent = std::move(cases.value());
  } else {
    auto cases = parse_risk_file(tsv, source);
    if (!cases.ok())
      return cases.error();
    file.risk = std::move(cases.value());
  }
  return file;
}

}  // namespace shirube::intents
