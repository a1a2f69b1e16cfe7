#pragma once
// The statistical signal of the crisis detector: a fastText classifier (Debian's
// libfasttext-dev) over MeCab words and their character n-grams, trained at build time on the
// labelled messages the project ships (tests/data/risk_round*.tsv, crisis_recall.tsv,
// intents_eval.tsv; see intents/train_risk_model.cpp). It gives each message a probability
// that the writer (self) or someone with them (other) is in danger.
// The detector uses it only to raise a message the rules left at none to check (ask); it never
// lowers a rule's level. Design and measurements: docs/crisis-detection.md.
// Thread-safety: immutable after load(); predict() is safe from any thread.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "intents/mecab.h"

namespace MeCab {
class Tagger;
}

namespace fasttext {
class FastText;
}

namespace shirube::intents {

// The words the model sees: NFKC, case-folded, split by MeCab, joined by single spaces.
// Emoji and digits stay (they are signals). Used for training and prediction alike.
class RiskWords {
 public:
  static Result<RiskWords> open(const std::string& dictionary = "");
  std::string words(std::string_view raw_text) const;

 private:
  RiskWords(std::shared_ptr<MeCab::Model> model, std::shared_ptr<MeCab::Tagger> tagger)
      : model_(std::move(model)), tagger_(std::move(tagger)) {}
  std::shared_ptr<MeCab::Model> model_;
  std::shared_ptr<MeCab::Tagger> tagger_;  // parse(Lattice*) is safe from any thread
};

struct RiskPrediction {
  double self = 0;   // the writer's life (suicide, self-harm, an act done)
  double other = 0;  // danger from another person
  double risk() const { return self + other; }
};

// The labels of the training file (fastText's __label__ prefix).
inline constexpr const char* kRiskLabelSelf = "__label__self";
inline constexpr const char* kRiskLabelOther = "__label__other";
inline constexpr const char* kRiskLabelNone = "__label__none";

class RiskModel {
 public:
  // risk() at or above this raises none to check. Chosen by leave-one-round-out
  // cross-validation on rounds 1-6 (docs/crisis-detection.md).
  static constexpr double kThreshold = 0.5;

  // `model_bytes`: a fastText .bin file. kInvalidArgument when it is not one.
  static Result<std::unique_ptr<RiskModel>> load(std::string_view model_bytes,
                                                 const std::string& source,
                                                 const std::string& dictionary = "");
  // The model trained at build time and compiled into the binary.
  static Result<std::unique_ptr<RiskModel>> load_bundled();
  ~RiskModel();

  RiskPrediction predict(std::string_view raw_text) const;

 private:
  RiskModel(RiskWords words, std::unique_ptr<fasttext::FastText> model);
  RiskWords words_;
  std::unique_ptr<fasttext::FastText> model_;
};

}  // namespace shirube::intents
