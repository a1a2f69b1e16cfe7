#include "intents/meaning.h"

// One file on purpose: the concepts, the text preparation, the reading of a sentence and the
// rules share one set of private types (Concept, Form, Word, Sentence, Verdict) and are tuned
// together against the labelled risk files; splitting them would turn those types into an internal
// header for no reader's gain. The sections below follow the steps of meaning.h.

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <initializer_list>
#include <optional>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <re2/re2.h>

#include "common/embedded.h"
#include "common/utf8.h"
#include "intents/mecab.h"
#include "intents/normalize.h"
#include "intents/rule_file.h"

#include <mecab.h>

namespace shirube::intents {
namespace {

constexpr const char* kBundledPath = "intents/data/concepts.tsv";

// ---- concepts and forms -------------------------------------------------------------------

enum Concept : std::uint64_t {
  kDie = 1ull << 0,
  kMethod = 1ull << 1,
  kAct = 1ull << 2,
  kAmount = 1ull << 3,
  kNow = 1ull << 4,
  kPlan = 1ull << 5,
  kHopeless = 1ull << 6,
  kBurden = 1ull << 7,
  kFarewell = 1ull << 8,
  kChild = 1ull << 9,
  kTogether = 1ull << 10,
  kDebt = 1ull << 11,
  kPull = 1ull << 12,
  kEdge = 1ull << 13,
  kHarm = 1ull << 14,
  kOutside = 1ull << 15,
  kPerson = 1ull << 16,
  kFear = 1ull << 17,
  kEveryday = 1ull << 18,
  kDistress = 1ull << 19,
  kAbout = 1ull << 20,
  kSelf = 1ull << 21,
  kAgain = 1ull << 22,
  kLive = 1ull << 23,
  kBrink = 1ull << 24,
  kWeapon = 1ull << 25,
  kInsurance = 1ull << 26,
  kWake = 1ull << 27,
  kTopic = 1ull << 28,
  kLeave = 1ull << 29,
  kGrief = 1ull << 30,
  kJoke = 1ull << 31,
  kHousehold = 1ull << 32,
  kFatal = 1ull << 33,
  kGiveUp = 1ull << 34,
  kBefore = 1ull << 35,
  kRecovered = 1ull << 36,
  kStudy = 1ull << 37,
  kPoison = 1ull << 38,
  kPaperwork = 1ull << 39,
  kRage = 1ull << 40,
  kDwelling = 1ull << 41,
  kAtone = 1ull << 42,
  kSlip = 1ull << 43,
};

struct ConceptName {
  const char* name;
  Concept concept;
};
constexpr std::array<ConceptName, 44> kConceptNames = {{
    {"die", kDie},
    {"method", kMethod},
    {"act", kAct},
    {"amount", kAmount},
    {"now", kNow},
    {"plan", kPlan},
    {"hopeless", kHopeless},
    {"burden", kBurden},
    {"farewell", kFarewell},
    {"child", kChild},
    {"together", kTogether},
    {"debt", kDebt},
    {"pull", kPull},
    {"edge", kEdge},
    {"harm", kHarm},
    {"outside", kOutside},
    {"person", kPerson},
    {"fear", kFear},
    {"everyday", kEveryday},
    {"distress", kDistress},
    {"about", kAbout},
    {"self", kSelf},
    {"again", kAgain},
    {"live", kLive},
    {"brink", kBrink},
    {"weapon", kWeapon},
    {"insurance", kInsurance},
    {"wake", kWake},
    {"topic", kTopic},
    {"leave", kLeave},
    {"grief", kGrief},
    {"joke", kJoke},
    {"household", kHousehold},
    {"fatal", kFatal},
    {"give_up", kGiveUp},
    {"before", kBefore},
    {"recovered", kRecovered},
    {"study", kStudy},
    {"poison", kPoison},
    {"paperwork", kPaperwork},
    {"rage", kRage},
    {"dwelling", kDwelling},
    {"atone", kAtone},
    {"slip", kSlip},
}};

enum Form : std::uint32_t {
  kWant = 1u << 0,     // たい, たがる, ほしい
  kWill = 1u << 1,     // う/よう (死のう), ます (死にます)
  kOnly = 1u << 2,     // しか (死ぬしかない)
  kPast = 1u << 3,     // た/だ, しまった, もうた
  kOngoing = 1u << 4,  // ている/てる
  kNeg = 1u << 5,      // ない/ぬ/ん
  kSeem = 1u << 6,     // そう (死にそう)
  kDegree = 1u << 7,   // ほど/くらい (死ぬほど)
  kPassive = 1u << 8,  // れる/られる (殴られる)
  kComing = 1u << 9,   // てくる (殴ってくる)
  kIf = 1u << 10,      // ば/たら (死ねば, 死んだら)
  kBetter = 1u << 11,  // ... ほうが/ば + いい/まし/楽 (死んだほうがまし, 死ねば楽)
  kFinal = 1u << 12,   // plain form ending the sentence (もう死ぬ)
  kFright = 1u << 13,  // かと思った: a fright told (殺されるかと思った), not an act
  kBest = 1u << 14,  // のが一番楽 / 一番早い: named the best or quickest way (with kBetter)
};

struct Word {
  std::string lemma;    // normalised dictionary form (or surface when unknown)
  std::string surface;  // normalised surface (compound nouns are looked up joined)
  std::string pos;      // 品詞
  std::string pos1;     // 品詞細分類1
  std::string ctype;    // 活用型
  std::string cform;    // 活用形
  std::uint64_t concepts = 0;
  std::uint32_t forms = 0;
};

struct Entry {
  std::string before;  // "" or the word that must come earlier ("a" of "a+b")
  std::uint64_t concept = 0;
};

using Lexicon = std::unordered_map<std::string, std::vector<Entry>>;

// ---- preparing the text -------------------------------------------------------------------

struct EmojiWord {
  const char* emoji;
  const char* word;
};
// Emoji that people use for the means, the place or the goodbye itself ("💊💊💊 ぜんぶ", "🌉
// じゃあね👋"); normalisation would drop them.
constexpr std::array<EmojiWord, 12> kEmojiWords = {{
    {"\xF0\x9F\x92\x8A", "薬"},        // 💊
    {"\xF0\x9F\x94\xAA", "包丁"},      // 🔪
    {"\xF0\x9F\xA9\xB8", "血"},        // 🩸
    {"\xF0\x9F\xAA\xA2", "ロープ"},    // 🪢
    {"\xF0\x9F\x92\x89", "薬"},        // 💉
    {"\xE2\x9A\xB0", "死"},            // ⚰
    {"\xF0\x9F\x94\xAB", "銃"},        // 🔫
    {"\xF0\x9F\x9A\x83", "電車"},      // 🚃
    {"\xF0\x9F\x8F\xA2", "ビル"},      // 🏢
    {"\xF0\x9F\x8C\x89", "橋"},        // 🌉
    {"\xF0\x9F\x8C\x8A", "海"},        // 🌊
    {"\xF0\x9F\x91\x8B", "じゃあね"},  // 👋 (a wave: a goodbye only beside a place)
}};

bool is_hiragana_at(std::string_view s, std::size_t i) {
  if (i + 3 > s.size())
    return false;
  const auto b0 = static_cast<unsigned char>(s[i]);
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  return b0 == 0xE3 && (b1 == 0x81 || b1 == 0x82);
}

// Digits written for kana in net spelling (4ね, 4にたい): only next to hiragana.
const char* digit_kana(char d) {
  switch (d) {
    case '4':
      return "し";
    case '2':
      return "に";
    case '9':
      return "く";
    case '0':
      return "お";
    case '1':
      return "い";
    case '3':
      return "さ";
    case '5':
      return "ご";
    case '6':
      return "ろ";
    case '7':
      return "な";
    case '8':
      return "や";
    default:
      return nullptr;
  }
}

std::string replace_emoji_and_digits(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  std::string last_word;
  int run = 0;
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (const auto& e : kEmojiWords) {
      const std::size_t n = std::strlen(e.emoji);
      if (text.compare(i, n, e.emoji) == 0) {
        run = last_word == e.word ? run + 1 : 1;
        if (run == 1)
          out += e.word;
        else if (run == 3)
          out += "大量";
        last_word = e.word;
        i += n;
        replaced = true;
        break;
      }
    }
    if (replaced)
      continue;
    if (static_cast<unsigned char>(text[i]) >= 0xEF && i + 2 < text.size() &&
        static_cast<unsigned char>(text[i + 1]) == 0xB8 &&
        static_cast<unsigned char>(text[i + 2]) == 0x8F) {  // variation selector
      i += 3;
      continue;
    }
    last_word.clear();
    run = 0;
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      // A run of digits with hiragana right after it or right before it.
      std::size_t j = i;
      while (j < text.size() && text[j] >= '0' && text[j] <= '9')
        ++j;
      // One or two digits right before kana (4にたい, 42たい); 100のこと stays a number.
      const bool after = is_hiragana_at(text, j);
      if (after && j - i <= 2) {
        for (std::size_t k = i; k < j; ++k)
          out += digit_kana(text[k]);
        i = j;
        continue;
      }
      out.append(text.substr(i, j - i));
      i = j;
      continue;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

bool starts_with_at(std::string_view s, std::size_t i, std::string_view what) {
  return s.compare(i, what.size(), what) == 0;
}

// 飲む written in kana in its past and te forms (のんだ, のんじゃった, のんで): IPADIC reads
// 「のんじゃった」 as の+ん+じゃっ+た, so 「薬ぜんぶのんじゃった」 would hold no act. Not after こ
// (このんで, 好んで); のんびり and のんき do not match.
std::string kanji_for_kana_drinking(std::string text) {
  static constexpr std::array<std::string_view, 3> kForms = {"のんだ", "のんじゃ", "のんで"};
  for (std::string_view form : kForms) {
    for (std::size_t at = text.find(form); at != std::string::npos;
         at = text.find(form, at + form.size())) {
      if (at >= 3 && starts_with_at(text, at - 3, "こ"))
        continue;
      text.replace(at, 3, "飲");
    }
  }
  return text;
}

// 死ぬ written in kana at the end of a phrase (しぬ!!, もうしぬ, しぬｗ): IPADIC reads 「しぬ」 as
// する + ぬ (does not), so a bare しぬ would hold no dying and could not be read as hyperbole
// or as a wish. Not before more kana (しぬき), nor after た (わたしぬ…).
std::string kanji_for_kana_dying(std::string text) {
  for (std::size_t at = text.find("しぬ"); at != std::string::npos;
       at = text.find("しぬ", at + 3)) {
    // しぬほど, しぬくらい, しぬかと, しぬって: the kana that follow are a particle.
    bool particle = false;
    for (std::string_view p : {"ほど", "くらい", "ぐらい", "かと", "って"})
      particle = particle || starts_with_at(text, at + 6, p);
    if ((is_hiragana_at(text, at + 6) && !particle) ||
        (at >= 3 && starts_with_at(text, at - 3, "た")))
      continue;
    text.replace(at, 3, "死");
  }
  // しんだら, しんだらどこにいくの: the conditional of 死ぬ in kana, at the start of a phrase
  // (not あんしんだら).
  for (std::size_t at = text.find("しんだら"); at != std::string::npos;
       at = text.find("しんだら", at + 3)) {
    if (at < 3 || !is_hiragana_at(text, at - 3))
      text.replace(at, 6, "死ん");
  }
  // しにそう, しにたい, しにかけた: the stem of 死ぬ before a form of it.
  for (std::size_t at = text.find("しに"); at != std::string::npos;
       at = text.find("しに", at + 3)) {
    bool form = false;
    for (std::string_view f : {"そう", "たい", "たく", "かけ"})
      form = form || starts_with_at(text, at + 6, f);
    if (form && !(at >= 3 && is_hiragana_at(text, at - 3) && !starts_with_at(text, at - 3, "で") &&
                  !starts_with_at(text, at - 3, "も") && !starts_with_at(text, at - 3, "う")))
      text.replace(at, 3, "死");
  }
  return text;
}

// 血 written in kana where it flows (ちがとまらない, ちが でてる): IPADIC reads 「ちが」 as 違う
// or a particle, so bleeding told in hiragana would hold no blood. Only before the words of
// flowing, so ちがう and ちかく stay as they are.
std::string kanji_for_kana_blood(std::string text) {
  static constexpr std::array<std::string_view, 9> kFlowing = {"とまらな", "止まらな", "とまんな",
                                                               "とまらん", "止まらん", "でてる",
                                                               "出てる",   "でとる",   "どくどく"};
  for (std::size_t at = text.find("ちが"); at != std::string::npos;
       at = text.find("ちが", at + 3)) {
    std::size_t after = at + 6;  // past ちが (two 3-byte characters)
    while (after < text.size() && text[after] == ' ')
      ++after;
    bool flows = false;
    for (std::string_view f : kFlowing)
      flows = flows || starts_with_at(text, after, f);
    if (flows)
      text.replace(at, 3, "血");
  }
  return text;
}

// Tohoku voicing of the verbs the rules read (暴れでる, 叩がれだ, 生ぎでる, 動がね), and Tosa
// 生きちゅう: the standard form, so that a parent raging or a wish not to live is read in the
// north and in Kochi too.
std::string standard_for_tohoku(std::string text) {
  struct Voiced {
    std::string_view from, to;
  };
  static constexpr std::array<Voiced, 20> kForms = {{{"暴れでる", "暴れてる"},
                                                     {"暴れでら", "暴れてる"},
                                                     {"あばれでる", "あばれてる"},
                                                     {"倒れで", "倒れて"},
                                                     {"たおれで", "たおれて"},
                                                     {"叩がれ", "叩かれ"},
                                                     {"たたがれ", "たたかれ"},
                                                     {"殴らいだ", "殴られた"},
                                                     {"動がね", "動かない"},
                                                     {"うごがね", "うごかない"},
                                                     {"生ぎで", "生きて"},
                                                     {"生ぎる", "生きる"},
                                                     // Tosa ちゅう / ちょる: ている
                                                     {"生きちゅう", "生きてる"},
                                                     {"いきちゅう", "いきてる"},
                                                     {"生きちょる", "生きてる"},
                                                     // Tsugaru さみぃぐで: 寒くて
                                                     {"さみぃぐで", "寒くて"},
                                                     {"さみぐで", "寒くて"},
                                                     {"さみぃ", "寒い"},
                                                     // 生きてたく: い dropped (IPADIC reads
                                                     // たく as a name)
                                                     {"生きてたく", "生きていたく"},
                                                     {"いきてたく", "いきていたく"}}};
  for (const Voiced& v : kForms) {
    for (std::size_t at = text.find(v.from); at != std::string::npos;
         at = text.find(v.from, at + v.to.size()))
      text.replace(at, v.from.size(), v.to);
  }
  return text;
}

bool is_katakana_at(std::string_view s, std::size_t i) {
  if (i + 3 > s.size())
    return false;
  const auto b0 = static_cast<unsigned char>(s[i]);
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  const auto b2 = static_cast<unsigned char>(s[i + 2]);
  // U+30A1..U+30FF: E3 82 A1..BF, E3 83 80..BF
  return b0 == 0xE3 && ((b1 == 0x82 && b2 >= 0xA1) || b1 == 0x83);
}

// Medicines people overdose on, by the names they buy them under. IPADIC splits many of them
// into words that mean something else (デ+パス, マイ+スリー, ハル+シオン), so each is read as
// 薬 before the sentence is parsed. A name inside a longer katakana word (ブロンズ, ブロンド)
// is left alone.
std::string medicine_names_as_medicine(std::string text) {
  static constexpr std::array<std::string_view, 43> kNames = {"アセトアミノフェン",
                                                              "フルニトラゼパム",
                                                              "イブプロフェン",
                                                              "ジェイゾロフト",
                                                              "トリプタノール",
                                                              "エビリファイ",
                                                              "サインバルタ",
                                                              "ソラナックス",
                                                              "リスパダール",
                                                              "レンドルミン",
                                                              "ロヒプノール",
                                                              "ワイパックス",
                                                              "インスリン",
                                                              "エチゾラム",
                                                              "カロナール",
                                                              "コンスタン",
                                                              "コンタック",
                                                              "サイレース",
                                                              "ジプレキサ",
                                                              "セロクエル",
                                                              "トラマール",
                                                              "ハルシオン",
                                                              "バファリン",
                                                              "ベルソムラ",
                                                              "ベンザリン",
                                                              "マイスリー",
                                                              "レキソタン",
                                                              "レクサプロ",
                                                              "レスタミン",
                                                              "ロキソニン",
                                                              "ロラゼパム",
                                                              "デエビゴ",
                                                              "ドリエル",
                                                              "パキシル",
                                                              "パブロン",
                                                              "メジコン",
                                                              "リスミー",
                                                              "リーマス",
                                                              "ルネスタ",
                                                              "セデス",
                                                              "デパス",
                                                              "ナロン",
                                                              "ブロン"};
  for (std::string_view name : kNames) {  // longest first: パブロン before ブロン
    for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
      const bool inside =
          (at >= 3 && is_katakana_at(text, at - 3)) || is_katakana_at(text, at + name.size());
      if (!inside)
        text.replace(at, name.size(), "薬");
    }
  }
  return text;
}

// しにたひ, きえたひ: ひ for the last い of a wish, an old-kana net spelling, where the word
// ends (not in ふたひと or あたひ's like, which go on in hiragana).
std::string wish_for_old_kana(std::string text) {
  for (std::size_t at = text.find("たひ"); at != std::string::npos;
       at = text.find("たひ", at + 3)) {
    if (!is_hiragana_at(text, at + 6))
      text.replace(at + 3, 3, "い");
  }
  return text;
}

// A kana, katakana or kanji character starts at `i` (three bytes, U+3041..U+30FF or
// U+4E00..U+9FFF).
bool is_japanese_at(std::string_view s, std::size_t i) {
  if (i + 3 > s.size())
    return false;
  const auto b0 = static_cast<unsigned char>(s[i]);
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  return (b0 == 0xE3 && b1 >= 0x81 && b1 <= 0x83) || (b0 >= 0xE4 && b0 <= 0xE9);
}

// A run of `space` between two Japanese characters, read as 、. IPADIC reads the word after a
// space differently (きょうで　おわりにします: お+わり, not おわる).
std::string commas_for_spaces(const std::string& text, std::string_view space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t j = i;
    while (starts_with_at(text, j, space))
      j += space.size();
    if (j == i) {
      out.push_back(text[i++]);
      continue;
    }
    const bool between =
        out.size() >= 3 && is_japanese_at(out, out.size() - 3) && is_japanese_at(text, j);
    out.append(between ? std::string_view("、") : std::string_view(text).substr(i, j - i));
    i = j;
  }
  return out;
}

// きょうのよるおわりにする, きょうでさいご: IPADIC reads a long run of hiragana that starts with
// きょう as き (来る) + an unknown word, so きょう before a particle, at the start of a run, is
// written 今日. Also 飲む in kana before ます (鎮痛剤を40錠のみました), which IPADIC reads as the
// particle のみ.
std::string kanji_for_kana_today_and_drank(std::string text) {
  for (std::size_t at = text.find("きょう"); at != std::string::npos;
       at = text.find("きょう", at + 3)) {
    if (at >= 3 && is_hiragana_at(text, at - 3))
      continue;
    bool particle = false;
    for (std::string_view p : {"の", "で", "は", "も", "から", "じゅう", "中"})
      particle = particle || starts_with_at(text, at + 9, p);
    if (particle)
      text.replace(at, 9, "今日");
  }
  for (std::string_view form : {"のみました", "のみまし", "のみすぎ", "のみきっ"}) {
    for (std::size_t at = text.find(form); at != std::string::npos; at = text.find(form, at + 3)) {
      if (at >= 3 && starts_with_at(text, at - 3, "こ"))
        continue;
      text.replace(at, 3, "飲");
    }
  }
  return text;
}

// 死ぬこと以外かすり傷 (a motto: everything but death is a scratch): a scratch is not a cut
// made, so かすり傷 is read as 軽傷 (IPADIC reads すり + 傷, and 傷 is a means).
std::string scratch_as_minor(std::string text) {
  for (std::string_view from : {"かすり傷", "擦り傷", "すり傷"}) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + 1))
      text.replace(at, from.size(), "軽傷");
  }
  return text;
}

// The IME's wide spaces between Japanese words, where others write 、 (ばあちゃんごめんね　
// きょうで　おわりにします). Narrow spaces are left: romaji read as kana has one between every
// word (mou kiete → もう きえて), and IPADIC reads those words well.
std::string commas_for_wide_spaces(const std::string& text) {
  return commas_for_spaces(text, "\u3000");
}

// Japanese script: kana, kanji, the CJK punctuation and the full-width forms.
bool japanese_script(char32_t c) {
  return (c >= U'\u3000' && c <= U'\u9FFF') || (c >= U'\uF900' && c <= U'\uFAFF') ||
         (c >= U'\uFF00' && c <= U'\uFFEF');
}

// 😭もうむり, (´;ω;`)もうむり: IPADIC reads kana right after a symbol it does not know as other
// words (も + うむ + り). A face or an emoji before Japanese text is set apart with 、 — a run
// of marks (spaces aside) with at least one character beyond ASCII in it ("(体重が)" and "…"
// are left).
std::string commas_after_faces(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 8);
  bool beyond_ascii = false;  // the run of marks so far has a character beyond ASCII
  bool in_run = false;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t c = utf8::next_code_point(text, i);
    if (c < 0x80 && std::isspace(static_cast<int>(c)) != 0) {  // (´;ω;`) もうむり
      out.append(text, start, i - start);
      continue;
    }
    const bool ascii_word = c < 0x80 && std::isalnum(static_cast<int>(c)) != 0;
    const bool latin_letter = c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7;
    const bool mark =
        !ascii_word && !latin_letter && !japanese_script(c) && c != U'\u2026' && c != U'\u2025';
    if (mark) {
      in_run = true;
      beyond_ascii = beyond_ascii || c >= 0x80;
    } else {
      if (in_run && beyond_ascii && japanese_script(c) && c >= U'\u3040')
        out += " \u3001";  // (a space first: IPADIC joins 、 to the face before it)
      in_run = false;
      beyond_ascii = false;
    }
    out.append(text, start, i - start);
  }
  return out;
}

std::string prepare(std::string_view text) {
  return kanji_for_kana_today_and_drank(
      scratch_as_minor(commas_for_wide_spaces(commas_after_faces(wish_for_old_kana(
          standard_for_tohoku(kanji_for_kana_dying(kanji_for_kana_blood(kanji_for_kana_drinking(
              medicine_names_as_medicine(replace_emoji_and_digits(text)))))))))));
}

}  // namespace

std::string prepare_text(std::string_view text) {
  return prepare(text);
}

std::vector<std::string> prepare_sentences(std::string_view text) {
  const std::string prepared = prepare(text);
  static constexpr std::array<std::string_view, 8> kEnds = {"。", "！", "？", "!",
                                                            "?",  "\n", "．", "♪"};
  std::vector<std::string> sentences;
  std::string current;
  for (std::size_t i = 0; i < prepared.size();) {
    bool end = false;
    for (std::string_view e : kEnds) {
      if (starts_with_at(prepared, i, e)) {
        i += e.size();
        end = true;
        break;
      }
    }
    if (end) {
      if (!current.empty())
        sentences.push_back(std::move(current));
      current.clear();
      continue;
    }
    // ころされるw 走るわ: laughter typed as w after Japanese, then a space, ends a sentence as
    // 。 does (the w stays with the sentence it laughs at).
    if (prepared[i] == 'w' && i + 1 < prepared.size() && prepared[i + 1] == ' ' && i >= 3 &&
        is_japanese_at(prepared, i - 3)) {
      current.push_back('w');
      sentences.push_back(std::move(current));
      current.clear();
      i += 2;
      continue;
    }
    current.push_back(prepared[i]);
    ++i;
  }
  if (!current.empty())
    sentences.push_back(std::move(current));
  return sentences;
}

