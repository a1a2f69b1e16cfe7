#pragma once
#include <string>
#include <vector>

namespace shirube::bot {
// `shirube chat [--db PATH]`: the conversation in a terminal.
int run_chat(const std::vector<std::string>& args);
}  // namespace shirube::bot
