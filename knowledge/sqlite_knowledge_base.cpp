#include "knowledge/sqlite_knowledge_base.h"

#include <algorithm>
#include <variant>

#include "common/utf8.h"
#include "knowledge/schema.h"
#include "knowledge/taxonomy.h"
#include "knowledge/text.h"
#include "knowledge/tsv_import.h"

namespace shirube::knowledge {
namespace {

using Param = std::variant<std::string, int64_t>;

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

}  // namespace

Result<std::unique_ptr<KnowledgeBase>> KnowledgeBase::open(const std::string& path) {
  auto kb = SqliteKnowledgeBase::open_sqlite(path);
  if (!kb.ok())
    return kb.error();
  return std::unique_ptr<KnowledgeBase>(std::move(kb.value()));
}

Result<std::unique_ptr<KnowledgeBase>> KnowledgeBase::open_with_bundled_data(
    const std::string& path) {
  auto kb = SqliteKnowledgeBase::open_sqlite(path);
  if (!kb.ok())
    return kb.error();
  auto imported = kb.value()->ensure_bundled_data();
  if (!imported.ok())
    return imported.error();
  return std::unique_ptr<KnowledgeBase>(std::move(kb.value()));
}

KnowledgeBase::~KnowledgeBase() = default;

Result<std::unique_ptr<SqliteKnowledgeBase>> SqliteKnowledgeBase::open_sqlite(
    const std::string& path) {
  auto db = sql::Database::open(path);
  if (!db.ok())
    return db.error();
  // Searches touch a few hundred scattered rows: a larger page cache and memory-mapped reads
  // keep them off the read() path once the file is warm. Both are per-connection hints.
  (void)db.value()->exec("PRAGMA cache_size = -32768; PRAGMA mmap_size = 268435456;");
  Status s = schema::migrate(*db.value());
  if (!s.ok()) {
    if (s.error().code() == ErrorCode::kInternal ||
        s.error().code() == ErrorCode::kInvalidArgument) {
      return Error::internal(path, s.error().message());
    }
    return s.error();
  }
  return std::unique_ptr<SqliteKnowledgeBase>(new SqliteKnowledgeBase(std::move(db.value())));
}

Result<SearchResult> SqliteKnowledgeBase::search(const Query& q) {
  Status v = validate_query(q);
  if (!v.ok())
    return v.error();
  std::lock_guard<std::mutex> lock(mu_);
  return search_locked(q);
}

Result<SearchResult> SqliteKnowledgeBase::search_locked(const Query& q) {
  std::string sql;
  std::vector<Param> params;
  build_search_sql(q, sql, params);
  // Prepared once per connection (searches differ only in which filters are present).
  auto cached_st = db_->cached(sql);
  if (!cached_st.ok())
    return cached_st.error();
  sql::Statement& st = *cached_st.value();
  bind_all(st, params);
  std::vector<int64_t> sids;
  SearchResult result;
  for (;;) {
    auto r = st.step();
    if (!r.ok()) {
      st.reset();
      return r.error();
    }
    if (!r.value())
      break;
    sids.push_back(st.int64(0));
    result.total = st.integer(1);
  }
  st.reset();
  if (sids.empty() && q.offset > 0) {
    // Past the end: the window count saw no rows, so count separately.
    Query all = q;
    all.offset = 0;
    all.limit = 1;
    auto first = search_locked(all);
    if (!first.ok())
      return first.error();
    result.total = first->total;
  }
  auto l = loader();
  if (!l.ok())
    return l.error();
  for (const int64_t sid : sids) {
    auto s = l.value()->load(sid);
    if (!s.ok())
      return s.error();
    result.services.push_back(std::move(s.value()));
  }
  return result;
}

Result<std::string> SqliteKnowledgeBase::explain_search(const Query& q) {
  Status v = validate_query(q);
  if (!v.ok())
    return v.error();
  std::string sql;
  std::vector<Param> params;
  build_search_sql(q, sql, params);
  std::lock_guard<std::mutex> lock(mu_);
  auto st = db_->prepare("EXPLAIN QUERY PLAN " + sql);
  if (!st.ok())
    return st.error();
  bind_all(*st, params);
  std::string plan;
  for (;;) {
    auto r = st->step();
    if (!r.ok())
      return r.error();
    if (!r.value())
      break;
    plan += st->text(3) + "\n";
  }
  return plan;
}

Result<ServiceLoader*> SqliteKnowledgeBase::loader() {
  if (!loader_) {
    auto l = ServiceLoader::create(*db_);
    if (!l.ok())
      return l.error();
    loader_.emplace(std::move(l.value()));
  }
  return &*loader_;
}

Result<Service> SqliteKnowledgeBase::get_service(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto st = db_->prepare("SELECT sid FROM services WHERE id = ?1");
  if (!st.ok())
    return st.error();
  st->bind(1, id);
  auto r = st->step();
  if (!r.ok())
    return r.error();
  if (!r.value())
    return Error::not_found("service", "no service with id '" + id + "'");
  const int64_t sid = st->int64(0);
  auto loader = ServiceLoader::create(*db_);
  if (!loader.ok())
    return loader.error();
  return loader->load(sid);
}

Result<std::vector<Prefecture>> SqliteKnowledgeBase::prefectures() {
  std::lock_guard<std::mutex> lock(mu_);
  auto st = db_->prepare(
      "SELECT code, name, short_name, kana, region, region_label FROM prefectures ORDER BY code");
  if (!st.ok())
    return st.error();
  std::vector<Prefecture> out;
  RETURN_IF_ERROR(st->each_row([&out](const sql::Statement& row) {
    out.push_back(
        {row.integer(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5)});
  }));
  return out;
}

Result<std::vector<Category>> SqliteKnowledgeBase::categories() {
  std::lock_guard<std::mutex> lock(mu_);
  auto st = db_->prepare(
      "SELECT id, COALESCE(parent, ''), label, sort FROM categories ORDER BY sort, id");
  if (!st.ok())
    return st.error();
  std::vector<Category> out;
  RETURN_IF_ERROR(st->each_row([&out](const sql::Statement& row) {
    out.push_back({row.text(0), row.text(1), row.text(2), row.integer(3)});
  }));
  return out;
}

Result<std::vector<Service>> SqliteKnowledgeBase::urgent_services(bool violence) {
  std::lock_guard<std::mutex> lock(mu_);
  // 110/119 (emergency) belong to every crisis answer whatever their categories. Within the
  // 24-hour group, the crisis lines come before the emergency numbers; verified lines before
  // unverified ones. The answer is the same for everyone, so only nationwide lines qualify: a
  // prefecture's 24-hour line must never reach a person in another prefecture.
  // A crisis answer shows a handful of lines, and a large directory can hold thousands of
  // urgent rows: the category facet index drives the lookup and only the best
  // kUrgentCandidates non-emergency rows are loaded.
  constexpr int kUrgentCandidates = 16;  // the engine shows at most 12 besides 110/119
  const std::string sql =
      std::string(
          "SELECT sid FROM ("
          "  SELECT s.sid, s.is_24h, s.emergency, (s.area_scope = 'national') AS nat,"
          "         (s.last_verified = '') AS unverified"
          "  FROM services s WHERE s.listed = 1 AND s.urgent = 1 AND s.emergency = 1"
          "  UNION ALL"
          "  SELECT * FROM ("
          "    SELECT s.sid, s.is_24h, s.emergency, (s.area_scope = 'national') AS nat,"
          "           (s.last_verified = '') AS unverified"
          "    FROM services s WHERE s.listed = 1 AND s.urgent = 1 AND s.emergency = 0"
          "    AND s.area_scope = 'national' AND s.confidence <> 'low'"
          "    AND s.sid IN (SELECT service_id FROM service_facets WHERE category IN ('crisis'") +
      (violence ? ", 'violence'" : "") +
      "))"
      "    ORDER BY s.is_24h DESC, nat DESC, unverified, s.sid LIMIT " +
      std::to_string(kUrgentCandidates) +
      "  )"
      ") ORDER BY is_24h DESC, emergency, nat DESC, unverified, sid";
  auto st = db_->prepare(sql);
  if (!st.ok())
    return st.error();
  std::vector<int64_t> sids;
  for (;;) {
    auto r = st->step();
    if (!r.ok())
      return r.error();
    if (!r.value())
      break;
    sids.push_back(st->int64(0));
  }
  auto loader = ServiceLoader::create(*db_);
  if (!loader.ok())
    return loader.error();
  std::vector<Service> out;
  for (const int64_t sid : sids) {
    auto s = loader->load(sid);
    if (!s.ok())
      return s.error();
    out.push_back(std::move(s.value()));
  }
  return out;
}

bool SqliteKnowledgeBase::healthy() {
  std::lock_guard<std::mutex> lock(mu_);
  auto st = db_->prepare("SELECT count(*) FROM categories");
  if (!st.ok())
    return false;
  auto r = st->step();
  return r.ok() && r.value() && st->integer(0) > 0;
}

Result<int> SqliteKnowledgeBase::import_directory(const Directory& dir, const std::string& origin) {
  if (!dir.issues.empty()) {
    return Error::invalid_argument(dir.issues.front().file, std::to_string(dir.issues.size()) +
                                                                " problem(s); nothing imported");
  }
  std::lock_guard<std::mutex> lock(mu_);
  sql::Transaction tx(*db_);
  if (!tx.begin_status().ok())
    return tx.begin_status().error();
  auto n = write_directory(*db_, dir, origin);
  if (!n.ok())
    return n.error();
  Status s = tx.commit();
  if (!s.ok())
    return s.error();
  return n.value();
}

Result<bool> SqliteKnowledgeBase::ensure_bundled_data() {
  const std::string hash = bundled_data_hash();
  std::lock_guard<std::mutex> lock(mu_);
  auto get = db_->prepare("SELECT value FROM kb_meta WHERE key = 'bundled_data_hash'");
  if (!get.ok())
    return get.error();
  auto r = get->step();
  if (!r.ok())
    return r.error();
  if (r.value() && get->text(0) == hash)
    return false;
  const Directory dir = bundled_directory();
  if (!dir.issues.empty()) {
    return Error::internal("bundled data", dir.issues.front().to_string());
  }
  sql::Transaction tx(*db_);
  if (!tx.begin_status().ok())
    return tx.begin_status().error();
  auto n = write_directory(*db_, dir, "bundled");
  if (!n.ok())
    return n.error();
  auto put = db_->prepare(
      "INSERT INTO kb_meta(key, value) VALUES ('bundled_data_hash', ?1) "
      "ON CONFLICT(key) DO UPDATE SET value = ?1");
  if (!put.ok())
    return put.error();
  put->bind(1, hash);
  Status s = put->run();
  if (!s.ok())
    return s.error();
  s = tx.commit();
  if (!s.ok())
    return s.error();
  return true;
}

Result<Directory> SqliteKnowledgeBase::export_directory() {
  std::lock_guard<std::mutex> lock(mu_);
  return read_directory(*db_);
}

Status SqliteKnowledgeBase::with_database(const std::function<Status(sql::Database&)>& fn) {
  std::lock_guard<std::mutex> lock(mu_);
  return fn(*db_);
}

}  // namespace shirube::knowledge
