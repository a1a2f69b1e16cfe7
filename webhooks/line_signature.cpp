#include "webhooks/line_signature.h"

#include "common/crypto.h"

namespace shirube::webhooks::line {

using crypto::base64_decode;
using crypto::base64_encode;
using crypto::hmac_sha256;
using crypto::to_hex;

std::string sign(std::string_view secret, std::string_view body) {
  return base64_encode(hmac_sha256(secret, body));
}

bool verify_signature(std::string_view secret, std::string_view body, std::string_view header) {
  if (secret.empty() || header.empty())
    return false;
  const std::optional<std::string> given = base64_decode(header);
  if (!given || given->size() != 32)
    return false;
  const std::string expected = hmac_sha256(secret, body);
  if (expected.size() != 32)
    return false;
  // Constant time: the comparison must not reveal how many leading bytes matched.
  return crypto::equal_constant_time(*given, expected);
}

std::string retry_key(std::string_view secret, std::string_view webhook_event_id,
                      std::string_view action) {
  std::string msg = "retry:";
  msg += webhook_event_id;
  msg += ':';
  msg += action;
  std::string h = hmac_sha256(secret, msg).substr(0, 16);
  if (h.size() < 16)
    h.resize(16, '\0');
  // RFC 4122 name-based layout: version 5 in the high nibble of byte 6, variant 10 in byte 8.
  h[6] = static_cast<char>((static_cast<unsigned char>(h[6]) & 0x0F) | 0x50);
  h[8] = static_cast<char>((static_cast<unsigned char>(h[8]) & 0x3F) | 0x80);
  const std::string hex = to_hex(h);
  return hex.substr(0, 8) + '-' + hex.substr(8, 4) + '-' + hex.substr(12, 4) + '-' +
         hex.substr(16, 4) + '-' + hex.substr(20, 12);
}

std::string user_hash(std::string_view secret, std::string_view user_id) {
  std::string msg = "user:";
  msg += user_id;
  return crypto::hmac_sha256_hex(secret, msg);
}

}  // namespace shirube::webhooks::line
