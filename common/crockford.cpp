#include "common/crockford.h"

#include <vector>

#include <openssl/rand.h>

namespace shirube {

Result<std::string> crockford_random(std::size_t length) {
  std::vector<unsigned char> bytes(length);
  if (length > 0 && RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
    return Error::internal("random", "RAND_bytes failed");
  std::string out;
  out.reserve(length);
  for (unsigned char b : bytes)
    out += kCrockford[b % kCrockford.size()];  // 256 is a multiple of 32: no bias
  return out;
}

std::optional<std::string> crockford_fold(std::string_view typed, std::size_t length) {
  std::string out;
  for (char c : typed) {
    if (c == '-' || c == ' ')
      continue;
    if (c >= 'a' && c <= 'z')
      c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O')
      c = '0';
    else if (c == 'I' || c == 'L')
      c = '1';
    if (kCrockford.find(c) == std::string_view::npos)
      return std::nullopt;
    out.push_back(c);
  }
  if (out.size() != length)
    return std::nullopt;
  return out;
}

}  // namespace shirube
