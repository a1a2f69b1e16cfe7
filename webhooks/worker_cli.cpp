#include "webhooks/worker_cli.h"

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <optional>

#include "bot/food_store.h"
#include "bot/worker_links.h"
#include "common/args.h"
#include "common/time_format.h"
#include "knowledge/cli.h"
#include "knowledge/sqlite_knowledge_base.h"
#include "webhooks/worker_store.h"

namespace shirube::webhooks {
namespace {

using knowledge::parse_cli;
using knowledge::usage_error;

constexpr const char* kDefaultDb = "var/shirube.db";

constexpr const char* kWorkerUsage =
    "usage: shirube worker add [--db PATH] --org ORG_ID --name NAME\n"
    "       shirube worker link [--db PATH] --org ORG_ID\n"
    "       shirube worker list [--db PATH]\n"
    "       shirube worker revoke [--db PATH] ID|LID\n"
    "Support-worker accounts for the directory API, referral sheets and the /worker console.\n"
    "add creates an account for one organisation of the knowledge base and prints its API\n"
    "token once (only a hash is kept: a lost token means a new account). link prints a\n"
    "one-time code (24 hours) a worker sends over LINE as 「支援者登録 CODE」 to use the\n"
    "worker mode there. list shows both kinds (LINE links as L1, L2, ...); revoke stops a\n"
    "token or a LINE link at once.\n"
    "  --db PATH   database file (default var/shirube.db)\n";

constexpr const char* kPurgeUsage =
    "usage: shirube purge [--db PATH] [--older-than DAYSd]\n"
    "Deletes the referral sheets that have expired (30 days after they were made), and the\n"
    "food-support requests that were closed or cancelled more than --older-than ago (default\n"
    "180d), with their contact data; the audit table keeps that they were purged.\n"
    "  --db PATH            database file (default var/shirube.db)\n"
    "  --older-than DAYSd   e.g. 180d or 30d (days, 1 to 3650)\n";

int64_t now_seconds() {
  return static_cast<int64_t>(std::time(nullptr));
}

int worker_add(const std::string& db, const std::string& org, const std::string& name) {
  if (org.empty())
    return usage_error("worker", "--org: required");
  if (name.empty())
    return usage_error("worker", "--name: required");
  auto org_name = organisation_name(db, org);
  if (!org_name.ok())
    return cli_fail("worker", org_name.error());
  auto store = WorkerStore::open(db);
  if (!store.ok())
    return cli_fail("worker", store.error());
  auto added = store.value()->add(org, name, now_seconds());
  if (!added.ok())
    return cli_fail("worker", added.error());
  std::printf("worker %lld: %s (%s)\n", static_cast<long long>(added->account.id), name.c_str(),
              org_name.value().c_str());
  std::printf("token: %s\n", added->token.c_str());
  std::printf(
      "This token is shown only now. Keep it like a password; revoke with "
      "'shirube worker revoke %lld'.\n",
      static_cast<long long>(added->account.id));
  return 0;
}

int worker_link(const std::string& db, const std::string& org) {
  if (org.empty())
    return usage_error("worker", "--org: required");
  auto org_name = organisation_name(db, org);
  if (!org_name.ok())
    return cli_fail("worker", org_name.error());
  auto links = bot::WorkerLinks::open(db, "");
  if (!links.ok())
    return cli_fail("worker", links.error());
  auto code = links.value()->new_code(org, now_seconds());
  if (!code.ok())
    return cli_fail("worker", code.error());
  std::printf("code: %s\n", code->code.c_str());
  std::printf(
      "For one worker of %s: send 「支援者登録 %s」 to the LINE account before %s. It works "
      "once; only a hash is kept.\n",
      org_name.value().c_str(), code->code.c_str(), iso_utc(code->expires_at).c_str());
  return 0;
}

// The LINE-linked workers, after the accounts: L<id>, organisation, "LINE", linked, state.
int list_line_workers(const std::string& db, std::size_t accounts) {
  auto links = bot::WorkerLinks::open(db, "");
  if (!links.ok())
    return cli_fail("worker", links.error());
  auto all = links.value()->list();
  if (!all.ok())
    return cli_fail("worker", all.error());
  for (const auto& w : all.value()) {
    std::printf("L%lld\t%s\t(LINE)\t%s\t%s\n", static_cast<long long>(w.id), w.org_id.c_str(),
                iso_utc(w.linked_at).c_str(), w.revoked ? "revoked" : "active");
  }
  std::printf("%zu account(s), %zu LINE link(s)\n", accounts, all->size());
  return 0;
}

int worker_list(const std::string& db) {
  auto store = WorkerStore::open(db);
  if (!store.ok())
    return cli_fail("worker", store.error());
  auto all = store.value()->list();
  if (!all.ok())
    return cli_fail("worker", all.error());
  for (const auto& a : all.value()) {
    std::printf("%lld\t%s\t%s\t%s\t%s\n", static_cast<long long>(a.id), a.org_id.c_str(),
                a.name.c_str(), iso_utc(a.created_at).c_str(), a.revoked ? "revoked" : "active");
  }
  return list_line_workers(db, all->size());
}

int line_revoke(const std::string& db, const std::string& id_text) {
  auto id = args::parse_int_named("ID", id_text.substr(1), 1, 2000000000);
  if (!id.ok())
    return usage_error("worker", id.error().message());
  auto links = bot::WorkerLinks::open(db, "");
  if (!links.ok())
    return cli_fail("worker", links.error());
  if (Status s = links.value()->revoke(id.value(), now_seconds()); !s.ok())
    return cli_fail("worker", s.error());
  std::printf("worker L%d: revoked\n", id.value());
  return 0;
}

int worker_revoke(const std::string& db, const std::string& id_text) {
  if (!id_text.empty() && (id_text[0] == 'L' || id_text[0] == 'l'))
    return line_revoke(db, id_text);
  auto id = args::parse_int_named("ID", id_text, 1, 2000000000);
  if (!id.ok())
    return usage_error("worker", id.error().message());
  auto store = WorkerStore::open(db);
  if (!store.ok())
    return cli_fail("worker", store.error());
  Status s = store.value()->revoke(id.value(), now_seconds());
  if (!s.ok())
    return cli_fail("worker", s.error());
  std::printf("worker %d: revoked\n", id.value());
  return 0;
}

}  // namespace

int cli_fail(const char* cmd, const Error& e) {
  std::fprintf(stderr, "shirube %s: %s\n", cmd, e.message().c_str());
  return 2;
}

void ensure_parent_dir(const std::string& db) {
  const std::filesystem::path parent = std::filesystem::path(db).parent_path();
  std::error_code ec;
  if (db != ":memory:" && !parent.empty())
    std::filesystem::create_directories(parent, ec);
}

Result<std::string> organisation_name(const std::string& db, const std::string& id,
                                      const std::string& flag) {
  auto kb = knowledge::SqliteKnowledgeBase::open_sqlite(db);
  if (!kb.ok())
    return kb.error();
  auto bundled = kb.value()->ensure_bundled_data();
  if (!bundled.ok())
    return bundled.error();
  auto dir = kb.value()->export_directory();
  if (!dir.ok())
    return dir.error();
  for (const auto& rec : dir->organizations) {
    if (rec.org.id == id)
      return rec.org.name;
  }
  return Error::invalid_argument(flag, "no organisation '" + id + "' in the knowledge base");
}

int run_worker(const std::vector<std::string>& args) {
  std::string db = kDefaultDb;
  std::string org;
  std::string name;
  std::vector<std::string> words;
  args::Parser parser;
  parser.text("--db", &db).text("--org", &org).text("--name", &name).positional(&words);
  if (const std::optional<int> done = parse_cli("worker", parser, args, kWorkerUsage))
    return *done;
  if (words.empty())
    return usage_error("worker", "missing action (add, link, list or revoke)");
  ensure_parent_dir(db);
  const std::string& action = words.front();
  if (action == "add" && words.size() == 1)
    return worker_add(db, org, name);
  if (action == "link" && words.size() == 1)
    return worker_link(db, org);
  if (action == "list" && words.size() == 1)
    return worker_list(db);
  if (action == "revoke" && words.size() == 2)
    return worker_revoke(db, words[1]);
  if (action == "revoke")
    return usage_error("worker", "revoke needs one account id");
  return usage_error("worker", "unknown action '" + action + "' (add, link, list or revoke)");
}

int run_purge(const std::vector<std::string>& args) {
  std::string db = kDefaultDb;
  int days = 180;
  args::Parser parser;
  parser.text("--db", &db).custom("--older-than", [&days](const std::string& v) -> Status {
    std::string digits = v;
    if (!digits.empty() && digits.back() == 'd')
      digits.pop_back();
    auto n = args::parse_int_named("--older-than", digits, 1, 3650);
    if (!n.ok())
      return Error::invalid_argument("--older-than",
                                     "expected days such as 180d (1 to 3650), got '" + v + "'");
    days = n.value();
    return {};
  });
  if (const std::optional<int> done = parse_cli("purge", parser, args, kPurgeUsage))
    return *done;
  ensure_parent_dir(db);
  auto store = WorkerStore::open(db);
  if (!store.ok())
    return cli_fail("purge", store.error());
  const int64_t now = now_seconds();
  auto n = store.value()->purge(now);
  if (!n.ok())
    return cli_fail("purge", n.error());
  auto food = bot::FoodStore::open(db);
  if (!food.ok())
    return cli_fail("purge", food.error());
  auto requests = food.value()->purge(now - static_cast<int64_t>(days) * 24 * 3600, now);
  if (!requests.ok())
    return cli_fail("purge", requests.error());
  std::printf("%s: removed %d expired referral sheet(s)\n", db.c_str(), n.value());
  std::printf("%s: removed %d closed or cancelled food request(s) older than %d days\n", db.c_str(),
              requests.value(), days);
  return 0;
}

}  // namespace shirube::webhooks
