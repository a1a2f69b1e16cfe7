#pragma once
// The decision tree: what the bot asks at each step and where each button leads. Defined in
// intents/data/tree.json (compiled into the binary) and validated when loaded, so a broken
// tree is refused at start instead of stranding someone in the middle of a conversation.
//
// Node types (the engine switches on these; a new flow adds a type, not a special case):
//   menu     a question with buttons; each button goes to a node and may set the situation
//   area     「どちらにお住まいですか？」: 全国の窓口でいい + one button per region; the
//            region steps (<id>.<region>) are generated at load, one button per prefecture
//   results  an answer: a directory search (bot/results_query.h) with the leaf's categories (+
//   situation) and
//            the area slot; no buttons of its own besides もっと見る / 戻る / 最初から
//   text     「ことばで教えてください」: the next free text is routed by the intent matcher
//   crisis   the crisis answer (24-hour lines; DV lines when "violence" is set)
//
// Postback data (what a button sends back; at most 300 bytes, checked here):
//   n=<node>           go to <node>
//   n=<node>&p=<code>  area answer: prefecture JIS code, 0 = nationwide; then go to <node>
//   n=<node>&s=<sit>   set the situation slot (e.g. single_parent); then go to <node>
//   more=<page>        results page <page> (0-based) of the current node
//   nav=back | nav=top | nav=erase | nav=resume   戻る / 最初から / データを消して /
//                      ほかの相談先もみる (back to where the person was before a crisis answer)
//   lang=ja | lang=easy | lang=en  the reply variant (the first screen's language switch;
//                      not part of the tree, bot/postback.h)
//
// Texts and labels: each is {"ja": "…", "easy": "…", "en": "…"} (common/reply_lang.h), and
// "text" is one such object or an array of them; regions' labels and prefecture names too
// ([13, {"ja": "東京都", "easy": "東京都", "en": "Tokyo"}]); "labels" holds the words of the
// generated buttons and steps (TreeLabels). A missing variant is refused, with the node named.
// Limits checked for every node as it will be shown, in every variant: at most 13 quick-reply
// items (the node's buttons plus もっと見る, 戻る and 最初から), labels of at most 20 UTF-16
// units, postback data of at most 300 bytes, at most 5 messages (texts + one card carousel +
// one link message).
// Thread-safety: immutable after load; safe to share between threads.

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.h"
#include "common/line_limits.h"
#include "common/reply_lang.h"

namespace shirube::intents {

class TreeParser;

enum class NodeType { kMenu, kArea, kRegion, kResults, kTextEntry, kCrisis };

struct TreeChoice {
  Localized label;
  std::string to;         // target node id
  std::string situation;  // sets the situation slot when not ""
  int prefecture = -1;    // area answer: 0 nationwide, 1..47; -1 = not an area answer
  std::string data;       // postback data for this button (computed at load)
};

struct TreeNode {
  std::string id;
  NodeType type = NodeType::kMenu;
  std::string category;             // top-level category id; "" for the root and shared menus
  std::vector<Localized> texts;     // what the bot says here (short paragraphs)
  std::vector<TreeChoice> choices;  // menu / area / region buttons (not the nav buttons)
  std::string next;                 // area, region: where an area answer goes (a results node)
  std::vector<std::string> query_categories;  // results: categories to look up
  std::string query_situation;                // results: fixed situation ("" = the slot)
  bool violence = false;                      // crisis: include DV lines
};

// Data of the buttons every step shows (besides the node's own); their labels are the tree's
// "labels" (Tree::labels()).
struct NavLabels {
  static constexpr const char* kBackData = "nav=back";
  static constexpr const char* kTopData = "nav=top";
  static constexpr const char* kResumeData = "nav=resume";
  static constexpr const char* kEraseData = "nav=erase";
};

// What Tree::parse() checks every step against: LINE's limits, named after what they bound in
// the tree but defined in common/line_limits.h, and the tree's own page size.
struct TreeLimits {
  static constexpr std::size_t kMaxQuickReplies = line_limits::kMaxQuickReplyItems;
  static constexpr std::size_t kMaxLabelUnits = line_limits::kMaxQuickReplyLabelUnits;
  static constexpr std::size_t kMaxDataBytes = line_limits::kMaxPostbackDataBytes;
  static constexpr std::size_t kMaxMessages = line_limits::kMaxMessages;
  static constexpr std::size_t kPageSize = 5;  // result cards per page (not a LINE limit)
};

// The words of the generated buttons and steps, from the tree's "labels": 全国の窓口でいい,
// 都道府県をえらんでください。, 戻る, 最初から, もっと見る, ほかの相談先もみる.
struct TreeLabels {
  Localized nationwide, region_question, back, top, more, resume;
};

class Tree {
 public:
  // Parses and validates. Error kInvalidArgument, where = `source`, what = the first
  // problem, e.g. `node "food.area": duplicate id`, `node "orphan": not reachable from the
  // root`, `node "loop": dead end (no way to an answer)`, `node "x": choice 2 label "…" is 23
  // UTF-16 units (max 20)`, `node "x": choice 1 postback data is 301 bytes (max 300)`,
  // `node "x": 14 quick-reply items (max 13, with 戻る and 最初から)`.
  static Result<Tree> parse(std::string_view text, const std::string& source);
  // intents/data/tree.json as compiled into the binary.
  static Result<Tree> load_bundled();

  const TreeNode& root() const { return nodes_[root_index_]; }
  const TreeNode* find(std::string_view id) const;
  const std::vector<TreeNode>& nodes() const { return nodes_; }
  // The node a button for `category` leads to from the root or a shared menu (その他);
  // nullptr when the category has no button.
  const TreeNode* category_entry(std::string_view category) const;
  // The text-entry node (「ことばで教えてください」), nullptr when the tree has none.
  const TreeNode* text_entry() const;
  // The 47 prefectures (JIS code, name) in the order of the area steps.
  const std::vector<std::pair<int, std::string>>& prefectures() const { return prefectures_; }
  // The prefecture's name in `lang` (「東京都」, "Tokyo"); "" for an unknown code.
  std::string prefecture_name(int code, ReplyLang lang) const;
  const TreeLabels& labels() const { return labels_; }

 private:
  friend class TreeParser;  // Tree::parse's steps (tree.cpp)
  std::vector<std::pair<int, std::string>> prefectures_;
  std::map<int, Localized> prefecture_names_;
  TreeLabels labels_;
  std::vector<TreeNode> nodes_;
  std::map<std::string, std::size_t, std::less<>> index_;
  std::map<std::string, std::string, std::less<>> entries_;
  std::size_t root_index_ = 0;
};

// The buttons shown at `node` of `tree`, in order, labelled in `lang`: its own choices, then
// (when `more_page` >= 0) もっと見る with that page, then 戻る and 最初から (the root shows
// neither; a crisis answer shows ほかの相談先もみる and 最初から).
struct ShownChoice {
  std::string label;
  std::string data;
};
std::vector<ShownChoice> shown_choices(const Tree& tree, const TreeNode& node, int more_page,
                                       ReplyLang lang = ReplyLang::kJa);

}  // namespace shirube::intents
