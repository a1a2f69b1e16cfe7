#include "knowledge/prefectures.h"

#include <algorithm>
#include <string>

#include "knowledge/knowledge_base.h"
#include "knowledge/text.h"

namespace shirube::knowledge {

const std::vector<Prefecture>& all_prefectures() {
  // JIS X 0401 codes; the eight-region grouping used by the Statistics Bureau (三重 in 近畿).
  static const std::vector<Prefecture> kAll = {
      {1, "北海道", "北海道", "ほっかいどう", "hokkaido", "北海道"},
      {2, "青森県", "青森", "あおもり", "tohoku", "東北"},
      {3, "岩手県", "岩手", "いわて", "tohoku", "東北"},
      {4, "宮城県", "宮城", "みやぎ", "tohoku", "東北"},
      {5, "秋田県", "秋田", "あきた", "tohoku", "東北"},
      {6, "山形県", "山形", "やまがた", "tohoku", "東北"},
      {7, "福島県", "福島", "ふくしま", "tohoku", "東北"},
      {8, "茨城県", "茨城", "いばらき", "kanto", "関東"},
      {9, "栃木県", "栃木", "とちぎ", "kanto", "関東"},
      {10, "群馬県", "群馬", "ぐんま", "kanto", "関東"},
      {11, "埼玉県", "埼玉", "さいたま", "kanto", "関東"},
      {12, "千葉県", "千葉", "ちば", "kanto", "関東"},
      {13, "東京都", "東京", "とうきょう", "kanto", "関東"},
      {14, "神奈川県", "神奈川", "かながわ", "kanto", "関東"},
      {15, "新潟県", "新潟", "にいがた", "chubu", "中部"},
      {16, "富山県", "富山", "とやま", "chubu", "中部"},
      {17, "石川県", "石川", "いしかわ", "chubu", "中部"},
      {18, "福井県", "福井", "ふくい", "chubu", "中部"},
      {19, "山梨県", "山梨", "やまなし", "chubu", "中部"},
      {20, "長野県", "長野", "ながの", "chubu", "中部"},
      {21, "岐阜県", "岐阜", "ぎふ", "chubu", "中部"},
      {22, "静岡県", "静岡", "しずおか", "chubu", "中部"},
      {23, "愛知県", "愛知", "あいち", "chubu", "中部"},
      {24, "三重県", "三重", "みえ", "kinki", "近畿"},
      {25, "滋賀県", "滋賀", "しが", "kinki", "近畿"},
      {26, "京都府", "京都", "きょうと", "kinki", "近畿"},
      {27, "大阪府", "大阪", "おおさか", "kinki", "近畿"},
      {28, "兵庫県", "兵庫", "ひょうご", "kinki", "近畿"},
      {29, "奈良県", "奈良", "なら", "kinki", "近畿"},
      {30, "和歌山県", "和歌山", "わかやま", "kinki", "近畿"},
      {31, "鳥取県", "鳥取", "とっとり", "chugoku", "中国"},
      {32, "島根県", "島根", "しまね", "chugoku", "中国"},
      {33, "岡山県", "岡山", "おかやま", "chugoku", "中国"},
      {34, "広島県", "広島", "ひろしま", "chugoku", "中国"},
      {35, "山口県", "山口", "やまぐち", "chugoku", "中国"},
      {36, "徳島県", "徳島", "とくしま", "shikoku", "四国"},
      {37, "香川県", "香川", "かがわ", "shikoku", "四国"},
      {38, "愛媛県", "愛媛", "えひめ", "shikoku", "四国"},
      {39, "高知県", "高知", "こうち", "shikoku", "四国"},
      {40, "福岡県", "福岡", "ふくおか", "kyushu", "九州・沖縄"},
      {41, "佐賀県", "佐賀", "さが", "kyushu", "九州・沖縄"},
      {42, "長崎県", "長崎", "ながさき", "kyushu", "九州・沖縄"},
      {43, "熊本県", "熊本", "くまもと", "kyushu", "九州・沖縄"},
      {44, "大分県", "大分", "おおいた", "kyushu", "九州・沖縄"},
      {45, "宮崎県", "宮崎", "みやざき", "kyushu", "九州・沖縄"},
      {46, "鹿児島県", "鹿児島", "かごしま", "kyushu", "九州・沖縄"},
      {47, "沖縄県", "沖縄", "おきなわ", "kyushu", "九州・沖縄"},
  };
  return kAll;
}

namespace {

// The kana reading of the suffix (都 -> と, 府 -> ふ, 県 -> けん, 道 is part of ほっかいどう).
std::string kana_suffix(const Prefecture& p) {
  if (p.code == 1)
    return "";
  if (p.code == 13)
    return "と";
  if (p.code == 26 || p.code == 27)
    return "ふ";
  return "けん";
}

// Katakana (U+30A1..U+30F6) to hiragana, so ヤマナシ reads like やまなし.
std::string katakana_to_hiragana(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 == 0xE3 && i + 2 < s.size()) {
      const auto b1 = static_cast<unsigned char>(s[i + 1]);
      const auto b2 = static_cast<unsigned char>(s[i + 2]);
      const unsigned cp = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
      if (cp >= 0x30A1 && cp <= 0x30F6) {
        const unsigned h = cp - 0x60;
        out += static_cast<char>(0xE0 | (h >> 12));
        out += static_cast<char>(0x80 | ((h >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (h & 0x3F));
        i += 3;
        continue;
      }
    }
    out += s[i];
    ++i;
  }
  return out;
}

}  // namespace

int prefecture_code(const std::string& name_or_code) {
  // NFKC folds full-width digits ("１９") and half-width katakana.
  const std::string s = katakana_to_hiragana(text::fold(text::trim(name_or_code)));
  if (s.empty())
    return 0;
  if (s.size() <= 2 &&
      std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    const int v = std::stoi(s);
    return v >= 1 && v <= 47 ? v : 0;
  }
  for (const Prefecture& p : all_prefectures()) {
    if (s == p.name || s == p.short_name || s == p.kana || s == p.kana + kana_suffix(p)) {
      return p.code;
    }
  }
  return 0;
}

std::vector<int> prefectures_in_text(std::string_view text) {
  std::vector<int> out;
  for (const Prefecture& p : all_prefectures()) {
    if (text::contains(text, p.name))
      out.push_back(p.code);
  }
  // Full names never contain one another (東京都 does not contain 京都府), so a plain
  // substring test is exact.
  return out;
}

bool is_national_text(std::string_view text) {
  return text::contains(text, "全国");
}

}  // namespace shirube::knowledge
