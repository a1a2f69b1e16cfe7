// FakeLineApi's rich menu endpoints and the checks of their bodies (tests/support/fake_line_api.h).
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "common/utf8.h"
#include "tests/support/fake_line_api.h"

namespace shirube::testing {
namespace {

using nlohmann::json;

class Checker {
 public:
  std::vector<std::string> problems;

  void add(const std::string& property, const std::string& message) {
    problems.push_back(property + ": " + message);
  }
  // A string of lo..hi characters; `required` when it must be there.
  void text(const json& o, const std::string& key, const std::string& where, std::size_t lo,
            std::size_t hi, bool required) {
    const auto it = o.find(key);
    if (it == o.end()) {
      if (required)
        add(where + key, "must be specified");
      return;
    }
    if (!it->is_string()) {
      add(where + key, "must be a string");
      return;
    }
    const std::size_t n = utf8::code_points(it->get<std::string>());
    if (n < lo || n > hi) {
      add(where + key, "length must be between " + std::to_string(lo) + " and " +
                           std::to_string(hi) + ", got " + std::to_string(n));
    }
  }
  // An integer >= lo, stored in *out.
  bool integer(const json& o, const std::string& key, const std::string& where, long lo,
               long* out) {
    const auto it = o.find(key);
    if (it == o.end()) {
      add(where + key, "must be specified");
      return false;
    }
    if (!it->is_number_integer()) {
      add(where + key, "must be an integer");
      return false;
    }
    *out = it->get<long>();
    if (*out < lo) {
      add(where + key, "must be at least " + std::to_string(lo));
      return false;
    }
    return true;
  }

  void size(const json& s, long* width, long* height) {
    if (!s.is_object()) {
      add("size", "must be an object");
      return;
    }
    const bool ok =
        integer(s, "width", "size.", 1, width) && integer(s, "height", "size.", 1, height);
    if (!ok)
      return;
    if (*width < 800 || *width > 2500)
      add("size.width", "must be between 800 and 2500");
    if (*height < 250)
      add("size.height", "must be at least 250");
    if (*width * 100 < *height * 145)
      add("size", "width / height must be at least 1.45");
  }

  void action(const json& a, const std::string& where) {
    static const std::set<std::string> kRichMenuTypes = {
        "postback", "message", "uri", "datetimepicker", "richmenuswitch", "clipboard"};
    if (!a.is_object()) {
      add(where, "must be an object");
      return;
    }
    const std::string type = a.contains("type") && a.at("type").is_string()
                                 ? a.at("type").get<std::string>()
                                 : std::string();
    if (kRichMenuTypes.count(type) == 0) {
      add(where + ".type", "must be one of the actions a rich menu takes, got '" + type + "'");
      return;
    }
    const std::string w = where + ".";
    text(a, "label", w, 1, 20, false);
    if (type == "postback" || type == "datetimepicker" || type == "richmenuswitch")
      text(a, "data", w, 0, 300, true);
    if (type == "postback") {
      text(a, "displayText", w, 1, 300, false);
      text(a, "text", w, 1, 300, false);
      if (a.contains("displayText") && a.contains("text"))
        add(where, "displayText and text cannot be used together");
      if (const auto io = a.find("inputOption"); io != a.end()) {
        static const std::set<std::string> kOptions = {"closeRichMenu", "openRichMenu",
                                                       "openKeyboard", "openVoice"};
        if (!io->is_string() || kOptions.count(io->get<std::string>()) == 0)
          add(w + "inputOption",
              "must be one of closeRichMenu, openRichMenu, openKeyboard, openVoice");
      }
    }
    if (type == "message")
      text(a, "text", w, 1, 300, true);
    if (type == "uri")
      text(a, "uri", w, 1, 1000, true);
  }

