// shirube: the one executable. Thin: picks the subcommand and hands over its arguments.
// Every subcommand exits 0 on success, 1 when it ran but found problems (check), and 2 on bad
// usage or bad input, with a one-line reason on stderr.

#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "bot/chat_cli.h"
#include "intents/eval_cli.h"
#include "knowledge/cli.h"
#include "webhooks/food_cli.h"
#include "webhooks/worker_cli.h"

#include "app/backup.h"
#include "app/line_cli.h"
#include "app/serve.h"

namespace {

constexpr const char* kUsage =
    "usage: shirube <command> [options]\n"
    "\n"
    "commands:\n"
    "  serve    run the LINE webhook, the chat API and the web chat (127.0.0.1:8080)\n"
    "  chat     talk to the bot in this terminal\n"
    "  import   load the bundled data, TSV files or an HSDS-style CSV directory\n"
    "  export   write the directory as HSDS-style CSV files\n"
    "  search   look up services by category, area and text\n"
    "  check    report missing fields, bad numbers and links, stale records\n"
    "  eval     score the intent matcher and crisis detector on a labelled TSV file\n"
    "  worker   add, list or revoke support-worker accounts (API tokens)\n"
    "  purge    remove expired referral sheets and old closed food-support requests\n"
    "  backup   copy the database and the LINE inbox while serve runs\n"
    "  partner  add, list or remove partners that receive food-support applications\n"
    "  audit    print who read or changed food-support requests\n"
    "  report   count the worries written in food-support applications\n"
    "  line     set up the LINE channel: 'line rich-menu' makes the default rich menu\n"
    "\n"
    "Run 'shirube <command> --help' for the options of one command.\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const std::string cmd = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  try {
    if (cmd == "serve")
      return shirube::app::run_serve(args);
    if (cmd == "chat")
      return shirube::bot::run_chat(args);
    if (cmd == "import")
      return shirube::knowledge::run_import(args);
    if (cmd == "export")
      return shirube::knowledge::run_export(args);
    if (cmd == "search")
      return shirube::knowledge::run_search(args);
    if (cmd == "check")
      return shirube::knowledge::run_check(args);
    if (cmd == "worker")
      return shirube::webhooks::run_worker(args);
    if (cmd == "purge")
      return shirube::webhooks::run_purge(args);
    if (cmd == "backup")
      return shirube::app::run_backup(args);
    if (cmd == "partner")
      return shirube::webhooks::run_partner(args);
    if (cmd == "audit")
      return shirube::webhooks::run_audit(args);
    if (cmd == "report")
      return shirube::webhooks::run_report(args);
    if (cmd == "line")
      return shirube::app::run_line(args);
    if (cmd == "eval")
      return shirube::intents::run_eval(args);
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
  } catch (const std::exception& e) {
    // Backstop: our code returns errors as values; this catches what a dependency throws.
    std::fprintf(stderr, "shirube %s: internal error: %s\n", cmd.c_str(), e.what());
    return 3;
  }
  std::fprintf(stderr, "shirube: unknown command '%s' (try 'shirube --help')\n", cmd.c_str());
  return 2;
}
