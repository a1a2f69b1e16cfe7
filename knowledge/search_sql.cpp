#include "knowledge/search_sql.h"

#include <algorithm>

#include "common/utf8.h"
#include "knowledge/directory.h"
#include "knowledge/taxonomy.h"
#include "knowledge/text.h"

namespace shirube::knowledge {
namespace {

std::string placeholders(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i)
    s += i == 0 ? "?" : ", ?";
  return s;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0u) != 0x80u)
      ++n;
  }
  return n;
}

// An FTS5 string literal: the term in double quotes, quotes doubled. Trigram matches the
// phrase as a substring.
std::string fts_phrase(const std::string& term) {
  std::string out = "\"";
  for (const char c : term) {
    out += c;
    if (c == '"')
      out += '"';
  }
  out += '"';
  return out;
}

// The filter on categories and area: the facet index when there are categories.
std::string area_filter(const Query& q, std::vector<Param>& params) {
  std::string where;
  if (!q.categories.empty()) {
    where += " AND s.sid IN (SELECT service_id FROM service_facets WHERE category IN (" +
             placeholders(q.categories.size()) + ")";
    for (const auto& c : q.categories)
      params.emplace_back(c);
    if (q.national_only) {
      // Facet rows with pref 0 are the nationwide services: the same primary-key range scan.
      where += " AND pref = 0";
    } else if (q.prefecture > 0) {
      where += " AND pref IN (0, ?)";
      params.emplace_back(int64_t{q.prefecture});
    }
    where += ")";
  } else if (q.national_only) {
    where += " AND s.area_scope = 'national'";
  } else if (q.prefecture > 0) {
    where += " AND s.sid IN (SELECT service_id FROM service_areas WHERE pref IN (0, ?))";
    params.emplace_back(int64_t{q.prefecture});
  }
  return where;
}

// The filter on the words of the query: FTS for words of three or more characters, instr()
// on the folded text otherwise.
std::string text_filter(const Query& q, const std::vector<std::string>& terms,
                        std::vector<Param>& params) {
  std::string where;
  // With both a category and a prefecture the facet index leaves a few hundred candidates;
  // checking those with instr() is cheaper than listing every FTS match of a common word.
  const bool narrow = !q.categories.empty() && (q.prefecture > 0 || q.national_only);
  std::string fts;
  for (const auto& t : terms) {
    if (code_points(t) >= 3 && !narrow) {
      if (!fts.empty())
        fts += " AND ";
      fts += fts_phrase(t);
    } else {
      // Trigram cannot match fewer than three characters (and narrow queries need no index):
      // scan the folded column instead.
      where += " AND instr(s.search_text, ?) > 0";
      params.emplace_back(t);
    }
  }
  if (!fts.empty()) {
    where += " AND s.sid IN (SELECT rowid FROM services_fts WHERE services_fts MATCH ?)";
    params.emplace_back(fts);
  }
  return where;
}

// The remaining filters: situation, age, channel, urgency and what people may be shown.
std::string other_filters(const Query& q, std::vector<Param>& params) {
  std::string where;
  if (!q.situation.empty()) {
    where +=
        " AND EXISTS (SELECT 1 FROM service_situations ss WHERE ss.situation = ? AND ss.service_id "
        "= s.sid)";
    params.emplace_back(q.situation);
  }
  if (q.age) {
    where += " AND (s.min_age IS NULL OR s.min_age <= ?) AND (s.max_age IS NULL OR s.max_age >= ?)";
    params.emplace_back(int64_t{*q.age});
    params.emplace_back(int64_t{*q.age});
  }
  if (!q.channel.empty()) {
    where += " AND s.channel = ?";
    params.emplace_back(q.channel);
  }
  if (q.urgent_only)
    where += " AND s.urgent = 1";
  if (q.for_people) {
    // Rows whose only source is weak (confidence low) are kept for operators, never shown.
    where += " AND s.confidence <> 'low'";
    // Records for support groups and workers stay in the database for them, never in answers.
    where += " AND s.audience = 'people'";
    where +=
        " AND NOT EXISTS (SELECT 1 FROM service_situations ss WHERE ss.situation = 'supporter'"
        " AND ss.service_id = s.sid)";
  }
  return where;
}

