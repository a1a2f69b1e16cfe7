#pragma once
// Japanese typed in Latin letters (romaji: "mou shinitai", "kusuri zenbu nonda",
// "kieteshimaitai"), read as hiragana so that the crisis rules, the meaning layer and the
// intent patterns, all written for kana and kanji, read it too.
//
// A message counts as romaji Japanese when it holds no kana, kanji or Hangul and either
// detect_language() gives "ja" (its romaji word list: mou, desu, kedo, dekinai ...) or it finds
// no language and every word is spelled in Japanese syllables (kieteshimaitai, nagurareta);
// English, Portuguese, Indonesian and the other Latin-script languages are left alone.
//
// Why ICU: its "Latin-Hiragana" transliterator (Debian's libicu-dev) implements the Hepburn and
// Kunrei spellings people type (shi/si, tsu/tu, chi/ti, double consonants, long vowels), which
// a hand-written table would only approximate. It is used only here; normalisation stays with
// utf8proc (intents/normalize.h).
// Thread-safety: safe from any thread (each thread transliterates with its own clone).

#include <optional>
#include <string>
#include <string_view>

namespace shirube::intents {

// The message in hiragana when it is romaji Japanese (spaces and punctuation kept); nullopt
// otherwise, and when the transliterator cannot be loaded.
std::optional<std::string> romaji_as_kana(std::string_view text);

// What the readers match: the message itself, and when it is romaji Japanese its hiragana
// reading on a line of its own after it ("mou shinitai\nもうしにたい").
std::string with_kana_reading(std::string_view text);

}  // namespace shirube::intents
