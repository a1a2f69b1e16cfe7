// The knowledge-base subcommands (import, export, search, check) in one file: they share the
// default database, the usage and error wording (parse_cli, usage_error) and the input
// readers, and each is a thin layer over the library; `search`'s table formatting is the
// largest part.
#include "knowledge/cli.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "common/args.h"
#include "knowledge/check.h"
#include "knowledge/hsds_csv.h"
#include "knowledge/sqlite_knowledge_base.h"
#include "knowledge/taxonomy.h"
#include "knowledge/text.h"
#include "knowledge/tsv_import.h"

#include <dirent.h>
#include <sys/stat.h>

namespace shirube::knowledge {
namespace {

constexpr const char* kDefaultDb = "var/shirube.db";
constexpr std::size_t kMaxListedIssues = 100;

constexpr const char* kImportUsage =
    "usage: shirube import [--db PATH] [FILES|DIR]...\n"
    "Loads the bundled data (no files), TSV files in the bundled layouts, or a directory of\n"
    "Open Referral HSDS 3.0 CSV tables (organizations.csv, services.csv, phones.csv,\n"
    "schedules.csv, service_areas.csv, taxonomies.csv, taxonomy_terms.csv, attributes.csv,\n"
    "as written by 'shirube export'; see docs/data-format.md). UTF-8 (with or without BOM)\n"
    "or Shift_JIS. All or nothing: any bad row and nothing changes.\n"
    "  --db PATH   database file (default var/shirube.db)\n";

constexpr const char* kExportUsage =
    "usage: shirube export [--db PATH] [--format hsds] DIR\n"
    "Writes the directory into DIR as Open Referral HSDS 3.0 tables: eight CSV files and\n"
    "the specification's datapackage.json (see docs/data-format.md). hsds is the only\n"
    "format and the default.\n"
    "  --db PATH   database file (default var/shirube.db, built from the bundled data)\n";

constexpr const char* kCheckUsage =
    "usage: shirube check [--db PATH] [--stale-days N] [--links] [--today YYYY-MM-DD]\n"
    "Reports missing required fields, malformed phone numbers and URLs, duplicate ids,\n"
    "unknown categories and records not verified for N days (default 365); with --links\n"
    "fetches every URL. Errors must be fixed; warnings are known gaps (never verified,\n"
    "unknown source date, hours 未確認, redirects). Exit 0 without errors, 1 with errors.\n";

bool is_dir(const std::string& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Creates the parent directory of the default database (var/) so a fresh checkout works.
void ensure_parent_dir(const std::string& db_path) {
  const std::size_t slash = db_path.rfind('/');
  if (slash == std::string::npos || slash == 0)
    return;
  const std::string dir = db_path.substr(0, slash);
  if (!is_dir(dir))
    ::mkdir(dir.c_str(), 0755);
}

Result<std::string> read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f)
    return Error::invalid_argument(path, std::strerror(errno));
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string base_name(const std::string& p) {
  const std::size_t slash = p.rfind('/');
  return slash == std::string::npos ? p : p.substr(slash + 1);
}

// Reads the inputs (files or directories) into one Directory.
void read_inputs(const std::vector<std::string>& inputs, Directory& dir) {
  std::vector<std::string> files;
  for (const auto& in : inputs) {
    if (is_dir(in)) {
      DIR* d = ::opendir(in.c_str());
      if (d == nullptr) {
        dir.issues.push_back({in, 0, "", std::strerror(errno)});
        continue;
      }
      std::vector<std::string> names;
      while (const dirent* e = ::readdir(d)) {
        const std::string n = e->d_name;
        if (text::ends_with(n, ".csv") || text::ends_with(n, ".tsv"))
          names.push_back(n);
      }
      ::closedir(d);
      std::sort(names.begin(), names.end());
      if (names.empty())
        dir.issues.push_back({in, 0, "", "no .csv or .tsv files in this directory"});
      for (const auto& n : names)
        files.push_back(in + "/" + n);
    } else {
      files.push_back(in);
    }
  }
  std::map<std::string, std::pair<std::string, std::string>> csv;
  for (const auto& path : files) {
    auto bytes = read_file(path);
    if (!bytes.ok()) {
      dir.issues.push_back({path, 0, "", bytes.error().what()});
      continue;
    }
    auto decoded = decode_input(bytes.value(), path);
    if (!decoded.ok()) {
      dir.issues.push_back({decoded.error().where(), 0, "", decoded.error().what()});
      continue;
    }
    const std::string name = base_name(path);
    if (text::ends_with(name, ".csv")) {
      const auto& known = hsds_file_names();
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        std::string names;
        for (const auto& k : known)
          names += (names.empty() ? "" : ", ") + k;
        dir.issues.push_back(
            {path, 0, "", "unknown CSV file name (expected one of the HSDS tables " + names + ")"});
        continue;
      }
      if (csv.count(name) != 0) {
        dir.issues.push_back({path, 0, "", "a second " + name + " in the same import"});
        continue;
      }
      csv[name] = {path, std::move(decoded.value())};
      continue;
    }
    switch (detect_tsv(decoded.value())) {
      case TsvKind::kNational:
        read_national_tsv(decoded.value(), path, dir);
        break;
      case TsvKind::kLocal:
        read_local_tsv(decoded.value(), path, dir);
        break;
      case TsvKind::kSeed:
        read_seed_tsv(decoded.value(), path, dir);
        break;
      case TsvKind::kUnknown:
        dir.issues.push_back(
            {path, 1, "",
             "unknown layout (expected the national_services, local_services or seed_organizations "
             "TSV header, or an HSDS CSV file name)"});
        break;
    }
  }
  if (!csv.empty())
    read_hsds(csv, dir);
}

}  // namespace

