// libFuzzer target: the LINE webhook body parser (after the signature check, so every byte
// is the sender's), what the channel decides for each event, and the inbox payload round
// trip.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "webhooks/line_dispatch.h"
#include "webhooks/line_events.h"

namespace line = shirube::webhooks::line;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  auto callback = line::parse_callback(body);
  if (!callback.ok())
    return 0;
  for (const line::Event& event : callback->events) {
    const line::Work work = line::decide(event);
    (void)line::from_payload(line::to_payload(work));
  }
  return 0;
}
