#pragma once
// The support-worker subcommands. `args` excludes the program and subcommand names; each
// returns the exit code (0 ok, 2 bad usage or input, with a one-line reason on stderr).
//   shirube worker add [--db PATH] --org ORG_ID --name NAME   prints the id and the token once
//   shirube worker link [--db PATH] --org ORG_ID              prints a one-time LINE code
//   shirube worker list [--db PATH]                           id, organisation, name, state;
//                                                             then the LINE links (L<id>)
//   shirube worker revoke [--db PATH] ID|L<id>
//   shirube purge [--db PATH] [--older-than 180d]             removes expired referral sheets,
//                                                             closed and cancelled food requests
//                                                             (bot/food_store.h) older than that
// Tokens are never printed except by `add`, and never written anywhere but stdout.

#include <string>
#include <vector>

#include "common/error.h"

namespace shirube::webhooks {

// The name of organisation `id` in the knowledge base at `db` (the bundled data when the
// database is new); kInvalidArgument naming `flag` when there is none.
Result<std::string> organisation_name(const std::string& db, const std::string& id,
                                      const std::string& flag = "--org");

// For the operator subcommands here and in food_cli.cpp: "shirube CMD: <error>" on stderr,
// returns 2; and the database's folder created when missing (a new install).
int cli_fail(const char* cmd, const Error& e);
void ensure_parent_dir(const std::string& db);

int run_worker(const std::vector<std::string>& args);
int run_purge(const std::vector<std::string>& args);

}  // namespace shirube::webhooks
