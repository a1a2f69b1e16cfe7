#include "intents/rule_file.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "intents/normalize.h"

using shirube::intents::PatternSet;
using shirube::intents::read_rule_rows;

TEST_CASE("RuleFile: rows keep their line numbers and skip comments", "[intents]") {
  auto r = read_rule_rows("\xEF\xBB\xBF# c\n\na\tb\r\n  # not a comment\tx\n", "f.tsv", 2);
  REQUIRE(r.ok());
  REQUIRE(r.value().size() == 2);
  CHECK(r.value()[0].line == 3);
  CHECK(r.value()[0].fields == std::vector<std::string>{"a", "b"});
  CHECK(r.value()[1].line == 4);
  CHECK(r.value()[1].fields[0] == "  # not a comment");
}

TEST_CASE("RuleFile: the set and the one-by-one fallback agree on every bundled pattern",
          "[intents]") {
  for (const char* file : {"/intents/data/crisis.tsv", "/intents/data/intents.tsv"}) {
    std::ifstream in(std::string(SHIRUBE_SOURCE_DIR) + file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::size_t fields = std::string(file).find("crisis") != std::string::npos ? 4 : 3;
    auto rows = read_rule_rows(ss.str(), file, fields);
    REQUIRE(rows.ok());
    PatternSet set;
    for (const auto& row : rows.value())
      REQUIRE(set.add(row.fields.back()).empty());
    REQUIRE(set.compile());
    CHECK(set.size() == rows.value().size());
    std::ifstream texts(SHIRUBE_SOURCE_DIR "/tests/data/crisis_recall.tsv", std::ios::binary);
    std::string line;
    int compared = 0;
    while (std::getline(texts, line)) {
      if (line.empty() || line[0] == '#')
        continue;
      const std::string text = shirube::intents::normalize(line.substr(0, line.find('\t')));
      std::vector<int> a;
      std::vector<int> b;
      set.match(text, &a);
      set.match_each(text, &b);
      std::sort(a.begin(), a.end());
      CAPTURE(file, text);
      CHECK(a == b);
      ++compared;
    }
    CHECK(compared > 60);
    CHECK(set.fallback_count() == 0);
  }
}

TEST_CASE("RuleFile: the bundled sets answer without the fallback over varied messages",
          "[intents]") {
  // Every labelled utterance through one set, as a server would see them: the DFA must not
  // run out of memory (then every match would take the slow one-by-one path).
  std::vector<std::string> texts;
  for (const char* data : {"/tests/data/intents_eval.tsv", "/tests/data/crisis_recall.tsv"}) {
    std::ifstream in(std::string(SHIRUBE_SOURCE_DIR) + data, std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#')
        continue;
      const std::string raw = line.substr(0, line.find('\t'));
      texts.push_back(shirube::intents::normalize(raw));
      texts.push_back(shirube::intents::normalize_keep_spaces(raw));
    }
  }
  REQUIRE(texts.size() > 600);
  for (const char* file : {"/intents/data/crisis.tsv", "/intents/data/intents.tsv"}) {
    std::ifstream in(std::string(SHIRUBE_SOURCE_DIR) + file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::size_t fields = std::string(file).find("crisis") != std::string::npos ? 4 : 3;
    auto rows = read_rule_rows(ss.str(), file, fields);
    REQUIRE(rows.ok());
    PatternSet set;
    for (const auto& row : rows.value())
      REQUIRE(set.add(row.fields.back()).empty());
    REQUIRE(set.compile());
    for (int round = 0; round < 3; ++round) {
      for (const auto& t : texts) {
        std::vector<int> hits;
        set.match(t, &hits);
      }
    }
    CAPTURE(file);
    CHECK(set.fallback_count() == 0);
  }
}

TEST_CASE("RuleFile: a long message still matches at its end", "[intents]") {
  PatternSet set;
  REQUIRE(set.add("しにたい").empty());
  REQUIRE(set.add("ごはん").empty());
  REQUIRE(set.compile());
  std::string text;
  for (int i = 0; i < 5000; ++i)
    text += (i % 2 == 0) ? "漢字かなabc" : "ひらがな1";
  text += "しにたい";
  std::vector<int> hits;
  set.match(text, &hits);
  CHECK(hits == std::vector<int>{0});
}
