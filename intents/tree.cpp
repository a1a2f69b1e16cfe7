// Slightly over 500 lines: TreeParser reads the tree file in steps (nodes, choices, texts,
// results, checks of reachability and limits) with one error wording; the lookups after it are
// a few lines each.
#include "intents/tree.h"

#include <algorithm>
#include <deque>
#include <set>

#include <nlohmann/json.hpp>

#include "common/categories.h"
#include "common/embedded.h"
#include "common/utf8.h"

namespace shirube::intents {

namespace {

using nlohmann::json;

std::string in_quotes(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

Error bad(const std::string& source, std::string what) {
  return Error::invalid_argument(source, std::move(what));
}

// Reads "text": one {"ja", "easy", "en"} object or an array of them; "" or the problem.
std::string read_texts(const json& j, std::vector<Localized>& out) {
  auto it = j.find("text");
  if (it == j.end())
    return "";
  if (!it->is_array()) {
    Localized t;
    std::string problem = read_localized(*it, t);
    out.push_back(std::move(t));
    return problem;
  }
  for (const auto& item : *it) {
    Localized t;
    if (std::string problem = read_localized(item, t); !problem.empty())
      return problem;
    out.push_back(std::move(t));
  }
  return "";
}

// Reads `key` of `j` into `out`; "" or the problem.
std::string read_label(const json& j, const char* key, Localized& out) {
  auto it = j.find(key);
  if (it == j.end())
    return "missing";
  return read_localized(*it, out);
}

bool read_string(const json& j, const char* key, std::string& out) {
  auto it = j.find(key);
  if (it == j.end())
    return true;
  if (!it->is_string())
    return false;
  out = it->get<std::string>();
  return true;
}

std::string choice_data(const TreeChoice& c) {
  std::string d = "n=" + c.to;
  if (c.prefecture >= 0)
    d += "&p=" + std::to_string(c.prefecture);
  if (!c.situation.empty())
    d += "&s=" + c.situation;
  return d;
}

bool is_leaf(NodeType t) {
  return t == NodeType::kResults || t == NodeType::kTextEntry || t == NodeType::kCrisis;
}

std::size_t message_count(const TreeNode& n) {
  std::size_t m = n.texts.size();
  if (n.type == NodeType::kResults)
    m += 2;  // "no local records" notice + card carousel
  if (n.type == NodeType::kCrisis)
    m += 2;  // tap-to-call links + cards
  return m;
}

}  // namespace

std::vector<ShownChoice> shown_choices(const Tree& tree, const TreeNode& node, int more_page,
                                       ReplyLang lang) {
  const TreeLabels& labels = tree.labels();
  std::vector<ShownChoice> out;
  out.reserve(node.choices.size() + 3);
  for (const auto& c : node.choices)
    out.push_back({c.label.in(lang), c.data});
  if (node.id == "root")
    return out;
  if (node.type == NodeType::kCrisis) {
    out.push_back({labels.resume.in(lang), NavLabels::kResumeData});
    out.push_back({labels.top.in(lang), NavLabels::kTopData});
    return out;
  }
  if (node.type == NodeType::kResults && more_page >= 0) {
    out.push_back({labels.more.in(lang), "more=" + std::to_string(more_page)});
  }
  out.push_back({labels.back.in(lang), NavLabels::kBackData});
  out.push_back({labels.top.in(lang), NavLabels::kTopData});
  return out;
}

// Tree::parse in steps; each returns the first problem it finds.
class TreeParser {
 public:
  TreeParser(Tree& tree, const std::string& source) : tree_(tree), source_(source) {}

  struct Region {
    std::string id;
    Localized label;
    std::vector<std::pair<int, Localized>> prefectures;
  };