// The order of the results and the page.
std::string order_clause(const Query& q, const std::vector<std::string>& terms,
                         std::vector<Param>& params) {
  // Local before national only means something when the person named their prefecture.
  std::string order = " ORDER BY ";
  // A person is first shown what they can reach now: a record a tap calls or opens (reach 2),
  // then numbers and accounts to use by hand (1), then records with nothing to call now (0: a
  // programme known only from a policy document, a line open only in announced periods).
  if (q.for_people)
    order += "s.reach DESC, (s.contact = ''), ";
  if (q.prefecture > 0)
    order += "(s.area_scope = 'national'), ";
  const bool crisis_like =
      q.urgent_only ||
      std::any_of(q.categories.begin(), q.categories.end(), [](const std::string& c) {
        const std::string top = top_level_of(c);
        return top == "crisis" || top == "violence";
      });
  if (crisis_like)
    order += "s.is_24h DESC, ";
  if (q.categories.size() > 1) {
    // An answer that asks for several categories (care leavers: care_leaver + money +
    // housing) lists the first, the one the person chose, before the ones added to help.
    order +=
        "EXISTS (SELECT 1 FROM service_facets pf WHERE pf.service_id = s.sid AND pf.category = ?) "
        "DESC, ";
    params.emplace_back(q.categories.front());
  }
  if (q.for_people && !crisis_like)
    order += "s.is_24h DESC, ";  // among windows for the same need, one open now comes early
  if (!terms.empty()) {
    order += "(instr(s.name_key, ?) > 0) DESC, ";
    params.emplace_back(terms.front());
  }
  order += "(s.last_verified = ''), s.sid LIMIT ? OFFSET ?";
  params.emplace_back(int64_t{q.limit});
  params.emplace_back(int64_t{q.offset});

  return order;
}

}  // namespace

void bind_all(sql::Statement& st, const std::vector<Param>& params) {
  int i = 1;
  for (const Param& p : params) {
    if (std::holds_alternative<std::string>(p)) {
      st.bind(i, std::get<std::string>(p));
    } else {
      st.bind(i, std::get<int64_t>(p));
    }
    ++i;
  }
}

Status validate_query(const Query& q) {
  for (const auto& c : q.categories) {
    if (!is_known_category(c))
      return Error::invalid_argument("category", "unknown category '" + c + "'");
  }
  if (!q.situation.empty() && !is_known_situation(q.situation)) {
    return Error::invalid_argument("situation", "unknown situation '" + q.situation + "'");
  }
  if (q.prefecture < 0 || q.prefecture > 47) {
    return Error::invalid_argument("prefecture", "must be a JIS code 1..47 (or 0 for any)");
  }
  if (q.national_only && q.prefecture != 0) {
    return Error::invalid_argument("national_only", "cannot be combined with a prefecture");
  }
  if (q.age && (*q.age < 0 || *q.age > 150))
    return Error::invalid_argument("age", "must be 0..150");
  if (!q.channel.empty() && (!is_valid_channel(q.channel))) {
    return Error::invalid_argument("channel", "must be phone, sns, chat, web or visit");
  }
  if (q.limit < 1 || q.limit > 1000)
    return Error::invalid_argument("limit", "must be 1..1000");
  if (q.offset < 0)
    return Error::invalid_argument("offset", "must be 0 or more");
  if (q.text.size() > 1000)
    return Error::invalid_argument("text", "longer than 1000 bytes");
  // Folding drops invalid text to "", which would silently match everything.
  if (!utf8::is_valid(q.text))
    return Error::invalid_argument("text", "not valid UTF-8");
  return {};
}

// The search statement for `q` and its parameters. The SQL text is assembled only from fixed
// fragments; every value is bound, in the order of the placeholders.
void build_search_sql(const Query& q, std::string& sql, std::vector<Param>& params) {
  const std::vector<std::string> terms = text::words(text::fold(q.text));
  std::string where = area_filter(q, params);
  where += text_filter(q, terms, params);
  where += other_filters(q, params);
  const std::string order = order_clause(q, terms, params);
  sql = "SELECT s.sid, COUNT(*) OVER () FROM services s WHERE s.listed = 1" + where + order;
}

}  // namespace shirube::knowledge
