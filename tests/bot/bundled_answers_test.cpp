// Every answer of the bundled tree, in every prefecture and nationwide, against the bundled
// data: what a person in trouble is shown first, and that no page leaves them without a line
// they can reach.

#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "bot/render.h"
#include "knowledge/knowledge_base.h"

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

Walk walk_all() {
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
        auto r = render.step(st, 0);
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
          "[bot][data]") {
  const Walk w = walk_all();
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
