#include "webhooks/serve.h"

#include <cstdio>

namespace shirube::webhooks {
int run_serve(const std::vector<std::string>& /*args*/) {
  std::fputs("shirube: this command is not built yet\n", stderr);
  return 2;
}
}  // namespace shirube::webhooks