namespace {

// ---- reading one sentence ---------------------------------------------------------------

// Field `index` of MeCab's comma-separated feature string, without copying; "" past the end.
std::string_view feature_field(std::string_view feature, int index) {
  std::size_t start = 0;
  for (int f = 0; f < index; ++f) {
    const std::size_t comma = feature.find(',', start);
    if (comma == std::string_view::npos)
      return {};
    start = comma + 1;
  }
  const std::size_t end = feature.find(',', start);
  return feature.substr(start,
                        end == std::string_view::npos ? std::string_view::npos : end - start);
}

bool is_content(const Word& w) {
  return w.pos == "名詞" || w.pos == "動詞" || w.pos == "形容詞" || w.pos == "副詞" ||
         w.pos == "連体詞" || w.pos == "感動詞";
}

bool is_aux_verb(const Word& w) {
  return w.pos == "動詞" && (w.pos1 == "非自立" || w.pos1 == "接尾");
}

// The form an auxiliary (助動詞) adds; `forms` so far (Kansai 死んだる turns past into will).
std::uint32_t auxiliary_form(const Word& w, std::uint32_t forms, bool right_after) {
  const std::string& l = w.lemma;
  // 消えてしまいたい: しまう before たい is wanting it done, not done.
  if (w.ctype == "特殊・タイ" || l == "たい")
    return (forms & ~kPast) | kWant;
  if ((w.ctype == "特殊・タ" || l == "た") && w.cform == "仮定形")
    return forms | kIf;  // 落ちたら, 死んだら
  // 楽になりました: ます then た is past, not a will (死にます).
  if (w.ctype == "特殊・タ" || l == "た")
    return (forms & ~kWill) | kPast;
  if (w.ctype == "特殊・ナイ" || w.ctype == "特殊・ヌ" || l == "ない" || l == "ん" || l == "ぬ")
    return forms | kNeg;
  if (l == "う" || l == "よう" || (w.ctype == "特殊・マス" && right_after))
    return forms | kWill;
  if (l == "そうだ" || l == "そう")
    return forms | kSeem;
  // 死ぬべきだ, 消えるべき: what one should do, said of oneself — like 死ぬしかない.
  // (死んだべした, Aizu: the べし after a past is the copula's, だべした = でしたね.)
  if ((l == "べし" || l == "べき") && (forms & kPast) == 0)
    return forms | kOnly;
  if (l == "る" && (forms & kPast) != 0)
    return (forms & ~kPast) | kWill;  // Kansai 死んだる, 飛んだる: I will
  return forms;
}

// The form a verb that follows as a helper (非自立, 接尾) adds.
std::uint32_t helper_verb_form(const std::string& l) {
  if (l == "いる" || l == "てる" || l == "でる" || l == "る" || l == "おる" || l == "とる")
    return kOngoing;
  if (l == "くる")
    return kComing;
  if (l == "れる" || l == "られる")
    return kPassive;
  if (l == "しまう" || l == "ちゃう" || l == "じゃう")
    return kPast;
  if (l == "たがる")
    return kWant;
  return 0;
}

// ない, ぬ, ん: a negation after a verb.
bool is_negation(const Word& w) {
  return w.lemma == "ない" || w.lemma == "ぬ" || w.lemma == "ん";
}

// The form a particle at `j` adds; `stop` when the verb's phrase ends there.
std::uint32_t particle_form(const std::vector<Word>& words, std::size_t j, std::size_t i,
                            bool& stop) {
  const Word& w = words[j];
  const std::string& l = w.lemma;
  // 生きてたくもない, 死にたくはない: も or は between たく and ない; the negation is read on.
  if ((l == "も" || l == "は") && j > i && words[j - 1].lemma == "たい" && j + 1 < words.size() &&
      (words[j + 1].lemma == "ない" || words[j + 1].lemma == "無い"))
    return 0;
  // The act denied: 殴られはしない, 叩かれもしない, 殴られてはいない, 蹴られてもいない,
  // 脅されてはない, 叩かれたりはしてない / していない, 殴られたりはない (not 蹴られても, even if).
  if ((l == "は" || l == "も") && j + 1 < words.size()) {
    const std::string& before = words[j - 1].lemma;  // j > i: the verb or a particle
    const bool after_te = j > i + 1 && (before == "て" || before == "で");
    const bool after_tari = j > i + 1 && (before == "たり" || before == "だり");
    const std::string& next = words[j + 1].lemma;
    std::size_t k = j + 2;  // where the negation must stand
    bool denied = false;
    if (next == "する") {
      // After たり the する may go on before the negation: してない, していない.
      if (after_tari && k < words.size() && (words[k].lemma == "てる" || words[k].lemma == "て"))
        ++k;
      if (after_tari && k < words.size() && k > j + 2 && words[k - 1].lemma == "て" &&
          words[k].lemma == "いる")
        ++k;
      denied = k < words.size() && is_negation(words[k]);
    } else if (after_te && (next == "いる" || next == "おる")) {
      denied = k < words.size() && is_negation(words[k]);
    } else if (after_te || after_tari) {
      denied = next == "ない" || next == "無い";  // 脅されてはない, 殴られたりはない
    }
    if (denied) {
      stop = true;
      return kNeg;
    }
  }
  if (l == "も" && j > i + 1 && (words[j - 1].lemma == "て" || words[j - 1].lemma == "で"))
    return kIf;  // 消えても, 死んでも
  if (l == "か" && j + 2 < words.size() && words[j + 1].lemma == "と" &&
      (words[j + 2].lemma == "思う" || words[j + 2].lemma == "おもう")) {
    stop = true;
    return kSeem | kFright;  // 死ぬかと思った: a fright, not a wish
  }
  if (l == "たり" || l == "だり")
    return 0;  // 殴られたりはしない: read on to what follows
  if (l == "しか")
    return kOnly;
  // Tohoku and Hokkaido 死ぬべ, 行くべ: let's, I will. (餃子食いすぎて死ぬべ: after a cause
  // of too much, the Kanto べ is a guess, as 食べすぎて死ぬわ is a figure.)
  if (w.pos1 == "終助詞" && (l == "べ" || l == "べー" || l == "べさ" || l == "べや"))
    return i >= 2 && (words[i - 1].lemma == "て" || words[i - 1].lemma == "で") &&
                   (words[i - 2].lemma == "すぎる" || words[i - 2].lemma == "過ぎる")
               ? kSeem
               : kWill;
  if (l == "ほど" || l == "くらい" || l == "ぐらい")
    return kDegree;
  // 消えたいってくらい, 死ぬってほど: the wish quoted as a measure of something else.
  if ((l == "って" || l == "と") && j + 1 < words.size() &&
      (words[j + 1].lemma == "くらい" || words[j + 1].lemma == "ぐらい" ||
       words[j + 1].lemma == "ほど")) {
    stop = true;
    return kDegree;
  }
  if (l == "ば" || l == "たら" || l == "と")
    return kIf;
  stop = w.pos1 != "接続助詞" && w.pos1 != "終助詞" && w.pos1 != "副助詞／並立助詞／終助詞" &&
         l != "か" && l != "て" && l != "で";
  return 0;
}

// まし, いい, 楽, 幸せ: a word of better (死んだほうがまし, 死ねば楽).
bool is_better_word(const std::string& l) {
  static constexpr std::array<std::string_view, 9> kBetter = {
      "まし", "いい", "よい", "ええ", "楽", "らく", "すっきり", "幸せ", "しあわせ"};
  return std::find(kBetter.begin(), kBetter.end(), l) != kBetter.end();
}

// 死んだほうがまし, 死ねばいい, 死んだら楽: a wish, said sideways, in the words from `j`.
bool better_after(const std::vector<Word>& words, std::size_t j) {
  for (std::size_t k = j; k < words.size() && k <= j + 4; ++k) {
    if (is_better_word(words[k].lemma) || words[k].lemma == "一番")
      return true;
  }
  return false;
}

// A word of things going well after one is gone, anywhere from `j` on: うまくいく, 助かる,
// うれしい, 平和, and the words of better.
bool good_after(const std::vector<Word>& words, std::size_t j) {
  static constexpr std::array<std::string_view, 14> kGood = {
      "うまい",   "上手い", "助かる", "たすかる", "うれしい", "嬉しい", "喜ぶ",
      "よろこぶ", "平和",   "解決",   "収まる",   "おさまる", "回る",   "まわる"};
  return std::any_of(words.begin() + static_cast<std::ptrdiff_t>(std::min(j, words.size())),
                     words.end(), [](const Word& w) {
                       return is_better_word(w.lemma) ||
                              std::find(kGood.begin(), kGood.end(), w.lemma) != kGood.end();
                     });
}

// 一番早い, 手っ取り早い, 早い: the quickest way, from `j` on (a few words).
bool quickest_after(const std::vector<Word>& words, std::size_t j) {
  for (std::size_t k = j; k < words.size() && k <= j + 3; ++k) {
    const std::string& l = words[k].lemma;
    if (l == "早い" || l == "はやい" || l == "手っ取り早い" || l == "てっとりばやい")
      return true;
  }
  return false;
}

// いなくなっても誰も困らない, 消えても誰も気づかない: no one would mind, from `j` on.
bool nobody_minds(const std::vector<Word>& words, std::size_t j) {
  bool nobody = false;
  for (std::size_t k = j; k < words.size(); ++k) {
    const std::string& l = words[k].lemma;
    nobody = nobody || l == "誰" || l == "だれ" || l == "誰も";
    if (nobody &&
        (l == "困る" || l == "こまる" || l == "気づく" || l == "気付く" || l == "きづく" ||
         l == "悲しむ" || l == "かなしむ") &&
        k + 1 < words.size() &&
        (words[k + 1].lemma == "ない" || words[k + 1].lemma == "ん" || words[k + 1].lemma == "ぬ" ||
         words[k + 1].lemma == "へん" || words[k + 1].lemma == "ひん"))  // 困らへん (Kansai)
      return true;
  }
  return false;
}

// …, ..., 〜, ー: marks that trail a word without ending its phrase.
bool is_trailing_mark(const std::string& l) {
  if (!l.empty() && l.find_first_not_of(".~-") == std::string::npos)
    return true;
  return l == "…" || l == "〜" || l == "ー" || l == "～" || l == "・・・";
}

// こと at `j` followed by は/が/も and a negated ある or ない (ことはない, ことはありません).
bool never_after(const std::vector<Word>& words, std::size_t j) {
  if (j + 2 >= words.size())
    return false;
  const std::string& p = words[j + 1].lemma;
  if (p != "は" && p != "が" && p != "も")
    return false;
  const Word& v = words[j + 2];
  if (v.pos == "形容詞" && (v.lemma == "ない" || v.lemma == "無い"))
    return true;
  if (v.lemma != "ある")
    return false;
  for (std::size_t k = j + 3; k < words.size() && k <= j + 5; ++k) {
    const Word& a = words[k];
    if (a.pos != "助動詞")
      break;
    if (a.ctype == "特殊・ナイ" || a.ctype == "特殊・ヌ" || a.lemma == "ない" || a.lemma == "ん" ||
        a.lemma == "ぬ")
      return true;
  }
  return false;
}

// The form of the verb or adjective at `i`, read from the morphemes after it.
std::uint32_t read_forms(const std::vector<Word>& words, std::size_t i) {
  // 友達を殴り始めた, 叩き出した: harm begun, and going on (the past is the beginning's; 薬を
  // 飲み始めた is a course of medicine).
  if ((words[i].concepts & kHarm) != 0 && i + 1 < words.size() && is_aux_verb(words[i + 1]) &&
      (words[i + 1].lemma == "始める" || words[i + 1].lemma == "はじめる" ||
       words[i + 1].lemma == "出す" || words[i + 1].lemma == "だす")) {
    std::uint32_t begun = read_forms(words, i + 1);
    if ((begun & (kNeg | kIf)) == 0)
      begun = (begun & ~kPast) | kOngoing;
    return begun;
  }
  std::uint32_t forms = 0;
  std::size_t j = i + 1;
  for (; j < words.size() && j <= i + 8; ++j) {
    const Word& w = words[j];
    const std::string& l = w.lemma;
    // 出すんでしたっけ: ん right after a verb's dictionary form is の (a question or an
    // explanation), not the negation, which follows the 未然形 (出さん).
    if (j == i + 1 && l == "ん" && words[i].cform == "基本形")
      break;
    // 消えていけるなら、それでいい: なら with a word of better after it is a wish (なら
    // alone, 死ぬなら一人で, is left as it was).
    if (w.pos == "助動詞" && w.lemma == "だ" && w.cform == "仮定形" && better_after(words, j + 1)) {
      forms |= kIf | kBetter;
      break;
    }
    // 消えていける, 死んでいく: going on, after て, for a word of dying.
    if ((words[i].concepts & kDie) != 0 && j > i + 1 &&
        (words[j - 1].lemma == "て" || words[j - 1].lemma == "で") && w.pos == "動詞" &&
        (l == "いく" || l == "いける" || l == "行く" || l == "行ける" || l == "ゆく" ||
         l == "ゆける"))
      continue;
    // 撒いてしもうた: IPADIC reads the Kansai and western しもうた as しも + うた.
    if (l == "しも" && j + 1 < words.size() && words[j + 1].lemma == "うた") {
      forms |= kPast;
      break;
    }
    // 手話通訳ってつけられますか, 入れられますか: れる/られる, then ます and か, asks whether
    // one can — the potential, not something done to the writer.
    if (w.ctype == "特殊・マス" && j > i + 1 && j + 1 < words.size() &&
        words[j + 1].lemma == "か" &&
        (words[j - 1].lemma == "れる" || words[j - 1].lemma == "られる"))
      forms &= ~kPassive;
    if (w.pos == "助動詞") {
      forms = auxiliary_form(w, forms, j == i + 1);
    } else if (w.pos == "形容詞" && (l == "ない" || l == "無い")) {
      forms |= kNeg;
    } else if (w.pos == "形容詞" && l == "ほしい") {
      forms |= kWant;
    } else if (w.pos == "助詞") {
      bool stop = false;
      std::uint32_t p = particle_form(words, j, i, stop);
      // 死のうかと思ってる: a will weighed, not a fright (死ぬかと思った).
      if ((p & kFright) != 0 && (forms & kWill) != 0)
        p = 0;
      forms |= p;
      if (stop)
        break;
    } else if (is_aux_verb(w)) {
      forms |= helper_verb_form(l);
    } else if (w.pos == "名詞" && (w.pos1 == "接尾" || w.pos1 == "非自立") &&
               (l == "そう" || l == "そうだ")) {
      forms |= kSeem;
      // 刺されそうになった: harm that nearly happened, told as past (a fright when no one
      // close did it: mark_forms).
      if ((words[i].concepts & kHarm) != 0 && j + 3 < words.size() && words[j + 1].lemma == "に" &&
          words[j + 2].lemma == "なる" &&
          (words[j + 3].lemma == "た" || words[j + 3].lemma == "だ")) {
        forms |= kPast;
        break;
      }
    } else if (l == "もうた" || l == "もた" || l == "うた" || l == "もーた" || l == "しもた" ||
               l == "しもうた" || l == "てもた") {
      forms |= kPast;  // Kansai しもうた / もた: done
    } else if (j == i + 1 && (l == "ばあ" || l == "ばぁ" || l == "ばー")) {
      forms |= kDegree;  // Tosa and Hiroshima 死ぬばあ疲れた: 死ぬほど
      break;
    } else if (w.pos == "記号" && is_trailing_mark(l)) {
      continue;  // 消えたい…ってくらい, 死ぬ〜って: a trailing mark, then the form goes on
    } else if (j == i + 1 && (l == "つもり" || l == "積もり")) {
      // 後を追うつもり, 飲むつもり: an intention is a will; 死ぬつもりはない denies it.
      forms |= never_after(words, j) ? kNeg : kWill;
      break;
    } else if ((l == "こと" || l == "事") && never_after(words, j)) {
      forms |= kNeg;  // 殴られたことはありません, 暴力をふるうことはない: never
      break;
    } else if ((l == "の" || l == "こと" || l == "事") && w.pos == "名詞" && j + 1 < words.size() &&
               (words[j + 1].lemma == "が" || words[j + 1].lemma == "は") &&
               (better_after(words, j + 2) || quickest_after(words, j + 2))) {
      // 消えていくのが一番楽, 吊るのが一番早い: the act named as the best or quickest way.
      forms |= kBetter | kBest;
      break;
    } else {
      break;
    }
  }
  if (j >= words.size() && (forms & ~kWill) == 0)
    forms |= kFinal;
  if ((forms & (kPast | kIf)) != 0 && better_after(words, j)) {
    forms |= kBetter;
    // 死んでもいいくらい幸せ, 死んでもいいほど嬉しい, 死んでもいいってくらい: "fine to die" as a
    // measure of joy (って between; IPADIC reads いいって as いいっ + て).
    const auto measure = [](const Word& w) {
      return w.lemma == "くらい" || w.lemma == "ぐらい" || w.lemma == "ほど";
    };
    for (std::size_t k = j; k < words.size() && k <= j + 3; ++k) {
      if (!is_better_word(words[k].lemma) || k + 1 >= words.size())
        continue;
      const bool quoted = k + 2 < words.size() &&
                          (words[k + 1].lemma == "って" || words[k + 1].lemma == "て" ||
                           words[k + 1].lemma == "と") &&
                          measure(words[k + 2]);
      if (measure(words[k + 1]) || quoted) {
        forms |= kDegree;
        break;
      }
    }
  }
  return forms;
}

// 教員です, 養護教諭をしています, 相談員として: the word at `i` says who the writer is.
bool introduces_self(const std::vector<Word>& words, std::size_t i) {
  if (i + 1 >= words.size())
    return false;
  const std::string& next = words[i + 1].lemma;
  if (next == "です" || next == "だ" || next == "として")
    return true;
  return (next == "を" || next == "に") && i + 2 < words.size() &&
         (words[i + 2].lemma == "する" || words[i + 2].lemma == "なる");
}

// 腰, 肩, スマホ, 車, 眠気: body parts that wear out, things that break, symptoms that go —
// what "dies" or "goes" in 腰が死ぬ, スマホが死んだ, 眠気って消える. Not the heart, the mind or
// the eyes (心が死んでる is pain).
bool is_worn_out_thing(std::string_view lemma) {
  static constexpr std::array<std::string_view, 46> kThings = {
      "腰",   "こし",     "肩",       "かた",   "膝",   "ひざ",       "首",         "足",
      "腕",   "喉",       "のど",     "胃",     "腹筋", "背中",       "脚",         "手",
      "指",   "肌",       "髪",       "耳",     "車",   "くるま",     "スマホ",     "すまほ",
      "携帯", "パソコン", "ぱそこん", "pc",     "電池", "バッテリー", "ばってりー", "充電",
      "財布", "エンジン", "眠気",     "ねむけ", "痛み", "いたみ",     "症状",       "かゆみ",
      "痒み", "跡",       "あと",     "シミ",   "しみ", "熱"};
  return std::find(kThings.begin(), kThings.end(), lemma) != kThings.end();
}

// 出す, 帰す, 帰らせる, 逃がす, 出られる: verbs of leaving that someone else allows.
bool is_kept_in_verb(std::string_view lemma) {
  static constexpr std::array<std::string_view, 10> kVerbs = {
      "出す",   "だす",     "帰す",     "かえす", "帰らせる",
      "逃がす", "出られる", "でられる", "出れる", "でれる"};
  return std::find(kVerbs.begin(), kVerbs.end(), lemma) != kVerbs.end();
}

// 出して + もらえない / くれない, 出させて + くれない: leaving waits on someone's leave.
bool followed_by_leave_allowed(const std::vector<Word>& words, std::size_t i) {
  for (std::size_t j = i + 1; j < words.size() && j <= i + 4; ++j) {
    const std::string& l = words[j].lemma;
    if (l == "もらえる" || l == "もらう" || l == "くれる" || l == "せる" || l == "させる")
      return true;
  }
  return false;
}

// 授業に出られない (attending), 学費を出してもらえない (paying): 出る and 出す that are not
// leaving a place.
bool not_leaving(const std::vector<Word>& words, std::size_t i) {
  static constexpr std::array<std::string_view, 12> kEvents = {
      "授業",   "会議",   "試合", "仕事", "バイト", "ばいと",
      "シフト", "しふと", "講義", "部活", "式",     "ゼミ"};
  static constexpr std::array<std::string_view, 14> kGiven = {
      "学費",   "お金",   "金",     "費用",     "家賃", "食費", "生活費",
      "治療費", "医療費", "小遣い", "お小遣い", "書類", "許可", "結論"};
  // 家から出られなくなって半年: became unable to go out (withdrawal, or fear), not kept in —
  // unless someone's leave is waited on after it, or something was done to the writer before
  // it (鍵を取られて出られなくなった).
  const bool done_to = std::any_of(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(i),
                                   [](const Word& w) { return (w.forms & kPassive) != 0; });
  if (!done_to && !followed_by_leave_allowed(words, i)) {
    for (std::size_t j = i + 1; j < words.size() && j <= i + 4; ++j) {
      if (words[j].lemma == "なる")
        return true;
    }
    // 人と会うのが怖くて家から出られない, 不安で外に出られない: one's own fear or unease is what
    // holds the writer in (not someone named: 夫が怖くて出られない is someone).
    bool own_unease = false;
    bool someone = false;
    for (std::size_t j = 0; j < i; ++j) {
      someone = someone || ((words[j].concepts & kPerson) != 0 && words[j].lemma != "人" &&
                            words[j].lemma != "ひと");
      static constexpr std::array<std::string_view, 9> kUnease = {
          "怖い", "こわい", "恐い", "不安", "ふあん", "億劫", "おっくう", "苦手", "にがて"};
      own_unease =
          own_unease || std::find(kUnease.begin(), kUnease.end(), words[j].lemma) != kUnease.end();
    }
    if (own_unease && !someone)
      return true;
  }
  if (i < 1)
    return false;
  // 親が金出さない, 学費出してくれない: the particle dropped before what is given.
  if (std::find(kGiven.begin(), kGiven.end(), words[i - 1].lemma) != kGiven.end())
    return true;
  if (i < 2)
    return false;
  const std::string& object = words[i - 2].lemma;
  // 手は出されない, 手を出さない: 手を出す is to hit, not to let out.
  if ((object == "手" || object == "て") &&
      (words[i - 1].lemma == "は" || words[i - 1].lemma == "を" || words[i - 1].lemma == "も"))
    return true;
  if (words[i - 1].lemma == "に")
    return std::find(kEvents.begin(), kEvents.end(), object) != kEvents.end();
  if (words[i - 1].lemma == "を")
    return std::find(kGiven.begin(), kGiven.end(), object) != kGiven.end();
  return false;
}

// What one sentence says, in flags.
struct Sentence {
  std::uint64_t concepts = 0;
  std::vector<Word> words;
  std::uint32_t die_forms = 0;    // forms of every die word, or-ed
  std::uint32_t act_forms = 0;    // forms of every act verb
  std::uint32_t harm_forms = 0;   // forms of every harm verb
  std::uint32_t live_forms = 0;   // forms of 生きる
  std::uint32_t fatal_forms = 0;  // forms of an act that kills by itself (灯油+かぶる)
  bool give_up = false;           // 限界 and 無理 together, or もう頑張れない
  std::uint32_t leave_forms = 0;  // forms of 出る, 帰る (出してもらえない, 帰らせてくれない)
  // Kept in: a leave verb negated in a form that says someone else decides (出られない,
  // 出してもらえない, 帰らせてくれない), not only that one stays in (部屋から出てない, 出ずに).
  bool kept_in = false;
  bool threat_if = false;      // the harm hangs on an if (今度やったら殺す)
  bool harm_affirmed = false;  // a harm verb not negated (殴られた, 叩いてくる)
  bool harm_now = false;       // a harm verb going on or coming, not told as past (殴られてる)
  bool wish = false;           // some verb of the sentence is wished for (たい, ばいい)
  bool die_verb = false;       // a die word that is a verb (not only the noun)
  bool die_idiom = false;    // 死ぬ気で (with all one's might), 死ぬまでに (before I die)
  bool die_quoted = false;   // 「死にたい」って言ってる: someone else's words
  bool told_to_die = false;  // 「死ね」って言われた: the writer told to die
  bool as_told = false;      // 言われたとおりにしよう: doing as told, willed
  bool ending_it = false;  // 終わらせるつもり: ending it, willed, with nothing named to end
  bool ending_decided = false;  // 全部終わらせることにした: ending it decided (or work finished)
  bool slip_in_message = false;  // 宿題忘れた: a slip told somewhere in the message (kSlip)
  bool pet_entrusted = false;  // 猫のこと誰かに頼みたい: a pet to be looked after by another
  bool unsure_of_self = false;  // 自分が何するか分からない: afraid of what one might do
  bool supposed = false;  // キャンプ行くと思ったんだろな: what someone else supposed
  bool given_away = false;  // 猫は友達に預けた, 後輩にあげた: something given to someone
  bool cut_done = false;    // カッター使った, 切った: a cutting means used, told as done
  bool wound_deep = false;  // 深い, 血が止まらない: a wound that is not small
  bool brink_key = false;   // 屋上の鍵は俺が持ってる: the key to a height
  bool cut_site = false;    // 腕, 手首, 太もも: where people cut themselves
  bool going_quiet = false;  // もうすぐ連絡しなくなると思う: saying one will stop writing
  bool carry_out_set = false;   // 今日は日付の横に「決行」: carrying it out, with a day
  bool invited_to_die = false;  // 父が「一緒に死ぬか」って言う: asked to die together
  bool laughing = false;        // 笑, w, 草, 😂: said laughing
  bool die_after_cause = false;   // 〜て死ぬ: dying as the result of a state (すいて死ぬ)
  bool die_after_excess = false;  // 食べすぎて死にそう: the state one of too much
  bool wish_after_cause = false;  // 暑すぎて消えたい: a wish to vanish caused by a state
  bool now_contrast = false;      // 今は, 現在は: the present set against a past
  bool harm_present = false;  // a harm verb affirmed and not in the past (殴られる, 殴ってくる)
  bool harm_coming = false;  // harm to the writer with a time now (今夜殺される)
  bool unreachable = false;  // 連絡とれない, 電話に出ない, 既読つかない: out of reach
  bool pest_killed = false;       // ゴキブリ殺したい: the kill verb's object is a pest
  bool topic_person = false;      // 生徒, 患者, 利用者: someone named who might be at risk
  int methods = 0;                // distinct means named (紐, 首, ドアノブ)
  int farewells = 0;              // words of farewell (several in a message: a goodbye)
  bool occasion_goodbye = false;  // 送別会のスピーチ: a goodbye for an ordinary ending
  bool farewell_beyond_thanks = false;  // お別れする, 遺書: a goodbye word beyond 今までありがとう
  bool threatened = false;           // 「ボコる」って言われた: harm said to the writer
  bool insurance_paperwork = false;  // 見直し, 加入, 告知: a policy's paperwork (kPaperwork)
  bool real_debt = false;     // 借金, ローン, 返済: a debt (not a payment, not the policy)
  bool goes_to_them = false;  // 妻のところへ行きたい: going where someone is (a dead one?)
  bool goes_to_god = false;   // 神さまのところに行かせて: asking to be taken to God
  bool bye = false;           // じゃあね, ばいばい, さよなら (👋): a goodbye said
  bool shoes_off = false;     // 靴脱いだ, 靴を揃えた: shoes taken off or lined up
  bool doing = false;         // a verb of doing something (寄る, 泳ぐ), not of being somewhere
  bool laughing_all = false;  // some sentence of the message is said laughing
  bool said_smiling = false;  // 「殺すぞ〜」って笑われた: someone's words said with a laugh
  bool asks_label = false;      // これってDV？, 虐待になる？: asking what to call it
  bool water = false;           // 水 named
  bool for_days = false;        // 3日目, 三日間, 何日も: a count of days
  bool intake_refused = false;  // 食べてない, 飲まない, 何も口にしない
  bool bare_act_done = false;   // 飲んだ, 切った: an act done, said with nothing else
  bool too_late = false;        // もう遅い, 手遅れ, 深い (said last): past undoing
  bool do_it_now = false;       // 明日の昼…やる: a time and a bare "do it", with no object
  bool affairs_left = false;  // 暗証番号はメモに書いて貼っといた: left for those after
  bool height = false;        // 8階, 何メートル, 高さ: how high
  bool sure_named = false;    // 確実 (as a word of its own, not 確実に + a verb)
  bool weight_named = false;  // 重り: a weight (to sink)
  bool question = false;      // ほんと, かな, か, or (for the message) a question mark
  bool flood = false;         // 水位, 増水, 氾濫: water risen
  bool pastime = false;  // ダイビング, 釣り, 登山: a sport or pastime near water or heights
  bool thrill = false;  // バンジー, スカイダイビング, 飛び込み台: jumping as a sport or a ride
  bool going = false;  // 行く, 向かう, not negated or past (the whole: in some sentence)
  bool treatment_off = false;   // 酸素のチューブ外した: life support taken off
  bool breath_or_ease = false;  // 息苦しい, これでいい, 1時間たった: what follows it
  bool pleasure_jump = false;  // 海きれいすぎて飛び込みたい: a jump wished for beauty or heat
  bool act_measured = false;  // 飛び降りたいくらい: an act wished as a measure
  bool act_resolve = false;   // 首くくる覚悟で(臨んだ): an act as the measure of resolve
  bool body_weight = false;   // 体重: one's weight named
  bool act_outside_topic = false;  // an act or a means in a sentence with no story or study
  bool fixture_bears = false;  // ロープってどのくらいの重さまで耐える: see fixture_bears
  bool means_beyond_act = false;  // a means other than the act's own word (飛び降りる)
  bool jump_enjoyed = false;  // 海に飛び込んできた, 飛び込んで遊んだ: a jump done on an outing
  bool enjoyed = false;          // 冷たかった, 楽しい, 最高: the fun or the cold of it
  bool cord_tied_alone = false;  // ロープ結んだ: a cord tied or hung, with nothing else said
  bool drank = false;            // 飲んだ, with nothing named that is drunk
  bool all_of_it = false;        // 全部, ぜんぶ, ありったけ
  bool cut_bare = false;         // きった: a cut told as done, no body part or cause named
  bool blood = false;            // 血, 🩸
  int beside_drink_or_cut = 0;   // content words beyond those, in the whole message
  int beside_cord = 0;           // (the whole) content words of sentences other than such a cord
  bool plan_beyond_courage = false;  // a plan word other than 勇気 (覚悟, つもり, 準備)
  int words_outside = 0;             // (the whole) content words of sentences with no die word
  int despair_words = 0;  // 疲れた, 無理, だめ, しんどい: words of exhaustion or despair
  int other_words = 0;    // content words that are neither despair nor filler
  bool one_way_to_answer = false;  // 責任のとり方って一つしかない: one way to take responsibility
  bool prescribed = false;  // 処方: a medicine prescribed
  bool stock = false;       // 全部, 大量, ためてた: an amount that is a stock, not a drink
  int lethal_asked = 0;  // 確実?, 即死?, 浮かんでこない?: 2 sure to kill, 1 sure or enough, asked
  bool wont_answer = false;  // たぶん僕は返事できない: one's own silence foreseen, no reason given
  bool come_to_me = false;  // 部屋に来てもらえるよう, 見に来て: someone asked to come by
  bool not_back = false;  // 帰らんかも, もう戻らないと思う: saying one may not come back
  bool stay_away = false;  // 泊まる, 実家, 旅行: a stay that keeps one away (not_back excused)
};

struct Verdict {
  RiskLevel level = RiskLevel::kNone;
  CrisisKind kind = CrisisKind::kNone;
  bool immediate = false;
  const char* rule = "";
};

bool has(std::uint64_t set, std::uint64_t bits) {
  return (set & bits) != 0;
}

// The word's lemma is one of these.
bool lemma_in(const Word& w, std::initializer_list<std::string_view> lemmas) {
  return std::find(lemmas.begin(), lemmas.end(), w.lemma) != lemmas.end();
}

// A word of the sentence has one of these lemmas.
bool has_lemma(const Sentence& s, std::initializer_list<std::string_view> lemmas) {
  return std::any_of(s.words.begin(), s.words.end(),
                     [&](const Word& w) { return lemma_in(w, lemmas); });
}

// The sentence's words, written together (位置+情報 → 位置情報), hold one of these phrases
// (for phrases IPADIC splits).
bool surface_has(const Sentence& s, std::initializer_list<std::string_view> phrases) {
  std::string joined;
  for (const Word& w : s.words)
    joined += w.surface;
  return std::any_of(phrases.begin(), phrases.end(),
                     [&](std::string_view p) { return joined.find(p) != std::string::npos; });
}

// A word of the sentence has one of these lemmas, with a form in `need` (0: any form) and
// none in `bar`.
bool has_lemma_with(const Sentence& s, std::initializer_list<std::string_view> lemmas,
                    std::uint32_t need, std::uint32_t bar) {
  return std::any_of(s.words.begin(), s.words.end(), [&](const Word& w) {
    return lemma_in(w, lemmas) && (need == 0 || has(w.forms, need)) && !has(w.forms, bar);
  });
}

// ---- the rules ---------------------------------------------------------------------------
// Each returns a verdict or none. Kept small and named so a test or a report can say which
// one fired.

// 死にたい, 消えたい, 死のう, 死ぬしかない, 死んだほうがまし, 楽になりたい — in any form.
Verdict rule_die_want(const Sentence& s) {
  if (!has(s.concepts, kDie))
    return {};
  const std::uint32_t f = s.die_forms;
  const bool want = has(f, kWant | kWill | kOnly | kBetter);
  if (!want || has(f, kDegree) || s.die_idiom)
    return {};
  // 死にたくない alone is fear of dying; with だけど/のに it is still ideation, but that is
  // for check.
  if (has(f, kWant) && has(f, kNeg) && !has(f, kWill | kOnly | kBetter))
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_die_not_want"};
  const bool now = has(s.concepts, kNow) && has(s.concepts, kPlan | kMethod | kAct);
  return {RiskLevel::kCrisis, CrisisKind::kSuicide, now, "m_die_want"};
}

// 何錠飲めば死ねる, 薬で死ぬ: dying with a means named — also in someone else's words (同期が
// 「拳銃見ると楽になれる気がする」と言ってた).
Verdict rule_die_means(const Sentence& s) {
  if (has(s.concepts, kDie) && has(s.concepts, kMethod) && !has(s.concepts, kAbout | kTopic) &&
      !s.die_idiom && !has(s.die_forms, kDegree | kSeem | kPast | kNeg | kOngoing))
    return {RiskLevel::kCrisis, CrisisKind::kSuicide, false,
            s.die_quoted ? "m_die_means_told" : "m_die_means"};
  return {};
}

// ここから落ちたら, 飛び降りたらどうなる: an act imagined at a height.
Verdict rule_fall_if(const Sentence& s) {
  if (has(s.concepts, kAct) && has(s.act_forms, kIf) && has(s.concepts, kBrink | kEdge) &&
      !has(s.concepts, kAbout | kTopic))
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_fall_if"};
  return {};
}

// 部屋から出してもらえない, 帰らせてくれない: kept in by someone.
Verdict rule_trapped(const Sentence& s) {
  if (has(s.concepts, kAbout | kTopic))
    return {};
  if (s.kept_in && has(s.concepts, kPerson))
    return {RiskLevel::kCrisis, CrisisKind::kViolence, true, "m_trapped"};
  // 外から鍵かけられてる, 鍵かけられて出られない: locked in, whoever did it (鍵をかけて閉じこもる,
  // locking oneself in, is not this).
  // (Going on, from the outside, or not getting out: 自転車に鍵かけられてた is a bike, 学校の
  // 屋上に鍵閉められた a roof.)
  const bool cannot_leave = has(s.leave_forms, kNeg) && !has(s.leave_forms, kIf);
  const bool shut_in = has_lemma(s, {"外", "そと", "部屋", "へや", "トイレ", "倉庫", "物置"});
  const bool locked_in = has_lemma(s, {"鍵", "かぎ", "カギ"}) &&
                         std::any_of(s.words.begin(), s.words.end(), [&](const Word& w) {
                           return lemma_in(w, {"かける", "掛ける", "閉める", "しめる"}) &&
                                  has(w.forms, kPassive) && !has(w.forms, kNeg | kIf) &&
                                  (cannot_leave || (shut_in && has(w.forms, kOngoing)));
                         });
  if (locked_in)
    return {RiskLevel::kCrisis, CrisisKind::kViolence, true, "m_locked_in"};
  return {};
}

// 元彼が家の前にいる。…怖い: someone waiting outside, and fear (also across sentences).
Verdict rule_someone_outside(const Sentence& s) {
  if (has(s.concepts, kOutside) && has(s.concepts, kPerson) && has(s.concepts, kFear) &&
      !has(s.concepts, kAbout | kTopic))
    return {RiskLevel::kCrisis, CrisisKind::kViolence, true, "m_someone_outside"};
  return {};
}

// もう死ぬ, 次の電車で終わりにする, 生きるのやめる: dying said as what one will do.
Verdict rule_die_will(const Sentence& s) {
  if (!has(s.concepts, kDie) || !s.die_verb || !has(s.die_forms, kFinal) ||
      has(s.die_forms, kDegree | kSeem | kNeg | kPast) || has(s.concepts, kAbout))
    return {};
  if (has(s.concepts, kNow | kPlan | kBrink | kMethod | kHopeless | kSelf | kFarewell))
    return {RiskLevel::kCrisis, CrisisKind::kSuicide, has(s.concepts, kNow), "m_die_will"};
  return {};
}

// 屋上に出られるビルってどこかありますか: a way to a brink asked for. Asked about.
Verdict rule_brink_sought(const Sentence& s) {
  if (!has(s.concepts, kBrink) || has(s.concepts, kAbout | kTopic | kEveryday | kGrief) ||
      !has_lemma(s, {"どこ", "どっか", "何処"}))
    return {};
  // The brink is where one wants to get to: 屋上に出られる, 崖に行ける (not 裏の崖が崩れた).
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    if (!has(s.words[i].concepts, kBrink))
      continue;
    for (std::size_t k = i + 1; k < s.words.size() && k <= i + 3; ++k) {
      if (lemma_in(s.words[k], {"出る", "出られる", "出れる", "行く", "行ける", "入る", "入れる",
                                "登る", "登れる", "上がる", "上がれる"}))
        return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_brink_sought"};
    }
  }
  return {};
}

// 屋上にいる, ホームの端に立ってる, 明日なら屋上の鍵あいてる, 柵こえた: at the brink.
Verdict rule_brink(const Sentence& s) {
  if (!has(s.concepts, kBrink) || has(s.concepts, kAbout | kTopic))
    return {};
  // 線路のすぐ横に住んでて電車の音で眠れない: a home beside it, with nothing else worrying.
  if (has(s.concepts, kDwelling) &&
      !has(s.concepts, kDie | kHopeless | kFarewell | kPlan | kBurden | kAct))
    return {};
  // 東尋坊って観光で行く価値ある？, 堤防で釣り, 屋上でお昼食べる: an outing or a meal, with
  // nothing else worrying (eating is distress only when it cannot be done).
  bool distress = false;
  for (const Word& w : s.words) {
    distress =
        distress || (has(w.concepts, kDistress) &&
                     !(lemma_in(w, {"食べる", "たべる", "食う", "くう"}) && !has(w.forms, kNeg)));
  }
  // (A place, 場所, is a plan's word only beside something else: 釣りしていい場所 is an outing.)
  const bool plan = std::any_of(s.words.begin(), s.words.end(), [](const Word& w) {
    return has(w.concepts, kPlan) && !lemma_in(w, {"場所", "ばしょ"});
  });
  if (has(s.concepts, kEveryday) && !has(s.concepts, kDie | kHopeless | kFarewell | kBurden) &&
      !plan && !distress)
    return {};
  bool there = false;  // 欄干に座ってる, 柵を越えた
  for (const Word& w : s.words) {
    there = there || (lemma_in(w, {"座る", "立つ", "登る", "越える", "乗り越える", "こえる"}) &&
                      has(w.forms, kOngoing | kPast));
  }
  // バンジー直前で断念した, 高いとこ苦手だけどスカイダイビング: a height of a sport or a ride.
  if (s.thrill && !has(s.concepts, kDie | kHopeless | kFarewell | kBurden) && !plan)
    return {};
  const bool dying = has(s.concepts, kDie) && !s.die_idiom;  // not 死ぬ気で (with all one's might)
  if (there || dying || has(s.concepts, kNow | kHopeless | kFarewell | kPlan))
    return {RiskLevel::kCrisis, CrisisKind::kSuicide, true, "m_brink_now"};
  if (has(s.concepts, kDistress | kFear | kSelf | kPull))
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_brink"};
  return {};
}

// この子抱いてベランダから, 子どもと薬を, もう無理。子どもら連れて海に行きます: a child
// taken along to the means or the edge.
Verdict rule_child_means(const Sentence& s) {
  if (!has(s.concepts, kChild) || !has(s.concepts, kTogether) || has(s.concepts, kAbout))
    return {};
  if (has(s.concepts, kBrink | kMethod) ||
      (has(s.concepts, kEdge) && has(s.concepts, kHopeless | kDistress | kDebt)))
    return {RiskLevel::kCrisis, CrisisKind::kSuicide, false, "m_child_means"};
  return {};
}

// どこまで, 何錠, どれくらい: how much of something, asked.
bool asks_how_much(const Sentence& s) {
  return has_lemma(s, {"どこまで", "どれくらい", "どれぐらい", "どのくらい", "何錠", "なんじょう",
                       "いくつ", "何粒", "量", "りょう", "致死量", "ちしりょう", "限度", "上限"}) ||
         (has_lemma(s, {"どこ"}) && has_lemma(s, {"まで"})) ||
         (has_lemma(s, {"どれ", "どの"}) && has_lemma(s, {"くらい", "ぐらい"})) ||
         (has_lemma(s, {"何", "なん"}) && has_lemma(s, {"錠", "粒", "じょう", "個", "こ", "箱"}));
}

// ドアノブに紐かけて首入れてる: several means put together, going on or done.
Verdict rule_means_assembled(const Sentence& s) {
  // 炭と七輪: charcoal is a means beside a grill (炭 alone is 炭治郎, 炭火焼き).
  const int methods =
      s.methods + (has_lemma(s, {"炭", "すみ"}) && (has_lemma(s, {"七輪", "しちりん"}) ||
                                                    (has_lemma(s, {"七"}) && has_lemma(s, {"輪"})))
                       ? 1
                       : 0);
  if (methods < 2 || has(s.concepts, kAbout | kTopic | kHousehold | kEveryday))
    return {};
  // 睡眠薬、風邪薬と一緒に飲んでも大丈夫ですか, お酒と一緒はダメ？: whether two may be taken
  // together.
  if ((has(s.act_forms, kIf) || has_lemma(s, {"一緒", "いっしょ", "併用"})) &&
      has_lemma(s,
                {"大丈夫", "だいじょうぶ", "平気", "問題", "ダメ", "だめ", "駄目", "いい", "よい"}))
    return {};
  // 頭痛薬、飲みすぎ注意って言われたけど一日何錠までならいいの: how much is allowed, asked.
  if (asks_how_much(s) && has_lemma(s, {"まで"}) &&
      has_lemma(s, {"いい", "よい", "良い", "大丈夫", "だいじょうぶ", "平気", "ok", "オッケー"}))
    return {};
  // 寝る前に睡眠導入剤1錠飲んでます: one dose (one to three tablets), with no word of amount, is
  // the medicine taken as it is meant to be.
  if (!has(s.concepts, kAmount)) {
    for (std::size_t i = 0; i + 1 < s.words.size(); ++i) {
      if (s.words[i].pos1 == "数" && lemma_in(s.words[i], {"1", "2", "3", "一", "二", "三"}) &&
          lemma_in(s.words[i + 1], {"錠", "粒", "包", "カプセル", "かぷせる"}))
        return {};
    }
  }
  bool acting = false;
  for (const Word& w : s.words)
    acting = acting || (w.pos == "動詞" && has(w.forms, kOngoing | kPast) && !has(w.forms, kNeg));
  if (acting)
    return {RiskLevel::kCrisis, CrisisKind::kSuicide, true, "m_means_assembled"};
  return {};
}

