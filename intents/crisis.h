#pragma once
// Crisis detector: checked first on every text message at every node and inside every form.
// Two layers of rules, and the message gets the more severe of their levels (intents/risk.h):
//   - surface rules (intents/data/crisis.tsv, compiled into the binary), matched with one
//     RE2::Set against normalize(text), the same with stretched kana folded ("しにたぁい"),
//     digits read as kana ("4にたい"), and normalize_keep_spaces(text) for English; they
//     cover the set phrases of Japanese and of ten other languages and give crisis;
//   - the meaning layer (intents/meaning.h): each Japanese sentence read with MeCab into
//     concepts and verb forms, combined by rules; it gives crisis or check, and recognises
//     hyperbole (死ぬほど眠い), which lowers a surface crisis found only in such a sentence.
// Then, for a message both left at none, the risk model (intents/risk_model.h), a classifier
// trained on the labelled messages the project ships: it raises the message to check when it
// finds danger likely, and never lowers anything.
// Tuned for recall: a false alarm costs one message, a miss can cost a life. Design and
// measurements: docs/crisis-detection.md. tests/data/crisis_recall.tsv holds every phrasing
// that must be caught; tests/data/risk_round*.tsv the blind rounds.
// Thread-safety: immutable after load(); check() is safe from any thread.

#include <memory>
#include <string>
#include <string_view>

#include "common/error.h"
#include "intents/risk.h"

namespace shirube::intents {

class MeaningReader;
class RiskModel;

struct CrisisResult {
  RiskLevel level = RiskLevel::kNone;
  CrisisKind kind = CrisisKind::kNone;  // set for crisis and check
  bool immediate_danger = false;  // "now": 殴られてる, 刺された, 今から飛び降りる -> 110/119 first
  std::string rule_id;  // which rule fired (for tests and anonymous counts; no text)
  CrisisKind also = CrisisKind::kNone;  // the other kind, when rules of both kinds fired
  bool by_model = false;                // check given by the risk model alone (no rule fired)
  bool hit() const { return level == RiskLevel::kCrisis; }  // the crisis answer takes over
  bool ask() const { return level == RiskLevel::kCheck; }
};

class CrisisDetector {
 public:
  // Parses a rule file (format documented at the top of intents/data/crisis.tsv).
  // When several rules fire, `kind`/`rule_id` come from the most urgent: immediate rules
  // first, then suicide before violence, then file order.
  // Error kInvalidArgument "<source>:<line>: <reason>" for a bad row or a pattern RE2 rejects.
  static Result<std::unique_ptr<CrisisDetector>> load(std::string_view tsv,
                                                      const std::string& source_name);
  // The same, with the meaning layer (null: surface rules only, as in rule-file tests) and
  // the risk model (null: none).
  static Result<std::unique_ptr<CrisisDetector>> load(std::string_view tsv,
                                                      const std::string& source_name,
                                                      std::unique_ptr<MeaningReader> meaning,
                                                      std::unique_ptr<RiskModel> model = nullptr);
  // The bundled rules and the bundled meaning layer. Fails when MeCab's IPADIC dictionary
  // is missing (Debian package mecab-ipadic-utf8): the service must not start without it.
  // with_meaning=false: the surface rules only (for `shirube eval --surface-only`);
  // with_model=false: rules and meaning layer without the risk model (`--without-model`).
  static Result<std::unique_ptr<CrisisDetector>> load_bundled(bool with_meaning = true,
                                                              bool with_model = true);
  // The same with `model` (null: the bundled one) instead of the bundled risk model
  // (`shirube eval --risk-model`, `--risk-threshold`).
  static Result<std::unique_ptr<CrisisDetector>> load_bundled(bool with_meaning, bool with_model,
                                                              std::unique_ptr<RiskModel> model);

  virtual ~CrisisDetector();
  virtual CrisisResult check(std::string_view raw_text) const = 0;
};

}  // namespace shirube::intents