  // labels: the words of the generated buttons and steps.
  Status read_labels(const json& doc) {
    auto it = doc.find("labels");
    if (it == doc.end() || !it->is_object())
      return bad(source_, "labels: expected an object");
    TreeLabels& l = tree_.labels_;
    const std::pair<const char*, Localized*> fields[] = {{"nationwide", &l.nationwide},
                                                         {"region_question", &l.region_question},
                                                         {"back", &l.back},
                                                         {"top", &l.top},
                                                         {"more", &l.more},
                                                         {"resume", &l.resume}};
    for (const auto& [key, out] : fields) {
      if (std::string problem = read_label(*it, key, *out); !problem.empty())
        return bad(source_, std::string("labels.") + key + ": " + problem);
    }
    return Status();
  }

  // regions: the 47 prefectures, each exactly once.
  Status read_regions(const json& doc) {
    auto rit = doc.find("regions");
    if (rit == doc.end() || !rit->is_array())
      return bad(source_, "regions: expected an array");
    std::set<int> seen_codes;
    for (std::size_t i = 0; i < rit->size(); ++i) {
      const json& r = (*rit)[i];
      const std::string where = "regions[" + std::to_string(i) + "]";
      Region region;
      if (!r.is_object() || !read_string(r, "id", region.id) || region.id.empty()) {
        return bad(source_, where + ": expected {\"id\", \"label\", \"prefectures\"}");
      }
      if (std::string problem = read_label(r, "label", region.label); !problem.empty())
        return bad(source_, where + ".label: " + problem);
      auto pit = r.find("prefectures");
      if (pit == r.end() || !pit->is_array() || pit->empty()) {
        return bad(source_, where + ".prefectures: expected a non-empty array");
      }
      for (const auto& p : *pit) {
        Localized name;
        if (!p.is_array() || p.size() != 2 || !p[0].is_number_integer() ||
            !read_localized(p[1], name).empty()) {
          return bad(source_, where + ".prefectures: expected [code, {\"ja\", \"easy\", \"en\"}]");
        }
        const int code = p[0].get<int>();
        if (code < 1 || code > kPrefectureCount || !seen_codes.insert(code).second) {
          return bad(source_, where + ": prefecture code " + std::to_string(code) +
                                  " is out of range or listed twice");
        }
        tree_.prefectures_.emplace_back(code, name.ja());
        tree_.prefecture_names_.emplace(code, name);
        region.prefectures.emplace_back(code, std::move(name));
      }
      regions_.push_back(std::move(region));
    }
    if (seen_codes.size() != static_cast<std::size_t>(kPrefectureCount)) {
      return bad(source_, "regions: " + std::to_string(seen_codes.size()) +
                              " prefectures listed (expected all 47)");
    }
    return Status();
  }

  // nodes, then root.
  Status read_nodes(const json& doc) {
    auto nit = doc.find("nodes");
    if (nit == doc.end() || !nit->is_array() || nit->empty()) {
      return bad(source_, "nodes: expected a non-empty array");
    }
    for (std::size_t i = 0; i < nit->size(); ++i) {
      ASSIGN_OR_RETURN(TreeNode n, read_node((*nit)[i], i));
      tree_.index_.emplace(n.id, tree_.nodes_.size());
      tree_.nodes_.push_back(std::move(n));
    }
    std::string root_id = "root";
    if (!read_string(doc, "root", root_id) || root_id != "root") {
      return bad(source_, "root: must be \"root\" (the id of the first menu)");
    }
    auto root_it = tree_.index_.find(root_id);
    if (root_it == tree_.index_.end())
      return bad(source_, "root: no node " + in_quotes(root_id));
    tree_.root_index_ = root_it->second;
    return Status();
  }

  // Links between the declared nodes; then area steps expanded into region steps.
  Status link_and_expand() {
    const std::size_t declared = tree_.nodes_.size();
    for (std::size_t i = 0; i < declared; ++i)
      RETURN_IF_ERROR(check_links(tree_.nodes_[i]));
    for (std::size_t i = 0; i < declared; ++i) {
      if (tree_.nodes_[i].type == NodeType::kArea)
        RETURN_IF_ERROR(expand_area(i));
    }
    for (TreeNode& n : tree_.nodes_) {
      for (TreeChoice& c : n.choices)
        c.data = choice_data(c);
    }
    return Status();
  }

