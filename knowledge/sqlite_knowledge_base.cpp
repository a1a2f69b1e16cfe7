#include "knowledge/sqlite_knowledge_base.h"

#include <algorithm>
#include <variant>
#include <vector>

#include "common/utf8.h"
#include "knowledge/schema.h"
#include "knowledge/search_sql.h"
#include "knowledge/taxonomy.h"
#include "knowledge/text.h"
#include "knowledge/tsv_import.h"

namespace shirube::knowledge {

namespace {

// Every row of a statement without parameters, each made into a T by `make`.
template <class T, class Make>
Result<std::vector<T>> read_all(sql::Database& db, const char* sql, Make make) {
  auto st = db.prepare(sql);
  if (!st.ok())
    return st.error();
  std::vector<T> out;
  RETURN_IF_ERROR(st->each_row([&](const sql::Statement& row) { out.push_back(make(row)); }));
  return out;
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
  RETURN_IF_ERROR(st->each_row([&plan](const sql::Statement& row) { plan += row.text(3) + "\n"; }));
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
  return read_all<Prefecture>(
      *db_,
      "SELECT code, name, short_name, kana, region, region_label FROM prefectures ORDER BY code",
      [](const sql::Statement& row) {
        return Prefecture{row.integer(0), row.text(1), row.text(2),
                          row.text(3),    row.text(4), row.text(5)};
      });
}

Result<std::vector<Category>> SqliteKnowledgeBase::categories() {
  std::lock_guard<std::mutex> lock(mu_);
  return read_all<Category>(
      *db_, "SELECT id, COALESCE(parent, ''), label, sort FROM categories ORDER BY sort, id",
      [](const sql::Statement& row) {
        return Category{row.text(0), row.text(1), row.text(2), row.integer(3)};
      });
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
  RETURN_IF_ERROR(
      st->each_row([&sids](const sql::Statement& row) { sids.push_back(row.int64(0)); }));
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