int usage_error(const char* cmd, const std::string& reason) {
  std::fprintf(stderr, "shirube %s: %s (try 'shirube %s --help')\n", cmd, reason.c_str(), cmd);
  return 2;
}

// Parses a subcommand's arguments: nullopt to go on, else its exit code (2 after bad usage,
// with the one-line reason; 0 after printing `usage` for --help).
std::optional<int> parse_cli(const char* cmd, args::Parser& parser,
                             const std::vector<std::string>& args, const char* usage) {
  if (Status s = parser.parse(args); !s.ok())
    return usage_error(cmd, s.error().message());
  if (parser.help()) {
    std::fputs(usage, stdout);
    return 0;
  }
  return std::nullopt;
}

int run_import(const std::vector<std::string>& args) {
  std::string db_path = kDefaultDb;
  std::vector<std::string> inputs;
  args::Parser parser;
  parser.text("--db", &db_path).positional(&inputs);
  if (const std::optional<int> done = parse_cli("import", parser, args, kImportUsage))
    return *done;
  if (db_path == kDefaultDb)
    ensure_parent_dir(db_path);
  auto kb = SqliteKnowledgeBase::open_sqlite(db_path);
  if (!kb.ok()) {
    std::fprintf(stderr, "shirube import: %s\n", kb.error().message().c_str());
    return 2;
  }
  if (inputs.empty()) {
    auto done = kb.value()->ensure_bundled_data();
    if (!done.ok()) {
      std::fprintf(stderr, "shirube import: %s\n", done.error().message().c_str());
      return 2;
    }
    const Directory dir = bundled_directory();
    std::printf("%s: bundled data %s (%zu services, %zu organisations)\n", db_path.c_str(),
                done.value() ? "imported" : "already up to date", dir.services.size(),
                dir.organizations.size());
    return 0;
  }
  Directory dir;
  read_inputs(inputs, dir);
  Status v = kb.value()->with_database([&](sql::Database& db) {
    validate_directory(dir, &db);
    return Status{};
  });
  (void)v;
  if (!dir.issues.empty()) {
    for (std::size_t i = 0; i < dir.issues.size() && i < kMaxListedIssues; ++i) {
      std::fprintf(stderr, "%s\n", dir.issues[i].to_string().c_str());
    }
    if (dir.issues.size() > kMaxListedIssues) {
      std::fprintf(stderr, "... and %zu more\n", dir.issues.size() - kMaxListedIssues);
    }
    std::fprintf(stderr, "shirube import: %zu problem(s); nothing was imported\n",
                 dir.issues.size());
    return 2;
  }
  auto n = kb.value()->import_directory(dir, "import");
  if (!n.ok()) {
    std::fprintf(stderr, "shirube import: %s; nothing was imported\n", n.error().message().c_str());
    return 2;
  }
  std::printf("%s: imported %d services and %zu organisations\n", db_path.c_str(), n.value(),
              dir.organizations.size());
  return 0;
}

