#pragma once
// The whole of a file as bytes ("" when it cannot be opened: the caller's checks then fail on
// the content, naming what they expected).

#include <fstream>
#include <sstream>
#include <string>

namespace shirube::testing {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace shirube::testing