// 保険金で家族に残せる: life insurance as a way out.
Verdict rule_insurance(const Sentence& s) {
  if (!has(s.concepts, kInsurance) || has(s.concepts, kAbout))
    return {};
  // 生命保険の見直し, 受取人を変更したい, 生命保険に入れますか: the policy as paperwork, with
  // no debt to pay, no plan and no death of one's own.
  if (s.insurance_paperwork && !s.die_verb && !s.real_debt && !has(s.concepts, kPlan))
    return {};
  // 生命保険で返すしかない, 保険金で払えば楽: the policy as the only or the better way.
  const bool only_way = std::any_of(s.words.begin(), s.words.end(),
                                    [](const Word& w) { return has(w.forms, kOnly | kBetter); });
  // ヤミ金に手を出した。…保険入って1年以上たったから、もう使えるはず: a payout and a debt to
  // pay with it (paperwork is left out above).
  if (has(s.concepts, kDie | kPlan | kNow) || s.wish || only_way || s.real_debt)
    return {RiskLevel::kCrisis, CrisisKind::kSuicide, false, "m_insurance_way_out"};
  if (has(s.concepts, kDebt | kHopeless))
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_insurance"};
  return {};
}

// 起きなければいいのに, 明日が来なければ: not waking up, wished for.
Verdict rule_not_wake(const Sentence& s) {
  for (const Word& w : s.words) {
    if (!has(w.concepts, kWake))
      continue;
    const bool wished = has(w.forms, kNeg) && has(w.forms, kIf | kBetter | kWant);
    if (wished || has(s.concepts, kFear))
      return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_not_wake"};
  }
  // 朝が来るとがっかりする, また朝が来たと思うと絶望: morning dreaded for coming at all.
  if (has_lemma(s, {"朝", "あさ"}) && has_lemma(s, {"来る", "くる"}) &&
      has_lemma(s, {"がっかり", "絶望", "うんざり", "ぜつぼう"}) &&
      !has(s.concepts, kAbout | kTopic | kJoke))
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_not_wake"};
  return {};
}

bool names_an_act(const Sentence& s);

// 飲む, 口に入れる, 流し込む: the act is swallowing.
bool swallowed(const Sentence& s) {
  return std::any_of(s.words.begin(), s.words.end(), [](const Word& w) {
    return has(w.concepts, kAct) &&
           lemma_in(w, {"飲む", "のむ", "飲み込む", "流し込む", "入れる", "含む", "ふくむ"});
  });
}

// 薬を全部飲んだ, 手首切った, また切っちゃった, ロープかけた: an act already done or going on.
Verdict rule_act_done(const Sentence& s) {
  if (!has(s.concepts, kAct) || !has(s.act_forms, kPast | kOngoing))
    return {};
  // 飲んだらダメ？: a question about an act, not one done. 飲み忘れたら次の日2錠飲んでいいの:
  // a dose forgotten, asked about.
  if (has(s.act_forms, kNeg | kIf) || has(s.concepts, kAbout) ||
      has_lemma(s, {"飲み忘れる", "飲み忘れ", "のみわすれる"}))
    return {};
  // てんかんの薬、毎日ちゃんと飲んでる: a medicine taken as prescribed, going on, is care.
  if (!has(s.act_forms, kPast) &&
      has_lemma(s, {"ちゃんと", "きちんと", "いつも", "いつもどおり", "処方", "指示", "言わ"}) &&
      !has(s.concepts, kDie | kHopeless | kBurden | kFarewell))
    return {};
  const bool means = has(s.concepts, kMethod);
  // 除草剤を少し口に入れた: a poison swallowed is an act done whatever the amount (spraying
  // it, 農薬をまいた, is not swallowing).
  const bool much = has(s.concepts, kAmount) || (swallowed(s) && has(s.concepts, kPoison));
  // Ongoing alone (薬をたくさん飲んでいる) may be a daily prescription: ask.
  const bool done = has(s.act_forms, kPast) || has(s.concepts, kAgain | kDie | kHopeless);
  if (means && done && (much || has(s.concepts, kAgain | kDie | kHopeless | kDistress)))
    return {RiskLevel::kCrisis, CrisisKind::kSuicide, true, "m_act_done"};
  if (has(s.concepts, kAgain) && has(s.concepts, kSelf | kDistress | kHopeless))
    return {RiskLevel::kCrisis, CrisisKind::kSuicide, true, "m_act_again"};
  // 料理中に包丁で指切った: an everyday cut is not asked about.
  // 何回も落ちてる (an exam, a lottery): an act that needs a means or a height, without one,
  // is not asked about.
  if ((means || (much && has(s.concepts, kAgain) && names_an_act(s))) &&
      !has(s.concepts, kEveryday))
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_act_maybe"};
  return {};
}

// 宇宙の塵になりたい, 灰になりたい, 透明になりたい: a wish to become nothing; どこにも居たくない:
// nowhere one wants to be. Asked about.
Verdict rule_become_nothing(const Sentence& s) {
  if (has(s.concepts, kAbout | kTopic | kJoke) || s.laughing)
    return {};
  for (std::size_t i = 0; i + 2 < s.words.size(); ++i) {
    const Word& v = s.words[i + 2];
    if (lemma_in(s.words[i], {"塵", "ちり", "灰", "はい", "泡", "あわ", "透明", "無", "空気", "星",
                              "ほし", "土", "つち"}) &&
        s.words[i + 1].lemma == "に" && lemma_in(v, {"なる", "還る", "かえる", "戻る"}) &&
        has(v.forms, kWant) && !has(v.forms, kNeg))
      return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_become_nothing"};
  }
  if (has_lemma(s, {"どこ", "どこにも"}) && has_lemma(s, {"も"})) {
    for (const Word& w : s.words) {
      if (lemma_in(w, {"居る", "いる", "おる"}) && has(w.forms, kWant) && has(w.forms, kNeg))
        return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_nowhere_to_be"};
    }
  }
  return {};
}

// 断られたら、もう何もかもやめようと思ってます, もう全部やめたい: giving up everything, willed
// or wished. Asked about.
Verdict rule_give_up_all(const Sentence& s) {
  if (has(s.concepts, kAbout | kTopic | kEveryday | kJoke))
    return {};
  bool everything = has_lemma(s, {"何もかも", "なにもかも"}) ||
                    (has_lemma(s, {"もう"}) && has_lemma(s, {"全部", "ぜんぶ", "全て", "すべて"}));
  // (IPADIC may read 何もかも as 何 + も + かも.)
  for (std::size_t i = 0; i + 2 < s.words.size(); ++i) {
    everything = everything || (lemma_in(s.words[i], {"何", "なに"}) &&
                                s.words[i + 1].lemma == "も" && s.words[i + 2].lemma == "かも");
  }
  if (!everything)
    return {};
  for (const Word& w : s.words) {
    if (lemma_in(w, {"やめる", "止める", "辞める", "終える", "捨てる", "すてる"}) &&
        has(w.forms, kWill | kWant) && !has(w.forms, kNeg))
      return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_give_up_all"};
  }
  return {};
}

// もう何も口にしない。水も3日目 / 三日間水も飲んでない: food and water refused for days —
// asked about; with dying, vanishing or despair in the message, a crisis (the sentences may be
// apart: the message rules).
Verdict rule_no_food_water(const Sentence& s) {
  if (!s.water || !s.for_days || !s.intake_refused || has(s.concepts, kAbout | kTopic))
    return {};
  if (has(s.concepts, kDie | kHopeless | kBurden))
    return {RiskLevel::kCrisis, CrisisKind::kSuicide, false, "m_no_food_water"};
  return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_no_food_water"};
}

// 灯油を畳に撒いた。マッチはある / ガソリンかぶった: fuel spread in the home or over oneself,
// told as done or going on, with a fire at hand or where one lives. A crisis now; the
// sentences may be apart (the message rules).
Verdict rule_fuel_spread(const Sentence& s) {
  if (!has_lemma(s, {"灯油", "とうゆ", "ガソリン", "がそりん", "軽油"}) ||
      has(s.concepts, kAbout | kTopic))
    return {};
  const bool spread = std::any_of(s.words.begin(), s.words.end(), [](const Word& w) {
    return lemma_in(w, {"撒く", "まく", "ばらまく", "撒き散らす", "かぶる", "被る", "浴びる",
                        "あびる", "かける"}) &&
           has(w.forms, kPast | kOngoing) && !has(w.forms, kNeg | kIf);
  });
  const bool fire_or_home =
      has_lemma(s, {"マッチ", "まっち", "ライター", "らいたー", "火", "ひ", "畳", "たたみ", "部屋",
                    "へや", "家", "いえ", "体", "からだ", "頭", "あたま", "布団", "ふとん"});
  if (spread && fire_or_home)
    return {RiskLevel::kCrisis, CrisisKind::kSuicide, true, "m_fuel_spread"};
  return {};
}

// 腕つねりすぎてアザだらけ, 太ももを引っかいて傷だらけ: hurting one's own body, and the marks
// it leaves. Asked about.
Verdict rule_injury_marks(const Sentence& s) {
  if (!has(s.concepts, kAct) || has(s.concepts, kAbout | kTopic | kEveryday))
    return {};
  const bool body = has_lemma(s, {"腕", "うで", "手首", "てくび", "太もも", "ふともも", "首", "手",
                                  "足", "肌", "頭", "体", "からだ"});
  const bool marks =
      has_lemma(s, {"アザ", "あざ", "痣", "傷", "きず", "傷跡", "内出血", "血", "だらけ", "跡"});
  if (body && marks)
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_injury_marks"};
  return {};
}

// 台所で包丁眺めてる, 夜になると手首をじっと見てしまう, 夜中に橋の上で川見てた: a means or a
// height gazed at, for a long time or at night. Asked about.
Verdict rule_means_gazed(const Sentence& s) {
  if (!has(s.concepts, kMethod) || has(s.concepts, kAbout | kTopic | kEveryday | kGrief) ||
      s.laughing)
    return {};
  bool long_look = false;  // じっと, ずっと, ぼーっと before a verb of seeing
  // 夜中に橋の上で川見てた: at night, alone with a means or a height.
  const bool night = has_lemma(s, {"夜中", "よなか", "深夜", "真夜中"});
  for (const Word& w : s.words) {
    if (lemma_in(w, {"じっと", "ずっと", "ぼーっと", "ぼんやり", "ぼうっと"})) {
      long_look = true;
      continue;
    }
    // カッター見ると落ち着かない: seeing it stirs something.
    const bool unsettled = has_lemma(s, {"落ち着く", "おちつく", "ざわざわ", "そわそわ", "衝動"});
    const bool gazing = lemma_in(w, {"眺める", "ながめる", "見つめる", "みつめる"}) ||
                        ((long_look || night || unsettled) && lemma_in(w, {"見る", "みる"}));
    if (gazing && !has(w.forms, kNeg | kWant))
      return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_means_gazed"};
  }
  return {};
}

// 消えたいってほどじゃないけど、かなり近い: a wish to die said to be not quite there, but near.
// Asked about.
Verdict rule_die_near(const Sentence& s) {
  if (has(s.concepts, kDie) && has(s.die_forms, kWant) && has(s.die_forms, kDegree | kNeg) &&
      !has(s.concepts, kAbout | kTopic) &&
      has_lemma(s, {"近い", "ちかい", "寸前", "ギリギリ", "ぎりぎり", "手前"}))
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_die_near"};
  return {};
}

// 消えても誰も気づかない, いなくなっても誰も困らない: gone, and no one would mind. Asked about
// (also when a wish is hedged beside it: 消えたいってほどじゃないけど).
Verdict rule_unmissed(const Sentence& s) {
  if (has(s.concepts, kAbout | kTopic))
    return {};
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    if (has(s.words[i].concepts, kDie) && nobody_minds(s.words, i + 1))
      return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_unmissed"};
    // 自分なんかいなくても誰も困らない, うちなんかおらんくても: oneself not being here (いる,
    // おる negated, the writer named just before), and nobody would mind.
    const Word& w = s.words[i];
    if (lemma_in(w, {"いる", "居る", "おる"}) && i + 1 < s.words.size() &&
        lemma_in(s.words[i + 1], {"ない", "ん", "ぬ", "ず"}) && nobody_minds(s.words, i + 2)) {
      for (std::size_t k = i >= 3 ? i - 3 : 0; k < i; ++k) {
        if (has(s.words[k].concepts, kSelf))
          return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_unmissed"};
      }
    }
  }
  return {};
}

// 睡眠薬を少しずつためてる, 薬を病院で多めにもらっておいた: a means saved up. Asked about.
Verdict rule_means_saved(const Sentence& s) {
  if (!has(s.concepts, kMethod) || !has(s.concepts, kAmount) ||
      has(s.concepts, kAbout | kTopic | kEveryday | kHousehold))
    return {};
  if (has_lemma_with(s,
                     {"ためる", "溜める", "貯める", "集める", "隠す", "かくす", "取っておく",
                      "とっておく", "おく", "置く"},
                     0, kNeg))
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_means_saved"};
  return {};
}

// 「お前の人生終わらせてやる」ってDM来た: an end, or harm, promised to "you" — a threat the
// writer was sent. Asked about.
Verdict rule_threat_sent(const Sentence& s) {
  if (!has_lemma(s, {"お前", "おまえ", "てめえ", "てめー", "貴様", "きさま", "おめえ"}) ||
      has(s.concepts, kAbout | kTopic))
    return {};
  // 「お前なんかいつでもどうにでもできる」って笑いながら言う: a threat said laughing is still
  // a threat.
  if (surface_has(s, {"どうにでも", "覚えとけ", "覚えてろ", "おぼえとけ", "ただじゃ", "ただで済"}))
    return {RiskLevel::kCheck, CrisisKind::kViolence, false, "m_threat_sent"};
  for (std::size_t i = 0; i + 1 < s.words.size(); ++i) {
    if (!has(s.words[i].concepts, kDie | kHarm))
      continue;
    for (std::size_t k = i + 1; k < s.words.size() && k <= i + 3; ++k) {
      if (lemma_in(s.words[k], {"やる", "ぞ", "からな"}))
        return {RiskLevel::kCheck, CrisisKind::kViolence, false, "m_threat_sent"};
    }
  }
  return {};
}

// 彼、怒ると物を投げる。…怖い: someone who throws or breaks things in anger, feared (also across
// sentences). Asked about.
Verdict rule_rage_feared(const Sentence& s) {
  if (has(s.concepts, kPerson) && has(s.concepts, kFear) && has(s.concepts, kRage) &&
      !has(s.concepts, kAbout | kTopic | kJoke))
    return {RiskLevel::kCheck, CrisisKind::kViolence, false, "m_rage_feared"};
  return {};
}

// ママにベランダに出された、さむい: a child put out of the house, in the cold or crying.
Verdict rule_shut_out(const Sentence& s) {
  if (has(s.concepts, kAbout | kTopic) ||
      !has_lemma(s, {"ベランダ", "べらんだ", "外", "そと", "玄関", "廊下", "家の外"}))
    return {};
  if (has_lemma_with(s, {"出す", "だす", "追い出す", "締め出す"}, kPassive, kNeg) &&
      (has(s.concepts, kPerson | kFear) ||
       has_lemma(s, {"寒い", "さむい", "泣く", "なく", "入れる", "はいる", "入る"})))
    return {RiskLevel::kCrisis, CrisisKind::kViolence, true, "m_shut_out"};
  return {};
}

// 「痛くない方法」って検索しちゃった, 苦しくない死に方, ずーっと眠っていられる薬: a way that
// does not hurt, or a sleep that does not end, looked for. Asked about.
Verdict rule_painless_way(const Sentence& s) {
  if (has(s.concepts, kAbout | kTopic | kEveryday | kHousehold))
    return {};
  for (std::size_t i = 0; i + 1 < s.words.size(); ++i) {
    const Word& w = s.words[i];
    const bool painless = lemma_in(w, {"痛い", "いたい", "苦しい", "くるしい"}) &&
                          (has(w.forms, kNeg) || lemma_in(s.words[i + 1], {"ない", "ず"}));
    if (!painless)
      continue;
    for (std::size_t k = i + 1; k < s.words.size() && k <= i + 4; ++k) {
      if (lemma_in(s.words[k], {"方法", "ほうほう", "やり方", "死に方", "しにかた", "死", "薬"}))
        return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_painless_way"};
    }
  }
  bool forever = false;
  for (const Word& w : s.words) {
    forever = forever || lemma_in(w, {"永遠", "えいえん", "永久", "一生", "ずーっと", "ずうっと"});
    if (forever && lemma_in(w, {"眠る", "ねむる", "寝る", "ねる"}) &&
        (has(s.concepts, kMethod) || has(w.forms, kWant)))
      return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_sleep_forever"};
  }
  return {};
}

// 声が「お前のせいだ」って言ってくる, 死ねって声が聞こえる: a voice that speaks to the writer,
// blaming or ordering. Asked about.
Verdict rule_voices(const Sentence& s) {
  if (!has_lemma(s, {"声", "こえ", "幻聴"}) || has(s.concepts, kAbout | kTopic | kJoke))
    return {};
  bool speaks = false;
  for (const Word& w : s.words)
    speaks = speaks || lemma_in(w, {"聞こえる", "きこえる", "命令", "責める"}) ||
             (lemma_in(w, {"言う", "いう"}) && has(w.forms, kComing | kOngoing));
  if (speaks && (has(s.concepts, kDie | kHarm) ||
                 has_lemma(s, {"お前", "おまえ", "せい", "消えろ", "死ね", "幻聴"})))
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_voices"};
  return {};
}

// 飛ぶしかないか〜(物理): a jump, "physically" — the net's mark that the figure (to run off) is
// meant as it is.
Verdict rule_jump_literal(const Sentence& s) {
  if (!has_lemma(s, {"物理", "ぶつり"}))
    return {};
  for (const Word& w : s.words) {
    if (lemma_in(w, {"飛ぶ", "とぶ", "跳ぶ", "飛び降りる"}) && !has(w.forms, kPast) &&
        (!has(w.forms, kNeg) || has(w.forms, kOnly)))
      return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_jump_literal"};
  }
  return {};
}

// 同じ日に同じやり方で行こうと思う: the same way, the same day, as one who died — going
// after them, the means unsaid. Asked about (with a death grieved, conclude() answers it).
Verdict rule_same_way(const Sentence& s) {
  if (!has_lemma(s, {"同じ", "おなじ"}) || !has(s.concepts, kPlan) ||
      has(s.concepts, kAbout | kTopic | kEveryday))
    return {};
  if (has_lemma_with(s, {"行く", "いく", "逝く", "する", "やる", "死ぬ"}, kWill | kWant, kNeg))
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_same_way"};
  return {};
}

// 死んでお詫びします, 命で償う, 同じとこから落ちて責任取る: dying, one's life or a fall from
// the same place as the way to make amends — a decision told. A crisis; said laughing, as a
// joke or over an everyday slip (寝坊したので死んでお詫びします), asked about. Amends asked of
// someone (死んで詫びろ), refused or only supposed (死んでも償えない, 死んだら償える) are not this.
Verdict rule_die_atone(const Sentence& s) {
  if (!has(s.concepts, kAtone) || has(s.concepts, kAbout | kTopic))
    return {};
  for (const Word& w : s.words) {
    if (has(w.concepts, kAtone) &&
        (w.cform.rfind("命令", 0) == 0 || has(w.forms, kNeg | kIf | kPast | kDegree)))
      return {};
  }
  const bool dying = has(s.concepts, kDie) && !s.die_idiom &&
                     !has(s.die_forms, kNeg | kIf | kDegree | kSeem | kPast);
  const bool life = has_lemma(s, {"命", "いのち"});
  // 同じとこから落ちて: a fall from where someone fell.
  bool fall = false;
  const bool same = has_lemma(s, {"同じ", "おなじ"});
  for (std::size_t i = 1; same && i < s.words.size(); ++i) {
    fall = fall || (lemma_in(s.words[i], {"落ちる", "おちる", "飛ぶ", "とぶ"}) &&
                    s.words[i - 1].lemma == "から" && !has(s.words[i].forms, kPast | kNeg | kIf));
  }
  if (!dying && !life && !fall && !has(s.concepts, kMethod | kBrink))
    return {};
  if (s.laughing || has(s.concepts, kJoke | kEveryday))
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_die_atone"};
  return {RiskLevel::kCrisis, CrisisKind::kSuicide, has(s.concepts, kNow), "m_die_atone"};
}

// 面談した生徒が、今日の放課後に線路に行くと話しています, 友達が今夜ダムに行くって言ってる:
// someone else's plan to go to a brink soon, passed on by the one who heard it — their
// danger now, as a date set in someone's own words is (a story, the news or a lesson aside).
Verdict rule_other_brink_now(const Sentence& s) {
  if (!has(s.concepts, kBrink) || !has(s.concepts, kNow) || !has(s.concepts, kAbout | kTopic) ||
      has(s.concepts, kStudy | kEveryday | kJoke | kGrief | kDwelling) || s.laughing)
    return {};
  bool person = false;
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    const Word& w = s.words[i];
    if (!has(w.concepts, kAbout | kTopic))
      continue;
    // (利用者 is 利用 + 者 to IPADIC: the compound is the two surfaces.)
    const std::string joined = i > 0 ? s.words[i - 1].surface + w.surface : w.surface;
    constexpr std::array<std::string_view, 16> kPeople = {
        "友達", "ともだち", "友人",   "ゆうじん", "生徒",       "せいと", "利用者", "りようしゃ",
        "患者", "かんじゃ", "相談者", "同僚",     "どうりょう", "知人",   "ちじん", "学生"};
    if (std::find(kPeople.begin(), kPeople.end(), w.lemma) == kPeople.end() &&
        std::find(kPeople.begin(), kPeople.end(), joined) == kPeople.end())
      return {};  // a story, the news or a lesson: the brink is theirs
    person = true;
  }
  if (!person)
    return {};
  // Going there, told as what they will do (線路に行く, 屋上へ向かう), not done or not done
  // (行かない); the brink is where they go (not 屋上で日向ぼっこに行く).
  for (std::size_t i = 2; i < s.words.size(); ++i) {
    const Word& w = s.words[i];
    if (!lemma_in(w, {"行く", "いく", "向かう", "むかう"}) || has(w.forms, kNeg) ||
        !lemma_in(s.words[i - 1], {"に", "へ", "まで"}) || !has(s.words[i - 2].concepts, kBrink))
      continue;
    // (行くと話しています: the と of words passed on, which IPADIC reads as an if; a few words
    // may come between, 行くと具体的に話して.)
    bool passed_on = false;
    for (std::size_t k = i + 2; k < s.words.size() && k <= i + 5 && s.words[i + 1].lemma == "と";
         ++k)
      passed_on = passed_on || lemma_in(s.words[k], {"話す", "はなす", "言う", "いう", "書く"});
    // (Words passed on carry the telling's time, 向かうと話していました: their verb is in its
    // plain form.)
    if (passed_on ? w.cform == "基本形" : !has(w.forms, kPast | kIf))
      return {RiskLevel::kCrisis, CrisisKind::kSuicide, true, "m_other_brink_now"};
  }
  return {};
}

// 押し入れのつっぱり棒、体重に耐えられるか見てた, ドアノブに体重かけても外れないか試した: a
// fixture tested for one's weight — a hanging point checked. A crisis; asked about when only
// wondered (the fixture and the weight in two sentences: conclude).
// A fixture or a means and whether it bears or breaks; exercise, furniture and a child's
// weight are other matters (懸垂, ベッド, 耐荷重).
bool fixture_bears(const Sentence& s) {
  if (surface_has(s, {"懸垂", "けんすい", "筋トレ", "鉄棒", "ぶら下がり健康", "ハンモック",
                      "ベッド", "べっど", "椅子", "いす", "棚", "耐荷重", "買", "購入", "家具",
                      "体重計", "ダイエット", "だいえっと"}))
    return false;
  const bool fixture =
      has(s.concepts, kMethod) ||
      has_lemma(s, {"棒",     "ぼう",   "ポール", "ぽーる", "梁",     "はり", "フック",
                    "ふっく", "鴨居",   "かもい", "手すり", "てすり", "柱",   "はしら",
                    "配管",   "パイプ", "ぱいぷ", "ロフト", "ろふと", "枝",   "えだ"}) ||
      surface_has(s, {"れーる", "物干し", "ものほし"});
  return fixture && has_lemma(s, {"耐える", "たえる", "支える", "ささえる", "もつ", "持つ",
                                  "かける", "掛ける", "折れる", "おれる", "外れる", "はずれる"});
}

// (Both marks are set before the rules run: s.fixture_bears already leaves out talk of others,
// a subject, everyday use, a joke, a child and laughter.)
Verdict rule_weight_tested(const Sentence& s) {
  if (!s.body_weight || !s.fixture_bears)
    return {};
  if (has_lemma_with(s,
                     {"見る", "みる", "試す", "ためす", "確かめる", "たしかめる", "調べる",
                      "しらべる", "確認", "かくにん"},
                     0, kNeg | kWant))
    return {RiskLevel::kCrisis, CrisisKind::kSuicide, false, "m_weight_tested"};
  return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_weight_tested"};
}

// 元夫が出所して、うちの場所を探してるって聞いた: someone looking for where the writer lives.
// Asked about.
Verdict rule_sought_out(const Sentence& s) {
  if (!has(s.concepts, kPerson) || has(s.concepts, kAbout | kTopic | kJoke) ||
      !has_lemma(s, {"場所", "住所", "居場所", "家", "うち", "引っ越し先", "避難先"}))
    return {};
  // The one searching is someone else (元夫が探してる), not the writer searching for a place
  // for someone (息子に障害があり、卒業後の居場所を探しています).
  // (The person named as the subject, or the search done to the writer: 探されてる.)
  bool someone_searches = has_lemma_with(s, {"探す", "さがす", "嗅ぎ回る", "調べる"}, kPassive, 0);
  for (std::size_t i = 0; i + 1 < s.words.size(); ++i) {
    someone_searches = someone_searches || (has(s.words[i].concepts, kPerson) &&
                                            lemma_in(s.words[i + 1], {"が", "は", "も", "って"}));
  }
  if (someone_searches &&
      has_lemma_with(s, {"探す", "さがす", "嗅ぎ回る", "調べる"}, kOngoing, kNeg))
    return {RiskLevel::kCheck, CrisisKind::kViolence, false, "m_sought_out"};
  return {};
}

// 彼が私の位置情報をいつも見てて、返信遅いと家の前に来る: someone who tracks where the writer
// is. Asked about.
Verdict rule_tracked(const Sentence& s) {
  if (!has(s.concepts, kPerson) || has(s.concepts, kAbout | kTopic | kJoke))
    return {};
  if (surface_has(s, {"位置情報", "いちじょうほう", "gps", "じーぴーえす"}) &&
      has_lemma(s, {"見る", "みる", "監視", "チェック", "ちぇっく", "入れる", "把握"}))
    return {RiskLevel::kCheck, CrisisKind::kViolence, false, "m_tracked"};
  return {};
}

// 鎮痛剤、どこまで飲んだら危ない？, 睡眠薬って何錠から危険？: how much of a medicine is
// dangerous, asked. Asked about in turn.
Verdict rule_dose_asked(const Sentence& s) {
  if (!(has(s.concepts, kMethod) || has_lemma(s, {"飲む", "のむ"})) ||
      has(s.concepts, kAbout | kTopic))
    return {};
  const bool danger = has_lemma(s, {"危ない", "あぶない", "危険", "きけん", "致死量", "ちしりょう",
                                    "やばい", "多すぎる", "限度", "上限"});
  if (danger && asks_how_much(s))
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_dose_asked"};
  return {};
}

// もう長くない気がする: not long left, felt. Asked about.
Verdict rule_not_long(const Sentence& s) {
  if (has(s.concepts, kAbout | kTopic) || !has_lemma(s, {"もう", "もー"}))
    return {};
  for (std::size_t i = 0; i + 1 < s.words.size(); ++i) {
    if (lemma_in(s.words[i], {"長い", "ながい"}) &&
        (has(s.words[i].forms, kNeg) || lemma_in(s.words[i + 1], {"ない"})))
      return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_not_long"};
  }
  return {};
}

// 手首から血が出てる, 血が止まらない: bleeding from a cut, now.
Verdict rule_bleeding(const Sentence& s) {
  if (!has(s.concepts, kMethod) || has(s.concepts, kEveryday | kAbout | kTopic))
    return {};
  bool blood = false;
  bool flowing = false;
  for (const Word& w : s.words) {
    blood = blood || w.lemma == "血";
    flowing = flowing || ((w.lemma == "出る" || w.lemma == "でる") && has(w.forms, kOngoing)) ||
              ((w.lemma == "止まる" || w.lemma == "とまる") && has(w.forms, kNeg));
  }
  if (blood && flowing)
    return {RiskLevel::kCrisis, CrisisKind::kSuicide, true, "m_bleeding"};
  return {};
}

// Collapsed, not moving, not answering or barely responding (倒れてた, ぐったり, 動かない,
// 反応が薄い, 意識がない, 返事がない), not as a wish or a condition.
bool found_collapsed(const Sentence& s) {
  const bool lacking = has_lemma(s, {"ない", "無い", "薄い", "うすい", "鈍い", "にぶい"});
  for (const Word& w : s.words) {
    if (has(w.forms, kIf | kWant))
      continue;
    if (lemma_in(w, {"倒れる", "たおれる", "ぐったり", "気絶", "意識不明", "ぶら下がる",
                     "ぶらさがる"}) ||
        (lemma_in(w, {"反応", "はんのう", "意識", "いしき", "返事", "へんじ"}) && lacking) ||
        (lemma_in(w, {"動く", "うごく", "起きる", "おきる", "答える", "こたえる"}) &&
         has(w.forms, kNeg)))
      return true;
  }
  return false;
}

// 利用者さんが首にタオル巻いて倒れてた, 床に薬のシートが大量に落ちてて呼びかけても反応が薄い,
// 手首から血を流してぐったりしてる: someone found collapsed or not responding with a cord
// round the neck, a means in quantity or blood. An emergency whoever it is (a carer's or a
// worker's report about a resident or a client too): 119 first.
Verdict rule_found_collapsed(const Sentence& s) {
  const bool neck_cord =
      has_lemma(s, {"首", "くび"}) &&
      has_lemma(s, {"タオル",   "たおる",   "紐",       "ひも",   "ロープ",   "ろーぷ",
                    "ベルト",   "べると",   "コード",   "こーど", "ケーブル", "けーぶる",
                    "ネクタイ", "ねくたい", "縄",       "なわ",   "マフラー", "まふらー",
                    "スカーフ", "すかーふ", "ストール", "帯"});
  const bool blood = has_lemma(s, {"血", "ち", "出血"});
  const bool means =
      (has(s.concepts, kMethod) && has(s.concepts, kAmount)) || has(s.concepts, kPoison) || blood;
  // 手首から血を流してた: blood flowing from a wrist or an arm, found (told as past or going on).
  bool bleeding = false;
  // (猫に引っかかれて手首から血出た: a scratch or a bite from an animal, or a fall.)
  const bool mishap = has_lemma(s, {"猫", "ねこ", "犬", "いぬ", "引っかく", "ひっかく", "噛む",
                                    "かむ", "転ぶ", "ころぶ", "こける", "ぶつける"});
  if (blood && !mishap && has_lemma(s, {"手首", "てくび", "腕", "うで"})) {
    for (const Word& w : s.words) {
      if (lemma_in(w, {"流す", "ながす", "流れる", "ながれる", "出る", "でる"}) &&
          has(w.forms, kPast | kOngoing) && !has(w.forms, kNeg | kIf))
        bleeding = true;
    }
  }
  if (has(s.concepts, kStudy) || !(bleeding || ((neck_cord || means) && found_collapsed(s))))
    return {};
  return {RiskLevel::kCrisis, CrisisKind::kSuicide, true, "m_found_collapsed"};
}

// このまま消えていきそう, このまま死んじゃいそう: fading away, said as where things are going.
// Asked about (a figure said laughing or beside a pastime is left alone).
Verdict rule_fading(const Sentence& s) {
  if (!has_lemma(s, {"このまま", "まま"}) || s.laughing ||
      has(s.concepts, kAbout | kTopic | kEveryday | kJoke))
    return {};
  // このままフェードアウトしたい: fading out of everything, wished.
  if (s.wish && has_lemma(s, {"フェードアウト", "ふぇーどあうと"}))
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_fading"};
  if (!has(s.concepts, kDie) || !has(s.die_forms, kSeem))
    return {};
  return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_fading"};
}

// 灯油かぶった, 元栓開けた, 首吊った: an act that kills by itself, done or going on.
Verdict rule_fatal_act(const Sentence& s) {
  if (has(s.concepts, kFatal) && !has(s.concepts, kAbout | kTopic | kHousehold) &&
      !has(s.act_forms | s.fatal_forms, kNeg | kIf) &&
      has(s.fatal_forms, kPast | kOngoing | kFinal))
    return {RiskLevel::kCrisis, CrisisKind::kSuicide, true, "m_fatal_act"};
  return {};
}

// 生きるのめんどくさ, 生きるのがつらい, 生きとっても仕方なか: tired of living.
Verdict rule_tired_of_living(const Sentence& s) {
  if (has(s.concepts, kLive) &&
      (has(s.concepts, kHopeless | kDistress) ||
       has_lemma(s, {"面倒", "めんどう", "めんどい", "だるい", "しんどい"})) &&
      !has(s.concepts, kAbout | kTopic))
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_tired_of_living"};
  return {};
}