  void area(const json& area, const std::string& where, long width, long height) {
    if (!area.is_object()) {
      add(where, "must be an object");
      return;
    }
    const auto b = area.find("bounds");
    if (b == area.end() || !b->is_object()) {
      add(where + ".bounds", "must be specified");
    } else {
      const std::string w = where + ".bounds.";
      long x = 0, y = 0, bw = 0, bh = 0;
      const bool ok = integer(*b, "x", w, 0, &x) && integer(*b, "y", w, 0, &y) &&
                      integer(*b, "width", w, 1, &bw) && integer(*b, "height", w, 1, &bh);
      if (ok && width > 0 && height > 0 && (x + bw > width || y + bh > height))
        add(where + ".bounds", "must be inside the rich menu's size");
    }
    if (!area.contains("action")) {
      add(where + ".action", "must be specified");
    } else {
      action(area.at("action"), where + ".action");
    }
  }
};

std::string error_body(const std::vector<std::string>& problems) {
  json details = json::array();
  for (const auto& p : problems) {
    const auto colon = p.find(": ");
    details.push_back({{"property", p.substr(0, colon)}, {"message", p.substr(colon + 2)}});
  }
  return json{{"message", "The request body has " + std::to_string(problems.size()) + " error(s)"},
              {"details", details}}
      .dump();
}

std::uint32_t be32(const std::string& b, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t k = 0; k < 4; ++k)
    v = (v << 8) | static_cast<unsigned char>(b[at + k]);
  return v;
}

}  // namespace

std::vector<std::string> check_rich_menu(const std::string& body) {
  const json j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return {"body: must be a JSON object"};
  Checker c;
  long width = 0, height = 0;
  if (!j.contains("size")) {
    c.add("size", "must be specified");
  } else {
    c.size(j.at("size"), &width, &height);
  }
  if (!j.contains("selected") || !j.at("selected").is_boolean())
    c.add("selected", "must be specified as a boolean");
  c.text(j, "name", "", 1, 300, true);
  c.text(j, "chatBarText", "", 1, 14, true);
  const auto areas = j.find("areas");
  if (areas == j.end() || !areas->is_array()) {
    c.add("areas", "must be specified as an array");
  } else if (areas->empty() || areas->size() > 20) {
    c.add("areas", "must hold 1 to 20 areas");
  } else {
    for (std::size_t i = 0; i < areas->size(); ++i)
      c.area(areas->at(i), "areas[" + std::to_string(i) + "]", width, height);
  }
  return c.problems;
}

std::vector<std::string> check_rich_menu_image(const std::string& content_type,
                                               const std::string& bytes, int width, int height) {
  std::vector<std::string> out;
  if (content_type != "image/png" && content_type != "image/jpeg")
    out.push_back("Content-Type: must be image/png or image/jpeg, got '" + content_type + "'");
  if (bytes.size() > 1000 * 1000)
    out.push_back("image: " + std::to_string(bytes.size()) + " bytes (at most 1 MB)");
  if (bytes.size() < 24 || bytes.compare(0, 8, std::string("\x89PNG\r\n\x1a\n", 8)) != 0 ||
      bytes.compare(12, 4, "IHDR") != 0) {
    out.push_back("image: not a PNG");
    return out;
  }
  const auto w = static_cast<long>(be32(bytes, 16));
  const auto h = static_cast<long>(be32(bytes, 20));
  if (w != width || h != height) {
    out.push_back("image: " + std::to_string(w) + "x" + std::to_string(h) +
                  " pixels, the menu's size is " + std::to_string(width) + "x" +
                  std::to_string(height));
  }
  return out;
}

std::vector<std::string> FakeLineApi::rich_menu_ids() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> out;
  for (const auto& m : rich_menus_)
    out.push_back(m.id);
  return out;
}

std::string FakeLineApi::default_rich_menu() const {
  std::lock_guard<std::mutex> lock(mu_);
  return default_rich_menu_;
}

std::string FakeLineApi::rich_menu_body(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& m : rich_menus_) {
    if (m.id == id)
      return m.body;
  }
  return "";
}

std::string FakeLineApi::rich_menu_image(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& m : rich_menus_) {
    if (m.id == id)
      return m.image;
  }
  return "";
}

