#pragma once
// Delivering one answer to LINE, and the engine input for one event.
//
// send_answer(): the Reply API while the reply token can still be valid (received less than
// `reply_window_ms` ago, never a second time with one token), retried with backoff on
// retryable errors; then the push API with an X-Line-Retry-Key derived from the
// webhookEventId, up to `push_attempts` tries (409 = already accepted, i.e. sent).
// Returns the outcome ("reply", "push", "rejected", "failed", "no_target"), or nullopt when
// `wait` reports a stop (the event stays pending). Counts "reply.invalid_token",
// "reply.retry" and "push.retry". Logs rejections with the event id (never tokens or text).
//
// to_engine_input(): the bot::Input for a Work that the engine answers; nullopt for kinds it
// does not (none, unfollow, group note).
//
// Thread-safety: send_answer() uses only its arguments (the client belongs to the caller's
// thread); to_engine_input() is pure.

#include <functional>
#include <optional>
#include <string>

#include "bot/reply.h"
#include "webhooks/line_api.h"
#include "webhooks/line_channel.h"
#include "webhooks/line_counters.h"
#include "webhooks/line_dispatch.h"
#include "webhooks/line_inbox.h"

namespace shirube::webhooks::line {

// Sleeps up to the given milliseconds; false when the channel is stopping.
using Backoff = std::function<bool(int)>;

std::optional<std::string> send_answer(LineApiClient& api, const InboxRow& row, const Work& work,
                                       const std::string& messages, const LineOptions& options,
                                       Counters& counters, const Backoff& wait);

std::optional<bot::Input> to_engine_input(const Work& work);

}  // namespace shirube::webhooks::line
