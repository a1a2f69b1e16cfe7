#pragma once
// Text normalisation for matching (never for display): NFKC + case folding (utf8proc),
// katakana -> hiragana, full/half width folded (NFKC), and spaces, punctuation, symbols and
// emoji removed. "ｼﾆﾀｲ" / "シニタイ" / "し に た い" all become "しにたい"; "ＤＶ　相談" becomes
// "dv相談". Invalid UTF-8 bytes are dropped (in the keep-spaces form they break words).
//
// Why utf8proc and not ICU: utf8proc is a small C library that does exactly NFKC + case
// folding (utf8proc_NFKC_Casefold semantics) and gives the Unicode general category of each
// code point (utf8proc_category), which is all that punctuation/symbol/emoji removal needs.
// ICU would bring ~30 MB of data for the same result.
//
// Rules, in order:
//   1. invalid UTF-8 sequences become U+FFFD, which step 4 removes;
//   2. NFKC + case folding, default-ignorable code points (ZWJ, variation selectors) and
//      unassigned code points removed;
//   3. katakana U+30A1..U+30F6 -> hiragana (-0x60, so ヴ -> ゔ), ヽヾ -> ゝゞ; the long vowel
//      mark ー is kept because it carries meaning (ケアリーバー -> けありーばー);
//   4. letters (L*), numbers (N*) and non-enclosing combining marks (Mn, Mc) are kept;
//      separators (Z*), punctuation (P*), symbols and emoji (S*), enclosing marks (Me) and
//      control/format characters (C*) are removed.
// Thread-safety: pure functions (they use a thread-local scratch buffer to avoid allocating
// on every call).

#include <string>
#include <string_view>

namespace shirube::intents {

std::string normalize(std::string_view text);

// Like normalize() but keeps single spaces between words (for English, e.g. "want to die"):
// every run of removed characters (spaces, punctuation, emoji, ...) becomes one space, except
// apostrophes, which are dropped ("don't" -> "dont"); no leading or trailing space.
std::string normalize_keep_spaces(std::string_view text);

// True when `normalized` (output of normalize()) contains an ASCII letter a-z.
bool has_ascii_letter(std::string_view normalized);

}  // namespace shirube::intents
