#pragma once
// A small RAII layer over the SQLite C API (in the manner of SQLiteCpp). Only
// common/sqlite.cpp includes sqlite3.h; other folders (sessions in bot/, the LINE inbox
// in webhooks/) use these classes. Every statement is prepared and bound: SQL text is never
// built from data.
// Thread-safety: a Database must be used by one thread at a time (callers hold a mutex or
// open one connection per thread); Statements belong to their Database's thread.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace shirube::sql {

class Statement;

class Database {
 public:
  // Opens (creating if needed) the database at `path` (":memory:" allowed), with
  // foreign keys on, WAL journal (file databases), a 5 s busy timeout.
  // Error: kUnavailable with the path and SQLite's message.
  static Result<std::unique_ptr<Database>> open(const std::string& path, bool read_only = false);

  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements without parameters (schema, PRAGMA, BEGIN/COMMIT).
  Status exec(std::string_view sql);
  // Compiles one statement. Error: kInternal with SQLite's message.
  Result<Statement> prepare(std::string_view sql);
  // Statement::first_int() of `sql`, a statement without parameters.
  Result<int64_t> first_int(std::string_view sql, int64_t if_none = 0);
  // `sql` compiled with `args` bound to ?1, ?2, ... (any type Statement::bind takes), ready to
  // step(), each_row() or first_int().
  template <typename... Args>
  Result<Statement> query(std::string_view sql, const Args&... args);
  // The same, run to the end: for INSERT, UPDATE, DELETE.
  template <typename... Args>
  Status run(std::string_view sql, const Args&... args);
  // The statement for `sql`, compiled on first use and kept for this connection, reset and
  // with its bindings cleared: for statements run on every request. At most kMaxCached
  // texts are kept (beyond that the cache starts again), so the pointer is valid until the
  // next call. Errors as prepare().
  Result<Statement*> cached(std::string_view sql);
  static constexpr std::size_t kMaxCached = 256;

  int64_t last_insert_rowid() const;
  int changes() const;
  const std::string& path() const { return path_; }
  sqlite3* handle() { return db_; }

 private:
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
  std::map<std::string, std::unique_ptr<Statement>, std::less<>> cache_;  // see cached()
};

// Storage faults: SQLite reporting a damaged file (SQLITE_CORRUPT, SQLITE_NOTADB) or a failing
// disk (SQLITE_IOERR, SQLITE_FULL) on any connection of this process. Seconds of the steady
// clock when the last one was seen, 0 when none was.
std::int64_t last_storage_fault();
// True when a storage fault was seen within the last `seconds`.
bool storage_fault_within(std::int64_t seconds);
// The same for a full disk alone (SQLITE_FULL, or any error whose system errno is ENOSPC): it
// passes once space is freed, unlike the others.
bool disk_full_within(std::int64_t seconds);
// The same for every storage fault but a full disk (damage, I/O errors).
bool storage_damage_within(std::int64_t seconds);
// How many storage faults this process has seen (for the metrics).
std::uint64_t storage_fault_count();

// Copies the database at `from` into the new file `to` with SQLite's online backup API: one
// consistent moment of it, taken while other connections (of this process or another) go on
// reading and writing (WAL). `to` must not exist yet. Error kNotFound when `from` does not
// exist, kConflict when `to` does, kUnavailable when a file cannot be opened, read or written.
Status backup(const std::string& from, const std::string& to);

// PRAGMA quick_check of the file at `path`, on a connection of its own (so pages another
// connection holds in memory are read from the disk again). Ok for a file that does not exist
// yet and for ":memory:". Error kInternal "<path>: damaged (<SQLite's first finding>)", or
// kUnavailable when the file cannot be opened.
Status quick_check(const std::string& path);

// One prepared statement. Indexes for bind() start at 1, for column() at 0.
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  // std::string would otherwise be ambiguous between string_view and optional<string>.
  Statement& bind(int index, const std::string& text) {
    return bind(index, std::string_view(text));
  }
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind_null(int index);
  Statement& bind(int index, const std::optional<std::string>& text);
  Statement& bind(int index, const std::optional<int>& value);
  // bind(1, args[0]), bind(2, args[1]), ...
  template <typename... Args>
  Statement& bind_all(const Args&... args) {
    int index = 1;
    (bind(index++, args), ...);
    return *this;
  }
  // Named parameter (":name"); kInternal surfaces at step() if the name is unknown.
  int index_of(const char* name) const;

  // Advances: true when a row is available, false when done. Error on failure
  // (constraint violations are kConflict, SQLITE_BUSY/LOCKED kUnavailable).
  Result<bool> step();
  // step() until done, for statements that return no rows.
  Status run();
  // One step: the first column of the row as an integer (COUNT(*), a version, a setting), or
  // `if_none` when the statement returns no row.
  Result<int64_t> first_int(int64_t if_none = 0);
  // step() through every row, calling on_row(const Statement&) for each; the first step
  // error is returned (the rows before it were passed on).
  template <typename OnRow>
  Status each_row(OnRow&& on_row) {
    for (;;) {
      auto r = step();
      if (!r.ok())
        return r.error();
      if (!r.value())
        return Status();
      on_row(static_cast<const Statement&>(*this));
    }
  }
  void reset();  // also clears bindings

  bool is_null(int col) const;
  std::string text(int col) const;  // "" for NULL
  std::optional<std::string> opt_text(int col) const;
  int64_t int64(int col) const;
  int integer(int col) const { return static_cast<int>(int64(col)); }
  double real(int col) const;
  int column_count() const;
  std::string column_name(int col) const;

 private:
  friend class Database;
  Statement(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
  sqlite3_stmt* stmt_;
  sqlite3* db_;
  int bind_error_ = 0;
};

template <typename... Args>
Result<Statement> Database::query(std::string_view sql, const Args&... args) {
  Result<Statement> st = prepare(sql);
  if (st.ok())
    st->bind_all(args...);
  return st;
}

template <typename... Args>
Status Database::run(std::string_view sql, const Args&... args) {
  Result<Statement> st = query(sql, args...);
  if (!st.ok())
    return st.error();
  return st->run();
}

// BEGIN IMMEDIATE on construction; ROLLBACK in the destructor unless commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  const Status& begin_status() const { return begin_; }
  Status commit();

 private:
  Database& db_;
  Status begin_;
  bool done_ = false;
};

}  // namespace shirube::sql
