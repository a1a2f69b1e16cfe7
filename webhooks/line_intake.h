#pragma once
// What one verified, parsed webhook body becomes before it is written to the inbox: one
// InboxItem per event (its Work as payload, the keyed hash of the user id, never the raw
// id), the message ids that an unsend event asks to scrub, and per item the chat where the
// loading animation may be shown ("" when none: decide() allows it only for what the engine
// answers one-to-one). Counts every event by type ("events.<type>", "unknown_types.<name>"),
// unknown fields, redeliveries and standby events.
// Thread-safety: uses only its arguments (Counters is thread-safe).

#include <string>
#include <vector>

#include "webhooks/line_counters.h"
#include "webhooks/line_events.h"
#include "webhooks/line_inbox.h"

namespace shirube::webhooks::line {

struct Intake {
  std::vector<InboxItem> items;
  std::vector<std::string> unsent;        // message ids to scrub from pending rows
  std::vector<std::string> loading_chat;  // per item: where the loading animation may go
};

Intake take_in(const std::vector<Event>& events, const std::string& channel_secret,
               Counters& counters);

}  // namespace shirube::webhooks::line
