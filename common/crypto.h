#pragma once
// Keyed hashing and the encodings around it, over OpenSSL: HMAC-SHA256 (RFC 2104 / 4231),
// lowercase hex, standard base64 (RFC 4648, '=' padding) with strict decoding, a
// constant-time comparison, and AES-256-GCM sealing. Used for the LINE signature check, the
// keyed hash of user ids and the sealed payloads of the LINE inbox.
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

// AES-256-GCM: seal() returns a random 12-byte nonce, the ciphertext and the 16-byte tag, in
// that order; open_sealed() checks the tag and returns the plaintext, nullopt when `sealed`
// was not made by seal() under this key (altered, truncated, another key). `key` must be 32
// bytes (seal() returns "" and open_sealed() nullopt otherwise).
std::string seal(std::string_view key, std::string_view plaintext);
std::optional<std::string> open_sealed(std::string_view key, std::string_view sealed);

}  // namespace shirube::crypto