  // What a person sees: LINE's limits, in every variant.
  Status check_limits() const {
    for (const TreeNode& n : tree_.nodes_) {
      for (ReplyLang lang : kReplyLangs)
        RETURN_IF_ERROR(check_limits_in(n, lang));
    }
    return Status();
  }

  Status check_limits_in(const TreeNode& n, ReplyLang lang) const {
    const std::string nw = "node " + in_quotes(n.id);
    const auto shown = shown_choices(tree_, n, n.type == NodeType::kResults ? 1 : -1, lang);
    for (std::size_t k = 0; k < shown.size(); ++k) {
      const std::size_t units = utf8::utf16_length(shown[k].label);
      if (units > TreeLimits::kMaxLabelUnits) {
        return bad(source_, nw + ": choice " + std::to_string(k + 1) + " label " +
                                in_quotes(shown[k].label) + " (" +
                                std::string(reply_lang_code(lang)) + ") is " +
                                std::to_string(units) + " UTF-16 units (max 20)");
      }
      if (shown[k].data.size() > TreeLimits::kMaxDataBytes) {
        return bad(source_, nw + ": choice " + std::to_string(k + 1) + " postback data is " +
                                std::to_string(shown[k].data.size()) + " bytes (max 300)");
      }
    }
    if (shown.size() > TreeLimits::kMaxQuickReplies) {
      return bad(source_, nw + ": " + std::to_string(shown.size()) +
                              " quick-reply items (max 13, with 戻る and 最初から)");
    }
    if (message_count(n) > TreeLimits::kMaxMessages) {
      return bad(source_, nw + ": " + std::to_string(message_count(n)) + " messages (max 5)");
    }
    if (n.texts.empty())
      return bad(source_, nw + ": says nothing (text is empty)");
    return Status();
  }

  // Every node reachable from the root; the categories' entries found on the way.
  Status check_reachable() {
    std::vector<char> reached(tree_.nodes_.size(), 0);
    std::deque<std::size_t> queue{tree_.root_index_};
    reached[tree_.root_index_] = 1;
    auto visit = [&](std::size_t t) {
      if (!reached[t]) {
        reached[t] = 1;
        queue.push_back(t);
      }
    };
    while (!queue.empty()) {
      const TreeNode& n = tree_.nodes_[queue.front()];
      queue.pop_front();
      // ほかの相談先もみる after a crisis answer reached by a tap leads to the crisis node's next.
      if (n.type == NodeType::kCrisis && !n.next.empty())
        visit(tree_.index_.find(n.next)->second);
      for (const auto& c : n.choices) {
        const std::size_t t = tree_.index_.find(c.to)->second;
        visit(t);
        // A shared menu (no category) leading into a category: that is the category's entry.
        if (n.category.empty() && !tree_.nodes_[t].category.empty())
          tree_.entries_.emplace(tree_.nodes_[t].category, tree_.nodes_[t].id);
      }
    }
    for (std::size_t i = 0; i < tree_.nodes_.size(); ++i) {
      if (!reached[i]) {
        return bad(source_,
                   "node " + in_quotes(tree_.nodes_[i].id) + ": not reachable from the root");
      }
    }
    return Status();
  }

  // No dead ends: from every node some answer can be reached.
  Status check_no_dead_ends() const {
    std::vector<char> answers(tree_.nodes_.size(), 0);
    bool changed = true;
    while (changed) {
      changed = false;
      for (std::size_t i = 0; i < tree_.nodes_.size(); ++i) {
        if (answers[i])
          continue;
        const TreeNode& n = tree_.nodes_[i];
        bool ok = is_leaf(n.type);
        for (const auto& c : n.choices)
          ok = ok || answers[tree_.index_.find(c.to)->second];
        if (ok) {
          answers[i] = 1;
          changed = true;
        }
      }
    }
    for (std::size_t i = 0; i < tree_.nodes_.size(); ++i) {
      if (!answers[i]) {
        return bad(source_,
                   "node " + in_quotes(tree_.nodes_[i].id) + ": dead end (no way to an answer)");
      }
    }
    return Status();
  }

