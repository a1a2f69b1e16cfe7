// Every answer of the bundled tree, in every prefecture and nationwide, against the bundled
// data: what a person in trouble is shown first, and that no page leaves them without a line
// they can reach; and every step in each reply variant (日本語, やさしい日本語, English).

#include <algorithm>
#include <cctype>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "bot/render.h"
#include "common/line_limits.h"
#include "common/reply_lang.h"
#include "common/utf8.h"
#include "knowledge/hours.h"
#include "knowledge/knowledge_base.h"
#include "webhooks/line_render.h"

using namespace shirube;  // NOLINT(google-build-using-namespace)

namespace {

bool reachable(const bot::ResultCard& c) {
  return c.action &&
         (c.action->uri.rfind("tel:", 0) == 0 || c.action->uri.rfind("https://", 0) == 0 ||
          c.action->uri.rfind("http://", 0) == 0);
}

bool has_more(const bot::Reply& r) {
  for (const auto& c : r.choices) {
    if (c.data.rfind("more=", 0) == 0)
      return true;
  }
  return false;
}

struct Walk {
  int answers = 0;          // results step x area
  int reachable_first = 0;  // answers whose first card has a tap action
  int pages = 0;
  int pages_with_line = 0;     // pages with at least one card that has a tap action
  int worker_cards = 0;        // cards of programmes for support groups and workers
  int national_line_last = 0;  // pages whose last tap-able card is nationwide
  std::vector<std::string> problems;
};

Walk walk_all(std::int64_t now) {
  auto tree = intents::Tree::load_bundled();
  REQUIRE(tree.ok());
  auto texts = bot::Texts::load_bundled();
  REQUIRE(texts.ok());
  auto kb = knowledge::KnowledgeBase::open_with_bundled_data(":memory:");
  REQUIRE(kb.ok());
  bot::AnswerCache cache(**kb, 3600);
  bot::Renderer render(*tree, cache, *texts, 365);

  std::vector<int> areas{0};
  for (const auto& [code, name] : tree->prefectures())
    areas.push_back(code);

  Walk w;
  for (const auto& node : tree->nodes()) {
    if (node.type != intents::NodeType::kResults)
      continue;
    for (const int area : areas) {
      ++w.answers;
      for (int page = 0;; ++page) {
        bot::SessionState st;
        st.current = bot::Snapshot{node.id, area, "", page};
        auto r = render.step(st, now);
        REQUIRE(r.ok());
        const std::string where =
            node.id + " area " + std::to_string(area) + " page " + std::to_string(page);
        ++w.pages;
        bool line = false;
        bool last_national = false;
        for (const auto& c : r->cards) {
          if (reachable(c)) {
            line = true;
            last_national = c.area == "全国";
          }
          auto s = (*kb)->get_service(c.service_id);
          REQUIRE(s.ok());
          if (s->audience == "workers") {
            ++w.worker_cards;
            w.problems.push_back(where + ": shows " + s->name + " (for workers)");
          }
        }
        if (line)
          ++w.pages_with_line;
        else
          w.problems.push_back(where + ": no card with a call or open button");
        if (last_national)
          ++w.national_line_last;
        bool seen_programme = false;
        for (const auto& c : r->cards) {
          if (c.contact.empty() && c.kind_label != "この活動をしている団体")
            w.problems.push_back(where + ": " + c.title + " has no contact and no label");
          if (!c.kind_label.empty())
            seen_programme = true;
          else if (seen_programme && c.action)
            w.problems.push_back(where + ": " + c.title + " comes after a programme");
        }
        if (page == 0) {
          if (!r->cards.empty() && reachable(r->cards.front()))
            ++w.reachable_first;
          else
            w.problems.push_back(where + ": the first card cannot be tapped");
        }
        if (!has_more(*r) || page > 40)
          break;
      }
    }
  }
  return w;
}

}  // namespace

TEST_CASE("BundledAnswers: every answer in every area starts with a card that can be tapped",
          "[bot][data][slow]") {
  // Cards closed now by their hours move behind the others: the walk runs at moments when
  // different windows are open (the epoch, a weekday night, a Sunday morning, New Year's night).
  auto at = [](int y, int m, int d, int hour) {
    return knowledge::hours::days_from_civil(y, m, d) * 86400 + (hour - 9) * 3600;
  };
  const std::int64_t now =
      GENERATE_COPY(std::int64_t{0}, at(2026, 12, 2, 22), at(2026, 12, 6, 10), at(2027, 1, 1, 2));
  CAPTURE(now);
  const Walk w = walk_all(now);
  std::ostringstream figures;
  figures << w.answers << " answers, " << w.reachable_first << " start with a tap-able card; "
          << w.pages << " pages, " << w.pages_with_line << " with a line, " << w.national_line_last
          << " end with a nationwide line; " << w.worker_cards << " cards for workers";
  INFO(figures.str());
  std::string first_problems;
  for (std::size_t i = 0; i < w.problems.size() && i < 20; ++i)
    first_problems += w.problems[i] + "\n";
  INFO(first_problems);
  CHECK(w.answers > 47 * 10);
  CHECK(w.reachable_first == w.answers);
  CHECK(w.pages_with_line == w.pages);
  CHECK(w.national_line_last == w.pages);
  CHECK(w.worker_cards == 0);
  CHECK(w.problems.empty());
}

