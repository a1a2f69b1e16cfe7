#pragma once
#include <string>
#include <vector>

namespace shirube::app {
// `shirube backup [--db PATH] DEST`: copies the database and the LINE inbox beside it
// (PATH-line) into the directory DEST (created if missing) with SQLite's online backup API,
// so a running `serve` keeps answering meanwhile. Each copy is one consistent moment of its
// file, is checked with PRAGMA quick_check, and keeps the file's name (DEST/shirube.db,
// DEST/shirube.db-line). An inbox that does not exist yet is skipped. Restore: stop serve,
// remove PATH, PATH-wal, PATH-shm and the same for PATH-line, copy both files back
// (README.md, "Backup and restore").
// Returns 0; 2 with one line on stderr for bad usage, a missing database, a DEST that is not
// a directory or already holds a file of that name, or a copy that failed (the partial copy
// is removed).
int run_backup(const std::vector<std::string>& args);
}  // namespace shirube::app
