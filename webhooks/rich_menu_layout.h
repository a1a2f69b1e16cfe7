#pragma once
// The LINE rich menu of `shirube line rich-menu`: its size, name and three areas, in one place
// for the build tool that draws the image (webhooks/rich_menu_image.cpp) and for the request
// that describes the areas to LINE (webhooks/rich_menu.h), so the picture and the tap targets
// cannot drift apart. The postback data is the conversation's own (bot/postback.h): the engine
// answers a tap like the button of the same name.
//
//   +--------------------------+---------------------+
//   |                          |   相談先をさがす    |   n=root: the root menu
//   |   いますぐ話したい       +---------------------+
//   |   (n=crisis)             |   はじめから        |   nav=top: a restart
//   +--------------------------+---------------------+
//
// LINE's limits (checked by the tests against the API's schema): width 800-2500 px, height
// >= 250 px, width / height >= 1.45, the image <= 1 MB; areas inside the image; chatBarText
// <= 14 characters; an action's label <= 20.
// Thread-safety: constants.

#include <array>

namespace shirube::webhooks::rich_menu {

struct Rgb {
  unsigned char r = 0, g = 0, b = 0;
};

struct Area {
  int x, y, width, height;
  const char* label;     // drawn large, and the action's label and displayText
  const char* sublabel;  // drawn smaller under the label ("" = none)
  const char* data;      // postback data (bot/postback.h)
  Rgb background;
  Rgb text;
};

inline constexpr int kWidth = 2500;
inline constexpr int kHeight = 843;
// The name LINE keeps for the menu (never shown to people): the command finds the menus it made
// before by it, and deletes them once a new one is the default.
inline constexpr const char* kName = "shirube default menu";
// Shown on the bar that opens and closes the menu.
inline constexpr const char* kChatBarText = "相談メニュー";
// Drawn between the areas, in the colour of the page behind them.
inline constexpr int kGap = 12;
inline constexpr Rgb kGapColour = {255, 255, 255};

// The crisis area first and biggest: a strong red with white letters (contrast 5.6:1); the
// others dark blue with white, light grey with near-black (both above 7:1).
inline constexpr std::array<Area, 3> kAreas = {{
    {0,
     0,
     1300,
     kHeight,
     "いますぐ話したい",
     "話を聞いてくれる窓口",
     "n=crisis",
     {0xC6, 0x28, 0x28},
     {0xFF, 0xFF, 0xFF}},
    {1300,
     0,
     1200,
     421,
     "相談先をさがす",
     "困りごとからえらぶ",
     "n=root",
     {0x1F, 0x45, 0x7E},
     {0xFF, 0xFF, 0xFF}},
    {1300,
     421,
     1200,
     kHeight - 421,
     "はじめから",
     "",
     "nav=top",
     {0xEC, 0xEF, 0xF1},
     {0x21, 0x21, 0x21}},
}};

}  // namespace shirube::webhooks::rich_menu