int run_export(const std::vector<std::string>& args) {
  std::string db_path = kDefaultDb;
  std::vector<std::string> out_dirs;
  std::string format = "hsds";
  args::Parser parser;
  parser.text("--db", &db_path).text("--format", &format).positional(&out_dirs);
  if (const std::optional<int> done = parse_cli("export", parser, args, kExportUsage))
    return *done;
  if (out_dirs.size() > 1)
    return usage_error("export", "only one output directory");
  if (format != "hsds")
    return usage_error("export", "--format: must be hsds (got '" + format + "')");
  const std::string out_dir = out_dirs.empty() ? std::string() : out_dirs.front();
  if (out_dir.empty())
    return usage_error("export", "missing output directory");
  if (db_path == kDefaultDb)
    ensure_parent_dir(db_path);
  auto kb = SqliteKnowledgeBase::open_sqlite(db_path);
  if (!kb.ok()) {
    std::fprintf(stderr, "shirube export: %s\n", kb.error().message().c_str());
    return 2;
  }
  if (db_path == kDefaultDb) {
    auto b = kb.value()->ensure_bundled_data();
    if (!b.ok()) {
      std::fprintf(stderr, "shirube export: %s\n", b.error().message().c_str());
      return 2;
    }
  }
  auto dir = kb.value()->export_directory();
  if (!dir.ok()) {
    std::fprintf(stderr, "shirube export: %s\n", dir.error().message().c_str());
    return 2;
  }
  Status s = write_hsds(dir.value(), out_dir);
  if (!s.ok()) {
    std::fprintf(stderr, "shirube export: %s\n", s.error().message().c_str());
    return 2;
  }
  std::printf("%s: wrote %zu services and %zu organisations\n", out_dir.c_str(),
              dir->services.size(), dir->organizations.size());
  return 0;
}

namespace {

// Display width: East Asian wide and full-width characters take two columns.
std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    unsigned cp = b;
    std::size_t len = 1;
    if (b >= 0xF0) {
      len = 4;
    } else if (b >= 0xE0) {
      len = 3;
    } else if (b >= 0xC0) {
      len = 2;
    }
    if (len == 3 && i + 2 < s.size()) {
      cp = ((b & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
    }
    const bool wide =
        len == 4 ||
        (len == 3 && ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6)));
    w += wide ? 2 : 1;
    i += len;
  }
  return w;
}

// Cuts to `width` columns (on a code-point boundary, with "…") and pads with spaces.
std::string cell(std::string_view s, std::size_t width) {
  std::string out;
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    const std::string_view ch = s.substr(i, len);
    const std::size_t cw = display_width(ch);
    if (w + cw > width - 1 && i + len < s.size()) {
      out += "…";
      ++w;
      break;
    }
    if (w + cw > width)
      break;
    out += ch;
    w += cw;
    i += len;
  }
  if (w < width)
    out.append(width - w, ' ');
  return out;
}

std::string area_label(const Service& s) {
  if (s.area_scope == "national")
    return "全国";
  return s.area_text;
}

std::string source_label(const Service& s) {
  std::string src = s.source_title.empty() ? s.source_url : s.source_title;
  if (!s.source_date.empty() && s.source_date != "unknown")
    src += "（" + s.source_date + "）";
  return src;
}

nlohmann::json to_json(const Service& s) {
  using nlohmann::json;
  json j = json::object();
  j["id"] = s.id;
  j["name"] = s.name;
  j["organization"] = s.organization_name;
  j["description"] = s.description;
  j["categories"] = s.categories;
  j["situations"] = s.situations;
  j["channel"] = s.channel;
  j["contact"] = s.contact;
  j["hours"] = s.hours;
  j["cost"] = s.cost;
  j["target"] = s.target;
  j["min_age"] = s.min_age ? json(*s.min_age) : json(nullptr);
  j["max_age"] = s.max_age ? json(*s.max_age) : json(nullptr);
  j["area_scope"] = s.area_scope;
  j["area"] = s.area_text;
  j["prefectures"] = s.prefectures;
  j["urgent"] = s.urgent;
  j["is_24h"] = s.is_24h;
  j["source"] = {{"title", s.source_title}, {"url", s.source_url}, {"date", s.source_date}};
  j["last_verified"] = s.last_verified.empty() ? json(nullptr) : json(s.last_verified);
  j["confidence"] = s.confidence;
  j["audience"] = s.audience;
  j["name_en"] = s.name_en.empty() ? json(nullptr) : json(s.name_en);
  j["summary_en"] = s.summary_en.empty() ? json(nullptr) : json(s.summary_en);
  j["en_source"] = s.en_source.empty() ? json(nullptr) : json(s.en_source);
  j["languages"] = s.languages;
  return j;
}

}  // namespace

