#include "webhooks/rich_menu_cli.h"

#include <cstdio>
#include <fstream>

#include "common/args.h"
#include "webhooks/rich_menu_layout.h"

namespace shirube::webhooks {
namespace {

constexpr const char* kUsage =
    "usage: shirube line rich-menu [--api-base URL] [--data-api-base URL]\n"
    "       shirube line rich-menu --dry-run [--image PATH]\n"
    "\n"
    "Makes shirube's rich menu (いますぐ話したい / 相談先をさがす / はじめから) the default menu\n"
    "of every user of the channel and deletes the menus an earlier run made. The channel access\n"
    "token is read from LINE_CHANNEL_ACCESS_TOKEN.\n"
    "\n"
    "  --api-base URL       the Messaging API (default $SHIRUBE_LINE_API_BASE or\n"
    "                       https://api.line.me)\n"
    "  --data-api-base URL  where the image goes (default $SHIRUBE_LINE_DATA_API_BASE or\n"
    "                       https://api-data.line.me)\n"
    "  --dry-run            print the menu's JSON and write its image; call nothing\n"
    "  --image PATH         with --dry-run: the PNG's path (default rich-menu.png)\n";

int fail(const std::string& message) {
  std::fprintf(stderr, "shirube line rich-menu: %s\n", message.c_str());
  return 2;
}

int dry_run(const std::string& image_path) {
  const std::string_view png = bundled_rich_menu_image();
  std::ofstream out(image_path, std::ios::binary | std::ios::trunc);
  out.write(png.data(), static_cast<std::streamsize>(png.size()));
  out.close();
  if (!out.good())
    return fail(image_path + ": cannot write");
  std::printf("%s\n", rich_menu::request().dump(2).c_str());
  std::fprintf(stderr, "image: %s (%dx%d, %zu bytes)\n", image_path.c_str(), rich_menu::kWidth,
               rich_menu::kHeight, png.size());
  return 0;
}

int rich_menu_command(const std::vector<std::string>& args,
                      const rich_menu::SetupOptions& defaults) {
  rich_menu::SetupOptions options = defaults;
  bool dry = false;
  std::string image_path = "rich-menu.png";
  args::Parser parser;
  parser.text("--api-base", &options.api_base)
      .text("--data-api-base", &options.data_api_base)
      .flag("--dry-run", &dry)
      .text("--image", &image_path);
  if (Status s = parser.parse(args); !s.ok())
    return fail(s.error().message() + " (try 'shirube line rich-menu --help')");
  if (parser.help()) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (dry)
    return dry_run(image_path);
  if (options.access_token.empty())
    return fail("LINE_CHANNEL_ACCESS_TOKEN is not set (the channel access token)");
  auto result = rich_menu::set_up(options, bundled_rich_menu_image());
  if (!result.ok()) {
    std::fprintf(stderr, "shirube line rich-menu: %s\n", result.error().message().c_str());
    return result.error().code() == ErrorCode::kInvalidArgument ? 2 : 1;
  }
  std::printf("rich menu %s is the default for every user\n", result->rich_menu_id.c_str());
  for (const auto& id : result->deleted)
    std::printf("deleted the earlier menu %s\n", id.c_str());
  for (const auto& left : result->left)
    std::fprintf(stderr, "shirube line rich-menu: an earlier menu is left: %s\n", left.c_str());
  return result->left.empty() ? 0 : 1;
}

}  // namespace

int run_line(const std::vector<std::string>& args, const rich_menu::SetupOptions& defaults) {
  if (!args.empty() && args[0] == "rich-menu")
    return rich_menu_command({args.begin() + 1, args.end()}, defaults);
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  return fail("expected 'shirube line rich-menu' (try 'shirube line rich-menu --help')");
}

}  // namespace shirube::webhooks
