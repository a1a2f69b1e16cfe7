#pragma once
#include <string>
#include <vector>

namespace shirube::intents {
// `shirube eval FILE.tsv`: accuracy per category and the misclassified lines.
int run_eval(const std::vector<std::string>& args);
}  // namespace shirube::intents
