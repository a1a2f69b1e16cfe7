#pragma once
// `shirube line ...`: the LINE channel's set-up commands (webhooks/rich_menu_cli.h), with the
// access token and API bases from the environment (app/config.h). Returns the exit code; a bad
// variable is exit 2 naming it. Thread-safety: reads the environment; call from main().

#include <string>
#include <vector>

namespace shirube::app {

int run_line(const std::vector<std::string>& args);

}  // namespace shirube::app
