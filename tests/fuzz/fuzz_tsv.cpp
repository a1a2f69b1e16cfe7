// libFuzzer target: the TSV importer, from the file's bytes (UTF-8 or Shift_JIS decoding)
// through the layout detection to the three row readers.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "knowledge/directory.h"
#include "knowledge/tsv_import.h"

namespace kn = shirube::knowledge;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto text = kn::decode_input(bytes, "fuzz.tsv");
  if (!text.ok())
    return 0;
  (void)kn::detect_tsv(*text);
  kn::Directory national;
  kn::read_national_tsv(*text, "fuzz.tsv", national);
  kn::Directory local;
  kn::read_local_tsv(*text, "fuzz.tsv", local);
  kn::Directory seed;
  kn::read_seed_tsv(*text, "fuzz.tsv", seed);
  return 0;
}
