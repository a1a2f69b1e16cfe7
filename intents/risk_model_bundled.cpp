// RiskModel::load_bundled(), apart from risk_model.cpp because the build tool that trains the
// model (train_risk_model.cpp) compiles risk_model.cpp before the model exists.
#include <string_view>

#include "intents/risk_model.h"

namespace shirube {
// Generated at build time by shirube_train_risk: the model's bytes.
std::string_view bundled_risk_model();
}  // namespace shirube

namespace shirube::intents {

Result<std::unique_ptr<RiskModel>> RiskModel::load_bundled() {
  return load(bundled_risk_model(), "risk model (built in)");
}

}  // namespace shirube::intents
