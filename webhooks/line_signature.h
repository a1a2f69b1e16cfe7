#pragma once
// LINE webhook signatures and the keyed identifiers derived from the channel secret.
// - verify_signature: HMAC-SHA256 of the exact raw body with the channel secret, compared
//   in constant time with the strictly base64-decoded `x-line-signature` value.
// - retry_key: the X-Line-Retry-Key for a push, a UUID derived from the webhookEventId so
//   that every retry (also after a restart) carries the same key.
// - user_hash: the keyed hash under which a LINE user id may be stored.
// Thread-safety: pure functions.

#include <string>
#include <string_view>

namespace shirube::webhooks::line {

// HMAC-SHA256, hex and base64 themselves are in common/crypto.h.

// base64(HMAC-SHA256(secret, body)): what LINE puts in x-line-signature.
std::string sign(std::string_view secret, std::string_view body);

// True when `header` is the signature of `body`. False for an empty secret, an empty or
// malformed header, or a header that does not decode to exactly 32 bytes.
bool verify_signature(std::string_view secret, std::string_view body, std::string_view header);

// A lowercase RFC 4122 UUID (version 5 layout, variant 10) taken from
// HMAC-SHA256(secret, "retry:" + webhook_event_id + ":" + action). Deterministic.
std::string retry_key(std::string_view secret, std::string_view webhook_event_id,
                      std::string_view action = "answer");

// Lowercase hex of HMAC-SHA256(secret, "user:" + user_id): 64 characters.
std::string user_hash(std::string_view secret, std::string_view user_id);

}  // namespace shirube::webhooks::line
