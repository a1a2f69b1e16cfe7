#include "intents/normalize.h"

#include <string>
#include <utility>

#include <catch2/catch.hpp>

using shirube::intents::normalize;
using shirube::intents::normalize_keep_spaces;

TEST_CASE("Normalize: folds width, case, kana and drops punctuation", "[intents]") {
  auto [in, out] = GENERATE(table<std::string, std::string>({
      // katakana -> hiragana, half-width katakana, spaces
      {"シニタイ", "しにたい"},
      {"ｼﾆﾀｲ", "しにたい"},
      {"し に た い", "しにたい"},
      {"し　に　た　い", "しにたい"},
      {"ｼﾞｻﾂ", "じさつ"},
      {"ﾊﾟﾊﾟ", "ぱぱ"},
      {"ヴァイオリン", "ゔぁいおりん"},
      {"ヶ月", "ゖ月"},
      {"ヽヾ", "ゝゞ"},
      // the long vowel mark is kept, half-width too
      {"ケアリーバー", "けありーばー"},
      {"ｹｱﾘｰﾊﾞｰ", "けありーばー"},
      {"フードバンク", "ふーどばんく"},
      // full-width ASCII, case folding
      {"ＤＶ　相談", "dv相談"},
      {"ＤＶ", "dv"},
      {"Food Bank", "foodbank"},
      {"HELLO", "hello"},
      {"Straße", "strasse"},
      {"１１０番", "110番"},
      {"①", "1"},
      {"㍿", "株式会社"},
      {"ﾎｰﾑﾚｽ", "ほーむれす"},
      // punctuation, symbols and emoji removed
      {"死にたい。", "死にたい"},
      {"死にたい…", "死にたい"},
      {"「助けて」", "助けて"},
      {"死にたい😢", "死にたい"},
      {"😭😭死にたい😭", "死にたい"},
      {"つらい👨‍👩‍👧", "つらい"},
      {"ありがとう❤️", "ありがとう"},
      {"お腹すいた🇯🇵", "お腹すいた"},
      {"しにた〜い", "しにたい"},
      {"しにた～い", "しにたい"},
      {"お金！！！", "お金"},
      {"家賃？", "家賃"},
      {"食費・家賃", "食費家賃"},
      {"（施設）を出た", "施設を出た"},
      {"I want to die.", "iwanttodie"},
      {"don't", "dont"},
      {"¥1,000", "1000"},
      {"★☆★仕事★", "仕事"},
      {"\t改行\nあり\r\n", "改行あり"},
      // kanji and hiragana untouched
      {"児童養護施設", "児童養護施設"},
      {"ごはん", "ごはん"},
      {"札幌市", "札幌市"},
      // combining dakuten composes
      {"か\xE3\x82\x99", "が"},
      {"ｶﾞ", "が"},
      // zero-width joiner and variation selectors are ignorable
      {"死\xE2\x80\x8Bに\xEF\xB8\x8Fたい", "死にたい"},
  }));
  CAPTURE(in);
  CHECK(normalize(in) == out);
}

TEST_CASE("Normalize: keep-spaces form keeps one space between words", "[intents]") {
  auto [in, out] = GENERATE(table<std::string, std::string>({
      {"I want to die.", "i want to die"},
      {"  I   WANT\tto   die  ", "i want to die"},
      {"I don't want to live", "i dont want to live"},
      {"I don’t want to live", "i dont want to live"},
      {"kill myself😢please", "kill myself please"},
      {"hungry,no food", "hungry no food"},
      {"ＤＶ　相談", "dv 相談"},
      {"シニタイ", "しにたい"},
      {"...", ""},
      {"", ""},
  }));
  CAPTURE(in);
  CHECK(normalize_keep_spaces(in) == out);
}

TEST_CASE("Normalize: edge and hostile input never crashes", "[intents]") {
  SECTION("empty and removable-only input gives empty text") {
    auto in = GENERATE(as<std::string>{}, "", " ", "　", "😢😭🙏", "！？。、", "\xEF\xBB\xBF",
                       "\xE2\x80\x8D", "\xF0\x9F\x87\xAF\xF0\x9F\x87\xB5");
    CAPTURE(in);
    CHECK(normalize(in).empty());
    CHECK(normalize_keep_spaces(in).empty());
  }
  SECTION("invalid UTF-8 bytes are dropped, valid neighbours kept") {
    CHECK(normalize("\xff\xfe") == "");
    CHECK(normalize("死に\xffたい") == "死にたい");
    CHECK(normalize("\xe3\x81") == "");
    CHECK(normalize("ab\xc0\xaf"
                    "cd") == "abcd");
    CHECK(normalize("\xed\xa0\x80ok") == "ok");
    CHECK(normalize(std::string("a\0b", 3)) == "ab");
  }
  SECTION("long input") {
    std::string big;
    for (int i = 0; i < 5000; ++i)
      big += "ｼﾆﾀｲ😢 ";
    const std::string n = normalize(big);
    CHECK(n.size() == 5000u * std::string("しにたい").size());
  }
  SECTION("idempotent") {
    auto in = GENERATE(as<std::string>{}, "ｹｱﾘｰﾊﾞｰです！", "ＤＶ　相談", "Straße", "I want to die");
    CAPTURE(in);
    CHECK(normalize(normalize(in)) == normalize(in));
    CHECK(normalize_keep_spaces(normalize_keep_spaces(in)) == normalize_keep_spaces(in));
  }
}
