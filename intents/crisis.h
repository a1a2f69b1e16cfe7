#pragma once
// Crisis detector: checked first on every text message at every node and inside every form.
// Patterns live in intents/data/crisis.tsv (compiled into the binary) and are matched with
// one RE2::Set against normalize(text), the same with stretched kana folded ("しにたぁい"),
// and normalize_keep_spaces(text) for English. Tuned for recall: a false alarm costs one
// message, a miss can cost a life. Choices about borderline wordings are listed at the top
// of crisis.tsv; tests/data/crisis_recall.tsv holds every phrasing that must be caught.
// Thread-safety: immutable after load(); check() is safe from any thread.

#include <memory>
#include <string>
#include <string_view>

#include "common/error.h"

namespace shirube::intents {

enum class CrisisKind { kNone, kSuicide, kViolence };

struct CrisisResult {
  CrisisKind kind = CrisisKind::kNone;
  bool immediate_danger = false;  // "now": 殴られてる, 刺された, 今から飛び降りる -> 110/119 first
  std::string rule_id;  // which rule fired (for tests and anonymous counts; no text)
  CrisisKind also = CrisisKind::kNone;  // the other kind, when rules of both kinds fired
  bool hit() const { return kind != CrisisKind::kNone; }
};

class CrisisDetector {
 public:
  // Parses a rule file (format documented at the top of intents/data/crisis.tsv).
  // When several rules fire, `kind`/`rule_id` come from the most urgent: immediate rules
  // first, then suicide before violence, then file order.
  // Error kInvalidArgument "<source>:<line>: <reason>" for a bad row or a pattern RE2 rejects.
  static Result<std::unique_ptr<CrisisDetector>> load(std::string_view tsv,
                                                      const std::string& source_name);
  // The bundled rules.
  static Result<std::unique_ptr<CrisisDetector>> load_bundled();

  virtual ~CrisisDetector();
  virtual CrisisResult check(std::string_view raw_text) const = 0;
};

}  // namespace shirube::intents
