#include "webhooks/line_send.h"

#include <algorithm>
#include <chrono>

#include "webhooks/line_log.h"
#include "webhooks/line_signature.h"

namespace shirube::webhooks::line {
namespace {

constexpr int kMaxBackoffMs = 4000;

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void log_rejected(const char* api, const InboxRow& row, const ApiResponse& r) {
  log_line(std::string(api) + " rejected for " + row.event_id + ": " + std::to_string(r.status) +
           " " + r.message + (r.details.empty() ? "" : " (" + r.details + ")"));
}

// The Reply API part: an outcome when it settled the event, "" to go on with push, nullopt
// when stopping.
std::optional<std::string> try_reply(LineApiClient& api, const InboxRow& row, const Work& work,
                                     const std::string& messages, const LineOptions& options,
                                     Counters& counters, const Backoff& wait) {
  // A reply from an earlier run may have reached LINE without being recorded: never reply
  // twice with one token; push with the retry key instead (LINE dedupes pushes by key).
  // (begin() recorded durably that this attempt may use the token.)
  if (work.reply_token.empty() || row.reply_attempted)
    return std::string();
  int delay = options.retry_base_ms;
  for (;;) {
    if (now_ms() - row.received_ms >= options.reply_window_ms)
      return std::string();
    const ApiResponse r = api.reply(work.reply_token, messages);
    if (r.ok())
      return std::string("reply");
    if (r.invalid_reply_token()) {
      counters.add("reply.invalid_token");
      return std::string();
    }
    if (!r.retryable()) {
      log_rejected("reply", row, r);
      return std::string("rejected");
    }
    counters.add("reply.retry");
    // Retry only while the token is still usable after the wait.
    if (now_ms() + delay - row.received_ms >= options.reply_window_ms)
      return std::string();
    if (!wait(delay))
      return std::nullopt;
    delay = std::min(delay * 2, kMaxBackoffMs);
  }
}

}  // namespace

std::optional<std::string> send_answer(LineApiClient& api, const InboxRow& row, const Work& work,
                                       const std::string& messages, const LineOptions& options,
                                       Counters& counters, const Backoff& wait) {
  std::optional<std::string> replied = try_reply(api, row, work, messages, options, counters, wait);
  if (!replied || !replied->empty())
    return replied;
  if (work.to.empty())
    return std::string("no_target");
  const std::string key = retry_key(options.channel_secret, row.event_id);
  int delay = options.retry_base_ms;
  for (int attempt = 1;; ++attempt) {
    const ApiResponse r = api.push(work.to, messages, key);
    // 409: this retry key was already accepted, i.e. the message was sent.
    if (r.ok() || r.status == 409)
      return std::string("push");
    if (!r.retryable()) {
      log_rejected("push", row, r);
      return std::string("rejected");
    }
    if (attempt >= options.push_attempts) {
      log_line("push failed for " + row.event_id + " after " + std::to_string(attempt) +
               " attempts: " + (r.status == 0 ? r.error : std::to_string(r.status)));
      return std::string("failed");
    }
    counters.add("push.retry");
    if (!wait(delay))
      return std::nullopt;
    delay = std::min(delay * 2, kMaxBackoffMs);
  }
}

std::optional<bot::Input> to_engine_input(const Work& work) {
  bot::Input input;
  switch (work.kind) {
    case WorkKind::kFollow:
      input.kind = bot::Input::Kind::kFollow;
      break;
    case WorkKind::kText:
      input.kind = bot::Input::Kind::kText;
      input.text = work.text;
      break;
    case WorkKind::kPostback:
      input.kind = bot::Input::Kind::kPostback;
      input.data = work.data;
      break;
    case WorkKind::kLocation:
      input.kind = bot::Input::Kind::kLocation;
      input.latitude = work.latitude;
      input.longitude = work.longitude;
      input.prefecture = work.prefecture;
      break;
    case WorkKind::kMedia:
      input.kind = bot::Input::Kind::kMedia;
      input.media = work.media;
      break;
    default:
      return std::nullopt;
  }
  return input;
}

}  // namespace shirube::webhooks::line
