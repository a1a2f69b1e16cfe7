#include "app/line_cli.h"

#include <cstdio>

#include "webhooks/rich_menu_cli.h"

#include "app/config.h"

namespace shirube::app {

int run_line(const std::vector<std::string>& args) {
  auto config = Config::from_environment();
  if (!config.ok()) {
    std::fprintf(stderr, "shirube line: %s\n", config.error().message().c_str());
    return 2;
  }
  webhooks::rich_menu::SetupOptions defaults;
  defaults.access_token = config->line_access_token;
  defaults.api_base = config->line_api_base;
  defaults.data_api_base = config->line_data_api_base;
  defaults.timeout_ms = config->line_api_timeout_ms;
  return webhooks::run_line(args, defaults);
}

}  // namespace shirube::app
