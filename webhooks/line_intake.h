#pragma once
// What one verified, parsed webhook body becomes before it is written to the inbox: one
// InboxItem per event (its Work as payload, the keyed hash of the user id, never the raw
// id), the message ids that an unsend event asks to scrub, and per item the chat where the
// loading animation may be shown ("" when none: decide() allows it only for what the engine
// answers one-to-one). The text of each text message the engine will answer is checked for
// risk here, on acceptance (`risk`, the crisis detector's check: about 10-30 µs), and only
// its level is kept (InboxItem::risk), so that crisis and check messages are answered first.
// Counts every event by type ("events.<type>"; every unknown type as
// "events.other"), unknown fields, redeliveries and standby events, and the risk levels
// found ("risk.crisis", "risk.check"). Thread-safety: uses only its arguments (Counters is
// thread-safe; `risk` must be safe from any thread).

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "intents/risk.h"
#include "webhooks/line_counters.h"
#include "webhooks/line_events.h"
#include "webhooks/line_inbox.h"

namespace shirube::webhooks::line {

struct Intake {
  std::vector<InboxItem> items;
  std::vector<std::string> unsent;        // message ids to scrub from pending rows
  std::vector<std::string> loading_chat;  // per item: where the loading animation may go
};

using RiskCheck = std::function<intents::RiskLevel(std::string_view text)>;

Intake take_in(const std::vector<Event>& events, const std::string& channel_secret,
               Counters& counters, const RiskCheck& risk);

}  // namespace shirube::webhooks::line
