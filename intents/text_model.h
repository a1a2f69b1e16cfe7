#pragma once
// fastText classifiers over MeCab words (Debian's libfasttext-dev), trained at build time on
// the labelled messages the project ships (intents/train_models.cpp) and compiled into the
// binary. Two use them: the crisis detector's risk model (intents/risk_model.h) and the
// intent matcher's category model (intents/category_model.h).
// Thread-safety: immutable after load(); words() and predict() are safe from any thread.

#include <memory>
#include <string>
#include <string_view>
#include <utility>
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

// The words a model sees: NFKC, case-folded, split by MeCab, joined by single spaces.
// Emoji and digits stay (they are signals). Used for training and prediction alike.
class TextWords {
 public:
  static Result<TextWords> open(const std::string& dictionary = "");
  std::string words(std::string_view raw_text) const;

 private:
  TextWords(std::shared_ptr<MeCab::Model> model, std::shared_ptr<MeCab::Tagger> tagger)
      : model_(std::move(model)), tagger_(std::move(tagger)) {}
  std::shared_ptr<MeCab::Model> model_;
  std::shared_ptr<MeCab::Tagger> tagger_;  // parse(Lattice*) is safe from any thread
};

// A label's name without fastText's "__label__" prefix, and its probability.
struct LabelProbability {
  std::string label;
  double probability = 0;
};

class TextModel {
 public:
  static constexpr const char* kLabelPrefix = "__label__";

  // `model_bytes`: a fastText .bin file. kInvalidArgument when it is not one or is cut short.
  static Result<std::unique_ptr<TextModel>> load(std::string_view model_bytes,
                                                 const std::string& source,
                                                 const std::string& dictionary = "");
  ~TextModel();

  // The `k` likeliest labels, likeliest first.
  std::vector<LabelProbability> predict(std::string_view raw_text, int k) const;

 private:
  TextModel(TextWords words, std::unique_ptr<fasttext::FastText> model);
  TextWords words_;
  std::unique_ptr<fasttext::FastText> model_;
};

}  // namespace shirube::intents
