#pragma once
// The LINE rich menu: the three areas of webhooks/rich_menu_layout.h as a RichMenuRequest, the
// image drawn at build time, and the calls that make it every user's default menu:
//   1. POST /v2/bot/richmenu/validate         the request, checked by LINE
//   2. POST /v2/bot/richmenu                  -> richMenuId
//   3. POST {data}/v2/bot/richmenu/{id}/content  the PNG (image/png), on the data host
//   4. POST /v2/bot/user/all/richmenu/{id}    the default for every user
//   5. GET /v2/bot/richmenu/list, then DELETE /v2/bot/richmenu/{id} for every other menu of
//      this name (the ones an earlier run made)
// A failure in 3 or 4 deletes the menu made in 2, so no half-made menu stays behind; a failure
// in 5 leaves the new menu the default and says which old menus are left.
// The access token goes only into the Authorization header, never into an error or a log.
// Thread-safety: set_up() uses its own connections; the rest are pure functions.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/error.h"

namespace shirube {
// Generated at build time by shirube_rich_menu_image (webhooks/rich_menu_image.cpp): the PNG.
std::string_view bundled_rich_menu_image();
}  // namespace shirube

namespace shirube::webhooks::rich_menu {

// The RichMenuRequest: size, selected (true: open when the chat opens), name, chatBarText and
// one postback area per entry of kAreas (label and displayText = the area's label).
nlohmann::json request();

struct PngSize {
  int width = 0;
  int height = 0;
};
// The dimensions from a PNG's IHDR chunk; nullopt when `bytes` is not a PNG.
std::optional<PngSize> png_size(std::string_view bytes);

struct SetupOptions {
  std::string api_base = "https://api.line.me";
  std::string data_api_base = "https://api-data.line.me";
  std::string access_token;
  int timeout_ms = 10000;
};

struct SetupResult {
  std::string rich_menu_id;          // the new default
  std::vector<std::string> deleted;  // earlier menus of this name, deleted
  // Earlier menus that could not be listed or deleted, with LINE's reason; empty when none.
  std::vector<std::string> left;
};

// Steps 1-5 above with `image` (a PNG of kWidth x kHeight). Error kInvalidArgument for a bad
// base URL or image; kUnavailable with where = the step ("validate", "create", "upload image",
// "set default") and what = LINE's status, message and details, plus whether the half-made
// menu was deleted.
Result<SetupResult> set_up(const SetupOptions& options, std::string_view image);

}  // namespace shirube::webhooks::rich_menu