namespace {

bool is_japanese_script(char32_t c) {
  return (c >= 0x3040 && c <= 0x30FF) ||  // hiragana, katakana
         (c >= 0x4E00 && c <= 0x9FFF) ||  // kanji
         (c >= 0xFF66 && c <= 0xFF9D);    // half-width katakana
}

// The sentences of `s` written only in Japanese (kana or kanji, no Latin letter): in an English
// reply, words the person cannot read. A quoted Japanese name inside an English sentence is fine.
std::vector<std::string> japanese_only_sentences(const std::string& s) {
  std::vector<std::string> out;
  std::string sentence;
  bool japanese = false;
  bool latin = false;
  auto flush = [&] {
    if (japanese && !latin)
      out.push_back(sentence);
    sentence.clear();
    japanese = latin = false;
  };
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t c = utf8::next_code_point(s, i);
    sentence.append(s, start, i - start);
    japanese = japanese || is_japanese_script(c);
    latin = latin || (c < 0x80 && std::isalpha(static_cast<int>(c)) != 0);
    if (c == U'。' || c == '.' || c == '!' || c == '?' || c == '\n')
      flush();
  }
  flush();
  return out;
}

// The bot's own words in `r` (not the records': names, contacts, hours, sources).
std::vector<std::string> own_words(const bot::Reply& r) {
  std::vector<std::string> out = r.texts;
  out.insert(out.end(), r.notes.begin(), r.notes.end());
  for (const auto& c : r.choices)
    out.push_back(c.label);
  for (const auto& c : r.cards) {
    for (const std::string* s : {&c.kind_label, &c.how_to_call, &c.date_label})
      out.push_back(*s);
  }
  return out;
}

// What LINE would refuse in `r` and its rendering, or "" when nothing.
std::string over_line_limits(const bot::Reply& r) {
  if (r.choices.size() > line_limits::kMaxQuickReplyItems)
    return std::to_string(r.choices.size()) + " buttons";
  for (const auto& c : r.choices) {
    if (utf8::utf16_length(c.label) > line_limits::kMaxQuickReplyLabelUnits)
      return "label \"" + c.label + "\" too long";
    if (c.data.size() > line_limits::kMaxPostbackDataBytes)
      return "postback data of \"" + c.label + "\" too long";
  }
  for (const auto& c : r.languages) {
    if (utf8::utf16_length(c.label) > line_limits::kMaxQuickReplyLabelUnits)
      return "language \"" + c.label + "\" too long";
  }
  const auto messages = webhooks::render_line_messages(r);
  if (messages.size() > line_limits::kMaxMessages)
    return std::to_string(messages.size()) + " messages";
  std::size_t quick = 0;
  for (const auto& m : messages) {
    if (m.contains("quickReply"))
      quick += m["quickReply"]["items"].size();
  }
  if (quick != std::min(r.choices.size(), line_limits::kMaxQuickReplyItems))
    return "quick replies lost in rendering";
  return "";
}

}  // namespace

TEST_CASE(
    "BundledAnswers: every step in every variant fits LINE's limits, and English replies hold no "
    "Japanese-only sentence of the bot's own",
    "[bot][data]") {
  auto tree = intents::Tree::load_bundled();
  REQUIRE(tree.ok());
  auto texts = bot::Texts::load_bundled();
  REQUIRE(texts.ok());
  auto kb = knowledge::KnowledgeBase::open_with_bundled_data(":memory:");
  REQUIRE(kb.ok());
  bot::AnswerCache cache(**kb, 3600);
  bot::Renderer render(*tree, cache, *texts, 365);

  int steps = 0;
  std::vector<std::string> problems;
  for (const ReplyLang lang : kReplyLangs) {
    for (const auto& node : tree->nodes()) {
      // Results nationwide and in one prefecture with only nationwide lines for some needs.
      for (const int area : {0, 13, 19}) {
        if (node.type != intents::NodeType::kResults && area != 0)
          continue;
        bot::SessionState st;
        st.reply = lang;
        st.current = bot::Snapshot{node.id, area, "", 0};
        auto r = render.step(st, 0);
        REQUIRE(r.ok());
        ++steps;
        r->lang = std::string(reply_lang_code(lang));
        const std::string where = std::string(reply_lang_code(lang)) + " " + node.id + " area " +
                                  std::to_string(area) + ": ";
        if (const std::string over = over_line_limits(*r); !over.empty())
          problems.push_back(where + over);
        if (r->texts.empty())
          problems.push_back(where + "says nothing");
        if (lang != ReplyLang::kEn)
          continue;
        for (const auto& words : own_words(*r)) {
          for (const auto& sentence : japanese_only_sentences(words))
            problems.push_back(where + "Japanese only: " + sentence);
        }
      }
    }
  }
  std::string first_problems;
  for (std::size_t i = 0; i < problems.size() && i < 20; ++i)
    first_problems += problems[i] + "\n";
  INFO(first_problems);
  const auto results = std::count_if(tree->nodes().begin(), tree->nodes().end(), [](const auto& n) {
    return n.type == intents::NodeType::kResults;
  });
  CHECK(steps == 3 * (static_cast<int>(tree->nodes().size() + 2 * results)));
  CHECK(problems.empty());
}
