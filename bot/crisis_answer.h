#pragma once
// The crisis answer: which urgent lines are offered, in which order, and the reply that shows
// them (design.md: crisis lines and 110/119 before anything else). The engine decides when to
// answer and keeps the person's place; this builds what is said.
//
// Order of the lines (order_crisis_lines):
//   1. when there is danger now (`immediate`): 110 then 119 for violence (someone is hurting
//      the person), 119 then 110 otherwise (an overdose or injury done, an act starting);
//   2. for someone who writes in another language or reads English (`multilingual`), the lines
//      that answer in English (languages include "en") or serve foreign residents (a
//      foreign_residents category): 24-hour ones first;
//   3. for violence, the DV lines: the 24-hour ones first, then the others;
//   4. the other 24-hour lines;
//   5. the rest of the urgent lines (cards only, not buttons).
// 110/119 appear only in step 1; each step stops once kCandidates lines are chosen (a large
// directory can hold thousands of urgent rows). The lines of steps 1-4 may become buttons; when
// there are none (no 24-hour line in the data), every chosen line may.
//
// The reply (crisis_reply): crisis = true, the node's id and category (or "violence"/"crisis"),
// 「いま危ないときは…」 first when `immediate`, then the node's texts; at most kMaxLinks tap
// actions from the button lines (none for a line closed now by its hours, or open only in
// announced periods: their cards say so), then 110 and 119 closing the list when not
// `immediate` (someone who writes 死にたい may be in danger without saying so); at most
// TreeLimits::kPageSize cards; the node's buttons (ほかの相談先もみる, 最初から).
// Thread-safety: pure functions.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bot/reply.h"
#include "bot/texts.h"
#include "intents/tree.h"
#include "knowledge/types.h"

namespace shirube::bot {

struct CrisisLines {
  static constexpr std::size_t kCandidates = 12;  // rows considered for the links and cards
  static constexpr std::size_t kMaxLinks = 5;     // before 110/119, which are always added

  std::vector<const knowledge::Service*> order;  // into the services passed in
  std::size_t buttons = 0;                       // the first `buttons` may become links
};

// `services`: KnowledgeBase::urgent_services(violence). The result points into it.
CrisisLines order_crisis_lines(const std::vector<knowledge::Service>& services, bool violence,
                               bool immediate, bool multilingual = false);

// The first crisis node of `tree` for violence or not; nullptr when the tree has none.
const intents::TreeNode* crisis_node(const intents::Tree& tree, bool violence);

// How a crisis answer is said: the words (bot/texts.h), the tree's button labels, the variant.
struct Wording {
  const Texts& texts;
  const intents::Tree& tree;
  ReplyLang lang = ReplyLang::kJa;
};

// The answer of crisis node `node` (its `violence` chooses the DV lines) in `w.lang`; `now` in
// seconds since the epoch dates the cards.
Reply crisis_reply(const intents::TreeNode& node, const std::vector<knowledge::Service>& services,
                   bool immediate, const Wording& w, int stale_days, std::int64_t now,
                   bool multilingual = false);

// The button text of a line. It carries the number itself, so a person who cannot tap (a
// desktop, a screen reader, a friend's phone) still sees what to dial; number first, so a label
// cut to fit keeps it: "0120-279-338 よりそいホットライン", or the name alone when it holds the
// number ("110番"). A web line: 「ひらく <name>」 (crisis.open_link). In English the record's
// English name stands for its name where it has one ("0120-279-338 Yorisoi Hotline").
// After a crisis answer, for someone who cannot or will not call (「電話はこわい」): the lines
// reached by writing (channel chat or sns, with a web or LINE link), as buttons and cards,
// after `intro`, those open now or of unknown hours before those closed now (never one open
// only in announced periods); the node's buttons. When the data has none, the crisis answer
// itself with `intro` first (never an empty reply). crisis = true.
Reply written_lines_reply(const intents::TreeNode& node,
                          const std::vector<knowledge::Service>& services, const std::string& intro,
                          const Wording& w, int stale_days, std::int64_t now);

std::string crisis_link_label(const knowledge::Service& s, const Link& action, const Texts& texts,
                              ReplyLang lang = ReplyLang::kJa);

}  // namespace shirube::bot
