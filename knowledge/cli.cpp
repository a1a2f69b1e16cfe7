#include "knowledge/cli.h"

#include <cstdio>

namespace shirube::knowledge {
int run_import(const std::vector<std::string>& /*args*/) {
  std::fputs("shirube: this command is not built yet\n", stderr);
  return 2;
}
int run_export(const std::vector<std::string>& /*args*/) {
  std::fputs("shirube: this command is not built yet\n", stderr);
  return 2;
}
int run_search(const std::vector<std::string>& /*args*/) {
  std::fputs("shirube: this command is not built yet\n", stderr);
  return 2;
}
int run_check(const std::vector<std::string>& /*args*/) {
  std::fputs("shirube: this command is not built yet\n", stderr);
  return 2;
}
}  // namespace shirube::knowledge
