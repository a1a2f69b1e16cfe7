#pragma once
// `shirube line rich-menu`: makes the rich menu of webhooks/rich_menu.h every user's default.
// `args` excludes the program, `line` and `rich-menu`; `defaults` come from the environment
// (app/config.h: LINE_CHANNEL_ACCESS_TOKEN, SHIRUBE_LINE_API_BASE, SHIRUBE_LINE_DATA_API_BASE).
//   shirube line rich-menu [--api-base URL] [--data-api-base URL]
//   shirube line rich-menu --dry-run [--image PATH]   prints the request, writes the PNG
//                                                     (default rich-menu.png), calls nothing
// Exit 0 when the new menu is the default and the earlier ones are deleted; 1 when LINE refused
// a step (its message on stderr, the half-made menu deleted) or an earlier menu is left; 2 on
// bad usage or a missing token. The token is never printed.

#include <string>
#include <vector>

#include "webhooks/rich_menu.h"

namespace shirube::webhooks {

int run_line(const std::vector<std::string>& args, const rich_menu::SetupOptions& defaults);

}  // namespace shirube::webhooks
