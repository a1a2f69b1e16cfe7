// libFuzzer target: the HSDS 3.0 importer. The first byte picks which of the eight tables
// the rest is (decoded as an input file, then read as CSV rows of that table).
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "knowledge/directory.h"
#include "knowledge/hsds_csv.h"
#include "knowledge/tsv_import.h"

namespace kn = shirube::knowledge;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0)
    return 0;
  const auto& names = kn::hsds_file_names();
  const std::string& name = names[data[0] % names.size()];
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  auto text = kn::decode_input(bytes, name);
  if (!text.ok())
    return 0;
  (void)kn::parse_csv(*text, name);
  kn::Directory out;
  kn::read_hsds({{name, {name, *text}}}, out);
  return 0;
}
