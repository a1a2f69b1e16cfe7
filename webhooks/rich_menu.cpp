#include "webhooks/rich_menu.h"

#include "webhooks/line_api.h"
#include "webhooks/rich_menu_layout.h"

namespace shirube::webhooks::rich_menu {
namespace {

using nlohmann::json;

bool http_url(const std::string& url) {
  return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
}

// "400 The request body has 1 error(s) (size.width: ...)", or the transport error.
std::string describe(const line::ApiResponse& r) {
  if (r.status == 0)
    return "no answer from LINE (" + r.error + ")";
  std::string s = std::to_string(r.status);
  if (!r.message.empty())
    s += " " + r.message;
  if (!r.details.empty())
    s += " (" + r.details + ")";
  return s;
}

Error step_failed(const std::string& step, const line::ApiResponse& r, const std::string& after) {
  return Error::unavailable(step, describe(r) + after);
}

// Deletes the menu `id` made by this run after a later step failed; what to add to the error.
std::string undo(line::LineApiClient& api, const std::string& id) {
  const line::ApiResponse r = api.remove("/v2/bot/richmenu/" + id);
  if (r.ok())
    return "; the new menu " + id + " was deleted again";
  return "; the new menu " + id + " could not be deleted (" + describe(r) +
         "): delete it in the LINE Official Account Manager";
}

// Every menu named kName except `keep`, deleted; the ones that could not be, in out.left.
void delete_earlier(line::LineApiClient& api, const std::string& keep, SetupResult& out) {
  const line::ApiResponse listed = api.get("/v2/bot/richmenu/list");
  const json j = listed.ok() ? json::parse(listed.body, nullptr, false) : json();
  if (!j.is_object() || !j.contains("richmenus") || !j.at("richmenus").is_array()) {
    out.left.push_back("the list of menus: " +
                       (listed.ok() ? std::string("not understood") : describe(listed)));
    return;
  }
  for (const json& m : j.at("richmenus")) {
    if (!m.is_object() || m.value("name", "") != kName || !m.contains("richMenuId") ||
        !m.at("richMenuId").is_string())
      continue;
    const std::string id = m.at("richMenuId").get<std::string>();
    if (id == keep)
      continue;
    const line::ApiResponse r = api.remove("/v2/bot/richmenu/" + id);
    if (r.ok()) {
      out.deleted.push_back(id);
    } else {
      out.left.push_back(id + ": " + describe(r));
    }
  }
}

}  // namespace

json request() {
  json areas = json::array();
  for (const Area& a : kAreas) {
    areas.push_back(
        {{"bounds", {{"x", a.x}, {"y", a.y}, {"width", a.width}, {"height", a.height}}},
         {"action",
          {{"type", "postback"}, {"label", a.label}, {"data", a.data}, {"displayText", a.label}}}});
  }
  return {{"size", {{"width", kWidth}, {"height", kHeight}}},
          {"selected", true},
          {"name", kName},
          {"chatBarText", kChatBarText},
          {"areas", std::move(areas)}};
}

std::optional<PngSize> png_size(std::string_view bytes) {
  static constexpr std::string_view kSignature("\x89PNG\r\n\x1a\n", 8);
  // Signature, the IHDR chunk's length (13) and type, then width and height (big-endian).
  if (bytes.size() < 24 || bytes.substr(0, 8) != kSignature || bytes.substr(12, 4) != "IHDR")
    return std::nullopt;
  auto u32 = [&](std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < 4; ++k)
      v = (v << 8) | static_cast<unsigned char>(bytes[at + k]);
    return v;
  };
  if (u32(16) == 0 || u32(20) == 0 || u32(16) > 1u << 30 || u32(20) > 1u << 30)
    return std::nullopt;
  return PngSize{static_cast<int>(u32(16)), static_cast<int>(u32(20))};
}

Result<SetupResult> set_up(const SetupOptions& options, std::string_view image) {
  if (!http_url(options.api_base))
    return Error::invalid_argument("--api-base", "expected an http:// or https:// URL");
  if (!http_url(options.data_api_base))
    return Error::invalid_argument("--data-api-base", "expected an http:// or https:// URL");
  const auto size = png_size(image);
  if (!size || size->width != kWidth || size->height != kHeight)
    return Error::invalid_argument("image", "not a PNG of " + std::to_string(kWidth) + "x" +
                                                std::to_string(kHeight) + " pixels");
  line::LineApiClient api(options.api_base, options.access_token, options.timeout_ms);
  line::LineApiClient data(options.data_api_base, options.access_token, options.timeout_ms);
  const std::string body = request().dump();

  if (auto r = api.post_json("/v2/bot/richmenu/validate", body); !r.ok())
    return step_failed("validate", r, "");
  const line::ApiResponse created = api.post_json("/v2/bot/richmenu", body);
  if (!created.ok())
    return step_failed("create", created, "");
  const json id_json = json::parse(created.body, nullptr, false);
  if (!id_json.is_object() || !id_json.contains("richMenuId") ||
      !id_json.at("richMenuId").is_string() || id_json.at("richMenuId").get<std::string>().empty())
    return Error::unavailable("create", "LINE's answer has no richMenuId");
  SetupResult out;
  out.rich_menu_id = id_json.at("richMenuId").get<std::string>();
  const std::string& id = out.rich_menu_id;

  if (auto r =
          data.post_bytes("/v2/bot/richmenu/" + id + "/content", std::string(image), "image/png");
      !r.ok())
    return step_failed("upload image", r, undo(api, id));
  if (auto r = api.post_json("/v2/bot/user/all/richmenu/" + id, ""); !r.ok())
    return step_failed("set default", r, undo(api, id));
  delete_earlier(api, id, out);
  return out;
}

}  // namespace shirube::webhooks::rich_menu
