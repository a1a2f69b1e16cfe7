#include "bot/chat_cli.h"

#include <cstdio>

namespace shirube::bot {
int run_chat(const std::vector<std::string>& /*args*/) {
  std::fputs("shirube: this command is not built yet\n", stderr);
  return 2;
}
}  // namespace shirube::bot