std::string FakeLineApi::add_rich_menu(const std::string& body) {
  std::lock_guard<std::mutex> lock(mu_);
  std::string id = "richmenu-" + std::to_string(100000 + next_rich_menu_++);
  rich_menus_.push_back({id, body, "(an image)"});
  return id;
}

FakeLineApi::RichMenu* FakeLineApi::find_rich_menu(const std::string& id) {
  for (auto& m : rich_menus_) {
    if (m.id == id)
      return &m;
  }
  return nullptr;
}

void FakeLineApi::handle_rich_menu(const httplib::Request& req, httplib::Response& res) {
  RecordedRequest rec = record(req);
  const std::string id = req.matches.size() > 1 ? req.matches[1].str() : "";
  std::string route = req.path;
  if (!id.empty()) {
    route = req.path.find("/content") != std::string::npos ? "/v2/bot/richmenu/{richMenuId}/content"
            : req.path.find("/user/all/") != std::string::npos
                ? "/v2/bot/user/all/richmenu/{richMenuId}"
                : "DELETE /v2/bot/richmenu/{richMenuId}";
  }
  std::string body;
  std::lock_guard<std::mutex> lock(mu_);
  ScriptedResponse scripted;
  if (take_script(route, scripted)) {
    rec.status = scripted.status;
    body = scripted.body;
  } else {
    answer_rich_menu(route, req, rec, body);
  }
  res.status = rec.status;
  res.set_content(body, "application/json");
  requests_.push_back(std::move(rec));
}

void FakeLineApi::answer_rich_menu(const std::string& route, const httplib::Request& req,
                                   RecordedRequest& rec, std::string& body) {
  const std::string id = req.matches.size() > 1 ? req.matches[1].str() : "";
  RichMenu* menu = id.empty() ? nullptr : find_rich_menu(id);
  rec.status = 200;
  body = "{}";
  if (route == "/v2/bot/richmenu/validate" || route == "/v2/bot/richmenu") {
    rec.limit_problems = check_rich_menu(req.body);
    if (!rec.limit_problems.empty()) {
      rec.status = 400;
      body = error_body(rec.limit_problems);
    } else if (route == "/v2/bot/richmenu") {
      const std::string new_id = "richmenu-" + std::to_string(100000 + next_rich_menu_++);
      rich_menus_.push_back({new_id, req.body, ""});
      body = json{{"richMenuId", new_id}}.dump();
    }
  } else if (route == "/v2/bot/richmenu/list") {
    json menus = json::array();
    for (const auto& m : rich_menus_) {
      json j = json::parse(m.body, nullptr, false);
      j["richMenuId"] = m.id;
      menus.push_back(std::move(j));
    }
    body = json{{"richmenus", menus}}.dump();
  } else if (menu == nullptr) {
    rec.status = 404;
    body = R"({"message":"Not found"})";
  } else if (route == "/v2/bot/richmenu/{richMenuId}/content") {
    const json size = json::parse(menu->body).at("size");
    rec.limit_problems = check_rich_menu_image(
        rec.content_type, req.body, size.at("width").get<int>(), size.at("height").get<int>());
    if (!menu->image.empty()) {
      rec.status = 400;
      body = R"({"message":"An image has already been uploaded to the richmenu"})";
    } else if (!rec.limit_problems.empty()) {
      rec.status = 400;
      body = error_body(rec.limit_problems);
    } else {
      menu->image = req.body;
    }
  } else if (route == "/v2/bot/user/all/richmenu/{richMenuId}") {
    if (menu->image.empty()) {
      rec.status = 400;
      body = R"({"message":"must upload richmenu image before applying it to user"})";
    } else {
      default_rich_menu_ = id;
    }
  } else {  // DELETE
    if (default_rich_menu_ == id)
      default_rich_menu_.clear();
    rich_menus_.erase(rich_menus_.begin() + (menu - rich_menus_.data()));
  }
}

}  // namespace shirube::testing