// もう全部どうでもいい, 限界。もう無理: giving up.
Verdict rule_giving_up(const Sentence& s) {
  bool mou = false;
  for (const Word& w : s.words)
    mou = mou || w.lemma == "もう" || w.lemma == "もー";
  if (!mou || has(s.concepts, kAbout | kTopic | kEveryday))
    return {};
  if (has(s.concepts, kHopeless) || s.give_up)
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_giving_up"};
  return {};
}

// もう帰らないつもり, もう戻らない: never coming back, said as a plan or a last word. Asked
// about; with a goodbye or a wish to vanish in the same message it is a crisis (two signals).
Verdict rule_no_return(const Sentence& s) {
  if (has(s.concepts, kAbout | kTopic | kEveryday))
    return {};
  bool mou = false;
  bool no_return = false;
  for (const Word& w : s.words) {
    mou = mou || lemma_in(w, {"もう", "もー", "二度と"});
    no_return = no_return || (lemma_in(w, {"帰る", "かえる", "戻る", "もどる"}) &&
                              has(w.forms, kNeg) && !has(w.forms, kPast | kIf | kWant));
  }
  if (mou && no_return && (has(s.concepts, kPlan) || s.words.size() <= 8))
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_no_return"};
  return {};
}

// 楽になる方法, 死ぬ場所: dying with a plan named, asked about.
Verdict rule_die_plan(const Sentence& s) {
  if (has(s.concepts, kDie) && has(s.concepts, kPlan) && !has(s.concepts, kAbout | kTopic) &&
      !s.die_quoted && !s.die_idiom && !has(s.die_forms, kDegree | kSeem | kPast | kNeg)) {
    // 逝くのは申し訳ないけど、今夜実行します: with a time now, a crisis.
    if (has(s.concepts, kNow))
      return {RiskLevel::kCrisis, CrisisKind::kSuicide, true, "m_die_plan_now"};
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_die_plan"};
  }
  // 弟が「死ぬ」って言ってて、日付まで決めてる: someone else's death told with their plan.
  if (has(s.concepts, kDie) && has(s.concepts, kPlan) && s.die_quoted &&
      !has(s.concepts, kAbout | kTopic) && !has(s.die_forms, kDegree | kSeem | kPast | kNeg))
    return {RiskLevel::kCrisis, CrisisKind::kSuicide, false, "m_die_plan_told"};
  return {};
}

// A means named that is not medicine in general (紐, 練炭, ナイフ; not 薬, 錠).
bool means_beyond_medicine(const Sentence& s) {
  static constexpr std::array<std::string_view, 6> kMedicine = {"薬",   "くすり", "錠",
                                                                "錠剤", "処方薬", "市販薬"};
  for (const Word& w : s.words) {
    if (has(w.concepts, kMethod) &&
        std::find(kMedicine.begin(), kMedicine.end(), w.lemma) == kMedicine.end())
      return true;
  }
  return false;
}

// 全部, 大量, ためてた, 一箱: an amount that is a stock (not only a drink: お酒, アルコール).
bool stock_named(const Sentence& s) {
  for (const Word& w : s.words) {
    if (has(w.concepts, kAmount) && !lemma_in(w, {"酒", "お酒", "アルコール", "何回", "なんかい"}))
      return true;
  }
  return false;
}

// 用意, 準備: made ready.
bool made_ready(const Sentence& s) {
  return has_lemma(s, {"用意", "準備", "ようい", "じゅんび"});
}

// 買った, 注文した, 取り寄せた: a means got hold of.
bool acquired(const Sentence& s) {
  return has_lemma(s, {"買う", "かう", "注文", "購入", "取り寄せる", "ポチる", "ぽちる", "通販",
                       "届く", "とどく", "入手", "手に入れる"});
}

// 決行, 実行: carrying it out.
bool carries_out(const Sentence& s) {
  return has_lemma(s, {"決行", "実行"});
}

// 飛び降りたい, 首吊ろう, 今から線路に行く, 薬をためてる: a means with a wish, a plan or now.
Verdict rule_act_plan(const Sentence& s) {
  const bool carry_out = carries_out(s);
  if (!has(s.concepts, kAct | kMethod) && !carry_out)
    return {};
  // 首を吊りたい, クレーンから吊るのが一番早い: the act wished, willed or named the best way.
  const bool act_wish = has(s.concepts, kAct) && has(s.act_forms, kWant | kWill | kBest) &&
                        !has(s.act_forms, kNeg) && has(s.concepts, kMethod | kEdge);
  // お薬カレンダー, 飲み忘れ: medicine planned as everyday care is not a plan to die.
  const bool planned =
      (has(s.concepts, kMethod) && has(s.concepts, kPlan) &&
       has(s.concepts, kDie | kAct | kAmount) &&
       (has(s.concepts, kDie) || !has(s.concepts, kEveryday))) ||
      // 100錠になった。今夜使う: a stock and a time (処方されてる薬を今日の飲み会
      // でお酒と一緒に: a prescription and a drink, no stock).
      (has(s.concepts, kMethod) && has(s.concepts, kAmount) && has(s.concepts, kNow) &&
       !has(s.concepts, kEveryday | kTopic) && !(s.prescribed && !s.stock)) ||
      // 次の快速で飛び込む: the act said plainly, at the edge.
      (has(s.concepts, kAct) && has(s.act_forms, kFinal | kWill) &&
       !has(s.act_forms, kNeg | kPast) && has(s.concepts, kEdge | kBrink)) ||
      // 今夜、紐を用意した: a means other than everyday medicine got ready, and
      // a time now (今夜の薬を用意した is a carer's evening).
      (means_beyond_medicine(s) && made_ready(s) && has(s.concepts, kNow) &&
       !has(s.concepts, kEveryday | kTopic | kHousehold | kAbout)) ||
      // 「確実な方法」を検索して、ロープを注文していた: a means bought or
      // ordered, with a way looked up or a time now.
      (means_beyond_medicine(s) && acquired(s) && has(s.concepts, kPlan | kNow) &&
       !has(s.concepts, kEveryday | kTopic | kHousehold));
  if (act_wish || planned) {
    const bool now = has(s.concepts, kNow);
    return {RiskLevel::kCrisis, CrisisKind::kSuicide, now, "m_act_plan"};
  }
  if (has(s.concepts, kMethod) && has(s.concepts, kAmount) && has(s.concepts, kAct) &&
      has(s.act_forms, kPast | kWant | kWill | kIf) && !has(s.concepts, kAbout | kTopic))
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_means_amount"};
  // 今から飛びます, これから飛び降ります, 今夜決行します: the act, or carrying it out, and a time
  // now, and nothing else said.
  if (has(s.concepts, kNow) && ((has(s.concepts, kAct) && has(s.act_forms, kFinal | kWill) &&
                                 !has(s.act_forms, kNeg | kPast | kIf)) ||
                                carry_out)) {
    int content = 0;
    for (const Word& w : s.words)
      content += is_content(w) && !has(w.concepts, kAct | kNow) && w.lemma != "決行" &&
                         w.lemma != "実行" && w.lemma != "する"
                     ? 1
                     : 0;
    if (content == 0)
      return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_act_now"};
  }
  return {};
}

// 生きたくない, 生きていたくない, 生きる意味がない.
Verdict rule_no_will_to_live(const Sentence& s) {
  if (!has(s.concepts, kLive))
    return {};
  if (has(s.live_forms, kWant) && has(s.live_forms, kNeg))
    return {RiskLevel::kCrisis, CrisisKind::kSuicide, false, "m_live_not_want"};
  // 生きる意味 / 価値 / 希望 with a negation somewhere in the sentence.
  bool neg = false;
  for (const Word& w : s.words) {
    if ((w.pos == "助動詞" || w.pos == "形容詞") &&
        (w.lemma == "ない" || w.lemma == "無い" || w.lemma == "ぬ" || w.lemma == "ん"))
      neg = true;
    if (w.lemma == "わからない" || w.lemma == "分からない")
      neg = true;
  }
  if (neg && has(s.concepts, kHopeless))
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_live_no_meaning"};
  if (has(s.live_forms, kNeg) && has(s.concepts, kDistress | kHopeless))
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_cannot_live"};
  // もう生きていけん, この先生きていける気がせん: not able to go on living, said of now or
  // what lies ahead (not お金がないと生きていけない, a fact of life).
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    if (!has(s.words[i].concepts, kLive))
      continue;
    bool go_on = false;
    bool cannot = false;
    for (std::size_t k = i + 1; k < s.words.size() && k <= i + 7; ++k) {
      const Word& w = s.words[k];
      const bool can_go = lemma_in(w, {"いける", "行ける", "ゆける"});
      go_on = go_on || can_go;
      // いけん is one word to IPADIC: the negation is in its surface.
      cannot = cannot ||
               (can_go && w.surface.size() >= 3 &&
                w.surface.compare(w.surface.size() - 3, 3, "ん") == 0) ||
               (go_on && (w.pos == "助動詞" || w.pos == "形容詞") &&
                lemma_in(w, {"ない", "無い", "ん", "ぬ", "ず"}));
    }
    if (go_on && cannot && has_lemma(s, {"もう", "先", "気", "無理", "これ以上", "この先"}))
      return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_cannot_go_on"};
  }
  return {};
}

// 子どもと一緒に消えたい / 死のう, 道連れ: taking a child along.
Verdict rule_child_along(const Sentence& s) {
  // 私たちがいなくなったら、この子は: after the parents are gone (if), a worry, not a plan.
  const bool only_if =
      has(s.die_forms, kIf) && !has(s.die_forms, kWant | kWill | kOnly | kBetter | kFinal);
  if (has(s.concepts, kChild) && has(s.concepts, kTogether) && has(s.concepts, kDie) &&
      !has(s.die_forms, kDegree | kSeem) && !has(s.concepts, kAbout) && !only_if)
    return {RiskLevel::kCrisis, CrisisKind::kSuicide, false, "m_child_along"};
  return {};
}

// 死んで借金を返す, 保険金で払う: dying to pay.
// 親が死んだあとに借金があるとわかった: a death told as past (死んだ, with no if, wish or will)
// is someone else's, and the debt is an estate's.
// 父が死んで借金が残った, 夫は亡くなって: the sentence's one word of dying is a verb of death
// whose subject is someone named just before it (a kPerson word with が or は), and the
// writer is not named before it (親が死んだら俺も終わりにする has a dying of one's own after).
bool someone_else_dies(const Sentence& s) {
  bool other = false;
  bool dies = false;
  for (const Word& w : s.words) {
    if (has(w.concepts, kDie)) {
      if (dies || !other ||
          !lemma_in(w, {"死ぬ", "しぬ", "亡くなる", "なくなる", "死亡", "死去", "他界", "逝く"}))
        return false;
      dies = true;
      continue;
    }
    if (dies)
      continue;
    if (has(w.concepts, kSelf))
      return false;
    if (has(w.concepts, kPerson))
      other = true;
    else if (other && !lemma_in(w, {"が", "は"}))
      other = false;
  }
  return dies;
}

Verdict rule_die_for_debt(const Sentence& s) {
  const bool death_past =
      has(s.die_forms, kPast) && !has(s.die_forms, kIf | kBetter | kWant | kWill | kOnly);
  if (has(s.concepts, kDebt) && has(s.concepts, kDie) && !has(s.die_forms, kDegree | kSeem) &&
      !has(s.concepts, kAbout) && !death_past &&
      !(someone_else_dies(s) && !has(s.die_forms, kWant | kOnly | kBetter | kWill)))
    return {RiskLevel::kCrisis, CrisisKind::kSuicide, false, "m_die_for_debt"};
  return {};
}

// 線路に吸い込まれそう, ホームで引き寄せられる: drawn to the edge.
Verdict rule_drawn(const Sentence& s) {
  if (has(s.concepts, kPull) && has(s.concepts, kEdge) && !has(s.concepts, kAbout))
    return {RiskLevel::kCrisis, CrisisKind::kSuicide, false, "m_drawn_to_edge"};
  return {};
}

// 迷惑かけるだけ, 私なんかいないほうが: being a burden.
// 重荷になってる, お荷物になるだけ: becoming a burden, told with no subject, which in Japanese
// is the writer. Only the nouns of a burden one is (not 迷惑をかける or 余計ひどくなる, which
// are everyday).
bool becomes_burden(const Sentence& s) {
  static constexpr std::array<std::string_view, 7> kNouns = {
      "重荷", "おもに", "お荷物", "おにもつ", "荷物", "足手まとい", "あしでまとい"};
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    if (std::find(kNouns.begin(), kNouns.end(), s.words[i].lemma) == kNouns.end())
      continue;
    for (std::size_t k = i + 1; k < s.words.size() && k <= i + 3; ++k) {
      if (s.words[k].lemma == "なる")
        return !has(s.concepts, kPerson | kAbout | kTopic);
    }
  }
  return false;
}

// 私が母親じゃない方がこの子は幸せ。…それから私は海に行く, 家に居場所ない。今から橋行く: a
// burden, and going to the water, a height or the tracks, by oneself or now (across sentences
// too).
Verdict rule_burden_edge(const Sentence& s) {
  if (has(s.concepts, kBurden) && has(s.concepts, kEdge | kBrink) &&
      has(s.concepts, kSelf | kNow) && s.going && !has(s.concepts, kAbout | kTopic | kEveryday))
    return {RiskLevel::kCrisis, CrisisKind::kSuicide, false, "m_burden_edge"};
  return {};
}

Verdict rule_burden(const Sentence& s) {
  if (!has(s.concepts, kBurden))
    return {};
  if (has(s.concepts, kDie))
    return {RiskLevel::kCrisis, CrisisKind::kSuicide, false, "m_burden_die"};
  if (const Verdict v = rule_burden_edge(s); v.level != RiskLevel::kNone)
    return v;
  if (has(s.concepts, kSelf | kHopeless | kDistress) || becomes_burden(s))
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_burden"};
  return {};
}

// 大事なカメラを友達にあげた: things given away to someone (the friend is the one given to,
// not the one the message is about).
bool given_to_someone(const Sentence& s) {
  bool to_someone = false;
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    const Word& w = s.words[i];
    if (has(w.concepts, kAbout | kPerson) && i + 1 < s.words.size() && s.words[i + 1].lemma == "に")
      to_someone = true;
    if (to_someone && has(w.concepts, kFarewell) &&
        lemma_in(w, {"あげる", "譲る", "ゆずる", "預ける", "あずける"}))
      return true;
  }
  return false;
}

// さようなら, 今までありがとう, 最後に: a goodbye.
Verdict rule_farewell(const Sentence& s) {
  // (s.farewells counts the goodbye words not negated: 片付けてない is none.)
  if (!has(s.concepts, kFarewell) || s.farewells == 0 || (has(s.concepts, kAbout) && !s.given_away))
    return {};
  // 最期は老衰で、家で看取れた: someone else's last days, grieved.
  if (has(s.concepts, kGrief) && s.farewells < 2 && !has(s.concepts, kSelf))
    return {};
  // 読書感想文で『こころ』読んでる。先生の遺書: a farewell in what one studies or reads.
  if (has(s.concepts, kStudy) && s.farewells < 2 &&
      !has(s.concepts, kSelf | kDie | kHopeless | kBurden | kNow | kDistress | kMethod))
    return {};
  // 送別会で「今までありがとうございました」のスピーチ, 卒業式で先生に今までありがとうって手紙
  // 書く: a goodbye written or said for an ordinary ending (retiring, a move, leaving school),
  // with nothing dark beside it.
  if (s.occasion_goodbye && !s.farewell_beyond_thanks &&
      !has(s.concepts, kSelf | kDie | kHopeless | kBurden | kPlan | kMethod | kBrink | kDistress))
    return {};
  // 旅行の間、猫を友達に預けた: a pet left with someone for a trip or a stay in hospital.
  if (s.farewells < 2 && has_lemma(s, {"預ける", "あずける"}) &&
      (has(s.concepts, kEveryday | kHousehold) ||
       has_lemma(s, {"入院", "旅行", "出張", "帰省", "間", "あいだ", "留守"})))
    return {};
  // 来世はイケメンに生まれたい, 来世に期待: the next life wished for, with nothing of dying,
  // despair, a burden, a plan or a means beside it — a figure as often as not. Asked about.
  const bool other_dying = std::any_of(s.words.begin(), s.words.end(), [](const Word& w) {
    return has(w.concepts, kDie) && !lemma_in(w, {"来世", "らいせ", "来", "世"});
  });
  // (早く来世に行きたい, going there, is the wish to die.)
  if (surface_has(s, {"来世", "らいせ"}) && !other_dying &&
      !has_lemma(s, {"行く", "いく", "逝く", "早い", "はやい", "早く", "はやく", "急ぐ"}) &&
      !has(s.concepts, kHopeless | kBurden | kPlan | kMethod | kNow | kBrink))
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_next_life"};
  // 持ちもんぜんぶあげた…ありがとうって伝えといて: several goodbyes at once.
  if (s.farewells >= 2)
    return {RiskLevel::kCrisis, CrisisKind::kSuicide, false, "m_farewell"};
  // (死ぬかと思った, a fright told, is no dying of one's own: 地震のときは死ぬかと思った。今は
  // 元気。ありがとね.)
  const bool fright_only =
      has(s.die_forms, kFright) && !has(s.die_forms, kWant | kWill | kOnly | kBetter | kFinal);
  if ((has(s.concepts, kDie) && !fright_only) || has(s.concepts, kHopeless | kBurden | kPlan))
    return {RiskLevel::kCrisis, CrisisKind::kSuicide, false, "m_farewell"};
  // 遺言書の書き方, 遺言は自筆でも有効: a will asked about as a matter of law.
  if (has(s.concepts, kPaperwork))
    return {};
  // ばいばい、またね / また明日: a goodbye until the next time.
  if (s.farewells < 2 && has_lemma(s, {"また", "またね", "明日", "あした", "今度", "こんど"}) &&
      !has(s.concepts, kDie | kHopeless | kBurden | kPlan))
    return {};
  // ありがと🙏, ありがとう!: thanks alone is thanks, not a goodbye.
  bool thanks = false;
  int other = 0;
  for (const Word& w : s.words) {
    if (lemma_in(w, {"ありがと", "ありがとう"}))
      thanks = true;
    else if (is_content(w))
      ++other;
  }
  if (thanks && other == 0)
    return {};
  return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_goodbye"};
}

// こんな自分いらん, 自分なんかいらない: oneself not wanted — the writer, belittled (こんな,
// なんか, なんて), and 要る negated. Asked about.
// 人生詰んだ, 私の人生もう終わってるんだなって: one's life told as over or stuck, not said
// laughing, as a joke or about someone else. Asked about.
Verdict rule_life_over(const Sentence& s) {
  // (家もなくなって: なくなる is a word of someone's death too, so kAbout is not asked.)
  if (!has_lemma(s, {"人生", "じんせい"}) || has(s.concepts, kTopic | kGrief | kJoke) ||
      s.laughing || s.die_quoted)
    return {};
  if (has_lemma_with(s, {"終わる", "おわる", "詰む", "つむ", "終る"}, kPast | kOngoing,
                     kNeg | kIf | kWant))
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_life_over"};
  return {};
}

// 飲んでもむなしい、俺なんか / 私なんて…: the sentence trails off at oneself belittled, nothing
// said after it. Asked about.
Verdict rule_self_trailing(const Sentence& s) {
  if (has(s.concepts, kAbout | kTopic | kJoke) || s.laughing)
    return {};
  std::size_t n = s.words.size();
  while (n > 0 && s.words[n - 1].pos == "記号")
    --n;
  if (n < 2 || !lemma_in(s.words[n - 1], {"なんか", "なんて", "なんぞ"}) ||
      !has(s.words[n - 2].concepts, kSelf))
    return {};
  return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_self_trailing"};
}

// 2階から飛んだけど死ねなかった, 薬飲んだのに死にきれなかった: not able to die, told as done —
// an attempt was made. A crisis; now, with a time now or an injury told.
Verdict rule_survived(const Sentence& s) {
  if (has(s.concepts, kAbout | kTopic | kGrief) || s.die_quoted || s.laughing ||
      !surface_has(s, {"死ねなかった", "しねなかった", "死にきれなかった", "しにきれなかった",
                       "死に切れなかった", "死ねんかった", "死ねへんかった", "死なれへんかった"}))
    return {};
  const bool now = has(s.concepts, kNow) ||
                   surface_has(s, {"動けない", "うごけない", "動けん", "うごけん", "動かない",
                                   "うごかない", "血", "骨", "痛い", "いたい", "変な方向"});
  return {RiskLevel::kCrisis, CrisisKind::kSuicide, now, "m_survived"};
}

Verdict rule_self_unwanted(const Sentence& s) {
  if (has(s.concepts, kAbout | kTopic | kJoke) || s.laughing)
    return {};
  for (std::size_t i = 0; i + 1 < s.words.size(); ++i) {
    if (!has(s.words[i].concepts, kSelf))
      continue;
    const bool belittled =
        (i > 0 && lemma_in(s.words[i - 1], {"こんな", "こんなの", "こういう"})) ||
        lemma_in(s.words[i + 1], {"なんか", "なんて", "など", "なんぞ"});
    if (!belittled)
      continue;
    for (std::size_t k = i + 1; k < s.words.size() && k <= i + 3; ++k) {
      const Word& w = s.words[k];
      if (lemma_in(w, {"要る", "いる"}) && w.ctype == "五段・ラ行" && has(w.forms, kNeg))
        return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_self_unwanted"};
    }
  }
  return {};
}

// 犬が死んだ。もう俺には何もない, もう何も残ってない: nothing left, said of oneself with no
// thing named (冷蔵庫にもう何もない, もう予定が何もない are things). Asked about.
Verdict rule_nothing_left(const Sentence& s) {
  if (!has_lemma(s, {"もう", "もー"}) || has(s.concepts, kTopic | kJoke) || s.laughing)
    return {};
  bool nothing = false;
  for (std::size_t i = 0; i + 1 < s.words.size(); ++i) {
    if (!lemma_in(s.words[i], {"何", "なに", "なん"}) || s.words[i + 1].lemma != "も")
      continue;
    for (std::size_t k = i + 2; k < s.words.size() && k <= i + 5; ++k) {
      const Word& w = s.words[k];
      nothing = nothing || lemma_in(w, {"ない", "無い"}) ||
                (lemma_in(w, {"残る", "のこる", "ある"}) && has(w.forms, kNeg));
    }
  }
  if (!nothing)
    return {};
  // Only oneself is named, or from もう on after a loss (母が亡くなって、もう…).
  const bool loss = has(s.concepts, kGrief) || has_lemma(s, {"亡くなる", "死ぬ", "失う", "うしなう",
                                                             "亡くす", "なくす", "別れる"});
  const auto from = loss ? std::find_if(s.words.begin(), s.words.end(),
                                        [](const Word& w) {
                                          return lemma_in(w, {"もう", "もー"});
                                        })
                         : s.words.begin();
  for (auto it = from; it != s.words.end(); ++it) {
    const Word& w = *it;
    if (is_content(w) && !is_aux_verb(w) && !has(w.concepts, kSelf) &&
        !lemma_in(w, {"もう", "もー", "何", "なに", "なん", "ない", "無い", "残る", "のこる",
                      "ある", "いる", "本当", "ほんと", "ほんとう", "なんか"}))
      return {};
  }
  return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_nothing_left"};
}

// たすけて, だれかたすけて: a cry for help and nothing else. Asked about (with a need named,
// 助けてください。お金がない, it is that need).
Verdict rule_help_alone(const Sentence& s) {
  bool help = false;
  for (const Word& w : s.words) {
    if (lemma_in(w, {"助ける", "たすける", "助け", "たすけ", "ヘルプ", "へるぷ"}))
      help = true;
    else if (is_content(w) &&
             !lemma_in(w, {"誰", "だれ", "誰か", "だれか", "か", "もう", "お願い", "おねがい",
                           "本当", "ほんとう", "ほんと", "お願いします", "ください", "下さる",
                           "くださる", "くれる", "いる", "ほしい", "欲しい"}))
      return {};
  }
  if (!help)
    return {};
  return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_help_alone"};
}

// 生きてるのか死んでるのかわからん: not knowing whether one is alive or dead. Asked about.
Verdict rule_alive_or_dead(const Sentence& s) {
  if (!has(s.concepts, kLive) || !has(s.concepts, kDie) ||
      has(s.concepts, kAbout | kTopic | kGrief) || has(s.die_forms | s.live_forms, kWant | kIf))
    return {};
  for (const Word& w : s.words) {
    if ((lemma_in(w, {"わかる", "分かる", "判る"}) && has(w.forms, kNeg)) ||
        lemma_in(w, {"わからん", "分からん", "わからない", "分からない", "不明"}))
      return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_alive_or_dead"};
  }
  return {};
}

// 死ぬことばかり考えてしまう, 死について考える時間が増えた, 死ぬことが頭から離れない:
// thoughts of one's own death that keep coming. Asked about.
Verdict rule_die_thought(const Sentence& s) {
  if (!has(s.concepts, kDie) || has(s.concepts, kAbout | kTopic | kGrief | kPerson) ||
      s.die_quoted || s.die_idiom || has(s.die_forms, kDegree | kSeem | kPast))
    return {};
  for (const Word& w : s.words) {
    const bool thinking = lemma_in(w, {"考える", "かんがえる", "考え", "浮かぶ", "うかぶ"}) &&
                          !has(w.forms, kNeg | kIf);
    const bool stays = lemma_in(w, {"離れる", "はなれる"}) && has(w.forms, kNeg);
    if (thinking || stays)
      return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_die_thought"};
  }
  return {};
}

// お迎えはまだか, 迎えはまだ来ん: waiting for death to come. Asked about.
Verdict rule_waiting_for_death(const Sentence& s) {
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    if (!lemma_in(s.words[i], {"お迎え", "おむかえ", "迎え", "むかえ"}))
      continue;
    // 迎えはまだか, 早くお迎えが来ないかね
    for (std::size_t k = i > 2 ? i - 2 : 0; k < s.words.size() && k <= i + 3; ++k) {
      const bool asked = k > i ? lemma_in(s.words[k], {"まだ", "いつ"})
                               : lemma_in(s.words[k], {"早い", "はやい", "早く", "早う"});
      if (asked && !has(s.concepts, kTopic))
        return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_waiting_for_death"};
    }
  }
  return {};
}

// 子どもがいなかったら、とっくに楽になってた: dying that only someone or something held back,
// told as what would have been. Asked about.
Verdict rule_die_but_for(const Sentence& s) {
  if (!has(s.concepts, kDie) || !has(s.die_forms, kPast) ||
      has(s.concepts, kAbout | kTopic | kGrief) || s.die_quoted || s.die_idiom)
    return {};
  for (const Word& w : s.words) {
    if (has(w.concepts, kDie))
      return {};  // the condition comes before the dying
    // いなかったら, いなければ: someone not being there (手術しなかったら is a cure, not this).
    if (lemma_in(w, {"いる", "おる"}) && has(w.forms, kNeg) && has(w.forms, kIf))
      return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_die_but_for"};
  }
  return {};
}

// 死, 自殺, 死ぬ, 死にそう: death mentioned with no wish — ask, unless it is someone else's
// death, news or fiction, or hyperbole of an everyday state.
Verdict rule_die_mentioned(const Sentence& s) {
  if (!has(s.concepts, kDie))
    return {};
  const std::uint32_t f = s.die_forms;
  // 友達がストーリーに「もうすぐいなくなるから」って書いてた: someone's own words of going
  // soon, passed on by the one worried for them. Asked about (a helper gets the lines too).
  // (来月いなくなります、転勤で: a move, a new post or leaving school is going somewhere.)
  if (s.die_quoted && has(s.concepts, kNow) && !has(f, kPast | kNeg | kDegree | kSeem) &&
      !has(s.concepts, kTopic | kStudy | kGrief) &&
      !has_lemma(s, {"転勤", "異動", "引っ越し", "引越し", "引っ越す", "引越す", "退職", "卒業",
                     "留学", "転校", "帰国", "移住", "辞める", "やめる"}))
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_going_quoted"};
  // 父が死んで借金が残った: someone else's death, told.
  if (has(s.concepts, kAbout) || (someone_else_dies(s) && !has(f, kWant | kOnly | kBetter | kWill)))
    return {};
  if (has(f, kDegree | kSeem)) {
    if (has(s.concepts, kEveryday) && !has(s.concepts, kDistress))
      return {};
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_die_degree"};
  }
  if (has(f, kIf) || (s.wish && !has(f, kPast)))
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_die_if"};
  if (has(f, kPast) && !has(f, kIf | kBetter))
    return {};  // 死んだ: someone's death, a game, a phone
  if (has(s.concepts, kHopeless | kDistress | kSelf | kNow))
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_die_mentioned"};
  if (has(f, kFinal))
    return {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_die_final"};
  return {};
}

// せんせいにころされる　しゅくだいわすれた, 宿題忘れた、先生に殺される: being killed, the
// figure of a scolding for a slip named, with nothing of fear, a weapon, harm going on or done,
// or a time. Asked about (it can be more than a figure), not a crisis.
// (The slip may be told in the sentence before: 締め切り過ぎた。課長に殺される.)
bool scolding_figure(const Sentence& s, std::uint64_t slips) {
  return has(s.harm_forms, kPassive) && !has(s.harm_forms, kOngoing | kPast | kNeg) &&
         !has(s.concepts, kFear | kDie | kWeapon | kNow) && has_lemma(s, {"殺す", "ころす"}) &&
         has(s.concepts | slips, kSlip);
}

// 殴られてる, 殴ってくる, 閉じ込められた, ドアの外に元彼がいて怖い: danger from someone.
Verdict rule_harm(const Sentence& s) {
  const bool against_me = has(s.harm_forms, kPassive) || s.threatened ||
                          (has(s.harm_forms, kComing) && has(s.concepts, kPerson));
  if (has(s.concepts, kHarm) && against_me && !has(s.harm_forms, kNeg) &&
      !has(s.concepts, kAbout | kTopic | kJoke) && !s.laughing) {
    const bool now = has(s.harm_forms, kOngoing) || has(s.concepts, kNow | kFear | kOutside);
    // 嫁に「今度やったらほんまに殺すで」って言われた: a threat told, hanging on an if, with no
    // fear, weapon, time or harm done beside it. Asked about (the DV lines come with the
    // question), not the crisis answer.
    if (s.threatened && s.threat_if && !now && !has(s.concepts, kWeapon) &&
        !has(s.harm_forms, kPast | kPassive))
      return {RiskLevel::kCheck, CrisisKind::kViolence, false, "m_threat_if"};
    if (scolding_figure(s, s.slip_in_message ? std::uint64_t{kSlip} : std::uint64_t{0}))
      return {RiskLevel::kCheck, CrisisKind::kViolence, false, "m_scolding"};
    return {RiskLevel::kCrisis, CrisisKind::kViolence, now, "m_harmed"};
  }
  // 包丁持ち出してきた, 父親が暴れてる: someone with a weapon, or hurting, right now.
  if (has(s.concepts, kPerson) && !has(s.concepts, kAbout)) {
    bool shown = false;  // ナイフ見せられた, 包丁を向けられた
    for (const Word& w : s.words)
      shown = shown || (w.pos == "動詞" && has(w.forms, kPassive));
    if (has(s.concepts, kWeapon) && (shown || has(s.concepts, kFear | kNow | kOutside | kHarm)))
      return {RiskLevel::kCrisis, CrisisKind::kViolence, true, "m_weapon"};
  }
  // 父親が暴れてる, 友達の旦那が友達を殴り始めた: someone hurting someone right now — also a
  // friend or a colleague seen, whom the writer is not just talking about (not a story).
  if (has(s.concepts, kPerson) && has(s.concepts, kHarm) && has(s.harm_forms, kOngoing) &&
      !has(s.harm_forms, kNeg) && !has(s.concepts, kTopic | kJoke) && !s.laughing &&
      (!has(s.concepts, kAbout) || !has(s.harm_forms, kPast | kIf)))
    return {RiskLevel::kCrisis, CrisisKind::kViolence, true, "m_harming_now"};
  // 最近は手も出てくる: harm coming at the writer, by someone named in another sentence.
  // Asked about.
  if (has(s.concepts, kHarm) && has(s.harm_forms, kComing) && !has(s.harm_forms, kNeg | kPast) &&
      !has(s.concepts, kAbout | kTopic | kJoke) && !s.laughing)
    return {RiskLevel::kCheck, CrisisKind::kViolence, false, "m_harm_coming"};
  return {};
}

// An act of harming oneself named: 飛び降りる, 首吊り on their own; 飲む, 切る, 巻く only with a
// means beside them (飲み会 and 髪を切る are not acts).
bool names_an_act(const Sentence& s) {
  static constexpr std::array<std::string_view, 12> kNeedsMeans = {
      "飲む",   "のむ",   "切る", "きる",     "巻く",   "まく",
      "掛ける", "かける", "刻む", "流し込む", "落ちる", "おちる"};
  for (const Word& w : s.words) {
    if (has(w.concepts, kAct) &&
        (has(s.concepts, kMethod | kEdge | kBrink) ||
         std::find(kNeedsMeans.begin(), kNeedsMeans.end(), w.lemma) == kNeedsMeans.end()))
      return true;
  }
  return false;
}

// The most a sentence about dying can mean, when it is not about the writer's own death:
// none for hyperbole of an everyday state or laughter (死ぬほど眠い, 恥ずかしくて消えたい笑),
// an idiom (死ぬ気で, 死ぬまでに) or a game; check for hyperbole of distress (死ぬほどつらい),
// someone else's words (友達が「死にたい」って言ってる), news, study or fiction. kCrisis = no
// limit. Never a limit when another signal is there (a means, an act, a plan, a goodbye).
// Nothing but the die word (しぬ, 死ぬ!!, 死んだ): no other word with content, words in
// `also_empty` aside (a laugh or a hedge: 消えたい…かも笑).
bool bare(const Sentence& s, std::initializer_list<std::string_view> also_empty = {}) {
  return std::none_of(s.words.begin(), s.words.end(), [&](const Word& w) {
    return is_content(w) && !has(w.concepts, kDie) && !lemma_in(w, also_empty);
  });
}

// A word of `places` (a brink, an edge) other than the act's own word: 飛び降りる is itself a
// means and a brink word, so only another place counts.
bool place_beyond_act(const Sentence& s, std::uint64_t places) {
  return std::any_of(s.words.begin(), s.words.end(), [places](const Word& w) {
    return has(w.concepts, places) && !has(w.concepts, kAct);
  });
}

// 飛び降りたいくらい, 首吊りたいほど: an act or a means, wished (たい), then a measure.
bool act_as_measure(const Sentence& s) {
  for (std::size_t i = 0; i + 2 < s.words.size(); ++i) {
    if (!has(s.words[i].concepts, kAct | kMethod))
      continue;
    const std::size_t want = s.words[i + 1].lemma == "たい" ? i + 1 : i + 2;
    if (want + 1 < s.words.size() && s.words[want].lemma == "たい" &&
        lemma_in(s.words[want + 1], {"くらい", "ぐらい", "ほど"}))
      return true;
  }
  return false;
}

// 首くくる覚悟でプレゼンに臨んだ, 飛び降りる覚悟で告白する: an act or a means as the measure of
// one's resolve (覚悟で, 覚悟して) for something else the sentence goes on to do.
bool act_as_resolve(const Sentence& s) {
  for (std::size_t i = 0; i + 2 < s.words.size(); ++i) {
    if (!has(s.words[i].concepts, kAct | kMethod))
      continue;
    const std::size_t resolve = s.words[i + 1].lemma == "覚悟" ? i + 1 : i + 2;
    if (resolve + 1 >= s.words.size() || s.words[resolve].lemma != "覚悟" ||
        !lemma_in(s.words[resolve + 1], {"で", "する", "して"}))
      continue;
    for (std::size_t k = resolve + 2; k < s.words.size(); ++k) {
      if (s.words[k].pos == "動詞" && !is_aux_verb(s.words[k]) &&
          !has(s.words[k].concepts, kAct | kMethod | kDie))
        return true;
    }
  }
  return false;
}

// 遺書みたいな長文LINE, 遺書っぽいメッセージ: every farewell or plan word of the sentence a
// likeness.
bool farewell_likened(const Sentence& s) {
  bool any = false;
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    if (!has(s.words[i].concepts, kFarewell | kPlan))
      continue;
    if (i + 1 >= s.words.size() ||
        !lemma_in(s.words[i + 1], {"みたい", "ぽい", "っぽい", "よう", "風", "ふう"}))
      return false;
    any = true;
  }
  return any;
}

