#include "intents/eval_cli.h"

#include <cstdio>

namespace shirube::intents {
int run_eval(const std::vector<std::string>& /*args*/) {
  std::fputs("shirube: this command is not built yet\n", stderr);
  return 2;
}
}  // namespace shirube::intents
