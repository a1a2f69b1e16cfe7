#include "intents/risk_model.h"

#include <utility>

namespace shirube::intents {

Result<std::unique_ptr<RiskModel>> RiskModel::load(std::string_view model_bytes,
                                                   const std::string& source,
                                                   const std::string& dictionary) {
  ASSIGN_OR_RETURN(std::unique_ptr<TextModel> model,
                   TextModel::load(model_bytes, source, dictionary));
  return std::unique_ptr<RiskModel>(new RiskModel(std::move(model)));
}

RiskPrediction RiskModel::predict(std::string_view raw_text) const {
  RiskPrediction p;
  for (const auto& [label, probability] : model_->predict(raw_text, 3)) {
    if (label == kRiskLabelSelf)
      p.self = probability;
    else if (label == kRiskLabelOther)
      p.other = probability;
  }
  return p;
}

}  // namespace shirube::intents