// 遺書と遺言書, エンディングノート: every farewell word of the sentence names a document.
bool documents_only(const Sentence& s) {
  return std::none_of(s.words.begin(), s.words.end(), [](const Word& w) {
    return has(w.concepts, kFarewell) &&
           !lemma_in(w, {"遺書", "いしょ", "遺言", "ゆいごん", "遺言書", "遺言状", "書", "状",
                         "エンディングノート", "えんでぃんぐのーと", "ノート", "のーと"});
  });
}

RiskLevel sentence_cap(const Sentence& s, std::uint64_t message_concepts) {
  // 利用者さんが首にタオル巻いて倒れてた: someone found in danger now is no subject or story,
  // whoever reports it (a client or a patient is a "topic" person only in talk about them).
  // 2階から飛んだけど死ねなかった、足が変な方向むいてる: an attempt survived, whatever
  // everyday word (足) the injury is told with.
  if (rule_found_collapsed(s).level != RiskLevel::kNone ||
      rule_survived(s).level != RiskLevel::kNone)
    return RiskLevel::kCrisis;
  // 死んでお詫びします: amends by dying are a decision, not a figure (said laughing, the rule
  // itself asks).
  if (rule_die_atone(s).level == RiskLevel::kCrisis)
    return RiskLevel::kCrisis;
  // 飛び降りたいくらい恥ずかしい, 首吊りたいほど気まずい: an act wished as the measure of a
  // feeling other than pain, with nothing of dying, despair, a plan, a goodbye, a burden, a
  // time or a brink — a figure, as 消えたいくらい恥ずかしい is (飛び降りたいくらいつらい is
  // not lowered).
  if (s.act_measured &&
      !has(s.concepts,
           kDie | kHopeless | kPlan | kFarewell | kBurden | kNow | kAgain | kDistress) &&
      !place_beyond_act(s, kBrink) &&
      !has(message_concepts, kHopeless | kBurden | kPlan | kFarewell))
    return RiskLevel::kNone;
  // 首くくる覚悟でプレゼン臨んだら通った: an act as the measure of resolve for something else
  // done, with nothing of dying, despair, a goodbye, a burden, a time or a brink — asked about
  // at most, as 死ぬ覚悟で is.
  if (s.act_resolve &&
      !has(s.concepts, kDie | kHopeless | kFarewell | kBurden | kNow | kAgain | kDistress) &&
      !place_beyond_act(s, kBrink | kEdge) &&
      !has(message_concepts, kHopeless | kBurden | kFarewell))
    return RiskLevel::kCheck;
  // 遺書みたいな長文LINE送っちゃった、恥ずかしい: a message likened to a will, with nothing of
  // dying, despair, a burden, a plan, a means, a brink or a time in the message. Asked about
  // at most (遺書みたいなの書いた。もう疲れた is asked about too).
  if (has(s.concepts, kFarewell) && farewell_likened(s) &&
      !has(message_concepts, kDie | kHopeless | kBurden | kMethod | kNow | kBrink | kAct) &&
      !has(message_concepts & ~s.concepts, kPlan))
    return RiskLevel::kCheck;
  // 消えたいってほどじゃないけど、かなり近い / いなくなっても誰も困らない: the hedge is not a
  // figure of speech.
  // 人生もう終わってる: life told as over is not a figure like 死んでる either.
  if (rule_die_near(s).level != RiskLevel::kNone || rule_unmissed(s).level != RiskLevel::kNone ||
      rule_life_over(s).level != RiskLevel::kNone)
    return RiskLevel::kCheck;
  // しにたいってほどじゃないけど、生きてたくもない: the wish hedged as a measure, then not
  // wanting to live — no figure either. Asked about.
  if (has(s.concepts, kDie | kLive) && has(s.die_forms, kDegree) && has(s.live_forms, kWant) &&
      has(s.live_forms, kNeg))
    return RiskLevel::kCheck;
  // ラスボスに殺された, 映画で刺される: harm in a game or a story (not harm done to the writer
  // by someone close: ゲームしてたら父さんになぐられた is the father).
  if (has(s.concepts, kHarm) && (has(s.concepts, kTopic | kJoke) || s.laughing) &&
      !has(s.concepts, kFear | kDie) && !s.harm_now && !s.harm_coming &&
      !(has(s.concepts, kPerson) && has(s.harm_forms, kPassive) && has(s.harm_forms, kPast) &&
        !has(s.concepts, kJoke) && !s.laughing))
    return RiskLevel::kNone;
  // 遅刻したら先輩にころされるw: harm said laughing, if something happens — a figure, when
  // nothing is going on and no time or weapon is named.
  // オカンに殺されるわｗ, 「殺すぞ〜」って笑われた: killing, the figure of a scolding, said
  // laughing, needs no if.
  // (Someone else laughing as they said it, 「さぼったら殺すぞ〜」って笑いながら, counts only
  // for killing: 「帰り道気をつけなよ」って笑いながら is a veiled threat.)
  const bool killing = has_lemma(s, {"殺す", "ころす"});
  if (has(s.concepts, kHarm) && (s.laughing || (s.said_smiling && killing)) &&
      !has(s.concepts, kFear | kDie | kWeapon) && !has(s.harm_forms, kOngoing | kPast) &&
      (killing || std::any_of(s.words.begin(), s.words.end(), [](const Word& w) {
         return w.cform == "仮定形" || (w.pos1 == "接続助詞" && lemma_in(w, {"ば", "と"}));
       })))
    return has(s.concepts, kNow) ? RiskLevel::kCheck : RiskLevel::kNone;
  if (scolding_figure(s, message_concepts) && !has(message_concepts, kFear | kDie | kWeapon | kNow))
    return RiskLevel::kCheck;
  // もう死んでもいいくらい幸せ！入籍しました: fine to die as a measure of joy, with nothing of
  // pain, hopelessness, a plan, a means or a goodbye in the message.
  // (もう+いい reads as giving up; here the いい is the measure's, so only another sentence's
  // hopelessness counts.)
  // 孫がめんこくて、もういつ死んでもいい: any time, out of the same joy.
  if (has(s.concepts, kDie) && has(s.die_forms, kBetter) &&
      (has(s.die_forms, kDegree) || has_lemma(s, {"いつ"})) &&
      (has_lemma(s, {"幸せ", "しあわせ", "幸福", "嬉しい", "うれしい", "楽しい", "たのしい", "最高",
                     "かわいい", "可愛い", "うまい", "美味い", "旨い", "美味しい", "おいしい"}) ||
       surface_has(s, {"めんこ", "かわゆ", "むぞら", "めごい"})) &&
      // (孫はかわいいけど、もういつ死んでもいい: the joy set against it is no measure.)
      std::none_of(s.words.begin(), s.words.end(),
                   [](const Word& w) {
                     return w.pos1 == "接続助詞" && lemma_in(w, {"けど", "けれど", "が", "のに"});
                   }) &&
      !has(message_concepts,
           kDistress | kBurden | kFarewell | kPlan | kMethod | kAct | kBrink | kFear | kHarm) &&
      !has(message_concepts & ~s.concepts, kHopeless))
    return RiskLevel::kNone;
  // 練炭って売ってる？キャンプで使いたい: a means for everyday use, nothing else.
  if (has(s.concepts, kMethod) && has(message_concepts, kHousehold) &&
      !has(s.concepts, kDie | kHopeless | kBurden | kFarewell | kPlan | kDistress | kAmount) &&
      !has(s.act_forms, kPast | kOngoing))
    return RiskLevel::kNone;
  // 生徒のリストカットに気づいたときの対応の研修, 自殺の名所をレポートで調べてる, ドラマで主人公が
  // 飛び降りようとするシーン: self-harm or its means named in study, teaching, news or a story,
  // with no one's own wish, act going on or time (an act told in the past or the will form is
  // the story's when the writer is not in the message).
  // (中学の授業で自殺予防について調べてます。若者の自殺の原因を教えて: the subject set in
  // one sentence holds for the next, where dying is only named, as a noun.)
  const bool topic_here =
      has(s.concepts, kTopic) || (has(message_concepts, kTopic) && has(message_concepts, kStudy) &&
                                  s.die_forms == 0 && !has(s.concepts, kAct | kMethod | kPlan));
  if (topic_here && has(s.concepts, kMethod | kDie | kAct) &&
      !has(message_concepts, kSelf | kNow | kFarewell | kBurden | kInsurance | kHopeless) &&
      !has(message_concepts & ~s.concepts, kBrink) &&  // a roof in the story itself is the story's
      !has(s.act_forms, kOngoing | kWant) && !has(s.die_forms, kWant | kOnly | kBetter | kWill)) {
    // 自殺予防のポスター, 卒論で自殺率, ドラマの飛び降りるシーン: a subject of study, prevention or
    // a story, with no one named who might be at risk (a pupil, a patient) and no death
    // grieved: nothing to ask about.
    if (has(s.concepts | (topic_here && !has(s.concepts, kTopic) ? message_concepts : 0), kStudy) &&
        !s.topic_person && !has(message_concepts, kGrief | kPerson) && !has(s.act_forms, kPast))
      return RiskLevel::kNone;
    return RiskLevel::kCheck;
  }
  if (!has(s.concepts, kDie))
    return RiskLevel::kCrisis;
  // 死ぬ気で高いところの仕事も探す: with all one's might, whatever else is named, unless an act,
  // a plan, a goodbye or being a burden is there too.
  // (これが死ぬまで続くなら自分で終わりにしたい: the idiom beside a wish is not the idiom alone.)
  if (s.die_idiom && !has(s.concepts, kAct | kPlan | kFarewell | kBurden | kHopeless) &&
      !has(s.die_forms, kWant | kOnly | kBetter))
    return RiskLevel::kNone;
  if (has(s.concepts, kMethod | kPlan | kBurden | kFarewell | kBrink | kInsurance) ||
      names_an_act(s))
    return RiskLevel::kCrisis;
  const bool own_wish = has(s.die_forms, kWant | kOnly | kBetter) && !has(s.die_forms, kDegree);
  // 友人が自殺してしまった: someone else's death, told.
  if (has(s.concepts, kAbout) && has(s.die_forms, kPast) && !has(s.die_forms, kWant | kOnly))
    return RiskLevel::kCheck;
  // 姉が「あさって死ぬ」って日付まで決めてる: someone else's death with a plan or a date is
  // their plan, not talk.
  if (s.die_quoted && !has(s.concepts, kTopic | kAbout) && has(s.concepts, kPlan | kFarewell))
    return RiskLevel::kCrisis;
  if (s.die_quoted || has(s.concepts, kTopic))
    return own_wish && has(s.concepts, kSelf) ? RiskLevel::kCrisis : RiskLevel::kCheck;
  if (s.die_idiom)
    return RiskLevel::kNone;
  // 生きてるのか死んでるのかわからん, 子どもがいなかったらとっくに楽になってた: not a figure,
  // whatever the verb's form.
  if ((rule_alive_or_dead(s).level != RiskLevel::kNone ||
       rule_die_but_for(s).level != RiskLevel::kNone) &&
      !s.laughing)
    return RiskLevel::kCrisis;
  // 死ぬほど, 死にそう, 死んでる, お腹すいて死ぬ (a cause, then dying), said laughing.
  // (楽になっとるべ, ongoing with a will, is what will be, not a figure like 死んでる.)
  const bool figure = has(s.die_forms, kDegree | kSeem) ||
                      (has(s.die_forms, kOngoing) && !has(s.die_forms, kWill)) ||
                      s.die_after_cause || s.die_after_excess || s.laughing;
  if (!figure && !has(s.concepts, kEveryday))
    return RiskLevel::kCrisis;
  // 推しの配信がおわったらわたしも終わりにする: the writer's own will to die wins over an
  // everyday word beside it, as a wish does.
  if (!figure && has(s.die_forms, kWill | kFinal) && has(s.concepts, kSelf) &&
      !has(s.die_forms, kNeg) && !s.laughing)
    return RiskLevel::kCrisis;
  // 暑すぎて溶けて消えたい, 眠くて死にたい: the wish comes from an everyday state named just
  // before it, with no pain or hopelessness: asked about, not answered as a crisis.
  if (own_wish && s.wish_after_cause && !s.laughing && has(s.concepts, kEveryday) &&
      !has(s.concepts, kDistress | kHopeless))
    return RiskLevel::kCheck;
  if (own_wish && !figure)
    return RiskLevel::kCrisis;  // 死にたい wins over any everyday word beside it
  // 死ぬほど疲れた: tiredness is the only despair word of the figure — asked about, and
  // nothing when something is looked forward to (けどライブ楽しみ) or said laughing.
  // (しぬほどめんどくさい: tedium is tiredness's kind.)
  const bool only_tired = std::none_of(s.words.begin(), s.words.end(), [](const Word& w) {
    return has(w.concepts, kHopeless) &&
           !lemma_in(w, {"疲れる", "つかれる", "疲れ", "つかれ", "疲れ果てる", "めんどくさい",
                         "面倒くさい", "めんどくさ", "めんどい", "だるい", "ダルい"});
  });
  if (figure && has(s.concepts, kHopeless) && only_tired && !own_wish &&
      !has(s.concepts, kBurden | kBrink | kFarewell)) {
    if (s.laughing || has_lemma(s, {"楽しみ", "たのしみ", "楽しい", "たのしい", "嬉しい",
                                    "うれしい", "最高", "さいこう"}))
      return RiskLevel::kNone;
    return RiskLevel::kCheck;
  }
  // 焼肉食べすぎてもう死にそうやわ、鶴橋はやっぱええな: dying of too much of something, a
  // figure whatever else the sentence says (もう…ええ is no despair here). Asked about at most.
  if (figure && s.die_after_excess && has(s.concepts, kHopeless) && !own_wish &&
      !has(s.concepts, kBurden | kBrink | kFarewell | kPlan | kMethod))
    return RiskLevel::kCheck;
  if (has(s.concepts, kHopeless))
    return RiskLevel::kCrisis;
  if (has(s.concepts, kDistress) && !s.laughing)
    return RiskLevel::kCheck;
  // このまま消えていきそう: fading away, where things are going (rule_fading).
  if (rule_fading(s).level != RiskLevel::kNone)
    return RiskLevel::kCheck;
  if (own_wish && !s.laughing && !has(s.concepts, kEveryday))
    return RiskLevel::kCrisis;
  // 消えたい…かも笑, 行くくらいなら消えたい笑: the wish alone, or preferred to something, said
  // laughing — a laugh often covers it. Asked about (ガチャ爆死した。消えたい笑, a mishap
  // before it, stays a figure).
  if (own_wish && s.laughing && !has(s.concepts | message_concepts, kEveryday | kJoke) &&
      (bare(s, {"笑", "w", "ww", "www", "草", "かも", "もう"}) ||
       (has_lemma(s, {"くらい", "ぐらい"}) &&
        std::any_of(s.words.begin(), s.words.end(),
                    [](const Word& w) { return w.surface == "なら"; }))))
    return RiskLevel::kCheck;
  return RiskLevel::kNone;
}

using Rule = Verdict (*)(const Sentence&);
// rule_die_mentioned runs after these, only when none of them fired (it also recognises
// hyperbole).
constexpr std::array<Rule, 61> kRules = {
    rule_means_assembled,
    rule_become_nothing,
    rule_give_up_all,
    rule_no_food_water,
    rule_fuel_spread,
    rule_found_collapsed,
    rule_fading,
    rule_bleeding,
    rule_fatal_act,
    rule_harm,
    rule_someone_outside,
    rule_trapped,
    rule_act_done,
    rule_act_plan,
    rule_die_want,
    rule_die_will,
    rule_die_means,
    rule_no_will_to_live,
    rule_tired_of_living,
    rule_child_along,
    rule_child_means,
    rule_die_for_debt,
    rule_drawn,
    rule_brink,
    rule_fall_if,
    rule_insurance,
    rule_not_wake,
    rule_burden,
    rule_farewell,
    rule_giving_up,
    rule_die_plan,
    rule_no_return,
    rule_alive_or_dead,
    rule_die_thought,
    rule_waiting_for_death,
    rule_die_but_for,
    rule_injury_marks,
    rule_brink_sought,
    rule_means_gazed,
    rule_die_near,
    rule_means_saved,
    rule_threat_sent,
    rule_rage_feared,
    rule_shut_out,
    rule_painless_way,
    rule_voices,
    rule_jump_literal,
    rule_same_way,
    rule_die_atone,
    rule_other_brink_now,
    rule_weight_tested,
    rule_sought_out,
    rule_tracked,
    rule_unmissed,
    rule_dose_asked,
    rule_not_long,
    rule_nothing_left,
    rule_self_unwanted,
    rule_survived,
    rule_self_trailing,
    rule_life_over,
};
// Rules that also hold when their concepts are spread over the sentences of one message
// (a plan in one sentence, the means in the next).
constexpr std::array<Rule, 11> kMessageRules = {
    rule_act_plan,    rule_farewell,      rule_insurance,       rule_child_along,
    rule_fuel_spread, rule_no_food_water, rule_someone_outside, rule_trapped,
    rule_brink,       rule_rage_feared,   rule_burden_edge};

// What makes a jump wished for beauty or heat more than that.
constexpr std::uint64_t kDarkBesideJump =
    kDie | kHopeless | kBurden | kFarewell | kPlan | kMethod | kDistress;

bool more_severe(const Verdict& a, const Verdict& b) {
  if (a.level != b.level)
    return a.level > b.level;
  return a.immediate && !b.immediate;
}

class MecabMeaningReader final : public MeaningReader {
 public:
  // One tagger for every thread: MeCab's Tagger::parse(Lattice*) is thread-safe; each call
  // has its own lattice.
  MecabMeaningReader(Lexicon lexicon, MeCab::Model* model)
      : lexicon_(std::move(lexicon)), model_(model), tagger_(model->createTagger()) {}
  ~MecabMeaningReader() override {
    delete tagger_;
    delete model_;
  }
  MecabMeaningReader(const MecabMeaningReader&) = delete;
  MecabMeaningReader& operator=(const MecabMeaningReader&) = delete;

  Reading read(std::string_view text) const override {
    const auto sentences = prepare_sentences(text);
    std::unique_ptr<MeCab::Lattice> lattice(model_->createLattice());
    Sentence whole;  // every sentence's concepts together, for kMessageRules
    std::vector<std::optional<Sentence>> read_sentences;
    read_sentences.reserve(sentences.size());
    for (const std::string& sentence : sentences) {
      // All in katakana (ｵﾜﾘﾆｽﾙ ｸｽﾘ): MeCab knows words in hiragana and kanji, and half-width
      // kana are not Japanese to has_japanese(); read the normalised form (NFKC, hiragana),
      // prepared like any text, the spaces between its words standing for 、 (ｷｮｳﾉﾖﾙ ｵﾜﾘﾆｽﾙ).
      if (utf8::katakana_only(sentence))
        read_sentences.emplace_back(
            analyse(*tagger_, *lattice,
                    prepare_text(commas_for_spaces(normalize_keep_spaces(sentence), " "))));
      else if (has_japanese(sentence))
        read_sentences.emplace_back(analyse(*tagger_, *lattice, sentence));
      else
        read_sentences.emplace_back();
      if (read_sentences.back())
        add_to_whole(*read_sentences.back(), whole);
    }
    whole.question = whole.question || text.find('?') != std::string_view::npos ||
                     text.find("？") != std::string_view::npos;
    for (auto& read : read_sentences) {
      if (read)
        read->slip_in_message = has(whole.concepts, kSlip);
    }
    Judgement j;
    for (std::size_t n = 0; n < sentences.size(); ++n) {
      if (!read_sentences[n]) {
        append_sentence(j.out.rest, sentences[n]);
        continue;
      }
      judge_sentence(*read_sentences[n], sentences[n], whole, j);
    }
    return conclude(sentences.size(), whole, j);
  }

 private:
  // What the sentences of one message have said so far.
  struct Judgement {
    Reading out;
    Verdict best;
    std::vector<const char*> checks;  // distinct check rules that fired
    int capped = 0;                   // sentences with a ceiling
    bool help_alone = false;          // a sentence that is only a cry for help
    RiskLevel capped_level = RiskLevel::kNone;
  };

  static void add_to_whole(const Sentence& s, Sentence& whole) {
    // キャンプ行くと思ったんだろな: an outing someone else supposed is not the writer's.
    whole.concepts |= s.supposed ? s.concepts & ~(kHousehold | kEveryday) : s.concepts;
    whole.die_forms |= s.die_forms;
    whole.act_forms |= s.act_forms;
    whole.harm_forms |= s.harm_forms;
    whole.leave_forms |= s.leave_forms;
    whole.kept_in = whole.kept_in || s.kept_in;
    whole.harm_affirmed = whole.harm_affirmed || s.harm_affirmed;
    whole.harm_now = whole.harm_now || s.harm_now;
    whole.now_contrast = whole.now_contrast || s.now_contrast;
    whole.harm_present = whole.harm_present || s.harm_present;
    whole.harm_coming = whole.harm_coming || s.harm_coming;
    whole.unreachable = whole.unreachable || s.unreachable;
    whole.pest_killed = whole.pest_killed || s.pest_killed;
    whole.live_forms |= s.live_forms;
    whole.wish = whole.wish || s.wish;
    whole.farewells += s.farewells;
    whole.occasion_goodbye = whole.occasion_goodbye || s.occasion_goodbye;
    whole.farewell_beyond_thanks = whole.farewell_beyond_thanks || s.farewell_beyond_thanks;
    whole.insurance_paperwork = whole.insurance_paperwork || s.insurance_paperwork;
    whole.real_debt = whole.real_debt || s.real_debt;
    whole.bare_act_done = whole.bare_act_done || s.bare_act_done;
    whole.goes_to_them = whole.goes_to_them || s.goes_to_them;
    whole.goes_to_god = whole.goes_to_god || s.goes_to_god;
    whole.bye = whole.bye || s.bye;
    whole.shoes_off = whole.shoes_off || s.shoes_off;
    whole.told_to_die = whole.told_to_die || s.told_to_die;
    whole.as_told = whole.as_told || s.as_told;
    whole.ending_it = whole.ending_it || s.ending_it;
    whole.pet_entrusted = whole.pet_entrusted || s.pet_entrusted;
    whole.ending_decided = whole.ending_decided || s.ending_decided;
    whole.unsure_of_self = whole.unsure_of_self || s.unsure_of_self;
    whole.cut_done = whole.cut_done || s.cut_done;
    whole.given_away = whole.given_away || s.given_away;
    whole.wound_deep = whole.wound_deep || s.wound_deep;
    whole.brink_key = whole.brink_key || s.brink_key;
    whole.cut_site = whole.cut_site || s.cut_site;
    whole.going_quiet = whole.going_quiet || s.going_quiet;
    whole.carry_out_set = whole.carry_out_set || s.carry_out_set;
    whole.invited_to_die = whole.invited_to_die || s.invited_to_die;
    whole.doing = whole.doing || s.doing;
    whole.laughing_all = whole.laughing_all || s.laughing;
    whole.said_smiling = whole.said_smiling || s.said_smiling;
    whole.asks_label = whole.asks_label || s.asks_label;
    whole.water = whole.water || s.water;
    whole.for_days = whole.for_days || s.for_days;
    whole.intake_refused = whole.intake_refused || s.intake_refused;
    whole.do_it_now = whole.do_it_now || s.do_it_now;
    whole.too_late = whole.too_late || s.too_late;
    whole.affairs_left = whole.affairs_left || s.affairs_left;
    whole.height = whole.height || s.height;
    whole.sure_named = whole.sure_named || s.sure_named;
    whole.weight_named = whole.weight_named || s.weight_named;
    whole.question = whole.question || s.question;
    whole.pastime = whole.pastime || s.pastime;
    whole.thrill = whole.thrill || s.thrill;
    whole.going = whole.going || s.going;
    whole.treatment_off = whole.treatment_off || s.treatment_off;
    whole.breath_or_ease = whole.breath_or_ease || s.breath_or_ease;
    whole.pleasure_jump = whole.pleasure_jump || s.pleasure_jump;
    whole.act_measured = whole.act_measured || s.act_measured;
    whole.act_resolve = whole.act_resolve || s.act_resolve;
    whole.body_weight = whole.body_weight || s.body_weight;
    whole.act_outside_topic =
        whole.act_outside_topic || (has(s.concepts, kAct | kMethod) && !has(s.concepts, kTopic));
    whole.fixture_bears = whole.fixture_bears || s.fixture_bears;
    whole.jump_enjoyed = whole.jump_enjoyed || s.jump_enjoyed;
    whole.means_beyond_act = whole.means_beyond_act || s.means_beyond_act;
    whole.enjoyed = whole.enjoyed || s.enjoyed;
    whole.cord_tied_alone = whole.cord_tied_alone || s.cord_tied_alone;
    whole.drank = whole.drank || s.drank;
    whole.all_of_it = whole.all_of_it || s.all_of_it;
    whole.cut_bare = whole.cut_bare || s.cut_bare;
    whole.blood = whole.blood || s.blood;
    whole.beside_drink_or_cut += s.beside_drink_or_cut;
    if (!s.cord_tied_alone)
      whole.beside_cord +=
          static_cast<int>(std::count_if(s.words.begin(), s.words.end(), is_content));
    whole.plan_beyond_courage = whole.plan_beyond_courage || s.plan_beyond_courage;
    whole.despair_words += s.despair_words;
    whole.prescribed = whole.prescribed || s.prescribed;
    whole.one_way_to_answer = whole.one_way_to_answer || s.one_way_to_answer;
    whole.stock = whole.stock || s.stock;
    whole.other_words += s.other_words;
    if (!has(s.concepts, kDie))
      whole.words_outside +=
          static_cast<int>(std::count_if(s.words.begin(), s.words.end(), is_content));
    whole.flood = whole.flood || s.flood;
    whole.lethal_asked = std::max(whole.lethal_asked, s.lethal_asked);
    whole.wont_answer = whole.wont_answer || s.wont_answer;
    whole.come_to_me = whole.come_to_me || s.come_to_me;
    whole.not_back = whole.not_back || s.not_back;
    whole.stay_away = whole.stay_away || s.stay_away;
  }

