// Knowledge-base benchmark: import time, database size and search latency (p50/p99) for
// category+prefecture, free text, and both, at several directory sizes, against a full-scan
// reference (the same filter by LIKE/instr over `services`, without the facet indexes).
// Usage: kb_bench [--sizes 1000,10000,100000,1000000] [--queries N] [--dir TMPDIR]
// Prints a markdown table and the EXPLAIN QUERY PLAN of the indexed queries.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "knowledge/knowledge_base.h"
#include "knowledge/sqlite_knowledge_base.h"

#include "bench/knowledge/synth.h"
#include <sys/stat.h>
#include <unistd.h>

using namespace shirube;             // NOLINT(google-build-using-namespace)
using namespace shirube::knowledge;  // NOLINT(google-build-using-namespace)
using Clock = std::chrono::steady_clock;

namespace {

// CPU time of this thread: what the query itself costs, without time spent descheduled on a
// shared machine.
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

struct Stats {
  double p50 = 0;
  double p99 = 0;
};

Stats stats(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  Stats s;
  s.p50 = v[v.size() / 2];
  s.p99 = v[std::min(v.size() - 1, (v.size() * 99) / 100)];
  return s;
}

long file_size(const std::string& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 ? static_cast<long>(st.st_size) : 0;
}

const char* const kCats[] = {"food",    "housing",        "work", "loneliness",
                             "elderly", "children_youth", "money"};
const char* const kTexts[] = {"こども食堂",       "相談窓口", "居場所カフェ",
                              "フードパントリー", "就労支援", "見守り"};

// Search latencies in ms: indexed category+prefecture (wall and thread CPU), text, both, and
// the full-scan reference.
struct Timings {
  std::vector<double> cat_pref, cat_pref_cpu, text, both, scan;
};

// The same category+prefecture answer by scanning services and probing the plain join tables
// per row (what a schema without the facet index would do).
Status time_full_scan(SqliteKnowledgeBase& kb, const Query& q, std::vector<double>& out) {
  return kb.with_database([&](sql::Database& d) -> Status {
    auto st = d.prepare(
        "SELECT s.sid, COUNT(*) OVER () FROM services s NOT INDEXED WHERE s.status <> "
        "'inactive' "
        "AND EXISTS (SELECT 1 FROM service_categories c WHERE c.service_id = s.sid AND "
        "(c.category = ?1 OR c.category LIKE ?1 || '.%')) AND (s.area_scope = 'national' OR "
        "EXISTS (SELECT 1 FROM service_areas a WHERE a.service_id = s.sid AND a.pref = ?2)) "
        "ORDER BY (s.area_scope = 'national'), (s.last_verified = ''), s.sid LIMIT 10");
    if (!st.ok())
      return st.error();
    st->bind(1, q.categories[0]).bind(2, q.prefecture);
    const auto ts = Clock::now();
    while (st->step().value()) {
    }
    out.push_back(ms_since(ts));
    return {};
  });
}

// `queries` random queries of each kind; false when one fails.
bool time_queries(SqliteKnowledgeBase& kb, int queries, Timings& t) {
  std::mt19937 rng(7);
  for (int i = 0; i < queries; ++i) {
    Query q;
    q.categories = {kCats[rng() % 7]};
    q.prefecture = static_cast<int>(1 + rng() % 47);
    auto t0 = Clock::now();
    const double c0 = thread_cpu_ms();
    if (!kb.search(q).ok())
      return false;
    t.cat_pref_cpu.push_back(thread_cpu_ms() - c0);
    t.cat_pref.push_back(ms_since(t0));

    Query tq;
    tq.text = kTexts[rng() % 6];
    t0 = Clock::now();
    if (!kb.search(tq).ok())
      return false;
    t.text.push_back(ms_since(t0));

    Query bq = q;
    bq.text = tq.text;
    t0 = Clock::now();
    if (!kb.search(bq).ok())
      return false;
    t.both.push_back(ms_since(t0));

    if (!time_full_scan(kb, q, t.scan).ok())
      return false;
  }
  return true;
}

// EXPLAIN QUERY PLAN of the indexed queries.
std::string explain_plans(SqliteKnowledgeBase& kb) {
  std::string plans;
  Query q;
  q.categories = {"food"};
  q.prefecture = 19;
  plans += "category + prefecture:\n" + kb.explain_search(q).value();
  q.text = "こども食堂";
  plans += "category + prefecture + text:\n" + kb.explain_search(q).value();
  Query t;
  t.text = "ご飯";
  plans += "two-character text (instr fallback):\n" + kb.explain_search(t).value();
  return plans;
}

struct Options {
  std::vector<int> sizes = {1000, 10000, 100000, 1000000};
  int queries = 300;
  std::string tmp = "/tmp";
  bool keep = false;
};

bool parse_options(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--sizes" && i + 1 < argc) {
      o.sizes.clear();
      std::string s = argv[++i];
      std::size_t pos = 0;
      while (pos <= s.size()) {
        const std::size_t comma = s.find(',', pos);
        o.sizes.push_back(std::stoi(s.substr(pos, comma - pos)));
        if (comma == std::string::npos)
          break;
        pos = comma + 1;
      }
    } else if (a == "--queries" && i + 1 < argc) {
      o.queries = std::stoi(argv[++i]);
    } else if (a == "--keep") {
      o.keep = true;
    } else if (a == "--dir" && i + 1 < argc) {
      o.tmp = argv[++i];
    } else {
      std::fprintf(stderr,
                   "usage: kb_bench [--sizes 1000,10000] [--queries N] [--dir TMPDIR] [--keep]\n");
      return false;
    }
  }
  return true;
}

