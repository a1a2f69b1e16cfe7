#include "common/sqlite.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <utility>

#include <sqlite3.h>

namespace shirube::sql {
namespace {

std::atomic<std::int64_t> g_last_storage_fault{0};
std::atomic<std::int64_t> g_last_disk_full{0};    // SQLITE_FULL or ENOSPC
std::atomic<std::int64_t> g_last_other_fault{0};  // every other storage fault
std::atomic<std::uint64_t> g_storage_faults{0};

std::int64_t steady_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

Error error_from(sqlite3* db, int rc, std::string where) {
  const char* msg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const int primary = rc & 0xFF;
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB || primary == SQLITE_IOERR ||
      primary == SQLITE_FULL) {
    const std::int64_t now = std::max<std::int64_t>(1, steady_seconds());
    g_last_storage_fault.store(now);
    const bool full =
        primary == SQLITE_FULL || (db != nullptr && sqlite3_system_errno(db) == ENOSPC);
    (full ? g_last_disk_full : g_last_other_fault).store(now);
    g_storage_faults.fetch_add(1);
  }
  if (primary == SQLITE_CONSTRAINT)
    return Error::conflict(std::move(where), msg);
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_CANTOPEN ||
      primary == SQLITE_READONLY || primary == SQLITE_IOERR || primary == SQLITE_FULL) {
    return Error::unavailable(std::move(where), msg);
  }
  return Error::internal(std::move(where), msg);
}

}  // namespace

std::int64_t last_storage_fault() {
  return g_last_storage_fault.load();
}

namespace {
bool within(const std::atomic<std::int64_t>& when, std::int64_t seconds) {
  const std::int64_t last = when.load();
  return last != 0 && steady_seconds() - last <= seconds;
}
}  // namespace

bool storage_fault_within(std::int64_t seconds) {
  return within(g_last_storage_fault, seconds);
}

bool disk_full_within(std::int64_t seconds) {
  return within(g_last_disk_full, seconds);
}

bool storage_damage_within(std::int64_t seconds) {
  return within(g_last_other_fault, seconds);
}

std::uint64_t storage_fault_count() {
  return g_storage_faults.load();
}

