#include "intents/romaji.h"

#include <memory>
#include <string>

#include <re2/re2.h>

#include "common/utf8.h"
#include "intents/language.h"
#include "intents/normalize.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

namespace shirube::intents {
namespace {

// Kana, CJK ideographs (U+3000..U+9FFF) or Hangul (up to U+D7FF): not Latin letters alone.
bool has_non_latin_script(std::string_view s) {
  return utf8::has_code_point_in(s, U'\u3000', U'\uD7FF');
}

// One transliterator, loaded once; each thread uses its own clone (ICU's transliterate()
// keeps no state, but a clone per thread needs no reasoning about it).
const icu::Transliterator* prototype() {
  static const std::unique_ptr<icu::Transliterator> kPrototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("Latin-Hiragana", UTRANS_FORWARD, status));
    if (U_FAILURE(status))
      t.reset();
    return t;
  }();
  return kPrototype.get();
}

// Every word spelled as Japanese syllables can be (kie-te-shi-ma-i-ta-i, na-gu-ra-re-ta): a
// vowel after at most one consonant or digraph (a double consonant first for っ), or n. English
// words mostly fail it (want, die is the exception that the language check catches).
bool all_romaji_words(std::string_view text) {
  static const RE2 kWord(
      "(?:(?:kk|ss|tt|pp|gg|dd|bb|cc|tc)?(?:ky|gy|sh|ch|ts|ny|hy|by|py|my|ry|[kgsztdnhbpmyrwfj])?"
      "[aiueo]|n)+");
  static const RE2 kLaugh("w{2,}");
  const std::string spaced = normalize_keep_spaces(text);
  int words = 0;
  std::size_t start = 0;
  while (start < spaced.size()) {
    std::size_t end = spaced.find(' ', start);
    if (end == std::string::npos)
      end = spaced.size();
    const re2::StringPiece word(spaced.data() + start, end - start);
    if (RE2::FullMatch(word, kLaugh)) {
      start = end + 1;
      continue;
    }
    if (!RE2::FullMatch(word, kWord))
      return false;
    ++words;
    start = end + 1;
  }
  return words > 0;
}

}  // namespace

std::optional<std::string> romaji_as_kana(std::string_view text) {
  if (text.empty() || has_non_latin_script(text))
    return std::nullopt;
  const std::string_view lang = detect_language(text);
  // Romaji Japanese by its words (mou, desu, kedo), or a message whose every word is Japanese
  // syllables (kieteshimaitai, kare ni nagurareta — "ni" alone looks Tagalog to the lexicon).
  // English is left alone even then ("no idea").
  if (lang != "ja" && (lang == "en" || !all_romaji_words(text)))
    return std::nullopt;
  const icu::Transliterator* proto = prototype();
  if (proto == nullptr)
    return std::nullopt;
  thread_local std::unique_ptr<icu::Transliterator> own(proto->clone());
  if (!own)
    return std::nullopt;
  // Laughter typed as www stays laughter (笑) for the meaning layer, not syllables.
  std::string input(text);
  static const RE2 kLaughter("(?i)\\bw{2,}\\b");
  RE2::GlobalReplace(&input, kLaughter, "笑");
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(input.data(), static_cast<int32_t>(input.size())));
  u.toLower();
  own->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string with_kana_reading(std::string_view text) {
  std::string out(text);
  if (const auto kana = romaji_as_kana(text)) {
    out += '\n';
    out += *kana;
  }
  return out;
}

}  // namespace shirube::intents
