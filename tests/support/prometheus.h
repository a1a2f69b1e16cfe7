#pragma once
// parse_prometheus(): reads a Prometheus text exposition (format 0.0.4). Every line must be
// a "# HELP name text" / "# TYPE name type" comment or a sample "name{labels} value"; a
// sample's family must have had its # TYPE line before it. Returns the samples by
// "name{labels}" exactly as written; `problems` gets one entry per line that breaks a rule.
// Thread-safety: pure.

#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace shirube::testing {

struct Exposition {
  std::map<std::string, double> samples;
  std::vector<std::string> problems;
  double value(const std::string& key) const {
    const auto it = samples.find(key);
    return it == samples.end() ? 0 : it->second;
  }
};

inline Exposition parse_prometheus(const std::string& text) {
  static const std::regex comment(R"(# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) .+)");
  static const std::regex type_line(
      R"(# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped))");
  static const std::regex sample(
      R"(([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:\\.|[^"\\])*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:\\.|[^"\\])*")*\})? (-?[0-9.]+(?:e[-+]?[0-9]+)?|NaN|\+Inf|-Inf))");
  Exposition out;
  std::set<std::string> typed;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_match(line, m, type_line)) {
      typed.insert(m[1]);
    } else if (std::regex_match(line, m, comment)) {
      continue;
    } else if (std::regex_match(line, m, sample)) {
      std::string family = m[1];
      for (const char* suffix : {"_bucket", "_sum", "_count"}) {
        const std::string s = suffix;
        if (typed.count(family) == 0 && family.size() > s.size() &&
            family.compare(family.size() - s.size(), s.size(), s) == 0) {
          family = family.substr(0, family.size() - s.size());
        }
      }
      if (typed.count(family) == 0)
        out.problems.push_back("no # TYPE before: " + line);
      out.samples[std::string(m[1]) + std::string(m[2])] = std::stod(m[3]);
    } else {
      out.problems.push_back("not a sample or comment: " + line);
    }
  }
  return out;
}

}  // namespace shirube::testing
