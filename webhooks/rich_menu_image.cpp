// Build tool: draws the LINE rich menu of webhooks/rich_menu_layout.h (three coloured areas with
// large Japanese labels, FreeType and a Noto Sans CJK font) and writes it as a PNG (libpng) and as
// a C++ source holding the PNG's bytes, which the build compiles into the binary
// (shirube::bundled_rich_menu_image(), webhooks/rich_menu.h).
//
//   shirube_rich_menu_image FONT OUT.png OUT.cpp
//
// Exit 2 on bad arguments, 1 when the font cannot be used, a label does not fit or a file cannot
// be written. Deterministic: the same font gives the same bytes.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <ft2build.h>
#include FT_FREETYPE_H
#include "common/bytes_cpp.h"
#include "common/utf8.h"
#include "webhooks/rich_menu_layout.h"

#include <png.h>

namespace {

namespace rm = shirube::webhooks::rich_menu;

// LINE's limits for a rich menu image (the Messaging API reference).
static_assert(rm::kWidth >= 800 && rm::kWidth <= 2500, "rich menu width: 800 to 2500 px");
static_assert(rm::kHeight >= 250, "rich menu height: at least 250 px");
static_assert(rm::kWidth * 100 >= rm::kHeight * 145, "rich menu width / height: at least 1.45");
constexpr std::size_t kMaxImageBytes = 1000 * 1000;

class Canvas {
 public:
  Canvas(int width, int height, rm::Rgb fill)
      : width_(width),
        height_(height),
        pixels_(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3) {
    this->fill(0, 0, width, height, fill);
  }
  void fill(int x0, int y0, int x1, int y1, rm::Rgb c) {
    for (int y = std::max(0, y0); y < std::min(height_, y1); ++y) {
      for (int x = std::max(0, x0); x < std::min(width_, x1); ++x)
        put(x, y, c, 255);
    }
  }
  // Blends `c` over the pixel with coverage `alpha` (0-255).
  void put(int x, int y, rm::Rgb c, unsigned alpha) {
    if (x < 0 || y < 0 || x >= width_ || y >= height_)
      return;
    unsigned char* p = &pixels_[index(x, y)];
    const unsigned char src[3] = {c.r, c.g, c.b};
    for (int k = 0; k < 3; ++k)
      p[k] = static_cast<unsigned char>((src[k] * alpha + p[k] * (255 - alpha) + 127) / 255);
  }
  const unsigned char* row(int y) const { return &pixels_[index(0, y)]; }
  int width() const { return width_; }
  int height() const { return height_; }

 private:
  std::size_t index(int x, int y) const {
    return (static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) +
            static_cast<std::size_t>(x)) *
           3;
  }
  int width_;
  int height_;
  std::vector<unsigned char> pixels_;
};

class Font {
 public:
  explicit Font(const std::string& path) {
    ok_ = FT_Init_FreeType(&lib_) == 0 && FT_New_Face(lib_, path.c_str(), 0, &face_) == 0;
  }
  ~Font() {
    if (face_ != nullptr)
      FT_Done_Face(face_);
    if (lib_ != nullptr)
      FT_Done_FreeType(lib_);
  }
  Font(const Font&) = delete;
  Font& operator=(const Font&) = delete;
  bool ok() const { return ok_; }

  // The width of `text` at `px`, or -1 when a character has no glyph in the font.
  int measure(const std::string& text, int px) { return draw(nullptr, text, px, 0, 0, {}); }

  // Draws `text` with its baseline at y, starting at x (onto `canvas` when not null). Returns the
  // advance width, or -1 when a character has no glyph.
  int draw(Canvas* canvas, const std::string& text, int px, int x, int y, rm::Rgb colour) {
    if (FT_Set_Pixel_Sizes(face_, 0, static_cast<FT_UInt>(px)) != 0)
      return -1;
    int pen = 0;
    std::size_t i = 0;
    while (i < text.size()) {
      const char32_t cp = shirube::utf8::next_code_point(text, i);
      if (FT_Get_Char_Index(face_, cp) == 0 ||
          FT_Load_Char(face_, cp, FT_LOAD_RENDER | FT_LOAD_TARGET_NORMAL) != 0)
        return -1;
      const FT_GlyphSlot g = face_->glyph;
      if (canvas != nullptr) {
        for (unsigned r = 0; r < g->bitmap.rows; ++r) {
          for (unsigned c = 0; c < g->bitmap.width; ++c) {
            const unsigned char a =
                g->bitmap.buffer[r * static_cast<unsigned>(g->bitmap.pitch) + c];
            if (a != 0) {
              canvas->put(x + pen + g->bitmap_left + static_cast<int>(c),
                          y - g->bitmap_top + static_cast<int>(r), colour, a);
            }
          }
        }
      }
      pen += static_cast<int>(g->advance.x >> 6);
    }
    return pen;
  }

  // Ascent and descent (positive) of the face at the last size set.
  int ascent() const { return static_cast<int>(face_->size->metrics.ascender >> 6); }
  int descent() const { return static_cast<int>(-(face_->size->metrics.descender >> 6)); }

