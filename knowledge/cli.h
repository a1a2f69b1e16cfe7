#pragma once
// The knowledge-base subcommands. `args` excludes the program and subcommand names.
// Each returns the process exit code (0 ok, 1 problems found (check), 2 bad usage/input).

#include <optional>
#include <string>
#include <vector>

namespace shirube::args {
class Parser;
}

namespace shirube::knowledge {

int run_import(const std::vector<std::string>& args);
int run_export(const std::vector<std::string>& args);
int run_search(const std::vector<std::string>& args);
int run_check(const std::vector<std::string>& args);

// Shared by the subcommands of other folders: "shirube <cmd>: <reason> (try 'shirube <cmd>
// --help')" on stderr, exit code 2.
int usage_error(const char* cmd, const std::string& reason);
// Parses a subcommand's arguments: nullopt to go on, else its exit code (2 after bad usage,
// with the one-line reason; 0 after printing `usage` for --help).
std::optional<int> parse_cli(const char* cmd, args::Parser& parser,
                             const std::vector<std::string>& args, const char* usage);

}  // namespace shirube::knowledge
