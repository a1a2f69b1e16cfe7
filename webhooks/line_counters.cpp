#include "webhooks/line_counters.h"

#include <nlohmann/json.hpp>

namespace shirube::webhooks::line {

void Counters::add(const std::string& key, uint64_t n) {
  std::lock_guard<std::mutex> lock(mu_);
  values_[key] += n;
}

std::map<std::string, uint64_t> Counters::snapshot() const {
  std::lock_guard<std::mutex> lock(mu_);
  return values_;
}

std::string Counters::to_json() const {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, value] : snapshot()) {
    const std::size_t dot = key.find('.');
    if (dot == std::string::npos) {
      out[key] = value;
    } else {
      out[key.substr(0, dot)][key.substr(dot + 1)] = value;
    }
  }
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace shirube::webhooks::line
