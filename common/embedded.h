#pragma once
// Files compiled into the binary (see cmake/ShirubeEmbed.cmake): bundled data, rule files,
// the web chat page. Keys are paths relative to the source root, e.g.
// "knowledge/data/national_services.tsv". Thread-safety: immutable after static init.

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace shirube {

const std::vector<std::pair<std::string_view, std::string_view>>& embedded_files();

// The file's bytes, or nullopt when no such file was embedded.
inline std::optional<std::string_view> embedded_file(std::string_view path) {
  for (const auto& [name, data] : embedded_files()) {
    if (name == path)
      return data;
  }
  return std::nullopt;
}

}  // namespace shirube
