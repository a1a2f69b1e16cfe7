#pragma once
// A results step of the decision tree, run against the knowledge base. The tree (intents/)
// names its query in its own terms (categories, situation); this is where those terms become a
// knowledge-base query, so that intents/ never depends on knowledge/.
// Thread-safety: pure functions; validate_coverage() calls only thread-safe KnowledgeBase methods.

#include "common/error.h"
#include "intents/tree.h"
#include "knowledge/knowledge_base.h"
#include "knowledge/types.h"

namespace shirube::bot {

// The knowledge-base query of a results step for one page: its categories and situation, the
// area (1..47: that prefecture plus nationwide rows; 0 or not asked: the nationwide windows
// only, as 「全国の窓口でいい」 promises), and only rows meant for people (not programmes that
// train support groups). The engine and validate_coverage both use it, so the coverage check
// tests exactly what people are shown.
knowledge::Query results_query(const intents::TreeNode& node, int prefecture, int page);

// Runs every results leaf's query for every prefecture (and nationwide) against `kb` and
// fails on the first one that finds nothing: `node "care_leaver.results": no records for
// 青森県 (categories care_leaver)`. Run by tests and by `serve` / `chat` at start.
Status validate_coverage(const intents::Tree& tree, knowledge::KnowledgeBase& kb);

}  // namespace shirube::bot
