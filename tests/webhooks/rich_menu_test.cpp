#include "webhooks/rich_menu.h"

#include <memory>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "bot/engine.h"
#include "bot/postback.h"
#include "knowledge/knowledge_base.h"
#include "tests/support/fake_line_api.h"
#include "webhooks/rich_menu_layout.h"

using nlohmann::json;
using namespace shirube;  // NOLINT(google-build-using-namespace)
namespace rm = shirube::webhooks::rich_menu;

TEST_CASE("RichMenu: the request fits LINE's RichMenuRequest schema and its limits", "[line]") {
  const json req = rm::request();
  CHECK(testing::check_rich_menu(req.dump()).empty());
  CHECK(req.at("size").at("width") == 2500);
  CHECK(req.at("size").at("height") == 843);
  CHECK(req.at("selected") == true);
  CHECK(req.at("name") == rm::kName);
  CHECK(req.at("chatBarText") == "相談メニュー");
  REQUIRE(req.at("areas").size() == 3);
  CHECK(req.at("areas").at(0).at("action").at("label") == "いますぐ話したい");
  CHECK(req.at("areas").at(1).at("action").at("label") == "相談先をさがす");
  CHECK(req.at("areas").at(2).at("action").at("label") == "はじめから");
  for (const json& a : req.at("areas"))
    CHECK(a.at("action").at("displayText") == a.at("action").at("label"));
}

TEST_CASE("RichMenu: the areas cover the image once, the crisis area first and biggest", "[line]") {
  long covered = 0;
  for (const auto& a : rm::kAreas) {
    covered += static_cast<long>(a.width) * a.height;
    CHECK(a.x + a.width <= rm::kWidth);
    CHECK(a.y + a.height <= rm::kHeight);
    for (const auto& b : rm::kAreas) {
      if (&a == &b)
        continue;
      const bool apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y ||
                         b.y + b.height <= a.y;
      CHECK(apart);
    }
    CHECK(static_cast<long>(a.width) * a.height <=
          static_cast<long>(rm::kAreas[0].width) * rm::kAreas[0].height);
  }
  CHECK(covered == static_cast<long>(rm::kWidth) * rm::kHeight);
  CHECK(std::string(rm::kAreas[0].data) == "n=crisis");
}

TEST_CASE("RichMenu: the embedded image is a PNG of the menu's size within LINE's limits",
          "[line]") {
  const std::string_view png = bundled_rich_menu_image();
  REQUIRE(png.size() > 24);
  // The header read here by hand: the signature, then IHDR's width and height (big-endian).
  CHECK(png.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8));
  CHECK(png.substr(12, 4) == "IHDR");
  auto be32 = [&](std::size_t at) {
    unsigned long v = 0;
    for (std::size_t k = 0; k < 4; ++k)
      v = (v << 8) | static_cast<unsigned char>(png[at + k]);
    return v;
  };
  CHECK(be32(16) == 2500);
  CHECK(be32(20) == 843);
  CHECK(be32(16) * 100 >= be32(20) * 145);  // width / height >= 1.45
  CHECK(png.size() <= 1000 * 1000);
  const auto size = rm::png_size(png);
  REQUIRE(size);
  CHECK(size->width == rm::kWidth);
  CHECK(size->height == rm::kHeight);
  CHECK(testing::check_rich_menu_image("image/png", std::string(png), rm::kWidth, rm::kHeight)
            .empty());
}

TEST_CASE("RichMenu: png_size refuses bytes that are not a PNG", "[line]") {
  CHECK_FALSE(rm::png_size(""));
  CHECK_FALSE(rm::png_size("GIF89a this is not a png at all........"));
  std::string png(bundled_rich_menu_image());
  png[12] = 'X';  // no IHDR first
  CHECK_FALSE(rm::png_size(png));
}