  // One sentence: its rules, then its ceiling (hyperbole, someone else's death, a game).
  static void judge_sentence(const Sentence& s, const std::string& sentence, const Sentence& whole,
                             Judgement& j) {
    Verdict v;
    for (Rule rule : kRules) {
      const Verdict r = rule(s);
      if (more_severe(r, v))
        v = r;
    }
    if (v.level == RiskLevel::kNone)
      v = rule_die_mentioned(s);
    j.help_alone = j.help_alone || rule_help_alone(s).level != RiskLevel::kNone;
    RiskLevel cap = sentence_cap(s, whole.concepts);
    // 父が自殺して1年。遺族の集まりは: a death grieved anywhere in the message.
    if (has(whole.concepts, kGrief) && has(s.concepts, kDie) &&
        !has(s.die_forms, kWant | kOnly | kBetter | kWill) && cap > RiskLevel::kCheck)
      cap = RiskLevel::kCheck;
    // 前は本気で死のうと思ってた。今は落ち着いてる / DV受けてたけど去年家を出て、今は安全: a
    // time told as over. Asked about (the question fits a past that may come back), never the
    // crisis answer — unless it is back (また) or a plan, a goodbye or a brink is there.
    // 去年は死にたかったけど、今は通院してる: a wish told in the past against 今は counts the same.
    const bool wish_was =
        whole.now_contrast && has(s.die_forms, kPast) && !has(s.die_forms, kOngoing);
    if (has(whole.concepts, kBefore) && (has(whole.concepts, kRecovered) || wish_was) &&
        !back_again(s) && !has(s.concepts, kPlan | kFarewell | kBrink) && cap > RiskLevel::kCheck)
      cap = RiskLevel::kCheck;
    // 祖父の四十九日が終わった。遺書っぽいメモが出てきたけど法的に有効？: the will of one who
    // died, asked about as a matter of law or an estate, is not a plan.
    if (has(whole.concepts, kGrief) && has(whole.concepts, kPaperwork) &&
        has_lemma(s, {"遺書", "いしょ"}) && s.farewells < 2 &&
        !has(s.concepts, kSelf | kDistress | kHopeless | kBurden | kNow) &&
        !has(s.die_forms, kWant | kWill | kOnly | kBetter))
      cap = RiskLevel::kNone;
    // 父の家を片付けたい。遺品整理の業者は / 父が遺言書を書きたいって。公正証書遺言の作り方: a
    // goodbye word (片付ける, 遺言) where the message is about someone's death or a matter of
    // forms and law, with nothing of one's own death, despair or a plan.
    if (std::strcmp(v.rule, "m_goodbye") == 0 &&
        (has(whole.concepts, kGrief) ||
         (has(whole.concepts, kPaperwork) &&
          has_lemma(s, {"遺言", "遺言書", "ゆいごん", "遺品", "相続"}))) &&
        s.farewells < 2 &&
        !has(whole.concepts, kSelf | kDie | kHopeless | kBurden | kPlan | kDistress | kNow))
      cap = RiskLevel::kNone;
    // 遺書みたいなエンディングノート、何を書けば？, 終活で遺書を用意: a will written ahead as
    // planning for old age, with nothing of one's own pain, despair, a burden or a time.
    // (遺書と遺言書の違い: documents named beside each other are one matter, not two goodbyes.)
    static const RE2 kEndOfLifePlanning(
        "エンディングノート|えんでぃんぐのーと|終活|遺言書|ゆいごんしょ|遺言状");
    if (has_lemma(s, {"遺書", "いしょ"}) && (s.farewells < 2 || documents_only(s)) &&
        RE2::PartialMatch(sentence, kEndOfLifePlanning) &&
        !has(whole.concepts, kSelf | kDistress | kHopeless | kBurden | kNow | kMethod) &&
        !has(s.die_forms, kWant | kWill | kOnly | kBetter))
      cap = RiskLevel::kNone;
    // 読書感想文で『こころ』読んでる。先生の遺書のとこ長すぎ: a will in a book read for
    // school, with nothing of one's own.
    if (has(whole.concepts, kStudy) && has_lemma(s, {"遺書", "いしょ"}) && s.farewells < 2 &&
        !has(whole.concepts, kSelf | kDistress | kHopeless | kBurden | kNow | kMethod | kAct) &&
        !has(s.die_forms, kWant | kWill | kOnly | kBetter))
      cap = RiskLevel::kNone;
    // 祖父が亡くなりました。最期は静かで、いいお別れができた: a farewell that is someone else's
    // death, grieved, with nothing of one's own wish, despair, a plan or a means. One farewell
    // word is nothing; several (最期, お別れ) are asked about, since a goodbye of one's own
    // after a death reads the same.
    if ((std::strcmp(v.rule, "m_farewell") == 0 || std::strcmp(v.rule, "m_goodbye") == 0) &&
        has(whole.concepts, kGrief) &&
        !has(whole.concepts,
             kSelf | kHopeless | kBurden | kPlan | kDistress | kNow | kMethod | kAct) &&
        !has(s.die_forms, kWant | kWill | kOnly | kBetter))
      cap = std::min(cap, s.farewells < 2 ? RiskLevel::kNone : RiskLevel::kCheck);
    // 今日で最後です！今までありがとうございました！（バイト最終日）: a goodbye for an ordinary
    // ending named anywhere in the message, with nothing dark in it.
    if ((std::strcmp(v.rule, "m_farewell") == 0 || std::strcmp(v.rule, "m_goodbye") == 0) &&
        whole.occasion_goodbye && !whole.farewell_beyond_thanks &&
        !has(whole.concepts, kDie | kHopeless | kBurden | kPlan | kMethod | kBrink | kDistress))
      cap = RiskLevel::kNone;
    static const RE2 kNoJoke("(冗談|じょうだん|ネタ|ねた)(じゃ|では|でも)な");
    // 推しが結婚した…もう生きていけない…(半分冗談、でもショック), もう生きていけない笑: not
    // living on, said as a joke or laughing, with nothing of dying, a plan, a means, a
    // goodbye, a brink or a burden in the message. Asked about, not answered as a crisis.
    // 推しのライブ全落ち、生きる意味ない〜〜 次こそ当たりますように: a pastime's letdown
    // with a hope for next time beside it, the same.
    static const RE2 kHopeNext("次こそ|次は|つぎこそ|ますように|楽しみ|たのしみ");
    const bool life_denied =
        has(s.concepts, kLive) &&
        (has(s.live_forms, kNeg) || has_lemma(s, {"意味", "いみ", "甲斐", "がい"}));
    if (life_denied &&
        (has(whole.concepts, kJoke) || whole.laughing_all ||
         (has(whole.concepts, kEveryday) && RE2::PartialMatch(sentence, kHopeNext))) &&
        !RE2::PartialMatch(sentence, kNoJoke) &&
        !has(whole.concepts, kDie | kPlan | kMethod | kFarewell | kBrink | kBurden | kAct) &&
        cap > RiskLevel::kCheck)
      cap = RiskLevel::kCheck;
    // 手首切った…料理中にスライサーで, 段ボール開けるときカッターで腕切っちゃった: a cut in an
    // everyday task or with a kitchen or craft tool, with nothing of doing it on purpose,
    // again, dying, despair or a burden in the message. Asked about, not the crisis answer.
    if (has(s.concepts, kAct) && has_lemma(s, {"切る", "きる", "切れる"}) &&
        surface_has(s,
                    {"スライサー", "すらいさー", "ピーラー", "ぴーらー", "段ボール", "ダンボール",
                     "だんぼーる", "料理", "りょうり", "調理", "紙で", "開ける", "あける"}) &&
        !surface_has(s, {"わざと", "自分で", "じぶんで", "リスカ", "りすか"}) &&
        !has(whole.concepts, kDie | kHopeless | kBurden | kDistress | kPlan | kAgain | kFarewell) &&
        cap > RiskLevel::kCheck)
      cap = RiskLevel::kCheck;
    // 昔の自傷の跡を薄くする治療, リスカの跡が見えて半袖着られない: the marks of self-harm long
    // ago, asked about as skin to treat or hide, with nothing of doing it now or again, dying,
    // despair or a burden in the message (unhappiness with the marks is no sign of it).
    // (A way asked for, 消す方法, is the treatment's, not a plan.)
    const auto plan_beyond_how = [](const Sentence& t) {
      return std::any_of(t.words.begin(), t.words.end(), [](const Word& w) {
        return has(w.concepts, kPlan) && !lemma_in(w, {"方法", "ほうほう", "やり方", "やりかた"});
      });
    };
    if (has(s.concepts, kAct | kMethod) &&
        has_lemma(s, {"跡", "あと", "痕", "傷跡", "傷痕", "きずあと", "傷あと"}) &&
        !plan_beyond_how(s) &&
        has_lemma(s, {"昔", "むかし", "以前", "過去", "治療", "ちりょう", "消す", "けす", "薄い",
                      "うすい", "隠す", "かくす", "目立つ", "めだつ", "半袖", "はんそで",
                      "レーザー", "皮膚科", "形成外科"}) &&
        !has(s.act_forms, kOngoing | kWant | kWill) &&
        !has(whole.concepts, kDie | kHopeless | kBurden | kAgain | kNow | kFarewell) &&
        cap > RiskLevel::kNone)
      cap = RiskLevel::kNone;
    // 寝違えて首つった, 首の筋つった: a cramp (つる is also hanging's verb), named by how it
    // came, with nothing of dying, despair, a plan or a goodbye in the message.
    if (has_lemma(s, {"首", "くび"}) && has_lemma(s, {"つる", "吊る", "攣る"}) &&
        surface_has(s, {"寝違", "ねちが", "筋", "すじ", "攣", "こむら", "ストレッチ", "すとれっち",
                        "肩こり", "かたこり"}) &&
        !has(whole.concepts, kDie | kHopeless | kBurden | kPlan | kFarewell | kDistress) &&
        cap > RiskLevel::kNone)
      cap = RiskLevel::kNone;
    // 「飛び降りる」って英語でなんて言う？, 「自害」の読み方: the word itself asked about (how it
    // is said in another language, read, written or what it means), with nothing of one's own
    // pain, despair, a plan, a burden or a time. The word is named, not used.
    static const RE2 kWordAsked(
        "(英語|えいご|中国語|韓国語|外国語|日本語|漢字|ひらがな|カタカナ)で(なんて|何て|なん|どう|"
        "何と|なんと)(言|い|書|か|読|よ)|(の|って)(意味|いみ|読み方|よみかた|書き方|かきかた|類語|"
        "語源|英訳|言い換え)");
    if (RE2::PartialMatch(sentence, kWordAsked) && has(s.concepts, kDie | kAct | kMethod) &&
        !has(whole.concepts, kSelf | kNow | kDistress | kHopeless | kBurden | kPlan | kFarewell |
                                 kMethod | kBrink) &&
        !has(whole.concepts & ~s.concepts, kDie | kAct | kHarm))
      cap = RiskLevel::kNone;
    // 推しのライブ当たった!!!!しぬ!!!!!: a bare 死ぬ shouted after good news or a pastime, with
    // nothing of pain, hopelessness, a means or a goodbye anywhere in the message.
    // (A wish, 消えたい, is never lowered so: 笑われた。消えたい is being laughed at.)
    if (has(s.concepts, kDie) && bare(s) && has(whole.concepts, kEveryday | kJoke) &&
        !has(s.die_forms, kWant | kOnly | kBetter) &&
        !has(whole.concepts, kDistress | kHopeless | kBurden | kFarewell | kPlan | kMethod | kAct |
                                 kBrink | kNow | kFear | kHarm))
      cap = RiskLevel::kNone;
    // 夜勤の休憩中。カップ麺の3分が一生に感じる。死ぬ: a bare 死ぬ after other sentences that
    // hold nothing of pain, hopelessness, a means, a plan or a goodbye — an exclamation more
    // often than not. Asked about, not answered as a crisis (a message of 死ぬ alone still is).
    if (has(s.concepts, kDie) && bare(s) && !has(s.die_forms, kWant | kOnly | kBetter | kWill) &&
        whole.words_outside > 0 &&
        !has(whole.concepts, kDistress | kHopeless | kBurden | kFarewell | kPlan | kMethod | kAct |
                                 kBrink | kNow | kFear | kHarm | kSelf | kAgain | kLive | kEdge))
      cap = std::min(cap, RiskLevel::kCheck);
    // バンジー直前で断念した。飛び降りる勇気なかった, スカイダイビングで飛び降りるの楽しみ: a
    // jump or a height in a sport or a ride named in the message, with nothing of dying,
    // despair, a burden, a plan, a means or a goodbye. Asked about at most.
    // 海の色きれいすぎて飛び込みたくなった, 暑すぎて川に飛び込みたい: a jump wished for because
    // of beauty or heat, with nothing of dying, despair, a burden, a plan or a goodbye. Asked
    // about at most.
    if (s.pleasure_jump && !has(whole.concepts, kDarkBesideJump) && cap > RiskLevel::kCheck)
      cap = RiskLevel::kCheck;
    // 岩から海に飛び込んできた〜 冷たかった〜, 橋から川に飛び込んで遊んだ、楽しかった: a jump
    // done for fun, told with the fun or the cold of it, and nothing dark in the message.
    if (whole.jump_enjoyed && whole.enjoyed &&
        !has(whole.concepts, kDarkBesideJump | kNow | kAgain | kFear) && has(s.concepts, kAct) &&
        !has(s.act_forms, kWant | kWill) && cap > RiskLevel::kNone)
      cap = RiskLevel::kNone;
    // (Another sentence's own place or time, 今夜は屋上から, is not the ride's; the courage to
    // jump, 飛び降りる勇気, is the only plan word that may be the ride's.)
    if (whole.thrill && has(s.concepts, kAct | kBrink | kEdge) &&
        (s.thrill || (!has(s.concepts, kNow) && !place_beyond_act(s, kBrink | kEdge))) &&
        !has(whole.concepts, kDie | kHopeless | kBurden | kFarewell | kAmount) &&
        !whole.means_beyond_act && !whole.plan_beyond_courage && cap > RiskLevel::kCheck)
      cap = RiskLevel::kCheck;
    // 死にたいとかは全然ない, 死にたいわけじゃない: the wish named to deny it. Asked about,
    // not answered as a crisis.
    if (has(s.concepts, kDie) && denies_wish(sentence) && cap > RiskLevel::kCheck)
      cap = RiskLevel::kCheck;
    if (cap < RiskLevel::kCrisis) {
      // This sentence can at most ask, and the surface rules' crisis found only here is
      // lowered too.
      if (v.kind != CrisisKind::kViolence && v.level > cap)
        v = cap == RiskLevel::kNone ? Verdict{} : Verdict{cap, v.kind, false, "m_lowered"};
      ++j.capped;
      if (cap > j.capped_level)
        j.capped_level = cap;
    } else {
      append_sentence(j.out.rest, sentence);
    }
    if (v.level == RiskLevel::kCheck) {
      bool seen = false;
      for (const char* c : j.checks)
        seen = seen || std::strcmp(c, v.rule) == 0;
      if (!seen)
        j.checks.push_back(v.rule);
    }
    if (more_severe(v, j.best))
      j.best = v;
  }

