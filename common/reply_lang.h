#pragma once
// The three variants every text the bot says is written in: 日本語 ("ja", the plain default),
// やさしい日本語 ("easy": short sentences, one idea each, common words, few kanji, following
// 出入国在留管理庁・文化庁「在留支援のためのやさしい日本語ガイドライン」) and English ("en").
// The data files keep the three beside each other, one object per text:
//   {"ja": "…", "easy": "…", "en": "…"}
// (bot/data/texts.json, intents/data/tree.json); loaders refuse an object without all three.
// Thread-safety: constants and pure functions.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace shirube {

enum class ReplyLang : std::size_t { kJa, kEasy, kEn };

inline constexpr std::size_t kReplyLangCount = 3;
inline constexpr std::array<ReplyLang, kReplyLangCount> kReplyLangs{
    ReplyLang::kJa, ReplyLang::kEasy, ReplyLang::kEn};

// "ja", "easy", "en".
constexpr std::string_view reply_lang_code(ReplyLang lang) {
  switch (lang) {
    case ReplyLang::kEasy:
      return "easy";
    case ReplyLang::kEn:
      return "en";
    case ReplyLang::kJa:
      break;
  }
  return "ja";
}

// The variant for a code above; nullopt for anything else.
constexpr std::optional<ReplyLang> reply_lang_from_code(std::string_view code) {
  for (ReplyLang l : kReplyLangs) {
    if (reply_lang_code(l) == code)
      return l;
  }
  return std::nullopt;
}

// One text in the three variants (indexed by ReplyLang).
struct Localized {
  std::array<std::string, kReplyLangCount> text;
  const std::string& in(ReplyLang lang) const { return text[static_cast<std::size_t>(lang)]; }
  const std::string& ja() const { return in(ReplyLang::kJa); }
};

// Reads `j` as {"ja": "…", "easy": "…", "en": "…"}: every variant a non-empty string, no other
// field. "" when it is one (and `out` holds it), else the problem: `expected {"ja", "easy",
// "en"} texts`, `unknown field "jp" (variants: ja, easy, en)`, `"en" missing`.
std::string read_localized(const nlohmann::json& j, Localized& out);

}  // namespace shirube