 private:
  static Result<NodeType> node_type(const std::string& type) {
    if (type == "menu")
      return NodeType::kMenu;
    if (type == "area")
      return NodeType::kArea;
    if (type == "results")
      return NodeType::kResults;
    if (type == "text")
      return NodeType::kTextEntry;
    if (type == "crisis")
      return NodeType::kCrisis;
    return Error::invalid_argument("", "unknown type " + in_quotes(type));
  }

  Result<TreeNode> read_node(const json& j, std::size_t i) const {
    const std::string where = "nodes[" + std::to_string(i) + "]";
    TreeNode n;
    std::string type;
    if (!j.is_object() || !read_string(j, "id", n.id) || n.id.empty()) {
      return bad(source_, where + ".id: expected a non-empty string");
    }
    const std::string nw = "node " + in_quotes(n.id);
    if (tree_.index_.count(n.id) != 0)
      return bad(source_, nw + ": duplicate id");
    if (!read_string(j, "type", type))
      return bad(source_, nw + ": type: expected a string");
    auto t = node_type(type);
    if (!t.ok())
      return bad(source_, nw + ": " + t.error().what());
    n.type = t.value();
    if (std::string problem = read_texts(j, n.texts); !problem.empty())
      return bad(source_, nw + ": text: " + problem);
    if (!read_string(j, "category", n.category)) {
      return bad(source_, nw + ": category: expected a string");
    }
    const auto& cats = kTopCategories;
    if (!n.category.empty() && std::find(cats.begin(), cats.end(), n.category) == cats.end()) {
      return bad(source_, nw + ": unknown category " + in_quotes(n.category));
    }
    if (!read_string(j, "next", n.next))
      return bad(source_, nw + ": next: expected a string");
    if (auto v = j.find("violence"); v != j.end()) {
      if (!v->is_boolean())
        return bad(source_, nw + ": violence: expected true or false");
      n.violence = v->get<bool>();
    }
    RETURN_IF_ERROR(read_query(j, nw, n));
    if (n.type == NodeType::kResults && n.query_categories.empty()) {
      return bad(source_, nw + ": a results node needs query.categories");
    }
    RETURN_IF_ERROR(read_choices(j, nw, n));
    return n;
  }

  Status read_query(const json& j, const std::string& nw, TreeNode& n) const {
    auto q = j.find("query");
    if (q == j.end())
      return Status();
    auto qc = q->is_object() ? q->find("categories") : q->end();
    if (qc == q->end() || !qc->is_array() || qc->empty()) {
      return bad(source_, nw + ": query.categories: expected a non-empty array");
    }
    for (const auto& c : *qc) {
      if (!c.is_string())
        return bad(source_, nw + ": query.categories: expected strings");
      n.query_categories.push_back(c.get<std::string>());
    }
    if (!read_string(*q, "situation", n.query_situation)) {
      return bad(source_, nw + ": query.situation: expected a string");
    }
    return Status();
  }

  Status read_choices(const json& j, const std::string& nw, TreeNode& n) const {
    auto c = j.find("choices");
    if (c == j.end())
      return Status();
    if (!c->is_array())
      return bad(source_, nw + ": choices: expected an array");
    for (std::size_t k = 0; k < c->size(); ++k) {
      const json& cj = (*c)[k];
      TreeChoice choice;
      if (!cj.is_object() || !read_string(cj, "to", choice.to) ||
          !read_string(cj, "situation", choice.situation) || choice.to.empty()) {
        return bad(source_,
                   nw + ": choice " + std::to_string(k + 1) + ": expected {\"label\", \"to\"}");
      }
      if (std::string problem = read_label(cj, "label", choice.label); !problem.empty())
        return bad(source_, nw + ": choice " + std::to_string(k + 1) + " label: " + problem);
      n.choices.push_back(std::move(choice));
    }
    return Status();
  }

