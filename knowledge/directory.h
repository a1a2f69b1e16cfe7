#pragma once
// Directory: the in-memory result of reading import files, before it is written to the
// database. Readers (bundled TSVs, HSDS-style CSV) fill it and record every bad row as an
// Issue; the writer stores it all-or-nothing.
// Thread-safety: plain values.

#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/sqlite.h"
#include "knowledge/types.h"

namespace shirube::knowledge {

// "file:line: column: reason" (line 0 = the whole file).
struct Issue {
  std::string file;
  int line = 0;
  std::string column;
  std::string reason;
  std::string to_string() const;
};

struct OrganizationRecord {
  Organization org;
  std::string file;
  int line = 0;
};

struct ServiceRecord {
  Service service;
  std::string file;
  int line = 0;
};

struct Directory {
  std::vector<OrganizationRecord> organizations;
  std::vector<ServiceRecord> services;
  std::vector<Issue> issues;
};

// Rules shared by every reader.
bool is_valid_channel(std::string_view channel);
bool is_valid_status(std::string_view status);
bool is_valid_area_scope(std::string_view scope);
// 24-hour from the hours text: contains 24時間, minus negations and partial cases
// (「24時間ではない」, 「メール24時間」 (mail only), 「曜は24時間」 (some days), 「24時間受け付け」
// (messages accepted, answered later)).
bool hours_mean_24h(std::string_view hours);
// An emergency number (110, 119): always part of the crisis answer.
bool is_emergency_contact(std::string_view contact);
// Moves notes meant for operators out of the text people read (description, target, hours,
// cost) into internal_note, one line per note as "<field>: <note>": every 〔…〕 span
// (「〔取組名のみ記載・詳細説明なし〕」) and every sentence marked 「（未確認）」 (from after the
// previous 。 to the mark and its 。).
void move_internal_notes(Service& s);

// Cross-row checks after reading: duplicate ids within the import, organisation ids that
// exist neither in the import nor in `db` (db may be null), national scope with prefectures
// or local scope without. Adds to dir.issues.
void validate_directory(Directory& dir, sql::Database* db);

// Writes `dir` (which must have no issues) into `db` inside the caller's transaction:
// upsert by id, join rows replaced, derived search columns refreshed. When `origin` is
// "bundled", bundled rows that are no longer in `dir` are removed. Returns the number of
// services written.
Result<int> write_directory(sql::Database& db, const Directory& dir, const std::string& origin);

// Reads every organisation and service back (export, tests), services in sid order.
Result<Directory> read_directory(sql::Database& db);

// Loads service rows by sid (with categories, situations, prefectures), reusing its
// prepared statements. Belongs to the thread that uses `db`.
class ServiceLoader {
 public:
  static Result<ServiceLoader> create(sql::Database& db);
  // kNotFound when no such sid.
  Result<Service> load(int64_t sid);

 private:
  ServiceLoader(sql::Statement row, sql::Statement cats, sql::Statement sits, sql::Statement areas)
      : row_(std::move(row)),
        cats_(std::move(cats)),
        sits_(std::move(sits)),
        areas_(std::move(areas)) {}
  sql::Statement row_;
  sql::Statement cats_;
  sql::Statement sits_;
  sql::Statement areas_;
};

}  // namespace shirube::knowledge
