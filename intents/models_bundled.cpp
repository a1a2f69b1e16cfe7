// The load_bundled() of the two models, apart from their classes because the build tool that
// trains the models (train_models.cpp) compiles those classes before the models exist.
#include <string_view>

#include "intents/category_model.h"
#include "intents/risk_model.h"

namespace shirube {
// Generated at build time by shirube_train_models: the models' bytes.
std::string_view bundled_risk_model();
std::string_view bundled_category_model();
}  // namespace shirube

namespace shirube::intents {

Result<std::unique_ptr<RiskModel>> RiskModel::load_bundled() {
  return load(bundled_risk_model(), "risk model (built in)");
}

Result<std::unique_ptr<CategoryModel>> CategoryModel::load_bundled() {
  return load(bundled_category_model(), "category model (built in)");
}

}  // namespace shirube::intents