  Status check_links(const TreeNode& n) const {
    const std::string nw = "node " + in_quotes(n.id);
    for (std::size_t k = 0; k < n.choices.size(); ++k) {
      if (tree_.index_.count(n.choices[k].to) == 0) {
        return bad(source_, nw + ": choice " + std::to_string(k + 1) + " goes to unknown node " +
                                in_quotes(n.choices[k].to));
      }
    }
    if (n.type == NodeType::kArea) {
      auto next = tree_.index_.find(n.next);
      if (n.next.empty() || next == tree_.index_.end() ||
          tree_.nodes_[next->second].type != NodeType::kResults) {
        return bad(source_, nw + ": next must name a results node");
      }
      if (!n.choices.empty())
        return bad(source_, nw + ": an area node has no own choices");
    }
    if (n.type == NodeType::kCrisis && !n.next.empty() && tree_.index_.count(n.next) == 0) {
      return bad(source_, nw + ": next goes to unknown node " + in_quotes(n.next));
    }
    return Status();
  }

  // The area node at `i` gets 全国 and one choice per region; a region with several
  // prefectures becomes a step of its own.
  Status expand_area(std::size_t i) {
    const std::string area_id = tree_.nodes_[i].id;
    const std::string next = tree_.nodes_[i].next;
    const std::string category = tree_.nodes_[i].category;
    std::vector<TreeChoice> area_choices;
    area_choices.push_back({tree_.labels_.nationwide, next, "", 0, ""});
    for (const Region& r : regions_) {
      if (r.prefectures.size() == 1) {  // 北海道: one tap less, no one-button step
        area_choices.push_back({r.label, next, "", r.prefectures.front().first, ""});
        continue;
      }
      TreeNode rn;
      rn.id = area_id + "." + r.id;
      rn.type = NodeType::kRegion;
      rn.category = category;
      rn.texts.push_back(tree_.labels_.region_question);
      rn.next = next;
      for (const auto& [code, name] : r.prefectures)
        rn.choices.push_back({name, next, "", code, ""});
      if (tree_.index_.count(rn.id) != 0)
        return bad(source_, "node " + in_quotes(rn.id) + ": duplicate id");
      area_choices.push_back({r.label, rn.id, "", -1, ""});
      tree_.index_.emplace(rn.id, tree_.nodes_.size());
      tree_.nodes_.push_back(std::move(rn));
    }
    tree_.nodes_[i].choices = std::move(area_choices);
    return Status();
  }

  Tree& tree_;
  const std::string& source_;
  std::vector<Region> regions_;
};

Result<Tree> Tree::parse(std::string_view text, const std::string& source) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return bad(source, "not a JSON object");
  Tree tree;
  TreeParser parser(tree, source);
  RETURN_IF_ERROR(parser.read_labels(doc));
  RETURN_IF_ERROR(parser.read_regions(doc));
  RETURN_IF_ERROR(parser.read_nodes(doc));
  RETURN_IF_ERROR(parser.link_and_expand());
  RETURN_IF_ERROR(parser.check_limits());
  RETURN_IF_ERROR(parser.check_reachable());
  RETURN_IF_ERROR(parser.check_no_dead_ends());
  return tree;
}

Result<Tree> Tree::load_bundled() {
  auto data = embedded_file("intents/data/tree.json");
  if (!data)
    return Error::not_found("intents/data/tree.json", "not compiled into the binary");
  return parse(*data, "intents/data/tree.json");
}

const TreeNode* Tree::find(std::string_view id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &nodes_[it->second];
}

std::string Tree::prefecture_name(int code, ReplyLang lang) const {
  auto it = prefecture_names_.find(code);
  return it == prefecture_names_.end() ? "" : it->second.in(lang);
}

const TreeNode* Tree::category_entry(std::string_view category) const {
  auto it = entries_.find(category);
  return it == entries_.end() ? nullptr : find(it->second);
}

const TreeNode* Tree::text_entry() const {
  for (const auto& n : nodes_) {
    if (n.type == NodeType::kTextEntry)
      return &n;
  }
  return nullptr;
}

}  // namespace shirube::intents
