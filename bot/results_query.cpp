#include "bot/results_query.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace shirube::bot {
namespace {

std::string in_quotes(const std::string& s) {
  return "\"" + s + "\"";
}

}  // namespace

knowledge::Query results_query(const intents::TreeNode& node, int prefecture, int page) {
  knowledge::Query q;
  q.categories = node.query_categories;
  q.situation = node.query_situation;
  q.prefecture = std::max(0, prefecture);
  q.national_only = q.prefecture == 0;
  q.for_people = true;
  q.limit = static_cast<int>(intents::TreeLimits::kPageSize);
  q.offset = std::max(0, page) * q.limit;
  return q;
}

Status validate_coverage(const intents::Tree& tree, knowledge::KnowledgeBase& kb) {
  std::vector<std::pair<int, std::string>> areas{{0, "全国"}};
  areas.insert(areas.end(), tree.prefectures().begin(), tree.prefectures().end());
  for (const intents::TreeNode& n : tree.nodes()) {
    if (n.type != intents::NodeType::kResults)
      continue;
    std::string cats;
    for (const auto& c : n.query_categories)
      cats += (cats.empty() ? "" : ",") + c;
    for (const auto& [code, name] : areas) {
      knowledge::Query q = results_query(n, code, 0);
      q.limit = 1;
      auto r = kb.search(q);
      if (!r.ok()) {
        return Error::unavailable("node " + in_quotes(n.id),
                                  "search failed: " + r.error().message());
      }
      if (r->services.empty()) {
        return Error::not_found("node " + in_quotes(n.id),
                                "no records for " + name + " (categories " + cats + ")");
      }
    }
  }
  return {};
}

}  // namespace shirube::bot
