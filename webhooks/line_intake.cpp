#include "webhooks/line_intake.h"

#include "webhooks/line_dispatch.h"
#include "webhooks/line_signature.h"

namespace shirube::webhooks::line {
namespace {

void count_event(const Event& ev, Counters& counters) {
  if (ev.type == EventType::kUnknown) {
    // One label for every type this code does not know: the names come from the body, and a
    // label per name would let a sender grow the metrics without bound.
    counters.add("events.other");
  } else {
    counters.add(std::string("events.") + event_type_name(ev.type));
  }
  if (ev.unknown_fields > 0)
    counters.add("unknown_fields.total", static_cast<uint64_t>(ev.unknown_fields));
  if (ev.is_redelivery)
    counters.add("delivery.redelivered");
  if (ev.standby)
    counters.add("delivery.standby");
}

}  // namespace

Intake take_in(const std::vector<Event>& events, const std::string& channel_secret,
               Counters& counters, const RiskCheck& risk) {
  Intake in;
  in.items.reserve(events.size());
  in.loading_chat.reserve(events.size());
  for (const Event& ev : events) {
    count_event(ev, counters);
    if (ev.type == EventType::kUnsend && !ev.unsend_message_id.empty())
      in.unsent.push_back(ev.unsend_message_id);
    const Work work = decide(ev);
    InboxItem item;
    item.event_id = ev.webhook_event_id;
    item.event_type = ev.type_name.substr(0, 64);
    if (work.kind != WorkKind::kNone)
      item.payload = to_payload(work);
    if (work.kind == WorkKind::kText && risk) {
      const intents::RiskLevel level = risk(work.text);
      item.risk = static_cast<int>(level);
      if (level != intents::RiskLevel::kNone)
        counters.add(std::string("risk.") + intents::risk_level_name(level));
    }
    if (ev.type == EventType::kMessage)
      item.message_id = ev.message_id;
    if (!ev.source.user_id.empty())
      item.user_hash = user_hash(channel_secret, ev.source.user_id);
    in.items.push_back(std::move(item));
    in.loading_chat.push_back(work.loading ? work.to : std::string());
  }
  return in;
}

}  // namespace shirube::webhooks::line