 private:
  FT_Library lib_ = nullptr;
  FT_Face face_ = nullptr;
  bool ok_ = false;
};

// The largest size up to `px` at which `text` fits in `room` pixels; 0 when none from 24 up.
int fitting_size(Font& font, const std::string& text, int px, int room) {
  for (; px >= 24; px -= 4) {
    const int w = font.measure(text, px);
    if (w < 0)
      return 0;
    if (w <= room)
      return px;
  }
  return 0;
}

// One area: its colour with a gap on the sides it shares with another area, the label centred
// and the sublabel under it. False when a label cannot be drawn.
bool draw_area(Canvas& canvas, Font& font, const rm::Area& a) {
  const int half = rm::kGap / 2;
  const int x0 = a.x == 0 ? 0 : a.x + half;
  const int y0 = a.y == 0 ? 0 : a.y + half;
  const int x1 = a.x + a.width == rm::kWidth ? rm::kWidth : a.x + a.width - half;
  const int y1 = a.y + a.height == rm::kHeight ? rm::kHeight : a.y + a.height - half;
  canvas.fill(x0, y0, x1, y1, a.background);

  const int room = (x1 - x0) * 86 / 100;
  const int label_px = fitting_size(font, a.label, std::min(170, (y1 - y0) * 32 / 100), room);
  const bool has_sub = a.sublabel[0] != '\0';
  const int sub_px = has_sub ? fitting_size(font, a.sublabel, label_px * 50 / 100, room) : 0;
  if (label_px == 0 || (has_sub && sub_px == 0))
    return false;
  font.measure(a.label, label_px);
  const int label_h = font.ascent() + font.descent();
  const int label_asc = font.ascent();
  int sub_h = 0;
  int sub_asc = 0;
  if (has_sub) {
    font.measure(a.sublabel, sub_px);
    sub_h = font.ascent() + font.descent();
    sub_asc = font.ascent();
  }
  const int spacing = has_sub ? label_px / 5 : 0;
  const int top = y0 + ((y1 - y0) - (label_h + spacing + sub_h)) / 2;
  const int label_w = font.measure(a.label, label_px);
  font.draw(&canvas, a.label, label_px, x0 + ((x1 - x0) - label_w) / 2, top + label_asc, a.text);
  if (has_sub) {
    const int sub_w = font.measure(a.sublabel, sub_px);
    font.draw(&canvas, a.sublabel, sub_px, x0 + ((x1 - x0) - sub_w) / 2,
              top + label_h + spacing + sub_asc, a.text);
  }
  return true;
}

void append_png(png_structp png, png_bytep data, png_size_t length) {
  auto* out = static_cast<std::string*>(png_get_io_ptr(png));
  out->append(reinterpret_cast<const char*>(data), length);
}

// The canvas as an 8-bit RGB PNG; "" when libpng fails.
std::string encode_png(const Canvas& canvas) {
  std::string out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png != nullptr ? png_create_info_struct(png) : nullptr;
  if (png == nullptr || info == nullptr) {
    png_destroy_write_struct(&png, &info);
    return "";
  }
  if (setjmp(png_jmpbuf(png)) != 0) {  // NOLINT(cert-err52-cpp): libpng reports errors by longjmp
    png_destroy_write_struct(&png, &info);
    return "";
  }
  png_set_write_fn(png, &out, append_png, nullptr);
  png_set_IHDR(png, info, static_cast<png_uint_32>(canvas.width()),
               static_cast<png_uint_32>(canvas.height()), 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_compression_level(png, 9);
  png_write_info(png, info);
  for (int y = 0; y < canvas.height(); ++y)
    png_write_row(png, canvas.row(y));
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: shirube_rich_menu_image FONT OUT.png OUT.cpp\n";
    return 2;
  }
  Font font(argv[1]);
  if (!font.ok()) {
    std::cerr << argv[1] << ": not a font FreeType can open\n";
    return 1;
  }
  Canvas canvas(rm::kWidth, rm::kHeight, rm::kGapColour);
  for (const rm::Area& a : rm::kAreas) {
    if (!draw_area(canvas, font, a)) {
      std::cerr << argv[1] << ": cannot draw the label '" << a.label << "' in its area\n";
      return 1;
    }
  }
  const std::string png = encode_png(canvas);
  if (png.empty() || png.size() > kMaxImageBytes) {
    std::cerr << "rich menu image: " << png.size() << " bytes (LINE takes 1 to " << kMaxImageBytes
              << ")\n";
    return 1;
  }
  std::ofstream file(argv[2], std::ios::binary | std::ios::trunc);
  file.write(png.data(), static_cast<std::streamsize>(png.size()));
  if (!file.good() ||
      !shirube::write_bytes_cpp(argv[3], "bundled_rich_menu_image", png,
                                "shirube_rich_menu_image (webhooks/rich_menu_image.cpp)")) {
    std::cerr << argv[2] << ": cannot write\n";
    return 1;
  }
  std::cout << "rich menu image: " << rm::kWidth << "x" << rm::kHeight << ", " << png.size()
            << " bytes\n";
  return 0;
}
