#pragma once
// The food-support subcommands (docs/food-requests.md). `args` excludes the program and
// subcommand names; each returns the exit code (0 ok, 2 bad usage or input).
//   shirube partner add [--db PATH] ORG_ID --prefecture 19 [--prefecture 40 …]
//                       [--municipality 北九州市 …]
//   shirube partner list [--db PATH]
//   shirube partner remove [--db PATH] ORG_ID
//   shirube audit [--db PATH] [--limit N]          who read or changed which request, when
//   shirube report worries [--db PATH] [--month YYYY-MM] [--show-text]
// No contact data is ever printed; --show-text prints the scrubbed worries, and only to a
// terminal.

#include <string>
#include <vector>

namespace shirube::webhooks {

int run_partner(const std::vector<std::string>& args);
int run_audit(const std::vector<std::string>& args);
int run_report(const std::vector<std::string>& args);

}  // namespace shirube::webhooks
