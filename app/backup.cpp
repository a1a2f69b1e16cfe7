#include "app/backup.h"

#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>

#include "common/args.h"
#include "common/sqlite.h"

namespace shirube::app {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "usage: shirube backup [--db PATH] DEST\n"
    "\n"
    "Copies the database and its LINE inbox (PATH-line) into the directory DEST with\n"
    "SQLite's online backup: safe while 'shirube serve' runs. DEST is created if missing\n"
    "and must not already hold files of the same names.\n"
    "\n"
    "options:\n"
    "  --db PATH   the database serve uses (default var/shirube.db)\n";

int fail(const std::string& reason) {
  std::fprintf(stderr, "shirube backup: %s\n", reason.c_str());
  return 2;
}

// DEST must be a directory we can write into (created when missing).
Status prepare_destination(const std::string& dest) {
  std::error_code ec;
  if (fs::exists(dest, ec) && !fs::is_directory(dest, ec))
    return Error::invalid_argument(dest, "not a directory");
  fs::create_directories(dest, ec);
  if (ec)
    return Error::invalid_argument(dest, "cannot create directory: " + ec.message());
  return {};
}

// Copies `from` to `to` and checks the copy.
Status copy_one(const std::string& from, const std::string& to) {
  RETURN_IF_ERROR(sql::backup(from, to));
  if (Status s = sql::quick_check(to); !s.ok()) {
    std::error_code ec;
    fs::remove(to, ec);
    return s;
  }
  return {};
}

}  // namespace

int run_backup(const std::vector<std::string>& args) {
  std::string db = "var/shirube.db";
  std::vector<std::string> positional;
  args::Parser parser;
  parser.text("--db", &db).positional(&positional);
  if (Status s = parser.parse(args); !s.ok())
    return fail(s.error().message() + " (try 'shirube backup --help')");
  if (parser.help()) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (positional.size() != 1)
    return fail("expected one destination directory (try 'shirube backup --help')");
  const std::string& dest = positional[0];
  if (db == ":memory:" || !fs::exists(db))
    return fail(db + ": no such database");
  if (Status s = prepare_destination(dest); !s.ok())
    return fail(s.error().message());

  const std::string name = fs::path(db).filename().string();
  const std::string copies[][2] = {{db, (fs::path(dest) / name).string()},
                                   {db + "-line", (fs::path(dest) / (name + "-line")).string()}};
  // Both targets are checked before anything is written, so a refusal leaves DEST as it was.
  for (const auto& [from, to] : copies) {
    if (fs::exists(to))
      return fail(to + ": already exists; choose an empty directory");
  }
  for (const auto& [from, to] : copies) {
    if (!fs::exists(from))
      continue;  // no inbox yet: LINE never ran on this database
    if (Status s = copy_one(from, to); !s.ok())
      return fail(s.error().message());
    std::printf("%s -> %s\n", from.c_str(), to.c_str());
  }
  return 0;
}

}  // namespace shirube::app