  // The message: rules across its sentences, and two different worrying signals together.
  static Reading conclude(std::size_t sentence_count, const Sentence& whole, Judgement& j) {
    Verdict best = j.best;
    if (sentence_count > 1 && best.level != RiskLevel::kCrisis) {
      for (Rule rule : kMessageRules) {
        const Verdict r = rule(whole);
        if (more_severe(r, best))
          best = r;
      }
    }
    // 角島大橋行ってきた！海の色きれいすぎて飛び込みたくなった: a bridge or the sea of an outing
    // and a jump wished for its beauty; asked about, not a plan.
    if (best.level == RiskLevel::kCrisis && std::strcmp(best.rule, "m_act_plan") == 0 &&
        whole.pleasure_jump && !has(whole.concepts, kDarkBesideJump))
      best = {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_act_plan"};
    // 飛び降りたい気分ｗ いやバンジーの話。近くでできるとこある？: a jump wished, then a sport
    // or a ride named: asked about at most across the sentences too.
    if (best.level == RiskLevel::kCrisis && std::strcmp(best.rule, "m_act_plan") == 0 &&
        j.best.level != RiskLevel::kCrisis && whole.thrill && !whole.means_beyond_act &&
        !whole.plan_beyond_courage &&
        !has(whole.concepts, kDie | kHopeless | kBurden | kFarewell | kAmount | kNow))
      best = {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_act_plan"};
    // 飛び降りたいくらい恥ずかしいことした。好きな人の前でこけた: the act wished as a measure
    // (sentence_cap) is no plan across the sentences either, with nothing dark in the message.
    if (best.level == RiskLevel::kCrisis && std::strcmp(best.rule, "m_act_plan") == 0 &&
        j.best.level != RiskLevel::kCrisis && whole.act_measured &&
        !has(whole.concepts,
             kDie | kHopeless | kBurden | kFarewell | kPlan | kDistress | kNow | kAgain))
      best = j.best;
    // 首くくる覚悟でプレゼン臨んだら通った！！今日は飲むぞ: an act as the measure of resolve is
    // no plan across the sentences either (飲む is a drink here; a time in another sentence is
    // the drink's).
    if (best.level == RiskLevel::kCrisis && std::strcmp(best.rule, "m_act_plan") == 0 &&
        j.best.level != RiskLevel::kCrisis && whole.act_resolve &&
        !has(whole.concepts, kDie | kHopeless | kBurden | kFarewell | kDistress | kAgain))
      best = j.best;
    // ニュースで、橋から飛び降りようとした人を高校生が助けたって。すごいね: an act told only in
    // the news, a story or a study is no plan across the sentences either.
    if (best.level == RiskLevel::kCrisis && std::strcmp(best.rule, "m_act_plan") == 0 &&
        j.best.level != RiskLevel::kCrisis && !whole.act_outside_topic &&
        has(whole.concepts, kTopic) &&
        !has(whole.concepts, kSelf | kNow | kFarewell | kBurden | kHopeless | kInsurance))
      best = j.best;
    // ロープってどのくらいの重さまで耐えられますか。体重65キロです: a fixture or a means asked
    // about for the weight it bears, and one's own weight given in another sentence. Asked
    // about.
    if (best.level == RiskLevel::kNone && whole.body_weight && whole.fixture_bears &&
        !has(whole.concepts, kAbout | kTopic | kEveryday | kJoke | kChild) && !whole.laughing_all)
      best = {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_weight_tested"};
    // 兄から「明日には死んでると思う」って来て、それから連絡とれない: dying said, and then the
    // person cannot be reached.
    if (best.level != RiskLevel::kCrisis && whole.unreachable && has(whole.concepts, kDie) &&
        !has(whole.concepts, kGrief | kTopic) && !has(whole.die_forms, kDegree | kSeem)) {
      best = {RiskLevel::kCrisis, CrisisKind::kSuicide, false, "m_unreachable"};
    }
    // 妻を亡くしてから…妻のところへ行ってもいいかと思う, 猫が死んだ。あの子のところに行きたい:
    // going to where one who died is. Asked about; with a time now, a crisis.
    // (父の葬式が終わったら俺も行く。方法も決めてある: a way decided is a crisis too.)
    if (best.level != RiskLevel::kCrisis && whole.goes_to_them &&
        has(whole.concepts, kGrief | kDie) && !has(whole.concepts, kTopic)) {
      best = has(whole.concepts, kNow | kPlan | kMethod)
                 ? Verdict{RiskLevel::kCrisis, CrisisKind::kSuicide, true, "m_goes_to_them"}
                 : Verdict{RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_goes_to_them"};
    }
    // 今、海。靴ぬいだ / 屋上で靴を揃えた: shoes taken off or lined up where one could fall or
    // drown. A crisis now.
    if (best.level != RiskLevel::kCrisis && whole.shoes_off &&
        has(whole.concepts, kEdge | kBrink) && !has(whole.concepts, kTopic | kAbout | kEveryday))
      best = {RiskLevel::kCrisis, CrisisKind::kSuicide, true, "m_shoes_off"};
    // 📍〇〇大橋🌉 じゃあね👋: a short goodbye from a bridge, the sea or a roof, with nothing
    // done there (コンビニ寄る) and nothing of an outing, a show or good news. A crisis now.
    if (best.level != RiskLevel::kCrisis && whole.bye && sentence_count <= 3 && !whole.doing &&
        has(whole.concepts, kEdge | kBrink) &&
        !has(whole.concepts, kTopic | kAbout | kEveryday | kJoke | kHousehold | kDwelling))
      best = {RiskLevel::kCrisis, CrisisKind::kSuicide, true, "m_bye_at_edge"};
    // 義母から毎日「死んで詫びろ」って言われる。頭から離れない: told to die, and it hurts or the
    // writer would do as told (言われたとおりにしようかな). Asked about; doing as told with a
    // time set (言われた通りにする。明日の朝礼の前に), a height or a means named (そうするのが
    // 正解な気がしてきた。会社の12階の窓、開く) is a crisis.
    if (best.level != RiskLevel::kCrisis && whole.told_to_die &&
        (has(whole.concepts, kDistress | kHopeless | kBurden | kFear) || whole.as_told) &&
        !has(whole.concepts, kTopic | kAbout | kJoke) && !whole.laughing_all) {
      if (whole.as_told && has(whole.concepts, kNow | kBrink | kEdge | kMethod))
        best = {RiskLevel::kCrisis, CrisisKind::kSuicide, false, "m_told_to_die"};
      else if (best.level == RiskLevel::kNone)
        best = {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_told_to_die"};
    }
    // 手帳に毎日「死」って書いてる。今日は日付の横に「決行」って書いた: carrying it out set for a
    // day, with dying in the message. A crisis.
    if (best.level != RiskLevel::kCrisis && whole.carry_out_set && has(whole.concepts, kDie) &&
        !has(whole.concepts, kTopic | kAbout | kJoke))
      best = {RiskLevel::kCrisis, CrisisKind::kSuicide, false, "m_carry_out_set"};
    // 闇金…払えない。屋上の鍵は俺が持ってる: the key to a height, beside debts or despair.
    if (best.level != RiskLevel::kCrisis && whole.brink_key &&
        (whole.real_debt || has(whole.concepts, kHopeless | kBurden | kDie | kFarewell)) &&
        !has(whole.concepts, kTopic | kAbout))
      best = {RiskLevel::kCrisis, CrisisKind::kSuicide, false, "m_brink_key"};
    // カッター使った。袖で隠してるけど、けっこう深い: a cut done, and deep. A crisis now.
    // (An everyday word does not excuse it where people cut themselves: カッターで腕やった…
    // 授業中に血がにじんできた.)
    if (best.level != RiskLevel::kCrisis && whole.cut_done && whole.wound_deep &&
        !has(whole.concepts, kHousehold) &&
        (whole.cut_site || !has(whole.concepts, kTopic | kEveryday | kAbout)))
      best = {RiskLevel::kCrisis, CrisisKind::kSuicide, true, "m_cut_deep"};
    // クスリ…量をまちがえたことにして終わらせるつもり: ending it, willed, beside a means, an
    // amount or despair. A crisis.
    if (best.level != RiskLevel::kCrisis && whole.ending_it &&
        has(whole.concepts, kMethod | kAmount | kHopeless | kBurden | kFarewell) &&
        !has(whole.concepts, kTopic | kAbout))
      best = {RiskLevel::kCrisis, CrisisKind::kSuicide, false, "m_ending_it"};
    // 来週の月曜に全部終わらせることにしたから、猫のこと誰かに頼みたい: ending it, willed or
    // decided, and a pet to be taken in by someone. A crisis, however much else is told.
    // (Decided alone is also the day's work: 今日中に全部終わらせることにした.)
    // わたしがいなくなった後、うちのインコを引き取ってくれる団体を探しています: one's own going
    // and a pet to be taken in, the same.
    if (best.level != RiskLevel::kCrisis &&
        (whole.ending_it || whole.ending_decided ||
         (has(whole.concepts, kDie) && has(whole.concepts, kSelf) &&
          !has(whole.concepts, kGrief))) &&
        whole.pet_entrusted && !has(whole.concepts, kTopic))
      best = {RiskLevel::kCrisis, CrisisKind::kSuicide, false, "m_ending_it"};
    // 高さ何メートルあれば確実？うちのマンション8階, 胸に重りつけたら浮かんでこないってほんと？:
    // a height or a means asked about as sure to kill. A crisis (sure or enough beside a height
    // alone: asked about).
    if (best.level != RiskLevel::kCrisis && whole.lethal_asked > 0 && whole.question &&
        !has(whole.concepts, kTopic | kAbout | kHousehold | kEveryday | kStudy)) {
      const bool means =
          has(whole.concepts, kMethod | kEdge | kBrink | kAmount | kAct) || whole.weight_named;
      // (落ちたら助からないよね, 怖い / 子どもが落ちたら / ダイビングで重りつけすぎると: a fall
      // feared, a child's safety, a sport — unless dying is named.)
      const bool other_fear = has(whole.concepts, kFear | kChild) || whole.pastime;
      const bool sure_to_kill = whole.lethal_asked == 2 &&
                                (means || whole.height || has(whole.concepts, kDie)) &&
                                (!other_fear || has(whole.concepts, kDie));
      if (sure_to_kill || (whole.height && whole.sure_named && !other_fear))
        best = {RiskLevel::kCrisis, CrisisKind::kSuicide, false, "m_lethal_asked"};
      else if (best.level == RiskLevel::kNone && whole.height &&
               has(whole.concepts, kHopeless | kBurden | kDie | kFarewell))
        best = {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_lethal_asked"};
    }
    // 暗証番号はメモに書いて冷蔵庫に貼っといた。息子にはごめんって伝えて: affairs left for
    // those after, with a goodbye, dying or despair. A crisis.
    if (best.level != RiskLevel::kCrisis && whole.affairs_left && !whole.stay_away &&
        (whole.farewells > 0 || has(whole.concepts, kDie | kHopeless | kBurden)) &&
        !has(whole.concepts, kTopic | kAbout | kGrief | kPaperwork))
      best = {RiskLevel::kCrisis, CrisisKind::kSuicide, false, "m_affairs_left"};
    // 明日の朝、誰か部屋に来てもらえるよう手配してもらえますか。たぶん僕は返事できないので:
    // one's own silence foreseen with no reason, and someone asked to come by — to find one.
    // A crisis; the silence alone beside despair or a goodbye is asked about.
    if (best.level != RiskLevel::kCrisis && whole.wont_answer && !whole.stay_away &&
        !has(whole.concepts, kTopic | kAbout | kEveryday)) {
      if (whole.come_to_me)
        best = {RiskLevel::kCrisis, CrisisKind::kSuicide, false, "m_wont_answer"};
      else if (best.level == RiskLevel::kNone &&
               has(whole.concepts, kHopeless | kBurden | kFarewell | kDie))
        best = {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_wont_answer"};
    }
    // 川の水位やばいらしい。ちょっと見てくる。帰らんかもやけど: going to water, a height or a
    // track, saying one may not come back. Asked about.
    // (海行ってくる！今日は帰らないかも is an outing: water or a height counts beside a flood,
    // despair or dying.)
    if (best.level == RiskLevel::kNone && whole.not_back && !whole.stay_away &&
        (has(whole.concepts, kHopeless | kBurden | kDie | kFarewell) ||
         (has(whole.concepts, kEdge | kBrink) && whole.flood)) &&
        !has(whole.concepts, kTopic | kAbout | kEveryday | kJoke) && !whole.laughing_all)
      best = {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_not_back"};
    // 仕事で損害を出した。責任のとり方って一つしかないのかな: one way to take responsibility.
    // Asked about.
    if (best.level == RiskLevel::kNone && whole.one_way_to_answer &&
        !has(whole.concepts, kTopic | kAbout | kJoke))
      best = {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_one_way_to_answer"};
    // 飲んだ。全部。もう。: drinking the whole of something unnamed, told as done, with nothing
    // else but a mood said; [スタンプ：血のしずく] きった: a cut told as done with blood and
    // nothing cut or a cause named. A crisis now (an overdose or a wound).
    if (best.level != RiskLevel::kCrisis && whole.beside_drink_or_cut == 0 &&
        ((whole.drank && whole.all_of_it) || (whole.cut_bare && whole.blood)) &&
        !whole.laughing_all)
      best = {RiskLevel::kCrisis, CrisisKind::kSuicide, true, "m_bare_act_done"};
    // ロープ結んだ: a cord tied or hung, told as done, and nothing else in the message. A
    // crisis now.
    if (best.level != RiskLevel::kCrisis && whole.cord_tied_alone && whole.beside_cord == 0)
      best = {RiskLevel::kCrisis, CrisisKind::kSuicide, true, "m_cord_tied"};
    // 疲れた / もう無理かも / 🥲🥲 もうだめ: exhaustion or despair said alone, the
    // whole message. Asked about (with anything else said, the message tells what it is about).
    if (best.level == RiskLevel::kNone && whole.despair_words > 0 && whole.other_words == 0 &&
        !whole.laughing_all)
      best = {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_despair_alone"};
    // 閉鎖病棟にいます。出たら自分が何するか分からない: afraid of what one might do. Asked about.
    if (best.level == RiskLevel::kNone && whole.unsure_of_self &&
        !has(whole.concepts, kTopic | kAbout | kJoke | kEveryday) && !whole.laughing_all)
      best = {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_unsure_of_self"};
    // いつも聞いてくれてありがとう。たぶん、もうすぐ連絡しなくなると思う: going quiet, said as
    // a goodbye. Asked about.
    if (best.level == RiskLevel::kNone && whole.going_quiet &&
        !has(whole.concepts, kTopic | kAbout | kEveryday))
      best = {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_going_quiet"};
    // 父が酔うと「一緒に死ぬか」って言う: someone close asking the writer to die together.
    // Asked about (danger from another).
    if (best.level == RiskLevel::kNone && whole.invited_to_die &&
        !has(whole.concepts, kTopic | kJoke) && !whole.laughing_all)
      best = {RiskLevel::kCheck, CrisisKind::kViolence, false, "m_invited_to_die"};
    // 神さまのところに早く行かせてくださいって祈った: asked about.
    if (best.level == RiskLevel::kNone && whole.goes_to_god &&
        !has(whole.concepts, kTopic | kAbout))
      best = {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_goes_to_god"};
    // 1ヶ月前から計画してた。明日の昼…やる: a plan, and "do it" at a time, the act unsaid.
    // Asked about.
    if (best.level == RiskLevel::kNone && whole.do_it_now && has(whole.concepts, kPlan) &&
        !has(whole.concepts, kTopic | kEveryday | kJoke))
      best = {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_plan_unsaid"};
    // 酸素のチューブ外して1時間たちました。息苦しい。でもこれでいい: life support taken off, and
    // the time since, the breath going or the ease told. A crisis now.
    if (best.level != RiskLevel::kCrisis && whole.treatment_off && whole.breath_or_ease)
      best = {RiskLevel::kCrisis, CrisisKind::kSuicide, true, "m_treatment_off"};
    // 飲んだ。もう遅い: an act done, told bare, and past undoing, in a short message.
    if (best.level != RiskLevel::kCrisis && sentence_count <= 3 && whole.bare_act_done &&
        whole.too_late)
      best = {RiskLevel::kCrisis, CrisisKind::kSuicide, true, "m_act_too_late"};
    // たすけて, and nothing else in the message.
    if (best.level == RiskLevel::kNone && sentence_count == 1 && j.help_alone)
      best = {RiskLevel::kCheck, CrisisKind::kSuicide, false, "m_help_alone"};
    // A goodbye and being a burden are worth more than either.
    if (best.level == RiskLevel::kCheck && j.checks.size() >= 2) {
      best.level = RiskLevel::kCrisis;
      best.rule = "m_two_signals";
    }
    Reading out = std::move(j.out);
    out.violence_cap = violence_cap(whole);
    if (best.kind == CrisisKind::kViolence && best.level > out.violence_cap)
      best = {out.violence_cap, CrisisKind::kViolence, false, "m_violence_lowered"};
    out.level = best.level;
    out.kind = best.kind;
    out.immediate = best.immediate;
    out.rule = best.rule;
    if (j.capped > 0) {
      out.hyperbole = true;
      out.hyperbole_level = j.capped_level;
    }
    return out;
  }

  // The most harm from someone else can mean in this message (Reading::violence_cap). Never
  // limited when there is fear, a weapon, someone outside, being kept in, harm going on, or
  // harm told as happening again (また殴られた).
  static RiskLevel violence_cap(const Sentence& whole) {
    // ゴキブリ殺したい: the only killing is of a pest.
    if (whole.pest_killed && !has(whole.concepts, kHarm | kFear | kWeapon | kOutside))
      return RiskLevel::kNone;
    // レポートでDV防止法について調べています。保護命令の仕組み: a subject of study, with no
    // harm told, whatever words of fear it names.
    if (has(whole.concepts, kStudy) && !whole.harm_affirmed && !whole.harm_now &&
        !whole.harm_coming && !whole.kept_in)
      return RiskLevel::kCheck;
    if (has(whole.concepts, kFear | kWeapon | kOutside) || whole.kept_in || whole.harm_now ||
        whole.harm_coming || (has(whole.concepts, kAgain) && whole.harm_affirmed))
      return RiskLevel::kCrisis;
    // 「殺すぞ〜」って笑われた, 断ったら「帰り道気をつけなよ」って笑いながら言われた: a threat
    // said with a laugh — a joke or a veiled threat; これってDV？, 虐待になる？: what is told
    // is asked about by name. Asked about.
    if (whole.said_smiling || (whole.asks_label && !whole.harm_affirmed))
      return RiskLevel::kCheck;
    // 前は殴られてた。今は離れて平気 / 今は実家に避難してて安全です.
    // 去年付きまとわれてた。今は止まってる: harm told only in the past, set against 今は.
    const bool over =
        (has(whole.concepts, kRecovered) &&
         (has(whole.concepts, kBefore) || (has(whole.concepts, kNow) && !whole.harm_affirmed))) ||
        (has(whole.concepts, kBefore) && whole.now_contrast && whole.harm_affirmed &&
         !whole.harm_present);
    const bool denied = has(whole.concepts, kHarm) && !whole.harm_affirmed;
    const bool subject = has(whole.concepts, kTopic) && !whole.harm_affirmed;
    return over || denied || subject ? RiskLevel::kCheck : RiskLevel::kCrisis;
  }

  // また, 何度も, 毎日 — back again, or going on. 毎日 or 何度も beside a wish told in the past
  // (毎日死にたいって思ってた, 何度も危ない目に遭うた) belongs to that past.
  static bool back_again(const Sentence& s) {
    bool past = has(s.concepts, kBefore);
    for (const Word& v : s.words)
      past = past || (v.pos == "動詞" && has(v.forms, kPast));
    for (const Word& w : s.words) {
      if (!has(w.concepts, kAgain))
        continue;
      const bool every_day =
          lemma_in(w, {"毎日", "まいにち", "度", "回", "何度", "なんど", "何回", "なんかい"});
      if (!every_day || !past)
        return true;
    }
    return false;
  }

  static void append_sentence(std::string& rest, const std::string& sentence) {
    if (!rest.empty())
      rest += "。";
    rest += sentence;
  }

  // A wish followed by とか/わけ and a denial (死にたいとかじゃない, 死にたいわけではない,
  // 消えたいとかは全然ないです).
  static bool denies_wish(const std::string& sentence) {
    static const RE2 kDenial(
        "(たい|たく)(とか|わけ|訳|って(いう)?わけ)(じゃ|では|でも)?(は|も)?"
        "(全然|ぜんぜん|別に|べつに|全く|まったく)?(ない|なく|ありません|ないです|なかった)");
    return RE2::PartialMatch(normalize(sentence), kDenial);
  }

  // 笑, w / ｗ at the end, 草, 😂 🤣: said laughing.
  static bool laughing(const std::string& s, const std::string& folded) {
    for (const char* mark :
         {"草", "\xF0\x9F\x98\x82", "\xF0\x9F\xA4\xA3", "\xF0\x9F\x98\x86", "www", "ｗ"}) {
      if (s.find(mark) != std::string::npos)
        return true;
    }
    // 笑 as a mark ((笑), 無理笑) or laughter itself (笑い死ぬ, 笑える), not the verb of a
    // smile kept up (人前では笑ってる, 笑うしかない, 笑わなきゃ), nor someone else's laugh as
    // they said something (「気をつけなよ」って笑いながら: said_smiling).
    for (std::size_t at = s.find("笑"); at != std::string::npos; at = s.find("笑", at + 3)) {
      bool verb = starts_with_at(s, at + 3, "いながら");
      for (std::string_view ending : {"っ", "う", "わ", "お"})
        verb = verb || starts_with_at(s, at + 3, ending);
      if (!verb)
        return true;
    }
    // ﾜﾛﾀ, ワロス, 爆笑: net laughter, read in its folded form (normalize(s)).
    for (const char* word : {"わろた", "わろす", "爆笑"}) {
      if (folded.find(word) != std::string::npos)
        return true;
    }
    std::size_t end = s.size();
    while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '~'))
      --end;
    return end > 0 && (s[end - 1] == 'w' || s[end - 1] == 'W');
  }

  // Kana or CJK ideographs (U+3000..U+9FFF): worth a morphological reading.
  static bool has_japanese(const std::string& s) {
    return utf8::has_code_point_in(s, U'\u3000', U'\u9FFF');
  }

  // A sentence read: its morphemes, their concepts and forms, and what the sentence does
  // with them.
  Sentence analyse(MeCab::Tagger& tagger, MeCab::Lattice& lattice,
                   const std::string& sentence) const {
    Sentence s = tokenise(tagger, lattice, sentence);
    mark_forms(s);
    mark_vanishing(s);
    mark_better_not_me(s);
    mark_wishes(s);
    mark_die_context(s);
    const std::string folded = normalize(sentence);
    s.laughing = laughing(sentence, folded);
    const auto holds = [&folded](std::initializer_list<const char*> words) {
      return std::any_of(words.begin(), words.end(),
                         [&folded](const char* w) { return folded.find(w) != std::string::npos; });
    };
    s.bye = holds({"じゃあね", "じゃーね", "ばいばい", "さよなら", "さようなら"});
    s.said_smiling = holds({"って笑われ", "と笑われ", "笑いながら", "笑顔で"});
    static const RE2 kAsksLabel(
        "(これ|それ|こういうの|これも)(って|は|も)(dv|でーぶい|虐待|ぎゃくたい|もらはら|ぱわはら|"
        "すとーかー|せくはら)|(dv|虐待|もらはら|ぱわはら|すとーかー)(に(なる|なり|入る|あたる|"
        "当たる)|"
        "ですか|なの|かな)");
    // (Each of these patterns runs only when a word it needs is there: most sentences skip
    // them.)
    s.asks_label = holds({"dv", "でーぶい", "虐待", "ぎゃくたい", "はら", "すとーかー"}) &&
                   RE2::PartialMatch(folded, kAsksLabel);
    s.shoes_off = has_lemma(s, {"靴", "くつ"}) &&
                  std::any_of(s.words.begin(), s.words.end(), [](const Word& w) {
                    // (IPADIC reads ぬいだ as ぬく.)
                    return lemma_in(w, {"脱ぐ", "ぬぐ", "ぬく", "揃える", "そろえる"}) &&
                           has(w.forms, kPast | kOngoing) && !has(w.forms, kNeg | kIf);
                  });
    s.doing = std::any_of(s.words.begin(), s.words.end(), [](const Word& w) {
      return w.pos == "動詞" && w.pos1 == "自立" &&
             !lemma_in(w, {"いる", "おる", "来る", "くる", "着く", "つく", "立つ", "たつ", "見る",
                           "みる", "脱ぐ", "ぬぐ", "ぬく", "揃える", "そろえる", "する"});
    });
    // 量をまちがえたことにして終わらせるつもり: 終わる + せる (IPADIC splits 終わらせる), willed,
    // with no object of its own back to the verb before it (宿題を全部終わらせたい is work).
    for (std::size_t i = 0; i + 1 < s.words.size(); ++i) {
      if (!lemma_in(s.words[i], {"終わる", "おわる"}) || s.words[i + 1].lemma != "せる" ||
          has(s.words[i].forms, kNeg))
        continue;
      bool object = false;
      for (std::size_t k = i; k > 0; --k) {
        const Word& b = s.words[k - 1];
        if (b.pos == "動詞" || (b.pos1 == "接続助詞" && lemma_in(b, {"て", "で"})))
          break;
        object = object || lemma_in(b, {"を", "は", "が", "も"});
      }
      // (全部終わらせることにした: decided.)
      const bool decided = i + 4 < s.words.size() && s.words[i + 2].lemma == "こと" &&
                           s.words[i + 3].lemma == "に" && s.words[i + 4].lemma == "する" &&
                           !has(s.words[i + 4].forms, kNeg);
      if (!object && (has(s.words[i].forms, kWill | kWant) ||
                      (i + 2 < s.words.size() && lemma_in(s.words[i + 2], {"つもり", "積もり"}))))
        s.ending_it = true;
      s.ending_decided = s.ending_decided || (!object && decided);
    }
    static const RE2 kSupposed(
        "(と|って)(思ったんだろ|おもったんだろ|思われた|おもわれた|"
        "思ったみたい|思ったらしい|勘違いされ)");
    s.supposed = holds({"思", "おも", "勘違い"}) && RE2::PartialMatch(folded, kSupposed);
    s.given_away = given_to_someone(s);
    // (Still to be arranged; a trip, a stay in hospital or time away is another matter:
    // 旅行の間、猫を預けたい.)
    s.pet_entrusted =
        has_lemma(
            s, {"猫", "ねこ", "犬", "いぬ", "ペット", "ぺっと", "ハムスター", "はむすたー", "金魚",
                "きんぎょ", "うさぎ", "ウサギ", "インコ", "いんこ", "鳥", "小鳥", "文鳥"}) &&
        has_lemma_with(s,
                       {"頼む", "たのむ", "預ける", "あずける", "引き取る", "ひきとる", "託す",
                        "たくす", "もらう"},
                       0, kPast | kNeg) &&
        !has_lemma(s, {"旅行", "出張", "入院", "帰省", "留守", "間", "あいだ", "実家", "泊まる"});
    // 公園のトイレでカッター使った。袖で隠してるけど、けっこう深い: a cut done and deep.
    s.cut_done = has_lemma(s, {"カッター", "かったー", "剃刀", "かみそり", "カミソリ", "刃物",
                               "ナイフ", "ないふ", "リスカ", "りすか"}) &&
                 std::any_of(s.words.begin(), s.words.end(), [](const Word& w) {
                   return has(w.concepts, kAct) && has(w.forms, kPast) && !has(w.forms, kNeg | kIf);
                 });
    s.brink_key = has(s.concepts, kBrink) && has_lemma(s, {"鍵", "かぎ", "カギ"});
    s.carry_out_set = carries_out(s) && (has(s.concepts, kNow) ||
                                         has_lemma(s, {"日付", "ひづけ", "日にち", "カレンダー"}));
    s.cut_site =
        has_lemma(s, {"腕", "うで", "手首", "てくび", "太もも", "ふともも", "リスカ", "りすか"});
    static const RE2 kGoingQuiet(
        "(もうすぐ|そのうち|近いうち|ちかいうち|もう)[^。]{0,12}(連絡|れんらく)(しなく|できなく|"
        "とれなく)なる");
    // (Not when a reason is given: 来月から海外なので, 引っ越すから, スマホ変えるから.)
    s.going_quiet =
        holds({"連絡", "れんらく"}) && RE2::PartialMatch(folded, kGoingQuiet) &&
        !has_lemma(s, {"海外", "引っ越す", "引越し", "引っ越し", "留学", "転勤", "忙しい", "入院",
                       "スマホ", "携帯", "機種", "旅行", "出張", "試験"});
    s.wound_deep = has_lemma(s, {"深い", "ふかい", "にじむ", "滲む"}) ||
                   (has_lemma(s, {"血", "ち"}) && has_lemma(s, {"止まる", "とまる"}));
    // 出たら自分が何するか分からない, 何しでかすかわからない: afraid of what one might do.
    // 自分に何かしちゃいそうで: afraid one might do something to oneself.
    bool to_self = false;
    for (std::size_t i = 0; i + 2 < s.words.size(); ++i) {
      to_self =
          to_self || (lemma_in(s.words[i], {"自分", "じぶん"}) && s.words[i + 1].lemma == "に" &&
                      (lemma_in(s.words[i + 2], {"何か", "なにか"}) ||
                       (i + 3 < s.words.size() && lemma_in(s.words[i + 2], {"何", "なに"}) &&
                        s.words[i + 3].lemma == "か")));
    }
    const bool to_self_done =
        to_self && std::any_of(s.words.begin(), s.words.end(), [](const Word& w) {
          // (しちゃいそう: ちゃう reads as done, そう as not yet.)
          return lemma_in(w, {"する", "しちゃう", "やる", "しでかす"}) && !has(w.forms, kNeg) &&
                 (!has(w.forms, kPast) || has(w.forms, kSeem));
        });
    s.unsure_of_self =
        to_self_done ||
        (has_lemma(s, {"自分", "じぶん", "私", "わたし", "俺", "おれ", "僕", "ぼく"}) &&
         has_lemma(s, {"何", "なに", "なん"}) && has_lemma(s, {"か"}) &&
         std::any_of(s.words.begin(), s.words.end(),
                     [](const Word& w) {
                       return lemma_in(w, {"分かる", "わかる", "判る"}) && has(w.forms, kNeg);
                     }) &&
         std::any_of(s.words.begin(), s.words.end(), [](const Word& w) {
           return lemma_in(w, {"する", "しでかす", "やる", "やらかす"}) && !has(w.forms, kWant);
         }));
    // 「いなくなれ」って言われる: told to vanish, as told to die. 本当にそうしてやろう: doing
    // so, willed.
    static const RE2 kToldToVanish("いなくなれ[」』]?(って|と)[^。]{0,6}(言われ|いわれ)");
    // そうするのが正解な気がしてきた, そうした方が楽: doing so judged right or best.
    static const RE2 kDoSo(
        "そう(して(やろう|やる|しまおう|やろっかな)|しよう|しようかな|するしか|すべき|"
        "(する|した)(のが|ほうが|方が)[^。]{0,4}(正解|せいかい|いい|良い|よい|一番|いちばん|楽|"
        "らく|正しい))");
    s.told_to_die =
        s.told_to_die || (holds({"いなくなれ"}) && RE2::PartialMatch(folded, kToldToVanish));
    s.as_told = holds({"そう"}) && RE2::PartialMatch(folded, kDoSo);
    // 責任のとり方って一つしかないのかな, 責任の取り方をずっと考えてる: taking responsibility, with
    // one way only or turned over and over.
    static const RE2 kOneWayToAnswer(
        "責任の?(取|と)り方[^。]{0,8}(一つしか|ひとつしか|1つしか|しかない|ずっと考え|"
        "ずっとかんがえ)");
    s.one_way_to_answer = holds({"責任"}) && RE2::PartialMatch(folded, kOneWayToAnswer);
    for (std::size_t i = 0; i + 2 < s.words.size(); ++i) {
      const Word& v = s.words[i + 2];
      // (言われた通りにする, said plainly, is as willed as 通りにしよう.)
      s.as_told =
          s.as_told ||
          (lemma_in(s.words[i], {"とおり", "通り", "どおり"}) && s.words[i + 1].lemma == "に" &&
           lemma_in(v, {"する", "なる"}) &&
           (has(v.forms, kWill | kWant) || (v.cform == "基本形" && !has(v.forms, kPast | kIf))) &&
           !has(v.forms, kNeg));
    }
    mark_leaving_signs(s);
    count_despair(s);
    s.prescribed = has_lemma(s, {"処方", "しょほう"});
    s.stock = stock_named(s);
    mark_farewells_and_threats(s);
    mark_noun_verbs(s);
    return s;
  }

  // 疲れた, もう無理かも, だめだ…: the words of exhaustion or despair, and the other content
  // words beside them (もう, なんか, ほんと, まじ are fillers).
  static void count_despair(Sentence& s) {
    for (const Word& w : s.words) {
      // 😭, 🥲 and trailing ー〜 read as nouns say nothing more.
      const bool mark =
          is_trailing_mark(w.lemma) || is_trailing_mark(w.surface) ||
          (!has_japanese(w.surface) && std::none_of(w.surface.begin(), w.surface.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) != 0;
          }));
      if (mark)
        continue;
      // (おわった, 人生終わった: ended, told as done; おわり alone may close the chat.)
      if (lemma_in(w,
                   {"疲れる", "つかれる", "無理", "むり", "駄目", "だめ", "限界", "げんかい",
                    "つらい", "辛い", "しんどい", "苦しい", "くるしい", "きつい", "疲れ果てる"}) ||
          (lemma_in(w, {"終わる", "おわる"}) && has(w.forms, kPast)))
        ++s.despair_words;
      else if (is_content(w) &&
               !lemma_in(
                   w, {"もう", "もー", "なんか", "何か", "ほんと", "本当", "ほんとう", "まじ",
                       "マジ", "全部", "ぜんぶ", "なんも", "人生", "何も", "かも", "感じ",
                       "ちょっと", "すごく", "めっちゃ", "いろいろ", "色々", "だ", "です", "ある",
                       // 限界。誰か。: a call for someone says nothing more
                       "誰", "だれ", "誰か", "だれか"}))
        ++s.other_words;
    }
  }

  // 飲んだ。全部。もう。, [スタンプ：血のしずく] きった: drinking or cutting told as done with
  // nothing named that is drunk or cut and no cause; the whole (全部) and blood, each possibly
  // in a sentence of its own; and what else the message says.
  static void mark_bare_drink_and_cut(Sentence& s) {
    const auto drink = [](const Word& w) {
      return lemma_in(w, {"飲む", "のむ"}) && has(w.forms, kPast) && !has(w.forms, kNeg | kIf);
    };
    const auto cut = [](const Word& w) {
      return lemma_in(w, {"切る", "きる"}) && has(w.forms, kPast) && !has(w.forms, kNeg | kIf);
    };
    const auto all = [](const Word& w) {
      return lemma_in(w, {"全部", "ぜんぶ", "全て", "すべて", "ありったけ", "まるごと", "丸ごと"});
    };
    const auto bleeding = [](const Word& w) { return lemma_in(w, {"血", "ち", "出血"}); };
    // What may stand beside them without naming a drink, a thing cut or a cause: a mood,
    // crying, a sticker's frame.
    const auto empty = [](const Word& w) {
      // ([ and ] around a sticker read as nouns.)
      const bool mark =
          !has_japanese(w.surface) && std::none_of(w.surface.begin(), w.surface.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) != 0;
          });
      return mark || is_aux_verb(w) || has(w.concepts, kSelf | kHopeless | kDistress) ||
             lemma_in(w,
                      {"もう", "もー",     "さっき",   "今",     "いま", "する",   "泣く",
                       "なく", "スタンプ", "すたんぷ", "しずく", "滴",   "ごめん", "ごめんなさい",
                       "また", "くま",     "顔",       "絵",     "いる", "てる"});
    };
    s.drank = std::any_of(s.words.begin(), s.words.end(), drink);
    s.all_of_it = std::any_of(s.words.begin(), s.words.end(), all);
    s.cut_bare = std::any_of(s.words.begin(), s.words.end(), cut);
    s.blood = std::any_of(s.words.begin(), s.words.end(), bleeding);
    s.beside_drink_or_cut =
        static_cast<int>(std::count_if(s.words.begin(), s.words.end(), [&](const Word& w) {
          return is_content(w) && !drink(w) && !cut(w) && !all(w) && !bleeding(w) && !empty(w);
        }));
  }

  // Signs of a plan told without a word of dying: affairs left in order for those after, a
  // height or a means asked about as sure to kill, one's own silence foreseen, saying one may
  // not come back.
  static void mark_leaving_signs(Sentence& s) {
    const auto done = [](const Word& w) {
      return has(w.forms, kPast | kOngoing) && !has(w.forms, kNeg | kIf | kWant);
    };
    // 暗証番号はメモに書いて冷蔵庫に貼っといた, 通帳と印鑑の場所は母に教えた.
    if (has_lemma(s, {"暗証", "パスワード", "ぱすわーど", "通帳", "印鑑", "証券"}))
      s.affairs_left = std::any_of(s.words.begin(), s.words.end(), [&done](const Word& w) {
        return lemma_in(w,
                        {"書く", "かく", "貼る", "はる", "置く", "おく", "教える", "おしえる",
                         "伝える", "つたえる", "渡す", "わたす", "残す", "のこす", "まとめる"}) &&
               done(w);
      });
    s.pastime = has_lemma(s, {"ダイビング", "だいびんぐ", "ダイバー", "潜水", "釣り", "つり",
                              "登山", "プール", "ぷーる", "水泳", "泳ぐ", "およぐ", "訓練", "救助",
                              "サーフィン", "クライミング", "バンジー", "スカイダイビング"});
    // ロープ結んだ, 紐かけた: a cord tied, hung or made ready, told as done, and no other
    // word in the sentence (テントのロープ結んだ names what it is for).
    s.going = has_lemma_with(s, {"行く", "いく", "向かう", "むかう"}, 0, kNeg | kPast);
    s.treatment_off =
        has_lemma(s, {"酸素", "さんそ", "点滴", "てんてき", "透析", "とうせき", "人工呼吸器",
                      "呼吸器", "カニューレ"}) &&
        has_lemma_with(s, {"外す", "はずす", "抜く", "ぬく", "止める", "とめる"}, 0, kNeg | kIf) &&
        !has(s.concepts, kAbout | kTopic);
    s.breath_or_ease = has_lemma(s, {"息苦しい", "いきぐるしい", "苦しい", "くるしい"}) ||
                       surface_has(s, {"これでいい", "これでええ", "これで楽", "これでらく"}) ||
                       (has_lemma(s, {"時間", "分"}) && has_lemma(s, {"たつ", "経つ"}));
    s.act_measured = act_as_measure(s);
    s.act_resolve = has(s.concepts, kAct | kMethod) && act_as_resolve(s);
    s.body_weight = has_lemma(s, {"体重", "たいじゅう"});
    s.fixture_bears = !has(s.concepts, kAbout | kTopic | kEveryday | kJoke | kChild) &&
                      !s.laughing && fixture_bears(s);
    s.means_beyond_act = std::any_of(s.words.begin(), s.words.end(), [](const Word& w) {
      return has(w.concepts, kMethod) && !has(w.concepts, kAct);
    });
    // (飛び込んで泳いだ: the jump in its て form, the swim told as done.)
    const bool played = has_lemma_with(s, {"遊ぶ", "あそぶ", "泳ぐ", "およぐ"}, kPast, kNeg);
    s.jump_enjoyed =
        has(s.concepts, kAct) && (has(s.act_forms, kPast) || played) &&
        !has(s.act_forms, kWant | kWill | kNeg) &&
        has_lemma(s, {"飛び込む", "とびこむ", "飛ぶ", "とぶ", "飛び降りる", "とびおりる"}) &&
        (played || surface_has(s, {"てきた", "できた"}));
    s.enjoyed = has_lemma(s, {"冷たい", "つめたい", "楽しい", "たのしい", "最高", "さいこう"}) ||
                surface_has(s, {"気持ちい", "きもちい", "気持ちよ", "きもちよ", "気持ち良"});
    s.pleasure_jump =
        has(s.concepts, kAct) && has(s.act_forms, kWant) &&
        has_lemma(s, {"きれい", "綺麗", "キレイ", "暑い", "あつい", "涼しい", "すずしい",
                      "気持ちいい", "きもちいい", "気持ち良い", "楽しい", "たのしい", "透明"});
    const auto cord = [](const Word& w) {
      return lemma_in(w, {"ロープ", "ろーぷ", "紐", "ひも", "縄", "なわ", "コード", "こーど"});
    };
    const auto tying = [](const Word& w) {
      return lemma_in(w, {"結ぶ", "むすぶ", "掛ける", "かける", "吊るす", "つるす", "用意", "準備",
                          "張る", "はる"});
    };
    if (std::any_of(s.words.begin(), s.words.end(), cord) &&
        std::any_of(s.words.begin(), s.words.end(), [&tying](const Word& w) {
          return tying(w) && has(w.forms, kPast) && !has(w.forms, kNeg);
        })) {
      s.cord_tied_alone = std::none_of(s.words.begin(), s.words.end(), [&](const Word& w) {
        return is_content(w) && !is_aux_verb(w) && !cord(w) && !tying(w) &&
               !has(w.concepts, kSelf) && !lemma_in(w, {"もう", "さっき", "今", "いま", "する"});
      });
    }
    mark_bare_drink_and_cut(s);
    s.plan_beyond_courage = std::any_of(s.words.begin(), s.words.end(), [](const Word& w) {
      return has(w.concepts, kPlan) && !lemma_in(w, {"勇気", "ゆうき"});
    });
    s.thrill = surface_has(
        s, {"バンジー", "ばんじー", "スカイダイビング", "すかいだいびんぐ", "パラシュート",
            "ぱらしゅーと", "パラグライダー", "ぱらぐらいだー", "飛び込み台", "高飛び込み",
            "じぇっとこーすたー", "ジェットコースター", "絶叫ましん", "絶叫マシン"});
    s.flood = has_lemma(s, {"水位", "増水", "氾濫", "濁流", "あふれる", "溢れる", "決壊", "大雨",
                            "台風", "荒れる"});
    // 重り (IPADIC reads 重りつけたら as the verb 重る).
    s.weight_named = has_lemma(s, {"重り", "おもり", "重る", "錘"});
    // 8階, 高さ何メートル (IPADIC: 高い + さ), 何階から.
    for (std::size_t i = 0; i < s.words.size(); ++i) {
      const Word& w = s.words[i];
      s.height = s.height || lemma_in(w, {"メートル", "めーとる", "階", "高さ"}) ||
                 (lemma_in(w, {"高い", "たかい"}) && i + 1 < s.words.size() &&
                  s.words[i + 1].lemma == "さ");
    }
    // (The question mark ends the sentence and is not in it: the message sets it on the whole.)
    s.question = has_lemma(s, {"ほんと", "本当", "ほんとう", "かな", "か"});
    {
      int level = 0;
      for (std::size_t i = 0; i < s.words.size(); ++i) {
        const Word& w = s.words[i];
        const bool next_ni = i + 1 < s.words.size() && s.words[i + 1].lemma == "に";
        // 即死, 致死, 助からない, 浮かんでこない / 浮かばない: sure to kill.
        if (lemma_in(w, {"即死", "致死", "致命", "致命的"}) ||
            (lemma_in(w, {"助かる", "たすかる", "浮かぶ", "うかぶ", "浮く", "うく"}) &&
             has(w.forms, kNeg) && !has(w.forms, kIf)))
          level = 2;
        // 確実? (not 確実に + another verb), 足りる?, 十分?: sure or enough.
        else if ((lemma_in(w, {"確実", "かくじつ"}) && !next_ni) ||
                 lemma_in(w, {"足りる", "たりる", "十分", "じゅうぶん"}))
          level = std::max(level, 1);
        s.sure_named = s.sure_named || (lemma_in(w, {"確実", "かくじつ"}) && !next_ni);
      }
      s.lethal_asked = level;
    }
    // たぶん僕は返事できない(ので), もう電話に出られないと思う: one's own silence foreseen.
    if (has_lemma(s, {"返事", "へんじ", "返信", "へんしん", "応答", "電話", "でんわ"}) &&
        has_lemma(s, {"たぶん", "多分", "きっと", "もう", "おそらく"}))
      s.wont_answer = std::any_of(s.words.begin(), s.words.end(), [](const Word& w) {
        // (Not する: もう電話しない is a choice, not a silence foreseen.)
        return lemma_in(w, {"できる", "出る", "でる", "出れる", "出られる"}) &&
               has(w.forms, kNeg) && !has(w.forms, kPast | kIf | kWant);
      });
    // 部屋に来てもらえるよう, 家を見に来てほしい, 誰か来て.
    for (std::size_t i = 0; i + 1 < s.words.size(); ++i) {
      const Word& w = s.words[i];
      if (lemma_in(w, {"来る", "くる"}) && w.pos == "動詞" && s.words[i + 1].lemma == "て")
        s.come_to_me = s.come_to_me || has_lemma(s, {"部屋", "へや", "家", "いえ", "うち", "誰か",
                                                     "だれか", "手配"});
    }
    // 帰らんかも, もう戻らないと思う, 帰れないかもしれない.
    for (std::size_t i = 0; i < s.words.size(); ++i) {
      const Word& w = s.words[i];
      if (!lemma_in(w, {"帰る", "かえる", "戻る", "もどる", "帰れる", "戻れる"}) ||
          !has(w.forms, kNeg) || has(w.forms, kPast | kIf | kWant))
        continue;
      for (std::size_t k = i + 1; k < s.words.size() && k <= i + 5; ++k)
        s.not_back = s.not_back || lemma_in(s.words[k], {"かも", "かもしれない", "思う", "おもう"});
      // たぶん帰らない, もう二度と戻らない.
      for (std::size_t k = i > 4 ? i - 4 : 0; k < i; ++k)
        s.not_back = s.not_back || lemma_in(s.words[k], {"たぶん", "多分", "二度と", "にどと",
                                                         "きっと", "おそらく"});
    }
    s.stay_away =
        has_lemma(s, {"泊まる", "とまる", "実家", "旅行",   "出張", "帰省", "入院",    "手術",
                      "友達",   "友だち", "飲み", "飲み会", "遊ぶ", "残業", "仕事",    "会議",
                      "夜勤",   "電波",   "圏外", "充電",   "海外", "合宿", "キャンプ"});
  }

  // MeCab's morphemes with their dictionary forms and concepts.
  Sentence tokenise(MeCab::Tagger& tagger, MeCab::Lattice& lattice,
                    const std::string& sentence) const {
    Sentence s;
    lattice.set_sentence(sentence.c_str());
    if (!tagger.parse(&lattice))
      return s;
    for (const MeCab::Node* n = lattice.bos_node(); n != nullptr; n = n->next) {
      if (n->stat != MECAB_NOR_NODE && n->stat != MECAB_UNK_NODE)
        continue;
      const std::string surface(n->surface, n->length);
      const std::string_view f(n->feature);
      Word w;
      w.pos = feature_field(f, 0);
      w.pos1 = feature_field(f, 1);
      w.ctype = feature_field(f, 4);
      w.cform = feature_field(f, 5);
      const std::string_view base = feature_field(f, 6);
      w.lemma = normalize(base.empty() || base == "*" ? std::string_view(surface) : base);
      const std::string surf = normalize(surface);
      w.concepts = lookup(w.lemma, s.words) | (surf != w.lemma ? lookup(surf, s.words) : 0u);
      // 除草+剤, 抗+うつ+薬, 身辺+整理: a compound noun MeCab splits is also looked up whole,
      // joined from the nouns (and a prefix) just before it; the last part carries it.
      if (w.pos == "名詞") {
        std::string joined = surf;
        for (std::size_t k = 1; k <= 3 && k <= s.words.size(); ++k) {
          const Word& before = s.words[s.words.size() - k];
          if (before.pos != "名詞" && before.pos != "接頭詞")
            break;
          joined.insert(0, before.surface);
          w.concepts |= lookup(joined, s.words);
        }
      }
      w.surface = surf;
      s.words.push_back(std::move(w));
    }
    read_kana_he(s);
    drop_ending_in_what_to_do(s);
    return s;
  }

  // 終わりにする is ending it: the する of 終わる+する (concepts.tsv) is not the する of
  // どうする (手当が終わった後、どうすればいい), which asks what to do.
  static void drop_ending_in_what_to_do(Sentence& s) {
    for (std::size_t i = 1; i < s.words.size(); ++i) {
      Word& w = s.words[i];
      if (w.lemma == "する" && lemma_in(s.words[i - 1], {"どう", "こう", "何", "なに", "なん"}))
        w.concepts &= ~kDie;
    }
  }

  // 🔪 かれ いま, かれが来る, もと かれ: IPADIC reads かれ written alone in kana as 枯れる
  // (its 連用形). A verb's 連用形 with no ending after it — a particle such as が or に, another
  // word, or nothing — is the pronoun 彼 (枯れて, 枯れた and 枯れます keep their endings).
  void read_kana_he(Sentence& s) const {
    for (std::size_t i = 0; i < s.words.size(); ++i) {
      Word& w = s.words[i];
      if (w.surface != "かれ" || w.lemma != "かれる" || w.pos != "動詞")
        continue;
      if (i + 1 < s.words.size()) {
        const Word& next = s.words[i + 1];
        // (かれ きた: IPADIC joins 来る to it as a helper verb, which a 連用形 never takes
        // without て.)
        if (next.pos == "助動詞" || (next.pos == "動詞" && !lemma_in(next, {"来る", "くる"})) ||
            (next.pos == "助詞" && next.pos1 == "接続助詞"))
          continue;
      }
      w.pos = "名詞";
      w.pos1 = "代名詞";
      w.cform = "*";
      w.ctype = "*";
      w.lemma = "彼";
      const std::vector<Word> earlier(s.words.begin(), s.words.begin() + static_cast<long>(i));
      w.concepts = lookup(w.lemma, earlier) | lookup(w.surface, earlier);
    }
  }

  // 失業保険, 介護保険, 自動車保険: insurance that pays nothing on a death is not a way out.
  static void drop_other_insurance(Sentence& s) {
    bool other = false;
    for (std::size_t i = 1; i < s.words.size(); ++i) {
      other = other || (lemma_in(s.words[i], {"保険", "ほけん"}) &&
                        lemma_in(s.words[i - 1],
                                 {"失業", "介護", "健康", "医療", "自動車", "車", "火災", "雇用",
                                  "社会", "損害", "傷害", "学資", "地震", "国民", "がん", "ガン"}));
    }
    if (!other || has_lemma(s, {"生命", "死亡", "保険金"}))
      return;
    for (Word& w : s.words)
      w.concepts &= ~kInsurance;
  }

  // Each verb's form; the sentence's forms per concept.
  static void mark_forms(Sentence& s) {
    bool limit = false;   // 限界
    bool cannot = false;  // 無理
    drop_attached_in_contracts(s);
    drop_harm_to_pests(s);
    drop_other_insurance(s);
    for (std::size_t i = 0; i < s.words.size(); ++i) {
      Word& w = s.words[i];
      // 生徒, 患者: someone named who might be at risk — not the writer introducing
      // themself (教員です, 看護師をしています).
      // (授業, キャンプ, 事件: a setting, not a person.)
      if (has(w.concepts, kTopic) && !has(w.concepts, kStudy) &&
          lemma_in(w, {"生徒", "せいと", "利用者", "患者", "担任", "教員", "教諭", "養護教諭",
                       "相談員", "学生", "遺族", "保健室"}) &&
          !introduces_self(s.words, i))
        s.topic_person = true;
      if ((w.lemma == "今" || w.lemma == "いま" || w.lemma == "現在") && i + 1 < s.words.size() &&
          s.words[i + 1].lemma == "は")
        s.now_contrast = true;
      if (w.pos == "動詞" || w.pos == "形容詞" || has(w.concepts, kDie))
        w.forms = read_forms(s.words, i);
      // リスカはやめた, 酒を辞めて3年: stopped, told as done.
      if ((w.lemma == "やめる" || w.lemma == "辞める" || w.lemma == "止める") && w.pos == "動詞" &&
          has(w.forms, kPast) && !has(w.forms, kNeg | kWant | kIf))
        w.concepts |= kRecovered;
      // 今はもうやってない: not done now, against a past. (IPADIC reads かな もうしてない as
      // もうす, 申す: the same words.)
      if (((w.lemma == "やる" || w.lemma == "する") && i > 0 &&
           (s.words[i - 1].lemma == "もう" || (i > 1 && s.words[i - 2].lemma == "もう"))) ||
          (w.lemma == "もうす" && w.surface.rfind("もうし", 0) == 0)) {
        if (has(w.forms, kNeg) && !has(w.forms, kIf | kWant) && s.now_contrast)
          w.concepts |= kRecovered;
      }
      // もう5年やってない: not done for years (やる: the act named before it).
      if ((w.lemma == "やる" || w.lemma == "する") && has(w.forms, kNeg) &&
          !has(w.forms, kIf | kWant) && i > 0 &&
          (s.words[i - 1].lemma == "年" || s.words[i - 1].lemma == "間" ||
           s.words[i - 1].lemma == "以上")) {
        bool years = false;
        bool already = false;
        for (std::size_t k = i > 5 ? i - 5 : 0; k < i; ++k) {
          years = years || s.words[k].lemma == "年";
          already = already || s.words[k].lemma == "もう";
        }
        if (years && already)
          w.concepts |= kRecovered;
      }
      // 止まらない is again and again; 今は止まってる, 止んだ is over.
      if ((w.lemma == "止まる" || w.lemma == "とまる" || w.lemma == "止む" || w.lemma == "やむ") &&
          w.pos == "動詞" && !has(w.forms, kNeg | kIf | kWant)) {
        w.concepts &= ~kAgain;
        if ((w.lemma == "止む" || w.lemma == "やむ") && has(w.forms, kPast | kOngoing))
          w.concepts |= kRecovered;
      }
      // 早う迎えに来てくれ, お迎えが来てほしい: death asked to come (not 死んでくれ, which is
      // said to someone else).
      if (has(w.concepts, kDie) && w.lemma != "死ぬ" && w.lemma != "しぬ" && w.pos == "動詞" &&
          i + 2 < s.words.size() && s.words[i + 1].lemma == "て" &&
          (s.words[i + 2].lemma == "くれる" || s.words[i + 2].lemma == "ほしい" ||
           s.words[i + 2].lemma == "欲しい"))
        w.forms |= kWant;
      // ちょっと消えてくるね, 死んでくる: going off to die, said as what one will do.
      if (has(w.concepts, kDie) && w.pos == "動詞" && has(w.forms, kComing) &&
          !has(w.forms, kPast | kNeg | kIf | kPassive))
        w.forms |= kWill;
      // 兄が部屋から出てこない: someone else does not come out; no one is kept in.
      if (has(w.concepts, kFear) && lemma_in(w, {"ない", "ん", "ぬ"})) {
        for (std::size_t k = i > 4 ? i - 4 : 0; k < i; ++k) {
          if (lemma_in(s.words[k], {"出る", "でる"}) && has(s.words[k].forms, kComing))
            w.concepts &= ~kFear;
        }
      }
      // 次会うのはわしの葬式じゃ: one's own funeral is a goodbye, not a death grieved.
      if (lemma_in(w, {"葬式", "お葬式", "葬儀", "そうしき"}) && i >= 2 &&
          lemma_in(s.words[i - 1], {"の"}) && has(s.words[i - 2].concepts, kSelf)) {
        w.concepts &= ~(kAbout | kGrief);
        w.concepts |= kFarewell;
      }
      // 妻に先立たれて: left behind by a death is grief, not one's own goodbye.
      if (has(w.concepts, kFarewell) && lemma_in(w, {"先立つ", "さきだつ"}) &&
          has(w.forms, kPassive)) {
        w.concepts &= ~kFarewell;
        w.concepts |= kGrief;
      }
      // 彼の命日に後を追います: following someone who died, with a death grieved in the sentence.
      if (lemma_in(w, {"追う", "おう"}) && i >= 2 && lemma_in(s.words[i - 1], {"を"}) &&
          lemma_in(s.words[i - 2], {"後", "あと"}) &&
          std::any_of(s.words.begin(), s.words.end(),
                      [](const Word& g) { return has(g.concepts, kGrief); }))
        w.concepts |= kDie;
      // 行く価値ある？, 意味あるよ: worth or meaning affirmed, not life without it.
      if (has(w.concepts, kHopeless) && lemma_in(w, {"価値", "かち", "意味", "いみ"}) &&
          i + 1 < s.words.size()) {
        std::size_t k = i + 1;
        if (lemma_in(s.words[k], {"は", "が", "も"}) && k + 1 < s.words.size())
          ++k;
        if (lemma_in(s.words[k], {"ある"}) && !has(read_forms(s.words, k), kNeg))
          w.concepts &= ~kHopeless;
      }
      // どういう意味, どんな意味: a meaning asked for, not life without one.
      if (has(w.concepts, kHopeless) && lemma_in(w, {"意味", "いみ"}) && i > 0 &&
          lemma_in(s.words[i - 1], {"どういう", "どんな", "こういう", "そういう"}))
        w.concepts &= ~kHopeless;
      // 気分が落ちてる, 成績が落ちた, テンション落ちる: a mood or a measure falling, not a fall.
      if (has(w.concepts, kAct) && lemma_in(w, {"落ちる", "おちる"})) {
        for (std::size_t k = i >= 3 ? i - 3 : 0; k < i; ++k) {
          if (lemma_in(s.words[k], {"気分", "きぶん", "気持ち", "きもち", "テンション",
                                    "てんしょん", "成績", "せいせき", "体重", "食欲", "元気",
                                    "やる気", "体力", "売上", "売り上げ", "給料", "点数", "評価"}))
            w.concepts &= ~kAct;
        }
      }
      // 首が痛い, 腕がこってる: a body part that aches is not a means.
      if (has(w.concepts, kMethod) && lemma_in(w, {"首", "くび", "手首", "腕", "うで", "太もも"})) {
        for (std::size_t k = i + 1; k < s.words.size() && k <= i + 4; ++k) {
          if (lemma_in(s.words[k], {"痛い", "いたい", "凝る", "こる", "寝違える", "痛む", "いたむ",
                                    "しびれる"}))
            w.concepts &= ~kMethod;
        }
      }
      s.concepts |= w.concepts;
      if (has(w.concepts, kDie)) {
        s.die_forms |= w.forms;
        if (w.pos == "動詞")
          s.die_verb = true;
      }
      if (has(w.concepts, kAct))
        s.act_forms |= w.forms;
      if (has(w.concepts, kHarm)) {
        s.harm_forms |= w.forms;
        s.harm_affirmed = s.harm_affirmed || !has(w.forms, kNeg | kFright);
        s.harm_now = s.harm_now || (has(w.forms, kOngoing | kComing) && !has(w.forms, kPast));
      }
      if (has(w.concepts, kLive))
        s.live_forms |= w.forms;
      if (has(w.concepts, kLeave)) {
        s.leave_forms |= w.forms;
        s.kept_in = s.kept_in || (has(w.forms, kNeg) && !not_leaving(s.words, i) &&
                                  (has(w.forms, kPassive) || is_kept_in_verb(w.lemma) ||
                                   followed_by_leave_allowed(s.words, i)));
      }
      if (has(w.concepts, kFatal))
        s.fatal_forms |= w.forms;
      if (has(w.concepts, kGiveUp) && has(w.forms, kNeg))
        s.give_up = true;  // もう頑張れない
      limit = limit || w.lemma == "限界";
      cannot = cannot || w.lemma == "無理" || w.lemma == "むり";
    }
    // 限界。もう無理, もう限界かも: at the end of one's strength.
    s.give_up = s.give_up || (limit && (cannot || has_lemma(s, {"もう", "もー"})));
    s.insurance_paperwork = has(s.concepts, kInsurance) && has(s.concepts, kPaperwork);
    // 飲んだ。もう遅い / 切った 深い: an act done, told bare, and that it cannot be undone.
    int others = 0;
    bool act_done = false;
    for (const Word& w : s.words) {
      const bool late =
          (lemma_in(w, {"遅い", "おそい", "深い", "ふかい"}) && has(w.forms, kFinal)) ||
          lemma_in(w, {"手遅れ", "ておくれ"});
      s.too_late = s.too_late || late;
      if (has(w.concepts, kAct) && has(w.forms, kPast) && !has(w.forms, kNeg | kIf))
        act_done = true;
      else if (is_content(w) && !is_aux_verb(w) && !late && !has(w.concepts, kAmount) &&
               !lemma_in(w, {"もう", "さっき", "今", "いま", "また"}))
        ++others;
    }
    s.bare_act_done = act_done && others == 0;
    // 明日の昼、みんなが学校行ってる間にやる: a time, and "do it" with nothing done to.
    for (std::size_t i = 1; i < s.words.size() && has(s.concepts, kNow); ++i) {
      const Word& w = s.words[i];
      if (lemma_in(w, {"やる", "決行", "実行"}) && has(w.forms, kFinal | kWill) &&
          !has(w.forms, kNeg | kPast) && !lemma_in(s.words[i - 1], {"を", "が", "は", "も"}))
        s.do_it_now = true;
    }
    // 水も3日目, もう何も口にしない: for rule_no_food_water.
    s.water = has_lemma(s, {"水", "みず"});
    s.intake_refused = (has_lemma(s, {"何", "なに"}) && has_lemma(s, {"口", "くち"})) ||
                       std::any_of(s.words.begin(), s.words.end(), [](const Word& w) {
                         return lemma_in(w, {"食べる", "たべる", "飲む", "のむ", "摂る", "とる"}) &&
                                has(w.forms, kNeg) && !has(w.forms, kIf);
                       });
    for (std::size_t i = 0; i < s.words.size(); ++i) {
      const Word& w = s.words[i];
      s.for_days =
          s.for_days ||
          lemma_in(w, {"三日", "みっか", "四日", "何日", "なんにち", "数日", "二日", "ふつか",
                       "丸一日"}) ||
          (lemma_in(w, {"日", "日間"}) && w.pos1 == "接尾" && i > 0 && s.words[i - 1].pos1 == "数");
    }
    // 神さまのところに早く行かせてください, 仏さまのもとへ行きたい: asking to be taken to God
    // (an adverb may come between; a causative asked for, 行かせて + ください, is a wish).
    for (std::size_t i = 2; i + 2 < s.words.size(); ++i) {
      if (!lemma_in(s.words[i], {"ところ", "とこ", "そば", "もと", "元"}) ||
          !lemma_in(s.words[i + 1], {"へ", "に"}) || s.words[i - 1].lemma != "の")
        continue;
      // 仏さま may be read as 仏 + さま.
      const std::size_t owner =
          lemma_in(s.words[i - 2], {"さま", "様", "さん"}) && i >= 3 ? i - 3 : i - 2;
      if (!lemma_in(s.words[owner], {"神", "神様", "神さま", "かみさま", "仏", "仏様", "仏さま",
                                     "ほとけさま", "天", "天国", "主", "イエス様", "いえすさま"}))
        continue;
      std::size_t v = i + 2;
      if (v + 1 < s.words.size() && (s.words[v].pos == "副詞" || s.words[v].pos == "形容詞"))
        ++v;
      const Word& go = s.words[v];
      if (!lemma_in(go, {"行く", "いく", "逝く", "参る", "まいる", "連れる", "呼ぶ", "召す"}) ||
          has(go.forms, kNeg | kPast))
        continue;
      const bool asked =
          has(go.forms, kWant | kWill | kBetter | kIf) ||
          std::any_of(
              s.words.begin() + static_cast<std::ptrdiff_t>(v) + 1,
              s.words.begin() + static_cast<std::ptrdiff_t>(std::min(v + 5, s.words.size())),
              [](const Word& w) {
                return lemma_in(w, {"くださる", "下さる", "ほしい", "欲しい", "もらう", "たい",
                                    "祈る", "いのる", "願う", "ねがう"});
              });
      if (asked)
        s.goes_to_god = true;
    }
    // 妻のところへ行ってもいいか, あの子のところに行きたい: going where someone is.
    // (The particle may be left out: 父ちゃんのとこ行きたいわ.)
    for (std::size_t i = 0; i + 1 < s.words.size(); ++i) {
      const bool particle = i + 2 < s.words.size() && lemma_in(s.words[i + 1], {"へ", "に"});
      const Word& v = s.words[particle ? i + 2 : i + 1];
      if (lemma_in(s.words[i], {"ところ", "とこ", "そば", "もと"}) && i > 0 &&
          s.words[i - 1].lemma == "の" && lemma_in(v, {"行く", "いく", "逝く", "参る", "まいる"}) &&
          has(v.forms, kWant | kWill | kBetter | kIf) && !has(v.forms, kNeg | kPast))
        s.goes_to_them = true;
    }
    // 父の葬式が終わったら俺も行く: the writer going too, after a death or a funeral ends (a
    // place to go to, 葬式に俺も行く, is another matter).
    for (std::size_t i = 2; i < s.words.size(); ++i) {
      const Word& v = s.words[i];
      if (!lemma_in(v, {"行く", "いく", "逝く"}) || has(v.forms, kNeg | kPast | kIf) ||
          s.words[i - 1].lemma != "も" || !has(s.words[i - 2].concepts, kSelf))
        continue;
      bool after_an_end = false;
      bool destination = false;
      for (std::size_t k = 0; k + 2 < i; ++k) {
        after_an_end =
            after_an_end ||
            (lemma_in(s.words[k], {"終わる", "おわる", "死ぬ", "しぬ", "亡くなる", "逝く"}) &&
             has(s.words[k].forms, kIf | kPast));
        destination = destination || lemma_in(s.words[k], {"に", "へ"});
      }
      if (v.lemma == "逝く" || (after_an_end && !destination))
        s.goes_to_them = true;
    }
    s.real_debt = has_lemma(s, {"借金", "しゃっきん", "ローン", "ろーん", "返済", "へんさい",
                                "闇金", "やみ金", "借り", "滞納", "督促"}) ||
                  (has_lemma(s, {"闇", "やみ"}) && has_lemma(s, {"金", "きん"}));  // 闇 + 金
    // 連絡とれない, 電話に出ない, 既読がつかない, 返信がない: someone out of reach.
    for (std::size_t i = 0; i < s.words.size(); ++i) {
      const std::string& l = s.words[i].lemma;
      if (l != "連絡" && l != "電話" && l != "既読" && l != "返信" && l != "返事")
        continue;
      for (std::size_t k = i + 1; k < s.words.size() && k <= i + 4; ++k) {
        const Word& v = s.words[k];
        const bool verb = v.lemma == "取れる" || v.lemma == "とれる" || v.lemma == "つく" ||
                          v.lemma == "付く" || v.lemma == "出る" || v.lemma == "でる" ||
                          v.lemma == "来る" || v.lemma == "くる" || v.lemma == "つながる" ||
                          v.lemma == "繋がる";
        if ((verb && has(v.forms, kNeg)) || (v.pos == "形容詞" && v.lemma == "ない"))
          s.unreachable = true;
      }
    }
    // 暴力をふるうことはない, 暴力はありません: a harm noun takes the form of the verb it goes
    // with, or is denied by ない after it.
    for (std::size_t i = 0; i + 2 < s.words.size(); ++i) {
      Word& w = s.words[i];
      if (!has(w.concepts, kHarm) || w.pos != "名詞" || w.forms != 0)
        continue;
      const Word& verb = s.words[i + 2];
      if (lemma_in(s.words[i + 1], {"を", "は", "も"}) && verb.pos == "動詞" &&
          lemma_in(verb, {"ふるう", "振るう", "受ける", "うける", "する"}))
        w.forms = verb.forms;
      else if (never_after(s.words, i))
        w.forms = kNeg;
    }
    bool affirmed = false;
    for (const Word& w : s.words) {
      if (!has(w.concepts, kHarm) || has(w.forms, kNeg | kFright))
        continue;
      // 夜道で刺されそうになった: nearly, by a stranger, is a fright; 夫に首を絞められそうになった
      // is harm done.
      if (has(w.forms, kSeem) && has(w.forms, kPast) && !has(s.concepts, kPerson))
        continue;
      affirmed = true;
      if (!has(w.forms, kPast))
        s.harm_present = true;
      // 今夜お父さんに殺される: harm said as what will be done to the writer, with a time now
      // (殺されそう is a figure, and is not this).
      if (has(s.concepts, kNow) && has(w.forms, kPassive) && !has(w.forms, kPast | kIf | kSeem))
        s.harm_coming = true;
    }
    s.harm_affirmed = affirmed;
  }

  // ゴキブリ殺したい, 蚊を叩く: killing or swatting an insect or a pest named just before is
  // not a person harmed.
  static void drop_harm_to_pests(Sentence& s) {
    static constexpr std::array<std::string_view, 12> kPests = {
        "ゴキブリ", "ごきぶり", "虫",     "むし", "蚊",   "ハエ",
        "はえ",     "ネズミ",   "ねずみ", "害虫", "ダニ", "だに"};
    for (std::size_t i = 0; i < s.words.size(); ++i) {
      Word& w = s.words[i];
      if (w.lemma != "殺す" && w.lemma != "ころす" && w.lemma != "叩く" && w.lemma != "たたく")
        continue;
      for (std::size_t k = i > 3 ? i - 3 : 0; k < i; ++k) {
        if (std::find(kPests.begin(), kPests.end(), s.words[k].lemma) != kPests.end()) {
          w.concepts &= ~kHarm;
          s.pest_killed = true;
        }
      }
    }
  }

  // オプションを勝手につけられてた, 料金をつけられた: つける in a contract or a bill attaches a
  // charge; it is not being followed (あとをつけられてる).
  static void drop_attached_in_contracts(Sentence& s) {
    static constexpr std::array<std::string_view, 14> kContract = {
        "オプション", "おぷしょん", "契約", "料金",       "請求", "プラン", "課金",
        "手数料",     "サブスク",   "解約", "引き落とし", "明細", "請求書", "会員"};
    bool contract = false;
    for (const Word& w : s.words)
      contract =
          contract || std::find(kContract.begin(), kContract.end(), w.lemma) != kContract.end();
    if (!contract)
      return;
    for (Word& w : s.words) {
      if (w.lemma == "つける" || w.lemma == "付ける")
        w.concepts &= ~kHarm;
    }
  }

  // 私が母親じゃない方がこの子は幸せ, 俺が父親じゃなければ: better if the writer were not who
  // they are to someone — being a burden, said of oneself.
  static void mark_better_not_me(Sentence& s) {
    for (std::size_t i = 1; i < s.words.size(); ++i) {
      Word& w = s.words[i];
      if (!lemma_in(w, {"ない", "なけれ"}) || !lemma_in(s.words[i - 1], {"じゃ", "で", "では"}))
        continue;
      bool better = false;
      for (std::size_t k = i + 1; k < s.words.size() && k <= i + 2; ++k)
        better = better || lemma_in(s.words[k], {"ほう", "方", "ば"}) || has(w.forms, kIf);
      bool me = false;
      for (std::size_t q = 0; q + 1 < i; ++q)
        me = me || (has(s.words[q].concepts, kSelf) && lemma_in(s.words[q + 1], {"が", "は"}));
      // (Who one is to someone, 母親, 父親, 彼女: not a task, 担当じゃない方がいい.)
      const bool role = i >= 2 && has(s.words[i - 2].concepts, kPerson);
      if (better && me && role) {
        w.concepts |= kBurden;
        s.concepts |= kBurden;
      }
    }
  }

  // いなくなる / おらんくなる / いないほうが.
  static void mark_vanishing(Sentence& s) {
    // Not being here any more is a way of saying
    // dying; the form is on なる, or a wish when ほう/方 + いい follows.
    for (std::size_t i = 0; i < s.words.size(); ++i) {
      Word& w = s.words[i];
      if ((w.lemma != "いる" && w.lemma != "おる") || !has(w.forms, kNeg))
        continue;
      // 来月にはもうこの世にいない: not in this world, said of oneself, is dying said as what
      // will be (someone else's: 祖父はもうこの世にいない, is their death told).
      bool this_world = false;
      for (std::size_t k = i > 3 ? i - 3 : 0; k < i; ++k)
        this_world = this_world || lemma_in(s.words[k], {"この世", "このよ", "此の世"});
      if (this_world && !has(w.forms, kPast | kIf | kWant) &&
          !has(s.concepts, kAbout | kTopic | kPerson | kGrief)) {
        w.concepts |= kDie;
        s.die_forms |= kWill;
        s.die_verb = true;
        s.concepts |= w.concepts;
        continue;
      }
      // 彼がいなくなれば幸せになれる, 父がいなくなってから: someone else gone — a person named
      // before, and not the writer.
      bool other = false;
      bool self = false;
      for (std::size_t q = 0; q + 1 < i; ++q) {
        const bool subject = lemma_in(s.words[q + 1], {"が", "は", "も"});
        other = other || (subject && (has(s.words[q].concepts, kPerson) ||
                                      lemma_in(s.words[q], {"彼", "あいつ"})));
        self = self || has(s.words[q].concepts, kSelf);
      }
      if (other && !self)
        continue;
      for (std::size_t k = i + 1; k < s.words.size() && k <= i + 4; ++k) {
        const Word& next = s.words[k];
        if (next.pos == "動詞" && (next.lemma == "なる" || next.lemma == "なれる")) {
          w.concepts |= kDie;
          s.die_forms |= next.forms;
          // 私がいなくなったほうが、この家はうまく回る: gone, and things better for it, whatever
          // word of better follows.
          for (std::size_t q = k + 1; q < s.words.size() && q <= k + 3; ++q) {
            if (s.words[q].lemma == "ほう" || s.words[q].lemma == "方")
              s.die_forms |= kBetter;
          }
          // 私がいなくなればみんなうまくいく, このままいなくなれたらうれしい: gone, if so, and
          // something good after it in the sentence.
          if (has(next.forms, kIf) && good_after(s.words, k + 1))
            s.die_forms |= kBetter;
          break;
        }
        if (next.lemma == "ほう" || next.lemma == "方") {
          w.concepts |= kDie;
          s.die_forms |= kBetter;
          break;
        }
        if (is_content(next) && next.lemma != "よう")  // おらんようになる
          break;
      }
      s.concepts |= w.concepts;
    }
  }

  // Wishes anywhere in the sentence, and a wish carried over to a dying verb before it.
  static void mark_wishes(Sentence& s) {
    bool only = false;
    bool better = false;  // 事故ったら楽: the wish said as what would be better
    std::size_t first_die = s.words.size();
    std::size_t last_want = 0;
    for (std::size_t i = 0; i < s.words.size(); ++i) {
      const Word& w = s.words[i];
      if (has(w.concepts, kDie) && first_die == s.words.size())
        first_die = i;
      if ((w.pos == "動詞" || w.pos == "形容詞") && has(w.forms, kWant | kBetter) &&
          !has(w.forms, kNeg)) {
        s.wish = true;
        better = better || has(w.forms, kBetter);
        if (has(w.forms, kWant))
          last_want = i;
      }
      only = only || has(w.forms, kOnly);
    }
    // 死んでお詫びするしかない, 消えて楽になりたい: the wish is on the verb after (but a wish to
    // do something else does not reach a dying word after it: 看護師やめたいけど、免除が消える;
    // nor one before it that ended its clause: はらへった しぬ〜 なんかたべたい).
    const bool die_ends_clause =
        first_die < s.words.size() && s.words[first_die].cform == "基本形" &&
        (first_die + 1 == s.words.size() || s.words[first_die + 1].pos == "記号" ||
         is_trailing_mark(s.words[first_die + 1].lemma));
    if (has(s.concepts, kDie) && s.die_verb &&
        (only || better || (s.wish && first_die < last_want && !die_ends_clause)) &&
        !has(s.die_forms, kWant | kNeg | kPast | kDegree | kSeem))
      s.die_forms |= only ? kOnly : kWant;
  }

  // 〜て死ぬ, idioms (死ぬ気で, 死ぬまでに), someone else's words (「死にたい」って言ってた).
  static void mark_die_context(Sentence& s) {
    // じいちゃんの口ぐせが「いつ死んでもええ」: a saying of someone's, whatever the order.
    for (const Word& w : s.words) {
      if (has(s.concepts, kDie) &&
          (w.lemma == "口癖" || w.lemma == "口ぐせ" || w.lemma == "くちぐせ" || w.lemma == "ぐせ"))
        s.die_quoted = true;
    }
    bool wished_apart = false;  // a dying word wished that is not itself the idiom
    for (std::size_t i = 0; i < s.words.size(); ++i) {
      const Word& w = s.words[i];
      if (!has(w.concepts, kDie))
        continue;
      const bool idiom = mark_die_word_context(s, i);
      s.die_idiom = s.die_idiom || idiom;
      if (!idiom && has(w.forms, kWant | kOnly | kBetter) && !has(w.forms, kNeg))
        wished_apart = true;
    }
    // これが死ぬまで続くなら自分で終わりにしたい: the idiom beside a wish said of another dying
    // word is not the idiom alone.
    if (wished_apart)
      s.die_idiom = false;
  }

  // The context of the dying word at `i`: a cause before it, someone else's words; true when
  // the word is an idiom (死ぬ気で, 死ぬまでに, 社会的に死ぬ).
  static bool mark_die_word_context(Sentence& s, std::size_t i) {
    bool idiom = false;
    const Word& w = s.words[i];
    const bool after_te = i > 0 && (s.words[i - 1].lemma == "て" || s.words[i - 1].lemma == "で") &&
                          s.words[i - 1].pos1 == "接続助詞";
    if (after_te && w.pos == "動詞" && !has(w.forms, kWant | kWill | kOnly | kBetter))
      s.die_after_cause = true;
    // 食べすぎて死にそう, 食べすぎてもう死にそう: too much of something, then dying (an adverb
    // may come between).
    const std::size_t te = i >= 1 && s.words[i - 1].pos == "副詞" ? i - 1 : i;
    if (te >= 2 && lemma_in(s.words[te - 1], {"て", "で"}) && s.words[te - 1].pos1 == "接続助詞" &&
        lemma_in(s.words[te - 2], {"すぎる", "過ぎる"}) && w.pos == "動詞" &&
        !has(w.forms, kWant | kWill | kOnly | kBetter))
      s.die_after_excess = true;
    if (after_te && has(w.forms, kWant))
      s.wish_after_cause = true;
    // 凍え死ぬ: freezing, the cold's figure (飢え死に, hunger, is not here: it can be real).
    if (i >= 1 && w.pos == "動詞" && lemma_in(s.words[i - 1], {"凍える", "こごえる"}) &&
        !has(w.forms, kWant | kOnly | kBetter))
      s.die_after_cause = true;
    // 寒さで死ぬべ, −20度で死ぬ: dying of the cold or the heat, a cause named with で.
    if (i >= 2 && w.pos == "動詞" && s.words[i - 1].lemma == "で" &&
        s.words[i - 1].pos1 == "格助詞" &&
        (has(s.words[i - 2].concepts, kEveryday) || s.words[i - 2].lemma == "度") &&
        !has(w.forms, kWant | kOnly | kBetter))
      s.die_after_cause = true;
    // 首と腰が死ぬ, スマホが死んだ: a body part worn out or a thing broken, not a person (the
    // heart, the mind or the self dying is not here).
    // (An adverb or a comma may come between: 眠気って、そのうち消える.)
    for (std::size_t k = i; k >= 2 && k + 4 > i; --k) {
      if (lemma_in(s.words[k - 1], {"が", "も", "って", "は"})) {
        idiom = idiom || is_worn_out_thing(s.words[k - 2].lemma);
        break;
      }
      if (s.words[k - 1].pos != "副詞" && s.words[k - 1].pos != "記号")
        break;
    }
    // 死にゲー (a game where one dies often): a genre.
    if (i + 1 < s.words.size() && lemma_in(s.words[i + 1], {"ゲー", "げー", "ゲーム", "げーむ"}))
      idiom = true;
    // 社会的に死ぬ, 人生的に死んだ: a death of standing, a figure of speech.
    if (i >= 2 && s.words[i - 1].lemma == "に" &&
        (s.words[i - 2].lemma == "社会的" || s.words[i - 2].lemma == "的"))
      idiom = true;
    for (std::size_t k = i + 1; k < s.words.size() && k <= i + 5; ++k) {
      const std::string& l = s.words[k].lemma;
      // 死ぬ気で, 死ぬ気はない, 死ぬまでに (楽になれる気がする is a feeling, not the idiom).
      if (k == i + 1 && ((l == "気" && k + 1 < s.words.size() &&
                          lemma_in(s.words[k + 1], {"で", "は", "も", "なんて", "とか"})) ||
                         l == "まで" || l == "までに"))
        idiom = true;
      // 失敗したら死ぬ（社会的に）, 死ぬ、社会的に: the figure glossed after the verb.
      if (k > i + 1 && s.words[i + 1].lemma.empty() &&  // a mark: （ ( 、
          (l == "社会的" || l == "的" || l == "精神的" || l == "社会"))
        idiom = true;
      if (l == "って" || l == "と" || l == "とか") {
        // 「死にたい」とよく口にされる: an adverb may come between.
        for (std::size_t q = k + 1; q < s.words.size() && q <= k + 4; ++q) {
          const std::string& v = s.words[q].lemma;
          if (v == "言う" || v == "いう" || v == "書く" || v == "話す" || v == "口癖" ||
              v == "口" || v == "叫ぶ" || v == "さけぶ" || v == "訴える" || v == "うったえる" ||
              v == "口ぐせ" || v == "くちぐせ" || v == "漏らす" || v == "もらす" ||
              v == "つぶやく" || v == "呟く" || v == "言葉" || v == "口にする" || v == "line" ||
              v == "らいん" || v == "めっせーじ" || v == "送る" || v == "おくる" || v == "dm" ||
              v == "連絡" || v == "相談" || v == "打つ" || v == "うつ" || v == "入力" ||
              v == "検索" || v == "けんさく" || v == "打ち明ける" || v == "うちあける" ||
              v == "おっしゃる" || v == "仰る" || v == "申す" || v == "もうす")
            s.die_quoted = true;
          // 父が「一緒に死ぬか」って言う: asked by someone to die together.
          if ((v == "言う" || v == "いう") && !has(s.words[q].forms, kNeg) && i >= 2 &&
              lemma_in(s.words[i - 1], {"に"}) && lemma_in(s.words[i - 2], {"一緒", "いっしょ"}) &&
              has(s.concepts, kPerson))
            s.invited_to_die = true;
          // 「死んで詫びろ」って言われる, 死ねと言われた: told to die by someone (an order: the
          // dying word or the verb after it in the imperative; not 死ぬ気でやれ, an idiom).
          // (「死んでくれ」って: IPADIC reads the request くれ as 連用形; it ends the quote.)
          const bool request =
              i + 3 < s.words.size() && lemma_in(s.words[i + 1], {"て", "で"}) &&
              lemma_in(s.words[i + 2], {"くれる", "くださる", "下さる"}) &&
              (s.words[i + 3].pos == "記号" || lemma_in(s.words[i + 3], {"って", "と"}));
          const bool order = w.cform.rfind("命令", 0) == 0 || request ||
                             (i + 2 < s.words.size() && lemma_in(s.words[i + 1], {"て", "で"}) &&
                              s.words[i + 2].cform.rfind("命令", 0) == 0);
          if ((v == "言う" || v == "いう") && has(s.words[q].forms, kPassive) &&
              !has(s.words[q].forms, kNeg) && order && !idiom)
            s.told_to_die = true;
        }
      }
    }
    return idiom;
  }

  // Farewell words counted; a letter beside a means is a goodbye prepared (ロープと、私たち
  // 宛ての手紙が出てきた); a threat told to the writer.
  static void mark_farewells_and_threats(Sentence& s) {
    if (has_lemma(s, {"手紙", "てがみ"}) && means_beyond_medicine(s) &&
        !has(s.concepts, kEveryday | kTopic)) {
      s.concepts |= kFarewell | kPlan;
      ++s.farewells;
    }
    // (The last day at work, バイト最終日, is such an ending with or without a speech; the
    // goodbye itself may be in another sentence.)
    s.occasion_goodbye =
        (surface_has(s, {"最終日", "最終出勤", "最終勤務", "最後の出勤", "最後の勤務"}) ||
         (has_lemma(s, {"送別", "送別会", "定年", "退職", "卒業", "卒業式", "異動", "転勤", "転校",
                        "引退", "退官", "閉店", "離任", "壮行会", "歓送迎会"}) &&
          has_lemma(s, {"スピーチ", "すぴーち", "挨拶", "あいさつ", "手紙", "てがみ", "メール",
                        "めーる", "文面", "例文", "色紙", "寄せ書き", "締め", "しめ", "メッセージ",
                        "めっせーじ", "カード", "かーど"})));
    s.farewell_beyond_thanks = std::any_of(s.words.begin(), s.words.end(), [](const Word& w) {
      return has(w.concepts, kFarewell) &&
             !lemma_in(w, {"今", "いま", "まで", "ありがとう", "ありがと", "世話", "お世話", "最後",
                           "さいご", "感謝", "かんしゃ", "今まで", "いままで"});
    });
    bool story_ends = false;
    for (std::size_t i = 0; i < s.words.size(); ++i) {
      const Word& w = s.words[i];
      // 部屋片付けてないの？: a goodbye word negated is none (思い残すことはない is the goodbye
      // itself).
      bool negated = has(w.forms, kNeg) && !lemma_in(w, {"思い残す", "おもいのこす"});
      for (std::size_t k = i + 1; k < s.words.size() && k <= i + 3 && !negated; ++k) {
        const Word& n = s.words[k];
        negated = n.pos == "助動詞" && is_negation(n);
        if (n.pos == "助詞" && !lemma_in(n, {"て", "で"}))
          break;
      }
      // 映画で主人公が最後に自殺する, ドラマの最後: the end of a story, not one's last.
      const bool story_end = has(s.concepts, kTopic) && lemma_in(w, {"最後", "さいご"});
      story_ends = story_ends || story_end;
      if (has(w.concepts, kFarewell) && !negated && !story_end)
        ++s.farewells;
      // Body parts (首, 手首) are where, not what: they do not count as a means here.
      const bool body = w.lemma == "首" || w.lemma == "くび" || w.lemma == "手首" ||
                        w.lemma == "てくび" || w.lemma == "腕" || w.lemma == "うで" ||
                        w.lemma == "太もも" || w.lemma == "ふともも";
      if (has(w.concepts, kMethod) && !body) {
        bool seen = false;
        for (std::size_t k = 0; k < i; ++k)
          seen = seen || (has(s.words[k].concepts, kMethod) && s.words[k].lemma == w.lemma);
        if (!seen)
          ++s.methods;
      }
      if (!has(w.concepts, kHarm))
        continue;
      // 「ボコる」って言われた, 殺すぞと言われた, 「今夜殺してやる」と言われて: a threat told to
      // the writer (the closing quote and やる come between). 殺す気で来い: with all one's might,
      // an idiom like 死ぬ気で.
      if (i + 1 < s.words.size() && s.words[i + 1].lemma == "気")
        continue;
      for (std::size_t k = i + 1; k < s.words.size() && k <= i + 6; ++k) {
        const Word& v = s.words[k];
        if ((v.lemma == "言う" || v.lemma == "いう") && has(v.forms, kPassive))
          s.threatened = true;
      }
      // 「今度やったら殺すで」, 「次遅れたらぶっ殺す」: the threat hangs on an if before it.
      for (std::size_t k = 0; k < i; ++k) {
        const Word& c = s.words[k];
        s.threat_if = s.threat_if || c.cform == "仮定形" ||
                      (c.pos1 == "接続助詞" && lemma_in(c, {"ば", "たら", "と"}));
      }
    }
    if (story_ends && s.farewells == 0)
      s.concepts &= ~kFarewell;
  }

  // A noun like 自殺 or 飛び降り followed by する.
  static void mark_noun_verbs(Sentence& s) {
    // The form is on する.
    for (std::size_t i = 0; i + 1 < s.words.size(); ++i) {
      const Word& w = s.words[i];
      if ((has(w.concepts, kDie) || has(w.concepts, kAct)) && w.pos == "名詞" &&
          s.words[i + 1].lemma == "する") {
        const std::uint32_t forms = s.words[i + 1].forms;
        if (has(w.concepts, kDie))
          s.die_forms |= forms;
        if (has(w.concepts, kAct))
          s.act_forms |= forms;
      }
    }
  }

  std::uint64_t lookup(const std::string& word, const std::vector<Word>& earlier) const {
    const auto it = lexicon_.find(word);
    if (it == lexicon_.end())
      return 0;
    std::uint64_t concepts = 0;
    for (const Entry& e : it->second) {
      if (e.before.empty()) {
        concepts |= e.concept;
        continue;
      }
      for (const Word& w : earlier) {
        if (w.lemma == e.before) {
          concepts |= e.concept;
          break;
        }
      }
    }
    return concepts;
  }

  Lexicon lexicon_;
  MeCab::Model* model_;
  MeCab::Tagger* tagger_;
};

}  // namespace

MeaningReader::~MeaningReader() = default;

Result<std::unique_ptr<MeaningReader>> MeaningReader::load(std::string_view concepts_tsv,
                                                           const std::string& source,
                                                           const std::string& dictionary) {
  auto rows = read_rule_rows(concepts_tsv, source, 2);
  if (!rows.ok())
    return rows.error();
  Lexicon lexicon;
  for (const RuleRow& row : rows.value()) {
    const std::string where = source + ":" + std::to_string(row.line);
    std::uint64_t concept = 0;
    for (const auto& c : kConceptNames) {
      if (row.fields[0] == c.name)
      concept = c.concept;
    }
    if (concept == 0)
      return Error::invalid_argument(where, "unknown concept '" + row.fields[0] + "'");
    std::istringstream words(row.fields[1]);
    std::string word;
    int count = 0;
    while (words >> word) {
      Entry e;
      e.concept = concept;
      const auto plus = word.find('+');
      std::string key = word;
      if (plus != std::string::npos) {
        e.before = normalize(word.substr(0, plus));
        key = word.substr(plus + 1);
        if (e.before.empty() || key.empty())
          return Error::invalid_argument(where, "'" + word + "': expected a+b");
      }
      key = normalize(key);
      if (key.empty())
        return Error::invalid_argument(where, "'" + word + "' is empty once normalised");
      lexicon[key].push_back(std::move(e));
      ++count;
    }
    if (count == 0)
      return Error::invalid_argument(where, "concept '" + row.fields[0] + "' has no words");
  }
  ASSIGN_OR_RETURN(MecabModel model, open_mecab(dictionary));
  return std::unique_ptr<MeaningReader>(
      std::make_unique<MecabMeaningReader>(std::move(lexicon), model.release()));
}

Result<std::unique_ptr<MeaningReader>> MeaningReader::load_bundled() {
  const auto data = embedded_file(kBundledPath);
  if (!data)
    return Error::internal(kBundledPath, "not embedded in this binary");
  return load(*data, kBundledPath);
}

}  // namespace shirube::intents