Status backup(const std::string& from, const std::string& to) {
  if (from.empty() || from == ":memory:" || !std::filesystem::exists(from))
    return Error::not_found(from, "no such database");
  if (std::filesystem::exists(to))
    return Error::conflict(to, "already exists");
  auto src = Database::open(from, /*read_only=*/true);
  if (!src.ok())
    return src.error();
  sqlite3* dst = nullptr;
  int rc = sqlite3_open_v2(to.c_str(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    Error e = Error::unavailable(to, dst != nullptr ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
    sqlite3_close(dst);
    return e;
  }
  sqlite3_backup* copy = sqlite3_backup_init(dst, "main", (*src)->handle(), "main");
  if (copy == nullptr) {
    Error e = Error::unavailable(to, sqlite3_errmsg(dst));
    sqlite3_close(dst);
    return e;
  }
  // All pages in one step: one read transaction, so one snapshot. In WAL mode a reader never
  // waits for writers; BUSY only comes from a checkpoint that is resetting the log.
  constexpr int kBusyTries = 200;
  for (int tries = 0; tries < kBusyTries; ++tries) {
    rc = sqlite3_backup_step(copy, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
      break;
    sqlite3_sleep(25);
  }
  const int finish = sqlite3_backup_finish(copy);
  Status out;
  if (rc != SQLITE_DONE || finish != SQLITE_OK)
    out = Error::unavailable(to, sqlite3_errmsg(dst));
  if (out.ok() && sqlite3_close(dst) != SQLITE_OK)
    out = Error::unavailable(to, "cannot close the copy");
  if (!out.ok()) {
    sqlite3_close_v2(dst);
    std::error_code ec;
    std::filesystem::remove(to, ec);
  }
  return out;
}

Status quick_check(const std::string& path) {
  if (path.empty() || path == ":memory:" || !std::filesystem::exists(path))
    return {};
  auto db = Database::open(path, /*read_only=*/true);
  if (!db.ok())
    return db.error();
  auto st = (*db)->prepare("PRAGMA quick_check(1)");
  if (!st.ok())
    return Error::internal(path, "damaged (" + st.error().what() + ")");
  auto row = st->step();
  if (!row.ok())
    return Error::internal(path, "damaged (" + row.error().what() + ")");
  const std::string finding = *row ? st->text(0) : std::string("no answer");
  if (finding != "ok")
    return Error::internal(path, "damaged (" + finding + ")");
  return {};
}

Result<std::unique_ptr<Database>> Database::open(const std::string& path, bool read_only) {
  sqlite3* db = nullptr;
  const int flags =
      (read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) |
      SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error e = Error::unavailable(path, db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close(db);
    return e;
  }
  std::unique_ptr<Database> out(new Database(db, path));
  sqlite3_busy_timeout(db, 5000);
  sqlite3_extended_result_codes(db, 1);
  Status s = out->exec("PRAGMA foreign_keys = ON;");
  if (!s.ok())
    return Error::unavailable(path, s.error().what());
  if (path != ":memory:" && !path.empty() && !read_only) {
    // WAL lets readers (search, healthz) proceed while an import or the inbox writes.
    s = out->exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
    if (!s.ok())
      return Error::unavailable(path, s.error().what());
  }
  return out;
}

Database::~Database() {
  cache_.clear();  // finalized before the connection closes
  sqlite3_close_v2(db_);
}

Result<Statement*> Database::cached(std::string_view sql) {
  // Compiling a statement costs about as much as running a small one.
  if (const auto it = cache_.find(sql); it != cache_.end()) {
    it->second->reset();
    return it->second.get();
  }
  if (cache_.size() >= kMaxCached)
    cache_.clear();
  Result<Statement> st = prepare(sql);
  if (!st.ok())
    return st.error();
  auto slot = std::make_unique<Statement>(std::move(st).value());
  Statement* out = slot.get();
  cache_.emplace(std::string(sql), std::move(slot));
  return out;
}

Status Database::exec(std::string_view sql) {
  char* err = nullptr;
  const std::string text(sql);
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    Error e = error_from(db_, rc, "sql");
    sqlite3_free(err);
    return e;
  }
  return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK)
    return error_from(db_, rc, "prepare");
  return Statement(stmt, db_);
}

Result<int64_t> Database::first_int(std::string_view sql, int64_t if_none) {
  auto st = prepare(sql);
  if (!st.ok())
    return st.error();
  return st->first_int(if_none);
}

int64_t Database::last_insert_rowid() const {
  return sqlite3_last_insert_rowid(db_);
}
int Database::changes() const {
  return sqlite3_changes(db_);
}

Statement::Statement(Statement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)), db_(other.db_), bind_error_(other.bind_error_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
    db_ = other.db_;
    bind_error_ = other.bind_error_;
  }
  return *this;
}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, std::string_view text) {
  const int rc =
      sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK)
    bind_error_ = rc;
  return *this;
}
Statement& Statement::bind(int index, int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK)
    bind_error_ = rc;
  return *this;
}
Statement& Statement::bind(int index, double value) {
  const int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK)
    bind_error_ = rc;
  return *this;
}
Statement& Statement::bind_null(int index) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK)
    bind_error_ = rc;
  return *this;
}
Statement& Statement::bind(int index, const std::optional<std::string>& text) {
  return text ? bind(index, std::string_view(*text)) : bind_null(index);
}
Statement& Statement::bind(int index, const std::optional<int>& value) {
  return value ? bind(index, static_cast<int64_t>(*value)) : bind_null(index);
}
int Statement::index_of(const char* name) const {
  return sqlite3_bind_parameter_index(stmt_, name);
}

Result<bool> Statement::step() {
  if (bind_error_ != 0)
    return Error::internal("bind", sqlite3_errstr(bind_error_));
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW)
    return true;
  if (rc == SQLITE_DONE)
    return false;
  return error_from(db_, rc, "step");
}

Result<int64_t> Statement::first_int(int64_t if_none) {
  Result<bool> r = step();
  if (!r.ok())
    return r.error();
  return r.value() ? int64(0) : if_none;
}

Status Statement::run() {
  for (;;) {
    Result<bool> r = step();
    if (!r.ok())
      return r.error();
    if (!r.value())
      return {};
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_error_ = 0;
}

bool Statement::is_null(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}
std::string Statement::text(int col) const {
  const auto* p = sqlite3_column_text(stmt_, col);
  if (p == nullptr)
    return {};
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)));
}
std::optional<std::string> Statement::opt_text(int col) const {
  if (is_null(col))
    return std::nullopt;
  return text(col);
}
int64_t Statement::int64(int col) const {
  return sqlite3_column_int64(stmt_, col);
}
double Statement::real(int col) const {
  return sqlite3_column_double(stmt_, col);
}
int Statement::column_count() const {
  return sqlite3_column_count(stmt_);
}
std::string Statement::column_name(int col) const {
  const char* n = sqlite3_column_name(stmt_, col);
  return n != nullptr ? n : "";
}

Transaction::Transaction(Database& db) : db_(db), begin_(db.exec("BEGIN IMMEDIATE")) {}

Transaction::~Transaction() {
  if (!done_ && begin_.ok()) {
    // Nothing to report from a destructor: a failed rollback leaves SQLite to roll the
    // journal back when the connection closes.
    (void)db_.exec("ROLLBACK");
  }
}

Status Transaction::commit() {
  if (!begin_.ok())
    return begin_;
  Status s = db_.exec("COMMIT");
  if (s.ok())
    done_ = true;
  return s;
}

}  // namespace shirube::sql