namespace {

constexpr const char* kSearchUsage =
    "usage: shirube search [--db PATH] [--category ID] [--pref 山梨県|19 | --national]\n"
    "                      [--situation S] [--age N] [--channel C] [--urgent] [--people]\n"
    "                      [--limit N]\n"
    "                      [--json] [TEXT]\n"
    "Finds services. --category may repeat (any of); a top-level id also matches its\n"
    "sub-categories. A prefecture keeps its own services plus nationwide ones;\n"
    "--national keeps only the nationwide ones. --people leaves out programmes for\n"
    "support workers (what the chat shows).\n"
    "  categories: crisis violence food money housing work loneliness mental_health\n"
    "    parenting_family children_youth care_leaver health_disability elderly\n"
    "    foreign_residents disaster hikikomori legal_consumer (and e.g. violence.dv)\n"
    "  situations: care_leaver single_parent child youth elderly_alone foreign_resident\n"
    "    disaster_evacuee lgbtq person_with_disability young_carer supporter\n"
    "  channels: phone sns chat web visit\n";

struct SearchArgs {
  std::string db_path = kDefaultDb;
  Query query;
  bool json = false;
  int age = -1;  // -1 = not given
  std::vector<std::string> text_parts;
};

// The flags of `shirube search`, stored in `out` (finish_search_args completes it).
args::Parser& search_parser(args::Parser& parser, SearchArgs& out) {
  Query& q = out.query;
  parser.text("--db", &out.db_path);
  parser.custom("--category", [&q](const std::string& v) -> Status {
    if (!is_known_category(v))
      return Error::invalid_argument("--category", "unknown category '" + v + "'");
    q.categories.push_back(v);
    return {};
  });
  parser.custom("--pref", [&q](const std::string& v) -> Status {
    q.prefecture = prefecture_code(v);
    if (q.prefecture == 0)
      return Error::invalid_argument("--pref", "unknown prefecture '" + v + "'");
    return {};
  });
  parser.custom("--situation", [&q](const std::string& v) -> Status {
    if (!is_known_situation(v))
      return Error::invalid_argument("--situation", "unknown situation '" + v + "'");
    q.situation = v;
    return {};
  });
  parser.integer("--age", &out.age, 0, 150);
  parser.custom("--channel", [&q](const std::string& v) -> Status {
    if (!is_valid_channel(v))
      return Error::invalid_argument("--channel", "must be phone, sns, chat, web or visit");
    q.channel = v;
    return {};
  });
  parser.flag("--people", &q.for_people).flag("--national", &q.national_only);
  parser.flag("--urgent", &q.urgent_only).flag("--json", &out.json);
  parser.integer("--limit", &q.limit, 1, 1000).positional(&out.text_parts);
  return parser;
}

// The checks across flags, and the query text from the words.
Status finish_search_args(SearchArgs& out) {
  Query& q = out.query;
  if (out.age >= 0)
    q.age = out.age;
  if (q.national_only && q.prefecture != 0)
    return Error::invalid_argument("", "--national cannot be combined with --pref");
  for (std::size_t i = 0; i < out.text_parts.size(); ++i)
    q.text += (i > 0 ? " " : "") + out.text_parts[i];
  return {};
}

void print_search_table(const SearchResult& res) {
  std::printf("%d件（%zu件を表示）\n", res.total, res.services.size());
  if (res.services.empty())
    return;
  std::printf("%s %s %s %s %s %s\n", cell("名称", 36).c_str(), cell("連絡先", 26).c_str(),
              cell("受付時間", 28).c_str(), cell("地域", 14).c_str(), cell("出典", 30).c_str(),
              "確認日");
  for (const auto& s : res.services) {
    const std::string contact = s.contact.empty() ? "（連絡先の情報なし）" : s.contact;
    const std::string hours = s.hours.empty() ? "（情報なし）" : s.hours;
    std::printf("%s %s %s %s %s %s\n", cell(s.name, 36).c_str(), cell(contact, 26).c_str(),
                cell(hours, 28).c_str(), cell(area_label(s), 14).c_str(),
                cell(source_label(s), 30).c_str(),
                s.last_verified.empty() ? "未確認" : s.last_verified.c_str());
  }
}

}  // namespace