TEST_CASE("RichMenu: the fake LINE API refuses requests outside the schema", "[line]") {
  auto broken = [](const std::function<void(json&)>& change) {
    json j = rm::request();
    change(j);
    return testing::check_rich_menu(j.dump());
  };
  auto has = [](const std::vector<std::string>& problems, const std::string& property) {
    for (const auto& p : problems) {
      if (p.rfind(property + ":", 0) == 0)
        return true;
    }
    return false;
  };
  CHECK(has(broken([](json& j) { j["size"]["width"] = 700; }), "size.width"));
  CHECK(has(broken([](json& j) { j["size"]["height"] = 2000; }), "size"));
  CHECK(has(broken([](json& j) { j["chatBarText"] = "相談メニューをひらいてください"; }),
            "chatBarText"));
  CHECK(has(broken([](json& j) { j.erase("selected"); }), "selected"));
  CHECK(has(broken([](json& j) { j.erase("name"); }), "name"));
  CHECK(has(broken([](json& j) { j["areas"] = json::array(); }), "areas"));
  CHECK(has(broken([](json& j) { j["areas"][1]["bounds"]["x"] = 2000; }), "areas[1].bounds"));
  CHECK(has(broken([](json& j) { j["areas"][0]["bounds"]["y"] = -1; }), "areas[0].bounds.y"));
  CHECK(has(broken([](json& j) { j["areas"][0]["bounds"]["width"] = "wide"; }),
            "areas[0].bounds.width"));
  CHECK(has(broken([](json& j) { j["areas"][0]["action"]["type"] = "location"; }),
            "areas[0].action.type"));
  CHECK(
      has(broken([](json& j) { j["areas"][0]["action"].erase("data"); }), "areas[0].action.data"));
  CHECK(has(broken([](json& j) { j["areas"][0]["action"]["data"] = std::string(301, 'n'); }),
            "areas[0].action.data"));
  CHECK(has(broken([](json& j) { j["areas"][2]["action"]["label"] = std::string(21, 'a'); }),
            "areas[2].action.label"));
  CHECK(has(broken([](json& j) { j["areas"][2]["action"]["inputOption"] = "openCamera"; }),
            "areas[2].action.inputOption"));
  CHECK(has(broken([](json& j) { j["areas"][2]["action"]["text"] = "x"; }), "areas[2].action"));
  // The image: another size, another type, not a PNG.
  const std::string png(bundled_rich_menu_image());
  CHECK(testing::check_rich_menu_image("image/png", png, 2500, 1686).size() == 1);
  CHECK(testing::check_rich_menu_image("image/gif", png, 2500, 843).size() == 1);
  CHECK(!testing::check_rich_menu_image("image/png", "not a png", 2500, 843).empty());
}

TEST_CASE("RichMenu: each area's postback gets its answer from the engine", "[line]") {
  auto kb = knowledge::KnowledgeBase::open_with_bundled_data(":memory:");
  REQUIRE(kb.ok());
  bot::EngineOptions o;
  o.session_db = ":memory:";
  o.user_key_secret = "test";
  auto engine = bot::Engine::create(**kb, o);
  REQUIRE(engine.ok());
  auto send = [&](const bot::Input& in) {
    auto r = (*engine)->handle("line:Urichmenu", in);
    REQUIRE(r.ok());
    return std::move(r).value();
  };
  auto tap = [&](const std::string& data) {
    REQUIRE(bot::parse_postback(data));
    bot::Input in;
    in.kind = bot::Input::Kind::kPostback;
    in.data = data;
    return send(in);
  };
  auto say = [&](const std::string& text) {
    bot::Input in;
    in.text = text;
    return send(in);
  };
  // From the middle of a conversation (the area question of food), as a person would tap.
  CHECK(say("食べ物がなくて困っています").category == std::optional<std::string>("food"));

  const bot::Reply crisis = tap(rm::kAreas[0].data);
  CHECK(crisis.crisis);
  CHECK(crisis.node == "crisis");
  REQUIRE(crisis.links.size() >= 3);
  CHECK(crisis.links.front().uri.rfind("tel:", 0) == 0);
  CHECK(crisis.texts.front().find("話してくれて、ありがとう") != std::string::npos);

  const bot::Reply menu = tap(rm::kAreas[1].data);
  CHECK(menu.node == "root");
  CHECK_FALSE(menu.crisis);
  REQUIRE(!menu.texts.empty());
  CHECK(menu.texts.front() == "どんなことで困っていますか？");
  REQUIRE(!menu.choices.empty());
  CHECK(menu.choices.front().label == "いま、つらい・死にたい");

  CHECK(say("食べ物がなくて困っています").node != "root");
  const bot::Reply restart = tap(rm::kAreas[2].data);
  CHECK(restart.node == "root");
  CHECK_FALSE(restart.crisis);
  CHECK(restart.texts.back() == "どんなことで困っていますか？");
}
