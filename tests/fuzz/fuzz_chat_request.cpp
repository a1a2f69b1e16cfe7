// libFuzzer target: the body of POST /api/v1/chat.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "webhooks/server.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  (void)shirube::webhooks::parse_chat_request(body);
  (void)shirube::webhooks::is_json_content_type(body);
  return 0;
}
