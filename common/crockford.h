#pragma once
// Crockford base32 (0-9 and A-Z without I, L, O, U): the short codes people read and type —
// food-support references and worker link codes. Typing is forgiving: lower case, hyphens and
// spaces are fine, O reads as 0 and I or L as 1.
// Thread-safety: pure functions (crockford_random uses OpenSSL's RAND_bytes).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"

namespace shirube {

inline constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

// `length` random characters, 5 random bits each. Error kInternal when RAND_bytes fails.
Result<std::string> crockford_random(std::size_t length);

// The code as typed, folded to its canonical form; nullopt when a character is not of the
// alphabet (after folding) or the code is not `length` characters long.
std::optional<std::string> crockford_fold(std::string_view typed, std::size_t length);

}  // namespace shirube
