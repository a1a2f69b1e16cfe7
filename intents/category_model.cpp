#include "intents/category_model.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/utf8.h"
#include "intents/language.h"
#include "intents/normalize.h"
#include "intents/romaji.h"

namespace shirube::intents {
namespace {

constexpr double kRulesStand = 11.0;

bool is_category(const std::string& label) {
  return std::find(category_ids().begin(), category_ids().end(), label) != category_ids().end();
}

std::vector<IntentMatch>::iterator find_category(std::vector<IntentMatch>& found,
                                                 const std::string& category) {
  return std::find_if(found.begin(), found.end(),
                      [&](const IntentMatch& m) { return m.category == category; });
}

// A message in Japanese is put under foreign residents' support only when the rules see it
// there too (在留カード, ビザ, 外国人): the model learnt the label from the other languages'
// messages about money and work, and guesses it for お金がなくてつらい.
bool unfounded_foreign(const std::string& label, bool japanese, std::vector<IntentMatch>& found) {
  return japanese && label == "foreign_residents" && find_category(found, label) == found.end();
}

class ModelIntentMatcher final : public IntentMatcher {
 public:
  ModelIntentMatcher(std::unique_ptr<IntentMatcher> rules, std::unique_ptr<CategoryModel> model)
      : rules_(std::move(rules)), model_(std::move(model)) {}

  std::vector<IntentMatch> match(std::string_view raw_text) const override {
    std::vector<IntentMatch> found = rules_->match(raw_text);
    // A rule of weight 11 or more (suicide talked about by a helper, in study or by the
    // bereaved: intents.tsv) names the need whatever the model guesses from the other words.
    if (!found.empty() && found.front().score >= kRulesStand)
      return found;
    const bool japanese = detect_language(raw_text) == "ja";
    const bool blend = model_->weight() > 0.0;
    // Romaji Japanese (yachin ga haraenai) is read by the model in hiragana, as it was
    // trained; the letters themselves would be a guess.
    const std::optional<std::string> kana = romaji_as_kana(raw_text);
    const std::string_view text = kana ? std::string_view(*kana) : raw_text;
    if (utf8::code_points(normalize(text)) < CategoryModel::kMinChars ||
        (!blend && !model_->every_language() && !japanese))
      return found;
    if (blend)
      return blended(std::move(found), model_->ranked(text), japanese);
    // Every label only when the model orders the rules' categories; else the likeliest.
    const std::vector<LabelProbability> labels =
        model_->orders_rules() ? model_->ranked(text)
                               : std::vector<LabelProbability>{model_->top(text)};
    if (labels.empty())
      return found;
    const LabelProbability& top = labels.front();
    const double best = found.empty() ? 0.0 : found.front().score;
    // A threshold of 1 means never (fastText gives 1.0 to a line it has learnt by heart).
    if (model_->threshold() < 1.0 && top.probability >= model_->threshold() &&
        is_category(top.label) && !unfounded_foreign(top.label, japanese, found)) {
      if (const auto it = find_category(found, top.label); it != found.end())
        found.erase(it);
      found.insert(found.begin(), IntentMatch{top.label, best + 1.0});
      return found;
    }
    if (model_->orders_rules() && found.size() > 1) {
      // The first of the model's labels that the rules found too goes first.
      for (const LabelProbability& l : labels) {
        const auto it = find_category(found, l.label);
        if (it == found.end())
          continue;
        if (it != found.begin()) {
          IntentMatch first{it->category, best + 0.5};
          found.erase(it);
          found.insert(found.begin(), std::move(first));
        }
        break;
      }
    }
    return found;
  }

  // The rules' scores plus the model's probabilities times the weight, highest first.
  std::vector<IntentMatch> blended(std::vector<IntentMatch> found,
                                   const std::vector<LabelProbability>& labels,
                                   bool japanese) const {
    // In the other languages the rules know the words of a need better than the model, which
    // learnt them from few messages and reads small talk ("qué golazo") or letters typed at
    // random as a need: there it only weighs the categories the rules found.
    double none = 0.0;  // how likely the model finds that the message names no need
    for (const LabelProbability& l : labels) {
      if (l.label == "none")
        none = l.probability;
    }
    for (const LabelProbability& l : labels) {
      if (!is_category(l.label))
        continue;
      const auto it = find_category(found, l.label);
      if (it != found.end()) {
        it->score += l.probability * model_->weight();
        continue;
      }
      // Added, in Japanese, when the model finds it likelier than no need at all.
      if (japanese && l.probability >= CategoryModel::kMinProbability && l.probability > none &&
          !unfounded_foreign(l.label, japanese, found))
        found.push_back(IntentMatch{l.label, l.probability * model_->weight()});
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const IntentMatch& a, const IntentMatch& b) { return a.score > b.score; });
    return found;
  }

  // What the person asks the bot to do is the rules' alone (the model knows only categories).
  std::vector<std::string> actions(std::string_view raw_text) const override {
    return rules_->actions(raw_text);
  }

 private:
  std::unique_ptr<IntentMatcher> rules_;
  std::unique_ptr<CategoryModel> model_;
};

}  // namespace

Result<std::unique_ptr<CategoryModel>> CategoryModel::load(std::string_view model_bytes,
                                                           const std::string& source,
                                                           const std::string& dictionary) {
  ASSIGN_OR_RETURN(std::unique_ptr<TextModel> model,
                   TextModel::load(model_bytes, source, dictionary));
  return std::unique_ptr<CategoryModel>(new CategoryModel(std::move(model)));
}

std::vector<LabelProbability> CategoryModel::ranked(std::string_view raw_text) const {
  return model_->predict(raw_text, static_cast<int>(category_ids().size()) + 1);
}

LabelProbability CategoryModel::top(std::string_view raw_text) const {
  std::vector<LabelProbability> found = model_->predict(raw_text, 1);
  if (found.empty())
    return {"none", 0.0};
  return std::move(found.front());
}

std::unique_ptr<IntentMatcher> with_category_model(std::unique_ptr<IntentMatcher> rules,
                                                   std::unique_ptr<CategoryModel> model) {
  return std::make_unique<ModelIntentMatcher>(std::move(rules), std::move(model));
}

}  // namespace shirube::intents
