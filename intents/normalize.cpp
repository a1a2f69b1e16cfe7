#include "intents/normalize.h"

#include <cstdint>
#include <vector>

#include <utf8proc.h>

#include "common/utf8.h"

namespace shirube::intents {
namespace {

// NFKC + case folding, as utf8proc_NFKC_Casefold, minus the allocation it does per call.
constexpr auto kOptions =
    static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                   UTF8PROC_CASEFOLD | UTF8PROC_IGNORE | UTF8PROC_STRIPNA);

constexpr utf8proc_int32_t kKatakanaFirst = 0x30A1;            // ァ
constexpr utf8proc_int32_t kKatakanaLast = 0x30F6;             // ヶ
constexpr utf8proc_int32_t kKanaOffset = 0x60;                 // ア (30A2) - あ (3042)
constexpr utf8proc_int32_t kKatakanaIteration = 0x30FD;        // ヽ
constexpr utf8proc_int32_t kKatakanaVoicedIteration = 0x30FE;  // ヾ

struct Scratch {
  std::string valid;                     // input with invalid bytes replaced (rare)
  std::vector<utf8proc_int32_t> points;  // decomposed, then composed code points
};

// The scratch buffers live per thread and keep their capacity: normalize() runs on every
// message (crisis check first), so the steady state allocates only the returned string.
Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

// Fills scratch().points with the NFKC-casefolded code points of `text`; returns the count.
std::size_t fold(std::string_view text) {
  Scratch& s = scratch();
  // Invalid bytes become U+FFFD, a symbol, which keep() below removes.
  if (!utf8::is_valid(text)) {
    s.valid = utf8::sanitize(text);
    text = s.valid;
  }
  if (text.empty())
    return 0;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const auto len = static_cast<utf8proc_ssize_t>(text.size());
  if (s.points.size() < text.size() + 16)
    s.points.resize(text.size() + 16);
  utf8proc_ssize_t count = 0;
  for (;;) {
    count = utf8proc_decompose_custom(bytes, len, s.points.data(),
                                      static_cast<utf8proc_ssize_t>(s.points.size()), kOptions,
                                      nullptr, nullptr);
    if (count < 0)
      break;  // not expected on valid UTF-8; see below
    if (static_cast<std::size_t>(count) <= s.points.size())
      break;
    s.points.resize(static_cast<std::size_t>(count));
  }
  if (count >= 0)
    count = utf8proc_normalize_utf32(s.points.data(), count, kOptions);
  if (count >= 0)
    return static_cast<std::size_t>(count);
  // utf8proc refused the text: keep the code points as they are rather than lose the
  // message (the crisis check must still see it).
  std::size_t n = 0;
  for (utf8proc_ssize_t i = 0; i < len;) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t step = utf8proc_iterate(bytes + i, len - i, &cp);
    if (step <= 0)
      break;
    s.points[n++] = cp;
    i += step;
  }
  return n;
}

utf8proc_int32_t to_hiragana(utf8proc_int32_t cp) {
  if (cp >= kKatakanaFirst && cp <= kKatakanaLast)
    return cp - kKanaOffset;
  if (cp == kKatakanaIteration || cp == kKatakanaVoicedIteration)
    return cp - kKanaOffset;
  return cp;
}

bool keep(utf8proc_int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

bool is_apostrophe(utf8proc_int32_t cp) {
  return cp == 0x27 || cp == 0x2019;
}

void append(std::string& out, utf8proc_int32_t cp) {
  utf8proc_uint8_t buf[4];
  const utf8proc_ssize_t n = utf8proc_encode_char(cp, buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

std::string run(std::string_view text, bool keep_spaces) {
  const std::size_t n = fold(text);
  const auto& points = scratch().points;
  std::string out;
  out.reserve(n * 3);
  bool pending_space = false;
  for (std::size_t i = 0; i < n; ++i) {
    const utf8proc_int32_t cp = to_hiragana(points[i]);
    if (keep(cp)) {
      if (pending_space)
        out.push_back(' ');
      pending_space = false;
      append(out, cp);
    } else if (keep_spaces && !out.empty() && !is_apostrophe(cp)) {
      pending_space = true;
    }
  }
  return out;
}

}  // namespace

std::string normalize(std::string_view text) {
  return run(text, false);
}

std::string normalize_keep_spaces(std::string_view text) {
  return run(text, true);
}

bool has_ascii_letter(std::string_view normalized) {
  for (char c : normalized) {
    if (c >= 'a' && c <= 'z')
      return true;
  }
  return false;
}

}  // namespace shirube::intents
