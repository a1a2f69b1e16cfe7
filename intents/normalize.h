#pragma once
// Text normalisation for matching (never for display): NFKC + case folding (utf8proc),
// katakana -> hiragana, full/half width folded (NFKC), and spaces, punctuation, symbols and
// emoji removed. "ｼﾆﾀｲ" / "シニタイ" / "し に た い" all become "しにたい"; "ＤＶ　相談" becomes
// "dv相談". Invalid UTF-8 bytes are dropped.
// Thread-safety: pure function.

#include <string>
#include <string_view>

namespace shirube::intents {

std::string normalize(std::string_view text);

// Like normalize() but keeps single spaces between words (for English, e.g. "want to die").
std::string normalize_keep_spaces(std::string_view text);

}  // namespace shirube::intents
