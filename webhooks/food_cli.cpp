#include "webhooks/food_cli.h"

#include <cstdio>
#include <ctime>
#include <map>
#include <optional>

#include "bot/food_store.h"
#include "common/args.h"
#include "common/time_format.h"
#include "knowledge/cli.h"
#include "knowledge/knowledge_base.h"
#include "webhooks/worker_cli.h"

#include <unistd.h>

namespace shirube::webhooks {
namespace {

using knowledge::parse_cli;
using knowledge::usage_error;

constexpr const char* kDefaultDb = "var/shirube.db";

constexpr const char* kPartnerUsage =
    "usage: shirube partner add [--db PATH] ORG_ID --prefecture 19 [--prefecture 40 ...]\n"
    "                           [--municipality 北九州市 ...]\n"
    "       shirube partner list [--db PATH]\n"
    "       shirube partner remove [--db PATH] ORG_ID\n"
    "Organisations of the knowledge base that receive food-support applications of care\n"
    "leavers for the areas given: whole prefectures, or with --municipality only those\n"
    "municipalities. Adding an organisation again replaces its areas.\n"
    "  --db PATH              database file (default var/shirube.db)\n"
    "  --prefecture CODE      JIS code (1-47) or name (山梨県), repeatable\n"
    "  --municipality NAME    as written (北九州市), repeatable\n";

constexpr const char* kAuditUsage =
    "usage: shirube audit [--db PATH] [--limit N]\n"
    "Prints the audit table of food-support requests, oldest first: time (UTC), who (worker:ID,\n"
    "applicant, operator), what (create, list, read, update, export, cancel, erase, purge), the\n"
    "reference and a detail. Never contact data.\n"
    "  --db PATH    database file (default var/shirube.db)\n"
    "  --limit N    the newest N entries (default 200, at most 100000)\n";

constexpr const char* kReportUsage =
    "usage: shirube report worries [--db PATH] [--month YYYY-MM] [--show-text]\n"
    "Counts the other worries written in food-support applications, by month (Japan time) and\n"
    "category (the intent matcher's). The texts were scrubbed of phone numbers, e-mail\n"
    "addresses and names before they were stored.\n"
    "  --db PATH         database file (default var/shirube.db)\n"
    "  --month YYYY-MM   one month only\n"
    "  --show-text       also print the scrubbed texts (only to a terminal)\n";

std::string prefecture_label(int code) {
  for (const auto& p : knowledge::all_prefectures()) {
    if (p.code == code)
      return p.name;
  }
  return std::to_string(code);
}

Result<int> prefecture_code(const std::string& v) {
  if (auto n = args::parse_int(v, 1, 47))
    return *n;
  for (const auto& p : knowledge::all_prefectures()) {
    if (v == p.name || v == p.short_name)
      return p.code;
  }
  return Error::invalid_argument("--prefecture",
                                 "expected a JIS code from 1 to 47 or a name, got '" + v + "'");
}

int partner_add(const std::string& db, const std::string& org, const std::vector<int>& prefs,
                const std::vector<std::string>& munis) {
  if (prefs.empty())
    return usage_error("partner", "--prefecture: at least one is required");
  auto name = organisation_name(db, org, "ORG_ID");
  if (!name.ok())
    return cli_fail("partner", name.error());
  auto store = bot::FoodStore::open(db);
  if (!store.ok())
    return cli_fail("partner", store.error());
  bot::FoodPartner p;
  p.org_id = org;
  p.org_name = name.value();
  p.prefectures = prefs;
  p.municipalities = munis;
  p.created_at = static_cast<int64_t>(std::time(nullptr));
  if (Status s = store.value()->add_partner(p); !s.ok())
    return cli_fail("partner", s.error());
  if (Status s = store.value()->audit("operator", "partner", "", "add " + org, p.created_at);
      !s.ok())
    return cli_fail("partner", s.error());
  std::string areas;
  for (int c : prefs)
    areas += (areas.empty() ? "" : " ") + prefecture_label(c);
  for (const auto& m : munis)
    areas += " " + m;
  std::printf("partner %s: %s (%s)\n", org.c_str(), p.org_name.c_str(), areas.c_str());
  return 0;
}

int partner_list(const std::string& db) {
  auto store = bot::FoodStore::open(db);
  if (!store.ok())
    return cli_fail("partner", store.error());
  auto all = store.value()->partners();
  if (!all.ok())
    return cli_fail("partner", all.error());
  for (const auto& p : all.value()) {
    std::string prefs;
    for (int c : p.prefectures)
      prefs += (prefs.empty() ? "" : ",") + prefecture_label(c);
    std::string munis;
    for (const auto& m : p.municipalities)
      munis += (munis.empty() ? "" : ",") + m;
    std::printf("%s\t%s\t%s\t%s\t%s\n", p.org_id.c_str(), p.org_name.c_str(), prefs.c_str(),
                munis.empty() ? "(whole prefectures)" : munis.c_str(),
                iso_utc(p.created_at).c_str());
  }
  std::printf("%zu partner(s)\n", all->size());
  return 0;
}

int partner_remove(const std::string& db, const std::string& org) {
  auto store = bot::FoodStore::open(db);
  if (!store.ok())
    return cli_fail("partner", store.error());
  if (Status s = store.value()->remove_partner(org); !s.ok())
    return cli_fail("partner", s.error());
  (void)store.value()->audit("operator", "partner", "", "remove " + org,
                             static_cast<int64_t>(std::time(nullptr)));
  std::printf("partner %s: removed (its requests stay with it)\n", org.c_str());
  return 0;
}

}  // namespace

int run_partner(const std::vector<std::string>& args) {
  std::string db = kDefaultDb;
  std::vector<int> prefs;
  std::vector<std::string> munis;
  std::vector<std::string> words;
  args::Parser parser;
  parser.text("--db", &db)
      .custom("--prefecture",
              [&prefs](const std::string& v) -> Status {
                auto code = prefecture_code(v);
                if (!code.ok())
                  return code.error();
                prefs.push_back(code.value());
                return {};
              })
      .custom("--municipality",
              [&munis](const std::string& v) -> Status {
                munis.push_back(v);
                return {};
              })
      .positional(&words);
  if (const std::optional<int> done = parse_cli("partner", parser, args, kPartnerUsage))
    return *done;
  if (words.empty())
    return usage_error("partner", "missing action (add, list or remove)");
  ensure_parent_dir(db);
  const std::string& action = words.front();
  if (action == "add" && words.size() == 2)
    return partner_add(db, words[1], prefs, munis);
  if (action == "list" && words.size() == 1)
    return partner_list(db);
  if (action == "remove" && words.size() == 2)
    return partner_remove(db, words[1]);
  if (action == "add" || action == "remove")
    return usage_error("partner", action + " needs one ORG_ID");
  return usage_error("partner", "unknown action '" + action + "' (add, list or remove)");
}

int run_audit(const std::vector<std::string>& args) {
  std::string db = kDefaultDb;
  int limit = 200;
  args::Parser parser;
  parser.text("--db", &db).integer("--limit", &limit, 1, 100000);
  if (const std::optional<int> done = parse_cli("audit", parser, args, kAuditUsage))
    return *done;
  ensure_parent_dir(db);
  auto store = bot::FoodStore::open(db);
  if (!store.ok())
    return cli_fail("audit", store.error());
  auto log = store.value()->audit_log(limit);
  if (!log.ok())
    return cli_fail("audit", log.error());
  for (const auto& e : log.value()) {
    std::printf("%s\t%s\t%s\t%s\t%s\n", iso_utc(e.at).c_str(), e.actor.c_str(), e.action.c_str(),
                e.ref.empty() ? "-" : e.ref.c_str(), e.detail.c_str());
  }
  std::printf("%zu entr%s\n", log->size(), log->size() == 1 ? "y" : "ies");
  return 0;
}

int run_report(const std::vector<std::string>& args) {
  std::string db = kDefaultDb;
  std::string month;
  bool show_text = false;
  std::vector<std::string> words;
  args::Parser parser;
  parser.text("--db", &db)
      .custom("--month",
              [&month](const std::string& v) -> Status {
                const bool ok = v.size() == 7 && v[4] == '-' &&
                                args::parse_int(v.substr(0, 4), 2000, 2999) &&
                                args::parse_int(v.substr(5, 2), 1, 12);
                if (!ok)
                  return Error::invalid_argument("--month", "expected YYYY-MM, got '" + v + "'");
                month = v;
                return {};
              })
      .flag("--show-text", &show_text)
      .positional(&words);
  if (const std::optional<int> done = parse_cli("report", parser, args, kReportUsage))
    return *done;
  if (words.size() != 1 || words[0] != "worries")
    return usage_error("report", "expected 'worries'");
  if (show_text && isatty(STDOUT_FILENO) == 0)
    return usage_error("report", "--show-text prints only to a terminal");
  ensure_parent_dir(db);
  auto store = bot::FoodStore::open(db);
  if (!store.ok())
    return cli_fail("report", store.error());
  auto counts = store.value()->worry_counts(month);
  if (!counts.ok())
    return cli_fail("report", counts.error());
  int total = 0;
  for (const auto& c : counts.value()) {
    std::printf("%s\t%s\t%d\n", c.month.c_str(), c.category.c_str(), c.count);
    total += c.count;
  }
  std::printf("%d worr%s\n", total, total == 1 ? "y" : "ies");
  if (show_text) {
    auto texts = store.value()->worry_texts(month);
    if (!texts.ok())
      return cli_fail("report", texts.error());
    for (const auto& t : texts.value())
      std::printf("%s\t%s\t%s\n", t.month.c_str(), t.category.c_str(), t.text.c_str());
  }
  return 0;
}

}  // namespace shirube::webhooks