int run_search(const std::vector<std::string>& args) {
  SearchArgs sa;
  args::Parser parser;
  if (const std::optional<int> done =
          parse_cli("search", search_parser(parser, sa), args, kSearchUsage))
    return *done;
  if (Status s = finish_search_args(sa); !s.ok())
    return usage_error("search", s.error().message());
  const std::string& db_path = sa.db_path;
  const Query& q = sa.query;
  if (db_path == kDefaultDb)
    ensure_parent_dir(db_path);
  auto kb = KnowledgeBase::open_with_bundled_data(db_path);
  if (!kb.ok()) {
    std::fprintf(stderr, "shirube search: %s\n", kb.error().message().c_str());
    return 2;
  }
  auto res = kb.value()->search(q);
  if (!res.ok()) {
    std::fprintf(stderr, "shirube search: %s\n", res.error().message().c_str());
    return 2;
  }
  if (sa.json) {
    nlohmann::json j = nlohmann::json::object();
    j["total"] = res->total;
    j["services"] = nlohmann::json::array();
    for (const auto& s : res->services)
      j["services"].push_back(to_json(s));
    std::printf("%s\n", j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return 0;
  }
  print_search_table(*res);
  return 0;
}

int run_check(const std::vector<std::string>& args) {
  std::string db_path = kDefaultDb;
  CheckOptions opts;
  args::Parser parser;
  parser.text("--db", &db_path).integer("--stale-days", &opts.stale_days, 0, 100000);
  parser.custom("--today", [&opts](const std::string& v) -> Status {
    if (!text::is_iso_date(v))
      return Error::invalid_argument("--today", "expected a date YYYY-MM-DD, got '" + v + "'");
    opts.today = v;
    return {};
  });
  parser.flag("--links", &opts.links);
  if (const std::optional<int> done = parse_cli("check", parser, args, kCheckUsage))
    return *done;
  if (db_path == kDefaultDb)
    ensure_parent_dir(db_path);
  auto kb = SqliteKnowledgeBase::open_sqlite(db_path);
  if (!kb.ok()) {
    std::fprintf(stderr, "shirube check: %s\n", kb.error().message().c_str());
    return 2;
  }
  if (db_path == kDefaultDb) {
    auto b = kb.value()->ensure_bundled_data();
    if (!b.ok()) {
      std::fprintf(stderr, "shirube check: %s\n", b.error().message().c_str());
      return 2;
    }
  }
  std::vector<Finding> findings;
  Status s = kb.value()->with_database([&](sql::Database& db) -> Status {
    auto r = run_checks(db, opts);
    if (!r.ok())
      return r.error();
    findings = std::move(r.value());
    return {};
  });
  if (!s.ok()) {
    std::fprintf(stderr, "shirube check: %s\n", s.error().message().c_str());
    return 2;
  }
  std::size_t errors = 0;
  std::vector<std::string> hours_unknown;
  for (const auto& f : findings) {
    if (f.error)
      ++errors;
    if (f.field == "hours" && text::starts_with(f.message, kHoursNotUnderstood))
      hours_unknown.push_back(f.record);
    std::printf("%s\n", f.to_string().c_str());
  }
  std::string ids;
  for (const auto& id : hours_unknown)
    ids += (ids.empty() ? "" : " ") + id;
  std::printf("hours not understood: %zu record(s)%s%s\n", hours_unknown.size(),
              ids.empty() ? "" : ": ", ids.c_str());
  std::printf("%zu error(s), %zu warning(s)\n", errors, findings.size() - errors);
  return errors > 0 ? 1 : 0;
}

}  // namespace shirube::knowledge
