#pragma once
// Language of a free-text message, for replies and for measuring the intent matcher per
// language. Codes: ja en zh-Hans zh-Hant ko vi pt es tl ne id (the lang column of the risk
// files), "" when unknown (no letters, or Latin text with none of the lexicon's words).
//
// How it decides:
//   1. script, counting letters: kana and Han count three each (one character is about a
//      word), Hangul syllables three, Devanagari and Latin letters one; the heaviest script
//      wins. Kana -> ja; Hangul -> ko; Devanagari -> ne.
//   2. Han without kana: Japanese-only shinjitai (気 払 働 ...) -> ja; otherwise zh, traditional
//      when characters found only in traditional text (這 說 錢 ...) outnumber those found
//      only in simplified text (这 说 钱 ...), simplified otherwise.
//   3. Latin: each word found in a language's short list of frequent function words (and a
//      few very frequent verbs) scores one for that language; letters only Vietnamese uses
//      (ơ ư đ ă and the tone-marked vowels ạ ả ấ ...) score two for vi, ã õ ç one for pt and
//      ñ ¿ ¡ one for es. The highest score wins; ties go to the earlier of en es pt tl id vi ne
//      ja. Romanised Nepali (malai, cha, chaina, garna) and romanised Japanese (mou, desu,
//      dekinai, kedo) are recognised by their own words.
// A message that mixes languages gets the one that carries most of its letters.
// Thread-safety: a pure function; no allocation (the words are compared in a stack buffer).

#include <string_view>

namespace shirube::intents {

// One of the codes above (a view of a static string), or "" when unknown.
std::string_view detect_language(std::string_view text);

}  // namespace shirube::intents
