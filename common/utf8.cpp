#include "common/utf8.h"

namespace shirube::utf8 {
namespace {

// Length of the well-formed sequence starting at s[i], or 0 when it is invalid.
std::size_t seq_len(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80)
    return 1;
  std::size_t n = 0;
  char32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) {
    n = 2;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    n = 3;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    n = 4;
    cp = b0 & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size())
    return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80)
      return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  // Reject overlong forms, UTF-16 surrogates and values past U+10FFFF.
  if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000))
    return 0;
  if (cp >= 0xD800 && cp <= 0xDFFF)
    return 0;
  if (cp > 0x10FFFF)
    return 0;
  return n;
}

}  // namespace

std::size_t first_invalid(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = seq_len(s, i);
    if (n == 0)
      return i;
    i += n;
  }
  return std::string_view::npos;
}

bool is_valid(std::string_view s) {
  return first_invalid(s) == std::string_view::npos;
}

std::string sanitize(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = seq_len(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::size_t utf16_length(std::string_view s) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = seq_len(s, i);
    units += (n == 4) ? 2 : 1;
    i += (n == 0) ? 1 : n;
  }
  return units;
}

std::size_t code_points(std::string_view s) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = seq_len(s, i);
    ++count;
    i += (n == 0) ? 1 : n;
  }
  return count;
}

char32_t next_code_point(std::string_view s, std::size_t& i) {
  const std::size_t n = seq_len(s, i);
  if (n == 0) {
    ++i;
    return 0xFFFD;
  }
  // Payload bits of the lead byte, by sequence length.
  constexpr unsigned char kLeadBits[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
  char32_t cp = static_cast<unsigned char>(s[i]) & kLeadBits[n];
  for (std::size_t k = 1; k < n; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += n;
  return cp;
}

bool has_code_point_in(std::string_view s, char32_t first, char32_t last) {
  for (std::size_t i = 0; i < s.size();) {
    const char32_t c = next_code_point(s, i);
    if (c >= first && c <= last)
      return true;
  }
  return false;
}

std::string truncate_utf16(std::string_view s, std::size_t max_units, bool ellipsis) {
  if (utf16_length(s) <= max_units)
    return std::string(s);
  const std::size_t budget = (ellipsis && max_units >= 1) ? max_units - 1 : max_units;
  std::string out;
  std::size_t units = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = seq_len(s, i);
    const std::size_t u = (n == 4) ? 2 : 1;
    if (n == 0)
      n = 1;
    if (units + u > budget)
      break;
    out.append(s.substr(i, n));
    units += u;
    i += n;
  }
  if (ellipsis && max_units >= 1)
    out += "\xE2\x80\xA6";  // "…" is 1 UTF-16 unit
  return out;
}

std::string truncate_bytes(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes)
    return std::string(s);
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t n = seq_len(s, i);
    if (n == 0)
      n = 1;
    if (i + n > max_bytes)
      break;
    i += n;
  }
  return std::string(s.substr(0, i));
}

bool katakana_only(std::string_view s) {
  int katakana = 0;
  for (std::size_t i = 0; i < s.size();) {
    const char32_t c = next_code_point(s, i);
    if ((c >= 0x3041 && c <= 0x309F) || (c >= 0x3400 && c <= 0x9FFF))
      return false;  // hiragana, or a CJK ideograph
    if ((c >= 0x30A1 && c <= 0x30FA) || (c >= 0xFF66 && c <= 0xFF9D))
      ++katakana;
  }
  return katakana >= 3;
}

std::string katakana_to_hiragana(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t c = next_code_point(s, i);
    if (c >= 0x30A1 && c <= 0x30F6) {
      // U+3041..U+3096: three bytes E3 81..82 xx, like the katakana they replace.
      const char32_t h = c - 0x60;
      out.push_back(static_cast<char>(0xE0 | (h >> 12)));
      out.push_back(static_cast<char>(0x80 | ((h >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (h & 0x3F)));
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

}  // namespace shirube::utf8
