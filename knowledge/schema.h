#pragma once
// The knowledge-base schema as an ordered list of migrations (PRAGMA user_version). Each
// migration runs inside one transaction; a database at any older version is brought to
// kCurrentVersion keeping its data. Tables of other parts (session_*, line_*) are not touched.
// Thread-safety: callers serialise access to the Database.

#include "common/error.h"
#include "common/sqlite.h"

namespace shirube::knowledge::schema {

inline constexpr int kCurrentVersion = 7;

// Current user_version of `db` (0 for a new file).
Result<int> version(sql::Database& db);

// Applies migrations up to `target` (default: current). Also (re)writes the fixed reference
// rows (categories, situations, prefectures). Error kInternal naming the failed version;
// kInvalidArgument when the database is newer than this program.
Status migrate(sql::Database& db, int target = kCurrentVersion);

// Recomputes the derived columns and tables of one service (search_text, name_key,
// listed, service_facets, and from version 6 `reach`, knowledge/contact.h) from its stored
// fields. Used by the importer and by migrations 3 and 6 (with their `version`).
Status refresh_derived(sql::Database& db, int64_t sid, int version = kCurrentVersion);

}  // namespace shirube::knowledge::schema