void remove_database(const std::string& db) {
  std::remove(db.c_str());
  std::remove((db + "-wal").c_str());
  std::remove((db + "-shm").c_str());
  std::error_code ec;
  std::filesystem::remove_all(db + ".synth", ec);
}

// One table row for a directory of `n` services; the plans at the largest size. An exit code
// when it fails, else nullopt.
std::optional<int> measure_size(int n, const std::string& base, const Options& o,
                                std::string& plans) {
  const std::string db = base + "/kb_" + std::to_string(n) + ".db";
  const auto t0 = Clock::now();
  const std::string err = bench::build_synthetic_database(n, 42, db);
  const double import_s = ms_since(t0) / 1000.0;
  if (!err.empty()) {
    std::fprintf(stderr, "build failed: %s\n", err.c_str());
    return 1;
  }
  auto kb = SqliteKnowledgeBase::open_sqlite(db);
  if (!kb.ok())
    return 1;
  Timings t;
  if (!time_queries(*kb.value(), o.queries, t))
    return 1;
  const Stats a = stats(t.cat_pref), a_cpu = stats(t.cat_pref_cpu), b = stats(t.text),
              c = stats(t.both), d = stats(t.scan);
  std::printf(
      "| %d | %.1f | %.1f | %.3f / %.3f | %.3f / %.3f | %.3f / %.3f | %.3f / %.3f | %.3f / %.3f "
      "| %.0fx |\n",
      n, import_s, static_cast<double>(file_size(db) + file_size(db + "-wal")) / 1e6, a.p50, a.p99,
      a_cpu.p50, a_cpu.p99, b.p50, b.p99, c.p50, c.p99, d.p50, d.p99, d.p50 / a.p50);
  std::fflush(stdout);
  if (n == o.sizes.back())
    plans += explain_plans(*kb.value());
  if (o.keep) {
    std::printf("(kept %s)\n", db.c_str());
    return std::nullopt;
  }
  remove_database(db);
  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse_options(argc, argv, o))
    return 2;
  std::string base = o.tmp + "/shirube_kb_bench_XXXXXX";
  if (::mkdtemp(base.data()) == nullptr)
    return 2;

  std::printf(
      "| services | import s | DB MB | cat+pref p50/p99 ms | cat+pref CPU p50/p99 ms | text "
      "p50/p99 ms | "
      "both p50/p99 ms | full-scan cat+pref p50/p99 ms | scan/indexed (p50) |\n");
  std::printf("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  std::string plans;
  for (const int n : o.sizes) {
    if (const std::optional<int> failed = measure_size(n, base, o, plans))
      return *failed;
  }
  std::printf("\nEXPLAIN QUERY PLAN at the largest size:\n\n%s", plans.c_str());
  if (!o.keep) {
    std::error_code ec;
    std::filesystem::remove_all(base, ec);
  }
  return 0;
}
