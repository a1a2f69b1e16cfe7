#pragma once
#include <string>
#include <vector>

namespace shirube::webhooks {
// `shirube serve [--host H] [--port P] [--db PATH]`.
int run_serve(const std::vector<std::string>& args);
}  // namespace shirube::webhooks
