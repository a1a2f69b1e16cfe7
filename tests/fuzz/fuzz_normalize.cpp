// libFuzzer target: the normaliser every message goes through first (NFKC, case folding,
// kana, spaces), on any bytes, valid UTF-8 or not.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "intents/normalize.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string once = shirube::intents::normalize(text);
  (void)shirube::intents::normalize(once);
  (void)shirube::intents::normalize_keep_spaces(text);
  (void)shirube::intents::has_ascii_letter(once);
  return 0;
}
