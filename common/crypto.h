#pragma once
// Keyed hashing and the encodings around it, over OpenSSL: HMAC-SHA256 (RFC 2104 / 4231),
// lowercase hex, standard base64 (RFC 4648, '=' padding) with strict decoding, and a
// constant-time comparison. Used for the LINE signature check and the keyed hash of user ids.
// Thread-safety: pure functions.

#include <optional>
#include <string>
#include <string_view>

namespace shirube::crypto {

// 32 raw bytes of HMAC-SHA256(key, data); an empty key is a zero-length key.
std::string hmac_sha256(std::string_view key, std::string_view data);
// Lowercase hex of HMAC-SHA256(key, data): 64 characters.
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

// Lowercase hex of the bytes.
std::string to_hex(std::string_view bytes);

// Standard base64 with '=' padding.
std::string base64_encode(std::string_view bytes);
// Strict decoding: standard alphabet, length a multiple of 4, correct padding, no
// whitespace, unused bits zero. nullopt on anything else.
std::optional<std::string> base64_decode(std::string_view text);

// True when a and b have the same length and bytes; the time taken does not depend on
// where they differ.
bool equal_constant_time(std::string_view a, std::string_view b);

}  // namespace shirube::crypto
