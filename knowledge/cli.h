#pragma once
// The knowledge-base subcommands. `args` excludes the program and subcommand names.
// Each returns the process exit code (0 ok, 1 problems found (check), 2 bad usage/input).

#include <string>
#include <vector>

namespace shirube::knowledge {

int run_import(const std::vector<std::string>& args);
int run_export(const std::vector<std::string>& args);
int run_search(const std::vector<std::string>& args);
int run_check(const std::vector<std::string>& args);

}  // namespace shirube::knowledge
